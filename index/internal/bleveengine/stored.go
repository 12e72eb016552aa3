package bleveengine

import (
	"bytes"
	"compress/flate"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"sync"

	jsonv2 "github.com/go-json-experiment/json"
)

// The stored form of an article is its JSON, deflated with a preset
// dictionary when longer than packAbove. bleve compresses stored fields
// with snappy, which leaves news text at about its raw size; deflate alone
// takes a third off, and the dictionary (storeddict/README.md) a quarter
// more: a short article no longer pays for the first copy of every JSON
// key and common word. Each form stays one stored field of its document,
// written and made safe with it.
//
// The first byte says how a form was packed, so that a form is read with
// the dictionary it was written with, and indexes written before the
// dictionary, or before packing, read as they are: '{' (plain JSON),
// deflatedPrefix (deflate level 1, no dictionary, as written before the
// dictionary), dict1Prefix (deflate with storeddict/dict-1.txt).
const (
	packAbove      = 128
	deflatedPrefix = 0x01
	dict1Prefix    = 0x02
	// packLevel: with the dictionary, level 5 takes 27% off the forms of
	// the benchmark's corpus as level 1 deflated them, level 2 25%
	// (compress/flate's level 1 ignores a dictionary), for 0-25 µs more
	// an article (docs/benchmark.md).
	packLevel = 5
)

// dict1 is the dictionary of dict1Prefix. It never changes: forms written
// with it are read with it (TestStoredDictFrozen).
//
//go:embed storeddict/dict-1.txt
var dict1 []byte

var flateWriters = sync.Pool{New: func() any {
	w, err := flate.NewWriterDict(nil, packLevel, dict1)
	if err != nil {
		panic(err) // only for a level out of range
	}
	return w
}}

var flateReaders = sync.Pool{New: func() any { return flate.NewReader(nil) }}

// packStored returns the stored form of the JSON src.
func packStored(src []byte) string {
	if len(src) <= packAbove {
		return string(src)
	}
	var buf bytes.Buffer
	buf.Grow(len(src) / 2)
	buf.WriteByte(dict1Prefix)
	w := flateWriters.Get().(*flate.Writer)
	defer flateWriters.Put(w)
	w.Reset(&buf) // keeps the dictionary
	// Writing to a bytes.Buffer cannot fail.
	w.Write(src)
	w.Close()
	return buf.String()
}

// unpackStored returns the JSON of a stored form.
func unpackStored(s string) ([]byte, error) {
	var buf bytes.Buffer
	if err := unpackInto(&buf, s); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// unpackInto writes the JSON of a stored form to buf.
func unpackInto(buf *bytes.Buffer, s string) error {
	var dict []byte
	switch {
	case s == "":
		return nil
	case s[0] == deflatedPrefix:
	case s[0] == dict1Prefix:
		dict = dict1
	case s[0] < ' ': // a prefix of a later version
		return fmt.Errorf("unknown packing %#x", s[0])
	default: // plain JSON, as written before packing
		buf.WriteString(s)
		return nil
	}
	r := flateReaders.Get().(io.ReadCloser)
	defer flateReaders.Put(r)
	if err := r.(flate.Resetter).Reset(strings.NewReader(s[1:]), dict); err != nil {
		return err
	}
	buf.Grow(4 * len(s)) // news JSON deflates to a third or less
	_, err := buf.ReadFrom(r)
	return err
}

// unpacked holds the JSON being decoded, reused: a page of hits decodes a
// dozen articles.
var unpacked = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// decodeStored decodes the stored form in a document's fields into v.
//
// A storedHit or quotedArticle, decoded for every hit shown, is decoded
// with the json v2 package, which takes a third of encoding/json's time
// over an article and passes over the fields it does not keep without
// building them. The other forms embed
// structs, which v2 does not inline as encoding/json does, and are decoded
// rarely.
func decodeStored(fields map[string]any, v any) error {
	s, ok := fields[fSource].(string)
	if !ok {
		return fmt.Errorf("no stored form")
	}
	buf := unpacked.Get().(*bytes.Buffer)
	defer unpacked.Put(buf)
	buf.Reset()
	if err := unpackInto(buf, s); err != nil {
		return fmt.Errorf("stored form: %w", err)
	}
	var err error
	switch v.(type) {
	case *storedHit, *quotedArticle:
		err = jsonv2.Unmarshal(buf.Bytes(), v)
	default:
		err = json.Unmarshal(buf.Bytes(), v)
	}
	if err != nil {
		return fmt.Errorf("stored form: %w", err)
	}
	return nil
}
