package config

import (
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestPrecedence(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "c.yaml")
	os.WriteFile(file, []byte("server:\n  addr: 127.0.0.1:7000\n  read_timeout: 3s\nindex:\n  path: from-file\ningest:\n  batch_size: 50\n"), 0o644)
	t.Setenv("NEWSINDEX_INDEX_PATH", "from-env")
	t.Setenv("NEWSINDEX_INGEST_BATCH_SIZE", "70")
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	fs.String("index", "", "")
	fs.String("addr", "", "")
	if err := fs.Parse([]string{"--index", "from-flag"}); err != nil {
		t.Fatal(err)
	}
	c, err := Load(file, fs, map[string]string{"index": "index.path", "addr": "server.addr"})
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct{ name, got, want string }{
		{"flag over env", c.Index.Path, "from-flag"},
		{"env over file", strconv.Itoa(c.Ingest.BatchSize), "70"},
		{"file over default", c.Server.Addr, "127.0.0.1:7000"},
		{"file duration", c.Server.ReadTimeout.String(), (3 * time.Second).String()},
		{"default", c.Log.Format, "text"},
	}
	for _, ch := range checks {
		if ch.got != ch.want {
			t.Errorf("%s: got %q, want %q", ch.name, ch.got, ch.want)
		}
	}
}

func TestErrors(t *testing.T) {
	if _, err := Load(filepath.Join(t.TempDir(), "missing.yaml"), nil, nil); err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("Load(missing file) error = %v, want 'does not exist'", err)
	}
	t.Setenv("NEWSINDEX_LOG_FORMAT", "xml")
	if _, err := Load("", nil, nil); err == nil || !strings.Contains(err.Error(), "log.format") {
		t.Errorf("Load(log.format=xml) error = %v, want it named", err)
	}
	t.Setenv("NEWSINDEX_LOG_FORMAT", "text")
	t.Setenv("NEWSINDEX_SERVER_URL", "127.0.0.1:8080")
	if _, err := Load("", nil, nil); err == nil || !strings.Contains(err.Error(), "server.url") {
		t.Errorf("Load(server.url without a scheme) error = %v, want it named", err)
	}
}

func TestServerURLFromEnv(t *testing.T) {
	t.Setenv("NEWSINDEX_SERVER_URL", "http://10.0.0.7:8080")
	c, err := Load("", nil, nil)
	if err != nil || c.Server.URL != "http://10.0.0.7:8080" {
		t.Errorf("Load() server.url = %q, %v; want the environment's", c.Server.URL, err)
	}
}

func TestRepoConfigMatchesDefaults(t *testing.T) {
	// config.yaml at the repository root documents every key with its default.
	c, err := Load("../../config.yaml", nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile("../../config.yaml")
	for k := range defaults {
		last := k[strings.LastIndex(k, ".")+1:]
		if !strings.Contains(string(data), last+":") {
			t.Errorf("config.yaml does not document %s", k)
		}
	}
	if c.Server.Addr != defaults["server.addr"] {
		t.Errorf("config.yaml server.addr = %q, want the default %q", c.Server.Addr, defaults["server.addr"])
	}
}

func TestOpenSearchBackend(t *testing.T) {
	t.Setenv("NEWSINDEX_INDEX_BACKEND", "opensearch")
	if _, err := Load("", nil, nil); err == nil || !strings.Contains(err.Error(), "opensearch.urls") {
		t.Errorf("Load(backend opensearch, no urls) error = %v, want opensearch.urls named", err)
	}
	t.Setenv("NEWSINDEX_OPENSEARCH_URLS", "http://a:9200,http://b:9200")
	t.Setenv("NEWSINDEX_OPENSEARCH_PASSWORD", "s3cret")
	c, err := Load("", nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.OpenSearch.URLs) != 2 || c.OpenSearch.Password != "s3cret" || c.OpenSearch.Index != "newsindex" || c.OpenSearch.InsecureSkipVerify {
		t.Errorf("opensearch config = %+v", c.OpenSearch)
	}
	t.Setenv("NEWSINDEX_INDEX_BACKEND", "solr")
	if _, err := Load("", nil, nil); err == nil || !strings.Contains(err.Error(), "index.backend") {
		t.Errorf("Load(backend solr) error = %v, want index.backend named", err)
	}
}
