package quote

import (
	"testing"

	"github.com/newsindex/newsindex/internal/extract/entity"
)

// attributed runs text through extraction as production does and returns
// its first quotation as the rules left it and the Quote made of it.
func attributed(t *testing.T, text string) (*rawQuote, Quote) {
	t.Helper()
	d := newDoc(text, entity.Extract(text))
	d.ranker = defaultRanker()
	d.run()
	out := d.output()
	if len(d.quotes) == 0 {
		t.Fatalf("%q: no quotation found", text)
	}
	q := d.quotes[0]
	for _, x := range out {
		if x.Start <= q.start && q.start < x.End {
			return q, x
		}
	}
	t.Fatalf("%q: the first quotation is not in the output", text)
	return nil, Quote{}
}

// TestFrameRules runs the example of every frame rule: its first quotation
// must be attributed by that rule, no earlier one, to the speaker given.
func TestFrameRules(t *testing.T) {
	for _, r := range frameRules {
		t.Run(r.name, func(t *testing.T) {
			q, x := attributed(t, r.example)
			if q.rule != r.name || x.Speaker != r.speaker {
				t.Errorf("%q: rule %q, speaker %q; want rule %q, speaker %q", r.example, q.rule, x.Speaker, r.name, r.speaker)
			}
		})
	}
}

// TestRightRules runs the example of every rule of rightRules.
func TestRightRules(t *testing.T) {
	for _, r := range rightRules {
		t.Run(r.name, func(t *testing.T) {
			q, x := attributed(t, r.example)
			if q.rule != "after the quotation" || q.rightRule != r.name || x.Speaker != r.speaker {
				t.Errorf("%q: rule %q/%q, speaker %q; want rule %q/%q, speaker %q", r.example, q.rule, q.rightRule, x.Speaker,
					"after the quotation", r.name, r.speaker)
			}
		})
	}
}

// TestLeftRules runs the example of every rule of leftRules.
func TestLeftRules(t *testing.T) {
	for _, r := range leftRules {
		t.Run(r.name, func(t *testing.T) {
			q, x := attributed(t, r.example)
			if q.rule != "before the quotation" || q.leftRule != r.name || x.Speaker != r.speaker {
				t.Errorf("%q: rule %q/%q, speaker %q; want rule %q/%q, speaker %q", r.example, q.rule, q.leftRule, x.Speaker,
					"before the quotation", r.name, r.speaker)
			}
		})
	}
}
