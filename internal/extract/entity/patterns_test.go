package entity

import "testing"

// TestPatternOrgsPersonOpening checks that a person the tagger read at the
// start of a name shaped like an organization's blocks it, unless the name
// ends in a company's legal form.
func TestPatternOrgsPersonOpening(t *testing.T) {
	tests := []struct {
		text, person, want string // want: the organization read, or "" for none
	}{
		{"Shares in Loxley Publications Plc rose 5 pence .", "Loxley Publications", "Loxley Publications Plc"},
		{"The award of the Harold Loxley Foundation went abroad .", "Harold Loxley", ""},
	}
	for _, tt := range tests {
		x := &extraction{text: tt.text, toks: tokenize(tt.text), model: defaultModel}
		n := len(tokenize(tt.person))
		for i := 0; i+n <= len(x.toks); i++ {
			if x.words(span{i, i + n, kPer}) == tt.person {
				x.spans = append(x.spans, span{i, i + n, kPer})
			}
		}
		x.buildOwner()
		x.patternOrgs()
		got := ""
		for _, s := range x.spans {
			if s.kind == kOrg {
				got = x.words(s)
			}
		}
		if got != tt.want {
			t.Errorf("patternOrgs(%q, person %q) = organization %q, want %q", tt.text, tt.person, got, tt.want)
		}
	}
}
