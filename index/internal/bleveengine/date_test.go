package bleveengine

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/newsindex/newsindex/index/internal/engine"
)

// TestDateRange: a range over the date keywords matches exactly the
// documents, articles and quotes, whose instant lies within its bounds,
// whatever the bounds (open, whole days, within one day, across months
// and years, to the nanosecond); sorted by date, the keyword orders them
// as the times.
func TestDateRange(t *testing.T) {
	e, err := OpenMem()
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	r := rand.New(rand.NewPCG(1, 2))
	base := time.Date(2022, 11, 20, 0, 0, 0, 0, time.UTC)
	var times []time.Time
	for range 300 {
		// Within 500 days, on a few instants of the day, some of them
		// at a day's first or last nanosecond.
		d := base.AddDate(0, 0, r.IntN(500))
		switch r.IntN(4) {
		case 0:
		case 1:
			d = d.AddDate(0, 0, 1).Add(-time.Nanosecond)
		case 2:
			d = d.Add(time.Duration(r.IntN(24*3600)) * time.Second)
		default:
			d = d.Add(time.Duration(r.Int64N(int64(24 * time.Hour))))
		}
		times = append(times, d)
	}
	docs := make([]engine.Article, len(times))
	for i, at := range times {
		docs[i] = engine.Article{ID: fmt.Sprintf("a%d", i), Title: "t", Body: "b", Published: at,
			Quotes: []engine.Quote{{Text: "q"}}}
	}
	docs = append(docs, engine.Article{ID: "undated", Title: "t", Body: "b"})
	if _, err := e.Apply(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
	// Sorted by date, newest first, as bleve's date field sorted.
	req := bleve.NewSearchRequestOptions(kindQuery(engine.KindArticle), 1000, 0, false)
	req.SortBy([]string{"-" + fPublished})
	res, err := e.idx.Search(req)
	if err != nil {
		t.Fatal(err)
	}
	for i, h := range res.Hits[:len(times)] {
		var n int
		fmt.Sscanf(h.ID, "a%d", &n)
		if i > 0 {
			var prev int
			fmt.Sscanf(res.Hits[i-1].ID, "a%d", &prev)
			if times[n].After(times[prev]) {
				t.Fatalf("sorted by date: %s (%v) after %s (%v)", h.ID, times[n], res.Hits[i-1].ID, times[prev])
			}
		}
	}
	if last := res.Hits[len(res.Hits)-1].ID; last != "undated" {
		t.Errorf("sorted by date: last hit %s, want the undated article", last)
	}
	bound := func() time.Time {
		switch r.IntN(5) {
		case 0:
			return time.Time{}
		case 1:
			return times[r.IntN(len(times))] // an instant of a document
		case 2:
			return base.AddDate(0, 0, r.IntN(520)-10) // a midnight
		case 3:
			return base.AddDate(0, 0, r.IntN(520)-10).Add(-time.Nanosecond) // a day's last instant
		}
		return base.Add(time.Duration(r.Int64N(int64(520 * 24 * time.Hour))))
	}
	for n := 0; n < 400; n++ {
		since, until := bound(), bound()
		if since.IsZero() && until.IsZero() {
			continue
		}
		for _, kind := range []string{engine.KindArticle, engine.KindQuote} {
			var want []string
			for i, at := range times {
				if (since.IsZero() || !at.Before(since)) && (until.IsZero() || !at.After(until)) {
					id := fmt.Sprintf("a%d", i)
					if kind == engine.KindQuote {
						id = engine.QuoteID(id, 0)
					}
					want = append(want, id)
				}
			}
			fields := articleDates
			if kind == engine.KindQuote {
				fields = quoteDates
			}
			q := bleve.NewConjunctionQuery(kindQuery(kind), dateRange(since, until, e.version, fields))
			res, err := e.idx.Search(bleve.NewSearchRequestOptions(q, 10000, 0, false))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, h := range res.Hits {
				got = append(got, h.ID)
			}
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Fatalf("dateRange(%v, %v) matches %d %ss, want %d", since, until, len(got), kind, len(want))
			}
		}
	}
}
