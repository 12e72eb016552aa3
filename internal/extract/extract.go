// Package extract computes an article's enrichment: its people, countries,
// places and organizations, its quotations with speakers and roles, its
// analysts and its category; an article in another language than English is
// read by package foreign. It is pure: text in, enrichment out.
package extract

import (
	"github.com/newsindex/newsindex/internal/extract/category"
	"github.com/newsindex/newsindex/internal/extract/entity"
	"github.com/newsindex/newsindex/internal/extract/foreign"
	"github.com/newsindex/newsindex/internal/extract/quote"
	"github.com/newsindex/newsindex/internal/lang"
)

// Input is what extraction reads of an article.
type Input struct {
	Title, Body string
	URL         string
	Category    string // the source's own category, if any
	// Language is the article's language code (package lang). The rules
	// and models trained on English run on English and undetermined text
	// only; see Extract.
	Language string
}

// Result is an article's enrichment.
type Result struct {
	People, Countries, Organizations []string
	// Places are the cities and regions named, with their countries:
	// "Arequipa, Peru".
	Places         []string
	Quotes         []quote.Quote
	Analysts       []string
	Category       string
	CategorySource string // SourceMetadata or SourceClassifier
}

// Where a category came from.
const (
	SourceMetadata   = "metadata"
	SourceClassifier = "classifier"
)

// Extractor holds the models extraction uses. It is safe for concurrent use.
type Extractor struct {
	// categories is the classifier, nil for the embedded default, which is
	// decoded on the first article classified: a server that enriches
	// nothing would hold it (17 MB of heap) for nothing.
	categories *category.Model
}

// New returns an Extractor. A nil model selects the embedded default.
func New(categories *category.Model) *Extractor {
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

// English reports whether the English rules and models read text in a
// language: English, and text whose language is undetermined (mostly short
// or tabular English).
func English(code string) bool { return code == "" || code == "en" || code == lang.Und }

// Extract computes the enrichment of one article. Text in another language
// than English gets what does not depend on English: the countries it names
// in its language, its known organizations, its direct quotations in its
// language's marks, and the category its source gives (or its URL shows),
// never people found by English heuristics, quotes attributed by English
// speech verbs, or the guess of a classifier trained on English.
func (x *Extractor) Extract(in Input) Result {
	text := Text(in.Title, in.Body)
	if !English(in.Language) {
		return x.foreign(in, text)
	}
	ents := entity.Extract(text)
	qs := quote.Extract(text, ents)
	r := Result{
		People:        ents.People,
		Countries:     ents.Countries,
		Organizations: ents.Organizations,
		Places:        ents.Places,
		Quotes:        qs,
		Analysts:      quote.Analysts(qs),
	}
	r.Category, r.CategorySource = x.category(in)
	return r
}

// foreign is Extract for text in a language other than English: package
// foreign reads it with that language's names and quotation marks.
func (x *Extractor) foreign(in Input, text string) Result {
	f := foreign.Extract(text, in.Language)
	r := Result{Countries: f.Countries, Organizations: f.Organizations, Places: f.Places, Quotes: f.Quotes}
	r.Category, r.CategorySource = sourceCategory(in)
	return r
}

// sourceCategory returns the category the source gave or the URL shows,
// normalised onto the taxonomy when it fits. The URL of an article in
// another language is read with that language's section names too
// (/wirtschaft/, /deportes/).
func sourceCategory(in Input) (string, string) {
	if in.Category != "" {
		if c, ok := category.Normalize(in.Category); ok {
			return c, SourceMetadata
		}
		return in.Category, SourceMetadata
	}
	fromURL := category.FromURL
	if !English(in.Language) {
		fromURL = category.FromURLSections
	}
	if c, ok := fromURL(in.URL); ok {
		return c, SourceMetadata
	}
	return "", ""
}

func (x *Extractor) category(in Input) (string, string) {
	if c, src := sourceCategory(in); c != "" {
		return c, src
	}
	m := x.categories
	if m == nil {
		m = category.Default()
	}
	return m.Classify(in.Title, in.Body), SourceClassifier
}
