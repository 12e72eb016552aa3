// Package quote finds quotations in news text, who said them, and whether the
// speaker is an analyst, an official or someone else.
package quote

import "github.com/newsindex/newsindex/internal/extract/entity"

// Roles of a speaker.
const (
	RoleAnalyst  = "analyst"
	RoleOfficial = "official"
	RoleOther    = "other"
)

// Quote is a quotation with its attribution.
type Quote struct {
	Text        string `json:"text"`                  // the quoted words, without the quotation marks
	Speaker     string `json:"speaker"`               // canonical name of the speaker, "" when unknown
	Role        string `json:"role"`                  // RoleAnalyst, RoleOfficial or RoleOther
	Affiliation string `json:"affiliation,omitempty"` // canonical organization of the speaker, if named
	Cue         string `json:"cue,omitempty"`         // the speech verb ("said", "added", "wrote"), lower case
	Direct      bool   `json:"direct"`                // in quotation marks; false for reported speech
	Start       int    `json:"-"`                     // byte offset of Text in the input
	End         int    `json:"-"`
}

// Extract finds the quotations of one document. text is the whole article
// (title, a blank line, body); ents is entity.Extract(text).
func Extract(text string, ents entity.Result) []Quote {
	return nil
}

// Analysts returns the canonical names of the speakers with RoleAnalyst, once
// each, in order of first quote.
func Analysts(qs []Quote) []string {
	var out []string
	seen := map[string]bool{}
	for _, q := range qs {
		if q.Role == RoleAnalyst && q.Speaker != "" && !seen[q.Speaker] {
			seen[q.Speaker] = true
			out = append(out, q.Speaker)
		}
	}
	return out
}
