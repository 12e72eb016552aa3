package engine

import "errors"

// The errors of the index and its engines. Package index exports these same
// values (index.ErrNotFound is ErrNotFound), so an engine's error matches
// them with errors.Is wherever it is wrapped.
var (
	ErrNotFound       = errors.New("index: not found")
	ErrExists         = errors.New("index: already exists")
	ErrClosed         = errors.New("index: closed")
	ErrInvalidRequest = errors.New("index: invalid request")
	ErrLocked         = errors.New("index: in use by another process")
)
