package measure

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/newsindex/newsindex/internal/extract/quote"
)

func TestFold(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"The Washington Post", "washington post"},
		{"Putin's", "putin"},
		{"Putin’s plan", "putin plan"},
		{"Jean-Luc Mélenchon", "jean luc melenchon"},
		{"U.S.", "us"},
		{"  the  ", ""},
	} {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNamesMatch(t *testing.T) {
	for _, tt := range []struct {
		a, b, kind string
		want       bool
	}{
		{"Putin", "Vladimir Putin", KindPerson, true},
		{"Vladimir", "Vladimir Putin", KindPerson, false}, // a person's part holds the surname
		{"ECFR", "European Council on Foreign Relations", KindOrg, true},
		{"Bank", "Bank of England", KindOrg, false}, // a generic word alone
		{"England", "Bank of England", KindOrg, true},
		{"Marie Dumoulin", "Marie Curie", KindPerson, false},
	} {
		if got := NamesMatch(tt.a, tt.b, tt.kind); got != tt.want {
			t.Errorf("NamesMatch(%q, %q, %s) = %v, want %v", tt.a, tt.b, tt.kind, got, tt.want)
		}
	}
}

func TestSpeakerName(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"Rep. Jane Doe (D-Wis.)", "Jane Doe"},
		{"Jane Doe, the campaign's manager,", "Jane Doe"},
		{"Ryan's spokeswoman, AshLee Strong,", "AshLee Strong"},
		{"Chris Low at FTN Financial", "Chris Low"},
		{"Mr. Alexander", "Alexander"},
		{"Pence himself", "Pence"},
	} {
		in := tt.in
		if got := speakerName(&in); got != tt.want {
			t.Errorf("speakerName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	text := "Voters came out. Many voters said no."
	for _, tt := range []struct {
		in   string
		want []string
	}{
		{"Voters", nil},          // a description at a sentence's start
		{"he", nil},              // a pronoun
		{"a campaign aide", nil}, // a description
		{"Butterfield and Mr. Clyburn", []string{"Butterfield", "Clyburn"}},
	} {
		in := tt.in
		if got := speakerNames(&in, text); !slices.Equal(got, tt.want) {
			t.Errorf("speakerNames(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestScoreQuotes(t *testing.T) {
	speaker := func(s string) *string { return &s }
	doc := PolnearDoc{ID: "a", Text: "“We will not sign this budget today,” said Helena Brandt. Others agreed."}
	doc.Quotes = append(doc.Quotes, PolnearQuote{Quote: "We will not sign this budget today", Speaker: speaker("Helena Brandt"), Direct: true})
	for _, tt := range []struct {
		speaker                 string
		right, attributed, name int
	}{
		{"Helena Brandt", 1, 1, 1},
		{"Brandt", 1, 1, 1},
		{"Tomas Berg", 0, 0, 0},
	} {
		preds := map[string]Prediction{"a": {Quotes: []quote.Quote{{Text: "We will not sign this budget today", Speaker: tt.speaker, Direct: true}}}}
		s := ScoreQuotes([]PolnearDoc{doc}, preds)
		if s.Direct.Found != 1 || s.SpeakerNamed != 1 || s.SpeakerRight != tt.right || s.Attributed.Found != tt.attributed || s.Speakers.Found != tt.name {
			t.Errorf("speaker %q: %+v", tt.speaker, s)
		}
	}
}

func TestFolds(t *testing.T) {
	a, b := Folds(103, 5), Folds(103, 5)
	seen := map[int]bool{}
	for i, f := range a {
		if !slices.Equal(f, b[i]) {
			t.Fatalf("Folds differ between runs: %v and %v", f, b[i])
		}
		if len(f) < 20 || len(f) > 21 {
			t.Errorf("fold %d has %d items, want 20 or 21", i, len(f))
		}
		for _, x := range f {
			if seen[x] {
				t.Errorf("item %d in two folds", x)
			}
			seen[x] = true
		}
	}
	if len(seen) != 103 {
		t.Errorf("folds hold %d items, want 103", len(seen))
	}
}

// TestDevFigures scores the shipped extraction on the PolNeAR development
// articles, when they are there: a floor that a broken extraction or
// scorer falls through.
func TestDevFigures(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "..", "shared", "data")
	if _, err := os.Stat(filepath.Join(dir, "polnear_dev.jsonl")); err != nil {
		t.Skip("no development data")
	}
	docs, err := ReadJSONL[PolnearDoc](filepath.Join(dir, "polnear_dev.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	as := make([]Article, len(docs))
	for i := range docs {
		as[i] = docs[i].Article()
	}
	preds, err := Predict(as, Shipped())
	if err != nil {
		t.Fatal(err)
	}
	s := ScoreQuotes(docs, preds)
	if s.Direct.Gold != 603 || s.SpeakerNamed == 0 || s.Direct.F1() < 0.9 {
		t.Errorf("PolNeAR dev: %v", s)
	}
	roles, err := ReadJSONL[RolesDoc](filepath.Join(dir, "polnear_dev_roles.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	all := ScoreRoles(roles, preds)
	byFold, err := RolesByFold(docs, roles, 5)
	if err != nil {
		t.Fatal(err)
	}
	// the collection gives roles, never speakers
	if all.RoleN == 0 || byFold.RoleN != all.RoleN || byFold.RoleAccuracy() < 0.85 {
		t.Errorf("PolNeAR dev roles: all articles %v; by fold %v", all, byFold)
	}
}

// TestDumpEntityErrors checks the lines of the error dump: a predicted
// organization that the gold labels as another kind, one that matches no
// gold name, missed ones, and a false person, each with its context.
func TestDumpEntityErrors(t *testing.T) {
	var d ConllDoc
	if err := json.Unmarshal([]byte(`{"id":"d1","text":"Acme Corp and Nordvik Bank rose on the Nasdaq. Interior","entities":[
		{"type":"ORG","text":"Acme Corp"},{"type":"ORG","text":"Nordvik Bank"},{"type":"MISC","text":"Nasdaq"}]}`), &d); err != nil {
		t.Fatal(err)
	}
	p := Prediction{Organizations: []string{"Acme", "Nasdaq", "Interior"}, People: []string{"Nordvik"}}
	var b strings.Builder
	dumpEntityErrors(&b, d, p, nil)
	want := "ORG\tFP\t-\tInterior\td1\tAcme Corp and Nordvik Bank rose on the Nasdaq. [Interior]\n" +
		"ORG\tFP\tMISC\tNasdaq\td1\tAcme Corp and Nordvik Bank rose on the [Nasdaq]. Interior\n" +
		"ORG\tFN\tORG\tNordvik Bank\td1\tAcme Corp and [Nordvik Bank] rose on the Nasdaq. Interior\n" +
		"PER\tFP\t-\tNordvik\td1\tAcme Corp and [Nordvik] Bank rose on the Nasdaq. Interior\n"
	if got := b.String(); got != want {
		t.Errorf("dumpEntityErrors = %q, want %q", got, want)
	}
	// With the fold's names, the unseen ones are marked.
	b.Reset()
	dumpEntityErrors(&b, d, Prediction{Organizations: []string{"Interior"}}, map[string]bool{Fold("Interior"): true})
	want = "ORG\tFP\t-\tInterior\td1\tAcme Corp and Nordvik Bank rose on the Nasdaq. [Interior]\n" +
		"ORG\tFN\tORG\tNordvik Bank\td1\tAcme Corp and [Nordvik Bank] rose on the Nasdaq. Interior\tunseen\n" +
		"ORG\tFN\tORG\tAcme Corp\td1\t[Acme Corp] and Nordvik Bank rose on the Nasdaq. Interior\tunseen\n"
	if got := b.String(); got != want {
		t.Errorf("dumpEntityErrors with seen names = %q, want %q", got, want)
	}
}

// TestUnseenNames scores a tiny fold: a name labelled in training as any
// kind, after folding, is seen ("Acme-Widgets" for "Acme Widgets", the
// place "Jordan" for the person); only the others count as unseen, on
// both the gold side and the predicted.
func TestUnseenNames(t *testing.T) {
	var train, test ConllDoc
	if err := json.Unmarshal([]byte(`{"id":"t1","text":"x","entities":[{"type":"PER","text":"Bill Clinton"},
		{"type":"ORG","text":"Acme-Widgets"},{"type":"LOC","text":"Jordan"},{"type":"ORG","text":"Reuters"}]}`), &train); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(`{"id":"d1","text":"x","entities":[{"type":"PER","text":"Bill Clinton"},
		{"type":"PER","text":"Jordan"},{"type":"PER","text":"Ana Kowalczyk"},{"type":"ORG","text":"Acme Widgets"},
		{"type":"ORG","text":"Reuters"},{"type":"ORG","text":"Tarvos Mining"},{"type":"ORG","text":"Lindqvist Fund"}]}`), &test); err != nil {
		t.Fatal(err)
	}
	preds := map[string]Prediction{"d1": {
		People:        []string{"Bill Clinton", "Ana Kowalczyk", "Quorn Dale"},
		Organizations: []string{"Acme Widgets", "Tarvos", "Reuters", "Jordan"},
	}}
	s := scoreEntities([]ConllDoc{test}, preds, nil, nil, labelledNames([]ConllDoc{train}))
	if want := (PRF{Found: 1, Gold: 1, Right: 1, Predicted: 2}); s.UnseenPeople != want {
		t.Errorf("unseen people = %+v, want %+v", s.UnseenPeople, want)
	}
	if want := (PRF{Found: 1, Gold: 2, Right: 1, Predicted: 1}); s.UnseenOrganizations != want {
		t.Errorf("unseen organizations = %+v, want %+v", s.UnseenOrganizations, want)
	}
	if want := (PRF{Found: 2, Gold: 3, Right: 2, Predicted: 3}); s.People != want {
		t.Errorf("people = %+v, want %+v", s.People, want)
	}
	if !strings.Contains(s.String(), "organizations, unseen names P=1.000 R=0.500") {
		t.Errorf("String() = %q, want the unseen organizations' figures", s)
	}
	if d := ScoreEntities([]ConllDoc{test}, preds, nil); d.UnseenPeople != (PRF{}) || strings.Contains(d.String(), "unseen") {
		t.Errorf("ScoreEntities without a fold = %q, want no unseen figures", d)
	}
}

func TestMeanSD(t *testing.T) {
	for _, tt := range []struct {
		xs       []float64
		mean, sd float64
	}{
		{[]float64{0.8}, 0.8, 0},
		{[]float64{0.7, 0.9}, 0.8, 0.1414},
		{[]float64{1, 2, 3, 4}, 2.5, 1.2910},
	} {
		mean, sd := meanSD(tt.xs)
		if math.Abs(mean-tt.mean) > 1e-4 || math.Abs(sd-tt.sd) > 1e-4 {
			t.Errorf("meanSD(%v) = %.4f, %.4f, want %.4f, %.4f", tt.xs, mean, sd, tt.mean, tt.sd)
		}
	}
}

func TestEntityRepeats(t *testing.T) {
	// Two seeds: people P 0.9 and 0.5, R 0.9 and 0.7 (F1 0.9 and 0.583),
	// organizations alike in both, no unseen names.
	rs := EntityRepeats{
		{People: PRF{Found: 9, Gold: 10, Right: 9, Predicted: 10}, Organizations: PRF{Found: 3, Gold: 4, Right: 3, Predicted: 3}},
		{People: PRF{Found: 7, Gold: 10, Right: 6, Predicted: 12}, Organizations: PRF{Found: 3, Gold: 4, Right: 3, Predicted: 3}},
	}
	want := `people P=0.700±0.283 R=0.800±0.141 F1=0.742±0.224 (F1 0.583–0.900; gold 10, predicted 11)
organizations P=1.000±0.000 R=0.750±0.000 F1=0.857±0.000 (F1 0.857–0.857; gold 4, predicted 3)
countries P=0.000±0.000 R=0.000±0.000 F1=0.000±0.000 (F1 0.000–0.000; gold 0, predicted 0)
entities: people_f1=0.742 organizations_f1=0.857 countries_f1=0.000`
	if got := rs.String(); got != want {
		t.Errorf("EntityRepeats.String() =\n%s\nwant\n%s", got, want)
	}
	// One seed prints its own figures, spread zero, and EntityScore's summary.
	one := EntityRepeats{rs[0]}.String()
	if !strings.HasSuffix(one, rs[0].String()[strings.LastIndex(rs[0].String(), "entities:"):]) || !strings.Contains(one, "people P=0.900±0.000") {
		t.Errorf("EntityRepeats{one}.String() = %q, want the seed's figures and summary", one)
	}
}

// TestHeldOutRolesAnnotation checks the held-out roles annotation the way
// its README says it was made: known roles and kinds, no name twice in an
// article, and, where the PolNeAR articles are at hand, every article one of
// them and every evidence verbatim in its text, at most 20 words.
func TestHeldOutRolesAnnotation(t *testing.T) {
	type speaker struct {
		Name, Role, Affiliation, Evidence, Kind string
	}
	type doc struct {
		ID       string
		Speakers []speaker
	}
	docs, err := ReadJSONL[doc](filepath.Join("..", "..", "..", "testdata", "roles", "polnear_train_roles.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) < 40 {
		t.Fatalf("%d articles annotated, want the sample of 49", len(docs))
	}
	collapse := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	texts := map[string]string{}
	dir := filepath.Join("..", "..", "..", "..", "shared", "data")
	if polnear, err := ReadJSONL[PolnearDoc](filepath.Join(dir, "polnear_train.jsonl")); err == nil {
		for _, d := range polnear {
			texts[d.ID] = collapse(d.Text)
		}
	}
	for _, d := range docs {
		seen := map[string]bool{}
		for _, s := range d.Speakers {
			if !slices.Contains([]string{quote.RoleAnalyst, quote.RoleOfficial, quote.RoleOther}, s.Role) ||
				s.Kind != "person" && s.Kind != "organization" || s.Name == "" || seen[s.Name] {
				t.Errorf("%s: speaker %+v: unknown role or kind, no name or a name twice", d.ID, s)
			}
			seen[s.Name] = true
			if len(texts) == 0 {
				continue
			}
			text, ok := texts[d.ID]
			switch {
			case !ok:
				t.Errorf("%s: not an article of polnear_train.jsonl", d.ID)
			case len(strings.Fields(s.Evidence)) > 20 || !strings.Contains(text, collapse(s.Evidence)):
				t.Errorf("%s: %s: evidence %q not verbatim in the text or over 20 words", d.ID, s.Name, s.Evidence)
			}
		}
	}
}

// TestSplitFolds checks that split 0 is Folds' split and another split
// differs.
func TestSplitFolds(t *testing.T) {
	a, b, c := Folds(103, 5), SplitFolds(103, 5, 0), SplitFolds(103, 5, 1)
	for i := range a {
		if !slices.Equal(a[i], b[i]) {
			t.Fatalf("SplitFolds(103, 5, 0) fold %d = %v, want Folds' %v", i, b[i], a[i])
		}
	}
	if slices.Equal(a[0], c[0]) {
		t.Errorf("SplitFolds(103, 5, 1) fold 0 = Folds' %v, want another split", a[0])
	}
}
