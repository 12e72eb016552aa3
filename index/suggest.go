package index

import (
	"context"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/newsindex/newsindex/index/internal/engine"
)

// Suggestion is a name a search box can offer as the user types.
type Suggestion struct {
	Type  string `json:"type"`  // person, analyst, organization, country or source
	Value string `json:"value"` // the canonical name: the filter value
	Count int    `json:"count"` // articles that name it
}

// suggestFacets are the facets suggestions come from, in the order ties are
// broken.
var suggestFacets = []Facet{FacetAnalyst, FacetPerson, FacetOrganization, FacetCountry, FacetSource}

// MaxSuggestions bounds one Suggest call.
const MaxSuggestions = 50

// suggestTTL is how long a suggestion list is served after the index
// changed before it is rebuilt: a typing user needs speed more than the
// last second's articles.
const suggestTTL = 5 * time.Second

type suggestKey struct {
	key   string // a folded word start of the name, through to its end
	entry int
}

type suggestList struct {
	gen     uint64
	built   time.Time
	entries []Suggestion
	keys    []suggestKey // sorted by key
}

type suggester struct {
	mu   sync.Mutex
	list *suggestList
}

// Suggest returns up to limit names whose words (or initials) start with
// prefix, case and accents aside: "dum" offers "Marie Dumoulin", "ecfr" the
// European Council on Foreign Relations. The most frequent come first.
func (ix *Index) Suggest(ctx context.Context, prefix string, limit int) ([]Suggestion, error) {
	p := fold(strings.TrimSpace(prefix))
	if p == "" {
		return []Suggestion{}, nil
	}
	if limit <= 0 || limit > MaxSuggestions {
		limit = 10
	}
	l, err := ix.suggestions(ctx)
	if err != nil {
		return nil, err
	}
	i := sort.Search(len(l.keys), func(i int) bool { return l.keys[i].key >= p })
	seen := map[int]bool{}
	var hits []int
	for ; i < len(l.keys) && strings.HasPrefix(l.keys[i].key, p); i++ {
		if e := l.keys[i].entry; !seen[e] {
			seen[e] = true
			hits = append(hits, e)
		}
	}
	sort.Slice(hits, func(a, b int) bool {
		ea, eb := l.entries[hits[a]], l.entries[hits[b]]
		if ea.Count != eb.Count {
			return ea.Count > eb.Count
		}
		return hits[a] < hits[b]
	})
	out := make([]Suggestion, 0, min(limit, len(hits)))
	for _, h := range hits[:min(limit, len(hits))] {
		out = append(out, l.entries[h])
	}
	return out, nil
}

func (ix *Index) suggestions(ctx context.Context) (*suggestList, error) {
	ix.suggest.mu.Lock()
	defer ix.suggest.mu.Unlock()
	gen := ix.gen.Load()
	if l := ix.suggest.list; l != nil && (l.gen == gen || time.Since(l.built) < suggestTTL) {
		return l, nil
	}
	l := &suggestList{gen: gen, built: time.Now()}
	for _, f := range suggestFacets {
		var counts []engine.FacetCount
		err := ix.use(func(e backend) error {
			var err error
			counts, err = e.Terms(ctx, engine.Facet(f))
			return err
		})
		if err != nil {
			return nil, err
		}
		for _, c := range counts {
			n := len(l.entries)
			l.entries = append(l.entries, Suggestion{Type: string(f), Value: c.Value, Count: c.Count})
			words := strings.Fields(fold(c.Value))
			for i := range words {
				l.keys = append(l.keys, suggestKey{strings.Join(words[i:], " "), n})
			}
			if a := engine.Initials(c.Value); len(a) >= 2 {
				l.keys = append(l.keys, suggestKey{strings.ToLower(a), n})
			}
		}
	}
	sort.Slice(l.keys, func(i, j int) bool { return l.keys[i].key < l.keys[j].key })
	ix.suggest.list = l
	return l, nil
}

var foldAccents = runes.Remove(runes.In(unicode.Mn))

// fold lower-cases s and strips its accents, so "Demirtaş" matches "demirtas".
func fold(s string) string {
	t := transform.Chain(norm.NFD, foldAccents, norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		out = s
	}
	return strings.ToLower(out)
}
