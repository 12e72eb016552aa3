// Output: every speaker resolved, the ranker asked where the rules found none,
// the pieces of one statement joined, and the Quotes built.

package quote

import (
	"sort"
	"strings"
)

// output resolves every speaker and returns the quotations in text order.
func (d *doc) output() []Quote {
	var out []Quote
	root := func(q *rawQuote) *rawQuote {
		for n := 0; q.inherit != nil && n < 100; n++ {
			q = q.inherit
		}
		return q
	}
	// named speakers are antecedents too, those whom resolution keeps: a
	// capitalised word read as a speaker ("Republican" of "Republican
	// claims … they lack") would take a later "he" from the person named
	// before it and leave it no one's, for the ranker to give the listener
	// (“…,” he told InsideSources)
	for _, qs := range [][]*rawQuote{d.quotes, d.reported} {
		for _, q := range qs {
			if q.sp.kind == spPerson {
				if n, _ := d.resolve(q.sp); n != "" && d.plausible(d.tidy(n), spPerson) {
					d.refs = append(d.refs, personRef{pos: q.sp.pos, name: n, g: gender(n)})
					d.speakerRefs = append(d.speakerRefs, personRef{pos: q.sp.pos, name: n, g: gender(n)})
				}
			}
		}
	}
	sort.SliceStable(d.refs, func(i, j int) bool { return d.refs[i].pos < d.refs[j].pos })
	sort.SliceStable(d.speakerRefs, func(i, j int) bool { return d.speakerRefs[i].pos < d.speakerRefs[j].pos })
	for _, qs := range [][]*rawQuote{d.quotes, d.reported} {
		for _, q := range qs {
			if q.inherit == nil {
				q.speaker, q.kind = d.resolve(q.sp)
				if q.kind == spDescribed || q.kind == spGroup {
					d.described[q.speaker] = true
					continue
				}
				q.speaker = d.tidy(q.speaker)
				if q.speaker != "" && !d.plausible(q.speaker, q.kind) {
					q.speaker = ""
				}
			}
		}
	}
	rules := make([]string, len(d.quotes))
	kept := make([]string, len(d.quotes)) // the speaker each quotation takes if the ranker names no one
	d.carried = map[*rawQuote]string{}
	for i, q := range d.quotes {
		r := root(q)
		rules[i] = r.speaker
		// a group speaks where a quotation's own sentence says so ("“…,”
		// White House officials said"), and in the pieces that follow;
		// a quotation after its reported speech is more often a person's
		// named with it, and one the group's sentence reports another
		// saying is theirs ("Obama said he expected that Americans will
		// say “no”", insideSpeech)
		if r.kind == spGroup && (r.rule == "" || d.insideSpeech(r.sp.pos)) {
			rules[i] = ""
		}
		// a speaker carried over from a quotation of an earlier paragraph
		// is one candidate of the ranker's ("carried"), who keeps the
		// quotation where the ranker names no one
		if rules[i] != "" && r != q && d.toks[r.open].para != d.toks[q.open].para {
			kept[i], d.carried[q] = rules[i], rules[i]
			rules[i] = ""
		} else {
			kept[i] = rules[i]
		}
	}
	// a description kept as written is the ranker's to name, when the one
	// it names bears the description's post (described.go)
	described := make([]bool, len(d.quotes))
	for i, q := range d.quotes {
		if r := root(q); r.kind == spDescribed && rules[i] == r.speaker {
			described[i], rules[i] = true, ""
		}
	}
	if d.collect != nil {
		d.collect(d.quotes, rules)
	}
	ranked := rules
	if d.ranker != nil {
		ranked = d.rerank(d.ranker, rules)
	}
	for i := range ranked {
		if described[i] && ranked[i] != "" && !d.bearsPost(root(d.quotes[i]).sp, ranked[i]) {
			ranked[i] = ""
		}
		if ranked[i] == "" {
			ranked[i] = kept[i]
		}
	}
	for i, q := range d.quotes {
		src := root(q)
		if ranked[i] != kept[i] || src.speaker != kept[i] {
			named := &rawQuote{speaker: ranked[i], kind: d.nameKind(ranked[i])}
			if described[i] {
				named.sp = src.sp // the description is how the article names them
			}
			src = named
		}
		x := d.quote(q, src, q.cue)
		if i > 0 && d.sameUtterance(d.quotes[i-1], q) && out[len(out)-1].Speaker == x.Speaker {
			last := &out[len(out)-1]
			if last.Pieces == nil {
				last.Pieces = [][2]int{{last.Start, last.End}}
			}
			last.Pieces = append(last.Pieces, [2]int{x.Start, x.End})
			last.Text += PieceSeparator + x.Text
			last.End = x.End
			if last.Cue == "" {
				last.Cue = x.Cue
			}
			continue
		}
		out = append(out, x)
	}
	for _, q := range d.reported {
		if q.speaker == "" {
			continue
		}
		out = append(out, d.quote(q, q, q.cue))
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}

// nameKind tells whether the ranker's choice n is an organization the
// article names (spOrg) or a person.
func (d *doc) nameKind(n string) int {
	for _, o := range d.ents.Organizations {
		if o == n {
			return spOrg
		}
	}
	return spPerson
}

// sameUtterance reports whether quotation b continues a, the quotation
// before it, as one statement: in the same paragraph, with no cue of its own
// ("“…,” she said. “…”", "“…,” he said, “…”", "“…” “…”"). Such pieces
// are one Quote, the way news writing splits one statement around its
// attribution; a new cue ("“…,” he said. He added: “…”") starts another.
func (d *doc) sameUtterance(a, b *rawQuote) bool {
	toks := d.toks
	if !a.direct || !b.direct || a.unclosed || b.cont || toks[a.open].para != toks[b.open].para {
		return false
	}
	// a title is not a piece of speech: “Fox News Sunday” … “to mock”
	if !d.speechPiece(a) || !d.speechPiece(b) {
		return false
	}
	switch {
	case b.inherit == a:
		return true
	case b.cue != "" && a.cue != "" && b.cueTok == a.cueTok && b.sp.kind != spNone:
		return true
	}
	// nothing but space between the two
	return b.open == a.close+1 && b.sp.kind == spNone && b.inherit == nil
}

// speechPiece reports whether q reads as a piece of speech rather than a
// name or title: four words or more, or fewer, not all capitalised, and
// punctuated inside its marks.
func (d *doc) speechPiece(q *rawQuote) bool {
	words, caps := 0, 0
	for k := q.open + 1; k < q.close && k < len(d.toks); k++ {
		if t := d.toks[k]; t.kind == kWord {
			words++
			if t.isCap() {
				caps++
			}
		}
	}
	last := d.toks[q.close-1]
	return words >= 4 || caps < words && last.kind == kPunct && strings.ContainsAny(last.w, ",.?!;")
}

// quote builds the Quote for q, whose speaker is that of src.
func (d *doc) quote(q, src *rawQuote, cue string) Quote {
	r := d.role(src)
	return Quote{Text: d.text[q.start:q.end], Speaker: src.speaker, Role: r.role, Affiliation: r.affiliation,
		Cue: cue, Direct: q.direct, Start: q.start, End: q.end, Mention: d.mention(src), RoleRead: r.read,
		Described: d.described[src.speaker]}
}

// mention returns the words of the phrase that names q's speaker, on one
// line.
func (d *doc) mention(q *rawQuote) string {
	if q.speaker == "" || q.sp.kind == spNone || q.sp.pos < 0 || q.sp.end <= q.sp.pos || q.sp.end > len(d.text) {
		return ""
	}
	return strings.Join(strings.Fields(d.text[q.sp.pos:q.sp.end]), " ")
}
