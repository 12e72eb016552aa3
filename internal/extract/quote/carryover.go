// Carrying a speaker over: a quotation with no cue of its own takes the
// speaker of the speech before it, in its paragraph or the one before.

package quote

import "sort"

// carryOver gives the quotations that have no cue of their own the speaker
// of the speech just before them: an earlier quotation or reported speech in
// the same paragraph, or in the paragraph before when the quotation opens
// its paragraph ("Warren said. (new paragraph) “…”", continuation paragraphs).
func (d *doc) carryOver() {
	toks := d.toks
	events := append(append([]*rawQuote{}, d.quotes...), d.reported...)
	sort.SliceStable(events, func(i, j int) bool { return events[i].start < events[j].start })
	for _, q := range d.quotes {
		if !q.pending {
			continue
		}
		para := toks[q.open].para
		var prev *rawQuote
		for _, e := range events {
			if e.start >= q.start {
				break
			}
			if e.sp.kind != spNone || e.inherit != nil {
				prev = e
			}
		}
		pp := -1
		if prev != nil && prev != q {
			pp = d.paraOf(prev.start)
		}
		opens := q.cont || q.open == d.paraStart(para)
		switch {
		case pp == para:
			q.inherit = prev
		case !opens:
			// "Clinton touted her credentials … “…”": the paragraph's subject
			if ps := d.paraStart(para); ps < q.open {
				if sp, ok := d.subject(ps, d.frameEnd(ps)); ok && sp.kind != spPronoun {
					q.sp = sp
				}
			}
		case pp < 0:
		case pp == para-1:
			q.inherit = prev
		case pp == para-2 && prev.sp.kind == spPerson && len(prev.sp.name) > 0 && d.mentions(para-1, prev.sp.name[len(prev.sp.name)-1].lw):
			// a paragraph about the speaker between the speech and the quotation
			q.inherit = prev
		}
	}
}

// mentions reports whether paragraph p holds the word lw outside quotations.
func (d *doc) mentions(p int, lw string) bool {
	for k := d.paraStart(p); k < d.paraEnd[p]; k++ {
		if t := d.toks[k]; !t.inQ && stripPossessive(t.lw) == lw {
			return true
		}
	}
	return false
}
