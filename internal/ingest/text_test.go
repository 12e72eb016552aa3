package ingest

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestReadText(t *testing.T) {
	tests := []struct {
		file                            string
		title, source, author, category string
		published                       string // RFC 3339 or ""
		keep, drop                      []string
	}{
		{
			file:      "ledger.txt",
			title:     "Harbour City Port Authority Approves Record Expansion Budget",
			source:    "The Daily Ledger",
			author:    "Jane Smith",
			published: "2024-03-03T00:00:00Z",
			keep:      []string{"The Harbour City Port Authority on Tuesday", "Trade Minister Paul Evers", "once environmental permits are granted."},
			drop: []string{"Skip to content", "Menu", "Politics", "Share on", "Read more", "Dock workers union", "Advertisement",
				"Related articles", "City council delays", "Shipping rates fall", "cookies", "Accept", "©", "Markets"},
		},
		{
			file:  "plain.txt",
			title: "Volunteers Restore Century-Old Lighthouse on Gull Island",
			keep:  []string{"A group of forty volunteers", "The work took three summers", "said Edda Lund", "first of June."},
		},
		{
			file:  "wire.txt",
			title: "GRAIN PRICES RISE AFTER DRY SPRING IN NORTHERN PLAINS",
			keep: []string{"NORTHPORT, May 12 (Plains Wire) - Wheat futures rose for a fourth straight session",
				"\"The soil moisture numbers are the worst we have seen in ten years,\" said Harold Brenner"},
		},
		{
			file:      "magazine.txt",
			title:     "The Quiet Return of the Kelp Forests",
			source:    "Harbor Review",
			author:    "Tom Reyes",
			published: "2024-05-12T00:00:00Z",
			keep: []string{"How divers and fishermen rebuilt", "Ten years ago the kelp", "A Plan From the Docks",
				"said marine biologist Ines Carvalho", "What Comes Next", "Carvalho said the lesson was simple"},
			drop: []string{"Subscribe", "Sign in", "Ideas, science and the sea", "5 min read", "Words by", "You may also like",
				"Deepest Trench", "drone that can survive", "Seaweed Farms", "canning plants", "More from Harbor Review",
				"Last Whalers", "Tidal Flats", "Leave a Reply", "Great article"},
		},
		{
			file:   "riverside.txt",
			title:  "Flood Barrier Tested as River Reaches Highest Level in Twenty Years",
			source: "riverside-times.net",
			author: "admin",
			keep: []string{"The new flood barrier on the Alder River", "Mayor Clara Venn", "Engineers said the barrier",
				"allowed to return to their homes on Monday morning."},
			drop: []string{"Menu", "Local news you can count on", "Library Reopens", "Read also", "town library welcomed",
				"Tags:", "Share this", "Facebook", "admin"},
		},
		{
			file:      "wordpress.txt",
			title:     "School Board Votes to Keep Rural Campuses Open",
			source:    "Valley Voice",
			author:    "Dana Whitfield",
			category:  "Schools",
			published: "2024-03-05T00:00:00Z",
			keep:      []string{"The county school board voted", "said parent Lucia Moreno.", "elsewhere in the budget."},
			drop: []string{"Community news", "Home", "Posted", "Leave a comment", "Listen", "Share this", "Twitter", "Like this",
				"Related", "Bus Routes"},
		},
		{
			file:      "cable.txt",
			title:     "Volcano Eruption Forces Evacuation of Island Villages",
			source:    "Global Cable",
			author:    "Sam Porter, Ama Owusu",
			published: "2024-03-05T10:45:00-05:00",
			keep:      []string{"Thousands of residents were moved", "said fisherman Tomas Reyna", "could last for weeks."},
			drop:      []string{"Sign in", "Africa", "Middle East", "Updated", "Ad Feedback", "Paid Content", "Morning Habit"},
		},
		{
			file:      "portal.txt",
			title:     "Glacier Retreat Opens New Shipping Lane Along Northern Fjord",
			category:  "World",
			published: "2024-06-14T00:00:00Z",
			keep: []string{"A shipping lane along the northern fjord", "1. Skarvik", "3. Eidsund", "said geologist Anja Brekke",
				"passenger ferries next summer."},
			drop: []string{"Home", "Football", "Have Your Say", "Also in the News", "comments", "Media caption", "Related",
				"Fishing villages", "Terms of Use", "Newsletters", "Funds", "Market data is delayed"},
		},
	}
	for _, tt := range tests {
		t.Run(strings.TrimSuffix(tt.file, ".txt"), func(t *testing.T) {
			r := readOne(t, filepath.Join("testdata", "text", tt.file))
			if r.Err != nil {
				t.Fatalf("ReadFile(%s) error: %v", tt.file, r.Err)
			}
			a := r.Article
			if a.Title != tt.title || a.Source != tt.source || a.Author != tt.author {
				t.Errorf("ReadFile(%s) = title %q, source %q, author %q; want %q, %q, %q",
					tt.file, a.Title, a.Source, a.Author, tt.title, tt.source, tt.author)
			}
			if a.Category != tt.category {
				t.Errorf("ReadFile(%s) category = %q, want %q", tt.file, a.Category, tt.category)
			}
			if got := toGolden(r).Published; got != tt.published {
				t.Errorf("ReadFile(%s) published = %q, want %q", tt.file, got, tt.published)
			}
			for _, s := range tt.keep {
				if !strings.Contains(a.Body, s) {
					t.Errorf("ReadFile(%s) body lost %q", tt.file, s)
				}
			}
			for _, s := range tt.drop {
				if strings.Contains(a.Body, s) {
					t.Errorf("ReadFile(%s) body kept boilerplate %q", tt.file, s)
				}
			}
			if strings.Contains(a.Body, tt.title) {
				t.Errorf("ReadFile(%s) body repeats the title", tt.file)
			}
			checkGolden(t, strings.TrimSuffix(tt.file, ".txt"), toGolden(r))
		})
	}
}

func TestReadTextChromeFree(t *testing.T) {
	tests := []struct {
		name, input, title string
		paras              int
	}{
		{"title and paragraphs", "A Title\n\nFirst paragraph of the story, which is long enough.\n\nSecond one.", "A Title", 2},
		{"title and one line per paragraph", "A Title\nFirst paragraph of the story, which is long enough.\nSecond one, also a sentence of some words.", "A Title", 2},
		{"no title", "The first line is already a paragraph of the article, with a full stop.\n\nAnd a second.", "", 2},
		{"markdown heading", "# A Title\n\nFirst paragraph of the story, which is long enough.", "A Title", 1},
		{"only a title", "Just a headline here", "Just a headline here", 0},
		{"short first paragraph", "A Title\n\nShort lede.\n\nLonger paragraph of the article, with enough words here.", "A Title", 2},
		{"deck under the title", "Storm Closes Harbour\nA deck that tells the story in brief\n\nLonger paragraph of the article, with enough words here.", "Storm Closes Harbour", 2},
	}
	for _, tt := range tests {
		t.Run(strings.ReplaceAll(tt.name, " ", "_"), func(t *testing.T) {
			recs := collect(t, "a.txt", tt.input)
			if len(recs) != 1 || recs[0].Err != nil {
				t.Fatalf("Read(%q) = %v", tt.input, summaries(recs))
			}
			a := recs[0].Article
			if a.Title != tt.title || len(paragraphs(a.Body)) != tt.paras {
				t.Errorf("Read(%q) = title %q, %d paragraphs; want %q, %d", tt.input, a.Title, len(paragraphs(a.Body)), tt.title, tt.paras)
			}
		})
	}
}

func TestReadTextRejects(t *testing.T) {
	tests := []struct{ name, input, want string }{
		{"empty", "", "a.txt error: missing title and body"},
		{"blank", " \n\n\t\n", "a.txt error: missing title and body"},
		{"invalid UTF-8", "Title\n\nBody \xff here.", "a.txt error: invalid UTF-8 at byte 12"},
	}
	for _, tt := range tests {
		t.Run(strings.ReplaceAll(tt.name, " ", "_"), func(t *testing.T) {
			got := summaries(collect(t, "a.txt", tt.input))
			if len(got) != 1 || got[0] != tt.want {
				t.Errorf("Read(%q) = %q, want %q", tt.input, got, tt.want)
			}
		})
	}
}

// seedSummary is what the golden file of the seed page keeps: the page
// belongs to its publisher, so the golden file holds its metadata and the
// opening words of each paragraph, not its text.
type seedSummary struct {
	Title, Source, Author string
	Paragraphs            []string // first words of each
}

func TestReadSeedPage(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "seed")
	path := filepath.Join(dir, "article.txt")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("seed page not available: %v", err)
	}
	var expected struct {
		Title, Site, Author string
		Boilerplate         []string
	}
	b, err := os.ReadFile(filepath.Join(dir, "expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &expected); err != nil {
		t.Fatal(err)
	}
	r := readOne(t, path)
	a := r.Article
	if r.Err != nil || a.Title != expected.Title || a.Source != expected.Site || a.Author != expected.Author {
		t.Errorf("ReadFile(seed) = %v, title %q, source %q, author %q; want %q, %q, %q",
			r.Err, a.Title, a.Source, a.Author, expected.Title, expected.Site, expected.Author)
	}
	paras := paragraphs(a.Body)
	for _, bp := range expected.Boilerplate {
		for _, p := range paras {
			// A chrome word such as "close" is gone when no line is that word;
			// "closer" in a sentence is not the chrome.
			if p == bp || words(bp) > 2 && strings.Contains(p, bp) {
				t.Errorf("ReadFile(seed) body kept boilerplate %q in %q", bp, p)
			}
		}
	}
	for _, sub := range []string{"‘No Triple Alliance’", "Security on the Korean Peninsula"} {
		if !containsString(paras, sub) {
			t.Errorf("ReadFile(seed) body lost the subheading %q", sub)
		}
	}
	s := seedSummary{Title: a.Title, Source: a.Source, Author: a.Author}
	for _, p := range paras {
		f := strings.Fields(p)
		s.Paragraphs = append(s.Paragraphs, strings.Join(f[:min(4, len(f))], " "))
	}
	checkGolden(t, "seed", s)
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestCleanLines(t *testing.T) {
	para := "This is a paragraph of the article, with enough words to be one."
	tests := []struct {
		name     string
		in, want []string
	}{
		{"biscuits are not a cookie notice",
			[]string{para, "The bakery said it would use the cookie dough from its own farm.", para},
			[]string{para, "The bakery said it would use the cookie dough from its own farm.", para}},
		{"cookie notice",
			[]string{para, "This website uses cookies to improve your experience."},
			[]string{para}},
		{"a sentence about copyright is not a footer",
			[]string{para, "Copyright holders will get new powers under the bill.", para},
			[]string{para, "Copyright holders will get new powers under the bill.", para}},
		{"copyright footer",
			[]string{para, "Copyright 2024 Example Media", "Terms", "Contact"},
			[]string{para}},
		{"inline teaser",
			[]string{para, "READ MORE: Another story with a long headline", para},
			[]string{para, para}},
		{"subheading after a marker stays",
			[]string{para, "Related", "A teaser headline with quite a few words in it", "Background", para},
			[]string{para, "Background", para}},
		{"marker after the last paragraph ends the body",
			[]string{para, "Most read", "Short one", "Another"},
			[]string{para}},
		{"notes, share bars, captions and newsletter pitches",
			[]string{para, "Share Tweet Share", "Photographs by Ann Lee", "A harbour at dusk (Photo: Ann Lee/Wire)",
				"Sign up for The Brief, our weekly newsletter about the harbour and everything around it.",
				"By signing up, you agree to our Privacy Policy and to receive emails from us and our partners about many things.",
				"The tide comes in … Read more", para,
				"A version of this article appears in print on March 3, 2024, on Page A7 of the New York edition with the headline."},
			[]string{para, para}},
		{"copyright line however long",
			[]string{para, "© 2024 Example Media Ltd. All rights reserved. No part of this site may be reproduced without our written permission, which we rarely give."},
			[]string{para}},
		{"a newsletter pitch in the middle of the text is not the footer",
			[]string{para, "Sign up for our newsletter", para, para, para},
			[]string{para, para, para, para}},
		{"a paragraph that opens with a photo credit is text",
			[]string{para, "© Wire Photo Agency The harbour master said the new berths would open in the spring, after the dredging of the channel is finished and the cranes have been tested.", para},
			[]string{para, "© Wire Photo Agency The harbour master said the new berths would open in the spring, after the dredging of the channel is finished and the cranes have been tested.", para}},
		{"a teaser block that holds much of the text stays",
			[]string{para, "Most popular", "Why the harbour matters to the town and its people", para},
			[]string{para, "Why the harbour matters to the town and its people", para}},
		{"title repeated in the body",
			[]string{"The Title", para},
			[]string{para}},
	}
	for _, tt := range tests {
		t.Run(strings.ReplaceAll(tt.name, " ", "_"), func(t *testing.T) {
			got := cleanLines(tt.in, "The Title", nil)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("cleanLines(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}
