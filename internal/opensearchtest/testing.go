package opensearchtest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sync"
	"testing"
)

// Required reports whether tests must run against OpenSearch rather than
// skip (NEWSINDEX_REQUIRE_OPENSEARCH=1, as CI sets).
func Required() bool { return os.Getenv("NEWSINDEX_REQUIRE_OPENSEARCH") == "1" }

// unavailable skips t, or fails it when OpenSearch is required, for a
// reason that stops a node from being started.
func unavailable(t testing.TB, err error) {
	t.Helper()
	if errors.Is(err, ErrNoJava) && !Required() {
		t.Skipf("%v: skipping the tests against a real OpenSearch (install OpenJDK 17 and Maven to run them)", err)
	}
	if testing.Short() && !Required() {
		t.Skip("-short: no OpenSearch node")
	}
	t.Fatalf("OpenSearch %s: %v", Version, err)
}

// StartForTest starts a cluster of opts.Nodes nodes for t and stops it when
// t ends. It skips t when java or mvn is missing, or under -short, unless
// NEWSINDEX_REQUIRE_OPENSEARCH=1.
func StartForTest(t testing.TB, opts Options) *Cluster {
	t.Helper()
	if testing.Short() && !Required() {
		t.Skip("-short: no OpenSearch node")
	}
	if opts.Dir == "" {
		opts.Dir = t.TempDir()
	}
	c, err := Start(context.Background(), opts)
	if err != nil {
		unavailable(t, err)
	}
	t.Cleanup(func() {
		if t.Failed() {
			for _, n := range c.Nodes {
				t.Logf("the end of %s's log:\n%s", n.Name, n.LogTail(30))
			}
		}
		if err := c.Stop(); err != nil {
			t.Errorf("stop OpenSearch: %v", err)
		}
	})
	return c
}

// The node that Shared starts, one per test binary.
var shared struct {
	once sync.Once
	c    *Cluster
	err  error
}

// Shared returns a single OpenSearch node that the tests of one package
// share, starting it on first use; the package's TestMain must call Main,
// which stops it. Each test uses indexes of its own names on it. It skips
// or fails t as StartForTest does.
func Shared(t testing.TB) *Cluster {
	t.Helper()
	if testing.Short() && !Required() {
		t.Skip("-short: no OpenSearch node")
	}
	shared.once.Do(func() {
		shared.c, shared.err = Start(context.Background(), Options{})
	})
	if shared.err != nil {
		unavailable(t, shared.err)
	}
	return shared.c
}

// Main runs the tests of a package that uses Shared and stops the shared
// node afterwards: func TestMain(m *testing.M) { os.Exit(opensearchtest.Main(m)) }.
func Main(m *testing.M) int {
	code := m.Run()
	if shared.c != nil {
		if err := shared.c.Stop(); err != nil {
			fmt.Fprintf(os.Stderr, "stop OpenSearch: %v\n", err)
			if code == 0 {
				code = 1
			}
		}
	}
	return code
}
