package ingest

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// Walker reads articles from local paths and from the web. The zero value
// fetches with a default HTTPFetcher and never follows feed links.
type Walker struct {
	// Fetcher gets URLs; nil: one HTTPFetcher shared by the walks of this
	// Walker, without a cache: a one-off read wants every document, and
	// ingesting one again replaces it under the same ID.
	Fetcher Fetcher
	// FetchArticles: a feed item that carries only a summary gets the
	// text of the page its link points to, read as an HTML page.
	FetchArticles bool
	// Logger receives warnings (a linked page that could not be fetched);
	// nil: discard.
	Logger *slog.Logger

	once sync.Once
	def  Fetcher
}

// fetcher returns the Fetcher to use.
func (w *Walker) fetcher() Fetcher {
	if w.Fetcher != nil {
		return w.Fetcher
	}
	w.once.Do(func() { w.def = &HTTPFetcher{Logger: w.Logger} })
	return w.def
}

// logger returns the logger to use; w may be nil.
func (w *Walker) logger() *slog.Logger {
	if w == nil || w.Logger == nil {
		return slog.New(slog.DiscardHandler)
	}
	return w.Logger
}

// Walk reads every article under paths with a zero Walker; see Walker.Walk.
func Walk(paths []string, stdin io.Reader, fn func(Record) error) error {
	return new(Walker).Walk(context.Background(), paths, stdin, fn)
}

// Walk reads every article under paths. A path is an http or https URL,
// fetched and read by its content type and first bytes; a list file (a
// .txt file whose lines are only URLs, blank lines and # comments), whose
// URLs are read in turn; a file, read whatever its name; a folder, walked
// recursively in lexical order, skipping hidden files and folders; or "-",
// standard input, read from stdin. A file in a folder is read as a named
// file is when one of the formats reads or may hold its extension (see
// KnownFile); any other (such as a .png) is given as a Record whose Err is
// a *SkippedError. A path or URL that cannot be opened, fetched or read is
// reported as a rejected Record with that path and the walk goes on; an
// unchanged URL (HTTP 304) yields nothing. Walk stops at the first error
// fn returns and returns it, and stops with ctx's error when ctx ends.
func (w *Walker) Walk(ctx context.Context, paths []string, stdin io.Reader, fn func(Record) error) error {
	for _, p := range paths {
		if err := ctx.Err(); err != nil {
			return err
		}
		if p == "-" {
			if err := readReported(fn, "-", func(fn func(Record) error) error { return w.read(ctx, stdin, "-", fn) }); err != nil {
				return err
			}
			continue
		}
		if isURL(p) {
			if err := readReported(fn, p, func(fn func(Record) error) error { return w.readURL(ctx, p, fn) }); err != nil {
				return err
			}
			continue
		}
		info, err := os.Stat(p)
		if err != nil {
			if err := fn(Record{Path: p, Err: err}); err != nil {
				return err
			}
			continue
		}
		if !info.IsDir() {
			if urls, ok := listFile(p); ok {
				if err := w.Walk(ctx, urls, nil, fn); err != nil {
					return err
				}
				continue
			}
			if err := readReported(fn, p, func(fn func(Record) error) error { return w.readFile(ctx, p, fn) }); err != nil {
				return err
			}
			continue
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return fn(Record{Path: path, Err: err})
			}
			if err := ctx.Err(); err != nil {
				return err
			}
			if path != p && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.IsDir() || !d.Type().IsRegular() {
				return nil
			}
			if !KnownFile(path) {
				return fn(Record{Path: path, Err: &SkippedError{Type: fileType(path)}})
			}
			return readReported(fn, path, func(fn func(Record) error) error { return w.readFile(ctx, path, fn) })
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// read is Read with the walker's way of fetching linked pages.
func (w *Walker) read(ctx context.Context, r io.Reader, name string, fn func(Record) error) error {
	return readWith(ctx, r, name, fn, w)
}

// readFile is ReadFile with the walker's way of fetching linked pages.
func (w *Walker) readFile(ctx context.Context, path string, fn func(Record) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return w.read(ctx, f, path, fn)
}

// readURL fetches url and reads what it holds.
func (w *Walker) readURL(ctx context.Context, url string, fn func(Record) error) error {
	resp, err := w.fetcher().Fetch(ctx, url)
	if err != nil {
		return err
	}
	if resp.NotModified {
		return nil
	}
	return w.readResponse(ctx, url, resp, fn)
}

// readResponse reads a fetched document, named url in records. The feed
// sniff comes first, because feeds are often served as text/xml, text/html
// or text/plain; then the content type decides; then the first bytes.
func (w *Walker) readResponse(ctx context.Context, url string, resp *Response, fn func(Record) error) error {
	in := &input{br: bufio.NewReaderSize(bytes.NewReader(resp.Body), 1<<16), name: url, fn: fn, walker: w, ctxv: ctx}
	head, _ := in.br.Peek(4096)
	head = trimHead(head)
	f, ok := formatByType(resp.ContentType)
	switch {
	case sniffFeed(head):
		f = formats[0]
	case !ok:
		var err error
		if f, err = detect(in.br, ""); err != nil {
			return fmt.Errorf("%s: %w", url, err)
		}
	}
	if f.name == "text" && sniffHTML(head) {
		f, _ = formatByName(".html")
	}
	if f.name == "html" || f.name == "text" {
		// A page is one article: the URL it was fetched from is its
		// address when it names none itself.
		in.fn = func(r Record) error {
			if r.Article.URL == "" && r.Err == nil {
				r.Article.URL = resp.URL
			}
			return fn(r)
		}
	}
	return f.read(in)
}

// formatByType returns the format of a media type.
func formatByType(mt string) (format, bool) {
	var ext string
	switch {
	case strings.Contains(mt, "rss"), strings.Contains(mt, "atom"), mt == "application/feed+json", mt == "application/rdf+xml":
		ext = ".rss"
	case strings.Contains(mt, "html"):
		ext = ".html"
	case mt == "application/x-ndjson", mt == "application/jsonl", mt == "application/x-jsonlines":
		ext = ".jsonl"
	case mt == "application/json", strings.HasSuffix(mt, "+json"):
		ext = ".json"
	case mt == "text/plain":
		ext = ".txt"
	default:
		return format{}, false
	}
	return formatByName(ext)
}

// listFile reports whether path is a list of URLs (a .txt file of at most
// 1 MiB whose non-blank lines are all http(s) URLs or # comments, with at
// least one URL) and returns them.
func listFile(path string) ([]string, bool) {
	if !strings.EqualFold(filepath.Ext(path), ".txt") {
		return nil, false
	}
	info, err := os.Stat(path)
	if err != nil || info.Size() > 1<<20 {
		return nil, false
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, false
	}
	var urls []string
	for _, l := range strings.Split(string(data), "\n") {
		l = strings.TrimSpace(strings.TrimPrefix(l, "\ufeff"))
		switch {
		case l == "" || strings.HasPrefix(l, "#"):
		case isURL(l) && !strings.ContainsAny(l, " \t"):
			urls = append(urls, l)
		default:
			return nil, false
		}
	}
	return urls, len(urls) > 0
}

// KnownFile reports whether the name of a file has an extension that one of
// the formats reads or may hold (possibly followed by .gz), so that a folder
// walk reads it.
func KnownFile(name string) bool {
	if strings.EqualFold(filepath.Ext(name), ".gz") {
		name = name[:len(name)-len(".gz")]
	}
	_, ok := formatByName(name)
	return ok || len(formatsSharing(name)) > 0
}

// SkippedError is the Err of the Record a folder walk gives for a file it
// does not read, because no format reads files of its type.
type SkippedError struct {
	Type string // the file's type, as fileType gives it
}

func (e *SkippedError) Error() string {
	return "skipped: no format reads " + typeFiles(e.Type)
}

// typeFiles names the files of a type in messages: ".png files", "files
// without an extension".
func typeFiles(typ string) string {
	if typ == "" {
		return "files without an extension"
	}
	return typ + " files"
}

// fileType returns the type of a file by its name: the lower-case
// extension, with the one before it when it is .gz (".png", ".tar.gz"), or
// "" when the name has none.
func fileType(name string) string {
	ext := strings.ToLower(filepath.Ext(name))
	if ext == ".gz" {
		ext = strings.ToLower(filepath.Ext(strings.TrimSuffix(name, filepath.Ext(name)))) + ext
	}
	return ext
}

// readReported runs read with a callback that forwards to fn. An error of
// read that does not come from fn is reported as a rejected Record for path,
// so that one unreadable file does not end a walk; an error of fn is returned.
func readReported(fn func(Record) error, path string, read func(func(Record) error) error) error {
	var fnErr error
	err := read(func(r Record) error {
		fnErr = fn(r)
		return fnErr
	})
	switch {
	case err == nil:
		return nil
	case fnErr != nil:
		return fnErr
	}
	return fn(Record{Path: path, Err: withoutPath(err, path)})
}

// pathCut is an error whose message no longer starts with the path that
// the Record holding it names already.
type pathCut struct {
	err error
	msg string
}

func (e pathCut) Error() string { return e.msg }
func (e pathCut) Unwrap() error { return e.err }

// withoutPath returns err without the "path: " its message starts with, if
// it does, so that a report reads "path: reason" rather than
// "path: path: reason".
func withoutPath(err error, path string) error {
	if msg, ok := strings.CutPrefix(err.Error(), path+": "); ok {
		return pathCut{err: err, msg: msg}
	}
	return err
}
