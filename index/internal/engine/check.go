package engine

import "fmt"

// CheckReport says what an engine's check found, as index.CheckReport.
type CheckReport struct {
	Path           string
	Documents      uint64
	Articles       int
	Quotes         int
	QuotesListed   int
	FoundByID      int
	FoundByTitle   int
	Mapping        int
	NeedsReindex   bool
	MissingChanges string
	Problems       []string
	ProblemCount   int
}

// MaxProblems bounds the problems a report lists; ProblemCount counts them all.
const MaxProblems = 100

// Problem records what is wrong.
func (r *CheckReport) Problem(format string, args ...any) {
	r.ProblemCount++
	if len(r.Problems) < MaxProblems {
		r.Problems = append(r.Problems, fmt.Sprintf(format, args...))
	}
}
