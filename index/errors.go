package index

import "errors"

// Errors returned by the index. Wrapped errors keep these at their root, so
// callers test with errors.Is.
var (
	// ErrNotFound: the index or the article does not exist.
	ErrNotFound = errors.New("index: not found")
	// ErrExists: Create was given a path that already holds something.
	ErrExists = errors.New("index: already exists")
	// ErrClosed: the index was closed.
	ErrClosed = errors.New("index: closed")
	// ErrInvalidRequest: a search request or article is malformed; the
	// message says which field and why.
	ErrInvalidRequest = errors.New("index: invalid request")
	// ErrLocked: another process has the index open for writing.
	ErrLocked = errors.New("index: in use by another process")
)
