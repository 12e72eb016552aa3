package index

import (
	"time"

	"github.com/newsindex/newsindex/internal/story"
)

// Article is one news article: what a source gives, plus the enrichment that
// Add computes when the fields are empty.
type Article struct {
	ID        string    `json:"id"`
	URL       string    `json:"url,omitempty"`
	Title     string    `json:"title"`
	Body      string    `json:"body"`
	Published time.Time `json:"published,omitzero"`
	Source    string    `json:"source,omitempty"`
	Author    string    `json:"author,omitempty"`
	Category  string    `json:"category,omitempty"`
	// Language is the article's language, a BCP 47 primary subtag in
	// lower case ("en", "fr", "nb", "zh"), or "und" when it could not be
	// told. A source may give any tag ("pt-BR", "en_US"); Add keeps it
	// when the text agrees and detects the language otherwise.
	Language string `json:"language,omitempty"`
	// LanguageSource says where Language came from: "metadata" when the
	// source declared it and the text agrees, "detected" otherwise.
	LanguageSource string `json:"language_source,omitempty"`

	// CategorySource says where Category came from: "metadata" when the
	// source gave it, "classifier" when newsindex decided.
	CategorySource string `json:"category_source,omitempty"`

	People    []string `json:"people"`
	Countries []string `json:"countries"`
	// Places are the cities and regions the article names, each with its
	// country: "Arequipa, Peru".
	Places        []string `json:"places"`
	Organizations []string `json:"organizations"`
	Quotes        []Quote  `json:"quotes"`
	// Analysts are the quoted speakers whose role is analyst.
	Analysts []string `json:"analysts"`

	// Story is the ID of the first article of the story this one belongs
	// to: near-duplicates (wire copies, rewrites) share it. Set by Add.
	Story string `json:"story,omitempty"`

	sig signature // computed with the enrichment, stored beside the article
}

// Quote is a quotation, direct or reported, with who said it.
type Quote struct {
	// Text is the words quoted. The pieces of one statement that the writer
	// split around its attribution ("“…,” she said. “…”") are joined by " … ".
	Text        string `json:"text"`
	Speaker     string `json:"speaker"` // canonical name, "" when unknown
	Role        string `json:"role"`    // analyst | official | other
	Affiliation string `json:"affiliation,omitempty"`
	Cue         string `json:"cue,omitempty"`
	Direct      bool   `json:"direct"`
	// Mention is how the article names the speaker where it attributes the
	// quote ("Mr. Alexander", "she"), "" when no words there do.
	Mention string `json:"mention,omitempty"`
	// Described reports that Speaker is no name but words the article
	// describes the speaker by, as written: a description of one person
	// ("the Democratic senator") that no person the article names fits
	// alone, or a group named by its people ("Senate Republicans",
	// "Democratic voters"). The quote search's speaker facet and filter
	// leave it out, and it makes no analyst.
	Described bool `json:"described,omitempty"`
}

// signature wraps story.Signature so that Article's zero value needs no
// import of the story package by embedders.
type signature struct{ story.Signature }
