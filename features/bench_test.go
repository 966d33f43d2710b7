package features_test

import (
	"bufio"
	"fmt"
	"strings"
	"testing"

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

func BenchmarkTokenize(b *testing.B) {
	tk := features.NewUnicodeTokenizer("english")
	dst := make([]features.Token, 0, 64)
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range benchSentences {
			dst = tk.Tokenize(dst[:0], s)
		}
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
