// Package crashtest checks that newsindex keeps every article it has
// acknowledged when its process is killed.
//
// TestCrash starts `newsindex serve` as a child process on a loopback port,
// posts batches of articles from several concurrent clients, records every
// ID the server acknowledged (a 2xx answer), kills the server with SIGKILL
// at a random moment, restarts it and checks that every acknowledged
// article is there exactly once: fetched by ID, found by a word of its
// title that no other article has, and counted under its category and
// source facets. Batches that were not acknowledged must be there wholly or
// not at all. At the end the stopped index must pass `newsindex check`.
//
// TestCrash runs 20 cycles by default; set -cycles or
// NEWSINDEX_CRASH_CYCLES for more (100 on demand), and -seed to replay a
// run.
//
// TestKillIngest does the same to `newsindex ingest`: what it reported as
// written survives, and the index opens and passes its check. TestLocked
// checks that ingest, serve and backup on a served index fail at once with
// "in use by another process", leaving it unharmed. TestBackupWhileServing
// backs a served index up through the server while clients post.
//
// All are skipped under -short.
//
// The helpers here (Build, Start) run the real binary; the load test uses
// them too.
package crashtest

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Build compiles cmd/newsindex into dir and returns the binary's path.
func Build(ctx context.Context, dir string) (string, error) {
	bin := filepath.Join(dir, "newsindex")
	cmd := exec.CommandContext(ctx, "go", "build", "-o", bin, "github.com/newsindex/newsindex/cmd/newsindex")
	out, err := cmd.CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("go build: %w\n%s", err, out)
	}
	return bin, nil
}

// Server is a `newsindex serve` child process.
type Server struct {
	URL string // http://127.0.0.1:PORT

	cmd  *exec.Cmd
	done chan struct{} // closed when the process has exited
	err  error         // Wait's result, set before done is closed

	mu  sync.Mutex
	log bytes.Buffer // the process's stderr
}

// servingLine is what serve prints once it listens.
var servingLine = regexp.MustCompile(`serving .* on (http://127\.0\.0\.1:[0-9]+)/`)

// Start runs `bin serve --index indexDir --addr 127.0.0.1:0` plus args in
// workDir (so no config.yaml of the caller's is read) and returns once it
// listens. It does not wait for the index to be ready; see Ready.
func Start(ctx context.Context, bin, workDir, indexDir string, args ...string) (*Server, error) {
	return StartEnv(ctx, bin, workDir, nil, append([]string{"--index", indexDir}, args...)...)
}

// StartEnv runs `bin serve --addr 127.0.0.1:0` plus args in workDir, with
// env (NEWSINDEX_* settings) added to an environment cleared of the
// caller's, and returns once it listens.
func StartEnv(ctx context.Context, bin, workDir string, env []string, args ...string) (*Server, error) {
	argv := append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)
	cmd := exec.Command(bin, argv...)
	cmd.Dir = workDir
	cmd.Env = append(cleanEnv(), env...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", bin, err)
	}
	s := &Server{cmd: cmd, done: make(chan struct{})}
	url := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for sc.Scan() {
			line := sc.Text()
			s.mu.Lock()
			// Keep the start and the last part of long logs.
			if s.log.Len() > 1<<20 {
				s.log.Reset()
				s.log.WriteString("…\n")
			}
			s.log.WriteString(line + "\n")
			s.mu.Unlock()
			if m := servingLine.FindStringSubmatch(line); m != nil {
				select {
				case url <- m[1]:
				default:
				}
			}
		}
		io.Copy(io.Discard, stderr)
		s.err = cmd.Wait()
		close(s.done)
	}()
	select {
	case u := <-url:
		s.URL = u
		return s, nil
	case <-s.done:
		return nil, fmt.Errorf("serve exited before listening: %v\n%s", s.err, s.Log())
	case <-ctx.Done():
		s.Kill()
		return nil, fmt.Errorf("serve did not listen: %w\n%s", ctx.Err(), s.Log())
	}
}

// cleanEnv is the environment without NEWSINDEX_* settings, so that the
// caller's configuration does not leak into the child.
func cleanEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "NEWSINDEX_") {
			env = append(env, kv)
		}
	}
	return env
}

// Pid returns the process ID.
func (s *Server) Pid() int { return s.cmd.Process.Pid }

// Log returns what the process wrote to stderr.
func (s *Server) Log() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.log.String()
}

// Ready waits until /readyz answers 200.
func (s *Server) Ready(ctx context.Context) error {
	for {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, s.URL+"/readyz", nil)
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case <-s.done:
			return fmt.Errorf("serve exited: %v\n%s", s.err, s.Log())
		case <-ctx.Done():
			return fmt.Errorf("serve not ready: %w", ctx.Err())
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// Kill sends SIGKILL and waits for the process to be gone.
func (s *Server) Kill() {
	s.cmd.Process.Signal(syscall.SIGKILL)
	<-s.done
}

// Stop sends SIGTERM and waits up to timeout for a clean exit, then kills.
func (s *Server) Stop(timeout time.Duration) error {
	s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.done:
		if s.err != nil {
			return fmt.Errorf("serve: %w\n%s", s.err, s.Log())
		}
		return nil
	case <-time.After(timeout):
		s.Kill()
		return errors.New("serve did not stop on SIGTERM")
	}
}

// Exited reports whether the process has ended.
func (s *Server) Exited() bool {
	select {
	case <-s.done:
		return true
	default:
		return false
	}
}
