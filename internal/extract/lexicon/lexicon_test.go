package lexicon

import (
	"errors"
	"io/fs"
	"path"
	"strings"
	"testing"
)

// TestEveryFileLoads parses every list of every language, so that a
// malformed list fails here. (The extractors read the English lists when
// they start, so their tests fail on a word list with a repeated word.)
func TestEveryFileLoads(t *testing.T) {
	files, err := Files()
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no list files embedded")
	}
	for _, p := range files {
		lang, name := path.Split(p)
		f, err := Open(strings.TrimSuffix(lang, "/"), name)
		if err != nil {
			t.Errorf("Open(%s): %v", p, err)
			continue
		}
		for _, s := range f.Sections() {
			ls, err := f.Lines(s)
			if err != nil {
				t.Errorf("%s [%s]: %v", p, s, err)
			}
			if len(ls) == 0 {
				t.Errorf("%s [%s]: no entries", p, s)
			}
		}
	}
}

// TestEnglishLists checks that the English lists the extractors read are
// there.
func TestEnglishLists(t *testing.T) {
	for _, name := range []string{"speech.txt", "titles.txt", "calendar.txt", "function.txt", "orgwords.txt",
		"nonnames.txt", "placewords.txt", "states.txt", "countries.txt", "demonyms.txt", "capitals.txt",
		"places.txt", "orgs.txt", "notentities.txt", "givennames.txt", "common.txt.gz"} {
		if _, err := Open(English, name); err != nil {
			t.Errorf("Open(%q): %v", name, err)
		}
	}
}

func TestParse(t *testing.T) {
	f, err := Parse("x.txt", []byte("# a list\n[verbs]\nsaid says  # present too\n\n[names]\nIran | Persia\nC#\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(f.Sections(), ","); got != "verbs,names" {
		t.Errorf("Sections = %q, want verbs,names", got)
	}
	w, err := f.Words("verbs")
	if err != nil || !w["said"] || !w["says"] || len(w) != 2 {
		t.Errorf("Words(verbs) = %v, %v; want said, says", w, err)
	}
	ls, err := f.Lines("names")
	if err != nil || len(ls) != 2 || strings.Join(ls[0].Fields, "/") != "Iran/Persia" || ls[0].No != 6 || ls[1].Fields[0] != "C#" {
		t.Errorf("Lines(names) = %+v, %v", ls, err)
	}
	if _, err := f.Lines("nouns"); err == nil {
		t.Error("Lines(nouns): no error for a section the file lacks")
	}
	if _, err := f.Words("names"); !errors.Is(err, ErrMalformed) {
		t.Errorf("Words(names) = %v, want ErrMalformed for a section of fields", err)
	}
	p, err := f.Pairs("names")
	if err == nil {
		t.Errorf("Pairs(names) = %v, want an error for a line of one field", p)
	}
}

func TestParseErrors(t *testing.T) {
	for _, tt := range []struct {
		name, text, want string
	}{
		{"empty field", "a||b\n", "x.txt:1"},
		{"trailing bar", "[s]\nIran|\n", "x.txt:2"},
		{"bad section", "[Verbs]\nsaid\n", "x.txt:1"},
		{"unclosed section", "[verbs\nsaid\n", "x.txt:1"},
		{"repeated section", "[a]\nx\n[a]\ny\n", "x.txt:3"},
		{"entries before first section", "said\n[verbs]\nsays\n", "x.txt:2"},
		{"invalid utf-8", "[a]\n\xff\n", "x.txt:2"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("x.txt", []byte(tt.text))
			if !errors.Is(err, ErrMalformed) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Parse(%q) = %v, want ErrMalformed at %s", tt.text, err, tt.want)
			}
		})
	}
	f, err := Parse("x.txt", []byte("[a]\nsaid says\nsaid\n[b]\nx | 1\nx | 2\n"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Words("a"); !errors.Is(err, ErrMalformed) || !strings.Contains(err.Error(), "x.txt:3") {
		t.Errorf("Words with a repeated word = %v, want ErrMalformed at x.txt:3", err)
	}
	if _, err := f.Pairs("b"); !errors.Is(err, ErrMalformed) || !strings.Contains(err.Error(), "x.txt:6") {
		t.Errorf("Pairs with a repeated key = %v, want ErrMalformed at x.txt:6", err)
	}
	if _, err := Parse("x.txt.gz", []byte("not gzip")); !errors.Is(err, ErrMalformed) {
		t.Errorf("Parse of a bad gzip = %v, want ErrMalformed", err)
	}
}

func TestOpenMissing(t *testing.T) {
	if _, err := Open(English, "nosuch.txt"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Open(nosuch.txt) = %v, want fs.ErrNotExist", err)
	}
	if _, err := Open("xx", "speech.txt"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Open(xx/speech.txt) = %v, want fs.ErrNotExist", err)
	}
	defer func() {
		if recover() == nil {
			t.Error("Words on a missing file did not panic")
		}
	}()
	Words(English, "nosuch.txt", "")
}
