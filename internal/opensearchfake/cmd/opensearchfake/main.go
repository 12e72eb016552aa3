// Command opensearchfake serves a fake OpenSearch cluster (package
// opensearchfake) on a loopback port, for tests of newsindex's OpenSearch
// adapter. It prints "listening on http://ADDR" on standard output once it
// accepts connections, and runs until it is killed, or, with -stdin, until
// its standard input closes, so that it never outlives the test that
// started it.
package main

import (
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"

	"github.com/newsindex/newsindex/internal/opensearchfake"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:0", "listen address")
	stdin := flag.Bool("stdin", false, "exit when standard input closes")
	flag.Parse()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(os.Stderr, "opensearchfake: %v\n", err)
		os.Exit(1)
	}
	fmt.Printf("listening on http://%s\n", ln.Addr())
	if *stdin {
		go func() {
			io.Copy(io.Discard, os.Stdin)
			os.Exit(0)
		}()
	}
	if err := http.Serve(ln, opensearchfake.New()); err != nil {
		fmt.Fprintf(os.Stderr, "opensearchfake: %v\n", err)
		os.Exit(1)
	}
}
