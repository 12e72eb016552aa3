package quote

import "strings"

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

// speechVerbs are the finite verbs that introduce speech, lower case.
var speechVerbs = set(
	"said says say told tells added adds wrote writes warned warns claimed claims noted notes",
	"argued argues explained explains stated asked asks replied replies responded responds",
	"continued continues insisted insists declared declares announced announces acknowledged",
	"acknowledges admitted admits suggested suggests tweeted tweets recalled recalls complained",
	"complains conceded concedes predicted predicts emphasized emphasised stressed urged urges",
	"vowed vows promised promises pledged pledges charged contended contends countered agreed",
	"cautioned observed reported reports denied denies confirmed confirms joked quipped remarked",
	"mused boasted bragged lamented shouted yelled posted testified alleged alleges asserted",
	"asserts maintained maintains concluded concludes explained described describes called calls",
	"blamed blames accused accuses threatened threatens proposed proposes criticized criticised",
	"slammed blasted praised praises questioned",
)

// A speech verb and its particle are one token ("pointed out", see
// joinParticles), and a verb of speech.
func init() {
	for v, p := range particleVerbs {
		speechVerbs[v+" "+p] = true
		indirectVerbs[v+" "+p] = true
	}
}

// prepositions before a speaker phrase show it is not a clause's subject.
var prepositions = set("of for to with about on in at by from as than like against over under")

// documentNouns head a source that is a document, not a speaker: "a CNN
// tally", "the FBI data", "Federal Election Commission filings".
var documentNouns = set(
	"poll polls survey surveys report reports data tally tallies analysis analyses filing filings",
	"record records document documents study studies review average averages estimate estimates",
	"count counts figures numbers statistics transcript transcripts audio video footage release",
	"releases memo memos tracker projections projection calculation calculations cables playbook",
)

// subordinators open a subordinate clause before the main one: "When
// Trump suggested …, Rubio fired back".
var subordinators = set("when after as while before if although though because since once until whereas")

// forwardVerbs put the speaker after them: "said X", "wrote X". After
// "told" or "asked" comes the listener.
var forwardVerbs = set(
	"said says added adds wrote writes continued explained noted replied responded declared",
	"stated concluded argued recalled insisted",
)

// participleVerbs introduce speech as a participle after a main clause:
// "he said, calling the North a “little dictatorship.”"
var participleVerbs = set(
	"saying adding calling noting telling writing arguing warning explaining describing asking",
	"insisting claiming declaring referring stating suggesting urging accusing",
)

// indirectVerbs are the speech verbs whose complement is reported speech
// worth recording when no quotation mark is involved.
var indirectVerbs = set(
	"said says told tells added adds wrote writes warned warns claimed claims noted argued argues",
	"explained stated insisted insists declared announced acknowledged admitted suggested tweeted",
	"predicted predicts emphasized stressed urged vowed promised pledged contended cautioned",
	"reported reports denied denies confirmed alleged asserted maintained concluded believes",
	"proposed proposes called calls accused accuses blamed blames criticized slammed",
	"estimates estimated found finds projects projected",
	"asked asks replied responded countered conceded concedes admits boasted joked recalled",
	"lamented complained stressed emphasized signaled hinted demanded rejected dismissed defended",
	"questioned touted insisted testified predicted wrote",
	"say argue argued insist claim suggest suggests believe believes think thinks hope hopes",
	"want wants endorsed praised expressed described opposed offered cited reiterated",
	"indicated revealed denounced attacked blasted announces acknowledges tweets writes",
	"knows knew fears feared hoped expects expected thought feels felt mentioned echoed worried",
	"notes acknowledge reminded assured recommended promises praises slams decried condemned",
	"highlighted charged threatened repeated cites sees",
)

// auxiliaries may stand between a speaker and the speech verb ("Trump has
// also said").
var auxiliaries = set(
	"has have had also later then once again previously recently repeatedly reportedly publicly",
	"privately earlier would will could might may did does do is was were are had been has",
	"further first often frequently simply just even never already still famously himself herself",
	"on monday tuesday wednesday thursday friday saturday sunday",
)

// pronouns that can be the subject of a speech verb.
var pronouns = set("he she they we i it")

// honorifics precede a person's name and are not part of it.
var honorifics = set(
	"mr mr. mrs mrs. ms ms. miss dr dr. prof prof. sir dame rev rev. hon hon.",
)

// officialTitles mark someone speaking for a state, party or public body.
var officialTitles = set(
	"president vice-president vp sen sen. sens sens. senator senators rep rep. reps reps. representative gov gov. governor",
	"del. delegate",
	"minister secretary chancellor mayor judge justice speaker leader premier ambassador",
	"spokesman spokeswoman spokesperson spokespeople nominee candidate lawmaker lawmakers",
	"congressman congresswoman councilman councilwoman commissioner official officials",
	"attorney-general prosecutor sheriff diplomat envoy king queen prince emperor pope",
	"chairman chairwoman chair director deputy aide aides adviser advisor advisers press",
	"campaign manager surrogate running mate delegate legislator assemblyman assemblywoman",
	"gen gen. general lt lt. col col. adm adm. admiral commander chief secretary-general",
	"minority majority whip strategist-for ceo-of sec sec. atty atty. superintendent",
	"brigadier brig. commodore cmdr. marshal major maj. capt. captain colonel lieutenant sgt. sergeant",
	"rnc dnc gop democrat democrats republican republicans democratic party",
)

// strongOfficialTitles, placed right before a name, make its bearer an
// official whatever else is said of them.
var strongOfficialTitles = set(
	"president sen sen. sens sens. senator rep rep. reps reps. gov gov. governor minister secretary chancellor mayor",
	"premier ambassador spokesman spokeswoman spokesperson nominee candidate congressman",
	"congresswoman king queen prince emperor pope lawmaker vice-president leader speaker",
)

// analystTitles mark an outside expert.
var analystTitles = set(
	"analyst analysts expert experts fellow researcher researchers scholar scholars professor",
	"prof prof. economist economists strategist strategists pollster pollsters historian",
	"scientist scientists consultant consultants think-tank specialist specialists lecturer",
	"academic academics observer observers commentator commentators watcher forecaster",
	"demographer sociologist criminologist psychologist statistician",
)

// otherTitles mark people who speak for themselves or for the media.
var otherTitles = set(
	"journalist journalists reporter reporters host hosts anchor anchors moderator columnist",
	"editor editors voter voters resident residents supporter supporters ceo executive",
	"lawyer attorney actor actress singer rapper comedian businessman businesswoman owner",
	"student teacher mother father wife husband son daughter sister brother friend neighbor",
	"witness correspondent commentator-host blogger writer author founder investor",
)

// analystOrgWords in an organization's name make the people introduced by it
// analysts: think tanks, universities and research centres.
var analystOrgWords = set(
	"institute institution university college school endowment center centre foundation",
	"brookings rand heritage cato council-on research studies policy academy laboratory lab",
	"think-tank forum initiative program programme project relations affairs economics",
	"strategic analysis analytics scholars",
)

// officialOrgWords name public bodies: their people and statements are
// official whatever else the name holds.
var officialOrgWords = set(
	"department ministry agency administration party committee senate congress parliament",
	"government commission bureau court police army navy campaign cabinet embassy",
	"legislature assembly caucus pentagon fbi cia nsa dnc rnc gop",
)

// orgWords mark a capitalised sequence as an organization.
var orgWords = set(
	"party institute institution university college school endowment center centre foundation",
	"council committee commission department ministry agency bureau office administration",
	"campaign senate congress house parliament court times post journal news network",
	"tribune herald gazette magazine review press radio television tv channel corp corp. inc",
	"inc. company co co. group bank fund service association union league coalition alliance",
	"organization organisation federation board authority army navy police guard force forces",
	"assembly",
	"club team society caucus pac network media reuters bloomberg cnn nbc abc cbs msnbc fox",
	"times politico breitbart npr bbc ap afp research studies analytics partners associates",
	"consulting capital holdings labs llc ltd plc",
)

// mediaWords mark an organization as a news outlet (role other).
var mediaWords = set(
	"times post journal news network tribune herald gazette magazine review radio television tv",
	"channel reuters bloomberg cnn nbc abc cbs msnbc fox politico breitbart npr bbc ap afp",
	"daily weekly press wire",
)

// companyWords mark an organization as a business (role other).
var companyWords = set("corp corp. inc inc. company co co. ltd plc llc bank group")

// countries names the world's states, so that "South Korea has warned" names
// a government.
var countries = set(
	"afghanistan albania algeria angola argentina armenia australia austria azerbaijan",
	"bahrain bangladesh belarus belgium bolivia bosnia brazil bulgaria cambodia cameroon canada",
	"chile china colombia congo croatia cuba cyprus czechia denmark ecuador egypt estonia",
	"ethiopia finland france georgia germany ghana greece guatemala haiti honduras hungary",
	"iceland india indonesia iran iraq ireland israel italy jamaica japan jordan kazakhstan",
	"kenya kosovo kuwait kyrgyzstan laos latvia lebanon libya lithuania luxembourg malaysia",
	"mali malta mexico moldova mongolia montenegro morocco mozambique myanmar burma nepal",
	"netherlands nicaragua niger nigeria norway oman pakistan palestine panama paraguay peru",
	"philippines poland portugal qatar romania russia rwanda serbia singapore slovakia",
	"slovenia somalia spain sudan sweden switzerland syria taiwan tajikistan tanzania thailand",
	"tunisia turkey turkmenistan uganda ukraine uruguay uzbekistan venezuela vietnam yemen",
	"zambia zimbabwe britain england scotland wales washington moscow beijing kyiv kiev seoul",
	"pyongyang tokyo london paris berlin tehran brussels ankara damascus baghdad havana",
)

// countryPhrases are multi-word state names, folded to lower case.
var countryPhrases = set(
	"north_korea south_korea united_states united_kingdom saudi_arabia south_africa",
	"new_zealand sri_lanka el_salvador costa_rica united_arab_emirates czech_republic",
	"dominican_republic ivory_coast north_macedonia the_united_states",
)

// genericSubjects are capitalised words at the start of a sentence that
// describe a speaker without naming one ("Analysts said").
var genericSubjects = set(
	"analysts experts officials critics observers sources aides supporters opponents",
	"democrats republicans voters residents people many some others most several police",
	"scientists economists researchers diplomats lawmakers authorities witnesses polls",
	"surveys reports studies both neither all few",
)

// nonNames are capitalised words that start sentences or headings and never
// begin a name.
var nonNames = set(
	"the a an but and or so yet however meanwhile still now then this that these those",
	"in on at by for from with without of to as if when while after before since until",
	"it its he she they we i you his her their our my your there here what who why how",
	"yes no not also even just only mr mrs ms dr after during under over about although",
	"because though unlike like according asked said says told added one two three",
	"monday tuesday wednesday thursday friday saturday sunday january february march april",
	"may june july august september october november december today yesterday tomorrow",
	"last next every each both either neither all some many most more few other another",
	"instead indeed perhaps maybe meanwhile overall again further finally first second",
	"thanks please well oh ok okay let",
)

// utteranceNouns name what a person said or wrote: "Trump's tweet",
// "Clinton's remarks" speak as that person.
var utteranceNouns = set(
	"tweet tweets statement statements letter letters op-ed memoir book post posts remarks comments",
	"words speech speeches message messages email emails website account chapter chapters office",
	"interview response reply answer testimony column essay",
)
