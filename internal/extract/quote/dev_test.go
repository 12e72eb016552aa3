package quote

import (
	"bufio"
	"encoding/json"
	"flag"
	"os"
	"testing"

	"github.com/newsindex/newsindex/internal/extract/entity"
)

var (
	devIn  = flag.String("dev.in", "", "articles to extract quotations from (JSON lines with id, title, body)")
	devOut = flag.String("dev.out", "", "where to write the extracted quotations, in the shape score.py reads")
)

// TestDevRun extracts the quotations of -dev.in into -dev.out, for measuring
// with the project's scorer on labelled data. It is skipped without flags.
func TestDevRun(t *testing.T) {
	if *devIn == "" || *devOut == "" {
		t.Skip("no -dev.in and -dev.out")
	}
	in, err := os.Open(*devIn)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(*devOut)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	w := bufio.NewWriter(out)
	defer w.Flush()
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() {
		var a struct{ ID, Title, Body string }
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatal(err)
		}
		text := a.Body
		if a.Title != "" {
			text = a.Title + "\n\n" + a.Body
		}
		ents := entity.Extract(text)
		qs := Extract(text, ents)
		if qs == nil {
			qs = []Quote{}
		}
		if err := enc.Encode(map[string]any{"id": a.ID, "title": a.Title, "quotes": qs, "analysts": Analysts(qs),
			"people": ents.People, "organizations": ents.Organizations, "countries": ents.Countries}); err != nil {
			t.Fatal(err)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
}
