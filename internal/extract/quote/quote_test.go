package quote

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/newsindex/newsindex/internal/extract/entity"
)

// want describes one quotation a test expects: the start of its text and
// the fields to check ("" leaves a field unchecked, except Speaker when
// noSpeaker is set).
type want struct {
	starts      string
	speaker     string
	role        string
	affiliation string // "-" for none
	cue         string
	indirect    bool
	notSpeaker  string // a speaker the quotation must not get
	mention     string // how the text names the speaker at the attribution
	ends        string // the end of the quotation's text
	described   bool   // the speaker is a description kept as written (Quote.Described)
}

func (w want) String() string {
	return fmt.Sprintf("{%q speaker=%q role=%q aff=%q cue=%q indirect=%v mention=%q ends=%q}", w.starts, w.speaker, w.role, w.affiliation, w.cue, w.indirect, w.mention, w.ends)
}

func formatQuotes(qs []Quote) string {
	var b strings.Builder
	for _, q := range qs {
		fmt.Fprintf(&b, "\n\t{%.40q speaker=%q role=%q aff=%q cue=%q direct=%v mention=%q described=%v}", q.Text, q.Speaker, q.Role, q.Affiliation, q.Cue, q.Direct, q.Mention, q.Described)
	}
	return b.String()
}

// find returns the quotation whose text starts with prefix.
func find(qs []Quote, prefix string) (Quote, bool) {
	for _, q := range qs {
		if strings.HasPrefix(q.Text, prefix) {
			return q, true
		}
	}
	return Quote{}, false
}

var patternTests = []struct {
	name string
	text string
	want []want
	not  []string // texts that must not be taken for quotations
}{
	{
		// a group named by its people speaks in reported speech; a
		// description opening the sentence ("Legal experts") names no group,
		// and a quotation after the group's speech is not the group's
		name: "group_reported",
		text: "Ports\n\nWhite House officials said that the talks would resume next week in Geneva. Legal experts said the case would take years. Dutch officials have said they will decide alone. A spokesman for the Dutch trade ministry, Pieter van Damme, said the government would “weigh security first, in that order”.",
		want: []want{
			{starts: "the talks would resume", speaker: "White House officials", role: RoleOther, cue: "said", indirect: true, described: true},
			{starts: "weigh security first", notSpeaker: "Dutch officials"},
		},
		not: []string{"the case would take years"},
	},
	// Groups (group.go): a plural naming people by a proper attribute, as
	// the subject of a verb of speech, is kept as written and marked
	// described; one row each for what is a group and what is not.
	{
		name: "group_body_before_party",
		text: "Budget\n\nSenate Republicans argued that the plan was too expensive. House Democrats said the vote was a mistake.",
		want: []want{
			{starts: "the plan was too", speaker: "Senate Republicans", role: RoleOther, cue: "argued", indirect: true, described: true},
			{starts: "the vote was a", speaker: "House Democrats", role: RoleOther, cue: "said", indirect: true, described: true},
		},
	},
	{
		name: "group_people_of_demonym",
		text: "Talks\n\nPalestinians said the talks had stalled over the border crossings.",
		want: []want{{starts: "the talks had stalled", speaker: "Palestinians", cue: "said", indirect: true, described: true}},
	},
	{
		// "senators" read as the plural of the title "senator"
		name: "group_plural_of_post",
		text: "Budget\n\nThe plan failed on Monday. Republican senators said that the bill was dead. Republican leaders warned that a shutdown was near.",
		want: []want{
			{starts: "the bill was dead", speaker: "Republican senators", cue: "said", indirect: true, described: true},
			{starts: "a shutdown was near", speaker: "Republican leaders", cue: "warned", indirect: true, described: true},
		},
	},
	{
		// a party's adjective opening the sentence is proper where the
		// article never writes it in lower case
		name: "group_party_adjective_opens_sentence",
		text: "Primary\n\nDemocratic voters say they want a fighter in the White House.",
		want: []want{{starts: "they want a fighter", speaker: "Democratic voters", cue: "say", indirect: true, described: true}},
	},
	{
		name: "group_direct_quotation",
		text: "Budget\n\n“We will not back down on this budget,” Senate Republicans said.",
		want: []want{{starts: "We will not back down", speaker: "Senate Republicans", cue: "said", described: true}},
	},
	{
		// against: a group as the object of the verb
		name: "group_as_object_not_speaker",
		text: "Budget\n\nSen. Ann Ruiz criticized Republicans and said the bill was flawed.",
		want: []want{{starts: "the bill was flawed", notSpeaker: "Republicans", speaker: "Ann Ruiz", indirect: true}},
	},
	{
		// against: a common word capitalised because it opens the
		// sentence, and a party's adjective the article writes in lower
		// case too
		name: "group_common_word_opens_sentence",
		text: "Campaign\n\nVoters said they were tired of the campaign. Democratic voters say they want change. The democratic process is slow.",
		not:  []string{"they were tired", "they want change"},
	},
	{
		// against: a quantifier makes an unnamed part of the group
		name: "group_quantifier",
		text: "Budget\n\nThe vote is Monday. Some Democrats said the plan would fail. Polls showed that few Americans thought the plan was fair.",
		not:  []string{"the plan would fail", "the plan was fair"},
	},
	{
		// against: a group inside a quotation, and a group inside
		// another's speech, take no quotation
		name: "group_inside_speech",
		text: "Budget\n\n“Republicans said no to everything,” Smith said.\n\nPresident Barack Obama said he expected that Americans will say “no” to the plan.",
		want: []want{
			{starts: "Republicans said no", speaker: "Smith", cue: "said"},
			{starts: "no", notSpeaker: "Americans"},
		},
	},
	{
		// an apposition that a noun of a post opens ("head of …") tells
		// the speaker's organization, here a research centre's
		name: "apposition_head_of",
		text: "Farms\n\nSkills training works best when it is tailored to each farmer, according to Lena Morrow, head of the Centre for Rural Studies at the University of Dunmore, and other scientists.\n\n“The drought is only part of the story,” Morrow said.",
		want: []want{{starts: "The drought is only", speaker: "Lena Morrow", role: RoleAnalyst, affiliation: "Centre for Rural Studies"}},
	},
	{
		// a known organization right before a post is the speaker's, even
		// when its name is one word the entity pass may not read as a body
		name: "organization_before_post",
		text: "Trade\n\n“The tariffs are a tax on consumers,” said Brookings scholar Willa Garston.",
		want: []want{{starts: "The tariffs are", speaker: "Willa Garston", role: RoleAnalyst, affiliation: "Brookings Institution"}},
	},
	{
		// after an indefinite article and modifiers of a post, a country's
		// name that a person's noun follows describes someone unnamed: the
		// country does not speak
		name: "indefinite_description_country",
		text: "Probe\n\n“There isn't a whole lot you can do,” said a former U.S. law enforcement official who oversaw the case.",
		want: []want{{starts: "There isn't a whole", notSpeaker: "United States"}},
	},
	{
		// a post held "at" a short name of capitals makes it the
		// speaker's organization, whole names only ("at Ferris & Lowe")
		name: "post_at_name",
		text: "Law\n\n“The law is clear,” said Lorna Tibbe, a constitutional law professor at Harwell.\n\n“They bet too early,” said Mark Chilton, an industry analyst at Ferris & Lowe.",
		want: []want{
			{starts: "The law is clear", speaker: "Lorna Tibbe", role: RoleAnalyst, affiliation: "Harwell"},
			{starts: "They bet too early", speaker: "Mark Chilton", role: RoleAnalyst, affiliation: "-"},
		},
	},
	{
		// a possessive inside a body's name the entity pass reads whole
		name: "possessive_in_affiliation",
		text: "Economy\n\n“Growth will slow next year,” said Mark Zandi, chief economist at Moody’s Analytics.",
		want: []want{{starts: "Growth will slow", speaker: "Mark Zandi", role: RoleAnalyst, affiliation: "Moody’s Analytics"}},
	},
	{
		// a people's adjective before a post says where the speaker is
		// from, not whom they work for
		name: "demonym_before_post",
		text: "Film\n\n“The Salt Year”, a drama by the Lebanese-French director Noor Haddad about a salt harvester, won the top prize on Saturday.\n\n“The sea decides everything here,” Haddad said.",
		want: []want{{starts: "The sea decides", speaker: "Noor Haddad", affiliation: "-"}},
	},
	{
		// a body a former official served, named before the post ("a former
		// Harlow administration official"), is not whom they speak for now
		name: "former_administration_official",
		text: "Taxes\n\n“The plan will not raise what it promises,” said Tomas Berg, a former Harlow administration official who now writes a newsletter.",
		want: []want{{starts: "The plan will not", speaker: "Tomas Berg", role: RoleAnalyst}},
	},
	{
		// a surname of two words after a courtesy title is the end of the
		// full name met before it
		name: "honorific_two_word_surname",
		text: "Trade\n\nWhen Ildara Ruiz Montoya, the Peruvian minister of trade, came to talk last week, she was calm.\n\n“We must not overreact to campaign rhetoric,” Ms. Ruiz Montoya said.",
		want: []want{{starts: "We must not overreact", speaker: "Ildara Ruiz Montoya", role: RoleOfficial}},
	},
	{
		// a capitalised word read as a speaker ("Republican" of "Republican
		// claims … they lack") is no antecedent for "he", nor is the listener
		name: "pronoun_told_listener",
		text: "Ratings\n\nFactCheck Director Daniel Ortmann answered that the site rates so many Republican claims as false because they lack context.\n\n“We are not just counting figures,” he told Harbortimes. “We look at the whole picture.”",
		want: []want{{starts: "We are not just counting", speaker: "Daniel Ortmann", notSpeaker: "Harbortimes", mention: "he"}},
	},
	{
		name: "said_name_after",
		text: "Budget talks\n\n“We will not sign this budget in its present form,” said Helena Brandt, a senior fellow at the Institute for Fiscal Studies.",
		want: []want{{starts: "We will not sign", speaker: "Helena Brandt", role: RoleAnalyst, affiliation: "Institute for Fiscal Studies", cue: "said"}},
	},
	{
		name: "said_post_then_name",
		text: "Fisheries\n\n“The quotas will be cut again next year, and the fleet knows it,” said Norway's minister for fisheries, Ingrid Solheim, after the talks.\n\n" +
			"“Nobody wants to lose another season,” said Chile's trade minister, Tomás Barrera.",
		want: []want{
			{starts: "The quotas will be cut", speaker: "Ingrid Solheim", mention: "Ingrid Solheim", role: RoleOfficial, cue: "said"},
			{starts: "Nobody wants to lose", speaker: "Tomás Barrera", mention: "Tomás Barrera", role: RoleOfficial, cue: "said"},
		},
	},
	{
		name: "name_said",
		text: "Port strike\n\n\"The dockers have every right to be angry about this,\" Tomas Lindqvist said on Tuesday.",
		want: []want{{starts: "The dockers have", speaker: "Tomas Lindqvist", cue: "said"}},
	},
	{
		name: "apposition_before_verb",
		text: "Rates\n\nOwen Mbeki, an economist at the University of Cape Town, said the central bank would \"almost certainly raise rates again before the summer.\"",
		want: []want{
			{starts: "almost certainly raise", speaker: "Owen Mbeki", role: RoleAnalyst, affiliation: "University of Cape Town", cue: "said"},
		},
	},
	{
		name: "added_name_of_org",
		text: "Grain\n\n“The harvest is late but it is not lost,” added Priya Raman of the Centre for Agrarian Research.",
		want: []want{{starts: "The harvest is late", speaker: "Priya Raman", role: RoleAnalyst, affiliation: "Centre for Agrarian Research", cue: "added"}},
	},
	{
		name: "wrote_name",
		text: "Essay\n\n“A ceasefire that nobody monitors is only a pause,” wrote Jonas Feld, a researcher at the Peace Research Institute.",
		want: []want{{starts: "A ceasefire that nobody", speaker: "Jonas Feld", role: RoleAnalyst, cue: "wrote"}},
	},
	{
		name: "according_to",
		text: "Floods\n\n“Three villages are still cut off from the main road,” according to Maria Okafor, the regional governor.",
		want: []want{{starts: "Three villages are still", speaker: "Maria Okafor", role: RoleOfficial}},
	},
	{
		name: "told",
		text: "Mines\n\nEnergy Minister Rafael Cortez told reporters: “We will reopen the northern mine by March at the latest.”",
		want: []want{{starts: "We will reopen", speaker: "Rafael Cortez", role: RoleOfficial, cue: "told"}},
	},
	{
		name: "warned_partial",
		text: "Border\n\nSenator Ruth Adair warned that the plan would “leave the border towns without a single doctor.”",
		want: []want{{starts: "leave the border towns", speaker: "Ruth Adair", role: RoleOfficial, cue: "warned"}},
	},
	{
		name: "pronoun_resolves_to_last_person",
		text: "Trade\n\nKaren Holt, a trade analyst at Meridian Research, has followed the talks for years.\n\n“Nobody expected the tariffs to last this long,” she said.",
		want: []want{{starts: "Nobody expected", speaker: "Karen Holt", role: RoleAnalyst, affiliation: "Meridian Research", cue: "said"}},
	},
	{
		name: "surname_resolves_to_full_name",
		text: "Courts\n\nThe ruling was welcomed by Prime Minister Alain Dupuis on Monday.\n\n“This is a good day for the rule of law,” Dupuis said.",
		want: []want{{starts: "This is a good day", speaker: "Alain Dupuis", role: RoleOfficial, cue: "said"}},
	},
	{
		name: "cue_in_next_sentence",
		text: "Rail\n\nThe strike entered its third week.\n\n“The trains will run again when the contract is signed.” He added that Lucas Moreau had not yet replied.\n\nLucas Moreau is the union leader.",
		want: []want{{starts: "The trains will run", cue: "added"}},
	},
	{
		name: "cue_in_next_sentence_named",
		text: "Rail\n\nUnion leader Lucas Moreau spoke to workers at the depot.\n\n“The trains will run again when the contract is signed.” He added that talks would resume.",
		want: []want{{starts: "The trains will run", speaker: "Lucas Moreau", cue: "added"}},
	},
	{
		name: "continuation_paragraph",
		text: "Water\n\n“The reservoir is at forty percent,” said Anna Kowal, a hydrologist at Warsaw University.\n\n“If it does not rain in April we will have to ration water in the cities.”",
		want: []want{
			{starts: "The reservoir is at", speaker: "Anna Kowal", role: RoleAnalyst},
			{starts: "If it does not rain", speaker: "Anna Kowal", role: RoleAnalyst},
		},
	},
	{
		name: "open_quote_over_paragraphs",
		text: "Speech\n\nMayor Lena Ortiz said: “We have cleared the streets and opened the shelters.\n\n“Nobody will sleep outside tonight while I am mayor of this city.”",
		want: []want{
			{starts: "We have cleared", speaker: "Lena Ortiz", role: RoleOfficial},
			{starts: "Nobody will sleep", speaker: "Lena Ortiz", role: RoleOfficial},
		},
	},
	{
		name: "government_speaks",
		text: "Tension\n\nJapan has warned that it “will respond firmly to any violation of its airspace” near the islands.",
		want: []want{{starts: "will respond firmly", speaker: "Japan", role: RoleOfficial, cue: "warned"}},
	},
	{
		name: "calling_partial",
		text: "Rally\n\n“This election is about the future of our children,” Governor Mark Tully said, calling his rival a “career insider.”",
		want: []want{
			{starts: "This election is about", speaker: "Mark Tully", role: RoleOfficial, cue: "said"},
			{starts: "career insider", speaker: "Mark Tully", cue: "calling"},
		},
	},
	{
		name: "indirect_speech",
		text: "Aid\n\nForeign Minister Sara Lind warned that the aid convoy would be delayed by at least a week.",
		want: []want{{starts: "the aid convoy would", speaker: "Sara Lind", role: RoleOfficial, cue: "warned", indirect: true}},
	},
	{
		name: "indirect_with_apposition",
		text: "Ports\n\nDaniel Roy, a senior fellow at the Lowy Institute, said the new port could change the balance of power in the region.",
		want: []want{{starts: "the new port could", speaker: "Daniel Roy", role: RoleAnalyst, affiliation: "Lowy Institute", cue: "said", indirect: true}},
	},
	{
		name: "indirect_with_relative_apposition",
		text: "Flood\n\nMaren Holt, who lost her farm in Dunmore, Kent, in March 2019, said that the council had ignored every warning.",
		want: []want{{starts: "the council had ignored", speaker: "Maren Holt", cue: "said", indirect: true}},
	},
	{
		name: "adverb_before_verb",
		text: "Permits\n\nYears after Maren Holt publicly claimed that the permits were forged, the council reopened the file.",
		want: []want{{starts: "the permits were forged", speaker: "Maren Holt", cue: "claimed", indirect: true}},
	},
	{
		name: "possessive_pronoun_campaign",
		text: "Race\n\nMaren Holt won the vote.\n\nHer campaign quickly blasted out an email to supporters stating that the count was over.",
		not:  []string{"the count was over"},
	},
	{
		name: "participle_after_dash",
		text: "Vote\n\nMaren Holt changed her vote on the spot – saying she had read the report overnight.",
		want: []want{{starts: "she had read the report", speaker: "Maren Holt", cue: "saying", indirect: true}},
	},
	{
		// a verb that takes a noun phrase: the quotation is the verb
		// with its object, what the speaker did, not the bare noun phrase
		name: "object_act_verb_phrase",
		text: "Port\n\nMaria Keller, the mayor of Ashvale, opposed the new lease terms on Monday.",
		want: []want{{starts: "opposed the new lease terms", ends: "terms on Monday", speaker: "Maria Keller", cue: "opposed", indirect: true}},
		not:  []string{"the new lease terms"},
	},
	{
		name: "object_act_object_and_complement",
		text: "Port\n\nSenator Anna Berg praised the workers for their patience.",
		want: []want{{starts: "praised the workers for their patience", ends: "patience", speaker: "Anna Berg", cue: "praised", indirect: true}},
	},
	{
		// a participle after a comma is another act: PolNeAR's spans
		// end before it
		name: "object_act_ends_before_participle",
		text: "Port\n\nUnion leader Tom Brandt endorsed the plan, calling it fair.",
		want: []want{{starts: "endorsed the plan", ends: "endorsed the plan", speaker: "Tom Brandt", cue: "endorsed", indirect: true}},
	},
	{
		name: "object_act_ends_before_but",
		text: "Budget\n\nMaria Keller criticized the harbor budget, but her party voted for it on Friday.",
		want: []want{{starts: "criticized the harbor budget", ends: "harbor budget", speaker: "Maria Keller", cue: "criticized", indirect: true}},
	},
	{
		// "and said …" makes a quotation of its own
		name: "object_act_ends_before_and_said",
		text: "Budget\n\nMaria Keller praised the harbor plan and said the port would reopen in May.",
		want: []want{
			{starts: "praised the harbor plan", ends: "harbor plan", speaker: "Maria Keller", cue: "praised", indirect: true},
			{starts: "the port would reopen", speaker: "Maria Keller", cue: "said", indirect: true},
		},
	},
	{
		// the verb inside a clause of the noun phrase is not the
		// complement's own
		name: "object_act_noun_with_clause",
		text: "Port\n\nSenator Anna Berg expressed concern that the talks would fail again.",
		want: []want{{starts: "expressed concern that the talks would fail", speaker: "Anna Berg", cue: "expressed", indirect: true}},
	},
	// A past participle of speech after a determiner, a possessive pronoun
	// or a possessive (an adverb perhaps between) modifies a noun: no cue
	// (modifiesNoun). One row for each shape (today only a name's
	// possessive puts a speaker before the participle; the others hold
	// the rule for any other pass change), and rows against: a
	// possessive before a noun, then the verb, still attributes (a
	// description speaks in reported speech only as a named group, so
	// the rows against name the speaker in an apposition).
	{
		name: "participle_after_possessive",
		text: "Port\n\nMaria Keller's proposed harbor wall would cost the city millions.",
		not:  []string{"harbor wall would cost", "proposed harbor wall"},
	},
	{
		name: "participle_after_possessive_goal",
		text: "Port\n\nIn Ashvale, Maria Keller's stated goal was a new lease for the harbor.",
		not:  []string{"goal was a new lease"},
	},
	{
		name: "participle_after_possessive_noun",
		text: "Port\n\nThe shipping company's announced layoffs will hit the harbor towns first, Maria Keller warned on Monday.",
		not:  []string{"layoffs will hit"},
	},
	{
		name: "participle_after_determiner",
		text: "Port\n\nSenator Anna Berg met the mayor of Ashvale. The stated goal of the visit was a new lease for the harbor.",
		not:  []string{"goal of the visit", "stated goal"},
	},
	{
		name: "participle_after_possessive_pronoun",
		text: "Budget\n\nSenator Anna Berg spoke in Ashvale. Her promised tax cut would cost the harbor towns dearly.",
		not:  []string{"tax cut would cost", "promised tax cut"},
	},
	{
		name: "participle_after_adverb",
		text: "Budget\n\nSenator Anna Berg defended a widely criticized plan to sell the harbor.",
		want: []want{{starts: "defended a widely criticized plan", speaker: "Anna Berg", cue: "defended", indirect: true}},
		not:  []string{"plan to sell the harbor"},
	},
	{
		name: "possessive_noun_then_verb",
		text: "Port\n\nThe minister's spokesman, Tom Brandt, said the harbor would reopen in May. Her lawyer, Ines Ortega, argued that the contract was void.",
		want: []want{
			{starts: "the harbor would reopen in May", speaker: "Tom Brandt", cue: "said", indirect: true},
			{starts: "the contract was void", speaker: "Ines Ortega", cue: "argued", indirect: true},
		},
	},
	{
		// against: a that-clause after a verb that mostly takes an object
		// stays the proposition
		name: "object_verb_that_clause",
		text: "Port\n\nSenator Anna Berg demanded that the port reopen by Friday.",
		want: []want{{starts: "the port reopen by Friday", speaker: "Anna Berg", cue: "demanded", indirect: true}},
	},
	{
		// against: a clause with its own subject and verb
		name: "object_verb_clause_with_verb",
		text: "Port\n\nUnion leader Tom Brandt reiterated the strike would end on Friday.",
		want: []want{{starts: "the strike would end", speaker: "Tom Brandt", cue: "reiterated", indirect: true}},
	},
	{
		name: "object_verb_clause_with_pronoun",
		text: "Port\n\nUnion leader Tom Brandt repeated he would sign the new lease terms.",
		want: []want{{starts: "he would sign", speaker: "Tom Brandt", cue: "repeated", indirect: true}},
	},
	{
		name: "object_verb_to_infinitive",
		text: "Port\n\nMaria Keller offered to meet the union leaders on Friday.",
		want: []want{{starts: "to meet the union leaders", speaker: "Maria Keller", cue: "offered", indirect: true}},
	},
	{
		// against: a verb of saying keeps its proposition
		name: "speech_verb_keeps_proposition",
		text: "Port\n\nMaria Keller said the port would reopen on Monday.",
		want: []want{{starts: "the port would reopen on Monday", speaker: "Maria Keller", cue: "said", indirect: true}},
	},
	{
		name: "found_itself",
		text: "Bank\n\nThe Harbour Development Bank found itself at the center of the island's debt crisis this year.",
		not:  []string{"itself at the center"},
	},
	{
		name: "role_from_earlier_mention",
		text: "Summit\n\nPresident Amara Diallo arrived in Geneva on Sunday.\n\n“We came here to listen,” Diallo said.",
		want: []want{{starts: "We came here", speaker: "Amara Diallo", role: RoleOfficial}},
	},
	{
		name: "spokesman_official",
		text: "Fares\n\n“Fares will not rise this year,” said Paul Okonjo, a spokesman for the transport ministry.",
		want: []want{{starts: "Fares will not rise", speaker: "Paul Okonjo", role: RoleOfficial}},
	},
	{
		// "proposed" after a possessive is an adjective, not Berg's speech
		name: "possessive_before_verb",
		text: "Debate\n\nLena Ortiz then interjected, calling Tomas Berg’s proposed tax credit “a transfer payment with a bow on it.”",
		want: []want{{starts: "a transfer payment", speaker: "Lena Ortiz", notSpeaker: "Tomas Berg"}},
	},
	{
		// a body's person named in full after its possessive speaks
		name: "possessive_body_person",
		text: "Lists\n\nThe Courier’s Nina Holt provided a justification for the list, saying it was meant to “name the people who broke their word.”",
		want: []want{{starts: "name the people", speaker: "Nina Holt"}},
	},
	{
		name: "voter_other",
		text: "Polls\n\n“I have voted in every election since 1970 and I will vote in this one,” said Edna Marsh, a retired teacher.",
		want: []want{{starts: "I have voted", speaker: "Edna Marsh", role: RoleOther}},
	},
	{
		// a post that its own words place in a business is no public office
		name: "business_noun_post",
		text: "Markets\n\n“We expect the market to grow,” said Jane Doemer, the president of a data company in Ohio.",
		want: []want{{starts: "We expect the market", speaker: "Jane Doemer", role: RoleOther}},
	},
	{
		// "chief executive" is a company's officer, as "CEO" is
		name: "chief_executive_other",
		text: "Markets\n\n“We expect the market to grow,” said Jane Doemer, the chief executive of Hartfield.",
		want: []want{{starts: "We expect the market", speaker: "Jane Doemer", role: RoleOther}},
	},
	{
		// an organization of unknown kind tells nothing of its people: the
		// title does ("partner"), or nothing does
		name: "unknown_body_partner",
		text: "Markets\n\n“We expect the market to grow,” said Jane Doemer, a partner at Kellner.",
		want: []want{{starts: "We expect the market", speaker: "Jane Doemer", role: RoleOther}},
	},
	{
		// "managing" makes a firm's officer of a director, as "chief" makes
		// one of an executive; a public body named with it still makes an
		// official
		name: "managing_director_other",
		text: "Markets\n\n“We expect the market to grow,” said Jane Doemer, managing director at Kellner Advisors.",
		want: []want{{starts: "We expect the market", speaker: "Jane Doemer", role: RoleOther}},
	},
	{
		name: "managing_director_body",
		text: "Markets\n\n“We expect growth to slow,” said Jane Doemer, managing director of the International Monetary Fund.",
		want: []want{{starts: "We expect growth", speaker: "Jane Doemer", role: RoleOfficial}},
	},
	{
		// a campaign's own strategist is its staff; a party's adjective
		// before "campaign strategist" names a trade, who comments from
		// outside
		name: "campaign_strategist_staff",
		text: "Polls\n\n“We will win Ohio,” said Tom Brask, the campaign’s chief strategist.",
		want: []want{{starts: "We will win", speaker: "Tom Brask", role: RoleOfficial}},
	},
	{
		name: "party_campaign_strategist_analyst",
		text: "Polls\n\n“They will win Ohio,” said Tom Brask, a Republican campaign strategist.",
		want: []want{{starts: "They will win", speaker: "Tom Brask", role: RoleAnalyst}},
	},
	{
		// a former elected or party post leaves a politician, as "former
		// Governor X" reads; a former appointed official comments as an
		// expert
		name: "former_elected_official",
		text: "Polls\n\n“They will lose Ohio,” said Tom Brask, the former governor.",
		want: []want{{starts: "They will lose", speaker: "Tom Brask", role: RoleOfficial}},
	},
	{
		name: "former_appointed_analyst",
		text: "Talks\n\n“They will walk away,” said Tom Brask, a former ambassador to Japan.",
		want: []want{{starts: "They will walk", speaker: "Tom Brask", role: RoleAnalyst}},
	},
	{
		// a name whose head is a company's word ("Associates") tells nothing
		// of its people, not a public body's staff: the title does
		name: "company_word_economist",
		text: "Markets\n\n“Rates will rise,” said Jane Doemer, chief economist of Mirell Associates.",
		want: []want{{starts: "Rates will rise", speaker: "Jane Doemer", role: RoleAnalyst, affiliation: "Mirell Associates"}},
	},
	{
		name: "unknown_body_alone",
		text: "Markets\n\n“We expect the market to grow,” said Jane Doemer of Kellner.",
		want: []want{{starts: "We expect the market", speaker: "Jane Doemer", role: RoleOther}},
	},
	{
		// a non-business body's president speaks for it
		name: "association_president",
		text: "Hospitals\n\n“We will fight the cuts,” said Jane Doemer, president of the Ohio Nurses Association.",
		want: []want{{starts: "We will fight", speaker: "Jane Doemer", role: RoleOfficial, affiliation: "Ohio Nurses Association"}},
	},
	{
		name: "campaign_speaks",
		text: "Ads\n\nThe Harper campaign said in a statement that the advertisement was “misleading and deeply unfair to voters.”",
		want: []want{{starts: "misleading and deeply", speaker: "Harper campaign", role: RoleOfficial}},
	},
	{
		name: "scare_quotes_and_titles",
		text: "The “Grand Bargain” Explained\n\nThe two countries signed a “strategic partnership” last year.\n\nShe has a new book, “The Long Road Home”, out in May.\n\n“Strategic Patience”\n\nThe treaty provides for “mutual assistance” if either side is attacked.",
		not:  []string{"Grand Bargain", "strategic partnership", "The Long Road Home", "Strategic Patience", "mutual assistance"},
	},
	{
		name: "two_apostrophes",
		text: "Taxes\n\n''The plan would add to the deficit,'' said Mira Stone, an economist at the Tax Policy Center.",
		want: []want{{starts: "The plan would add", speaker: "Mira Stone", role: RoleAnalyst, indirect: true}},
	},
	{
		name: "dash_attribution",
		text: "Letters\n\n“The bridge should have been repaired years ago.” ― Carla Mendes, Lisbon",
		want: []want{{starts: "The bridge should", speaker: "Carla Mendes"}},
	},
	{
		name: "age_and_place_apposition",
		text: "Voters\n\n“I will vote for the first time this year,” said Dana Whitfield, 19, of Dayton, Ohio, a student.\n\nLeo Marsh, 64, of Akron, Ohio, said the plant closure had “changed everything for this town.”",
		want: []want{
			{starts: "I will vote", speaker: "Dana Whitfield"},
			{starts: "changed everything", speaker: "Leo Marsh"},
		},
	},
	{
		name: "told_names_the_listener",
		text: "Interview\n\nGovernor Nate Ruiz later Thursday told Channel Four News: “We are not closing the hospital.”",
		want: []want{{starts: "We are not closing", speaker: "Nate Ruiz", role: RoleOfficial, cue: "told"}},
	},
	{
		name: "name_in_apposition",
		text: "Ports\n\nThe state’s Democratic attorney general, Lucia Ferraro, vowed to pursue “every company that dumped waste in the bay.”",
		want: []want{{starts: "every company", speaker: "Lucia Ferraro", role: RoleOfficial, cue: "vowed"}},
	},
	{
		name: "paragraph_subject",
		text: "Jobs\n\nMayor Hugo Brandt touted the new factory on Monday. “This is four hundred jobs for our town.”",
		want: []want{{starts: "This is four hundred", speaker: "Hugo Brandt", role: RoleOfficial}},
	},
	{
		name: "quote_after_a_paragraph_about_the_speaker",
		text: "Race\n\n“The race is wide open,” said Irene Castell, a pollster at Northfield College.\n\nCastell expects turnout to be high.\n\n“Young voters will decide this one.”",
		want: []want{{starts: "Young voters", speaker: "Irene Castell", role: RoleAnalyst}},
	},
	{
		name: "transcript",
		text: "Debate\n\nThe exchange went on:\n\n\"HARLOW: Governor, will you release your tax returns before the vote?\"",
		want: []want{{starts: "Governor, will you", speaker: "Harlow"}},
	},
	{
		name: "noun_not_verb",
		text: "Checks\n\nThe Ledger rated 30% of Republican claims as “mostly false” in the spring.",
		want: []want{{starts: "mostly false", notSpeaker: "Republican"}},
	},
	{
		name: "phrase_between_name_and_verb",
		text: "Courts\n\nSenator Joan Pruitt in a radio interview said the court would be “packed with loyalists by the end of the year.”",
		want: []want{{starts: "packed with loyalists", speaker: "Joan Pruitt", role: RoleOfficial, cue: "said"}},
	},
	{
		name: "speech_before_speaker",
		text: "Talks\n\nThe merger talks have collapsed after two weeks, Maria Lenz said.",
		want: []want{{starts: "The merger talks", speaker: "Maria Lenz", cue: "said", indirect: true}},
	},
	{
		name: "party_and_state",
		text: "Banks\n\nThe hearing was led by Jo Hartley (D-Ore.) and others.\n\n“You should give the money back,” Hartley said.",
		want: []want{{starts: "You should give", speaker: "Jo Hartley", role: RoleOfficial}},
	},
	{
		name: "served_as_official",
		text: "Asia\n\n“The sanctions were never enforced,” said Tom Reyes, who served as Asia director for the National Security Council.",
		want: []want{{starts: "The sanctions were never", speaker: "Tom Reyes", role: RoleAnalyst}},
	},
	{
		name: "former_official_comments",
		text: "Diplomacy\n\n“The sanctions will bite by the winter,” said Peter Hall, a former ambassador to Moscow.",
		want: []want{{starts: "The sanctions will bite", speaker: "Peter Hall", role: RoleAnalyst}},
	},
	{
		name: "as_name_noted",
		text: "Turnout\n\nBut as Marta Ilves noted, younger voters will decide the runoff in the capital.",
		want: []want{{starts: "younger voters will decide", speaker: "Marta Ilves", cue: "noted", indirect: true}},
	},
	{
		name: "reported_by",
		text: "Talks\n\nThe resignation of the minister was first reported by the Baltic News Agency on Monday.",
		want: []want{{starts: "The resignation of the minister", speaker: "Baltic News Agency", cue: "reported", indirect: true}},
	},
	{
		name: "as_reported_by",
		text: "Talks\n\nAs reported by the Baltic News Agency, the minister resigned on Monday.",
		want: []want{{starts: "As reported by", speaker: "Baltic News Agency", cue: "reported", indirect: true}},
	},
	{
		name: "noun_between_names",
		text: "Runoff\n\n“The vote is not over yet, and we will win it,” said Moreno ally Luis Ortega.",
		want: []want{{starts: "The vote is not over", speaker: "Luis Ortega", cue: "said"}},
	},
	{
		// a party's members speak as a group, kept as written (group.go)
		name: "group_party",
		text: "Senate\n\nRepublicans said the bill would fail in the Senate next week.",
		want: []want{{starts: "the bill would fail", speaker: "Republicans", role: RoleOther, cue: "said", indirect: true, described: true}},
	},
	{
		name: "colon_headline",
		text: "Ortega: the cabinet will be named on Friday\n\nLuis Ortega spoke in the capital on Tuesday.",
		want: []want{{starts: "the cabinet will be named", speaker: "Luis Ortega", cue: ":", indirect: true}},
	},
	{
		name: "subordinate_clause_speech_verb",
		text: "Debate\n\nMaria Keller and Tomas Lindqvist met on stage.\n\nWhen Keller said the plan would cost too much, Lindqvist shot back: “The plan pays for itself within five years.”",
		want: []want{{starts: "The plan pays", speaker: "Tomas Lindqvist", notSpeaker: "Maria Keller"}},
	},
	{
		name: "subject_with_apposition",
		text: "Rally\n\nTomas Lindqvist spoke first.\n\nLindqvist, who leads the count by a wide margin, mocked his rival for “having a very tough night indeed.”",
		want: []want{{starts: "having a very tough", speaker: "Tomas Lindqvist"}},
	},
	{
		name: "subject_after_opening_adverb",
		text: "Syllabus\n\nHelena Brandt was angry on Saturday.\n\nLater on Sunday, Brandt shared a reading list on her page, writing “Here is the list for the class you claim never existed.”",
		want: []want{{starts: "Here is the list", speaker: "Helena Brandt"}},
	},
	{
		name: "participle_after_comma",
		text: "Lawsuit\n\nThe Harbor Tenants Union sued the city over the rules on Monday, saying they violate the rights of every tenant.",
		want: []want{{starts: "they violate the rights", speaker: "Harbor Tenants Union", cue: "saying", indirect: true}},
	},
	{
		name: "coordinated_speech_verb",
		text: "Convention\n\nMaria Keller praised her rival on stage and said the party would finish the job he started.",
		want: []want{{starts: "the party would finish", speaker: "Maria Keller", cue: "said", indirect: true}},
	},
	{
		name: "coordinated_speech_verb_but",
		text: "Hearing\n\nJudge Helena Brandt put off deciding the question but said the tenants could come back later with that request.",
		want: []want{{starts: "the tenants could come", speaker: "Helena Brandt", cue: "said", indirect: true}},
	},
	{
		// the subject of the first verb speaks, not its object before a
		// phrase of time or place ("on Tuesday and said")
		name: "coordinated_speech_verb_after_object",
		text: "Talks\n\nClinton met Sanders on Tuesday and said the two agreed on trade.",
		want: []want{{starts: "the two agreed on trade", speaker: "Clinton", notSpeaker: "Sanders", cue: "said", indirect: true}},
	},
	{
		name: "coordinated_speech_verb_after_group_object",
		text: "Budget\n\nSenator Maria Lopez met Republicans on Monday and said the bill would pass.",
		want: []want{{starts: "the bill would pass", speaker: "Maria Lopez", cue: "said", indirect: true}},
	},
	{
		// after a title and a name, "visited" is a verb, not a noun of
		// "Clinton ally James Carville"
		name: "coordinated_speech_verb_after_named_object",
		text: "Budget\n\nGovernor Tom Reed visited Mayor Ann Kirby in Denver and said the budget was “sound and fair to all of us.”",
		want: []want{{starts: "sound and fair", speaker: "Tom Reed", notSpeaker: "Ann Kirby"}},
	},
	{
		name: "titled_subject_verb_in_ed_before_titled_object",
		text: "Budget\n\nGovernor Tom Reed visited Mayor Ann Kirby on Friday and said the budget was sound.",
		want: []want{{starts: "the budget was sound", speaker: "Tom Reed", notSpeaker: "Ann Kirby", cue: "said", indirect: true}},
	},
	{
		name: "titled_subject_verb_in_ed_before_titled_object_2",
		text: "Budget\n\nSenator Maria Lopez praised Governor Tom Reed on Friday and said the budget is sound.",
		want: []want{{starts: "the budget is sound", speaker: "Maria Lopez", notSpeaker: "Tom Reed", cue: "said", indirect: true}},
	},
	{
		// against: a noun between a name and a full name still makes a
		// post, after a title too ("Governor Tom Reed aide Ann Kirby")
		name: "titled_name_noun_before_full_name",
		text: "Budget\n\nGovernor Tom Reed aide Ann Kirby said the budget was sound.",
		want: []want{{starts: "the budget was sound", speaker: "Ann Kirby", cue: "said", indirect: true}},
	},
	{
		name: "untitled_name_noun_before_full_name",
		text: "Runoff\n\nMoreno ally Luis Ortega said the vote was not over.",
		want: []want{{starts: "the vote was not over", speaker: "Luis Ortega", cue: "said", indirect: true}},
	},
	{
		name: "coordinated_speech_verb_after_object_but",
		text: "Talks\n\nClinton met Sanders on Tuesday but said the two were “still far apart on trade.”",
		want: []want{{starts: "still far apart", speaker: "Clinton", notSpeaker: "Sanders", cue: "said"}},
	},
	{
		// against: a clause of its own after a comma or "while" has its
		// own subject, and "X and Y said" a joint one
		name: "own_subject_after_comma_not_first_verb",
		text: "Budget\n\nGovernor Tom Reed spoke in Denver, and Mayor Ann Kirby said the budget was sound.",
		want: []want{{starts: "the budget was sound", speaker: "Ann Kirby", cue: "said", indirect: true}},
	},
	{
		name: "own_subject_after_while_not_first_verb",
		text: "Budget\n\nGovernor Tom Reed spoke in Denver while Mayor Ann Kirby said the budget was sound.",
		want: []want{{starts: "the budget was sound", speaker: "Ann Kirby", cue: "said", indirect: true}},
	},
	{
		name: "joint_subject_unchanged",
		text: "Budget\n\nGovernor Tom Reed and Mayor Ann Kirby said the budget was sound.",
		want: []want{{starts: "the budget was sound", speaker: "Ann Kirby", cue: "said", indirect: true}},
	},
	{
		name: "learned_cue_infinitive",
		text: "Talks\n\nThe Harbor Tenants Union declined to sign the new lease terms on Monday, the city said.",
		want: []want{{starts: "to sign the new lease terms on Monday", ends: "Monday", speaker: "Harbor Tenants Union", cue: "declined", indirect: true}},
	},
	{
		name: "learned_cue_noun_phrase_is_no_proposition",
		text: "Talks\n\nMaria Keller refused the offer from the city council on Monday.",
		not:  []string{"the offer from"},
	},
	{
		name: "learned_cue_passive_below_threshold",
		text: "Talks\n\nMaria Keller is expected to sign the new lease terms on Monday.",
		not:  []string{"to sign the new"},
	},
	{
		name: "next_sentence_frames_its_own_quote",
		text: "Debate\n\nMaria Keller said Tomas Lindqvist \"caused real harm.\" Anna Berg called Keller a \"pathological liar.\" Others stayed quiet.",
		want: []want{
			{starts: "caused real harm", speaker: "Maria Keller", cue: "said"},
			{starts: "pathological liar", speaker: "Anna Berg", cue: "called"},
		},
	},
	{
		name: "and_said_with_clause_subject",
		text: "Rally\n\nTomas Lindqvist spoke. Maria Keller voted.\n\nKeller praised his plans on defense and said the Uppsala senator can “bring real change” to the capital.",
		want: []want{{starts: "bring real change", speaker: "Maria Keller"}},
	},
	{
		name: "party_state_then_comma",
		text: "Budget\n\nGov. Tomas Lindqvist (R-OH), said, “We are getting ready for a very long winter in the capital.”",
		want: []want{{starts: "We are getting ready", speaker: "Tomas Lindqvist", cue: "said"}},
	},
	{
		name: "as_x_said",
		text: "Markets\n\nTrade is booming. As Helena Brandt said last week in Oslo, “The harbour is the center of the northern economy.”",
		want: []want{{starts: "The harbour is", speaker: "Helena Brandt", cue: "said"}},
	},
	{
		name: "subject_with_party_state",
		text: "Verdict\n\nIn a statement on Thursday, Rep. Tomas Lindqvist (D-N.Y.) reacted to the verdict, saying: “The court has spoken and we will respect it.”",
		want: []want{{starts: "The court has spoken", speaker: "Tomas Lindqvist"}},
	},
	{
		name: "speaker_sentence_before",
		text: "Polls\n\nMaria Keller spoke first. Helena Brandt agreed. “Mainstream voters are running out of time to find someone else.”",
		want: []want{{starts: "Mainstream voters", speaker: "Helena Brandt", cue: "agreed"}},
	},
	{
		name: "rank_between_body_and_name",
		text: "Vote\n\n“I was hoping for someone else to jump into the race,” said Air Force 1st Lt. Tomas Lindqvist.",
		want: []want{{starts: "I was hoping", speaker: "Tomas Lindqvist"}},
	},
	{
		name: "hyphenated_noun_between_org_and_name",
		text: "Debate\n\n“Imagine the two of them on the same stage,” mused Harbor Radio co-host Maria Keller.",
		want: []want{{starts: "Imagine the two", speaker: "Maria Keller"}},
	},
	{
		name: "modifier_before_person_noun",
		text: "Rally\n\nThe Uppsala senator said the count was over. “It's a difficult issue,” said the Uppsala senator.",
		want: []want{{starts: "It's a difficult issue", notSpeaker: "Uppsala", described: true}},
	},
	{
		name: "source_after_speech_with_adjunct",
		text: "Transition\n\nHe will be part of efforts to prepare the candidate for the debates, Harbor Radio reported on Tuesday.",
		want: []want{{starts: "He will be part", speaker: "Harbor Radio", cue: "reported", indirect: true}},
	},
	{
		name: "affiliation_before_post",
		text: "Port\n\n“We will print every word of it,” said Harbor News Executive Editor Tomas Berg.",
		want: []want{{starts: "We will print", speaker: "Tomas Berg", affiliation: "Harbor News"}},
	},
	{
		name: "name_then_participle",
		text: "Ads\n\nThe ad uses footage of Maria Lopez asking, “Why are we not ten points ahead of them?”",
		want: []want{{starts: "Why are we not", speaker: "Maria Lopez", cue: "asking"}},
	},
	{
		name: "name_then_participle_adjunct",
		text: "Ads\n\nThe spot ends with footage of Tomas Berg saying during the debate last week, “That makes me smart and you know it.”",
		want: []want{{starts: "That makes me smart", speaker: "Tomas Berg", cue: "saying"}},
	},
	{
		name: "subordinate_clause_after_quote",
		text: "Ads\n\nThe spot ends with footage of Tomas Berg saying, “That makes me smart and you know it,” when Ana Ruiz blasted him for it.",
		want: []want{{starts: "That makes me smart", speaker: "Tomas Berg"}},
	},
	{
		name: "colon_sentence_subject",
		text: "Jobs\n\nIn July, Tom Reyes made the following comment:\n\n“For young people who left school, the real unemployment rate is far higher.”",
		want: []want{{starts: "For young people", speaker: "Tom Reyes"}},
	},
	{
		name: "delegate_title",
		text: "Hearing\n\n“This is a waste of the committee's time,” said Del. Stacey Marlowe.",
		want: []want{{starts: "This is a waste", speaker: "Stacey Marlowe", role: RoleOfficial}},
	},
	{
		name: "lone_name_the_text_makes_a_speaker",
		text: "Rally\n\nThe crowd waited for an hour, Okafor said.\n\nOkafor gestured to the crowd, then leaned in and boomed: “We will win this one in November.”",
		want: []want{{starts: "We will win", speaker: "Okafor"}},
	},
	{
		name: "name_with_comma_inside_marks",
		text: "Voting\n\nDemocrats sued after the state cut what had been called the “Golden Week,” saying the cut burdened voters. Hosts of “The Late Show,” the station said, were told.",
		not:  []string{"Golden Week", "The Late Show"},
	},
	{
		name: "reported_that_clause",
		text: "Port\n\nMayor Ana Ruiz said in a statement on Monday that the port would reopen within a week. Tomas Berg told reporters that talks had stalled again. Lisa Marr reported from Harbor City.",
		want: []want{
			{starts: "the port would reopen", speaker: "Ana Ruiz", indirect: true},
			{starts: "talks had stalled", speaker: "Tomas Berg", indirect: true},
		},
		not: []string{"in a statement", "reporters that", "from Harbor City"},
	},
	{
		name: "pronoun_not_named_in_its_clause",
		text: "Court\n\nDaniel Price lost the case on Monday. Judge Gonzalo Morales said the ruling was final.\n\nHe insisted Morales had “a clear conflict of interest” in the case.",
		want: []want{{starts: "a clear conflict", speaker: "Daniel Price"}},
	},
	{
		name: "description_titled_before",
		text: "Race\n\nFlorida Sen. Maria Lopez spoke first. Tom Reyes, a farmer, listened.\n\n“We will win this state again,” the Florida senator said.",
		want: []want{{starts: "We will win", speaker: "Maria Lopez"}},
	},
	{
		name: "description_party_state",
		text: "Race\n\nSen. Tom Reyes (R-Fla.) spoke first. Ana Ruiz, a farmer, listened.\n\n“We will win this state again,” the Florida senator said.",
		want: []want{{starts: "We will win", speaker: "Tom Reyes"}},
	},
	{
		name: "description_of_no_one",
		text: "Race\n\nGov. Ana Ruiz of Ohio spoke first.\n\n“We will win this state again,” the Florida senator said.",
		want: []want{{starts: "We will win", notSpeaker: "Ana Ruiz", speaker: "the Florida senator", described: true}},
	},
	{
		name: "description_not_former",
		text: "Race\n\nGov. Tom Berg met former Gov. Ana Ruiz on Monday.\n\n“We will win this state again,” the governor said.",
		want: []want{{starts: "We will win", speaker: "Tom Berg"}},
	},
	{
		name: "description_postal_state",
		text: "Race\n\nSen. Tom Reyes (R-Ohio) and Sen. Ana Ruiz (D-Fla.) spoke first.\n\n“We will win this state again,” the Ohio senator said.",
		want: []want{{starts: "We will win", speaker: "Tom Reyes", mention: "the Ohio senator"}},
	},
	{
		name: "description_two_fit",
		text: "Race\n\nFlorida Sen. Maria Lopez spoke first. Florida Sen. Tom Reyes listened.\n\n“We will win this state again,” the Florida senator said.",
		want: []want{{starts: "We will win", speaker: "the Florida senator", described: true}},
	},
	{
		name: "description_nominee_is_candidate",
		text: "Race\n\nRepublican nominee Tom Reyes spoke first. Gov. Ana Ruiz listened.\n\n“We will win this state again,” the Republican presidential candidate told reporters.",
		want: []want{{starts: "We will win", speaker: "Tom Reyes"}},
	},
	{
		name: "description_bare_post",
		text: "Climate\n\nPresident Tom Reyes spoke on Monday. Ana Ruiz, the World Bank president, listened.\n\n“We will cut emissions this decade,” the president said.",
		want: []want{{starts: "We will cut", speaker: "Tom Reyes"}},
	},
	{
		name: "description_not_vice",
		text: "Race\n\nVice President Tom Reyes spoke on Monday.\n\n“We will win this state again,” the former president said.",
		want: []want{{starts: "We will win", speaker: "the former president", described: true}},
	},
	{
		name: "description_vice_not_president",
		text: "Race\n\nPresident Tom Reyes spoke on Monday.\n\n“We will win this state again,” the vice president said.",
		want: []want{{starts: "We will win", speaker: "the vice president", described: true}},
	},
	{
		name: "description_of_no_one_kept",
		text: "Race\n\nGov. Ana Ruiz of Ohio spoke first.\n\n“We will win this state again,” said the Democratic senator.",
		want: []want{{starts: "We will win", speaker: "the Democratic senator", described: true}},
	},
	{
		name: "transcript_label",
		text: "Interview\n\nPartial transcript as follows:\n\n\"HALVORSEN: Let us start with the strike at the port this week.\n\n\"OKAFOR: The dockers are angry, and they have every right to be.",
		want: []want{{starts: "Let us start", speaker: "Halvorsen"}, {starts: "The dockers are angry", speaker: "Okafor"}},
		not:  []string{"HALVORSEN:", "OKAFOR:"},
	},
	{
		name: "post_and_noun_before_name",
		text: "Convention\n\n“We will not fire anyone over this speech,” said Republican party boss Tomas Lindqvist, though he expected the flap to fade.",
		want: []want{{starts: "We will not fire", speaker: "Tomas Lindqvist"}},
	},
	{
		name: "condemned_as",
		text: "Test\n\nIn a statement, President Anna Lindqvist condemned the test as “provocative and destabilizing” and promised a response.",
		want: []want{{starts: "provocative and destabilizing", speaker: "Anna Lindqvist"}},
	},
	{
		name: "it_is_the_body",
		text: "Test\n\nThe Harbor Council on Friday pledged new sanctions against what it called “a clear threat to the peace of the region.”",
		want: []want{{starts: "a clear threat", speaker: "Harbor Council"}},
	},
	{
		name: "description_not_a_clause",
		text: "Blast\n\nMayor Bill Hennessy described the blast as deliberate.\n\nAt a press conference in Chelsea, the mayor also said it was too early to tell.\n\n“We do not see a link to terrorism,” the mayor said.",
		want: []want{{starts: "We do not see", speaker: "Bill Hennessy"}},
	},
	{
		name: "possessive_someone_else",
		text: "Race\n\nTomas Lindqvist's wife told reporters on Monday: “We are very proud of him and of what he did.”",
		want: []want{{starts: "We are very proud", notSpeaker: "Tomas Lindqvist"}},
	},
	{
		name: "possessive_own_words",
		text: "Race\n\nTomas Lindqvist's statement called the ruling “a gross miscarriage of justice in every way.”",
		want: []want{{starts: "a gross miscarriage", speaker: "Tomas Lindqvist"}},
	},
	{
		name: "month_as_surname",
		text: "Brexit\n\nBritish Prime Minister Theresa May said this week that the country would leave the single market by March.",
		want: []want{{starts: "the country would leave", speaker: "Theresa May", indirect: true}},
	},
	{
		name: "reported_then_said_name",
		text: "Taxes\n\nFor some families, the losses would outstrip the gains, said Batchelder.\n\nLily Batchelder teaches tax law.",
		want: []want{{starts: "For some families", speaker: "Lily Batchelder", indirect: true}},
	},
	{
		name: "reported_then_said_name_apposition",
		text: "Radio\n\nThe stations dropped the programs by 2005, said Jeffrey N. Trimble, a senior official with the broadcasting board.",
		want: []want{{starts: "The stations dropped", speaker: "Jeffrey N. Trimble", indirect: true}},
	},
	{
		name: "assembly_is_a_body",
		text: "UN\n\nIt was under Mr. Halvorsen's watch that the General Assembly set up the agency. Tomas Halvorsen spoke often.\n\nIn recent months, he said he backed the idea of a woman succeeding him.",
		want: []want{{starts: "he backed the idea", speaker: "Tomas Halvorsen", indirect: true}},
	},
	{
		name: "city_named_like_a_woman",
		text: "Visit\n\nSenator Maria Lopez spoke on Monday.\n\nProtests went on in Charlotte for a week.\n\nShe said the city needed “time to heal and a real plan for its police.”",
		want: []want{{starts: "time to heal", speaker: "Maria Lopez"}},
	},
	{
		name: "public_attorney_is_official",
		text: "Ads\n\nCity Attorney Tomas Berg said the advertisement was “misleading and must come down at once.”",
		want: []want{{starts: "misleading", speaker: "Tomas Berg", role: RoleOfficial}},
	},
	{
		name: "staff_strategist_is_official",
		text: "Race\n\n“The numbers are moving our way in every state,” said Tomas Berg, chief strategist for the Republican National Committee.",
		want: []want{{starts: "The numbers are moving", speaker: "Tomas Berg", role: RoleOfficial}},
	},
	{
		name: "nested_curly_quotes",
		text: "Voters\n\n“I would rather live in what he calls “hell” than live in his world,” said Rosa Marin, a nurse.",
		want: []want{{starts: "I would rather live in what he calls “hell” than live in his world", speaker: "Rosa Marin"}},
		not:  []string{" than live"},
	},
	{
		name: "curly_inside_straight_quotes",
		text: "Polls\n\nTom Reyes continued:\n\n\"One poll asked, “Do you trust the mayor?” Forty percent said yes.\"",
		want: []want{{starts: "One poll asked, “Do you trust the mayor?” Forty percent said yes.", speaker: "Tom Reyes"}},
		not:  []string{"Do you trust", " Forty percent"},
	},
	{
		name: "naming_verb_partial_quote",
		text: "Health law\n\nFormer governor Dana Whitfield called the insurance law a “crazy system” that fails families.",
		want: []want{{starts: "crazy system", speaker: "Dana Whitfield", cue: "called"}},
	},
	{
		name: "urged_partial_quote",
		text: "Vote\n\nSenator Paul Okoro urged delegates to “vote your conscience” at the convention.",
		want: []want{{starts: "vote your conscience", speaker: "Paul Okoro"}},
	},
	{
		name: "term_after_speech_verb",
		text: "Pact\n\nAnalysts say the new “trade compact” between the two ports is a sign of change.",
		not:  []string{"trade compact"},
	},
	{
		name: "reported_speech_runs_over_its_scare_quotes",
		text: "Port\n\nIlse Brandt pointed out that the port could open within the scope of the “strategic partnership” agreement. Then she left.",
		want: []want{{starts: "the port could open", speaker: "Ilse Brandt", cue: "pointed out", indirect: true, ends: "“strategic partnership” agreement"}},
	},
	{
		// the party and state once wrote a title over the first name
		name: "lawmaker_with_middle_initial_and_party_state",
		text: "Seat\n\n“He would be a great senator,” Rep. Elijah E. Cummings (D-Md.) said in a phone interview.",
		want: []want{{starts: "He would be", speaker: "Elijah E. Cummings", role: RoleOfficial, mention: "Rep. Elijah E. Cummings"}},
	},
	{
		name: "reported_speech_ends_before_the_next_attribution",
		text: "Taxes\n\nWhen Clinton noted that Ortega paid no income tax ― as was true for the years his returns were public ― Ortega boasted, “That makes me smart.”",
		want: []want{{starts: "Ortega paid no income tax", speaker: "Clinton", indirect: true, ends: "returns were public"}, {starts: "That makes me smart", speaker: "Ortega"}},
	},
	{
		name: "says_of_names_whom_the_words_are_about",
		text: "Rally\n\nMarco Ortega says Dana Whitfield is lying about the deal.\n\nThe New York businessman says of Whitfield, “If she gets the chance, she will sell the office.”",
		want: []want{{starts: "If she gets the chance", notSpeaker: "Dana Whitfield"}},
	},
	{
		name: "attribution_inside_reported_speech",
		text: "Golf\n\nJay Ortega runs a club. Many of the closures, Mr. Ortega said, have involved public courses.",
		want: []want{{starts: "Many of the closures, Mr. Ortega said, have involved", speaker: "Jay Ortega", indirect: true, ends: "public courses"}},
		not:  []string{", have involved"},
	},
	{
		name: "said_so_reports_no_words",
		text: "Vote\n\nThe Harbour Post said so, and the Coastal Times agreed with the board.",
		not:  []string{"so, and"},
	},
	{
		name: "a_run_opened_by_the_is_no_persons_name",
		text: "Ryan\n\nThe Louisville crowd cheered when the nominee spoke. “We will win in the fall,” the crowd heard.\n\nThe Harbinger, which broke the story, said the meeting went well. “It went well,” The Harbinger reported.",
		want: []want{{starts: "We will win", notSpeaker: "The Louisville"}, {starts: "It went well", speaker: "Harbinger"}},
	},
	{
		name: "a_place_at_the_end_of_a_list_is_no_subject",
		text: "Bill\n\nSix lawmakers from constituencies in Kerry, Clare and Galway said they would not support the bill in its current form.\n\nIn Washington, Barack Obama and Joe Biden said the deal would hold for years.\n\nThe Harbour Post made the claim in February, and Coastal Radio responded that the figures were wrong.",
		want: []want{{starts: "the deal would hold", speaker: "Joe Biden", indirect: true}, {starts: "the figures were wrong", speaker: "Coastal Radio", indirect: true}},
		not:  []string{"they would not support"},
	},
	{
		name: "of_a_body_after_a_name_is_no_title",
		text: "Film\n\n“Transparency is not a credit at the end of a film that most people never read,” said Joana Pires of a Lisbon environmental group.",
		want: []want{{starts: "Transparency is not", speaker: "Joana Pires"}},
	},
	{
		name: "the_government_names_no_body",
		text: "Homes\n\nThe government said it would propose measures to speed up construction. The Ortega campaign said it would appeal the ruling.",
		want: []want{{starts: "it would appeal", speaker: "Ortega campaign", indirect: true}},
		not:  []string{"it would propose"},
	},
	{
		name: "military_title",
		text: "Mission\n\n“Our strength is that everyone knows we are watching,” said Brigadier Tiago Nhantumbo, the officer who leads the mission.",
		want: []want{{starts: "Our strength", speaker: "Tiago Nhantumbo", role: RoleOfficial}},
	},
	{
		name: "a_party_before_a_long_name_describes_the_person",
		text: "Runoff\n\nLIMA - Conservative Teodoro Ruiz Vance held a narrow lead on Monday.\n\n“We will wait for every vote,” Vance said.",
		want: []want{{starts: "We will wait", speaker: "Teodoro Ruiz Vance"}},
	},
	{
		name: "added_a_player_is_no_speech",
		text: "Season\n\nChampions Harbourside Athletic have kept their squad together and added two young defenders.\n\nMayor Ana Ruiz praised the plan and added that it would cost less than expected.",
		want: []want{{starts: "it would cost less", speaker: "Ana Ruiz", indirect: true}},
		not:  []string{"two young defenders"},
	},
	{
		name: "a_family_speaks",
		text: "Video\n\nOrtega's family has called on police to release the videos “as a matter of the greater good and transparency.”",
		want: []want{{starts: "as a matter of", speaker: "Ortega family"}},
	},
	{
		name: "pointed_to_is_no_speech",
		text: "Flood\n\nMayor Tomas Reyes pointed to the map of the flooded district and left the room.",
		not:  []string{"the map", "to the map"},
	},
	{
		name: "that_clause_in_marks_is_a_quotation_only",
		text: "Port\n\nIlse Brandt said that “the port will open in May, as we planned.”\n\nHarbour master Ilse Brandt said, “The cranes are ready for the ships.”",
		want: []want{{starts: "the port will open", speaker: "Ilse Brandt"}, {starts: "The cranes are ready", speaker: "Ilse Brandt"}},
		not:  []string{"“the port", ", “The cranes"},
	},
	{
		name: "mention_is_how_the_text_names_the_speaker",
		text: "Port\n\nIlse Brandt, the harbour master, opened the port on Monday.\n\n“The cranes are ready for the ships,” said Ms. Brandt. “The ships are late.”\n\n“We will wait for them all week,” she added.",
		want: []want{
			{starts: "The cranes are ready", speaker: "Ilse Brandt", mention: "Ms. Brandt"},
			{starts: "We will wait", speaker: "Ilse Brandt", mention: "she"},
		},
	},
	{
		name: "a_sentence_describes_the_speaker",
		text: "Tax plan\n\n“This is not reform,” said Ruth Okonkwo, an economist.\n\nMs. Okonkwo served as director of the Budget Office and is now president of the Harbour Policy Institute.",
		want: []want{{starts: "This is not reform", speaker: "Ruth Okonkwo", role: RoleAnalyst, affiliation: "Harbour Policy Institute"}},
	},
	{
		name: "the_body_a_person_left_is_not_theirs",
		text: "Spies\n\n“The threat is real,” said Aldo Ferri, a veteran of the Central Intelligence Agency who retired in 2013.",
		want: []want{{starts: "The threat is real", speaker: "Aldo Ferri", role: RoleAnalyst, affiliation: "Central Intelligence Agency"}},
	},
	{
		name: "a_post_field_is_no_affiliation",
		text: "Race\n\n“The seat is a toss-up,” said Nora Blum, Senate editor for the Harbour Policy Institute.",
		want: []want{{starts: "The seat is a toss-up", speaker: "Nora Blum", role: RoleAnalyst, affiliation: "Harbour Policy Institute"}},
	},
	{
		// an organization of unknown kind tells nothing of its people
		// ("a member of the NLD's central committee" reads as other): their
		// titles do
		name: "a_title_decides_over_a_body_of_unknown_kind",
		text: "Visas\n\n“There is a need for more oversight,” said Karl Dunne, a Miami lawyer who has used EB-5 funding.\n\n“We back the bill,” said Lena Park, a spokeswoman for the NLD.",
		want: []want{
			{starts: "There is a need", speaker: "Karl Dunne", role: RoleOther},
			{starts: "We back the bill", speaker: "Lena Park", role: RoleOfficial},
		},
	},
	{
		name: "a_document_speaks_for_its_author",
		text: "Turnout\n\nTurnout rose by a third, according to an analysis by the Harbour Policy Institute.\n\nA 2014 study by Professor Ruth Okonkwo found 31 cases of fraud in ten years.\n\nA poll by Harbour University found that most voters were undecided.",
		want: []want{
			{starts: "Turnout rose by a third", speaker: "Harbour Policy Institute", role: RoleAnalyst, indirect: true},
			{starts: "31 cases of fraud", speaker: "Ruth Okonkwo", indirect: true},
		},
		not: []string{"most voters were undecided"},
	},
	{
		name: "a_coach_speaks_for_a_player",
		text: "Final\n\nHer coach, Mattias Berg, said they had planned her season around the hard courts.",
		want: []want{{starts: "they had planned", speaker: "Mattias Berg", role: RoleOther, indirect: true}},
	},
	{
		name: "a_post_at_a_company_or_a_medium_is_no_office",
		text: "Taxes\n\n“The deal is bad for us,” said Lena Ortiz, the chief executive of Harbour Media.\n\nApple's chief executive, Tim Rook, called the tax “total political crap.”",
		want: []want{
			{starts: "The deal is bad", speaker: "Lena Ortiz", role: RoleOther, affiliation: "Harbour Media"},
			{starts: "total political crap", speaker: "Tim Rook", role: RoleOther, affiliation: "Apple"},
		},
	},
	{
		name: "a_body_named_with_of_keeps_its_last_word",
		text: "Inquiry\n\n“It is a fair question,” said Ann Boyd, a spokeswoman for the Department of Justice.",
		want: []want{{starts: "It is a fair question", speaker: "Ann Boyd", role: RoleOfficial, affiliation: "Justice Department"}},
	},
	{
		name: "an_organization_the_entity_pass_found_where_a_persons_stands",
		text: "Race\n\n“The seat is a toss-up,” said Nora Blum, House editor for the Cook Political Report.\n\n“We will see,” said Ada Ruiz, co-director of the Nuclear Policy Program at the Carnegie Endowment for International Peace.",
		want: []want{
			{starts: "The seat is a toss-up", speaker: "Nora Blum", affiliation: "Cook Political Report"},
			{starts: "We will see", speaker: "Ada Ruiz", role: RoleAnalyst, affiliation: "Carnegie Endowment for International Peace"},
		},
	},
	{
		name: "an_organization_named_for_a_purpose",
		text: "Budget\n\nThe Committee for a Responsible Federal Budget reported that the plans would cost $150 billion.",
		want: []want{{starts: "the plans would cost", speaker: "Committee for a Responsible Federal Budget", indirect: true}},
	},
	{
		name: "a_promise_in_progress",
		text: "Coal\n\nHillary Clinton is promising to help mining communities move into new industries.\n\nThe mine was told to close by Friday.",
		want: []want{{starts: "to help mining communities", speaker: "Hillary Clinton", cue: "promising", indirect: true}},
		not:  []string{"to close by Friday"},
	},
	{
		name: "title_case_headline",
		text: "Ortega Just Revealed Who He Would Pick For The Cabinet\n\nThe list is long.",
		want: nil,
		not:  []string{"Who He Would Pick"},
	},
}

// TestOrgRole checks the role of an organization that speaks: by its kind
// when the list of organizations knows it, else by its words.
func TestOrgRole(t *testing.T) {
	tests := []struct{ name, want string }{
		{"Twitter", RoleOther},
		{"Pfizer", RoleOther},
		{"Reuters", RoleOther},
		{"Brookings Institution", RoleAnalyst},
		{"Federal Bureau of Investigation", RoleOfficial},
		{"World Bank", RoleOfficial},
		{"Harbour Policy Institute", RoleAnalyst},
		{"Acme Widgets Inc", RoleOther},
		{"Ministry of Ports", RoleOfficial},
		{"Harbour Retail Federation", RoleOfficial}, // a body that is no business
		{"Zorvex", RoleOfficial},                    // nothing known: most bodies that speak are public
	}
	for _, tt := range tests {
		if got := (&doc{}).orgRole(tt.name, strings.Fields(strings.ToLower(tt.name))); got != tt.want {
			t.Errorf("orgRole(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestDescribedRole checks the role of an organization of unknown kind by
// what the text says of it.
func TestDescribedRole(t *testing.T) {
	tests := []struct{ text, want string }{
		{"Checkwise, a fact-checking website, rated the claim false.", RoleOther},
		{"Checkwise is operated by the Harbour Times, a news organization.", RoleOther},
		{"The research group Checkwise said costs would rise.", RoleAnalyst},
		{"Checkwise, the agency that oversees the program, said it would act.", RoleOfficial},
		{"Checkwise rated the claim false.", ""},
	}
	for _, tt := range tests {
		if got := newDoc(tt.text, entity.Result{}).describedRole("Checkwise"); got != tt.want {
			t.Errorf("describedRole(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestExtractPatterns(t *testing.T) {
	for _, tt := range patternTests {
		t.Run(tt.name, func(t *testing.T) {
			qs := Extract(tt.text, entity.Extract(tt.text))
			for _, w := range tt.want {
				q, ok := find(qs, w.starts)
				if !ok {
					t.Errorf("Extract(%q): no quotation starting %q; got%s", tt.text, w.starts, formatQuotes(qs))
					continue
				}
				if w.speaker != "" && q.Speaker != w.speaker || w.role != "" && q.Role != w.role ||
					w.affiliation != "" && q.Affiliation != strings.TrimSuffix(w.affiliation, "-") || w.cue != "" && q.Cue != w.cue || q.Direct == w.indirect ||
					w.notSpeaker != "" && q.Speaker == w.notSpeaker || w.mention != "" && q.Mention != w.mention ||
					w.ends != "" && !strings.HasSuffix(q.Text, w.ends) || q.Described != w.described {
					t.Errorf("Extract(%q): got%s\nwant %v", tt.text, formatQuotes([]Quote{q}), w)
				}
			}
			for _, n := range tt.not {
				if q, ok := find(qs, n); ok {
					t.Errorf("Extract(%q): %q taken for a quotation: %+v", tt.text, n, q)
				}
			}
		})
	}
}

// TestExtractUtterances checks that the pieces of one statement, split
// around its attribution, make one quotation, and that a new cue, a new
// speaker or a new paragraph starts another.
func TestExtractUtterances(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string // every quotation's text, then " | " and its speaker
	}{
		{
			name: "split_by_said_clause",
			text: "Port\n\n“The dockers are angry,” Tomas Lindqvist said, “and the owners know it.”",
			want: []string{"The dockers are angry … and the owners know it. | Tomas Lindqvist"},
		},
		{
			name: "split_by_said_sentence",
			text: "Port\n\n“The dockers are angry,” Tomas Lindqvist said on Tuesday. “The owners know it and they will pay.”",
			want: []string{"The dockers are angry … The owners know it and they will pay. | Tomas Lindqvist"},
		},
		{
			name: "adjacent_marks",
			text: "Port\n\nTomas Lindqvist said: “The dockers are angry.” “The owners know it.”",
			want: []string{"The dockers are angry. … The owners know it. | Tomas Lindqvist"},
		},
		{
			name: "new_cue_starts_another",
			text: "Port\n\n“The dockers are angry,” Tomas Lindqvist said. He added: “The owners know it and they will pay.”",
			want: []string{"The dockers are angry | Tomas Lindqvist", "The owners know it and they will pay. | Tomas Lindqvist"},
		},
		{
			name: "new_speaker_starts_another",
			text: "Port\n\n“The dockers are angry,” Tomas Lindqvist said. “We are not,” replied Maria Okafor, who runs the terminal.",
			want: []string{"The dockers are angry | Tomas Lindqvist", "We are not | Maria Okafor"},
		},
		{
			name: "new_paragraph_starts_another",
			text: "Port\n\n“The dockers are angry,” Tomas Lindqvist said.\n\n“The owners know it and they will pay.”",
			want: []string{"The dockers are angry | Tomas Lindqvist", "The owners know it and they will pay. | Tomas Lindqvist"},
		},
		{
			name: "title_is_not_a_piece",
			text: "Port\n\nOn “Harbour Weekly,” Tomas Lindqvist said the strike was “not over yet, not by a long way.”",
			want: []string{"not over yet, not by a long way. | Tomas Lindqvist"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, q := range Extract(tt.text, entity.Extract(tt.text)) {
				if q.Direct {
					got = append(got, q.Text+" | "+q.Speaker)
				}
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("Extract(%q):\ngot  %q\nwant %q", tt.text, got, tt.want)
			}
		})
	}
}

// TestExtractSurnameOverEntity checks that a lone surname of someone named
// in full is that person, whatever longer name the entity tagger gave it.
func TestExtractSurnameOverEntity(t *testing.T) {
	text := "Talks\n\nJohn Halvorsen spoke to Northern Radio on Monday.\n\n“Nothing has been decided yet,” Halvorsen said."
	i := strings.LastIndex(text, "Halvorsen")
	ents := entity.Result{Mentions: []entity.Mention{
		{Kind: entity.Organization, Start: i, End: i + len("Halvorsen"), Text: "Halvorsen", Name: "John Halvorsen and Northern Radio"},
	}}
	qs := Extract(text, ents)
	if q, ok := find(qs, "Nothing has been"); !ok || q.Speaker != "John Halvorsen" {
		t.Errorf("Extract(%q) = %s, want speaker %q", text, formatQuotes(qs), "John Halvorsen")
	}
}

// TestExtractEntities checks that entity mentions canonicalise speakers and
// affiliations.
func TestExtractEntities(t *testing.T) {
	text := "Talks\n\nVladimir Petrov, a fellow at the ECFR, spoke first.\n\n“Nothing has been decided yet,” Petrov said."
	mention := func(kind entity.Kind, sub, name string) entity.Mention {
		i := strings.Index(text, sub)
		return entity.Mention{Kind: kind, Start: i, End: i + len(sub), Text: sub, Name: name}
	}
	last := strings.LastIndex(text, "Petrov")
	ents := entity.Result{Mentions: []entity.Mention{
		mention(entity.Person, "Vladimir Petrov", "Vladimir Petrov"),
		mention(entity.Organization, "ECFR", "European Council on Foreign Relations"),
		{Kind: entity.Person, Start: last, End: last + len("Petrov"), Text: "Petrov", Name: "Vladimir Petrov"},
	}}
	qs := Extract(text, ents)
	q, ok := find(qs, "Nothing has been")
	if !ok || q.Speaker != "Vladimir Petrov" || q.Role != RoleAnalyst {
		t.Errorf("Extract(%q) = %s, want speaker Vladimir Petrov, analyst", text, formatQuotes(qs))
	}
}

func TestAnalysts(t *testing.T) {
	qs := []Quote{
		{Speaker: "A", Role: RoleAnalyst}, {Speaker: "B", Role: RoleOfficial},
		{Speaker: "A", Role: RoleAnalyst}, {Speaker: "", Role: RoleAnalyst}, {Speaker: "C", Role: RoleAnalyst},
		{Speaker: "the Harvard economist", Role: RoleAnalyst, Described: true},
	}
	got := fmt.Sprint(Analysts(qs))
	if got != "[A C]" {
		t.Errorf("Analysts(%v) = %s, want [A C]", qs, got)
	}
}

func FuzzExtract(f *testing.F) {
	for _, tt := range patternTests {
		f.Add(tt.text)
	}
	f.Add("“unclosed\n\n“second")
	f.Add("\"\"\"''''“”“”")
	f.Add("X, , said ,” said “")
	f.Add("of A, B, of C, D., said the plan “would fail badly in the end.”")
	f.Add("“Yes,” in , said , of Monday Thursday, told: “no”")
	f.Add("A B, 22, of C, D., said he “x”, calling it a “y.”")
	f.Add("T\n\nA\n\n“x y z w”\n\n“a b c d”")
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return
		}
		roles := map[string]string{}
		for _, q := range Extract(text, entity.Extract(text)) {
			if r, ok := roles[q.Speaker]; ok && q.Speaker != "" && r != q.Role {
				t.Fatalf("Extract(%q): speaker %q is %s and %s", text, q.Speaker, r, q.Role)
			}
			roles[q.Speaker] = q.Role
			if q.Start < 0 || q.End > len(text) || q.Start > q.End {
				t.Fatalf("Extract(%q): quote %q at [%d,%d) outside the text", text, q.Text, q.Start, q.End)
			}
			if q.Pieces == nil && text[q.Start:q.End] != q.Text {
				t.Fatalf("Extract(%q): Text %q is not text[%d:%d]", text, q.Text, q.Start, q.End)
			}
			var pieces []string
			at := q.Start
			for _, p := range q.Pieces {
				if p[0] < at || p[1] < p[0] || p[1] > q.End {
					t.Fatalf("Extract(%q): pieces %v out of order or outside [%d,%d)", text, q.Pieces, q.Start, q.End)
				}
				pieces = append(pieces, text[p[0]:p[1]])
				at = p[1]
			}
			if q.Pieces != nil && strings.Join(pieces, PieceSeparator) != q.Text {
				t.Fatalf("Extract(%q): Text %q is not its pieces %q joined", text, q.Text, pieces)
			}
			if !utf8.ValidString(q.Text) || !utf8.ValidString(q.Speaker) || !utf8.ValidString(q.Affiliation) || !utf8.ValidString(q.Mention) {
				t.Fatalf("Extract(%q): invalid UTF-8 in %+v", text, q)
			}
			// a mention is words of the text, on one line, naming a speaker
			if q.Mention != "" && (q.Speaker == "" || q.Mention != strings.Join(strings.Fields(q.Mention), " ") ||
				!strings.Contains(strings.Join(strings.Fields(text), " "), q.Mention)) {
				t.Fatalf("Extract(%q): mention %q of speaker %q is not words of the text", text, q.Mention, q.Speaker)
			}
			switch q.Role {
			case RoleAnalyst, RoleOfficial, RoleOther:
			default:
				t.Fatalf("Extract(%q): role %q", text, q.Role)
			}
		}
	})
}

// TestExtractDocumentSource checks that a document named after "according
// to" gives no speaker, while a named source does.
func TestExtractDocumentSource(t *testing.T) {
	for _, tt := range []struct{ text, speaker string }{
		{"Polls\n\nThe mayor leads the race by nine points, according to a Harbor Radio tally released on Monday.", ""},
		{"Polls\n\nThe mayor leads the race by nine points, according to Harbor Radio polling figures.", ""},
		{"Polls\n\nThe mayor leads the race by nine points, according to Harbor Radio.", "Harbor Radio"},
	} {
		for _, q := range Extract(tt.text, entity.Extract(tt.text)) {
			if q.Speaker != tt.speaker {
				t.Errorf("Extract(%q) = %s, want speaker %q", tt.text, formatQuotes([]Quote{q}), tt.speaker)
			}
		}
	}
}

// TestGender checks that the first name may follow an initial or a
// nickname, and that a surname alone tells nothing.
func TestGender(t *testing.T) {
	for _, tt := range []struct {
		name string
		want byte
	}{
		{"Maria Lopez", 'f'},
		{"J. James Hollis", 'm'},
		{"Wily Maria Lopez", 'f'},
		{"Maria", 'f'},
		{"Lopez", 0},
		{"Reyes Lopez Maria", 0},
	} {
		if got := gender(tt.name); got != tt.want {
			t.Errorf("gender(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestSplitNameBeforeFirstName checks that capitalised words before a known
// first name are read as a description, not as part of the name.
func TestSplitNameBeforeFirstName(t *testing.T) {
	for _, tt := range []struct{ run, titles, name string }{
		{"Ranking Democrat Dianne Feinstein", "Ranking Democrat", "Dianne Feinstein"},
		{"Despite Ted Cruz", "Despite", "Ted Cruz"},
		{"Pastor Kevin Swanson", "Pastor", "Kevin Swanson"},
		{"Hope Anne Hicks", "", "Hope Anne Hicks"},
		{"Tomas Lindqvist", "", "Tomas Lindqvist"},
	} {
		titles, name, _ := splitName(tokenize(tt.run))
		if joinTokens(titles) != tt.titles || joinTokens(name) != tt.name {
			t.Errorf("splitName(%q) = %q, %q; want %q, %q", tt.run, joinTokens(titles), joinTokens(name), tt.titles, tt.name)
		}
	}
}

func TestReadsAsPerson(t *testing.T) {
	tests := []struct {
		name string
		want bool
	}{
		{"Krystal Correa", true}, // "― Krystal Correa" signing a reader's comment
		{"Edwin G. Monroy", true},
		{"Peabody Energy", false},
		{"Tax Policy Center", false},
		{"Brookings Institution", false},
		{"CNN", false},
		{"United States", false},
		{"Bank of England", false},
	}
	for _, tt := range tests {
		if got := (&doc{}).readsAsPerson(tt.name); got != tt.want {
			t.Errorf("readsAsPerson(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestObjectVerbsAreReported checks that speech.txt [object] names only
// verbs of [reported]: objectAct reads no other.
func TestObjectVerbsAreReported(t *testing.T) {
	for w := range objectVerbs {
		if !indirectVerbs[w] {
			t.Errorf("speech.txt [object] %q is not in [reported]", w)
		}
	}
}
