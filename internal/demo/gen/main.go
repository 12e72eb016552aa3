// Command gen assembles the demo corpus, internal/demo/articles.jsonl, from the
// hand-written stories under internal/demo/gen/stories.
//
// Each story file holds several articles. An article starts with a header line
//
//	@@ OUTLET | SECTION | PUBLISHED | AUTHOR | CATEGORY
//
// where OUTLET is a key of the outlets table, SECTION the first element of the
// URL path, PUBLISHED an RFC 3339 time in UTC and CATEGORY one of the index
// categories or "-" to leave it for the classifier. The next line is the title;
// the body follows after a blank line, paragraphs separated by blank lines.
//
// The output is deterministic: articles are ordered by publication time (then
// by file and position), numbered demo-001, demo-002, … in that order, and
// their URLs are built from the outlet's domain, the section, the date and a
// slug of the title. Run it from the module root:
//
//	go run ./internal/demo/gen
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
	"unicode"
)

// outlet is a fictional publication of the demo corpus.
type outlet struct {
	Name   string
	Domain string
}

var outlets = map[string]outlet{
	"harbourpost": {"The Harbour Post", "harbourpost.example"},
	"meridian":    {"Meridian Wire", "meridianwire.example"},
	"northgate":   {"Northgate Chronicle", "northgatechronicle.example"},
	"ledger":      {"The Ledger Review", "ledgerreview.example"},
	"dispatch":    {"Continental Dispatch", "continentaldispatch.example"},
	"circuit":     {"Circuit Daily", "circuitdaily.example"},
	"riverside":   {"Riverside Gazette", "riversidegazette.example"},
}

var categories = map[string]bool{
	"World": true, "Politics": true, "Business": true,
	"Technology": true, "Sports": true, "Entertainment": true,
}

// article is one line of the output, fields in the order they are written.
type article struct {
	ID        string `json:"id"`
	URL       string `json:"url"`
	Title     string `json:"title"`
	Body      string `json:"body"`
	Published string `json:"published"`
	Source    string `json:"source"`
	Author    string `json:"author"`
	Category  string `json:"category"`

	published time.Time
	where     string
}

var (
	storiesFlag = flag.String("stories", "internal/demo/gen/stories", "directory of story files")
	outFlag     = flag.String("o", "internal/demo/articles.jsonl", "output file")
)

func main() {
	flag.Parse()
	files, err := filepath.Glob(filepath.Join(*storiesFlag, "*.txt"))
	if err != nil {
		fail(err)
	}
	sort.Strings(files)
	var all []*article
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			fail(err)
		}
		as, err := parse(filepath.Base(f), string(data))
		if err != nil {
			fail(err)
		}
		all = append(all, as...)
	}
	out, err := assemble(all)
	if err != nil {
		fail(err)
	}
	if err := os.WriteFile(*outFlag, out, 0o644); err != nil {
		fail(err)
	}
	slog.Info("wrote demo corpus", "file", *outFlag, "articles", len(all), "bytes", len(out))
}

func fail(err error) {
	slog.Error("gen failed", "err", err)
	os.Exit(1)
}

// parse reads the articles of one story file; name is used in messages.
func parse(name, text string) ([]*article, error) {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	var as []*article
	lines := strings.Split(text, "\n")
	for i := 0; i < len(lines); i++ {
		if !strings.HasPrefix(lines[i], "@@ ") {
			if strings.TrimSpace(lines[i]) != "" && len(as) == 0 {
				return nil, fmt.Errorf("%s:%d: text before the first header", name, i+1)
			}
			continue
		}
		start := i
		end := i + 1
		for end < len(lines) && !strings.HasPrefix(lines[end], "@@ ") {
			end++
		}
		a, err := parseArticle(lines[start:end])
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, start+1, err)
		}
		a.where = fmt.Sprintf("%s:%d", name, start+1)
		as = append(as, a)
		i = end - 1
	}
	return as, nil
}

func parseArticle(lines []string) (*article, error) {
	f := strings.Split(strings.TrimPrefix(lines[0], "@@ "), "|")
	if len(f) != 5 {
		return nil, fmt.Errorf("header has %d fields, want 5", len(f))
	}
	for i := range f {
		f[i] = strings.TrimSpace(f[i])
	}
	o, ok := outlets[f[0]]
	if !ok {
		return nil, fmt.Errorf("unknown outlet %q", f[0])
	}
	t, err := time.Parse(time.RFC3339, f[2])
	if err != nil {
		return nil, fmt.Errorf("bad date: %w", err)
	}
	cat := f[4]
	if cat == "-" {
		cat = ""
	} else if !categories[cat] {
		return nil, fmt.Errorf("unknown category %q", cat)
	}
	if len(lines) < 3 || strings.TrimSpace(lines[1]) == "" || strings.TrimSpace(lines[2]) != "" {
		return nil, fmt.Errorf("want a title line, then a blank line, then the body")
	}
	title := strings.TrimSpace(lines[1])
	var paras []string
	var cur []string
	for _, l := range lines[3:] {
		l = strings.TrimSpace(l)
		if l == "" {
			if len(cur) > 0 {
				paras = append(paras, strings.Join(cur, " "))
				cur = nil
			}
			continue
		}
		cur = append(cur, l)
	}
	if len(cur) > 0 {
		paras = append(paras, strings.Join(cur, " "))
	}
	t = t.UTC()
	return &article{
		URL:       fmt.Sprintf("https://%s/%s/%s/%s", o.Domain, f[1], t.Format("2006/01/02"), slug(title)),
		Title:     title,
		Body:      strings.Join(paras, "\n\n"),
		Published: t.Format(time.RFC3339),
		Source:    o.Name,
		Author:    f[3],
		Category:  cat,
		published: t,
	}, nil
}

// fold spells common accented Latin letters in plain ASCII.
var fold = strings.NewReplacer(
	"á", "a", "à", "a", "â", "a", "ä", "a", "ã", "a", "å", "a", "æ", "ae",
	"ç", "c", "č", "c", "ć", "c", "é", "e", "è", "e", "ê", "e", "ë", "e",
	"í", "i", "ì", "i", "î", "i", "ï", "i", "ı", "i", "ñ", "n", "ń", "n",
	"ó", "o", "ò", "o", "ô", "o", "ö", "o", "õ", "o", "ø", "o", "ğ", "g",
	"ú", "u", "ù", "u", "û", "u", "ü", "u", "š", "s", "ş", "s", "ś", "s",
	"ß", "ss", "ł", "l", "ž", "z", "ż", "z", "ź", "z", "'", "", "’", "",
)

// slug returns the first words of title in lower case and plain ASCII,
// joined by hyphens.
func slug(title string) string {
	var words []string
	for _, w := range strings.FieldsFunc(fold.Replace(strings.ToLower(title)), func(r rune) bool {
		return !(r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)))
	}) {
		words = append(words, w)
		if len(words) == 8 {
			break
		}
	}
	return strings.Join(words, "-")
}

// assemble orders and numbers the articles and encodes them as JSON Lines.
func assemble(as []*article) ([]byte, error) {
	sort.SliceStable(as, func(i, j int) bool { return as[i].published.Before(as[j].published) })
	seen := map[string]string{}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	for i, a := range as {
		a.ID = fmt.Sprintf("demo-%03d", i+1)
		if prev, ok := seen[a.URL]; ok {
			return nil, fmt.Errorf("%s: same URL as %s: %s", a.where, prev, a.URL)
		}
		seen[a.URL] = a.where
		if err := enc.Encode(a); err != nil {
			return nil, fmt.Errorf("%s: %w", a.where, err)
		}
	}
	return buf.Bytes(), nil
}
