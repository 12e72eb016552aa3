package index

import (
	"fmt"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/registry"
	bq "github.com/blevesearch/bleve/v2/search/query"

	"github.com/newsindex/newsindex/internal/analysis"
	"github.com/newsindex/newsindex/internal/query"
)

// titleBoost weighs a match in the title against one in the body. A word
// in both already scores twice; measured on the Reuters topics, extra title
// weight (2 or 4) lowered MAP (0.522 → 0.513 → 0.508).
const titleBoost = 1.0

// minPrefix is the shortest prefix a prefix* query may have: shorter ones
// expand to most of the vocabulary.
const minPrefix = 2

// translator turns a parsed search-box query into a bleve query over its
// searchFields.
type translator struct {
	searchFields
	// all matches every document of the translator's kind: what a query of
	// only stop words, or only exclusions beside them, starts from.
	all func() bq.Query
	// noProximity leaves out the clauses that rank words standing together
	// higher: they change no match, only the order.
	noProximity bool
}

type fieldBoost struct {
	field string
	boost float64
}

// searchFields are the index fields a translator searches, for either
// engine: text lists the free-text fields with their boosts; names maps the
// query's entity fields onto the name fields that hold their aliases.
type searchFields struct {
	text  []fieldBoost
	names map[string]string
}

var articleTranslator = translator{
	all: func() bq.Query { return kindQuery(kindArticle) },
	searchFields: searchFields{
		text: []fieldBoost{{fTitle, titleBoost}, {fBody, 1}},
		names: map[string]string{
			query.FieldPerson:       fPerson + nameSuffix,
			query.FieldCountry:      fCountry + nameSuffix,
			query.FieldOrganization: fOrganization + nameSuffix,
			query.FieldAnalyst:      fAnalyst + nameSuffix,
			query.FieldSource:       fSourceName + nameSuffix,
			query.FieldCategory:     fCategory + nameSuffix,
		},
	},
}

var quoteTranslator = translator{
	all: func() bq.Query { return kindQuery(kindQuote) },
	searchFields: searchFields{
		text: []fieldBoost{{fQuote, 1}},
		names: map[string]string{
			query.FieldPerson:       fSpeaker + nameSuffix,
			query.FieldAnalyst:      fSpeaker + nameSuffix,
			query.FieldOrganization: fAffiliation + nameSuffix,
		},
	},
}

func articleQuery(n query.Node) (bq.Query, error) { return articleTranslator.translate(n) }

func quoteQuery(n query.Node) (bq.Query, error) { return quoteTranslator.translate(n) }

// translate returns the bleve query for n; a nil query (with no error) means
// n holds nothing searchable, such as a lone stop word, and matches all.
func (t translator) translate(n query.Node) (bq.Query, error) {
	q, err := t.node(n)
	if err != nil || q != nil {
		return q, err
	}
	return t.all(), nil
}

func (t translator) node(n query.Node) (bq.Query, error) {
	switch n := n.(type) {
	case *query.Term:
		return t.leaf(n.Field, n.Text, false)
	case *query.Phrase:
		return t.leaf(n.Field, n.Text, true)
	case *query.Prefix:
		return t.prefix(n.Field, n.Text)
	case *query.And:
		var must, not []bq.Query
		for _, c := range n.Nodes {
			if neg, ok := c.(*query.Not); ok {
				q, err := t.node(neg.Node)
				if err != nil {
					return nil, err
				}
				if q != nil {
					not = append(not, q)
				}
				continue
			}
			q, err := t.node(c)
			if err != nil {
				return nil, err
			}
			if q != nil {
				must = append(must, q)
			}
		}
		if len(must) == 0 && len(not) == 0 {
			return nil, nil
		}
		b := bleve.NewBooleanQuery()
		if len(must) == 0 {
			must = append(must, t.all())
		}
		b.AddMust(must...)
		b.AddMustNot(not...)
		if p := t.proximity(n.Nodes); p != nil && !t.noProximity {
			b.AddShould(p)
		}
		return b, nil
	case *query.Or:
		var any []bq.Query
		for _, c := range n.Nodes {
			q, err := t.node(c)
			if err != nil {
				return nil, err
			}
			if q == nil {
				// A branch that matches all makes the whole OR match all.
				return nil, nil
			}
			any = append(any, q)
		}
		return bleve.NewDisjunctionQuery(any...), nil
	case *query.Not:
		q, err := t.node(n.Node)
		if err != nil || q == nil {
			return nil, err
		}
		b := bleve.NewBooleanQuery()
		b.AddMust(t.all())
		b.AddMustNot(q)
		return b, nil
	}
	return nil, fmt.Errorf("%w: query node %T not supported", ErrInvalidRequest, n)
}

// fields returns the index fields (with boosts) a query field searches, and
// whether they are free text (stemmed) rather than names.
func (t searchFields) fields(field string) ([]fieldBoost, bool, error) {
	switch field {
	case "":
		return t.text, true, nil
	case query.FieldTitle, query.FieldBody:
		for _, fb := range t.text {
			if fb.field == field {
				return []fieldBoost{{field, 1}}, true, nil
			}
		}
	}
	if f, ok := t.names[field]; ok {
		return []fieldBoost{{f, 1}}, false, nil
	}
	return nil, false, fmt.Errorf("%w: field %q cannot be searched here", ErrInvalidRequest, field)
}

// analyzer returns the analyzer of a field kind.
func analyzerFor(text bool) string {
	if text {
		return analysis.AnalyzerName
	}
	return analysis.NameAnalyzerName
}

func (t translator) leaf(field, text string, phrase bool) (bq.Query, error) {
	fs, isText, err := t.fields(field)
	if err != nil {
		return nil, err
	}
	an := analyzerFor(isText)
	toks := tokens(an, text)
	if len(toks) == 0 {
		return nil, nil // only stop words or punctuation
	}
	var qs []bq.Query
	for _, fb := range fs {
		f, boost := fb.field, fb.boost
		var q bq.Query
		if phrase || len(toks) > 1 && isText {
			// A quoted phrase, or one word that analyses to several tokens
			// ("U.S.", "Dayez-Burgeon"), must match in order.
			mp := bleve.NewMatchPhraseQuery(text)
			mp.SetField(f)
			mp.Analyzer = an
			mp.SetBoost(boost)
			q = mp
		} else {
			m := bleve.NewMatchQuery(text)
			m.SetField(f)
			m.Analyzer = an
			m.SetOperator(bq.MatchQueryOperatorAnd)
			m.SetBoost(boost)
			q = m
		}
		qs = append(qs, q)
	}
	if len(qs) == 1 {
		return qs[0], nil
	}
	return bleve.NewDisjunctionQuery(qs...), nil
}

func (t translator) prefix(field, text string) (bq.Query, error) {
	fs, _, err := t.fields(field)
	if err != nil {
		return nil, err
	}
	p := strings.ToLower(text)
	if len([]rune(p)) < minPrefix {
		return nil, fmt.Errorf("%w: prefix %q* is too short, want at least %d characters", ErrInvalidRequest, text, minPrefix)
	}
	var qs []bq.Query
	for _, fb := range fs {
		f, boost := fb.field, fb.boost
		q := bleve.NewPrefixQuery(p)
		q.SetField(f)
		q.SetBoost(boost)
		qs = append(qs, q)
	}
	if len(qs) == 1 {
		return qs[0], nil
	}
	return bleve.NewDisjunctionQuery(qs...), nil
}

var analyzers = registry.NewCache()

// tokens returns the terms the named analyzer makes of text.
func tokens(analyzer, text string) []string {
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

// phraseBoost weighs articles in which a query's words stand together, in
// order, over those in which they are scattered. Measured on the Reuters
// topics: 1.5 → MAP 0.512, 6 → 0.522, 10 → 0.522.
const phraseBoost = 6

// proximity returns a query for the plain free-text words of an AND read as
// one phrase ("crude oil" as a phrase, beside crude AND oil), or nil when
// there are fewer than two such words.
func (t translator) proximity(nodes []query.Node) bq.Query {
	text, ok := proximityText(nodes)
	if !ok {
		return nil
	}
	var qs []bq.Query
	for _, fb := range t.text {
		mp := bleve.NewMatchPhraseQuery(text)
		mp.SetField(fb.field)
		mp.Analyzer = analysis.AnalyzerName
		mp.SetBoost(fb.boost * phraseBoost)
		qs = append(qs, mp)
	}
	if len(qs) == 1 {
		return qs[0]
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// proximityText returns the plain free-text words of an AND as one phrase,
// and false when fewer than two of them remain after analysis. Both engines'
// proximity clauses search it.
func proximityText(nodes []query.Node) (string, bool) {
	var words []string
	for _, c := range nodes {
		if term, ok := c.(*query.Term); ok && term.Field == "" {
			words = append(words, term.Text)
		}
	}
	text := strings.Join(words, " ")
	if len(words) < 2 || len(tokens(analysis.AnalyzerName, text)) < 2 {
		return "", false
	}
	return text, true
}

// relaxed returns the OR of a query that is an AND of positive words and
// phrases, for when the AND finds too little: articles holding more of the
// words rank first. ok is false for other queries, which are kept as written.
func (t translator) relaxed(n query.Node) (q bq.Query, ok bool, err error) {
	parts, ok := relaxable(n)
	if !ok {
		return nil, false, nil
	}
	var any []bq.Query
	for _, c := range parts {
		cq, err := t.node(c)
		if err != nil {
			return nil, false, err
		}
		if cq != nil {
			any = append(any, cq)
		}
	}
	if len(any) < 2 {
		return nil, false, nil
	}
	if p := t.proximity(parts); p != nil {
		any = append(any, p)
	}
	return bleve.NewDisjunctionQuery(any...), true, nil
}

// relaxable returns the parts of a query that is an AND of words and
// phrases alone, the only queries a search relaxes into an OR.
func relaxable(n query.Node) ([]query.Node, bool) {
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
