package engine

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/blevesearch/bleve/v2/registry"

	"github.com/newsindex/newsindex/internal/analysis"
	"github.com/newsindex/newsindex/internal/query"
)

// What both engines' query translators share, so that both answer a query
// alike: the same fields, boosts, phrase rules, proximity boost and
// relaxation.

// TitleBoost weighs a match in the title against one in the body. A word
// in both already scores twice; measured on the Reuters topics, extra title
// weight (2 or 4) lowered MAP (0.522 → 0.513 → 0.508).
const TitleBoost = 1.0

// BM25K1 and BM25B are the parameters of BM25, with which both engines
// rank: k1 saturates a word's weight as it repeats, b is how much a long
// field is discounted. Chosen by cross-validation over the Reuters topic
// queries (README, "How ranking works"): on news topics, long articles are
// more often about the topic, not less, and b = 0.75, the usual default,
// ranked below TF-IDF (MAP 0.50 against 0.52; 0.57 at b = 0.05).
const (
	BM25K1 = 2.0
	BM25B  = 0.05
)

// MinPrefix is the shortest prefix a prefix* query may have: shorter ones
// expand to most of the vocabulary.
const MinPrefix = 2

// PhraseBoost weighs articles in which a query's words stand together, in
// order, over those in which they are scattered. Measured on the Reuters
// topics: 1.5 → MAP 0.512, 6 → 0.522, 10 → 0.522.
const PhraseBoost = 6

// RelaxBelow is the number of hits under which an AND of words is retried
// as an OR: a search box should not answer "nothing" when most words match.
const RelaxBelow = 1

// FieldBoost is an index field and the weight of a match in it.
type FieldBoost struct {
	Field string
	Boost float64
}

// SearchFields are the index fields a translator searches, for either
// engine: Text lists the free-text fields with their boosts; Names maps the
// query's entity fields onto the name fields that hold their aliases.
type SearchFields struct {
	Text  []FieldBoost
	Names map[string]string
}

// Fields returns the index fields (with boosts) a query field searches, and
// whether they are free text (stemmed) rather than names.
func (t SearchFields) Fields(field string) ([]FieldBoost, bool, error) {
	switch field {
	case "":
		return t.Text, true, nil
	case query.FieldTitle, query.FieldBody:
		for _, fb := range t.Text {
			if fb.Field == field {
				return []FieldBoost{{field, 1}}, true, nil
			}
		}
	}
	if f, ok := t.Names[field]; ok {
		return []FieldBoost{{f, 1}}, false, nil
	}
	return nil, false, fmt.Errorf("%w: field %q cannot be searched here", ErrInvalidRequest, field)
}

// AnalyzerFor returns the analyzer of a field kind: news_en for free
// text, news_name for names.
func AnalyzerFor(text bool) string {
	if text {
		return analysis.AnalyzerName
	}
	return analysis.NameAnalyzerName
}

// AnalyzedField returns the field of a free-text base field ("title",
// "body", "quote") that holds the text analyzer reads (analysis.TextFields):
// base itself for English, and for an analyzer it does not know.
func AnalyzedField(base, analyzer string) string {
	return base + fieldSuffix[analyzer]
}

// fieldSuffix maps each analyzer to what its fields add to a base field's
// name ("_fr"; "" for English), read once from analysis.TextFields: every
// search asks for it of each term in each analysis.
var fieldSuffix = func() map[string]string {
	m := map[string]string{}
	for _, f := range analysis.TextFields("") {
		m[f.Analyzer] = f.Field
	}
	return m
}()

// PrefixTerm returns the term a prefix query looks for in the fields of an
// analyzer: the prefix in lower case, and outside English the way the
// analyzer reads it when that is one term, since those fields hold stems
// with their accents folded ("Économi*" looks for "economi" in French). A
// prefix that is a stop word there, or that stems to less than MinPrefix,
// stays as it is. English keeps the
// prefix as typed, as its fields always did.
func PrefixTerm(analyzer, text string) string {
	p := strings.ToLower(text)
	if analyzer == analysis.AnalyzerName || analyzer == analysis.NameAnalyzerName {
		return p
	}
	if toks := Tokens(analyzer, text); len(toks) == 1 && len([]rune(toks[0])) >= MinPrefix {
		return toks[0]
	}
	return p
}

var analyzers = registry.NewCache()

// Tokens returns the terms the named analyzer makes of text. Whether a
// word is only a stop word is decided with these in-process analyzers,
// which every engine's analysis mirrors.
func Tokens(analyzer, text string) []string {
	if len(text) > shortText {
		return analyze(analyzer, text)
	}
	// A query's words are analysed for every language an index holds,
	// search after search: the short texts are remembered.
	key := analyzer + "\x00" + text
	if v, ok := tokenCache.Load(key); ok {
		return v.([]string)
	}
	toks := analyze(analyzer, text)
	if tokenCacheSize.Add(1) > maxTokenCache {
		tokenCache.Clear()
		tokenCacheSize.Store(0)
	}
	tokenCache.Store(key, toks)
	return toks
}

// Texts of up to shortText bytes have their terms remembered, up to
// maxTokenCache of them at a time. Callers do not change the terms.
const (
	shortText     = 64
	maxTokenCache = 50000
)

var (
	tokenCache     sync.Map
	tokenCacheSize atomic.Int64
)

func analyze(analyzer, text string) []string {
	a, err := analyzers.AnalyzerNamed(analyzer)
	if err != nil {
		panic(err) // the analyzers are registered by package analysis
	}
	var out []string
	for _, t := range a.Analyze([]byte(text)) {
		out = append(out, string(t.Term))
	}
	return out
}

// ProximityText returns the plain free-text words of an AND as one phrase,
// and false when fewer than two of them remain after English analysis.
// Both engines' proximity clauses search it.
func ProximityText(nodes []query.Node) (string, bool) {
	return ProximityTextIn(analysis.AnalyzerName, nodes)
}

// ProximityTextIn is ProximityText for the fields of an analyzer: a German
// stop word does not count as a word in German.
func ProximityTextIn(analyzer string, nodes []query.Node) (string, bool) {
	var words []string
	for _, c := range nodes {
		if term, ok := c.(*query.Term); ok && term.Field == "" {
			words = append(words, term.Text)
		}
	}
	text := strings.Join(words, " ")
	if len(words) < 2 || len(Tokens(analyzer, text)) < 2 {
		return "", false
	}
	return text, true
}

// Relaxable returns the parts of a query that is an AND of words and
// phrases alone, the only queries a search relaxes into an OR.
func Relaxable(n query.Node) ([]query.Node, bool) {
	and, ok := n.(*query.And)
	if !ok {
		return nil, false
	}
	for _, c := range and.Nodes {
		switch c.(type) {
		case *query.Term, *query.Phrase:
		default:
			return nil, false
		}
	}
	return and.Nodes, true
}

// FreeText reports whether a query holds a word, phrase or prefix of free
// text.
func FreeText(n query.Node) bool {
	switch n := n.(type) {
	case *query.Term:
		return n.Field == "" || n.Field == query.FieldTitle || n.Field == query.FieldBody
	case *query.Phrase:
		return n.Field == "" || n.Field == query.FieldTitle || n.Field == query.FieldBody
	case *query.Prefix:
		return n.Field == "" || n.Field == query.FieldTitle || n.Field == query.FieldBody
	case *query.And:
		return slices.ContainsFunc(n.Nodes, FreeText)
	case *query.Or:
		return slices.ContainsFunc(n.Nodes, FreeText)
	case *query.Not:
		return FreeText(n.Node)
	}
	return false
}
