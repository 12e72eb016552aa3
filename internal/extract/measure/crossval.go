package measure

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"runtime"
	"sort"
	"sync"

	"github.com/newsindex/newsindex/index"
	"github.com/newsindex/newsindex/internal/extract"
	"github.com/newsindex/newsindex/internal/extract/entity"
	"github.com/newsindex/newsindex/internal/extract/quote"
	"github.com/newsindex/newsindex/internal/ingest"
)

// Models are the learned parts extraction runs with.
type Models struct {
	Tagger *entity.Model
	Ranker *quote.Ranker
	Cues   quote.Cues // nil: the shipped ones
}

// Shipped returns the models built into the program.
func Shipped() Models {
	return Models{Tagger: entity.DefaultModel(), Ranker: quote.DefaultRanker(), Cues: quote.DefaultCues()}
}

// asIngested returns the articles as ingest reads them from JSON Lines and
// index.Normalize checks them: entities unescaped, line ends, trailing
// spaces and blank lines tidied, fields trimmed.
func asIngested(as []Article) ([]Article, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	for _, a := range as {
		if err := enc.Encode(map[string]string{"id": a.ID, "title": a.Title, "body": a.Body}); err != nil {
			return nil, err
		}
	}
	out := make([]Article, 0, len(as))
	err := ingest.Read(&buf, "articles.jsonl", func(r ingest.Record) error {
		a := r.Article
		if r.Err != nil {
			return r.Err
		}
		if err := index.Normalize(&a); err != nil {
			return err
		}
		out = append(out, Article{ID: a.ID, Title: a.Title, Body: a.Body})
		return nil
	})
	return out, err
}

// Predict extracts the entities and quotations of articles as ingest and
// enrichment do, with the given models, on all CPUs, the articles making one
// batch (whose speakers' roles the batch shares, as index.AddBatch does). It
// returns the predictions by article ID.
func Predict(as []Article, m Models) (map[string]Prediction, error) {
	as, err := asIngested(as)
	if err != nil {
		return nil, fmt.Errorf("measure: %w", err)
	}
	out := make([]Prediction, len(as))
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				a := as[i]
				text := extract.Text(a.Title, a.Body)
				ents := m.Tagger.Extract(text)
				cues := m.Cues
				if cues == nil {
					cues = quote.DefaultCues()
				}
				qs := quote.ExtractWithCues(text, ents, m.Ranker, cues)
				out[i] = Prediction{People: ents.People, Countries: ents.Countries, Organizations: ents.Organizations, Quotes: qs}
			}
		})
	}
	for i := range as {
		next <- i
	}
	close(next)
	wg.Wait()
	var roles quote.Roles
	for _, p := range out {
		roles.Learn(p.Quotes)
	}
	for i := range out {
		roles.Fill(out[i].Quotes)
		out[i].Analysts = quote.Analysts(out[i].Quotes)
	}
	m2 := make(map[string]Prediction, len(as))
	for i, a := range as {
		m2[a.ID] = out[i]
	}
	return m2, nil
}

// Folds splits n items into k folds by a shuffle with a fixed seed, so
// that every run splits alike; fold[i] lists the items of fold i.
func Folds(n, k int) [][]int { return SplitFolds(n, k, 0) }

// SplitFolds splits n items into k folds by the shuffle of split: split 0
// is Folds' split, and others show how much a figure owes to one split.
func SplitFolds(n, k int, split uint64) [][]int {
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	rand.New(rand.NewPCG(18+split, 2003)).Shuffle(n, func(i, j int) { idx[i], idx[j] = idx[j], idx[i] })
	folds := make([][]int, k)
	for i, x := range idx {
		folds[i%k] = append(folds[i%k], x)
	}
	for _, f := range folds {
		sort.Ints(f)
	}
	return folds
}

// TaggerPasses is the number of passes the shipped tagger was trained with.
const TaggerPasses = 8

// CrossValidateTagger trains the entity tagger on k-1 folds of the CoNLL
// documents and extracts the held-out fold, for each fold. It returns the
// figures of every fold and of all held-out predictions together, with
// those of the people and organizations whose names the fold's training
// documents never label (CoNLL's articles repeat names, its test split
// much less). The tagger is trained with the given shuffle seed (see
// entity.TrainTaggerSeed; 1 is the shipped model's). When dump is not nil
// it receives the people and organizations each fold gets wrong (see
// dumpEntityErrors).
func CrossValidateTagger(docs []ConllDoc, k int, seed uint64, cs *Countries, dump io.Writer, progress func(fold int, s EntityScore)) ([]EntityScore, EntityScore, error) {
	var folds []EntityScore
	var all EntityScore
	for i, held := range Folds(len(docs), k) {
		heldSet := map[int]bool{}
		for _, x := range held {
			heldSet[x] = true
		}
		var train []entity.TrainingDoc
		var test, trainDocs []ConllDoc
		for j := range docs {
			if heldSet[j] {
				test = append(test, docs[j])
				continue
			}
			td, err := docs[j].TrainingDoc()
			if err != nil {
				return nil, all, err
			}
			train = append(train, td)
			trainDocs = append(trainDocs, docs[j])
		}
		var buf bytes.Buffer
		if err := entity.TrainTaggerSeed(train, TaggerPasses, seed, &buf, nil); err != nil {
			return nil, all, fmt.Errorf("fold %d: %w", i+1, err)
		}
		tagger, err := entity.ReadModel(&buf)
		if err != nil {
			return nil, all, fmt.Errorf("fold %d: %w", i+1, err)
		}
		as := make([]Article, len(test))
		for j := range test {
			as[j] = test[j].Article()
		}
		preds, err := Predict(as, Models{Tagger: tagger, Ranker: quote.DefaultRanker()})
		if err != nil {
			return nil, all, err
		}
		s := scoreEntities(test, preds, cs, dump, labelledNames(trainDocs))
		folds = append(folds, s)
		all.Add(s)
		if progress != nil {
			progress(i+1, s)
		}
	}
	return folds, all, nil
}

// RankerEpochs is the number of passes the shipped ranker was trained with.
const RankerEpochs = 300

// ShippedCues makes CrossValidateRanker extract every fold with the
// shipped learned cues, learned from all of train, instead of those it
// learns from the fold's training part: to check that the two agree.
var ShippedCues = false

// CrossValidateRanker learns the cues (LearnCues) and trains the speaker ranker on k-1 folds of the
// PolNeAR articles and extracts the held-out fold, for each fold. When dump
// is not nil it receives the speakers and quoted people each fold gets
// wrong (see scoreQuotes). It returns the score of each fold, of all
// folds, and every article's prediction by the model that did not see it,
// for scoring other annotations of the same articles (the held-out roles).
func CrossValidateRanker(docs []PolnearDoc, k int, dump io.Writer, progress func(fold int, s QuoteScore)) ([]QuoteScore, QuoteScore, map[string]Prediction, error) {
	var folds []QuoteScore
	var all QuoteScore
	outOfFold := map[string]Prediction{}
	for i, held := range Folds(len(docs), k) {
		heldSet := map[int]bool{}
		for _, x := range held {
			heldSet[x] = true
		}
		var train []quote.Labelled
		var test []PolnearDoc
		for j := range docs {
			if heldSet[j] {
				test = append(test, docs[j])
			} else {
				train = append(train, docs[j].Labelled())
			}
		}
		cues := quote.DefaultCues()
		if !ShippedCues {
			cues = quote.SelectCues(quote.LearnCues(train), quote.CueThreshold, quote.CueMinLabelled)
		}
		b, _, err := quote.TrainRankerWithCues(train, RankerEpochs, cues)
		if err != nil {
			return nil, all, nil, fmt.Errorf("fold %d: %w", i+1, err)
		}
		r, err := quote.ParseRanker(b)
		if err != nil {
			return nil, all, nil, fmt.Errorf("fold %d: %w", i+1, err)
		}
		as := make([]Article, len(test))
		for j := range test {
			as[j] = test[j].Article()
		}
		preds, err := Predict(as, Models{Tagger: entity.DefaultModel(), Ranker: r, Cues: cues})
		if err != nil {
			return nil, all, nil, err
		}
		for id, p := range preds {
			outOfFold[id] = p
		}
		s := scoreQuotes(test, preds, dump)
		folds = append(folds, s)
		all.Add(s)
		if progress != nil {
			progress(i+1, s)
		}
	}
	return folds, all, outOfFold, nil
}

// RolesByFold extracts the articles of each of k folds as a collection of
// its own, the speakers' roles read from that fold's text alone, and scores
// the roles of all folds together. Roles are labelled on the development
// articles only and nothing in them is learned, so this is their
// cross-validation: what the roles come to when the collection that tells
// a bare name's role (quote.Roles) is a fifth of the articles, not all.
func RolesByFold(docs []PolnearDoc, roles []RolesDoc, k int) (RoleScore, error) {
	preds := map[string]Prediction{}
	for _, fold := range Folds(len(docs), k) {
		as := make([]Article, len(fold))
		for i, x := range fold {
			as[i] = docs[x].Article()
		}
		ps, err := Predict(as, Shipped())
		if err != nil {
			return RoleScore{}, err
		}
		for id, p := range ps {
			preds[id] = p
		}
	}
	return ScoreRoles(roles, preds), nil
}
