package entity

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestTagMarginsSumEveryFeature checks that tagging, which adds up the
// weights of common words and of the previous tags once (model.own,
// model.prior), tags and scores as the trainer does, feature by feature.
func TestTagMarginsSumEveryFeature(t *testing.T) {
	texts := []string{"", "A", "THE END", "U.S. stocks rose. The Dow gained 1.2%, traders said."}
	for _, tt := range extractTests {
		texts = append(texts, tt.text)
	}
	paths, _ := filepath.Glob(filepath.Join("..", "testdata", "articles", "*.txt"))
	paths = append(paths, filepath.Join("testdata", "article.txt"))
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	m := defaultModel
	for _, text := range texts {
		toks := tokenize(text)
		tags, margins := m.tagMargins(toks)
		wantTags, wantMargins := tagEveryFeature(m, toks)
		if !slices.Equal(tags, wantTags) || !slices.Equal(margins, wantMargins) {
			t.Errorf("tagMargins(%.40q) = %v %v, want %v %v", text, tags, margins, wantTags, wantMargins)
		}
	}
}

// tagEveryFeature is tagMargins as the trainer scores a token: every
// feature of its list looked up and added.
func tagEveryFeature(m *model, toks []token) ([]int, []float32) {
	tags := make([]int, len(toks))
	margins := make([]float32, len(toks))
	tf := m.features(toks, gazFeatures(toks))
	var dyn []uint32
	for i := range toks {
		p1, p2 := tagO, tagO
		if i > 0 {
			p1 = tags[i-1]
		}
		if i > 1 {
			p2 = tags[i-2]
		}
		var sc [numTags]int32
		m.score(&sc, tf.feats[tf.offs[i]:tf.offs[i+1]])
		m.score(&sc, dynFeatures(dyn[:0], p1, p2, tf.lowers[i]))
		tags[i], margins[i] = m.pick(&sc, p1)
	}
	return tags, margins
}
