package index

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"
)

func parseTime(s string) (time.Time, error) { return time.Parse(time.RFC3339Nano, s) }

// bulkAction is one action of a bulk request: its two lines (one for a
// delete), and the article it belongs to, for error messages.
type bulkAction struct {
	article string
	lines   []byte
}

// BulkError lists the documents of a write that OpenSearch refused, each
// with the article it belongs to. The other documents of the write were
// stored. It wraps ErrInvalidRequest when every refusal is the document's
// fault (a 4xx other than 429), so that callers can treat those articles as
// bad records.
type BulkError struct {
	Items []BulkItemError
}

// BulkItemError is one refused document.
type BulkItemError struct {
	ArticleID, DocID string
	Status           int
	Type, Reason     string
}

func (e *BulkError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "opensearch refused %d document(s)", len(e.Items))
	for i, it := range e.Items {
		if i == 5 {
			fmt.Fprintf(&b, "; and %d more", len(e.Items)-i)
			break
		}
		fmt.Fprintf(&b, "; article %q", it.ArticleID)
		if it.DocID != it.ArticleID {
			fmt.Fprintf(&b, " (document %q)", it.DocID)
		}
		fmt.Fprintf(&b, ": status %d: %s", it.Status, strings.TrimPrefix(it.Type+": "+it.Reason, ": "))
	}
	return b.String()
}

// Is reports whether target is ErrInvalidRequest and every refusal is the
// document's fault.
func (e *BulkError) Is(target error) bool {
	if target != ErrInvalidRequest {
		return false
	}
	for _, it := range e.Items {
		if it.Status < 400 || it.Status >= 500 || it.Status == http.StatusTooManyRequests {
			return false
		}
	}
	return len(e.Items) > 0
}

func indexAction(id string, doc []byte) []byte {
	meta, _ := json.Marshal(obj{"index": obj{"_id": id}})
	b := append(meta, '\n')
	b = append(b, doc...)
	return append(b, '\n')
}

func deleteAction(id string) []byte {
	meta, _ := json.Marshal(obj{"delete": obj{"_id": id}})
	return append(meta, '\n')
}

// bulkActions returns the actions that write docs, replacing what old says
// was stored: the article, its quotes, and deletes of the quotes it no
// longer has.
func bulkActions(docs []Article, old map[string]oldDoc) ([]bulkAction, error) {
	var acts []bulkAction
	for i := range docs {
		a := &docs[i]
		d, err := osArticleJSON(a)
		if err != nil {
			return nil, fmt.Errorf("article %q: %w", a.ID, err)
		}
		acts = append(acts, bulkAction{a.ID, indexAction(a.ID, d)})
		for j, q := range a.Quotes {
			qd, err := osQuoteJSON(a, q)
			if err != nil {
				return nil, fmt.Errorf("article %q quote %d: %w", a.ID, j, err)
			}
			acts = append(acts, bulkAction{a.ID, indexAction(quoteID(a.ID, j), qd)})
		}
		for j := len(a.Quotes); j < old[a.ID].nquotes; j++ {
			acts = append(acts, bulkAction{a.ID, deleteAction(quoteID(a.ID, j))})
		}
	}
	return acts, nil
}

// chunks cuts actions into bulk requests of at most maxDocs actions and
// maxBytes bytes (a single larger action goes alone).
func chunks(acts []bulkAction, maxDocs, maxBytes int) [][]bulkAction {
	var out [][]bulkAction
	start, size := 0, 0
	for i, a := range acts {
		if i > start && (i-start >= maxDocs || size+len(a.lines) > maxBytes) {
			out = append(out, acts[start:i])
			start, size = i, 0
		}
		size += len(a.lines)
	}
	if start < len(acts) {
		out = append(out, acts[start:])
	}
	return out
}

type bulkResponse struct {
	Errors bool `json:"errors"`
	Items  []map[string]struct {
		ID     string `json:"_id"`
		Status int    `json:"status"`
		Result string `json:"result"`
		Error  *struct {
			Type   string `json:"type"`
			Reason string `json:"reason"`
		} `json:"error"`
	} `json:"items"`
}

// bulk sends actions in bounded requests with refresh=wait_for, so that
// what is acknowledged is searchable. Items refused with 429 are sent again
// with backoff; other refusals are returned as a *BulkError once every
// request is done.
func (e *osEngine) bulk(ctx context.Context, acts []bulkAction) error {
	var failed []BulkItemError
	for _, chunk := range chunks(acts, e.cfg.BatchDocs, e.cfg.BatchBytes) {
		f, err := e.bulkChunk(ctx, chunk)
		if err != nil {
			return err
		}
		failed = append(failed, f...)
	}
	if len(failed) > 0 {
		return &BulkError{Items: failed}
	}
	return nil
}

func (e *osEngine) bulkChunk(ctx context.Context, acts []bulkAction) ([]BulkItemError, error) {
	wait := e.cfg.RetryBackoff
	var failed []BulkItemError
	for attempt := 0; ; attempt++ {
		var body bytes.Buffer
		for _, a := range acts {
			body.Write(a.lines)
		}
		out, err := e.do(ctx, http.MethodPost, e.path("/_bulk?refresh=wait_for"), body.Bytes())
		if err != nil {
			return nil, fmt.Errorf("bulk write of %d document(s): %w", len(acts), err)
		}
		var res bulkResponse
		if err := json.Unmarshal(out, &res); err != nil {
			return nil, fmt.Errorf("bulk write: decode answer: %w", err)
		}
		if len(res.Items) != len(acts) {
			return nil, fmt.Errorf("bulk write: %d actions sent, %d answered", len(acts), len(res.Items))
		}
		var again []bulkAction
		for i, item := range res.Items {
			for op, r := range item {
				switch {
				case r.Status/100 == 2:
				case op == "delete" && r.Status == http.StatusNotFound:
				case r.Status == http.StatusTooManyRequests && attempt < e.cfg.MaxRetries:
					again = append(again, acts[i])
				default:
					fe := BulkItemError{ArticleID: acts[i].article, DocID: r.ID, Status: r.Status}
					if r.Error != nil {
						fe.Type, fe.Reason = r.Error.Type, r.Error.Reason
					}
					failed = append(failed, fe)
				}
			}
		}
		if len(again) == 0 {
			return failed, nil
		}
		// Refusals of this round stand; only the 429s are sent again.
		e.log.Warn("opensearch: bulk items rejected with 429, retrying", "count", len(again), "attempt", attempt+1)
		if err := e.sleep(ctx, wait); err != nil {
			return nil, err
		}
		wait *= 2
		acts = again
	}
}

// existing returns what is stored of each of ids that exist.
func (e *osEngine) existing(ctx context.Context, ids []string) (map[string]oldDoc, error) {
	out := map[string]oldDoc{}
	if len(ids) == 0 {
		return out, nil
	}
	var res struct {
		Docs []struct {
			ID     string `json:"_id"`
			Found  bool   `json:"found"`
			Source struct {
				Kind    string `json:"kind"`
				NQuotes int    `json:"nquotes"`
				Story   string `json:"story"`
			} `json:"_source"`
		} `json:"docs"`
	}
	err := e.doJSON(ctx, http.MethodPost, e.path("/_mget?_source_includes=kind,nquotes,story"), obj{"ids": ids}, &res)
	if err != nil {
		return nil, err
	}
	for _, d := range res.Docs {
		if d.Found && d.Source.Kind == kindArticle {
			out[d.ID] = oldDoc{nquotes: d.Source.NQuotes, story: d.Source.Story}
		}
	}
	return out, nil
}

func (e *osEngine) apply(ctx context.Context, docs []Article) (int, error) {
	old, err := existingStories(ctx, e.stories, docs, e.existing)
	if err != nil {
		return 0, err
	}
	acts, err := bulkActions(docs, old)
	if err != nil {
		return 0, err
	}
	if err := e.bulk(ctx, acts); err != nil {
		var be *BulkError
		if errors.As(err, &be) {
			// The articles OpenSearch stored keep their story hints.
			bad := map[string]bool{}
			for _, it := range be.Items {
				bad[it.ArticleID] = true
			}
			var ok []Article
			for _, d := range docs {
				if !bad[d.ID] {
					ok = append(ok, d)
				}
			}
			if perr := e.stories.put(storyRecs(ok)); perr != nil {
				e.log.Warn("opensearch: story store", "err", perr)
			}
		}
		return 0, err
	}
	if err := e.stories.put(storyRecs(docs)); err != nil {
		return 0, fmt.Errorf("story store: %w", err)
	}
	return len(old), nil
}

func (e *osEngine) remove(ctx context.Context, id string) error {
	o, err := storedArticle(ctx, id, e.existing)
	if err != nil {
		return err
	}
	acts := []bulkAction{{id, deleteAction(id)}}
	for j := range o.nquotes {
		acts = append(acts, bulkAction{id, deleteAction(quoteID(id, j))})
	}
	if err := e.bulk(ctx, acts); err != nil {
		return fmt.Errorf("delete %q: %w", id, err)
	}
	return e.stories.remove(id)
}

func (e *osEngine) article(ctx context.Context, id string) (Article, error) {
	var res struct {
		Found  bool            `json:"found"`
		Source json.RawMessage `json:"_source"`
	}
	err := e.doJSON(ctx, http.MethodGet, e.path("/_doc/"+url.PathEscape(id)), nil, &res)
	if errors.Is(err, ErrNotFound) {
		return Article{}, fmt.Errorf("article %q: %w", id, ErrNotFound)
	}
	if err != nil {
		return Article{}, err
	}
	var d osArticleDoc
	if !res.Found || json.Unmarshal(res.Source, &d) != nil || d.Kind != kindArticle {
		return Article{}, fmt.Errorf("article %q: %w", id, ErrNotFound)
	}
	return d.Article, nil
}

func kindFilter(kind string) obj { return obj{"term": obj{osKind: kind}} }

func (e *osEngine) count(ctx context.Context) (uint64, error) {
	var res struct {
		Count uint64 `json:"count"`
	}
	err := e.doJSON(ctx, http.MethodPost, e.path("/_count"), obj{"query": kindFilter(kindArticle)}, &res)
	return res.Count, err
}

// termsPage is how many values one request of terms lists.
const termsPage = 1000

// terms lists every value of a keyword field through a composite
// aggregation, a page at a time.
func (e *osEngine) terms(ctx context.Context, field string) ([]FacetCount, error) {
	f := osFieldOf(field)
	var out []FacetCount
	var after obj
	for {
		comp := obj{"size": termsPage, "sources": []obj{{"v": obj{"terms": obj{"field": f}}}}}
		if after != nil {
			comp["after"] = after
		}
		body := obj{"size": 0, "query": kindFilter(kindArticle), "aggs": obj{"values": obj{"composite": comp}}}
		var res struct {
			Aggregations struct {
				Values struct {
					AfterKey obj `json:"after_key"`
					Buckets  []struct {
						Key      struct{ V string } `json:"key"`
						DocCount int                `json:"doc_count"`
					} `json:"buckets"`
				} `json:"values"`
			} `json:"aggregations"`
		}
		if err := e.doJSON(ctx, http.MethodPost, e.path("/_search"), body, &res); err != nil {
			return nil, fmt.Errorf("terms of %s: %w", field, err)
		}
		for _, b := range res.Aggregations.Values.Buckets {
			out = append(out, FacetCount{Value: b.Key.V, Count: b.DocCount})
		}
		if len(res.Aggregations.Values.Buckets) < termsPage || res.Aggregations.Values.AfterKey == nil {
			sort.Slice(out, func(i, j int) bool { return out[i].Value < out[j].Value })
			return out, nil
		}
		after = res.Aggregations.Values.AfterKey
	}
}
