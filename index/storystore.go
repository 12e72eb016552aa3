package index

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"path/filepath"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/newsindex/newsindex/internal/story"
)

// storyRec is what finding an article's story needs to know of an earlier
// article.
type storyRec struct {
	id, story string
	published time.Time
	sig       story.Signature
}

// storyStore keeps each article's story signature beside the search index
// (a bolt file on disk), and finds the earlier articles that share an LSH
// band key with a new one through a table in memory, built from the stored
// signatures the first time an index is written to. Keeping the 32 nearly
// unique band keys an article has out of bleve (and off disk) keeps the
// index small; the table costs about 0.6 KB of memory an article.
//
// It is a hint store: if a crash loses a write, later copies of those
// articles just start stories of their own. It never holds anything an
// article's search depends on.
type storyStore interface {
	candidates(keys []string) ([]storyRec, error)
	put(recs []storyRec) error
	remove(id string) error
	close() error
}

var bucketArticles = []byte("articles") // ID → story, published, signature

func encodeRec(r storyRec) []byte {
	b := binary.AppendUvarint(nil, uint64(len(r.story)))
	b = append(b, r.story...)
	var unix int64
	if !r.published.IsZero() {
		unix = r.published.Unix()
	}
	b = binary.AppendVarint(b, unix)
	return r.sig.AppendBinary(b)
}

func decodeRec(id string, b []byte) (storyRec, error) {
	n, k := binary.Uvarint(b)
	if k <= 0 || uint64(len(b)-k) < n {
		return storyRec{}, errors.New("short record")
	}
	r := storyRec{id: id, story: string(b[k : k+int(n)])}
	b = b[k+int(n):]
	unix, k := binary.Varint(b)
	if k <= 0 {
		return storyRec{}, errors.New("short record")
	}
	if unix != 0 {
		r.published = time.Unix(unix, 0).UTC()
	}
	sig, err := story.ParseBinary(b[k:]) // or the text form of older stores
	if err != nil {
		return storyRec{}, err
	}
	r.sig = sig
	return r, nil
}

// lsh finds articles by band key: for each key the newest articles filed
// under it, at most story.MaxCandidates of them, as a chain through next.
type lsh struct {
	mu   sync.Mutex
	head map[uint64]int32 // key → newest article filed under it
	next []int32          // article*Bands+band → the article filed before it under that key, or -1
	recs []storyRec
	at   map[string]int32 // ID → its newest entry
}

func newLSH() *lsh { return &lsh{head: map[uint64]int32{}, at: map[string]int32{}} }

func (l *lsh) add(r storyRec) {
	n := int32(len(l.recs))
	l.recs = append(l.recs, r)
	l.at[r.id] = n
	keys := r.sig.Keys()
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

func (l *lsh) candidates(keys []string) []storyRec {
	var out []storyRec
	seen := map[int32]bool{}
	for band, k := range keys {
		c, ok := l.head[keyHash(k)]
		for n := 0; ok && c >= 0 && n < story.MaxCandidates; c, n = l.next[int(c)*story.Bands+band], n+1 {
			r := l.recs[c]
			if seen[c] || l.at[r.id] != c {
				continue // seen, or replaced or removed since
			}
			seen[c] = true
			out = append(out, r)
		}
	}
	return out
}

func keyHash(k string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(k))
	return h.Sum64()
}

// boltStories keeps the records in a bolt file in the index folder, and
// the band keys in memory.
type boltStories struct {
	db   *bolt.DB
	once sync.Once
	lsh  *lsh
	err  error
}

func openBoltStories(indexPath string) (*boltStories, error) {
	db, err := bolt.Open(filepath.Join(indexPath, "stories.bolt"), 0o600, &bolt.Options{Timeout: 2 * time.Second})
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
	return &boltStories{db: db}, nil
}

// table builds the band-key table from the stored records, once.
func (s *boltStories) table() (*lsh, error) {
	s.once.Do(func() {
		l := newLSH()
		s.err = s.db.View(func(tx *bolt.Tx) error {
			return tx.Bucket(bucketArticles).ForEach(func(k, v []byte) error {
				if r, err := decodeRec(string(k), v); err == nil {
					l.add(r)
				}
				return nil
			})
		})
		s.lsh = l
	})
	return s.lsh, s.err
}

func (s *boltStories) candidates(keys []string) ([]storyRec, error) {
	l, err := s.table()
	if err != nil {
		return nil, err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.candidates(keys), nil
}

func (s *boltStories) put(recs []storyRec) error {
	l, err := s.table()
	if err != nil {
		return err
	}
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
		l.add(r)
	}
	return nil
}

func (s *boltStories) remove(id string) error {
	if l, err := s.table(); err == nil {
		l.mu.Lock()
		delete(l.at, id)
		l.mu.Unlock()
	}
	return s.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketArticles).Delete([]byte(id)) })
}

func (s *boltStories) close() error { return s.db.Close() }

// memStories is the store of an index held in memory.
type memStories struct{ l *lsh }

func newMemStories() *memStories { return &memStories{l: newLSH()} }

func (s *memStories) candidates(keys []string) ([]storyRec, error) {
	s.l.mu.Lock()
	defer s.l.mu.Unlock()
	return s.l.candidates(keys), nil
}

func (s *memStories) put(recs []storyRec) error {
	s.l.mu.Lock()
	defer s.l.mu.Unlock()
	for _, r := range recs {
		s.l.add(r)
	}
	return nil
}

func (s *memStories) remove(id string) error {
	s.l.mu.Lock()
	defer s.l.mu.Unlock()
	delete(s.l.at, id)
	return nil
}

func (s *memStories) close() error { return nil }
