package index

import "github.com/newsindex/newsindex/index/internal/engine"

// Errors returned by the index. Wrapped errors keep these at their root, so
// callers test with errors.Is. Their messages start "index: ".
var (
	// ErrNotFound: the index or the article does not exist.
	ErrNotFound = engine.ErrNotFound
	// ErrExists: Create was given a path that already holds something.
	ErrExists = engine.ErrExists
	// ErrClosed: the index was closed.
	ErrClosed = engine.ErrClosed
	// ErrInvalidRequest: a search request or article is malformed; the
	// message says which field and why.
	ErrInvalidRequest = engine.ErrInvalidRequest
	// ErrLocked: another process has the index open for writing.
	ErrLocked = engine.ErrLocked
)
