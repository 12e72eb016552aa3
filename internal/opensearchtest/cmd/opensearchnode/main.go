// Command opensearchnode runs OpenSearch nodes on loopback (package
// opensearchtest) outside the tests: to run the relevance harness or a
// benchmark against the opensearch backend, or to look at what the tests
// see. It prints the cluster's URLs, one line, once it is green, and stops
// the nodes on Ctrl-C or SIGTERM, or after -lifetime.
//
//	go run ./internal/opensearchtest/cmd/opensearchnode [-nodes 3] [-dir DIR]
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/newsindex/newsindex/internal/opensearchtest"
)

func main() {
	nodes := flag.Int("nodes", 1, "number of nodes")
	heap := flag.Int("heap", 512, "heap of each node, MB")
	dir := flag.String("dir", "", "folder of the nodes' data and logs (default: a temporary one, removed at the end)")
	lifetime := flag.Duration("lifetime", 2*time.Hour, "stop after this long")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	c, err := opensearchtest.Start(ctx, opensearchtest.Options{Nodes: *nodes, HeapMB: *heap, Dir: *dir, Lifetime: *lifetime})
	if err != nil {
		slog.Error("opensearchnode", "err", err)
		os.Exit(1)
	}
	fmt.Println(strings.Join(c.URLs(), ","))
	slog.Info("opensearchnode: green", "version", opensearchtest.Version, "nodes", *nodes, "dir", c.Nodes[0].Dir)
	select {
	case <-ctx.Done():
	case <-time.After(*lifetime):
	}
	if err := c.Stop(); err != nil {
		slog.Error("opensearchnode: stop", "err", err)
		os.Exit(1)
	}
}
