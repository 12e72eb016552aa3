package story

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// readFixture returns the title (first line) and body of testdata/name.
func readFixture(t testing.TB, name string) (title, body string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	title, body, _ = strings.Cut(string(b), "\n")
	return title, strings.TrimSpace(body)
}

const seedDir = "../../../shared/seed"

// seed returns the seed article's title and text and the paragraphs that
// its annotation marks as boilerplate (site header and a pasted teaser).
func seed(t *testing.T) (title, text string, boilerplate []string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(seedDir, "article.txt"))
	if err != nil {
		t.Skipf("no seed article: %v", err)
	}
	j, err := os.ReadFile(filepath.Join(seedDir, "expected.json"))
	if err != nil {
		t.Skipf("no seed annotation: %v", err)
	}
	var want struct {
		Title       string   `json:"title"`
		Boilerplate []string `json:"boilerplate"`
	}
	if err := json.Unmarshal(j, &want); err != nil {
		t.Fatal(err)
	}
	return want.Title, string(b), want.Boilerplate
}

// respin returns a copy of the seed as another site would publish it: its
// own header, another pasted teaser and a reworded first paragraph.
func respin(t *testing.T, title, text string, boilerplate []string) string {
	t.Helper()
	drop := make(map[string]bool)
	for _, p := range boilerplate {
		drop[p] = true
	}
	var paras []string
	for _, p := range strings.Split(text, "\n") {
		if p = strings.TrimSpace(p); p != "" && !drop[p] {
			paras = append(paras, p)
		}
	}
	// The first paragraph after the title is the lead: reword it.
	lead := -1
	for i, p := range paras {
		if p != title && len(strings.Fields(p)) > 20 {
			lead = i
			break
		}
	}
	if lead < 0 {
		t.Fatal("seed: no lead paragraph")
	}
	reword := strings.NewReplacer(
		"The deployment of", "Sending", "to help", "to assist", "is unlikely", "is not expected",
		"significant", "major", "on the ground", "on the battlefield", "could impact", "may affect",
		"and elsewhere", "and beyond", ", analysts said", ", according to analysts")
	paras[lead] = reword.Replace(paras[lead])
	if paras[lead] == text {
		t.Fatal("seed: lead not reworded")
	}
	header := []string{"Menu", "The Evening Dispatch", "Independent news from around the world", "Subscribe", title, "By staff reporters"}
	teaser := []string{"Read more", "Flood defences fail as river bursts its banks in three towns",
		"Emergency crews worked through the night to evacuate residents after the river rose to its highest level in forty years."}
	mid := len(paras) / 2
	out := append(header, paras[:mid]...)
	out = append(out, teaser...)
	out = append(out, paras[mid:]...)
	return strings.Join(out, "\n\n")
}

func TestSeedStory(t *testing.T) {
	title, text, boilerplate := seed(t)
	copyText := respin(t, title, text, boilerplate)
	orig, spun := Sign(title, text), Sign(title, copyText)
	t.Logf("Similarity(seed, respun seed) = %.2f", Similarity(orig, spun))
	if s := Similarity(orig, spun); s < Same {
		t.Errorf("Similarity(seed, respun seed) = %.2f, want >= %.2f", s, Same)
	}
	g := NewGrouper()
	g.Add("seed", orig)
	if got, _ := g.Add("copy", spun); got != "seed" {
		t.Errorf("story of respun seed = %q, want %q", got, "seed")
	}
	for _, name := range []string{"nk_troops_intelligence.txt", "nk_troops_nato.txt"} {
		ti, bo := readFixture(t, name)
		sig := Sign(ti, bo)
		t.Logf("Similarity(seed, %s) = %.2f", name, Similarity(orig, sig))
		if s := Similarity(orig, sig); s >= Same {
			t.Errorf("Similarity(seed, %s) = %.2f, want < %.2f", name, s, Same)
		}
		if got, _ := g.Add(name, sig); got != name {
			t.Errorf("story of %s = %q, want a story of its own", name, got)
		}
	}
}

func TestSameTopicDifferentStories(t *testing.T) {
	a, b := Sign(readFixture(t, "nk_troops_intelligence.txt")), Sign(readFixture(t, "nk_troops_nato.txt"))
	if s := Similarity(a, b); s >= Same/2 {
		t.Errorf("Similarity(intelligence, nato) = %.2f, want < %.2f", s, Same/2)
	}
}

func TestSimilarity(t *testing.T) {
	title, body := readFixture(t, "typical.txt")
	paras := strings.Split(body, "\n\n")
	tests := []struct {
		name        string
		title, body string
		lo, hi      float64 // want lo <= Similarity <= hi
	}{
		{"identical", title, body, 1, 1},
		{"case and spacing", strings.ToUpper(title), strings.Join(strings.Fields(body), "  "), 1, 1},
		{"curly quotes", title, strings.ReplaceAll(body, `"`, "“"), 1, 1},
		{"another headline", "Dockers strike again, ships queue offshore", body, Same, 1},
		{"last paragraph cut", title, strings.Join(paras[:len(paras)-1], "\n\n"), Same, 1},
		{"new lead", title, "Ships queued outside the main ports on Tuesday as a dock strike went into a second day.\n\n" + strings.Join(paras[1:], "\n\n"), Same, 1},
		{"one paragraph", title, paras[1], 0, Same},
		{"empty", "", "", 0, 0},
		{"punctuation only", "—", "… !!", 0, 0},
	}
	orig := Sign(title, body)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := Similarity(orig, Sign(tt.title, tt.body))
			if s < tt.lo || s > tt.hi {
				t.Errorf("Similarity = %.2f, want in [%.2f, %.2f]", s, tt.lo, tt.hi)
			}
		})
	}
}

// TestSignatureBinary: the compact binary form lists a few figures and
// keeps many raw, and the raw form of older stores still reads the same.
func TestSignatureBinary(t *testing.T) {
	var many []string
	for i := range 40 {
		many = append(many, fmt.Sprintf("rose %d.%d percent", i, i+1))
	}
	for _, text := range []string{"", "a text of more than three words", "sales rose 5.2 pct to 310 mln dlrs in 1986, from 295 mln", strings.Join(many, ", ")} {
		sig := Sign("", text)
		raw := []byte{binaryPrefix}
		if !sig.IsZero() {
			for _, v := range sig.m {
				raw = binary.LittleEndian.AppendUint16(raw, v)
			}
			for _, v := range sig.f {
				raw = binary.LittleEndian.AppendUint64(raw, v)
			}
		}
		bin := sig.AppendBinary(nil)
		for _, b := range [][]byte{raw, bin} {
			got, err := ParseBinary(b)
			if err != nil || got.String() != sig.String() {
				t.Errorf("ParseBinary(%.3q…) of Sign(%.30q) = %v, %v; want %v", b, text, got, err, sig)
			}
		}
		if want := 1 + 2*Bins + 1 + min(sig.f.Len(), 32); !sig.IsZero() && sig.f.Len() < 32 && len(bin) != want {
			t.Errorf("compact form of Sign(%.30q): %d bytes, want %d", text, len(bin), want)
		}
		t.Logf("%d figures: %d bytes (raw %d)", sig.f.Len(), len(bin), len(raw))
	}
}

func TestSignatureString(t *testing.T) {
	for _, text := range []string{"", "one", "two words", "a text of more than three words", strings.Repeat("many words here ", 200)} {
		sig := Sign("", text)
		s := sig.String()
		got, err := Parse(s)
		if err != nil {
			t.Fatalf("Parse(%q): %v", s, err)
		}
		if got.String() != s || (text != "" && Similarity(got, sig) != 1) {
			t.Errorf("Parse(Sign(%q).String()) = %v, want %v", text, got, sig)
		}
		bin := sig.AppendBinary(nil)
		fromBin, err := ParseBinary(bin)
		if err != nil || fromBin.String() != s {
			t.Errorf("ParseBinary(Sign(%q).AppendBinary) = %v, %v; want %v", text, fromBin, err, sig)
		}
		if fromText, err := ParseBinary([]byte(s)); err != nil || fromText.String() != s {
			t.Errorf("ParseBinary of the text form %q = %v, %v", s, fromText, err)
		}
		if text != "" && len(bin) >= len(s) {
			t.Errorf("binary form of %d bytes is no smaller than the text form's %d", len(bin), len(s))
		}
		if sig.IsZero() != (text == "") {
			t.Errorf("Sign(%q).IsZero() = %v", text, sig.IsZero())
		}
		if n := len(sig.Keys()); !sig.IsZero() && n != Bands || sig.IsZero() && n != 0 {
			t.Errorf("len(Sign(%q).Keys()) = %d", text, n)
		}
	}
	for _, bad := range []string{"", "x", "m2abc", "m1!!!", "m1AAAA"} {
		if _, err := Parse(bad); err == nil {
			t.Errorf("Parse(%q) succeeded, want an error", bad)
		}
	}
	for _, bad := range []string{"", "b\x00", "bAAAA", "x", "c\x00", "cAAAA" + strings.Repeat("A", 2*Bins) + "\x01"} {
		if _, err := ParseBinary([]byte(bad)); err == nil {
			t.Errorf("ParseBinary(%q) succeeded, want an error", bad)
		}
	}
}

func TestGrouperWindow(t *testing.T) {
	sig := Sign(readFixture(t, "typical.txt"))
	day := time.Date(2024, 10, 25, 9, 0, 0, 0, time.UTC)
	stream := []struct {
		id    string
		when  time.Time
		story string
	}{
		{"mon", day, "mon"},
		{"tue", day.Add(24 * time.Hour), "mon"},
		{"next-month", day.Add(30 * 24 * time.Hour), "next-month"},
		{"undated", time.Time{}, "mon"},
		{"next-month-2", day.Add(31 * 24 * time.Hour), "next-month"},
	}
	g := NewGrouper()
	g.Window = Window
	for _, a := range stream {
		if got, _ := g.AddAt(a.id, sig, a.when); got != a.story {
			t.Errorf("AddAt(%q, %v) story = %q, want %q", a.id, a.when, got, a.story)
		}
	}
}

func TestGrouper(t *testing.T) {
	title, body := readFixture(t, "typical.txt")
	paras := strings.Split(body, "\n\n")
	ti, bo := readFixture(t, "nk_troops_intelligence.txt")
	tn, bn := readFixture(t, "nk_troops_nato.txt")
	stream := []struct {
		id, title, body string
		story           string
	}{
		{"a1", title, body, "a1"},
		{"b1", ti, bo, "b1"},
		{"a2", "Dock strike goes on", strings.Join(paras[:3], "\n\n"), "a1"},
		{"c1", tn, bn, "c1"},
		{"a3", title, body + "\n\nTalks are due to resume on Thursday.", "a1"},
		{"e1", "", "", "e1"},
		{"e2", "", "", "e2"},
		{"b2", strings.ToLower(ti), bo, "b1"},
	}
	g := NewGrouper()
	for _, a := range stream {
		if got, _ := g.Add(a.id, Sign(a.title, a.body)); got != a.story {
			t.Errorf("Add(%q) story = %q, want %q", a.id, got, a.story)
		}
	}
	if got, want := g.Stories(), 5; got != want {
		t.Errorf("Stories() = %d, want %d", got, want)
	}
	if got, want := g.Len(), len(stream); got != want {
		t.Errorf("Len() = %d, want %d", got, want)
	}
}
