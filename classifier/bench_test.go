package classifier_test

import (
	"os"
	"strings"
	"testing"

	"github.com/parley-nlp/parley/classifier"
	"github.com/parley-nlp/parley/data"
	"github.com/parley-nlp/parley/features"
)

// benchSentences are wire-style news sentences of about 25 words, written
// for these benchmarks.
var benchSentences = []string{
	"The foreign ministry said on Wednesday that it would not accept any further incursions into its airspace and warned of a firm response to provocations.",
	"Delegations from both countries met in Doha for a third round of talks aimed at reopening the main border crossing to trade and pilgrims.",
	"Police said at least 14 people were killed and 30 wounded when a car bomb exploded outside a crowded market in the provincial capital on Friday.",
	"The prime minister thanked his neighbour for releasing the detained fishermen and said the gesture opened the way to a lasting settlement of the dispute.",
	"Army chief Gen. Asim Malik told troops that any aggression would be met with full force and that the country's patience should not be mistaken for weakness.",
	"The U.N. envoy urged all sides to exercise maximum restraint, avoid further bloodshed and return to the negotiating table without preconditions before the winter.",
	"Officials did not rule out new sanctions if Tehran continued to restrict inspectors' access to its nuclear sites, a senior diplomat told reporters in Vienna.",
	"The central bank left its benchmark interest rate unchanged at 6.5 percent for a fourth meeting, citing steady inflation and a recovery in exports.",
}

// benchArticle is the sentences as one article: a dateline, two paragraphs.
var benchArticle = "VIENNA (Reuters) - " + strings.Join(benchSentences[:4], " ") + "\n\n" + strings.Join(benchSentences[4:], " ") + "\n"

func defaultModel(b *testing.B) *classifier.Classifier {
	b.Helper()
	c, err := classifier.Default()
	if err != nil {
		b.Fatal(err)
	}
	return c
}

// reportSentences reports the throughput in sentences per second, given
// how many sentences one iteration handles.
func reportSentences(b *testing.B, perOp int) {
	b.Helper()
	if s := b.Elapsed().Seconds(); s > 0 {
		b.ReportMetric(float64(b.N*perOp)/s, "sentences/s")
	}
}

// BenchmarkClassify is the whole per-sentence path: tokenize, negate, stem,
// n-grams and scoring, with the default model.
func BenchmarkClassify(b *testing.B) {
	c := defaultModel(b)
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range benchSentences {
			c.Classify(s)
		}
	}
	reportSentences(b, len(benchSentences))
}

// BenchmarkClassifyCorpus classifies every sentence of data/corpus in
// turn: thousands of different sentences, so the model's tables are read
// the way real text reads them, not from a warm cache.
func BenchmarkClassifyCorpus(b *testing.B) {
	c := defaultModel(b)
	examples := corpus(b)
	b.ReportAllocs()
	for b.Loop() {
		for _, e := range examples {
			c.Classify(e.Text)
		}
	}
	reportSentences(b, len(examples))
}

// corpus reads Parley's corpus from data/corpus.
func corpus(b *testing.B) []data.Example {
	b.Helper()
	examples, err := data.ReadFiles([]string{"../data/corpus"}, "")
	if err != nil {
		b.Fatal(err)
	}
	return examples
}

// BenchmarkClassifyExplain adds the three strongest reasons per sentence.
func BenchmarkClassifyExplain(b *testing.B) {
	c := defaultModel(b)
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range benchSentences {
			c.Classify(s, classifier.WithExplain(3))
		}
	}
	reportSentences(b, len(benchSentences))
}

// BenchmarkClassifyParallel runs Classify on every core at once.
func BenchmarkClassifyParallel(b *testing.B) {
	c := defaultModel(b)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			for _, s := range benchSentences {
				c.Classify(s)
			}
		}
	})
	reportSentences(b, len(benchSentences))
}

// BenchmarkClassifyText segments and classifies a whole article.
func BenchmarkClassifyText(b *testing.B) {
	c := defaultModel(b)
	n := len(features.Segment(benchArticle))
	if n != len(benchSentences) {
		b.Fatalf("the article segments into %d sentences, want %d", n, len(benchSentences))
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(benchArticle)))
	for b.Loop() {
		c.ClassifyText(benchArticle)
	}
	reportSentences(b, n)
}

// BenchmarkLoadDefault decodes the embedded default model, as every run
// of the parley command does once at start-up.
func BenchmarkLoadDefault(b *testing.B) {
	raw, err := os.ReadFile("../models/default.model.gz")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		if _, err := classifier.Load(strings.NewReader(string(raw))); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTrain trains a model on data/corpus with the default feature
// settings (counting on all cores).
func BenchmarkTrain(b *testing.B) {
	examples := corpus(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := classifier.Train(examples, classifier.Options{}); err != nil {
			b.Fatal(err)
		}
	}
	reportSentences(b, len(examples))
}
