package story

import "testing"

func BenchmarkSign(b *testing.B) {
	title, body := readFixture(b, "typical.txt")
	b.SetBytes(int64(len(title) + len(body)))
	b.ReportAllocs()
	for b.Loop() {
		Sign(title, body)
	}
}

func BenchmarkSimHash(b *testing.B) {
	title, body := readFixture(b, "typical.txt")
	b.SetBytes(int64(len(title) + len(body)))
	for b.Loop() {
		SimHashOf(title, body)
	}
}

func BenchmarkFingerprint(b *testing.B) {
	title, body := readFixture(b, "typical.txt")
	b.SetBytes(int64(len(title) + len(body)))
	for b.Loop() {
		Fingerprint(title, body)
	}
}

func BenchmarkGrouper(b *testing.B) {
	title, body := readFixture(b, "typical.txt")
	sig := Sign(title, body)
	other := Sign(readFixture(b, "nk_troops_nato.txt"))
	g := NewGrouper()
	i := 0
	for b.Loop() {
		if i%2 == 0 {
			g.Add("x", sig)
		} else {
			g.Add("y", other)
		}
		i++
	}
}

// BenchmarkGrouperCorpus groups the articles of -corpus, if present: the
// cost per article of finding its story among all earlier ones.
func BenchmarkGrouperCorpus(b *testing.B) {
	as := readCorpus(b, *corpus)
	sigs := make([]Signature, len(as))
	for i, a := range as {
		sigs[i] = Sign(a.Title, a.Body)
	}
	b.ResetTimer()
	for b.Loop() {
		g := NewGrouper()
		for i, a := range as {
			g.Add(a.ID, sigs[i])
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(as)), "ns/article")
}
