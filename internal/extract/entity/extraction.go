package entity

import (
	"sort"
	"strings"

	world "github.com/newsindex/newsindex/internal/extract/gazetteer"
)

// span is a run of tokens toks[i:j] read as one entity.
type span struct {
	i, j int
	kind int // 1 PER, 2 ORG, 3 LOC, 4 MISC, as tagKind
}

const (
	kPer  = 1
	kOrg  = 2
	kLoc  = 3
	kMisc = 4
)

// extraction is one document on its way through the passes: its tokens and
// the spans read as entities so far.
type extraction struct {
	text  string
	toks  []token
	model *model
	spans []span
	// personMargin is, for each token the tagger tagged B-PER, how far
	// its reading as a person stood above any other (tagMargins).
	personMargin []float32
	owner        []int     // token → index of its span, or -1
	pre          []Mention // mentions found before resolution (dateline states)
	// placeVerdict, while refinePeople runs, reports whether the lone
	// person's name at a token has been read as a place.
	placeVerdict    func(i int) bool
	placeCache      map[string][]world.Place // the world gazetteer's places by name, as looked up
	demonymAt       map[int]bool             // the starts of the country mentions that are demonyms ("Japanese")
	evidence        []Evidence               // what the text says of each country it names (about.go)
	resultLineCount int                      // lines of sports results ("Galway 2 Mayo 1"), as resultLines counts them
	bodyNames       map[string]bool          // lower-cased names that a cue a town's name takes showed to be bodies (bodies.go)
}

// passes are the steps of extraction in the order they run, each in its
// own file. Every pass reads the spans the ones before it left.
var passes = []struct {
	name string
	run  func(x *extraction)
}{
	{"tagging", (*extraction).tagSpans},                   // tagger.go
	{"cleaning spans", (*extraction).cleanSpans},          // spans.go
	{"datelines", (*extraction).datelines},                // datelines.go
	{"organization shapes", (*extraction).patternOrgs},    // patterns.go
	{"repeated names", (*extraction).consistency},         // consistency.go
	{"bodies by context", (*extraction).bodies},           // bodies.go
	{"kinds by reference", (*extraction).referenceKinds},  // references.go
	{"vessels by context", (*extraction).vessels},         // vessels.go
	{"groups of people", (*extraction).groups},            // groups.go
	{"lone names by context", (*extraction).refinePeople}, // refine.go
	{"headline words", (*extraction).headlineWords},       // headline.go
	{"places of the world", (*extraction).placeReadings},  // places.go
	{"one kind per name", (*extraction).oneKind},          // consistency.go
	{"tables of people", (*extraction).tableRows},         // tables.go
}

// extract runs the passes over text, then resolves the spans into
// mentions with canonical names (resolve.go).
func extract(text string, m *model) Result {
	x := &extraction{text: text, toks: tokenize(text), model: m}
	for _, p := range passes {
		p.run(x)
	}
	return x.resolve()
}

// tagSpans tags the tokens and reads each run of one kind as a span.
func (x *extraction) tagSpans() {
	toks := x.toks
	tags, margins := x.model.tagMargins(toks)
	x.personMargin = margins
	for i := 0; i < len(toks); {
		if tags[i] == tagO {
			i++
			continue
		}
		k := tagKind(tags[i])
		j := i + 1
		for j < len(toks) && isInside(tags[j]) && tagKind(tags[j]) == k && !toks[j].lineStart {
			j++
		}
		x.spans = append(x.spans, span{i, j, k})
		i = j
	}
}

// buildOwner sorts the spans and records which span holds each token.
func (x *extraction) buildOwner() {
	x.owner = make([]int, len(x.toks))
	for i := range x.owner {
		x.owner[i] = -1
	}
	sort.Slice(x.spans, func(a, b int) bool { return x.spans[a].i < x.spans[b].i })
	for si, s := range x.spans {
		for k := s.i; k < s.j; k++ {
			x.owner[k] = si
		}
	}
}

// words joins the words of span s as the text writes them.
func (x *extraction) words(s span) string {
	var b strings.Builder
	for k := s.i; k < s.j; k++ {
		if x.toks[k].norm == `"` {
			continue // a nickname's marks (see nicknames)
		}
		if k > s.i && x.toks[k].start > x.toks[k-1].end {
			b.WriteByte(' ')
		}
		b.WriteString(x.toks[k].norm)
	}
	return b.String()
}
