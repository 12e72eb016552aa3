package bleveengine

import (
	"fmt"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2"
	bq "github.com/blevesearch/bleve/v2/search/query"

	"github.com/newsindex/newsindex/index/internal/engine"
	"github.com/newsindex/newsindex/internal/analysis"
	"github.com/newsindex/newsindex/internal/query"
)

// translator turns a parsed search-box query into a bleve query over its
// SearchFields, reading the free text in one analysis.
type translator struct {
	engine.SearchFields
	// all matches every document of the translator's kind (of its
	// analysis, when the index holds several): what a query of only stop
	// words, or only exclusions beside them, starts from.
	all func() bq.Query
	// noProximity leaves out the clauses that rank words standing together
	// higher: they change no match, only the order.
	noProximity bool
	// analyzer reads the free text, which is searched in its own fields
	// (engine.AnalyzedField); "" is English.
	analyzer string
	// stats weighs the free-text clauses of a reading among several and
	// leaves out those that cannot match (see readingStats); nil weighs
	// all alike and keeps all.
	stats *readingStats
}

// weight returns the boost of a clause of the translator's analysis that
// searches the terms (as analysed) in field.
func (t translator) weight(field string, terms []string) float64 {
	if t.stats == nil {
		return 1
	}
	return t.stats.boost(t.textAnalyzer(), field, terms)
}

// holds reports whether a clause searching terms in field can match.
func (t translator) holds(field string, terms []string) bool {
	return t.stats == nil || t.stats.holds(field, terms)
}

// nothing is what node returns for a query that matches no document: a
// reading's word that no document of its language holds.
var nothing bq.Query = bleve.NewMatchNoneQuery()

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

// textAnalyzer returns the analyzer of the translator's free text.
func (t translator) textAnalyzer() string {
	if t.analyzer == "" {
		return analysis.AnalyzerName
	}
	return t.analyzer
}

// fields returns the index fields a query field searches, with boosts, in
// the translator's analysis, and whether they are free text.
func (t translator) fields(field string) ([]engine.FieldBoost, bool, error) {
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

// translate returns the bleve query for n; a nil query (with no error) means
// n holds nothing searchable, such as a lone stop word, and matches all.
func (t translator) translate(n query.Node) (bq.Query, error) {
	q, _, err := t.node(n)
	if err != nil || q != nil {
		return q, err
	}
	return t.all(), nil
}

// node returns the bleve query for n, and whether every document it
// matches holds free text of the translator's analysis (or is one of
// all's): only such a query needs no confining to the analysis when the
// index holds several.
func (t translator) node(n query.Node) (bq.Query, bool, error) {
	switch n := n.(type) {
	case *query.Term:
		return t.leaf(n.Field, n.Text, false)
	case *query.Phrase:
		return t.leaf(n.Field, n.Text, true)
	case *query.Prefix:
		return t.prefix(n.Field, n.Text)
	case *query.And:
		var must, not []bq.Query
		confined := false
		for _, c := range n.Nodes {
			if neg, ok := c.(*query.Not); ok {
				q, _, err := t.node(neg.Node)
				if err != nil {
					return nil, false, err
				}
				if q != nil && q != nothing {
					not = append(not, q)
				}
				continue
			}
			q, in, err := t.node(c)
			if err != nil {
				return nil, false, err
			}
			if q == nothing {
				return nothing, true, nil
			}
			if q != nil {
				must = append(must, q)
				confined = confined || in
			}
		}
		if len(must) == 0 && len(not) == 0 {
			return nil, false, nil
		}
		if len(must) == 0 {
			must = append(must, t.all())
			confined = true
		}
		if ps := t.proximity(n.Nodes); ps != nil && !t.noProximity {
			return &proximityQuery{must: must, not: not, phrases: ps}, confined, nil
		}
		b := bleve.NewBooleanQuery()
		b.AddMust(must...)
		b.AddMustNot(not...)
		return b, confined, nil
	case *query.Or:
		var any []bq.Query
		confined, none := true, true
		for _, c := range n.Nodes {
			q, in, err := t.node(c)
			if err != nil {
				return nil, false, err
			}
			if q == nil {
				// A branch that matches all makes the whole OR match all.
				return nil, false, nil
			}
			// A branch that matches nothing is kept, so that the others
			// weigh as in a language where it matches.
			any = append(any, q)
			confined = confined && in
			none = none && q == nothing
		}
		if none {
			return nothing, true, nil
		}
		return bleve.NewDisjunctionQuery(any...), confined, nil
	case *query.Not:
		q, _, err := t.node(n.Node)
		if err != nil || q == nil {
			return nil, false, err
		}
		if q == nothing {
			return t.all(), true, nil
		}
		b := bleve.NewBooleanQuery()
		b.AddMust(t.all())
		b.AddMustNot(q)
		return b, true, nil
	}
	return nil, false, fmt.Errorf("%w: query node %T not supported", engine.ErrInvalidRequest, n)
}

func (t translator) leaf(field, text string, phrase bool) (bq.Query, bool, error) {
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
	if isText && !slices.ContainsFunc(fs, func(fb engine.FieldBoost) bool { return t.holds(fb.Field, toks) }) {
		return nothing, true, nil
	}
	var qs []bq.Query
	for _, fb := range fs {
		// A field that cannot match is kept, so that a match in the other
		// counts as one of two, as it does in every language.
		f, boost := fb.Field, fb.Boost
		if isText {
			boost *= t.weight(f, toks)
		}
		var q bq.Query
		if phrase || len(toks) > 1 && isText {
			// A quoted phrase, or one word that analyses to several tokens
			// ("U.S.", "Dayez-Burgeon", a Chinese word of three characters),
			// must match in order.
			q = newPhraseQuery(text, f, an, boost)
		} else if len(toks) == 1 && len(fs) > 1 {
			// One token: its term, without the conjunction of one a match
			// query wraps it in, which costs a tenth of a one-word search.
			// The disjunction over the fields norms it as it normed the
			// conjunction, so scores are unchanged.
			tq := bleve.NewTermQuery(toks[0])
			tq.SetField(f)
			tq.SetBoost(boost)
			q = trackedTerm{tq}
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
		return qs[0], isText, nil
	}
	return fieldsQuery{bleve.NewDisjunctionQuery(qs...)}, isText, nil
}

func (t translator) prefix(field, text string) (bq.Query, bool, error) {
	fs, isText, err := t.fields(field)
	if err != nil {
		return nil, false, err
	}
	if len([]rune(strings.ToLower(text))) < engine.MinPrefix {
		return nil, false, fmt.Errorf("%w: prefix %q* is too short, want at least %d characters", engine.ErrInvalidRequest, text, engine.MinPrefix)
	}
	p := strings.ToLower(text)
	if isText {
		p = engine.PrefixTerm(t.textAnalyzer(), text)
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
		return qs[0], isText, nil
	}
	return bleve.NewDisjunctionQuery(qs...), isText, nil
}

// proximity returns the phrase, one per free-text field, of the plain
// free-text words of an AND read as one ("crude oil" as a phrase, beside
// crude AND oil), or nil when there are fewer than two such words.
func (t translator) proximity(nodes []query.Node) []*phraseQuery {
	an := t.textAnalyzer()
	text, ok := engine.ProximityTextIn(an, nodes)
	if !ok {
		return nil
	}
	var qs []*phraseQuery
	toks := engine.Tokens(an, text)
	if !slices.ContainsFunc(t.Text, func(fb engine.FieldBoost) bool { return t.holds(engine.AnalyzedField(fb.Field, an), toks) }) {
		return nil
	}
	for _, fb := range t.Text {
		f := engine.AnalyzedField(fb.Field, an)
		qs = append(qs, newPhraseQuery(text, f, an, fb.Boost*engine.PhraseBoost*t.weight(f, toks)))
	}
	return qs
}

// relaxed returns the OR of a query that is an AND of positive words and
// phrases, for when the AND finds too little: articles holding more of the
// words rank first. ok is false for other queries, which are kept as
// written, and for a query left with fewer than two words; confined is as
// for node.
func (t translator) relaxed(n query.Node) (q bq.Query, confined, ok bool, err error) {
	parts, ok := engine.Relaxable(n)
	if !ok {
		return nil, false, false, nil
	}
	var any []bq.Query
	confined = true
	none := true
	for _, c := range parts {
		cq, in, err := t.node(c)
		if err != nil {
			return nil, false, false, err
		}
		if cq != nil {
			any = append(any, cq) // kept when it matches nothing, as in an OR
			confined = confined && in
			none = none && cq == nothing
		}
	}
	if len(any) < 2 {
		return nil, false, false, nil
	}
	if none {
		return nothing, true, true, nil
	}
	if ps := t.proximity(parts); ps != nil && !t.noProximity {
		any = append(any, phraseClause(ps))
	}
	return bleve.NewDisjunctionQuery(any...), confined, true, nil
}

// multiTranslator reads a query in each of several analyses and combines
// the readings: a document matches the reading of its own analysis, the
// other readings search fields it does not have. Each reading that could
// match documents of another analysis (one of names alone, an exclusion)
// is confined to its own.
type multiTranslator struct {
	base   translator
	scopes []scope
	// only is the keyword field holding the language of a document.
	only string
	// weigh opens the statistics of the readings (Engine.weigher), or is
	// nil.
	weigh func() (*readingStats, func() error, error)
}

// reading returns the translator of one scope.
func (m multiTranslator) reading(s scope, w *readingStats) (translator, bq.Query) {
	t := m.base
	t.analyzer = s.analyzer
	t.stats = w
	restrict := s.only(m.only)
	all := m.base.all
	t.all = func() bq.Query { return bleve.NewConjunctionQuery(all(), restrict) }
	return t, restrict
}

// single returns the translator for a query read once: in the one scope
// there is (weighed by w, as the index may hold other analyses), or in
// English for a query without free text (names alone are read the same in
// every language).
func (m multiTranslator) single(n query.Node, w *readingStats) (translator, bool) {
	if len(m.scopes) == 1 {
		t := m.base
		t.analyzer = m.scopes[0].analyzer
		t.stats = w
		return t, true
	}
	if len(m.scopes) == 0 || !engine.FreeText(n) {
		return m.base, true
	}
	return translator{}, false
}

// weights opens the statistics of the readings.
func (m multiTranslator) weights() (*readingStats, func() error, error) {
	if m.weigh == nil {
		return nil, func() error { return nil }, nil
	}
	return m.weigh()
}

// translate returns the bleve query for n, as translator.translate.
func (m multiTranslator) translate(n query.Node) (bq.Query, error) {
	w, done, err := m.weights()
	if err != nil {
		return nil, err
	}
	defer done()
	if t, ok := m.single(n, w); ok {
		return t.translate(n)
	}
	var readings []bq.Query
	for _, s := range m.scopes {
		t, restrict := m.reading(s, w)
		q, confined, err := t.node(n)
		if err != nil {
			return nil, err
		}
		switch {
		case q == nothing:
			continue
		case q == nil:
			q = t.all()
		case !confined:
			q = bleve.NewConjunctionQuery(q, restrict)
		}
		readings = append(readings, q)
	}
	return anyReading(readings), nil
}

// anyReading returns the OR of the readings that can match.
func anyReading(readings []bq.Query) bq.Query {
	switch len(readings) {
	case 0:
		return nothing
	case 1:
		return readings[0]
	}
	return readingsQuery{bleve.NewDisjunctionQuery(readings...)}
}

// readingsQuery is the OR of the readings of a query in several analyses.
// A document holds the free text of one analysis, so it matches one reading
// of free text at most.
type readingsQuery struct{ *bq.DisjunctionQuery }

// relaxed returns the OR of n, as translator.relaxed, read in every scope:
// a reading left with one word keeps the AND.
func (m multiTranslator) relaxed(n query.Node) (bq.Query, bool, error) {
	w, done, err := m.weights()
	if err != nil {
		return nil, false, err
	}
	defer done()
	if t, ok := m.single(n, w); ok {
		q, _, ok, err := t.relaxed(n)
		return q, ok, err
	}
	var readings []bq.Query
	any := false
	for _, s := range m.scopes {
		t, restrict := m.reading(s, w)
		q, confined, ok, err := t.relaxed(n)
		if err != nil {
			return nil, false, err
		}
		if !ok {
			if q, confined, err = t.node(n); err != nil {
				return nil, false, err
			}
			if q == nil {
				q, confined = t.all(), true
			}
		}
		any = any || ok
		if q == nothing {
			continue
		}
		if !confined {
			q = bleve.NewConjunctionQuery(q, restrict)
		}
		readings = append(readings, q)
	}
	if !any {
		return nil, false, nil
	}
	return anyReading(readings), true, nil
}
