package index

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2"
	bolt "go.etcd.io/bbolt"

	"github.com/newsindex/newsindex/internal/analysis"
)

// Backup writes a consistent copy of the index to dir while the index
// keeps serving searches and writes. The copy holds every write that
// returned before Backup started, and none that started after it; it is a
// complete index that Open accepts. dir must not exist (ErrExists
// otherwise): the copy is made in a temporary folder beside it, synced to
// disk, and renamed to dir only when complete, so a crash never leaves a
// half-written dir behind. An in-memory index cannot be backed up.
func (ix *Index) Backup(ctx context.Context, dir string) error {
	return ix.use(func(e engine) error {
		be, ok := e.(*bleveEngine)
		if !ok {
			return fmt.Errorf("backup: this engine cannot be backed up")
		}
		return be.backup(ctx, dir)
	})
}

func (e *bleveEngine) backup(ctx context.Context, dir string) (err error) {
	if e.idx.Name() == "" {
		return fmt.Errorf("backup: %w: an in-memory index has no files to copy", ErrInvalidRequest)
	}
	dir = filepath.Clean(dir)
	if abs, err := filepath.Abs(dir); err == nil {
		if src, err := filepath.Abs(e.idx.Name()); err == nil && (abs == src || strings.HasPrefix(abs, src+string(filepath.Separator))) {
			return fmt.Errorf("backup to %s: %w: the copy cannot go inside the index", dir, ErrInvalidRequest)
		}
	}
	if _, err := os.Lstat(dir); err == nil {
		return fmt.Errorf("backup to %s: %w", dir, ErrExists)
	} else if !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("backup to %s: %w", dir, err)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fmt.Errorf("backup to %s: %w", dir, err)
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".partial-")
	if err != nil {
		return fmt.Errorf("backup to %s: %w", dir, err)
	}
	defer func() {
		if err != nil {
			os.RemoveAll(tmp)
		}
	}()
	c, ok := e.idx.(bleve.IndexCopyable)
	if !ok {
		return fmt.Errorf("backup: the bleve index does not support copying")
	}
	// CopyTo pins the current snapshot: segments in it are kept on disk
	// (and those still in memory are written out) until the copy is done.
	if err := c.CopyTo(bleve.FileSystemDirectory(tmp)); err != nil {
		return fmt.Errorf("backup to %s: %w", dir, translate(err))
	}
	// The story store is a hint store beside the search index (see
	// storyStore): a copy of it made a moment later is as good.
	if bs, ok := e.stories.(*boltStories); ok {
		if err := bs.copyTo(filepath.Join(tmp, storiesFile)); err != nil {
			return fmt.Errorf("backup to %s: story store: %w", dir, err)
		}
	}
	if err := syncTree(tmp); err != nil {
		return fmt.Errorf("backup to %s: sync: %w", dir, err)
	}
	if err := os.Rename(tmp, dir); err != nil {
		return fmt.Errorf("backup to %s: %w", dir, err)
	}
	if err := syncDir(parent); err != nil {
		return fmt.Errorf("backup to %s: sync: %w", dir, err)
	}
	return nil
}

// storiesFile is the story store's file in the index folder.
const storiesFile = "stories.bolt"

// copyTo writes a consistent copy of the store to path.
func (s *boltStories) copyTo(path string) error {
	return s.db.View(func(tx *bolt.Tx) error { return tx.CopyFile(path, 0o600) })
}

// syncTree flushes every file and folder under root to stable storage.
func syncTree(root string) error {
	return filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return syncDir(path)
		}
		f, err := os.OpenFile(path, os.O_RDWR, 0)
		if err != nil {
			return err
		}
		if err := f.Sync(); err != nil {
			f.Close()
			return err
		}
		return f.Close()
	})
}

func syncDir(path string) error {
	d, err := os.Open(path)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) {
		return err
	}
	return nil
}

// CheckReport says what Check found. The index is sound when Problems is
// empty.
type CheckReport struct {
	Path string `json:"path,omitempty"`
	// Documents is the number of bleve documents: articles plus quotes.
	Documents uint64 `json:"documents"`
	// Articles and Quotes count the documents of each kind that decode.
	Articles int `json:"articles"`
	Quotes   int `json:"quotes"`
	// QuotesListed is the number of quotes the articles list; it equals
	// Quotes in a sound index.
	QuotesListed int `json:"quotes_listed"`
	// FoundByID counts the articles that a search by their ID finds, and
	// FoundByTitle those that a search for their title finds (articles
	// without a title are not searched for).
	FoundByID    int `json:"found_by_id"`
	FoundByTitle int `json:"found_by_title"`
	// Problems describes what is wrong, at most maxProblems of them;
	// ProblemCount counts them all.
	Problems     []string `json:"problems"`
	ProblemCount int      `json:"problem_count"`
}

// OK reports whether the check found no problem.
func (r *CheckReport) OK() bool { return r.ProblemCount == 0 }

const maxProblems = 100

func (r *CheckReport) problem(format string, args ...any) {
	r.ProblemCount++
	if len(r.Problems) < maxProblems {
		r.Problems = append(r.Problems, fmt.Sprintf(format, args...))
	}
}

// Check opens the index at path and verifies it: every document decodes,
// the quotes stored agree with the quotes the articles list, and every
// article is found by a search for its ID and by a search for its title.
// The error is for an index that cannot be checked at all (missing, or
// locked by a running server: ErrNotFound, ErrLocked); what is wrong
// inside the index is in the report.
func Check(ctx context.Context, path string) (CheckReport, error) {
	e, err := openBleve(path)
	if err != nil {
		return CheckReport{Path: path}, err
	}
	r, err := e.check(ctx)
	r.Path = path
	if cerr := e.close(); err == nil && cerr != nil {
		err = fmt.Errorf("close %s: %w", path, cerr)
	}
	return r, err
}

// Check verifies the open index as the function Check does.
func (ix *Index) Check(ctx context.Context) (CheckReport, error) {
	var r CheckReport
	err := ix.use(func(e engine) error {
		be, ok := e.(*bleveEngine)
		if !ok {
			return fmt.Errorf("check: this engine cannot be checked")
		}
		var err error
		r, err = be.check(ctx)
		return err
	})
	return r, err
}

// checkPage is how many documents each step of the scan reads.
const checkPage = 500

func (e *bleveEngine) check(ctx context.Context) (CheckReport, error) {
	r := CheckReport{Problems: []string{}}
	n, err := e.idx.DocCount()
	if err != nil {
		return r, fmt.Errorf("check: count documents: %w", translate(err))
	}
	r.Documents = n

	// listed maps each article ID to its number of quotes.
	listed := map[string]int{}
	err = e.scan(ctx, kindArticle, []string{fSource, fNQuotes}, func(id string, fields map[string]any) {
		var a Article
		if err := decodeStored(fields, &a); err != nil {
			r.problem("article %q: stored form does not decode: %v", id, err)
			return
		}
		if a.ID != id {
			r.problem("article %q: stored form has id %q", id, a.ID)
		}
		r.Articles++
		listed[id] = len(a.Quotes)
		r.QuotesListed += len(a.Quotes)
		if nq, _ := fields[fNQuotes].(float64); int(nq) != len(a.Quotes) {
			r.problem("article %q: lists %d quotes but nquotes is %v", id, len(a.Quotes), fields[fNQuotes])
		}
		e.findable(ctx, &r, id, a.Title)
	})
	if err != nil {
		return r, err
	}
	// stored counts the sound quotes of each article.
	stored := map[string]int{}
	err = e.scan(ctx, kindQuote, []string{fSource}, func(id string, fields map[string]any) {
		var q storedQuote
		if err := decodeStored(fields, &q); err != nil {
			r.problem("quote %q: stored form does not decode: %v", id, err)
			return
		}
		r.Quotes++
		nq, ok := listed[q.ArticleID]
		if !ok {
			r.problem("quote %q: its article %q is missing", id, q.ArticleID)
			return
		}
		i := quoteIndex(q.ArticleID, id)
		if i < 0 || i >= nq {
			r.problem("quote %q: article %q lists %d quotes", id, q.ArticleID, nq)
			return
		}
		stored[q.ArticleID]++
	})
	if err != nil {
		return r, err
	}
	if uint64(r.Articles+r.Quotes) != r.Documents {
		r.problem("%d documents, but %d articles and %d quotes decode", r.Documents, r.Articles, r.Quotes)
	}
	var short []string
	for id, nq := range listed {
		if stored[id] < nq {
			short = append(short, id)
		}
	}
	slices.Sort(short)
	for _, id := range short {
		r.problem("article %q: %d of its %d quotes are missing", id, listed[id]-stored[id], listed[id])
	}
	return r, nil
}

// findable checks that article id is found by its ID and by its title.
func (e *bleveEngine) findable(ctx context.Context, r *CheckReport, id, title string) {
	if _, err := e.article(ctx, id); err != nil {
		r.problem("article %q: not found by id: %v", id, err)
	} else {
		r.FoundByID++
	}
	if title == "" {
		return
	}
	ok, err := e.findsByTitle(ctx, id, title)
	switch {
	case err != nil:
		r.problem("article %q: search by title: %v", id, err)
	case !ok:
		r.problem("article %q: not found by its title %q", id, title)
	default:
		r.FoundByTitle++
	}
}

// quoteIndex returns j when id is quoteID(articleID, j), else -1.
func quoteIndex(articleID, id string) int {
	rest, ok := strings.CutPrefix(id, articleID+"#q")
	if !ok || rest == "" {
		return -1
	}
	j := 0
	for _, c := range rest {
		if c < '0' || c > '9' || j > 1<<20 {
			return -1
		}
		j = j*10 + int(c-'0')
	}
	return j
}

// scan calls f with every document of a kind, in ID order, reading
// checkPage documents at a time.
func (e *bleveEngine) scan(ctx context.Context, kind string, fields []string, f func(id string, fields map[string]any)) error {
	var after []string
	for {
		req := bleve.NewSearchRequestOptions(kindQuery(kind), checkPage, 0, false)
		req.Fields = fields
		req.SortBy([]string{"_id"})
		req.SearchAfter = after
		res, err := e.idx.SearchInContext(ctx, req)
		if err != nil {
			return fmt.Errorf("check: scan %s documents: %w", kind, translate(err))
		}
		for _, h := range res.Hits {
			f(h.ID, h.Fields)
		}
		if len(res.Hits) < checkPage {
			return nil
		}
		after = []string{res.Hits[len(res.Hits)-1].ID}
	}
}

// findsByTitle reports whether a match query on title finds article id. A
// title made only of stop words finds nothing, and counts as found.
func (e *bleveEngine) findsByTitle(ctx context.Context, id, title string) (bool, error) {
	if a := e.idx.Mapping().AnalyzerNamed(analysis.AnalyzerName); a != nil && len(a.Analyze([]byte(title))) == 0 {
		return true, nil
	}
	m := bleve.NewMatchQuery(title)
	m.SetField(fTitle)
	q := bleve.NewConjunctionQuery(bleve.NewDocIDQuery([]string{id}), m, kindQuery(kindArticle))
	res, err := e.idx.SearchInContext(ctx, bleve.NewSearchRequestOptions(q, 1, 0, false))
	if err != nil {
		return false, translate(err)
	}
	return res.Total == 1, nil
}
