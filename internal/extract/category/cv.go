package category

import (
	"fmt"
	"math/rand/v2"
)

// Accepts reports whether pred is an acceptable answer for an article
// labelled gold: the same category after Label, or World for Politics and
// Politics for World, since foreign affairs are politics too.
func Accepts(gold, pred string) bool {
	g := Label(gold)
	if g == pred {
		return true
	}
	return (g == World || g == Politics) && (pred == World || pred == Politics)
}

// Set is a named collection of labelled articles.
type Set struct {
	Name     string
	Examples []Example
}

// Fold is the result of cross-validation on one set.
type Fold struct {
	Set          string
	Right, Total int
	Confusion    map[string]map[string]int // gold label → predicted → count
	// FoldRight and FoldTotal count the articles classified acceptably,
	// and all articles, in each fold.
	FoldRight, FoldTotal []int
	Misses               []Miss // the articles classified wrongly
}

// Miss is an article that cross-validation classified wrongly.
type Miss struct {
	Example
	Got string
}

// FoldAccuracy returns the accuracy on each fold.
func (f Fold) FoldAccuracy() []float64 {
	acc := make([]float64, len(f.FoldTotal))
	for i, n := range f.FoldTotal {
		if n > 0 {
			acc[i] = float64(f.FoldRight[i]) / float64(n)
		}
	}
	return acc
}

// Accuracy is the share of articles classified acceptably.
func (f Fold) Accuracy() float64 {
	if f.Total == 0 {
		return 0
	}
	return float64(f.Right) / float64(f.Total)
}

// CrossValidate splits each set into k folds at random (from opts.Seed); for
// each fold it trains on the other folds of every set together and classifies
// the fold's articles. It returns one result per set, in order.
func CrossValidate(sets []Set, k int, opts Options) ([]Fold, error) {
	if k < 2 {
		return nil, fmt.Errorf("cross-validate: need at least 2 folds, have %d", k)
	}
	rng := rand.New(rand.NewPCG(opts.Seed, 0x63766376))
	folds := make([][]int, len(sets)) // set → example → fold
	for s, set := range sets {
		perm := rng.Perm(len(set.Examples))
		folds[s] = make([]int, len(perm))
		for i, p := range perm {
			folds[s][p] = i % k
		}
	}
	res := make([]Fold, len(sets))
	for s, set := range sets {
		res[s] = Fold{Set: set.Name, Confusion: map[string]map[string]int{},
			FoldRight: make([]int, k), FoldTotal: make([]int, k)}
	}
	for fold := range k {
		var train []Example
		for s, set := range sets {
			for i, e := range set.Examples {
				if folds[s][i] != fold {
					train = append(train, e)
				}
			}
		}
		m, err := Train(train, opts)
		if err != nil {
			return nil, fmt.Errorf("cross-validate fold %d: %w", fold, err)
		}
		for s, set := range sets {
			for i, e := range set.Examples {
				if folds[s][i] != fold {
					continue
				}
				got := m.Classify(e.Title, e.Body)
				r := &res[s]
				r.Total++
				r.FoldTotal[fold]++
				if Accepts(e.Category, got) {
					r.Right++
					r.FoldRight[fold]++
				} else {
					r.Misses = append(r.Misses, Miss{e, got})
				}
				if r.Confusion[e.Category] == nil {
					r.Confusion[e.Category] = map[string]int{}
				}
				r.Confusion[e.Category][got]++
			}
		}
	}
	return res, nil
}
