package osengine

import (
	"fmt"
	"slices"
	"strings"

	"github.com/newsindex/newsindex/index/internal/engine"
	"github.com/newsindex/newsindex/internal/analysis"
	"github.com/newsindex/newsindex/internal/lang"
	"github.com/newsindex/newsindex/internal/query"
)

// dslTranslator turns a parsed search-box query into OpenSearch's query
// DSL, clause for clause as bleveengine's translator does: the same fields,
// boosts, phrase rules, proximity boost and relaxation, so that both engines
// answer a query alike. Whether a word is only a stop word is decided with
// the in-process analyzers, which the index's analysis mirrors.
//
// One translator reads the free text in one analysis (analyzer, "" for
// English) and searches that analysis's fields (title_fr, body_fr …); a
// reader (below) combines the readings of several.
type dslTranslator struct {
	engine.SearchFields
	analyzer string
	// all is what a query of only stop words, or only exclusions, starts
	// from: every document (nil), or those of the reading's analysis.
	all obj
}

var articleDSL = dslTranslator{SearchFields: engine.SearchFields{
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

var quoteDSL = dslTranslator{SearchFields: engine.SearchFields{
	Text: []engine.FieldBoost{{Field: osQuote, Boost: 1}},
	Names: map[string]string{
		query.FieldPerson:       osSpeaker + engine.NameSuffix,
		query.FieldAnalyst:      osSpeaker + engine.NameSuffix,
		query.FieldOrganization: osAffil + engine.NameSuffix,
	},
}}

func (t dslTranslator) textAnalyzer() string {
	if t.analyzer == "" {
		return analysis.AnalyzerName
	}
	return t.analyzer
}

func (t dslTranslator) matchAll() obj {
	if t.all != nil {
		return t.all
	}
	return matchAll()
}

// fields returns the index fields a query field searches in the
// translator's analysis, and whether they are free text.
func (t dslTranslator) fields(field string) ([]engine.FieldBoost, bool, error) {
	fs, isText, err := t.Fields(field)
	if err != nil || !isText {
		return fs, isText, err
	}
	out := make([]engine.FieldBoost, len(fs))
	for i, fb := range fs {
		out[i] = engine.FieldBoost{Field: engine.AnalyzedField(fb.Field, t.textAnalyzer()), Boost: fb.Boost}
	}
	return out, true, nil
}

func matchAll() obj { return obj{"match_all": obj{}} }

// translate returns the DSL query for n; n holding nothing searchable (a
// lone stop word) matches all.
func (t dslTranslator) translate(n query.Node) (obj, error) {
	q, _, err := t.node(n)
	if err != nil || q != nil {
		return q, err
	}
	return t.matchAll(), nil
}

func anyOfDSL(qs []obj) obj {
	if len(qs) == 1 {
		return qs[0]
	}
	return obj{"bool": obj{"should": qs, "minimum_should_match": 1}}
}

// node returns the DSL query for n, and whether every document it matches
// holds free text of the translator's analysis (or is one of all's): only
// such a query needs no confining to its analysis when several are read.
func (t dslTranslator) node(n query.Node) (obj, bool, error) {
	switch n := n.(type) {
	case *query.Term:
		return t.leaf(n.Field, n.Text, false)
	case *query.Phrase:
		return t.leaf(n.Field, n.Text, true)
	case *query.Prefix:
		return t.prefix(n.Field, n.Text)
	case *query.And:
		var must, not []obj
		confined := false
		for _, c := range n.Nodes {
			target, neg := c, false
			if nc, ok := c.(*query.Not); ok {
				target, neg = nc.Node, true
			}
			q, in, err := t.node(target)
			if err != nil {
				return nil, false, err
			}
			switch {
			case q == nil:
			case neg:
				not = append(not, q)
			default:
				must = append(must, q)
				confined = confined || in
			}
		}
		if len(must) == 0 && len(not) == 0 {
			return nil, false, nil
		}
		if len(must) == 0 {
			must = append(must, t.matchAll())
			confined = t.all != nil
		}
		b := obj{"must": must}
		if len(not) > 0 {
			b["must_not"] = not
		}
		if p := t.proximity(n.Nodes); p != nil {
			b["should"] = []obj{p}
		}
		return obj{"bool": b}, confined, nil
	case *query.Or:
		var any []obj
		confined := true
		for _, c := range n.Nodes {
			q, in, err := t.node(c)
			if err != nil {
				return nil, false, err
			}
			if q == nil {
				return nil, false, nil // a branch that matches all
			}
			any = append(any, q)
			confined = confined && in
		}
		return anyOfDSL(any), confined, nil
	case *query.Not:
		q, _, err := t.node(n.Node)
		if err != nil || q == nil {
			return nil, false, err
		}
		return obj{"bool": obj{"must": []obj{t.matchAll()}, "must_not": []obj{q}}}, t.all != nil, nil
	}
	return nil, false, fmt.Errorf("%w: query node %T not supported", engine.ErrInvalidRequest, n)
}

func withBoost(q obj, boost float64) obj {
	if boost != 1 {
		q["boost"] = boost
	}
	return q
}

func (t dslTranslator) leaf(field, text string, phrase bool) (obj, bool, error) {
	if field == query.FieldLanguage {
		return obj{"term": obj{osLang: strings.ToLower(text)}}, false, nil
	}
	fs, isText, err := t.fields(field)
	if err != nil {
		return nil, false, err
	}
	an := engine.AnalyzerFor(false)
	if isText {
		an = t.textAnalyzer()
	}
	toks := engine.Tokens(an, text)
	if len(toks) == 0 {
		return nil, false, nil // only stop words or punctuation
	}
	var qs []obj
	for _, fb := range fs {
		if phrase || len(toks) > 1 && isText {
			// A quoted phrase, or one word that analyses to several
			// terms ("U.S.", "Dayez-Burgeon", a Chinese word of three
			// characters), must match in order.
			qs = append(qs, obj{"match_phrase": obj{fb.Field: withBoost(obj{"query": text}, fb.Boost)}})
		} else {
			qs = append(qs, obj{"match": obj{fb.Field: withBoost(obj{"query": text, "operator": "and"}, fb.Boost)}})
		}
	}
	return anyOfDSL(qs), isText, nil
}

func (t dslTranslator) prefix(field, text string) (obj, bool, error) {
	fs, isText, err := t.fields(field)
	if err != nil {
		return nil, false, err
	}
	p := strings.ToLower(text)
	if len([]rune(p)) < engine.MinPrefix {
		return nil, false, fmt.Errorf("%w: prefix %q* is too short, want at least %d characters", engine.ErrInvalidRequest, text, engine.MinPrefix)
	}
	if isText {
		p = engine.PrefixTerm(t.textAnalyzer(), text)
	}
	var qs []obj
	for _, fb := range fs {
		qs = append(qs, obj{"prefix": obj{fb.Field: withBoost(obj{"value": p}, fb.Boost)}})
	}
	return anyOfDSL(qs), isText, nil
}

// proximity boosts the matches in which the plain words of an AND stand
// together, when two of them or more are not stop words of the analysis.
func (t dslTranslator) proximity(nodes []query.Node) obj {
	var words []string
	for _, c := range nodes {
		if term, ok := c.(*query.Term); ok && term.Field == "" {
			words = append(words, term.Text)
		}
	}
	text := strings.Join(words, " ")
	if len(words) < 2 || len(engine.Tokens(t.textAnalyzer(), text)) < 2 {
		return nil
	}
	var qs []obj
	for _, fb := range t.Text {
		qs = append(qs, obj{"match_phrase": obj{engine.AnalyzedField(fb.Field, t.textAnalyzer()): obj{"query": text, "boost": fb.Boost * engine.PhraseBoost}}})
	}
	return anyOfDSL(qs)
}

// relaxed returns the OR of an AND of positive words and phrases; ok is
// false for other queries, and for one left with fewer than two words.
func (t dslTranslator) relaxed(n query.Node) (obj, bool, bool, error) {
	parts, ok := engine.Relaxable(n)
	if !ok {
		return nil, false, false, nil
	}
	var any []obj
	confined := true
	for _, c := range parts {
		cq, in, err := t.node(c)
		if err != nil {
			return nil, false, false, err
		}
		if cq != nil {
			any = append(any, cq)
			confined = confined && in
		}
	}
	if len(any) < 2 {
		return nil, false, false, nil
	}
	if p := t.proximity(parts); p != nil {
		any = append(any, p)
	}
	return obj{"bool": obj{"should": any, "minimum_should_match": 1}}, confined, true, nil
}

// scope is one analysis a query is read in, and the language codes of
// its documents ("und" for those without a language).
type scope struct {
	analyzer string
	codes    []string
}

// only matches the documents of the scope, scoring nothing: it confines a
// reading to its analysis.
func (s scope) only() obj {
	var qs []obj
	if slices.Contains(s.codes, lang.Und) {
		// documents written before languages were told apart have none
		qs = append(qs, obj{"bool": obj{"must_not": []obj{{"exists": obj{"field": osLang}}}}})
	}
	qs = append(qs, obj{"terms": obj{osLang: s.codes}})
	if len(qs) == 1 {
		return obj{"bool": obj{"filter": qs}}
	}
	return obj{"bool": obj{"filter": []obj{anyOfDSL(qs)}}}
}

// dslReader reads a query in each of several analyses and combines the
// readings: a document matches the reading of its own analysis, the other
// readings search fields it does not have. A reading that could match
// documents of another analysis (names alone, an exclusion, stop words) is
// confined to its own. With one analysis, the query is read once, as it
// always was for English.
type dslReader struct {
	base   dslTranslator
	scopes []scope
}

// analyses lists the analyzers of the reader's scopes.
func (r dslReader) analyses() []string {
	var out []string
	for _, s := range r.scopes {
		out = append(out, s.analyzer)
	}
	return out
}

// reading returns the translator of one scope.
func (r dslReader) reading(s scope) dslTranslator {
	t := r.base
	t.analyzer = s.analyzer
	t.all = s.only()
	return t
}

// single returns the translator of a query read once: in the one scope
// there is, or in English for a query without free text (names are read
// alike in every language).
func (r dslReader) single(n query.Node) (dslTranslator, bool) {
	if len(r.scopes) == 1 {
		t := r.base
		t.analyzer = r.scopes[0].analyzer
		return t, true
	}
	if len(r.scopes) == 0 || !engine.FreeText(n) {
		return r.base, true
	}
	return dslTranslator{}, false
}

// translate returns the DSL query for n, as dslTranslator.translate.
func (r dslReader) translate(n query.Node) (obj, error) {
	if t, ok := r.single(n); ok {
		return t.translate(n)
	}
	var readings []obj
	for _, s := range r.scopes {
		t := r.reading(s)
		q, confined, err := t.node(n)
		if err != nil {
			return nil, err
		}
		switch {
		case q == nil:
			q = t.all
		case !confined:
			q = obj{"bool": obj{"must": []obj{q}, "filter": []obj{t.all}}}
		}
		readings = append(readings, q)
	}
	return anyOfDSL(readings), nil
}

// relaxed returns the OR of n read in every scope, as
// dslTranslator.relaxed: a reading left with one word keeps the AND.
func (r dslReader) relaxed(n query.Node) (obj, bool, error) {
	if t, ok := r.single(n); ok {
		q, _, ok, err := t.relaxed(n)
		return q, ok, err
	}
	var readings []obj
	any := false
	for _, s := range r.scopes {
		t := r.reading(s)
		q, confined, ok, err := t.relaxed(n)
		if err != nil {
			return nil, false, err
		}
		if !ok {
			if q, confined, err = t.node(n); err != nil {
				return nil, false, err
			}
			if q == nil {
				q, confined = t.all, true
			}
		}
		any = any || ok
		if !confined {
			q = obj{"bool": obj{"must": []obj{q}, "filter": []obj{t.all}}}
		}
		readings = append(readings, q)
	}
	if !any {
		return nil, false, nil
	}
	return anyOfDSL(readings), true, nil
}
