package opensearchfake

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strings"

	"github.com/blevesearch/bleve/v2/analysis"
)

// single returns the one field and its value of a clause such as
// {"match": {"title": {...}}}.
func single(m any) (string, any) {
	mm, _ := m.(map[string]any)
	for k, v := range mm {
		return k, v
	}
	return "", nil
}

func num(v any, def float64) float64 {
	switch v := v.(type) {
	case float64:
		return v
	case int:
		return float64(v)
	}
	return def
}

func str(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case nil:
		return ""
	}
	return fmt.Sprint(v)
}

// leafParams reads {"field": value} or {"field": {"query"|"value": value,
// "boost": b, ...}}.
func leafParams(clause any, key string) (field, value string, params map[string]any) {
	field, v := single(clause)
	if p, ok := v.(map[string]any); ok {
		return field, str(p[key]), p
	}
	return field, str(v), map[string]any{}
}

// eval reports whether d matches q, and its score.
func (s *Server) eval(ix *index, q map[string]any, d *doc) (bool, float64) {
	if len(q) == 0 {
		return true, 1
	}
	kind, body := single(q)
	switch kind {
	case "match_all":
		return true, 1
	case "exists":
		p, _ := body.(map[string]any)
		return len(values(d, str(p["field"]))) > 0, 1
	case "term":
		field, v, p := leafParams(body, "value")
		for _, x := range values(d, field) {
			if x == v {
				return true, num(p["boost"], 1)
			}
		}
		return false, 0
	case "terms":
		field, vs := single(body)
		arr, _ := vs.([]any)
		for _, x := range values(d, field) {
			for _, v := range arr {
				if x == str(v) {
					return true, 1
				}
			}
		}
		return false, 0
	case "range":
		field, v := single(body)
		p, _ := v.(map[string]any)
		for _, x := range values(d, field) {
			if gte, ok := p["gte"].(string); ok && x < gte {
				continue
			}
			if lte, ok := p["lte"].(string); ok && x > lte {
				continue
			}
			return true, 1
		}
		return false, 0
	case "prefix":
		field, v, p := leafParams(body, "value")
		if ix.analyzer(field) == "" {
			for _, x := range values(d, field) {
				if strings.HasPrefix(x, v) {
					return true, num(p["boost"], 1)
				}
			}
			return false, 0
		}
		for _, t := range s.tokens(ix, d, field) {
			if strings.HasPrefix(string(t.Term), v) {
				return true, num(p["boost"], 1)
			}
		}
		return false, 0
	case "match", "match_phrase":
		field, v, p := leafParams(body, "query")
		want := s.analyze(ix.analyzer(field), v)
		if ix.analyzer(field) == "" {
			for _, x := range values(d, field) {
				if x == v {
					return true, num(p["boost"], 1)
				}
			}
			return false, 0
		}
		if len(want) == 0 {
			return false, 0
		}
		have := s.tokens(ix, d, field)
		if kind == "match_phrase" {
			for _, h := range have {
				if string(h.Term) != string(want[0].Term) {
					continue
				}
				if phraseAt(have, want, h.Position) {
					return true, num(p["boost"], 1) * float64(len(want))
				}
			}
			return false, 0
		}
		n := 0
		for _, w := range want {
			for _, h := range have {
				if string(h.Term) == string(w.Term) {
					n++
					break
				}
			}
		}
		if n == 0 || p["operator"] == "and" && n < len(want) {
			return false, 0
		}
		return true, num(p["boost"], 1) * float64(n)
	case "bool":
		b, _ := body.(map[string]any)
		score := 0.0
		clauses := func(k string) []map[string]any {
			var out []map[string]any
			switch v := b[k].(type) {
			case []any:
				for _, c := range v {
					if m, ok := c.(map[string]any); ok {
						out = append(out, m)
					}
				}
			case map[string]any:
				out = append(out, v)
			}
			return out
		}
		for _, c := range clauses("must") {
			ok, sc := s.eval(ix, c, d)
			if !ok {
				return false, 0
			}
			score += sc
		}
		for _, c := range clauses("filter") {
			if ok, _ := s.eval(ix, c, d); !ok {
				return false, 0
			}
		}
		for _, c := range clauses("must_not") {
			if ok, _ := s.eval(ix, c, d); ok {
				return false, 0
			}
		}
		should := clauses("should")
		minShould := 0.0
		if len(clauses("must")) == 0 && len(clauses("filter")) == 0 && len(should) > 0 {
			minShould = 1
		}
		minShould = num(b["minimum_should_match"], minShould)
		n := 0
		for _, c := range should {
			if ok, sc := s.eval(ix, c, d); ok {
				n++
				score += sc
			}
		}
		if float64(n) < minShould {
			return false, 0
		}
		if score == 0 {
			score = 1
		}
		return true, score
	}
	return false, 0
}

func phraseAt(have, want []analysis.Token, pos int) bool {
	at := map[int]string{}
	for _, h := range have {
		at[h.Position] = string(h.Term)
	}
	for i, w := range want {
		if at[pos+(w.Position-want[0].Position)] != string(w.Term) {
			return false
		}
		_ = i
	}
	return true
}

// highlightTerms collects, per field, the analysed terms and prefixes of
// the positive leaves of q.
func (s *Server) highlightTerms(ix *index, q map[string]any, terms map[string]map[string]bool, prefixes map[string][]string) {
	kind, body := single(q)
	switch kind {
	case "match", "match_phrase":
		field, v, _ := leafParams(body, "query")
		if terms[field] == nil {
			terms[field] = map[string]bool{}
		}
		for _, t := range s.analyze(ix.analyzer(field), v) {
			terms[field][string(t.Term)] = true
		}
	case "prefix":
		field, v, _ := leafParams(body, "value")
		prefixes[field] = append(prefixes[field], v)
	case "bool":
		b, _ := body.(map[string]any)
		for _, k := range []string{"must", "should"} {
			if arr, ok := b[k].([]any); ok {
				for _, c := range arr {
					if m, ok := c.(map[string]any); ok {
						s.highlightTerms(ix, m, terms, prefixes)
					}
				}
			}
		}
	}
}

type hit struct {
	d     *doc
	score float64
	sort  []any
}

// sortKeys returns the sort values of a hit for the request's sort.
func sortKeys(specs []any, h *hit) []any {
	var out []any
	for _, sp := range specs {
		field, v := single(sp)
		_ = v
		if field == "_score" {
			out = append(out, h.score)
			continue
		}
		vs := values(h.d, field)
		if len(vs) == 0 {
			out = append(out, nil)
		} else {
			out = append(out, vs[0])
		}
	}
	return out
}

func order(sp any) (desc bool) {
	field, v := single(sp)
	switch v := v.(type) {
	case string:
		return v == "desc"
	case map[string]any:
		return v["order"] == "desc"
	}
	return field == "_score"
}

// cmpKeys compares two sort tuples under specs; missing values go last.
func cmpKeys(specs []any, a, b []any) int {
	for i, sp := range specs {
		x, y := a[i], b[i]
		if x == nil || y == nil {
			if x == nil && y == nil {
				continue
			}
			if x == nil {
				return 1
			}
			return -1
		}
		c := 0
		switch xv := x.(type) {
		case float64:
			yv := num(y, 0)
			if xv < yv {
				c = -1
			} else if xv > yv {
				c = 1
			}
		default:
			c = strings.Compare(str(x), str(y))
		}
		if order(sp) {
			c = -c
		}
		if c != 0 {
			return c
		}
	}
	return 0
}

type searchReq struct {
	Query          map[string]any            `json:"query"`
	From           int                       `json:"from"`
	Size           *int                      `json:"size"`
	Sort           []any                     `json:"sort"`
	SearchAfter    []any                     `json:"search_after"`
	Aggs           map[string]map[string]any `json:"aggs"`
	Collapse       map[string]any            `json:"collapse"`
	Highlight      map[string]any            `json:"highlight"`
	Source         any                       `json:"_source"`
	TrackTotalHits any                       `json:"track_total_hits"`
}

func (s *Server) search(w http.ResponseWriter, ix *index, body []byte, f *Fault) {
	var r searchReq
	if err := json.Unmarshal(body, &r); err != nil {
		osErr(w, 400, "parse_exception", err.Error())
		return
	}
	size := 10
	if r.Size != nil {
		size = *r.Size
	}
	if r.From+size > 10000 && r.SearchAfter == nil {
		osErr(w, 400, "illegal_argument_exception", "Result window is too large, from + size must be less than or equal to: [10000]")
		return
	}
	if len(r.Sort) == 0 {
		r.Sort = []any{map[string]any{"_score": "desc"}}
	}
	var hits []*hit
	for _, d := range ix.docs {
		if ok, sc := s.eval(ix, r.Query, d); ok {
			hits = append(hits, &hit{d: d, score: sc})
		}
	}
	total := len(hits)
	for _, h := range hits {
		h.sort = sortKeys(r.Sort, h)
	}
	sort.Slice(hits, func(i, j int) bool {
		if c := cmpKeys(r.Sort, hits[i].sort, hits[j].sort); c != 0 {
			return c < 0
		}
		return hits[i].d.id < hits[j].d.id
	})
	aggs := map[string]any{}
	for name, a := range r.Aggs {
		aggs[name] = s.agg(ix, a, hits)
	}
	page := hits
	groupSize := map[string]int{}
	if r.Collapse != nil {
		field := str(r.Collapse["field"])
		var keep []*hit
		for _, h := range hits {
			k := strings.Join(values(h.d, field), "\x00")
			if groupSize[k] == 0 {
				keep = append(keep, h)
			}
			groupSize[k]++
		}
		page = keep
	}
	if r.SearchAfter != nil {
		i := sort.Search(len(page), func(i int) bool { return cmpKeys(r.Sort, page[i].sort, r.SearchAfter) > 0 })
		page = page[i:]
	}
	page = page[min(r.From, len(page)):min(r.From+size, len(page))]

	var terms = map[string]map[string]bool{}
	var prefixes = map[string][]string{}
	var hlFields map[string]any
	if r.Highlight != nil {
		s.highlightTerms(ix, r.Query, terms, prefixes)
		hlFields, _ = r.Highlight["fields"].(map[string]any)
	}
	var out []map[string]any
	for _, h := range page {
		o := map[string]any{"_id": h.d.id, "_score": h.score, "sort": h.sort}
		if r.Source != false {
			o["_source"] = h.d.raw
		}
		if r.Collapse != nil {
			k := strings.Join(values(h.d, str(r.Collapse["field"])), "\x00")
			o["inner_hits"] = map[string]any{"story": map[string]any{"hits": map[string]any{"total": map[string]any{"value": groupSize[k], "relation": "eq"}, "hits": []any{}}}}
		}
		if hlFields != nil {
			hl := map[string]any{}
			pre := str(r.Highlight["pre_tags"].([]any)[0])
			post := str(r.Highlight["post_tags"].([]any)[0])
			for field := range hlFields {
				vs := values(h.d, field)
				if len(vs) == 0 {
					continue
				}
				if m := s.mark(ix, vs[0], field, terms[field], prefixes[field], pre, post); m != "" {
					hl[field] = []string{m}
				}
			}
			if len(hl) > 0 {
				o["highlight"] = hl
			}
		}
		out = append(out, o)
	}
	shards := map[string]any{"total": 1, "successful": 1, "skipped": 0, "failed": 0}
	if f != nil && f.Kind == "shards" {
		reason := f.Reason
		if reason == "" {
			reason = "node_disconnected_exception"
		}
		shards = map[string]any{"total": 2, "successful": 1, "skipped": 0, "failed": 1,
			"failures": []any{map[string]any{"shard": 1, "index": "fake", "reason": map[string]any{"type": reason, "reason": "injected shard failure"}}}}
	}
	if out == nil {
		out = []map[string]any{}
	}
	writeJSON(w, 200, map[string]any{"took": 1, "timed_out": false, "_shards": shards,
		"hits": map[string]any{"total": map[string]any{"value": total, "relation": "eq"}, "hits": out}, "aggregations": aggs})
}

// mark returns text with the tokens of field that are in terms (or start
// with a prefix) between pre and post, or "" when none is.
func (s *Server) mark(ix *index, text, field string, terms map[string]bool, prefixes []string, pre, post string) string {
	var b strings.Builder
	pos, n := 0, 0
	for _, t := range s.analyze(ix.analyzer(field), text) {
		ok := terms[string(t.Term)]
		for _, p := range prefixes {
			ok = ok || strings.HasPrefix(string(t.Term), p)
		}
		if !ok || t.Start < pos {
			continue
		}
		b.WriteString(text[pos:t.Start])
		b.WriteString(pre + text[t.Start:t.End] + post)
		pos = t.End
		n++
	}
	if n == 0 {
		return ""
	}
	b.WriteString(text[pos:])
	return b.String()
}

// subAggs runs the sub-aggregations of a onto the hits of one bucket.
func (s *Server) subAggs(ix *index, a map[string]any, hits []*hit, bucket map[string]any) {
	subs, _ := a["aggs"].(map[string]any)
	for name, sub := range subs {
		if m, ok := sub.(map[string]any); ok {
			bucket[name] = s.agg(ix, m, hits)
		}
	}
}

func (s *Server) agg(ix *index, a map[string]any, hits []*hit) any {
	var kind string
	var body any
	for k, v := range a {
		if k != "aggs" {
			kind, body = k, v
		}
	}
	p, _ := body.(map[string]any)
	field := str(p["field"])
	switch kind {
	case "terms":
		// Buckets rank by count, or by a sub-aggregation's value when the
		// order names one.
		byValue := map[string][]*hit{}
		for _, h := range hits {
			vs := values(h.d, field)
			if m, ok := p["missing"]; ok && len(vs) == 0 {
				vs = []string{str(m)}
			}
			for _, v := range uniq(vs) {
				byValue[v] = append(byValue[v], h)
			}
		}
		orderBy := "_count"
		if os, ok := p["order"].([]any); ok && len(os) > 0 {
			orderBy, _ = single(os[0])
		}
		counts := map[string]int{}
		for v, hs := range byValue {
			counts[v] = len(hs)
			if orderBy != "_count" && orderBy != "_key" {
				sub, _ := a["aggs"].(map[string]any)[orderBy].(map[string]any)
				r, _ := s.agg(ix, sub, hs).(map[string]any)
				counts[v] = int(num(r["value"], 0))
			}
		}
		type kv struct {
			k string
			n int
		}
		var all []kv
		for k, n := range counts {
			all = append(all, kv{k, n})
		}
		sort.Slice(all, func(i, j int) bool {
			if all[i].n != all[j].n {
				return all[i].n > all[j].n
			}
			return all[i].k < all[j].k
		})
		size := int(num(p["size"], 10))
		other := 0
		for _, x := range all[min(size, len(all)):] {
			other += x.n
		}
		buckets := []any{}
		for _, x := range all[:min(size, len(all))] {
			b := map[string]any{"key": x.k, "doc_count": len(byValue[x.k]), "doc_count_error_upper_bound": 0}
			s.subAggs(ix, a, byValue[x.k], b)
			buckets = append(buckets, b)
		}
		return map[string]any{"doc_count_error_upper_bound": 0, "sum_other_doc_count": other, "buckets": buckets}
	case "date_histogram":
		n := map[string]int{"day": 10, "month": 7, "year": 4}[str(p["calendar_interval"])]
		byKey := map[string][]*hit{}
		for _, h := range hits {
			for _, v := range values(h.d, field) {
				if len(v) >= 10 {
					k := v[:n]
					k += "-01-01"[len(k)-4:]
					byKey[k] = append(byKey[k], h)
				}
			}
		}
		var keys []string
		for k := range byKey {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		buckets := []any{}
		for _, k := range keys {
			b := map[string]any{"key_as_string": k, "doc_count": len(byKey[k])}
			s.subAggs(ix, a, byKey[k], b)
			buckets = append(buckets, b)
		}
		return map[string]any{"buckets": buckets}
	case "cardinality":
		seen := map[string]bool{}
		for _, h := range hits {
			for _, v := range values(h.d, field) {
				seen[v] = true
			}
		}
		return map[string]any{"value": len(seen)}
	case "composite":
		srcs, _ := p["sources"].([]any)
		name, src := single(srcs[0])
		_, t := single(src)
		f := str(t.(map[string]any)["field"])
		counts, missing := map[string]int{}, 0
		for _, h := range hits {
			vs := values(h.d, f)
			if len(vs) == 0 {
				missing++
			}
			for _, v := range uniq(vs) {
				counts[v]++
			}
		}
		var keys []string
		for k := range counts {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		if after, ok := p["after"].(map[string]any); ok {
			i := sort.SearchStrings(keys, str(after[name]))
			for i < len(keys) && keys[i] <= str(after[name]) {
				i++
			}
			keys = keys[i:]
		}
		size := int(num(p["size"], 10))
		keys = keys[:min(size, len(keys))]
		buckets := []any{}
		if t.(map[string]any)["missing_bucket"] == true && missing > 0 && p["after"] == nil {
			// the null key sorts first
			buckets = append(buckets, map[string]any{"key": map[string]any{name: nil}, "doc_count": missing})
		}
		for _, k := range keys {
			buckets = append(buckets, map[string]any{"key": map[string]any{name: k}, "doc_count": counts[k]})
		}
		out := map[string]any{"buckets": buckets}
		if len(keys) > 0 {
			out["after_key"] = map[string]any{name: keys[len(keys)-1]}
		}
		return out
	}
	return map[string]any{}
}

func uniq(vs []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, v := range vs {
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}
