package engine

import "strings"

// NameSuffix ends the name of the news_name-analysed twin of a keyword
// field ("person" → "person_name"), in every engine's mapping: what
// field:value in a query searches.
const NameSuffix = "_name"

// Aliases returns names plus what else a user may type for them: the
// initials of multi-word names ("European Council on Foreign Relations" →
// "ECFR"), so that field:alias queries find the canonical entity.
func Aliases(names []string) []string {
	out := append([]string(nil), names...)
	for _, n := range names {
		if a := Initials(n); len(a) >= 2 {
			out = append(out, a)
		}
	}
	return out
}

// Initials returns the initials of a multi-word name, its small words
// left out, or "" for a single word.
func Initials(name string) string {
	words := strings.Fields(name)
	if len(words) < 2 {
		return ""
	}
	var b strings.Builder
	for _, w := range words {
		switch strings.ToLower(w) {
		case "of", "the", "for", "and", "on", "in", "at", "&":
			continue
		}
		b.WriteString(strings.ToUpper(w[:1]))
	}
	return b.String()
}

// NameField is the news_name-analysed field of a facet's names and their
// aliases, the same in every engine's mapping: "person_name".
func NameField(f Facet) string { return string(f) + NameSuffix }
