package quote

import (
	"strings"

	"github.com/newsindex/newsindex/internal/extract/lexicon"
)

// The word lists the quotation extractor reads, each defined once in a data
// file of package lexicon (data/en/FILE, under [section]); the comments
// there say what each list is for.

func words(file, section string) map[string]bool {
	return lexicon.Words(lexicon.English, file, section)
}

// union joins sets into a new one.
func union(sets ...map[string]bool) map[string]bool {
	m := map[string]bool{}
	for _, s := range sets {
		for w := range s {
			m[w] = true
		}
	}
	return m
}

// minus returns the words of s that are not in the words given.
func minus(s map[string]bool, ws ...string) map[string]bool {
	m := union(s)
	for _, w := range ws {
		delete(m, w)
	}
	return m
}

// set builds a lookup table from space-separated words.
func set(words ...string) map[string]bool {
	m := map[string]bool{}
	for _, ws := range words {
		for _, w := range strings.Fields(ws) {
			m[w] = true
		}
	}
	return m
}

var (
	days   = words("calendar.txt", "day")
	months = words("calendar.txt", "month")

	// Verbs of speech and what they take.
	speechVerbs      = words("speech.txt", "speech")
	forwardVerbs     = words("speech.txt", "forward")
	participleVerbs  = words("speech.txt", "participle")
	indirectVerbs    = words("speech.txt", "reported")
	progressiveVerbs = words("speech.txt", "reported-progressive")
	objectVerbs      = words("speech.txt", "object")
	namingVerbs      = words("speech.txt", "naming")
	reportVerbs      = words("speech.txt", "by")
	utteranceNouns   = words("speech.txt", "utterance")
	documentNouns    = words("speech.txt", "document")
	authoredNouns    = words("speech.txt", "authored")
	// particleVerbs are the speech verbs whose particle is part of them:
	// one token "pointed out" is speech, "pointed" alone ("pointed to the
	// map") is none.
	particleVerbs = lexicon.Pairs(lexicon.English, "speech.txt", "particle")

	// Titles.
	honorifics              = words("titles.txt", "honorific")
	officialTitles          = words("titles.txt", "official")
	strongOfficialTitles    = words("titles.txt", "official-strong")
	analystTitles           = words("titles.txt", "analyst")
	electedTitles           = words("titles.txt", "elected")
	staffAnalysts           = words("titles.txt", "staff-analyst")
	otherTitles             = words("titles.txt", "other")
	titleModifiers          = words("titles.txt", "modifier")
	postQualifiers          = words("titles.txt", "post-qualifier")
	personNouns             = words("titles.txt", "person-noun")
	describingNouns         = words("titles.txt", "describing")
	publicAttorney          = words("titles.txt", "public-attorney")
	chiefOfficers           = words("titles.txt", "chief-officer")
	businessModifiers       = words("titles.txt", "business-modifier")
	officeNouns             = words("titles.txt", "office-holder")
	voteVerbs               = words("titles.txt", "vote")
	descriptionVerbs        = words("titles.txt", "description-verb")
	roleNouns               = words("titles.txt", "role-noun")
	leadingVerbs            = words("titles.txt", "leading-verb")
	descriptionStarts       = words("titles.txt", "description-start")
	descriptionEnds         = words("titles.txt", "description-end")
	affiliationPrepositions = words("titles.txt", "affiliation-preposition")
	// titleSenses maps the ways a post is written to the nouns a
	// description may use for it ("Sen." is a senator and a lawmaker).
	titleSenses = func() map[string][]string {
		m := map[string][]string{}
		for k, v := range lexicon.Pairs(lexicon.English, "titles.txt", "senses") {
			m[k] = strings.Fields(v)
		}
		return m
	}()

	// Function words.
	prepositions  = words("function.txt", "preposition")
	subordinators = words("function.txt", "subordinator")
	openers       = words("function.txt", "opener")
	determiners   = words("function.txt", "determiner")
	quantifiers   = words("function.txt", "quantifier")
	pronouns      = words("function.txt", "pronoun")
	possessives   = words("function.txt", "possessive")
	relatives     = words("function.txt", "relative")
	clauseBreaks  = words("function.txt", "clause-break")
	reflexives    = words("function.txt", "reflexive")
	lyNouns       = words("function.txt", "ly-noun")
	abbrevs       = words("function.txt", "abbreviation")
	// auxiliaries may stand between a speaker and the speech verb, and so
	// may a day ("Priebus later Thursday told").
	auxiliaries = union(words("function.txt", "auxiliary"), days)
	finiteVerbs = words("function.txt", "finite")
	modals      = words("function.txt", "modal")
	beForms     = words("function.txt", "be")
	connectors  = words("function.txt", "connector")
	// verbCoordinators join a second verb to the sentence's subject
	verbCoordinators = words("function.txt", "verb-coordinator")
	adjunctStarts    = words("function.txt", "adjunct-start")
	termBefore       = words("function.txt", "term-before")
	// calendar words are capitalised but never part of a name; "May" is a
	// modal verb too, and a name ("Theresa May").
	calendar   = minus(union(days, months), "may")
	monthNames = words("calendar.txt", "given-name")

	// Words of organizations' names.
	orgWords         = words("orgwords.txt", "org")
	companyWords     = words("orgwords.txt", "company")
	companyHeads     = words("orgwords.txt", "company-head")
	companyNameWords = words("orgwords.txt", "company-word")
	mediaWords       = words("orgwords.txt", "media")
	mediaNouns       = words("orgwords.txt", "media-noun")
	companyNouns     = words("orgwords.txt", "company-noun")
	analystOrgWords  = words("orgwords.txt", "research")
	officialOrgWords = words("orgwords.txt", "public-body")
	orgNouns         = words("orgwords.txt", "org-noun")

	// demonyms are the adjectives and peoples of countries, lower case
	// ("lebanese", "french"): a run of them before a post says where a
	// person is from, not whom they work for.
	demonyms = func() map[string]bool {
		m := map[string]bool{}
		for _, l := range lexicon.Lines(lexicon.English, "demonyms.txt", "") {
			for _, f := range l.Fields[1:] {
				m[strings.ToLower(f)] = true
			}
		}
		return m
	}()

	// Words that name no one.
	nonNames        = union(words("nonnames.txt", "not-name-start"), days, months)
	genericSubjects = words("nonnames.txt", "generic-subject")
	indefinites     = words("nonnames.txt", "indefinite")
	adjectives      = words("nonnames.txt", "adjective")
	headingWords    = words("nonnames.txt", "heading")
	headlineWords   = words("nonnames.txt", "headline")
	partyMembers    = words("nonnames.txt", "party-member")
	groupAdjectives = words("orgwords.txt", "group-adjective")
)

// A speech verb and its particle are one token ("pointed out", see
// joinParticles), and a verb of speech.
func init() {
	for v, p := range particleVerbs {
		speechVerbs[v+" "+p] = true
		indirectVerbs[v+" "+p] = true
	}
}
