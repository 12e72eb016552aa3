package analysis

import "testing"

func TestTextField(t *testing.T) {
	for _, c := range []struct{ base, code, want string }{
		{"body", "en", "body"},
		{"body", "und", "body"},
		{"body", "", "body"},
		{"title", "fr", "title_fr"},
		{"body", "nb", "body_nb"},
		{"body", "zh", "body_cjk"},
		{"quote", "ko", "quote_cjk"},
		{"body", "ar", "body_neutral"},
		{"body", "xx", "body_neutral"},
	} {
		if got := TextField(c.base, c.code); got != c.want {
			t.Errorf("TextField(%q, %q) = %q, want %q", c.base, c.code, got, c.want)
		}
	}
}

func TestTextFieldsCoverEveryAnalyzer(t *testing.T) {
	fields := TextFields("body")
	if len(fields) != len(Analyzers()) || fields[0].Field != "body" || fields[0].Analyzer != AnalyzerName {
		t.Fatalf("TextFields(body) = %v", fields)
	}
	seen := map[string]bool{}
	for _, f := range fields {
		if seen[f.Field] {
			t.Errorf("field %s twice", f.Field)
		}
		seen[f.Field] = true
	}
	for _, code := range []string{"fr", "de", "ja", "el"} {
		if !seen[TextField("body", code)] {
			t.Errorf("TextField(body, %s) is not among TextFields", code)
		}
	}
}
