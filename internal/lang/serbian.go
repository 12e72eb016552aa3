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
// with a few words of their own ("hiljada"/"tisuća"). It reports whether the
// Serbian words outnumber the Croatian reflexes.
func latinSerbian(text string) bool {
	serbian, croatian := 0, 0
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) }) {
		switch {
		case ekavian[w]:
			serbian++
		case ijekavian(w):
			croatian++
		}
	}
	return serbian > croatian
}

// ijekavian reports whether a word has the Croatian reflex of yat: "je"
// after a consonant other than the l and n of the digraphs lj and nj
// ("mjesto", "svjetski", "djeca"), or "ije" inside the word ("vrijeme").
func ijekavian(w string) bool {
	rs := []rune(w)
	for i := 1; i+1 < len(rs); i++ {
		if rs[i] != 'j' || rs[i+1] != 'e' {
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
