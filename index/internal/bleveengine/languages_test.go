package bleveengine

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/newsindex/newsindex/index/internal/engine"
	"github.com/newsindex/newsindex/internal/analysis"
	"github.com/newsindex/newsindex/internal/query"
)

// inflections holds one invented article for each analysis: a word written
// in it in one form, and the query of another form of the word that its
// language's analysis conflates with it (the neutral analysis only folds
// case; CJK finds a two-character word inside a sentence).
var inflections = []struct {
	lang, title, body, query string
}{
	{"en", "Companies report profits", "Three listed companies reported higher profits on Tuesday.", "company"},
	{"fr", "Les entreprises publiques", "Les entreprises publiques du pays ont annoncé de nouveaux investissements.", "entreprise"},
	{"de", "Neue Regierungen im Norden", "Die neuen Regierungen der Länder stellten am Montag ihre Pläne vor.", "Regierung"},
	{"es", "Las economías de la región", "Las economías de la región crecieron más de lo previsto este año.", "economía"},
	{"it", "I governi europei", "I governi europei hanno discusso il bilancio comune a Bruxelles.", "governo"},
	{"pt", "Os governos do sul", "Os governos do sul anunciaram um acordo sobre a água.", "governo"},
	{"nl", "Nieuwe regeringen", "De nieuwe regeringen van de provincies kwamen dinsdag bijeen.", "regering"},
	{"sv", "Regeringen presenterade budgeten", "Regeringen presenterade budgeten för nästa år i riksdagen.", "regering"},
	{"da", "Regeringen fremlagde en plan", "Regeringen fremlagde i dag en ny plan for sundhedsvæsenet.", "regering"},
	{"nb", "Regjeringen la fram budsjettet", "Regjeringen la fram statsbudsjettet for neste år på torsdag.", "regjering"},
	{"fi", "Kaupungissa avattiin uusi silta", "Kaupungissa avattiin tiistaina uusi silta joen yli.", "kaupungin"},
	{"hu", "A kormányok tárgyaltak", "A szomszédos országok kormányai és kormányok képviselői tárgyaltak kedden.", "kormány"},
	{"ro", "Guvernele au semnat acordul", "Guvernele celor două țări au semnat acordul marți la București.", "guvernul"},
	{"ru", "Правительства обсудили бюджет", "Правительства двух стран обсудили бюджет на следующий год.", "правительство"},
	{"tr", "Hükümetler anlaştı", "İki ülkenin hükümetler arası görüşmesi salı günü yapıldı.", "hükümet"},
	{"zh", "中国政府发布新政策", "中国政府今天宣布了新的经济政策。", "政府"},
	{"ja", "日本政府が発表", "日本政府は新しい経済政策を発表した。", "政策"},
	{"ko", "새 경제 정책 발표", "한국 정부는 새로운 경제 정책을 발표했다.", "정부"},
	{"pl", "Rząd ogłosił plan", "Rząd ogłosił we wtorek nowy plan dla kolei.", "RZĄD"},
}

// multilingual returns an engine holding the inflections' articles, with
// IDs their language codes.
func multilingual(t *testing.T) *Engine {
	t.Helper()
	e := memEngine(t)
	var arts []engine.Article
	for _, c := range inflections {
		a := article(c.lang, c.title, c.body)
		a.Language = c.lang
		arts = append(arts, a)
	}
	if _, err := e.Apply(context.Background(), arts); err != nil {
		t.Fatal(err)
	}
	return e
}

// hitIDs returns the IDs of the matches of a result, related articles left
// out, sorted.
func hitIDs(r *engine.SearchResult) []string {
	var out []string
	for _, h := range r.Hits {
		if !h.Related {
			out = append(out, h.ID)
		}
	}
	sort.Strings(out)
	return out
}

// TestInflectedFormsInEveryLanguage: in an index of every analysis, each
// language's query form finds its article, written in another form, and
// no article of another analysis that does not hold the word.
func TestInflectedFormsInEveryLanguage(t *testing.T) {
	e := multilingual(t)
	seen := map[string]bool{}
	for _, c := range inflections {
		seen[analysis.ForLanguage(c.lang)] = true
		for _, w := range strings.FieldsFunc(c.title+" "+c.body, func(r rune) bool { return !unicode.IsLetter(r) }) {
			if w == c.query {
				t.Errorf("%s: the article holds the query form %q itself", c.lang, c.query)
			}
		}
		res := searchWith(t, e, engine.SearchRequest{Query: c.query, Size: 50})
		got := hitIDs(res)
		found := false
		for _, id := range got {
			found = found || id == c.lang
		}
		if !found {
			t.Errorf("%s: %q finds %v, not the %s article", c.lang, c.query, got, c.lang)
		}
	}
	for _, an := range analysis.Analyzers() {
		if !seen[an] {
			t.Errorf("no article is analysed with %s", an)
		}
	}
}

// TestQueryReadInEveryLanguage: a French word finds the French article and
// the English one that hold forms of it; a language filter reads the query
// in that language alone.
func TestQueryReadInEveryLanguage(t *testing.T) {
	e := memEngine(t)
	fr := article("fr1", "Les informations du jour", "Les informations publiées par le ministère ont surpris les marchés.")
	fr.Language = "fr"
	en := article("en1", "Information wars", "The ministry's information campaign surprised the markets.")
	en.Language = "en"
	de := article("de1", "Die Regierung tagt", "Das Kabinett beriet am Montag über den Haushalt.")
	de.Language = "de"
	fr.Source, en.Source, de.Source = "Test", "Test", "Test"
	if _, err := e.Apply(context.Background(), []engine.Article{fr, en, de}); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		query    string
		language []string
		want     string
	}{
		{"informations", nil, "en1 fr1"},
		{"informations", []string{"fr"}, "fr1"},
		{"informations", []string{"en"}, "en1"},
		// "die" is a German stop word: German articles are matched on
		// "Regierung" alone, and excluding "die" excludes none of them.
		{"die Regierung", nil, "de1"},
		{"Kabinett -die", nil, "de1"},
		// A query of names reads the same in every language.
		{"source:Test", nil, "de1 en1 fr1"},
		{"minist*", nil, "en1 fr1"},
		// Words no article of a language holds leave its reading out,
		// and exclude nothing there.
		{"Regierung OR informations", nil, "de1 en1 fr1"},
		{"informations -Kabinett", nil, "en1 fr1"},
		{"Kabinett NOT informations", nil, "de1"},
		{"xyzzy", nil, ""},
	} {
		r := engine.SearchRequest{Query: tt.query}
		if tt.language != nil {
			r.Filters = map[engine.Facet][]string{languageFilter: tt.language}
		}
		if got := strings.Join(hitIDs(searchWith(t, e, r)), " "); got != tt.want {
			t.Errorf("%q in %v: %s, want %s", tt.query, tt.language, got, tt.want)
		}
	}
}

// TestPhrasesAndPrefixesInOtherLanguages: a phrase matches its words'
// other forms in order, not in another order; a prefix is read as the
// language's fields hold their terms (folded, in French).
func TestPhrasesAndPrefixesInOtherLanguages(t *testing.T) {
	e := memEngine(t)
	fr := article("fr1", "Réforme", "Les entreprises publiques de l'État ont présenté leurs économies.")
	fr.Language = "fr"
	fr2 := article("fr2", "Marchés", "Le public des entreprises a changé.")
	fr2.Language = "fr"
	de := article("de1", "Politik", "Die neuen Regierungen der Länder stellten ihre Pläne vor.")
	de.Language = "de"
	de2 := article("de2", "Politik", "Die Regierung plant eine neue Steuer.")
	de2.Language = "de"
	if _, err := e.Apply(context.Background(), []engine.Article{fr, fr2, de, de2}); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ query, want string }{
		{`"entreprise publique"`, "fr1"},
		{`"publique entreprise"`, ""},
		{`"neue Regierung"`, "de1"},
		{`"Regierung neue"`, ""},
		{"entrepr*", "fr1 fr2"},
		{"Écon*", "fr1"},
		{"Regier*", "de1 de2"},
		{"title:politik", "de1 de2"},
		{"body:etat", "fr1"},
	} {
		if got := strings.Join(hitIDs(searchWith(t, e, engine.SearchRequest{Query: tt.query})), " "); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.query, got, tt.want)
		}
	}
}

// TestSnippetsInOtherLanguages: the snippet marks the forms a query
// matched, in a French article and whole in a Chinese one.
func TestSnippetsInOtherLanguages(t *testing.T) {
	e := multilingual(t)
	for _, tt := range []struct{ query, id, want string }{
		{"entreprise", "fr", "<mark>entreprises</mark>"},
		{"Regierung", "de", "<mark>Regierungen</mark>"},
		{"经济政策", "zh", "<mark>经济政策</mark>"},
		{"정부", "ko", "<mark>정부</mark>는"},
	} {
		res := searchWith(t, e, engine.SearchRequest{Query: tt.query})
		var snippet string
		for _, h := range res.Hits {
			if h.ID == tt.id {
				snippet = h.Snippet
			}
		}
		if !strings.Contains(snippet, tt.want) {
			t.Errorf("%s in %s: snippet %q, want it to hold %q", tt.query, tt.id, snippet, tt.want)
		}
	}
}

// TestQuotesInOtherLanguages: a quote is searched in its article's
// language and its words are marked.
func TestQuotesInOtherLanguages(t *testing.T) {
	e := memEngine(t)
	fr := article("fr1", "Réforme", "Le ministre a parlé.")
	fr.Language = "fr"
	fr.Quotes = []engine.Quote{{Text: "Les entreprises doivent investir", Speaker: "Jeanne Martin", Role: "official", Direct: true}}
	en := article("en1", "Reform", "The minister spoke.")
	en.Quotes = []engine.Quote{{Text: "Companies must invest", Speaker: "John Smith", Role: "official", Direct: true}}
	if _, err := e.Apply(context.Background(), []engine.Article{fr, en}); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ query, want string }{
		{"entreprise", "<mark>entreprises</mark>"},
		{"company", "<mark>Companies</mark>"},
		{"investir -entreprise", ""},
	} {
		n, err := query.Parse(tt.query)
		if err != nil {
			t.Fatal(err)
		}
		res, err := e.SearchQuotes(context.Background(), &engine.QuoteRequest{Query: tt.query, Page: 1, Size: 10, FacetSize: 10}, n)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, h := range res.Hits {
			got = append(got, h.Text)
		}
		if tt.want == "" && len(got) > 0 || tt.want != "" && (len(got) != 1 || !strings.Contains(got[0], tt.want)) {
			t.Errorf("quotes %q: %q, want one marking %q", tt.query, got, tt.want)
		}
	}
}

// TestEnglishQueriesUnchanged: an index of English (and undetermined)
// articles reads every query exactly as it did when it knew no other
// language.
func TestEnglishQueriesUnchanged(t *testing.T) {
	e := openFixture(t)
	for _, q := range []string{"sanctions", "sanctions russia", `"central bank" -rates`, "the", "russia -putin", "bank OR goal",
		"sanct*", "title:cup", "person:Putin troops", "country:russia"} {
		n, err := query.Parse(q)
		if err != nil {
			t.Fatal(err)
		}
		got, err := articleQuery(e, n)
		if err != nil {
			t.Fatal(err)
		}
		want, err := articleTranslator.translate(n)
		if err != nil {
			t.Fatal(err)
		}
		g, _ := json.Marshal(got)
		w, _ := json.Marshal(want)
		if string(g) != string(w) {
			t.Errorf("%q:\n got %s\nwant %s", q, g, w)
		}
	}
}

// TestReadingsWeighAlike: a word held by half of the English articles and
// by half of the Danish ones weighs the same in both, although the Danish
// are few: each reading counts its terms' rarity among its own analysis's
// documents, not among all of the index's.
func TestReadingsWeighAlike(t *testing.T) {
	e := memEngine(t)
	var arts []engine.Article
	add := func(lang string, n int) {
		for i := range n {
			body := "Markets were quiet. " + filler("w", 30)
			if i%2 == 0 {
				body = "Gold prices rose. " + filler("w", 30)
			}
			a := article(fmt.Sprintf("%s%02d", lang, i), "Markets", body)
			a.Language = lang
			arts = append(arts, a)
		}
	}
	add("en", 20)
	add("da", 4)
	if _, err := e.Apply(context.Background(), arts); err != nil {
		t.Fatal(err)
	}
	res := searchWith(t, e, engine.SearchRequest{Query: "gold", Size: 20})
	best := map[string]float64{}
	for _, h := range res.Hits {
		best[h.ID[:2]] = max(best[h.ID[:2]], h.Score)
	}
	if res.Total != 12 || best["en"] == 0 || math.Abs(best["da"]/best["en"]-1) > 0.01 {
		t.Errorf("gold: %d matches, best English %.4f, best Danish %.4f; want 12, the same score", res.Total, best["en"], best["da"])
	}
}

// TestCheckFindsEveryLanguageByTitle: the check searches each article's
// title in the fields of its language.
func TestCheckFindsEveryLanguageByTitle(t *testing.T) {
	e := multilingual(t)
	r, err := e.Check(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if r.FoundByTitle != len(inflections) || len(r.Problems) > 0 {
		t.Errorf("Check: %d of %d found by title, problems %q", r.FoundByTitle, len(inflections), r.Problems)
	}
}

// TestReadingsWeighAlikeWhereTitlesDiffer: a word in the body alone scores
// the same in a language none of whose titles holds it as in one where
// some title does: a field that cannot match still counts as one of two.
func TestReadingsWeighAlikeWhereTitlesDiffer(t *testing.T) {
	e := memEngine(t)
	var arts []engine.Article
	for _, lang := range []string{"en", "da"} {
		for i := range 21 {
			title, body := "Markets", "Markets were quiet. "+filler("w", 30)
			switch {
			case i < 10:
				body = "Gold prices rose. " + filler("w", 30)
			case i == 20 && lang == "en":
				title = "Gold"
			}
			a := article(fmt.Sprintf("%s%02d", lang, i), title, body)
			a.Language = lang
			arts = append(arts, a)
		}
	}
	if _, err := e.Apply(context.Background(), arts); err != nil {
		t.Fatal(err)
	}
	res := searchWith(t, e, engine.SearchRequest{Query: "gold", Size: 30})
	score := map[string]float64{}
	for _, h := range res.Hits {
		score[h.ID] = h.Score
	}
	if score["en00"] == 0 || math.Abs(score["da00"]/score["en00"]-1) > 0.01 {
		t.Errorf("gold in the body: English %.4f, Danish %.4f; want the same", score["en00"], score["da00"])
	}
}
