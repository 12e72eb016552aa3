package index

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/opensearch-project/opensearch-go/v4"
)

// OpenSearchConfig says how to reach an OpenSearch cluster and which index
// to use there. The zero value of every field but URLs has a default.
type OpenSearchConfig struct {
	// URLs of the cluster's nodes (http://host:9200); requests go round the
	// nodes.
	URLs []string
	// Username and Password for HTTP basic authentication; empty sends none.
	Username, Password string
	// Index is the name searches and writes use: an alias pointing at the
	// versioned index that holds the documents (Index + "-v" + Version), so
	// that a reindex can build the next version and swap the alias. Default
	// "newsindex".
	Index string
	// Version is the version of the index created when the alias does not
	// exist yet. Default 1.
	Version int
	// Shards (default 1) and Replicas (zero: none) of a new index.
	Shards, Replicas int
	// Timeout bounds one attempt of one request. Default 30s.
	Timeout time.Duration
	// InsecureSkipVerify accepts any TLS certificate. Off by default; only
	// for test clusters with self-signed certificates.
	InsecureSkipVerify bool
	// StateDir holds what newsindex keeps beside the cluster: the story
	// signatures (a bolt file, StateDir/<Index>/stories.bolt). Empty keeps
	// them in memory, so stories are only grouped within one process's run.
	StateDir string
	// MaxRetries is how many times a request is retried after a 429, a 5xx,
	// a timeout or a dropped connection, waiting RetryBackoff, then twice
	// that, and so on. Defaults 5 and 100ms.
	MaxRetries   int
	RetryBackoff time.Duration
	// BatchDocs and BatchBytes bound one bulk request (actions and body
	// bytes); a larger write is sent as several. Defaults 1000 and 5 MiB.
	BatchDocs, BatchBytes int
	// FacetShardSize is the shard_size of the facets' terms aggregations:
	// how many values each shard reports. Larger is more exact and costs
	// more; the error bound OpenSearch reports is returned in
	// SearchResult.FacetErrors. 0 → 10×FacetSize, at least 100.
	FacetShardSize int
	// MaxResultWindow is the index's index.max_result_window: pages that
	// reach beyond it are fetched with search_after. Default 10000.
	MaxResultWindow int
	// AllowPartial accepts results when some shards failed (a warning is
	// logged); by default a search with failed shards is an error, since
	// its counts would silently be short.
	AllowPartial bool
	// Transport replaces the HTTP transport (tests); nil uses the default.
	Transport http.RoundTripper
}

func (c *OpenSearchConfig) withDefaults() (OpenSearchConfig, error) {
	o := *c
	if len(o.URLs) == 0 {
		return o, fmt.Errorf("%w: opensearch: no URLs", ErrInvalidRequest)
	}
	for _, u := range o.URLs {
		if pu, err := url.Parse(u); err != nil || (pu.Scheme != "http" && pu.Scheme != "https") || pu.Host == "" {
			return o, fmt.Errorf("%w: opensearch: URL %q: want http(s)://host:port", ErrInvalidRequest, u)
		}
	}
	if o.Index == "" {
		o.Index = "newsindex"
	}
	if o.Index != strings.ToLower(o.Index) || strings.ContainsAny(o.Index, `/\*?"<>| ,#:`) || strings.HasPrefix(o.Index, "_") {
		return o, fmt.Errorf("%w: opensearch: index name %q: want lower case, no /\\*?\"<>| ,#: and no leading _", ErrInvalidRequest, o.Index)
	}
	if o.Version <= 0 {
		o.Version = 1
	}
	if o.Shards <= 0 {
		o.Shards = 1
	}
	if o.Replicas < 0 {
		return o, fmt.Errorf("%w: opensearch: replicas %d is negative", ErrInvalidRequest, o.Replicas)
	}
	if o.Timeout <= 0 {
		o.Timeout = 30 * time.Second
	}
	if o.MaxRetries <= 0 {
		o.MaxRetries = 5
	}
	if o.RetryBackoff <= 0 {
		o.RetryBackoff = 100 * time.Millisecond
	}
	if o.BatchDocs <= 0 {
		o.BatchDocs = 1000
	}
	if o.BatchBytes <= 0 {
		o.BatchBytes = 5 << 20
	}
	if o.MaxResultWindow <= 0 {
		o.MaxResultWindow = 10000
	}
	return o, nil
}

// OpenSearch opens an index kept in an OpenSearch cluster, creating the
// versioned index and its alias when the alias does not exist. The Index it
// returns behaves as one on disk does: the same requests, results and
// errors, except Backup and Check, which are for on-disk indexes.
//
// Writes are acknowledged once OpenSearch acknowledged every document and
// made it searchable (refresh=wait_for). Stories are assigned by newsindex,
// from the signatures kept under cfg.StateDir.
func OpenSearch(ctx context.Context, cfg OpenSearchConfig, opts *Options) (*Index, error) {
	o := opts.withDefaults()
	eng, err := openOpenSearch(ctx, cfg, o.Logger)
	if err != nil {
		return nil, err
	}
	return newIndex(eng, o)
}

// osEngine is the engine on an OpenSearch cluster.
type osEngine struct {
	cfg     OpenSearchConfig
	client  *opensearch.Client
	log     *slog.Logger
	stories storyStore
	// sleep waits between retries; tests shorten it.
	sleep func(ctx context.Context, d time.Duration) error
}

func openOpenSearch(ctx context.Context, cfg OpenSearchConfig, log *slog.Logger) (*osEngine, error) {
	c, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	e, err := newOSEngine(c, log)
	if err != nil {
		return nil, err
	}
	if err := e.ensureIndex(ctx); err != nil {
		e.close()
		return nil, err
	}
	if c.StateDir != "" {
		dir := filepath.Join(c.StateDir, c.Index)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			e.close()
			return nil, fmt.Errorf("opensearch state: %w", err)
		}
		st, err := openBoltStories(dir)
		if err != nil {
			e.close()
			return nil, fmt.Errorf("opensearch state %s: %w", dir, err)
		}
		e.stories = st
	}
	return e, nil
}

// newOSEngine makes the client; it sends nothing.
func newOSEngine(c OpenSearchConfig, log *slog.Logger) (*osEngine, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	noDiscover := false
	client, err := opensearch.NewClient(opensearch.Config{
		Addresses:          c.URLs,
		Username:           c.Username,
		Password:           c.Password,
		InsecureSkipVerify: c.InsecureSkipVerify,
		Transport:          c.Transport,
		// newsindex retries itself (see do), so that bulk items, shard
		// failures and dropped connections follow one policy.
		DisableRetry:          true,
		RequestTimeout:        c.Timeout,
		DiscoverNodesOnStart:  &noDiscover,
		HealthCheckMaxRetries: -1,
	})
	if err != nil {
		return nil, fmt.Errorf("opensearch client: %w", err)
	}
	return &osEngine{cfg: c, client: client, log: log, stories: newMemStories(), sleep: sleepCtx}, nil
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (e *osEngine) close() error {
	err := e.stories.close()
	if cerr := e.client.Close(); err == nil {
		err = cerr
	}
	return err
}

// OpenSearchError is a request OpenSearch answered with an error status, or
// a search whose shards failed.
type OpenSearchError struct {
	Method, Path string
	Status       int
	Type, Reason string // OpenSearch's error type and reason, when it gave them
}

func (e *OpenSearchError) Error() string {
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
// as an *OpenSearchError (404 wrapped in ErrNotFound). Every request
// newsindex sends is idempotent (writes carry their IDs), so retrying one
// that may have been applied is safe.
func (e *osEngine) do(ctx context.Context, method, path string, body []byte) ([]byte, error) {
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
					return nil, fmt.Errorf("%w: %w", ErrNotFound, last)
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
func (e *osEngine) once(ctx context.Context, method, path string, body []byte) ([]byte, int, error) {
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
func osError(method, path string, status int, body []byte) *OpenSearchError {
	e := &OpenSearchError{Method: method, Path: path, Status: status}
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
func (e *osEngine) doJSON(ctx context.Context, method, path string, v, out any) error {
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

// concreteIndex is the versioned index the alias points at when newsindex
// creates it.
func (e *osEngine) concreteIndex() string { return fmt.Sprintf("%s-v%d", e.cfg.Index, e.cfg.Version) }

// ensureIndex creates the versioned index with the mapping, and the alias
// pointing at it, unless the alias exists. An alias that exists is used as
// it is, whatever index it points at: that is how a reindexed version is
// swapped in.
func (e *osEngine) ensureIndex(ctx context.Context) error {
	_, err := e.do(ctx, http.MethodGet, "/_alias/"+url.PathEscape(e.cfg.Index), nil)
	if err == nil {
		return nil
	}
	if !errors.Is(err, ErrNotFound) {
		return fmt.Errorf("opensearch: look up alias %q: %w", e.cfg.Index, err)
	}
	body, err := json.Marshal(osIndexBody(e.cfg))
	if err != nil {
		return err
	}
	_, err = e.do(ctx, http.MethodPut, "/"+url.PathEscape(e.concreteIndex()), body)
	var oe *OpenSearchError
	if errors.As(err, &oe) && oe.Type == "resource_already_exists_exception" {
		return fmt.Errorf("opensearch: index %s exists but alias %s does not: point the alias at it (POST /_aliases) or pick another version: %w",
			e.concreteIndex(), e.cfg.Index, ErrExists)
	}
	if err != nil {
		return fmt.Errorf("opensearch: create index %s: %w", e.concreteIndex(), err)
	}
	e.log.Info("opensearch: index created", "index", e.concreteIndex(), "alias", e.cfg.Index)
	return nil
}

// path is a path under the alias.
func (e *osEngine) path(rest string) string { return "/" + url.PathEscape(e.cfg.Index) + rest }
