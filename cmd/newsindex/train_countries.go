package main

import (
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"time"

	"github.com/newsindex/newsindex/internal/extract/entity"
	"github.com/newsindex/newsindex/internal/extract/measure"
)

func init() {
	register(command{name: "train-countries", summary: "train the decision of which countries an article is about on Reuters-21578", run: runTrainCountries})
}

const trainCountriesUsage = `usage: newsindex train-countries [-countries FILE] [-folds K] [-recall R] [-splits N] [-out FILE] REUTERS.jsonl

Trains the model that decides which of the countries an article names it is
about (internal/extract/entity/about.go) on Reuters-21578 articles labelled
with their countries (PLACES), as the scorer reads them through
countries.json. The weights are fitted on all the articles; the threshold is
the highest at which K-fold cross-validation keeps a recall of at least R
without the United States, and the cross-validated figures at that threshold
are printed. With -splits N, the precision without the United States at
recall R is also printed for N fold splits, and their mean and standard
deviation, to compare changes of the model beyond one split's luck.
Reproduce the shipped model with:

  newsindex train-countries -countries ../shared/eval/countries.json ../shared/data/reuters21578_train.jsonl
`

func runTrainCountries(args []string) error {
	fs := flag.NewFlagSet("train-countries", flag.ContinueOnError)
	fs.Usage = func() { fmt.Fprint(fs.Output(), trainCountriesUsage, "\n"); fs.PrintDefaults() }
	countries := fs.String("countries", filepath.Join("..", "shared", "eval", "countries.json"), "the scorer's countries.json")
	folds := fs.Int("folds", 5, "cross-validation folds that choose the threshold")
	recall := fs.Float64("recall", 0.965, "cross-validated recall without the United States to keep")
	lambda := fs.Float64("l2", 1, "L2 penalty on the weights")
	splits := fs.Int("splits", 1, "fold splits to cross-validate, each printing its precision at the recall (the first is the one that chooses the threshold)")
	out := fs.String("out", filepath.Join("internal", "extract", "entity", "data", "about.json"), "model file to write")
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("%w: %w", errUsage, err)
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
	fmt.Printf("%d-fold cross-validation, threshold %.4f: %s\n", *folds, th, measure.ScoreAbout(set, p, th))
	if *splits > 1 {
		printSplits(set, *folds, *lambda, *recall, *splits)
	}
	m := &entity.AboutModel{Features: entity.EvidenceNames(), Weights: measure.TrainAbout(set.Examples, *lambda), Threshold: th}
	for i := range m.Weights {
		m.Weights[i] = roundTo(m.Weights[i], 4)
	}
	for i := range all {
		all[i] = m.Probability(set.Examples[i].Features)
	}
	fmt.Printf("fitted on all, threshold %.4f: %s\n", th, measure.ScoreAbout(set, all, th))
	if _, err := writeAtomically(*out, func(w io.Writer) error { _, err := m.WriteTo(w); return err }); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "wrote %s from %d countries named in %d articles (%s)\n", *out, len(set.Examples), set.Articles, time.Since(t0).Round(time.Second))
	return nil
}

// printSplits prints, for each of n fold splits, the cross-validated
// precision without the United States at the recall, and their mean and
// standard deviation: how much a change of the model owes to one split.
func printSplits(set measure.AboutSet, folds int, lambda, recall float64, n int) {
	var ps []float64
	for split := range n {
		p := measure.CrossValidateAboutSplit(set, folds, lambda, uint64(split))
		ps = append(ps, measure.AboutPrecisionAt(set, p, recall))
		fmt.Printf("split %d: without the US P=%.4f at R=%.3f\n", split, ps[split], recall)
	}
	mean, sd := 0.0, 0.0
	for _, x := range ps {
		mean += x / float64(n)
	}
	for _, x := range ps {
		sd += (x - mean) * (x - mean) / float64(n-1)
	}
	fmt.Printf("%d splits: without the US P=%.4f±%.4f at R=%.3f\n", n, mean, math.Sqrt(sd), recall)
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
