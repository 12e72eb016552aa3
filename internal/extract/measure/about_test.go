package measure

import (
	"math"
	"testing"

	"github.com/newsindex/newsindex/internal/extract/entity"
)

// TestTrainAbout fits the model to examples whose label follows one feature
// (the title), with noise in another, and checks that the held-out
// probabilities and the weights say so.
func TestTrainAbout(t *testing.T) {
	n := len(entity.EvidenceNames())
	var set AboutSet
	for i := range 200 {
		f := make([]float64, n)
		f[0] = 1
		f[3] = float64(i % 2)       // title: the label
		f[4] = float64((i / 2) % 2) // lead: noise
		if i%10 == 0 {
			f[3] = 1 - f[3] // a tenth labelled against the rule
		}
		set.Examples = append(set.Examples, AboutExample{Doc: i, Code: "FR", Features: f, Labelled: i%2 == 1})
		if i%2 == 1 {
			set.Gold++
			set.GoldNonUS++
		}
	}
	w := TrainAbout(set.Examples, 1)
	if w[3] < 1 || w[3] < 4*abs(w[4]) {
		t.Errorf("TrainAbout: title weight %.3f, lead weight %.3f; want the title's large and the lead's small", w[3], w[4])
	}
	p := CrossValidateAbout(set, 5, 1)
	s := ScoreAbout(set, p, 0.5)
	if s.NonUS.P() < 0.8 || s.NonUS.R() < 0.95 {
		t.Errorf("cross-validated at 0.5: %s, want P of at least 0.8 (a tenth is labelled against the rule) and R of 0.95", s)
	}
	if th := AboutThreshold(set, p, 0.95); ScoreAbout(set, p, th).NonUS.R() < 0.95 {
		t.Errorf("AboutThreshold(0.95) = %.3f, whose recall is below 0.95", th)
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

func TestSolve(t *testing.T) {
	a := [][]float64{{0, 2, 1}, {1, 1, 1}, {2, 1, 0}} // a zero first pivot: rows must be swapped
	b := []float64{5, 6, 4}
	x := solve(a, b)
	got := []float64{2*x[1] + x[2], x[0] + x[1] + x[2], 2*x[0] + x[1]}
	for i, v := range []float64{5, 6, 4} {
		if d := got[i] - v; d > 1e-9 || d < -1e-9 {
			t.Fatalf("solve: a·x = %v, want [5 6 4]", got)
		}
	}
}

// TestAboutPrecisionAt ranks four examples of which the labelled are the
// first and third most probable: recall 0.5 takes the first (P 1), recall 1
// the first three (P 2/3), and the United States counts in neither.
func TestAboutPrecisionAt(t *testing.T) {
	set := AboutSet{GoldNonUS: 2, Examples: []AboutExample{
		{Code: "FR", Labelled: true}, {Code: "DE"}, {Code: "IT", Labelled: true}, {Code: "US", Labelled: true}, {Code: "ES"},
	}}
	p := []float64{0.9, 0.8, 0.7, 0.85, 0.1}
	for _, tt := range []struct{ recall, want float64 }{{0.5, 1}, {1, 2.0 / 3}} {
		if got := AboutPrecisionAt(set, p, tt.recall); math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("AboutPrecisionAt(recall %v) = %v, want %v", tt.recall, got, tt.want)
		}
	}
}
