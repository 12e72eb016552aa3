package story

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
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
)

type article struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Body  string `json:"body"`
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
	shingles(func(h uint64) { s = append(s, h) }, title, body)
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

// TestMeasure compares MinHash and SimHash on a corpus: story counts at
// several thresholds, sample pairs per similarity bin, the exact Jaccard
// similarity of the pairs each scheme joins, recall on synthetic rewrites and
// the cost of a signature. Run it with
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

	start := time.Now()
	mh := make([]MinHash, n)
	for i, a := range as {
		mh[i] = MinHashOf(a.Title, a.Body)
	}
	tm := time.Since(start)
	start = time.Now()
	sh := make([]SimHash, n)
	for i, a := range as {
		sh[i] = SimHashOf(a.Title, a.Body)
	}
	ts := time.Since(start)
	t.Logf("sign: minhash %v/article (%.1f µs/KB), simhash %v/article (%.1f µs/KB)",
		tm/time.Duration(n), float64(tm.Microseconds())/float64(bytes)*1024,
		ts/time.Duration(n), float64(ts.Microseconds())/float64(bytes)*1024)
	sets := make([][]uint64, n)
	for i, a := range as {
		sets[i] = shingleSet(a.Title, a.Body)
	}

	// MinHash: candidates from band keys.
	start = time.Now()
	m := bestEarlier{best: make([]int, n), sim: make([]float64, n)}
	byKey := make(map[string][]int)
	cands := 0
	for i := range mh {
		m.best[i] = -1
		seen := map[int]bool{}
		for _, k := range mh[i].Keys() {
			for _, c := range byKey[k] {
				if !seen[c] {
					seen[c] = true
					if s := mh[i].Similarity(mh[c]); s > m.sim[i] {
						m.best[i], m.sim[i] = c, s
					}
				}
			}
			byKey[k] = append(byKey[k], i)
		}
		cands += len(seen)
	}
	t.Logf("minhash lsh (%d bands × %d rows): %.2f candidates/article, %v/article",
		Bands, Rows, float64(cands)/float64(n), time.Since(start)/time.Duration(n))

	// SimHash: every earlier article (ground truth for its candidates).
	s := bestEarlier{best: make([]int, n), sim: make([]float64, n)}
	for i := range sh {
		s.best[i] = -1
		for c := range i {
			if v := sh[i].Similarity(sh[c]); v > s.sim[i] {
				s.best[i], s.sim[i] = c, v
			}
		}
	}
	// Exact Jaccard as a reference, also by brute force over band candidates
	// at a low threshold would miss pairs; use the pairs both schemes found.
	for _, th := range []float64{0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9} {
		t.Logf("minhash J>=%.1f: %d stories", th, m.stories(th))
	}
	for _, d := range []int{3, 6, 9, 12, 16} {
		t.Logf("simhash dist<=%d: %d stories", d, s.stories(1-float64(d)/64))
	}

	rng := rand.New(rand.NewPCG(1, 2))
	show := func(i, j int, line string) {
		t.Logf("  %s\n    A %s: %s | %s\n    B %s: %s | %s", line,
			as[i].ID, as[i].Title, lead(as[i].Body), as[j].ID, as[j].Title, lead(as[j].Body))
	}
	// Pairs per bin, with the exact Jaccard of each scheme's pairs.
	mBins := []float64{0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01}
	for b := 0; b+1 < len(mBins); b++ {
		var idx []int
		var js []float64
		for i := range n {
			if m.best[i] >= 0 && mBins[b] <= m.sim[i] && m.sim[i] < mBins[b+1] {
				idx = append(idx, i)
				js = append(js, jaccard(sets[i], sets[m.best[i]]))
			}
		}
		t.Logf("minhash pairs with %.1f <= est < %.1f: %d, exact jaccard %s", mBins[b], mBins[b+1], len(idx), summary(js))
		rng.Shuffle(len(idx), func(x, y int) { idx[x], idx[y] = idx[y], idx[x] })
		for _, i := range idx[:min(*samples, len(idx))] {
			j := m.best[i]
			show(i, j, fmt.Sprintf("est %.2f exact %.2f simhash dist %d", m.sim[i], jaccard(sets[i], sets[j]), sh[i].Distance(sh[j])))
		}
	}
	sBins := []int{0, 1, 4, 7, 10, 13, 17, 21}
	for b := 0; b+1 < len(sBins); b++ {
		var idx []int
		var js []float64
		for i := range n {
			if s.best[i] < 0 {
				continue
			}
			if d := sh[i].Distance(sh[s.best[i]]); sBins[b] <= d && d < sBins[b+1] {
				idx = append(idx, i)
				js = append(js, jaccard(sets[i], sets[s.best[i]]))
			}
		}
		t.Logf("simhash pairs with %d <= dist < %d: %d, exact jaccard %s", sBins[b], sBins[b+1], len(idx), summary(js))
		rng.Shuffle(len(idx), func(x, y int) { idx[x], idx[y] = idx[y], idx[x] })
		for _, i := range idx[:min(*samples, len(idx))] {
			j := s.best[i]
			show(i, j, fmt.Sprintf("dist %d exact %.2f minhash est %.2f", sh[i].Distance(sh[j]), jaccard(sets[i], sets[j]), mh[i].Similarity(mh[j])))
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
	for _, rate := range []float64{0, 0.05, 0.1, 0.2} {
		const trials = 300
		var mFound, sFound [4]int // minhash at 0.3..0.6 / simhash dist 3,6,9,12 with its keys
		var jex []float64
		for range trials {
			i := pool[rng.IntN(len(pool))]
			other := as[pool[rng.IntN(len(pool))]]
			body := rewrite(rng, as[i].Body, other, rate)
			mc, sc := MinHashOf(as[i].Title, body), SimHashOf(as[i].Title, body)
			jex = append(jex, jaccard(sets[i], shingleSet(as[i].Title, body)))
			shared := func(a, b []string) bool {
				for _, k := range a {
					if slices.Contains(b, k) {
						return true
					}
				}
				return false
			}
			mk, sk := shared(mc.Keys(), mh[i].Keys()), shared(sc.Keys(), sh[i].Keys())
			for x, th := range []float64{0.3, 0.4, 0.5, 0.6} {
				if mk && mc.Similarity(mh[i]) >= th {
					mFound[x]++
				}
			}
			for x, d := range []int{3, 6, 9, 12} {
				if sk && sc.Distance(sh[i]) <= d {
					sFound[x]++
				}
			}
		}
		t.Logf("rewrite with %.0f%% words replaced (exact jaccard %s): minhash recall J>=.3 %d%% .4 %d%% .5 %d%% .6 %d%%; simhash(4 keys) d<=3 %d%% 6 %d%% 9 %d%% 12 %d%%",
			rate*100, summary(jex), mFound[0]*100/trials, mFound[1]*100/trials, mFound[2]*100/trials, mFound[3]*100/trials,
			sFound[0]*100/trials, sFound[1]*100/trials, sFound[2]*100/trials, sFound[3]*100/trials)
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

func lead(body string) string {
	body = strings.Join(strings.Fields(body), " ")
	if len(body) > 110 {
		body = body[:110] + "…"
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
