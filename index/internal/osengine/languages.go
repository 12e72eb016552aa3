package osengine

import (
	"fmt"
	"sort"

	"github.com/blevesearch/bleve/v2/analysis/lang/da"
	"github.com/blevesearch/bleve/v2/analysis/lang/de"
	"github.com/blevesearch/bleve/v2/analysis/lang/es"
	"github.com/blevesearch/bleve/v2/analysis/lang/fi"
	"github.com/blevesearch/bleve/v2/analysis/lang/fr"
	"github.com/blevesearch/bleve/v2/analysis/lang/hu"
	"github.com/blevesearch/bleve/v2/analysis/lang/it"
	"github.com/blevesearch/bleve/v2/analysis/lang/nl"
	"github.com/blevesearch/bleve/v2/analysis/lang/no"
	"github.com/blevesearch/bleve/v2/analysis/lang/pt"
	"github.com/blevesearch/bleve/v2/analysis/lang/ro"
	"github.com/blevesearch/bleve/v2/analysis/lang/ru"
	"github.com/blevesearch/bleve/v2/analysis/lang/sv"
	"github.com/blevesearch/bleve/v2/analysis/lang/tr"
	"github.com/blevesearch/bleve/v2/registry"

	"github.com/newsindex/newsindex/internal/analysis"
)

// osLanguage is how the OpenSearch index analyses one stemmed language
// other than English, built from OpenSearch's own components so that it
// does what the in-process analyzer of package analysis does: the standard
// tokenizer (Unicode words, as bleve's), lower case, the elision of
// articles (after lower case, as bleve's), the stop words of
// bleve's list for the language (Lucene's Snowball lists, given word for
// word so that a phrase of stop words matches alike), and the snowball
// stemmer of the language.
//
// OpenSearch's built-in analyzers (french, german …) are not used: on
// TestAnalyzersAgreeWithOpenSearch's sentences they differ from ours in
// seven languages of fourteen. French, German, Spanish, Italian and
// Portuguese stem with Lucene's light stemmers, not Snowball's (german
// keeps "regierung", spanish "anunciaron"), none folds accents after
// stemming, and romanian keeps "și" (comma below), which its stop list
// spells with the cedilla. Built from the snowball filter, every term is
// the same as in process.
type osLanguage struct {
	code     string // language code (package lang)
	snowball string // OpenSearch's snowball language
	stop     string // bleve token map of its stop words
	elision  string // bleve token map of the articles elided before an apostrophe, or ""
	// apostrophe drops what follows an apostrophe (Turkish suffixes:
	// "Türkiye'nin" → "türkiye").
	apostrophe bool
	// cedilla writes Romanian ș and ț with the cedilla, as its stemmer and
	// stop words spell them.
	cedilla bool
	// fold removes accents after stemming (a search for "economia" finds
	// "economía").
	fold bool
}

// osLanguages are the stemmed languages other than English, in the order
// of analysis.Analyzers.
var osLanguages = []osLanguage{
	{code: "da", snowball: "Danish", stop: da.StopName},
	{code: "de", snowball: "German", stop: de.StopName},
	{code: "es", snowball: "Spanish", stop: es.StopName, fold: true},
	{code: "fi", snowball: "Finnish", stop: fi.StopName},
	{code: "fr", snowball: "French", stop: fr.StopName, elision: fr.ArticlesName, fold: true},
	{code: "hu", snowball: "Hungarian", stop: hu.StopName},
	{code: "it", snowball: "Italian", stop: it.StopName, elision: it.ArticlesName, fold: true},
	{code: "nb", snowball: "Norwegian", stop: no.StopName},
	{code: "nl", snowball: "Dutch", stop: nl.StopName},
	{code: "pt", snowball: "Portuguese", stop: pt.StopName, fold: true},
	{code: "ro", snowball: "Romanian", stop: ro.StopName, cedilla: true},
	{code: "ru", snowball: "Russian", stop: ru.StopName},
	{code: "sv", snowball: "Swedish", stop: sv.StopName},
	{code: "tr", snowball: "Turkish", stop: tr.StopName, apostrophe: true},
}

// Names of the OpenSearch analyzers of the analyses that are not one
// language's.
const (
	osCJKAnalyzer     = "news_cjk"
	osNeutralAnalyzer = "news_neutral"
)

// osAnalyzerOf maps each in-process analyzer (analysis.Analyzers) to the
// OpenSearch analyzer the index defines for it.
var osAnalyzerOf = func() map[string]string {
	m := map[string]string{
		analysis.AnalyzerName:        "news_en",
		analysis.CJKAnalyzerName:     osCJKAnalyzer,
		analysis.NeutralAnalyzerName: osNeutralAnalyzer,
	}
	for _, l := range osLanguages {
		m[analysis.ForLanguage(l.code)] = l.analyzer()
	}
	return m
}()

func (l osLanguage) analyzer() string { return "news_" + l.code }

// tokenMap returns the words of a bleve token map, sorted.
func tokenMap(name string) []string {
	m, err := registry.NewCache().TokenMapNamed(name)
	if err != nil {
		panic(fmt.Sprintf("osengine: token map %s: %v", name, err))
	}
	words := make([]string, 0, len(m))
	for w := range m {
		words = append(words, w)
	}
	sort.Strings(words)
	return words
}

// languageAnalysis adds the filters, character filters and analyzers of
// every analysis but English's to the index's analysis settings.
func languageAnalysis(filters, charFilters, analyzers obj) {
	for _, l := range osLanguages {
		var chain []string
		if l.apostrophe {
			chain = append(chain, "apostrophe")
		}
		chain = append(chain, "lowercase")
		if l.elision != "" {
			name := "news_elision_" + l.code
			filters[name] = obj{"type": "elision", "articles": tokenMap(l.elision)}
			chain = append(chain, name)
		}
		stop, stem := "news_stop_"+l.code, "news_snowball_"+l.code
		filters[stop] = obj{"type": "stop", "stopwords": tokenMap(l.stop)}
		filters[stem] = obj{"type": "snowball", "language": l.snowball}
		chain = append(chain, stop, stem)
		if l.fold {
			chain = append(chain, "asciifolding")
		}
		a := obj{"type": "custom", "tokenizer": "standard", "filter": chain}
		if l.cedilla {
			a["char_filter"] = []string{"news_ro_cedilla"}
			charFilters["news_ro_cedilla"] = obj{"type": "mapping", "mappings": []string{"ș=>ş", "ț=>ţ", "Ș=>Ş", "Ț=>Ţ"}}
		}
		analyzers[l.analyzer()] = a
	}
	// Chinese, Japanese and Korean: overlapping pairs of characters
	// (Lucene's bigram filter pairs Hangul too, as news_cjk does).
	analyzers[osCJKAnalyzer] = obj{"type": "custom", "tokenizer": "standard", "filter": []string{"cjk_width", "lowercase", "cjk_bigram"}}
	analyzers[osNeutralAnalyzer] = obj{"type": "custom", "tokenizer": "standard", "filter": []string{"lowercase"}}
}
