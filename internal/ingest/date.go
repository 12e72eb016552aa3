package ingest

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// dateLayouts are the layouts ParseDate tries, after a leading weekday name
// has been dropped. Times without a zone are taken as UTC.
var dateLayouts = []string{
	time.RFC3339Nano, // 2006-01-02T15:04:05.999999999Z07:00, fraction optional
	"2006-01-02T15:04:05.999999999Z0700",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999 Z07:00",
	"2006-01-02 15:04:05.999999999 -0700",
	"2006-01-02 15:04:05.999999999 -0700 MST",
	"2006-01-02 15:04:05.999999999 MST",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02 15:04",
	"2006-01-02",
	"2006/01/02 15:04:05",
	"2006/01/02",
	"2006-01-02T15:04:05.999999999Z07:00[MST]",

	// RFC 1123 and RFC 822 (feeds), the weekday already dropped.
	"2 Jan 2006 15:04:05 -0700",
	"2 Jan 2006 15:04:05 MST",
	"2 Jan 2006 15:04:05 -0700 (MST)",
	"2 Jan 2006 15:04 -0700",
	"2 Jan 2006 15:04 MST",
	"2 Jan 06 15:04:05 -0700",
	"2 Jan 06 15:04:05 MST",
	"2 Jan 06 15:04 -0700",
	"2 Jan 06 15:04 MST",
	"2 Jan 2006 15:04:05",
	"2 Jan 2006",
	"2 January 2006 15:04:05 -0700",
	"2 January 2006 15:04 MST",
	"2 January 2006",

	// Month first, as English prose writes dates.
	"January 2, 2006 15:04:05 -0700",
	"January 2, 2006 15:04 MST",
	"January 2, 2006 3:04 PM MST",
	"January 2, 2006 3:04 PM",
	"January 2, 2006 3:04PM",
	"January 2, 2006 15:04",
	"January 2, 2006",
	"Jan 2, 2006 3:04 PM MST",
	"Jan 2, 2006 3:04 PM",
	"Jan 2, 2006 15:04",
	"Jan 2, 2006",
	"January 2 2006",
	"Jan 2 2006",
	"Jan 2 15:04:05 2006",       // ANSI C
	"Jan 2 15:04:05 MST 2006",   // Unix date
	"Jan 2 15:04:05 -0700 2006", // Ruby date
}

// zoneOffsets gives the offsets of the zone names news sources write. Go
// does not know most abbreviations and would read them as UTC.
var zoneOffsets = map[string]int{
	"UT": 0, "UTC": 0, "GMT": 0, "Z": 0, "WET": 0, "BST": 1, "IST": 5*60 + 30,
	"EST": -5 * 60, "EDT": -4 * 60, "CST": -6 * 60, "CDT": -5 * 60,
	"MST": -7 * 60, "MDT": -6 * 60, "PST": -8 * 60, "PDT": -7 * 60,
	"AKST": -9 * 60, "AKDT": -8 * 60, "HST": -10 * 60,
	"CET": 60, "CEST": 2 * 60, "EET": 2 * 60, "EEST": 3 * 60, "MSK": 3 * 60,
	"JST": 9 * 60, "KST": 9 * 60, "HKT": 8 * 60, "SGT": 8 * 60, "AEST": 10 * 60, "AEDT": 11 * 60,
}

// dateWords rewrites the words of prose dates that the layouts do not know.
var dateWords = strings.NewReplacer("a.m.", "AM", "p.m.", "PM", " am", " AM", " pm", " PM",
	"Sept ", "Sep ", " at ", " ")

// ParseDate parses the dates news sources write: RFC 3339 with or without
// fraction and zone, plain dates and date-times, RFC 1123 and RFC 822 with
// numeric or named zones, "January 2, 2006", "2 January 2006", and Unix
// seconds (or milliseconds). Times without a zone are UTC.
func ParseDate(s string) (time.Time, error) {
	v := strings.Join(strings.Fields(s), " ")
	if v == "" {
		return time.Time{}, fmt.Errorf("cannot parse date %q", s)
	}
	if t, ok := parseUnix(v); ok {
		return t, nil
	}
	v = dropWeekday(v)
	v = dateWords.Replace(v)
	for _, layout := range dateLayouts {
		t, err := time.Parse(layout, v)
		if err != nil {
			continue
		}
		return fixZone(t), nil
	}
	return time.Time{}, fmt.Errorf("cannot parse date %q", s)
}

// parseUnix reads a string of digits as Unix seconds, or milliseconds when
// it has 13 digits.
func parseUnix(v string) (time.Time, bool) {
	if len(v) < 9 || len(v) > 13 {
		return time.Time{}, false
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 {
		return time.Time{}, false
	}
	return unixTime(float64(n)), true
}

// unixTime converts Unix seconds, or milliseconds when the number is too
// large to be seconds, to a UTC time.
func unixTime(n float64) time.Time {
	if n > 1e11 {
		return time.UnixMilli(int64(n)).UTC()
	}
	sec := int64(n)
	return time.Unix(sec, int64((n-float64(sec))*1e9)).UTC()
}

// dropWeekday removes a leading weekday name and the comma after it.
func dropWeekday(v string) string {
	i := strings.IndexAny(v, ", ")
	if i <= 0 {
		return v
	}
	w := strings.ToLower(strings.TrimSuffix(v[:i], "."))
	for d := time.Sunday; d <= time.Saturday; d++ {
		long := strings.ToLower(d.String())
		if w == long || w == long[:3] {
			return strings.TrimLeft(v[i:], ", ")
		}
	}
	return v
}

// fixZone gives a time parsed with a zone abbreviation the offset of that
// zone, which time.Parse only knows for the local zone.
func fixZone(t time.Time) time.Time {
	name, off := t.Zone()
	if want, ok := zoneOffsets[name]; ok && want*60 != off {
		return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(),
			time.FixedZone(name, want*60))
	}
	return t
}
