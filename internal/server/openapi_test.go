package server

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/gorilla/mux"
)

// openAPIDoc is the part of the OpenAPI description the test reads.
type openAPIDoc struct {
	OpenAPI string `json:"openapi"`
	Paths   map[string]map[string]json.RawMessage
	Comps   struct {
		Parameters map[string]openAPIParam `json:"parameters"`
	} `json:"components"`
}

type openAPIParam struct {
	Ref  string `json:"$ref"`
	Name string `json:"name"`
	In   string `json:"in"`
}

// params returns the names of the parameters in raw (a parameters list)
// that are in where (query or path), $refs resolved.
func (d *openAPIDoc) params(t *testing.T, raw json.RawMessage, where string) []string {
	t.Helper()
	var ps []openAPIParam
	if err := json.Unmarshal(raw, &ps); err != nil {
		t.Fatalf("parameters %s: %v", raw, err)
	}
	var out []string
	for _, p := range ps {
		if p.Ref != "" {
			name := strings.TrimPrefix(p.Ref, "#/components/parameters/")
			q, ok := d.Comps.Parameters[name]
			if !ok {
				t.Fatalf("parameter %s is not in components", p.Ref)
			}
			p = q
		}
		if p.In == where {
			out = append(out, p.Name)
		}
	}
	slices.Sort(out)
	return out
}

var pathVar = regexp.MustCompile(`\{(\w+)\}`)

// TestOpenAPIMatchesRouter walks the router and checks that every route
// and method is described in openapi.json with the query parameters its
// handler reads (the names queryParams gives it) and its path parameters;
// and that the description holds nothing else.
func TestOpenAPIMatchesRouter(t *testing.T) {
	var doc openAPIDoc
	if err := json.Unmarshal(openAPI, &doc); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Fatalf("openapi.json is OpenAPI %q, want 3.x", doc.OpenAPI)
	}
	s, err := New(nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	described := map[string]bool{} // "GET /api/search"
	for path, item := range doc.Paths {
		for method := range item {
			if method != "parameters" {
				described[strings.ToUpper(method)+" "+path] = true
			}
		}
	}
	routed := 0
	err = s.router.Walk(func(route *mux.Route, _ *mux.Router, _ []*mux.Route) error {
		path, err := route.GetPathTemplate()
		if err != nil {
			return err
		}
		methods, err := route.GetMethods()
		if err != nil {
			t.Errorf("route %s has no methods: %v", path, err)
			return nil
		}
		h, ok := route.GetHandler().(*queryParams)
		if !ok {
			t.Errorf("route %s: handler %T does not declare its query parameters (queryParams)", path, route.GetHandler())
			return nil
		}
		reads := slices.Sorted(slices.Values(h.names))
		var vars []string
		for _, m := range pathVar.FindAllStringSubmatch(path, -1) {
			vars = append(vars, m[1])
		}
		slices.Sort(vars)
		item := doc.Paths[path]
		for _, method := range methods {
			routed++
			key := method + " " + path
			op, ok := item[strings.ToLower(method)]
			if !ok {
				t.Errorf("%s is routed but not in openapi.json", key)
				continue
			}
			delete(described, key)
			var o struct{ Parameters json.RawMessage }
			if err := json.Unmarshal(op, &o); err != nil {
				t.Fatalf("%s: %v", key, err)
			}
			var query, inPath []string
			for _, raw := range []json.RawMessage{item["parameters"], o.Parameters} {
				if raw != nil {
					query = append(query, doc.params(t, raw, "query")...)
					inPath = append(inPath, doc.params(t, raw, "path")...)
				}
			}
			slices.Sort(query)
			slices.Sort(inPath)
			if !slices.Equal(query, reads) {
				t.Errorf("%s: openapi.json lists query parameters %v, the handler reads %v", key, query, reads)
			}
			if !slices.Equal(inPath, vars) {
				t.Errorf("%s: openapi.json lists path parameters %v, the route has %v", key, inPath, vars)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for key := range described {
		t.Errorf("%s is in openapi.json but not routed", key)
	}
	if routed < 20 {
		t.Errorf("walked %d routes and methods, want every one of the server's", routed)
	}
}

// TestOpenAPIServed: the description is served as JSON.
func TestOpenAPIServed(t *testing.T) {
	ts, _ := newTestServer(t, Options{})
	code, body, h := do(t, http.MethodGet, ts.URL+"/api/openapi.json", "")
	var doc map[string]any
	if code != 200 || !strings.HasPrefix(h.Get("Content-Type"), "application/json") || json.Unmarshal([]byte(body), &doc) != nil || doc["paths"] == nil {
		t.Errorf("GET /api/openapi.json = %d %s, %.80s", code, h.Get("Content-Type"), body)
	}
}

// TestOpenAPIHeaderLimit: a request whose headers exceed MaxHeaderBytes is
// answered 431 by the HTTP server itself, and every operation documents it.
func TestOpenAPIHeaderLimit(t *testing.T) {
	s, _ := newTestServer(t, Options{})
	ts := httptest.NewUnstartedServer(s.Config.Handler)
	ts.Config.MaxHeaderBytes = MaxHeaderBytes
	ts.Start()
	t.Cleanup(ts.Close)
	code, _, _ := do(t, http.MethodGet, ts.URL+"/api/search?q=oil", "", "Authorization", "Bearer "+strings.Repeat("x", 2*MaxHeaderBytes))
	if code != http.StatusRequestHeaderFieldsTooLarge {
		t.Errorf("a %d-byte header: status %d, want 431", 2*MaxHeaderBytes, code)
	}
	var doc struct {
		Paths map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(openAPI, &doc); err != nil {
		t.Fatal(err)
	}
	for path, ops := range doc.Paths {
		for method, raw := range ops {
			var op struct {
				Responses map[string]json.RawMessage `json:"responses"`
			}
			if json.Unmarshal(raw, &op) != nil || op.Responses == nil {
				continue // the path's parameters, not an operation
			}
			if _, ok := op.Responses["431"]; !ok {
				t.Errorf("%s %s does not document 431", method, path)
			}
		}
	}
}
