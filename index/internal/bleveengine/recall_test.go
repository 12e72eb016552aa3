package bleveengine

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/newsindex/newsindex/index/internal/engine"
	"github.com/newsindex/newsindex/internal/analysis"
	"github.com/newsindex/newsindex/internal/lang"
)

// The recall of a word's other forms, in the way the acceptance check of
// multilingual search measures it, on the parallel text of the UDHR
// (../shared/data/udhr.jsonl, beside the project; skipped without it).
// Every record is indexed under its labelled language. In each language
// with a stemmer, pairs of words that its analysis reads as one term but
// that are spelled differently are queried one form at a time, and the
// recall is the share of the records holding the other form that the
// query finds. In Chinese, Japanese and Korean, two-character sequences
// that occur inside longer runs of characters are queried, and the recall
// is the share of the records holding them that is found. The pairs and
// words are spread over each language's list, not chosen: the text is a
// check, not something to tune to.
const (
	recallWords    = 60   // pairs or words queried in each language
	recallStemmed  = 0.95 // least recall in a language with a stemmer
	recallCJK      = 0.90 // least recall in Chinese, Japanese and Korean
	recallMinCount = 2    // least number of records a queried CJK word is in
)

// recallLanguages are the languages whose recall is measured.
var recallLanguages = []string{"fr", "de", "es", "it", "pt", "ru", "nl", "sv", "da", "nb", "hu", "ro", "tr", "en", "fi", "zh", "ja", "ko"}

type udhrRecord struct {
	ID, Language, Title, Body string
}

// udhr returns the records of ../shared/data/udhr.jsonl, found from the
// module's root, or skips the test.
func udhr(t *testing.T) []udhrRecord {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		up := filepath.Dir(dir)
		if up == dir {
			t.Skip("no go.mod above the test")
		}
		dir = up
	}
	f, err := os.Open(filepath.Join(dir, "..", "shared", "data", "udhr.jsonl"))
	if os.IsNotExist(err) {
		t.Skip("../shared/data/udhr.jsonl is absent")
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []udhrRecord
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var r udhrRecord
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("udhr.jsonl: %v", err)
		}
		r.Language = lang.Normalize(r.Language)
		out = append(out, r)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// words returns the distinct words of a text in lower case: runs of
// letters and marks.
func words(text string) map[string]bool {
	out := map[string]bool{}
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsMark(r) }) {
		out[strings.ToLower(w)] = true
	}
	return out
}

// spread returns n items spread evenly over items.
func spread[T any](items []T, n int) []T {
	if len(items) <= n {
		return items
	}
	out := make([]T, n)
	for i := range out {
		out[i] = items[i*len(items)/n]
	}
	return out
}

// recallQuery is one query of the harness and the records it should find.
type recallQuery struct {
	query    string
	relevant map[string]bool
}

// stemmedQueries returns the harness's queries in a language with a
// stemmer: for each pair of forms of one term, each form finds the records
// holding the other.
func stemmedQueries(recs []udhrRecord, analyzer string) []recallQuery {
	holding := map[string]map[string]bool{} // word → records
	for _, r := range recs {
		for w := range words(r.Title + "\n" + r.Body) {
			if holding[w] == nil {
				holding[w] = map[string]bool{}
			}
			holding[w][r.ID] = true
		}
	}
	forms := map[string][]string{} // term → its words
	for w := range holding {
		if toks := engine.Tokens(analyzer, w); len(toks) == 1 {
			forms[toks[0]] = append(forms[toks[0]], w)
		}
	}
	var terms []string
	for term, ws := range forms {
		if len(ws) > 1 {
			terms = append(terms, term)
			sort.Slice(ws, func(i, j int) bool {
				if len(holding[ws[i]]) != len(holding[ws[j]]) {
					return len(holding[ws[i]]) > len(holding[ws[j]])
				}
				return ws[i] < ws[j]
			})
		}
	}
	sort.Strings(terms)
	var out []recallQuery
	for _, term := range spread(terms, recallWords/2) {
		a, b := forms[term][0], forms[term][1]
		out = append(out, recallQuery{a, holding[b]}, recallQuery{b, holding[a]})
	}
	return out
}

// cjk reports whether r is written in a script the CJK analysis pairs.
func cjk(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hangul, unicode.Hiragana, unicode.Katakana)
}

// cjkQueries returns the harness's queries in Chinese, Japanese or Korean:
// two Han or Hangul characters found inside a longer run of characters, in
// at least recallMinCount records, each finding the records that hold it.
func cjkQueries(recs []udhrRecord) []recallQuery {
	holding := map[string]map[string]bool{}
	for _, r := range recs {
		for _, run := range strings.FieldsFunc(r.Title+"\n"+r.Body, func(c rune) bool { return !cjk(c) }) {
			rs := []rune(run)
			if len(rs) < 3 {
				continue
			}
			for i := 0; i+1 < len(rs); i++ {
				if !unicode.In(rs[i], unicode.Han, unicode.Hangul) || !unicode.In(rs[i+1], unicode.Han, unicode.Hangul) {
					continue
				}
				w := string(rs[i : i+2])
				if holding[w] == nil {
					holding[w] = map[string]bool{}
				}
				holding[w][r.ID] = true
			}
		}
	}
	var ws []string
	for w, h := range holding {
		if len(h) >= recallMinCount {
			ws = append(ws, w)
		}
	}
	sort.Strings(ws)
	var out []recallQuery
	for _, w := range spread(ws, recallWords) {
		// Every record holding the characters counts, inside a longer
		// run or not.
		rel := map[string]bool{}
		for _, r := range recs {
			if strings.Contains(r.Title+"\n"+r.Body, w) {
				rel[r.ID] = true
			}
		}
		out = append(out, recallQuery{w, rel})
	}
	return out
}

// TestRecallOfInflectedForms measures the recall of the harness in each
// language (printed with -v) and fails below the acceptance's figures.
func TestRecallOfInflectedForms(t *testing.T) {
	if testing.Short() {
		t.Skip("indexes the UDHR in 40 languages")
	}
	recs := udhr(t)
	e := memEngine(t)
	byLang := map[string][]udhrRecord{}
	var arts []engine.Article
	for _, r := range recs {
		byLang[r.Language] = append(byLang[r.Language], r)
		a := article(r.ID, r.Title, r.Body)
		a.Language = r.Language
		arts = append(arts, a)
	}
	ctx := context.Background()
	for i := 0; i < len(arts); i += 200 {
		if _, err := e.Apply(ctx, arts[i:min(i+200, len(arts))]); err != nil {
			t.Fatal(err)
		}
	}
	for _, code := range recallLanguages {
		an := analysis.ForLanguage(code)
		least, qs := recallStemmed, stemmedQueries(byLang[code], an)
		if an == analysis.CJKAnalyzerName {
			least, qs = recallCJK, cjkQueries(byLang[code])
		}
		if len(qs) < recallWords/2 {
			t.Errorf("%s: %d queries, want %d or more", code, len(qs), recallWords/2)
			continue
		}
		relevant, found := 0, 0
		var missed []string
		for _, q := range qs {
			res := searchWith(t, e, engine.SearchRequest{Query: q.query, Size: 1000, NoFacets: true})
			got := map[string]bool{}
			for _, h := range res.Hits {
				if !h.Related {
					got[h.ID] = true
				}
			}
			for id := range q.relevant {
				relevant++
				if got[id] {
					found++
				} else {
					missed = append(missed, fmt.Sprintf("%s→%s", q.query, id))
				}
			}
		}
		recall := float64(found) / float64(relevant)
		t.Logf("%s (%s): recall %.3f over %d queries, %d records to find", code, an, recall, len(qs), relevant)
		if recall < least {
			sort.Strings(missed)
			t.Errorf("%s: recall %.3f, want %.2f or more; missed %v", code, recall, least, spread(missed, 20))
		}
	}
}
