package measure

import (
	"bytes"
	"fmt"
	"runtime"
	"sync"

	"github.com/newsindex/newsindex/internal/extract"
	"github.com/newsindex/newsindex/internal/extract/entity"
	"github.com/newsindex/newsindex/internal/extract/quote"
)

// SpanKindExamples extracts the CoNLL documents with tagger and returns
// every name the rules read as a person, a body or a place, with its
// features and its label: the kind of the labelled entities whose text is
// the name (the most of them), or O where none is.
func SpanKindExamples(docs []ConllDoc, tagger *entity.Model) ([]entity.SpanExample, []string, error) {
	as := make([]Article, len(docs))
	for i := range docs {
		as[i] = docs[i].Article()
	}
	as, err := asIngested(as)
	if err != nil {
		return nil, nil, fmt.Errorf("measure: %w", err)
	}
	exs := make([][]entity.SpanExample, len(as))
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				exs[i] = tagger.SpanExamples(extract.Text(as[i].Title, as[i].Body))
			}
		})
	}
	for i := range as {
		next <- i
	}
	close(next)
	wg.Wait()
	var all []entity.SpanExample
	var labels []string
	for i, d := range docs {
		kinds := map[string]map[string]int{}
		for _, e := range d.Entities {
			f := Fold(e.Text)
			if kinds[f] == nil {
				kinds[f] = map[string]int{}
			}
			kinds[f][e.Type]++
		}
		for _, ex := range exs[i] {
			all = append(all, ex)
			labels = append(labels, spanLabel(ex.Name, kinds, d))
		}
	}
	return all, labels, nil
}

// spanLabel returns the label of a name: the kind of the labelled
// entities whose folded text is the name's (the most of them); else PER
// or ORG where the scorer would match the name with a labelled person or
// body ("Clinton" with "Bill Clinton"); else O.
func spanLabel(name string, kinds map[string]map[string]int, d ConllDoc) string {
	label, most := "O", 0
	for _, k := range []string{"PER", "ORG", "LOC", "MISC"} {
		if n := kinds[Fold(name)][k]; n > most {
			label, most = k, n
		}
	}
	if label != "O" {
		return label
	}
	for _, want := range []struct{ typ, kind string }{{"PER", KindPerson}, {"ORG", KindOrg}} {
		for _, e := range d.Entities {
			if e.Type == want.typ && len(Fold(name)) < len(Fold(e.Text)) && NamesMatch(name, e.Text, want.kind) {
				return want.typ
			}
		}
	}
	return "O"
}

// trainTaggerOn trains a tagger on docs with the given shuffle seed.
func trainTaggerOn(docs []ConllDoc, seed uint64) (*entity.Model, error) {
	var train []entity.TrainingDoc
	for j := range docs {
		td, err := docs[j].TrainingDoc()
		if err != nil {
			return nil, err
		}
		train = append(train, td)
	}
	var buf bytes.Buffer
	if err := entity.TrainTaggerSeed(train, TaggerPasses, seed, &buf, nil); err != nil {
		return nil, err
	}
	return entity.ReadModel(&buf)
}

// SpanKindsQuick is a first, cheap measure of the span-kind model: each
// fold's names are extracted by the tagger that did not see the fold, the
// model is trained on the other folds' names and the fold extracted again
// with it, at each margin. (The other folds' names come from taggers that
// saw the held-out fold, a slight leak the nested measure has not.) It
// returns the scores without the model and at each margin.
// SpanKindsConfig is one way of running the model: the changes allowed
// (nil: all) and the margin.
type SpanKindsConfig struct {
	Allow  []string
	Margin float64
}

func SpanKindsQuick(docs []ConllDoc, k int, seed uint64, margins []SpanKindsConfig) (EntityScore, []EntityScore, error) {
	folds := Folds(len(docs), k)
	taggers := make([]*entity.Model, k)
	exs := make([][]entity.SpanExample, k)
	labels := make([][]string, k)
	tests := make([][]ConllDoc, k)
	var base EntityScore
	basePreds := make([]map[string]Prediction, k)
	for i, held := range folds {
		heldSet := map[int]bool{}
		for _, x := range held {
			heldSet[x] = true
		}
		var train []ConllDoc
		for j := range docs {
			if heldSet[j] {
				tests[i] = append(tests[i], docs[j])
			} else {
				train = append(train, docs[j])
			}
		}
		t, err := trainTaggerOn(train, seed)
		if err != nil {
			return base, nil, fmt.Errorf("fold %d: %w", i+1, err)
		}
		taggers[i] = t
		exs[i], labels[i], err = SpanKindExamples(tests[i], t)
		if err != nil {
			return base, nil, err
		}
		preds, err := predictDocs(tests[i], t)
		if err != nil {
			return base, nil, err
		}
		basePreds[i] = preds
		base.Add(scoreEntities(tests[i], preds, nil, nil, labelledNames(train)))
	}
	out := make([]EntityScore, len(margins))
	for i := range folds {
		var tx []entity.SpanExample
		var ty []string
		var train []ConllDoc
		for j := range folds {
			if j != i {
				tx = append(tx, exs[j]...)
				ty = append(ty, labels[j]...)
				train = append(train, tests[j]...)
			}
		}
		b, err := entity.TrainSpanKinds(tx, ty, entity.SpanKindPasses, 0, nil)
		if err != nil {
			return base, nil, err
		}
		sk, err := entity.ParseSpanKinds(b)
		if err != nil {
			return base, nil, err
		}
		if SpanKindsTransitions != nil {
			skm := sk
			if margins[0].Allow != nil {
				skm = skm.Allowing(margins[0].Allow)
			}
			for e, ex := range exs[i] {
				d := skm.Decide(ex)
				if d != ex.Kind {
					SpanKindsTransitions[ex.Kind+">"+d+" label "+labels[i][e]]++
					if SpanKindsShow {
						fmt.Printf("%s>%s label %s: %s\n", ex.Kind, d, labels[i][e], ex.Name)
					}
				}
			}
		}
		for mi, m := range margins {
			skm := sk.WithMargin(m.Margin)
			if m.Allow != nil {
				skm = skm.Allowing(m.Allow)
			}
			preds, err := predictDocs(tests[i], taggers[i].WithSpanKinds(skm))
			if err != nil {
				return base, nil, err
			}
			out[mi].Add(scoreEntities(tests[i], preds, nil, nil, labelledNames(train)))
			if SpanKindsShow && mi == 0 {
				showDiff(tests[i], basePreds[i], preds)
			}
		}
	}
	return base, out, nil
}

// SpanKindsTransitions, when not nil, counts the changes the model makes
// at margin 0 by the label.
var SpanKindsTransitions map[string]int

// SpanKindsShow prints each change.
var SpanKindsShow = false

func predictDocs(docs []ConllDoc, t *entity.Model) (map[string]Prediction, error) {
	as := make([]Article, len(docs))
	for j := range docs {
		as[j] = docs[j].Article()
	}
	return Predict(as, Models{Tagger: t, Ranker: quote.DefaultRanker()})
}

// showDiff prints the people and organizations that the model adds or
// removes, each with whether the labels hold it.
func showDiff(docs []ConllDoc, a, b map[string]Prediction) {
	for _, d := range docs {
		var per, org []string
		for _, e := range d.Entities {
			switch e.Type {
			case "PER":
				per = append(per, e.Text)
			case "ORG":
				org = append(org, e.Text)
			}
		}
		diff := func(what string, x, y, gold []string, kind string) {
			in := map[string]bool{}
			for _, n := range y {
				in[n] = true
			}
			for _, n := range x {
				if !in[n] {
					fmt.Printf("DIFF %s %s right=%v: %s\n", what, kind, matchesAny(n, gold, kind), n)
				}
			}
		}
		diff("-", a[d.ID].People, b[d.ID].People, per, KindPerson)
		diff("+", b[d.ID].People, a[d.ID].People, per, KindPerson)
		diff("-", a[d.ID].Organizations, b[d.ID].Organizations, org, KindOrg)
		diff("+", b[d.ID].Organizations, a[d.ID].Organizations, org, KindOrg)
	}
}

// SpanKindFolds is the number of folds whose out-of-fold taggers give the
// span-kind model its training names.
const SpanKindFolds = 5

// SpanKindMargin and SpanKindChanges are how the shipped span-kind model
// decides: the changes it may make and how far the new kind's score must
// stand above the old one's.
var (
	SpanKindMargin  = 1.0
	SpanKindChanges = []string{"PER>O", "PER>MISC", "ORG>MISC", "ORG>LOC"}
)

// TrainSpanKinds trains the span-kind model on the CoNLL documents: each
// of SpanKindFolds folds is extracted by a tagger trained on the others
// (with the shuffle seed seed), so that the model learns from the names
// a tagger makes of text it has not seen, and the model is fitted to all
// those names. It returns the model as written.
func TrainSpanKinds(docs []ConllDoc, seed uint64) ([]byte, error) {
	var exs []entity.SpanExample
	var labels []string
	for i, held := range Folds(len(docs), SpanKindFolds) {
		heldSet := map[int]bool{}
		for _, x := range held {
			heldSet[x] = true
		}
		var train, test []ConllDoc
		for j := range docs {
			if heldSet[j] {
				test = append(test, docs[j])
			} else {
				train = append(train, docs[j])
			}
		}
		t, err := trainTaggerOn(train, seed)
		if err != nil {
			return nil, fmt.Errorf("span kinds: fold %d: %w", i+1, err)
		}
		e, l, err := SpanKindExamples(test, t)
		if err != nil {
			return nil, fmt.Errorf("span kinds: fold %d: %w", i+1, err)
		}
		exs, labels = append(exs, e...), append(labels, l...)
	}
	return entity.TrainSpanKinds(exs, labels, entity.SpanKindPasses, SpanKindMargin, SpanKindChanges)
}
