package bleveengine

import (
	"bytes"
	"compress/flate"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"sync"

	jsonv2 "github.com/go-json-experiment/json"
)

// The stored form of an article or quote is its JSON. Forms longer than
// packAbove are deflated: bleve compresses stored fields with snappy, which
// leaves news text at about its raw size, while deflate's fastest level
// takes a third off the index's stored part for some 20 µs an article.
// A packed form starts with packedPrefix, never the '{' of plain JSON, so
// indexes written before packing read as they are.
const (
	packAbove    = 512
	packedPrefix = 0x01
)

var flateWriters = sync.Pool{New: func() any {
	w, _ := flate.NewWriter(nil, flate.BestSpeed)
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
	buf.WriteByte(packedPrefix)
	w := flateWriters.Get().(*flate.Writer)
	defer flateWriters.Put(w)
	w.Reset(&buf)
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
	if s == "" || s[0] != packedPrefix {
		buf.WriteString(s)
		return nil
	}
	r := flateReaders.Get().(io.ReadCloser)
	defer flateReaders.Put(r)
	if err := r.(flate.Resetter).Reset(strings.NewReader(s[1:]), nil); err != nil {
		return err
	}
	buf.Grow(4 * len(s)) // news JSON deflates to about a third
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
