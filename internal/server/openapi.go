package server

import (
	_ "embed"
	"net/http"
)

// openAPI is the OpenAPI 3 description of the HTTP API: every route, its
// methods, parameters and answers. TestOpenAPIMatchesRouter keeps it true
// to the router.
//
//go:embed openapi.json
var openAPI []byte

// MaxHeaderBytes bounds a request's headers. Go's HTTP server answers a
// larger request with 431 before any handler runs; openapi.json documents
// that answer on every operation.
const MaxHeaderBytes = 64 << 10

func serveOpenAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Write(openAPI)
}
