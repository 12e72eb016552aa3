package measure

import (
	"fmt"
	"io"
	"math"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsindex/newsindex/internal/extract/quote"
)

// Prediction is what extraction gives for one article.
type Prediction struct {
	People, Countries, Organizations, Analysts []string
	Quotes                                     []quote.Quote
}

// EntityScore holds the figures of entity extraction.
type EntityScore struct {
	People, Organizations, Countries PRF
	// UnseenPeople and UnseenOrganizations count only the names never
	// labelled, as any kind, in the tagger's training documents (see
	// unseenPRF); cross-validation alone knows them.
	UnseenPeople, UnseenOrganizations PRF
}

func (s EntityScore) String() string {
	unseen := ""
	if s.UnseenPeople.Gold+s.UnseenOrganizations.Gold > 0 {
		unseen = fmt.Sprintf("people, unseen names %s\norganizations, unseen names %s\n", s.UnseenPeople, s.UnseenOrganizations)
	}
	return fmt.Sprintf("people %s\norganizations %s\ncountries %s\n%sentities: people_f1=%.3f organizations_f1=%.3f countries_f1=%.3f",
		s.People, s.Organizations, s.Countries, unseen, s.People.F1(), s.Organizations.F1(), s.Countries.F1())
}

// Add adds the counts of another score.
func (s *EntityScore) Add(o EntityScore) {
	s.People.Add(o.People)
	s.Organizations.Add(o.Organizations)
	s.Countries.Add(o.Countries)
	s.UnseenPeople.Add(o.UnseenPeople)
	s.UnseenOrganizations.Add(o.UnseenOrganizations)
}

// EntityRepeats holds the tagger's cross-validation repeated with other
// training seeds: one EntityScore, all folds together, per seed. The seeds
// differ only in the order training visits the documents, so the spread of
// its figures is the noise a change must exceed.
type EntityRepeats []EntityScore

// String gives each row's mean P, R and F1 over the repeats with their
// sample standard deviations, the least and greatest F1 and the mean count
// predicted; the last line is EntityScore's summary, of the mean F1s.
func (rs EntityRepeats) String() string {
	if len(rs) == 0 {
		return ""
	}
	var b strings.Builder
	row := func(name string, get func(EntityScore) PRF) float64 {
		var p, r, f, pred []float64
		for _, s := range rs {
			x := get(s)
			p, r, f, pred = append(p, x.P()), append(r, x.R()), append(f, x.F1()), append(pred, float64(x.Predicted))
		}
		mp, sp := meanSD(p)
		mr, sr := meanSD(r)
		mf, sf := meanSD(f)
		mpred, _ := meanSD(pred)
		fmt.Fprintf(&b, "%s P=%.3f±%.3f R=%.3f±%.3f F1=%.3f±%.3f (F1 %.3f–%.3f; gold %d, predicted %.0f)\n",
			name, mp, sp, mr, sr, mf, sf, slices.Min(f), slices.Max(f), get(rs[0]).Gold, mpred)
		return mf
	}
	people := row("people", func(s EntityScore) PRF { return s.People })
	orgs := row("organizations", func(s EntityScore) PRF { return s.Organizations })
	countries := row("countries", func(s EntityScore) PRF { return s.Countries })
	if rs[0].UnseenPeople.Gold+rs[0].UnseenOrganizations.Gold > 0 {
		row("people, unseen names", func(s EntityScore) PRF { return s.UnseenPeople })
		row("organizations, unseen names", func(s EntityScore) PRF { return s.UnseenOrganizations })
	}
	fmt.Fprintf(&b, "entities: people_f1=%.3f organizations_f1=%.3f countries_f1=%.3f", people, orgs, countries)
	return b.String()
}

// meanSD returns the mean of xs and their sample standard deviation (0 for
// fewer than two).
func meanSD(xs []float64) (mean, sd float64) {
	for _, x := range xs {
		mean += x
	}
	mean /= float64(len(xs))
	if len(xs) < 2 {
		return mean, 0
	}
	var ss float64
	for _, x := range xs {
		ss += (x - mean) * (x - mean)
	}
	return mean, math.Sqrt(ss / float64(len(xs)-1))
}

// ScoreEntities scores the people, organizations and countries of CoNLL
// documents; preds holds a prediction by document ID. A nil Countries
// leaves the countries unscored.
func ScoreEntities(docs []ConllDoc, preds map[string]Prediction, cs *Countries) EntityScore {
	return scoreEntities(docs, preds, cs, nil, nil)
}

// scoreEntities is ScoreEntities. When dump is not nil it receives a line
// for each organization or person predicted that no gold name of its kind
// matches and for each one missed (see dumpEntityErrors). When
// seen is not nil (see labelledNames) it also scores the people and
// organizations whose names it does not hold.
func scoreEntities(docs []ConllDoc, preds map[string]Prediction, cs *Countries, dump io.Writer, seen map[string]bool) EntityScore {
	var s EntityScore
	for _, d := range docs {
		p := preds[d.ID]
		if dump != nil {
			dumpEntityErrors(dump, d, p, seen)
		}
		var per, org []string
		gold, locs := map[string]bool{}, map[string]bool{}
		for _, e := range d.Entities {
			switch e.Type {
			case "PER":
				per = append(per, e.Text)
			case "ORG":
				org = append(org, e.Text)
			case "LOC":
				if cs != nil {
					locs[Fold(e.Text)] = true
					if c := cs.code(e.Text, false); c != "" {
						gold[c] = true
					}
				}
			case "MISC":
				if cs != nil {
					if c := cs.demonym[Fold(e.Text)]; c != "" {
						gold[c] = true
					}
				}
			}
		}
		s.People.Add(setPRF(per, p.People, KindPerson))
		s.Organizations.Add(setPRF(org, p.Organizations, KindOrg))
		if seen != nil {
			s.UnseenPeople.Add(unseenPRF(per, p.People, KindPerson, seen))
			s.UnseenOrganizations.Add(unseenPRF(org, p.Organizations, KindOrg, seen))
		}
		if cs == nil {
			continue
		}
		got, unknown := map[string]bool{}, 0
		for _, n := range p.Countries {
			if c := cs.code(n, true); c != "" {
				got[c] = true
			} else {
				unknown++
			}
		}
		var r PRF
		r.Gold, r.Predicted = len(gold), len(got)+unknown
		for c := range got {
			if gold[c] {
				r.Found++
			}
			// a country a city, state or province of the gold stands in is
			// not counted against precision
			ok := gold[c]
			for l := range locs {
				ok = ok || cs.place[l][c]
			}
			if ok {
				r.Right++
			}
		}
		s.Countries.Add(r)
	}
	return s
}

// labelledNames returns the folded names of every entity labelled in
// docs, of whatever kind.
func labelledNames(docs []ConllDoc) map[string]bool {
	seen := map[string]bool{}
	for _, d := range docs {
		for _, e := range d.Entities {
			seen[Fold(e.Text)] = true
		}
	}
	return seen
}

// dumpEntityErrors writes the organizations and people of one document
// that the prediction gets wrong: "ORG\tFP\tkind\tname\tid\tcontext" and
// "ORG\tFN\tORG\tname\tid\tcontext" (PER for people), where kind is the
// kind of the gold name the false one matches (MISC, LOC, PER, ORG or "-")
// and context is the text around the name's first mention, so that the
// errors can be read and sorted by cause. When seen is not nil, a name it
// does not hold gets a last column "unseen".
func dumpEntityErrors(w io.Writer, d ConllDoc, p Prediction, seen map[string]bool) {
	dumpKind(w, d, "ORG", KindOrg, p.Organizations, seen)
	dumpKind(w, d, "PER", KindPerson, p.People, seen)
}

// dumpKind writes the errors of one kind of name for dumpEntityErrors.
func dumpKind(w io.Writer, d ConllDoc, typ, kind string, predicted []string, seen map[string]bool) {
	tail := func(n string) string {
		if seen != nil && !seen[Fold(n)] {
			return "\tunseen"
		}
		return ""
	}
	var gold []string
	for _, e := range d.Entities {
		if e.Type == typ {
			gold = append(gold, e.Text)
		}
	}
	for _, n := range dedupe(predicted, kind) {
		if matchesAny(n, gold, kind) {
			continue
		}
		other := "-"
		for _, e := range d.Entities {
			if e.Type != typ && NamesMatch(n, e.Text, kind) {
				other = e.Type
				break
			}
		}
		fmt.Fprintf(w, "%s\tFP\t%s\t%s\t%s\t%s%s\n", typ, other, n, d.ID, mentionContext(d.Text, n), tail(n))
	}
	for _, g := range dedupe(gold, kind) {
		if !matchesAny(g, predicted, kind) {
			fmt.Fprintf(w, "%s\tFN\t%s\t%s\t%s\t%s%s\n", typ, typ, g, d.ID, mentionContext(d.Text, g), tail(g))
		}
	}
}

// mentionContext returns the text around the first mention of name (or of
// its last word, when the whole name is not written so), on one line.
func mentionContext(text, name string) string {
	const width = 50
	i := strings.Index(text, name)
	if i < 0 {
		if f := strings.Fields(name); len(f) > 0 {
			i = strings.Index(text, f[len(f)-1])
		}
	}
	if i < 0 {
		return "?"
	}
	lo, hi := max(0, i-width), min(len(text), i+len(name)+width)
	for lo > 0 && !utf8.RuneStart(text[lo]) {
		lo--
	}
	for hi < len(text) && !utf8.RuneStart(text[hi]) {
		hi++
	}
	c := text[lo:i] + "[" + text[i:i+len(name)] + "]" + text[i+len(name):hi]
	return strings.Join(strings.Fields(c), " ")
}

// QuoteScore holds the figures of quotation extraction.
type QuoteScore struct {
	Direct     PRF // direct quotations found
	Attributed PRF // found with the right speaker
	Speakers   PRF // quoted people per article
	// SpeakerRight of SpeakerNamed found quotations whose labelled speaker
	// is a name have the right speaker.
	SpeakerRight, SpeakerNamed int
}

// SpeakerAccuracy is the share of found quotations with a named speaker
// whose speaker is right.
func (s QuoteScore) SpeakerAccuracy() float64 { return ratio(s.SpeakerRight, s.SpeakerNamed) }

func (s QuoteScore) String() string {
	return fmt.Sprintf("direct quotes found %s\nwith the right speaker %s\nspeaker accuracy %.3f (%d/%d)\nquoted people %s\n"+
		"quotes: quote_f1=%.3f attributed_f1=%.3f speaker_acc=%.3f speakers_f1=%.3f",
		s.Direct, s.Attributed, s.SpeakerAccuracy(), s.SpeakerRight, s.SpeakerNamed, s.Speakers,
		s.Direct.F1(), s.Attributed.F1(), s.SpeakerAccuracy(), s.Speakers.F1())
}

// Add adds the counts of another score.
func (s *QuoteScore) Add(o QuoteScore) {
	s.Direct.Add(o.Direct)
	s.Attributed.Add(o.Attributed)
	s.Speakers.Add(o.Speakers)
	s.SpeakerRight += o.SpeakerRight
	s.SpeakerNamed += o.SpeakerNamed
}

// ScoreQuotes scores the quotations of PolNeAR articles.
func ScoreQuotes(docs []PolnearDoc, preds map[string]Prediction) QuoteScore {
	return scoreQuotes(docs, preds, nil)
}

// scoreQuotes is ScoreQuotes, which writes to dump, when it is not nil, a
// line for each found quotation with a named speaker that the prediction
// gets wrong ("speaker") and each quoted person predicted wrongly ("fp")
// or missed ("miss"), tab-separated, for error analysis.
func scoreQuotes(docs []PolnearDoc, preds map[string]Prediction, dump io.Writer) QuoteScore {
	var s QuoteScore
	for _, g := range docs {
		p := preds[g.ID]
		var pq, direct []quote.Quote
		for _, q := range p.Quotes {
			if q.Text != "" {
				pq = append(pq, q)
				if q.Direct {
					direct = append(direct, q)
				}
			}
		}
		var gq []int
		for i, q := range g.Quotes {
			if q.Direct && q.Quote != "" && len(strings.Fields(Fold(q.Quote))) >= 4 {
				gq = append(gq, i)
			}
		}
		found, foundRight := 0, 0
		for _, i := range gq {
			q := g.Quotes[i]
			best, bi := 0.0, -1
			for k, x := range direct {
				if o := overlap(q.Quote, x.Text); o > best {
					best, bi = o, k
				}
			}
			if best < 0.5 {
				continue
			}
			found++
			names := speakerNames(q.Speaker, g.Text)
			if len(names) > 0 {
				s.SpeakerNamed++
				ps := speakerName(&direct[bi].Speaker)
				right := false
				for _, n := range names {
					if NamesMatch(n, ps, KindPerson) {
						s.SpeakerRight++
						foundRight++
						right = true
						break
					}
				}
				if !right && dump != nil {
					fmt.Fprintf(dump, "speaker\t%s\tgold=%q\tpred=%q\tmention=%q\tquote=%q\n", g.ID, *q.Speaker, direct[bi].Speaker,
						direct[bi].Mention, clip(direct[bi].Text, 60))
				}
			} else if q.Speaker != nil {
				foundRight++ // a pronoun or a description: only the quotation can be checked
			}
		}
		long, hits := 0, 0
		for _, x := range direct {
			if len(strings.Fields(Fold(x.Text))) < 4 {
				continue
			}
			long++
			for _, i := range gq {
				if overlap(g.Quotes[i].Quote, x.Text) >= 0.5 {
					hits++
					break
				}
			}
		}
		s.Direct.Add(PRF{Found: found, Gold: len(gq), Right: hits, Predicted: long})
		s.Attributed.Add(PRF{Found: foundRight, Gold: len(gq), Right: min(foundRight, hits), Predicted: long})
		var gs, ps []string
		for _, q := range g.Quotes {
			gs = append(gs, speakerNames(q.Speaker, g.Text)...)
		}
		for _, q := range pq {
			if q.Speaker != "" {
				ps = append(ps, speakerName(&q.Speaker))
			}
		}
		s.Speakers.Add(setPRF(gs, ps, "speaker"))
		if dump != nil {
			for _, p := range dedupe(ps, "speaker") {
				if !matchesAny(p, gs, "speaker") {
					fmt.Fprintf(dump, "fp\t%s\t%q\n", g.ID, p)
				}
			}
			for _, n := range dedupe(gs, "speaker") {
				if !matchesAny(n, ps, "speaker") {
					fmt.Fprintf(dump, "miss\t%s\t%q\n", g.ID, n)
				}
			}
		}
	}
	return s
}

// clip returns s on one line, cut to at most n characters.
func clip(s string, n int) string {
	rs := []rune(strings.Join(strings.Fields(s), " "))
	return string(rs[:min(n, len(rs))])
}

// RoleScore holds the figures of speakers' roles.
type RoleScore struct {
	Analysts                         PRF
	RoleRight, RoleN, AffRight, AffN int
}

// RoleAccuracy and AffiliationAccuracy are the shares of found speakers
// with the right role, and of found analysts with an affiliation whose
// affiliation is right.
func (s RoleScore) RoleAccuracy() float64        { return ratio(s.RoleRight, s.RoleN) }
func (s RoleScore) AffiliationAccuracy() float64 { return ratio(s.AffRight, s.AffN) }

func (s RoleScore) String() string {
	return fmt.Sprintf("analysts %s\nrole accuracy %.3f (%d/%d); analyst affiliation %.3f (%d/%d)\nroles: analysts_f1=%.3f role_acc=%.3f affiliation_acc=%.3f",
		s.Analysts, s.RoleAccuracy(), s.RoleRight, s.RoleN, s.AffiliationAccuracy(), s.AffRight, s.AffN,
		s.Analysts.F1(), s.RoleAccuracy(), s.AffiliationAccuracy())
}

// ScoreRoles scores the roles and affiliations of quoted people against a
// hand annotation.
func ScoreRoles(docs []RolesDoc, preds map[string]Prediction) RoleScore {
	var s RoleScore
	for _, g := range docs {
		p := preds[g.ID]
		var analysts []string
		for _, sp := range g.Speakers {
			if sp.Role == quote.RoleAnalyst {
				analysts = append(analysts, sp.Name)
			}
		}
		s.Analysts.Add(setPRF(analysts, p.Analysts, KindPerson))
		var order []string
		by := map[string][]quote.Quote{}
		for _, q := range p.Quotes {
			if q.Speaker != "" {
				if by[q.Speaker] == nil {
					order = append(order, q.Speaker)
				}
				by[q.Speaker] = append(by[q.Speaker], q)
			}
		}
		for _, sp := range g.Speakers {
			var hit []quote.Quote
			for _, n := range order {
				if NamesMatch(sp.Name, n, KindPerson) {
					hit = by[n]
					break
				}
			}
			if hit == nil {
				continue
			}
			s.RoleN++
			if mostCommonRole(hit) == sp.Role {
				s.RoleRight++
			}
			if sp.Role == quote.RoleAnalyst && sp.Affiliation != "" {
				s.AffN++
				for _, q := range hit {
					if q.Affiliation != "" && NamesMatch(sp.Affiliation, q.Affiliation, KindOrg) {
						s.AffRight++
						break
					}
				}
			}
		}
	}
	return s
}

func mostCommonRole(qs []quote.Quote) string {
	n := map[string]int{}
	best := ""
	for _, q := range qs {
		n[q.Role]++
		if best == "" || n[q.Role] > n[best] {
			best = q.Role
		}
	}
	return best
}

// overlap is the share of the shorter text's distinct words that the
// other holds.
func overlap(a, b string) float64 {
	wa, wb := strings.Fields(Fold(a)), strings.Fields(Fold(b))
	if len(wa) == 0 || len(wb) == 0 {
		return 0
	}
	sa, sb := map[string]bool{}, map[string]bool{}
	for _, w := range wa {
		sa[w] = true
	}
	for _, w := range wb {
		sb[w] = true
	}
	n := 0
	for w := range sa {
		if sb[w] {
			n++
		}
	}
	return float64(n) / float64(max(1, min(len(sa), len(sb))))
}

var pronouns = set("he she they it we i you him her them who this that")

var determiners = set("the a an some many his her their its our one two several other another both all most few these those such")

var titles = set("mr mrs ms miss mx dr prof professor sir dame lord lady rev reverend rep reps representative sen sens " +
	"senator senators gov governor president vice secretary minister mayor judge justice gen lt col colonel adm admiral " +
	"capt captain sgt sergeant del delegate chairman chairwoman speaker leader")

func upperFirst(w string) bool {
	for _, r := range w {
		return unicode.IsUpper(r)
	}
	return false
}

// isNamed reports whether a labelled speaker span is a name, not a pronoun
// or a description. Given the article's text, a span whose only capital
// opens it, a word the text also writes in lower case, is a description
// at a sentence's start ("Voters").
func isNamed(s, text string) bool {
	if s == "" || pronouns[Fold(s)] {
		return false
	}
	words := strings.Fields(s)
	if len(words) == 0 {
		return false
	}
	if lw := strings.ToLower(words[0]); determiners[lw] {
		if lw != "the" {
			return false
		}
		words = words[1:]
	}
	if len(words) == 0 || !upperFirst(words[0]) || len(words) > 6 {
		return false
	}
	if text != "" {
		for _, w := range words[1:] {
			if upperFirst(w) {
				return true
			}
		}
		first := strings.TrimRightFunc(words[0], func(r rune) bool { return !isWord(r) })
		if first != "" && containsWord(text, strings.ToLower(first)) {
			return false
		}
	}
	return true
}

// containsWord reports whether text holds w with no word character or
// hyphen right before or after it.
func containsWord(text, w string) bool {
	for i := 0; ; {
		k := strings.Index(text[i:], w)
		if k < 0 {
			return false
		}
		k += i
		before, after := lastRune(text[:k]), firstRune(text[k+len(w):])
		if !(before != 0 && (isWord(before) || before == '-')) && !(after != 0 && (isWord(after) || after == '-')) {
			return true
		}
		i = k + 1
	}
}

func lastRune(s string) rune {
	r := []rune(s)
	if len(r) == 0 {
		return 0
	}
	return r[len(r)-1]
}

func firstRune(s string) rune {
	for _, r := range s {
		return r
	}
	return 0
}

var andSplit = regexp.MustCompile(`\s+(?:and|&)\s+`)

// speakerNames returns the named speakers of a labelled span, two where it
// joins two names.
func speakerNames(s *string, text string) []string {
	if s == nil || !isNamed(*s, text) {
		return nil
	}
	var parts []string
	for _, p := range andSplit.Split(*s, -1) {
		if strings.TrimSpace(p) != "" {
			parts = append(parts, p)
		}
	}
	if len(parts) > 1 {
		all := true
		for _, p := range parts {
			all = all && isNamed(p, text)
		}
		if all {
			out := make([]string, len(parts))
			for i, p := range parts {
				out[i] = speakerName(&p)
			}
			return out
		}
	}
	return []string{speakerName(s)}
}

var (
	parenthesis = regexp.MustCompile(`\([^)]*\)?`)
	atSplit     = regexp.MustCompile(`\s+at\s+`)
)

// speakerName returns the name inside a speaker span: without a
// parenthesis, the apposition after a comma, an affiliation after "at", a
// reflexive and leading titles.
func speakerName(sp *string) string {
	s := ""
	if sp != nil {
		s = *sp
	}
	s = parenthesis.ReplaceAllString(s, " ")
	var parts, named, proper []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			parts = append(parts, p)
		}
	}
	for _, p := range parts {
		if isNamed(p, "") {
			named = append(named, p)
		}
	}
	for _, p := range named {
		if hasApostropheS(p) {
			continue
		}
		all := true
		for _, w := range strings.Fields(p) {
			if !stop[Fold(w)] && !upperFirst(w) {
				all = false
			}
		}
		if all {
			proper = append(proper, p)
		}
	}
	switch {
	case len(proper) > 0:
		s = proper[0]
	case len(named) > 0:
		s = named[0]
	case len(parts) > 0:
		s = parts[0]
	default:
		s = ""
	}
	s = atSplit.Split(s, 2)[0]
	var words []string
	for _, w := range strings.Fields(s) {
		if f := Fold(w); f != "himself" && f != "herself" && f != "themselves" {
			words = append(words, w)
		}
	}
	for len(words) > 1 && titles[Fold(words[0])] {
		words = words[1:]
	}
	return strings.Join(words, " ")
}

// hasApostropheS reports whether p holds an apostrophe, perhaps with an s,
// before a word boundary: "Trump's", "O'Brien".
func hasApostropheS(p string) bool {
	rs := []rune(p)
	for i, r := range rs {
		if r != '\'' && r != '’' {
			continue
		}
		// after the apostrophe, or after an s that follows it
		for _, e := range []int{i + 1, i + 2} {
			if e == i+2 && (i+1 >= len(rs) || rs[i+1] != 's') {
				continue
			}
			prev := rs[e-1]
			var next rune
			if e < len(rs) {
				next = rs[e]
			}
			if isWord(prev) != (next != 0 && isWord(next)) {
				return true
			}
		}
	}
	return false
}
