package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsindex/newsindex/internal/extract/wordclass"
)

// TestBuildWordClusters runs the command twice on a small file: the two
// outputs are the same bytes and read back with a class for each word.
func TestBuildWordClusters(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.jsonl")
	var b strings.Builder
	for i := range 50 {
		who := []string{"Alice", "Bob", "Carol"}[i%3]
		what := []string{"apple", "pear", "plum"}[i%3]
		b.WriteString(`{"title": "Mr ` + who + ` said", "body": "She ate the ` + what + ` slowly."}` + "\n")
		b.WriteString(`{"text": "Yesterday ` + who + ` told reporters a ripe ` + what + ` fell ."}` + "\n")
	}
	if err := os.WriteFile(in, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	var outs [2][]byte
	for i := range outs {
		out := filepath.Join(dir, "clusters.txt.gz")
		if err := runBuildWordClusters([]string{"-out", out, "-classes", "2,4", "-min", "5", in}); err != nil {
			t.Fatal(err)
		}
		var err error
		if outs[i], err = os.ReadFile(out); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(outs[0], outs[1]) {
		t.Fatal("two runs wrote different files")
	}
	cl, err := wordclass.Read(bytes.NewReader(outs[0]))
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"Alice", "pear", "said", "."} {
		if len(cl.Classes[w]) != 2 {
			t.Errorf("classes of %q = %v, want one at each of 2 granularities", w, cl.Classes[w])
		}
	}
	// With a second file that is labelled: a word it alone uses often
	// enough ("Zed") is labelled-only; the words of both are not.
	lab := filepath.Join(dir, "labelled.jsonl")
	b.Reset()
	for range 5 {
		b.WriteString(`{"text": "Yesterday Zed told reporters a ripe pear fell ."}` + "\n")
	}
	if err := os.WriteFile(lab, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "labelled.txt.gz")
	if err := runBuildWordClusters([]string{"-out", out, "-classes", "2,4", "-min", "5", "-labelled", lab, lab, in}); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if cl, err = wordclass.Read(bytes.NewReader(data)); err != nil {
		t.Fatal(err)
	}
	if !cl.LabelledOnly["Zed"] || len(cl.Classes["Zed"]) != 2 || cl.LabelledOnly["pear"] || cl.LabelledOnly["Alice"] {
		t.Errorf("labelled-only words %v, want Zed alone, with its classes %v", cl.LabelledOnly, cl.Classes["Zed"])
	}
	if err := runBuildWordClusters([]string{"-out", out, "-labelled", lab, in}); err == nil {
		t.Error("build-word-clusters -labelled with a file not clustered = nil error, want a usage error")
	}
	if err := runBuildWordClusters([]string{in}); err == nil {
		t.Error("build-word-clusters without -out = nil error, want a usage error")
	}
}
