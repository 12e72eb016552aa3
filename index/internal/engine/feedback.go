package engine

import (
	"math"
	"sort"
	"unicode"

	"github.com/newsindex/newsindex/internal/analysis"
	"github.com/newsindex/newsindex/internal/query"
)

// Related articles. When the articles matching a query do not fill the
// first RelatedDepth places of the ranking, the places left go to articles
// like the best matches that do not match the query: its words are
// expanded with the terms that weigh most in the FeedbackDocs best matches
// (pseudo-relevance feedback, as RM3), and the articles matching those
// terms, but not the query, follow the matches, most alike first. A topic
// query that finds few articles ("oilseeds", "strategic metals") thus also
// finds those that name the topic's other words (rapeseed, cobalt). Chosen
// by cross-validation over the Reuters topic queries (README).
const (
	RelatedDepth  = 100
	FeedbackDocs  = 20
	FeedbackTerms = 20
)

// FeedbackDoc is one of the best matches of a query: its score, its text
// and the analyzer of its language ("" for English).
type FeedbackDoc struct {
	Score    float64
	Text     string
	Analyzer string
}

// AnalyzedTerm is a term as an analyzer makes it ("" for English): it is
// searched in the fields of that analyzer (AnalyzedField).
type AnalyzedTerm struct {
	Analyzer string
	Term     string
}

// WeightedTerm is an analysed term and its weight.
type WeightedTerm struct {
	AnalyzedTerm
	Weight float64
}

// FeedbackWords returns the plain words of a query that related articles
// are found for: the words of a plain-word query, or of an AND of words,
// phrases and exclusions. A query of phrases or fields alone, or an OR,
// says exactly what it wants and gets no related articles.
func FeedbackWords(n query.Node) []string {
	switch n := n.(type) {
	case *query.Term:
		if n.Field == "" {
			return []string{n.Text}
		}
	case *query.And:
		var words []string
		for _, c := range n.Nodes {
			if t, ok := c.(*query.Term); ok && t.Field == "" {
				words = append(words, t.Text)
			}
		}
		return words
	}
	return nil
}

// Expansion returns the FeedbackTerms terms that weigh most in docs, with
// weights summing to one. A term weighs its share of each document's terms,
// times the document's score over the best score, summed over the
// documents, times the square of its inverse document frequency among the
// n(analyzer) documents of its analysis (docFreq gives the number holding
// it), so that words common to all news do not swamp the topic's own. Each
// document's terms are those of its own analysis, so that a French match
// expands the query with French terms. The query's own terms (exclude),
// numbers and single letters are left out.
func Expansion(docs []FeedbackDoc, exclude map[AnalyzedTerm]bool, n func(analyzer string) float64, docFreq func(AnalyzedTerm) uint64) []WeightedTerm {
	best := 0.0
	for _, d := range docs {
		best = math.Max(best, d.Score)
	}
	if best <= 0 {
		return nil
	}
	weight := map[AnalyzedTerm]float64{}
	for _, d := range docs {
		an := d.Analyzer
		if an == "" {
			an = analysis.AnalyzerName
		}
		terms := Tokens(an, d.Text)
		if len(terms) == 0 {
			continue
		}
		share := d.Score / best / float64(len(terms))
		for _, t := range terms {
			at := AnalyzedTerm{an, t}
			if !exclude[at] && expandable(t) {
				weight[at] += share
			}
		}
	}
	out := make([]WeightedTerm, 0, len(weight))
	for t, w := range weight {
		// A term in every document (idf 0) tells nothing.
		if idf := math.Log((n(t.Analyzer) + 1) / float64(docFreq(t)+1)); idf > 0 {
			out = append(out, WeightedTerm{t, w * idf * idf})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Weight != out[j].Weight {
			return out[i].Weight > out[j].Weight
		}
		if out[i].Term != out[j].Term {
			return out[i].Term < out[j].Term
		}
		return out[i].Analyzer < out[j].Analyzer
	})
	out = out[:min(len(out), FeedbackTerms)]
	sum := 0.0
	for _, t := range out {
		sum += t.Weight
	}
	if sum <= 0 {
		return nil
	}
	for i := range out {
		out[i].Weight /= sum
	}
	return out
}

// expandable reports whether a term may expand a query: not a number or
// a figure ("35.1", "1987"), nor a single letter.
func expandable(t string) bool {
	if len([]rune(t)) < 2 {
		return false
	}
	for _, r := range t {
		if unicode.IsDigit(r) {
			return false
		}
	}
	return true
}
