package measure

import (
	"fmt"
	"sort"
	"testing"
)

func TestZZSpk(t *testing.T) {
	d := "/work/shared/data/"
	c, _ := ReadJSONL[PolnearDoc](d + "polnear_train.jsonl")
	as := make([]Article, len(c))
	for i := range c {
		as[i] = c[i].Article()
	}
	p, _ := Predict(as, Shipped())
	fnDirect, fnIndirect, fp := 0, 0, 0
	var fps, fns []string
	for _, g := range c {
		pr := p[g.ID]
		var gs []string
		direct := map[string]bool{}
		for _, q := range g.Quotes {
			for _, n := range speakerNames(q.Speaker, g.Text) {
				gs = append(gs, n)
				if q.Direct {
					direct[n] = true
				}
			}
		}
		var ps []string
		how := map[string]string{}
		for _, q := range pr.Quotes {
			if q.Speaker != "" {
				n := speakerName(&q.Speaker)
				ps = append(ps, n)
				if q.Direct {
					how[n] = "direct"
				} else if how[n] == "" {
					how[n] = "reported:" + q.Cue
				}
			}
		}
		gd, pd := dedupe(gs, "speaker"), dedupe(ps, "speaker")
		for _, x := range gd {
			found := false
			for _, y := range pd {
				if NamesMatch(x, y, "speaker") {
					found = true
				}
			}
			if !found {
				if direct[x] {
					fnDirect++
				} else {
					fnIndirect++
				}
				fns = append(fns, fmt.Sprintf("%v %s", direct[x], x))
			}
		}
		for _, y := range pd {
			found := false
			for _, x := range gd {
				if NamesMatch(y, x, "speaker") {
					found = true
				}
			}
			if !found {
				fp++
				fps = append(fps, how[y]+" "+y)
			}
		}
	}
	fmt.Println("FN direct", fnDirect, "FN indirect-only", fnIndirect, "FP", fp)
	cnt := map[string]int{}
	for _, f := range fps {
		k := f
		if i := len(f); i > 0 {
			for j, r := range f {
				if r == ' ' {
					k = f[:j]
					break
				}
			}
		}
		cnt[k]++
	}
	type kv struct {
		k string
		v int
	}
	var kvs []kv
	for k, v := range cnt {
		kvs = append(kvs, kv{k, v})
	}
	sort.Slice(kvs, func(i, j int) bool { return kvs[i].v > kvs[j].v })
	fmt.Println(kvs[:min(25, len(kvs))])
	for i, f := range fps {
		if i%9 == 0 {
			fmt.Println("FP", f)
		}
	}
	for i, f := range fns {
		if i%12 == 0 {
			fmt.Println("FN", f)
		}
	}
}
