package foreign

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// countryTests lists sentences with the countries, organizations and places
// they name; a name prefixed with "!" must not be found.
var countryTests = []struct {
	name, lang, text string
	want             []string // C:country, O:organization, L:place
}{
	{"french names and elision", "fr", "Le président a reçu les dirigeants de l'Allemagne et du Japon.",
		[]string{"C:Germany", "C:Japan"}},
	{"french demonym, feminine", "fr", "La diplomatie française et les entreprises italiennes.",
		[]string{"C:France", "C:Italy"}},
	{"french franc is no français", "fr", "Le prix est de dix francs suisses.",
		[]string{"!C:France", "C:Switzerland"}},
	{"french first name before a surname", "fr", "Maurice Papon a été condamné.",
		[]string{"!C:Mauritius"}},
	{"french country name that is a first name", "fr", "Le gouvernement de Maurice a annoncé des élections.",
		[]string{"C:Mauritius"}},
	{"french acronyms", "fr", "L'ONU, l'OTAN et l'UE se réunissent à Bruxelles.",
		[]string{"O:United Nations", "O:NATO", "O:European Union"}},
	{"french short name", "fr", "Les États-Unis et la Grande-Bretagne.",
		[]string{"C:United States", "C:United Kingdom"}},
	{"german names inflected", "de", "Deutschlands Exporte nach Frankreich und Irans Atomprogramm.",
		[]string{"C:Germany", "C:France", "C:Iran"}},
	{"german demonyms inflected", "de", "Die französischen Truppen und die Franzosen.",
		[]string{"C:France"}},
	{"german pole is no poland", "de", "Der magnetische Pol verschiebt sich.",
		[]string{"!C:Poland"}},
	{"german compounds", "de", "Die EU-Kommission und der UN-Sicherheitsrat tagen.",
		[]string{"O:European Commission", "O:UN Security Council", "!O:European Union"}},
	{"german inflected organization", "de", "Ein Sprecher der Vereinten Nationen sagte das.",
		[]string{"O:United Nations"}},
	{"spanish", "es", "El gobierno español y EE.UU. firmaron con la OTAN.",
		[]string{"C:Spain", "C:United States", "O:NATO"}},
	{"spanish mal is no mali", "es", "Una mala noticia: todo salió mal.",
		[]string{"!C:Mali"}},
	{"spanish sentence-initial common word", "es", "Meta alcanzada por el equipo.",
		[]string{"!O:Meta"}},
	{"italian", "it", "Gli Stati Uniti e il governo italiano. La Nato e l'Unione europea.",
		[]string{"C:United States", "C:Italy", "O:NATO", "O:European Union"}},
	{"portuguese", "pt", "O governo português e as empresas brasileiras. A ONU e a União Europeia.",
		[]string{"C:Portugal", "C:Brazil", "O:United Nations", "O:European Union"}},
	{"russian cases", "ru", "Во Франции и с Германией, в России.",
		[]string{"C:France", "C:Germany", "C:Russia"}},
	{"russian demonyms", "ru", "Французские войска и немецкие компании. Американцы.",
		[]string{"C:France", "C:Germany", "C:United States"}},
	{"russian organizations", "ru", "ООН, НАТО и Евросоюза.",
		[]string{"O:United Nations", "O:NATO", "O:European Union"}},
	{"caps headline acronym", "fr", "UN HOMME ARRÊTÉ À LYON APRÈS UNE COURSE-POURSUITE",
		[]string{"!O:United Nations"}},
	{"a capital named once is no country", "de", "Der Konzern hat ein Büro in Tokio eröffnet.",
		[]string{"!C:Japan", "L:Tokyo, Japan"}},
	{"a capital named twice", "fr", "Moscou a réagi. Selon Moscou, la décision est illégale.",
		[]string{"C:Russia"}},
	{"a dateline", "es", "MADRID (EFE) - El gobierno aprobó el presupuesto.",
		[]string{"C:Spain"}},
	{"cities of a country named twice", "fr", "La compagnie relie Marseille à Nice.",
		[]string{"L:Marseille, France", "L:Nice, France", "C:France"}},
	{"a city only at sentence start", "pt", "Porto de Sines bate recorde. Os operadores pedem mais.",
		[]string{"!L:Porto, Portugal", "!L:Osh, Kyrgyzstan"}},
	{"a city of two countries", "es", "El equipo de Valencia ganó la regata.",
		[]string{"!L:Valencia, Venezuela", "!L:Valencia, Spain"}},
	{"a city of two countries, one named", "es", "El equipo de Valencia ganó la regata en España.",
		[]string{"L:Valencia, Spain", "C:Spain"}},
	{"a headline run into a dateline", "de", "Schiffe drohten abzutreiben. Wien – Zwei Frachter lösten sich.",
		[]string{"C:Austria", "L:Vienna, Austria"}},
	{"german needs a locative before a city", "de", "Das Essen war gut, im Namen der Gäste.",
		[]string{"!L:Essen, Germany", "!L:Namur, Belgium"}},
	{"german city after a locative", "de", "Der Zug fährt nach Essen und dann nach Graz.",
		[]string{"L:Essen, Germany", "L:Graz, Austria"}},
	{"a first name is no city", "fr", "Il a rencontré Vladimir Poutine hier.",
		[]string{"!L:Vladimir, Russia"}},
	{"a state's name is no city abroad", "es", "El huracán llegó a Florida el lunes.",
		[]string{"!L:Floridablanca, Colombia"}},
	{"english names count in every language", "de", "Die Agentur Reuters berichtet über Iran.",
		[]string{"O:Reuters", "C:Iran"}},
}

func TestExtractNames(t *testing.T) {
	for _, tt := range countryTests {
		t.Run(tt.name, func(t *testing.T) {
			r := Extract(tt.text, tt.lang)
			got := map[string]bool{}
			for _, c := range r.Countries {
				got["C:"+c] = true
			}
			for _, o := range r.Organizations {
				got["O:"+o] = true
			}
			for _, p := range r.Places {
				got["L:"+p] = true
			}
			for _, w := range tt.want {
				if not, ok := strings.CutPrefix(w, "!"); ok {
					if got[not] {
						t.Errorf("Extract(%q, %s) found %s, want not; got %v", tt.text, tt.lang, not, r)
					}
				} else if !got[w] {
					t.Errorf("Extract(%q, %s) did not find %s; got %v", tt.text, tt.lang, w, r)
				}
			}
		})
	}
}

// TestLanguageOfNames checks that a language's names are read in its text
// only: "Allemagne" names Germany in French, nothing in German.
func TestLanguageOfNames(t *testing.T) {
	for _, tt := range []struct{ lang, text string }{
		{"de", "Allemagne"}, {"fr", "Deutschland"}, {"es", "Германия"}, {"it", "Franzosen"},
	} {
		if r := Extract("Le "+tt.text+" est là.", tt.lang); len(r.Countries) > 0 {
			t.Errorf("Extract(%q, %s).Countries = %v, want none", tt.text, tt.lang, r.Countries)
		}
	}
}

// quoteTests lists texts with their quotations, "speaker: text" when a
// speaker is found.
var quoteTests = []struct {
	name, lang, text string
	want             []string
}{
	{"french guillemets", "fr", "« Nous irons jusqu'au bout », a déclaré la ministre.",
		[]string{"Nous irons jusqu'au bout"}},
	{"french speaker before a colon", "fr", "Emmanuel Macron : « La France est prête à agir. »",
		[]string{"Emmanuel Macron: La France est prête à agir."}},
	{"french verb before a colon names no one", "fr", "Le ministre a déclaré : « Nous sommes prêts à agir. »",
		[]string{"Nous sommes prêts à agir."}},
	{"german low-high marks", "de", "„Wir schaffen das“, sagte die Kanzlerin.",
		[]string{"Wir schaffen das"}},
	{"german chevrons", "de", "»Das ist ein guter Tag«, schrieb er.",
		[]string{"Das ist ein guter Tag"}},
	{"german nested", "de", "„Er sagte ‚nie wieder‘ und ging dann nach Hause“, berichtete sie.",
		[]string{"Er sagte ‚nie wieder‘ und ging dann nach Hause"}},
	{"a title is no quotation", "de", "Der „Tatort“ läuft am Sonntag.", nil},
	{"spanish", "es", "«No vamos a ceder», dijo el ministro.", []string{"No vamos a ceder"}},
	{"italian curly", "it", "“Non cederemo mai”, ha detto.", []string{"Non cederemo mai"}},
	{"portuguese", "pt", "«Não vamos ceder nada», disse.", []string{"Não vamos ceder nada"}},
	{"russian with dash", "ru", "«Мы готовы к переговорам», — заявил министр.", []string{"Мы готовы к переговорам"}},
	{"russian speaker", "ru", "Путин: «Мы не отступим никогда».", []string{"Путин: Мы не отступим никогда"}},
	{"a country before a colon is no speaker", "ru", "Москва: «Мы не отступим никогда».", []string{"Мы не отступим никогда"}},
	{"polish", "pl", "„Nie ma na to zgody”, powiedział minister.", []string{"Nie ma na to zgody"}},
	{"swedish", "sv", "”Vi är redo nu”, sa hon.", []string{"Vi är redo nu"}},
	{"japanese", "ja", "政府は「交渉を続ける方針だ」と述べた。", []string{"交渉を続ける方針だ"}},
	{"chinese", "zh", "他说：“我们将继续推进改革开放。”", []string{"我们将继续推进改革开放。"}},
	{"straight quotes", "nl", `"We gaan door met de gesprekken", zei hij.`, []string{"We gaan door met de gesprekken"}},
	{"unclosed in its paragraph", "fr", "« Nous irons\n\njusqu'au bout », a-t-il dit.", nil},
}

func TestQuotations(t *testing.T) {
	for _, tt := range quoteTests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, q := range Extract(tt.text, tt.lang).Quotes {
				s := q.Text
				if q.Speaker != "" {
					s = q.Speaker + ": " + s
				}
				if tt.text[q.Start:q.End] != q.Text || !q.Direct {
					t.Errorf("quote %q: offsets %d:%d give %q, direct %v", q.Text, q.Start, q.End, tt.text[q.Start:q.End], q.Direct)
				}
				got = append(got, s)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("quotations of %q (%s) = %q, want %q", tt.text, tt.lang, got, tt.want)
			}
		})
	}
}

// FuzzExtract runs extraction over any text in a few languages: it must
// not panic, and each quotation's offsets must hold its text.
func FuzzExtract(f *testing.F) {
	for _, tt := range quoteTests {
		f.Add(tt.text)
	}
	for _, tt := range countryTests {
		f.Add(tt.text)
	}
	f.Add("«»„“\"\"「」:« »\n\n")
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return
		}
		for _, lang := range []string{"fr", "de", "ru", "ja", "xx"} {
			r := Extract(text, lang)
			for _, q := range r.Quotes {
				if q.Start < 0 || q.End > len(text) || q.Start > q.End || text[q.Start:q.End] != q.Text {
					t.Fatalf("Extract(%q, %s): quote %q at %d:%d", text, lang, q.Text, q.Start, q.End)
				}
			}
		}
	})
}

// TestUnclosedMarksAreLinear checks that text full of marks no one closes
// is read quickly.
func TestUnclosedMarksAreLinear(t *testing.T) {
	text := strings.Repeat("« un mot ", 20000)
	if r := Extract(text, "fr"); len(r.Quotes) != 0 {
		t.Errorf("%d quotations in unclosed marks", len(r.Quotes))
	}
}
