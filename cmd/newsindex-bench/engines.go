package main

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/mapping"
	bq "github.com/blevesearch/bleve/v2/search/query"
	_ "modernc.org/sqlite" // the database/sql driver "sqlite"

	"github.com/newsindex/newsindex/index"
	"github.com/newsindex/newsindex/internal/config"
	"github.com/newsindex/newsindex/internal/ingest"
)

// engineNames lists the engines in the order the table shows them.
var engineNames = []string{"newsindex", "bleve", "fts5"}

// ingestStats is what an ingest phase measured.
type ingestStats struct {
	Articles int           `json:"articles"`
	Bytes    int64         `json:"bytes"`
	Elapsed  time.Duration `json:"elapsed_ns"`
}

// searcher runs the queries of the mix on one engine. It is safe for
// concurrent use.
type searcher interface {
	search(ctx context.Context, q *query) (total uint64, err error)
	close() error
}

// engine ingests a corpus into a folder and opens what it wrote.
type engine interface {
	ingest(ctx context.Context, corpus, dir string) (ingestStats, error)
	open(dir string) (searcher, error)
}

func engineByName(name string) (engine, error) {
	switch name {
	case "newsindex":
		return newsindexEngine{}, nil
	case "bleve":
		return bleveEngine{keywords: true}, nil
	case "fts5":
		return fts5Engine{columns: true}, nil
	}
	return nil, fmt.Errorf("engine %q unknown, want newsindex, bleve or fts5", name)
}

// newsindexEngine is the product, through its library.
type newsindexEngine struct{}

// options returns the index options `newsindex ingest` would use with the
// configuration (defaults, ./config.yaml, NEWSINDEX_* variables).
func (newsindexEngine) config() (config.Config, *index.Options, error) {
	cfg, err := config.Load("", nil, nil)
	if err != nil {
		return cfg, nil, err
	}
	return cfg, &index.Options{CategoryModel: cfg.Category.Model, Workers: cfg.Ingest.Workers, SearchSlices: cfg.Index.SearchSlices}, nil
}

func (e newsindexEngine) ingest(ctx context.Context, corpus, dir string) (ingestStats, error) {
	cfg, opts, err := e.config()
	if err != nil {
		return ingestStats{}, err
	}
	ingest.TuneGCForBulk() // as `newsindex ingest` does
	start := time.Now()
	ix, err := index.Create(dir, opts)
	if err != nil {
		return ingestStats{}, err
	}
	sum, err := ingest.Run(ctx, ix, []string{corpus}, nil, ingest.Options{
		BatchSize: cfg.Ingest.BatchSize, Progress: os.Stderr, ProgressEvery: 30 * time.Second,
	})
	if cerr := ix.Close(); err == nil {
		err = cerr
	}
	st := ingestStats{Articles: sum.Added + sum.Replaced, Bytes: sum.Bytes, Elapsed: time.Since(start)}
	if err == nil && sum.Rejected > 0 {
		err = fmt.Errorf("newsindex ingest rejected %d articles", sum.Rejected)
	}
	return st, err
}

func (e newsindexEngine) open(dir string) (searcher, error) {
	_, opts, err := e.config()
	if err != nil {
		return nil, err
	}
	ix, err := index.Open(dir, opts)
	if err != nil {
		return nil, err
	}
	return newsindexSearcher{ix}, nil
}

type newsindexSearcher struct{ ix *index.Index }

func (s newsindexSearcher) search(ctx context.Context, q *query) (uint64, error) {
	// Only the search box counts facets; the other kinds ask for hits,
	// as the peers' equivalents do.
	req := index.SearchRequest{Query: q.Text, NoFacets: !q.Full}
	switch {
	case q.Category != "":
		req.Filters = map[index.Facet][]string{index.FacetCategory: {q.Category}}
	case q.Analyst != "":
		req.Filters = map[index.Facet][]string{index.FacetAnalyst: {q.Analyst}}
	}
	res, err := s.ix.Search(ctx, req)
	if err != nil {
		return 0, err
	}
	return res.Total, nil
}

func (s newsindexSearcher) close() error { return s.ix.Close() }

// pick finds the category and analyst of the filter queries: the most
// frequent of each facet among the articles matching the query's term, so
// that the filtered queries have hits.
func (s newsindexSearcher) pick(ctx context.Context, categoryTerm, analystTerm string) (category, analyst string, err error) {
	top := func(term string, f index.Facet) (string, error) {
		for _, q := range []string{term, ""} {
			res, err := s.ix.Search(ctx, index.SearchRequest{Query: q})
			if err != nil {
				return "", err
			}
			if c := res.Facets.Of(f); len(c) > 0 {
				return c[0].Value, nil
			}
		}
		return "", nil
	}
	if category, err = top(categoryTerm, index.FacetCategory); err != nil {
		return "", "", err
	}
	analyst, err = top(analystTerm, index.FacetAnalyst)
	return category, analyst, err
}

// bleveEngine is plain bleve: the default mapping with en as the default
// analyzer. With keywords, source and day are keyword fields it can count
// for the facets of the full search-box request.
type bleveEngine struct{ keywords bool }

func (e bleveEngine) mapping() mapping.IndexMapping {
	m := bleve.NewIndexMapping()
	m.DefaultAnalyzer = en.AnalyzerName
	if e.keywords {
		kw := bleve.NewKeywordFieldMapping()
		m.DefaultMapping.AddFieldMappingsAt("source", kw)
		m.DefaultMapping.AddFieldMappingsAt("day", kw)
	}
	return m
}

func (e bleveEngine) ingest(ctx context.Context, corpus, dir string) (ingestStats, error) {
	start := time.Now()
	idx, err := bleve.New(dir, e.mapping())
	if err != nil {
		return ingestStats{}, fmt.Errorf("bleve: %w", err)
	}
	var st ingestStats
	b := idx.NewBatch()
	flush := func() error {
		if b.Size() == 0 {
			return nil
		}
		if err := idx.Batch(b); err != nil {
			return fmt.Errorf("bleve batch: %w", err)
		}
		b.Reset()
		return ctx.Err()
	}
	err = readDocs(corpus, func(d *doc) error {
		st.Articles++
		st.Bytes += int64(len(d.Title) + len(d.Body))
		if err := b.Index(d.ID, e.fields(d)); err != nil {
			return fmt.Errorf("bleve %s: %w", d.ID, err)
		}
		if b.Size() >= 1000 {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	if cerr := idx.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("bleve close: %w", cerr)
	}
	st.Elapsed = time.Since(start)
	return st, err
}

func (e bleveEngine) fields(d *doc) map[string]any {
	m := map[string]any{"title": d.Title, "body": d.Body}
	if e.keywords {
		m["source"] = d.Source
		if day := d.day(); day != "" {
			m["day"] = day
		}
	}
	return m
}

func (e bleveEngine) open(dir string) (searcher, error) {
	idx, err := bleve.Open(dir)
	if err != nil {
		return nil, fmt.Errorf("bleve: %w", err)
	}
	return bleveSearcher{idx}, nil
}

type bleveSearcher struct{ idx bleve.Index }

// matchAll is the peers' reading of a search box: every word, over _all.
func matchAll(text string) bq.Query {
	m := bleve.NewMatchQuery(text)
	m.SetOperator(bq.MatchQueryOperatorAnd)
	return m
}

func (s bleveSearcher) search(ctx context.Context, q *query) (uint64, error) {
	var qq bq.Query
	if q.Phrase != "" {
		qq = bleve.NewMatchPhraseQuery(q.Phrase)
	} else {
		qq = matchAll(strings.Join(q.Words, " "))
	}
	switch {
	case q.Analyst != "":
		qq = bleve.NewConjunctionQuery(qq, bleve.NewMatchPhraseQuery(q.Analyst))
	case q.Source != "":
		t := bleve.NewTermQuery(q.Source)
		t.SetField("source")
		qq = bleve.NewConjunctionQuery(qq, t)
	}
	req := bleve.NewSearchRequestOptions(qq, index.DefaultSize, 0, false)
	req.Fields = []string{"title"}
	if q.Full {
		req.AddFacet("source", bleve.NewFacetRequest("source", index.DefaultFacetSize))
		req.AddFacet("day", bleve.NewFacetRequest("day", 10000))
		req.Highlight = bleve.NewHighlightWithStyle("html")
		req.Highlight.Fields = []string{"body"}
	}
	res, err := s.idx.SearchInContext(ctx, req)
	if err != nil {
		return 0, fmt.Errorf("bleve search: %w", err)
	}
	return res.Total, nil
}

func (s bleveSearcher) close() error { return s.idx.Close() }

// fts5Engine is SQLite FTS5 with the porter tokenizer. With columns, the
// table also holds the source and day (UNINDEXED) for the filter and the
// counts of the full search-box request.
type fts5Engine struct{ columns bool }

const fts5File = "fts5.db"

func (e fts5Engine) ingest(ctx context.Context, corpus, dir string) (ingestStats, error) {
	start := time.Now()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return ingestStats{}, fmt.Errorf("fts5: %w", err)
	}
	db, err := sql.Open("sqlite", filepath.Join(dir, fts5File))
	if err != nil {
		return ingestStats{}, fmt.Errorf("fts5: %w", err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	schema := "CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, body, tokenize='porter')"
	insert := "INSERT INTO docs(id, title, body) VALUES (?, ?, ?)"
	if e.columns {
		schema = "CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, body, source UNINDEXED, day UNINDEXED, tokenize='porter')"
		insert = "INSERT INTO docs(id, title, body, source, day) VALUES (?, ?, ?, ?, ?)"
	}
	if _, err := db.ExecContext(ctx, schema); err != nil {
		return ingestStats{}, fmt.Errorf("fts5 schema: %w", err)
	}
	var st ingestStats
	var tx *sql.Tx
	var stmt *sql.Stmt
	n := 0
	commit := func() error {
		if tx == nil {
			return nil
		}
		stmt.Close()
		err := tx.Commit()
		tx, n = nil, 0
		if err != nil {
			return fmt.Errorf("fts5 commit: %w", err)
		}
		return ctx.Err()
	}
	err = readDocs(corpus, func(d *doc) error {
		if tx == nil {
			var err error
			if tx, err = db.BeginTx(ctx, nil); err != nil {
				return fmt.Errorf("fts5 begin: %w", err)
			}
			if stmt, err = tx.PrepareContext(ctx, insert); err != nil {
				return fmt.Errorf("fts5 prepare: %w", err)
			}
		}
		st.Articles++
		st.Bytes += int64(len(d.Title) + len(d.Body))
		args := []any{d.ID, d.Title, d.Body}
		if e.columns {
			args = append(args, d.Source, d.day())
		}
		if _, err := stmt.ExecContext(ctx, args...); err != nil {
			return fmt.Errorf("fts5 insert %s: %w", d.ID, err)
		}
		if n++; n >= 1000 {
			return commit()
		}
		return nil
	})
	if err == nil {
		err = commit()
	} else if tx != nil {
		tx.Rollback()
	}
	if cerr := db.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("fts5 close: %w", cerr)
	}
	st.Elapsed = time.Since(start)
	return st, err
}

func (e fts5Engine) open(dir string) (searcher, error) {
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, fts5File)+"?mode=ro")
	if err != nil {
		return nil, fmt.Errorf("fts5: %w", err)
	}
	if err := db.Ping(); err != nil {
		db.Close()
		return nil, fmt.Errorf("fts5: %w", err)
	}
	return fts5Searcher{db}, nil
}

type fts5Searcher struct{ db *sql.DB }

// words splits text into the words an FTS5 query ANDs.
func words(text string) []string {
	return strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) })
}

// ftsMatch returns an FTS5 query holding every word (each quoted, so none
// is read as an operator) and the phrases.
func ftsMatch(ws []string, phrases ...string) string {
	var parts []string
	for _, w := range ws {
		parts = append(parts, `"`+strings.ReplaceAll(w, `"`, `""`)+`"`)
	}
	for _, p := range phrases {
		if p != "" {
			parts = append(parts, `"`+strings.Join(words(p), " ")+`"`)
		}
	}
	return strings.Join(parts, " ")
}

func (s fts5Searcher) search(ctx context.Context, q *query) (uint64, error) {
	var match string
	if q.Phrase != "" {
		match = ftsMatch(nil, q.Phrase, q.Analyst)
	} else {
		match = ftsMatch(q.Words, q.Analyst)
	}
	where := "docs MATCH ?"
	args := []any{match}
	if q.Source != "" {
		where += " AND source = ?"
		args = append(args, q.Source)
	}
	cols := "id, title"
	if q.Full {
		cols = "id, title, snippet(docs, 2, '<mark>', '</mark>', '…', 24)"
	}
	if err := drain(ctx, s.db, "SELECT "+cols+" FROM docs WHERE "+where+" ORDER BY bm25(docs) LIMIT 10", args); err != nil {
		return 0, err
	}
	var total uint64
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM docs WHERE "+where, args...).Scan(&total); err != nil {
		return 0, fmt.Errorf("fts5 count: %w", err)
	}
	if q.Full {
		for _, sq := range []string{
			"SELECT source, count(*) AS n FROM docs WHERE " + where + " GROUP BY source ORDER BY n DESC, source LIMIT 10",
			"SELECT day, count(*) FROM docs WHERE " + where + " GROUP BY day ORDER BY day",
		} {
			if err := drain(ctx, s.db, sq, args); err != nil {
				return 0, err
			}
		}
	}
	return total, nil
}

// drain runs a query and reads every row.
func drain(ctx context.Context, db *sql.DB, q string, args []any) error {
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("fts5: %w", err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return fmt.Errorf("fts5: %w", err)
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return fmt.Errorf("fts5: %w", err)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("fts5: %w", err)
	}
	return nil
}

func (s fts5Searcher) close() error { return s.db.Close() }
