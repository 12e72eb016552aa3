package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/newsindex/newsindex/internal/extract/entity"
	"github.com/newsindex/newsindex/internal/extract/measure"
)

func init() {
	register(command{name: "train-countries", summary: "train the decision of which countries an article is about on Reuters-21578", run: runTrainCountries})
}

const trainCountriesUsage = `usage: newsindex train-countries [-countries FILE] [-folds K] [-recall R] [-out FILE] REUTERS.jsonl

Trains the model that decides which of the countries an article names it is
about (internal/extract/entity/about.go) on Reuters-21578 articles labelled
with their countries (PLACES), as the scorer reads them through
countries.json. The weights are fitted on all the articles; the threshold is
the highest at which K-fold cross-validation keeps a recall of at least R
without the United States, and the cross-validated figures at that threshold
are printed. Reproduce the shipped model with:

  newsindex train-countries -countries ../shared/eval/countries.json ../shared/data/reuters21578_train.jsonl
`

func runTrainCountries(args []string) error {
	fs := flag.NewFlagSet("train-countries", flag.ContinueOnError)
	fs.Usage = func() { fmt.Fprint(fs.Output(), trainCountriesUsage); fs.PrintDefaults() }
	countries := fs.String("countries", filepath.Join("..", "shared", "eval", "countries.json"), "the scorer's countries.json")
	folds := fs.Int("folds", 5, "cross-validation folds that choose the threshold")
	recall := fs.Float64("recall", 0.965, "cross-validated recall without the United States to keep")
	lambda := fs.Float64("l2", 1, "L2 penalty on the weights")
	out := fs.String("out", filepath.Join("internal", "extract", "entity", "data", "about.json"), "model file to write")
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if fs.NArg() != 1 || *folds < 2 {
		return fmt.Errorf("%w: train-countries needs one REUTERS.jsonl and -folds of at least 2", errUsage)
	}
	t0 := time.Now()
	cs, err := measure.ReadCountries(*countries)
	if err != nil {
		return err
	}
	docs, err := measure.ReadJSONL[measure.ReutersDoc](fs.Arg(0))
	if err != nil {
		return err
	}
	set, err := measure.AboutExamples(docs, cs, measure.Shipped())
	if err != nil {
		return err
	}
	all := make([]float64, len(set.Examples))
	for i := range all {
		all[i] = 1
	}
	fmt.Printf("every country named: %s\n", measure.ScoreAbout(set, all, 0.5))
	p := measure.CrossValidateAbout(set, *folds, *lambda)
	th := measure.AboutThreshold(set, p, *recall)
	fmt.Printf("%d-fold cross-validation, threshold %.2f: %s\n", *folds, th, measure.ScoreAbout(set, p, th))
	m := &entity.AboutModel{Features: entity.EvidenceNames(), Weights: measure.TrainAbout(set.Examples, *lambda), Threshold: th}
	for i := range m.Weights {
		m.Weights[i] = roundTo(m.Weights[i], 4)
	}
	for i := range all {
		all[i] = m.Probability(set.Examples[i].Features)
	}
	fmt.Printf("fitted on all, threshold %.2f: %s\n", th, measure.ScoreAbout(set, all, th))
	if _, err := writeAtomically(*out, func(w io.Writer) error { _, err := m.WriteTo(w); return err }); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "wrote %s from %d countries named in %d articles (%s)\n", *out, len(set.Examples), set.Articles, time.Since(t0).Round(time.Second))
	return nil
}

// roundTo rounds x to d decimals, so that the model file reads well.
func roundTo(x float64, d int) float64 {
	p := 1.0
	for range d {
		p *= 10
	}
	if x < 0 {
		return -float64(int64(-x*p+0.5)) / p
	}
	return float64(int64(x*p+0.5)) / p
}
