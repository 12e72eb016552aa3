package index

import (
	"sort"

	"github.com/newsindex/newsindex/internal/extract"
	"github.com/newsindex/newsindex/internal/extract/entity"
)

// Mention is one place in an article's body that names an entity.
type Mention struct {
	Start, End int    // byte offsets into Article.Body
	Facet      Facet  // FacetPerson, FacetCountry or FacetOrganization
	Name       string // the entity's canonical name
}

// Mentions finds where the body of a names its people, countries and
// organizations, for display: it runs the entity extractor again rather
// than storing offsets that only pages need.
func (ix *Index) Mentions(a Article) []Mention {
	text := extract.Text(a.Title, a.Body)
	shift := len(text) - len(a.Body) // the title and the blank line before the body
	var out []Mention
	for _, m := range entity.Extract(text).Mentions {
		if m.Start < shift || m.End > len(text) {
			continue // in the title
		}
		var f Facet
		switch m.Kind {
		case entity.Person:
			f = FacetPerson
		case entity.Country:
			f = FacetCountry
		case entity.Organization:
			f = FacetOrganization
		default:
			continue
		}
		out = append(out, Mention{Start: m.Start - shift, End: m.End - shift, Facet: f, Name: m.Name})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}
