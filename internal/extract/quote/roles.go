// Roles and affiliations: whether a speaker is an analyst, an official or
// someone else, and the organization they are named with.

package quote

import (
	"strings"
	"unicode"

	"github.com/newsindex/newsindex/internal/extract/entity"
)

// speakerRole is a speaker's role and affiliation, and whether the text
// of the article told the role.
type speakerRole struct {
	role, affiliation string
	read              bool
}

// role tells the role and affiliation of a quotation's speaker, the same for
// every quotation of one speaker.
func (d *doc) role(q *rawQuote) speakerRole {
	if q.kind == spCountry || q.speaker != "" && isCountry(strings.Fields(strings.ToLower(q.speaker))) {
		return speakerRole{RoleOfficial, "", true}
	}
	if q.kind == spGroup {
		return speakerRole{RoleOther, "", true} // people of a kind, not one whose post the text gives
	}
	if q.speaker == "" {
		if q.kind == spOrg {
			return speakerRole{d.orgRole(joinTokens(q.sp.name), lowerWords(q.sp.name)), "", true}
		}
		return d.decideRole([]mention{phraseMention(q.sp)}, "")
	}
	// one role per speaker, however each quotation named them
	if r, ok := d.roles[q.speaker]; ok {
		return r
	}
	if q.kind == spOrg && !d.readsAsPerson(q.speaker) {
		// the words of the name the text used and of the canonical one:
		// "Peabody said" is Peabody Energy, a company
		ws := append(lowerWords(q.sp.name), strings.Fields(strings.ToLower(q.speaker))...)
		r := speakerRole{d.orgRole(q.speaker, ws), "", true}
		d.roles[q.speaker] = r
		return r
	}
	ms := append([]mention{}, d.evidence[q.speaker]...)
	for _, qs := range [][]*rawQuote{d.quotes, d.reported} {
		for _, x := range qs {
			if x.inherit == nil && x.speaker == q.speaker {
				ms = append(ms, phraseMention(x.sp))
			}
		}
	}
	r := d.decideRole(ms, q.speaker)
	d.roles[q.speaker] = r
	return r
}

// readsAsPerson reports whether an organization that speaks, as the
// entity pass read it, has a person's name as far as the text tells: two
// or three capitalised words, none of an organization's, a kind neither
// known nor described ("― Krystal Correa" signing a reader's comment).
// Such a speaker's role is a person's, from what the text says of them,
// not a body's official by default.
func (d *doc) readsAsPerson(name string) bool {
	ws := strings.Fields(name)
	if len(ws) < 2 || len(ws) > 3 {
		return false
	}
	for _, w := range ws {
		lw := strings.ToLower(w)
		if !isCapWord(w) || isAllCaps(w) || orgWords[lw] || companyHeads[lw] || analystOrgWords[lw] || officialOrgWords[lw] || mediaWords[lw] || connectors[w] {
			return false
		}
	}
	lws := strings.Fields(strings.ToLower(name))
	return !isCountry(lws) && orgKindRole(name, lws) == "" && d.describedRole(name) == ""
}

// phraseMention turns what a speaker phrase says into a mention.
func phraseMention(sp phrase) mention {
	m := mention{titles: sp.titles, appos: sp.appos, affil: sp.affil}
	if len(sp.titles) > 0 {
		m.adjacent = sp.titles[len(sp.titles)-1].lw
	}
	if sp.kind == spDesc {
		m.titles = append(append([]token{}, m.titles...), sp.evidence...)
	}
	return m
}

// orgRole is the role of an organization that speaks: that of its kind,
// known or shown in its name, else that of what the text says it is
// (describedRole), else official.
func (d *doc) orgRole(name string, ws []string) string {
	if r := orgKindRole(name, ws); r != "" {
		return r
	}
	if r := d.describedRole(name); r != "" {
		return r
	}
	return RoleOfficial
}

// describedRole is the role of the organization called name that the
// text's own words about it tell, "" where they tell none: an apposition
// or a predicate ("PolitiFact, a fact-checking website"; "X is a Florida
// news organization"), a description before the name ("the research group
// X"), or its owner ("PolitiFact is operated by the Tampa Bay Times"),
// whose kind is its own.
func (d *doc) describedRole(name string) string {
	text := d.text
	for at := 0; name != "" && at < len(text); {
		i := strings.Index(text[at:], name)
		if i < 0 {
			break
		}
		s, e := at+i, at+i+len(name)
		at = e
		if r := describedBefore(text[max(0, s-60):s]); r != "" {
			return r
		}
		after := strings.Fields(strings.ToLower(strings.Map(wordOrSpace, text[e:min(len(text), e+100)])))
		if len(after) < 2 || !strings.HasPrefix(text[e:], ",") && after[0] != "is" {
			continue
		}
		if after[0] == "is" && (after[1] == "operated" || after[1] == "owned" || after[1] == "run" || after[1] == "published") &&
			len(after) > 3 && after[2] == "by" {
			owner := strings.Map(wordOrSpace, text[e:min(len(text), e+100)])
			_, owner, _ = strings.Cut(owner, " by ")
			if r := orgKindRole("", ownerWords(owner)); r != "" {
				return r
			}
			continue
		}
		k := 0
		if after[0] == "is" {
			k = 1
		}
		if k >= len(after) || !determiners[after[k]] && after[k] != "a" && after[k] != "an" {
			continue
		}
		if r := nounsRole(after[k+1 : min(len(after), k+6)]); r != "" {
			return r
		}
	}
	return ""
}

// describedBefore is the role a description right before a name gives it:
// "the fact-checking website", "the think tank".
func describedBefore(before string) string {
	ws := strings.Fields(strings.ToLower(strings.Map(wordOrSpace, before)))
	for k := len(ws) - 1; k >= 0 && k >= len(ws)-4; k-- {
		if determiners[ws[k]] || ws[k] == "a" || ws[k] == "an" {
			return nounsRole(ws[k+1:])
		}
	}
	return ""
}

// nounsRole is the role the first telling noun of a description gives an
// organization: a research body's analyst, a public body's official, a
// news medium's or a company's other ("a news agency" is a medium).
func nounsRole(ws []string) string {
	for _, w := range ws {
		switch {
		case analystOrgWords[w]:
			return RoleAnalyst
		case officialOrgWords[w]:
			return RoleOfficial // "the agency that oversees", a public body's
		case mediaNouns[w] || mediaWords[w] || companyNouns[w] || companyWords[w]:
			return RoleOther
		}
	}
	return ""
}

// ownerWords returns the lower-cased words of the name that opens s, its
// article left out: "the Tampa Bay Times, a …" gives tampa bay times.
func ownerWords(s string) []string {
	var ws []string
	for i, w := range strings.Fields(s) {
		if i == 0 && strings.EqualFold(w, "the") {
			continue
		}
		if !isCapWord(w) {
			break
		}
		ws = append(ws, strings.ToLower(w))
	}
	return ws
}

func isCapWord(w string) bool {
	for _, r := range w {
		return unicode.IsUpper(r)
	}
	return false
}

// wordOrSpace keeps letters, digits, hyphens and apostrophes, and turns
// everything else into a space, for reading words out of raw text.
func wordOrSpace(r rune) rune {
	if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '\'' {
		return r
	}
	return ' '
}

// orgKindRole is the role of the people of an organization whose kind is
// known (package entity's organizations) or shows in its name (a party, a
// newspaper, a university); "" for an organization of unknown kind, which
// tells nothing of someone named with it.
func orgKindRole(name string, ws []string) string {
	switch entity.OrganizationKind(name) {
	case entity.OrgBody:
		return RoleOfficial
	case entity.OrgResearch:
		return RoleAnalyst
	case entity.OrgMedia, entity.OrgCompany:
		return RoleOther
	}
	analyst, other := false, false
	for _, w := range ws {
		switch {
		case officialOrgWords[w]:
			return RoleOfficial
		case mediaWords[w] || companyWords[w]:
			other = true
		case analystOrgWords[w]:
			analyst = true
		}
	}
	switch {
	case other:
		return RoleOther
	case analyst:
		return RoleAnalyst
	}
	if len(ws) > 1 && companyHeads[ws[len(ws)-1]] {
		return RoleOther // Peabody Energy, Ora Media, Castlebrook United
	}
	if len(ws) > 0 && companyNameWords[ws[len(ws)-1]] {
		return "" // "Mirell Associates", "… Holdings": maybe a business, its people's titles tell
	}
	for _, w := range ws {
		if orgWords[w] {
			// an association, a league, a coalition, a council: a body
			// that is not a business
			return RoleOfficial
		}
	}
	return ""
}

func (d *doc) decideRole(ms []mention, name string) speakerRole {
	var analyst, official, other, strong, formerOfficial, formerElected bool
	// named with a government, party or campaign they serve now; with a think
	// tank or university; a scholar's title (fellow, professor), which no
	// body's staff holds
	var servesBody, analystBody, scholar bool
	aff := ""
	for _, m := range ms {
		// a post named with a company or a news medium the person is with
		// now is no public office: "the chief executive of Ora Media",
		// "PolitiFact Executive Director"
		a, r, wasWith := d.affiliation(m)
		business := r == RoleOther && !wasWith
		if strongOfficialTitles[strings.TrimSuffix(m.adjacent, ".")] || strongOfficialTitles[m.adjacent] {
			strong = true
		}
		for _, part := range [][]token{m.titles, m.appos} {
			former := false
			// a post that the same words place in a business: "the president
			// of a data company", "a managing director at an advisory firm"
			business := business || businessPart(part)
			for k, t := range part {
				w := strings.TrimSuffix(stripPossessive(t.lw), ".")
				if w == "attorney" && (k > 0 && publicAttorney[part[k-1].lw] || k+1 < len(part) && part[k+1].lw == "general") {
					w = "attorney-general" // "City Attorney", "U.S. Attorney", "Attorney General"
				}
				if w == "chief" && k+1 < len(part) && chiefOfficers[part[k+1].lw] {
					w = "ceo" // "chief executive", "chief operating officer": a company's officer
				}
				if k > 0 && businessModifiers[part[k-1].lw] && officialTitles[w] {
					w = "ceo" // "managing director": a firm's officer, unless a public body is named
				}
				switch {
				case w == "former" || w == "retired" || w == "served" || w == "ex":
					former = true
				case w == "now" || w == "currently":
					former = false // "served as director of … and is now president of …"
				case analystTitles[w]:
					analyst = true
					scholar = scholar || !staffAnalysts[w]
				case (officialTitles[w] || officialTitles[w+"."] || orgNouns[w] && w != "team") && former:
					// "a former Obama administration official"
					formerOfficial = true
					// "the former governor": a politician still, as "former
					// Governor X" reads; a capitalised post is another's
					// ("under President X")
					formerElected = formerElected || electedTitles[w] && !t.isCap()
				case (officialTitles[w] || officialTitles[w+"."] || orgNouns[w] && w != "team") && business:
					other = true
				case orgNouns[w] && w != "team" && namesBody(part, k):
					// "the campaign's chief strategist", "an economist for the
					// administration": staff of the body the noun names
					official, servesBody = true, true
				case officialTitles[w] || officialTitles[w+"."] || orgNouns[w] && w != "team":
					official = true
				case otherTitles[w]:
					other = true
				}
			}
		}
		if a != "" {
			if aff == "" {
				aff = a
			}
			switch r {
			case RoleAnalyst:
				analyst, analystBody = true, true
			case RoleOfficial:
				// the body a former official served is not whom they speak for now
				if wasWith {
					formerOfficial = true
				} else {
					official, servesBody = true, true
				}
			case RoleOther:
				other = true
			}
		}
	}
	switch {
	case strong && !analyst:
		return speakerRole{RoleOfficial, aff, true}
	case servesBody && !analystBody && !scholar && !formerOfficial:
		// an economist or strategist of a government, party or campaign
		// speaks for it: "chief strategist for the Republican National Committee"
		return speakerRole{RoleOfficial, aff, true}
	case analyst:
		return speakerRole{RoleAnalyst, aff, true}
	case official || strong:
		return speakerRole{RoleOfficial, aff, true}
	case other:
		return speakerRole{RoleOther, aff, true}
	case formerElected:
		return speakerRole{RoleOfficial, aff, true}
	case formerOfficial:
		return speakerRole{RoleAnalyst, aff, true}
	}
	// nothing but an organization of unknown kind, which tells nothing of
	// its people: a public body's spokesman and a company's partner are
	// told by their titles, and the collection may know the person
	return speakerRole{defaultRole, aff, false}
}

// businessPart reports whether a title or an apposition places its post in
// a business: a company's or a medium's noun, in lower case, that no public
// or research body's name holds ("company", "firm", "bank", "newspaper";
// not "agency" or "group").
func businessPart(part []token) bool {
	for _, t := range part {
		if (companyNouns[t.lw] || mediaNouns[t.lw]) && !officialOrgWords[t.lw] && !analystOrgWords[t.lw] && !t.isCap() {
			return true
		}
	}
	return false
}

// namesBody reports whether the noun part[k] ("campaign", "administration")
// names one body rather than a trade: a possessive, or after "the" or a
// possessive ("the campaign's chief strategist", "strategist for the
// campaign", "his campaign's pollster"), not "a Republican campaign
// strategist", who comments from outside.
func namesBody(part []token, k int) bool {
	if isPossessive(part[k].w) {
		return true
	}
	if k == 0 {
		return false
	}
	p := part[k-1].lw
	return p == "the" || p == "his" || p == "her" || p == "their" || isPossessive(part[k-1].w)
}

// defaultRole is the role of a person nothing is known of.
const defaultRole = RoleOther

// affiliation finds the organization named with a person and its role.
// Of several, it takes the first the person is with now rather than one
// they were with ("served as director of the Congressional Budget Office
// and is now president of the American Action Forum"), and one that a
// preposition introduces rather than one that names a post's field ("House
// editor for the Cook Political Report").
func (d *doc) affiliation(m mention) (name, role string, wasWith bool) {
	type cand struct {
		toks           []token
		former, before bool // after a word of the past; right before a post
		introduced     bool // after "of", "at", "for", "with" or a verb of leading
		at             bool // after "at": "a professor at Harvard"
	}
	var cands []cand
	if len(m.affil) > 0 {
		cands = append(cands, cand{toks: m.affil, introduced: true})
	}
	for _, part := range [][]token{m.appos, m.titles} {
		// past[i]: a word of the past governs token i, before it ("a
		// former CIA director") or after it ("a veteran of the CIA who
		// retired"), with no "now" between
		past := make([]bool, len(part))
		for dir, on := 0, false; dir < 2; dir, on = dir+1, false {
			for k := range part {
				i := k
				if dir == 1 {
					i = len(part) - 1 - k
				}
				switch strings.TrimSuffix(part[i].lw, ".") {
				case "former", "formerly", "retired", "served", "ex", "was":
					on = true
				case "now", "currently":
					on = false
				}
				past[i] = past[i] || on
			}
		}
		for i := 0; i < len(part); i++ {
			if !isNameWord(part[i]) {
				continue
			}
			b := capRunFwd(part, i, len(part))
			// a possessive inside a body's name that the entity pass read
			// whole: "an economist at Moody's Analytics"
			if isPossessive(part[b-1].w) && b < len(part) && isNameWord(part[b]) {
				e := capRunFwd(part, b, len(part))
				if m, ok := d.entityAt(part[i].s, part[e-1].e); ok && m.Kind == entity.Organization && m.Start <= part[i].s && m.End >= part[e-1].e {
					b = e
				}
			}
			c := cand{toks: part[i:b], former: past[i]}
			c.before = b < len(part) && !isNameWord(part[b]) && isTitleWord(part[b].lw) && !demonymRun(c.toks)
			k := i - 1
			if k > 0 && part[k].lw == "the" {
				k--
			}
			c.introduced = k >= 0 && (affiliationPrepositions[part[k].lw] || leadingVerbs[part[k].lw])
			// the whole name, which no "&", "of" or possessive goes on from:
			// "at Ferris & Lowe" and "at St. Anne's Hospital" are cut runs
			c.at = k >= 0 && part[k].lw == "at" && !isPossessive(part[b-1].w) &&
				(b == len(part) || part[b].kind == kPunct && part[b].w != "&" || part[b].kind == kWord && !part[b].isCap() && !connectors[part[b].w])
			cands = append(cands, c)
			i = b - 1
		}
	}
	best := -1
	for _, c := range cands {
		n, r, byWords := d.orgNamed(c.toks, c.introduced || c.before)
		if n == "" && c.at {
			n, r = d.placeOfWork(c.toks)
		}
		if n == "" {
			continue
		}
		rank := 0
		if c.former {
			rank += 4
		}
		if c.before {
			rank += 2
		}
		if !byWords {
			rank++ // "the Nuclear Policy Program at the Carnegie Endowment …"
		}
		if best < 0 || rank < best {
			best, name, role, wasWith = rank, n, r, c.former
		}
	}
	return name, role, wasWith
}

// orgNamed returns the organization a run of capitalised words names, and
// its role, and whether its words say so; "" when it names none. The run
// names one when its words make
// an organization's name, or, where a person's organization stands
// (introduced: after "of", "at", "for", "with" or a verb of leading, or
// right before a post; or in the possessive before a post), when the entity
// pass found one there ("editor for the Cook Political Report", "runs
// Crosscut Strategies", "Brookings scholar", "Apple's chief executive").
func (d *doc) orgNamed(c []token, introduced bool) (name, role string, byWords bool) {
	if len(c) > 0 && (introduced || isPossessive(c[len(c)-1].w)) && classifyRun(c) != spOrg {
		if m, ok := d.entityAt(c[0].s, c[len(c)-1].e); ok && m.Kind == entity.Organization && m.Start >= c[0].s && m.End <= c[len(c)-1].e {
			name := entity.CanonicalOrganization(m.Name)
			return name, orgKindRole(name, strings.Fields(strings.ToLower(name))), false
		}
	}
	for len(c) > 0 && (c[0].w == "the" || c[0].w == "The" || strings.HasSuffix(c[0].w, "-based")) {
		c = c[1:]
	}
	// "Fox News Chairman", "RNC Research Director": the post is no part
	// of the body's name; a word after "of" is ("Department of Justice")
	post := false
	for len(c) > 1 && (connectors[c[len(c)-1].w] || isTitleWord(c[len(c)-1].lw) && !connectors[c[len(c)-2].w] || post && entity.IsPostModifier(c[len(c)-1].lw)) {
		post = post || isTitleWord(c[len(c)-1].lw)
		c = c[:len(c)-1]
	}
	if len(c) == 0 || classifyRun(c) != spOrg {
		return "", "", false
	}
	name = entity.CanonicalOrganization(joinTokens(c))
	return name, orgKindRole(name, lowerWords(c)), true
}

// partyState reads a lawmaker's party and state, "R-Fla.", as the words
// republican and florida.
func partyState(w string) []string {
	var out []string
	switch w[0] {
	case 'R':
		out = append(out, "republican")
	case 'D':
		out = append(out, "democratic")
	case 'I':
		out = append(out, "independent")
	}
	if st, ok := entity.StateName(w[2:]); ok {
		out = append(out, strings.Fields(strings.ToLower(st))...)
	}
	return out
}

// demonymRun reports whether every word of a run is a demonym, hyphenated
// ones part by part: "Lebanese-French", "South Korean".
func demonymRun(ts []token) bool {
	if demonyms[strings.ToLower(joinTokens(ts))] {
		return true
	}
	for _, t := range ts {
		for _, p := range strings.Split(strings.ToLower(t.w), "-") {
			if !demonyms[p] && !demonyms[t.lw] {
				return false
			}
		}
	}
	return len(ts) > 0
}

// placeOfWork returns the name a person's post is held "at" when neither its
// words nor the entity pass make it an organization's ("a professor at
// Harvard", "an economist at Moody's"), and its role: a short run of
// capitals, not a state or a capital, not a person the text names; "" for
// none.
func (d *doc) placeOfWork(c []token) (name, role string) {
	if len(c) == 0 || len(c) > 3 {
		return "", ""
	}
	for _, t := range c {
		if !t.isCap() || t.inQ {
			return "", ""
		}
	}
	ws := lowerWords(c)
	n := strings.TrimSuffix(stripPossessive(joinTokens(c)), ",")
	if isCountry(ws) || d.knownPerson(surname(n)) {
		return "", ""
	}
	if _, ok := entity.CapitalCountry(n); ok {
		return "", ""
	}
	n = entity.CanonicalOrganization(n)
	return n, orgKindRole(n, strings.Fields(strings.ToLower(n)))
}
