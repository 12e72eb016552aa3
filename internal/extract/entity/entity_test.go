package entity

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/newsindex/newsindex/internal/golden"
	"github.com/newsindex/newsindex/internal/procstat"
)

var extractTests = []struct {
	name string
	text string
	// Each want is "KIND:Name"; a name starting with "!" must not come out.
	want []string
}{
	{"surname joins full name", "Russian leader Vladimir Putin met envoys.\n\nLater, Putin said the talks went well.",
		[]string{"P:Vladimir Putin", "C:Russia", "!P:Putin"}},
	{"surname with its particle capitalised", "De Lange says the dam will hold\n\nMayor Tomas de Lange said the dam would hold through the spring.",
		[]string{"P:Tomas de Lange", "!O:De Lange"}},
	{"titles dropped", "On Friday, Ukrainian President Volodymyr Zelensky warned of attacks.",
		[]string{"P:Volodymyr Zelensky", "C:Ukraine", "!P:President Volodymyr Zelensky", "!P:On Friday"}},
	{"prime minister title", "Indian Prime Minister Narendra Modi arrived in the capital.",
		[]string{"P:Narendra Modi", "C:India"}},
	{"demonyms", "The deployment of North Korean troops to help Russia worried officials.",
		[]string{"C:North Korea", "C:Russia", "!C:South Korea"}},
	{"hyphenated demonym", "“Not that many,” added Isabelle Facon of the France-based Foundation for Strategic Research.",
		[]string{"C:France", "O:Foundation for Strategic Research", "P:Isabelle Facon"}},
	{"a capital named once names no country", "Growing ties between Moscow and Pyongyang are a concern for Washington.",
		[]string{"!C:Russia", "!C:North Korea", "!C:United States"}},
	{"a capital named again names its country", "Talks\n\nMoscow warned Pyongyang on Monday. Officials in Moscow gave no details.",
		[]string{"C:Russia", "!C:North Korea"}},
	{"a capital in the title names its country", "Tokyo stocks close at record high\n\nShare prices rose for a third day, brokers said.",
		[]string{"C:Japan"}},
	{"brussels is not belgium in running text", "A major concern for Washington and Brussels, officials said. Brussels and Washington disagree.",
		[]string{"C:United States", "!C:Belgium"}},
	{"acronym definition", "said Marie Dumoulin of the European Council on Foreign Relations (ECFR). The ECFR added more.",
		[]string{"O:European Council on Foreign Relations", "!O:ECFR", "P:Marie Dumoulin"}},
	{"known acronyms", "South Korea, NATO and the United States claim that soldiers are training.",
		[]string{"O:NATO", "C:South Korea", "C:United States"}},
	{"a common word capitalised mid-sentence opens a body's name", "Eva Lund, who chairs the Old Town Traders Association, and the World Boxing Council objected.",
		[]string{"O:Old Town Traders Association", "O:World Boxing Council", "!O:Town Traders Association", "!O:Boxing Council"}},
	{"organization shapes", "Andrew Yeo, a senior fellow at the Brookings Institution, spoke.",
		[]string{"O:Brookings Institution", "P:Andrew Yeo"}},
	{"a country's name holds no organization's word", "Books were banned in the West Bank and Gaza Strip by the army.",
		[]string{"!O:West Bank and Gaza Strip"}},
	{"a competition the tagger left out is no body", "He said the squad would be strengthened for the Champions League next season.",
		[]string{"!O:Champions League", "!O:League"}},
	{"a competition is no body", "He led the Cincinnati Reds to the National League Championship Series last year, the club said.",
		[]string{"O:Cincinnati Reds", "!O:National League Championship Series"}},
	{"a lone name the tagger barely reads as a person's is none", "Index heavyweights Veltram and Norsolix both ended slightly weaker. Later, Kessler said trade was thin.",
		[]string{"!P:Veltram", "P:Kessler"}},
	{"an institute the tagger reads whole is a body", "The Castellan Institute said on Monday that prices would rise.",
		[]string{"O:Castellan Institute"}},
	{"middle initials", "Republican nominee Donald J. Trump spoke on Monday. Leonard E. Burman, a professor, disagreed.",
		[]string{"P:Donald J. Trump", "P:Leonard E. Burman", "!P:Donald J.", "!P:J. Trump", "!P:Leonard E."}},
	{"party bodies keep the party", "Officials at the Republican National Committee said the ads were unfair. The DNC disagreed.",
		[]string{"O:Republican National Committee", "O:Democratic National Committee", "!O:National Committee"}},
	{"organization, post and person", "Harbor News Chairman Tomas Berg said the paper would grow. Coastal Workers Union Research Director Ana Lind disagreed.",
		[]string{"O:Harbor News", "P:Tomas Berg", "O:Coastal Workers Union", "P:Ana Lind", "!O:Harbor News Chairman Tomas Berg", "!O:Coastal Workers Union Research Director Ana Lind"}},
	{"organization, posts and person", "Harbor News Chairman and CEO Tomas Berg said the paper would grow.",
		[]string{"O:Harbor News", "P:Tomas Berg", "!O:Harbor News Chairman and CEO"}},
	{"an epithet before a name the text also gives bare", "Senator Hillary Clinton spoke in Ohio. “It was harder than working Crooked Hillary Clinton,” the rival said.",
		[]string{"P:Hillary Clinton", "!P:Crooked Hillary Clinton"}},
	{"a title just before a name the tagger read as a body", "Mayor Sofia Brandt on Monday defended her plan.\n\nShe said the council would vote.",
		[]string{"P:Sofia Brandt", "!O:Sofia Brandt"}},
	{"compound surnames stay whole", "Mayor Bill de Blasio spoke first. Later de Blasio left. Debbie Wasserman Schultz agreed, and Wasserman Schultz smiled.",
		[]string{"P:Bill de Blasio", "P:Debbie Wasserman Schultz", "!P:Wasserman Schultz", "!P:Debbie"}},
	{"name particles join given name and surname", "The raid killed 9/11 plotter Osama bin Laden in 2011. Ursula von der Leyen said so, and Leonardo da Vinci painted.",
		[]string{"P:Osama bin Laden", "P:Ursula von der Leyen", "P:Leonardo da Vinci", "!P:Osama", "!P:Laden", "!P:Ursula", "!P:Leyen"}},
	{"a nickname in marks names the person", "NEWPORT NEWS, Va. - Rep. Robert C. \"Bobby\" Scott threw open his yard. His niece, state Del. Marcia “Cia” Price, shouted. Later Scott spoke.",
		[]string{"P:Bobby Scott", "P:Cia Price", "!P:Robert C.", "!P:Scott", "!P:Marcia", "!O:Central Intelligence Agency"}},
	{"a common word names no one", "Aides recalled Mr. Obama talking about \"Collapse: How Societies Choose to Fail or Succeed,\" Jared Diamond's 2005 best seller, which explored the fall of civilizations.",
		[]string{"P:Jared Diamond", "!P:Succeed", "!P:Fail"}},
	{"a common word names no body", "Protocol called for her to be taken to a state-designated Level I Trauma Center. Fortune 500 companies have sheltered trillions, the CREW complaint said.",
		[]string{"!O:Level", "!O:Fortune", "O:CREW"}},
	{"a surname that speaks is the person, not the body named after them", "The Clinton Foundation raised $50 million last year. Clinton said the money would go to Africa.",
		[]string{"O:Clinton Foundation", "P:Clinton"}},
	{"a body's last word names the known body the article writes the rest of", "Ministers of the European Union met on Monday. Germany rejected a Commission proposal on the budget.",
		[]string{"O:European Union", "O:European Commission", "!O:Commission"}},
	{"a headline's word the story never writes is no one", "Deepfake audio of candidate spreads days before debate\n\nA fabricated recording of the candidate spread on messaging apps on Monday, officials said.",
		[]string{"!P:Deepfake"}},
	{"a headline's surname the story writes in full is the person", "Okafor wins runoff by a narrow margin\n\nAdaeze Okafor won Sunday's runoff, officials said.",
		[]string{"P:Adaeze Okafor"}},
	{"a leader's post between body and person", "Senate Minority Leader Harry M. Reid said the vote would wait. New York Attorney General Eric Schneiderman spoke. The New Hampshire Union Leader endorsed him.",
		[]string{"O:Senate", "P:Harry M. Reid", "P:Eric Schneiderman", "O:New Hampshire Union Leader", "!O:Senate Minority Leader Harry", "!O:New York", "!P:General Eric Schneiderman"}},
	{"a day after a connector ends a body's name", "The deal was done, The Hill reported.\n\nThe Times on Saturday wrote that the Council on Foreign Relations had claimed a loss.",
		[]string{"O:Times", "O:Council on Foreign Relations", "!O:Times on Saturday"}},
	{"military and police titles", "“Our strength is that everyone knows we are watching,” said Brigadier Tiago Nhantumbo, the officer who leads the mission. Sheriff Joe Arpaio disagreed.",
		[]string{"P:Tiago Nhantumbo", "P:Joe Arpaio", "!P:Brigadier Tiago Nhantumbo", "!P:Sheriff Joe Arpaio"}},
	{"a lake, a point or a street is no person", "A dry season lowered the water level in Gatun Lake, which feeds the locks. The centre, at Constable Point, will house two helicopters. Grace Park reported from Ludlow Street.",
		[]string{"!P:Gatun Lake", "!P:Constable Point", "!P:Ludlow Street", "P:Grace Park"}},
	{"platforms, interjections and accounts name no person", "“Oh, I know the Bernie people came to say that,” she said. Twitter, at the same time, put its new tool to use. Follow Ian Hanchett on Twitter @IanHanchett and @JohnMcCain.",
		[]string{"O:Twitter", "!P:Twitter", "!P:Oh", "!P:IanHanchett", "P:Ian Hanchett", "!P:JohnMcCain"}},
	{"a delegate's title", "Another possibility is Del. Jennifer L. McClellan (D-Richmond), a corporate attorney who led the transition team and considers Kaine her political mentor.",
		[]string{"P:Jennifer L. McClellan", "!P:Del", "!P:Del."}},
	{"jordan the person", "Michael Jordan scored 40 points for the Chicago Bulls.",
		[]string{"P:Michael Jordan", "!C:Jordan"}},
	{"jordan the country", "Troops crossed into Jordan on Tuesday, officials in Amman said.",
		[]string{"C:Jordan"}},
	{"sentence-initial words", "However, analysts said it is unclear.\n\nAnalysts say the partnership is new.",
		[]string{"!P:However", "!O:However", "!P:Analysts", "!O:Analysts"}},
	{"not entities", "There is no Triple Alliance or Triple Entente since the Cold War and the Armistice of 1953 on the Korean Peninsula. Under Article 4, they help.",
		[]string{"!O:Triple Alliance", "!O:Triple Entente", "!O:Cold War", "!O:Armistice", "!O:Korean Peninsula", "!O:Article 4", "!P:Article"}},
	{"washington the person", "The actor Denzel Washington said he would return to the stage.",
		[]string{"P:Denzel Washington", "!C:United States"}},
	{"chad the person", "Chad Curtis hit a home run for the Tigers.",
		[]string{"P:Chad Curtis", "!C:Chad"}},
	{"georgia the state", "Storms hit Atlanta, Georgia, on Monday.",
		[]string{"C:United States", "!C:Georgia"}},
	{"georgia the country", "Georgia accused Russia of backing separatists in Abkhazia, officials in Tbilisi said.",
		[]string{"C:Georgia", "C:Russia"}},
	{"former states", "MOSCOW, March 3 - Soviet officials said the Kremlin would review grain imports.",
		[]string{"C:Soviet Union", "!C:Russia"}},
	{"dateline", "OIL PRICES RISE\n\nHOUSTON, March 3 - Crude rose on Tuesday.",
		[]string{"C:United States"}},
	{"dateline state", "COBANCO YEAR NET\n\nSANTA CRUZ, Calif., Feb 26 - Shr 34 cts vs 1.19 dlrs.",
		[]string{"C:United States"}},
	{"dateline country", "Talks go on as the envoy waits .\nAnna Petrova\nNOVYE ZORI , Russia 1996-08-27\nRussian and rebel commanders met on Tuesday .",
		[]string{"P:Anna Petrova", "!O:ZORI", "!O:NOVYE ZORI", "!P:NOVYE ZORI", "C:Russia"}},
	{"surname opened by a particle", "PM visits .\nAMMAN 1996-08-29\nJordanian Prime Minister Abdul-Rahim al-Masoudi left Amman on Thursday .",
		[]string{"P:Abdul-Rahim al-Masoudi", "!P:Abdul-Rahim"}},
	{"a day ends no name", "Drug use .\nMOSCOW 1996-08-28\nRepublican presidential candidate Rob Dolan Wednesday accused the administration of ignoring drug use .",
		[]string{"P:Rob Dolan", "!P:Rob Dolan Wednesday"}},
	{"tokenised text", "Germany 's representative to the European Union 's veterinary committee Werner Zwingmann said on Wednesday .",
		[]string{"C:Germany", "O:European Union", "P:Werner Zwingmann"}},
	{"short forms", "Talks between the U.S. and Britain resumed, the UK said.",
		[]string{"C:United States", "C:United Kingdom"}},
}

func kindLetter(k Kind) string {
	return map[Kind]string{Person: "P", Country: "C", Organization: "O"}[k]
}

func TestExtract(t *testing.T) {
	for _, tt := range extractTests {
		t.Run(tt.name, func(t *testing.T) {
			r := Extract(tt.text)
			var got []string
			for _, n := range r.People {
				got = append(got, "P:"+n)
			}
			for _, n := range r.Countries {
				got = append(got, "C:"+n)
			}
			for _, n := range r.Organizations {
				got = append(got, "O:"+n)
			}
			for _, w := range tt.want {
				if bad, ok := strings.CutPrefix(w, "!"); ok {
					if slices.Contains(got, bad) {
						t.Errorf("Extract(%q) = %q, want no %q", tt.text, got, bad)
					}
				} else if !slices.Contains(got, w) {
					t.Errorf("Extract(%q) = %q, want %q", tt.text, got, w)
				}
			}
			checkMentions(t, tt.text, r)
		})
	}
}

func TestMentionsCarryFullNames(t *testing.T) {
	text := "Russian leader Vladimir Putin continues his efforts.\n\n“But what we do is our business,” Putin said."
	r := Extract(text)
	var putins int
	for _, m := range r.Mentions {
		if m.Kind == Person {
			if m.Name != "Vladimir Putin" {
				t.Errorf("mention %q named %q, want %q", m.Text, m.Name, "Vladimir Putin")
			}
			putins++
		}
	}
	if putins != 2 {
		t.Errorf("Extract(%q) has %d person mentions, want 2: %+v", text, putins, r.Mentions)
	}
}

func TestCanonicalOrganization(t *testing.T) {
	tests := []struct{ in, want string }{
		{"UN", "United Nations"},
		{"U.N.", "United Nations"},
		{"EU", "European Union"},
		{"International Monetary Fund", "International Monetary Fund"},
		{"IMF", "International Monetary Fund"},
		{"the Brookings Institution", "Brookings Institution"},
		{"Acme Widgets", "Acme Widgets"},
	}
	for _, tt := range tests {
		if got := CanonicalOrganization(tt.in); got != tt.want {
			t.Errorf("CanonicalOrganization(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestOrganizationKind(t *testing.T) {
	tests := []struct{ in, want string }{
		{"UN", OrgBody},
		{"FBI", OrgBody},
		{"GOP", OrgBody},
		{"Brookings", OrgResearch},
		{"the Brookings Institution", OrgResearch},
		{"Reuters", OrgMedia},
		{"AFP", OrgMedia},
		{"Twitter", OrgCompany},
		{"IBM", OrgCompany},
		{"Acme Widgets", ""},
	}
	for _, tt := range tests {
		if got := OrganizationKind(tt.in); got != tt.want {
			t.Errorf("OrganizationKind(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// wordSpan is the span of the given kind from the first token that reads
// first to the last that reads last.
func wordSpan(toks []token, first, last string, kind int) span {
	s := span{-1, -1, kind}
	for k, tk := range toks {
		if tk.text == first && s.i < 0 {
			s.i = k
		}
		if tk.text == last {
			s.j = k + 1
		}
	}
	return s
}

// checkMentions checks the invariants of a result: mentions sorted by Start,
// each one's Text is text[Start:End], names listed once.
func checkMentions(t *testing.T, text string, r Result) {
	t.Helper()
	for i, m := range r.Mentions {
		if m.Start < 0 || m.End > len(text) || m.Start >= m.End {
			t.Fatalf("mention %+v out of range of %d bytes", m, len(text))
		}
		if text[m.Start:m.End] != m.Text {
			t.Errorf("mention %+v: text[%d:%d] = %q", m, m.Start, m.End, text[m.Start:m.End])
		}
		if !utf8.ValidString(m.Text) || !utf8.ValidString(m.Name) {
			t.Errorf("mention %+v is not valid UTF-8", m)
		}
		if i > 0 && r.Mentions[i-1].Start > m.Start {
			t.Errorf("mentions not sorted by Start: %+v before %+v", r.Mentions[i-1], m)
		}
		if m.Name == "" {
			t.Errorf("mention %+v has no name", m)
		}
	}
	for _, list := range [][]string{r.People, r.Countries, r.Organizations} {
		seen := map[string]bool{}
		for _, n := range list {
			if seen[n] {
				t.Errorf("name %q listed twice in %q", n, list)
			}
			seen[n] = true
		}
	}
}

// TestGolden compares the extraction of a small article of our own with
// testdata/article.golden. Refresh it with: go test ./internal/extract/entity -update
func TestGolden(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "article.txt"))
	if err != nil {
		t.Fatal(err)
	}
	r := Extract(string(b))
	checkMentions(t, string(b), r)
	got, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, filepath.Join("testdata", "article.golden"), append(got, '\n'))
}

// TestSeed runs on the hand-annotated seed article when the shared data is
// there.
func TestSeed(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "..", "shared", "seed")
	text, err := os.ReadFile(filepath.Join(dir, "article.txt"))
	if err != nil {
		t.Skipf("no seed article: %v", err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "expected.json"))
	if err != nil {
		t.Skipf("no seed annotation: %v", err)
	}
	var want struct {
		People, Countries, Organizations []string
		NotEntities                      []string `json:"not_entities"`
	}
	if err := json.Unmarshal(b, &want); err != nil {
		t.Fatal(err)
	}
	r := Extract(string(text))
	checkMentions(t, string(text), r)
	for _, c := range []struct {
		kind      string
		got, want []string
	}{{"people", r.People, want.People}, {"countries", r.Countries, want.Countries}, {"organizations", r.Organizations, want.Organizations}} {
		g, w := slices.Sorted(slices.Values(c.got)), slices.Sorted(slices.Values(c.want))
		if !slices.Equal(g, w) {
			t.Errorf("seed %s = %q, want %q", c.kind, g, w)
		}
	}
	all := append(append(append([]string{}, r.People...), r.Countries...), r.Organizations...)
	for _, n := range want.NotEntities {
		if slices.Contains(all, n) {
			t.Errorf("seed: %q extracted, want no such entity", n)
		}
	}
}

func FuzzExtract(f *testing.F) {
	for _, tt := range extractTests {
		f.Add(tt.text)
	}
	f.Add("")
	f.Add("U.S.-based \xff\xfe Mr. O'Brien's (ABC) \"quoted\" ’s ‘x’ —")
	f.Add("NEW YORK, Calif.,\n\n(\n)")
	f.Fuzz(func(t *testing.T, text string) {
		r := Extract(text)
		checkMentions(t, text, r)
	})
}

// BenchmarkExtract reports MB/s of wall time and, where the processor time
// is known, cpu-MB/s: megabytes per second of processor time, which stays
// true on a machine busy with other work.
func BenchmarkExtract(b *testing.B) {
	text := benchText(b)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	n := 0
	start := procstat.CPU()
	for b.Loop() {
		Extract(text)
		n++
	}
	if used := procstat.CPU() - start; used > 0 {
		b.ReportMetric(float64(n*len(text))/1e6/used.Seconds(), "cpu-MB/s")
	}
}

// benchText returns the seed article when the shared data is there, or the
// package's own test article.
func benchText(b *testing.B) string {
	for _, p := range []string{
		filepath.Join("..", "..", "..", "..", "shared", "seed", "article.txt"),
		filepath.Join("testdata", "article.txt"),
	} {
		if t, err := os.ReadFile(p); err == nil {
			return string(t)
		}
	}
	b.Fatal("no text to benchmark")
	return ""
}

func TestSignOffIsNoMention(t *testing.T) {
	text := "SENATORS INTRODUCE BILL\n\nWASHINGTON, Feb 26 - Senator Daniel Evans introduced a bill, he told reporters.\n Reuter\n"
	r := Extract(text)
	for _, p := range append(r.People, r.Organizations...) {
		if strings.HasPrefix(p, "Reuter") {
			t.Errorf("Extract: the sign-off %q was taken for an entity (%v %v)", p, r.People, r.Organizations)
		}
	}
	// Inside the text, Reuters is an organization as ever.
	r = Extract("Profits fell\n\nReuters reported that profits fell at Acme Corp.")
	found := false
	for _, o := range r.Organizations {
		found = found || o == "Reuters"
	}
	if !found {
		t.Errorf("Extract: Reuters in a sentence not found: %v", r.Organizations)
	}
}

// TestCleanSpans checks how the tagger's spans are mended, whatever the
// tagger reads: a name ends with a capitalised word, and a person's title
// and name are a person even when read as a body.
func TestCleanSpans(t *testing.T) {
	for _, tt := range []struct {
		text       string
		from, to   string // the span given, as words
		kind       int
		want       string // the span kept, or "" when dropped
		wantPerson bool
	}{
		{"Despite the turmoil over the Okafor nomination, delegates cheered.", "Okafor", "nomination", kOrg, "Okafor", false},
		{"Senator Jeff Morrow spoke to the delegates.", "Senator", "Morrow", kOrg, "Jeff Morrow", true},
		{"Mayor Sofia Brandt defended her plan.", "Sofia", "Brandt", kOrg, "Sofia Brandt", true},
		{"Mayor Harbor Holdings Inc. bought it.", "Harbor", "Holdings", kOrg, "Harbor Holdings", false},
		{"New York Yankees won again.", "New", "Yankees", kOrg, "New York Yankees", false},
		{"As an associate, Loretta E. Morrow said she was asked to speak.", "E.", "Morrow", kPer, "Loretta E. Morrow", true},
		{"Harbor Chairman Tomas Lindqvist resigned.", "Harbor", "Lindqvist", kPer, "Tomas Lindqvist", true},
		{"Coastal Marine Lt. Col. Oliver Marsh testified.", "Coastal", "Marsh", kPer, "Oliver Marsh", true},
		{"Martin Luther King Jr. spoke.", "Martin", "Jr.", kPer, "Martin Luther King Jr.", true},
		{"Rival Maria Lopez Ortega spoke.", "Rival", "Ortega", kPer, "Maria Lopez Ortega", true},
		{"Unlike Harbor, Mr. Lund has few lenders.", "Unlike", "Harbor", kPer, "Harbor", true},
		{"According Maria Lopez, it failed.", "According", "Lopez", kPer, "Maria Lopez", true},
		{"Senate Armed Services Committee met.", "Senate", "Committee", kOrg, "Senate Armed Services Committee", false},
	} {
		toks := tokenize(tt.text)
		x := &extraction{text: tt.text, toks: toks, model: defaultModel, spans: []span{wordSpan(toks, tt.from, tt.to, tt.kind)}}
		x.cleanSpans()
		got, person := "", false
		for _, s := range x.spans {
			got, person = x.words(s), s.kind == kPer
		}
		if got != tt.want || got != "" && person != tt.wantPerson {
			t.Errorf("cleanSpans(%q, %q…%q) = %q person=%v, want %q person=%v", tt.text, tt.from, tt.to, got, person, tt.want, tt.wantPerson)
		}
	}
}

// TestCleanSpansJoinsInitials checks that a name the tagger cut at a middle
// initial is one person, whatever it read the first part as.
func TestCleanSpansJoinsInitials(t *testing.T) {
	text := "Ana Donald J. Morrow and Loretta E. Lynd spoke."
	toks := tokenize(text)
	at := func(w string) int {
		for k, tk := range toks {
			if tk.text == w {
				return k
			}
		}
		t.Fatalf("no token %q", w)
		return -1
	}
	x := &extraction{text: text, toks: toks, model: defaultModel, spans: []span{
		{at("Donald"), at("J."), kPer}, {at("J."), at("Morrow") + 1, kPer},
		{at("Loretta"), at("E."), kLoc}, {at("E."), at("Lynd") + 1, kPer},
	}}
	x.cleanSpans()
	var got []string
	for _, s := range x.spans {
		if s.kind == kPer {
			got = append(got, x.words(s))
		}
	}
	if want := []string{"Donald J. Morrow", "Loretta E. Lynd"}; !slices.Equal(got, want) {
		t.Errorf("people = %q, want %q", got, want)
	}
}

// TestRefinePeopleCompanies checks that a span read as a person but shaped
// like a company's legal name is an organization.
func TestRefinePeopleCompanies(t *testing.T) {
	for _, tt := range []struct {
		text, first, last string
		org               bool
	}{
		{"Orvik Lindqvist Brothers raised its stake.", "Orvik", "Brothers", true},
		{"Tomas Halvorsen Holding BV sold shares.", "Tomas", "BV", true},
		{"Anna Lindqvist Berg spoke.", "Anna", "Berg", false},
	} {
		toks := tokenize(tt.text)
		x := &extraction{text: tt.text, toks: toks, model: defaultModel, spans: []span{wordSpan(toks, tt.first, tt.last, kPer)}}
		x.buildOwner()
		x.refinePeople()
		if got := len(x.spans) == 1 && x.spans[0].kind == kOrg; got != tt.org {
			t.Errorf("refinePeople(%q): organization %v, want %v", tt.text, got, tt.org)
		}
	}
}

func TestStateName(t *testing.T) {
	for _, tt := range []struct{ abbrev, want string }{
		{"Fla.", "Florida"}, {"N.Y.", "New York"}, {"N.Y", "New York"}, {"FL", "Florida"}, {"Texas", "Texas"},
		{"Ont.", ""}, {"Foo", ""},
	} {
		if got, _ := StateName(tt.abbrev); got != tt.want {
			t.Errorf("StateName(%q) = %q, want %q", tt.abbrev, got, tt.want)
		}
	}
}

// TestFacilityIsPlace checks that a name a building's word ends is a
// place, not a body, and that a body's name is left alone.
func TestFacilityIsPlace(t *testing.T) {
	for _, tt := range []struct {
		text, from, to string
		want           int
	}{
		{"Doctors at Columbia Presbyterian Hospital found a clot.", "Columbia", "Hospital", kLoc},
		{"A team from the Metropolitan Museum found the jars.", "Metropolitan", "Museum", kLoc},
		{"The Forth Road Bridge opened in 1964.", "Forth", "Bridge", kLoc},
		{"The Hospital Corporation of America said.", "Hospital", "America", kOrg},
		{"Regional Hospital Services said.", "Regional", "Services", kOrg},
	} {
		toks := tokenize(tt.text)
		x := &extraction{text: tt.text, toks: toks, model: defaultModel, spans: []span{wordSpan(toks, tt.from, tt.to, kOrg)}}
		x.cleanSpans()
		if len(x.spans) != 1 || x.spans[0].kind != tt.want {
			t.Errorf("cleanSpans(%q, %q…%q) = %v, want one span of kind %d", tt.text, tt.from, tt.to, x.spans, tt.want)
		}
	}
}

func TestCreditGrade(t *testing.T) {
	for _, tt := range []struct {
		w    string
		want bool
	}{
		{"AA", true}, {"BBB", true}, {"BBB-minus", true}, {"AA+", true}, {"Baa3", true}, {"Aaa", true},
		{"A", false}, {"AP", false}, {"BBC", false}, {"Abba", false}, {"CCCP", false},
	} {
		if got := creditGrade(tt.w); got != tt.want {
			t.Errorf("creditGrade(%q) = %v, want %v", tt.w, got, tt.want)
		}
	}
}
