package entity

import (
	"fmt"
	"strings"

	"github.com/newsindex/newsindex/internal/extract/lexicon"
)

// The word lists the entity extractor reads, each defined once in a data
// file of package lexicon (data/en/FILE, under [section]); the comments
// there say what each list is for.

func words(file, section string) map[string]bool {
	return lexicon.Words(lexicon.English, file, section)
}

// union joins sets into a new one.
// singular returns the words of set that are not the plural of another of
// its words ("officials" of "official"), nor in not.
func singular(set, not map[string]bool) map[string]bool {
	m := map[string]bool{}
	for w := range set {
		if one, ok := strings.CutSuffix(w, "s"); (!ok || !set[one]) && !not[w] {
			m[w] = true
		}
	}
	return m
}

func union(sets ...map[string]bool) map[string]bool {
	m := map[string]bool{}
	for _, s := range sets {
		for w := range s {
			m[w] = true
		}
	}
	return m
}

var (
	// Titles and posts.
	titles        = words("titles.txt", "before-name")
	honorifics    = words("titles.txt", "honorific")
	personTitles  = words("titles.txt", "person-only")
	orgRoles      = words("titles.txt", "post")
	personPosts   = words("titles.txt", "post-or-name")
	portfolioPost = words("titles.txt", "portfolio-post")
	roleModifiers = words("titles.txt", "post-modifier")
	roleNouns     = words("titles.txt", "role-noun")

	// The calendar.
	days          = words("calendar.txt", "day")
	calendarWords = union(days, words("calendar.txt", "month"))
	holidayHeads  = words("calendar.txt", "holiday-head") // "Labour Day", "New Year's Eve"
	months        = union(words("calendar.txt", "month"), words("calendar.txt", "month-abbrev"))

	// Words that name nothing.
	notNames = union(words("nonnames.txt", "not-entity"), calendarWords, words("calendar.txt", "day-abbrev"),
		words("calendar.txt", "month-abbrev"), words("calendar.txt", "holiday"))
	// notNameStart are the words that open sentences and never a name:
	// "Unlike", "According".
	notNameStart = words("nonnames.txt", "not-name-start")

	// Function words.
	locPreps          = words("function.txt", "locative")
	motionPreps       = words("function.txt", "motion")
	articles          = words("function.txt", "article")
	beforeNoPerson    = words("function.txt", "before-no-person")
	connectors        = union(words("function.txt", "connector"), words("function.txt", "org-connector"))
	nameParticles     = words("function.txt", "name-particle")
	initialStop       = words("function.txt", "initial-stop")
	functionWord      = words("function.txt", "headline-lower")
	numberWords       = words("function.txt", "number")
	compoundSuffix    = words("function.txt", "compound-suffix")
	speechVerbs       = words("speech.txt", "speech")
	forwardVerbs      = words("speech.txt", "forward") // verbs of nothing but speech: "said", not "claimed"
	clauseVerbs       = words("speech.txt", "clause")  // "said": its next pronoun opens the clause it reports
	bodyPronouns      = words("function.txt", "body-pronoun")
	personPronouns    = words("function.txt", "person-pronoun")
	reflexivePronouns = words("function.txt", "reflexive")
	prepositions      = words("function.txt", "preposition")
	// personNouns are nouns of people's roles in the singular, which before a name show a person:
	// "hurricane forecaster Lixion Avila", "premier Petre Roman".
	personNouns = singular(union(words("titles.txt", "official-strong"), words("titles.txt", "analyst"), words("titles.txt", "other"),
		words("titles.txt", "describing"), words("titles.txt", "person-noun")), words("titles.txt", "role-not-person"))
	clauseBreaks = union(prepositions, words("function.txt", "opener"),
		words("function.txt", "pronoun"), words("function.txt", "relative"), words("function.txt", "clause-break"))
	abbrevs = words("function.txt", "abbreviation")

	// Words of organizations' names.
	orgWords        = words("orgwords.txt", "org")
	companySuffixes = words("orgwords.txt", "company-suffix")
	legalForms      = words("orgwords.txt", "legal-form") // "Corp", "Plc", "AG": the last word of a company's legal name
	companyWords    = words("orgwords.txt", "company-word")
	companyHeads    = words("orgwords.txt", "company-head")
	companyNouns    = words("orgwords.txt", "company-noun")
	companyMarks    = words("orgwords.txt", "company") // words that mark a business: "Inc", "Plc", "Bank"
	groupAdjectives = words("orgwords.txt", "group-adjective")
	capsStop        = words("orgwords.txt", "caps-stop")
	signOffs        = words("orgwords.txt", "sign-off")
	competitions    = words("orgwords.txt", "competition-head")
	contests        = words("orgwords.txt", "contest-head")
	indexNouns      = words("orgwords.txt", "index-noun")
	bodyNouns       = words("orgwords.txt", "body-noun")
	playerPositions = words("orgwords.txt", "player-position")
	priceVerbs      = words("orgwords.txt", "price-verb")
	digestSections  = words("orgwords.txt", "digest-section")
	tradeNouns      = words("orgwords.txt", "trade-noun")
	clubNouns       = words("orgwords.txt", "club-noun")
	figureNouns     = words("orgwords.txt", "figure-noun")
	figurePeriods   = words("orgwords.txt", "figure-period")

	// Words of places' names.
	placeNouns       = words("placewords.txt", "place-noun")
	vesselNouns      = words("orgwords.txt", "vessel-noun")
	carrierKinds     = words("orgwords.txt", "carrier-kind")
	geoHeads         = words("placewords.txt", "geo-head")
	featureHeads     = words("placewords.txt", "feature-head")
	continents       = words("placewords.txt", "continent")
	regionQualifiers = words("placewords.txt", "region-qualifier")
	geoNoun          = words("placewords.txt", "geo-noun")
	datelineOnly     = words("placewords.txt", "dateline-only")
	currencies       = words("placewords.txt", "currency")
	eventNouns       = words("placewords.txt", "event-noun")
	facilities       = words("placewords.txt", "facility-noun")
	facilityHeads    = words("placewords.txt", "facility-head")
	tableMoves       = words("placewords.txt", "table-move")
	venueHeads       = words("placewords.txt", "venue-head")
	researchWords    = words("orgwords.txt", "research")
	venuePreps       = words("placewords.txt", "venue-preposition")
	georgiaClues     = func() []string {
		var out []string
		for _, f := range fields("placewords.txt", "georgia", 1) {
			out = append(out, f[0])
		}
		return out
	}()
	formerStates = func() []struct{ successor, former, clue string } {
		var out []struct{ successor, former, clue string }
		for _, f := range fields("placewords.txt", "former-state", 3) {
			out = append(out, struct{ successor, former, clue string }{f[0], f[1], f[2]})
		}
		return out
	}()

	// The US states by their abbreviations, and Canada's provinces.
	usStates     = lexicon.Pairs(lexicon.English, "states.txt", "ap")
	postalStates = lexicon.Pairs(lexicon.English, "states.txt", "postal")
	// stateAbbrevs are the abbreviations of US states and Canadian
	// provinces that follow the city of a dateline ("SANTA CRUZ, Calif.,
	// Feb 26 -"), with their country.
	stateAbbrevs = func() map[string]string {
		m := map[string]string{}
		for a := range lexicon.Pairs(lexicon.English, "states.txt", "canada") {
			m[a] = "Canada"
		}
		for a := range usStates {
			m[a] = "United States"
		}
		return m
	}()
	// stateByAbbrev indexes usStates and postalStates in lower case.
	stateByAbbrev = func() map[string]string {
		m := map[string]string{}
		for _, t := range []map[string]string{usStates, postalStates} {
			for a, st := range t {
				m[strings.ToLower(a)] = st
			}
		}
		return m
	}()
)

// fields returns the lines of a section, each with n fields; another
// number is a fault of the embedded data, and panics like lexicon.Words.
func fields(file, section string, n int) [][]string {
	var out [][]string
	for _, l := range lexicon.Lines(lexicon.English, file, section) {
		if len(l.Fields) != n {
			panic(fmt.Sprintf("lexicon: %s/%s:%d: want %d fields", lexicon.English, file, l.No, n))
		}
		out = append(out, l.Fields)
	}
	return out
}
