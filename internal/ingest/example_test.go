package ingest_test

import (
	"fmt"
	"strings"

	"github.com/newsindex/newsindex/internal/ingest"
)

func ExampleRead() {
	input := `{"id":7,"headline":"Storm closes harbour","maintext":"The harbour closed on Monday.","date_publish":"2024-03-01 10:00:00"}
{"title": "Ferries resume", "published": "next tuesday"}
{"title": }
`
	err := ingest.Read(strings.NewReader(input), "articles.jsonl", func(r ingest.Record) error {
		if r.Err != nil {
			fmt.Printf("%s: rejected: %v\n", r.Where(), r.Err)
			return nil
		}
		a := r.Article
		fmt.Printf("%s: %s %q %s\n", r.Where(), a.ID, a.Title, a.Published.Format("2006-01-02"))
		return nil
	})
	if err != nil {
		fmt.Println(err)
	}
	// Output:
	// articles.jsonl:1: 7 "Storm closes harbour" 2024-03-01
	// articles.jsonl:2: rejected: field "published": cannot parse date "next tuesday"
	// articles.jsonl:3: rejected: malformed JSON: invalid character '}' looking for beginning of value
}

func ExampleParseDate() {
	for _, s := range []string{"Tue, 05 Mar 2024 08:00:00 EST", "March 5, 2024", "1709625600"} {
		t, err := ingest.ParseDate(s)
		fmt.Println(t.UTC(), err)
	}
	// Output:
	// 2024-03-05 13:00:00 +0000 UTC <nil>
	// 2024-03-05 00:00:00 +0000 UTC <nil>
	// 2024-03-05 08:00:00 +0000 UTC <nil>
}
