package query

import (
	"slices"
	"strings"
)

// The canonical field names. An empty Field means the default free-text
// fields, title and body.
const (
	FieldTitle        = "title"
	FieldBody         = "body"
	FieldSource       = "source"
	FieldPerson       = "person"
	FieldCountry      = "country"
	FieldPlace        = "place"
	FieldOrganization = "organization"
	FieldAnalyst      = "analyst"
	FieldCategory     = "category"
	// FieldLanguage holds the article's language code ("fr"); a query
	// keeps the articles in that language.
	FieldLanguage = "language"
)

// fieldNames maps every accepted spelling of a field, lower-cased, to its
// canonical name.
var fieldNames = map[string]string{
	"title": FieldTitle, "headline": FieldTitle,
	"body":   FieldBody,
	"source": FieldSource, "sources": FieldSource,
	"person": FieldPerson, "persons": FieldPerson, "people": FieldPerson,
	"country": FieldCountry, "countries": FieldCountry,
	"place": FieldPlace, "places": FieldPlace,
	"organization": FieldOrganization, "organizations": FieldOrganization,
	"organisation": FieldOrganization, "organisations": FieldOrganization,
	"org": FieldOrganization, "orgs": FieldOrganization,
	"analyst": FieldAnalyst, "analysts": FieldAnalyst,
	"category": FieldCategory, "categories": FieldCategory,
	"language": FieldLanguage, "languages": FieldLanguage, "lang": FieldLanguage,
}

// CanonicalField returns the canonical name of a field spelled name, in any
// case ("Org" → "organization"), and reports whether name is a field.
func CanonicalField(name string) (string, bool) {
	f, ok := fieldNames[strings.ToLower(name)]
	return f, ok
}

// A Node is a node of a parsed query: *Term, *Phrase, *Prefix, *And, *Or or
// *Not.
type Node interface {
	// String returns the node in canonical query syntax.
	String() string
	node()
}

// Term matches a word in Field, or in the free-text fields when Field is "".
type Term struct {
	Field string
	Text  string
}

// Phrase matches the words of Text in order in Field, or in the free-text
// fields when Field is "". Text is the quoted text with runs of spaces
// collapsed to one.
type Phrase struct {
	Field string
	Text  string
}

// Prefix matches the words that start with Text in Field, or in the
// free-text fields when Field is "". Text does not include the "*".
type Prefix struct {
	Field string
	Text  string
}

// And matches what all of Nodes match. It has at least two nodes, none of
// them an *And.
type And struct {
	Nodes []Node
}

// Or matches what any of Nodes matches. It has at least two nodes, none of
// them an *Or.
type Or struct {
	Nodes []Node
}

// Not matches what Node does not match. Node is never a *Not.
type Not struct {
	Node Node
}

func (*Term) node()   {}
func (*Phrase) node() {}
func (*Prefix) node() {}
func (*And) node()    {}
func (*Or) node()     {}
func (*Not) node()    {}

func fieldPrefix(field string) string {
	if field == "" {
		return ""
	}
	return field + ":"
}

func (q *Term) String() string   { return fieldPrefix(q.Field) + q.Text }
func (q *Phrase) String() string { return fieldPrefix(q.Field) + `"` + q.Text + `"` }
func (q *Prefix) String() string { return fieldPrefix(q.Field) + q.Text + "*" }

func (q *Not) String() string { return "-" + group(q.Node, true) }

func (q *And) String() string {
	parts := make([]string, len(q.Nodes))
	for i, n := range q.Nodes {
		parts[i] = group(n, true)
	}
	return strings.Join(parts, " ")
}

func (q *Or) String() string {
	parts := make([]string, len(q.Nodes))
	for i, n := range q.Nodes {
		_, isOr := n.(*Or)
		parts[i] = group(n, isOr)
	}
	return strings.Join(parts, " OR ")
}

// group returns n's String, in parentheses if n is an *And or *Or and paren
// is set.
func group(n Node, paren bool) string {
	switch n.(type) {
	case *And, *Or:
		if paren {
			return "(" + n.String() + ")"
		}
	case nil:
		return "()"
	}
	return n.String()
}

// newAnd returns the conjunction of nodes, dropping nil nodes and flattening
// nested conjunctions. It returns nil for no nodes and the node itself for
// one.
func newAnd(nodes []Node) Node {
	var out []Node
	for _, n := range nodes {
		switch n := n.(type) {
		case nil:
		case *And:
			out = append(out, n.Nodes...)
		default:
			out = append(out, n)
		}
	}
	switch len(out) {
	case 0:
		return nil
	case 1:
		return out[0]
	}
	return &And{Nodes: out}
}

// newOr is newAnd for disjunctions.
func newOr(nodes []Node) Node {
	var out []Node
	for _, n := range nodes {
		switch n := n.(type) {
		case nil:
		case *Or:
			out = append(out, n.Nodes...)
		default:
			out = append(out, n)
		}
	}
	switch len(out) {
	case 0:
		return nil
	case 1:
		return out[0]
	}
	return &Or{Nodes: out}
}

// newNot returns the negation of n: nil for nil, and x for -x.
func newNot(n Node) Node {
	switch n := n.(type) {
	case nil:
		return nil
	case *Not:
		return n.Node
	}
	return &Not{Node: n}
}

// Walk calls fn for n and then, if fn returns true, for each of n's children,
// depth first. It does nothing for a nil n.
func Walk(n Node, fn func(Node) bool) {
	if n == nil || !fn(n) {
		return
	}
	switch n := n.(type) {
	case *And:
		for _, c := range n.Nodes {
			Walk(c, fn)
		}
	case *Or:
		for _, c := range n.Nodes {
			Walk(c, fn)
		}
	case *Not:
		Walk(n.Node, fn)
	}
}

// Terms returns what a highlighter should look for: the text of each
// *Term, *Phrase and *Prefix that is not under a *Not and searches the
// free-text fields (Field "", title or body), once each, in query order. A
// prefix keeps its trailing "*" ("econom*"), so it cannot be mistaken for a
// word.
func Terms(n Node) []string {
	var terms []string
	add := func(field, text string) {
		if (field == "" || field == FieldTitle || field == FieldBody) && !slices.Contains(terms, text) {
			terms = append(terms, text)
		}
	}
	Walk(n, func(n Node) bool {
		switch n := n.(type) {
		case *Term:
			add(n.Field, n.Text)
		case *Phrase:
			add(n.Field, n.Text)
		case *Prefix:
			add(n.Field, n.Text+"*")
		case *Not:
			return false
		}
		return true
	})
	return terms
}

// Fields returns the canonical names of the fields that n names explicitly,
// negated or not, sorted and once each.
func Fields(n Node) []string {
	var fields []string
	Walk(n, func(n Node) bool {
		var f string
		switch n := n.(type) {
		case *Term:
			f = n.Field
		case *Phrase:
			f = n.Field
		case *Prefix:
			f = n.Field
		}
		if f != "" && !slices.Contains(fields, f) {
			fields = append(fields, f)
		}
		return true
	})
	slices.Sort(fields)
	return fields
}
