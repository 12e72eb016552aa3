package entity

import (
	"slices"
	"testing"
)

// spanOf returns the span of the first occurrence of name's words in x,
// read as kind.
func spanOf(t *testing.T, x *extraction, name string, kind int) span {
	t.Helper()
	n := len(tokenize(name))
	for i := 0; i+n <= len(x.toks); i++ {
		if x.words(span{i, i + n, kind}) == name {
			return span{i, i + n, kind}
		}
	}
	t.Fatalf("%q not in %q", name, x.text)
	return span{}
}

// TestReferenceCues checks each cue on one mention, whatever the tagger
// makes of the sentence: people lists other names read as people.
func TestReferenceCues(t *testing.T) {
	tests := []struct {
		cue, text, name string
		people          []string
		want            int
	}{
		{"the pronoun a verb of speech reports", "Lenzing said its profit rose .", "Lenzing", nil, kOrg},
		{"the pronoun a verb of speech reports", "Mentmore said on Tuesday its sales rose .", "Mentmore", nil, kOrg},
		{"the pronoun a verb of speech reports", "Taylor said it would be premature .", "Taylor", nil, 0},
		{"the pronoun a verb of speech reports", "Avila said that he expected rain .", "Avila", nil, kPer},
		{"the pronoun a verb of speech reports", "Korvan said his company would sell .", "Korvan", nil, kPer},
		{"the pronoun a verb of speech reports", "Korvan said Drane would re-examine its position .", "Korvan", nil, 0},
		{"the pronoun a verb of speech reports", "Korvan denied it .", "Korvan", nil, 0},
		{"the pronoun a verb of speech reports", "Zimmer of Merrill Lynch said she would cut .", "Merrill Lynch", []string{"Zimmer"}, 0},
		{"a pronoun of the clause the name opens", "But Nutricia shrugged off its ex-div tag .", "Nutricia", nil, kOrg},
		{"a pronoun of the clause the name opens", "Simpson found himself broke .", "Simpson", nil, kPer},
		{"a pronoun of the clause the name opens", "Kessler and his wife left .", "Kessler", nil, kPer},
		{"a pronoun of the clause the name opens", "Twitter soon made his tweets a story .", "Twitter", nil, 0},
		{"a pronoun of the clause the name opens", "Korvan said it had changed its stance .", "Korvan", nil, 0},
		{"a pronoun of the clause the name opens", "Kiryat Sefer and its settlers .", "Kiryat Sefer", nil, 0},
		{"a person's age", "the body of Amer Mohammed , 23 , was found .", "Amer Mohammed", nil, kPer},
		{"a person's age", "Korvan , 1996 , was found .", "Korvan", nil, 0},
		{"a body's relative pronoun", "boosted by Drane Morris , which gained four .", "Drane Morris", nil, kOrg},
		{"a body's relative pronoun", "Taiwan , which Beijing claims .", "Taiwan", nil, 0},
		{"an age before the name", "said the 24-year-old Martinez after the match .", "Martinez", nil, kPer},
		{"an age before the name", "next to the 49-year-old Carrier plant .", "Carrier", nil, 0},
		{"a person's noun before the name", "said hurricane forecaster Lixion Avila .", "Lixion Avila", nil, kPer},
		{"a person's noun before the name", "said premier Petre Roman .", "Petre Roman", nil, kPer},
		{"a person's noun before the name", "its South African partner Minorco said .", "Minorco", nil, 0},
		{"a person's noun before the name", "the official Xinhua news agency said .", "Xinhua", nil, 0},
		{"a person's noun before the name", "a major Capitol Hill role .", "Capitol Hill", nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.cue+"/"+tt.text, func(t *testing.T) {
			x := &extraction{text: tt.text, toks: tokenize(tt.text), model: defaultModel}
			s := spanOf(t, x, tt.name, kPer)
			x.spans = append(x.spans, s)
			for _, p := range tt.people {
				x.spans = append(x.spans, spanOf(t, x, p, kPer))
			}
			x.buildOwner()
			for _, c := range referenceCues {
				if c.name == tt.cue {
					if got := c.cue(x, s); got != tt.want {
						t.Errorf("%s(%q in %q) = %v, want %v", c.name, tt.name, tt.text, got, tt.want)
					}
					return
				}
			}
			t.Fatalf("no cue %q", tt.cue)
		})
	}
}

// TestReferenceCueExamples checks that each cue's own example shows the
// name before its first comma, or the first name of the example.
func TestReferenceCueExamples(t *testing.T) {
	for _, c := range referenceCues {
		x := &extraction{text: c.example, toks: tokenize(c.example), model: defaultModel}
		found := false
		for i := range x.toks {
			for j := i + 1; j <= len(x.toks) && j <= i+4; j++ {
				if !x.capWord(j - 1) {
					break
				}
				if c.cue(x, span{i, j, kPer}) != 0 {
					found = true
				}
			}
		}
		if !found {
			t.Errorf("%s: no name of its example %q shows a kind", c.name, c.example)
		}
	}
}

// TestReferenceKinds checks the pass over whole documents: the readings
// of a name change only where one kind's evidence outweighs the other's,
// and a name a given name opens stays a person's.
func TestReferenceKinds(t *testing.T) {
	tests := []struct {
		name, text, entity string
		kind, want         int
		people             []string // other names read as people, first
	}{
		{"a body's pronoun", "Lenzing expects higher sales .\nLenzing said its profit rose .", "Lenzing", kPer, kOrg, nil},
		{"a person's pronoun", "Ardo Vessel said on Friday he would stay .", "Ardo Vessel", kOrg, kPer, nil},
		{"evidence both ways", "Korvan said its sales rose . Korvan said he would stay .", "Korvan", kPer, kPer, nil},
		{"a given name", "Walter Kessler said its sales rose .", "Walter Kessler", kPer, kPer, nil},
		{"a body's word", "Ardo Holdings said on Friday he would stay .", "Ardo Holdings", kOrg, kOrg, nil},
		{"a surname's evidence", "Noel Brande sang . Brande said he was tired .", "Noel Brande", kOrg, kPer, []string{"Brande"}},
		{"a person's surname", "Donald Trump spoke . Trump said its sales rose .", "Trump", kPer, kPer, []string{"Donald Trump"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x := &extraction{text: tt.text, toks: tokenize(tt.text), model: defaultModel}
			// Longer names first, so that a surname is not read inside a full name.
			names := append([]string{tt.entity}, tt.people...)
			slices.SortStableFunc(names, func(a, b string) int { return len(tokenize(b)) - len(tokenize(a)) })
			taken := make([]bool, len(x.toks))
			for _, name := range names {
				kind := kPer
				if name == tt.entity {
					kind = tt.kind
				}
				n := len(tokenize(name))
				for i := 0; i+n <= len(x.toks); i++ {
					if x.words(span{i, i + n, kind}) == name && !slices.Contains(taken[i:i+n], true) {
						x.spans = append(x.spans, span{i, i + n, kind})
						for k := i; k < i+n; k++ {
							taken[k] = true
						}
					}
				}
			}
			found := false
			for _, s := range x.spans {
				found = found || x.words(s) == tt.entity
			}
			if !found {
				t.Fatalf("%q not read in %q", tt.entity, tt.text)
			}
			x.buildOwner()
			x.referenceKinds()
			for _, s := range x.spans {
				if x.words(s) == tt.entity && s.kind != tt.want {
					t.Errorf("referenceKinds(%q): %q is %d, want %d", tt.text, tt.entity, s.kind, tt.want)
				}
			}
		})
	}
}
