package engine

import (
	"math"
	"testing"

	"github.com/newsindex/newsindex/internal/analysis"
	"github.com/newsindex/newsindex/internal/query"
)

func TestExpansion(t *testing.T) {
	docs := []FeedbackDoc{
		{Score: 4, Text: "Oilseed crush. Rapeseed and sunflower seed exports rose 12 pct, traders said."},
		{Score: 2, Text: "Rapeseed prices fell, traders said, as the sunflower harvest began in 1987."},
		{Score: 1, Text: "Oilseed output: rapeseed steady, said the ministry."},
	}
	// Of 1,000 documents, "said" and "traders" are in most; the seeds are rare.
	df := map[string]uint64{"said": 900, "trader": 400, "rapese": 5, "sunflow": 8, "rose": 300, "price": 500}
	docFreq := func(t AnalyzedTerm) uint64 {
		if n, ok := df[t.Term]; ok {
			return n
		}
		return 50
	}
	n := func(string) float64 { return 1000 }
	got := Expansion(docs, map[AnalyzedTerm]bool{{analysis.AnalyzerName, "oilse"}: true}, n, docFreq)
	if len(got) == 0 || len(got) > FeedbackTerms {
		t.Fatalf("%d terms, want 1..%d", len(got), FeedbackTerms)
	}
	if got[0].Term != "rapese" || got[1].Term != "sunflow" {
		t.Errorf("first terms %v, want rapese, sunflow", got[:2])
	}
	sum := 0.0
	rank := map[string]int{}
	for i, w := range got {
		sum += w.Weight
		rank[w.Term] = i + 1
		switch w.Term {
		case "oilse", "12", "1987":
			t.Errorf("%q expands the query: the query's own term, or a number", w.Term)
		}
	}
	if math.Abs(sum-1) > 1e-9 {
		t.Errorf("weights sum to %v, want 1", sum)
	}
	if r, ok := rank["said"]; ok && r < rank["crush"] {
		t.Errorf("said (in 90%% of the index) ranks %d, above crush (%d)", r, rank["crush"])
	}
	if got := Expansion(nil, nil, n, docFreq); got != nil {
		t.Errorf("no documents: %v, want none", got)
	}
}

func TestFeedbackWords(t *testing.T) {
	for _, tt := range []struct {
		query string
		want  int
	}{
		{"oilseeds", 1},
		{"palm oil", 2},
		{`palm oil -"crude palm"`, 2},
		{`"palm oil"`, 0},
		{"country:Malaysia", 0},
		{"palm OR coconut", 0},
		{"palm country:Malaysia", 1},
	} {
		n, err := query.Parse(tt.query)
		if err != nil {
			t.Fatal(err)
		}
		if got := FeedbackWords(n); len(got) != tt.want {
			t.Errorf("%s: words %q, want %d", tt.query, got, tt.want)
		}
	}
}
