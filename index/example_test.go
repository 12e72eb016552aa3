package index_test

import (
	"context"
	"fmt"
	"log"
	"time"

	"github.com/newsindex/newsindex/index"
)

func ExampleOpenMem() {
	ix, err := index.OpenMem(nil)
	if err != nil {
		log.Fatal(err)
	}
	defer ix.Close()
	ctx := context.Background()
	err = ix.Add(ctx, index.Article{
		ID:    "ex-1",
		Title: "Ministers agree new sanctions",
		Body:  "Foreign ministers agreed a fresh package of sanctions on Tuesday.",
	})
	if err != nil {
		log.Fatal(err)
	}
	n, _ := ix.Count(ctx)
	fmt.Println(n, "article")
	// Output: 1 article
}

func ExampleIndex_Search() {
	ix, err := index.OpenMem(nil)
	if err != nil {
		log.Fatal(err)
	}
	defer ix.Close()
	ctx := context.Background()
	_, err = ix.AddBatch(ctx, []index.Article{
		{ID: "1", Title: "Ministers agree new sanctions", Body: "A fresh package of sanctions was agreed.", Category: "world"},
		{ID: "2", Title: "Chipmaker results beat forecasts", Body: "Quarterly profit rose by a third.", Category: "tech"},
	})
	if err != nil {
		log.Fatal(err)
	}
	// Stemming: "sanctioning" finds "sanctions".
	res, err := ix.Search(ctx, index.SearchRequest{Query: "sanctioning"})
	if err != nil {
		log.Fatal(err)
	}
	for _, h := range res.Hits {
		fmt.Printf("%s: %s [%s]\n", h.ID, h.Title, h.Category)
	}
	// Output: 1: Ministers agree new sanctions [World]
}

func ExampleIndex_Search_facets() {
	ix, err := index.OpenMem(nil)
	if err != nil {
		log.Fatal(err)
	}
	defer ix.Close()
	ctx := context.Background()
	date := time.Date(2024, 10, 25, 0, 0, 0, 0, time.UTC)
	_, err = ix.AddBatch(ctx, []index.Article{
		{ID: "1", Title: "Rates held", Body: "The central bank held rates.", Source: "Ledger", Category: "Business", Published: date},
		{ID: "2", Title: "Rates cut", Body: "Another central bank cut rates.", Source: "Ledger", Category: "Business", Published: date},
		{ID: "3", Title: "Rates and the election", Body: "Rates dominate the campaign.", Source: "Courier", Category: "Politics", Published: date.AddDate(0, 0, 1)},
	})
	if err != nil {
		log.Fatal(err)
	}
	res, err := ix.Search(ctx, index.SearchRequest{
		Query:   "rates",
		Filters: map[index.Facet][]string{index.FacetSource: {"Ledger", "Courier"}},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("total:", res.Total)
	for _, c := range res.Facets.Category {
		fmt.Printf("category %s: %d\n", c.Value, c.Count)
	}
	for _, d := range res.Facets.Published {
		fmt.Printf("%s: %d\n", d.Date, d.Count)
	}
	// Output:
	// total: 3
	// category Business: 2
	// category Politics: 1
	// 2024-10-25: 2
	// 2024-10-26: 1
}
