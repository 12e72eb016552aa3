// Package server serves an index over HTTP: a JSON API and a search page
// rendered on the server.
package server

import (
	"crypto/subtle"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/gorilla/mux"

	"github.com/newsindex/newsindex/index"
	"github.com/newsindex/newsindex/internal/ingest"
	"github.com/newsindex/newsindex/internal/query"
)

//go:embed assets templates
var files embed.FS

// Options configure a Server.
type Options struct {
	Logger *slog.Logger
	// MaxBodyBytes caps request bodies; 0 → 32 MiB.
	MaxBodyBytes int64
	// APIKey, when set, is required as "Authorization: Bearer KEY" on writes.
	APIKey string
	// AuthReads requires the key on reads as well: Bearer, or as the
	// password of HTTP Basic authentication, which browsers ask for.
	AuthReads bool
	// Limits cap what one request may ask; zero values take the defaults.
	Limits Limits
}

// Limits cap what one request may ask of the server.
type Limits struct {
	MaxPageSize   int // hits a page
	MaxFacetSize  int // values listed per facet
	MaxQueryBytes int // length of q
	MinPrefix     int // letters before a *
	MaxExport     int // hits in one export
}

func (l *Limits) withDefaults() {
	if l.MaxPageSize <= 0 || l.MaxPageSize > index.MaxSize {
		l.MaxPageSize = index.MaxSize
	}
	if l.MaxFacetSize <= 0 || l.MaxFacetSize > index.MaxFacetSize {
		l.MaxFacetSize = index.MaxFacetSize
	}
	if l.MaxQueryBytes <= 0 || l.MaxQueryBytes > index.MaxQueryBytes {
		l.MaxQueryBytes = index.MaxQueryBytes
	}
	if l.MinPrefix < 2 {
		l.MinPrefix = 2
	}
	if l.MaxExport <= 0 {
		l.MaxExport = maxExport
	}
}

// check holds a request to the limits: the sizes asked for, and the sizes
// given by default, which it lowers to the limits. Errors wrap
// index.ErrInvalidRequest.
func (l Limits) check(v url.Values, q string, size, facetSize *int) error {
	if v.Get("size") == "" {
		*size = min(*size, l.MaxPageSize)
	}
	if v.Get("facet_size") == "" {
		*facetSize = min(*facetSize, l.MaxFacetSize)
	}
	switch {
	case *size > l.MaxPageSize:
		return fmt.Errorf("%w: size %d over the limit of %d", index.ErrInvalidRequest, *size, l.MaxPageSize)
	case *facetSize > l.MaxFacetSize:
		return fmt.Errorf("%w: facet_size %d over the limit of %d", index.ErrInvalidRequest, *facetSize, l.MaxFacetSize)
	case len(q) > l.MaxQueryBytes:
		return fmt.Errorf("%w: query is %d bytes, the limit is %d", index.ErrInvalidRequest, len(q), l.MaxQueryBytes)
	}
	if l.MinPrefix > 2 && strings.Contains(q, "*") {
		n, err := query.Parse(q)
		if err != nil {
			return nil // the search itself reports it
		}
		var short string
		query.Walk(n, func(n query.Node) bool {
			if p, ok := n.(*query.Prefix); ok && utf8.RuneCountInString(p.Text) < l.MinPrefix {
				short = p.Text
			}
			return true
		})
		if short != "" {
			return fmt.Errorf("%w: prefix %q* is too short, want at least %d characters", index.ErrInvalidRequest, short, l.MinPrefix)
		}
	}
	return nil
}

// Server answers HTTP requests from one index.
type Server struct {
	ix      *index.Index
	log     *slog.Logger
	opts    Options
	pages   *template.Template
	router  *mux.Router
	metrics *metrics
}

// New returns a Server for ix.
func New(ix *index.Index, opts Options) (*Server, error) {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.MaxBodyBytes <= 0 {
		opts.MaxBodyBytes = 32 << 20
	}
	opts.Limits.withDefaults()
	pages, err := template.New("").Funcs(pageFuncs).ParseFS(files, "templates/*.html")
	if err != nil {
		return nil, fmt.Errorf("server: templates: %w", err)
	}
	s := &Server{ix: ix, log: opts.Logger, opts: opts, pages: pages, router: mux.NewRouter(), metrics: newMetrics(ix)}
	r := s.router
	// Match the escaped path, so that an ID or a name holding "/" (sent as
	// %2F) is one path parameter; pathParam decodes it.
	r.UseEncodedPath()
	r.Use(s.observe, s.readAuth)
	get, post, del := http.MethodGet, http.MethodPost, http.MethodDelete
	route := func(path string, params []string, h http.Handler, method string) {
		r.Handle(path, &queryParams{names: params, next: h}).Methods(method)
	}
	route("/metrics", nil, s.metrics.handler(), get)
	route("/api/openapi.json", nil, http.HandlerFunc(serveOpenAPI), get)
	route("/api/search", searchParams, http.HandlerFunc(s.serveSearchAPI), get)
	route("/api/quotes", quoteParams, http.HandlerFunc(s.serveQuotesAPI), get)
	route("/api/suggest", suggestParams, http.HandlerFunc(s.serveSuggestAPI), get)
	route("/api/articles", nil, s.write(s.servePostArticles), post)
	route("/api/articles/{id}", nil, http.HandlerFunc(s.serveGetArticle), get)
	route("/api/articles/{id}", nil, s.write(s.serveDeleteArticle), del)
	route("/api/admin/backup", nil, s.write(s.serveBackup), post)
	route("/api/admin/check", nil, s.write(s.serveCheck), get)
	route("/healthz", nil, http.HandlerFunc(s.serveHealthz), get)
	route("/readyz", nil, http.HandlerFunc(s.serveReadyz), get)
	route("/", searchPageParams, http.HandlerFunc(s.serveSearchPage), get)
	route("/articles/{id}", nil, http.HandlerFunc(s.serveArticlePage), get)
	route("/quotes", quoteParams, http.HandlerFunc(s.serveQuotesPage), get)
	route("/feed", searchParams, http.HandlerFunc(s.serveFeed), get)
	route("/export.csv", exportParams, s.serveExport("csv"), get)
	route("/export.jsonl", exportParams, s.serveExport("jsonl"), get)
	for _, k := range entityKinds {
		route("/"+k.path+"/{name}", nil, s.serveEntityPage(k.path, k.facet, k.label), get)
	}
	route("/assets/{file}", nil, http.HandlerFunc(s.serveAsset), get)
	r.NotFoundHandler = s.observe(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		s.error(w, req, fmt.Errorf("%w: no route %s", index.ErrNotFound, req.URL.Path))
	}))
	r.MethodNotAllowedHandler = http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		allowed := s.allowed(req)
		w.Header().Set("Allow", strings.Join(allowed, ", "))
		writeJSON(w, http.StatusMethodNotAllowed, map[string]string{"error": fmt.Sprintf("method %s not allowed on %s, only %s",
			req.Method, req.URL.Path, strings.Join(allowed, ", "))})
	})
	return s, nil
}

// allowed lists the methods the router serves on the request's path.
func (s *Server) allowed(req *http.Request) []string {
	var out []string
	for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodDelete} {
		r := req.Clone(req.Context())
		r.Method = m
		var match mux.RouteMatch
		if s.router.Match(r, &match) && match.MatchErr == nil {
			out = append(out, m)
		}
	}
	return out
}

// ServeHTTP adds the headers every response carries and routes the request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
			s.log.Error("panic serving request", "path", r.URL.Path, "err", v)
			writeJSON(w, http.StatusInternalServerError, map[string]string{"error": "internal error"})
		}
	}()
	s.router.ServeHTTP(w, r)
}

// keyed reports whether a request carries the API key: as a bearer token,
// or as the password of HTTP Basic authentication. Compared in constant time.
func (s *Server) keyed(r *http.Request) bool {
	got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok {
		_, got, ok = r.BasicAuth()
	}
	return ok && subtle.ConstantTimeCompare([]byte(got), []byte(s.opts.APIKey)) == 1
}

// write guards a handler that changes the index with the API key, if one is set.
func (s *Server) write(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if s.opts.APIKey != "" && !s.keyed(r) {
			w.Header().Set("WWW-Authenticate", `Bearer realm="newsindex"`)
			writeJSON(w, http.StatusUnauthorized, map[string]string{"error": "writes need Authorization: Bearer <api key>"})
			return
		}
		h(w, r)
	}
}

// readAuth asks for the API key on every request but the health checks
// when reads are keyed.
func (s *Server) readAuth(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.opts.AuthReads || r.URL.Path == "/healthz" || r.URL.Path == "/readyz" || s.keyed(r) {
			next.ServeHTTP(w, r)
			return
		}
		w.Header().Set("WWW-Authenticate", `Basic realm="newsindex"`)
		writeJSON(w, http.StatusUnauthorized, map[string]string{"error": "this server needs its API key: Authorization: Bearer <api key>"})
	})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
}

// status maps an error onto an HTTP status: the client's mistakes are 4xx.
func status(err error) int {
	var maxErr *http.MaxBytesError
	switch {
	case errors.Is(err, index.ErrInvalidRequest):
		return http.StatusBadRequest
	case errors.Is(err, index.ErrNotFound):
		return http.StatusNotFound
	case errors.As(err, &maxErr):
		return http.StatusRequestEntityTooLarge
	case errors.Is(err, index.ErrClosed):
		return http.StatusServiceUnavailable
	case errors.Is(err, errors.ErrUnsupported):
		// The index's engine lacks the ability (backup, check on OpenSearch).
		return http.StatusNotImplemented
	}
	return http.StatusInternalServerError
}

// error writes err as a JSON error. Only server faults are logged, and
// their details are not shown to the client.
func (s *Server) error(w http.ResponseWriter, r *http.Request, err error) {
	code := status(err)
	msg := err.Error()
	if code == http.StatusInternalServerError {
		s.log.Error("request failed", "path", r.URL.Path, "err", err)
		msg = "internal error"
	}
	msg = strings.TrimPrefix(msg, "index: invalid request: ")
	writeJSON(w, code, map[string]string{"error": msg})
}

// serveAsset serves a file of the page's style and script; there are no
// folders to list.
func (s *Server) serveAsset(w http.ResponseWriter, r *http.Request) {
	file := pathParam(r, "file")
	name := "assets/" + file
	if st, err := fs.Stat(files, name); err != nil || st.IsDir() {
		s.error(w, r, fmt.Errorf("%w: no asset %s", index.ErrNotFound, file))
		return
	}
	http.ServeFileFS(w, r, files, name)
}

// pathParam is the path parameter name of the request, decoded.
func pathParam(r *http.Request, name string) string {
	v := mux.Vars(r)[name]
	if d, err := url.PathUnescape(v); err == nil {
		return d
	}
	return v
}

func (s *Server) serveHealthz(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

func (s *Server) serveReadyz(w http.ResponseWriter, r *http.Request) {
	n, err := s.ix.Count(r.Context())
	if err != nil {
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable"})
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"status": "ready", "articles": n})
}

func (s *Server) serveSearchAPI(w http.ResponseWriter, r *http.Request) {
	req, err := SearchParams(r.URL.Query())
	if err == nil {
		err = s.opts.Limits.check(r.URL.Query(), req.Query, &req.Size, &req.FacetSize)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	res, err := s.ix.Search(r.Context(), req)
	if err != nil {
		s.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, res)
}

func (s *Server) serveQuotesAPI(w http.ResponseWriter, r *http.Request) {
	req, err := QuoteParams(r.URL.Query())
	if err == nil {
		err = s.opts.Limits.check(r.URL.Query(), req.Query, &req.Size, &req.FacetSize)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	res, err := s.ix.Quotes(r.Context(), req)
	if err != nil {
		s.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, res)
}

// serveSuggestAPI offers names as the user types: q is the start of a word
// of the name, limit at most index.MaxSuggestions (default 10).
func (s *Server) serveSuggestAPI(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	q, err := single(v, "q")
	if err == nil && len(q) > 200 {
		err = fmt.Errorf("%w: parameter \"q\" is %d bytes, the limit is 200", index.ErrInvalidRequest, len(q))
	}
	limit := 0
	if err == nil {
		limit, err = number(v, "limit")
	}
	if err == nil && limit > index.MaxSuggestions {
		err = fmt.Errorf("%w: limit %d over %d", index.ErrInvalidRequest, limit, index.MaxSuggestions)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	sug, err := s.ix.Suggest(r.Context(), q, limit)
	if err != nil {
		s.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"suggestions": sug})
}

func (s *Server) serveGetArticle(w http.ResponseWriter, r *http.Request) {
	a, err := s.ix.Article(r.Context(), pathParam(r, "id"))
	if err != nil {
		s.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, a)
}

func (s *Server) serveDeleteArticle(w http.ResponseWriter, r *http.Request) {
	id := pathParam(r, "id")
	if err := s.ix.Delete(r.Context(), id); err != nil {
		s.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"deleted": id})
}

// recordError is one rejected record of a POST.
type recordError struct {
	Line  int    `json:"line,omitempty"`
	Error string `json:"error"`
}

type postResult struct {
	Added    int           `json:"added"`
	Replaced int           `json:"replaced"`
	Rejected int           `json:"rejected"`
	IDs      []string      `json:"ids"`
	Errors   []recordError `json:"errors,omitempty"`
}

// postFormat names a posted body for the reader: JSON or JSON Lines when
// its Content-Type says so, else the reader recognizes the format (JSON,
// JSON Lines, HTML, a feed or plain text).
func postFormat(r *http.Request) string {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch mt {
	case "application/json":
		return "request.json"
	case "application/x-ndjson", "application/jsonl":
		return "request.jsonl"
	}
	return "request"
}

// servePostArticles adds an article, an array of articles, or JSON Lines.
// Good records are written even when others are rejected: the answer is
// 200 when all went in, 207 when some did, 400 when none did.
func (s *Server) servePostArticles(w http.ResponseWriter, r *http.Request) {
	body := http.MaxBytesReader(w, r.Body, s.opts.MaxBodyBytes)
	var good []index.Article
	res := postResult{IDs: []string{}}
	err := ingest.Read(body, postFormat(r), func(rec ingest.Record) error {
		err := rec.Err
		if err == nil {
			err = index.Normalize(&rec.Article)
		}
		if err != nil {
			res.Errors = append(res.Errors, recordError{Line: rec.Line, Error: strings.TrimPrefix(err.Error(), "index: invalid request: ")})
			return nil
		}
		good = append(good, rec.Article)
		return nil
	})
	if err != nil {
		var maxErr *http.MaxBytesError
		if errors.As(err, &maxErr) {
			s.error(w, r, fmt.Errorf("request body over %d bytes: %w", s.opts.MaxBodyBytes, err))
			return
		}
		s.error(w, r, fmt.Errorf("%w: %v", index.ErrInvalidRequest, err))
		return
	}
	res.Rejected = len(res.Errors)
	if len(good) == 0 {
		if res.Rejected == 0 {
			res.Errors = append(res.Errors, recordError{Error: "no articles in the request body"})
			res.Rejected = 0
		}
		writeJSON(w, http.StatusBadRequest, res)
		return
	}
	st, err := s.ix.AddBatch(r.Context(), good)
	if err != nil {
		s.error(w, r, err)
		return
	}
	res.Added, res.Replaced = st.Added, st.Replaced
	s.metrics.ingested.WithLabelValues("added").Add(float64(st.Added))
	s.metrics.ingested.WithLabelValues("replaced").Add(float64(st.Replaced))
	s.metrics.ingested.WithLabelValues("rejected").Add(float64(res.Rejected))
	for _, a := range good {
		res.IDs = append(res.IDs, a.ID)
	}
	code := http.StatusOK
	if res.Rejected > 0 {
		code = http.StatusMultiStatus
	}
	writeJSON(w, code, res)
}
