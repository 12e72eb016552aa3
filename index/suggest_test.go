package index

import (
	"context"
	"fmt"
	"testing"
)

func TestSuggest(t *testing.T) {
	ix := openFixture(t)
	tests := []struct {
		prefix string
		want   string
	}{
		{"dum", "[analyst:Marie Dumoulin:1]"},
		{"MARIE", "[analyst:Marie Dumoulin:1]"},
		{"put", "[person:Vladimir Putin:1]"},
		{"rus", "[country:Russia:2]"},
		{"harb", "[source:Harbour Post:2]"},
		{"eu", "[organization:European Union:1]"}, // initials
		{"zzz", "[]"},
		{"", "[]"},
	}
	for _, tt := range tests {
		got, err := ix.Suggest(context.Background(), tt.prefix, 5)
		if err != nil {
			t.Fatal(err)
		}
		var s []string
		for _, g := range got {
			s = append(s, fmt.Sprintf("%s:%s:%d", g.Type, g.Value, g.Count))
		}
		if fmt.Sprint(s) != tt.want && !(len(s) == 0 && tt.want == "[]") {
			t.Errorf("Suggest(%q) = %v, want %s", tt.prefix, s, tt.want)
		}
	}
	if f := fold("Demirtaş Müller"); f != "demirtas muller" {
		t.Errorf("fold = %q", f)
	}
}

func BenchmarkSuggest(b *testing.B) {
	ix := openFixture(b)
	ix.Suggest(context.Background(), "a", 10)
	for b.Loop() {
		ix.Suggest(context.Background(), "ru", 10)
	}
}
