// Package quote finds quotations in news text, who said them, and whether the
// speaker is an analyst, an official or someone else.
//
// Extract works in passes over the tokens of an article.
//
// Quotations. Double quotation marks (straight, curly, or two apostrophes)
// are paired inside each paragraph; a quotation left open at the end of a
// paragraph runs on when the next paragraph opens with a mark. Scare quotes,
// titles and headings are dropped: a quotation of fewer than four words, or
// one written in title case, counts only when a speech verb comes before it
// in its sentence (or right after it), and not when it follows a determiner
// or a preposition without closing a clause ("the new “strategic
// partnership” between", but "calling the North a “little dictatorship.”").
// Quotations in two apostrophes, the way some archives transliterate marks,
// are reported with Direct false, as the labelled data counts them. Marks
// nest when a paragraph's marks balance (“… what he calls “hell” …”). The
// pieces of one statement that news writing splits around its attribution
// ("“…,” she said. “…”") make one Quote; a new cue, speaker or paragraph
// starts another.
//
// Speakers. Each quotation's speaker is read from the words around it, in
// this order: the rest of its sentence (“…,” said X · “…,” X said · “…,” X,
// a … at Y, said · “…,” according to X · “…” ― X · “…” He added, when the
// quotation ends its sentence), the start of its sentence (X said: “…” · X
// warned that it “…” · he said, calling … “…” · According to X, “…”), a colon
// ending the paragraph before, the subject of the sentence that holds it
// ("On Monday, Trump knocked … “…”", "Trump, who leads in delegates,
// mocked … “…”"), a sentence before it that is only a speaker and a speech
// verb ("Bystrom agreed. “…”"). A speech verb in an opening subordinate
// clause ("When Trump suggested …, Rubio fired back: “…”") and a sentence
// after the quotation that leads into a quotation of its own do not
// govern it. A quotation with no cue takes the speaker of the speech just
// before it, in its paragraph or, when it opens its paragraph, in the
// paragraph before (continuation paragraphs).
//
// Reported speech. A named subject, a speech verb and a clause with no
// quotation marks ("Zelensky warned that Russia plans …", "Andrew Yeo, a
// senior fellow at …, said North Korea's support …") make a Quote with
// Direct false, so that the speaker counts as quoted. So do "as X noted,
// …", "…, as X said", "… was first reported by X", and a paragraph that
// opens with a speaker and a colon, as headlines and transcripts do
// ("Sanders: Brexit’s message could …"), "…, saying …" and "X praised … and
// said …" (the sentence's subject speaks) and verbs of belief ("X fears
// …"), and the verbs learned from labelled articles to mark an
// attribution when a proposition follows them ("X declined to …", "X
// sought to …"; cues.go, written by newsindex train-cues). A group named
// by its people speaks as written, marked Described ("Republicans",
// "Senate Republicans", "Palestinians", "Democratic voters", "Clinton
// supporters"; group.go); a bare noun ("Analysts said") or a part of a
// group ("some Democrats") names no speaker, and neither does a document ("according to a CNN
// tally", "according to the FBI data") unless the text names its author
// ("according to an analysis by the Pew Research Center", "a 2014 study by
// Professor X found …").
//
// Unknown rather than wrong. A name that no person or body bears is dropped
// from the rules' and the ranker's choices alike (plausible.go): a heading
// in title case, an adjective or demonym, a state's abbreviation, an
// indefinite ("Everyone"), a common word capitalised at a sentence's start,
// or a modifier before a person's noun ("the Florida senator" is not
// Florida). Such a quotation keeps no speaker.
//
// Ranking. A quotation the rules leave without a speaker is given one by a
// linear ranker over the people and organizations named around it, he and
// she resolved, and the speaker before (see rank.go); one who speaks
// elsewhere in the article is named for words that read as speech and that
// their sentence gives no one. Its weights are learned from labelled
// articles by TrainRanker and embedded.
//
// Names. A speaker phrase is cut into titles, name and apposition
// ("Ukrainian President Volodymyr Zelensky", "Marie Dumoulin of the European
// Council on Foreign Relations"). Entity mentions, when given, name people
// canonically; otherwise a surname resolves to the last full name met before
// it (or the first after), an honorific choosing by gender, and he or she to
// the last person named outside quotations whose first name does not say
// otherwise and who is not named in the pronoun's own clause. A definite
// description ("the Florida senator", "the Democratic nominee") is the one
// person the text gave that post before it and whose other words agree
// ("Florida Sen. X", "Sen. X (R-Fla.)"); where no one, or more than one,
// fits, the description itself, marked Described (described.go). A lone surname of someone named in full
// is that person, even when the entity tagger read a longer run around it
// ("Sanders Iowa").
// Countries and capitals speak as governments; "the Clinton campaign"
// speaks as "Clinton campaign".
//
// Roles. One role per speaker, from every mention in the article (titles,
// appositions, and what a sentence says the speaker is or was: "X served as
// director of A and is now president of B"): a title right before the name
// ("President", "Sen.", "spokesman") makes an official; expert words
// ("analyst", "fellow", "professor", "economist") or a think tank or
// university named with them make an analyst, as does a former official now
// commenting; media, business and private words make other, and so does a
// post at a company or a news medium ("the chief executive of Ora Media");
// someone with a campaign, an administration or spokesmen, or whom people
// vote for, is an official; anyone else is other. Nothing is known of a
// person but what the text says: this article's, or, for a speaker it names
// bare, other articles' of the same collection (Roles, collection.go). The
// affiliation is the organization named with the speaker, one they are with
// now before one they left, canonical through entity.CanonicalOrganization.
//
// The passes live one to a file (see passes); the word lists are those of
// package lexicon.
package quote

import (
	"github.com/newsindex/newsindex/internal/extract/entity"
)

// Roles of a speaker.
const (
	RoleAnalyst  = "analyst"
	RoleOfficial = "official"
	RoleOther    = "other"
)

// Quote is a quotation with its attribution.
type Quote struct {
	Text        string `json:"text"`                  // the quoted words, without the quotation marks
	Speaker     string `json:"speaker"`               // canonical name of the speaker, "" when unknown
	Role        string `json:"role"`                  // RoleAnalyst, RoleOfficial or RoleOther
	Affiliation string `json:"affiliation,omitempty"` // canonical organization of the speaker, if named
	Cue         string `json:"cue,omitempty"`         // the speech verb ("said", "added", "wrote"), lower case
	Direct      bool   `json:"direct"`                // in quotation marks; false for reported speech
	Start       int    `json:"-"`                     // byte offset of Text in the input
	End         int    `json:"-"`
	// Pieces are the byte ranges of a statement split around its
	// attribution ("“…,” she said. “…”"), whose Text joins them with
	// PieceSeparator; nil when the quotation is one piece, text[Start:End].
	Pieces [][2]int `json:"-"`
	// Mention is how the article names the speaker where it attributes
	// the quotation ("Mr. Alexander", "she", "the Florida senator"), so a
	// reader can check how Speaker was resolved; "" when no words there
	// name the speaker (one inferred from the quotations around it).
	Mention string `json:"mention,omitempty"`
	// RoleRead reports whether the article's text tells the speaker's
	// role: a title, a description, an organization named with them.
	// When it does not, Role is RoleOther, and a collection of articles
	// may know better (Roles.Fill).
	RoleRead bool `json:"-"`
	// Described reports that Speaker is no name but words the article
	// describes the speaker by, as written: a definite description of one
	// person ("the Democratic senator") that no person the article names
	// fits alone (described.go), or a group named by its people
	// ("Republicans", "Senate Republicans", "Democratic voters"; group.go).
	// It names no one: no facet of people counts it.
	Described bool `json:"described,omitempty"`
}

// PieceSeparator joins the pieces of one statement in Quote.Text.
const PieceSeparator = " … "

// Extract finds the quotations of one document. text is the whole article
// (title, a blank line, body); ents is entity.Extract(text).
func Extract(text string, ents entity.Result) []Quote {
	d := newDoc(text, ents)
	d.ranker = defaultRanker()
	d.run()
	return d.output()
}

// passes are the steps that find the quotations and their speakers'
// phrases, in the order they run, each in its own file. output then
// resolves the phrases to names (resolve.go), lets the ranker choose where
// the rules found no speaker (rank.go) and gives each speaker a role
// (roles.go); a collection gives the role of a speaker the text leaves
// undescribed (collection.go).
var passes = []struct {
	name string
	run  func(d *doc)
}{
	{"quotations", (*doc).findQuotes},             // quotations.go
	{"people named", (*doc).scanPeople},           // people.go
	{"framing", (*doc).attribute},                 // framing.go
	{"reported speech", (*doc).indirect},          // reported.go
	{"carrying a speaker over", (*doc).carryOver}, // carryover.go
}

// run finds the quotations and their speakers by the rules.
func (d *doc) run() {
	for _, p := range passes {
		p.run(d)
	}
}

// Analysts returns the canonical names of the speakers with RoleAnalyst, once
// each, in order of first quote.
func Analysts(qs []Quote) []string {
	var out []string
	seen := map[string]bool{}
	for _, q := range qs {
		if q.Role == RoleAnalyst && q.Speaker != "" && !q.Described && !seen[q.Speaker] {
			seen[q.Speaker] = true
			out = append(out, q.Speaker)
		}
	}
	return out
}

// rawQuote is a quotation found in the text, before its speaker is named.
type rawQuote struct {
	open, close int // token indices of the marks; close is past the paragraph when unclosed
	unclosed    bool
	cont        bool // continues an unclosed quotation of the previous paragraph
	start, end  int  // byte offsets of the inner text
	direct      bool
	sp          phrase
	cue         string
	cueTok      int
	inherit     *rawQuote // the quotation whose speaker this one shares
	pending     bool      // no cue found: takes the speaker of the speech before
	speaker     string    // resolved
	rule        string    // the frame rule that named the speaker, if one did
	rightRule   string    // the rule of rightRules that named the speaker, if one did
	leftRule    string    // the rule of leftRules that named the speaker, if one did
	kind        int
}

// personRef is a person named at a place in the text.
type personRef struct {
	pos  int
	name string
	g    byte
}

type doc struct {
	text        string
	toks        []token
	ents        entity.Result
	quotes      []*rawQuote
	paraEnd     map[int]int // paragraph → index past its last token
	refs        []personRef // people named outside quotations, by position
	speakerRefs []personRef // named speakers, by position
	full        map[string][]personRef
	usedCue     map[int]bool
	reported    []*rawQuote
	evidence    map[string][]mention
	roles       map[string]speakerRole
	headings    map[int]bool
	ranker      map[string]float64                   // the speaker ranker's weights; nil for the rules alone
	cues        Cues                                 // the learned cue heads the reported speech pass reads (cues.go)
	collect     func(qs []*rawQuote, rules []string) // when set, receives the rules' speakers (training)
	lowerWords  map[string]bool                      // words written in lower case outside quotations
	carried     map[*rawQuote]string                 // the speaker carried over to a quotation from an earlier paragraph (output)
	speakers    map[string]bool                      // capitalised words a speech verb follows or precedes; see speaker
	described   map[string]bool                      // the speakers that are descriptions kept as written (described.go)
}

// newDoc tokenizes text and prepares the per-document tables.
func newDoc(text string, ents entity.Result) *doc {
	d := &doc{text: text, ents: ents, toks: tokenize(text), paraEnd: map[int]int{},
		full: map[string][]personRef{}, usedCue: map[int]bool{}, roles: map[string]speakerRole{}, headings: map[int]bool{},
		cues: defaultCues, described: map[string]bool{}}
	for i, t := range d.toks {
		d.paraEnd[t.para] = i + 1
	}
	return d
}
