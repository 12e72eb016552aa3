package category

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// sharedData is where the labelled development data lives, relative to this
// package; a fresh machine does not have it.
var sharedData = filepath.Join("..", "..", "..", "..", "shared", "data")

// TestCrossValidate reports the k-fold cross-validated accuracy of the
// default training recipe on the BBC and AG training files. It is slow, so it
// runs only when NEWSINDEX_CV is set to the number of folds:
//
//	NEWSINDEX_CV=5 go test -run CrossValidate -v ./internal/extract/category/
func TestCrossValidate(t *testing.T) {
	k, _ := strconv.Atoi(os.Getenv("NEWSINDEX_CV"))
	if k < 2 {
		t.Skip("set NEWSINDEX_CV=K to cross-validate")
	}
	var sets []Set
	names := []string{"bbc_news_train.jsonl", "ag_news_train.jsonl"}
	if v := os.Getenv("NEWSINDEX_CV_SETS"); v != "" {
		names = strings.Split(v, ",")
	}
	for _, name := range names {
		path := filepath.Join(sharedData, name)
		if _, err := os.Stat(path); err != nil {
			t.Skipf("no training data: %v", err)
		}
		ex, err := ReadExamples(path)
		if err != nil {
			t.Fatal(err)
		}
		sets = append(sets, Set{Name: name, Examples: ex})
	}
	o := Options{Seed: 1}
	if v := os.Getenv("NEWSINDEX_CV_OPTS"); v != "" {
		parseOpts(t, v, &o)
	}
	res, err := CrossValidate(sets, k, o)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res {
		t.Logf("%s: %d-fold cv accuracy=%.4f (%d/%d) folds %.4f", r.Set, k, r.Accuracy(), r.Right, r.Total, r.FoldAccuracy())
		if os.Getenv("NEWSINDEX_CV_MISSES") != "" {
			for _, e := range r.Misses {
				t.Logf("  miss %s -> %s: %.100q", e.Category, e.Got, e.Title+" | "+e.Body)
			}
		}
		for g, row := range r.Confusion {
			t.Logf("  %-14s -> %v", g, row)
		}
	}
}

// parseOpts reads options written as "epochs=12,rate=0.5,l2=2e-5,mindf=2".
func parseOpts(t *testing.T, s string, o *Options) {
	t.Helper()
	for _, kv := range strings.Split(s, ",") {
		k, v, _ := strings.Cut(kv, "=")
		var err error
		switch k {
		case "epochs":
			o.Epochs, err = strconv.Atoi(v)
		case "rate":
			o.Rate, err = strconv.ParseFloat(v, 64)
		case "l2":
			o.L2, err = strconv.ParseFloat(v, 64)
		case "mindf":
			o.MinDF, err = strconv.Atoi(v)
		case "long":
			o.LongWords, err = strconv.Atoi(v)
		case "nba":
			o.NBAlpha, err = strconv.ParseFloat(v, 64)
		case "nbb":
			o.NBBeta, err = strconv.ParseFloat(v, 64)
		case "lnba":
			o.LongNBAlpha, err = strconv.ParseFloat(v, 64)
		case "lnbb":
			o.LongNBBeta, err = strconv.ParseFloat(v, 64)
		case "runs":
			o.Runs, err = strconv.Atoi(v)
		case "blend":
			o.Blend, err = strconv.ParseFloat(v, 64)
		case "longl2":
			o.LongL2, err = strconv.ParseFloat(v, 64)
		case "nbsvm":
			o.NBSVM, err = strconv.ParseFloat(v, 64)
		case "seed":
			o.Seed, err = strconv.ParseUint(v, 10, 64)
		default:
			err = fmt.Errorf("unknown option %q", k)
		}
		if err != nil {
			t.Fatalf("NEWSINDEX_CV_OPTS %q: %v", kv, err)
		}
	}
}

// TestHeldOut trains on four fifths of the BBC and AG training files and
// checks the accuracy on the last fifth against floors a little below what the
// recipe reaches, so that a change that hurts it fails.
func TestHeldOut(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: trains on the BBC and AG training files")
	}
	floors := map[string]float64{"bbc_news_train.jsonl": 0.965, "ag_news_train.jsonl": 0.87}
	var train []Example
	test := map[string][]Example{}
	for name := range floors {
		path := filepath.Join(sharedData, name)
		if _, err := os.Stat(path); err != nil {
			t.Skipf("no training data: %v", err)
		}
		ex, err := ReadExamples(path)
		if err != nil {
			t.Fatal(err)
		}
		for i, e := range ex {
			if i%5 == 4 {
				test[name] = append(test[name], e)
			} else {
				train = append(train, e)
			}
		}
	}
	m, err := Train(train, Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	for name, ex := range test {
		right := 0
		for _, e := range ex {
			if Accepts(e.Category, m.Classify(e.Title, e.Body)) {
				right++
			}
		}
		acc := float64(right) / float64(len(ex))
		t.Logf("%s: held-out accuracy %.4f (%d/%d)", name, acc, right, len(ex))
		if acc < floors[name] {
			t.Errorf("%s: held-out accuracy %.4f, want at least %.3f", name, acc, floors[name])
		}
	}
}
