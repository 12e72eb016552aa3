package query

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits on what Parse accepts.
const (
	// MaxLength is the longest query, in bytes.
	MaxLength = 4096
	// MaxDepth is the deepest nesting of parentheses and negations.
	MaxDepth = 32
	// MinPrefix is the fewest letters or digits before a prefix's "*".
	MinPrefix = 2
)

// Error is a syntax error in a query.
type Error struct {
	Pos int    // byte offset of the problem in the query, or -1 for the whole query
	Msg string // what is wrong, without the "query: " prefix or the position
}

func (e *Error) Error() string {
	if e.Pos < 0 {
		return "query: " + e.Msg
	}
	return fmt.Sprintf("query: %s at position %d", e.Msg, e.Pos)
}

func errorf(pos int, format string, args ...any) *Error {
	return &Error{Pos: pos, Msg: fmt.Sprintf(format, args...)}
}

// Parse parses a search-box query (see the package documentation for the
// syntax). It returns nil and no error for a query with nothing to search
// for, which means "match all", and an *Error for a malformed query.
func Parse(s string) (Node, error) {
	if len(s) > MaxLength {
		return nil, errorf(-1, "too long (%d bytes, want at most %d)", len(s), MaxLength)
	}
	if !utf8.ValidString(s) {
		for i, r := range s {
			if r == utf8.RuneError {
				if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
					return nil, errorf(i, "invalid UTF-8")
				}
			}
		}
	}
	toks, err := lex(s)
	if err != nil {
		return nil, err
	}
	p := &parser{toks: toks, end: len(s)}
	if p.peek().kind == tEOF {
		return nil, nil
	}
	n, err := p.or("")
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.kind == tRParen {
		return nil, errorf(t.pos, "unbalanced parenthesis")
	}
	if bad := excludesOnly(n); bad != nil {
		if bad == n {
			return nil, errorf(-1, "nothing to search for, only exclusions")
		}
		return nil, errorf(-1, "OR branch %q only excludes, add a term to search for", bad.String())
	}
	// A field before parentheses applies to every term inside, and the
	// canonical form spells it out: that form is held to the same limit, so
	// that it parses again.
	if c := len(group(n, false)); c > MaxLength {
		return nil, errorf(-1, "too long with its fields spelled out (%d bytes, want at most %d)", c, MaxLength)
	}
	return n, nil
}

// excludesOnly returns the part of n that matches by exclusion alone, or nil
// if there is none: n itself for a *Not or an *And of only such parts, and
// the first such branch of an *Or.
func excludesOnly(n Node) Node {
	switch n := n.(type) {
	case *Not:
		return n
	case *And:
		for _, c := range n.Nodes {
			if excludesOnly(c) == nil {
				return nil
			}
		}
		return n
	case *Or:
		for _, c := range n.Nodes {
			if bad := excludesOnly(c); bad != nil {
				return bad
			}
		}
	}
	return nil
}

type kind uint8

const (
	tEOF    kind = iota
	tWord        // text, field
	tPhrase      // text, field
	tLParen      // field, for field:(
	tRParen
	tAnd
	tOr
	tNot   // NOT
	tMinus // - at the start of a term
)

type token struct {
	kind  kind
	pos   int
	field string
	text  string
}

// isSpace reports whether r separates terms: white space and control
// characters.
func isSpace(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }

// isQuote reports whether r opens or closes a phrase.
func isQuote(r rune) bool {
	switch r {
	case '"', '“', '”', '„', '«', '»':
		return true
	}
	return false
}

// lex splits s into tokens.
func lex(s string) ([]token, error) {
	var toks []token
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case isSpace(r):
			i += size
		case r == '(':
			toks = append(toks, token{kind: tLParen, pos: i})
			i++
		case r == ')':
			toks = append(toks, token{kind: tRParen, pos: i})
			i++
		case isQuote(r):
			t, end, err := phrase(s, i, "")
			if err != nil {
				return nil, err
			}
			toks = append(toks, t)
			i = end
		case r == '-' && operand(s[i+1:]):
			toks = append(toks, token{kind: tMinus, pos: i})
			i++
		default:
			end := i
			for end < len(s) {
				r, size := utf8.DecodeRuneInString(s[end:])
				if isSpace(r) || r == '(' || r == ')' || isQuote(r) {
					break
				}
				end += size
			}
			t, next, err := word(s, i, end)
			if err != nil {
				return nil, err
			}
			toks = append(toks, t)
			i = next
		}
	}
	return toks, nil
}

// operand reports whether rest, the text after a "-", begins a term.
func operand(rest string) bool {
	r, _ := utf8.DecodeRuneInString(rest)
	return rest != "" && !isSpace(r) && r != ')'
}

// phrase lexes the phrase whose opening quote is at s[start:], in field,
// and returns it with the offset just after its closing quote.
func phrase(s string, start int, field string) (token, int, error) {
	_, size := utf8.DecodeRuneInString(s[start:])
	for i, r := range s[start+size:] {
		if isQuote(r) {
			_, qsize := utf8.DecodeRuneInString(s[start+size+i:])
			text := strings.Join(strings.FieldsFunc(s[start+size:start+size+i], isSpace), " ")
			return token{kind: tPhrase, pos: start, field: field, text: text}, start + size + i + qsize, nil
		}
	}
	return token{}, 0, errorf(start, "unterminated phrase starting")
}

// word lexes the word s[start:end], which may be an operator or start with
// a field name, and returns it with the offset where lexing goes on.
func word(s string, start, end int) (token, int, error) {
	w := s[start:end]
	switch w {
	case "AND":
		return token{kind: tAnd, pos: start}, end, nil
	case "OR":
		return token{kind: tOr, pos: start}, end, nil
	case "NOT":
		return token{kind: tNot, pos: start}, end, nil
	}
	colon := strings.IndexByte(w, ':')
	if colon <= 0 {
		return token{kind: tWord, pos: start, text: w}, end, nil
	}
	field, ok := CanonicalField(w[:colon])
	if !ok {
		return token{kind: tWord, pos: start, text: w}, end, nil
	}
	if colon+1 < len(w) {
		return token{kind: tWord, pos: start, field: field, text: w[colon+1:]}, end, nil
	}
	r, _ := utf8.DecodeRuneInString(s[end:])
	switch {
	case end < len(s) && r == '(':
		return token{kind: tLParen, pos: end, field: field}, end + 1, nil
	case end < len(s) && isQuote(r):
		return phrase(s, end, field)
	}
	return token{}, 0, errorf(start, "%s needs a value right after the colon", w)
}

// parser is a recursive-descent parser over the tokens of one query:
//
//	or      = and { "OR" and }
//	and     = unary { [ "AND" ] unary }
//	unary   = ( "NOT" | "-" ) unary | primary
//	primary = "(" or ")" | "(" ")" | word | phrase
type parser struct {
	toks  []token
	i     int
	end   int // offset of the end of the query
	depth int
}

func (p *parser) peek() token {
	if p.i < len(p.toks) {
		return p.toks[p.i]
	}
	return token{kind: tEOF, pos: p.end}
}

func (p *parser) next() token {
	t := p.peek()
	if p.i < len(p.toks) {
		p.i++
	}
	return t
}

// startsUnary reports whether a token of kind k can begin a unary.
func startsUnary(k kind) bool {
	switch k {
	case tWord, tPhrase, tLParen, tNot, tMinus:
		return true
	}
	return false
}

// or parses a disjunction; field is the field of an enclosing field group.
func (p *parser) or(field string) (Node, error) {
	var nodes []Node
	for {
		n, err := p.and(field)
		if err != nil {
			return nil, err
		}
		nodes = append(nodes, n)
		if p.peek().kind != tOr {
			return newOr(nodes), nil
		}
		t := p.next()
		if !startsUnary(p.peek().kind) {
			return nil, errorf(t.pos, "OR needs a term on both sides")
		}
	}
}

// and parses a conjunction.
func (p *parser) and(field string) (Node, error) {
	var nodes []Node
	for {
		switch t := p.peek(); t.kind {
		case tAnd:
			return nil, errorf(t.pos, "AND needs a term on both sides")
		case tOr:
			return nil, errorf(t.pos, "OR needs a term on both sides")
		case tRParen:
			return nil, errorf(t.pos, "unbalanced parenthesis")
		}
		n, err := p.unary(field)
		if err != nil {
			return nil, err
		}
		nodes = append(nodes, n)
		if t := p.peek(); t.kind == tAnd {
			p.next()
			if !startsUnary(p.peek().kind) {
				return nil, errorf(t.pos, "AND needs a term on both sides")
			}
		} else if !startsUnary(t.kind) {
			return newAnd(nodes), nil
		}
	}
}

// unary parses a negation or a primary.
func (p *parser) unary(field string) (Node, error) {
	t := p.peek()
	if t.kind != tNot && t.kind != tMinus {
		return p.primary(field)
	}
	p.next()
	if !startsUnary(p.peek().kind) {
		op := "NOT"
		if t.kind == tMinus {
			op = `"-"`
		}
		return nil, errorf(t.pos, "%s needs a term after it", op)
	}
	if err := p.push(t.pos); err != nil {
		return nil, err
	}
	n, err := p.unary(field)
	p.depth--
	if err != nil {
		return nil, err
	}
	return newNot(n), nil
}

// primary parses a group, word or phrase.
func (p *parser) primary(field string) (Node, error) {
	t := p.next()
	if t.field != "" {
		field = t.field
	}
	switch t.kind {
	case tWord:
		return leaf(field, t.text, t.pos)
	case tPhrase:
		if !searchable(t.text) {
			return nil, nil
		}
		return &Phrase{Field: field, Text: t.text}, nil
	case tLParen:
		if err := p.push(t.pos); err != nil {
			return nil, err
		}
		defer func() { p.depth-- }()
		if p.peek().kind == tRParen {
			p.next()
			return nil, nil
		}
		n, err := p.or(field)
		if err != nil {
			return nil, err
		}
		if p.next().kind != tRParen {
			return nil, errorf(t.pos, "unbalanced parenthesis")
		}
		return n, nil
	}
	// Unreachable: callers check startsUnary first.
	return nil, errorf(t.pos, "unexpected token")
}

// push enters one level of nesting at pos.
func (p *parser) push(pos int) error {
	p.depth++
	if p.depth > MaxDepth {
		return errorf(pos, "nesting deeper than %d", MaxDepth)
	}
	return nil
}

// leaf returns the node for word text in field: a *Prefix if it ends in "*",
// else a *Term, or nil if it has nothing to search for.
func leaf(field, text string, pos int) (Node, error) {
	stem := strings.TrimRight(text, "*")
	if !searchable(stem) {
		return nil, nil
	}
	if stem == text {
		return &Term{Field: field, Text: text}, nil
	}
	n := 0
	for _, r := range stem {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			n++
		}
	}
	if n < MinPrefix {
		return nil, errorf(pos, "prefix %q is too short, want at least %d letters or digits before the *", text, MinPrefix)
	}
	return &Prefix{Field: field, Text: stem}, nil
}

// searchable reports whether s has a letter or digit.
func searchable(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0
}
