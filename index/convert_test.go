package index

import (
	"reflect"
	"strings"
	"testing"

	"github.com/newsindex/newsindex/index/internal/engine"
	"github.com/newsindex/newsindex/index/internal/osengine"
)

// shape describes a struct's fields (name, type, and JSON tag when json is
// set), with the package of named types left out, so that a type of this
// package and its engine mirror describe alike.
func shape(t reflect.Type, json bool) []string {
	var out []string
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		typ := f.Type.String()
		for _, pkg := range []string{"index.", "engine.", "osengine.", "story."} {
			typ = strings.ReplaceAll(typ, pkg, "")
		}
		s := f.Name + " " + typ
		if json {
			s += " " + f.Tag.Get("json")
		}
		out = append(out, s)
	}
	return out
}

// TestEngineTypesMirror checks that the engines' types mirror this
// package's field for field, so that the conversions at the boundary lose
// nothing, and that the stored form (an article's JSON) is the same.
func TestEngineTypesMirror(t *testing.T) {
	for _, tt := range []struct {
		public, mirror any
		json           bool
	}{
		{Article{}, engine.Article{}, true},
		{Quote{}, engine.Quote{}, true},
		{SearchRequest{}, engine.SearchRequest{}, false},
		{Hit{}, engine.Hit{}, false},
		{Facets{}, engine.Facets{}, false},
		{FacetCount{}, engine.FacetCount{}, false},
		{DateCount{}, engine.DateCount{}, false},
		{QuoteRequest{}, engine.QuoteRequest{}, false},
		{QuoteHit{}, engine.QuoteHit{}, false},
		{QuoteFacets{}, engine.QuoteFacets{}, false},
		{CheckReport{}, engine.CheckReport{}, false},
		{OpenSearchConfig{}, osengine.Config{}, false},
		{OpenSearchError{}, osengine.Error{}, false},
		{BulkItemError{}, osengine.BulkItemError{}, false},
	} {
		pt, mt := reflect.TypeOf(tt.public), reflect.TypeOf(tt.mirror)
		got := shape(mt, tt.json)
		want := shape(pt, tt.json)
		if pt == reflect.TypeOf(Article{}) {
			got = got[:len(got)-1] // Sig: the signature kept beside the article
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%v does not mirror %v:\n%s\nwant\n%s", mt, pt, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
	// The results carry all the engines give, and the time this package adds.
	for _, tt := range []struct{ public, mirror any }{{SearchResult{}, engine.SearchResult{}}, {QuoteResult{}, engine.QuoteResult{}}} {
		got := strings.Join(shape(reflect.TypeOf(tt.mirror), false), "\n")
		want := strings.Join(shape(reflect.TypeOf(tt.public), false), "\n")
		if strings.Replace(want, "TookMS float64\n", "", 1) != got {
			t.Errorf("%T does not mirror %T:\n%s\nwant\n%s", tt.mirror, tt.public, got, want)
		}
	}
	if len(AllFacets) != len(engine.AllFacets) {
		t.Fatalf("AllFacets %v, engine's %v", AllFacets, engine.AllFacets)
	}
	for i, f := range AllFacets {
		if string(f) != string(engine.AllFacets[i]) {
			t.Errorf("AllFacets[%d] = %q, engine's %q", i, f, engine.AllFacets[i])
		}
	}
	for _, c := range [][2]string{{SortRelevance, engine.SortRelevance}, {SortDate, engine.SortDate}, {SortDateAsc, engine.SortDateAsc},
		{IntervalDay, engine.IntervalDay}, {IntervalMonth, engine.IntervalMonth}, {IntervalYear, engine.IntervalYear}} {
		if c[0] != c[1] {
			t.Errorf("constant %q, engine's %q", c[0], c[1])
		}
	}
}
