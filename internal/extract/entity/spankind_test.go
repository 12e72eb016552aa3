package entity

import (
	"bytes"
	"testing"
)

// TestTrainSpanKindsReproducible checks that the trainer writes the same
// bytes for the same examples, and that the model it writes reads back
// and decides as it was fitted, within the changes it allows.
func TestTrainSpanKindsReproducible(t *testing.T) {
	exs := []SpanExample{
		{Name: "Chg White Chg", Kind: "PER", Features: []string{"bias", "k=PER", "line:nums3"}},
		{Name: "Loren Roberts", Kind: "PER", Features: []string{"bias", "first:given", "k=PER"}},
		{Name: "Ferrari F40", Kind: "ORG", Features: []string{"bias", "k=ORG", "w:digit"}},
		{Name: "Nokia", Kind: "ORG", Features: []string{"bias", "k=ORG", "next=shares"}},
	}
	labels := []string{"O", "PER", "MISC", "ORG"}
	allow := []string{"PER>O", "ORG>MISC"}
	a, err := TrainSpanKinds(exs, labels, 100, 0.5, allow)
	if err != nil {
		t.Fatal(err)
	}
	b, err := TrainSpanKinds(exs, labels, 100, 0.5, allow)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Fatal("TrainSpanKinds wrote different bytes for the same examples")
	}
	k, err := ParseSpanKinds(a)
	if err != nil {
		t.Fatal(err)
	}
	for i, ex := range exs {
		if got := k.Decide(ex); got != labels[i] {
			t.Errorf("Decide(%q) = %s, want %s", ex.Name, got, labels[i])
		}
	}
	// a change the model is not allowed makes no change
	if got := k.Allowing([]string{"PER>O"}).Decide(exs[2]); got != "ORG" {
		t.Errorf("Decide(%q) allowing PER>O only = %s, want ORG", exs[2].Name, got)
	}
}
