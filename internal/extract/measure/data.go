package measure

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/newsindex/newsindex/internal/extract/entity"
	"github.com/newsindex/newsindex/internal/extract/quote"
)

// Article is an unlabelled article, as the scorer turns a labelled record
// into one.
type Article struct {
	ID, Title, Body string
}

// ConllDoc is a CoNLL-2003 document: its text, tokenised, with the
// headline on the first line, and its labelled entities.
type ConllDoc struct {
	ID       string `json:"id"`
	Text     string `json:"text"`
	Entities []struct {
		Type       string `json:"type"`
		Start, End int    // code points
		Text       string `json:"text"`
	} `json:"entities"`
}

// Article returns the document as an article: the headline as its title.
func (d *ConllDoc) Article() Article {
	title, body, _ := strings.Cut(d.Text, "\n")
	return Article{ID: d.ID, Title: title, Body: body}
}

// TrainingDoc returns the document as the tagger trains on it, with byte
// offsets.
func (d *ConllDoc) TrainingDoc() (entity.TrainingDoc, error) {
	at := byteOffsets(d.Text)
	td := entity.TrainingDoc{Text: d.Text}
	for _, e := range d.Entities {
		if e.Start < 0 || e.End > len(at)-1 || e.Start >= e.End {
			return td, fmt.Errorf("%s: entity offsets %d-%d out of range", d.ID, e.Start, e.End)
		}
		td.Spans = append(td.Spans, entity.TrainingSpan{Start: at[e.Start], End: at[e.End], Kind: e.Type})
	}
	return td, nil
}

// PolnearDoc is a PolNeAR article with its attributions.
type PolnearDoc struct {
	ID     string         `json:"id"`
	Title  string         `json:"title"`
	Text   string         `json:"text"`
	Quotes []PolnearQuote `json:"quotes"`
}

// PolnearQuote is one attribution of a PolNeAR article, offsets in code
// points.
type PolnearQuote struct {
	Quote      string   `json:"quote"`
	Speaker    *string  `json:"speaker"`
	Direct     bool     `json:"direct"`
	QuoteSpans [][2]int `json:"quote_spans"`
	CueSpan    []int    `json:"cue_span"`
	NoSource   bool     `json:"no_source"`
}

// Article returns the article as the scorer gives it to the extractor: the
// title, and the text after it.
func (d *PolnearDoc) Article() Article {
	body := d.Text
	if d.Title != "" && strings.HasPrefix(d.Text, d.Title) {
		body = strings.TrimLeft(d.Text[len(d.Title):], ". \n")
	}
	return Article{ID: d.ID, Title: d.Title, Body: body}
}

// Labelled returns the article as the speaker ranker trains on it: its
// direct quotations with a speaker, at byte offsets, each speaker cut
// before its apposition ("X, a campaign spokesman" is X), and the cues of
// all its attributions with a source, for the learned cues.
func (d *PolnearDoc) Labelled() quote.Labelled {
	off := byteOffsets(d.Text)
	a := quote.Labelled{Text: d.Text}
	for _, q := range d.Quotes {
		if q.Speaker != nil && !q.NoSource && len(q.CueSpan) == 2 && q.CueSpan[0] >= 0 && q.CueSpan[0] < q.CueSpan[1] && q.CueSpan[1] < len(off) {
			a.Cues = append(a.Cues, [2]int{off[q.CueSpan[0]], off[q.CueSpan[1]]})
		}
		if !q.Direct || q.Speaker == nil || len(q.QuoteSpans) == 0 {
			continue
		}
		sp := *q.Speaker
		if i := strings.IndexAny(sp, ",("); i > 0 {
			sp = sp[:i]
		}
		s, e := q.QuoteSpans[0][0], q.QuoteSpans[len(q.QuoteSpans)-1][1]
		if s < 0 || e >= len(off) || s >= e {
			continue // an empty or malformed span
		}
		a.Quotes = append(a.Quotes, quote.LabelledQuote{Start: off[s], End: off[e], Speaker: strings.TrimSpace(sp)})
	}
	return a
}

// RolesDoc is the hand annotation of one article's speakers.
type RolesDoc struct {
	ID       string `json:"id"`
	Speakers []struct {
		Name        string `json:"name"`
		Role        string `json:"role"`
		Affiliation string `json:"affiliation"`
	} `json:"speakers"`
}

// byteOffsets maps each code-point offset of s, and its end, to a byte offset.
func byteOffsets(s string) []int {
	off := make([]int, 0, utf8.RuneCountInString(s)+1)
	for i := range s {
		off = append(off, i)
	}
	return append(off, len(s))
}

// ReadJSONL reads a JSON Lines file into records of type T.
func ReadJSONL[T any](path string) ([]T, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []T
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<20), 1<<26)
	for n := 1; sc.Scan(); n++ {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var r T
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, n, err)
		}
		out = append(out, r)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return out, nil
}
