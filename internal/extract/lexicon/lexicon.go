// Package lexicon holds the word lists that extraction reads: speech verbs,
// titles and honorifics, function words, the words of organization and
// place names, calendars, and the gazetteers of countries, places and
// organizations. Each list is defined once, in a commented data file under
// data/LANG/ (data/en/speech.txt), and read through one loader that fails on
// a missing or malformed file. Another language's lists sit beside the
// English ones under their own BCP 47 code, in files of the same names and
// sections.
//
// A list file is UTF-8 text, one entry a line:
//
//	# A comment runs from "#" at the start of a line, or after a space, to
//	# the end of the line. Blank lines are ignored.
//	[speech]            a section: the lines after it, up to the next one
//	said says say       a line of words (read by Words, split on spaces)
//	Iran|Persia         a line of fields (read by Lines, split on "|")
//
// A file either has no sections (its lines form the section "") or opens
// with one before its first entry. Section names are lower case letters,
// digits and hyphens, each once a file; a word appears once a section, and
// a field is never empty.
package lexicon

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"
)

// English is the language of the lists every extractor has.
const English = "en"

//go:embed data
var data embed.FS

// ErrMalformed is wrapped by the errors of a list that breaks the format.
var ErrMalformed = errors.New("malformed list")

// File is one parsed list file.
type File struct {
	Name     string // its path under data/: "en/speech.txt"
	sections map[string][]Line
	order    []string
}

// Line is one entry of a list: its fields, split on "|" and trimmed, and
// its line number in the file.
type Line struct {
	Fields []string
	No     int
}

var (
	mu     sync.Mutex
	parsed = map[string]*File{}
)

// Open reads the list file name ("speech.txt", or a gzipped "common.txt.gz")
// of language lang. A missing file's error wraps fs.ErrNotExist, a
// malformed one's ErrMalformed; both name the file and, for the latter,
// the line.
func Open(lang, name string) (*File, error) {
	p := path.Join(lang, name)
	mu.Lock()
	defer mu.Unlock()
	if f, ok := parsed[p]; ok {
		return f, nil
	}
	b, err := data.ReadFile(path.Join("data", p))
	if err != nil {
		return nil, fmt.Errorf("lexicon: %s: %w", p, err)
	}
	f, err := Parse(p, b)
	if err != nil {
		return nil, err
	}
	parsed[p] = f
	return f, nil
}

// Parse reads a list file's contents; name, the file's path, appears in its
// errors. Contents whose name ends in ".gz" are gunzipped first.
func Parse(name string, b []byte) (*File, error) {
	if strings.HasSuffix(name, ".gz") {
		zr, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			return nil, fmt.Errorf("lexicon: %s: %w: %v", name, ErrMalformed, err)
		}
		if b, err = io.ReadAll(zr); err != nil {
			return nil, fmt.Errorf("lexicon: %s: %w: %v", name, ErrMalformed, err)
		}
	}
	f := &File{Name: name, sections: map[string][]Line{}}
	bad := func(no int, format string, args ...any) error {
		return fmt.Errorf("lexicon: %s:%d: %w: %s", name, no, ErrMalformed, fmt.Sprintf(format, args...))
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	section, no, entries := "", 0, 0
	for sc.Scan() {
		no++
		text := sc.Text()
		if !utf8.ValidString(text) {
			return nil, bad(no, "invalid UTF-8")
		}
		if i := commentStart(text); i >= 0 {
			text = text[:i]
		}
		text = strings.TrimSpace(text)
		if text == "" {
			continue
		}
		if strings.HasPrefix(text, "[") {
			s, ok := strings.CutSuffix(text[1:], "]")
			if !ok || !validSection(s) {
				return nil, bad(no, "section %q: want [name] of lower-case letters, digits and hyphens", text)
			}
			if _, dup := f.sections[s]; dup {
				return nil, bad(no, "section [%s] repeated", s)
			}
			if section == "" && entries > 0 {
				return nil, bad(no, "section [%s] after entries outside any section", s)
			}
			section = s
			f.sections[s] = []Line{}
			f.order = append(f.order, s)
			continue
		}
		fields := strings.Split(text, "|")
		for i, fl := range fields {
			fields[i] = strings.TrimSpace(fl)
			if fields[i] == "" {
				return nil, bad(no, "empty field in %q", text)
			}
		}
		if _, ok := f.sections[section]; !ok {
			f.sections[section] = []Line{}
			f.order = append(f.order, section)
		}
		f.sections[section] = append(f.sections[section], Line{Fields: fields, No: no})
		entries++
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("lexicon: %s:%d: %w: %v", name, no+1, ErrMalformed, err)
	}
	return f, nil
}

// commentStart returns where a comment starts in line: a "#" at its start
// or after a space or tab; -1 when there is none.
func commentStart(line string) int {
	for i := 0; i < len(line); i++ {
		if line[i] == '#' && (i == 0 || line[i-1] == ' ' || line[i-1] == '\t') {
			return i
		}
	}
	return -1
}

func validSection(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}

// Sections returns the names of the file's sections in file order; a file
// without sections has the one section "".
func (f *File) Sections() []string { return append([]string(nil), f.order...) }

// Lines returns the entries of a section. An unknown section is an error.
func (f *File) Lines(section string) ([]Line, error) {
	ls, ok := f.sections[section]
	if !ok {
		return nil, fmt.Errorf("lexicon: %s: no section [%s] (have %s)", f.Name, section, strings.Join(f.order, " "))
	}
	return ls, nil
}

// Words returns the words of a section as a set: every space-separated word
// of its lines. A line with fields ("|") or a word given twice is an error.
func (f *File) Words(section string) (map[string]bool, error) {
	ls, err := f.Lines(section)
	if err != nil {
		return nil, err
	}
	set := map[string]bool{}
	first := map[string]int{}
	for _, l := range ls {
		if len(l.Fields) > 1 {
			return nil, fmt.Errorf("lexicon: %s:%d: %w: section [%s] holds words, not fields", f.Name, l.No, ErrMalformed, section)
		}
		for _, w := range strings.Fields(l.Fields[0]) {
			if n, dup := first[w]; dup {
				return nil, fmt.Errorf("lexicon: %s:%d: %w: %q repeats line %d", f.Name, l.No, ErrMalformed, w, n)
			}
			first[w] = l.No
			set[w] = true
		}
	}
	return set, nil
}

// Pairs returns a section whose lines are "key | value" as a map. A line
// with other than two fields, or a key given twice, is an error.
func (f *File) Pairs(section string) (map[string]string, error) {
	ls, err := f.Lines(section)
	if err != nil {
		return nil, err
	}
	m := map[string]string{}
	first := map[string]int{}
	for _, l := range ls {
		if len(l.Fields) != 2 {
			return nil, fmt.Errorf("lexicon: %s:%d: %w: section [%s] wants \"key | value\"", f.Name, l.No, ErrMalformed, section)
		}
		k := l.Fields[0]
		if n, dup := first[k]; dup {
			return nil, fmt.Errorf("lexicon: %s:%d: %w: %q repeats line %d", f.Name, l.No, ErrMalformed, k, n)
		}
		first[k] = l.No
		m[k] = l.Fields[1]
	}
	return m, nil
}

// Files returns the paths of every list file of every language, sorted:
// "en/speech.txt", …
func Files() ([]string, error) {
	var out []string
	err := fs.WalkDir(data, "data", func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !e.IsDir() && !strings.HasSuffix(p, ".md") {
			out = append(out, strings.TrimPrefix(p, "data/"))
		}
		return nil
	})
	sort.Strings(out)
	return out, err
}

// Languages returns the codes of the languages that have a list file
// called name, sorted: Languages("categories.txt") is ["da", "de", "en", …].
func Languages(name string) []string {
	files, err := Files()
	if err != nil {
		panic(err) // the embedded tree is part of the program
	}
	var out []string
	for _, p := range files {
		if lang, file := path.Split(p); file == name {
			out = append(out, strings.TrimSuffix(lang, "/"))
		}
	}
	return out
}

// MustOpen is Open for the lists the program is built with: a missing or
// malformed embedded file is a fault of the build, found by the package's
// tests, so it panics.
func MustOpen(lang, name string) *File {
	f, err := Open(lang, name)
	if err != nil {
		panic(err)
	}
	return f
}

// Words returns the set of words of a section of a list the program is
// built with (see MustOpen).
func Words(lang, name, section string) map[string]bool {
	s, err := MustOpen(lang, name).Words(section)
	if err != nil {
		panic(err)
	}
	return s
}

// Lines returns the entries of a section of a list the program is built
// with (see MustOpen).
func Lines(lang, name, section string) []Line {
	ls, err := MustOpen(lang, name).Lines(section)
	if err != nil {
		panic(err)
	}
	return ls
}

// Pairs returns the "key | value" map of a section of a list the program
// is built with (see MustOpen).
func Pairs(lang, name, section string) map[string]string {
	m, err := MustOpen(lang, name).Pairs(section)
	if err != nil {
		panic(err)
	}
	return m
}
