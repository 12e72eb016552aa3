package ingest

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// collect reads input named name and returns its records; an error from
// Read fails the test.
func collect(t *testing.T, name, input string) []Record {
	t.Helper()
	var recs []Record
	err := Read(strings.NewReader(input), name, func(r Record) error {
		recs = append(recs, r)
		return nil
	})
	if err != nil {
		t.Fatalf("Read(%s) = %v", name, err)
	}
	return recs
}

// summary prints a record on one line for table tests: where, then the
// error or the fields that are set.
func summary(r Record) string {
	if r.Err != nil {
		return r.Where() + " error: " + r.Err.Error()
	}
	a := r.Article
	var parts []string
	add := func(k, v string) {
		if v != "" {
			parts = append(parts, fmt.Sprintf("%s=%q", k, v))
		}
	}
	add("id", a.ID)
	add("title", a.Title)
	add("body", a.Body)
	add("url", a.URL)
	if !a.Published.IsZero() {
		add("published", a.Published.Format(time.RFC3339))
	}
	add("source", a.Source)
	add("author", a.Author)
	add("category", a.Category)
	add("language", a.Language)
	return r.Where() + " " + strings.Join(parts, " ")
}

func summaries(recs []Record) []string {
	out := make([]string, len(recs))
	for i, r := range recs {
		out[i] = summary(r)
	}
	return out
}

func TestReadJSONL(t *testing.T) {
	tests := []struct {
		name  string
		input string
		want  []string
	}{
		{"project shape",
			`{"id":"a1","title":"T","body":"B","published":"2024-03-01T10:00:00Z","source":"Wire","category":"World","author":"Ann"}`,
			[]string{`x.jsonl:1 id="a1" title="T" body="B" published="2024-03-01T10:00:00Z" source="Wire" author="Ann" category="World"`}},
		{"news-please names",
			`{"title":"T","maintext":"Full text here.","description":"Short.","date_publish":"2024-03-01 10:00:00","authors":["Ann Lee","Bo Ma"],"source_domain":"example.com","url":"https://example.com/a","language":"en"}`,
			[]string{`x.jsonl:1 title="T" body="Full text here." url="https://example.com/a" published="2024-03-01T10:00:00Z" source="example.com" author="Ann Lee, Bo Ma" language="en"`}},
		{"NewsAPI names",
			`{"source":{"id":null,"name":"BBC News"},"author":"Ann","title":"T","description":"Desc","url":"u","publishedAt":"2024-03-01T10:00:00Z","content":"Content that is longer"}`,
			[]string{`x.jsonl:1 title="T" body="Content that is longer" url="u" published="2024-03-01T10:00:00Z" source="BBC News" author="Ann"`}},
		{"schema.org names",
			`{"headline":"H","articleBody":"Body.","datePublished":"Mon, 04 Mar 2024 09:30:00 +0100","author":{"@type":"Person","name":"Ann"},"articleSection":["Politics","Europe"],"inLanguage":"en-GB","publisher":{"name":"The Paper"}}`,
			[]string{`x.jsonl:1 title="H" body="Body." published="2024-03-04T09:30:00+01:00" source="The Paper" author="Ann" category="Politics" language="en"`}},
		{"other names",
			`{"headline":"H","text":"Body","pubDate":"Tue, 5 Mar 2024 08:00:00 GMT","site_name":"Site","link":"https://s/x","section":"Tech","lang":"EN","canonical_url":"ignored"}`,
			[]string{`x.jsonl:1 title="H" body="Body" url="https://s/x" published="2024-03-05T08:00:00Z" source="Site" category="Tech" language="en"`}},
		{"numeric id and unix date",
			`{"id":12345,"title":"T","article":"B","published_at":1709287200}`,
			[]string{`x.jsonl:1 id="12345" title="T" body="B" published="2024-03-01T10:00:00Z"`}},
		{"fullest body wins",
			`{"title":"T","description":"Short one.","content":"The longer content wins.","text":"Mid text."}`,
			[]string{`x.jsonl:1 title="T" body="The longer content wins."`}},
		{"html body",
			`{"title":"T","content":"<p>One <b>bold</b>.</p><p>Two.</p>"}`,
			[]string{`x.jsonl:1 title="T" body="One bold.\n\nTwo."`}},
		{"body as paragraphs",
			`{"title":"T","body":["One.","Two."]}`,
			[]string{`x.jsonl:1 title="T" body="One.\n\nTwo."`}},
		{"character references",
			`{"title":"Q&amp;A: the &#8216;deal&#8217;","body":"Tom &amp; Jerry &lt;3 says &quot;hi&quot;","author":"A &amp; B"}`,
			[]string{`x.jsonl:1 title="Q&A: the ‘deal’" body="Tom & Jerry <3 says \"hi\"" author="A & B"`}},
		{"ampersand without reference",
			`{"title":"AT&T and R&D; costs"}`,
			[]string{`x.jsonl:1 title="AT&T and R&D; costs"`}},
		{"NewsAPI truncation mark",
			`{"title":"T","content":"The text was cut here… [+2345 chars]"}`,
			[]string{`x.jsonl:1 title="T" body="The text was cut here"`}},
		{"keys in other case",
			`{"Title":"T","Body":"B","URL":"u"}`,
			[]string{`x.jsonl:1 title="T" body="B" url="u"`}},
		{"blank lines and CRLF are skipped",
			"\r\n{\"title\":\"A\"}\r\n\r\n{\"title\":\"B\"}\r\n",
			[]string{`x.jsonl:2 title="A"`, `x.jsonl:4 title="B"`}},
		{"byte-order mark",
			"\ufeff{\"title\":\"A\"}\n",
			[]string{`x.jsonl:1 title="A"`}},
		{"bad lines are reported, good ones kept",
			"{\"title\":\"A\"}\n{\"title\": \n{\"title\":\"C\"}\n",
			[]string{`x.jsonl:1 title="A"`, `x.jsonl:2 error: malformed JSON: unexpected end of JSON input`, `x.jsonl:3 title="C"`}},
		{"missing title and body",
			`{"id":"x","url":"u"}`,
			[]string{`x.jsonl:1 error: missing title and body`}},
		{"blank title and body",
			`{"title":"  ","body":"\n"}`,
			[]string{`x.jsonl:1 error: missing title and body`}},
		{"bad date",
			`{"title":"T","published":"next tuesday"}`,
			[]string{`x.jsonl:1 error: field "published": cannot parse date "next tuesday"`}},
		{"bad date under another name",
			`{"title":"T","date_publish":"soon"}`,
			[]string{`x.jsonl:1 error: field "date_publish": cannot parse date "soon"`}},
		{"wrong type",
			`{"title":["T"],"body":"B"}`,
			[]string{`x.jsonl:1 error: field "title": want a string, got an array`}},
		{"wrong type of date",
			`{"title":"T","published":true}`,
			[]string{`x.jsonl:1 error: field "published": want a date string or Unix seconds, got a boolean`}},
		{"wrong type of body",
			`{"title":"T","body":{"text":"x"}}`,
			[]string{`x.jsonl:1 error: field "body": want a string or an array of strings, got an object`}},
		{"not an object",
			`"just a string"`,
			[]string{`x.jsonl:1 error: malformed JSON: want an article object`}},
		{"null fields are absent",
			`{"title":"T","body":null,"published":null,"author":null}`,
			[]string{`x.jsonl:1 title="T"`}},
		{"array on a line",
			`[{"title":"A"},{"title":"B"}]`,
			[]string{`x.jsonl:1 title="A"`, `x.jsonl:1 title="B"`}},
	}
	for _, tt := range tests {
		t.Run(strings.ReplaceAll(tt.name, " ", "_"), func(t *testing.T) {
			got := summaries(collect(t, "x.jsonl", tt.input))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Read(%q) mismatch (-want +got):\n%s", tt.input, diff)
			}
		})
	}
}

func TestReadJSONLInvalidUTF8(t *testing.T) {
	input := "{\"title\":\"T\",\"body\":\"caf\xe9\"}\n{\"title\":\"ok\"}\n"
	got := summaries(collect(t, "x.jsonl", input))
	want := []string{`x.jsonl:1 error: field "body": invalid UTF-8 at byte 4`, `x.jsonl:2 title="ok"`}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Read mismatch (-want +got):\n%s", diff)
	}
}

func TestReadJSONLLongLines(t *testing.T) {
	long := strings.Repeat("word ", 1<<20) // 5 MB
	input := `{"title":"A","body":"` + long + `"}` + "\n" + `{"title":"B"}`
	recs := collect(t, "x.jsonl", input)
	if len(recs) != 2 || recs[0].Err != nil || len(recs[0].Article.Body) != len(strings.TrimSpace(long)) || recs[1].Article.Title != "B" {
		t.Fatalf("Read(5 MB line) = %d records, first err %v", len(recs), recs[0].Err)
	}
}

func TestReadJSON(t *testing.T) {
	tests := []struct {
		name, file, input string
		want              []string
	}{
		{"one object", "a.json", "{\n  \"title\": \"T\",\n  \"body\": \"B\"\n}\n",
			[]string{`a.json title="T" body="B"`}},
		{"array", "a.json", "[\n  {\"title\": \"A\"},\n  {\"title\": \"B\"}\n]",
			[]string{`a.json:2 title="A"`, `a.json:3 title="B"`}},
		{"array with a bad element", "a.json", "[\n{\"title\": \"A\"},\n{\"id\": 1},\n{\"title\": \"C\"}\n]",
			[]string{`a.json:2 title="A"`, `a.json:3 error: missing title and body`, `a.json:4 title="C"`}},
		{"broken array", "a.json", "[\n{\"title\": \"A\"},\n{\"title\": }\n]",
			[]string{`a.json:2 title="A"`, `a.json:3 error: malformed JSON: invalid character '}' looking for beginning of value`}},
		{"concatenated objects", "a.json", "{\"title\": \"A\"}\n{\"title\": \"B\"}",
			[]string{`a.json:1 title="A"`, `a.json:2 title="B"`}},
		{"sniffed object without extension", "-", "{\n  \"title\": \"T\"\n}",
			[]string{`- title="T"`}},
		{"sniffed lines without extension", "in", "{\"title\":\"A\"}\n{\"title\":\"B\"}\n",
			[]string{`in:1 title="A"`, `in:2 title="B"`}},
		{"sniffed array without extension", "in", "  [{\"title\":\"A\"}]",
			[]string{`in:1 title="A"`}},
	}
	for _, tt := range tests {
		t.Run(strings.ReplaceAll(tt.name, " ", "_"), func(t *testing.T) {
			got := summaries(collect(t, tt.file, tt.input))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Read(%q) mismatch (-want +got):\n%s", tt.input, diff)
			}
		})
	}
}

func TestReadStopsOnCallbackError(t *testing.T) {
	stop := errors.New("stop")
	n := 0
	err := Read(strings.NewReader("{\"title\":\"A\"}\n{\"title\":\"B\"}\n"), "x.jsonl", func(Record) error {
		n++
		return stop
	})
	if !errors.Is(err, stop) || n != 1 {
		t.Errorf("Read with failing callback = %v after %d records, want stop after 1", err, n)
	}
}

func TestRecordWhere(t *testing.T) {
	tests := []struct {
		r    Record
		want string
	}{
		{Record{Path: "a.jsonl", Line: 3}, "a.jsonl:3"},
		{Record{Path: "page.html"}, "page.html"},
		{Record{Path: "-", Line: 1}, "-:1"},
	}
	for _, tt := range tests {
		if got := tt.r.Where(); got != tt.want {
			t.Errorf("%+v.Where() = %q, want %q", tt.r, got, tt.want)
		}
	}
}

func TestReadGzip(t *testing.T) {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write([]byte("{\"title\":\"A\"}\n"))
	zw.Close()
	got := summaries(collect(t, "x.jsonl.gz", buf.String()))
	want := []string{`x.jsonl.gz:1 title="A"`}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Read(gzip) mismatch (-want +got):\n%s", diff)
	}
}
