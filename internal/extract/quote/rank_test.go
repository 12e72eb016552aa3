package quote

import (
	"testing"

	"github.com/newsindex/newsindex/internal/extract/entity"
)

var sameSpeakerTests = []struct {
	a, b string
	want bool
}{
	{"Vladimir Putin", "Putin", true},
	{"Mr. Emanuel", "Rahm Emanuel", true},
	{"the Washington Post", "Washington Post", true},
	{"Hillary Clinton", "Bill Clinton", false},
	{"Hillary", "Hillary Clinton", false},
	{"Trump's", "Donald Trump", true},
	{"", "Trump", false},
}

func TestSameSpeaker(t *testing.T) {
	for _, tt := range sameSpeakerTests {
		if got := sameSpeaker(tt.a, tt.b); got != tt.want {
			t.Errorf("sameSpeaker(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

// TestTrainRanker trains on a small labelled article and checks that the
// weights load and rank.
func TestTrainRanker(t *testing.T) {
	text := "Jane Doe met John Smith on Monday.\n\n“We will win this race easily,” Smith said.\n\n“The plan is ready for the voters,” she said."
	arts := []Labelled{{Text: text, Quotes: []LabelledQuote{
		{Start: 38, End: 66, Speaker: "John Smith"},
	}}}
	b, n, err := TrainRanker(arts, 3)
	if err != nil {
		t.Fatalf("TrainRanker: %v", err)
	}
	if n == 0 || len(b) == 0 {
		t.Fatalf("TrainRanker = %d bytes from %d examples, want some", len(b), n)
	}
	if _, _, err := TrainRanker(nil, 3); err == nil {
		t.Errorf("TrainRanker(nil) succeeded, want an error")
	}
	if qs := Extract(text, entity.Extract(text)); len(qs) != 2 || qs[0].Speaker != "John Smith" {
		t.Errorf("Extract = %+v, want two quotations, the first by John Smith", qs)
	}
}

// TestRankNamesOneWhoSpeaks: a quotation that reads as speech and that its
// sentence gives no one goes to the ranker's best candidate when that
// person speaks elsewhere in the article; a term, or words the sentence
// gives someone described, do not.
func TestRankNamesOneWhoSpeaks(t *testing.T) {
	tests := []struct {
		text, quote, speaker string
	}{
		{"Harbour\n\n“The cranes are ready for the ships,” said Ilse Brandt, the harbour master.\n\n" +
			"The port opened on Monday after two years of work, and ferries will follow in the spring.\n\n" +
			"“We will need more workers by the summer, and we will train them here.”",
			"We will need more workers", "Ilse Brandt"},
		{"Harbour\n\n“The cranes are ready for the ships,” said Ilse Brandt, the harbour master.\n\n" +
			"The port opened on Monday after two years of work, and ferries will follow in the spring.\n\n" +
			"In a statement, the city council called the port “the best thing to happen to this town in fifty years.”",
			"the best thing to happen", ""},
	}
	for _, tt := range tests {
		qs := Extract(tt.text, entity.Extract(tt.text))
		q, ok := find(qs, tt.quote)
		if !ok || q.Speaker != tt.speaker {
			t.Errorf("Extract(%q): %q by %q, want %q; got%s", tt.text, tt.quote, q.Speaker, tt.speaker, formatQuotes(qs))
		}
	}
}
