// Package ingest reads articles from files and streams in the formats news
// arrives in, and feeds them to an index in batches.
//
// # Formats
//
// Read chooses a format by the input's name and, when the name says nothing,
// by sniffing its first bytes:
//
//   - JSON Lines (.jsonl, .ndjson): one article object a line. A bad line is
//     reported as a rejected Record and reading goes on with the next line.
//   - JSON (.json): one article object, an array of them, or several objects
//     one after the other.
//   - HTML pages (.html, .htm): the article text is found by readability and
//     cleaned of navigation, teasers, share bars and cookie notices, never
//     of the text that carries the article (Record.Cleanup says what was
//     cut); the metadata comes from <meta> tags, JSON-LD NewsArticle objects
//     and <link rel=canonical>.
//   - Feeds (.rss, .atom, .rdf, or sniffed: <rss, <feed, <rdf:RDF, or JSON
//     with "version": "https://jsonfeed.org/version/…"): RSS 2.0, RSS 1.0,
//     Atom and JSON Feed through gofeed, one article an item. A broken item
//     is a rejected Record naming it (item 3 ("Title…"): no title and no
//     body); a document that is no feed at all is an error for the input.
//   - Plain-text pages (.txt, .text, or anything that is not JSON or HTML):
//     the title, site name, byline and date are recovered from the lines
//     before the first paragraph, and site chrome and pasted teasers of other
//     articles are dropped from the body.
//
// A .xml file is a feed or an XHTML page as its first bytes say, and an
// error naming its root element when it is neither. A name ending in .gz is
// decompressed first and then judged by the rest of its name. New formats
// are added as one more entry of the formats table.
//
// # Sources
//
// Walk reads files, folders, standard input, http(s) URLs and list files
// (a .txt file whose lines are only URLs and # comments). A URL is fetched
// by a Fetcher (HTTPFetcher: timeouts, size cap, retries with backoff,
// bounded redirects, conditional requests) and read by the format its
// content type and first bytes say. A folder walk reads the files whose
// extension a format reads or may hold and gives every other file as a
// skipped Record (SkippedError), which Run counts by type. See Walker.
//
// # Fields
//
// JSON objects may use the field names common dumps use; see fieldNames for
// the full list. The body is the fullest of text, maintext, content,
// article, body and description. Dates are parsed by ParseDate.
//
// # Bad records
//
// A record is rejected, never the whole input, when it is malformed JSON,
// has neither title nor body, holds invalid UTF-8, has a date that cannot be
// parsed or a field of the wrong type. Record.Err then names the field and
// the reason, and Record.Where gives the file and line.
package ingest

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/newsindex/newsindex/index"
)

// Record is one article read from input, or the reason it was rejected.
type Record struct {
	Article index.Article
	Path    string // file name, "-" for standard input
	Line    int    // 1-based line of the record in its file; 0 when the file is one record
	Err     error  // non-nil: the record is rejected, Article is incomplete
	// Cleanup reports what clean-up removed from a page's text (HTML and
	// plain-text pages); nil for the other formats.
	Cleanup *Cleanup
}

// Where returns "path:line" (or "path") for messages.
func (r Record) Where() string {
	if r.Line > 0 {
		return fmt.Sprintf("%s:%d", r.Path, r.Line)
	}
	return r.Path
}

// MaxRecordSize is the largest JSON line or single-record file Read accepts,
// in bytes. A longer JSON line is rejected as a bad record; a longer page is
// cut at this size.
const MaxRecordSize = 64 << 20

// A format reads one kind of input. Read picks the first format whose
// extension matches the input's name, or else the first whose sniff accepts
// the input's first bytes.
type format struct {
	name     string
	noun     string                 // what an input of the format is, in messages
	exts     []string               // lower-case extensions with the dot
	shared   []string               // extensions other formats may have too: sniffed among those formats only
	sniff    func(head []byte) bool // nil: chosen by extension only
	read     func(in *input) error  // reads every record of the input
	markup   bool                   // sniff recognizes markup surely enough to override a .txt name
	sniffAll bool                   // the extension is a weak hint: sniff the markup formats first
}

// formats lists the readers in the order they sniff. Text comes last: it
// accepts anything.
var formats = []format{
	{name: "feed", noun: "feed", exts: []string{".rss", ".atom", ".rdf"}, shared: []string{".xml"}, sniff: sniffFeed, read: readFeed, markup: true},
	{name: "jsonl", noun: "JSON Lines file", exts: []string{".jsonl", ".ndjson"}, sniff: sniffJSONL, read: readJSONL},
	{name: "json", noun: "JSON file", exts: []string{".json"}, sniff: sniffJSON, read: readJSON, sniffAll: true},
	{name: "html", noun: "page", exts: []string{".html", ".htm", ".xhtml"}, shared: []string{".xml"}, sniff: sniffHTML, read: readHTML, markup: true},
	{name: "text", noun: "text", exts: []string{".txt", ".text"}, sniff: func([]byte) bool { return true }, read: readText, sniffAll: true},
}

// input is what a format reader reads: the stream, its name for messages and
// the callback that receives records.
type input struct {
	br     *bufio.Reader
	name   string
	fn     func(Record) error
	walker *Walker         // how to reach linked pages; nil: never fetch
	ctxv   context.Context // nil: context.Background()
}

// ctx returns the context of the read.
func (in *input) ctx() context.Context {
	if in.ctxv == nil {
		return context.Background()
	}
	return in.ctxv
}

// emit validates the article and sends the record to the callback. A record
// that already has an error is sent as it is.
func (in *input) emit(a index.Article, line int, err error) error {
	return in.send(Record{Article: a, Line: line, Err: err})
}

// emitCleaned is emit for a page, with the report of its clean-up.
func (in *input) emitCleaned(a index.Article, c *Cleanup, err error) error {
	return in.send(Record{Article: a, Err: err, Cleanup: c})
}

// send validates the record's article unless it already has an error, and
// sends it to the callback.
func (in *input) send(r Record) error {
	if r.Err == nil {
		r.Err = validate(&r.Article)
	}
	r.Path = in.name
	return in.fn(r)
}

// ReadFile reads the articles of one file, choosing the format by extension and content.
func ReadFile(path string, fn func(Record) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return Read(f, path, fn)
}

// Read reads articles from r; name is used in messages and to guess the format.
// It calls fn once per record, rejected ones included, and stops at the
// first error fn returns. It returns an error only when r cannot be read or
// fn fails: bad records never end the read.
func Read(r io.Reader, name string, fn func(Record) error) error {
	return readWith(context.Background(), r, name, fn, nil)
}

// readWith is Read with a walker that fetches linked pages (nil: none).
func readWith(ctx context.Context, r io.Reader, name string, fn func(Record) error, w *Walker) error {
	base := name
	if strings.EqualFold(filepath.Ext(name), ".gz") {
		zr, err := gzip.NewReader(r)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		defer zr.Close()
		r = zr
		base = strings.TrimSuffix(name, filepath.Ext(name))
	}
	in := &input{br: bufio.NewReaderSize(r, 1<<16), name: name, fn: fn, walker: w, ctxv: ctx}
	f, err := detect(in.br, base)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return f.read(in)
}

// detect returns the format of an input by its name or, failing that, by its
// first bytes. A name with an extension several formats share (.xml) is
// read by the first of them that its first bytes fit, and is an error when
// none does.
func detect(br *bufio.Reader, name string) (format, error) {
	byName, ok := formatByName(name)
	if ok && !byName.sniffAll {
		return byName, nil
	}
	head, err := br.Peek(4096)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return format{}, err
	}
	head = trimHead(head)
	if ok {
		// A .txt file may be a page saved as HTML: the formats before it
		// that sniff markup get the chance to claim it.
		for _, f := range formats {
			if f.markup && f.sniff(head) {
				return f, nil
			}
		}
		return byName, nil
	}
	if sharing := formatsSharing(name); len(sharing) > 0 {
		nouns := make([]string, len(sharing))
		for i, f := range sharing {
			if f.sniff(head) {
				return f, nil
			}
			nouns[i] = f.noun
		}
		return format{}, fmt.Errorf("not a %s (%s)", strings.Join(nouns, " or "), describeHead(head))
	}
	for _, f := range formats {
		if f.sniff != nil && f.sniff(head) {
			return f, nil
		}
	}
	return formats[len(formats)-1], nil
}

// formatByName returns the format whose extension name has.
func formatByName(name string) (format, bool) {
	ext := strings.ToLower(filepath.Ext(name))
	if ext == "" {
		return format{}, false
	}
	for _, f := range formats {
		if slices.Contains(f.exts, ext) {
			return f, true
		}
	}
	return format{}, false
}

// formatsSharing returns, in sniffing order, the formats that may have the
// extension of name as a shared one.
func formatsSharing(name string) []format {
	ext := strings.ToLower(filepath.Ext(name))
	if ext == "" {
		return nil
	}
	var fs []format
	for _, f := range formats {
		if slices.Contains(f.shared, ext) {
			fs = append(fs, f)
		}
	}
	return fs
}

// describeHead says what the first bytes of an input hold, for the error of
// an input no format fits: the root element of an XML document, else the
// bytes themselves.
func describeHead(head []byte) string {
	if len(head) == 0 {
		return "empty"
	}
	if head[0] == '<' {
		d := xml.NewDecoder(bytes.NewReader(head))
		// Only the element name is wanted: any declared encoding will do.
		d.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
		for {
			tok, err := d.RawToken()
			if err != nil {
				break
			}
			if el, ok := tok.(xml.StartElement); ok {
				if el.Name.Space != "" {
					return fmt.Sprintf("root element <%s:%s>", el.Name.Space, el.Name.Local)
				}
				return fmt.Sprintf("root element <%s>", el.Name.Local)
			}
		}
	}
	const shown = 32
	if len(head) > shown {
		return fmt.Sprintf("begins %q…", head[:shown])
	}
	return fmt.Sprintf("begins %q", head)
}

// trimHead drops a byte-order mark and leading white space.
func trimHead(b []byte) []byte {
	b = bytes.TrimPrefix(b, []byte("\ufeff"))
	return bytes.TrimLeft(b, " \t\r\n")
}

// readAll reads the whole input, up to MaxRecordSize bytes, without a
// byte-order mark.
func readAll(br *bufio.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(br, MaxRecordSize))
	return bytes.TrimPrefix(data, []byte("\ufeff")), err
}

// validate checks what every accepted article must satisfy, trimming its
// strings on the way: valid UTF-8 everywhere, and a title or a body.
func validate(a *index.Article) error {
	fields := []struct {
		name string
		s    *string
	}{
		{"id", &a.ID}, {"url", &a.URL}, {"title", &a.Title}, {"body", &a.Body},
		{"source", &a.Source}, {"author", &a.Author}, {"category", &a.Category}, {"language", &a.Language},
	}
	for _, f := range fields {
		*f.s = strings.TrimSpace(*f.s)
		if !utf8.ValidString(*f.s) {
			return fmt.Errorf("field %q: %w", f.name, invalidUTF8(*f.s))
		}
	}
	if a.Title == "" && a.Body == "" {
		return errors.New("missing title and body")
	}
	return nil
}

// invalidUTF8 returns an error giving the byte offset of the first invalid
// UTF-8 sequence in s.
func invalidUTF8(s string) error {
	for i, r := range s {
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				return fmt.Errorf("invalid UTF-8 at byte %d", i)
			}
		}
	}
	return errors.New("invalid UTF-8")
}
