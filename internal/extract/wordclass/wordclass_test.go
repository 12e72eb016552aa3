package wordclass

import (
	"bytes"
	"compress/gzip"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// synthetic returns a corpus where people's names share their contexts
// ("Mr X said", "X told") and fruits theirs ("ate the X", "a ripe X"), the
// two sets never swapping.
func synthetic() *Counter {
	people := []string{"Alice", "Bob", "Carol", "Dave"}
	fruits := []string{"apple", "pear", "plum", "fig"}
	frames := [][]string{
		{"Mr", "_", "said", "on", "Monday"},
		{"yesterday", "_", "told", "reporters"},
		{"she", "ate", "the", "_", "slowly"},
		{"a", "ripe", "_", "fell"},
	}
	rng := rand.New(rand.NewPCG(7, 7))
	c := NewCounter()
	for range 400 {
		fr := rng.IntN(len(frames))
		set := people
		if fr >= 2 {
			set = fruits
		}
		var s []string
		for _, w := range frames[fr] {
			if w == "_" {
				w = set[rng.IntN(len(set))]
			}
			s = append(s, w)
		}
		c.Add(s)
	}
	return c
}

func TestClusterGroupsSharedContexts(t *testing.T) {
	cl, err := synthetic().Cluster(Options{MinCount: 2, Classes: []int{4}, Iterations: 20}, nil)
	if err != nil {
		t.Fatal(err)
	}
	classOf := func(w string) int { return cl.Classes[w][0] }
	for _, set := range [][]string{{"Alice", "Bob", "Carol", "Dave"}, {"apple", "pear", "plum", "fig"}} {
		for _, w := range set[1:] {
			if classOf(w) != classOf(set[0]) {
				t.Errorf("class(%s) = %d, class(%s) = %d, want equal", w, classOf(w), set[0], classOf(set[0]))
			}
		}
	}
	if classOf("Alice") == classOf("apple") {
		t.Errorf("class(Alice) = class(apple) = %d, want different", classOf("Alice"))
	}
}

func TestClusterReproducibleAndRoundTrips(t *testing.T) {
	opts := Options{MinCount: 1, Classes: []int{3, 6}, Iterations: 5}
	var out [2]bytes.Buffer
	for i := range out {
		cl, err := synthetic().Cluster(opts, nil)
		if err != nil {
			t.Fatal(err)
		}
		if err := cl.Write(&out[i]); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(out[0].Bytes(), out[1].Bytes()) {
		t.Fatal("two runs wrote different files")
	}
	want, _ := synthetic().Cluster(opts, nil)
	got, err := Read(bytes.NewReader(out[0].Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Read(Write(cl)) = %+v, want %+v", got, want)
	}
}

func TestClusterRejectsBadOptions(t *testing.T) {
	for _, opts := range []Options{
		{MinCount: 0, Classes: []int{2}, Iterations: 1},
		{MinCount: 1, Classes: nil, Iterations: 1},
		{MinCount: 1, Classes: []int{1000}, Iterations: 1},
	} {
		if _, err := synthetic().Cluster(opts, nil); err == nil {
			t.Errorf("Cluster(%+v) = nil error, want one", opts)
		}
	}
}

func TestReadRejectsBadFiles(t *testing.T) {
	for _, text := range []string{
		"",
		"word\t1\n",
		"# wordclass 4\nword\t4\n",
		"# wordclass 4\nword\t1\t2\n",
		"# wordclass 4\nword\t1\nword\t2\n",
	} {
		var b bytes.Buffer
		zw := gzip.NewWriter(&b)
		zw.Write([]byte(text))
		zw.Close()
		if _, err := Read(&b); err == nil {
			t.Errorf("Read(%q) = nil error, want one", strings.TrimSpace(text))
		}
	}
}
