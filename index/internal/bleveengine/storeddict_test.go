package bleveengine

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/newsindex/newsindex/index/internal/engine"
)

var writeDict = flag.String("write-dict", "", "write a new stored-form dictionary (storeddict/README.md) to this file")

// dict1Hash is the SHA-256 of storeddict/dict-1.txt. Indexes hold forms
// deflated with it: changing it would make them unreadable.
const dict1Hash = "6d76d0fa92470f0a638d5c01607be6ad9a2a85bf7ceb59621f8e6c2b6e597b7d"

// TestStoredDictFrozen checks that dict-1.txt is the file indexes were
// written with and, with -write-dict, writes a dictionary built as
// dict-1.txt was: the hand-written news English, then the stored form's
// structure.
func TestStoredDictFrozen(t *testing.T) {
	if *writeDict != "" {
		d, err := buildStoredDict()
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(*writeDict, d, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s, %d bytes", *writeDict, len(d))
	}
	if got := fmt.Sprintf("%x", sha256.Sum256(dict1)); got != dict1Hash {
		t.Errorf("storeddict/dict-1.txt has SHA-256 %s, want %s: a released dictionary never changes; add a dict-2.txt and a prefix", got, dict1Hash)
	}
	if len(dict1) > 32<<10 {
		t.Errorf("dict-1.txt is %d bytes: deflate reads only its last 32 kB", len(dict1))
	}
}

// buildStoredDict returns storeddict/news-english.txt followed by the JSON
// of empty articles with the values their fields take from small fixed
// sets, marshalled as articleDoc marshals an article.
func buildStoredDict() ([]byte, error) {
	english, err := os.ReadFile("storeddict/news-english.txt")
	if err != nil {
		return nil, err
	}
	day := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	none := []string{}
	shapes := []struct {
		category, language, languageSource, categorySource string
		published                                          time.Time
		countries                                          []string
		quotes                                             []engine.Quote
	}{
		{"Politics", "en", "source", "url", day, none, nil},
		{"Entertainment", "de", "detected", "metadata", time.Time{}, []string{"Germany", "France"},
			[]engine.Quote{{Role: "official", Affiliation: "x", Cue: "told", Direct: true, Mention: "x"}}},
		{"Technology", "en", "detected", "classifier", day.Add(181*24*time.Hour + 12*time.Hour), []string{"United States"},
			[]engine.Quote{{Role: "analyst", Cue: "says", Direct: true}}},
		{"Sports", "en", "detected", "classifier", day, []string{"United Kingdom"},
			[]engine.Quote{{Role: "other", Cue: "added", Direct: true}, {Role: "other", Direct: true}}},
		{"World", "en", "detected", "classifier", day, none,
			[]engine.Quote{{Role: "other", Cue: "said", Mention: "x"}, {Role: "other", Cue: "said", Mention: "x"}}},
		{"Business", "en", "detected", "classifier", day, none, nil},
	}
	var b bytes.Buffer
	b.Write(english)
	for _, s := range shapes {
		quotes := s.quotes
		if quotes == nil {
			quotes = []engine.Quote{}
		}
		// Source and story are never empty in an index (a story is
		// named by its first article's ID): a placeholder keeps their keys.
		src, err := json.Marshal(engine.Article{Published: s.published, Source: "x", Story: "x", Category: s.category, Language: s.language,
			LanguageSource: s.languageSource, CategorySource: s.categorySource, People: none, Countries: s.countries,
			Places: none, Organizations: none, Quotes: quotes, Analysts: none})
		if err != nil {
			return nil, err
		}
		b.Write(src)
		b.WriteByte('\n')
	}
	return b.Bytes(), nil
}
