package train

import (
	"testing"

	"github.com/parley-nlp/parley/data"
)

// benchCorpus reads Parley's corpus from data/corpus.
func benchCorpus(b *testing.B) []data.Example {
	b.Helper()
	examples, err := data.ReadFiles([]string{"../data/corpus"}, "")
	if err != nil {
		b.Fatal(err)
	}
	return examples
}

func reportSentences(b *testing.B, perOp int) {
	b.Helper()
	if s := b.Elapsed().Seconds(); s > 0 {
		b.ReportMetric(float64(b.N*perOp)/s, "sentences/s")
	}
}

// BenchmarkTrainDefaultRecipe trains the default model's recipe on
// data/corpus without calibration: one model.
func BenchmarkTrainDefaultRecipe(b *testing.B) {
	examples := benchCorpus(b)
	r := DefaultRecipe()
	r.CalibrationFolds = 0
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.Fit(examples); err != nil {
			b.Fatal(err)
		}
	}
	reportSentences(b, len(examples))
}

// BenchmarkFitDefaultRecipe is `go generate ./models` without the file:
// the temperature fitted by 5-fold cross-validation, then the model.
func BenchmarkFitDefaultRecipe(b *testing.B) {
	examples := benchCorpus(b)
	r := DefaultRecipe()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.Fit(examples); err != nil {
			b.Fatal(err)
		}
	}
	reportSentences(b, len(examples))
}

// BenchmarkEvaluate classifies data/corpus with a model trained on it and
// computes the report.
func BenchmarkEvaluate(b *testing.B) {
	examples := benchCorpus(b)
	r := DefaultRecipe()
	r.CalibrationFolds = 0
	c, err := r.Fit(examples)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		Evaluate(c, examples)
	}
	reportSentences(b, len(examples))
}
