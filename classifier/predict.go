package classifier

import (
	"encoding/json"
	"math"
	"sync"
)

// Prediction is the label of one sentence and the probability of every
// label.
type Prediction struct {
	// Label is the most probable label, or Uncertain when a minimum
	// confidence was set and not reached.
	Label string
	// Confidence is the probability of the most probable label.
	Confidence float64
	// Probabilities holds P(label | sentence) for every label, in the
	// order of Labels; they sum to 1.
	Probabilities []float64
	// Labels names the entries of Probabilities (shared with the model;
	// do not modify).
	Labels []string
	// Reasons are the features that pushed the prediction toward its
	// label most, strongest first, when asked for with WithExplain.
	Reasons []Reason
}

// Uncertain is the label given to sentences whose confidence is below the
// minimum set with WithMinConfidence.
const Uncertain = "uncertain"

// Probability returns P(label | sentence), or 0 for a label the model does
// not know.
func (p Prediction) Probability(label string) float64 {
	for i, l := range p.Labels {
		if l == label {
			return p.Probabilities[i]
		}
	}
	return 0
}

// Best returns the most probable label, even when Label is Uncertain.
func (p Prediction) Best() string {
	best := -1
	for i, q := range p.Probabilities {
		if best < 0 || q > p.Probabilities[best] {
			best = i
		}
	}
	if best < 0 {
		return ""
	}
	return p.Labels[best]
}

// MarshalJSON writes {"label","confidence","probabilities":{label: p},
// "reasons"}.
func (p Prediction) MarshalJSON() ([]byte, error) {
	probs := make(map[string]float64, len(p.Labels))
	for i, l := range p.Labels {
		probs[l] = round(p.Probabilities[i])
	}
	return json.Marshal(struct {
		Label         string             `json:"label"`
		Confidence    float64            `json:"confidence"`
		Probabilities map[string]float64 `json:"probabilities"`
		Reasons       []Reason           `json:"reasons,omitempty"`
	}{p.Label, round(p.Confidence), probs, p.Reasons})
}

// round keeps 6 decimals: more is noise, and it keeps output readable.
func round(x float64) float64 { return math.Round(x*1e6) / 1e6 }

// Option adjusts one call of Classify or ClassifyText.
type Option func(*settings)

type settings struct {
	explain       int
	minConfidence float64
}

// WithExplain asks for the n features that pushed each prediction most
// toward its label, as Reasons.
func WithExplain(n int) Option { return func(s *settings) { s.explain = n } }

// WithMinConfidence labels a sentence Uncertain when the probability of its
// most probable label is below p, instead of guessing.
func WithMinConfidence(p float64) Option { return func(s *settings) { s.minConfidence = p } }

func collect(opts []Option) settings {
	var s settings
	for _, o := range opts {
		o(&s)
	}
	return s
}

// scratch is per-call working memory, pooled.
type scratch struct {
	rows []int32
}

var scratchPool = sync.Pool{New: func() any { return &scratch{rows: make([]int32, 0, 128)} }}

// Classify labels one sentence. An empty sentence, or one with no known
// feature, gets the prior probabilities.
func (c *Classifier) Classify(sentence string, opts ...Option) Prediction {
	s := collect(opts)
	probs := make([]float64, len(c.labels))
	c.scores(sentence, probs)
	p := c.prediction(probs, s)
	if s.explain > 0 {
		p.Reasons = c.explain(sentence, p, s.explain)
	}
	return p
}

// scores fills out with the label probabilities of sentence.
func (c *Classifier) scores(sentence string, out []float64) {
	t := c.table
	copy(out, t.logPrior)
	sc := scratchPool.Get().(*scratch)
	rows := sc.rows[:0]
	binary := c.pipe.Config().Binary
	c.pipe.Visit(sentence, func(key []byte) {
		row, ok := t.index[string(key)]
		if !ok {
			return
		}
		if binary {
			for _, r := range rows {
				if r == row {
					return
				}
			}
			rows = append(rows, row)
		}
		w := t.weights[int(row)*t.n : int(row)*t.n+t.n]
		for k := range out {
			out[k] += w[k]
		}
	})
	sc.rows = rows
	scratchPool.Put(sc)
	softmax(out, c.temperature)
}

// softmax turns log scores into probabilities in place: exp(x/T) over its
// sum, computed with the log-sum-exp shift so that nothing underflows.
func softmax(x []float64, t float64) {
	m := math.Inf(-1)
	for i := range x {
		x[i] /= t
		m = math.Max(m, x[i])
	}
	var sum float64
	for i := range x {
		x[i] = math.Exp(x[i] - m)
		sum += x[i]
	}
	for i := range x {
		x[i] /= sum
	}
}

func (c *Classifier) prediction(probs []float64, s settings) Prediction {
	best := 0
	for i, q := range probs {
		if q > probs[best] {
			best = i
		}
	}
	p := Prediction{Label: c.labels[best], Confidence: probs[best], Probabilities: probs, Labels: c.labels}
	if s.minConfidence > 0 && p.Confidence < s.minConfidence {
		p.Label = Uncertain
	}
	return p
}
