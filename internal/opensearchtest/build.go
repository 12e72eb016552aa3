// Package opensearchtest runs real OpenSearch nodes on 127.0.0.1 for
// newsindex's tests: one node, or a cluster of several, each in a JVM of its
// own, built from Maven artifacts alone by the small Maven module in node/
// (OpenSearch's server with its HTTP transport and common analysis module;
// see node/pom.xml for the version).
//
// Build compiles the module once per version of its sources into the user's
// cache folder; Start starts nodes on free loopback ports and waits for the
// cluster to be green; Cluster.Stop stops them. Tests use StartForTest or
// Shared, which skip when java or mvn is missing, and fail instead when
// NEWSINDEX_REQUIRE_OPENSEARCH=1 (CI).
package opensearchtest

import (
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"syscall"
)

// nodeSource is the Maven module of the node: its pom and its one class.
//
//go:embed node/pom.xml node/src
var nodeSource embed.FS

// Version is the OpenSearch version the module builds, read from its pom.
var Version = func() string {
	b, err := nodeSource.ReadFile("node/pom.xml")
	if err != nil {
		panic(err)
	}
	m := regexp.MustCompile(`<opensearch.version>([^<]+)</opensearch.version>`).FindSubmatch(b)
	if m == nil {
		panic("opensearchtest: node/pom.xml names no opensearch.version")
	}
	return string(m[1])
}()

// ErrNoJava is returned when java or mvn is not on the PATH.
var ErrNoJava = errors.New("opensearchtest: java and mvn are needed to run OpenSearch")

// tools returns the paths of java and mvn; JAVA_HOME, when set, chooses
// the java (Maven reads it too).
func tools() (java, mvn string, err error) {
	if home := os.Getenv("JAVA_HOME"); home != "" {
		java = filepath.Join(home, "bin", "java")
		if _, err := os.Stat(java); err != nil {
			return "", "", fmt.Errorf("%w: JAVA_HOME=%s has no bin/java", ErrNoJava, home)
		}
	} else if java, err = exec.LookPath("java"); err != nil {
		return "", "", fmt.Errorf("%w: no java on the PATH", ErrNoJava)
	}
	if mvn, err = exec.LookPath("mvn"); err != nil {
		return "", "", fmt.Errorf("%w: no mvn on the PATH", ErrNoJava)
	}
	return java, mvn, nil
}

// sourceHash identifies the module's sources: the build is kept under it.
func sourceHash() (string, error) {
	var paths []string
	err := fs.WalkDir(nodeSource, "node", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			paths = append(paths, p)
		}
		return err
	})
	if err != nil {
		return "", err
	}
	sort.Strings(paths)
	h := sha256.New()
	for _, p := range paths {
		b, err := nodeSource.ReadFile(p)
		if err != nil {
			return "", err
		}
		fmt.Fprintf(h, "%s %d\n", p, len(b))
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil))[:16], nil
}

// Build compiles the node module with `mvn package` unless a build of the
// same sources is in the cache ($XDG_CACHE_HOME/newsindex/opensearchtest,
// or NEWSINDEX_OPENSEARCH_CACHE), and returns the class path to run it
// with. Maven keeps what it downloads in its own repository (~/.m2), so a
// rebuild after a change of the sources downloads nothing. Concurrent
// builds (test binaries of several packages) wait for one another.
func Build(ctx context.Context) (classPath string, err error) {
	if _, _, err := tools(); err != nil {
		return "", err
	}
	root := os.Getenv("NEWSINDEX_OPENSEARCH_CACHE")
	if root == "" {
		c, err := os.UserCacheDir()
		if err != nil {
			return "", fmt.Errorf("opensearchtest: cache folder: %w", err)
		}
		root = filepath.Join(c, "newsindex", "opensearchtest")
	}
	hash, err := sourceHash()
	if err != nil {
		return "", err
	}
	dir := filepath.Join(root, Version+"-"+hash)
	cp := filepath.Join(dir, "target", "classes") + string(os.PathListSeparator) + filepath.Join(dir, "target", "lib", "*")
	if _, err := os.Stat(filepath.Join(dir, "built")); err == nil {
		return cp, nil
	}
	if err := os.MkdirAll(root, 0o755); err != nil {
		return "", fmt.Errorf("opensearchtest: %w", err)
	}
	lock, err := os.OpenFile(filepath.Join(root, "build.lock"), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return "", fmt.Errorf("opensearchtest: %w", err)
	}
	defer lock.Close()
	if err := syscall.Flock(int(lock.Fd()), syscall.LOCK_EX); err != nil {
		return "", fmt.Errorf("opensearchtest: lock %s: %w", lock.Name(), err)
	}
	defer syscall.Flock(int(lock.Fd()), syscall.LOCK_UN)
	if _, err := os.Stat(filepath.Join(dir, "built")); err == nil {
		return cp, nil // built while this one waited
	}
	os.RemoveAll(dir)
	if err := os.CopyFS(dir, mustSub(nodeSource, "node")); err != nil {
		return "", fmt.Errorf("opensearchtest: copy the node module: %w", err)
	}
	cmd := exec.CommandContext(ctx, "mvn", "-B", "-q", "-DskipTests", "package")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("opensearchtest: mvn package in %s: %w\n%s", dir, err, out)
	}
	if err := os.WriteFile(filepath.Join(dir, "built"), nil, 0o644); err != nil {
		return "", fmt.Errorf("opensearchtest: %w", err)
	}
	return cp, nil
}

func mustSub(f fs.FS, dir string) fs.FS {
	s, err := fs.Sub(f, dir)
	if err != nil {
		panic(err)
	}
	return s
}
