package index

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
)

// wire is a story as one outlet printed it; the copy below is the same story
// spun by another: a new header, a reworded first paragraph, a different
// teaser pasted at the end.
const wire = `Ministers from the five coastal states agreed on Tuesday to pool their patrol boats in a joint task force against illegal fishing, after a year in which inspectors found foreign trawlers inside national waters more than two hundred times.

The task force will be based in the port of Valmera and will start operating in March with twelve vessels and two aircraft, officials said. Each country will keep command of its own ships but share radar data and boarding teams.

"No single navy can watch this much sea alone," the fisheries minister of the host country told reporters after the meeting. Fishing communities along the coast have complained for years that their catches are shrinking while foreign fleets operate almost unchecked.

The agreement still has to be approved by the five parliaments, which is expected before the end of the year. Environmental groups welcomed the plan but said the fines for illegal fishing were still too low to deter the largest operators.`

func spun(text string) string {
	text = strings.Replace(text, "Ministers from the five coastal states agreed on Tuesday to pool their patrol boats in a joint task force against illegal fishing",
		"Five coastal states on Tuesday decided to combine their patrol boats into a joint task force to fight illegal fishing", 1)
	return "Coastline Courier - your daily news\n\n" + text + "\n\nRead next: Harbour fees to rise in spring"
}

func TestStories(t *testing.T) {
	ix := memIndex(t)
	ctx := context.Background()
	other := "The national football federation confirmed on Tuesday that the cup final will be played in the capital in May, ending weeks of argument between the two finalists over where the match should be staged. Ticket sales open next week, with a third of seats reserved for each club's supporters."
	if _, err := ix.AddBatch(ctx, []Article{
		{ID: "w1", Title: "Coastal states form task force against illegal fishing", Body: wire},
		{ID: "f1", Title: "Cup final venue confirmed", Body: other},
	}); err != nil {
		t.Fatal(err)
	}
	// In a later batch, and in the same batch as its own copy.
	if _, err := ix.AddBatch(ctx, []Article{
		{ID: "w2", Title: "Coastal states join forces against illegal fishing", Body: spun(wire)},
		{ID: "w3", Title: "Task force to fight illegal fishing", Body: spun(wire) + "\n\nMore from the Courier."},
	}); err != nil {
		t.Fatal(err)
	}
	for id, want := range map[string]string{"w1": "w1", "w2": "w1", "w3": "w1", "f1": "f1"} {
		a, err := ix.Article(ctx, id)
		if err != nil || a.Story != want {
			t.Errorf("Article(%s).Story = %q, %v; want %q", id, a.Story, err, want)
		}
	}
	// Replacing an article keeps its story.
	if err := ix.Add(ctx, Article{ID: "w2", Title: "Updated", Body: spun(wire)}); err != nil {
		t.Fatal(err)
	}
	if a, _ := ix.Article(ctx, "w2"); a.Story != "w1" {
		t.Errorf("replaced w2 story = %q, want w1", a.Story)
	}
}

func TestSeedCopyIsOneStory(t *testing.T) {
	data, err := os.ReadFile("../../shared/seed/article.txt")
	if err != nil {
		t.Skip("no ../shared/seed/article.txt")
	}
	seed := string(data)
	ix := memIndex(t)
	ctx := context.Background()
	copyText := strings.Replace(seed, "Pasteleria-edelweiss", "Daily Globe Online", 1)
	copyText = strings.Replace(copyText, "13 Reasons Why a “Negotiated Peace” in Ukraine is Shattering Our Security", "Five Things to Know About the Winter Offensive", -1)
	copyText = strings.Replace(copyText, "is unlikely to have a significant impact on conflicts on the ground but could impact security interests", "will probably not change much on the battlefield, yet it could affect security", 1)
	if _, err := ix.AddBatch(ctx, []Article{{ID: "seed", Title: "Analysts on North Korea", Body: seed}}); err != nil {
		t.Fatal(err)
	}
	if _, err := ix.AddBatch(ctx, []Article{{ID: "copy", Title: "Analysts on North Korea", Body: copyText}}); err != nil {
		t.Fatal(err)
	}
	if a, _ := ix.Article(ctx, "copy"); a.Story != "seed" {
		t.Errorf("copy of the seed: story %q, want seed", a.Story)
	}
}

func TestExactDuplicatesAreOneArticle(t *testing.T) {
	ix := memIndex(t)
	ctx := context.Background()
	_, err := ix.AddBatch(ctx, []Article{
		{URL: "https://www.example.com/a/?utm_source=x", Title: "One", Body: "Body."},
		{URL: "https://example.com/a", Title: "One", Body: "Body."},
		{Title: "Two", Body: "Same text,   here."},
		{Title: "two", Body: "Same text here"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := ix.Count(ctx); n != 2 {
		t.Errorf("Count = %d, want 2 (one per canonical URL or normalised text)", n)
	}
}

func TestCollapse(t *testing.T) {
	ix := memIndex(t)
	ctx := context.Background()
	other := "Fishing quotas for next year were set on Friday after talks that ran through the night, with cod catches cut by a tenth and herring left unchanged. Fishing crews said the cuts would cost jobs in the smaller ports."
	ix.AddBatch(ctx, []Article{
		{ID: "w1", Title: "Task force against illegal fishing", Body: wire},
		{ID: "w2", Title: "Task force against illegal fishing", Body: spun(wire)},
		{ID: "q1", Title: "Fishing quotas set", Body: other},
	})
	res, err := ix.Search(ctx, SearchRequest{Query: "fishing", Collapse: true})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, h := range res.Hits {
		got = append(got, fmt.Sprintf("%s+%d", h.Story, h.Similar))
	}
	if res.Total != 3 || res.Stories != 2 || len(res.Hits) != 2 || !strings.Contains(strings.Join(got, " "), "w1+1") {
		t.Errorf("collapsed: total %d, stories %d, hits %v; want 3 articles in 2 stories, w1 with 1 similar", res.Total, res.Stories, got)
	}
	if res.Facets.Category == nil || res.Hits[0].Snippet == "" {
		t.Errorf("collapsed search lost facets or snippets: %+v", res)
	}
	res, _ = ix.Search(ctx, SearchRequest{Query: "fishing", Collapse: true, Size: 1, Page: 2})
	if len(res.Hits) != 1 {
		t.Errorf("page 2 of collapsed: %d hits, want 1", len(res.Hits))
	}
}

// TestCountStories counts three copies of one story once in every facet,
// while the article counts keep all three.
func TestCountStories(t *testing.T) {
	ix := memIndex(t)
	ctx := context.Background()
	other := "Fishing quotas for next year were set on Friday after a long night of talks between the ministers, who cut the catch of cod by a tenth and left herring unchanged."
	if _, err := ix.AddBatch(ctx, []Article{
		{ID: "w1", Title: "Task force against illegal fishing", Body: wire, Source: "Harbour Post", Category: "World", Published: day("2024-03-01")},
		{ID: "w2", Title: "Task force against illegal fishing", Body: spun(wire), Source: "Coastline Courier", Category: "World", Published: day("2024-03-01")},
		{ID: "w3", Title: "Fishing task force agreed", Body: spun(wire) + "\n\nMore from the Courier.", Source: "Coastline Courier", Category: "World", Published: day("2024-03-02")},
		{ID: "q1", Title: "Fishing quotas set", Body: other, Source: "Harbour Post", Category: "World", Published: day("2024-03-02")},
	}); err != nil {
		t.Fatal(err)
	}
	byArticle, err := ix.Search(ctx, SearchRequest{Query: "fishing"})
	if err != nil {
		t.Fatal(err)
	}
	byStory, err := ix.Search(ctx, SearchRequest{Query: "fishing", CountStories: true})
	if err != nil {
		t.Fatal(err)
	}
	count := func(cs []FacetCount, v string) int {
		for _, c := range cs {
			if c.Value == v {
				return c.Count
			}
		}
		return 0
	}
	for _, c := range []struct {
		what            string
		articles, story int
	}{
		{"category World", count(byArticle.Facets.Category, "World"), count(byStory.Facets.Category, "World")},
		{"source Coastline Courier", count(byArticle.Facets.Source, "Coastline Courier"), count(byStory.Facets.Source, "Coastline Courier")},
		{"source Harbour Post", count(byArticle.Facets.Source, "Harbour Post"), count(byStory.Facets.Source, "Harbour Post")},
	} {
		t.Logf("%s: %d articles, %d stories", c.what, c.articles, c.story)
	}
	if got := count(byArticle.Facets.Category, "World"); got != 4 {
		t.Errorf("articles in World = %d, want 4", got)
	}
	if got := count(byStory.Facets.Category, "World"); got != 2 {
		t.Errorf("stories in World = %d, want 2 (the three copies and the quota story)", got)
	}
	if got := count(byStory.Facets.Source, "Coastline Courier"); got != 1 {
		t.Errorf("stories from Coastline Courier = %d, want 1 (two copies of one story)", got)
	}
	if got := count(byStory.Facets.Source, "Harbour Post"); got != 2 {
		t.Errorf("stories from Harbour Post = %d, want 2", got)
	}
	if byStory.Total != 4 || byStory.Stories != 2 {
		t.Errorf("total %d, stories %d; want 4 articles in 2 stories", byStory.Total, byStory.Stories)
	}
	var days []string
	for _, d := range byStory.Facets.Published {
		days = append(days, fmt.Sprintf("%s:%d", d.Date, d.Count))
	}
	if got := strings.Join(days, " "); got != "2024-03-01:1 2024-03-02:2" {
		t.Errorf("stories per day = %s, want 2024-03-01:1 2024-03-02:2", got)
	}
}
