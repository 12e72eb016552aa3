// Package engine holds what package index and its engines (bleveengine,
// osengine) share: the article as an engine writes and returns it, the
// requests and results they exchange, the names of the fields both
// mappings hold, the helpers both query translators use, snippets, and
// the assignment of stories with its store of signatures.
//
// The types mirror index's exported ones field for field; index converts
// at its boundary, so that its API is documented where embedders read it.
package engine

import (
	"strconv"
	"time"

	"github.com/newsindex/newsindex/internal/story"
)

// Article is an article as engines store it: its JSON is the stored form,
// the same as index.Article's.
type Article struct {
	ID        string    `json:"id"`
	URL       string    `json:"url,omitempty"`
	Title     string    `json:"title"`
	Body      string    `json:"body"`
	Published time.Time `json:"published,omitzero"`
	Source    string    `json:"source,omitempty"`
	Author    string    `json:"author,omitempty"`
	Category  string    `json:"category,omitempty"`
	Language  string    `json:"language,omitempty"`

	LanguageSource string `json:"language_source,omitempty"`
	CategorySource string `json:"category_source,omitempty"`

	People        []string `json:"people"`
	Countries     []string `json:"countries"`
	Places        []string `json:"places"`
	Organizations []string `json:"organizations"`
	Quotes        []Quote  `json:"quotes"`
	Analysts      []string `json:"analysts"`

	Story string `json:"story,omitempty"`

	// Sig is the story signature computed with the enrichment; it is kept
	// in the story store, not in the article's JSON.
	Sig story.Signature `json:"-"`
}

// Quote is a quotation, as index.Quote.
type Quote struct {
	Text        string `json:"text"`
	Speaker     string `json:"speaker"`
	Role        string `json:"role"`
	Affiliation string `json:"affiliation,omitempty"`
	Cue         string `json:"cue,omitempty"`
	Direct      bool   `json:"direct"`
	Mention     string `json:"mention,omitempty"`
	Described   bool   `json:"described,omitempty"`
}

// Document kinds: every engine keeps an article's quotes as documents of
// their own beside it.
const (
	KindArticle = "article"
	KindQuote   = "quote"
)

// QuoteID is the ID of an article's i-th quote document.
func QuoteID(articleID string, i int) string { return articleID + "#q" + strconv.Itoa(i) }

// NonNil returns s, or an empty slice for nil, so that JSON shows [].
func NonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
