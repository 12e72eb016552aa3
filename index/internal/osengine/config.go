package osengine

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/newsindex/newsindex/index/internal/engine"
)

// Config is index.OpenSearchConfig, field for field (index converts one to
// the other): see there what each field means and its default.
type Config struct {
	URLs                  []string
	Username, Password    string
	Index                 string
	Version               int
	Shards, Replicas      int
	Timeout               time.Duration
	InsecureSkipVerify    bool
	StateDir              string
	MaxRetries            int
	RetryBackoff          time.Duration
	BatchDocs, BatchBytes int
	FacetShardSize        int
	MaxResultWindow       int
	AllowPartial          bool
	Transport             http.RoundTripper
}

// WithDefaults checks c and fills in the defaults. Errors wrap
// ErrInvalidRequest.
func (c *Config) WithDefaults() (Config, error) {
	o := *c
	if len(o.URLs) == 0 {
		return o, fmt.Errorf("%w: opensearch: no URLs", engine.ErrInvalidRequest)
	}
	for _, u := range o.URLs {
		if pu, err := url.Parse(u); err != nil || (pu.Scheme != "http" && pu.Scheme != "https") || pu.Host == "" {
			return o, fmt.Errorf("%w: opensearch: URL %q: want http(s)://host:port", engine.ErrInvalidRequest, u)
		}
	}
	if o.Index == "" {
		o.Index = "newsindex"
	}
	if o.Index != strings.ToLower(o.Index) || strings.ContainsAny(o.Index, `/\*?"<>| ,#:`) || strings.HasPrefix(o.Index, "_") {
		return o, fmt.Errorf("%w: opensearch: index name %q: want lower case, no /\\*?\"<>| ,#: and no leading _", engine.ErrInvalidRequest, o.Index)
	}
	if o.Version <= 0 {
		o.Version = 1
	}
	if o.Shards <= 0 {
		o.Shards = 1
	}
	if o.Replicas < 0 {
		return o, fmt.Errorf("%w: opensearch: replicas %d is negative", engine.ErrInvalidRequest, o.Replicas)
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
