// Package analysis registers newsindex's text analysis with bleve: a token
// filter that stems with github.com/kljensen/snowball, an English analyzer
// built on it for article text, and a name analyzer for entity aliases;
// the analyzers of the other stemmed languages, of Chinese, Japanese and
// Korean (pairs of characters) and a neutral one for every other language
// (languages.go); and the field that holds each analysis's text
// (fields.go).
//
// Importing the package registers the components; the mapping refers to them
// by name.
package analysis

import (
	"fmt"
	"sort"
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/char/asciifolding"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/registry"
	"github.com/kljensen/snowball/english"
)

// Names under which the components are registered.
const (
	StemmerName      = "news_snowball"
	AnalyzerName     = "news_en"
	NameAnalyzerName = "news_name"
)

// Stemmer is a bleve token filter that replaces each term by its English
// snowball stem. Tokens marked KeyWord are left alone, as bleve's own
// stemmers do, so protected terms survive.
type Stemmer struct{}

// Filter stems the terms of input in place.
func (Stemmer) Filter(input analysis.TokenStream) analysis.TokenStream {
	for _, tok := range input {
		if tok.KeyWord {
			continue
		}
		if stem := stems.stem(tok.Term); stem != nil {
			tok.Term = stem
		}
	}
	return input
}

// stemCache remembers the stems of words seen: news text is Zipfian, so a
// few hundred thousand words cover nearly every token, and a look-up costs a
// twentieth of stemming. It stops growing at its capacity rather than
// evicting, which keeps look-ups lock-light; the words met first are the
// common ones.
type stemCache struct {
	shards [64]stemShard
}

type stemShard struct {
	mu sync.RWMutex
	m  map[string][]byte
}

// stemShardCap bounds each shard: 64 × 8192 words, some 40 MB at most.
const stemShardCap = 8192

var stems = &stemCache{}

// stem returns the stem of word (nil when the stemmer gives none). The
// result is shared: its capacity is its length, so an append copies it.
func (c *stemCache) stem(word []byte) []byte {
	sh := &c.shards[shardOf(word)]
	sh.mu.RLock()
	stem, ok := sh.m[string(word)]
	sh.mu.RUnlock()
	if ok {
		return stem
	}
	if s := english.Stem(string(word), false); s != "" {
		stem = []byte(s)
		stem = stem[:len(stem):len(stem)]
	}
	sh.mu.Lock()
	if sh.m == nil {
		sh.m = make(map[string][]byte)
	}
	if len(sh.m) < stemShardCap {
		sh.m[string(word)] = stem
	}
	sh.mu.Unlock()
	return stem
}

// shardOf hashes a word (FNV-1a) to a shard.
func shardOf(word []byte) int {
	h := uint32(2166136261)
	for _, b := range word {
		h = (h ^ uint32(b)) * 16777619
	}
	return int(h % 64)
}

// StemmerConstructor builds the filter from a bleve config map. The only
// language supported is English, the default.
func StemmerConstructor(config map[string]interface{}, cache *registry.Cache) (analysis.TokenFilter, error) {
	if lang, ok := config["language"].(string); ok && lang != "english" && lang != "en" {
		return nil, fmt.Errorf("%s: unsupported language %q, want english", StemmerName, lang)
	}
	return Stemmer{}, nil
}

// AnalyzerConstructor builds news_en: unicode words, English possessives
// dropped, lower case, English stop words removed, snowball stems.
func AnalyzerConstructor(config map[string]interface{}, cache *registry.Cache) (analysis.Analyzer, error) {
	return build(cache, unicode.Name, nil, en.PossessiveName, lowercase.Name, en.StopName, StemmerName)
}

// NameAnalyzerConstructor builds news_name, for entity names and aliases:
// accents folded, unicode words, lower case, no stemming and no stop words,
// so that "Putin" finds "Vladimir Putin" and "Müller" finds "Muller".
func NameAnalyzerConstructor(config map[string]interface{}, cache *registry.Cache) (analysis.Analyzer, error) {
	return build(cache, unicode.Name, []string{asciifolding.Name}, lowercase.Name)
}

// StopWords returns the English stop words news_en drops, sorted: bleve's
// list, which other engines that must analyse text as news_en does (the
// OpenSearch mapping) are given word for word.
func StopWords() []string {
	m, err := registry.NewCache().TokenMapNamed(en.StopName)
	if err != nil {
		panic(fmt.Sprintf("analysis: %s: %v", en.StopName, err))
	}
	words := make([]string, 0, len(m))
	for w := range m {
		words = append(words, w)
	}
	sort.Strings(words)
	return words
}

func build(cache *registry.Cache, tokenizer string, charFilters []string, filters ...string) (analysis.Analyzer, error) {
	tok, err := cache.TokenizerNamed(tokenizer)
	if err != nil {
		return nil, err
	}
	a := &analysis.DefaultAnalyzer{Tokenizer: tok}
	for _, name := range charFilters {
		cf, err := cache.CharFilterNamed(name)
		if err != nil {
			return nil, err
		}
		a.CharFilters = append(a.CharFilters, cf)
	}
	for _, name := range filters {
		f, err := cache.TokenFilterNamed(name)
		if err != nil {
			return nil, err
		}
		a.TokenFilters = append(a.TokenFilters, f)
	}
	return a, nil
}

func init() {
	if err := registry.RegisterTokenFilter(StemmerName, StemmerConstructor); err != nil {
		panic(err)
	}
	if err := registry.RegisterAnalyzer(AnalyzerName, AnalyzerConstructor); err != nil {
		panic(err)
	}
	if err := registry.RegisterAnalyzer(NameAnalyzerName, NameAnalyzerConstructor); err != nil {
		panic(err)
	}
}
