package main

import (
	"flag"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/newsindex/newsindex/internal/extract/entity"
	"github.com/newsindex/newsindex/internal/extract/wordclass"
)

func init() {
	register(command{name: "build-word-clusters", summary: "cluster the words of unlabelled news for the entity tagger", run: runBuildWordClusters})
}

const buildWordClustersUsage = `usage: newsindex build-word-clusters -out FILE [-min N] [-classes K,K...] [-passes N] [-labelled FILE.jsonl]... FILE.jsonl...

Clusters the words of the texts of the JSON Lines files ("text", or "title"
and "body"), case kept and tokenized as the entity tagger does, by the words
around them (the exchange algorithm of internal/extract/wordclass), and
writes each word's class at each granularity. It is deterministic: the same
files give the same bytes. Nothing embeds the result yet: the tagger's
cluster features were measured and not kept (docs/extraction.md, "Word clusters").
A file named by -labelled (and among the FILE.jsonl) is a tagger's
training text: its words are clustered with the rest, but a word used fewer
than -min times in the other files is marked labelled-only, for a tagger
to train without its class, as a new document's unseen name has none.
The measured clusters came from:

  newsindex build-word-clusters -out clusters.txt.gz \
    ../shared/data/conll2003_train_docs.jsonl ../shared/data/reuters21578_train.jsonl \
    ../shared/data/ag_news_train.jsonl ../shared/data/bbc_news_train.jsonl \
    ../shared/data/polnear_train.jsonl
`

func runBuildWordClusters(args []string) error {
	fs := flag.NewFlagSet("build-word-clusters", flag.ContinueOnError)
	fs.Usage = func() { fmt.Fprint(fs.Output(), buildWordClustersUsage, "\n"); fs.PrintDefaults() }
	minCount := fs.Int("min", 3, "least number of uses of a word that gets a class")
	classes := fs.String("classes", "64,256,1024", "number of classes at each granularity, comma-separated")
	passes := fs.Int("passes", 10, "most passes of the exchange algorithm")
	out := fs.String("out", "", "clusters file to write (required)")
	labelled := map[string]bool{}
	fs.Func("labelled", "a FILE.jsonl that is a tagger's training text (repeatable)", func(p string) error {
		labelled[p] = true
		return nil
	})
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("%w: %w", errUsage, err)
	}
	if fs.NArg() == 0 || *out == "" {
		return fmt.Errorf("%w: build-word-clusters needs -out FILE and at least one FILE.jsonl", errUsage)
	}
	var ks []int
	for _, f := range strings.Split(*classes, ",") {
		k, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil {
			return fmt.Errorf("%w: -classes %q: want numbers like 64,256", errUsage, *classes)
		}
		ks = append(ks, k)
	}
	for p := range labelled {
		if !slices.Contains(fs.Args(), p) {
			return fmt.Errorf("%w: -labelled %s is not among the files to cluster", errUsage, p)
		}
	}
	start := time.Now()
	c := wordclass.NewCounter()
	outside := map[string]int{} // uses of each word in the files not labelled
	for _, path := range fs.Args() {
		err := eachJSONLine(path, func(_ int, r *struct{ Text, Title, Body string }) error {
			text := r.Text
			if text == "" {
				text = r.Title + "\n\n" + r.Body
			}
			ws := entity.Words(text)
			c.Add(ws)
			if !labelled[path] {
				for _, w := range ws {
					outside[w]++
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	cl, err := c.Cluster(wordclass.Options{MinCount: *minCount, Classes: ks, Iterations: *passes}, func(k, pass, moved int) {
		fmt.Fprintf(os.Stderr, "%d classes, pass %d: %d words moved (%s)\n", k, pass, moved, time.Since(start).Round(time.Second))
	})
	if err != nil {
		return err
	}
	if len(labelled) > 0 {
		cl.LabelledOnly = map[string]bool{}
		for _, w := range cl.Words {
			if outside[w] < *minCount {
				cl.LabelledOnly[w] = true
			}
		}
	}
	size, err := writeAtomically(*out, cl.Write)
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "wrote %s (%d words of %d tokens, %d of them labelled-only, %d bytes) in %s\n", *out, len(cl.Words), c.Tokens(), len(cl.LabelledOnly), size, time.Since(start).Round(time.Second))
	return nil
}
