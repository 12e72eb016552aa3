package lang

import (
	"syscall"
	"testing"
	"time"
)

// BenchmarkDetectCorpus detects the language of the articles of the shared
// English corpus, as index.Add does: title and body.
func BenchmarkDetectCorpus(b *testing.B) {
	var texts []string
	readJSONLB(b, "corpus.jsonl", 5000, func(m map[string]any) {
		title, _ := m["title"].(string)
		body, _ := m["body"].(string)
		texts = append(texts, title+"\n\n"+body)
	})
	fast := 0
	for _, s := range texts {
		if vote(s) != "" {
			fast++
		}
	}
	b.Logf("%d of %d articles decided by their stop words", fast, len(texts))
	for _, s := range texts { // load the n-gram models the texts need
		Detect(s)
	}
	b.ResetTimer()
	start, cpu0 := time.Now(), cpuTime()
	for i := 0; i < b.N; i++ {
		Detect(texts[i%len(texts)])
	}
	b.ReportMetric(float64(time.Since(start).Microseconds())/float64(b.N), "µs/article")
	b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/float64(b.N), "CPU-µs/article")
}

// cpuTime is the CPU time the process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
