package bleveengine

import (
	"bytes"
	"compress/flate"
	"encoding/json"
	"fmt"
	"io"
	"sync"
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
	if s == "" || s[0] != packedPrefix {
		return []byte(s), nil
	}
	r := flateReaders.Get().(io.ReadCloser)
	defer flateReaders.Put(r)
	if err := r.(flate.Resetter).Reset(bytes.NewReader([]byte(s[1:])), nil); err != nil {
		return nil, err
	}
	return io.ReadAll(r)
}

// decodeStored decodes the stored form in a document's fields into v.
func decodeStored(fields map[string]any, v any) error {
	s, ok := fields[fSource].(string)
	if !ok {
		return fmt.Errorf("no stored form")
	}
	src, err := unpackStored(s)
	if err != nil {
		return fmt.Errorf("stored form: %w", err)
	}
	if err := json.Unmarshal(src, v); err != nil {
		return fmt.Errorf("stored form: %w", err)
	}
	return nil
}
