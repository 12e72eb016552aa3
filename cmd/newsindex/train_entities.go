package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
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
	fs.Usage = func() { fmt.Fprint(fs.Output(), trainEntitiesUsage); fs.PrintDefaults() }
	passes := fs.Int("passes", 8, "training passes over the documents")
	out := fs.String("out", filepath.Join("internal", "extract", "entity", "data", "tagger.bin.gz"), "model file to write")
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("%w: train-entities needs one DOCS.jsonl", errUsage)
	}
	docs, err := readTrainingDocs(fs.Arg(0))
	if err != nil {
		return err
	}
	tmp := *out + "~"
	f, err := os.Create(tmp)
	if err != nil {
		return fmt.Errorf("train-entities: %w", err)
	}
	defer os.Remove(tmp)
	err = entity.TrainTagger(docs, *passes, f, func(pass, errs, n int) {
		fmt.Fprintf(os.Stderr, "pass %d: %d of %d tokens mistagged\n", pass, errs, n)
	})
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("train-entities: %w", err)
	}
	if err := os.Rename(tmp, *out); err != nil {
		return fmt.Errorf("train-entities: %w", err)
	}
	st, _ := os.Stat(*out)
	fmt.Fprintf(os.Stderr, "wrote %s (%d bytes) from %d documents\n", *out, st.Size(), len(docs))
	return nil
}

// readTrainingDocs reads CoNLL documents and turns their code-point offsets
// into byte offsets.
func readTrainingDocs(path string) ([]entity.TrainingDoc, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("train-entities: %w", err)
	}
	defer f.Close()
	var docs []entity.TrainingDoc
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<20), 64<<20)
	line := 0
	for sc.Scan() {
		line++
		var r struct {
			Text     string `json:"text"`
			Entities []struct {
				Type       string `json:"type"`
				Start, End int
			} `json:"entities"`
		}
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			return nil, fmt.Errorf("train-entities: %s:%d: %w", path, line, err)
		}
		byteAt := make([]int, 0, len(r.Text)+1)
		for i := range r.Text {
			byteAt = append(byteAt, i)
		}
		byteAt = append(byteAt, len(r.Text))
		d := entity.TrainingDoc{Text: r.Text}
		for _, e := range r.Entities {
			if e.Start < 0 || e.End > len(byteAt)-1 || e.Start >= e.End {
				return nil, fmt.Errorf("train-entities: %s:%d: entity offsets %d-%d out of range", path, line, e.Start, e.End)
			}
			d.Spans = append(d.Spans, entity.TrainingSpan{Start: byteAt[e.Start], End: byteAt[e.End], Kind: e.Type})
		}
		docs = append(docs, d)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("train-entities: %s: %w", path, err)
	}
	return docs, nil
}
