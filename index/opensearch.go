package index

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/newsindex/newsindex/index/internal/osengine"
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

// OpenSearch opens an index kept in an OpenSearch cluster, creating the
// versioned index and its alias when the alias does not exist. The Index it
// returns behaves as one on disk does: the same requests, results and
// errors, except Backup and Check, which are for on-disk indexes: they fail
// with an error matching errors.ErrUnsupported.
//
// Writes are acknowledged once OpenSearch acknowledged every document and
// made it searchable (refresh=wait_for). Stories are assigned by newsindex,
// from the signatures kept under cfg.StateDir.
func OpenSearch(ctx context.Context, cfg OpenSearchConfig, opts *Options) (*Index, error) {
	o := opts.withDefaults()
	eng, err := osengine.Open(ctx, osengine.Config(cfg), o.Logger)
	if err != nil {
		return nil, publicError(err)
	}
	return newIndex(eng, o)
}

// OpenSearchError is a request OpenSearch answered with an error status, or
// a search whose shards failed.
type OpenSearchError struct {
	Method, Path string
	Status       int
	Type, Reason string // OpenSearch's error type and reason, when it gave them
}

func (e *OpenSearchError) Error() string { return (*osengine.Error)(e).Error() }

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

func (e *BulkError) engineError() *osengine.BulkError {
	return &osengine.BulkError{Items: convert(e.Items, func(it BulkItemError) osengine.BulkItemError { return osengine.BulkItemError(it) })}
}

func (e *BulkError) Error() string { return e.engineError().Error() }

// Is reports whether target is ErrInvalidRequest and every refusal is the
// document's fault.
func (e *BulkError) Is(target error) bool { return e.engineError().Is(target) }

// publicError gives the OpenSearch engine's errors this package's types, so
// that errors.As finds an *OpenSearchError or a *BulkError in them; the
// message and the rest of the chain stay as they were.
func publicError(err error) error {
	if err == nil {
		return nil
	}
	var be *osengine.BulkError
	if errors.As(err, &be) {
		items := convert(be.Items, func(it osengine.BulkItemError) BulkItemError { return BulkItemError(it) })
		return &alsoError{err, &BulkError{Items: items}}
	}
	var oe *osengine.Error
	if errors.As(err, &oe) {
		return &alsoError{err, (*OpenSearchError)(oe)}
	}
	return err
}

// alsoError is err that errors.Is and errors.As also match as public.
type alsoError struct{ err, public error }

func (e *alsoError) Error() string   { return e.err.Error() }
func (e *alsoError) Unwrap() []error { return []error{e.err, e.public} }
