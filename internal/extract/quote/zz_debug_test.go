package quote

import (
	"fmt"
	"os"
	"testing"

	"github.com/newsindex/newsindex/internal/extract/entity"
)

func TestDebugText(t *testing.T) {
	b, err := os.ReadFile("/tmp/qa/dbg.txt")
	if err != nil {
		t.Skip()
	}
	text := string(b)
	d := newDoc(text, entity.Extract(text))
	if os.Getenv("NORANK") == "" {
		d.ranker = defaultRanker()
	}
	d.run()
	for _, q := range d.output() {
		fmt.Printf("%.70q | %s | %s\n", q.Text, q.Speaker, q.Cue)
	}
}
