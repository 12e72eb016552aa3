package engine

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/newsindex/newsindex/internal/story"
)

// StoryRec is what finding an article's story needs to know of an earlier
// article: what the story store keeps of each.
type StoryRec struct {
	id, story string
	published time.Time
	sig       story.Signature
}

// StoryStore keeps each article's story signature beside the search index
// (a bolt file on disk), and finds the earlier articles that share an LSH
// band key with a new one through a table in memory, built from the stored
// signatures the first time an index is written to. Keeping the 32 nearly
// unique band keys an article has out of bleve (and off disk) keeps the
// index small; the table costs about 0.5 KB of memory an article, and the
// records of the candidates are read from the file.
//
// It is a hint store: if a crash loses a write, later copies of those
// articles just start stories of their own. It never holds anything an
// article's search depends on.
type StoryStore interface {
	candidates(keys []string) ([]StoryRec, error)
	// Put files the records of written articles.
	Put(recs []StoryRec) error
	// Remove forgets a deleted article.
	Remove(id string) error
	Close() error
}

var bucketArticles = []byte("articles") // ID → story, published, signature

// encodeRec writes what the store keeps of an article: its story (empty
// when the story is its own, as for most articles), its date and its
// signature.
func encodeRec(r StoryRec) []byte {
	st := r.story
	if st == r.id {
		st = ""
	}
	b := binary.AppendUvarint(nil, uint64(len(st)))
	b = append(b, st...)
	var unix int64
	if !r.published.IsZero() {
		unix = r.published.Unix()
	}
	b = binary.AppendVarint(b, unix)
	return r.sig.AppendBinary(b)
}

func decodeRec(id string, b []byte) (StoryRec, error) {
	n, k := binary.Uvarint(b)
	if k <= 0 || uint64(len(b)-k) < n {
		return StoryRec{}, errors.New("short record")
	}
	r := StoryRec{id: id, story: string(b[k : k+int(n)])}
	if r.story == "" {
		r.story = id
	}
	b = b[k+int(n):]
	unix, k := binary.Varint(b)
	if k <= 0 {
		return StoryRec{}, errors.New("short record")
	}
	if unix != 0 {
		r.published = time.Unix(unix, 0).UTC()
	}
	sig, err := story.ParseBinary(b[k:]) // or the text form of older stores
	if err != nil {
		return StoryRec{}, err
	}
	r.sig = sig
	return r, nil
}

// lsh finds articles by band key: for each key the newest articles filed
// under it, at most story.MaxCandidates of them, as a chain through next.
// It holds the articles' IDs only; their records are the store's.
//
// At a million articles it is most of what an ingest keeps in memory, so
// it is kept small: a key is held as 32 bits of its hash (two keys that
// share them only make an unrelated article a candidate, which its
// similarity then turns down), about 0.5 KB an article in all.
type lsh struct {
	mu   sync.Mutex
	head map[uint32]int32 // key hash → newest article filed under it
	next []int32          // article*Bands+band → the article filed before it under that key, or -1
	ids  []string
	at   map[string]int32 // ID → its newest entry
}

func newLSH() *lsh { return &lsh{head: map[uint32]int32{}, at: map[string]int32{}} }

func (l *lsh) add(id string, keys []string) {
	n := int32(len(l.ids))
	l.ids = append(l.ids, id)
	l.at[id] = n
	for band := range story.Bands {
		prev := int32(-1)
		if band < len(keys) {
			h := keyHash(keys[band])
			if p, ok := l.head[h]; ok {
				prev = p
			}
			l.head[h] = n
		}
		l.next = append(l.next, prev)
	}
}

// candidates returns the IDs of the articles filed under keys.
func (l *lsh) candidates(keys []string) []string {
	var out []string
	seen := map[int32]bool{}
	for band, k := range keys {
		c, ok := l.head[keyHash(k)]
		for n := 0; ok && c >= 0 && n < story.MaxCandidates; c, n = l.next[int(c)*story.Bands+band], n+1 {
			id := l.ids[c]
			if seen[c] || l.at[id] != c {
				continue // seen, or replaced or removed since
			}
			seen[c] = true
			out = append(out, id)
		}
	}
	return out
}

func keyHash(k string) uint32 {
	h := fnv.New64a()
	h.Write([]byte(k))
	x := h.Sum64()
	return uint32(x ^ x>>32)
}

// StoriesFile is the story store's file in an index folder.
const StoriesFile = "stories.bolt"

// BoltStories keeps the records in a bolt file in the index folder, and
// the band keys in memory.
type BoltStories struct {
	db   *bolt.DB
	once sync.Once
	lsh  *lsh
	err  error
	// written is set by the first write: only a store written since it
	// was opened can have grown slack for Close to compact.
	written atomic.Bool
}

// OpenStories opens (or creates) the story store of the index folder dir.
func OpenStories(dir string) (*BoltStories, error) {
	path := filepath.Join(dir, StoriesFile)
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: 2 * time.Second})
	if errors.Is(err, bolt.ErrTimeout) {
		return nil, fmt.Errorf("story store %s: %w", dir, ErrLocked)
	}
	if err != nil {
		return nil, fmt.Errorf("story store: %w", err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		_, err := tx.CreateBucketIfNotExists(bucketArticles)
		return err
	})
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("story store: %w", err)
	}
	// A copy left by a compaction that did not finish (Close).
	os.Remove(path + compactSuffix)
	return &BoltStories{db: db}, nil
}

// table builds the band-key table from the stored records, once.
func (s *BoltStories) table() (*lsh, error) {
	s.once.Do(func() {
		l := newLSH()
		s.err = s.db.View(func(tx *bolt.Tx) error {
			return tx.Bucket(bucketArticles).ForEach(func(k, v []byte) error {
				if r, err := decodeRec(string(k), v); err == nil {
					l.add(r.id, r.sig.Keys())
				}
				return nil
			})
		})
		s.lsh = l
	})
	return s.lsh, s.err
}

func (s *BoltStories) candidates(keys []string) ([]StoryRec, error) {
	l, err := s.table()
	if err != nil {
		return nil, err
	}
	l.mu.Lock()
	ids := l.candidates(keys)
	l.mu.Unlock()
	if len(ids) == 0 {
		return nil, nil
	}
	// The records are read from the file, whose pages the system caches,
	// rather than kept in memory.
	out := make([]StoryRec, 0, len(ids))
	err = s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketArticles)
		for _, id := range ids {
			if v := b.Get([]byte(id)); v != nil {
				if r, err := decodeRec(id, v); err == nil {
					out = append(out, r)
				}
			}
		}
		return nil
	})
	return out, err
}

func (s *BoltStories) Put(recs []StoryRec) error {
	l, err := s.table()
	if err != nil {
		return err
	}
	s.written.Store(true)
	err = s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketArticles)
		// Keys arrive in no order; fuller pages halve the file (a
		// split leaves pages at FillPercent, 0.5 by default).
		b.FillPercent = 0.9
		for _, r := range recs {
			if err := b.Put([]byte(r.id), encodeRec(r)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, r := range recs {
		l.add(r.id, r.sig.Keys())
	}
	return nil
}

func (s *BoltStories) Remove(id string) error {
	if l, err := s.table(); err == nil {
		l.mu.Lock()
		delete(l.at, id)
		l.mu.Unlock()
	}
	s.written.Store(true)
	return s.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketArticles).Delete([]byte(id)) })
}

// Close closes the store, compacting its file first when it was written
// and much of it is slack. A store only read (a server's) is not measured:
// counting its pages in use reads every page of the file, which mapped
// 100 MB of a 300,000-article index's store into the process as it closed.
func (s *BoltStories) Close() error {
	if !s.written.Load() {
		return s.db.Close()
	}
	if err := s.compact(); err != nil {
		slog.Warn("story store: compaction failed, the file is kept as it was", "path", s.db.Path(), "err", err)
	}
	return s.db.Close()
}

// The records arrive in no order of their IDs, so that inserts split pages
// anywhere and leave them 60% full on average, and the file grows in steps
// of 16 MB: after the benchmark's ingest of 100,000 articles the file held
// 67 MB for 34 MB of records (a reindex, which puts them in ID order,
// left 51 MB). Close rewrites a file less than minFill of which is pages
// in use, if that saves minCompactSaving bytes or more, into a copy with
// full pages (36 MB there, in 1.3 s), and renames the copy into
// place while the store's lock, and the index's, is held. A crash leaves
// the old file or the new one, and a copy left beside it is removed when
// the store is opened. (The story store of an OpenSearch index has no
// index lock around it: a process that waited for the store's lock meanwhile
// would open the old file, a hint store's loss.)
const (
	minFill          = 0.75
	minCompactSaving = 4 << 20
	compactSuffix    = ".compact"
)

func (s *BoltStories) compact() error {
	path := s.db.Path()
	fi, err := os.Stat(path)
	if err != nil {
		return err
	}
	// The file, not the pages in use: bolt grows it ahead of them.
	size := fi.Size()
	var used int64
	err = s.db.View(func(tx *bolt.Tx) error {
		st := tx.Bucket(bucketArticles).Stats()
		used = int64(st.LeafInuse + st.BranchInuse)
		return nil
	})
	if err != nil || size-used < minCompactSaving || float64(used) >= minFill*float64(size) {
		return err
	}
	tmp := path + compactSuffix
	os.Remove(tmp)
	dst, err := bolt.Open(tmp, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		return err
	}
	// Compact fills every page of the copy, and the copy grows by what it
	// needs rather than by bolt's steps of 16 MB (or doublings below).
	dst.AllocSize = 0
	if err := bolt.Compact(dst, s.db, 64<<20); err != nil {
		dst.Close()
		os.Remove(tmp)
		return err
	}
	if err := dst.Close(); err != nil { // bolt synced each commit
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

// MemStories is the store of an index held in memory.
type MemStories struct {
	l    *lsh
	recs map[string]StoryRec // guarded by l.mu
}

// NewMemStories returns an empty store held in memory.
func NewMemStories() *MemStories { return &MemStories{l: newLSH(), recs: map[string]StoryRec{}} }

func (s *MemStories) candidates(keys []string) ([]StoryRec, error) {
	s.l.mu.Lock()
	defer s.l.mu.Unlock()
	var out []StoryRec
	for _, id := range s.l.candidates(keys) {
		out = append(out, s.recs[id])
	}
	return out, nil
}

func (s *MemStories) Put(recs []StoryRec) error {
	s.l.mu.Lock()
	defer s.l.mu.Unlock()
	for _, r := range recs {
		s.recs[r.id] = r
		s.l.add(r.id, r.sig.Keys())
	}
	return nil
}

func (s *MemStories) Remove(id string) error {
	s.l.mu.Lock()
	defer s.l.mu.Unlock()
	delete(s.l.at, id)
	delete(s.recs, id)
	return nil
}

func (s *MemStories) Close() error { return nil }

// CopyTo writes a consistent copy of the store to path.
func (s *BoltStories) CopyTo(path string) error {
	return s.db.View(func(tx *bolt.Tx) error { return tx.CopyFile(path, 0o600) })
}
