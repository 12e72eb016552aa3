package entity

import (
	"slices"
	"strings"
	"testing"
)

func TestBodies(t *testing.T) {
	tests := []struct {
		name, text string
		orgs       []string // must be organizations, and not people
	}{
		{"a player's club", "Leading scorers after the weekend :\n5 - Tomasz Wernik ( Drava Koltin ) , Piotr Zaleski\n( Stal Mirnow )\n" +
			"Results :\nStal Mirnow 2 Drava Koltin 1\n", []string{"Drava Koltin", "Stal Mirnow"}},
		{"a line of results after where it was played", "Results of the second leg :\nIn Koltin : Drava Koltin ( Poland ) 0 Vesna Ardak\n( Estonia ) 2 ( halftime 0-0 )\n" +
			"Vesna Ardak win 3-0 on aggregate\n", []string{"Drava Koltin", "Vesna Ardak"}},
		{"a club before a player's position", "Results : Dravik Koltin 1 Vesna 0 .\nDravik Koltin striker Tomasz Wernik scored twice .\n", []string{"Dravik Koltin"}},
		{"a body before its noun", "Police checked 3,000 drivers , the Korvan news agency reported . Infighting within the Kuan Thai party has raised doubts .\n", []string{"Korvan", "Kuan Thai"}},
		{"a company after its kind", "Talks went on , and German retailers Korvel , Drane and Umbrak were still in discussions .\n", []string{"Umbrak", "Drane"}},
		{"a share price's move", "Shares were mixed .\nEastern Cables gained 20.37 to 677.98 and Ardo Tannery lost 22.72 to 597 .\n", []string{"Ardo Tannery"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Extract("SOCCER - RESULTS .\n" + tt.text)
			for _, o := range tt.orgs {
				if !slices.Contains(r.Organizations, o) || slices.Contains(r.People, o) {
					t.Errorf("Extract(%q) = people %q, organizations %q, want %q an organization", tt.text, r.People, r.Organizations, o)
				}
			}
		})
	}
}

func TestPlayersClubIsNoFullName(t *testing.T) {
	text := "They were persecuted by the regime of Saddam ( Hussein ) , the men said ."
	r := Extract("Title\n\n" + text)
	if slices.Contains(r.Organizations, "Hussein") {
		t.Errorf("Extract(%q).Organizations = %q, want no Hussein", text, r.Organizations)
	}
}

func TestTradeNounBeforeAPerson(t *testing.T) {
	text := "Prices may move in a close range , said broker Shakil Rizvi ."
	r := Extract("Title\n\n" + text)
	if slices.Contains(r.Organizations, "Shakil Rizvi") {
		t.Errorf("Extract(%q).Organizations = %q, want no Shakil Rizvi", text, r.Organizations)
	}
}

// TestBodyCues checks each cue on a name read as a person, whatever the
// tagger makes of the sentence: people lists other names read as people.
func TestBodyCues(t *testing.T) {
	tests := []struct {
		cue, text, name string
		people          []string
		want            bool
	}{
		{"a player's club", "4 - Jacek Wernik ( Drava Koltin ) , Piotr Zaleski", "Drava Koltin", []string{"Jacek Wernik"}, true},
		{"a player's club", "the regime of Saddam ( Hussein ) said", "Hussein", []string{"Saddam"}, false},
		{"a club before a player's position", "Brava Koltin striker Tomas Wernik scored", "Brava Koltin", []string{"Tomas Wernik"}, true},
		{"a body before its noun", "the Korvan news agency said", "Korvan", nil, true},
		{"a body before its noun", "the John Korvan party said", "John Korvan", nil, false},
		{"a company after its kind", "German retailers Korvel , Drane and Umbrak were", "Umbrak", nil, true},
		{"a company after its kind", "said broker Shakil Rizvi .", "Shakil Rizvi", nil, false},
		{"a company after its kind", "at small southern club Ferrano Andria .", "Ferrano Andria", nil, true},
		{"a share price's move", "and Ardo Tannery lost 22.72 to 597 .", "Ardo Tannery", nil, true},
		{"a share price's move", "and Ardo Hammer was 8p higher .", "Ardo Hammer", nil, true},
		{"a share price's move", "and Ardo Tannery lost 6-3 6-4 .", "Ardo Tannery", nil, false},
		{"a company's figures", "Liu Kwong Hing interim net up 2.7 pct .", "Liu Kwong Hing", nil, true},
		{"a company's figures", "Nortel shares rose .", "Nortel", nil, true},
		{"a company's short name", "Penn Treaty said sales rose . Penn Treaty American Corp is based in Allentown .", "Penn Treaty", nil, true},
		{"a company's short name", "LENZING EXPECTS HIGHER SALES .\nFibre maker Lenzing AG said on Thursday .", "LENZING", nil, true},
		{"a company's short name", "Eli Lilly said . Shares of Eli Lilly & Co rose .", "Eli Lilly", nil, true},
		{"a company's short name", "Walt Kessler said . The Kessler Institute opened .", "Walt Kessler", nil, false},
		{"a company's short name", "Penn Treaty said . Sun Penn Treaty Corp is based in Allentown .", "Penn Treaty", nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.cue+"/"+tt.name, func(t *testing.T) {
			x := &extraction{text: tt.text, toks: tokenize(tt.text), model: defaultModel}
			at := func(name string) span {
				n := len(tokenize(name))
				for i := 0; i+n <= len(x.toks); i++ {
					if x.words(span{i, i + n, kPer}) == name {
						return span{i, i + n, kPer}
					}
				}
				t.Fatalf("%q not in %q", name, tt.text)
				return span{}
			}
			s := at(tt.name)
			x.spans = append(x.spans, s)
			for _, p := range tt.people {
				x.spans = append(x.spans, at(p))
			}
			x.buildOwner()
			for _, c := range bodyCues {
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

// TestTownAsTeam checks that a town's name that a club's cue stands by is
// the club wherever the document names it outside a locative or a
// dateline, and that a country in a player's brackets stays the country.
func TestTownAsTeam(t *testing.T) {
	tests := []struct {
		name, text string
		orgs       []string // must be organizations
		not        []string // must be no organizations
		place      string   // a place whose name must open with this
	}{
		{"a player's club", "Squad :\nGoalkeepers - Marco Pascolo ( Cagliari ) , Pascal Zuberbuehler ( Grasshoppers ) .\n" +
			"Defenders - Stephane Henchoz ( Hamburg ) , Marc Hottiger ( Everton ) .\n", []string{"Cagliari", "Hamburg"}, nil, ""},
		{"a club before a player's position", "The statement said that Liverpool striker Mark Kennedy would miss the game .\n" +
			"Kennedy joined Liverpool last year .\n", []string{"Liverpool"}, nil, ""},
		{"a country in brackets", "Results :\n1. Jos Verstappen ( Netherlands ) Arrows 11\n2. Pedro Diniz ( Brazil ) Ligier 22\n", nil, []string{"Netherlands", "Brazil"}, ""},
		{"a dateline", "LIVERPOOL , England 1996-08-22\nLiverpool striker Mark Kennedy was hurt on Friday .\n", []string{"Liverpool"}, nil, "Liverpool, "},
		{"a line of fixtures", "Saturday , August 31 :\nEnglish division one - Birmingham v Barnsley , Bradford v Tranmere , Grimsby v Portsmouth\n",
			[]string{"Birmingham", "Barnsley", "Bradford", "Portsmouth"}, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Extract("SOCCER - NEWS .\n" + tt.text)
			for _, o := range tt.orgs {
				if !slices.Contains(r.Organizations, o) {
					t.Errorf("Extract(%q).Organizations = %q, want %q", tt.text, r.Organizations, o)
				}
			}
			for _, o := range tt.not {
				if slices.Contains(r.Organizations, o) {
					t.Errorf("Extract(%q).Organizations = %q, want no %q", tt.text, r.Organizations, o)
				}
			}
			if tt.place != "" && !slices.ContainsFunc(r.Places, func(p string) bool { return strings.HasPrefix(p, tt.place) }) {
				t.Errorf("Extract(%q).Places = %q, want one opening with %q", tt.text, r.Places, tt.place)
			}
		})
	}
}

// TestPressDigest checks that the heads of a press digest are newspapers
// and that a country's or a section's head is none.
func TestPressDigest(t *testing.T) {
	text := "These are some of the leading stories in the press :\nKORVAN DAILY\n- Government to cut fuel prices .\n" +
		"AL-MIRSAD\n- Talks on the border resume .\nIRAQ\n- Oil exports resume .\nFRONT PAGE\n- Storm hits the coast .\n"
	r := Extract("PRESS DIGEST - Ardania - Aug 29 .\n\n" + text)
	for _, o := range []string{"Korvan Daily", "Al-Mirsad"} {
		if !slices.ContainsFunc(r.Organizations, func(n string) bool { return strings.EqualFold(n, o) }) {
			t.Errorf("Extract(%q).Organizations = %q, want %q", text, r.Organizations, o)
		}
	}
	for _, n := range r.Organizations {
		if strings.EqualFold(n, "Iraq") || strings.EqualFold(n, "Front Page") {
			t.Errorf("Extract(%q).Organizations = %q, want no %q", text, r.Organizations, n)
		}
	}
}

// TestListedWithBodies checks that a lone name listed with companies is
// one, and that a name only apposed to a body stays a person.
func TestListedWithBodies(t *testing.T) {
	text := "Trading was thin on the bourse , where Ciments Valdor , Korvanit and Umbra Ceramics all ended lower .\n" +
		"1948 - Lisanna , Queen of the Ardanian Union from 1890 , abdicated .\n"
	r := Extract("Bourse ends lower .\n\n" + text)
	if !slices.Contains(r.Organizations, "Korvanit") || slices.Contains(r.People, "Korvanit") {
		t.Errorf("Extract(%q) = people %q, organizations %q, want Korvanit an organization", text, r.People, r.Organizations)
	}
	if slices.Contains(r.Organizations, "Lisanna") {
		t.Errorf("Extract(%q).Organizations = %q, want no Lisanna", text, r.Organizations)
	}
}
