package entity

import (
	"fmt"
	"slices"
	"testing"
)

// TestGroups checks the groups pass on one span, whatever the tagger makes
// of the sentence: a group's plural is neither a body nor a person.
func TestGroups(t *testing.T) {
	kinds := map[int]string{kPer: "PER", kOrg: "ORG", kLoc: "LOC", kMisc: "MISC"}
	tests := []struct {
		text, name string
		kind       int
		want       []string // the spans after the pass, as words:kind
	}{
		// for: a party's or a people's plural, alone or led by a body or a place
		{"Republicans blocked the bill on Tuesday .", "Republicans", kOrg, []string{"Republicans:MISC"}},
		{"Senate Republicans blocked the bill .", "Senate Republicans", kOrg, []string{"Senate:ORG", "Republicans:MISC"}},
		{"the plan that House Democrats unveiled .", "House Democrats", kOrg, []string{"House:ORG", "Democrats:MISC"}},
		{"Iowa Democrats met on Sunday .", "Iowa Democrats", kOrg, []string{"Iowa:ORG", "Democrats:MISC"}},
		{"the Serbs protested in the north .", "Serbs", kOrg, []string{"Serbs:MISC"}},
		{"Palestinians marched on Friday .", "Palestinians", kPer, []string{"Palestinians:MISC"}},
		{"Social Democrats gained in the poll .", "Social Democrats", kOrg, []string{"Social Democrats:MISC"}},
		{"Latino Republicans turned out .", "Latino Republicans", kOrg, []string{"Latino Republicans:MISC"}},
		{"Reagan Democrats turned out .", "Reagan Democrats", kPer, []string{"Reagan Democrats:MISC"}},
		{"In the Senate , the Republicans said .", "Senate , the Republicans", kOrg, []string{"Senate:ORG", "Republicans:MISC"}},
		{"Tea Party Republicans said the plan cost too much .", "Tea Party Republicans", kOrg, []string{"Tea Party:ORG", "Republicans:MISC"}},
		// against: a team, a party's name, a country, a singular, a body, a party the gazetteer names
		{"the Cleveland Indians won again .", "Cleveland Indians", kOrg, []string{"Cleveland Indians:ORG"}},
		{"the Indians won again .", "Indians", kOrg, []string{"Indians:MISC"}},
		{"the Australian Democrats won two seats .", "Australian Democrats", kOrg, []string{"Australian Democrats:ORG"}},
		{"the Greens and Australian Democrats .", "Greens and Australian Democrats", kOrg, []string{"Greens and Australian Democrats:ORG"}},
		{"the Philippines protested .", "Philippines", kOrg, []string{"Philippines:ORG"}},
		{"Republican leaders met .", "Republican", kOrg, []string{"Republican:ORG"}},
		{"the Republican Party met .", "Republican Party", kOrg, []string{"Republican Party:ORG"}},
		{"Texas protested .", "Texas", kOrg, []string{"Texas:ORG"}},
		{"the Tories lost two seats .", "Tories", kOrg, []string{"Tories:ORG"}}, // orgs.txt: the Conservative Party
		// against: a party's plural led by words that name nothing known alone is a body's name, kept whole, not cut to a fragment
		{"the Log Cabin Republicans endorsed him .", "Log Cabin Republicans", kOrg, []string{"Log Cabin Republicans:ORG"}},
	}
	// a lone plural that the document also writes at the end of a body's name
	t.Run("short name of a team", func(t *testing.T) {
		text := "the Cleveland Indians won . The Indians had lost four ."
		x := &extraction{text: text, toks: tokenize(text), model: defaultModel}
		x.spans = []span{spanOf(t, x, "Cleveland Indians", kOrg), {6, 7, kOrg}}
		x.buildOwner()
		x.groups()
		if s := x.spans[1]; x.words(s) != "Indians" || s.kind != kOrg {
			t.Errorf("groups(%q) made %q %s, want Indians ORG", text, x.words(s), kinds[s.kind])
		}
	})
	// leading words the document names alone are a name, cut from the plural
	t.Run("lead named alone", func(t *testing.T) {
		text := "Korvath Democrats met . Korvath voted no ."
		x := &extraction{text: text, toks: tokenize(text), model: defaultModel}
		got := groupsOf(x, spanOf(t, x, "Korvath Democrats", kOrg), span{4, 5, kOrg})
		slices.Sort(got)
		if want := []string{"Democrats:MISC", "Korvath:ORG", "Korvath:ORG"}; !slices.Equal(got, want) {
			t.Errorf("groups(%q) = %q, want %q", text, got, want)
		}
	})
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			x := &extraction{text: tt.text, toks: tokenize(tt.text), model: defaultModel}
			if got := groupsOf(x, spanOf(t, x, tt.name, tt.kind)); !slices.Equal(got, tt.want) {
				t.Errorf("groups(%q in %q) = %q, want %q", tt.name, tt.text, got, tt.want)
			}
		})
	}
}

// groupsOf runs the groups pass over the spans given and returns the spans
// after it, as words:kind.
func groupsOf(x *extraction, spans ...span) []string {
	kinds := map[int]string{kPer: "PER", kOrg: "ORG", kLoc: "LOC", kMisc: "MISC"}
	x.spans = spans
	x.buildOwner()
	x.groups()
	var got []string
	for _, s := range x.spans {
		got = append(got, fmt.Sprintf("%s:%s", x.words(s), kinds[s.kind]))
	}
	return got
}
