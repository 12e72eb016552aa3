package server

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"github.com/newsindex/newsindex/index"
	"github.com/newsindex/newsindex/internal/opensearchfake"
)

// TestAdminOnOpenSearch: a server over an index in OpenSearch answers
// backup and check with 501 and a JSON error, not a server fault.
func TestAdminOnOpenSearch(t *testing.T) {
	cluster := httptest.NewServer(opensearchfake.New())
	defer cluster.Close()
	ix, err := index.OpenSearch(context.Background(), index.OpenSearchConfig{URLs: []string{cluster.URL}, StateDir: t.TempDir()}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	s, err := New(ix, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	defer ts.Close()
	for _, tt := range []struct{ method, path, body string }{
		{http.MethodPost, "/api/admin/backup", `{"dir": "` + filepath.Join(t.TempDir(), "b") + `"}`},
		{http.MethodGet, "/api/admin/check", ""},
	} {
		code, body, _ := do(t, tt.method, ts.URL+tt.path, tt.body)
		var e struct{ Error string }
		if code != http.StatusNotImplemented || json.Unmarshal([]byte(body), &e) != nil || e.Error == "" {
			t.Errorf("%s %s = %d %s, want 501 with a JSON error", tt.method, tt.path, code, body)
		}
	}
}

// TestBackupAPI copies the served index and checks the copy.
func TestBackupAPI(t *testing.T) {
	dir := t.TempDir()
	ix, err := index.Create(filepath.Join(dir, "idx"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if _, err := ix.AddBatch(context.Background(), testArticles()); err != nil {
		t.Fatal(err)
	}
	s, err := New(ix, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	defer ts.Close()
	dest := filepath.Join(dir, "copy")
	code, body, _ := do(t, http.MethodPost, ts.URL+"/api/admin/backup", `{"dir": "`+dest+`", "check": true}`)
	var res BackupResponse
	if code != http.StatusOK || json.Unmarshal([]byte(body), &res) != nil || res.Check == nil || !res.Check.OK() || res.Check.Articles != 2 {
		t.Fatalf("backup = %d %s, want 200 with a sound check of 2 articles", code, body)
	}
	if code, body, _ := do(t, http.MethodPost, ts.URL+"/api/admin/backup", `{"dir": "`+dest+`"}`); code != http.StatusConflict {
		t.Errorf("backup to an existing folder = %d %s, want 409", code, body)
	}
}
