package entity

import (
	"slices"
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
