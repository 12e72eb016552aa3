package osengine

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/newsindex/newsindex/index/internal/engine"
	"github.com/newsindex/newsindex/internal/analysis"
)

// mappingVersion is recorded in the index's _meta: a change to the mapping
// that needs a reindex bumps it.
const mappingVersion = 5 // 3: places; 4: a text field per analysis (title_fr, body_cjk …); 5: elision after lower case

// The OpenSearch documents are the article's own JSON (the fields of
// Article), plus the fields searching needs. Quotes are separate documents
// in the same index (kind "quote", ID "<article>#q<n>"), as in the bleve
// index. The mapping is not dynamic: fields it does not name (url, author,
// the article's quotes...) are kept in _source and not indexed.
const (
	osKind     = "kind"
	osID       = "id" // the article's ID: a keyword, the tiebreaker of every sort
	osTitle    = "title"
	osBody     = "body"
	osDate     = "published"
	osStory    = "story"
	osNQuotes  = "nquotes"
	osQuote    = "quote"
	osSpeaker  = "speaker"
	osRole     = "role"
	osAffil    = "affiliation"
	osArticle  = "article_id"
	osCategory = "category"
	osSource   = "source"
	osLang     = "language" // the article's language code, as the quote's
)

// osFacetField maps each facet to its keyword field in OpenSearch: the
// article's JSON field.
var osFacetField = map[engine.Facet]string{
	engine.FacetCategory:     osCategory,
	engine.FacetAnalyst:      "analysts",
	engine.FacetPerson:       "people",
	engine.FacetCountry:      "countries",
	engine.FacetPlace:        "places",
	engine.FacetOrganization: "organizations",
	engine.FacetSource:       osSource,
	engine.FacetLanguage:     osLang,
}

// osNameField maps each facet of names to its news_name-analysed field of
// names and aliases: the same names as in the bleve index. A language is a
// code, which its keyword field holds alone.
var osNameField = func() map[engine.Facet]string {
	m := map[engine.Facet]string{}
	for _, f := range engine.AllFacets {
		if f != engine.FacetLanguage {
			m[f] = engine.NameField(f)
		}
	}
	return m
}()

type obj = map[string]any

// osIndexBody is the body that creates the index: settings, analysis and
// mapping, and the alias.
func osIndexBody(c Config) obj {
	keyword := obj{"type": "keyword"}
	text := obj{"type": "text", "analyzer": "news_en", "index_options": "offsets"}
	name := obj{"type": "text", "analyzer": "news_name"}
	props := obj{
		osKind:    keyword,
		osID:      keyword,
		osTitle:   text,
		osBody:    text,
		osDate:    obj{"type": "date"},
		osStory:   keyword,
		osNQuotes: obj{"type": "integer", "index": false},
		// quote documents
		osQuote:                       text,
		osSpeaker:                     keyword,
		osSpeaker + engine.NameSuffix: name,
		osRole:                        keyword,
		osAffil:                       keyword,
		osAffil + engine.NameSuffix:   name,
		osArticle:                     keyword,
		"category_source":             keyword,
		"quotes":                      obj{"type": "object", "enabled": false},
		"url":                         obj{"type": "keyword", "index": false, "doc_values": false},
		"author":                      obj{"type": "keyword", "index": false, "doc_values": false},
		"article_title":               obj{"type": "keyword", "index": false, "doc_values": false},
	}
	for _, f := range engine.AllFacets {
		props[osFacetField[f]] = keyword
		if nf, ok := osNameField[f]; ok {
			props[nf] = name
		}
	}
	// Each analysis's own text fields (analysis.TextField): "title",
	// "body" and "quote" stay English's.
	for _, base := range []string{osTitle, osBody, osQuote} {
		for _, af := range analysis.TextFields(base)[1:] {
			props[af.Field] = obj{"type": "text", "analyzer": osAnalyzerOf[af.Analyzer], "index_options": "offsets"}
		}
	}
	filters := obj{
		"news_possessive": obj{"type": "stemmer", "language": "possessive_english"},
		// bleve's list, not OpenSearch's shorter _english_:
		// a phrase of stop words must match the same.
		"news_stop":     obj{"type": "stop", "stopwords": analysis.StopWords()},
		"news_snowball": obj{"type": "snowball", "language": "English"},
	}
	analyzers := obj{
		// news_en as in package analysis: words, possessives
		// dropped, lower case, English stop words, snowball stems.
		"news_en": obj{"type": "custom", "tokenizer": "standard",
			"filter": []string{"news_possessive", "lowercase", "news_stop", "news_snowball"}},
		// news_name: accents folded, lower case, no stemming.
		"news_name": obj{"type": "custom", "tokenizer": "standard",
			"filter": []string{"asciifolding", "lowercase"}},
	}
	charFilters := obj{}
	languageAnalysis(filters, charFilters, analyzers)
	return obj{
		"settings": obj{
			"index": obj{
				"number_of_shards":   c.Shards,
				"number_of_replicas": c.Replicas,
				"max_result_window":  c.MaxResultWindow,
				// BM25 with the parameters the bleve engine ranks with;
				// OpenSearch's default b = 0.75 discounts long articles.
				"similarity": obj{"default": obj{"type": "BM25", "k1": engine.BM25K1, "b": engine.BM25B}},
			},
			"analysis": obj{"filter": filters, "char_filter": charFilters, "analyzer": analyzers},
		},
		"mappings": obj{
			"dynamic":    false,
			"_meta":      obj{"newsindex_mapping": mappingVersion},
			"properties": props,
		},
		"aliases": obj{c.Index: obj{"is_write_index": true}},
	}
}

// osArticleDoc is an article as OpenSearch stores it.
type osArticleDoc struct {
	Kind string `json:"kind"`
	engine.Article
	NQuotes          int      `json:"nquotes"`
	CategoryName     []string `json:"category_name,omitempty"`
	SourceName       []string `json:"source_name,omitempty"`
	PersonName       []string `json:"person_name,omitempty"`
	CountryName      []string `json:"country_name,omitempty"`
	PlaceName        []string `json:"place_name,omitempty"`
	OrganizationName []string `json:"organization_name,omitempty"`
	AnalystName      []string `json:"analyst_name,omitempty"`
}

func nonEmpty(vs ...string) []string {
	var keep []string
	for _, v := range vs {
		if v != "" {
			keep = append(keep, v)
		}
	}
	return keep
}

func namesOf(vs ...string) []string {
	keep := nonEmpty(vs...)
	if len(keep) == 0 {
		return nil
	}
	return engine.Aliases(keep)
}

// osForeignArticleDoc is the document of an article whose language has an
// analysis of its own: its title and body are written under that
// analysis's fields (title_fr, body_fr …) instead of the English ones,
// which these empty fields hide.
type osForeignArticleDoc struct {
	osArticleDoc
	Title string `json:"title,omitempty"`
	Body  string `json:"body,omitempty"`
}

func osArticleJSON(a *engine.Article) ([]byte, error) {
	d := osArticleDoc{
		Kind: engine.KindArticle, Article: *a, NQuotes: len(a.Quotes),
		CategoryName: namesOf(a.Category), SourceName: namesOf(a.Source),
		PersonName: namesOf(a.People...), CountryName: namesOf(a.Countries...), PlaceName: namesOf(a.Places...),
		OrganizationName: namesOf(a.Organizations...), AnalystName: namesOf(a.Analysts...),
	}
	title, body := analysis.TextField(osTitle, a.Language), analysis.TextField(osBody, a.Language)
	if body == osBody {
		return json.Marshal(d)
	}
	b, err := json.Marshal(osForeignArticleDoc{osArticleDoc: d})
	if err != nil {
		return nil, err
	}
	return appendFields(b, title, a.Title, body, a.Body)
}

// appendFields adds string fields (name, value, name, value …) to the
// JSON object b.
func appendFields(b []byte, kv ...string) ([]byte, error) {
	b = b[:len(b)-1]
	for i := 0; i+1 < len(kv); i += 2 {
		k, _ := json.Marshal(kv[i])
		v, err := json.Marshal(kv[i+1])
		if err != nil {
			return nil, err
		}
		b = append(append(append(append(b, ','), k...), ':'), v...)
	}
	return append(b, '}'), nil
}

// textOf reads the string fields named in the JSON object src, where the
// free text of a document whose language has an analysis of its own is.
func textOf(src []byte, into map[string]*string) error {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(src, &m); err != nil {
		return err
	}
	for f, p := range into {
		if raw, ok := m[f]; ok {
			if err := json.Unmarshal(raw, p); err != nil {
				return fmt.Errorf("%s: %w", f, err)
			}
		}
	}
	return nil
}

// decodeArticle reads an article's document.
func decodeArticle(src []byte) (osArticleDoc, error) {
	var d osArticleDoc
	if err := json.Unmarshal(src, &d); err != nil {
		return d, err
	}
	if body := analysis.TextField(osBody, d.Language); body != osBody {
		err := textOf(src, map[string]*string{analysis.TextField(osTitle, d.Language): &d.Title, body: &d.Body})
		return d, err
	}
	return d, nil
}

// osQuoteDoc is a quotation as OpenSearch stores it.
//
// Its text is under analysis.TextField("quote", language): "quote" for
// English and undetermined text, "quote_fr" … for the others.
type osQuoteDoc struct {
	Kind            string   `json:"kind"`
	Quote           string   `json:"quote,omitempty"`
	Language        string   `json:"language,omitempty"`
	Speaker         string   `json:"speaker,omitempty"`
	SpeakerName     string   `json:"speaker_name,omitempty"`
	Role            string   `json:"role,omitempty"`
	Affiliation     string   `json:"affiliation,omitempty"`
	AffiliationName []string `json:"affiliation_name,omitempty"`
	Cue             string   `json:"cue,omitempty"`
	Mention         string   `json:"mention,omitempty"`
	// Described holds a speaker that is a description (engine.Quote's
	// Described), stored only: speaker, the facet's field, stays empty.
	Described    string `json:"speaker_described,omitempty"`
	Direct       bool   `json:"direct"`
	ArticleID    string `json:"article_id"`
	ArticleTitle string `json:"article_title"`
	Published    string `json:"published,omitempty"`
}

func osQuoteJSON(a *engine.Article, q engine.Quote) ([]byte, error) {
	d := osQuoteDoc{Kind: engine.KindQuote, Quote: q.Text, Speaker: q.Speaker, SpeakerName: q.Speaker, Role: q.Role,
		Affiliation: q.Affiliation, AffiliationName: namesOf(q.Affiliation), Cue: q.Cue, Mention: q.Mention, Direct: q.Direct,
		ArticleID: a.ID, ArticleTitle: a.Title, Language: a.Language}
	if q.Described {
		d.Speaker, d.SpeakerName, d.Described = "", "", q.Speaker
	}
	if !a.Published.IsZero() {
		d.Published = a.Published.UTC().Format("2006-01-02T15:04:05Z07:00")
	}
	field := analysis.TextField(osQuote, a.Language)
	if field == osQuote {
		return json.Marshal(d)
	}
	d.Quote = ""
	b, err := json.Marshal(d)
	if err != nil {
		return nil, err
	}
	return appendFields(b, field, q.Text)
}

// decodeQuote reads a quote's document.
func decodeQuote(src []byte) (osQuoteDoc, error) {
	var d osQuoteDoc
	if err := json.Unmarshal(src, &d); err != nil {
		return d, err
	}
	if field := analysis.TextField(osQuote, d.Language); field != osQuote {
		return d, textOf(src, map[string]*string{field: &d.Quote})
	}
	return d, nil
}

func (d *osQuoteDoc) hit(text string, score float64) (engine.QuoteHit, error) {
	h := engine.QuoteHit{Text: text, Speaker: d.Speaker, Role: d.Role, Affiliation: d.Affiliation, Cue: d.Cue, Mention: d.Mention,
		Direct: d.Direct, ArticleID: d.ArticleID, Title: d.ArticleTitle, Score: score}
	if d.Described != "" {
		h.Speaker, h.Described = d.Described, true
	}
	if d.Published != "" {
		t, err := time.Parse(time.RFC3339Nano, d.Published)
		if err != nil {
			return h, fmt.Errorf("quote of %q: published %q: %w", d.ArticleID, d.Published, err)
		}
		h.Published = t
	}
	return h, nil
}
