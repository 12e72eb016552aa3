// Package config loads newsindex's settings with the precedence
// defaults < config.yaml < NEWSINDEX_* environment < command-line flags.
package config

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"log/slog"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/spf13/viper"
)

// Config is every setting. The mapstructure tags are the keys of
// config.yaml; the environment variable of a key is NEWSINDEX_ followed by
// the key in upper case with dots as underscores (server.addr →
// NEWSINDEX_SERVER_ADDR).
type Config struct {
	Index    IndexConfig    `mapstructure:"index"`
	Server   ServerConfig   `mapstructure:"server"`
	Ingest   IngestConfig   `mapstructure:"ingest"`
	Category CategoryConfig `mapstructure:"category"`
	Log      LogConfig      `mapstructure:"log"`
	Watch    WatchConfig    `mapstructure:"watch"`
	Limits   LimitsConfig   `mapstructure:"limits"`
	// OpenSearch is used when Index.Backend is "opensearch".
	OpenSearch OpenSearchConfig `mapstructure:"opensearch"`
}

// IndexConfig says where the index lives.
type IndexConfig struct {
	// Path is the folder of a bleve index.
	Path string `mapstructure:"path"`
	// Backend is "bleve" (an index on this machine, at Path) or
	// "opensearch" (an index in an OpenSearch cluster, see OpenSearchConfig).
	Backend string `mapstructure:"backend"`
	// SearchSlices is how many goroutines a search of a large bleve index
	// runs its first pass in while a core is free (index.Options.SearchSlices):
	// 0 picks min(cores, 2), 1 turns it off.
	SearchSlices int `mapstructure:"search_slices"`
}

// The backends.
const (
	BackendBleve      = "bleve"
	BackendOpenSearch = "opensearch"
)

// OpenSearchConfig says how to reach the OpenSearch cluster of the
// opensearch backend. The password may come from the environment alone
// (NEWSINDEX_OPENSEARCH_PASSWORD), to keep it out of files.
type OpenSearchConfig struct {
	// URLs of the cluster's nodes; in the environment, comma-separated.
	URLs     []string `mapstructure:"urls"`
	Username string   `mapstructure:"username"`
	Password string   `mapstructure:"password"`
	// Index is the alias newsindex reads and writes; the first run creates
	// the versioned index <index>-v1 behind it.
	Index    string `mapstructure:"index"`
	Shards   int    `mapstructure:"shards"`
	Replicas int    `mapstructure:"replicas"`
	// Timeout bounds one attempt of one request.
	Timeout time.Duration `mapstructure:"timeout"`
	// InsecureSkipVerify accepts any TLS certificate: test clusters only.
	InsecureSkipVerify bool `mapstructure:"insecure_skip_verify"`
	// StateDir keeps the story signatures (a bolt file) on this machine.
	StateDir string `mapstructure:"state_dir"`
	// FacetShardSize is the shard_size of facet aggregations; 0 picks
	// 10 × the facet size, at least 100.
	FacetShardSize int `mapstructure:"facet_shard_size"`
	// AllowPartial serves results when some shards failed.
	AllowPartial bool `mapstructure:"allow_partial"`
}

// ServerConfig configures `newsindex serve`.
type ServerConfig struct {
	Addr         string        `mapstructure:"addr"`
	ReadTimeout  time.Duration `mapstructure:"read_timeout"`
	WriteTimeout time.Duration `mapstructure:"write_timeout"`
	IdleTimeout  time.Duration `mapstructure:"idle_timeout"`
	MaxBodyBytes int64         `mapstructure:"max_body_bytes"`
	APIKey       string        `mapstructure:"api_key"`
	// AuthReads requires the API key on reads too (searches, pages).
	AuthReads bool `mapstructure:"auth_reads"`
	// URL is the address of a running `newsindex serve` (http://host:port)
	// that search, quotes, backup and check ask over HTTP instead of
	// opening the index themselves, which the server holds; "" opens it.
	URL string `mapstructure:"url"`
}

// LimitsConfig caps what one request may ask of the server.
type LimitsConfig struct {
	MaxPageSize   int `mapstructure:"max_page_size"`
	MaxFacetSize  int `mapstructure:"max_facet_size"`
	MaxQueryBytes int `mapstructure:"max_query_bytes"`
	MinPrefix     int `mapstructure:"min_prefix"`
	MaxExport     int `mapstructure:"max_export"`
}

// IngestConfig configures `newsindex ingest`.
type IngestConfig struct {
	BatchSize int `mapstructure:"batch_size"`
	Workers   int `mapstructure:"workers"`
}

// CategoryConfig selects the category model.
type CategoryConfig struct {
	Model string `mapstructure:"model"`
}

// WatchConfig configures `newsindex watch` and `newsindex serve --watch`:
// the feeds polled, how often, and where what was seen is remembered.
type WatchConfig struct {
	// Feeds are feed URLs (or local feed files) polled besides those on
	// the command line.
	Feeds []string `mapstructure:"feeds"`
	// Every is the time between two polls.
	Every time.Duration `mapstructure:"every"`
	// FetchArticles fetches the linked page of an item that carries only
	// a summary.
	FetchArticles bool `mapstructure:"fetch_articles"`
	// StateFile remembers seen items and HTTP validators; "" puts it
	// beside the index as <index.path>.watch.json.
	StateFile string `mapstructure:"state_file"`
}

// LogConfig configures logging.
type LogConfig struct {
	Level  string `mapstructure:"level"`
	Format string `mapstructure:"format"`
}

// defaults holds every key: viper only reads the environment for keys it
// knows of, so each must be set here.
var defaults = map[string]any{
	"index.path":                      "data/index",
	"index.backend":                   BackendBleve,
	"index.search_slices":             0,
	"opensearch.urls":                 []string{},
	"opensearch.username":             "",
	"opensearch.password":             "",
	"opensearch.index":                "newsindex",
	"opensearch.shards":               1,
	"opensearch.replicas":             1,
	"opensearch.timeout":              "30s",
	"opensearch.insecure_skip_verify": false,
	"opensearch.state_dir":            "data/opensearch",
	"opensearch.facet_shard_size":     0,
	"opensearch.allow_partial":        false,
	"server.addr":                     "127.0.0.1:8080",
	"server.read_timeout":             "10s",
	"server.write_timeout":            "30s",
	"server.idle_timeout":             "60s",
	"server.max_body_bytes":           32 << 20,
	"server.api_key":                  "",
	"server.auth_reads":               false,
	"server.url":                      "",
	"limits.max_page_size":            100,
	"limits.max_facet_size":           1000,
	"limits.max_query_bytes":          4096,
	"limits.min_prefix":               2,
	"limits.max_export":               10000,
	"ingest.batch_size":               500,
	"ingest.workers":                  0,
	"category.model":                  "",
	"log.level":                       "info",
	"log.format":                      "text",
	"watch.feeds":                     []string{},
	"watch.every":                     "10m",
	"watch.fetch_articles":            false,
	"watch.state_file":                "",
}

// Load reads the configuration. file is an explicit config file ("" looks
// for config.yaml in the working directory and is content without one).
// Flags of fs that were set on the command line override everything;
// flagKeys maps a flag's name to its key ("addr" → "server.addr").
func Load(file string, fs *flag.FlagSet, flagKeys map[string]string) (Config, error) {
	v := viper.New()
	for k, d := range defaults {
		v.SetDefault(k, d)
	}
	if file != "" {
		v.SetConfigFile(file)
	} else {
		v.SetConfigName("config")
		v.SetConfigType("yaml")
		v.AddConfigPath(".")
	}
	if err := v.ReadInConfig(); err != nil {
		var notFound viper.ConfigFileNotFoundError
		if file != "" || !errors.As(err, &notFound) {
			if errors.Is(err, errNotExist) {
				return Config{}, fmt.Errorf("config: %s does not exist", file)
			}
			return Config{}, fmt.Errorf("config: %w", err)
		}
	}
	v.SetEnvPrefix("NEWSINDEX")
	v.SetEnvKeyReplacer(strings.NewReplacer(".", "_"))
	v.AutomaticEnv()
	if fs != nil {
		fs.Visit(func(f *flag.Flag) {
			if k, ok := flagKeys[f.Name]; ok {
				v.Set(k, f.Value.String())
			}
		})
	}
	var c Config
	if err := v.Unmarshal(&c); err != nil {
		return Config{}, fmt.Errorf("config: %w", err)
	}
	return c, c.Validate()
}

// isHTTPURL reports whether s is an absolute http or https URL with a host.
func isHTTPURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

var errNotExist = fs.ErrNotExist // viper reports a missing explicit file as an fs error

// Validate reports the first setting that cannot work.
func (c Config) Validate() error {
	switch {
	case c.Index.Path == "":
		return errors.New("config: index.path is empty")
	case c.Ingest.BatchSize < 1 || c.Ingest.BatchSize > 100000:
		return fmt.Errorf("config: ingest.batch_size %d out of range 1..100000", c.Ingest.BatchSize)
	case c.Index.SearchSlices < 0:
		return fmt.Errorf("config: index.search_slices %d is negative", c.Index.SearchSlices)
	case c.Ingest.Workers < 0:
		return fmt.Errorf("config: ingest.workers %d is negative", c.Ingest.Workers)
	case c.Server.MaxBodyBytes < 1024:
		return fmt.Errorf("config: server.max_body_bytes %d is below 1024", c.Server.MaxBodyBytes)
	case c.Server.ReadTimeout <= 0 || c.Server.WriteTimeout <= 0 || c.Server.IdleTimeout <= 0:
		return errors.New("config: server timeouts must be positive")
	case c.Limits.MaxPageSize < 1 || c.Limits.MaxPageSize > 100:
		return fmt.Errorf("config: limits.max_page_size %d out of range 1..100", c.Limits.MaxPageSize)
	case c.Limits.MaxFacetSize < 1 || c.Limits.MaxFacetSize > 1000:
		return fmt.Errorf("config: limits.max_facet_size %d out of range 1..1000", c.Limits.MaxFacetSize)
	case c.Limits.MaxQueryBytes < 16 || c.Limits.MaxQueryBytes > 4096:
		return fmt.Errorf("config: limits.max_query_bytes %d out of range 16..4096", c.Limits.MaxQueryBytes)
	case c.Limits.MinPrefix < 2:
		return fmt.Errorf("config: limits.min_prefix %d is below 2", c.Limits.MinPrefix)
	case c.Limits.MaxExport < 1 || c.Limits.MaxExport > 100000:
		return fmt.Errorf("config: limits.max_export %d out of range 1..100000", c.Limits.MaxExport)
	case c.Server.AuthReads && c.Server.APIKey == "":
		return errors.New("config: server.auth_reads needs server.api_key")
	case c.Server.URL != "" && !isHTTPURL(c.Server.URL):
		return fmt.Errorf("config: server.url %q: want http(s)://host:port", c.Server.URL)
	case c.Watch.Every < time.Second:
		return fmt.Errorf("config: watch.every %v is below 1s", c.Watch.Every)
	}
	switch c.Index.Backend {
	case BackendBleve:
	case BackendOpenSearch:
		o := c.OpenSearch
		switch {
		case len(o.URLs) == 0:
			return errors.New("config: index.backend is opensearch but opensearch.urls is empty")
		case o.Index == "":
			return errors.New("config: opensearch.index is empty")
		case o.Shards < 1:
			return fmt.Errorf("config: opensearch.shards %d is below 1", o.Shards)
		case o.Replicas < 0:
			return fmt.Errorf("config: opensearch.replicas %d is negative", o.Replicas)
		case o.Timeout <= 0:
			return errors.New("config: opensearch.timeout must be positive")
		case o.FacetShardSize < 0:
			return fmt.Errorf("config: opensearch.facet_shard_size %d is negative", o.FacetShardSize)
		}
	default:
		return fmt.Errorf("config: index.backend %q unknown, want bleve|opensearch", c.Index.Backend)
	}
	if _, err := c.Log.SlogLevel(); err != nil {
		return err
	}
	if c.Log.Format != "text" && c.Log.Format != "json" {
		return fmt.Errorf("config: log.format %q unknown, want text|json", c.Log.Format)
	}
	return nil
}

// SlogLevel parses log.level.
func (l LogConfig) SlogLevel() (slog.Level, error) {
	var lv slog.Level
	if err := lv.UnmarshalText([]byte(l.Level)); err != nil {
		return 0, fmt.Errorf("config: log.level %q unknown, want debug|info|warn|error", l.Level)
	}
	return lv, nil
}

// Logger builds the logger the settings describe, writing to stderr.
func (l LogConfig) Logger() *slog.Logger {
	lv, _ := l.SlogLevel()
	opts := &slog.HandlerOptions{Level: lv}
	if l.Format == "json" {
		return slog.New(slog.NewJSONHandler(os.Stderr, opts))
	}
	return slog.New(slog.NewTextHandler(os.Stderr, opts))
}
