// Package extract computes an article's enrichment: its people, countries and
// organizations, its quotations with speakers and roles, its analysts and its
// category. It is pure: text in, enrichment out.
package extract

import (
	"github.com/newsindex/newsindex/internal/extract/category"
	"github.com/newsindex/newsindex/internal/extract/entity"
	"github.com/newsindex/newsindex/internal/extract/quote"
)

// Input is what extraction reads of an article.
type Input struct {
	Title, Body string
	URL         string
	Category    string // the source's own category, if any
}

// Result is an article's enrichment.
type Result struct {
	People, Countries, Organizations []string
	Quotes                           []quote.Quote
	Analysts                         []string
	Category                         string
	CategorySource                   string // SourceMetadata or SourceClassifier
}

// Where a category came from.
const (
	SourceMetadata   = "metadata"
	SourceClassifier = "classifier"
)

// Extractor holds the models extraction uses. It is safe for concurrent use.
type Extractor struct {
	categories *category.Model
}

// New returns an Extractor. A nil model selects the embedded default.
func New(categories *category.Model) *Extractor {
	if categories == nil {
		categories = category.Default()
	}
	return &Extractor{categories: categories}
}

// Text joins title and body the way every extractor sees them: the title, a
// blank line, the body. Offsets in the results are into this string.
func Text(title, body string) string {
	if title == "" {
		return body
	}
	return title + "\n\n" + body
}

// Extract computes the enrichment of one article.
func (x *Extractor) Extract(in Input) Result {
	text := Text(in.Title, in.Body)
	ents := entity.Extract(text)
	qs := quote.Extract(text, ents)
	r := Result{
		People:        ents.People,
		Countries:     ents.Countries,
		Organizations: ents.Organizations,
		Quotes:        qs,
		Analysts:      quote.Analysts(qs),
	}
	r.Category, r.CategorySource = x.category(in)
	return r
}

func (x *Extractor) category(in Input) (string, string) {
	if in.Category != "" {
		if c, ok := category.Normalize(in.Category); ok {
			return c, SourceMetadata
		}
		return in.Category, SourceMetadata
	}
	if c, ok := category.FromURL(in.URL); ok {
		return c, SourceMetadata
	}
	return x.categories.Classify(in.Title, in.Body), SourceClassifier
}
