// Package opensearchfake is a stand-in for an OpenSearch cluster, good
// enough to test newsindex's OpenSearch adapter where no real cluster can
// run. It keeps documents in memory and answers the requests the adapter
// sends, from its own stored documents: index creation with aliases, index
// lookup and deletion, alias moves, the write block, bulk,
// mget, get, count, and search with the query clauses (bool, match,
// match_phrase, prefix, term, terms, range, exists, match_all), sorting,
// from/size, search_after, collapse with inner hit counts, highlights, and
// the aggregations (terms, date_histogram, cardinality, composite) the
// adapter uses. Text fields are analysed with newsindex's own analyzers
// (package analysis): each analyzer the mapping names, OpenSearch's
// built-in language analyzers or custom ones built on its snowball and
// cjk_bigram filters, is read as the in-process analyzer of its language
// (analysis.go).
//
// It is not OpenSearch: scores are a simple count of matched clauses times
// their boosts, and everything lives on one "shard". Tests use it to check
// what the adapter sends and how it reads answers and survives faults, not
// how OpenSearch ranks.
//
// Faults are injected through POST /_fake/faults (see Fault); GET
// /_fake/requests lists the requests received, for tests that count
// retries. The program in cmd/opensearchfake serves it on a loopback port.
package opensearchfake

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"

	analysisapi "github.com/newsindex/newsindex/internal/analysis"
)

// Fault is one injected failure. Requests whose method (if set) and path
// (a substring of path and query) match get it, Times times (0: once).
type Fault struct {
	Method string `json:"method"`
	Path   string `json:"path"`
	Times  int    `json:"times"`
	// Kind: "status" answers Status with an error body; "drop" closes the
	// connection without an answer; "delay" waits DelayMS then answers
	// normally; "bulk_item" refuses the bulk item of document DocID with
	// Status (the rest are stored); "shards" answers a search with one
	// failed shard, whose failure type is Reason (default
	// node_disconnected_exception).
	Kind    string `json:"kind"`
	Status  int    `json:"status"`
	DelayMS int    `json:"delay_ms"`
	DocID   string `json:"doc_id"`
	Reason  string `json:"reason"`
}

// Request is one request received, as GET /_fake/requests lists them.
type Request struct {
	Method string `json:"method"`
	Path   string `json:"path"`
	Body   string `json:"body"`
}

type doc struct {
	id   string
	raw  json.RawMessage
	src  map[string]any
	toks map[string][]analysis.Token // analysed text fields, filled lazily
}

type index struct {
	props map[string]map[string]any // field → its mapping
	docs  map[string]*doc
	// analyzers maps the analyzers the index defines to the in-process
	// analyzers that do the same (see inProcess).
	analyzers map[string]string
	meta      map[string]any
	// writeBlocked is index.blocks.write: writes are refused.
	writeBlocked bool
}

// Server is the fake cluster. The zero value is not usable; use New.
type Server struct {
	mu       sync.Mutex
	indexes  map[string]*index
	aliases  map[string]string
	faults   []*Fault
	requests []Request
	cache    *registry.Cache
}

// New returns an empty fake cluster.
func New() *Server {
	return &Server{indexes: map[string]*index{}, aliases: map[string]string{}, cache: registry.NewCache()}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func osErr(w http.ResponseWriter, status int, typ, reason string) {
	writeJSON(w, status, map[string]any{"error": map[string]any{"type": typ, "reason": reason}, "status": status})
}

// fault returns the fault for a request, counting it down.
func (s *Server) fault(method, path string) *Fault {
	for i, f := range s.faults {
		if (f.Method == "" || f.Method == method) && strings.Contains(path, f.Path) {
			f.Times--
			if f.Times <= 0 {
				s.faults = append(s.faults[:i], s.faults[i+1:]...)
			}
			c := *f
			return &c
		}
	}
	return nil
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	full := r.URL.Path
	if r.URL.RawQuery != "" {
		full += "?" + r.URL.RawQuery
	}
	if strings.HasPrefix(r.URL.Path, "/_fake/") {
		s.control(w, r, body)
		return
	}
	s.mu.Lock()
	s.requests = append(s.requests, Request{r.Method, full, string(body)})
	f := s.fault(r.Method, full)
	s.mu.Unlock()
	if f != nil {
		switch f.Kind {
		case "status", "":
			osErr(w, f.Status, "fake_fault", fmt.Sprintf("injected status %d", f.Status))
			return
		case "drop":
			if hj, ok := w.(http.Hijacker); ok {
				if c, _, err := hj.Hijack(); err == nil {
					c.Close()
					return
				}
			}
			panic(http.ErrAbortHandler)
		case "delay":
			select {
			case <-time.After(time.Duration(f.DelayMS) * time.Millisecond):
			case <-r.Context().Done():
				return
			}
			f = nil
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.route(w, r, body, f)
}

func (s *Server) control(w http.ResponseWriter, r *http.Request, body []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case r.URL.Path == "/_fake/faults" && r.Method == http.MethodPost:
		var f Fault
		if err := json.Unmarshal(body, &f); err != nil {
			osErr(w, 400, "parse_exception", err.Error())
			return
		}
		if f.Times <= 0 {
			f.Times = 1
		}
		s.faults = append(s.faults, &f)
		writeJSON(w, 200, map[string]any{"acknowledged": true})
	case r.URL.Path == "/_fake/faults" && r.Method == http.MethodDelete:
		s.faults = nil
		writeJSON(w, 200, map[string]any{"acknowledged": true})
	case r.URL.Path == "/_fake/requests":
		writeJSON(w, 200, s.requests)
	default:
		osErr(w, 404, "not_found", r.URL.Path)
	}
}

// resolve returns the index a name or alias stands for.
func (s *Server) resolve(name string) *index {
	if n, ok := s.aliases[name]; ok {
		name = n
	}
	return s.indexes[name]
}

func (s *Server) route(w http.ResponseWriter, r *http.Request, body []byte, f *Fault) {
	parts := strings.Split(strings.Trim(r.URL.Path, "/"), "/")
	switch {
	case r.URL.Path == "/":
		writeJSON(w, 200, map[string]any{"version": map[string]any{"distribution": "opensearch", "number": "2.19.0"}})
	case len(parts) == 2 && parts[0] == "_alias":
		if n, ok := s.aliases[parts[1]]; ok {
			writeJSON(w, 200, map[string]any{n: map[string]any{"aliases": map[string]any{parts[1]: map[string]any{}}}})
			return
		}
		writeJSON(w, 404, map[string]any{"error": fmt.Sprintf("alias [%s] missing", parts[1]), "status": 404})
	case len(parts) == 1 && parts[0] == "_aliases" && r.Method == http.MethodPost:
		s.moveAliases(w, body)
	case len(parts) == 1 && r.Method == http.MethodPut:
		s.create(w, parts[0], body)
	case len(parts) == 1 && r.Method == http.MethodGet:
		s.describe(w, parts[0])
	case len(parts) == 1 && r.Method == http.MethodDelete:
		if _, ok := s.indexes[parts[0]]; !ok {
			osErr(w, 404, "index_not_found_exception", "no such index ["+parts[0]+"]")
			return
		}
		delete(s.indexes, parts[0])
		for a, n := range s.aliases {
			if n == parts[0] {
				delete(s.aliases, a)
			}
		}
		writeJSON(w, 200, map[string]any{"acknowledged": true})
	case len(parts) >= 2:
		ix := s.resolve(parts[0])
		if ix == nil {
			osErr(w, 404, "index_not_found_exception", "no such index ["+parts[0]+"]")
			return
		}
		switch {
		case parts[1] == "_mapping" && r.Method == http.MethodGet:
			name := parts[0]
			if n, ok := s.aliases[name]; ok {
				name = n
			}
			writeJSON(w, 200, map[string]any{name: map[string]any{"mappings": map[string]any{"_meta": ix.meta, "properties": ix.props}}})
		case parts[1] == "_bulk":
			s.bulk(w, ix, body, f)
		case parts[1] == "_settings" && r.Method == http.MethodPut:
			s.settings(w, ix, body)
		case parts[1] == "_refresh":
			writeJSON(w, 200, map[string]any{"_shards": map[string]any{"failed": 0}})
		case parts[1] == "_mget":
			s.mget(w, ix, body)
		case parts[1] == "_doc" && len(parts) == 3:
			d, ok := ix.docs[parts[2]]
			if !ok {
				writeJSON(w, 404, map[string]any{"_id": parts[2], "found": false})
				return
			}
			writeJSON(w, 200, map[string]any{"_id": d.id, "found": true, "_source": d.raw})
		case parts[1] == "_count":
			s.count(w, ix, body)
		case parts[1] == "_search":
			s.search(w, ix, body, f)
		default:
			osErr(w, 400, "illegal_argument_exception", "fake: unsupported "+r.Method+" "+r.URL.Path)
		}
	default:
		osErr(w, 400, "illegal_argument_exception", "fake: unsupported "+r.Method+" "+r.URL.Path)
	}
}

func (s *Server) create(w http.ResponseWriter, name string, body []byte) {
	if _, ok := s.indexes[name]; ok {
		osErr(w, 400, "resource_already_exists_exception", "index ["+name+"] already exists")
		return
	}
	var b struct {
		Settings struct {
			Analysis analysisSettings `json:"analysis"`
		} `json:"settings"`
		Mappings struct {
			Meta       map[string]any            `json:"_meta"`
			Properties map[string]map[string]any `json:"properties"`
		} `json:"mappings"`
		Aliases map[string]any `json:"aliases"`
	}
	if err := json.Unmarshal(body, &b); err != nil {
		osErr(w, 400, "parse_exception", err.Error())
		return
	}
	ix := &index{props: b.Mappings.Properties, docs: map[string]*doc{}, analyzers: map[string]string{}, meta: b.Mappings.Meta}
	for field, p := range ix.props {
		if a, ok := p["analyzer"].(string); ok {
			an, err := b.Settings.Analysis.inProcess(a)
			if err != nil {
				osErr(w, 400, "mapper_parsing_exception", fmt.Sprintf("field [%s]: %v", field, err))
				return
			}
			ix.analyzers[a] = an
		}
	}
	s.indexes[name] = ix
	for a := range b.Aliases {
		s.aliases[a] = name
	}
	writeJSON(w, 200, map[string]any{"acknowledged": true, "index": name})
}

// describe answers GET /<index or alias>: the index's aliases, mapping
// meta and properties, keyed by its name.
func (s *Server) describe(w http.ResponseWriter, name string) {
	ix := s.resolve(name)
	if ix == nil {
		osErr(w, 404, "index_not_found_exception", "no such index ["+name+"]")
		return
	}
	if n, ok := s.aliases[name]; ok {
		name = n
	}
	aliases := map[string]any{}
	for a, n := range s.aliases {
		if n == name {
			aliases[a] = map[string]any{}
		}
	}
	writeJSON(w, 200, map[string]any{name: map[string]any{
		"aliases":  aliases,
		"mappings": map[string]any{"_meta": ix.meta, "properties": ix.props},
		"settings": map[string]any{"index": map[string]any{"blocks": map[string]any{"write": ix.writeBlocked}}},
	}})
}

// moveAliases applies POST /_aliases actions (add, remove) all at once, or
// none of them when one names a missing index.
func (s *Server) moveAliases(w http.ResponseWriter, body []byte) {
	var b struct {
		Actions []map[string]struct {
			Index string `json:"index"`
			Alias string `json:"alias"`
		} `json:"actions"`
	}
	if err := json.Unmarshal(body, &b); err != nil {
		osErr(w, 400, "parse_exception", err.Error())
		return
	}
	next := map[string]string{}
	for a, n := range s.aliases {
		next[a] = n
	}
	for _, act := range b.Actions {
		for op, x := range act {
			if _, ok := s.indexes[x.Index]; !ok {
				osErr(w, 404, "index_not_found_exception", "no such index ["+x.Index+"]")
				return
			}
			switch op {
			case "add":
				next[x.Alias] = x.Index
			case "remove":
				if next[x.Alias] != x.Index {
					osErr(w, 404, "aliases_not_found_exception", "aliases ["+x.Alias+"] missing")
					return
				}
				delete(next, x.Alias)
			default:
				osErr(w, 400, "illegal_argument_exception", "fake: alias action "+op)
				return
			}
		}
	}
	s.aliases = next
	writeJSON(w, 200, map[string]any{"acknowledged": true})
}

// settings applies PUT /<index>/_settings; only index.blocks.write is
// read, in its flat form.
func (s *Server) settings(w http.ResponseWriter, ix *index, body []byte) {
	var b map[string]any
	if err := json.Unmarshal(body, &b); err != nil {
		osErr(w, 400, "parse_exception", err.Error())
		return
	}
	v, ok := b["index.blocks.write"]
	if !ok {
		osErr(w, 400, "illegal_argument_exception", "fake: only index.blocks.write is supported")
		return
	}
	ix.writeBlocked = v == true
	writeJSON(w, 200, map[string]any{"acknowledged": true})
}

func (s *Server) bulk(w http.ResponseWriter, ix *index, body []byte, f *Fault) {
	sc := bufio.NewScanner(bytes.NewReader(body))
	sc.Buffer(make([]byte, 0, 1<<20), 64<<20)
	var items []map[string]any
	hadErr := false
	for sc.Scan() {
		var meta map[string]struct {
			ID string `json:"_id"`
		}
		if err := json.Unmarshal(sc.Bytes(), &meta); err != nil {
			osErr(w, 400, "parse_exception", "bulk meta: "+err.Error())
			return
		}
		for op, m := range meta {
			var src []byte
			if op == "index" {
				if !sc.Scan() {
					osErr(w, 400, "parse_exception", "bulk: missing source")
					return
				}
				src = append([]byte(nil), sc.Bytes()...)
			}
			if ix.writeBlocked {
				hadErr = true
				items = append(items, map[string]any{op: map[string]any{"_id": m.ID, "status": 403,
					"error": map[string]any{"type": "cluster_block_exception", "reason": "index blocked by: [FORBIDDEN/8/index write (api)]"}}})
				continue
			}
			if f != nil && f.Kind == "bulk_item" && f.DocID == m.ID {
				hadErr = true
				items = append(items, map[string]any{op: map[string]any{"_id": m.ID, "status": f.Status,
					"error": map[string]any{"type": "mapper_parsing_exception", "reason": "injected item fault"}}})
				continue
			}
			switch op {
			case "index":
				d := &doc{id: m.ID, raw: src}
				if err := json.Unmarshal(src, &d.src); err != nil {
					hadErr = true
					items = append(items, map[string]any{op: map[string]any{"_id": m.ID, "status": 400,
						"error": map[string]any{"type": "mapper_parsing_exception", "reason": err.Error()}}})
					continue
				}
				_, existed := ix.docs[m.ID]
				ix.docs[m.ID] = d
				res := "created"
				if existed {
					res = "updated"
				}
				items = append(items, map[string]any{op: map[string]any{"_id": m.ID, "status": 201, "result": res}})
			case "delete":
				if _, ok := ix.docs[m.ID]; !ok {
					items = append(items, map[string]any{op: map[string]any{"_id": m.ID, "status": 404, "result": "not_found"}})
					continue
				}
				delete(ix.docs, m.ID)
				items = append(items, map[string]any{op: map[string]any{"_id": m.ID, "status": 200, "result": "deleted"}})
			default:
				osErr(w, 400, "illegal_argument_exception", "fake: bulk op "+op)
				return
			}
		}
	}
	writeJSON(w, 200, map[string]any{"took": 1, "errors": hadErr, "items": items})
}

func (s *Server) mget(w http.ResponseWriter, ix *index, body []byte) {
	var b struct {
		IDs []string `json:"ids"`
	}
	if err := json.Unmarshal(body, &b); err != nil {
		osErr(w, 400, "parse_exception", err.Error())
		return
	}
	var docs []map[string]any
	for _, id := range b.IDs {
		if d, ok := ix.docs[id]; ok {
			docs = append(docs, map[string]any{"_id": id, "found": true, "_source": d.raw})
		} else {
			docs = append(docs, map[string]any{"_id": id, "found": false})
		}
	}
	writeJSON(w, 200, map[string]any{"docs": docs})
}

func (s *Server) count(w http.ResponseWriter, ix *index, body []byte) {
	var b struct {
		Query map[string]any `json:"query"`
	}
	if err := json.Unmarshal(body, &b); err != nil {
		osErr(w, 400, "parse_exception", err.Error())
		return
	}
	n := 0
	for _, d := range ix.docs {
		if ok, _ := s.eval(ix, b.Query, d); ok {
			n++
		}
	}
	writeJSON(w, 200, map[string]any{"count": n})
}

// values returns a field's values of a document as strings.
func values(d *doc, field string) []string {
	v, ok := d.src[field]
	if !ok || v == nil {
		return nil
	}
	var out []string
	add := func(x any) {
		switch x := x.(type) {
		case string:
			out = append(out, x)
		case nil:
		default:
			out = append(out, fmt.Sprint(x))
		}
	}
	if arr, ok := v.([]any); ok {
		for _, x := range arr {
			add(x)
		}
	} else {
		add(v)
	}
	return out
}

// analyzer returns the analyzer of a text field, or "" for other fields.
func (ix *index) analyzer(field string) string {
	p := ix.props[field]
	if p["type"] != "text" {
		return ""
	}
	if a, ok := p["analyzer"].(string); ok {
		return ix.analyzers[a]
	}
	return analysisapi.NeutralAnalyzerName // standard: words in lower case
}

// analyze analyses text with an in-process analyzer.
func (s *Server) analyze(name, text string) []analysis.Token {
	a, err := s.cache.AnalyzerNamed(name)
	if err != nil {
		return nil
	}
	var out []analysis.Token
	for _, t := range a.Analyze([]byte(text)) {
		out = append(out, *t)
	}
	return out
}

// tokens returns the analysed tokens of a text field; values are placed
// 100 positions apart, so a phrase never spans two of them.
func (s *Server) tokens(ix *index, d *doc, field string) []analysis.Token {
	if d.toks == nil {
		d.toks = map[string][]analysis.Token{}
	}
	if t, ok := d.toks[field]; ok {
		return t
	}
	var out []analysis.Token
	base := 0
	for _, v := range values(d, field) {
		for _, t := range s.analyze(ix.analyzer(field), v) {
			t.Position += base
			out = append(out, t)
		}
		base += 100 + len(out)
	}
	d.toks[field] = out
	return out
}
