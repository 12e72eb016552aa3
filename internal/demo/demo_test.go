package demo

import (
	"bufio"
	"bytes"
	"encoding/json"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode"
)

// article mirrors one line of articles.jsonl; every field is required except
// Category.
type article struct {
	ID        string `json:"id"`
	URL       string `json:"url"`
	Title     string `json:"title"`
	Body      string `json:"body"`
	Published string `json:"published"`
	Source    string `json:"source"`
	Author    string `json:"author"`
	Category  string `json:"category"`
}

var categories = map[string]bool{
	"World": true, "Politics": true, "Business": true,
	"Technology": true, "Sports": true, "Entertainment": true,
}

var (
	idRE  = regexp.MustCompile(`^demo-\d{3}$`)
	first = time.Date(2025, 11, 1, 0, 0, 0, 0, time.UTC)
	last  = time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
)

func decode(t *testing.T) []article {
	t.Helper()
	var as []article
	sc := bufio.NewScanner(bytes.NewReader(JSONL()))
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	for n := 1; sc.Scan(); n++ {
		dec := json.NewDecoder(bytes.NewReader(sc.Bytes()))
		dec.DisallowUnknownFields()
		var a article
		if err := dec.Decode(&a); err != nil {
			t.Fatalf("line %d: %v", n, err)
		}
		if dec.More() {
			t.Fatalf("line %d: more than one JSON value", n)
		}
		as = append(as, a)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return as
}

func TestArticles(t *testing.T) {
	as := decode(t)
	if n := len(as); n < 120 || n > 160 {
		t.Errorf("%d articles, want 120 to 160", n)
	}
	ids := map[string]bool{}
	urls := map[string]bool{}
	titles := map[string]bool{}
	domains := map[string]string{} // source -> host
	var prev time.Time
	for _, a := range as {
		if !idRE.MatchString(a.ID) {
			t.Errorf("id %q does not match %s", a.ID, idRE)
		}
		if ids[a.ID] {
			t.Errorf("%s: duplicate id", a.ID)
		}
		ids[a.ID] = true
		if urls[a.URL] {
			t.Errorf("%s: duplicate url %s", a.ID, a.URL)
		}
		urls[a.URL] = true
		if titles[a.Title] {
			t.Errorf("%s: duplicate title %q", a.ID, a.Title)
		}
		titles[a.Title] = true

		u, err := url.Parse(a.URL)
		if err != nil || u.Scheme != "https" || !strings.HasSuffix(u.Host, ".example") || len(u.Path) < 2 {
			t.Errorf("%s: url %q is not https://….example/…", a.ID, a.URL)
		} else if h, ok := domains[a.Source]; ok && h != u.Host {
			t.Errorf("%s: source %q on %s, earlier on %s", a.ID, a.Source, u.Host, h)
		} else {
			domains[a.Source] = u.Host
		}

		p, err := time.Parse(time.RFC3339, a.Published)
		if err != nil {
			t.Errorf("%s: published: %v", a.ID, err)
		} else {
			if p.Before(first) || !p.Before(last) {
				t.Errorf("%s: published %s, want between %s and %s", a.ID, a.Published, first, last)
			}
			if !strings.HasSuffix(a.Published, "Z") {
				t.Errorf("%s: published %s is not in UTC", a.ID, a.Published)
			}
			if p.Before(prev) {
				t.Errorf("%s: published %s before the previous article", a.ID, a.Published)
			}
			prev = p
		}

		if strings.TrimSpace(a.Title) == "" || a.Title != strings.TrimSpace(a.Title) {
			t.Errorf("%s: bad title %q", a.ID, a.Title)
		}
		if strings.TrimSpace(a.Source) == "" || strings.TrimSpace(a.Author) == "" {
			t.Errorf("%s: missing source or author", a.ID)
		}
		if a.Category != "" && !categories[a.Category] {
			t.Errorf("%s: unknown category %q", a.ID, a.Category)
		}
		checkBody(t, a)
	}
	if len(domains) < 6 || len(domains) > 8 {
		t.Errorf("%d sources, want 6 to 8", len(domains))
	}
}

func checkBody(t *testing.T, a article) {
	t.Helper()
	if n := len(strings.Fields(a.Body)); n < 120 || n > 350 {
		t.Errorf("%s: body has %d words, want 120 to 350", a.ID, n)
	}
	paras := strings.Split(a.Body, "\n\n")
	if len(paras) < 3 {
		t.Errorf("%s: body has %d paragraphs, want at least 3", a.ID, len(paras))
	}
	for i, p := range paras {
		if p == "" || p != strings.TrimSpace(p) || strings.Contains(p, "\n") {
			t.Errorf("%s: paragraph %d is empty or has stray white space", a.ID, i+1)
		}
	}
	if strings.ContainsAny(a.Body+a.Title, "\"`\t") {
		t.Errorf("%s: straight double quote, backquote or tab; quotes are curly", a.ID)
	}
	// A quotation may run on into the next paragraph, which then opens
	// with a new quotation mark; so there are never more closing marks
	// than opening ones, and at most one more opening mark per paragraph.
	open, close := strings.Count(a.Body, "“"), strings.Count(a.Body, "”")
	if close > open || open > close+len(paras) {
		t.Errorf("%s: %d opening and %d closing quotation marks", a.ID, open, close)
	}
}

func TestVariety(t *testing.T) {
	as := decode(t)
	byCat := map[string]int{}
	months := map[string]int{}
	said := 0
	for _, a := range as {
		byCat[a.Category]++
		months[a.Published[:7]]++
		if strings.Contains(a.Body, " said") && strings.Contains(a.Body, "“") {
			said++
		}
	}
	if n := len(byCat) - 1; byCat[""] == 0 || n < 5 {
		t.Errorf("categories %v: want at least 5 and some left empty", byCat)
	}
	// About a third are left for the classifier.
	if f := float64(byCat[""]) / float64(len(as)); f < 0.25 || f > 0.42 {
		t.Errorf("%d of %d articles have no category (%.0f%%), want about a third", byCat[""], len(as), 100*f)
	}
	for _, c := range []string{"Sports", "Entertainment", "Technology", "Business"} {
		if byCat[c] < 5 {
			t.Errorf("only %d articles in %s", byCat[c], c)
		}
	}
	for c, n := range byCat {
		if c != "" && c != "World" && c != "Politics" && (n > byCat["World"] || n > byCat["Politics"]) {
			t.Errorf("categories %v: want World and Politics most", byCat)
		}
	}
	if len(months) < 12 {
		t.Errorf("articles in %d months, want all 12", len(months))
	}
	if said < 30 {
		t.Errorf("%d articles quote someone with “said”, want at least 30", said)
	}
}

// TestRunningStories checks that searches for the running stories find
// several articles each.
func TestRunningStories(t *testing.T) {
	as := decode(t)
	for _, term := range []string{"sanctions", "interest rate", "election", "semiconductor", "ceasefire", "festival", "title"} {
		n := 0
		for _, a := range as {
			if strings.Contains(strings.ToLower(a.Title+"\n"+a.Body), term) {
				n++
			}
		}
		if n < 5 {
			t.Errorf("%d articles mention %q, want at least 5", n, term)
		}
	}
}

// analysts recur across months and stories, so that their pages are rich.
var analysts = []struct {
	name, affiliation string
}{
	{"Amara Okonkwo", "Halvorsen Institute for Security Studies"},
	{"Tomasz Wierzbicki", "Northbridge University"},
	{"Priya Raghunathan", "Centre for Maritime Policy"},
	{"Lucía Ferrandis", "University of Valmont"},
	{"Baek Hyun-woo", "Pacific Technology Policy Forum"},
	{"Margarethe Vosberg", "Castellan Institute"},
	{"Elif Demirtaş", "Eastgate Centre for Energy Studies"},
	{"Samuel Adeyemi", "Kessler Forum for African Affairs"},
	{"Declan Mahoney", "Ashcombe University"},
	{"Inês Carvalho", "Northbridge University"},
	{"Henrik Aasland", "Tromsø Polar Policy Centre"},
}

func TestAnalystsRecur(t *testing.T) {
	as := decode(t)
	for _, an := range analysts {
		n, affil := 0, 0
		months := map[string]bool{}
		for _, a := range as {
			if strings.Contains(a.Body, an.name) {
				n++
				months[a.Published[:7]] = true
				if strings.Contains(a.Body, an.affiliation) {
					affil++
				}
			}
		}
		if n < 4 || len(months) < 3 {
			t.Errorf("%s is in %d articles over %d months, want at least 4 over 3", an.name, n, len(months))
		}
		if affil < n/2 {
			t.Errorf("%s is named with %s in %d of %d articles, want at least half", an.name, an.affiliation, affil, n)
		}
	}
}

// acronymRE matches an organization's name followed by its acronym, as in
// "the Centre for Maritime Policy (CMP)".
var acronymRE = regexp.MustCompile(`((?:[A-Z][\p{L}]+ )(?:(?:for|of|and) |[A-Z][\p{L}]+ )*[A-Z][\p{L}]+) \(([A-Z]{2,6})\)`)

func TestAcronymsDefined(t *testing.T) {
	defined := map[string]bool{}
	for _, a := range decode(t) {
		for _, m := range acronymRE.FindAllStringSubmatch(a.Body, -1) {
			defined[m[2]] = true
		}
	}
	if len(defined) < 4 {
		t.Errorf("acronyms defined in the text: %v, want at least 4", defined)
	}
}

// shingles returns the set of three-word sequences of s, in lower case.
func shingles(s string) map[[3]string]bool {
	w := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	set := map[[3]string]bool{}
	for i := 0; i+3 <= len(w); i++ {
		set[[3]string{w[i], w[i+1], w[i+2]}] = true
	}
	return set
}

func jaccard(a, b map[[3]string]bool) float64 {
	inter := 0
	for k := range a {
		if b[k] {
			inter++
		}
	}
	return float64(inter) / float64(len(a)+len(b)-inter)
}

// TestNearDuplicates checks that the corpus holds a few reworded copies of
// the same wire story from different outlets, and that all other articles
// are clearly distinct.
func TestNearDuplicates(t *testing.T) {
	as := decode(t)
	sets := make([]map[[3]string]bool, len(as))
	for i, a := range as {
		sets[i] = shingles(a.Title + "\n" + a.Body)
	}
	dups := 0
	for i := range as {
		for j := i + 1; j < len(as); j++ {
			switch s := jaccard(sets[i], sets[j]); {
			case s >= 0.3:
				dups++
				if as[i].Source == as[j].Source {
					t.Errorf("%s and %s are near-duplicates from the same source", as[i].ID, as[j].ID)
				}
			case s >= 0.15:
				t.Errorf("%s and %s share %.0f%% of their word triples: neither distinct nor a clear copy", as[i].ID, as[j].ID, 100*s)
			}
		}
	}
	if dups < 3 {
		t.Errorf("%d near-duplicate pairs, want at least 3", dups)
	}
}
