package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/newsindex/newsindex/index"
	"github.com/newsindex/newsindex/internal/config"
)

// multi is a flag that may be repeated: --person A --person B.
type multi []string

func (m *multi) String() string     { return strings.Join(*m, ",") }
func (m *multi) Set(v string) error { *m = append(*m, v); return nil }

// commonFlags registers --index and --config, which every command that
// opens an index takes.
func commonFlags(fs *flag.FlagSet) *string {
	fs.String("index", "", "index folder (config index.path)")
	return fs.String("config", "", "config file (default: ./config.yaml if present)")
}

// parse parses args and loads the configuration; flagKeys maps the
// command's own flags onto config keys.
func parse(fs *flag.FlagSet, args []string, cfgFile *string, flagKeys map[string]string) (config.Config, error) {
	fs.SetOutput(os.Stderr)
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return config.Config{}, err
		}
		return config.Config{}, fmt.Errorf("%w: %v", errUsage, err)
	}
	keys := map[string]string{"index": "index.path"}
	for k, v := range flagKeys {
		keys[k] = v
	}
	cfg, err := config.Load(*cfgFile, fs, keys)
	if err != nil {
		return cfg, fmt.Errorf("%w: %v", errUsage, err)
	}
	return cfg, nil
}

// openMode says what openIndex does when there is no index yet.
type openMode int

const (
	mustExist openMode = iota // fail with index.ErrNotFound
	createIfMissing
)

// openIndex opens the index of the configured backend: the bleve folder
// index.path, or the OpenSearch cluster of the opensearch section (whose
// index and alias are created when missing, whatever the mode). where
// names it for messages. With createIfMissing, a path where there is
// nothing (or an empty folder) gets an empty index, which is logged; a path
// holding anything else is an error.
func openIndex(ctx context.Context, cfg config.Config, log *slog.Logger, mode openMode) (ix *index.Index, where string, err error) {
	opts := indexOptions(cfg, log)
	if cfg.Index.Backend == config.BackendOpenSearch {
		o := cfg.OpenSearch
		where = fmt.Sprintf("opensearch %s index %s", strings.Join(redacted(o.URLs), ","), o.Index)
		ix, err = index.OpenSearch(ctx, openSearchConfig(cfg), opts)
		return ix, where, err
	}
	where = cfg.Index.Path
	ix, err = index.Open(where, opts)
	if mode == mustExist || !errors.Is(err, index.ErrNotFound) {
		return ix, where, err
	}
	ix, err = index.Create(where, opts)
	if errors.Is(err, index.ErrExists) {
		return nil, where, fmt.Errorf("%s holds something that is not a newsindex index: give --index (index.path) a new or empty folder", where)
	}
	if err != nil {
		return nil, where, err
	}
	log.Info("no index here: created an empty one", "path", where)
	return ix, where, nil
}

// openSearchConfig is the opensearch section as the index package takes it.
func openSearchConfig(cfg config.Config) index.OpenSearchConfig {
	o := cfg.OpenSearch
	return index.OpenSearchConfig{
		URLs: o.URLs, Username: o.Username, Password: o.Password, Index: o.Index,
		Shards: o.Shards, Replicas: o.Replicas, Timeout: o.Timeout, InsecureSkipVerify: o.InsecureSkipVerify,
		StateDir: o.StateDir, FacetShardSize: o.FacetShardSize, AllowPartial: o.AllowPartial,
	}
}

// redacted returns urls without any credentials they carry, for messages.
func redacted(urls []string) []string {
	out := make([]string, len(urls))
	for i, u := range urls {
		out[i] = u
		if pu, err := url.Parse(u); err == nil && pu.User != nil {
			pu.User = nil
			out[i] = pu.String()
		}
	}
	return out
}

// bleveOnly fails when the configured backend is not bleve: what a command
// does works on index files on this machine.
func bleveOnly(cfg config.Config, command, instead string) error {
	if cfg.Index.Backend == config.BackendBleve {
		return nil
	}
	return fmt.Errorf("%w: %s works on a bleve index (index.backend: bleve), not on %s; %s", errUsage, command, cfg.Index.Backend, instead)
}

func indexOptions(cfg config.Config, log *slog.Logger) *index.Options {
	return &index.Options{Logger: log, CategoryModel: cfg.Category.Model, Workers: cfg.Ingest.Workers, SearchSlices: cfg.Index.SearchSlices}
}

// signalContext is cancelled by Ctrl-C or SIGTERM.
func signalContext() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
}

// writeAtomically writes path through write: into a temporary file beside
// it, renamed into place once complete, so an interrupted or failed run never
// leaves a half-written model. It returns the size written.
func writeAtomically(path string, write func(io.Writer) error) (int64, error) {
	tmp := path + "~"
	f, err := os.Create(tmp)
	if err != nil {
		return 0, err
	}
	defer os.Remove(tmp)
	err = write(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return 0, err
	}
	st, err := os.Stat(tmp)
	if err != nil {
		return 0, err
	}
	return st.Size(), os.Rename(tmp, path)
}

// eachJSONLine decodes each line of a JSON Lines file into a fresh T and
// hands it to fn with its line number; errors name the file and the line.
func eachJSONLine[T any](path string, fn func(line int, v *T) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<20), 64<<20)
	for line := 1; sc.Scan(); line++ {
		var v T
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			return fmt.Errorf("%s:%d: %w", path, line, err)
		}
		if err := fn(line, &v); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// byteOffsets returns the byte offset of every code point of s, then
// len(s): labelled data counts offsets in code points.
func byteOffsets(s string) []int {
	off := make([]int, 0, len(s)+1)
	for i := range s {
		off = append(off, i)
	}
	return append(off, len(s))
}

// callServer sends a request to the newsindex server at base and decodes
// its JSON answer into out; an error answer becomes an error holding the
// server's message.
func callServer(ctx context.Context, method, base, path, apiKey string, body []byte, out any) error {
	req, err := http.NewRequestWithContext(ctx, method, strings.TrimSuffix(base, "/")+path, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	req.Header.Set("Content-Type", "application/json")
	if apiKey != "" {
		req.Header.Set("Authorization", "Bearer "+apiKey)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 16<<20))
	if err != nil {
		return err
	}
	if resp.StatusCode/100 != 2 {
		var e struct {
			Error string `json:"error"`
		}
		if json.Unmarshal(b, &e) == nil && e.Error != "" {
			return fmt.Errorf("%s: %s", resp.Status, e.Error)
		}
		return fmt.Errorf("%s", resp.Status)
	}
	if err := json.Unmarshal(b, out); err != nil {
		return fmt.Errorf("answer: %w", err)
	}
	return nil
}
