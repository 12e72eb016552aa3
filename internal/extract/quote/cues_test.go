package quote

import "testing"

func TestSelectCues(t *testing.T) {
	counts := []CueCount{
		{Head: "declined", Labelled: 18, Seen: 19},
		{Head: "be expected", Labelled: 2, Seen: 21}, // labelled too rarely
		{Head: "aims", Labelled: 2, Seen: 2},         // too few
		{Head: "plans", Labelled: 6, Seen: 12},       // half: read
		{Head: "opposed", Kind: Object, Labelled: 9, Seen: 12},
		{Head: "met", Kind: Object, Labelled: 3, Seen: 40},
	}
	got := SelectCues(counts, 0.5, 3)
	for _, tt := range []struct {
		kind CueKind
		head string
		want bool
	}{
		{Proposition, "declined", true}, {Proposition, "plans", true}, {Proposition, "be expected", false},
		{Proposition, "aims", false}, {Object, "opposed", true}, {Object, "met", false},
		{Proposition, "opposed", false}, {Object, "declined", false},
	} {
		if got.heads(tt.kind)[tt.head] != tt.want {
			t.Errorf("SelectCues(…) kind %d [%q] = %v, want %v", tt.kind, tt.head, !tt.want, tt.want)
		}
	}
}

func TestFormatCuesReadsBack(t *testing.T) {
	counts := []CueCount{{Head: "plans", Labelled: 6, Seen: 12}, {Head: "opposed", Kind: Object, Labelled: 9, Seen: 12},
		{Head: "be eager", Labelled: 4, Seen: 4}}
	b := string(FormatCues(counts, "a header\nof two lines"))
	want := "# a header\n# of two lines\n[learned]\nplans | 6 | 12\nbe eager | 4 | 4\n\n[learned-object]\nopposed | 9 | 12\n"
	if b != want {
		t.Errorf("FormatCues = %q, want %q", b, want)
	}
	for _, bad := range [][]string{{"plans", "6"}, {"plans", "7", "6"}, {"plans", "x", "6"}} {
		if _, err := parseCueLine(bad); err == nil {
			t.Errorf("parseCueLine(%q) succeeded, want an error", bad)
		}
	}
}

func TestDefaultCuesLearned(t *testing.T) {
	if len(DefaultCues().Proposition) == 0 {
		t.Fatal("DefaultCues() reads no head before a proposition: cues.txt has none over the threshold")
	}
}
