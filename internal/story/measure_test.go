package story

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
)

var (
	measure = flag.Bool("measure", false, "measure MinHash and SimHash stories on -corpus")
	corpus  = flag.String("corpus", "../../../shared/data/corpus.jsonl", "articles for -measure (JSON lines with id, title, body)")
	samples = flag.Int("samples", 4, "pairs to print per similarity bin with -measure")
	leadLen = flag.Int("lead", 110, "bytes of each body to print with a pair")
)

type article struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Body  string `json:"body"`
	// Published is when the article appeared, if known.
	Published string `json:"published"`
	when      time.Time
}

func readCorpus(t testing.TB, path string) []article {
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("no corpus: %v", err)
	}
	defer f.Close()
	var as []article
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var a article
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05", time.DateOnly} {
			if w, err := time.Parse(layout, a.Published); err == nil {
				a.when = w
				break
			}
		}
		as = append(as, a)
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return as
}

// shingleSet returns the sorted distinct shingle hashes of an article.
func shingleSet(title, body string) []uint64 {
	var s []uint64
	shingles(func(h uint64) { s = append(s, h) }, nil, title, body)
	slices.Sort(s)
	return slices.Compact(s)
}

// jaccard returns the exact Jaccard similarity of two sorted sets.
func jaccard(a, b []uint64) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	i, j, both := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			both++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return float64(both) / float64(len(a)+len(b)-both)
}

// bestEarlier holds, for each article, the most similar earlier article
// among its candidates (-1 if none) and their similarity.
type bestEarlier struct {
	best []int
	sim  []float64
}

// stories returns the number of stories a Grouper with threshold same forms.
func (b bestEarlier) stories(same float64) int {
	n := 0
	for i := range b.best {
		if b.best[i] < 0 || b.sim[i] < same {
			n++
		}
	}
	return n
}

// TestMeasure compares MinHash, MinHash with figures (Signature) and SimHash
// on a corpus: story counts at several thresholds, sample pairs per
// similarity bin, the exact Jaccard similarity of the pairs each scheme
// joins, recall on synthetic rewrites and the cost of a signature. Run it
// with
//
//	go test ./internal/story -run TestMeasure -measure -v
func TestMeasure(t *testing.T) {
	if !*measure {
		t.Skip("run with -measure")
	}
	as := readCorpus(t, *corpus)
	n := len(as)
	bytes := 0
	for _, a := range as {
		bytes += len(a.Title) + len(a.Body)
	}
	t.Logf("%d articles, %.0f bytes on average", n, float64(bytes)/float64(n))
	perKB := func(d time.Duration) string {
		return fmt.Sprintf("%v/article, %.1f µs/KB", d/time.Duration(n), float64(d.Nanoseconds())/1e3/float64(bytes)*1024)
	}

	start := time.Now()
	sigs := make([]Signature, n)
	for i, a := range as {
		sigs[i] = Sign(a.Title, a.Body)
	}
	t.Logf("sign (minhash and figures): %s", perKB(time.Since(start)))
	start = time.Now()
	sh := make([]SimHash, n)
	for i, a := range as {
		sh[i] = SimHashOf(a.Title, a.Body)
	}
	t.Logf("simhash: %s", perKB(time.Since(start)))
	sets := make([][]uint64, n)
	for i, a := range as {
		sets[i] = shingleSet(a.Title, a.Body)
	}

	// MinHash alone and Signature, over the same band-key candidates.
	m := bestEarlier{best: make([]int, n), sim: make([]float64, n)}
	g := bestEarlier{best: make([]int, n), sim: make([]float64, n)}
	byKey := make(map[string][]int)
	cands := 0
	for i := range sigs {
		m.best[i], g.best[i] = -1, -1
		seen := map[int]bool{}
		for _, k := range sigs[i].Keys() {
			for _, c := range byKey[k] {
				if !seen[c] {
					seen[c] = true
					if s := sigs[i].m.Similarity(sigs[c].m); s > m.sim[i] {
						m.best[i], m.sim[i] = c, s
					}
					if s := Similarity(sigs[i], sigs[c]); s > g.sim[i] {
						g.best[i], g.sim[i] = c, s
					}
				}
			}
			byKey[k] = append(byKey[k], i)
		}
		cands += len(seen)
	}
	t.Logf("band keys (%d bands × %d rows): %.2f candidates/article", Bands, Rows, float64(cands)/float64(n))
	// SimHash: every earlier article, so no pair is missed for want of a key.
	s := bestEarlier{best: make([]int, n), sim: make([]float64, n)}
	for i := range sh {
		s.best[i] = -1
		for c := range i {
			if v := sh[i].Similarity(sh[c]); v > s.sim[i] {
				s.best[i], s.sim[i] = c, v
			}
		}
	}
	for _, th := range []float64{0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9} {
		t.Logf("threshold %.1f: minhash %d stories, signature %d stories", th, m.stories(th), g.stories(th))
	}
	for _, d := range []int{3, 6, 9, 12, 16} {
		t.Logf("simhash distance <= %d: %d stories (all pairs compared)", d, s.stories(1-float64(d)/64))
	}

	// The Grouper at Same.
	gr := NewGrouper()
	sizes := map[string]int{}
	start = time.Now()
	for i, a := range as {
		st, _ := gr.Add(a.ID, sigs[i])
		sizes[st]++
	}
	t.Logf("grouper at Same=%.2f: %d stories, %v/article", Same, gr.Stories(), time.Since(start)/time.Duration(n))
	gw := NewGrouper()
	gw.Window = Window
	wsizes := map[string]int{}
	for i, a := range as {
		st, _ := gw.AddAt(a.ID, sigs[i], a.when)
		wsizes[st]++
	}
	whist := map[int]int{}
	for _, c := range wsizes {
		whist[min(c, 10)]++
	}
	t.Logf("grouper at Same=%.2f within a %v window: %d stories, by size %v", Same, Window, gw.Stories(), whist)
	hist := map[int]int{}
	for _, c := range sizes {
		hist[min(c, 10)]++
	}
	t.Logf("stories by size (10 = 10 or more): %v", hist)
	bySource := map[string][2]int{}
	for i, a := range as {
		src, _, _ := strings.Cut(a.ID, "-")
		c := bySource[src]
		c[0]++
		if int(gr.story[i]) != i {
			c[1]++
		}
		bySource[src] = c
	}
	t.Logf("articles, and articles that joined an earlier story, by source: %v", bySource)

	rng := rand.New(rand.NewPCG(1, 2))
	show := func(i, j int, line string) {
		if !as[i].when.IsZero() && !as[j].when.IsZero() {
			line += fmt.Sprintf(" apart %.1f days", math.Abs(as[i].when.Sub(as[j].when).Hours()/24))
		}
		t.Logf("  %s\n    A %s: %s | %s\n    B %s: %s | %s", line,
			as[i].ID, as[i].Title, lead(as[i].Body, *leadLen), as[j].ID, as[j].Title, lead(as[j].Body, *leadLen))
	}
	sample := func(idx []int) []int {
		rng.Shuffle(len(idx), func(x, y int) { idx[x], idx[y] = idx[y], idx[x] })
		return idx[:min(*samples, len(idx))]
	}
	bins := []float64{0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01}
	for b := 0; b+1 < len(bins); b++ {
		var idx []int
		var js []float64
		for i := range n {
			if g.best[i] >= 0 && bins[b] <= g.sim[i] && g.sim[i] < bins[b+1] {
				idx = append(idx, i)
				js = append(js, jaccard(sets[i], sets[g.best[i]]))
			}
		}
		t.Logf("signature pairs with %.1f <= similarity < %.1f: %d, exact jaccard %s", bins[b], bins[b+1], len(idx), summary(js))
		for _, i := range sample(idx) {
			j := g.best[i]
			show(i, j, fmt.Sprintf("sim %.2f exact %.2f figures %.2f simhash distance %d", g.sim[i], jaccard(sets[i], sets[j]), sigs[i].f.Containment(sigs[j].f), sh[i].Distance(sh[j])))
		}
	}
	var vetoed []int
	for i := range n {
		if m.best[i] >= 0 && m.sim[i] >= Same && Similarity(sigs[i], sigs[m.best[i]]) < Same {
			vetoed = append(vetoed, i)
		}
	}
	t.Logf("pairs at minhash >= Same that figures keep apart: %d", len(vetoed))
	for _, i := range sample(vetoed) {
		j := m.best[i]
		show(i, j, fmt.Sprintf("minhash %.2f figures %.2f similarity %.2f", m.sim[i], sigs[i].f.Containment(sigs[j].f), Similarity(sigs[i], sigs[j])))
	}
	dists := []int{0, 1, 4, 7, 10, 13, 17}
	for b := 0; b+1 < len(dists); b++ {
		var idx []int
		var js []float64
		for i := range n {
			if s.best[i] < 0 {
				continue
			}
			if d := sh[i].Distance(sh[s.best[i]]); dists[b] <= d && d < dists[b+1] {
				idx = append(idx, i)
				js = append(js, jaccard(sets[i], sets[s.best[i]]))
			}
		}
		t.Logf("simhash pairs with %d <= distance < %d: %d, exact jaccard %s", dists[b], dists[b+1], len(idx), summary(js))
		for _, i := range sample(idx) {
			j := s.best[i]
			show(i, j, fmt.Sprintf("distance %d exact %.2f signature %.2f", sh[i].Distance(sh[j]), jaccard(sets[i], sets[j]), Similarity(sigs[i], sigs[j])))
		}
	}

	// Recall on synthetic rewrites: a new header and teaser, a reworded
	// lead and a share of words replaced elsewhere.
	var pool []int
	for i, a := range as {
		if len(strings.Fields(a.Body)) >= 150 {
			pool = append(pool, i)
		}
	}
	shared := func(a, b []string) bool {
		for _, k := range a {
			if slices.Contains(b, k) {
				return true
			}
		}
		return false
	}
	for _, rate := range []float64{0, 0.05, 0.1, 0.2} {
		const trials = 300
		var mFound, sFound, sAny [4]int
		var jex []float64
		for range trials {
			i := pool[rng.IntN(len(pool))]
			other := as[pool[rng.IntN(len(pool))]]
			body := rewrite(rng, as[i].Body, other, rate)
			sc, hc := Sign(as[i].Title, body), SimHashOf(as[i].Title, body)
			jex = append(jex, jaccard(sets[i], shingleSet(as[i].Title, body)))
			mk, sk := shared(sc.Keys(), sigs[i].Keys()), shared(hc.Keys(), sh[i].Keys())
			for x, th := range []float64{0.3, 0.4, 0.5, 0.6} {
				if mk && Similarity(sc, sigs[i]) >= th {
					mFound[x]++
				}
			}
			for x, d := range []int{3, 6, 9, 12} {
				if hc.Distance(sh[i]) <= d {
					sAny[x]++
					if sk {
						sFound[x]++
					}
				}
			}
		}
		pct := func(c [4]int) string {
			return fmt.Sprintf("%d%% %d%% %d%% %d%%", c[0]*100/trials, c[1]*100/trials, c[2]*100/trials, c[3]*100/trials)
		}
		t.Logf("rewrites, %.0f%% of words replaced (exact jaccard %s): signature found at 0.3 0.4 0.5 0.6: %s; simhash within 3 6 9 12: %s (%s by its keys)",
			rate*100, summary(jex), pct(mFound), pct(sAny), pct(sFound))
	}
}

// rewrite returns body with a site header, another article's lead as a
// teaser after the first paragraph, its first sentence reworded and a share
// rate of the other words replaced.
func rewrite(rng *rand.Rand, body string, other article, rate float64) string {
	ws := strings.Fields(body)
	ows := strings.Fields(other.Body)
	// Reword the lead: drop every third word of the first 25 words and swap
	// neighbours.
	lead := min(25, len(ws))
	var out []string
	out = append(out, "Daily", "Courier", "—", "news", "you", "can", "trust", "Subscribe")
	for k := 0; k < lead; k++ {
		if k%3 == 2 {
			continue
		}
		out = append(out, ws[k])
	}
	for k := 1; k+1 < len(out); k += 4 {
		out[k], out[k+1] = out[k+1], out[k]
	}
	out = append(out, other.Title)
	out = append(out, ows[:min(30, len(ows))]...)
	for _, w := range ws[lead:] {
		if rng.Float64() < rate {
			w = ows[rng.IntN(len(ows))]
		}
		out = append(out, w)
	}
	return strings.Join(out, " ")
}

// lead returns the first n bytes of body, or about.
func lead(body string, n int) string {
	body = strings.Join(strings.Fields(body), " ")
	if len(body) > n {
		body = strings.ToValidUTF8(body[:n], "") + "…"
	}
	return body
}

// summary returns the quartiles of xs.
func summary(xs []float64) string {
	if len(xs) == 0 {
		return "-"
	}
	slices.Sort(xs)
	q := func(p float64) float64 { return xs[int(p*float64(len(xs)-1))] }
	return fmt.Sprintf("min %.2f q1 %.2f median %.2f q3 %.2f max %.2f", xs[0], q(0.25), q(0.5), q(0.75), xs[len(xs)-1])
}
