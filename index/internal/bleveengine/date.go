package bleveengine

import (
	"time"

	"github.com/blevesearch/bleve/v2"
	bq "github.com/blevesearch/bleve/v2/search/query"
)

// Dates. Since mapping version keywordDates, the published date of an
// article or quote is a keyword of its instant in UTC, written at a fixed
// width so that the order of the strings is the order of the times
// ("2024-10-01T08:30:00.000000000"), beside the day, month and year
// keywords the histograms count. bleve's date field indexed 16 numeric
// terms a date, a tenth of the index with the quotes' dates; the keyword
// is one term, and its doc values order hits sorted by date as the date
// field's did.
//
// A range is the union of the year, month and day keywords of the whole
// days it spans, largest first, and of the instants of its partial first
// and last days (a date-only `to` ends on its day's last nanosecond, a
// whole day). Each part is a term range over one field's dictionary: a
// few dozen day, month and year terms at most, and the instants of one
// day each.
const instantLayout = "2006-01-02T15:04:05.000000000"

// keywordDates is the first mapping version that keeps dates as keywords.
const keywordDates = 4

func instantOf(t time.Time) string { return t.UTC().Format(instantLayout) }

// The days the keywords can name: Format writes years of four digits.
var (
	firstDay = time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)
	lastDay  = time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)
)

func midnight(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// dateFields names the keyword fields of a kind of document's day, month
// and year. A quote's day and year have names of their own: the article
// histograms uninvert the day and year fields, and would read the quotes'
// postings too.
type dateFields struct{ day, month, year string }

var (
	articleDates = dateFields{fDay, fMonth, fYear}
	quoteDates   = dateFields{fQuoteDay, fMonth, fQuoteYear}
)

// dateRange returns the query of the documents published from since to
// until, inclusive (a zero bound is open), in an index of the given mapping
// version, over the date fields of their kind; nil when both are open.
func dateRange(since, until time.Time, version int, f dateFields) bq.Query {
	if since.IsZero() && until.IsZero() {
		return nil
	}
	if version < keywordDates {
		t := true
		q := bleve.NewDateRangeInclusiveQuery(since, until, &t, &t)
		q.SetField(fPublished)
		return q
	}
	since, until = since.UTC(), until.UTC()
	if !since.IsZero() && !until.IsZero() && since.After(until) {
		return bleve.NewMatchNoneQuery()
	}
	var parts []bq.Query
	// The whole days are lo to hi, inclusive.
	lo, hi := firstDay, lastDay
	first, last := firstDay, lastDay // the days of the bounds
	firstPart, lastPart := false, false
	if !since.IsZero() {
		first = midnight(since)
		lo, firstPart = first, !since.Equal(first)
	}
	if !until.IsZero() {
		last = midnight(until)
		hi, lastPart = last, !until.Equal(last.AddDate(0, 0, 1).Add(-time.Nanosecond))
	}
	if first.Equal(last) && (firstPart || lastPart) {
		from, to := first, last.AddDate(0, 0, 1).Add(-time.Nanosecond)
		if !since.IsZero() {
			from = since
		}
		if !until.IsZero() {
			to = until
		}
		return instantRange(from, to)
	}
	if firstPart {
		parts = append(parts, instantRange(since, first.AddDate(0, 0, 1).Add(-time.Nanosecond)))
		lo = first.AddDate(0, 0, 1)
	}
	if lastPart {
		parts = append(parts, instantRange(last, until))
		hi = last.AddDate(0, 0, -1)
	}
	if lo.Before(firstDay) {
		lo = firstDay
	}
	if hi.After(lastDay) {
		hi = lastDay
	}
	if !lo.After(hi) {
		parts = append(parts, f.wholeYears(lo, hi)...)
	}
	switch len(parts) {
	case 0:
		return bleve.NewMatchNoneQuery()
	case 1:
		return parts[0]
	}
	return bleve.NewDisjunctionQuery(parts...)
}

func instantRange(from, to time.Time) bq.Query {
	return termRange(fPublished, instantOf(from), instantOf(to))
}

func termRange(field, from, to string) bq.Query {
	t := true
	q := bleve.NewTermRangeInclusiveQuery(from, to, &t, &t)
	q.SetField(field)
	return q
}

// wholeYears returns the queries of the whole days lo to hi: the years
// they cover whole, and the months and days at either end.
func (f dateFields) wholeYears(lo, hi time.Time) []bq.Query {
	y1, y2 := lo.Year(), hi.Year()
	if lo.YearDay() != 1 {
		y1++
	}
	if hi.Month() != time.December || hi.Day() != 31 {
		y2--
	}
	if y1 > y2 {
		return f.wholeMonths(lo, hi)
	}
	start := time.Date(y1, 1, 1, 0, 0, 0, 0, time.UTC)
	end := time.Date(y2, 12, 31, 0, 0, 0, 0, time.UTC)
	parts := []bq.Query{termRange(f.year, start.Format(yearLayout), end.Format(yearLayout))}
	if lo.Before(start) {
		parts = append(parts, f.wholeMonths(lo, start.AddDate(0, 0, -1))...)
	}
	if hi.After(end) {
		parts = append(parts, f.wholeMonths(end.AddDate(0, 0, 1), hi)...)
	}
	return parts
}

// wholeMonths returns the queries of the whole days lo to hi: the months
// they cover whole, and the days at either end.
func (f dateFields) wholeMonths(lo, hi time.Time) []bq.Query {
	m1 := time.Date(lo.Year(), lo.Month(), 1, 0, 0, 0, 0, time.UTC)
	if !m1.Equal(lo) {
		m1 = m1.AddDate(0, 1, 0)
	}
	m2 := time.Date(hi.Year(), hi.Month(), 1, 0, 0, 0, 0, time.UTC) // the first day of the last whole month
	if !m2.AddDate(0, 1, -1).Equal(hi) {
		m2 = m2.AddDate(0, -1, 0)
	}
	if m1.After(m2) {
		return []bq.Query{termRange(f.day, lo.Format(dayLayout), hi.Format(dayLayout))}
	}
	parts := []bq.Query{termRange(f.month, m1.Format(monthLayout), m2.Format(monthLayout))}
	if lo.Before(m1) {
		parts = append(parts, termRange(f.day, lo.Format(dayLayout), m1.AddDate(0, 0, -1).Format(dayLayout)))
	}
	if end := m2.AddDate(0, 1, -1); hi.After(end) {
		parts = append(parts, termRange(f.day, end.AddDate(0, 0, 1).Format(dayLayout), hi.Format(dayLayout)))
	}
	return parts
}
