// Headline words: a capitalized word of a headline reads like a surname
// ("Deepfake audio of …"), but a person a headline names is named in the
// story under it too.

package entity

// headlineWords takes from the people the one-word names of a headline
// that the story under it never writes. The headline is a short first
// line, without a full stop, that more text follows.
func (x *extraction) headlineWords() {
	toks := x.toks
	end := 0
	for end = 1; end < len(toks) && !toks[end].lineStart; end++ {
	}
	if end >= len(toks) || end > 25 || toks[end-1].norm == "." {
		return
	}
	story := map[string]bool{}
	for _, t := range toks[end:] {
		story[t.lower] = true
	}
	changed := false
	for k, s := range x.spans {
		if s.kind == kPer && s.j-s.i == 1 && s.i < end && !story[toks[s.i].lower] {
			x.spans[k].kind = kMisc
			changed = true
		}
	}
	if changed {
		x.buildOwner()
	}
}
