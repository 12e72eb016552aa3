package bleveengine

import (
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/newsindex/newsindex/index/internal/engine"
	"github.com/newsindex/newsindex/internal/analysis"
)

// Field names of the bleve documents. See index/doc.go for what each holds.
const (
	fKind      = "kind" // "article" or "quote"
	fTitle     = "title"
	fBody      = "body"
	fPublished = "published"
	fDay       = "day"
	fMonth     = "month"
	fYear      = "year"
	fSource    = "_source" // the article (or quote) as JSON, stored only
	fNQuotes   = "nquotes"
	fStory     = "story" // the story's ID: keyword, stored

	fCategory     = "category"
	fAnalyst      = "analyst"
	fPerson       = "person"
	fCountry      = "country"
	fPlace        = "place"
	fOrganization = "organization"
	fSourceName   = "source"
	// fLanguage is the article's language code, "und" when undetermined
	// (engine.LanguageOf): what the language facet counts and filters.
	fLanguage = "language"

	fQuote       = "quote"
	fSpeaker     = "speaker"
	fRole        = "role"
	fAffiliation = "affiliation"
	fArticleID   = "article_id"
	// fQuoteLanguage is the language code of a quote's article, which
	// confines a quote search's reading in one language to its quotes.
	fQuoteLanguage = "quote_language"
	// fQuoteDay and fQuoteYear are a quote's day and year, for date
	// ranges (date.go).
	fQuoteDay  = "quote_day"
	fQuoteYear = "quote_year"
)

// facetField maps each facet to its keyword field.
var facetField = map[engine.Facet]string{
	engine.FacetCategory:     fCategory,
	engine.FacetAnalyst:      fAnalyst,
	engine.FacetPerson:       fPerson,
	engine.FacetCountry:      fCountry,
	engine.FacetPlace:        fPlace,
	engine.FacetOrganization: fOrganization,
	engine.FacetSource:       fSourceName,
	engine.FacetLanguage:     fLanguage,
}

func newMapping() mapping.IndexMapping {
	// Free text is kept in one field per analysis (analysis.TextField):
	// title and body of English and undetermined articles, title_fr and
	// body_fr of French ones, and so on.
	text := func(analyzer string) *mapping.FieldMapping {
		m := bleve.NewTextFieldMapping()
		m.Analyzer = analyzer
		m.Store = false
		m.IncludeInAll = false
		m.IncludeTermVectors = true
		m.DocValues = false
		return m
	}
	textFields := func(d *mapping.DocumentMapping, base string) {
		for _, f := range analysis.TextFields(base) {
			d.AddFieldMappingsAt(f.Field, text(f.Analyzer))
		}
	}

	keyword := bleve.NewKeywordFieldMapping()
	keyword.Store = false
	keyword.IncludeInAll = false
	keyword.IncludeTermVectors = false
	// Facets are counted from the postings (package facet), and no
	// keyword field is sorted on: doc values would only cost disk and
	// indexing time.
	keyword.DocValues = false

	name := bleve.NewTextFieldMapping()
	name.Analyzer = analysis.NameAnalyzerName
	name.Store = false
	name.IncludeInAll = false
	name.IncludeTermVectors = true // phrase queries need positions
	name.DocValues = false

	// The published instant, a keyword of fixed width (date.go), with doc
	// values to sort by.
	date := bleve.NewKeywordFieldMapping()
	date.Store = false
	date.IncludeInAll = false
	date.IncludeTermVectors = false
	date.DocValues = true

	stored := bleve.NewTextFieldMapping()
	stored.Index = false
	stored.Store = true
	stored.IncludeInAll = false
	stored.IncludeTermVectors = false
	stored.DocValues = false

	storedNum := bleve.NewNumericFieldMapping()
	storedNum.Index = false
	storedNum.Store = true
	storedNum.IncludeInAll = false
	storedNum.DocValues = false

	article := bleve.NewDocumentStaticMapping()
	article.AddFieldMappingsAt(fKind, keyword)
	textFields(article, fTitle)
	textFields(article, fBody)
	article.AddFieldMappingsAt(fPublished, date)
	for _, f := range []string{fDay, fMonth, fYear} {
		article.AddFieldMappingsAt(f, keyword)
	}
	for _, f := range facetField {
		article.AddFieldMappingsAt(f, keyword)
		article.AddFieldMappingsAt(f+engine.NameSuffix, name)
	}
	// Searches read the languages present from this field's dictionary,
	// whether or not the language is one of the facets.
	if _, ok := article.Properties[fLanguage]; !ok {
		article.AddFieldMappingsAt(fLanguage, keyword)
	}
	article.AddFieldMappingsAt(fSource, stored)
	article.AddFieldMappingsAt(fNQuotes, storedNum)
	storyField := bleve.NewKeywordFieldMapping()
	storyField.Store = true
	storyField.IncludeInAll = false
	storyField.DocValues = false
	article.AddFieldMappingsAt(fStory, storyField)

	quote := bleve.NewDocumentStaticMapping()
	quote.AddFieldMappingsAt(fKind, keyword)
	textFields(quote, fQuote)
	quote.AddFieldMappingsAt(fPublished, date)
	for _, f := range []string{fSpeaker, fRole, fAffiliation, fArticleID, fMonth, fQuoteDay, fQuoteYear, fQuoteLanguage} {
		quote.AddFieldMappingsAt(f, keyword)
	}
	quote.AddFieldMappingsAt(fSpeaker+engine.NameSuffix, name)
	quote.AddFieldMappingsAt(fAffiliation+engine.NameSuffix, name)
	quote.AddFieldMappingsAt(fSource, stored)

	// No field goes into bleve's composite _all field, but bleve still
	// builds it for every document unless it is disabled: 5% of the
	// indexing CPU for nothing.
	for _, d := range []*mapping.DocumentMapping{article, quote} {
		d.AddSubDocumentMapping("_all", bleve.NewDocumentDisabledMapping())
	}

	m := bleve.NewIndexMapping()
	m.ScoringModel = index.BM25Scoring // see scoring.go
	m.TypeField = "_type"
	m.DefaultAnalyzer = analysis.AnalyzerName
	m.DefaultMapping = bleve.NewDocumentDisabledMapping()
	m.AddDocumentMapping(engine.KindArticle, article)
	m.AddDocumentMapping(engine.KindQuote, quote)
	m.StoreDynamic = false
	m.IndexDynamic = false
	m.DocValuesDynamic = false
	return m
}
