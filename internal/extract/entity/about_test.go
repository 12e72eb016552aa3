package entity

import (
	"bytes"
	"slices"
	"testing"
)

func TestAboutCountries(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"dateline", "COCOA REVIEW\n\nSALVADOR, Feb 26 - Showers continued throughout the week in the cocoa zone, traders said.\n    Arrivals were 155,221 bags.",
			[]string{"Brazil"}},
		{"title and lead", "Japan cuts rates\n\nJapan's central bank cut its discount rate on Friday, officials said.\n    The cut was expected.",
			[]string{"Japan"}},
		{"once in passing, at the end", "Canadian steel output rises\n\nSteel output at Canada's three largest mills rose 12 pct in the quarter, it said, on strong demand from car makers and builders.\n\n" +
			"Shipments rose to 4.2 mln tonnes from 3.8 mln a year earlier, and the company said prices held firm through March.\n\n" +
			"The company said it would spend 300 mln dlrs on a new rolling mill.\n\n" +
			"It expects output to rise again in the second quarter, when two furnaces return from repairs and the new contracts with " +
			"car makers take effect, the company said in a statement issued after the markets closed on Thursday.\n\n" +
			"Analysts said the results were better than expected. Demand from builders has been strong since the autumn, and " +
			"inventories at the service centres that buy from the mills have fallen for five months in a row, they said.\n\n" +
			"The company's shares rose 25 cts to 18-3/4 dlrs in heavy trading. Its new mill will use technology licensed from a Swedish firm.", []string{"Canada"}},
		{"a demonym before a currency", "Bank issues bond\n\nThe World Bank is issuing a 75 mln Australian dlr bond due 1992, paying 14-1/2 pct and priced at 101, lead manager Hambros Bank said.\n\n" +
			"The non-callable bond is available in denominations of 1,000 dlrs and will be listed in Luxembourg.\n\n" +
			"Fees total two pct, the lead manager said, and payment is due on April 2.", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Extract(tt.text).Countries; !slices.Equal(got, tt.want) {
				t.Errorf("Extract(%q).Countries = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestAboutModelRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	if _, err := defaultAbout.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	m, err := ReadAboutModel(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(m.Weights, defaultAbout.Weights) || m.Threshold != defaultAbout.Threshold {
		t.Errorf("ReadAboutModel(WriteTo(m)) = %v, want %v", m, defaultAbout)
	}
	if _, err := ReadAboutModel(bytes.NewReader([]byte(`{"features":["bias"],"weights":[1],"threshold":0.5}`))); err == nil {
		t.Error("ReadAboutModel(a model of other features) = nil error, want one")
	}
}
