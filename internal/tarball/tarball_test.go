package tarball

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"strings"
	"testing"
)

func tgz(t *testing.T, files map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	for name, body := range files {
		if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: int64(len(body))}); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write([]byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestFiles: the wanted files are read whole, the others left out, and a
// wanted file the archive does not hold is named in the error.
func TestFiles(t *testing.T) {
	b := tgz(t, map[string]string{"package/a.txt": "alpha", "package/b.json": "{}", "package/c": "gamma"})
	got, err := Files(bytes.NewReader(b), "package/a.txt", "package/c")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || string(got["package/a.txt"]) != "alpha" || string(got["package/c"]) != "gamma" {
		t.Errorf("got %q", got)
	}
	if _, err := Files(bytes.NewReader(b), "package/a.txt", "package/missing"); err == nil || !strings.Contains(err.Error(), "package/missing") {
		t.Errorf("missing file: err %v, want one naming it", err)
	}
	if _, err := Files(strings.NewReader("not gzip")); err == nil {
		t.Error("not a gzip stream: no error")
	}
}
