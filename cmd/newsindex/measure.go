package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	iofs "io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/newsindex/newsindex/internal/extract/measure"
)

func init() {
	register(command{name: "measure", summary: "score extraction on labelled data and cross-validate its learned parts", run: runMeasure})
}

const measureUsage = `usage: newsindex measure [-data DIR] [-countries FILE] [-folds K] [-dev=false] [-sets entities,quotes] [-repeats N] [-dump FILE] [-dump-entities FILE] [-heldout-roles FILE]

Scores extraction on the development splits in DIR (CoNLL-2003 dev: people,
organizations, countries; PolNeAR dev: quotations, speakers, quoted people,
and the roles of its hand annotation) and, with -folds K, cross-validates by
article: the entity tagger is trained on K-1 folds of conll2003_train_docs.jsonl
and the speaker ranker on K-1 folds of polnear_train.jsonl, each fold
extracted with the model that did not see it; the roles of the development
articles, labelled on them only, are scored with each of K folds extracted
as a collection of its own. The roles are also scored on a second
annotation (-heldout-roles: 49 PolNeAR train articles labelled by the same
guide without looking at the extractor), each article extracted by the
ranker that did not see it: the roles' held-out figure, since the rules
were written against the development articles. -sets limits the run to entities (CoNLL) or
quotes (PolNeAR). -repeats N cross-validates the tagger N times, trained
with N shuffle seeds, and prints each figure's mean and spread over them:
the noise a tagger change must exceed. The figures are those of the
project's scorer (score.py). For example:

  newsindex measure -data ../shared/data -countries ../shared/eval/countries.json -folds 5
`

func runMeasure(args []string) error {
	fs := flag.NewFlagSet("measure", flag.ContinueOnError)
	fs.Usage = func() { fmt.Fprint(fs.Output(), measureUsage, "\n"); fs.PrintDefaults() }
	dir := fs.String("data", filepath.Join("..", "shared", "data"), "folder of the labelled data")
	countries := fs.String("countries", "", "the scorer's countries.json, to score countries (default: none)")
	folds := fs.Int("folds", 0, "cross-validate with this many folds (0: do not)")
	dev := fs.Bool("dev", true, "score the development splits")
	setList := fs.String("sets", "entities,quotes", "what to measure: entities (CoNLL-2003), quotes (PolNeAR), or both")
	dumpPath := fs.String("dump", "", "write the speakers and quoted people cross-validation gets wrong to this file (default: none)")
	repeats := fs.Int("repeats", 1, "cross-validate the tagger this many times, with as many training seeds, and report the mean and spread")
	heldoutRoles := fs.String("heldout-roles", filepath.Join("testdata", "roles", "polnear_train_roles.jsonl"), "roles annotated on PolNeAR train articles, scored on the ranker's cross-validation (skipped when missing)")
	dumpEntities := fs.String("dump-entities", "", "write the people and organizations cross-validation of the tagger gets wrong to this file, each with the text around it, unseen names marked (default: none)")
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("%w: %w", errUsage, err)
	}
	sets := map[string]bool{}
	for _, s := range strings.Split(*setList, ",") {
		switch s = strings.TrimSpace(s); s {
		case "entities", "quotes":
			sets[s] = true
		default:
			return fmt.Errorf("%w: -sets: %q unknown, want entities or quotes", errUsage, s)
		}
	}
	if fs.NArg() != 0 || *folds == 1 || *folds < 0 || *repeats < 1 {
		return fmt.Errorf("%w: measure takes flags only, -folds 0 or at least 2, and -repeats at least 1", errUsage)
	}
	var cs *measure.Countries
	if *countries != "" {
		var err error
		if cs, err = measure.ReadCountries(*countries); err != nil {
			return err
		}
	}
	path := func(name string) string { return filepath.Join(*dir, name) }
	m := measure.Shipped()
	if *dev && sets["entities"] {
		conll, err := measure.ReadJSONL[measure.ConllDoc](path("conll2003_dev_testa_docs.jsonl"))
		if err != nil {
			return err
		}
		as := make([]measure.Article, len(conll))
		for i := range conll {
			as[i] = conll[i].Article()
		}
		preds, err := measure.Predict(as, m)
		if err != nil {
			return err
		}
		fmt.Printf("== CoNLL-2003 dev (%d documents)\n%s\n", len(conll), measure.ScoreEntities(conll, preds, cs))
	}
	if *dev && sets["quotes"] {
		polnear, err := measure.ReadJSONL[measure.PolnearDoc](path("polnear_dev.jsonl"))
		if err != nil {
			return err
		}
		roles, err := measure.ReadJSONL[measure.RolesDoc](path("polnear_dev_roles.jsonl"))
		if err != nil {
			return err
		}
		as := make([]measure.Article, len(polnear))
		for i := range polnear {
			as[i] = polnear[i].Article()
		}
		preds, err := measure.Predict(as, m)
		if err != nil {
			return err
		}
		fmt.Printf("== PolNeAR dev (%d articles)\n%s\n", len(polnear), measure.ScoreQuotes(polnear, preds))
		fmt.Printf("== PolNeAR dev roles\n%s\n", measure.ScoreRoles(roles, preds))
		if *folds > 0 {
			rs, err := measure.RolesByFold(polnear, roles, *folds)
			if err != nil {
				return err
			}
			fmt.Printf("== PolNeAR dev roles, %d folds each extracted as a collection of its own\n%s\n", *folds, rs)
		}
	}
	if *folds == 0 {
		return nil
	}
	if sets["entities"] {
		conll, err := measure.ReadJSONL[measure.ConllDoc](path("conll2003_train_docs.jsonl"))
		if err != nil {
			return err
		}
		t0 := time.Now()
		seeds := ""
		if *repeats > 1 {
			seeds = fmt.Sprintf(", %d training seeds", *repeats)
		}
		fmt.Printf("== CoNLL-2003 train, %d-fold cross-validation of the tagger (%d documents)%s\n", *folds, len(conll), seeds)
		dump, closeDump, err := createDump(*dumpEntities)
		if err != nil {
			return err
		}
		defer closeDump()
		var rs measure.EntityRepeats
		// Seed 1 is the shipped model's, so one repeat is the plain
		// cross-validation; the dump is of that one.
		for seed := uint64(1); seed <= uint64(*repeats); seed++ {
			_, all, err := measure.CrossValidateTagger(conll, *folds, seed, cs, dump, func(i int, s measure.EntityScore) {
				fmt.Fprintf(os.Stderr, "fold %d: people %.3f organizations %.3f countries %.3f\n", i, s.People.F1(), s.Organizations.F1(), s.Countries.F1())
			})
			if err != nil {
				return fmt.Errorf("seed %d: %w", seed, err)
			}
			if *repeats > 1 {
				// each seed's precision and recall, for comparing two builds seed by seed
				fmt.Fprintf(os.Stderr, "seed %d: people %.3f organizations %.3f unseen people %.3f unseen organizations %.3f"+
					" (P/R: people %.4f/%.4f, organizations %.4f/%.4f, unseen people %.4f/%.4f, unseen organizations %.4f/%.4f)\n", seed,
					all.People.F1(), all.Organizations.F1(), all.UnseenPeople.F1(), all.UnseenOrganizations.F1(),
					all.People.P(), all.People.R(), all.Organizations.P(), all.Organizations.R(),
					all.UnseenPeople.P(), all.UnseenPeople.R(), all.UnseenOrganizations.P(), all.UnseenOrganizations.R())
			}
			rs = append(rs, all)
			dump = nil
		}
		if *repeats == 1 {
			fmt.Printf("%s\n(%.0f s)\n", rs[0], time.Since(t0).Seconds())
		} else {
			fmt.Printf("%s\n(%.0f s)\n", rs, time.Since(t0).Seconds())
		}
	}
	if sets["quotes"] {
		polnear, err := measure.ReadJSONL[measure.PolnearDoc](path("polnear_train.jsonl"))
		if err != nil {
			return err
		}
		t0 := time.Now()
		fmt.Printf("== PolNeAR train, %d-fold cross-validation of the speaker ranker (%d articles)\n", *folds, len(polnear))
		dump, closeDump, err := createDump(*dumpPath)
		if err != nil {
			return err
		}
		defer closeDump()
		_, qall, outOfFold, err := measure.CrossValidateRanker(polnear, *folds, dump, func(i int, s measure.QuoteScore) {
			fmt.Fprintf(os.Stderr, "fold %d: quotes %.3f attributed %.3f speaker accuracy %.3f quoted people %.3f\n", i,
				s.Direct.F1(), s.Attributed.F1(), s.SpeakerAccuracy(), s.Speakers.F1())
		})
		if err != nil {
			return err
		}
		fmt.Printf("%s\n(%.0f s)\n", qall, time.Since(t0).Seconds())
		roles, err := measure.ReadJSONL[measure.RolesDoc](*heldoutRoles)
		switch {
		case errors.Is(err, iofs.ErrNotExist):
			fmt.Fprintf(os.Stderr, "no held-out roles at %s: not scored\n", *heldoutRoles)
		case err != nil:
			return err
		default:
			fmt.Printf("== PolNeAR train roles held out (%d articles of %s), from the cross-validation above\n%s\n",
				len(roles), *heldoutRoles, measure.ScoreRoles(roles, outOfFold))
		}
	}
	return nil
}

// createDump creates the file of a cross-validation's errors; an empty
// path writes none (a nil writer).
func createDump(path string) (io.Writer, func(), error) {
	if path == "" {
		return nil, func() {}, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, nil, err
	}
	return f, func() { f.Close() }, nil
}
