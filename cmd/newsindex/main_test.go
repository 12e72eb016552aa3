package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestMain runs the command itself when NEWSINDEX_TEST_MAIN is set, so that
// a test can run it as a user does and see its output and exit status.
func TestMain(m *testing.M) {
	if os.Getenv("NEWSINDEX_TEST_MAIN") == "1" {
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// newsindex runs the command with args and returns what it wrote to
// standard error and its exit status.
func newsindex(t *testing.T, args ...string) (stderr string, status int) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "NEWSINDEX_TEST_MAIN=1", "NEWSINDEX_LOG_LEVEL=error")
	var errOut bytes.Buffer
	cmd.Stderr = &errOut
	err := cmd.Run()
	if exit, ok := errors.AsType[*exec.ExitError](err); ok {
		return errOut.String(), exit.ExitCode()
	}
	if err != nil {
		t.Fatalf("newsindex %s: %v", strings.Join(args, " "), err)
	}
	return errOut.String(), 0
}

// TestIngestFolder ingests a folder of feeds named .xml, .xml.gz and .rss,
// an XHTML page named .xml, an .xml file that is neither, a feed item with
// neither title nor body, and a .png and a .pdf: the summary counts what
// was read, rejected and skipped, and the exit status says whether all went
// in, something was rejected, or nothing was read.
func TestIngestFolder(t *testing.T) {
	dir := filepath.Join("..", "..", "internal", "ingest", "testdata", "folder")
	tests := []struct {
		name    string
		flags   []string
		path    string
		status  int
		want    []string // lines or parts of lines of standard error
		notWant []string
	}{
		{"feeds", nil, "feeds", 0,
			[]string{"ingest: added 6, replaced 0, rejected 0 in "},
			[]string{"skipped", "newsindex ingest:"}},
		{"mixed", nil, ".", 1,
			[]string{
				filepath.Join(dir, "sitemap.xml") + ": not a feed or page (root element <urlset>)\n",
				filepath.Join(dir, "wire.rss") + ": item 2: no title and no body\n",
				"ingest: added 9, replaced 0, rejected 2 in ",
				"; skipped 2 files: 1 .pdf, 1 .png\n",
				"newsindex ingest: some records were rejected: 2 of them\n",
			},
			[]string{"logo.png", "brochure.pdf"}},
		{"mixed, verbose", []string{"--verbose"}, ".", 1,
			[]string{
				filepath.Join(dir, "assets", "brochure.pdf") + ": skipped: no format reads .pdf files\n",
				filepath.Join(dir, "assets", "logo.png") + ": skipped: no format reads .png files\n",
				"; skipped 2 files: 1 .pdf, 1 .png\n",
			}, nil},
		{"nothing to read", nil, "assets", 1,
			[]string{
				"ingest: added 0, replaced 0, rejected 0 in ",
				"; skipped 2 files: 1 .pdf, 1 .png\n",
				"newsindex ingest: no article read from " + filepath.Join(dir, "assets") + "\n",
			}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"ingest", "--index", filepath.Join(t.TempDir(), "idx")}, tt.flags...)
			args = append(args, filepath.Join(dir, tt.path))
			out, status := newsindex(t, args...)
			if status != tt.status {
				t.Errorf("newsindex %s: exit status %d, want %d\n%s", strings.Join(args, " "), status, tt.status, out)
			}
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("standard error lacks %q:\n%s", w, out)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(out, w) {
					t.Errorf("standard error has %q:\n%s", w, out)
				}
			}
		})
	}
}

// TestIngestOutcomes checks the errors behind ingest's exit statuses:
// none when all went in, errRejected (1) for bad records, errUsage (2) for
// a bad call.
func TestIngestOutcomes(t *testing.T) {
	dir := t.TempDir()
	idx := filepath.Join(dir, "idx")
	good := filepath.Join(dir, "good.jsonl")
	bad := filepath.Join(dir, "bad.jsonl")
	os.WriteFile(good, []byte(`{"id":"1","title":"Port strike ends","body":"Dockworkers went back to work."}`+"\n"), 0o644)
	os.WriteFile(bad, []byte(`{"id":"2","title":"Fine"}`+"\n{broken\n"), 0o644)
	t.Setenv("NEWSINDEX_LOG_LEVEL", "error")

	if err := runIngest([]string{"--index", idx, good}); err != nil {
		t.Errorf("ingest good = %v, want nil", err)
	}
	if err := runIngest([]string{"--index", idx, bad}); !errors.Is(err, errRejected) {
		t.Errorf("ingest with a bad line = %v, want errRejected", err)
	}
	if err := runIngest([]string{"--index", idx}); !errors.Is(err, errUsage) {
		t.Errorf("ingest without paths = %v, want errUsage", err)
	}
	if err := runIngest([]string{"--no-such-flag", good}); !errors.Is(err, errUsage) {
		t.Errorf("ingest with an unknown flag = %v, want errUsage", err)
	}
	if err := runSearch([]string{"--index", idx, "--size", "-1", "strike"}); !errors.Is(err, errUsage) {
		t.Errorf("search --size -1 = %v, want errUsage", err)
	}
	if err := runSearch([]string{"--index", filepath.Join(dir, "none"), "strike"}); err == nil {
		t.Error("search of a missing index: want an error")
	}
}

// TestBleveOnlyCommands: backup and check refuse the OpenSearch backend
// with a usage error saying what to do instead.
func TestBleveOnlyCommands(t *testing.T) {
	t.Setenv("NEWSINDEX_INDEX_BACKEND", "opensearch")
	t.Setenv("NEWSINDEX_OPENSEARCH_URLS", "http://127.0.0.1:1")
	t.Setenv("NEWSINDEX_LOG_LEVEL", "error")
	for name, run := range map[string]func([]string) error{"check": runCheck, "backup": runBackup} {
		args := []string{"--index", filepath.Join(t.TempDir(), "idx")}
		if name == "backup" {
			args = append(args, filepath.Join(t.TempDir(), "copy"))
		}
		err := run(args)
		if !errors.Is(err, errUsage) || !strings.Contains(err.Error(), "bleve") {
			t.Errorf("%s on the opensearch backend = %v, want a usage error naming bleve", name, err)
		}
	}
}

// TestExtractExplain: --explain shows what clean-up removed from a page and
// what it spared, in text and in JSON.
func TestExtractExplain(t *testing.T) {
	t.Setenv("NEWSINDEX_LOG_LEVEL", "error")
	page := filepath.Join("..", "..", "internal", "ingest", "testdata", "html", "newsletter-body.html")
	var out bytes.Buffer
	if err := extract(&out, []string{"--explain", page}); err != nil {
		t.Fatalf("extract --explain = %v", err)
	}
	for _, want := range []string{"clean-up: ", `- <div class="inline-newsletter"> (name "newsletter"): The Morning Ledger`,
		`+ <div class="article-body newsletter-signup"> (name "newsletter")`, "- Sign up for our newsletter"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("extract --explain printed\n%s\nwant %q in it", out.String(), want)
		}
	}
	out.Reset()
	if err := extract(&out, []string{"--json", "--explain", page}); err != nil {
		t.Fatalf("extract --json --explain = %v", err)
	}
	var e struct {
		Cleanup *struct {
			Extracted int `json:"extracted_words"`
			Cuts      []struct {
				Step    string   `json:"step"`
				Removed []string `json:"removed"`
			} `json:"cuts"`
		} `json:"cleanup"`
	}
	if err := json.Unmarshal(out.Bytes(), &e); err != nil || e.Cleanup == nil || e.Cleanup.Extracted == 0 || len(e.Cleanup.Cuts) == 0 {
		t.Errorf("extract --json --explain = %s (%v), want a cleanup with extracted words and cuts", out.String(), err)
	}
	out.Reset()
	if err := extract(&out, []string{"--json", page}); err != nil || strings.Contains(out.String(), "cleanup") {
		t.Errorf("extract --json = %s (%v), want no cleanup without --explain", out.String(), err)
	}
}

// TestSearchPlace ingests two articles and filters a search by --place,
// which the enrichment named with its country.
func TestSearchPlace(t *testing.T) {
	dir := t.TempDir()
	idx := filepath.Join(dir, "idx")
	in := filepath.Join(dir, "in.jsonl")
	os.WriteFile(in, []byte(`{"id":"p1","title":"Protests in Arequipa","body":"Thousands marched through the centre of Arequipa on Monday."}`+"\n"+
		`{"id":"p2","title":"Floods in Mombasa","body":"Floods closed roads in Mombasa on Tuesday."}`+"\n"), 0o644)
	if out, status := newsindex(t, "ingest", "--index", idx, in); status != 0 {
		t.Fatalf("ingest: exit %d\n%s", status, out)
	}
	search := func(place string) string {
		cmd := exec.Command(os.Args[0], "search", "--index", idx, "--json", "--place", place)
		cmd.Env = append(os.Environ(), "NEWSINDEX_TEST_MAIN=1", "NEWSINDEX_LOG_LEVEL=error")
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("search --place %q: %v", place, err)
		}
		return string(out)
	}
	if got := search("Arequipa, Peru"); !strings.Contains(got, `"id":"p1"`) || strings.Contains(got, `"id":"p2"`) {
		t.Errorf("search --place Arequipa, Peru = %s, want p1 alone", got)
	}
	if got := search("Lima, Peru"); strings.Contains(got, `"id":"p`) {
		t.Errorf("search --place Lima, Peru = %s, want nothing", got)
	}
}

// TestExtractQuoteWithoutSpeaker: a quotation found by its marks alone, as
// in other languages, is printed without empty brackets.
func TestExtractQuoteWithoutSpeaker(t *testing.T) {
	t.Setenv("NEWSINDEX_LOG_LEVEL", "error")
	in := filepath.Join(t.TempDir(), "fr.jsonl")
	os.WriteFile(in, []byte(`{"id":"fr1","language":"fr","title":"La grève continue à Marseille","body":"Les syndicats ont annoncé la poursuite du mouvement. « Nous ne reculerons pas tant que le gouvernement refusera de nous entendre », a déclaré une porte-parole devant la mairie. La circulation reste perturbée dans le centre de la ville."}`+"\n"), 0o644)
	var out bytes.Buffer
	if err := extract(&out, []string{in}); err != nil {
		t.Fatalf("extract = %v", err)
	}
	var line string
	for _, l := range strings.Split(out.String(), "\n") {
		if strings.HasPrefix(l, "  quote: ") {
			line = l
		}
	}
	if !strings.Contains(line, "Nous ne reculerons pas") || !strings.HasSuffix(line, "— speaker not found") {
		t.Errorf("extract printed\n%s\nwant the quotation with \"— speaker not found\" and no brackets", out.String())
	}
}
