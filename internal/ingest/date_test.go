package ingest

import (
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in, want string // want in RFC 3339, "" for an error
	}{
		{"2024-03-01T10:00:00Z", "2024-03-01T10:00:00Z"},
		{"2024-03-01T10:00:00.123456Z", "2024-03-01T10:00:00.123456Z"},
		{"2024-03-01T10:00:00+05:30", "2024-03-01T10:00:00+05:30"},
		{"2024-03-01T10:00:00.5-0700", "2024-03-01T10:00:00.5-07:00"},
		{"2024-03-01T10:00:00", "2024-03-01T10:00:00Z"},
		{"2024-03-01T10:00", "2024-03-01T10:00:00Z"},
		{"2024-03-01", "2024-03-01T00:00:00Z"},
		{"2024-03-01 10:00:00", "2024-03-01T10:00:00Z"},
		{"2024-03-01 10:00:00 +0100", "2024-03-01T10:00:00+01:00"},
		{"2024-03-01 10:00:00.000000", "2024-03-01T10:00:00Z"},
		{"2024/03/01", "2024-03-01T00:00:00Z"},
		{"Mon, 02 Jan 2006 15:04:05 -0700", "2006-01-02T15:04:05-07:00"},
		{"Mon, 2 Jan 2006 15:04:05 -0700", "2006-01-02T15:04:05-07:00"},
		{"Mon, 02 Jan 2006 15:04:05 GMT", "2006-01-02T15:04:05Z"},
		{"Mon, 02 Jan 2006 15:04:05 EST", "2006-01-02T15:04:05-05:00"},
		{"Mon, 02 Jan 2006 15:04:05 PDT", "2006-01-02T15:04:05-07:00"},
		{"Mon, 02 Jan 06 15:04 EDT", "2006-01-02T15:04:00-04:00"},
		{"02 Jan 2006 15:04:05 +0000", "2006-01-02T15:04:05Z"},
		{"Monday, 02-Jan-06 15:04:05 MST", ""},
		{"January 2, 2006", "2006-01-02T00:00:00Z"},
		{"Jan 2, 2006", "2006-01-02T00:00:00Z"},
		{"Sept 9, 2024", "2024-09-09T00:00:00Z"},
		{"Monday, January 2, 2006", "2006-01-02T00:00:00Z"},
		{"January 2, 2006 at 3:04 PM", "2006-01-02T15:04:00Z"},
		{"January 2, 2006 3:04 p.m. EST", "2006-01-02T15:04:00-05:00"},
		{"2 January 2006", "2006-01-02T00:00:00Z"},
		{"2 Jan 2006", "2006-01-02T00:00:00Z"},
		{"  2   January   2006 ", "2006-01-02T00:00:00Z"},
		{"1709287200", "2024-03-01T10:00:00Z"},
		{"1709287200000", "2024-03-01T10:00:00Z"},
		{"Mon Jan  2 15:04:05 2006", "2006-01-02T15:04:05Z"},
		{"next tuesday", ""},
		{"", ""},
		{"2024", ""},
		{"2024-13-45", ""},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in)
		if tt.want == "" {
			if err == nil {
				t.Errorf("ParseDate(%q) = %v, want an error", tt.in, got)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseDate(%q) error: %v", tt.in, err)
			continue
		}
		if s := got.Format(time.RFC3339Nano); s != tt.want {
			t.Errorf("ParseDate(%q) = %s, want %s", tt.in, s, tt.want)
		}
	}
}

func TestParseDateError(t *testing.T) {
	_, err := ParseDate("next tuesday")
	if want := `cannot parse date "next tuesday"`; err == nil || err.Error() != want {
		t.Errorf("ParseDate(next tuesday) error = %v, want %s", err, want)
	}
}
