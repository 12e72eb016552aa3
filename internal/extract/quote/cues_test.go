package quote

import (
	"strings"
	"testing"
)

func TestSelectCues(t *testing.T) {
	counts := []CueCount{
		{Head: "declined", Labelled: 18, Seen: 19},
		{Head: "be expected", Labelled: 2, Seen: 21}, // labelled too rarely
		{Head: "aims", Labelled: 2, Seen: 2},         // too few
		{Head: "plans", Labelled: 6, Seen: 12},       // half: read
	}
	got := SelectCues(counts, 0.5, 3)
	for head, want := range map[string]bool{"declined": true, "plans": true, "be expected": false, "aims": false} {
		if got[head] != want {
			t.Errorf("SelectCues(…)[%q] = %v, want %v", head, got[head], want)
		}
	}
}

func TestFormatCuesReadsBack(t *testing.T) {
	counts := []CueCount{{Head: "plans", Labelled: 6, Seen: 12}, {Head: "be eager", Labelled: 4, Seen: 4}}
	b := string(FormatCues(counts, "a header\nof two lines"))
	if !strings.HasPrefix(b, "# a header\n# of two lines\n[learned]\nplans | 6 | 12\nbe eager | 4 | 4\n") {
		t.Errorf("FormatCues = %q", b)
	}
	for _, bad := range [][]string{{"plans", "6"}, {"plans", "7", "6"}, {"plans", "x", "6"}} {
		if _, err := parseCueLine(bad); err == nil {
			t.Errorf("parseCueLine(%q) succeeded, want an error", bad)
		}
	}
}

func TestDefaultCuesLearned(t *testing.T) {
	if len(DefaultCues()) == 0 {
		t.Fatal("DefaultCues() is empty: cues.txt has no head over the threshold")
	}
}
