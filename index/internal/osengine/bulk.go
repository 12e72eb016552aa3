package osengine

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"

	"github.com/newsindex/newsindex/index/internal/engine"
)

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
// document's fault: a document OpenSearch cannot parse or map (400), a
// version conflict (409), one too large (413). A 403 is the cluster's
// refusal (an index blocked for writes, a read-only disk, a missing
// permission), a 404 a missing index, a 429 a busy cluster: the same
// article may go in later.
func (e *BulkError) Is(target error) bool {
	if target != engine.ErrInvalidRequest {
		return false
	}
	for _, it := range e.Items {
		switch it.Status {
		case http.StatusBadRequest, http.StatusConflict, http.StatusRequestEntityTooLarge:
		default:
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
func bulkActions(docs []engine.Article, old map[string]engine.OldDoc) ([]bulkAction, error) {
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
			acts = append(acts, bulkAction{a.ID, indexAction(engine.QuoteID(a.ID, j), qd)})
		}
		for j := len(a.Quotes); j < old[a.ID].NQuotes; j++ {
			acts = append(acts, bulkAction{a.ID, deleteAction(engine.QuoteID(a.ID, j))})
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

// bulkParallel is how many bulk requests of one write are in flight at
// once. Each waits for the refresh that makes it searchable (up to the
// index's refresh interval, 1 s by default); sent together, their waits
// overlap. The documents of one write have distinct IDs, so the order in
// which the requests apply does not matter.
const bulkParallel = 4

// bulk sends actions in bounded requests with refresh=wait_for, so that
// what is acknowledged is searchable. Items refused with 429 are sent again
// with backoff; other refusals are returned as a *BulkError once every
// request is done.
func (e *Engine) bulk(ctx context.Context, acts []bulkAction) error {
	cs := chunks(acts, e.cfg.BatchDocs, e.cfg.BatchBytes)
	failed := make([][]BulkItemError, len(cs))
	errs := make([]error, len(cs))
	sem := make(chan struct{}, bulkParallel)
	var wg sync.WaitGroup
	for i, chunk := range cs {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			failed[i], errs[i] = e.bulkChunk(ctx, chunk)
		}()
	}
	wg.Wait()
	var all []BulkItemError
	for i := range cs {
		if errs[i] != nil {
			return errs[i]
		}
		all = append(all, failed[i]...)
	}
	if len(all) > 0 {
		return &BulkError{Items: all}
	}
	return nil
}

func (e *Engine) bulkChunk(ctx context.Context, acts []bulkAction) ([]BulkItemError, error) {
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
