package lang

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// The evaluation below reads the shared development data when it is there:
// the UDHR in 38 languages (parallel legal text, which n-gram models may have
// been trained on, so optimistic) and real news, German (10kGNAD) and English
// (the corpus). Each set is scored whole, as single sentences, and as runs
// of eight sentences. Run it with
//
//	go test ./internal/lang -run TestDetectionEval -v
const sharedData = "../../../shared/data"

type labelled struct{ lang, text string }

func readJSONL(t *testing.T, name string, limit int, f func(map[string]any)) {
	t.Helper()
	readJSONLB(t, name, limit, f)
}

func readJSONLB(t testing.TB, name string, limit int, f func(map[string]any)) {
	t.Helper()
	fh, err := os.Open(filepath.Join(sharedData, name))
	if err != nil {
		t.Skipf("no shared data: %v", err)
	}
	defer fh.Close()
	sc := bufio.NewScanner(fh)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for n := 0; sc.Scan() && (limit == 0 || n < limit); n++ {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("%s:%d: %v", name, n+1, err)
		}
		f(m)
	}
}

var sentenceRE = regexp.MustCompile(`[^.!?。！？\n]+[.!?。！？]*`)

// sentences splits text into sentences of at least five words (or twelve
// characters of a script without spaces).
func sentences(s string) []string {
	var out []string
	for _, m := range sentenceRE.FindAllString(s, -1) {
		m = strings.TrimSpace(m)
		words := len(strings.Fields(m))
		if words >= 5 || words < 3 && len([]rune(m)) >= 12 {
			out = append(out, m)
		}
	}
	return out
}

type evalSet struct {
	name    string
	samples []labelled
}

func evalSets(t *testing.T) []evalSet {
	sets := map[string][]labelled{}
	bySource := map[string][]string{}
	var keys []string
	add := func(key string, ss []string) {
		if _, ok := bySource[key]; !ok {
			keys = append(keys, key)
		}
		bySource[key] = append(bySource[key], ss...)
	}
	str := func(m map[string]any, k string) string { s, _ := m[k].(string); return s }
	readJSONL(t, "udhr.jsonl", 0, func(m map[string]any) {
		l := Normalize(str(m, "language"))
		sets["udhr-article"] = append(sets["udhr-article"], labelled{l, str(m, "title") + "\n\n" + str(m, "body")})
		add("udhr/"+l, sentences(str(m, "body")))
	})
	readJSONL(t, "de_news_10kgnad_dev.jsonl", 0, func(m map[string]any) { add("de-news/de", sentences(str(m, "body"))) })
	readJSONL(t, "corpus.jsonl", 3000, func(m map[string]any) { add("en-news/en", sentences(str(m, "title")+". "+str(m, "body"))) })
	for _, k := range keys {
		set, l, _ := strings.Cut(k, "/")
		ss := bySource[k]
		for i := 0; i < len(ss) && i < 400; i++ {
			sets[set+"-1"] = append(sets[set+"-1"], labelled{l, ss[i]})
		}
		for i := 0; i+8 <= len(ss) && i < 8*60; i += 8 {
			sets[set+"-8"] = append(sets[set+"-8"], labelled{l, strings.Join(ss[i:i+8], " ")})
		}
	}
	var out []evalSet
	for name, s := range sets {
		out = append(out, evalSet{name, s})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out
}

// score returns the macro-averaged accuracy of detect over a set, each
// language's accuracy, and what each language was mistaken for.
func score(set []labelled, detect func(string) string) (float64, map[string]float64, map[string]map[string]int) {
	right, n := map[string]int{}, map[string]int{}
	wrong := map[string]map[string]int{}
	for _, s := range set {
		got := detect(s.text)
		n[s.lang]++
		if got == s.lang {
			right[s.lang]++
			continue
		}
		if wrong[s.lang] == nil {
			wrong[s.lang] = map[string]int{}
		}
		wrong[s.lang][got]++
	}
	acc := map[string]float64{}
	macro := 0.0
	for l, k := range n {
		acc[l] = float64(right[l]) / float64(k)
		macro += acc[l]
	}
	return macro / float64(len(n)), acc, wrong
}

func TestDetectionEval(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the n-gram models")
	}
	// Floors on real news, well under what is measured (see README,
	// "Languages"), so that a regression fails.
	floors := map[string]float64{
		"de-news-1": 0.97, "de-news-8": 0.99, "en-news-1": 0.87, "en-news-8": 0.99,
		"udhr-1": 0.97, "udhr-8": 0.98, "udhr-article": 0.97,
	}
	for _, s := range evalSets(t) {
		macro, acc, wrong := score(s.samples, Detect)
		var low []string
		for l, a := range acc {
			if a < 0.95 {
				low = append(low, fmt.Sprintf("%s=%.2f %v", l, a, wrong[l]))
			}
		}
		sort.Strings(low)
		t.Logf("%-13s n=%5d macro=%.4f below 0.95: %s", s.name, len(s.samples), macro, strings.Join(low, "; "))
		if f, ok := floors[s.name]; ok && macro < f {
			t.Errorf("%s: macro accuracy %.4f, want at least %.2f", s.name, macro, f)
		}
	}
}
