package features_test

import (
	"bufio"
	"fmt"
	"strings"
	"testing"

	"github.com/kljensen/snowball/english"

	"github.com/parley-nlp/parley/features"
)

// benchSentences are wire-style sentences of about 25 words.
var benchSentences = []string{
	"Pakistan's foreign minister said on Tuesday that Islamabad would not tolerate further attacks on its border posts and urged Kabul to rein in militants.",
	"The U.N. Security Council is expected to vote on Thursday on a draft resolution extending the peacekeeping mission in South Sudan for another 12 months.",
	`"We have always preferred dialogue to confrontation, and our door remains open," Lt. Col. Amna Rehman told reporters after the flag meeting ended.`,
	"Officials said the World Food Programme needed $11.3 million to keep food flowing to about 250,000 refugees for the next three months, or rations would be cut.",
	"Iran did not rule out military action if the talks collapsed, but Dr. Hosseini said Tehran remained committed to a negotiated settlement with Washington.",
	"Both sides accused each other of violating the ceasefire, which was brokered by Moscow in November and has largely held despite sporadic shelling near Goma.",
}

// benchArticle is the sentences as one article with a dateline and
// paragraphs.
var benchArticle = "ISLAMABAD (Reuters) - " + strings.Join(benchSentences[:3], " ") + "\n\n" + strings.Join(benchSentences[3:], " ") + "\n"

func BenchmarkSegment(b *testing.B) {
	b.ReportAllocs()
	b.SetBytes(int64(len(benchArticle)))
	for b.Loop() {
		if len(features.Segment(benchArticle)) != len(benchSentences) {
			b.Fatal("unexpected sentence count")
		}
	}
}

// reportSentences reports the throughput in sentences per second, given
// how many sentences one iteration handles.
func reportSentences(b *testing.B, perOp int) {
	b.Helper()
	if s := b.Elapsed().Seconds(); s > 0 {
		b.ReportMetric(float64(b.N*perOp)/s, "sentences/s")
	}
}

func BenchmarkTokenize(b *testing.B) {
	tk := features.NewUnicodeTokenizer("english")
	dst := make([]features.Token, 0, 64)
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range benchSentences {
			dst = tk.Tokenize(dst[:0], s)
		}
	}
	reportSentences(b, len(benchSentences))
}

// stageInput returns the tokens of every benchmark sentence after the
// stages before the one measured.
func stageInput(b *testing.B, before ...features.TokenFilter) [][]features.Token {
	b.Helper()
	tk := features.NewUnicodeTokenizer("english")
	out := make([][]features.Token, len(benchSentences))
	for i, s := range benchSentences {
		out[i] = tk.Tokenize(nil, s)
		for _, f := range before {
			out[i] = f.Filter(out[i])
		}
	}
	return out
}

// benchStage measures one filter on the tokens of every sentence (each
// run on a fresh copy, as filters rewrite their input).
func benchStage(b *testing.B, f features.TokenFilter, before ...features.TokenFilter) {
	in := stageInput(b, before...)
	buf := make([]features.Token, 0, 64)
	b.ReportAllocs()
	for b.Loop() {
		for _, toks := range in {
			buf = append(buf[:0], toks...)
			f.Filter(buf)
		}
	}
	reportSentences(b, len(benchSentences))
}

func BenchmarkNegate(b *testing.B) {
	benchStage(b, features.NewNegationFilter("english", 0))
}

func BenchmarkStopwords(b *testing.B) {
	benchStage(b, features.NewStopwordFilter("english"), features.NewNegationFilter("english", 0))
}

func BenchmarkNumbers(b *testing.B) {
	benchStage(b, features.NumberFilter{}, features.NewNegationFilter("english", 0))
}

// BenchmarkStem stems with a warm memo, as a long-running pipeline does.
func BenchmarkStem(b *testing.B) {
	stem := features.NewStemFilter("english")
	benchStage(b, stem, features.NewNegationFilter("english", 0), features.NumberFilter{}, stem)
}

// BenchmarkStemCold stems every word without the memo: the Snowball cost
// that the memo saves.
func BenchmarkStemCold(b *testing.B) {
	in := stageInput(b, features.NewNegationFilter("english", 0), features.NumberFilter{})
	b.ReportAllocs()
	for b.Loop() {
		for _, toks := range in {
			for _, t := range toks {
				if t.Kind == features.Word {
					english.Stem(t.Term, true)
				}
			}
		}
	}
	reportSentences(b, len(benchSentences))
}

func BenchmarkNGrams(b *testing.B) {
	stem := features.NewStemFilter("english")
	in := stageInput(b, features.NewNegationFilter("english", 0), features.NumberFilter{}, stem)
	key := make([]byte, 0, 64)
	n := 0
	b.ReportAllocs()
	for b.Loop() {
		for _, toks := range in {
			key = features.VisitNGrams(toks, 2, key, func(k []byte, _, _ int) { n += len(k) })
		}
	}
	reportSentences(b, len(benchSentences))
	if n == 0 {
		b.Fatal("no n-grams")
	}
}

func BenchmarkPipelineFeatures(b *testing.B) {
	p, err := features.New(features.DefaultConfig())
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range benchSentences {
			if len(p.Features(s)) == 0 {
				b.Fatal("no features")
			}
		}
	}
	reportSentences(b, len(benchSentences))
}

func BenchmarkPipelineVisit(b *testing.B) {
	p, err := features.New(features.DefaultConfig())
	if err != nil {
		b.Fatal(err)
	}
	n := 0
	visit := func(key []byte) { n += len(key) }
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range benchSentences {
			p.Visit(s, visit)
		}
	}
	reportSentences(b, len(benchSentences))
	if n == 0 {
		b.Fatal("no features")
	}
}

// BenchmarkPipelineVisitIDs is the path the classifier scores by: every
// feature as term IDs, no key built.
func BenchmarkPipelineVisitIDs(b *testing.B) {
	p, err := features.New(features.DefaultConfig())
	if err != nil {
		b.Fatal(err)
	}
	n := 0
	visit := func(words []uint32) { n += len(words) }
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range benchSentences {
			p.VisitIDs(s, visit)
		}
	}
	reportSentences(b, len(benchSentences))
	if n == 0 {
		b.Fatal("no features")
	}
}

func BenchmarkPipelineVisitParallel(b *testing.B) {
	p, err := features.New(features.DefaultConfig())
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		n := 0
		visit := func(key []byte) { n += len(key) }
		for pb.Next() {
			for _, s := range benchSentences {
				p.Visit(s, visit)
			}
		}
	})
	reportSentences(b, len(benchSentences))
}

// BenchmarkScanSentences streams a long text of many articles through a
// bufio.Scanner, with the default buffer and with a large one.
func BenchmarkScanSentences(b *testing.B) {
	text := strings.Repeat(benchArticle+"\n", 200)
	for _, size := range []int{0, 1 << 20} {
		b.Run(fmt.Sprintf("buffer=%d", size), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				sc := bufio.NewScanner(strings.NewReader(text))
				if size > 0 {
					sc.Buffer(make([]byte, size), size)
				}
				sc.Split(features.ScanSentences)
				n := 0
				for sc.Scan() {
					n++
				}
				if sc.Err() != nil || n != 200*len(benchSentences) {
					b.Fatalf("%d sentences, error %v", n, sc.Err())
				}
			}
		})
	}
}
