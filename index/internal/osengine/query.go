package osengine

import (
	"fmt"
	"strings"

	"github.com/newsindex/newsindex/index/internal/engine"
	"github.com/newsindex/newsindex/internal/query"
)

// dslTranslator turns a parsed search-box query into OpenSearch's query
// DSL, clause for clause as bleveengine's translator does: the same fields,
// boosts, phrase rules, proximity boost and relaxation, so that both engines
// answer a query alike. Whether a word is only a stop word is decided with
// the in-process analyzers, which the index's analysis mirrors.
type dslTranslator struct{ engine.SearchFields }

var articleDSL = dslTranslator{engine.SearchFields{
	Text: []engine.FieldBoost{{Field: osTitle, Boost: engine.TitleBoost}, {Field: osBody, Boost: 1}},
	Names: map[string]string{
		query.FieldPerson:       osNameField[engine.FacetPerson],
		query.FieldCountry:      osNameField[engine.FacetCountry],
		query.FieldPlace:        osNameField[engine.FacetPlace],
		query.FieldOrganization: osNameField[engine.FacetOrganization],
		query.FieldAnalyst:      osNameField[engine.FacetAnalyst],
		query.FieldSource:       osNameField[engine.FacetSource],
		query.FieldCategory:     osNameField[engine.FacetCategory],
	},
}}

var quoteDSL = dslTranslator{engine.SearchFields{
	Text: []engine.FieldBoost{{Field: osQuote, Boost: 1}},
	Names: map[string]string{
		query.FieldPerson:       osSpeaker + engine.NameSuffix,
		query.FieldAnalyst:      osSpeaker + engine.NameSuffix,
		query.FieldOrganization: osAffil + engine.NameSuffix,
	},
}}

func matchAll() obj { return obj{"match_all": obj{}} }

// translate returns the DSL query for n; n holding nothing searchable (a
// lone stop word) matches all.
func (t dslTranslator) translate(n query.Node) (obj, error) {
	q, err := t.node(n)
	if err != nil || q != nil {
		return q, err
	}
	return matchAll(), nil
}

func anyOfDSL(qs []obj) obj {
	if len(qs) == 1 {
		return qs[0]
	}
	return obj{"bool": obj{"should": qs, "minimum_should_match": 1}}
}

func (t dslTranslator) node(n query.Node) (obj, error) {
	switch n := n.(type) {
	case *query.Term:
		return t.leaf(n.Field, n.Text, false)
	case *query.Phrase:
		return t.leaf(n.Field, n.Text, true)
	case *query.Prefix:
		return t.prefix(n.Field, n.Text)
	case *query.And:
		var must, not []obj
		for _, c := range n.Nodes {
			target, neg := c, false
			if nc, ok := c.(*query.Not); ok {
				target, neg = nc.Node, true
			}
			q, err := t.node(target)
			if err != nil {
				return nil, err
			}
			switch {
			case q == nil:
			case neg:
				not = append(not, q)
			default:
				must = append(must, q)
			}
		}
		if len(must) == 0 && len(not) == 0 {
			return nil, nil
		}
		if len(must) == 0 {
			must = append(must, matchAll())
		}
		b := obj{"must": must}
		if len(not) > 0 {
			b["must_not"] = not
		}
		if p := t.proximity(n.Nodes); p != nil {
			b["should"] = []obj{p}
		}
		return obj{"bool": b}, nil
	case *query.Or:
		var any []obj
		for _, c := range n.Nodes {
			q, err := t.node(c)
			if err != nil {
				return nil, err
			}
			if q == nil {
				return nil, nil // a branch that matches all
			}
			any = append(any, q)
		}
		return anyOfDSL(any), nil
	case *query.Not:
		q, err := t.node(n.Node)
		if err != nil || q == nil {
			return nil, err
		}
		return obj{"bool": obj{"must": []obj{matchAll()}, "must_not": []obj{q}}}, nil
	}
	return nil, fmt.Errorf("%w: query node %T not supported", engine.ErrInvalidRequest, n)
}

func withBoost(q obj, boost float64) obj {
	if boost != 1 {
		q["boost"] = boost
	}
	return q
}

func (t dslTranslator) leaf(field, text string, phrase bool) (obj, error) {
	fs, isText, err := t.Fields(field)
	if err != nil {
		return nil, err
	}
	toks := engine.Tokens(engine.AnalyzerFor(isText), text)
	if len(toks) == 0 {
		return nil, nil
	}
	var qs []obj
	for _, fb := range fs {
		if phrase || len(toks) > 1 && isText {
			qs = append(qs, obj{"match_phrase": obj{fb.Field: withBoost(obj{"query": text}, fb.Boost)}})
		} else {
			qs = append(qs, obj{"match": obj{fb.Field: withBoost(obj{"query": text, "operator": "and"}, fb.Boost)}})
		}
	}
	return anyOfDSL(qs), nil
}

func (t dslTranslator) prefix(field, text string) (obj, error) {
	fs, _, err := t.Fields(field)
	if err != nil {
		return nil, err
	}
	p := strings.ToLower(text)
	if len([]rune(p)) < engine.MinPrefix {
		return nil, fmt.Errorf("%w: prefix %q* is too short, want at least %d characters", engine.ErrInvalidRequest, text, engine.MinPrefix)
	}
	var qs []obj
	for _, fb := range fs {
		qs = append(qs, obj{"prefix": obj{fb.Field: withBoost(obj{"value": p}, fb.Boost)}})
	}
	return anyOfDSL(qs), nil
}

func (t dslTranslator) proximity(nodes []query.Node) obj {
	text, ok := engine.ProximityText(nodes)
	if !ok {
		return nil
	}
	var qs []obj
	for _, fb := range t.Text {
		qs = append(qs, obj{"match_phrase": obj{fb.Field: obj{"query": text, "boost": fb.Boost * engine.PhraseBoost}}})
	}
	return anyOfDSL(qs)
}

// relaxed returns the OR of an AND of positive words and phrases; ok is
// false for other queries.
func (t dslTranslator) relaxed(n query.Node) (obj, bool, error) {
	parts, ok := engine.Relaxable(n)
	if !ok {
		return nil, false, nil
	}
	var any []obj
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
	return obj{"bool": obj{"should": any, "minimum_should_match": 1}}, true, nil
}
