package lang

import (
	"bufio"
	"embed"
	"fmt"
	"strings"
	"unicode"
)

//go:embed data
var data embed.FS

// ekavian holds data/ekavian.txt: Serbian words Croatian spells otherwise.
var ekavian = mustWords("data/ekavian.txt")

// mustWords reads a word list: one word a line, lower case, "#" comments.
// It panics naming the file and line of anything else, so that a broken
// list fails every test rather than detecting quietly worse.
func mustWords(path string) map[string]bool {
	f, err := data.Open(path)
	if err != nil {
		panic(fmt.Sprintf("lang: %v", err))
	}
	defer f.Close()
	out := map[string]bool{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		w := strings.TrimSpace(sc.Text())
		if w == "" || strings.HasPrefix(w, "#") {
			continue
		}
		if strings.ContainsFunc(w, func(r rune) bool { return !unicode.IsLetter(r) || unicode.IsUpper(r) }) {
			panic(fmt.Sprintf("lang: %s:%d: %q is not one lower-case word", path, n, w))
		}
		if out[w] {
			panic(fmt.Sprintf("lang: %s:%d: %q listed twice", path, n, w))
		}
		out[w] = true
	}
	if err := sc.Err(); err != nil {
		panic(fmt.Sprintf("lang: %s: %v", path, err))
	}
	return out
}

// latinSerbian tells Serbian from Croatian in Latin script, which n-gram
// models trained on Serbian in Cyrillic cannot. Both are one language with
// two standards; the surest mark between them is the old yat vowel, "e" in
// Serbian and "je" or "ije" in Croatian ("mesto"/"mjesto", "vreme"/"vrijeme"),
// with a few words of their own ("hiljada"/"tisuća", "ko"/"tko") and
// Serbian's "da" and a verb after a modal where Croatian has the infinitive
// ("treba da uradi"/"treba uraditi"). It reports whether the Serbian marks
// outnumber the Croatian ones.
func latinSerbian(text string) bool {
	serbian, croatian := 0, 0
	prev := ""
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) }) {
		switch {
		case ekavian[w]:
			serbian++
		case w == "da" && modals[prev]:
			serbian++
		case ijekavian(w):
			croatian++
		}
		prev = w
	}
	return serbian > croatian
}

// modals are the verbs after which Serbian says "da" and a verb in the
// present and Croatian mostly an infinitive.
var modals = map[string]bool{
	"može": true, "mogu": true, "možemo": true, "treba": true, "trebalo": true, "mora": true,
	"moraju": true, "moramo": true, "želi": true, "žele": true, "hoće": true, "neće": true,
	"počeo": true, "počela": true, "nastavlja": true,
}

// ijekavian reports whether a word has the Croatian reflex of yat: "je"
// after a consonant other than the l and n of the digraphs lj and nj
// ("mjesto", "svjetski", "djeca"), or "ije" inside the word ("vrijeme").
// A "je" that opens a root after a prefix, as in both standards
// ("podjednak", "nijedan", "subjekt", "objasniti"), is no reflex.
func ijekavian(w string) bool {
	rs := []rune(w)
	for i := 1; i+1 < len(rs); i++ {
		if rs[i] != 'j' || rs[i+1] != 'e' {
			continue
		}
		if rootAt(string(rs[i:])) {
			continue
		}
		prev := rs[i-1]
		if prev == 'i' && i >= 2 && i+2 < len(rs) {
			return true // "ije" inside the word
		}
		if strings.ContainsRune("bcčćdđfghkmprsštvzž", prev) {
			return true
		}
	}
	return false
}

// rootAt reports whether s opens with a root that begins in "je" in both
// standards: jedan and jednak, jezik, the Latin -ject- of objekt, jesen.
func rootAt(s string) bool {
	for _, root := range []string{"jedn", "jedin", "jedan", "jezi", "jekt", "jesen"} {
		if strings.HasPrefix(s, root) {
			return true
		}
	}
	return false
}
