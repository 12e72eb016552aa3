package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestShippedModelsReproducible retrains every model and lexicon the
// binary embeds from the development data, with the command its usage
// gives, and compares the result byte for byte with the file shipped. A
// change to extraction alters what the later models are trained on (the
// country model reads the tagger's entities, the learned cues and the
// speaker ranker both, the ranker the cues' reported speech too): it
// must ship them retrained, in this order, or this fails. Skipped without
// ../shared/data beside the project, and with -short.
func TestShippedModelsReproducible(t *testing.T) {
	if testing.Short() {
		t.Skip("retraining every model takes about 20 s")
	}
	shared := filepath.Join("..", "..", "..", "shared")
	data := filepath.Join(shared, "data")
	if _, err := os.Stat(filepath.Join(data, "conll2003_train_docs.jsonl")); err != nil {
		t.Skip("../shared/data is absent: nothing to retrain from")
	}
	in := func(name string) string { return filepath.Join(data, name) }
	root := filepath.Join("..", "..")
	for _, m := range []struct {
		name    string
		run     func([]string) error
		shipped string
		args    []string
	}{
		{"build-entity-lexicon", runBuildEntityLexicon, "internal/extract/lexicon/data/en/common.txt.gz",
			[]string{"-min", "2", in("conll2003_train_docs.jsonl"), in("bbc_news_train.jsonl"), in("polnear_train.jsonl"), in("ag_news_train.jsonl")}},
		{"train-entities", runTrainEntities, "internal/extract/entity/data/tagger.bin.gz",
			[]string{in("conll2003_train_docs.jsonl")}},
		{"train-countries", runTrainCountries, "internal/extract/entity/data/about.json",
			[]string{"-countries", filepath.Join(shared, "eval", "countries.json"), in("reuters21578_train.jsonl")}},
		{"train-cues", runTrainCues, "internal/extract/lexicon/data/en/cues.txt",
			[]string{in("polnear_train.jsonl")}},
		{"train-quotes", runTrainQuotes, "internal/extract/quote/ranker.json",
			[]string{in("polnear_train.jsonl")}},
		{"train-category", runTrainCategory, "internal/extract/category/model.bin",
			[]string{in("bbc_news_train.jsonl"), in("ag_news_train.jsonl")}},
	} {
		t.Run(m.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), filepath.Base(m.shipped))
			flag := "-out"
			if m.name == "train-category" {
				flag = "--out"
			}
			if err := m.run(append([]string{flag, out}, m.args...)); err != nil {
				t.Fatal(err)
			}
			got, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			want, err := os.ReadFile(filepath.Join(root, m.shipped))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("newsindex %s writes %d bytes that differ from the %d of %s: retrain it and ship the result",
					m.name, len(got), len(want), m.shipped)
			}
		})
	}
}
