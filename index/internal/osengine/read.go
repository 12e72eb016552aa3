package osengine

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sort"

	"github.com/newsindex/newsindex/index/internal/engine"
	"github.com/newsindex/newsindex/internal/lang"
)

// Article returns the stored article with the given ID, or ErrNotFound.
func (e *Engine) Article(ctx context.Context, id string) (engine.Article, error) {
	var res struct {
		Found  bool            `json:"found"`
		Source json.RawMessage `json:"_source"`
	}
	err := e.doJSON(ctx, http.MethodGet, e.path("/_doc/"+url.PathEscape(id)), nil, &res)
	if errors.Is(err, engine.ErrNotFound) {
		return engine.Article{}, fmt.Errorf("article %q: %w", id, engine.ErrNotFound)
	}
	if err != nil {
		return engine.Article{}, err
	}
	if !res.Found {
		return engine.Article{}, fmt.Errorf("article %q: %w", id, engine.ErrNotFound)
	}
	d, err := decodeArticle(res.Source)
	if err != nil || d.Kind != engine.KindArticle {
		return engine.Article{}, fmt.Errorf("article %q: %w", id, engine.ErrNotFound)
	}
	return d.Article, nil
}

func kindFilter(kind string) obj { return obj{"term": obj{osKind: kind}} }

// Count returns the number of articles.
func (e *Engine) Count(ctx context.Context) (uint64, error) {
	var res struct {
		Count uint64 `json:"count"`
	}
	err := e.doJSON(ctx, http.MethodPost, e.path("/_count"), obj{"query": kindFilter(engine.KindArticle)}, &res)
	return res.Count, err
}

// termsPage is how many values one request of terms lists.
const termsPage = 1000

// Terms lists every value of a facet with its number of articles, through
// a composite aggregation, a page at a time.
func (e *Engine) Terms(ctx context.Context, facet engine.Facet) ([]engine.FacetCount, error) {
	f := osFacetField[facet]
	var out []engine.FacetCount
	var after obj
	for {
		src := obj{"field": f}
		if facet == engine.FacetLanguage {
			src["missing_bucket"] = true // an article stored without one is und
		}
		comp := obj{"size": termsPage, "sources": []obj{{"v": obj{"terms": src}}}}
		if after != nil {
			comp["after"] = after
		}
		body := obj{"size": 0, "query": kindFilter(engine.KindArticle), "aggs": obj{"values": obj{"composite": comp}}}
		var res struct {
			Aggregations struct {
				Values struct {
					AfterKey obj `json:"after_key"`
					Buckets  []struct {
						Key      struct{ V *string } `json:"key"`
						DocCount int                 `json:"doc_count"`
					} `json:"buckets"`
				} `json:"values"`
			} `json:"aggregations"`
		}
		if err := e.doJSON(ctx, http.MethodPost, e.path("/_search"), body, &res); err != nil {
			return nil, fmt.Errorf("terms of %s: %w", f, err)
		}
		for _, b := range res.Aggregations.Values.Buckets {
			v := lang.Und
			if b.Key.V != nil {
				v = *b.Key.V
			}
			out = append(out, engine.FacetCount{Value: v, Count: b.DocCount})
		}
		if len(res.Aggregations.Values.Buckets) < termsPage || res.Aggregations.Values.AfterKey == nil {
			sort.Slice(out, func(i, j int) bool { return out[i].Value < out[j].Value })
			return out, nil
		}
		after = res.Aggregations.Values.AfterKey
	}
}

// exportPage is how many articles one request of Each reads.
const exportPage = 1000

// Each calls fn with every article, in ID order, until fn returns an error
// (which Each returns).
func (e *Engine) Each(ctx context.Context, fn func(engine.Article) error) error {
	var after []any
	for {
		b := obj{"query": kindFilter(engine.KindArticle), "size": exportPage, "sort": []obj{{osID: "asc"}},
			"_source": obj{"excludes": []string{"*_name"}}, "track_total_hits": false}
		if after != nil {
			b["search_after"] = after
		}
		res, err := e.runSearch(ctx, b)
		if err != nil {
			return fmt.Errorf("each: %w", err)
		}
		for _, h := range res.Hits.Hits {
			d, err := decodeArticle(h.Source)
			if err != nil {
				return fmt.Errorf("article %q: stored form: %w", h.ID, err)
			}
			if err := fn(d.Article); err != nil {
				return err
			}
		}
		if len(res.Hits.Hits) < exportPage {
			return nil
		}
		after = res.Hits.Hits[len(res.Hits.Hits)-1].Sort
	}
}
