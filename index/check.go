package index

import (
	"context"
	"errors"
	"fmt"

	"github.com/newsindex/newsindex/index/internal/bleveengine"
	"github.com/newsindex/newsindex/index/internal/engine"
)

// CheckReport says what Check found. The index is sound when Problems is
// empty.
type CheckReport struct {
	Path string `json:"path,omitempty"`
	// Documents is the number of bleve documents: articles plus quotes.
	Documents uint64 `json:"documents"`
	// Articles and Quotes count the documents of each kind that decode.
	Articles int `json:"articles"`
	Quotes   int `json:"quotes"`
	// QuotesListed is the number of quotes the articles list; it equals
	// Quotes in a sound index.
	QuotesListed int `json:"quotes_listed"`
	// FoundByID counts the articles that a search by their ID finds, and
	// FoundByTitle those that a search for their title finds (articles
	// without a title are not searched for).
	FoundByID    int `json:"found_by_id"`
	FoundByTitle int `json:"found_by_title"`
	// Mapping is the version of the mapping the index was created with
	// (1 when it records none). NeedsReindex is set when that mapping is
	// older than the one this code creates: the index still searches and
	// its articles are sound, but it lacks what MissingChanges says (an
	// index of version 1 reads every text as English and has no language
	// facet) until Reindex (`newsindex reindex`) rebuilds it.
	// It is not a problem: OK does not look at it.
	Mapping      int  `json:"mapping"`
	NeedsReindex bool `json:"needs_reindex"`
	// MissingChanges says what the index lacks when it needs a reindex:
	// the changes of mapping since its version, one after another.
	MissingChanges string `json:"missing_changes,omitempty"`
	// Problems describes what is wrong, at most 100 of them;
	// ProblemCount counts them all.
	Problems     []string `json:"problems"`
	ProblemCount int      `json:"problem_count"`
}

// OK reports whether the check found no problem.
func (r *CheckReport) OK() bool { return r.ProblemCount == 0 }

// Check opens the index at path and verifies it: every document decodes,
// the quotes stored agree with the quotes the articles list, and every
// article is found by a search for its ID and by a search for its title.
// The error is for an index that cannot be checked at all (missing, or
// locked by a running server: ErrNotFound, ErrLocked); what is wrong
// inside the index is in the report.
func Check(ctx context.Context, path string) (CheckReport, error) {
	e, err := bleveengine.Open(path)
	if err != nil {
		return CheckReport{Path: path}, err
	}
	er, err := e.Check(ctx)
	r := CheckReport(er)
	r.Path = path
	if cerr := e.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("close %s: %w", path, cerr)
	}
	return r, err
}

// Check verifies the open index as the function Check does. An index in
// OpenSearch is checked by the cluster itself (GET _cluster/health): for it
// the error matches errors.ErrUnsupported.
func (ix *Index) Check(ctx context.Context) (CheckReport, error) {
	var r engine.CheckReport
	err := ix.use(func(e backend) error {
		c, ok := e.(checker)
		if !ok {
			return fmt.Errorf("check: %w: this engine is checked by its own tools (OpenSearch: GET _cluster/health)", errors.ErrUnsupported)
		}
		var err error
		r, err = c.Check(ctx)
		return err
	})
	return CheckReport(r), err
}
