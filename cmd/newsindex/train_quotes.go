package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/newsindex/newsindex/internal/extract/measure"
	"github.com/newsindex/newsindex/internal/extract/quote"
)

func init() {
	register(command{name: "train-quotes", summary: "train the quotation speaker ranker on PolNeAR articles", run: runTrainQuotes})
}

const trainQuotesUsage = `usage: newsindex train-quotes [-epochs N] [-out FILE] POLNEAR.jsonl

Trains the speaker ranker of internal/extract/quote on PolNeAR articles in
the shape {"text", "quotes":[{"speaker","direct","quote_spans":[[s,e]]}]}
(offsets in code points) and writes the weights the package embeds. Only
direct quotations with a speaker are used. Reproduce the shipped weights with:

  newsindex train-quotes ../shared/data/polnear_train.jsonl
`

func runTrainQuotes(args []string) error {
	fs := flag.NewFlagSet("train-quotes", flag.ContinueOnError)
	fs.Usage = func() { fmt.Fprint(fs.Output(), trainQuotesUsage, "\n"); fs.PrintDefaults() }
	epochs := fs.Int("epochs", measure.RankerEpochs, "training passes over the examples")
	out := fs.String("out", filepath.Join("internal", "extract", "quote", "ranker.json"), "weights file to write")
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("%w: %w", errUsage, err)
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("%w: train-quotes needs one POLNEAR.jsonl", errUsage)
	}
	arts, err := readPolnear(fs.Arg(0))
	if err != nil {
		return err
	}
	b, n, err := quote.TrainRanker(arts, *epochs)
	if err != nil {
		return err
	}
	if _, err := writeAtomically(*out, func(w io.Writer) error { _, err := w.Write(b); return err }); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "wrote %s (%d bytes) from %d examples in %d articles\n", *out, len(b), n, len(arts))
	return nil
}

// readPolnear reads PolNeAR articles and turns the code-point offsets of
// their direct quotations into byte offsets. A speaker is cut before its
// apposition ("X, a campaign spokesman" becomes "X").
func readPolnear(path string) ([]quote.Labelled, error) {
	type record struct {
		Text   string `json:"text"`
		Quotes []struct {
			Speaker    *string  `json:"speaker"`
			Direct     bool     `json:"direct"`
			QuoteSpans [][2]int `json:"quote_spans"`
		} `json:"quotes"`
	}
	var arts []quote.Labelled
	err := eachJSONLine(path, func(_ int, r *record) error {
		off := byteOffsets(r.Text)
		a := quote.Labelled{Text: r.Text}
		for _, q := range r.Quotes {
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
		arts = append(arts, a)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return arts, nil
}
