package osengine

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/newsindex/newsindex/index/internal/engine"
	"github.com/newsindex/newsindex/internal/analysis"
	"github.com/newsindex/newsindex/internal/opensearchtest"
)

func TestMain(m *testing.M) { os.Exit(opensearchtest.Main(m)) }

// nodeConfig returns the configuration of a new index of its own on the
// real OpenSearch node the package's tests share; it skips t when no node
// can run.
func nodeConfig(t *testing.T) Config {
	t.Helper()
	c := opensearchtest.Shared(t)
	cfg, err := (&Config{URLs: c.URLs(), Index: "osengine-" + strings.ToLower(t.Name()), Replicas: 0, StateDir: t.TempDir()}).WithDefaults()
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

// analyzeOn returns the terms an analyzer of index gives text, through
// OpenSearch's _analyze.
func analyzeOn(t *testing.T, url, index, analyzer, text string) []string {
	t.Helper()
	body, _ := json.Marshal(obj{"analyzer": analyzer, "text": text})
	res, err := http.Post(url+"/"+index+"/_analyze", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var out struct {
		Tokens []struct {
			Token string `json:"token"`
		} `json:"tokens"`
	}
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("_analyze %s: status %d, %v", analyzer, res.StatusCode, err)
	}
	var terms []string
	for _, tok := range out.Tokens {
		terms = append(terms, tok.Token)
	}
	return terms
}

// osBuiltin names OpenSearch's built-in analyzer of each language, which
// the index does not use; the test reports how they differ from ours.
var osBuiltin = map[string]string{
	"da": "danish", "de": "german", "es": "spanish", "fi": "finnish", "fr": "french", "hu": "hungarian",
	"it": "italian", "nb": "norwegian", "nl": "dutch", "pt": "portuguese", "ro": "romanian", "ru": "russian",
	"sv": "swedish", "tr": "turkish", "zh": "cjk", "ja": "cjk", "ko": "cjk", "en": "english",
}

// TestAnalyzersAgreeWithOpenSearch analyses a news sentence in each
// language with the index's analyzers on a real node and with the
// in-process analyzers of package analysis, which the bleve engine and the
// query translation use: every term must be the same. It logs how
// OpenSearch's built-in language analyzers would have differed.
func TestAnalyzersAgreeWithOpenSearch(t *testing.T) {
	cfg := nodeConfig(t)
	e, err := Open(context.Background(), cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	raw, err := os.ReadFile("testdata/analysis_samples.json")
	if err != nil {
		t.Fatal(err)
	}
	var samples map[string]string
	if err := json.Unmarshal(raw, &samples); err != nil {
		t.Fatal(err)
	}
	codes := make([]string, 0, len(samples))
	for c := range samples {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	for _, code := range codes {
		text := samples[code]
		ours := engine.Tokens(analysis.ForLanguage(code), text)
		theirs := analyzeOn(t, cfg.URLs[0], e.concreteIndex(), osAnalyzerOf[analysis.ForLanguage(code)], text)
		if !slices.Equal(ours, theirs) {
			t.Errorf("%s: in process %q\n\ton OpenSearch %q", code, ours, theirs)
		}
		if b, ok := osBuiltin[code]; ok {
			builtin := analyzeOn(t, cfg.URLs[0], e.concreteIndex(), b, text)
			if d := termDiff(ours, builtin); d != "" {
				t.Logf("%s: OpenSearch's %s analyzer differs: %s", code, b, d)
			}
		}
	}
}

// termDiff describes the terms a has that b lacks and the reverse.
func termDiff(a, b []string) string {
	only := func(x, y []string) []string {
		var out []string
		for _, w := range x {
			if !slices.Contains(y, w) {
				out = append(out, w)
			}
		}
		return out
	}
	oa, ob := only(a, b), only(b, a)
	if len(oa) == 0 && len(ob) == 0 {
		return ""
	}
	return fmt.Sprintf("ours %q, theirs %q", oa, ob)
}
