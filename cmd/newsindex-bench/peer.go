package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"syscall"
	"time"

	"github.com/blevesearch/bleve/v2"
)

// peerHit and peerResult are the answer of a peer's /api/search.
type peerHit struct {
	ID string `json:"id"`
}

type peerResult struct {
	Total uint64    `json:"total"`
	Hits  []peerHit `json:"hits"`
}

// peerSearcher answers a search-box query with the IDs of the best hits.
type peerSearcher interface {
	ids(ctx context.Context, q string, size int) (peerResult, error)
}

func peerServeMain(args []string) error {
	fs := flag.NewFlagSet("peer-serve", flag.ContinueOnError)
	engine := fs.String("engine", "bleve", "peer engine: bleve or fts5")
	addr := fs.String("addr", "127.0.0.1:8090", "address to listen on")
	corpus := fs.String("corpus", "", "JSON Lines articles to index (IDs kept)")
	work := fs.String("work", "", "folder for the index (default: a temporary one, removed after)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *corpus == "" {
		fs.Usage()
		return errors.New("peer-serve needs -corpus")
	}
	dir := *work
	if dir == "" {
		d, err := os.MkdirTemp("", "newsindex-peer-")
		if err != nil {
			return fmt.Errorf("work folder: %w", err)
		}
		defer os.RemoveAll(d)
		dir = d
	}
	dir = filepath.Join(dir, *engine)
	os.RemoveAll(dir)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	ps, closeFn, err := openPeer(ctx, *engine, *corpus, dir)
	if err != nil {
		return err
	}
	defer closeFn()
	srv := &http.Server{Addr: *addr, Handler: peerHandler(ps), ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(sctx)
	}()
	slog.Info("peer serving", "engine", *engine, "addr", *addr)
	if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("peer-serve: %w", err)
	}
	return nil
}

// openPeer indexes the corpus (title and body only) with the plain peer
// definitions and returns its searcher.
func openPeer(ctx context.Context, engine, corpus, dir string) (peerSearcher, func() error, error) {
	start := time.Now()
	switch engine {
	case "bleve":
		e := bleveEngine{}
		st, err := e.ingest(ctx, corpus, dir)
		if err != nil {
			return nil, nil, err
		}
		slog.Info("peer indexed", "engine", engine, "articles", st.Articles, "elapsed", time.Since(start))
		idx, err := bleve.Open(dir)
		if err != nil {
			return nil, nil, fmt.Errorf("bleve: %w", err)
		}
		return blevePeer{idx}, idx.Close, nil
	case "fts5":
		e := fts5Engine{}
		st, err := e.ingest(ctx, corpus, dir)
		if err != nil {
			return nil, nil, err
		}
		slog.Info("peer indexed", "engine", engine, "articles", st.Articles, "elapsed", time.Since(start))
		s, err := e.open(dir)
		if err != nil {
			return nil, nil, err
		}
		fs := s.(fts5Searcher)
		return fts5Peer{fs}, fs.close, nil
	}
	return nil, nil, fmt.Errorf("engine %q unknown, want bleve or fts5", engine)
}

func peerHandler(ps peerSearcher) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok\n")) })
	mux.HandleFunc("GET /api/search", func(w http.ResponseWriter, r *http.Request) {
		size := 10
		if s := r.URL.Query().Get("size"); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil || n < 1 || n > 1000 {
				http.Error(w, "size: want 1..1000", http.StatusBadRequest)
				return
			}
			size = n
		}
		res, err := ps.ids(r.Context(), r.URL.Query().Get("q"), size)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(res)
	})
	return mux
}

// blevePeer is plain bleve: a match query with operator AND over _all.
type blevePeer struct{ idx bleve.Index }

func (p blevePeer) ids(ctx context.Context, q string, size int) (peerResult, error) {
	req := bleve.NewSearchRequestOptions(matchAll(q), size, 0, false)
	res, err := p.idx.SearchInContext(ctx, req)
	if err != nil {
		return peerResult{}, fmt.Errorf("bleve search: %w", err)
	}
	out := peerResult{Total: res.Total, Hits: []peerHit{}}
	for _, h := range res.Hits {
		out.Hits = append(out.Hits, peerHit{ID: h.ID})
	}
	return out, nil
}

// fts5Peer is SQLite FTS5: every word of the query, ordered by bm25.
type fts5Peer struct{ s fts5Searcher }

func (p fts5Peer) ids(ctx context.Context, q string, size int) (peerResult, error) {
	out := peerResult{Hits: []peerHit{}}
	match := ftsMatch(words(q))
	if match == "" {
		return out, nil
	}
	rows, err := p.s.db.QueryContext(ctx, "SELECT id FROM docs WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT ?", match, size)
	if err != nil {
		return out, fmt.Errorf("fts5: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return out, fmt.Errorf("fts5: %w", err)
		}
		out.Hits = append(out.Hits, peerHit{ID: id})
	}
	if err := rows.Err(); err != nil {
		return out, fmt.Errorf("fts5: %w", err)
	}
	err = p.s.db.QueryRowContext(ctx, "SELECT count(*) FROM docs WHERE docs MATCH ?", match).Scan(&out.Total)
	if err != nil {
		return out, fmt.Errorf("fts5 count: %w", err)
	}
	return out, nil
}
