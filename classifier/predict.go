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
	if len(opts) == 0 {
		return settings{}
	}
	var s settings
	for _, o := range opts {
		o(&s)
	}
	return s
}

// scratch is per-call working memory, pooled.
type scratch struct {
	seen   rowSet
	rows   []int32
	probes []probe
}

var scratchPool = sync.Pool{New: func() any {
	return &scratch{rows: make([]int32, 0, 128), probes: make([]probe, 0, 128)}
}}

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

// scores fills out with the label probabilities of sentence. It adds the
// weights of the sentence's known features in the order the pipeline
// gives them (each feature once, when the model counts binary features),
// so both lookup paths give the same sums, bit for bit.
func (c *Classifier) scores(sentence string, out []float64) {
	t := c.table
	sc := scratchPool.Get().(*scratch)
	binary := c.pipe.Config().Binary
	sc.seen.reset()
	rows := sc.rows[:0]
	if x := t.ids.index(t); x != nil {
		// First the places to look, then the lookups: they do not depend
		// on each other, so the processor overlaps their cache misses.
		probes := sc.probes[:0]
		c.pipe.VisitIDs(sentence, func(words []uint32) { probes = append(probes, x.probe(words)) })
		for _, pr := range probes {
			if slot := x.find(pr); slot >= 0 && (!binary || sc.seen.add(slot)) {
				rows = append(rows, slot)
			}
		}
		sc.probes = probes
		x.sum(out, t.logPrior, rows)
	} else {
		c.pipe.Visit(sentence, func(key []byte) {
			if row, ok := t.rowOf(string(key)); ok && (!binary || sc.seen.add(row)) {
				rows = append(rows, row)
			}
		})
		t.sum(out, rows)
	}
	sc.rows = rows
	scratchPool.Put(sc)
	softmax(out, c.temperature)
}

// sum sets out to the log priors plus the weights of rows, added in order.
func (t *table) sum(out []float64, rows []int32) {
	copy(out, t.logPrior)
	for _, r := range rows {
		for k := range out {
			out[k] += t.weight(r, k)
		}
	}
}

// sum sets out to prior plus the weights of slots, added in order: the
// same additions in the same order as table.sum over the same features,
// so the same bits.
func (x *idIndex) sum(out, prior []float64, slots []int32) {
	if len(out) == 3 && x.stride == 4 {
		// Parley's own three labels: the sums stay in registers.
		s0, s1, s2 := prior[0], prior[1], prior[2]
		for _, sl := range slots {
			b := int(sl) * 4
			w := x.slab[b+1 : b+4 : b+4]
			s0 += math.Float64frombits(w[0])
			s1 += math.Float64frombits(w[1])
			s2 += math.Float64frombits(w[2])
		}
		out[0], out[1], out[2] = s0, s1, s2
		return
	}
	copy(out, prior)
	for _, sl := range slots {
		for k, w := range x.weights(sl) {
			out[k] += math.Float64frombits(w)
		}
	}
}

// rowSet is a set of table rows for one sentence: open addressing with
// generation stamps, so that emptying it costs nothing.
type rowSet struct {
	rows  []int32  // slot -> row
	stamp []uint32 // slot -> generation that filled it
	gen   uint32
	n     int
}

func (s *rowSet) reset() {
	s.gen++
	s.n = 0
	if s.gen == 0 || s.rows == nil {
		s.rows, s.stamp, s.gen = make([]int32, 256), make([]uint32, 256), 1
	}
}

// add inserts row and reports whether it was not in the set.
func (s *rowSet) add(row int32) bool {
	if 2*(s.n+1) > len(s.rows) {
		s.grow()
	}
	mask := uint32(len(s.rows) - 1)
	for i := uint32(row) * 0x9e3779b1 & mask; ; i = (i + 1) & mask {
		if s.stamp[i] != s.gen {
			s.rows[i], s.stamp[i] = row, s.gen
			s.n++
			return true
		}
		if s.rows[i] == row {
			return false
		}
	}
}

// grow doubles the table, keeping the current generation's rows.
func (s *rowSet) grow() {
	old, oldStamp, gen := s.rows, s.stamp, s.gen
	s.rows, s.stamp, s.gen, s.n = make([]int32, 2*len(old)), make([]uint32, 2*len(old)), 1, 0
	for i, r := range old {
		if oldStamp[i] == gen {
			s.add(r)
		}
	}
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
