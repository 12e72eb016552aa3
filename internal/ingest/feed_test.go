package ingest

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/newsindex/newsindex/index"
)

const rssFeed = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>Harbour Gazette</title>
  <link>https://gazette.example/</link>
  <language>en-gb</language>
  <item>
    <title>Port strike ends after &amp; talks</title>
    <link>https://gazette.example/news/port-strike</link>
    <guid isPermaLink="false">gz-1001</guid>
    <pubDate>Tue, 03 Mar 2026 08:15:00 +0000</pubDate>
    <dc:creator>Ann Lee</dc:creator>
    <category>Business</category>
    <description>Short summary.</description>
    <content:encoded><![CDATA[<p>Dock workers returned on Tuesday.</p><p>"It was a long week," said Tom Hart.</p><div class="share-bar">Share on Facebook</div>]]></content:encoded>
  </item>
  <item>
    <title>Council approves budget</title>
    <link>https://gazette.example/news/budget</link>
    <pubDate>Mon, 02 Mar 2026 18:00:00 GMT</pubDate>
    <description>&lt;p&gt;The council voted 7 to 2 for the plan.&lt;/p&gt;</description>
  </item>
  <item>
    <link>https://gazette.example/news/empty</link>
  </item>
</channel>
</rss>`

const atomFeed = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">
  <title>Le Courrier</title>
  <link href="https://courrier.example/"/>
  <author><name>Rédaction</name></author>
  <entry>
    <title type="html">Élections &lt;em&gt;régionales&lt;/em&gt;</title>
    <link href="https://courrier.example/2026/03/elections"/>
    <id>tag:courrier.example,2026:1</id>
    <updated>2026-03-04T10:00:00+01:00</updated>
    <category term="politique"/>
    <content type="html">&lt;p&gt;Le scrutin aura lieu dimanche.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Sans lien</title>
    <id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a</id>
    <published>2026-03-05T07:30:00Z</published>
    <summary>Un résumé.</summary>
  </entry>
</feed>`

const jsonFeed = `{
  "version": "https://jsonfeed.org/version/1.1",
  "title": "Wire JSON",
  "home_page_url": "https://wire.example/",
  "items": [
    {"id": "w1", "url": "https://wire.example/a", "title": "Rates held", "content_html": "<p>The bank held rates.</p>",
     "date_published": "2026-03-06T12:00:00Z", "authors": [{"name": "Kim Park"}], "tags": ["Economy", "Banks"]},
    {"id": "w2", "title": "", "content_text": ""}
  ]
}`

func TestReadFeed(t *testing.T) {
	type rec struct {
		Title, URL, ID, Body, Author, Category, Source, Language string
		Published                                                time.Time
		Err                                                      string
	}
	tests := []struct {
		name, file, data string
		want             []rec
	}{
		{"rss", "feed.rss", rssFeed, []rec{
			{Title: "Port strike ends after & talks", URL: "https://gazette.example/news/port-strike",
				Body:   "Dock workers returned on Tuesday.\n\n\"It was a long week,\" said Tom Hart.",
				Author: "Ann Lee", Category: "Business", Source: "Harbour Gazette", Language: "en",
				Published: time.Date(2026, 3, 3, 8, 15, 0, 0, time.UTC)},
			{Title: "Council approves budget", URL: "https://gazette.example/news/budget",
				Body: "The council voted 7 to 2 for the plan.", Source: "Harbour Gazette", Language: "en",
				Published: time.Date(2026, 3, 2, 18, 0, 0, 0, time.UTC)},
			{Err: "item 3: no title and no body"},
		}},
		{"rss sniffed in .xml", "feed.xml", rssFeed, nil}, // same records; checked by count below
		{"atom", "feed.atom", atomFeed, []rec{
			{Title: "Élections régionales", URL: "https://courrier.example/2026/03/elections",
				Body: "Le scrutin aura lieu dimanche.", Author: "Rédaction", Category: "politique",
				Source: "Le Courrier", Language: "fr", Published: time.Date(2026, 3, 4, 9, 0, 0, 0, time.UTC)},
			{Title: "Sans lien", ID: "urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a", Body: "Un résumé.",
				Author: "Rédaction", Source: "Le Courrier", Language: "fr", Published: time.Date(2026, 3, 5, 7, 30, 0, 0, time.UTC)},
		}},
		{"json feed in .json", "feed.json", jsonFeed, []rec{
			{Title: "Rates held", URL: "https://wire.example/a", Body: "The bank held rates.", Author: "Kim Park",
				Category: "Economy", Source: "Wire JSON", Published: time.Date(2026, 3, 6, 12, 0, 0, 0, time.UTC)},
			{Err: "item 2: no title and no body"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []rec
			err := Read(strings.NewReader(tt.data), tt.file, func(r Record) error {
				a := r.Article
				g := rec{Title: a.Title, URL: a.URL, ID: a.ID, Body: a.Body, Author: a.Author, Category: a.Category,
					Source: a.Source, Language: a.Language, Published: a.Published}
				if r.Err != nil {
					g = rec{Err: r.Err.Error()}
					if r.Path != tt.file {
						t.Errorf("rejected record path = %q, want %q", r.Path, tt.file)
					}
				}
				got = append(got, g)
				return nil
			})
			if err != nil {
				t.Fatalf("Read = %v", err)
			}
			if tt.want == nil {
				if len(got) != 3 {
					t.Errorf("Read(%s) gave %d records, want 3", tt.file, len(got))
				}
				return
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Read(%s) (-want +got):\n%s", tt.file, diff)
			}
		})
	}
}

func TestReadFeedBroken(t *testing.T) {
	tests := []struct{ name, file, data, want string }{
		{"truncated rss", "broken.rss", `<rss version="2.0"><channel><item><title>A`, "broken.rss: not a readable feed"},
		{"not a feed", "page.atom", `{"hello": 1}`, "page.atom: not a readable feed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Read(strings.NewReader(tt.data), tt.file, func(Record) error { return nil })
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("Read(%q) = %v, want an error starting %q", tt.data, err, tt.want)
			}
		})
	}
}

func TestSniffFeed(t *testing.T) {
	tests := []struct {
		head string
		want bool
	}{
		{`<rss version="2.0">`, true},
		{`<?xml version="1.0"?><!-- c --><feed xmlns="http://www.w3.org/2005/Atom">`, true},
		{`<?xml version="1.0"?><rdf:RDF xmlns:rdf="…">`, true},
		{`{"version": "https://jsonfeed.org/version/1", "items": []}`, true},
		{`{"title": "an article", "version": "2"}`, false},
		{`<?xml version="1.0"?><html><body><feed>`, false},
		{`<!doctype html><html>`, false},
		{`Plain text about <rss feeds`, false},
	}
	for _, tt := range tests {
		if got := sniffFeed([]byte(tt.head)); got != tt.want {
			t.Errorf("sniffFeed(%q) = %v, want %v", tt.head, got, tt.want)
		}
	}
}

// TestReadXML: a .xml file is read as a feed or an XHTML page as its first
// bytes say, and is an error naming what it holds when it is neither.
func TestReadXML(t *testing.T) {
	xhtml := `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">
<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Ferry returns</title></head>
<body><article><h1>Ferry returns</h1><p>The ferry sailed again on Monday after repairs.</p></article></body></html>`
	rdf := `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
<channel rdf:about="https://r.example/"><title>R</title></channel>
<item rdf:about="https://r.example/1"><title>Dam opens</title><link>https://r.example/1</link></item></rdf:RDF>`
	tests := []struct {
		name, file, data string
		want             string // titles read, or the error
	}{
		{"rss", "feed.xml", rssFeed, "Port strike ends after & talks|Council approves budget|ERR item 3: no title and no body"},
		{"atom", "atom.XML", atomFeed, "Élections régionales|Sans lien"},
		{"rdf", "rdf.xml", rdf, "Dam opens"},
		{"xhtml page", "page.xml", xhtml, "Ferry returns"},
		{"gzipped rss", "feed.xml.gz", gzipped(rssFeed), "Port strike ends after & talks|Council approves budget|ERR item 3: no title and no body"},
		{"sitemap", "sitemap.xml", "<?xml version=\"1.0\"?>\n<!-- made by hand -->\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><url/></urlset>",
			"error: sitemap.xml: not a feed or page (root element <urlset>)"},
		{"other encoding", "svg.xml", `<?xml version="1.0" encoding="ISO-8859-1"?><svg:svg xmlns:svg="http://www.w3.org/2000/svg"/>`,
			"error: svg.xml: not a feed or page (root element <svg:svg>)"},
		{"binary", "logo.xml", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x00\x00\x00\x00\x3a\x7e\x9b\x55",
			`error: logo.xml: not a feed or page (begins "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\b\x00\x00\x00\x00:~\x9b"…)`},
		{"text", "notes.xml", "Shopping list: bread, milk", `error: notes.xml: not a feed or page (begins "Shopping list: bread, milk")`},
		{"empty", "empty.xml", "  \n", "error: empty.xml: not a feed or page (empty)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			err := Read(strings.NewReader(tt.data), tt.file, func(r Record) error {
				if r.Err != nil {
					got = append(got, "ERR "+r.Err.Error())
				} else {
					got = append(got, r.Article.Title)
				}
				return nil
			})
			if err != nil {
				got = append(got, "error: "+err.Error())
			}
			if g := strings.Join(got, "|"); g != tt.want {
				t.Errorf("Read(%s) = %s, want %s", tt.file, g, tt.want)
			}
		})
	}
}

// gzipped returns s compressed with gzip.
func gzipped(s string) string {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write([]byte(s))
	zw.Close()
	return b.String()
}

func TestFeedItemName(t *testing.T) {
	long := strings.Repeat("word ", 20)
	err := Read(strings.NewReader(`<rss><channel><item><title>`+long+`</title><description>`+"\xff"+`</description></item></channel></rss>`),
		"f.rss", func(r Record) error {
			if r.Err != nil {
				t.Errorf("item with a title rejected: %v", r.Err)
			}
			return nil
		})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	_ = Read(strings.NewReader(`<rss><channel><item><title>   </title></item><item><title>Kept</title></item></channel></rss>`),
		"f.rss", func(r Record) error {
			if r.Err != nil {
				buf.WriteString(r.Where() + ": " + r.Err.Error() + "\n")
			}
			return nil
		})
	if want := "f.rss: item 1: no title and no body\n"; buf.String() != want {
		t.Errorf("rejections = %q, want %q", buf.String(), want)
	}
}

func FuzzReadFeed(f *testing.F) {
	for _, s := range []string{rssFeed, atomFeed, jsonFeed, `<rss><channel><item><title>x</title></item></channel></rss>`,
		`<feed><entry><title type="xhtml"><div>t</div></title></entry></feed>`, `{"version":"https://jsonfeed.org/version/1","items":[{}]}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, name := range []string{"f.rss", "f.json", "f.xml"} {
			err := Read(bytes.NewReader(data), name, func(r Record) error {
				if r.Err != nil {
					return nil
				}
				a := r.Article
				checkArticle(t, data, a)
				return nil
			})
			_ = err // a document that is no feed is an error, never a panic
		}
	})
}

// checkArticle fails when an accepted article breaks the promises of
// every reader.
func checkArticle(t *testing.T, data []byte, a index.Article) {
	t.Helper()
	for _, s := range []string{a.ID, a.Title, a.Body, a.URL, a.Source, a.Author, a.Category, a.Language} {
		if !utf8Valid(s) {
			t.Fatalf("Read(%q) accepted invalid UTF-8 %q", data, s)
		}
	}
	if a.Title == "" && a.Body == "" {
		t.Fatalf("Read(%q) accepted an article with neither title nor body", data)
	}
}

func utf8Valid(s string) bool { return utf8.ValidString(s) }

// BenchmarkReadFeed reads an RSS feed of 200 items whose content is HTML.
func BenchmarkReadFeed(b *testing.B) {
	var sb strings.Builder
	sb.WriteString(`<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Bench</title>`)
	para := strings.Repeat("The council met on Tuesday to discuss the harbour budget, officials said. ", 6)
	for i := range 200 {
		fmt.Fprintf(&sb, `<item><title>Story %d</title><link>https://bench.example/%d</link><guid>%d</guid>`+
			`<pubDate>Tue, 03 Mar 2026 08:15:00 +0000</pubDate><category>Politics</category>`+
			`<content:encoded><![CDATA[<p>%s</p><p>%s</p><p>%s</p>]]></content:encoded></item>`, i, i, i, para, para, para)
	}
	sb.WriteString(`</channel></rss>`)
	data := sb.String()
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		n := 0
		if err := Read(strings.NewReader(data), "bench.rss", func(r Record) error { n++; return r.Err }); err != nil || n != 200 {
			b.Fatalf("Read = %v after %d items", err, n)
		}
	}
	b.ReportMetric(200, "articles/op")
}
