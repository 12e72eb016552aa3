// Described speakers: a definite description of a person ("the Ohio
// governor", "the Republican presidential candidate") resolved to the one
// person the article names with that post and whose other words agree.

package quote

import "strings"

// description is a definite description of a person, as a speaker phrase
// reads it: "the Ohio governor" has the head "governor" and the proper
// modifier "ohio"; "the former Florida governor" the common modifier
// "former" too.
type description struct {
	head   string   // the person's noun that heads it, folded as titles are ("governor")
	proper []string // its capitalised modifiers, folded ("ohio", "republican")
	common []string // its lower-case modifiers ("presidential", "former")
}

// readDescription reads a speaker phrase of an unnamed person as a
// definite description: "the", modifiers, and a singular noun of a
// person's post or role (titles.txt). "the Democrats", "the officials" and
// "a campaign spokesman" are none.
func readDescription(sp phrase) (description, bool) {
	ev := sp.evidence
	k := len(ev) - 1
	for k >= 0 && ev[k].lw != "the" {
		k--
	}
	if k < 0 || k == len(ev)-1 {
		return description{}, false
	}
	head := ev[len(ev)-1].lw
	if !personNoun(head) || strings.HasSuffix(head, "s") && !officialTitles[head] {
		return description{}, false
	}
	desc := description{head: describedWord(head)}
	for _, t := range ev[k+1 : len(ev)-1] {
		if t.kind != kWord {
			continue
		}
		w := describedWord(t.lw)
		if t.isCap() {
			desc.proper = append(desc.proper, w)
		} else {
			desc.common = append(desc.common, w)
		}
	}
	return desc, true
}

// fits reports whether what the text says of a person (saidOf) fits the
// description: its head, every capitalised modifier ("Ohio" of "Ohio Gov.
// John Kasich" or "(R-Ohio)"), every lower-case one in telling (a word
// the text says of someone: "presidential", not "embattled"), and the
// words that make another post (titles.txt post-qualifier: "former",
// "vice") both ways: the vice president is not the president.
func (desc description) fits(said, telling map[string]bool) bool {
	if !said[desc.head] {
		return false
	}
	for _, w := range desc.proper {
		if !said[w] {
			return false
		}
	}
	for _, w := range desc.common {
		if telling[w] && !said[w] {
			return false
		}
	}
	for w := range postQualifiers {
		if said[w] != desc.qualifies(w) {
			return false
		}
	}
	return true
}

// qualifies reports whether the description holds the post qualifier w
// among its modifiers, proper or common.
func (desc description) qualifies(w string) bool {
	for _, p := range desc.proper {
		if p == w {
			return true
		}
	}
	for _, p := range desc.common {
		if p == w {
			return true
		}
	}
	return false
}

// describedPerson resolves a definite description of a person to the one
// person named before it whom the text gave that post and whose other
// words agree ("Ohio Gov. John Kasich", "Sen. Marco Rubio (R-Fla.)",
// "Democratic nominee Hillary Clinton"). Where several fit a bare post,
// the one of whom the text says no proper modifier is meant: "the
// president" is "President Obama", not "World Bank President Jim Yong
// Kim". It returns "" when no one, or more than one, fits.
func (d *doc) describedPerson(sp phrase) string {
	desc, ok := readDescription(sp)
	if !ok {
		return ""
	}
	type candidate struct {
		name         string
		said, proper map[string]bool
	}
	var cands []candidate
	seen := map[string]bool{}
	telling := map[string]bool{}
	for _, r := range d.refs {
		if r.pos >= sp.pos || seen[r.name] {
			continue
		}
		seen[r.name] = true
		said, proper := d.saidOf(r.name, sp.pos)
		if !said[desc.head] {
			continue
		}
		cands = append(cands, candidate{r.name, said, proper})
		for w := range said {
			telling[w] = true
		}
	}
	var fit, bare []string
	for _, c := range cands {
		if !desc.fits(c.said, telling) {
			continue
		}
		fit = append(fit, c.name)
		extra := false
		for w := range c.proper {
			extra = extra || !desc.qualifies(w)
		}
		if !extra {
			bare = append(bare, c.name)
		}
	}
	switch {
	case len(fit) == 1:
		return fit[0]
	case len(bare) == 1 && len(desc.proper) == 0:
		return bare[0]
	}
	return ""
}

// describedAs returns a definite description of one person as the
// article writes it, "the" in lower case ("the Democratic senator"), for a
// quotation to keep as its speaker where no person it names fits the
// description alone; "" when sp is no such description. Such a speaker is
// no name: Quote.Described marks it, and it counts in no facet of people,
// analysts or organizations.
func describedAs(sp phrase) string {
	if _, ok := readDescription(sp); !ok {
		return ""
	}
	ev := sp.evidence
	k := len(ev) - 1
	for k >= 0 && ev[k].lw != "the" {
		k--
	}
	words := []string{"the"}
	for _, t := range ev[k+1:] {
		words = append(words, t.w)
	}
	return strings.Join(words, " ")
}

// bearsPost reports whether person n is the one person the article gives
// the post that heads the description sp, whatever it says of the
// description's other words, agreeing with it on the words that make
// another post ("former"): the ranker's choice for "the Florida senator"
// where the text calls Marco Rubio a senator but says nowhere he is
// Florida's, and no one else a senator.
func (d *doc) bearsPost(sp phrase, n string) bool {
	desc, ok := readDescription(sp)
	if !ok {
		return false
	}
	bears := func(name string) bool {
		said, _ := d.saidOf(name, len(d.text))
		if !said[desc.head] {
			return false
		}
		for w := range postQualifiers {
			if said[w] != desc.qualifies(w) {
				return false
			}
		}
		return true
	}
	if !bears(n) {
		return false
	}
	seen := map[string]bool{n: true}
	for _, r := range d.refs {
		if !seen[r.name] {
			seen[r.name] = true
			if bears(r.name) {
				return false // another bears it too: the words do not say which
			}
		}
	}
	return true
}
