package query

import (
	"errors"
	"strings"
	"testing"
)

// parseTests maps queries to their canonical form. An empty want means
// that Parse returns nil: match all.
var parseTests = []struct {
	q    string
	want string
}{
	// Nothing to search for.
	{``, ``},
	{`   `, ``},
	{"\t\n", ``},
	{`—`, ``},
	{`* & -`, ``},
	{`""`, ``},
	{`()`, ``},
	{`(())`, ``},
	{`-—`, ``},
	{`NOT ()`, ``},

	// Words, implied and explicit AND.
	{`korea`, `korea`},
	{`north korea`, `north korea`},
	{`  north   korea  `, `north korea`},
	{`north AND korea`, `north korea`},
	{`a AND b AND c`, `a b c`},
	{`a b AND c d`, `a b c d`},
	{`covid-19`, `covid-19`},
	{`U.S. AT&T`, `U.S. AT&T`},
	{`Zürich Genève`, `Zürich Genève`},
	{`north — korea`, `north korea`},
	{"a\x00b", `a b`},
	{"a\u00a0b", `a b`},

	// Lower-case operators are words.
	{`war and peace`, `war and peace`},
	{`this or that`, `this or that`},
	{`not guilty`, `not guilty`},
	{`And Or Not`, `And Or Not`},

	// Phrases, straight and curly.
	{`"north korea"`, `"north korea"`},
	{`"  north   korea "`, `"north korea"`},
	{`“north korea”`, `"north korea"`},
	{`„north korea“`, `"north korea"`},
	{`"north korea”`, `"north korea"`},
	{`«Nord-Korea»`, `"Nord-Korea"`},
	{`« Nord Korea » x`, `"Nord Korea" x`},
	{`"trump"`, `"trump"`},
	{`"a" "b"`, `"a" "b"`},
	{`foo"bar baz"`, `foo "bar baz"`},
	{`"a (b) OR c"`, `"a (b) OR c"`},
	{`"title:x -y"`, `"title:x -y"`},
	{`"—" x`, `x`},

	// Negation.

	{`war -football`, `war -football`},
	{`war NOT football`, `war -football`},
	{`-football war`, `-football war`},
	{`war -"world cup"`, `war -"world cup"`},
	{`war -person:trump`, `war -person:trump`},
	{`war -(a b)`, `war -(a b)`},
	{`war -(a OR b)`, `war -(a OR b)`},
	{`war NOT (a OR b)`, `war -(a OR b)`},
	{`war --peace`, `war peace`},
	{`war NOT -peace`, `war peace`},
	{`war - peace`, `war peace`},
	{`war peace -`, `war peace`},
	{`(war -)`, `war`},
	{`war -*`, `war`},
	{`war-peace`, `war-peace`},
	{`war -- peace`, `war peace`},

	// OR and precedence: NOT > AND > OR.
	{`iran OR iraq`, `iran OR iraq`},
	{`a OR b OR c`, `a OR b OR c`},
	{`a b OR c`, `a b OR c`},
	{`a OR b c`, `a OR b c`},
	{`(a OR b) c`, `(a OR b) c`},
	{`a (b OR c)`, `a (b OR c)`},
	{`a AND b OR c AND d`, `a b OR c d`},
	{`(a OR b) OR (c OR d)`, `a OR b OR c OR d`},
	{`((a b) c)`, `a b c`},
	{`(a b) OR c`, `a b OR c`},
	{`-a b OR c`, `-a b OR c`},
	{`a OR -b c`, `a OR -b c`},
	{`a OR —`, `a`},
	{`a OR ()`, `a`},
	{`a (b OR (c OR d))`, `a (b OR c OR d)`},
	{`a -(b OR -c)`, `a -(b OR -c)`},
	{`x (a OR -b)`, `x (a OR -b)`},
	{`a OR(b)`, `a OR b`},
	{`NOT(a) b`, `-a b`},

	// Prefixes.
	{`econom*`, `econom*`},
	{`econom**`, `econom*`},
	{`ab*`, `ab*`},
	{`é1*`, `é1*`},
	{`foo*bar`, `foo*bar`},
	{`a*b*`, `a*b*`},
	{`title:econ*`, `title:econ*`},
	{`-econom* x`, `-econom* x`},

	// Fields.
	{`title:korea`, `title:korea`},
	{`Title:korea`, `title:korea`},
	{`headline:korea`, `title:korea`},
	{`body:korea`, `body:korea`},
	{`source:bbc.co.uk`, `source:bbc.co.uk`},
	{`sources:reuters`, `source:reuters`},
	{`person:putin`, `person:putin`},
	{`people:putin`, `person:putin`},
	{`PERSONS:putin`, `person:putin`},
	{`person:"Vladimir Putin"`, `person:"Vladimir Putin"`},
	{`person:“Vladimir Putin”`, `person:"Vladimir Putin"`},
	{`country:France`, `country:France`},
	{`countries:France`, `country:France`},
	{`org:NATO`, `organization:NATO`},
	{`orgs:NATO`, `organization:NATO`},
	{`organisation:NATO`, `organization:NATO`},
	{`organisations:NATO`, `organization:NATO`},
	{`organizations:NATO`, `organization:NATO`},
	{`organization:"United Nations"`, `organization:"United Nations"`},
	{`analyst:smith`, `analyst:smith`},
	{`analysts:smith`, `analyst:smith`},
	{`category:business`, `category:business`},
	{`categories:business`, `category:business`},
	{`language:fr`, `language:fr`},
	{`lang:FR entreprise`, `language:FR entreprise`},
	{`-language:en (Regierung OR gouvernement)`, `-language:en (Regierung OR gouvernement)`},
	{`person:(putin OR xi)`, `person:putin OR person:xi`},
	{`person:(putin xi) war`, `person:putin person:xi war`},
	{`person:(putin "Xi Jinping")`, `person:putin person:"Xi Jinping"`},
	{`title:(a body:b)`, `title:a body:b`},
	{`title:(a -(b OR c))`, `title:a -(title:b OR title:c)`},
	{`title:(a (b OR c))`, `title:a (title:b OR title:c)`},
	{`title:()`, ``},
	{`title:—`, ``},
	{`title:AND`, `title:AND`},
	{`title:OR x`, `title:OR x`},
	{`title::x`, `title::x`},
	{`title:-x`, `title:-x`},
	{`title:a:b`, `title:a:b`},
	{`person:putin country:france`, `person:putin country:france`},
	{`-category:sport war`, `-category:sport war`},

	// Unknown field names are plain text.
	{`Note: x`, `Note: x`},
	{`foo:bar`, `foo:bar`},
	{`speaker:smith`, `speaker:smith`},
	{`https://example.com/a?b=c`, `https://example.com/a?b=c`},
	{`:x`, `:x`},
	{`x:`, `x:`},
	{`foo:title:x`, `foo:title:x`},

	// Operator spelling and nesting.
	{`((((a))))`, `a`},
	{strings.Repeat("(", 32) + "a" + strings.Repeat(")", 32), `a`},
	{strings.Repeat("-", 32) + "a", `a`},
	{strings.Repeat("-", 31) + "a b", `-a b`},
}

func TestParse(t *testing.T) {
	for _, tt := range parseTests {
		n, err := Parse(tt.q)
		if err != nil {
			t.Errorf("Parse(%q) error: %v", tt.q, err)
			continue
		}
		got := ""
		if n != nil {
			got = n.String()
		}
		if got != tt.want {
			t.Errorf("Parse(%q) = %q, want %q", tt.q, got, tt.want)
		}
	}
}

// errorTests are malformed queries with the message and position of their
// error.
var errorTests = []struct {
	q   string
	msg string
	pos int
}{
	{`(north korea`, `unbalanced parenthesis`, 0},
	{`a (b (c) d`, `unbalanced parenthesis`, 2},
	{`north korea)`, `unbalanced parenthesis`, 11},
	{`)`, `unbalanced parenthesis`, 0},
	{`a ) b`, `unbalanced parenthesis`, 2},
	{`(a))`, `unbalanced parenthesis`, 3},
	{`title:(a b`, `unbalanced parenthesis`, 6},
	{`a "north korea`, `unterminated phrase starting`, 2},
	{`abc "x" "y`, `unterminated phrase starting`, 8},
	{`“north korea`, `unterminated phrase starting`, 0},
	{`person:"Vladimir Putin`, `unterminated phrase starting`, 7},
	{`OR`, `OR needs a term on both sides`, 0},
	{`OR a`, `OR needs a term on both sides`, 0},
	{`a OR`, `OR needs a term on both sides`, 2},
	{`a OR OR b`, `OR needs a term on both sides`, 2},
	{`(a OR) b`, `OR needs a term on both sides`, 3},
	{`(OR a)`, `OR needs a term on both sides`, 1},
	{`a AND OR b`, `AND needs a term on both sides`, 2},
	{`AND a`, `AND needs a term on both sides`, 0},
	{`a AND`, `AND needs a term on both sides`, 2},
	{`a AND AND b`, `AND needs a term on both sides`, 2},
	{`a AND) b`, `AND needs a term on both sides`, 2},
	{`a NOT`, `NOT needs a term after it`, 2},
	{`NOT`, `NOT needs a term after it`, 0},
	{`a NOT OR b`, `NOT needs a term after it`, 2},
	{`(a NOT)`, `NOT needs a term after it`, 3},
	{`a -OR b`, `"-" needs a term after it`, 2},
	{`person: putin`, `person: needs a value right after the colon`, 0},
	{`x Title:`, `Title: needs a value right after the colon`, 2},
	{`(org:)`, `org: needs a value right after the colon`, 1},
	{`a*`, `prefix "a*" is too short, want at least 2 letters or digits before the *`, 0},
	{`x title:é*`, `prefix "é*" is too short, want at least 2 letters or digits before the *`, 2},
	{`-a`, `nothing to search for, only exclusions`, -1},
	{`-a -b`, `nothing to search for, only exclusions`, -1},
	{`NOT a`, `nothing to search for, only exclusions`, -1},
	{`-person:putin`, `nothing to search for, only exclusions`, -1},
	{`-(a b)`, `nothing to search for, only exclusions`, -1},
	{`(-a -b) (-c)`, `nothing to search for, only exclusions`, -1},
	{`a OR -b`, `OR branch "-b" only excludes, add a term to search for`, -1},
	{`a OR -b -c`, `OR branch "-b -c" only excludes, add a term to search for`, -1},
	{`(a OR -b) -c`, `nothing to search for, only exclusions`, -1},
	{strings.Repeat("(", 33) + "a" + strings.Repeat(")", 33), `nesting deeper than 32`, 32},
	{strings.Repeat("-", 33) + "a", `nesting deeper than 32`, 32},
	{strings.Repeat("NOT ", 33) + "a", `nesting deeper than 32`, 128},
	{strings.Repeat("a ", MaxLength/2) + "a", `too long (4097 bytes, want at most 4096)`, -1},
	{"title:(" + strings.Repeat("a ", 1000) + ")", `too long with its fields spelled out (7999 bytes, want at most 4096)`, -1},
	{"ab\xffcd", `invalid UTF-8`, 2},
	{"\xc3", `invalid UTF-8`, 0},
}

func TestParseErrors(t *testing.T) {
	for _, tt := range errorTests {
		n, err := Parse(tt.q)
		var qe *Error
		if !errors.As(err, &qe) {
			t.Errorf("Parse(%q) = %v, %v, want *Error %q at %d", tt.q, n, err, tt.msg, tt.pos)
			continue
		}
		if qe.Msg != tt.msg || qe.Pos != tt.pos {
			t.Errorf("Parse(%q) error = %q at %d, want %q at %d", tt.q, qe.Msg, qe.Pos, tt.msg, tt.pos)
		}
		if n != nil {
			t.Errorf("Parse(%q) = %v with an error, want nil", tt.q, n)
		}
	}
}

func TestErrorString(t *testing.T) {
	for _, tt := range []struct {
		q    string
		want string
	}{
		{`a (b c`, `query: unbalanced parenthesis at position 2`},
		{`abc "x`, `query: unterminated phrase starting at position 4`},
		{`a OR`, `query: OR needs a term on both sides at position 2`},
		{`-a`, `query: nothing to search for, only exclusions`},
	} {
		_, err := Parse(tt.q)
		if err == nil || err.Error() != tt.want {
			t.Errorf("Parse(%q) error = %v, want %q", tt.q, err, tt.want)
		}
	}
}

func TestTerms(t *testing.T) {
	for _, tt := range []struct {
		q    string
		want string
	}{
		{`north korea`, `north|korea`},
		{`"north korea" nuclear`, `north korea|nuclear`},
		{`war -peace`, `war`},
		{`war -(a OR b) NOT c`, `war`},
		{`a OR b a`, `a|b`},
		{`econom* title:x body:"y z" person:putin`, `econom*|x|y z`},
		{`x -person:(a b)`, `x`},
		{`x --y`, `x|y`},
		{``, ``},
	} {
		n, err := Parse(tt.q)
		if err != nil {
			t.Fatalf("Parse(%q): %v", tt.q, err)
		}
		if got := strings.Join(Terms(n), "|"); got != tt.want {
			t.Errorf("Terms(%q) = %q, want %q", tt.q, got, tt.want)
		}
	}
}

func TestFields(t *testing.T) {
	for _, tt := range []struct {
		q    string
		want string
	}{
		{`north korea`, ``},
		{`people:putin org:NATO -category:sport x`, `category organization person`},
		{`person:(a OR b) person:cd* title:"d e"`, `person title`},
	} {
		n, err := Parse(tt.q)
		if err != nil {
			t.Fatalf("Parse(%q): %v", tt.q, err)
		}
		if got := strings.Join(Fields(n), " "); got != tt.want {
			t.Errorf("Fields(%q) = %q, want %q", tt.q, got, tt.want)
		}
	}
}

func TestWalkSkip(t *testing.T) {
	n, err := Parse(`a -(b c) (d OR e)`)
	if err != nil {
		t.Fatal(err)
	}
	var seen []string
	Walk(n, func(n Node) bool {
		if _, ok := n.(*Not); ok {
			return false
		}
		if term, ok := n.(*Term); ok {
			seen = append(seen, term.Text)
		}
		return true
	})
	if got, want := strings.Join(seen, " "), "a d e"; got != want {
		t.Errorf("Walk skipping negations saw %q, want %q", got, want)
	}
}

func TestCanonicalField(t *testing.T) {
	for name, want := range map[string]string{
		"Org": FieldOrganization, "PEOPLE": FieldPerson, "countries": FieldCountry, "title": FieldTitle,
		"speaker": "", "": "", "titles": "",
	} {
		got, ok := CanonicalField(name)
		if got != want || ok != (want != "") {
			t.Errorf("CanonicalField(%q) = %q, %v, want %q, %v", name, got, ok, want, want != "")
		}
	}
}

// TestStringParens checks that String keeps the meaning of trees that Parse
// would not build, such as nested conjunctions.
func TestStringParens(t *testing.T) {
	for _, tt := range []struct {
		n    Node
		want string
	}{
		{&And{Nodes: []Node{&Term{Text: "a"}, &And{Nodes: []Node{&Term{Text: "b"}, &Term{Text: "c"}}}}}, `a (b c)`},
		{&Or{Nodes: []Node{&Term{Text: "a"}, &Or{Nodes: []Node{&Term{Text: "b"}, &Term{Text: "c"}}}}}, `a OR (b OR c)`},
		{&Not{Node: &Not{Node: &Term{Text: "a"}}}, `--a`},
		{&And{Nodes: []Node{nil, &Term{Text: "a"}}}, `() a`},
	} {
		if got := tt.n.String(); got != tt.want {
			t.Errorf("String() = %q, want %q", got, tt.want)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, tt := range parseTests {
		f.Add(tt.q)
	}
	for _, tt := range errorTests {
		f.Add(tt.q)
	}
	f.Fuzz(func(t *testing.T, q string) {
		n, err := Parse(q)
		if err != nil {
			var qe *Error
			if !errors.As(err, &qe) {
				t.Fatalf("Parse(%q) error %v is not an *Error", q, err)
			}
			if qe.Pos < -1 || qe.Pos > len(q) {
				t.Fatalf("Parse(%q) error position %d out of range", q, qe.Pos)
			}
			return
		}
		if n == nil {
			return
		}
		s := n.String()
		if strings.ContainsFunc(s, func(r rune) bool { return isSpace(r) && r != ' ' }) {
			t.Fatalf("Parse(%q) = %q, with a control or odd space character", q, s)
		}
		n2, err := Parse(s)
		if err != nil {
			t.Fatalf("Parse(%q) = %q, which does not parse: %v", q, s, err)
		}
		if n2 == nil || n2.String() != s {
			t.Fatalf("Parse(%q) = %q, which parses to %v", q, s, n2)
		}
		Terms(n)
		Fields(n)
	})
}

func BenchmarkParse(b *testing.B) {
	queries := []string{
		`north korea`,
		`"north korea" (sanctions OR missile) -football`,
		`person:"Vladimir Putin" country:(ukraine OR russia) econom* NOT category:sport`,
		`title:(brexit OR "european union") source:bbc.co.uk -(cricket OR rugby) analyst:smith`,
	}
	size := 0
	for _, q := range queries {
		size += len(q)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, q := range queries {
			if _, err := Parse(q); err != nil {
				b.Fatal(err)
			}
		}
	}
}
