// Finding quotations: the quotation marks of each paragraph are paired, and
// quotations are told from scare quotes, titles and headings.

package quote

import "strings"

// findQuotes pairs the quotation marks of each paragraph.
func (d *doc) findQuotes() {
	toks := d.toks
	var prevUnclosed bool
	for i := 0; i < len(toks); {
		p := toks[i].para
		end := d.paraEnd[p]
		open := -1
		first := true
		startsWithQuote := toks[i].kind == kQuote
		// Quotations nest when the paragraph's marks balance: curly ones
		// inside straight ones ("… “Do you think?” …"), or curly ones in
		// curly ones (“… what he calls “hell” than …”). Otherwise a second
		// opening mark is a stray one, and the first closing mark closes.
		straight, opens, closes := 0, 0, 0
		for j := i; j < end; j++ {
			switch toks[j].w {
			case `"`:
				straight++
			case "“":
				opens++
			case "”":
				closes++
			}
		}
		nest := opens == closes
		depth := 0
		for j := i; j < end; j++ {
			t := toks[j]
			if t.kind != kQuote {
				continue
			}
			if open < 0 {
				if t.w == "”" && j > i && toks[j-1].e == t.s {
					continue // a closing mark with no opening one
				}
				open, depth = j, 0
				continue
			}
			o := toks[open].w
			switch {
			case o == `"` && straight%2 == 0 && nest && (t.w == "“" || t.w == "”"):
				continue // curly marks inside straight ones
			case o == "“" && t.w == "“":
				if nest {
					depth++
				}
				continue // nested, or a stray opening: keep the first
			case o == "“" && t.w == "”" && depth > 0:
				depth--
				continue
			}
			d.addQuote(open, j, false, first && prevUnclosed && startsWithQuote && open == i)
			first = false
			open = -1
		}
		prevUnclosed = false
		if open >= 0 {
			d.addQuote(open, end, true, first && startsWithQuote && open == i && prevUnclosedAt(d, i))
			prevUnclosed = true
		}
		i = end
	}
}

// prevUnclosedAt reports whether the quotation before the last one found was
// left open before token i, so that the last one continues it.
func prevUnclosedAt(d *doc, i int) bool {
	if len(d.quotes) < 2 {
		return false
	}
	q := d.quotes[len(d.quotes)-2]
	return q.unclosed && q.close <= i
}

// addQuote records the quotation between the marks at tokens open and close
// when it is one (see acceptQuote).
func (d *doc) addQuote(open, close int, unclosed, cont bool) {
	toks := d.toks
	if close <= open+1 {
		return
	}
	s, e := toks[open].e, toks[close-1].e
	if !unclosed {
		e = toks[close].s
	}
	inner := strings.TrimSpace(d.text[s:e])
	if inner == "" {
		return
	}
	s += strings.Index(d.text[s:e], inner)
	e = s + len(inner)
	for e > s && strings.ContainsAny(d.text[e-1:e], ", ") {
		e--
	}
	// Two apostrophes are how some archives transliterate quotation marks; the
	// labelled data counts such quotations as reported, not direct, speech.
	direct := toks[open].w != "''"
	q := &rawQuote{open: open, close: close, unclosed: unclosed, cont: cont, start: s, end: e, direct: direct}
	if !d.acceptQuote(q) {
		return
	}
	for k := open; k < close && k < len(toks); k++ {
		toks[k].inQ = true
	}
	d.quotes = append(d.quotes, q)
}

// acceptQuote reports whether q is a quotation rather than a scare quote, a
// title or a heading.
func (d *doc) acceptQuote(q *rawQuote) bool {
	words, caps, small := 0, 0, 0
	sentence := false
	for k := q.open + 1; k < q.close && k < len(d.toks); k++ {
		t := d.toks[k]
		switch t.kind {
		case kWord:
			words++
			if t.isCap() {
				caps++
			} else if connectors[t.w] || t.w == "a" || t.w == "an" || t.w == "and" || t.w == "to" || t.w == "in" {
				small++
			}
		case kPunct:
			// the comma or period that closes a name in American style
			// (“Golden Week,”) makes no sentence of it
			if (t.isTerminal() || t.w == "," || t.w == ";" || t.w == ":") && k < q.close-1 {
				sentence = true
			}
		}
	}
	if words == 0 {
		return false
	}
	title := caps+small == words && !sentence && words <= 8
	if words >= 4 && !title {
		return true
	}
	if q.unclosed {
		return false
	}
	// a short quotation or a title counts when a cue introduces it and it ends a clause
	lastInner := d.toks[q.close-1]
	endsClause := lastInner.kind == kPunct && strings.Contains(".,!?;:", lastInner.w)
	if n := q.close + 1; n >= d.paraEnd[d.toks[q.open].para] {
		endsClause = true
	} else if t := d.toks[n]; t.kind == kPunct && strings.Contains(".,!?;:)—–-", t.w) {
		endsClause = true
	}
	// a term in quotation marks: "the new “strategic partnership” between"
	termBefore := q.open > 0 && termBefore[d.toks[q.open-1].lw]
	term := termBefore || title
	// a cue after it: “No,” she said, but not a name after a determiner
	// or a preposition ("called the “Golden Week,” saying …", "hosts of
	// “The Late Show,” the station said")
	if endsClause && d.cueAfter(q.close+1) && !(title && termBefore) {
		return true
	}
	governed, naming := false, false
	lo := d.sentenceStart(q.open)
	for k := q.open - 1; k >= lo; k-- {
		t := d.toks[k]
		if t.kind != kWord {
			continue
		}
		if namingVerbs[t.lw] && k >= q.open-8 {
			naming = true
		}
		if speechVerbs[t.lower()] || participleVerbs[t.lower()] {
			governed = true
		}
	}
	// a term in quotation marks ("the new “strategic partnership” between")
	// is no quotation, but a verb that takes the speaker's own words makes
	// one ("called the law a “crazy system” that", "urged voters to “stay
	// home” on")
	return (governed || naming) && !(title && termBefore) && (endsClause || !term || naming && !title)
}

// cueAfter reports whether a speech verb follows token i closely in the same
// sentence: “Wrong,” Briggs said.
func (d *doc) cueAfter(i int) bool {
	if i >= len(d.toks) || d.toks[i].para != d.toks[i-1].para {
		return false
	}
	end := d.frameEnd(i)
	for k := i; k < end && k < i+20; k++ {
		if t := d.toks[k]; t.kind == kWord && speechVerbs[t.lower()] {
			return true
		}
	}
	return false
}
