package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/newsindex/newsindex/internal/extract/entity"
)

func init() {
	register(command{name: "train-entities", summary: "train the entity tagger on CoNLL-2003 documents", run: runTrainEntities})
}

const trainEntitiesUsage = `usage: newsindex train-entities [-passes N] [-out FILE] DOCS.jsonl

Trains the entity tagger on CoNLL-2003 documents in the shape
{"text", "entities":[{"type","start","end"}]} (offsets in code points) and
writes the model that internal/extract/entity embeds. Reproduce the shipped
model with:

  newsindex train-entities ../shared/data/conll2003_train_docs.jsonl
`

func runTrainEntities(args []string) error {
	fs := flag.NewFlagSet("train-entities", flag.ContinueOnError)
	fs.Usage = func() { fmt.Fprint(fs.Output(), trainEntitiesUsage, "\n"); fs.PrintDefaults() }
	passes := fs.Int("passes", 8, "training passes over the documents")
	out := fs.String("out", filepath.Join("internal", "extract", "entity", "data", "tagger.bin.gz"), "model file to write")
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("%w: %w", errUsage, err)
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("%w: train-entities needs one DOCS.jsonl", errUsage)
	}
	docs, err := readTrainingDocs(fs.Arg(0))
	if err != nil {
		return err
	}
	size, err := writeAtomically(*out, func(w io.Writer) error {
		return entity.TrainTagger(docs, *passes, w, func(pass, errs, n int) {
			fmt.Fprintf(os.Stderr, "pass %d: %d of %d tokens mistagged\n", pass, errs, n)
		})
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "wrote %s (%d bytes) from %d documents\n", *out, size, len(docs))
	return nil
}

// readTrainingDocs reads CoNLL documents and turns their code-point offsets
// into byte offsets.
func readTrainingDocs(path string) ([]entity.TrainingDoc, error) {
	type record struct {
		Text     string `json:"text"`
		Entities []struct {
			Type       string `json:"type"`
			Start, End int
		} `json:"entities"`
	}
	var docs []entity.TrainingDoc
	err := eachJSONLine(path, func(line int, r *record) error {
		byteAt := byteOffsets(r.Text)
		d := entity.TrainingDoc{Text: r.Text}
		for _, e := range r.Entities {
			if e.Start < 0 || e.End > len(byteAt)-1 || e.Start >= e.End {
				return fmt.Errorf("%s:%d: entity offsets %d-%d out of range", path, line, e.Start, e.End)
			}
			d.Spans = append(d.Spans, entity.TrainingSpan{Start: byteAt[e.Start], End: byteAt[e.End], Kind: e.Type})
		}
		docs = append(docs, d)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return docs, nil
}

func init() {
	register(command{name: "build-entity-lexicon", summary: "build the common-word lexicon of the entity extractor", run: runBuildEntityLexicon})
}

const buildEntityLexiconUsage = `usage: newsindex build-entity-lexicon [-min N] [-out FILE] FILE.jsonl...

Counts how the texts of the JSON Lines files ("text", or "title" and "body")
write their words and writes the common-word lexicon that
internal/extract/entity embeds: the words written in lower case at least N
times and far more often than capitalized in mid-sentence. Reproduce the
shipped lexicon with:

  newsindex build-entity-lexicon -min 2 ../shared/data/conll2003_train_docs.jsonl \
    ../shared/data/bbc_news_train.jsonl ../shared/data/polnear_train.jsonl \
    ../shared/data/ag_news_train.jsonl
`

func runBuildEntityLexicon(args []string) error {
	fs := flag.NewFlagSet("build-entity-lexicon", flag.ContinueOnError)
	fs.Usage = func() { fmt.Fprint(fs.Output(), buildEntityLexiconUsage, "\n"); fs.PrintDefaults() }
	minCount := fs.Int("min", 2, "least number of lower-case uses of a word")
	out := fs.String("out", filepath.Join("internal", "extract", "lexicon", "data", "en", "common.txt.gz"), "lexicon file to write")
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("%w: %w", errUsage, err)
	}
	if fs.NArg() == 0 {
		return fmt.Errorf("%w: build-entity-lexicon needs at least one FILE.jsonl", errUsage)
	}
	c := entity.NewLexiconCounter()
	for _, path := range fs.Args() {
		if err := countLexicon(c, path); err != nil {
			return err
		}
	}
	var n int
	size, err := writeAtomically(*out, func(w io.Writer) error {
		var err error
		n, err = c.Write(w, *minCount)
		return err
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "wrote %s (%d words, %d bytes)\n", *out, n, size)
	return nil
}

// countLexicon adds the texts of one JSON Lines file to c.
func countLexicon(c *entity.LexiconCounter, path string) error {
	err := eachJSONLine(path, func(_ int, r *struct{ Text, Title, Body string }) error {
		if r.Text != "" {
			c.Add(r.Text)
		}
		if r.Title != "" || r.Body != "" {
			c.Add(r.Title + "\n\n" + r.Body)
		}
		return nil
	})
	if err != nil {
		return err
	}
	return nil
}
