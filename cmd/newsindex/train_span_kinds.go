package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/newsindex/newsindex/internal/extract/measure"
)

func init() {
	register(command{name: "train-span-kinds", summary: "train the span-kind model, run after the entity rules, on CoNLL-2003", run: runTrainSpanKinds})
}

const trainSpanKindsUsage = `usage: newsindex train-span-kinds [-out FILE] CONLL.jsonl

Extracts each fifth of the CoNLL-2003 documents with a tagger trained on
the other four fifths, labels every name the rules read as a person, a
body or a place with the kind the labels give it (or none), and fits the
span-kind model to those names. Reproduce the shipped model with:

  newsindex train-span-kinds ../shared/data/conll2003_train_docs.jsonl
`

func runTrainSpanKinds(args []string) error {
	fs := flag.NewFlagSet("train-span-kinds", flag.ContinueOnError)
	fs.Usage = func() { fmt.Fprint(fs.Output(), trainSpanKindsUsage); fs.PrintDefaults() }
	out := fs.String("out", filepath.Join("internal", "extract", "entity", "data", "spankinds.json"), "model file to write")
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("%w: train-span-kinds needs one CONLL.jsonl", errUsage)
	}
	docs, err := measure.ReadJSONL[measure.ConllDoc](fs.Arg(0))
	if err != nil {
		return err
	}
	b, err := measure.TrainSpanKinds(docs, 1)
	if err != nil {
		return err
	}
	if _, err := writeAtomically(*out, func(w io.Writer) error { _, err := w.Write(b); return err }); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "wrote %s from %d documents\n", *out, len(docs))
	return nil
}
