package bleveengine

import (
	"encoding/json"
	"time"

	"github.com/newsindex/newsindex/index/internal/engine"
	"github.com/newsindex/newsindex/internal/analysis"
)

// The layouts of the day, month and year keywords, which the histograms
// count and date ranges (date.go) span.
const (
	dayLayout   = "2006-01-02"
	monthLayout = "2006-01"
	yearLayout  = "2006"
)

func dayOf(t time.Time) (day, month, year string) {
	return t.Format(dayLayout), t.Format(monthLayout), t.Format(yearLayout)
}

// published sets a document's published date as an index of the given
// mapping version keeps it (date.go): a keyword of the instant, or before
// keywordDates a time, which bleve's date field indexes.
func published(d map[string]interface{}, t time.Time, version int) {
	if version < keywordDates {
		d[fPublished] = t
		return
	}
	d[fPublished] = instantOf(t)
}

// articleDoc is the bleve document of an article in an index of the given
// mapping version.
func articleDoc(a *engine.Article, version int) (map[string]interface{}, error) {
	src, err := json.Marshal(a)
	if err != nil {
		return nil, err
	}
	d := map[string]interface{}{
		"_type": engine.KindArticle,
		fKind:   engine.KindArticle,
		// The text goes to the fields of its language's analysis.
		analysis.TextField(fTitle, a.Language): a.Title,
		analysis.TextField(fBody, a.Language):  a.Body,
		fSource:                                packStored(src),
		fNQuotes:                               float64(len(a.Quotes)),
		fStory:                                 a.Story,
		fLanguage:                              engine.LanguageOf(a.Language),
	}

	if !a.Published.IsZero() {
		published(d, a.Published, version)
		d[fDay], d[fMonth], d[fYear] = dayOf(a.Published)
	}
	set := func(field string, vs ...string) {
		var keep []string
		for _, v := range vs {
			if v != "" {
				keep = append(keep, v)
			}
		}
		if len(keep) > 0 {
			d[field] = keep
			d[field+engine.NameSuffix] = engine.Aliases(keep)
		}
	}
	set(fCategory, a.Category)
	set(fSourceName, a.Source)
	set(fPerson, a.People...)
	set(fCountry, a.Countries...)
	set(fPlace, a.Places...)
	set(fOrganization, a.Organizations...)
	set(fAnalyst, a.Analysts...)
	set(fLanguage, engine.LanguageOf(a.Language))
	return d, nil
}

// storedQuote is what a quote hit shows: the quote with its article's ID,
// title, date and language. An index of mapping version quotesInArticle
// or later stores none with the quote document and reads it from the
// article's stored form, which lists its quotes (quoteForms); before, each
// quote document stored it, a copy of its article's quote and title.
type storedQuote struct {
	engine.Quote
	ArticleID string    `json:"article_id"`
	Title     string    `json:"title"`
	Published time.Time `json:"published,omitzero"`
	Language  string    `json:"language,omitempty"` // the article's
}

// quoteDoc is the bleve document of one of an article's quotes in an index
// of the given mapping version.
func quoteDoc(a *engine.Article, q engine.Quote, version int) (map[string]interface{}, error) {
	d := map[string]interface{}{
		"_type":                                engine.KindQuote,
		fKind:                                  engine.KindQuote,
		analysis.TextField(fQuote, a.Language): q.Text,
		fQuoteLanguage:                         engine.LanguageOf(a.Language),
	}
	if version < quotesInArticle {
		// The article's ID keyword, which nothing searched: the quote's
		// ID names its article.
		d[fArticleID] = a.ID
		src, err := json.Marshal(storedQuote{Quote: q, ArticleID: a.ID, Title: a.Title, Published: a.Published, Language: a.Language})
		if err != nil {
			return nil, err
		}
		d[fSource] = packStored(src)
	}
	if !a.Published.IsZero() {
		published(d, a.Published, version)
		day, month, year := dayOf(a.Published)
		d[fMonth] = month
		if version >= keywordDates { // a range's whole days and years
			d[fQuoteDay], d[fQuoteYear] = day, year
		}
	}
	if q.Speaker != "" && !q.Described { // a description names no one to count
		d[fSpeaker] = q.Speaker
		d[fSpeaker+engine.NameSuffix] = q.Speaker
	}
	if q.Role != "" {
		d[fRole] = q.Role
	}
	if q.Affiliation != "" {
		d[fAffiliation] = q.Affiliation
		d[fAffiliation+engine.NameSuffix] = engine.Aliases([]string{q.Affiliation})
	}
	return d, nil
}
