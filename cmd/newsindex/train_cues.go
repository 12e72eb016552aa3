package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/newsindex/newsindex/internal/extract/measure"
	"github.com/newsindex/newsindex/internal/extract/quote"
)

func init() {
	register(command{name: "train-cues", summary: "learn from PolNeAR articles which verbs after a named subject are attributions", run: runTrainCues})
}

const trainCuesUsage = `usage: newsindex train-cues [-out FILE] POLNEAR.jsonl

Counts, over PolNeAR articles, each verb (or "be" and a participle) that
follows a named person or body and has a proposition after it (a
that-clause, a to-infinitive, whether or if), and how often the labels make
that occurrence an attribution, and writes the counts as the lexicon file
the reported speech pass reads: a head labelled at least half the time, and
at least three times, is read as a cue. Reproduce the shipped file with:

  newsindex train-cues ../shared/data/polnear_train.jsonl
`

func runTrainCues(args []string) error {
	fs := flag.NewFlagSet("train-cues", flag.ContinueOnError)
	fs.Usage = func() { fmt.Fprint(fs.Output(), trainCuesUsage, "\n"); fs.PrintDefaults() }
	out := fs.String("out", filepath.Join("internal", "extract", "lexicon", "data", "en", "cues.txt"), "lexicon file to write")
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("%w: %w", errUsage, err)
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("%w: train-cues needs one POLNEAR.jsonl", errUsage)
	}
	docs, err := measure.ReadJSONL[measure.PolnearDoc](fs.Arg(0))
	if err != nil {
		return err
	}
	arts := make([]quote.Labelled, len(docs))
	for i := range docs {
		arts[i] = docs[i].Labelled()
	}
	counts := quote.LearnCues(arts)
	n := len(quote.SelectCues(counts, quote.CueThreshold, quote.CueMinLabelled))
	header := fmt.Sprintf(`Cues learned from labelled articles; written by newsindex train-cues from %d articles, not by hand.
Each line is "head | labelled | seen": a verb form ("plans"), or "be" and a participle for the passive
("be expected"), seen after a named person or body with a that-clause, a to-infinitive, "whether" or
"if" after it, and how many of those occurrences the labels make an attribution. The reported speech
pass reads a head labelled in at least %g of its occurrences and at least %d times (%d heads), beside
speech.txt's [reported] verbs, whose active forms are not counted here.`, len(arts), quote.CueThreshold, quote.CueMinLabelled, n)
	b := quote.FormatCues(counts, header)
	if _, err := writeAtomically(*out, func(w io.Writer) error { _, err := w.Write(b); return err }); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "wrote %s (%d heads, %d read as cues) from %d articles\n", *out, len(counts), n, len(arts))
	return nil
}
