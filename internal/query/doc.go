// Package query parses the search-box syntax of newsindex into a small tree
// of nodes that the index translates into its own queries.
//
// # Syntax
//
// A query is a sequence of terms. Terms next to each other are ANDed:
//
//	north korea              articles with both words
//	"north korea"            the exact phrase; “curly”, „low“ and «guillemet» quotes work too
//	sanctions AND iran       the same as: sanctions iran
//	iran OR iraq             either word
//	(iran OR iraq) oil       parentheses group
//	-football                excludes the word; also -"a phrase", -person:trump, -(a b)
//	NOT football             the same as: -football
//	econom*                  words starting with "econom" (at least 2 letters or digits)
//	person:putin             a field; also person:"Vladimir Putin", person:put*
//	person:(putin OR xi)     a field applied to every term of a group
//
// Precedence, from tightest: NOT and "-", then AND (written or implied), then
// OR. So "a b OR c" is "(a b) OR c", and "-a b" is "(-a) b".
//
// Any of the quote marks above closes a phrase that any of them opened, and
// a quote mark inside a word begins a phrase: foo"bar" is foo "bar".
//
// Only the upper-case words AND, OR and NOT are operators; "and", "or" and
// "not" are plain words. "-" negates when it begins a term and something
// follows it directly ("-x"); inside a word ("covid-19") it is text. Two
// negations cancel: "--x" and "NOT -x" are "x".
//
// # Fields
//
// A field is written name:value, with no space after the colon. Names are
// matched without regard to case and have these spellings:
//
//	title         title, headline
//	body          body
//	source        source, sources
//	person        person, persons, people
//	country       country, countries
//	place         place, places (a city or region: place:arequipa)
//	organization  organization, organizations, organisation, organisations, org, orgs
//	analyst       analyst, analysts
//	category      category, categories
//	language      language, languages, lang (a language code: language:fr)
//
// A word whose part before the first colon is not one of these names is plain
// text, so "Note: x" and "https://example.com/a" search for words. "speaker"
// is deliberately not a field: the analyst field holds only the speakers
// classified as analysts, and reading speaker:x as analyst:x would silently
// miss officials. A field inside a field group overrides the group's field:
// in title:(a body:b), b is searched in the body.
//
// Values are kept as written (case included): the index decides how to
// normalise them. Prefix values are not analysed by the index, so it should
// lower-case them for analysed fields.
//
// # Ignored and rejected input
//
// A word or phrase with no letter or digit ("—", "&", "*", `""`) carries
// nothing to search for and is dropped, along with any operator applied to it
// alone; so are empty parentheses. A query that is empty, blank or only such
// words parses to nil, which means "match all".
//
// These are errors, of type *Error with the byte offset where the problem is:
// an unterminated phrase; unbalanced parentheses; AND or OR without a term on
// both sides; NOT or "-" with no term after it; a field name with no value
// right after its colon; a prefix shorter than MinPrefix; nesting of
// parentheses and negations deeper than MaxDepth; a query longer than
// MaxLength bytes, as written or in its canonical form (where a field before
// parentheses is spelled out on every term); invalid UTF-8; and a query that
// only excludes, like "-a",
// "-a -b" or "a OR -b" (it would match nearly every article), reported with
// Pos -1.
//
// # Canonical form
//
// Every node has a String method that prints the canonical form of the
// query: fields by their canonical name, straight quotes, "-" for NOT,
// single spaces, AND implied, and parentheses only where precedence needs
// them. Parsing a canonical form gives back the same canonical form.
package query
