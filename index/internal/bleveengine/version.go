package bleveengine

import (
	"fmt"
	"strconv"

	"github.com/blevesearch/bleve/v2"
)

// MappingVersion is the version of the mapping newMapping builds, kept in
// the index's metadata when it is created. An index is read with the
// mapping it was created with, whatever the code that opens it: a change
// to the mapping that documents written later need (a new field, another
// analyzer) bumps it, adds a line to mappingChanges, and `newsindex
// reindex` rebuilds an older index. Version 1 is an index that records
// none.
const MappingVersion = 6

// mappingChanges says what each version brought, as the messages that ask
// for a reindex name it.
var mappingChanges = [MappingVersion + 1]string{
	2: "per-language analysis and the language facet (an older index reads every article as English)",
	3: `French and Italian elision after lower case ("L'État" is found by "État")`,
	4: "dates kept as keywords, one term a date where bleve's date field indexed 16 (an index a tenth smaller)",
	5: "quotes read from their article's stored form, not stored again with each quote (an index 15% smaller)",
	6: "the byte offsets of words kept as their distance from where their position puts them (an index 5% smaller)",
}

// ChangesSince says what an index of mapping version v lacks, one change
// after another ("" for a current index).
func ChangesSince(v int) string {
	var out string
	for n := max(v+1, 2); n <= MappingVersion; n++ {
		if out != "" {
			out += "; "
		}
		out += mappingChanges[n]
	}
	return out
}

// mappingVersionKey is the key of the mapping version among bleve's
// internal values.
var mappingVersionKey = []byte("newsindex_mapping_version")

// setMappingVersion records that idx was created with MappingVersion.
func setMappingVersion(idx bleve.Index) error {
	if err := idx.SetInternal(mappingVersionKey, []byte(strconv.Itoa(MappingVersion))); err != nil {
		return fmt.Errorf("record the mapping version: %w", translate(err))
	}
	return nil
}

// MappingVersion returns the version of the mapping the index was created
// with: 1 for an index that records none, made before versions were kept.
func (e *Engine) MappingVersion() (int, error) {
	v, err := e.idx.GetInternal(mappingVersionKey)
	if err != nil {
		return 0, fmt.Errorf("read the mapping version: %w", translate(err))
	}
	if v == nil {
		return 1, nil
	}
	n, err := strconv.Atoi(string(v))
	if err != nil || n < 1 {
		return 0, fmt.Errorf("read the mapping version: %q is not a version", v)
	}
	return n, nil
}
