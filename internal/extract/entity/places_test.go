package entity

import (
	"slices"
	"strings"
	"testing"
)

// placeTests read names of the world gazetteer by their context. Each want
// is "KIND:Name" with L for a place; a name starting with "!" must not
// come out.
var placeTests = []struct {
	name, text string
	want       []string
}{
	{"a city with its country", "Protesters marched through the centre of Arequipa on Monday.",
		[]string{"L:Arequipa, Peru", "!O:Arequipa", "!P:Arequipa"}},
	{"a passing mention implies no country", "The company also runs a small office in Mombasa, it said.",
		[]string{"L:Mombasa, Kenya", "!C:Kenya"}},
	{"a repeated mention implies its country", "Floods closed the port of Mombasa on Monday.\n\nShops in Mombasa stayed shut and the ferry to Mombasa island stopped.",
		[]string{"L:Mombasa, Kenya", "C:Kenya"}},
	{"a dateline implies its country", "Vote count begins\n\nAREQUIPA, March 3 - Officials began counting ballots on Sunday.",
		[]string{"L:Arequipa, Peru", "C:Peru"}},
	{"a region", "Floods in Assam affected two million people, officials said.",
		[]string{"L:Assam, India", "!O:Assam", "!P:Assam"}},
	{"paris the city", "She moved to Paris in 2010 and opened a bakery.",
		[]string{"L:Paris, France", "!P:Paris"}},
	{"paris the person", "Mr. Paris said the plan would work.",
		[]string{"P:Paris", "!L:Paris, France"}},
	{"paris of texas by its state", "The storm hit Paris, Texas, overnight.",
		[]string{"L:Paris, United States", "!L:Paris, France"}},
	{"jordan the player", "Michael Jordan said he would play again. Jordan scored 30 points on Friday.",
		[]string{"P:Michael Jordan", "!C:Jordan"}},
	{"capitals are places", "Growing ties between Moscow and Pyongyang worry officials.",
		[]string{"L:Moscow, Russia", "L:Pyongyang, North Korea", "!C:Russia"}},
	{"a small place named like a surname keeps the person", "Talks stalled on Friday, Miller said.",
		[]string{"P:Miller", "!L:Miller, United States"}},
	{"a team in a results table", "Results on Sunday:\nLeeds 2 Arsenal 1\nChelsea 0 Everton 3",
		[]string{"!L:Leeds, United Kingdom", "!L:Chelsea, United States"}},
	{"results lines are teams", "Portuguese league results on Sunday:\nBenfica 2 Porto 1\nBraga 0 Sporting 3 ( halftime 0-1 )",
		[]string{"!L:Braga, Portugal", "!P:Benfica", "!P:Braga"}},
	{"a fixture", "Postponed: Walsall v Wrexham.",
		[]string{"!L:Walsall, United Kingdom", "!L:Wrexham, United Kingdom"}},
	{"an apposition names the kind of place", "“We cannot cope,” said Amina Yusuf, speaking from Adré, the main crossing point on the border.",
		[]string{"P:Amina Yusuf", "!P:Adré"}},
	{"an apposition with a role names a person", "“We cannot cope,” said Halvorsen, the town's mayor.",
		[]string{"P:Halvorsen"}},
	{"a ship after its noun is no one", "Investigators boarded the bulk carrier Volna Star on Tuesday. The ship, the Volna Star, had dragged its anchor, and the Volna Star's owner said nothing.",
		[]string{"!P:Volna Star", "!O:Volna Star"}},
	{"a carrier alone is an airline", "Shares in the low-cost carrier Ryanair fell on Tuesday.",
		[]string{"O:Ryanair"}},
	{"a part of a continent", "“Turkey sits between Europe, the Gulf and Central Asia,” she said.",
		[]string{"!O:Central Asia", "!P:Central Asia"}},
	{"a natural feature inside a name is no one", "The rains are linked to a strong positive phase of the Indian Ocean Dipole, scientists said.",
		[]string{"!P:Ocean Dipole", "!P:Indian Ocean Dipole"}},
	{"towns of a table with their states' codes", "Shipping points:\nWenatchee WA 4.50 4.75\nPendleton OR 4.40 4.60",
		[]string{"!O:Wenatchee WA", "!O:Pendleton OR"}},
	{"a company's suffix that is a state's code", "Shares in Hoek Loos NV rose 2 percent, Hoek Loos NV said.",
		[]string{"O:Hoek Loos NV"}},
	{"a foreign name that is an english first name", "Maurice Greene won the race.",
		[]string{"P:Maurice Greene", "!C:Mauritius"}},
}

func TestPlaces(t *testing.T) {
	for _, tt := range placeTests {
		t.Run(tt.name, func(t *testing.T) {
			r := Extract(tt.text)
			var got []string
			for _, l := range []struct {
				k  string
				ns []string
			}{{"P", r.People}, {"C", r.Countries}, {"O", r.Organizations}, {"L", r.Places}} {
				for _, n := range l.ns {
					got = append(got, l.k+":"+n)
				}
			}
			for _, w := range tt.want {
				if bad, ok := strings.CutPrefix(w, "!"); ok {
					if slices.Contains(got, bad) {
						t.Errorf("Extract(%q) = %q, want no %q", tt.text, got, bad)
					}
				} else if !slices.Contains(got, w) {
					t.Errorf("Extract(%q) = %q, want %q", tt.text, got, w)
				}
			}
			checkMentions(t, tt.text, r)
		})
	}
}

func TestSportsResults(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"SOCCER - RESULTS .\n\nHamilton 2 Clyde 0\nBrechin 1 Ayr 1\n", true},
		{"TENNIS - RESULTS .\n\nIrina Spirlea ( Romania ) beat Ann Grossman ( U.S. ) 6-2 6-3\n", true},
		{"Soy prices steady .\n\nSoymeal yellow was $ 276-277 and soymeal black was $ 246-248 per tonne .\n" +
			"Indore 25 Yellow 12,750-12,950 12,900-13,100\n", false},
	}
	for _, tt := range tests {
		x := &extraction{text: tt.text, toks: tokenize(tt.text), model: defaultModel}
		for _, p := range passes {
			p.run(x)
		}
		if got := x.sportsResults(); got != tt.want {
			t.Errorf("sportsResults(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

func TestCompetitionsInResults(t *testing.T) {
	text := "BASEBALL - MAJOR LEAGUE RESULTS THURSDAY .\n\nNEW YORK 1996-08-23\n\n" +
		"Results of Major League Baseball games played on Thursday ( home team in CAPS ) :\n" +
		"American League\nBOSTON 2 Oakland 1\nSeattle 10 BALTIMORE 3\nNational League\nCOLORADO 10 St Louis 5\n"
	for _, o := range Extract(text).Organizations {
		if strings.Contains(o, "League") {
			t.Errorf("Extract(%q).Organizations holds %q, want no contest of the results", text, o)
		}
	}
}

// TestFiguresLinePlaces checks that the towns opening the lines of a
// table of figures are places, not teams, and that a venue after "at the"
// is a place while a research centre stays a body.
func TestFiguresLinePlaces(t *testing.T) {
	text := "Passengers at German airports in July :\nDresden 792 up 11.4\nHamburg 21,240 down 2.1\nLeipzig 1,453 up 13.1\n" +
		"The open championships start Monday at the National Tennis Centre .\n" +
		"\" It is overdue , \" said Henrik Aasland , research director at the Tromsø Polar Policy Centre .\n"
	r := Extract("Airport traffic up in July .\n\n" + text)
	for _, n := range []string{"Dresden", "Hamburg", "Leipzig", "National Tennis Centre"} {
		if slices.Contains(r.Organizations, n) {
			t.Errorf("Extract(%q).Organizations = %q, want no %q", text, r.Organizations, n)
		}
	}
	if !slices.Contains(r.Organizations, "Tromsø Polar Policy Centre") {
		t.Errorf("Extract(%q).Organizations = %q, want Tromsø Polar Policy Centre", text, r.Organizations)
	}
}

// TestTownsOfStates reads the organization spanning the whole of each text.
func TestTownsOfStates(t *testing.T) {
	tests := []struct {
		text string
		want int
	}{
		{"Wenatchee WA", kLoc},
		{"Coolee City WA", kLoc},
		{"Hoek Loos NV", kOrg}, // a company's suffix
		{"ALLIED SIGNAL IN", kOrg},
		{"Portland Trail Blazers", kOrg},
	}
	for _, tt := range tests {
		x := &extraction{text: tt.text, toks: tokenize(tt.text)}
		x.spans = []span{{0, len(x.toks), kOrg}}
		x.buildOwner()
		x.townsOfStates()
		if got := x.spans[0].kind; got != tt.want {
			t.Errorf("townsOfStates(%q) = %d, want %d", tt.text, got, tt.want)
		}
	}
}

// TestOneKind gives a name the tagger read as an organization once and as
// another kind of name more often that other reading.
func TestOneKind(t *testing.T) {
	tests := []struct {
		kinds []int // of the mentions of one name, in order
		want  int   // of its organization's mentions after oneKind
	}{
		{[]int{kOrg, kMisc, kMisc}, kMisc},
		{[]int{kOrg, kMisc}, kOrg},
		{[]int{kOrg, kOrg, kMisc}, kOrg},
		{[]int{kOrg, kLoc, kLoc}, kOrg}, // places are read by placeReadings
	}
	for _, tt := range tests {
		text := strings.TrimSpace(strings.Repeat("Nasdaq rose . ", len(tt.kinds)))
		x := &extraction{text: text, toks: tokenize(text)}
		for m, k := range tt.kinds {
			x.spans = append(x.spans, span{3 * m, 3*m + 1, k})
		}
		x.buildOwner()
		x.oneKind()
		if got := x.spans[0].kind; got != tt.want {
			t.Errorf("oneKind(%v) = %d, want %d", tt.kinds, got, tt.want)
		}
	}
}
