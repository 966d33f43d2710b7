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

// explain returns up to n features of sentence with a positive weight
// toward p's best label, strongest first.
func (c *Classifier) explain(sentence string, p Prediction, n int) []Reason {
	best, second := topTwo(p.Probabilities)
	if second < 0 {
		return nil
	}
	t := c.table
	var out []Reason
	for _, f := range c.pipe.Analyze(sentence) {
		row, ok := t.rowOf(f.Key)
		if !ok {
			continue
		}
		w := t.weight(row, best) - t.weight(row, second)
		if w <= 0 {
			continue
		}
		out = append(out, Reason{Feature: f.Key, Words: sentence[f.Start:f.End], Start: f.Start, End: f.End, Weight: round(w)})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Weight > out[j].Weight })
	if len(out) > n {
		out = out[:n]
	}
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
