package story_test

import (
	"fmt"

	"github.com/newsindex/newsindex/internal/story"
)

func ExampleGrouper() {
	const wire = `Dock workers at the country's three largest container ports stayed off the job
for a second day on Tuesday, leaving dozens of ships waiting at anchor. The union said the strike
would continue until employers improved a pay offer of 4.5 percent a year over three years.`
	g := story.NewGrouper()
	for _, a := range []struct{ id, title, body string }{
		{"a1", "Port strike halts container traffic", wire},
		{"b1", "Central bank holds rates", "The central bank left its main rate unchanged at 4.5 percent on Tuesday, as expected."},
		{"a2", "Dockers strike for a second day", "Morning Ledger. " + wire + " Talks resume Thursday."},
	} {
		st, _ := g.Add(a.id, story.Sign(a.title, a.body))
		fmt.Println(a.id, "→", st)
	}
	fmt.Println(g.Stories(), "stories")
	// Output:
	// a1 → a1
	// b1 → b1
	// a2 → a1
	// 2 stories
}

func ExampleParse() {
	sig := story.Sign("Port strike", "Dock workers stayed off the job for a second day.")
	stored := sig.String() // what the index keeps with the article
	back, err := story.Parse(stored)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(stored), len(back.Keys()), story.Similarity(sig, back))
	// Output: 386 32 1
}

func ExampleCanonicalURL() {
	u, _ := story.CanonicalURL("http://www.Example.com/news/port-strike/?utm_source=feed&id=7#comments")
	fmt.Println(u)
	// Output: https://example.com/news/port-strike?id=7
}
