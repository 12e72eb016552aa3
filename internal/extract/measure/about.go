package measure

import (
	"fmt"
	"math"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/newsindex/newsindex/internal/extract"
	"github.com/newsindex/newsindex/internal/extract/entity"
)

// ReutersDoc is a Reuters-21578 article with the countries its editors
// labelled (PLACES, as codes like "usa" and "west-germany").
type ReutersDoc struct {
	ID       int      `json:"id"`
	Title    string   `json:"title"`
	Dateline string   `json:"dateline"`
	Body     string   `json:"body"`
	Places   []string `json:"places"`
}

// Article returns the document as the scorer gives it to extraction: the
// dateline opens the body.
func (d *ReutersDoc) Article() Article {
	body := d.Body
	if d.Dateline != "" {
		body = d.Dateline + " " + body
	}
	return Article{ID: strconv.Itoa(d.ID), Title: d.Title, Body: body}
}

// AboutExample is one country an article names, with its evidence and
// whether the editors labelled the article with it.
type AboutExample struct {
	Doc      int // index of the article
	Code     string
	Features []float64
	Labelled bool
}

// AboutSet is the examples of a set of labelled articles, and how many
// countries the labels give (all, and without the United States).
type AboutSet struct {
	Examples         []AboutExample
	Gold, GoldNonUS  int
	Articles, Unused int // articles scored; predicted names the scorer maps to no country
}

// AboutExamples extracts the evidence of every country the articles name,
// with the tagger of m, and labels it with the articles' labels, as the
// scorer reads them. Articles with no labelled country are left out, as the
// scorer leaves them.
func AboutExamples(docs []ReutersDoc, cs *Countries, m Models) (AboutSet, error) {
	var set AboutSet
	type item struct {
		doc  int
		gold map[string]bool
		a    Article
	}
	var items []item
	var as []Article
	for i, d := range docs {
		if d.Title == "" && d.Body == "" {
			continue
		}
		gold := map[string]bool{}
		for _, p := range d.Places {
			if c := cs.code(strings.ReplaceAll(p, "-", " "), false); c != "" {
				gold[c] = true
			}
		}
		if len(gold) == 0 {
			continue
		}
		items = append(items, item{doc: i, gold: gold})
		as = append(as, d.Article())
	}
	as, err := asIngested(as)
	if err != nil {
		return set, fmt.Errorf("measure: %w", err)
	}
	evs := make([][]entity.Evidence, len(as))
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				evs[i] = m.Tagger.CountryEvidence(extract.Text(as[i].Title, as[i].Body))
			}
		})
	}
	for i := range as {
		next <- i
	}
	close(next)
	wg.Wait()
	for k, it := range items {
		set.Articles++
		set.Gold += len(it.gold)
		for c := range it.gold {
			if c != "US" {
				set.GoldNonUS++
			}
		}
		seen := map[string]bool{}
		for _, e := range evs[k] {
			c := cs.code(e.Country, true)
			if c == "" {
				set.Unused++
			}
			if c != "" && seen[c] {
				continue // two names of one country ("Holland", "Netherlands") count once
			}
			seen[c] = true
			set.Examples = append(set.Examples, AboutExample{Doc: it.doc, Code: c, Features: e.Features, Labelled: it.gold[c]})
		}
	}
	return set, nil
}

// TrainAbout fits a logistic model to the examples by Newton's method, with
// an L2 penalty of lambda on every weight but the bias.
func TrainAbout(ex []AboutExample, lambda float64) []float64 {
	n := len(entity.EvidenceNames())
	w := make([]float64, n)
	for range 25 {
		g := make([]float64, n)
		h := make([][]float64, n)
		for i := range h {
			h[i] = make([]float64, n)
		}
		for _, e := range ex {
			z := 0.0
			for i, f := range e.Features {
				z += w[i] * f
			}
			p := 1 / (1 + math.Exp(-z))
			y := 0.0
			if e.Labelled {
				y = 1
			}
			for i, fi := range e.Features {
				g[i] += (p - y) * fi
				for j, fj := range e.Features {
					h[i][j] += p * (1 - p) * fi * fj
				}
			}
		}
		for i := 1; i < n; i++ {
			g[i] += lambda * w[i]
			h[i][i] += lambda
		}
		step := solve(h, g)
		for i := range w {
			w[i] -= step[i]
		}
	}
	return w
}

// solve returns x with a·x = b by Gaussian elimination with partial
// pivoting; a and b are overwritten.
func solve(a [][]float64, b []float64) []float64 {
	n := len(b)
	for c := 0; c < n; c++ {
		p := c
		for r := c + 1; r < n; r++ {
			if math.Abs(a[r][c]) > math.Abs(a[p][c]) {
				p = r
			}
		}
		a[c], a[p] = a[p], a[c]
		b[c], b[p] = b[p], b[c]
		if a[c][c] == 0 {
			continue
		}
		for r := c + 1; r < n; r++ {
			f := a[r][c] / a[c][c]
			for k := c; k < n; k++ {
				a[r][k] -= f * a[c][k]
			}
			b[r] -= f * b[c]
		}
	}
	x := make([]float64, n)
	for r := n - 1; r >= 0; r-- {
		s := b[r]
		for k := r + 1; k < n; k++ {
			s -= a[r][k] * x[k]
		}
		if a[r][r] != 0 {
			x[r] = s / a[r][r]
		}
	}
	return x
}

// AboutScore is how the countries kept compare with the labels, as the
// scorer counts them: all countries, and without the United States.
type AboutScore struct {
	All, NonUS PRF
}

func (s AboutScore) String() string {
	return fmt.Sprintf("countries P=%.3f R=%.3f; without the US P=%.3f R=%.3f", s.All.P(), s.All.R(), s.NonUS.P(), s.NonUS.R())
}

// ScoreAbout counts the examples whose probability p[i] reaches threshold.
func ScoreAbout(set AboutSet, p []float64, threshold float64) AboutScore {
	s := AboutScore{All: PRF{Gold: set.Gold}, NonUS: PRF{Gold: set.GoldNonUS}}
	for i, e := range set.Examples {
		if p[i] < threshold {
			continue
		}
		s.All.Predicted++
		if e.Code != "US" {
			s.NonUS.Predicted++
		}
		if e.Labelled {
			s.All.Right++
			s.All.Found++
			if e.Code != "US" {
				s.NonUS.Right++
				s.NonUS.Found++
			}
		}
	}
	return s
}

// CrossValidateAbout fits the model on k-1 folds of the articles and
// returns the probability it gives each example of the held-out fold.
func CrossValidateAbout(set AboutSet, k int, lambda float64) []float64 {
	return CrossValidateAboutSplit(set, k, lambda, 0)
}

// CrossValidateAboutSplit is CrossValidateAbout over the folds of
// SplitFolds' split.
func CrossValidateAboutSplit(set AboutSet, k int, lambda float64, split uint64) []float64 {
	var docs []int
	seen := map[int]bool{}
	for _, e := range set.Examples {
		if !seen[e.Doc] {
			seen[e.Doc] = true
			docs = append(docs, e.Doc)
		}
	}
	sort.Ints(docs)
	fold := map[int]int{}
	for f, idx := range SplitFolds(len(docs), k, split) {
		for _, i := range idx {
			fold[docs[i]] = f
		}
	}
	p := make([]float64, len(set.Examples))
	for f := range k {
		var train []AboutExample
		for _, e := range set.Examples {
			if fold[e.Doc] != f {
				train = append(train, e)
			}
		}
		m := entity.AboutModel{Weights: TrainAbout(train, lambda)}
		for i, e := range set.Examples {
			if fold[e.Doc] == f {
				p[i] = m.Probability(e.Features)
			}
		}
	}
	return p
}

// AboutThreshold returns the highest threshold, in steps of 0.0025, at which
// the held-out probabilities p keep a recall without the United States of
// at least recall.
func AboutThreshold(set AboutSet, p []float64, recall float64) float64 {
	for t := 0.9975; t > 0; t -= 0.0025 {
		t = math.Round(t*10000) / 10000
		if ScoreAbout(set, p, t).NonUS.R() >= recall {
			return t
		}
	}
	return 0
}

// AboutPrecisionAt returns the precision without the United States of the
// examples ranked by their probabilities p, down to the first that reaches
// a recall without the United States of recall: the figure a threshold
// would give if its steps were fine enough.
func AboutPrecisionAt(set AboutSet, p []float64, recall float64) float64 {
	var idx []int
	for i, e := range set.Examples {
		if e.Code != "US" {
			idx = append(idx, i)
		}
	}
	sort.SliceStable(idx, func(a, b int) bool { return p[idx[a]] > p[idx[b]] })
	right := 0
	for n, i := range idx {
		if set.Examples[i].Labelled {
			right++
		}
		if float64(right) >= recall*float64(set.GoldNonUS) {
			return float64(right) / float64(n+1)
		}
	}
	return 0
}
