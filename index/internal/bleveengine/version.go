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
// analyzer) bumps it, and `newsindex reindex` rebuilds an older index.
//
//	1  no version kept: every text read as English, no language field
//	2  the free text of each language in a field of its own (package
//	   analysis, TextField), and the language facet
const MappingVersion = 2

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
