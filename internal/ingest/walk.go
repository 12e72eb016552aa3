package ingest

import (
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Walk reads every article under paths. A path is a file, read whatever its
// name; a folder, walked recursively in lexical order, skipping hidden files
// and folders and files whose extension no format knows (such as .png); or
// "-", standard input, read from stdin. A path that cannot be opened or read
// is reported as a rejected Record with that path and the walk goes on.
// Walk stops at the first error fn returns and returns it.
func Walk(paths []string, stdin io.Reader, fn func(Record) error) error {
	for _, p := range paths {
		if p == "-" {
			if err := readReported(fn, "-", func(fn func(Record) error) error { return Read(stdin, "-", fn) }); err != nil {
				return err
			}
			continue
		}
		info, err := os.Stat(p)
		if err != nil {
			if err := fn(Record{Path: p, Err: err}); err != nil {
				return err
			}
			continue
		}
		if !info.IsDir() {
			if err := readReported(fn, p, func(fn func(Record) error) error { return ReadFile(p, fn) }); err != nil {
				return err
			}
			continue
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return fn(Record{Path: path, Err: err})
			}
			if path != p && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.IsDir() || !d.Type().IsRegular() || !KnownFile(path) {
				return nil
			}
			return readReported(fn, path, func(fn func(Record) error) error { return ReadFile(path, fn) })
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// KnownFile reports whether the name of a file has an extension that one of
// the formats reads (possibly followed by .gz), so that a folder walk reads it.
func KnownFile(name string) bool {
	if strings.EqualFold(filepath.Ext(name), ".gz") {
		name = name[:len(name)-len(".gz")]
	}
	_, ok := formatByName(name)
	return ok
}

// readReported runs read with a callback that forwards to fn. An error of
// read that does not come from fn is reported as a rejected Record for path,
// so that one unreadable file does not end a walk; an error of fn is returned.
func readReported(fn func(Record) error, path string, read func(func(Record) error) error) error {
	var fnErr error
	err := read(func(r Record) error {
		fnErr = fn(r)
		return fnErr
	})
	switch {
	case err == nil:
		return nil
	case fnErr != nil:
		return fnErr
	}
	return fn(Record{Path: path, Err: err})
}
