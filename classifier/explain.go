package classifier

import (
	"sort"
)

// Reason is one feature behind a prediction.
type Reason struct {
	// Feature is the feature as the model counts it ("not_negoti", "peac talk").
	Feature string `json:"feature"`
	// Words is the text of the sentence the feature came from, as written
	// ("refused to negotiate", "peace talks").
	Words string `json:"words"`
	// Start and End are byte offsets of Words in the sentence.
	Start int `json:"start"`
	End   int `json:"end"`
	// Weight is how strongly the feature favours the predicted label over
	// the runner-up, in nats: log P(f | label) - log P(f | runner-up).
	Weight float64 `json:"weight"`
}

// Explanation is a prediction with the evidence on both sides of it.
type Explanation struct {
	Prediction
	// RunnerUp is the second most probable label ("" for a one-label
	// model).
	RunnerUp string `json:"runner_up"`
	// For holds the features of the sentence that favour Label over
	// RunnerUp, strongest first; Against those that favour RunnerUp,
	// strongest first, with negative weights. Each feature's weight is
	// log P(f | Label) - log P(f | RunnerUp), so the weights of For and
	// Against, summed with the log prior ratio, give the log odds of the
	// two labels before the temperature.
	For     []Reason `json:"for"`
	Against []Reason `json:"against"`
}

// Explain classifies sentence and returns up to n features on each side:
// those that pushed it toward its label and those that pulled it toward
// the runner-up. Options apply as in Classify (WithMinConfidence); the
// explanation always compares the two most probable labels.
func (c *Classifier) Explain(sentence string, n int, opts ...Option) Explanation {
	p := c.Classify(sentence, opts...)
	best, second := topTwo(p.Probabilities)
	e := Explanation{Prediction: p}
	if second < 0 {
		return e
	}
	e.RunnerUp = c.labels[second]
	ev := c.evidence(sentence, best, second)
	for i := 0; i < len(ev) && ev[i].Weight > 0 && len(e.For) < n; i++ {
		e.For = append(e.For, ev[i])
	}
	for i := len(ev) - 1; i >= 0 && ev[i].Weight < 0 && len(e.Against) < n; i-- {
		e.Against = append(e.Against, ev[i])
	}
	return e
}

// explain returns up to n features of sentence with a positive weight
// toward p's best label, strongest first.
func (c *Classifier) explain(sentence string, p Prediction, n int) []Reason {
	best, second := topTwo(p.Probabilities)
	if second < 0 {
		return nil
	}
	var out []Reason
	for _, r := range c.evidence(sentence, best, second) {
		if r.Weight <= 0 || len(out) == n {
			break
		}
		out = append(out, r)
	}
	return out
}

// evidence returns every known feature of sentence with its weight,
// log P(f | best) - log P(f | second), from the strongest for best to the
// strongest for second.
func (c *Classifier) evidence(sentence string, best, second int) []Reason {
	t := c.table
	var out []Reason
	for _, f := range c.pipe.Analyze(sentence) {
		row, ok := t.rowOf(f.Key)
		if !ok {
			continue
		}
		w := t.weight(row, best) - t.weight(row, second)
		out = append(out, Reason{Feature: f.Key, Words: sentence[f.Start:f.End], Start: f.Start, End: f.End, Weight: round(w)})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Weight > out[j].Weight })
	return out
}

// topTwo returns the indexes of the largest and second-largest values
// (second is -1 when there is one value).
func topTwo(x []float64) (int, int) {
	best, second := -1, -1
	for i, v := range x {
		switch {
		case best < 0 || v > x[best]:
			best, second = i, best
		case second < 0 || v > x[second]:
			second = i
		}
	}
	return best, second
}
