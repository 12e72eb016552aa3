// Repeated names: the untagged repeats of names the tagger found elsewhere in
// the document get the same reading; one kind per name: an organization's
// reading in the minority gives way to a name's other reading.

package entity

import "strings"

// consistency tags the untagged occurrences of names the tagger found
// elsewhere in the document.
func (x *extraction) consistency() {
	seen := map[string]int{}   // lower-cased surface → kind
	first := map[string]bool{} // lower-cased first words of the names seen
	for _, s := range x.spans {
		if s.kind == kPer && s.j-s.i == 1 {
			continue // single names are joined to full names later
		}
		seen[strings.ToLower(x.words(s))] = s.kind
		first[x.toks[s.i].lower] = true
	}
	var add []span
	toks := x.toks
	for i := 0; i < len(toks); i++ {
		if x.owner[i] >= 0 || !isCap(toks[i].norm) || !first[toks[i].lower] {
			continue
		}
		for n := min(5, len(toks)-i); n >= 1; n-- {
			free := true
			for k := i; k < i+n; k++ {
				if x.owner[k] >= 0 || k > i && toks[k].lineStart {
					free = false
				}
			}
			if !free {
				continue
			}
			s := span{i, i + n, 0}
			if k, ok := seen[strings.ToLower(x.words(s))]; ok {
				if n == 1 && !toks[i].capsLine && isSentenceStart(toks, i) && k != kLoc {
					break
				}
				s.kind = k
				add = append(add, s)
				i += n - 1
				break
			}
		}
	}
	x.spans = append(x.spans, add...)
	x.buildOwner()
}

// oneKind gives the mentions of a name that the tagger read as an
// organization's the reading of most of its mentions where that is a
// name of another kind (MISC: events, products, indices): "Wimbledon" the
// championship, named once as a body in a document that names it thrice
// as the event.
func (x *extraction) oneKind() {
	misc, org := map[string]int{}, map[string]int{}
	names := make([]string, len(x.spans))
	for k, s := range x.spans {
		switch s.kind {
		case kMisc:
			names[k] = strings.ToLower(x.words(s))
			misc[names[k]]++
		case kOrg:
			names[k] = strings.ToLower(x.words(s))
			org[names[k]]++
		}
	}
	changed := false
	for k, s := range x.spans {
		if n := names[k]; s.kind == kOrg && misc[n] > org[n] {
			x.spans[k].kind = kMisc
			changed = true
		}
	}
	if changed {
		x.buildOwner()
	}
}
