package index

import (
	"maps"
	"slices"
	"strings"

	"github.com/newsindex/newsindex/index/internal/engine"
	"github.com/newsindex/newsindex/internal/lang"
	"github.com/newsindex/newsindex/internal/query"
)

// LanguageCode returns the value of the language facet that s names: a
// language tag reduced to its primary subtag ("pt-BR" → "pt", "FR" → "fr",
// "no" → "nb"), or the English name of a language newsindex detects
// ("French" → "fr"). Anything else is returned trimmed and in lower case,
// so that a filter on it finds nothing rather than failing.
func LanguageCode(s string) string {
	s = strings.TrimSpace(s)
	if c := lang.Normalize(s); c != "" {
		return c
	}
	for _, l := range lang.Languages {
		if strings.EqualFold(l.Name, s) {
			return l.Code
		}
	}
	return strings.ToLower(s)
}

// LanguageName returns how people read a value of the language facet:
// "French (fr)"; "Undetermined (und)"; the code alone when newsindex does
// not know its name.
func LanguageName(code string) string {
	if code == lang.Und {
		return "Undetermined (und)"
	}
	if l, ok := lang.Lookup(code); ok {
		return l.Name + " (" + code + ")"
	}
	return code
}

// languageFilter returns filters with the values of the language filter
// read by LanguageCode, in a new map (the caller's is left alone).
func languageFilter(filters map[Facet][]string) map[Facet][]string {
	vs, ok := filters[FacetLanguage]
	if !ok {
		return filters
	}
	out := maps.Clone(filters)
	codes := make([]string, 0, len(vs))
	for _, v := range vs {
		if c := LanguageCode(v); !slices.Contains(codes, c) {
			codes = append(codes, c)
		}
	}
	out[FacetLanguage] = codes
	return out
}

// languageQuery reads the values of the query's language: fields as
// LanguageCode does ("language:French" is "language:fr"), and lifts a
// language: term that every match must satisfy (one at the top of the
// query, not negated) into the language filter, so that it filters
// exactly as the parameter does: it scores nothing, and a search that
// finds too little is relaxed without it, never into "any French
// article". It returns the query left (nil: match all) and the filters;
// none is true when the query asks for two languages at once, or for one
// the filter leaves out: nothing can match.
func languageQuery(q query.Node, filters map[Facet][]string) (_ query.Node, _ map[Facet][]string, none bool) {
	if q == nil {
		return q, filters, false
	}
	query.Walk(q, func(n query.Node) bool {
		switch n := n.(type) {
		case *query.Term:
			if n.Field == query.FieldLanguage {
				n.Text = LanguageCode(n.Text)
			}
		case *query.Phrase:
			if n.Field == query.FieldLanguage {
				n.Text = LanguageCode(n.Text)
			}
		}
		return true
	})
	parts := []query.Node{q}
	if and, ok := q.(*query.And); ok {
		parts = and.Nodes
	}
	var codes, rest []query.Node
	for _, p := range parts {
		if languageTerm(p) != "" {
			codes = append(codes, p)
		} else {
			rest = append(rest, p)
		}
	}
	if len(codes) == 0 {
		return q, filters, false
	}
	code := languageTerm(codes[0])
	for _, c := range codes[1:] {
		if languageTerm(c) != code {
			return q, filters, true
		}
	}
	if have, ok := filters[FacetLanguage]; ok && !slices.Contains(have, code) {
		return q, filters, true
	}
	out := maps.Clone(filters)
	if out == nil {
		out = map[Facet][]string{}
	}
	out[FacetLanguage] = []string{code}
	switch len(rest) {
	case 0:
		return nil, out, false
	case 1:
		return rest[0], out, false
	}
	return &query.And{Nodes: rest}, out, false
}

// languageTerm returns the code of a language:code term or phrase, "" for
// any other node.
func languageTerm(n query.Node) string {
	switch n := n.(type) {
	case *query.Term:
		if n.Field == query.FieldLanguage {
			return n.Text
		}
	case *query.Phrase:
		if n.Field == query.FieldLanguage {
			return n.Text
		}
	}
	return ""
}

// noMatch is the result of a search nothing can match: no hits, and every
// facet empty.
func noMatch() *engine.SearchResult {
	r := &engine.SearchResult{Hits: []engine.Hit{}}
	for _, f := range engine.AllFacets {
		r.Facets.Set(f, []engine.FacetCount{})
	}
	r.Facets.Published = []engine.DateCount{}
	return r
}
