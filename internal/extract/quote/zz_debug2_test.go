package quote

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/newsindex/newsindex/internal/extract/entity"
)

func TestDebugRaw(t *testing.T) {
	b, err := os.ReadFile("/tmp/qa/dbg.txt")
	if err != nil {
		t.Skip()
	}
	text := string(b)
	d := newDoc(text, entity.Extract(text))
	d.run()
	key := os.Getenv("KEY")
	for _, q := range d.quotes {
		if key != "" && !strings.Contains(d.text[q.start:q.end], key) {
			continue
		}
		fmt.Printf("%.50q kind=%d name=%q pron=%q cue=%q pending=%v inherit=%v\n", d.text[q.start:q.end], q.sp.kind, joinTokens(q.sp.name), q.sp.pronoun, q.cue, q.pending, q.inherit != nil)
		n, k := d.resolve(q.sp)
		fmt.Printf("   resolve=%q kind=%d plausible=%v\n", n, k, n != "" && d.plausible(n, k))
	}
}

func TestDebugSubject(t *testing.T) {
	b, err := os.ReadFile("/tmp/qa/dbg.txt")
	if err != nil {
		t.Skip()
	}
	text := string(b)
	d := newDoc(text, entity.Extract(text))
	d.findQuotes()
	d.scanPeople()
	key := os.Getenv("KEY")
	for _, q := range d.quotes {
		if !strings.Contains(d.text[q.start:q.end], key) {
			continue
		}
		l0 := d.sentenceStart(q.open)
		fmt.Printf("l0=%q\n", d.toks[l0].w)
		sp, ok := d.subject(l0, q.open)
		fmt.Printf("subject ok=%v kind=%d name=%q\n", ok, sp.kind, joinTokens(sp.name))
		sp2, ok2 := d.parseForward(l0, q.open)
		fmt.Printf("pf ok=%v kind=%d name=%q personAt=%q full=%d\n", ok2, sp2.kind, joinTokens(sp2.name), d.personAt(sp2.pos, sp2.end), len(d.full[surname(joinTokens(sp2.name))]))
	}
}
