package bleveengine

import (
	"fmt"
	"strings"

	"github.com/blevesearch/bleve/v2"
	bq "github.com/blevesearch/bleve/v2/search/query"

	"github.com/newsindex/newsindex/index/internal/engine"
	"github.com/newsindex/newsindex/internal/analysis"
	"github.com/newsindex/newsindex/internal/query"
)

// translator turns a parsed search-box query into a bleve query over its
// SearchFields.
type translator struct {
	engine.SearchFields
	// all matches every document of the translator's kind: what a query of
	// only stop words, or only exclusions beside them, starts from.
	all func() bq.Query
	// noProximity leaves out the clauses that rank words standing together
	// higher: they change no match, only the order.
	noProximity bool
}

var articleTranslator = translator{
	all: func() bq.Query { return kindQuery(engine.KindArticle) },
	SearchFields: engine.SearchFields{
		Text: []engine.FieldBoost{{Field: fTitle, Boost: engine.TitleBoost}, {Field: fBody, Boost: 1}},
		Names: map[string]string{
			query.FieldPerson:       fPerson + engine.NameSuffix,
			query.FieldCountry:      fCountry + engine.NameSuffix,
			query.FieldPlace:        fPlace + engine.NameSuffix,
			query.FieldOrganization: fOrganization + engine.NameSuffix,
			query.FieldAnalyst:      fAnalyst + engine.NameSuffix,
			query.FieldSource:       fSourceName + engine.NameSuffix,
			query.FieldCategory:     fCategory + engine.NameSuffix,
			query.FieldLanguage:     fLanguage + engine.NameSuffix,
		},
	},
}

var quoteTranslator = translator{
	all: func() bq.Query { return kindQuery(engine.KindQuote) },
	SearchFields: engine.SearchFields{
		Text: []engine.FieldBoost{{Field: fQuote, Boost: 1}},
		Names: map[string]string{
			query.FieldPerson:       fSpeaker + engine.NameSuffix,
			query.FieldAnalyst:      fSpeaker + engine.NameSuffix,
			query.FieldOrganization: fAffiliation + engine.NameSuffix,
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
	return nil, fmt.Errorf("%w: query node %T not supported", engine.ErrInvalidRequest, n)
}

func (t translator) leaf(field, text string, phrase bool) (bq.Query, error) {
	fs, isText, err := t.Fields(field)
	if err != nil {
		return nil, err
	}
	an := engine.AnalyzerFor(isText)
	toks := engine.Tokens(an, text)
	if len(toks) == 0 {
		return nil, nil // only stop words or punctuation
	}
	var qs []bq.Query
	for _, fb := range fs {
		f, boost := fb.Field, fb.Boost
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
	fs, _, err := t.Fields(field)
	if err != nil {
		return nil, err
	}
	p := strings.ToLower(text)
	if len([]rune(p)) < engine.MinPrefix {
		return nil, fmt.Errorf("%w: prefix %q* is too short, want at least %d characters", engine.ErrInvalidRequest, text, engine.MinPrefix)
	}
	var qs []bq.Query
	for _, fb := range fs {
		f, boost := fb.Field, fb.Boost
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

// proximity returns a query for the plain free-text words of an AND read as
// one phrase ("crude oil" as a phrase, beside crude AND oil), or nil when
// there are fewer than two such words.
func (t translator) proximity(nodes []query.Node) bq.Query {
	text, ok := engine.ProximityText(nodes)
	if !ok {
		return nil
	}
	var qs []bq.Query
	for _, fb := range t.Text {
		mp := bleve.NewMatchPhraseQuery(text)
		mp.SetField(fb.Field)
		mp.Analyzer = analysis.AnalyzerName
		mp.SetBoost(fb.Boost * engine.PhraseBoost)
		qs = append(qs, mp)
	}
	if len(qs) == 1 {
		return qs[0]
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// relaxed returns the OR of a query that is an AND of positive words and
// phrases, for when the AND finds too little: articles holding more of the
// words rank first. ok is false for other queries, which are kept as written.
func (t translator) relaxed(n query.Node) (q bq.Query, ok bool, err error) {
	parts, ok := engine.Relaxable(n)
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
