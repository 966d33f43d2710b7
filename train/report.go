package train

import (
	"math"
	"sort"

	"github.com/parley-nlp/parley/classifier"
	"github.com/parley-nlp/parley/data"
	"github.com/parley-nlp/parley/internal/parallel"
)

// LabelMetrics are the scores of one label.
type LabelMetrics struct {
	Label     string  `json:"label"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	Support   int     `json:"support"` // true examples of the label
}

// Report is the evaluation of a classifier on labelled examples.
type Report struct {
	// Examples is the number of examples evaluated.
	Examples int `json:"examples"`
	// Labels lists the labels of the confusion matrix: the model's, then any
	// label of the data the model does not know (UnknownLabels).
	Labels        []string `json:"labels"`
	UnknownLabels []string `json:"unknown_labels,omitempty"`
	Accuracy      float64  `json:"accuracy"`
	// PerLabel scores every label of Labels.
	PerLabel []LabelMetrics `json:"per_label"`
	// MacroF1 is the unweighted mean F1 over the labels with support or
	// predictions; WeightedF1 weighs each label's F1 by its support.
	MacroF1    float64 `json:"macro_f1"`
	WeightedF1 float64 `json:"weighted_f1"`
	// Confusion[i][j] counts examples of true label Labels[i] predicted as
	// Labels[j].
	Confusion   [][]int     `json:"confusion"`
	Calibration Calibration `json:"calibration"`
}

// Outcome is one prediction set against the truth.
type Outcome struct {
	Truth      string
	Predicted  string
	Confidence float64
	// Probabilities are the model's, in the order of Labels (the model's
	// labels); both may be nil when only labels are known.
	Probabilities []float64
	Labels        []string
}

// Evaluate classifies every example with c and reports how it did.
func Evaluate(c *classifier.Classifier, examples []data.Example) Report {
	return NewReport(c.Labels(), predict(c, examples))
}

// predict classifies examples on all cores and sets each prediction
// against its example's label.
func predict(c *classifier.Classifier, examples []data.Example) []Outcome {
	outs := make([]Outcome, len(examples))
	parallel.For(len(examples), func(i int) {
		p := c.Classify(examples[i].Text)
		outs[i] = Outcome{Truth: examples[i].Label, Predicted: p.Label, Confidence: p.Confidence, Probabilities: p.Probabilities, Labels: p.Labels}
	})
	return outs
}

// NewReport computes a report from outcomes; modelLabels are the labels
// the model can predict.
func NewReport(modelLabels []string, outs []Outcome) Report {
	labels := append([]string(nil), modelLabels...)
	idx := make(map[string]int)
	for i, l := range labels {
		idx[l] = i
	}
	var unknown []string
	for _, o := range outs {
		for _, l := range []string{o.Truth, o.Predicted} {
			if _, ok := idx[l]; !ok {
				unknown = append(unknown, l)
				idx[l] = -1
			}
		}
	}
	sort.Strings(unknown)
	for _, l := range unknown {
		idx[l] = len(labels)
		labels = append(labels, l)
	}
	n := len(labels)
	conf := make([][]int, n)
	for i := range conf {
		conf[i] = make([]int, n)
	}
	correct := 0
	for _, o := range outs {
		conf[idx[o.Truth]][idx[o.Predicted]]++
		if o.Truth == o.Predicted {
			correct++
		}
	}
	r := Report{Examples: len(outs), Labels: labels, UnknownLabels: unknown, Confusion: conf}
	if len(outs) > 0 {
		r.Accuracy = float64(correct) / float64(len(outs))
	}
	var macro, weighted float64
	counted := 0
	for i, l := range labels {
		tp, support, predicted := conf[i][i], 0, 0
		for j := 0; j < n; j++ {
			support += conf[i][j]
			predicted += conf[j][i]
		}
		m := LabelMetrics{Label: l, Support: support}
		if predicted > 0 {
			m.Precision = float64(tp) / float64(predicted)
		}
		if support > 0 {
			m.Recall = float64(tp) / float64(support)
		}
		if m.Precision+m.Recall > 0 {
			m.F1 = 2 * m.Precision * m.Recall / (m.Precision + m.Recall)
		}
		r.PerLabel = append(r.PerLabel, m)
		if support > 0 || predicted > 0 {
			macro += m.F1
			counted++
		}
		weighted += m.F1 * float64(support)
	}
	if counted > 0 {
		r.MacroF1 = macro / float64(counted)
	}
	if len(outs) > 0 {
		r.WeightedF1 = weighted / float64(len(outs))
	}
	r.Calibration = NewCalibration(outs, 10)
	return r
}

// Metric returns the metrics of label, and false when the report has none.
func (r Report) Metric(label string) (LabelMetrics, bool) {
	for _, m := range r.PerLabel {
		if m.Label == label {
			return m, true
		}
	}
	return LabelMetrics{}, false
}

// meanStd returns the mean and the sample standard deviation of xs.
func meanStd(xs []float64) (float64, float64) {
	if len(xs) == 0 {
		return 0, 0
	}
	var sum float64
	for _, x := range xs {
		sum += x
	}
	mean := sum / float64(len(xs))
	if len(xs) < 2 {
		return mean, 0
	}
	var ss float64
	for _, x := range xs {
		ss += (x - mean) * (x - mean)
	}
	return mean, math.Sqrt(ss / float64(len(xs)-1))
}
