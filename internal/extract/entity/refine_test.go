package entity

import (
	"slices"
	"testing"
)

// refineTests are sentences of modern news whose names the tagger alone
// misreads. want lists names that must be found under the kind; notPeople,
// names that must not be people.
var refineTests = []struct {
	text      string
	people    []string
	orgs      []string
	notPeople []string
}{
	{"Shares in Dravik, a Swedish maker of pumps, fell 4 percent. Dravik said demand was weak.", nil, []string{"Dravik"}, []string{"Dravik"}},
	{"Logistics start-up Parcelo raised 20 million euros on Monday.", nil, []string{"Parcelo"}, []string{"Parcelo"}},
	{"Crews reached the villages near Tessaoua on Tuesday. The road to Maradi was cut.", nil, nil, []string{"Tessaoua"}},
	{"Voters in the cantons of Bern, Uri and Glarus rejected the plan.", nil, nil, []string{"Uri", "Glarus"}},
	{"Floods hit the Kitui county on Monday and farms in Makueni and Kitui were lost.", nil, nil, []string{"Kitui", "Makueni"}},
	{"The report was written by Han Ji-woo, a fellow at the Seoul Institute for Trade Studies.", []string{"Han Ji-woo"}, []string{"Seoul Institute for Trade Studies"}, []string{"Han", "Trade Studies"}},
	{"Famine is spreading in the south, the agency said.\n\nBenchmark prices rose 3 percent.", nil, nil, []string{"Famine", "Benchmark"}},
	{"Growers fear the Andean frost, said Rosa Mamani of the Altiplano Growers Federation.", []string{"Rosa Mamani"}, []string{"Altiplano Growers Federation"}, []string{"Andean"}},
	{"Brennock Rovers beat Ashgate 2-0. Brennock lead the table by a point.", nil, []string{"Brennock Rovers"}, []string{"Brennock"}},
	{"The department store chain Pell & Hardy said it would close 12 shops.", nil, []string{"Pell & Hardy"}, []string{"Pell", "Hardy"}},
	{"Analysts at Corrib Securities expect a cut, said Aoife Daly.", []string{"Aoife Daly"}, []string{"Corrib Securities"}, []string{"Corrib Securities"}},
}

func TestRefine(t *testing.T) {
	for _, tt := range refineTests {
		r := Extract("Title\n\n" + tt.text)
		for _, p := range tt.people {
			if !slices.Contains(r.People, p) {
				t.Errorf("Extract(%q).People = %q, want %q in it", tt.text, r.People, p)
			}
		}
		for _, o := range tt.orgs {
			if !slices.Contains(r.Organizations, o) {
				t.Errorf("Extract(%q).Organizations = %q, want %q in it", tt.text, r.Organizations, o)
			}
		}
		for _, p := range tt.notPeople {
			if slices.Contains(r.People, p) {
				t.Errorf("Extract(%q).People = %q, want no %q", tt.text, r.People, p)
			}
		}
	}
}
