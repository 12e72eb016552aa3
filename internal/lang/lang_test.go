package lang

import (
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestNormalize(t *testing.T) {
	for in, want := range map[string]string{
		"pt-BR": "pt", "en_US": "en", "EN": "en", "no": "nb", "nb-NO": "nb", "sr-Latn": "sr",
		"zh-Hans-CN": "zh", "fr;q=0.8": "fr", " de ": "de", "und": Und, "mul": Und,
		"": "", "*": "", "english": "", "x-klingon": "", "e1": "", "iw": "he", "fra": "fr",
	} {
		if got := Normalize(in); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", in, got, want)
		}
	}
}

// Invented news sentences, one a language; each is long enough that the
// first stage or the n-gram models should be sure.
var samples = map[string]string{
	"en": "The central bank kept its main interest rate unchanged on Thursday and said inflation would fall slowly over the coming year.",
	"fr": "Le gouvernement a annoncé jeudi une baisse des impôts pour les ménages les plus modestes à partir de l'année prochaine.",
	"de": "Die Regierung hat am Donnerstag angekündigt, die Steuern für Familien mit geringem Einkommen im nächsten Jahr zu senken.",
	"es": "El gobierno anunció el jueves una rebaja de impuestos para las familias con menos ingresos a partir del próximo año.",
	"it": "Il governo ha annunciato giovedì un taglio delle tasse per le famiglie con redditi più bassi a partire dal prossimo anno.",
	"pt": "O governo anunciou na quinta-feira uma redução dos impostos para as famílias com menores rendimentos a partir do próximo ano.",
	"nl": "De regering heeft donderdag aangekondigd dat de belastingen voor gezinnen met een laag inkomen volgend jaar worden verlaagd.",
	"sv": "Regeringen meddelade på torsdagen att skatterna för hushåll med låga inkomster ska sänkas från och med nästa år.",
	"da": "Regeringen meddelte torsdag, at skatten for familier med lave indkomster vil blive sat ned fra næste år.",
	"nb": "Regjeringen kunngjorde torsdag at skatten for familier med lave inntekter skal settes ned fra neste år.",
	"fi": "Hallitus ilmoitti torstaina, että pienituloisten perheiden veroja alennetaan ensi vuoden alusta alkaen.",
	"hu": "A kormány csütörtökön bejelentette, hogy jövőre csökkentik az alacsony jövedelmű családok adóit.",
	"ro": "Guvernul a anunțat joi o reducere a impozitelor pentru familiile cu venituri mici începând de anul viitor.",
	"tr": "Hükümet perşembe günü düşük gelirli ailelerin vergilerinin gelecek yıldan itibaren indirileceğini açıkladı.",
	"ru": "Правительство в четверг объявило о снижении налогов для семей с низкими доходами начиная со следующего года.",
	"pl": "Rząd ogłosił w czwartek obniżkę podatków dla rodzin o niskich dochodach począwszy od przyszłego roku.",
	"uk": "Уряд у четвер оголосив про зниження податків для сімей з низькими доходами починаючи з наступного року.",
	"zh": "政府星期四宣布，从明年开始降低低收入家庭的税收。",
	"ja": "政府は木曜日、来年から低所得世帯の税金を引き下げると発表した。",
	"ko": "정부는 목요일 내년부터 저소득 가구의 세금을 낮추겠다고 발표했다.",
	"ar": "أعلنت الحكومة يوم الخميس عن خفض الضرائب على الأسر ذات الدخل المنخفض اعتبارا من العام المقبل.",
	"el": "Η κυβέρνηση ανακοίνωσε την Πέμπτη μείωση των φόρων για τις οικογένειες με χαμηλά εισοδήματα από τον επόμενο χρόνο.",
	"hr": "Vlada je u četvrtak najavila da će od sljedeće godine smanjiti poreze obiteljima s niskim primanjima i uvjetima.",
	"sr": "Vlada je u četvrtak saopštila da će od sledeće godine smanjiti poreze porodicama sa niskim primanjima, a predsednik je rekao da je to uslov.",
}

func TestDetect(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the n-gram models")
	}
	for want, text := range samples {
		if got := Detect(text); got != want {
			t.Errorf("Detect(%s sample) = %q, want %q", want, got, want)
		}
	}
}

func TestDetectUndetermined(t *testing.T) {
	for _, text := range []string{"", "OK", "12:30", "Shr 34 cts vs 1.19 dlrs Net 807,000 vs 2,858,000 Assets 510.2 mln vs 479.7 mln Deposits 472.3 mln vs 440.3 mln Loans 299.2 mln vs 327.2 mln Revs 20.9 mln"} {
		if got := Detect(text); got != Und {
			t.Errorf("Detect(%q) = %q, want und", text, got)
		}
	}
}

func TestResolve(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the n-gram models")
	}
	for _, c := range []struct {
		declared, text, code, source string
	}{
		{"", samples["fr"], "fr", SourceDetected},
		{"fr-FR", samples["fr"], "fr", SourceMetadata},
		{"en", samples["fr"], "fr", SourceDetected},      // the text disagrees
		{"nb", samples["da"], "nb", SourceMetadata},      // a close relative: the source knows better
		{"de", "Shr 34 cts", "de", SourceMetadata},       // too short to disagree
		{"eu", samples["es"], "eu", SourceMetadata},      // a language detection does not know
		{"english", samples["en"], "en", SourceDetected}, // not a tag
	} {
		code, source := Resolve(c.declared, c.text)
		if code != c.code || source != c.source {
			t.Errorf("Resolve(%q, %.20q…) = %q, %q; want %q, %q", c.declared, c.text, code, source, c.code, c.source)
		}
	}
}

func TestIjekavian(t *testing.T) {
	for w, want := range map[string]bool{"mjesto": true, "vrijeme": true, "djeca": true, "nije": false, "linije": false, "ljudi": false, "njega": false, "je": false, "mesto": false} {
		if got := ijekavian(w); got != want {
			t.Errorf("ijekavian(%q) = %v, want %v", w, got, want)
		}
	}
}

func TestVoteIgnoresAbbreviationsAndInitials(t *testing.T) {
	// "U.S.", "N.Z." and "W." spell the one-letter stop words of Czech
	// and Dutch ("u", "s", "v", "z"); only the English words may vote.
	text := "The U.S. and N.Z. officials said on Monday that John W. Johnstone, who runs the U.S. unit, will retire from the board in April, and that the company is looking for a successor."
	if got := vote(text); got != "en" {
		t.Errorf("vote(%q) = %q, want en", text, got)
	}
}

func TestDetectNamesAndNumbers(t *testing.T) {
	// A results table: names of clubs, which n-gram models read as the
	// language they come from, and scores.
	text := "SOCCER - LEAGUE RESULTS\nHajduk 2 Proleter 0\nZemun 1 Rad 0\nBorac 1 Mladost 2\nCukaricki 1 Vojvodina 0\nPartizan 6 Becej 0\nPartizan 4 3 1 0 9 3 10\nVojvodina 4 3 0 1 6 2 9"
	if got := Detect(text); got != Und {
		t.Errorf("Detect(results table) = %q, want und", got)
	}
}

func TestDetectDecomposedText(t *testing.T) {
	// The same sentence with its marks as combining characters.
	composed := "Mọi người đều có quyền tự do đi lại và cư trú trong phạm vi lãnh thổ của mỗi quốc gia."
	decomposed := norm.NFD.String(composed)
	if got := Detect(decomposed); got != "vi" {
		t.Errorf("Detect(decomposed Vietnamese) = %q, want vi", got)
	}
}

func TestLatinSerbian(t *testing.T) {
	for text, want := range map[string]bool{
		"Svako ima pravo na bezbednost i slobodu.":              true,  // Serbian words
		"Vlada treba da donese odluku o porezima.":              true,  // "treba da" and a verb
		"Vlada je u četvrtak najavila nove mjere za obitelji.":  false, // ijekavian "mjere"
		"Podjednaka prava za sve, a nijedan zakon ih ne ukida.": false, // "je" of a root, no reflex
	} {
		if got := latinSerbian(text); got != want {
			t.Errorf("latinSerbian(%q) = %v, want %v", text, got, want)
		}
	}
}
