package train

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/parley-nlp/parley/classifier"
	"github.com/parley-nlp/parley/data"
)

func corpus(n int) []data.Example {
	words := map[string][]string{
		"conciliatory": {"agreed", "talks", "welcomed", "pledged", "calm", "ceasefire", "dialogue", "thanked"},
		"warning":      {"warned", "threatened", "vowed", "retaliate", "condemned", "sanctions", "ultimatum", "force"},
		"neutral":      {"arrived", "visit", "rain", "market", "election", "bank", "court", "flood"},
	}
	var ex []data.Example
	for i := 0; i < n; i++ {
		for _, l := range []string{"conciliatory", "warning", "neutral"} {
			w := words[l]
			ex = append(ex, data.Example{Label: l, Text: fmt.Sprintf("The officials %s and %s on day %d.", w[i%len(w)], w[(i*3+1)%len(w)], i)})
		}
	}
	return ex
}

func TestSplitIsStratifiedAndSeeded(t *testing.T) {
	ex := corpus(20)
	tr, te, err := Split(ex, 0.25, 7)
	require.NoError(t, err)
	assert.Len(t, tr, 45)
	assert.Len(t, te, 15)
	counts := map[string]int{}
	for _, e := range te {
		counts[e.Label]++
	}
	assert.Equal(t, map[string]int{"conciliatory": 5, "warning": 5, "neutral": 5}, counts)
	tr2, te2, _ := Split(ex, 0.25, 7)
	assert.Equal(t, tr, tr2)
	assert.Equal(t, te, te2)
	_, te3, _ := Split(ex, 0.25, 8)
	assert.NotEqual(t, te, te3, "another seed, another split")
	_, _, err = Split(ex, 1, 7)
	assert.Error(t, err)
}

func TestFoldsAreStratified(t *testing.T) {
	ex := corpus(10)
	fold, err := Folds(ex, 5, 1)
	require.NoError(t, err)
	per := map[int]map[string]int{}
	for i, f := range fold {
		if per[f] == nil {
			per[f] = map[string]int{}
		}
		per[f][ex[i].Label]++
	}
	require.Len(t, per, 5)
	for f, c := range per {
		for _, l := range []string{"conciliatory", "warning", "neutral"} {
			assert.Equal(t, 2, c[l], "fold %d label %s", f, l)
		}
	}
	_, err = Folds(ex, 1, 1)
	assert.Error(t, err)
	_, err = Folds(ex[:3], 4, 1)
	assert.Error(t, err)
}

func TestReportMetrics(t *testing.T) {
	outs := []Outcome{
		{Truth: "a", Predicted: "a", Confidence: 0.9},
		{Truth: "a", Predicted: "b", Confidence: 0.6},
		{Truth: "b", Predicted: "b", Confidence: 0.8},
		{Truth: "b", Predicted: "b", Confidence: 0.7},
		{Truth: "c", Predicted: "a", Confidence: 0.55}, // c: a label the model does not know
	}
	r := NewReport([]string{"a", "b"}, outs)
	assert.Equal(t, []string{"a", "b", "c"}, r.Labels)
	assert.Equal(t, []string{"c"}, r.UnknownLabels)
	assert.InDelta(t, 0.6, r.Accuracy, 1e-12)
	assert.Equal(t, [][]int{{1, 1, 0}, {0, 2, 0}, {1, 0, 0}}, r.Confusion)
	a, _ := r.Metric("a")
	assert.InDelta(t, 0.5, a.Precision, 1e-12)
	assert.InDelta(t, 0.5, a.Recall, 1e-12)
	assert.InDelta(t, 0.5, a.F1, 1e-12)
	b, _ := r.Metric("b")
	assert.InDelta(t, 2.0/3, b.Precision, 1e-12)
	assert.InDelta(t, 1, b.Recall, 1e-12)
	assert.InDelta(t, 0.8, b.F1, 1e-12)
	c, _ := r.Metric("c")
	assert.Equal(t, 1, c.Support)
	assert.Zero(t, c.F1)
	assert.InDelta(t, (0.5+0.8+0)/3, r.MacroF1, 1e-12)
	assert.InDelta(t, (0.5*2+0.8*2)/5, r.WeightedF1, 1e-12)

	var buf bytes.Buffer
	require.NoError(t, r.WriteText(&buf))
	assert.Contains(t, buf.String(), "the data has labels the model does not know: c")
	_, err := json.Marshal(r)
	require.NoError(t, err)
}

func TestCalibration(t *testing.T) {
	outs := []Outcome{
		{Truth: "a", Predicted: "a", Confidence: 0.95, Probabilities: []float64{0.95, 0.05}, Labels: []string{"a", "b"}},
		{Truth: "b", Predicted: "a", Confidence: 0.95, Probabilities: []float64{0.95, 0.05}, Labels: []string{"a", "b"}},
		{Truth: "b", Predicted: "b", Confidence: 0.55, Probabilities: []float64{0.45, 0.55}, Labels: []string{"a", "b"}},
	}
	c := NewCalibration(outs, 10)
	assert.Equal(t, 2, c.Bins[9].Count)
	assert.InDelta(t, 0.5, c.Bins[9].Accuracy, 1e-12)
	assert.Equal(t, 1, c.Bins[5].Count)
	// ECE = 2/3*|0.5-0.95| + 1/3*|1-0.55|
	assert.InDelta(t, 2.0/3*0.45+1.0/3*0.45, c.ECE, 1e-12)
	assert.InDelta(t, -(math.Log(0.95)+math.Log(0.05)+math.Log(0.55))/3, c.LogLoss, 1e-12)
}

func TestCrossValidate(t *testing.T) {
	ex := corpus(20)
	r, err := CrossValidate(ex, 5, 3, classifier.Options{})
	require.NoError(t, err)
	assert.Equal(t, 5, r.Folds)
	assert.Len(t, r.PerFold, 5)
	assert.Equal(t, len(ex), r.Pooled.Examples)
	assert.Greater(t, r.Accuracy.Mean, 0.9, "an easy corpus")
	assert.Contains(t, r.LabelF1, "warning")
	r2, err := CrossValidate(ex, 5, 3, classifier.Options{})
	require.NoError(t, err)
	assert.Equal(t, r, r2, "seeded: the same report")
	var buf bytes.Buffer
	require.NoError(t, r.WriteText(&buf))
	assert.Contains(t, buf.String(), "5-fold stratified cross-validation")
}

func TestFitTemperatureCalibrates(t *testing.T) {
	ex := corpus(30)
	// Ambiguous examples make naive Bayes overconfident; a fitted
	// temperature should bring the log loss down.
	for i := 0; i < 30; i++ {
		ex = append(ex, data.Example{Label: "neutral", Text: fmt.Sprintf("The officials warned and agreed on day %d.", i)})
	}
	opts := classifier.Options{}
	temp, err := FitTemperature(ex, opts, 5, 1)
	require.NoError(t, err)
	assert.Greater(t, temp, 0.05)
	assert.Less(t, temp, 100.0)

	loss := func(temperature float64) float64 {
		o := opts
		o.Temperature = temperature
		r, err := CrossValidate(ex, 5, 1, o)
		require.NoError(t, err)
		return r.Pooled.Calibration.LogLoss
	}
	assert.LessOrEqual(t, loss(temp), loss(1)+1e-9)
}

func TestRecipeFitIsDeterministic(t *testing.T) {
	ex := corpus(10)
	r := DefaultRecipe()
	a, err := r.Fit(ex)
	require.NoError(t, err)
	b, err := r.Fit(ex)
	require.NoError(t, err)
	var ba, bb bytes.Buffer
	_, _ = a.WriteTo(&ba)
	_, _ = b.WriteTo(&bb)
	assert.Equal(t, ba.Bytes(), bb.Bytes())
	assert.NotEqual(t, 1.0, a.Info().Temperature)
}

func TestEvaluateUnknownLabel(t *testing.T) {
	c, err := classifier.Train(corpus(5), classifier.Options{})
	require.NoError(t, err)
	test := append(corpus(2), data.Example{Label: "other", Text: "Something else entirely."})
	r := Evaluate(c, test)
	assert.Equal(t, []string{"other"}, r.UnknownLabels)
	assert.Equal(t, len(test), r.Examples)
}
