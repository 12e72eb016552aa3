package story

import (
	"strings"
	"testing"
)

func FuzzSign(f *testing.F) {
	f.Add("Port strike", "Dock workers stayed off the job for a second day.")
	f.Add("", "")
	f.Add("“Quoted”", "Korea’s troops, 12,000 of them, arrived.")
	f.Add("\xff\xfe", "日本 \x00 ü")
	f.Fuzz(func(t *testing.T, title, body string) {
		sig := Sign(title, body)
		s := sig.String()
		got, err := Parse(s)
		if err != nil {
			t.Fatalf("Parse(Sign(%q, %q).String()): %v", title, body, err)
		}
		if got.String() != s {
			t.Fatalf("Parse(%q).String() = %q", s, got.String())
		}
		want := 1.0
		if sig.IsZero() {
			want = 0
		}
		if sim := Similarity(sig, got); sim != want {
			t.Fatalf("Similarity(sig, Parse(sig.String())) = %v, want %v", sim, want)
		}
		if fp := Fingerprint(title, body); len(fp) != 24 {
			t.Fatalf("Fingerprint(%q, %q) = %q", title, body, fp)
		}
		_ = SimHashOf(title, body)
	})
}

func FuzzParse(f *testing.F) {
	f.Add("s1")
	f.Add(Sign("", "a text of more than three words").String())
	f.Add("s1" + strings.Repeat("A", 384))
	f.Add("s1" + strings.Repeat("_", 383))
	f.Add("m1" + strings.Repeat("A", 342))
	f.Add(string(Sign("", "a text of more than three words").AppendBinary(nil)))
	f.Fuzz(func(t *testing.T, s string) {
		if sig, err := ParseBinary([]byte(s)); err == nil {
			again, err := ParseBinary(sig.AppendBinary(nil))
			if err != nil || again.String() != sig.String() {
				t.Fatalf("ParseBinary(%q) does not round-trip: %v", s, err)
			}
		}
		sig, err := Parse(s)
		if err != nil {
			return
		}
		again, err := Parse(sig.String())
		if err != nil || again.String() != sig.String() {
			t.Fatalf("Parse(%q).String() = %q does not round-trip: %v", s, sig.String(), err)
		}
		_ = sig.Keys()
	})
}

func FuzzCanonicalURL(f *testing.F) {
	f.Add("http://www.Example.com/a/?utm_source=x#frag")
	f.Add("https://[::1]:80/")
	f.Fuzz(func(t *testing.T, raw string) {
		u, err := CanonicalURL(raw)
		if err != nil {
			return
		}
		again, err := CanonicalURL(u)
		if err != nil || again != u {
			t.Fatalf("CanonicalURL(%q) = %q, but CanonicalURL(%q) = %q, %v", raw, u, u, again, err)
		}
	})
}
