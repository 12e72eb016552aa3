package ingest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/newsindex/newsindex/index"
)

// fieldNames lists, for each article field, the keys that hold it in common
// dumps (news-please, NewsAPI, schema.org, CommonCrawl extracts, feeds
// turned to JSON), in order of preference. Keys match without regard to case.
// For the body every key is read and the fullest text wins.
var fieldNames = struct {
	id, title, body, url, published, source, author, category, language []string
}{
	id:        []string{"id", "_id", "uuid", "doc_id", "article_id"},
	title:     []string{"title", "headline", "title_page", "title_rss"},
	body:      []string{"body", "text", "maintext", "content", "article", "articlebody", "article_body", "description", "summary"},
	url:       []string{"url", "link", "canonical_url", "canonicalurl", "uri"},
	published: []string{"published", "date_publish", "datepublished", "published_at", "publishedat", "publish_date", "pubdate", "pub_date", "date_published", "published_date", "publication_date", "date"},
	source:    []string{"source", "source_domain", "site", "site_name", "sitename", "publisher", "source_name"},
	author:    []string{"author", "authors", "byline", "creator"},
	category:  []string{"category", "section", "categories", "articlesection", "article_section"},
	language:  []string{"language", "lang", "inlanguage"},
}

// sniffJSONL reports whether the input looks like JSON Lines: an object
// that ends on its first line (or a first line too long to judge).
func sniffJSONL(head []byte) bool {
	if len(head) == 0 || head[0] != '{' {
		return false
	}
	i := bytes.IndexByte(head, '\n')
	return i < 0 || json.Valid(head[:i])
}

// sniffJSON reports whether the input looks like a JSON object or array.
func sniffJSON(head []byte) bool {
	return len(head) > 0 && (head[0] == '{' || head[0] == '[')
}

// readJSONL reads one article object a line. Each bad line is reported and
// skipped.
func readJSONL(in *input) error {
	for n := 1; ; n++ {
		line, tooLong, err := readLine(in.br)
		if len(line) > 0 || tooLong {
			if rerr := readJSONLine(in, line, tooLong, n); rerr != nil {
				return rerr
			}
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s:%d: %w", in.name, n, err)
		}
	}
}

func readJSONLine(in *input, line []byte, tooLong bool, n int) error {
	if tooLong {
		return in.emit(index.Article{}, n, fmt.Errorf("line longer than %d bytes", MaxRecordSize))
	}
	if n == 1 {
		line = bytes.TrimPrefix(line, []byte("\ufeff"))
	}
	line = bytes.TrimSpace(line)
	if len(line) == 0 {
		return nil
	}
	if line[0] == '[' {
		var raws []json.RawMessage
		if err := json.Unmarshal(line, &raws); err != nil {
			return in.emit(index.Article{}, n, fmt.Errorf("malformed JSON: %w", err))
		}
		for _, raw := range raws {
			a, err := decodeArticle(raw)
			if err := in.emit(a, n, err); err != nil {
				return err
			}
		}
		return nil
	}
	a, err := decodeArticle(line)
	return in.emit(a, n, err)
}

// readLine returns the next line of br with its newline, however long; a
// line longer than MaxRecordSize is consumed and reported as too long.
func readLine(br *bufio.Reader) (line []byte, tooLong bool, err error) {
	for {
		chunk, err := br.ReadSlice('\n')
		if len(line)+len(chunk) <= MaxRecordSize {
			line = append(line, chunk...)
		} else {
			tooLong = true
			line = line[:0]
		}
		if !errors.Is(err, bufio.ErrBufferFull) {
			return line, tooLong, err
		}
	}
}

// readJSON reads a JSON document: one article object, an array of them, or
// several values one after the other. A file that is one object gives a
// record with Line 0; otherwise each record carries the line it starts on.
func readJSON(in *input) error {
	data, err := readAll(in.br)
	if err != nil {
		return fmt.Errorf("%s: %w", in.name, err)
	}
	type item struct {
		raw  json.RawMessage
		line int
		err  error
	}
	var items []item
	dec := json.NewDecoder(bytes.NewReader(data))
	for {
		off := int(dec.InputOffset())
		start := skipSpace(data, off)
		if start >= len(data) {
			break
		}
		line := lineAt(data, start)
		if data[start] != '[' {
			var raw json.RawMessage
			if err := dec.Decode(&raw); err != nil {
				items = append(items, item{line: line, err: fmt.Errorf("malformed JSON: %w", err)})
				break
			}
			items = append(items, item{raw: raw, line: line})
			continue
		}
		if _, err := dec.Token(); err != nil {
			items = append(items, item{line: line, err: fmt.Errorf("malformed JSON: %w", err)})
			break
		}
		broken := false
		for dec.More() {
			s := skipSpace(data, int(dec.InputOffset()))
			var raw json.RawMessage
			if err := dec.Decode(&raw); err != nil {
				items = append(items, item{line: lineAt(data, s), err: fmt.Errorf("malformed JSON: %w", err)})
				broken = true
				break
			}
			items = append(items, item{raw: raw, line: lineAt(data, s)})
		}
		if broken {
			break
		}
		if _, err := dec.Token(); err != nil {
			items = append(items, item{line: lineAt(data, int(dec.InputOffset())), err: fmt.Errorf("malformed JSON: %w", err)})
			break
		}
	}
	single := len(items) == 1 && items[0].err == nil && len(data) > 0 && skipSpace(data, 0) < len(data) && data[skipSpace(data, 0)] == '{'
	for _, it := range items {
		line := it.line
		if single {
			line = 0
		}
		a, err := index.Article{}, it.err
		if err == nil {
			a, err = decodeArticle(it.raw)
		}
		if err := in.emit(a, line, err); err != nil {
			return err
		}
	}
	return nil
}

// skipSpace returns the offset of the first byte at or after off that is
// neither white space nor a comma.
func skipSpace(data []byte, off int) int {
	for off < len(data) {
		switch data[off] {
		case ' ', '\t', '\r', '\n', ',':
			off++
		default:
			return off
		}
	}
	return off
}

// lineAt returns the 1-based line of byte offset off.
func lineAt(data []byte, off int) int {
	return bytes.Count(data[:min(off, len(data))], []byte("\n")) + 1
}

// decodeArticle maps one JSON object to an article. The error names the
// field at fault.
func decodeArticle(raw []byte) (index.Article, error) {
	var a index.Article
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || raw[0] != '{' {
		if json.Valid(raw) {
			return a, errors.New("malformed JSON: want an article object")
		}
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil {
		return a, fmt.Errorf("malformed JSON: %w", err)
	}
	fields := make(map[string]json.RawMessage, len(obj))
	names := make(map[string]string, len(obj))
	for k, v := range obj {
		lk := strings.ToLower(k)
		if _, dup := fields[lk]; dup && lk != k {
			continue // the exact spelling wins over another case
		}
		fields[lk], names[lk] = v, k
	}
	if !utf8.Valid(raw) {
		for lk, v := range fields {
			if !utf8.Valid(v) {
				return a, fmt.Errorf("field %q: %w", names[lk], invalidUTF8(string(v)))
			}
		}
		return a, invalidUTF8(string(raw))
	}
	d := decoder{fields: fields, keys: names}
	a.ID = d.first(fieldNames.id, d.id)
	a.Title = d.first(fieldNames.title, d.str)
	a.Body = d.fullest(fieldNames.body)
	a.URL = d.first(fieldNames.url, d.str)
	a.Source = d.first(fieldNames.source, d.name)
	a.Author = d.first(fieldNames.author, d.names)
	a.Category = d.first(fieldNames.category, d.category)
	a.Language = normalizeLanguage(d.first(fieldNames.language, d.str))
	for _, k := range fieldNames.published {
		v, ok := fields[k]
		if !ok || isNull(v) {
			continue
		}
		t, err := d.date(k, v)
		if err != nil {
			d.fail(err)
			break
		}
		if !t.IsZero() {
			a.Published = t
			break
		}
	}
	for _, f := range []*string{&a.Title, &a.Source, &a.Author, &a.Category} {
		*f = collapseSpace(unescapeEntities(*f))
	}
	return a, d.err
}

// entity matches an HTML character reference.
var entity = regexp.MustCompile(`&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});`)

// unescapeEntities decodes the HTML character references that dumps of
// scraped pages leave in text fields ("Q&amp;A", "&#8217;").
func unescapeEntities(s string) string {
	if !strings.Contains(s, "&") || !entity.MatchString(s) {
		return s
	}
	return html.UnescapeString(s)
}

// truncationMark matches the mark NewsAPI puts at the end of cut texts.
var truncationMark = regexp.MustCompile(`\s*…?\s*\[\+\d+ chars\]\s*$`)

// trimTruncation removes NewsAPI's truncation mark, "… [+1234 chars]", from
// the end of s.
func trimTruncation(s string) string {
	t := strings.TrimRight(s, " \t\r\n")
	if !strings.HasSuffix(t, " chars]") {
		return s
	}
	i := max(0, len(t)-40)
	for i > 0 && !utf8.RuneStart(t[i]) {
		i--
	}
	return t[:i] + truncationMark.ReplaceAllString(t[i:], "")
}

// decoder reads fields of one object, keeping the first error.
type decoder struct {
	fields map[string]json.RawMessage // by lower-case key
	keys   map[string]string          // lower-case key → key as written
	err    error
}

func (d *decoder) fail(err error) {
	if d.err == nil {
		d.err = err
	}
}

// first returns the first non-empty value among keys, read by conv.
func (d *decoder) first(keys []string, conv func(key string, v json.RawMessage) (string, error)) string {
	for _, k := range keys {
		v, ok := d.fields[k]
		if !ok || isNull(v) {
			continue
		}
		s, err := conv(k, v)
		if err != nil {
			d.fail(err)
			return ""
		}
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return ""
}

// fullest returns the longest of the body texts under keys.
func (d *decoder) fullest(keys []string) string {
	best := ""
	for _, k := range keys {
		v, ok := d.fields[k]
		if !ok || isNull(v) {
			continue
		}
		s, err := d.text(k, v)
		if err != nil {
			d.fail(err)
			return ""
		}
		if len(s) > len(best) {
			best = s
		}
	}
	return best
}

// typeError says that field key holds a value of the wrong JSON type.
func (d *decoder) typeError(key string, v json.RawMessage, want string) error {
	return fmt.Errorf("field %q: want %s, got %s", d.keys[key], want, jsonType(v))
}

func (d *decoder) str(key string, v json.RawMessage) (string, error) {
	var s string
	if err := json.Unmarshal(v, &s); err != nil {
		return "", d.typeError(key, v, "a string")
	}
	return s, nil
}

// id accepts a string or a number.
func (d *decoder) id(key string, v json.RawMessage) (string, error) {
	if len(v) > 0 && (v[0] == '-' || v[0] >= '0' && v[0] <= '9') {
		var n json.Number
		if err := json.Unmarshal(v, &n); err == nil {
			return n.String(), nil
		}
	}
	var s string
	if err := json.Unmarshal(v, &s); err != nil {
		return "", d.typeError(key, v, "a string or a number")
	}
	return s, nil
}

// text accepts a string or an array of paragraphs, and turns HTML markup
// into plain text.
func (d *decoder) text(key string, v json.RawMessage) (string, error) {
	var s string
	if err := json.Unmarshal(v, &s); err != nil {
		var paras []string
		if err := json.Unmarshal(v, &paras); err != nil {
			return "", d.typeError(key, v, "a string or an array of strings")
		}
		s = strings.Join(paras, "\n\n")
	}
	if looksLikeHTML(s) {
		s = htmlText(s)
	} else {
		s = unescapeEntities(s)
	}
	return normalizeBody(trimTruncation(s)), nil
}

// name accepts a string or an object with a name, as NewsAPI and schema.org
// write sources and publishers.
func (d *decoder) name(key string, v json.RawMessage) (string, error) {
	var s string
	if err := json.Unmarshal(v, &s); err == nil {
		return s, nil
	}
	var obj struct {
		Name   string `json:"name"`
		Title  string `json:"title"`
		Domain string `json:"domain"`
	}
	if err := json.Unmarshal(v, &obj); err != nil {
		return "", d.typeError(key, v, "a string or an object with a name")
	}
	return firstNonEmpty(obj.Name, obj.Title, obj.Domain), nil
}

// names accepts a name, an object with a name, or an array of either, and
// joins several with ", ".
func (d *decoder) names(key string, v json.RawMessage) (string, error) {
	if len(v) == 0 || v[0] != '[' {
		return d.name(key, v)
	}
	var list []json.RawMessage
	if err := json.Unmarshal(v, &list); err != nil {
		return "", d.typeError(key, v, "a string or an array of names")
	}
	var out []string
	for _, item := range list {
		if isNull(item) {
			continue
		}
		s, err := d.name(key, item)
		if err != nil {
			return "", d.typeError(key, v, "an array of strings or of objects with a name")
		}
		if s = strings.TrimSpace(s); s != "" && !contains(out, s) {
			out = append(out, s)
		}
	}
	return strings.Join(out, ", "), nil
}

// category accepts a string or an array of strings, of which it takes the
// first non-empty one.
func (d *decoder) category(key string, v json.RawMessage) (string, error) {
	var s string
	if err := json.Unmarshal(v, &s); err == nil {
		return s, nil
	}
	var list []string
	if err := json.Unmarshal(v, &list); err != nil {
		return "", d.typeError(key, v, "a string or an array of strings")
	}
	for _, s := range list {
		if s = strings.TrimSpace(s); s != "" {
			return s, nil
		}
	}
	return "", nil
}

// date accepts a date string (see ParseDate) or Unix seconds as a number.
func (d *decoder) date(key string, v json.RawMessage) (t time.Time, err error) {
	var s string
	if err := json.Unmarshal(v, &s); err == nil {
		if strings.TrimSpace(s) == "" {
			return t, nil
		}
		t, err := ParseDate(s)
		if err != nil {
			return t, fmt.Errorf("field %q: %w", d.keys[key], err)
		}
		return t, nil
	}
	var n float64
	if err := json.Unmarshal(v, &n); err == nil {
		if n < 0 || n > 1e14 {
			return t, fmt.Errorf("field %q: cannot parse date %s", d.keys[key], v)
		}
		return unixTime(n), nil
	}
	var obj struct {
		Date json.RawMessage `json:"$date"`
	}
	if err := json.Unmarshal(v, &obj); err == nil && obj.Date != nil {
		return d.date(key, obj.Date)
	}
	return t, d.typeError(key, v, "a date string or Unix seconds")
}

// jsonType names the JSON type of v for messages.
func jsonType(v json.RawMessage) string {
	v = bytes.TrimSpace(v)
	if len(v) == 0 {
		return "nothing"
	}
	switch v[0] {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "a number"
}

func isNull(v json.RawMessage) bool {
	return string(bytes.TrimSpace(v)) == "null"
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return ""
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// normalizeLanguage reduces a language tag to its lower-case primary
// subtag: "en-US" and "en_GB" become "en".
func normalizeLanguage(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, "-_"); i > 0 {
		s = s[:i]
	}
	return strings.ToLower(s)
}

// collapseSpace joins the words of s with single spaces.
func collapseSpace(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// normalizeBody unifies line ends, trims trailing white space of every line
// and limits runs of blank lines to one.
func normalizeBody(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	lines := strings.Split(s, "\n")
	out := lines[:0]
	blank := false
	for _, l := range lines {
		l = strings.TrimRight(l, " \t\u00a0")
		if strings.TrimSpace(l) == "" {
			if !blank && len(out) > 0 {
				out = append(out, "")
			}
			blank = true
			continue
		}
		blank = false
		out = append(out, l)
	}
	return strings.TrimSpace(strings.Join(out, "\n"))
}
