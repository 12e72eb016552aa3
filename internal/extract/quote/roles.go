// Roles and affiliations: whether a speaker is an analyst, an official or
// someone else, and the organization they are named with.

package quote

import (
	"strings"

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
	if q.speaker == "" {
		if q.kind == spOrg {
			return speakerRole{orgRole(joinTokens(q.sp.name), lowerWords(q.sp.name)), "", true}
		}
		return decideRole([]mention{phraseMention(q.sp)}, "")
	}
	// one role per speaker, however each quotation named them
	if r, ok := d.roles[q.speaker]; ok {
		return r
	}
	if q.kind == spOrg {
		r := speakerRole{orgRole(q.speaker, lowerWords(q.sp.name)), "", true}
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
	r := decideRole(ms, q.speaker)
	d.roles[q.speaker] = r
	return r
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

// orgRole is the role of an organization that speaks.
func orgRole(name string, ws []string) string {
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
	return RoleOfficial
}

func decideRole(ms []mention, name string) speakerRole {
	var analyst, official, other, strong, formerOfficial bool
	// named with a government, party or campaign they serve now; with a think
	// tank or university; a scholar's title (fellow, professor), which no
	// body's staff holds
	var servesBody, analystBody, scholar bool
	aff := ""
	for _, m := range ms {
		if strongOfficialTitles[strings.TrimSuffix(m.adjacent, ".")] || strongOfficialTitles[m.adjacent] {
			strong = true
		}
		mFormer := false
		for _, part := range [][]token{m.titles, m.appos} {
			former := false
			for k, t := range part {
				w := strings.TrimSuffix(stripPossessive(t.lw), ".")
				if w == "attorney" && (k > 0 && publicAttorney[part[k-1].lw] || k+1 < len(part) && part[k+1].lw == "general") {
					w = "attorney-general" // "City Attorney", "U.S. Attorney", "Attorney General"
				}
				switch {
				case w == "former" || w == "retired" || w == "served" || w == "ex":
					former, mFormer = true, true
				case analystTitles[w]:
					analyst = true
					scholar = scholar || !staffAnalysts[w]
				case (officialTitles[w] || officialTitles[w+"."]) && former:
					formerOfficial = true
				case officialTitles[w] || officialTitles[w+"."] || orgNouns[w] && w != "team":
					official = true
				case otherTitles[w]:
					other = true
				}
			}
		}
		if a, r := affiliation(m); a != "" {
			if aff == "" {
				aff = a
			}
			switch r {
			case RoleAnalyst:
				analyst, analystBody = true, true
			case RoleOfficial:
				// the body a former official served is not whom they speak for now
				if mFormer {
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
	case formerOfficial:
		return speakerRole{RoleAnalyst, aff, true}
	}
	return speakerRole{defaultRole, aff, false}
}

// defaultRole is the role of a person nothing is known of.
const defaultRole = RoleOther

// affiliation finds the organization named with a person and its role.
func affiliation(m mention) (string, string) {
	var cands [][]token
	if len(m.affil) > 0 {
		cands = append(cands, m.affil)
	}
	for _, part := range [][]token{m.appos, m.titles} {
		for i := 0; i < len(part); i++ {
			if !isNameWord(part[i]) {
				continue
			}
			b := capRunFwd(part, i, len(part))
			cands = append(cands, part[i:b])
			i = b - 1
		}
	}
	for _, c := range cands {
		for len(c) > 0 && (c[0].w == "the" || c[0].w == "The" || strings.HasSuffix(c[0].w, "-based")) {
			c = c[1:]
		}
		// "Fox News Chairman", "RNC Research Director": the post is no part
		// of the body's name
		post := false
		for len(c) > 1 && (connectors[c[len(c)-1].w] || isTitleWord(c[len(c)-1].lw) || post && entity.IsPostModifier(c[len(c)-1].lw)) {
			post = post || isTitleWord(c[len(c)-1].lw)
			c = c[:len(c)-1]
		}
		if len(c) == 0 || classifyRun(c) != spOrg {
			continue
		}
		name := entity.CanonicalOrganization(joinTokens(c))
		return name, orgRole(name, lowerWords(c))
	}
	return "", ""
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
