package ingest

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestReadHTML(t *testing.T) {
	tests := []struct {
		file                                      string
		title, source, author, category, language string
		url, published                            string
		keep, drop                                []string
	}{
		{
			file:      "news.html",
			title:     "Ministers agree fisheries deal after all-night talks",
			source:    "Coastal Courier",
			author:    "Lena Marsh, Omar Haddad",
			category:  "World",
			language:  "en",
			url:       "https://www.coastalcourier.example/world/2024/02/20/fisheries-deal",
			published: "2024-02-20T07:15:00+01:00",
			keep: []string{"Fisheries ministers from the five northern coastal states", "said Ingrid Solberg", "Enforcement at sea",
				"Environmental groups welcomed", "review the herring figures."},
			drop: []string{"cookies", "Accept all", "Business", "Sport", "Share on", "Email", "Read more", "Herring stocks rebound",
				"Related stories", "Trawler crews", "warming seas", "morning briefing", "Subscribe", "Most read", "ferry routes",
				"Harbour festival", "All rights reserved", "Privacy policy", "Photo: Courier"},
		},
		{
			file:      "blog.html",
			title:     "Why the Town Hall Clock Stopped",
			source:    "Millbrook Notes",
			author:    "Rosa Quint",
			category:  "Local History",
			language:  "en",
			published: "2024-03-07T18:30:00Z",
			keep:      []string{"For the first time in ninety years", "needs a proper overhaul,\" he said.", "rely on their phones."},
			drop: []string{"Home", "Archive", "Share this", "Twitter", "You may also like", "Lost Railway Station", "Market Day",
				"thoughts on this post", "Lovely piece", "February 2024"},
		},
		{
			file:      "story.html",
			title:     "Rail strike called off after late pay offer",
			source:    "Northern Daily",
			author:    "Priya Nair",
			published: "2024-04-11T16:20:00+01:00",
			keep:      []string{"A national rail strike planned for Friday", "said union leader Mark Dobbs.", "use them as normal, operators said."},
			drop: []string{"Home", "Weather", "READ MORE", "Rail fares to rise", "More on this story", "Why rail workers",
				"Commuters face", "Top stories", "Hospital waiting", "riverside park", "Copyright", "external sites"},
		},
		{
			file:      "social-share.html",
			title:     "Council approves cycle lanes for Bridge Street",
			source:    "Riverside Gazette",
			author:    "Hannah Oduya",
			category:  "Local",
			language:  "en",
			url:       "https://riversidegazette.example/2024/06/04/bridge-street-cycle-lanes/",
			published: "2024-06-04T09:12:00+01:00",
			keep:      []string{"Riverside's town council voted", "Traders remain divided", "the takings of the shops on the street."},
			drop: []string{"cookies", "Accept", "Skip to content", "News from the river towns", "Share this", "Twitter",
				"Post navigation", "Library opening hours", "thoughts on", "thirty years", "Leave a Reply", "Recent Posts",
				"About the Gazette", "All rights reserved"},
		},
		{
			file:      "newsletter-body.html",
			title:     "Hospital trust to reopen maternity unit after staffing review",
			source:    "The Northern Ledger",
			author:    "Grace Whitlow",
			category:  "Health",
			language:  "en",
			url:       "https://www.northernledger.example/health/2024/05/21/calder-maternity-unit-reopens",
			published: "2024-05-21T06:30:00Z",
			keep: []string{"The maternity unit at Calder General Hospital", "said Dr Alan Pryce",
				"answer questions from expectant parents."},
			drop: []string{"Sign up", "The Morning Ledger", "every weekday at 7am", "Share on", "Topics:", "Most read",
				"More on this story", "Births suspended", "All rights reserved"},
		},
		{
			file:      "post-tags.html",
			title:     "Tenants win rent freeze at Harbourside flats",
			source:    "Eastport Herald",
			author:    "Luis Carrasco",
			category:  "Housing",
			language:  "en",
			url:       "https://eastportherald.example/housing/tenants-win-rent-freeze-harbourside",
			published: "2024-02-27T17:45:00-05:00",
			keep:      []string{"Tenants of the Harbourside flats won", "said Amira Nasser", "recommended that they accept it."},
			drop: []string{"Skip to main content", "Tags:", "Printer-friendly", "Comments", "Dolores", "north tower",
				"Related articles", "Harbourside tenants begin rent strike", "Get the Herald", "About the Herald", "Copyright"},
		},
		{
			file:      "photo-essay.html",
			title:     "In pictures: the last week of the herring season",
			source:    "Coastal Courier",
			author:    "Ingrid Solvang",
			category:  "In pictures",
			language:  "en",
			url:       "https://www.coastalcourier.example/in-pictures/2024/03/02/herring-season",
			published: "2024-03-02T08:00:00+01:00",
			keep:      []string{"For six weeks every winter", "Skipper Arne Holm checks the sonar", "the fishermen's cooperative said."},
			drop:      []string{"Home", "World", "All rights reserved"},
		},
		{
			file:  "latin1.html",
			title: "Café Owners Protest Street Works",
			keep:  []string{"Owners of the cafés on Rue Verte", "“We cannot wait until the summer,” said José Ferrand"},
		},
	}
	for _, tt := range tests {
		t.Run(strings.TrimSuffix(tt.file, ".html"), func(t *testing.T) {
			r := readOne(t, filepath.Join("testdata", "html", tt.file))
			if r.Err != nil {
				t.Fatalf("ReadFile(%s) error: %v", tt.file, r.Err)
			}
			g := toGolden(r)
			got := []string{g.Title, g.Source, g.Author, g.Category, g.Language, g.URL, g.Published}
			want := []string{tt.title, tt.source, tt.author, tt.category, tt.language, tt.url, tt.published}
			for i, name := range []string{"title", "source", "author", "category", "language", "url", "published"} {
				if got[i] != want[i] {
					t.Errorf("ReadFile(%s) %s = %q, want %q", tt.file, name, got[i], want[i])
				}
			}
			for _, s := range tt.keep {
				if !strings.Contains(r.Article.Body, s) {
					t.Errorf("ReadFile(%s) body lost %q", tt.file, s)
				}
			}
			for _, s := range tt.drop {
				if strings.Contains(r.Article.Body, s) {
					t.Errorf("ReadFile(%s) body kept boilerplate %q", tt.file, s)
				}
			}
			checkGolden(t, strings.TrimSuffix(tt.file, ".html"), g)
		})
	}
}

func TestSniffHTML(t *testing.T) {
	tests := []struct {
		input string
		want  bool
	}{
		{"<!DOCTYPE html><html>", true},
		{"<html lang=en>", true},
		{"<p>A paragraph</p>", true},
		{"<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\">", true},
		{"<?xml version=\"1.0\"?><rss>", false},
		{"A title\n\nText with <b>tags</b>.", false},
	}
	for _, tt := range tests {
		if got := sniffHTML([]byte(tt.input)); got != tt.want {
			t.Errorf("sniffHTML(%q) = %v, want %v", tt.input, got, tt.want)
		}
	}
}

func TestReadHTMLWithoutName(t *testing.T) {
	input := "<!doctype html><title>T</title><body><h1>A Headline Here</h1><p>Some text of the article, long enough to read.</p></body>"
	recs := collect(t, "-", input)
	if len(recs) != 1 || recs[0].Err != nil || !strings.Contains(recs[0].Article.Body, "Some text of the article") {
		t.Errorf("Read(html from stdin) = %v", summaries(recs))
	}
}

func TestStripSiteName(t *testing.T) {
	tests := []struct{ title, site, want string }{
		{"Headline | The Paper", "The Paper", "Headline"},
		{"Headline - Paper", "Paper Inc", "Headline"},
		{"The Paper: Headline", "The Paper", "The Paper: Headline"},
		{"The Paper | Headline", "The Paper", "Headline"},
		{"Left - right", "Other", "Left - right"},
		{"Headline", "", "Headline"},
	}
	for _, tt := range tests {
		if got := stripSiteName(tt.title, tt.site); got != tt.want {
			t.Errorf("stripSiteName(%q, %q) = %q, want %q", tt.title, tt.site, got, tt.want)
		}
	}
}

func TestBylineName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"By Jane Doe", "Jane Doe"},
		{"  Jane   Doe ", "Jane Doe"},
		{"Last Updated: January 7, 2025", ""},
		{"March 3, 2024", ""},
		{"By a reporter who writes many words about very many things at once", ""},
	}
	for _, tt := range tests {
		if got := bylineName(tt.in); got != tt.want {
			t.Errorf("bylineName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestToUTF8(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"utf-8 declared", `<meta charset="utf-8"><p>café</p>`, `<meta charset="utf-8"><p>café</p>`},
		{"valid utf-8 declared gbk", `<meta charset="gbk"><p>新电脑</p>`, `<meta charset="gbk"><p>新电脑</p>`},
		{"undeclared utf-8", `<p>Don’t</p>`, `<p>Don’t</p>`},
		{"windows-1252", "<meta charset=\"windows-1252\"><p>caf\xe9 \x93q\x94</p>", "<meta charset=\"windows-1252\"><p>café “q”</p>"},
		{"undeclared latin-1", "<p>caf\xe9</p>", "<p>café</p>"},
	}
	for _, tt := range tests {
		if got := string(toUTF8([]byte(tt.in))); got != tt.want {
			t.Errorf("toUTF8(%s) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestReadHTMLNamedText(t *testing.T) {
	input := "<!DOCTYPE html><html><body><h1>A Headline Here</h1><p>Some text of the article, long enough to read.</p></body></html>"
	recs := collect(t, "saved.txt", input)
	if len(recs) != 1 || recs[0].Err != nil || strings.Contains(recs[0].Article.Body, "<") ||
		!strings.Contains(recs[0].Article.Body, "Some text of the article") {
		t.Errorf("Read(html named .txt) = %v", summaries(recs))
	}
}

func TestReadHTMLWrapperNamedLikeChrome(t *testing.T) {
	para := "<p>A paragraph of the article that carries the story and has enough words in it to count as text.</p>"
	input := `<html><body><div class="page main-nav-offset">` + strings.Repeat(para, 4) +
		`<div class="related-links"><p>Another story</p></div></div></body></html>`
	recs := collect(t, "a.html", input)
	if len(recs) != 1 || recs[0].Err != nil || len(paragraphs(recs[0].Article.Body)) != 4 {
		t.Errorf("Read(article in a wrapper named like a menu) = %v", summaries(recs))
	}
}
