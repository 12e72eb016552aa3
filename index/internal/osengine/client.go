package osengine

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/newsindex/newsindex/index/internal/engine"
)

// Error is a request OpenSearch answered with an error status, or
// a search whose shards failed.
type Error struct {
	Method, Path string
	Status       int
	Type, Reason string // OpenSearch's error type and reason, when it gave them
}

func (e *Error) Error() string {
	msg := fmt.Sprintf("opensearch: %s %s: status %d", e.Method, e.Path, e.Status)
	if e.Type != "" || e.Reason != "" {
		msg += ": " + strings.TrimPrefix(e.Type+": "+e.Reason, ": ")
	}
	return msg
}

// retryable reports whether a status is worth another attempt: the cluster
// is busy (429) or a node is failing (5xx).
func retryable(status int) bool { return status == http.StatusTooManyRequests || status >= 500 }

// do sends one request and returns the response body of a 2xx answer. It
// retries with exponential backoff on 429, 5xx, timeouts and dropped
// connections, up to MaxRetries times; other statuses are returned at once
// as an *Error (404 wrapped in ErrNotFound). Every request
// newsindex sends is idempotent (writes carry their IDs), so retrying one
// that may have been applied is safe.
func (e *Engine) do(ctx context.Context, method, path string, body []byte) ([]byte, error) {
	var last error
	wait := e.cfg.RetryBackoff
	for attempt := 0; ; attempt++ {
		if attempt > 0 {
			e.log.Warn("opensearch: retrying", "path", path, "attempt", attempt, "err", last)
			if err := e.sleep(ctx, wait); err != nil {
				return nil, fmt.Errorf("%w (after %v)", err, last)
			}
			wait *= 2
		}
		out, status, err := e.once(ctx, method, path, body)
		if err == nil && status/100 == 2 {
			return out, nil
		}
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			last = fmt.Errorf("opensearch: %s %s: %w", method, path, err)
		} else {
			last = osError(method, path, status, out)
			if !retryable(status) {
				if status == http.StatusNotFound {
					return nil, fmt.Errorf("%w: %w", engine.ErrNotFound, last)
				}
				return nil, last
			}
		}
		if attempt >= e.cfg.MaxRetries {
			return nil, fmt.Errorf("%w (gave up after %d attempts)", last, attempt+1)
		}
	}
}

// once sends one attempt; a transport error covers timeouts and dropped
// connections.
func (e *Engine) once(ctx context.Context, method, path string, body []byte) ([]byte, int, error) {
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, path, rd)
	if err != nil {
		return nil, 0, err
	}
	if body != nil {
		ct := "application/json"
		if strings.Contains(path, "/_bulk") {
			ct = "application/x-ndjson"
		}
		req.Header.Set("Content-Type", ct)
	}
	res, err := e.client.Perform(req)
	if err != nil {
		return nil, 0, err
	}
	defer res.Body.Close()
	out, err := io.ReadAll(res.Body)
	if err != nil {
		return nil, 0, err
	}
	return out, res.StatusCode, nil
}

// osError reads OpenSearch's error body.
func osError(method, path string, status int, body []byte) *Error {
	e := &Error{Method: method, Path: path, Status: status}
	var r struct {
		Error json.RawMessage `json:"error"`
	}
	if json.Unmarshal(body, &r) == nil && len(r.Error) > 0 {
		var obj struct {
			Type   string `json:"type"`
			Reason string `json:"reason"`
		}
		if json.Unmarshal(r.Error, &obj) == nil {
			e.Type, e.Reason = obj.Type, obj.Reason
		} else {
			var s string
			if json.Unmarshal(r.Error, &s) == nil {
				e.Reason = s
			}
		}
	}
	return e
}

// doJSON sends v as JSON and decodes the answer into out (unless nil).
func (e *Engine) doJSON(ctx context.Context, method, path string, v, out any) error {
	var body []byte
	if v != nil {
		var err error
		if body, err = json.Marshal(v); err != nil {
			return err
		}
	}
	res, err := e.do(ctx, method, path, body)
	if err != nil {
		return err
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(res, out); err != nil {
		return fmt.Errorf("opensearch: %s %s: decode answer: %w", method, path, err)
	}
	return nil
}
