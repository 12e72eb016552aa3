package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/newsindex/newsindex/internal/extract/category"
)

func init() {
	register(command{name: "train-category", summary: "train the category classifier, or cross-validate it", run: runTrainCategory})
}

const trainCategoryUsage = `usage: newsindex train-category (--out MODEL | --cv K) [flags] PATH...

Trains the category classifier on labelled articles, JSON Lines of
{"title", "body", "category"}. Labels are mapped onto the default taxonomy
(World, Politics, Business, Technology, Sports, Entertainment) where they fit
one; other labels are kept as given. With --cv K it reports the K-fold
cross-validated accuracy of each file instead (World and Politics count for
each other).

The embedded default model is made by:

  newsindex train-category --out internal/extract/category/model.bin \
      ../shared/data/bbc_news_train.jsonl ../shared/data/ag_news_train.jsonl
`

func runTrainCategory(args []string) error {
	fs := flag.NewFlagSet("train-category", flag.ContinueOnError)
	fs.Usage = func() { fmt.Fprint(fs.Output(), trainCategoryUsage, "\nflags:\n"); fs.PrintDefaults() }
	out := fs.String("out", "", "write the trained model to this `file`")
	cv := fs.Int("cv", 0, "cross-validate with `K` folds instead of training")
	var o category.Options
	fs.IntVar(&o.Epochs, "epochs", 0, "passes over the data (0: default)")
	fs.Float64Var(&o.Rate, "rate", 0, "initial learning rate (0: default)")
	fs.Float64Var(&o.L2, "l2", 0, "L2 regularisation (0: default)")
	fs.IntVar(&o.MinDF, "min-df", 0, "drop features seen in fewer articles (0: default)")
	fs.Float64Var(&o.NBSVM, "nbsvm", 0, "smoothing of the full-article expert's NB-SVM log-count ratios (0: default, negative: none)")
	fs.Uint64Var(&o.Seed, "seed", 1, "random seed (of the training order and of the folds)")
	misses := fs.Bool("misses", false, "with --cv, list the articles classified wrongly")
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("%w: %w", errUsage, err)
	}
	if fs.NArg() == 0 {
		return fmt.Errorf("%w: train-category needs at least one PATH", errUsage)
	}
	if (*out == "") == (*cv == 0) {
		return fmt.Errorf("%w: train-category needs exactly one of --out and --cv", errUsage)
	}
	var sets []category.Set
	for _, p := range fs.Args() {
		ex, err := category.ReadExamples(p)
		if err != nil {
			return err
		}
		sets = append(sets, category.Set{Name: filepath.Base(p), Examples: ex})
	}
	start := time.Now()
	if *cv != 0 {
		res, err := category.CrossValidate(sets, *cv, o)
		if err != nil {
			return err
		}
		for _, r := range res {
			folds := make([]string, len(r.FoldTotal))
			for i, a := range r.FoldAccuracy() {
				folds[i] = fmt.Sprintf("%.4f", a)
			}
			fmt.Printf("%s: %d-fold cv accuracy=%.4f (%d/%d) folds %s\n", r.Set, *cv, r.Accuracy(), r.Right, r.Total, strings.Join(folds, " "))
			golds := make([]string, 0, len(r.Confusion))
			for g := range r.Confusion {
				golds = append(golds, g)
			}
			sort.Strings(golds)
			for _, g := range golds {
				var parts []string
				for p, n := range r.Confusion[g] {
					parts = append(parts, fmt.Sprintf("%s:%d", p, n))
				}
				sort.Strings(parts)
				fmt.Printf("  %-14s -> %s\n", g, strings.Join(parts, " "))
			}
			if *misses {
				for _, e := range r.Misses {
					fmt.Printf("  miss %s -> %s: %s\n", e.Category, e.Got, e.Title)
				}
			}
		}
		fmt.Fprintf(os.Stderr, "cross-validated in %s\n", time.Since(start).Round(time.Millisecond))
		return nil
	}
	var all []category.Example
	for _, s := range sets {
		all = append(all, s.Examples...)
	}
	m, err := category.Train(all, o)
	if err != nil {
		return err
	}
	if err := m.Save(*out); err != nil {
		return err
	}
	st, err := os.Stat(*out)
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "trained on %d articles in %s: %d features, classes %s, %d bytes in %s\n",
		len(all), time.Since(start).Round(time.Millisecond), m.Features(), strings.Join(m.Classes(), ","), st.Size(), *out)
	return nil
}
