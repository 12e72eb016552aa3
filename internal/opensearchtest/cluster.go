package opensearchtest

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Options say what Start starts. The zero value is one node.
type Options struct {
	// Nodes is the number of nodes (default 1). One node is a single-node
	// cluster; several discover each other on loopback and elect a
	// cluster manager among all of them.
	Nodes int
	// HeapMB is each node's JVM heap (default 512).
	HeapMB int
	// Dir holds the nodes' homes, data and logs; empty makes a temporary
	// folder that Stop removes.
	Dir string
	// Lifetime bounds each node's life: it stops itself after that long,
	// even if nothing stops it (default 30 minutes).
	Lifetime time.Duration
	// StartTimeout bounds the start of each node and the wait for green
	// (default 3 minutes).
	StartTimeout time.Duration
}

// Cluster is a set of OpenSearch nodes started by Start, each its own JVM.
type Cluster struct {
	Name  string
	Nodes []*Node

	opts    Options
	java    string
	cp      string
	ownDir  bool
	stopped bool
}

// Node is one node of a Cluster.
type Node struct {
	Name string
	// URL is the node's HTTP address (http://127.0.0.1:PORT). It stays
	// the same when the node is killed and restarted.
	URL string
	// Dir is the node's home; its data and node.log (the JVM's log, kept
	// across restarts) are there.
	Dir string

	httpPort, transportPort int
	settings                []string

	mu    sync.Mutex
	cmd   *exec.Cmd
	stdin io.WriteCloser
	done  chan struct{} // closed when the JVM has exited
}

// freePort returns a loopback port that was free a moment ago.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// Start builds the node module if needed, starts opts.Nodes nodes on free
// loopback ports and returns once the cluster is green with all of them.
func Start(ctx context.Context, opts Options) (*Cluster, error) {
	if opts.Nodes <= 0 {
		opts.Nodes = 1
	}
	if opts.HeapMB <= 0 {
		opts.HeapMB = 512
	}
	if opts.Lifetime <= 0 {
		opts.Lifetime = 30 * time.Minute
	}
	if opts.StartTimeout <= 0 {
		opts.StartTimeout = 3 * time.Minute
	}
	java, _, err := tools()
	if err != nil {
		return nil, err
	}
	cp, err := Build(ctx)
	if err != nil {
		return nil, err
	}
	c := &Cluster{opts: opts, java: java, cp: cp}
	if opts.Dir == "" {
		if opts.Dir, err = os.MkdirTemp("", "opensearchtest-"); err != nil {
			return nil, fmt.Errorf("opensearchtest: %w", err)
		}
		c.opts.Dir, c.ownDir = opts.Dir, true
	}
	c.Name = fmt.Sprintf("newsindex-test-%d", time.Now().UnixNano())
	var seeds, names []string
	for i := range opts.Nodes {
		n := &Node{Name: fmt.Sprintf("node-%d", i+1)}
		n.Dir = filepath.Join(opts.Dir, n.Name)
		if n.httpPort, err = freePort(); err != nil {
			return nil, fmt.Errorf("opensearchtest: %w", err)
		}
		if n.transportPort, err = freePort(); err != nil {
			return nil, fmt.Errorf("opensearchtest: %w", err)
		}
		n.URL = fmt.Sprintf("http://127.0.0.1:%d", n.httpPort)
		c.Nodes = append(c.Nodes, n)
		seeds = append(seeds, fmt.Sprintf("127.0.0.1:%d", n.transportPort))
		names = append(names, n.Name)
	}
	for _, n := range c.Nodes {
		n.settings = []string{
			"cluster.name=" + c.Name,
			"node.name=" + n.Name,
			"path.home=" + n.Dir,
			"path.data=" + filepath.Join(n.Dir, "data"),
			"path.logs=" + filepath.Join(n.Dir, "logs"),
			"network.host=127.0.0.1",
			"http.port=" + strconv.Itoa(n.httpPort),
			"transport.port=" + strconv.Itoa(n.transportPort),
			// The development disk may be fuller than the default
			// watermarks allow; a test index is small.
			"cluster.routing.allocation.disk.threshold_enabled=false",
		}
		if opts.Nodes == 1 {
			n.settings = append(n.settings, "discovery.type=single-node")
		} else {
			n.settings = append(n.settings,
				"discovery.seed_hosts="+strings.Join(seeds, ","),
				"cluster.initial_cluster_manager_nodes="+strings.Join(names, ","))
		}
	}
	ctx, cancel := context.WithTimeout(ctx, opts.StartTimeout)
	defer cancel()
	// The nodes of a cluster start together: each waits for the others
	// to elect a cluster manager.
	errs := make([]error, len(c.Nodes))
	var wg sync.WaitGroup
	for i, n := range c.Nodes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = c.start(ctx, n)
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		c.Stop()
		return nil, err
	}
	if err := c.WaitFor(ctx, "green", len(c.Nodes)); err != nil {
		c.Stop()
		return nil, err
	}
	return c, nil
}

// start runs n's JVM and waits until it listens on HTTP.
func (c *Cluster) start(ctx context.Context, n *Node) error {
	if err := os.MkdirAll(n.Dir, 0o755); err != nil {
		return fmt.Errorf("opensearchtest: %w", err)
	}
	logf, err := os.OpenFile(filepath.Join(n.Dir, "node.log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return fmt.Errorf("opensearchtest: %w", err)
	}
	heap := fmt.Sprintf("%dm", c.opts.HeapMB)
	args := []string{"-Xms" + heap, "-Xmx" + heap, "-XX:+ExitOnOutOfMemoryError",
		// What OpenSearch's launcher would pass: the date formats of the
		// COMPAT locale data, and UTF-8 whatever the machine's locale.
		"-Djava.locale.providers=SPI,COMPAT", "-Dfile.encoding=UTF-8",
		"-cp", c.cp, "org.newsindex.opensearchtest.TestNode", strconv.Itoa(int(c.opts.Lifetime.Seconds()))}
	cmd := exec.Command(c.java, append(args, n.settings...)...)
	cmd.Dir = n.Dir
	cmd.Stderr = logf
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL} // never outlive the test
	stdin, err := cmd.StdinPipe()
	if err != nil {
		logf.Close()
		return err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		logf.Close()
		return err
	}
	if err := cmd.Start(); err != nil {
		logf.Close()
		return fmt.Errorf("opensearchtest: start %s: %w", n.Name, err)
	}
	done := make(chan struct{})
	listening := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if addr, ok := strings.CutPrefix(sc.Text(), "http "); ok {
				select {
				case listening <- addr:
				default:
				}
			}
		}
	}()
	go func() {
		cmd.Wait()
		logf.Close()
		close(done)
	}()
	n.mu.Lock()
	n.cmd, n.stdin, n.done = cmd, stdin, done
	n.mu.Unlock()
	select {
	case <-listening:
		return nil
	case <-done:
		return fmt.Errorf("opensearchtest: %s exited while starting (%v):\n%s", n.Name, cmd.ProcessState, n.LogTail(40))
	case <-ctx.Done():
		cmd.Process.Kill()
		<-done
		return fmt.Errorf("opensearchtest: %s did not listen in time: %w\n%s", n.Name, ctx.Err(), n.LogTail(40))
	}
}

// LogTail returns the last lines of the node's log.
func (n *Node) LogTail(lines int) string {
	b, _ := os.ReadFile(filepath.Join(n.Dir, "node.log"))
	ls := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if len(ls) > lines {
		ls = ls[len(ls)-lines:]
	}
	return strings.Join(ls, "\n")
}

// Running reports whether the node's JVM is running.
func (n *Node) Running() bool {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.done == nil {
		return false
	}
	select {
	case <-n.done:
		return false
	default:
		return true
	}
}

// PID is the process ID of the node's JVM, 0 when it is not running.
func (n *Node) PID() int {
	if !n.Running() {
		return 0
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.cmd.Process.Pid
}

// URLs are the HTTP addresses of every node, running or not: what a client
// of the cluster is configured with.
func (c *Cluster) URLs() []string {
	var out []string
	for _, n := range c.Nodes {
		out = append(out, n.URL)
	}
	return out
}

// Kill ends node i's JVM with SIGKILL, as a crash would, and waits for it
// to be gone.
func (c *Cluster) Kill(i int) error {
	n := c.Nodes[i]
	n.mu.Lock()
	cmd, done := n.cmd, n.done
	n.mu.Unlock()
	if cmd == nil {
		return fmt.Errorf("opensearchtest: %s was never started", n.Name)
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil && !errors.Is(err, os.ErrProcessDone) {
		return fmt.Errorf("opensearchtest: kill %s: %w", n.Name, err)
	}
	<-done
	return nil
}

// Restart starts node i again, on the same ports and data, and returns
// once it listens; it then rejoins the cluster by itself (see WaitFor).
func (c *Cluster) Restart(ctx context.Context, i int) error {
	if c.Nodes[i].Running() {
		return fmt.Errorf("opensearchtest: %s is running", c.Nodes[i].Name)
	}
	ctx, cancel := context.WithTimeout(ctx, c.opts.StartTimeout)
	defer cancel()
	return c.start(ctx, c.Nodes[i])
}

// Health is what GET /_cluster/health says.
type Health struct {
	Status             string `json:"status"`
	Nodes              int    `json:"number_of_nodes"`
	ActiveShards       int    `json:"active_shards"`
	RelocatingShards   int    `json:"relocating_shards"`
	InitializingShards int    `json:"initializing_shards"`
	UnassignedShards   int    `json:"unassigned_shards"`
	TimedOut           bool   `json:"timed_out"`
}

// Health asks the first running node for the cluster's health.
func (c *Cluster) Health(ctx context.Context) (Health, error) {
	return c.health(ctx, "")
}

func (c *Cluster) health(ctx context.Context, query string) (Health, error) {
	var h Health
	var last error = errors.New("no node is running")
	for _, n := range c.Nodes {
		if !n.Running() {
			continue
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, n.URL+"/_cluster/health"+query, nil)
		if err != nil {
			return h, err
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			last = err
			continue
		}
		b, err := io.ReadAll(res.Body)
		res.Body.Close()
		if err != nil {
			last = err
			continue
		}
		// A health request that times out answers 408 with the health.
		if res.StatusCode != http.StatusOK && res.StatusCode != http.StatusRequestTimeout {
			last = fmt.Errorf("%s: %s", res.Status, b)
			continue
		}
		if err := json.Unmarshal(b, &h); err != nil {
			return h, fmt.Errorf("opensearchtest: health: %w", err)
		}
		return h, nil
	}
	return h, fmt.Errorf("opensearchtest: health: %w", last)
}

// WaitFor waits until the cluster has at least status (green, yellow) and
// nodes nodes, or ctx ends.
func (c *Cluster) WaitFor(ctx context.Context, status string, nodes int) error {
	q := fmt.Sprintf("?wait_for_status=%s&wait_for_nodes=%d&wait_for_no_initializing_shards=true&timeout=5s&cluster_manager_timeout=5s", status, nodes)
	var h Health
	var err error
	for {
		h, err = c.health(ctx, q)
		if err == nil && !h.TimedOut {
			return nil
		}
		select {
		case <-ctx.Done():
			msg := fmt.Sprintf("health %+v", h)
			if err != nil {
				msg = err.Error()
			}
			return fmt.Errorf("opensearchtest: cluster not %s with %d nodes in time (%s): %w", status, nodes, msg, ctx.Err())
		case <-time.After(200 * time.Millisecond):
		}
	}
}

// Stop stops every node (closing its standard input, which makes it close
// cleanly; SIGKILL after 30 seconds) and removes the folder Start made.
func (c *Cluster) Stop() error {
	if c.stopped {
		return nil
	}
	c.stopped = true
	var wg sync.WaitGroup
	for _, n := range c.Nodes {
		n.mu.Lock()
		cmd, stdin, done := n.cmd, n.stdin, n.done
		n.mu.Unlock()
		if cmd == nil {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			stdin.Close()
			select {
			case <-done:
			case <-time.After(30 * time.Second):
				cmd.Process.Kill()
				<-done
			}
		}()
	}
	wg.Wait()
	if c.ownDir {
		return os.RemoveAll(c.opts.Dir)
	}
	return nil
}
