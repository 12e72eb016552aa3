package bleveengine

import (
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/search"

	"github.com/newsindex/newsindex/index/internal/engine"
	textanalysis "github.com/newsindex/newsindex/internal/analysis"
)

// offsetsEncoded is the first mapping version whose free-text fields
// (title, body and quote, in every analysis) keep the byte offsets of
// their words encoded small (encodeOffsets). zap writes each place of a
// word as varints: its position, its start and its end, and the start and
// end of a word in a body of 800 bytes took 3.6 bytes where the encoded
// pair takes 2.1 (a twentieth of the index), with nothing to compute again
// when a page is shown.
const offsetsEncoded = 6

// freeText maps each free-text field to its analyzer.
var freeText = func() map[string]string {
	out := map[string]string{}
	for _, base := range []string{fTitle, fBody, fQuote} {
		for _, f := range textanalysis.TextFields(base) {
			out[f.Field] = f.Analyzer
		}
	}
	return out
}()

// bytesPerPosition is about how many bytes of text a position of the
// analyzer's tokens spans: a word and the space after it, or one character
// of Chinese, Japanese or Korean (indexed as overlapping pairs).
func bytesPerPosition(analyzer string) int {
	if analyzer == textanalysis.CJKAnalyzerName {
		return 3
	}
	return 6
}

// encodeOffsets gives a token, in place of its start and end, the distance
// of its start from where its position puts it on average (zig-zag, so
// that a distance either way is small) and its length: one byte each for
// most words, where the offsets of words past the 128th byte take two.
// decodeOffsets reverses it.
func encodeOffsets(t *analysis.Token, perPosition int) {
	d := t.Start - perPosition*t.Position
	t.Start, t.End = d<<1^d>>63, t.End-t.Start
}

// decodeOffsets returns the byte offsets of a place encodeOffsets wrote.
func decodeOffsets(l *search.Location, perPosition int) (start, end int) {
	z := int(l.Start)
	start = z>>1 ^ -(z & 1) + perPosition*int(l.Pos)
	return start, start + int(l.End)
}

// index adds the document d to the batch as an index of the engine's
// mapping version keeps it.
func (e *Engine) index(b *bleve.Batch, id string, d map[string]any) error {
	if e.version < offsetsEncoded {
		return b.Index(id, d)
	}
	doc := document.NewDocument(id)
	if err := e.idx.Mapping().MapDocument(doc, d); err != nil {
		return err
	}
	for i, f := range doc.Fields {
		t, ok := f.(*document.TextField)
		if !ok || t.Analyzer() == nil {
			continue
		}
		if an, ok := freeText[t.Name()]; ok {
			a := offsetEncoder{t.Analyzer(), bytesPerPosition(an)}
			doc.Fields[i] = document.NewTextFieldCustom(t.Name(), t.ArrayPositions(), t.Value(), t.Options(), a)
		}
	}
	return b.IndexAdvanced(doc)
}

// offsetEncoder is an analyzer whose tokens' offsets are encoded
// (encodeOffsets); their terms and positions are the analyzer's.
type offsetEncoder struct {
	analysis.Analyzer
	perPosition int
}

func (a offsetEncoder) Analyze(text []byte) analysis.TokenStream {
	ts := a.Analyzer.Analyze(text)
	for _, t := range ts {
		encodeOffsets(t, a.perPosition)
	}
	return ts
}

// textLocations returns the spans of the terms matched in a free-text base
// field ("body", "quote"), in whichever analysis's field the document
// holds it, sorted by start, overlapping ones joined: the pairs of
// characters a Chinese word is indexed as overlap, and the word is marked
// whole.
func (e *Engine) textLocations(m search.FieldTermLocationMap, base string) []engine.Span {
	var out []engine.Span
	for _, f := range textanalysis.TextFields(base) {
		for _, locs := range m[f.Field] {
			for _, l := range locs {
				s := engine.Span{Start: int(l.Start), End: int(l.End)}
				if e.version >= offsetsEncoded {
					s.Start, s.End = decodeOffsets(l, bytesPerPosition(f.Analyzer))
				}
				out = append(out, s)
			}
		}
	}
	return joinSpans(out)
}
