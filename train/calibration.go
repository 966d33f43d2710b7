package train

import "math"

// Bin is one confidence bin of a reliability table.
type Bin struct {
	// Low and High bound the confidences in the bin: (Low, High].
	Low  float64 `json:"low"`
	High float64 `json:"high"`
	// Count is the number of predictions in the bin.
	Count int `json:"count"`
	// Confidence is their mean confidence and Accuracy the share of them
	// that were right.
	Confidence float64 `json:"confidence"`
	Accuracy   float64 `json:"accuracy"`
}

// Calibration measures how far confidences are from the share of right
// answers.
type Calibration struct {
	// ECE is the expected calibration error: Σ_b (n_b / n) |acc_b - conf_b|
	// over equal-width confidence bins b. 0 is perfect.
	ECE float64 `json:"ece"`
	// LogLoss is the mean negative log probability given to the true label
	// (lower is better); it is NaN-free: a probability of 0 counts as 1e-15.
	LogLoss float64 `json:"log_loss"`
	Bins    []Bin   `json:"bins"`
}

// NewCalibration computes the reliability table over nbins equal-width bins
// and the ECE of outcomes. Outcomes whose truth the model does not know
// count as wrong and add nothing to the log loss.
func NewCalibration(outs []Outcome, nbins int) Calibration {
	c := Calibration{Bins: make([]Bin, nbins)}
	for b := range c.Bins {
		c.Bins[b].Low = float64(b) / float64(nbins)
		c.Bins[b].High = float64(b+1) / float64(nbins)
	}
	var loss float64
	counted := 0
	for _, o := range outs {
		b := int(math.Ceil(o.Confidence*float64(nbins))) - 1
		b = max(0, min(b, nbins-1))
		c.Bins[b].Count++
		c.Bins[b].Confidence += o.Confidence
		if o.Truth == o.Predicted {
			c.Bins[b].Accuracy++
		}
		if p, ok := truthProbability(o); ok {
			loss -= math.Log(math.Max(p, 1e-15))
			counted++
		}
	}
	for b := range c.Bins {
		if n := float64(c.Bins[b].Count); n > 0 {
			c.Bins[b].Confidence /= n
			c.Bins[b].Accuracy /= n
			c.ECE += n / float64(len(outs)) * math.Abs(c.Bins[b].Accuracy-c.Bins[b].Confidence)
		}
	}
	if counted > 0 {
		c.LogLoss = loss / float64(counted)
	}
	return c
}

// truthProbability finds the probability the outcome gave its true label.
func truthProbability(o Outcome) (float64, bool) {
	for i, l := range o.Labels {
		if l == o.Truth {
			return o.Probabilities[i], true
		}
	}
	return 0, false
}
