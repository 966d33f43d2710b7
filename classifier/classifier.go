package classifier

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/cdipaolo/goml/text"
	"github.com/parley-nlp/parley/data"
	"github.com/parley-nlp/parley/features"
)

// MaxLabels is the most labels a model can have (goml numbers classes with
// a uint8).
const MaxLabels = 255

// Classifier labels sentences. It is immutable after Train or Load and safe
// for concurrent use.
type Classifier struct {
	labels      []string
	pipe        *features.Pipeline
	nb          *text.NaiveBayes // the model of record (see goml)
	classTokens []uint64         // N(c): feature occurrences per class
	alpha       float64
	priors      []float64
	temperature float64
	training    TrainingInfo
	table       *table // compiled from nb for scoring

	// gomlLazy restores nb on first use in a model read by the fast
	// decoder, which leaves nb nil.
	gomlLazy func() (*text.NaiveBayes, error)
	// surfaces returns the term -> word map (nil when the model has
	// none); surfacesJSON is its form in the model file.
	surfaces     func() map[string]string
	surfacesJSON json.RawMessage
}

// goml returns the model of record, restoring it first if need be.
func (c *Classifier) goml() (*text.NaiveBayes, error) {
	if c.nb != nil || c.gomlLazy == nil {
		return c.nb, nil
	}
	return c.gomlLazy()
}

// TrainingInfo describes the data a model was trained on.
type TrainingInfo struct {
	// Examples is the number of training examples.
	Examples int `json:"examples"`
	// LabelCounts is the number of examples of each label.
	LabelCounts map[string]int `json:"label_counts"`
	// SHA256 is the hex SHA-256 of the examples in order, each written as
	// label, TAB, text, newline.
	SHA256 string `json:"sha256"`
}

// Train builds a classifier from labelled examples. Labels are taken from
// the examples (2 to MaxLabels distinct labels) and kept in sorted order.
// Training is deterministic: the same examples and options give a
// byte-identical model file.
func Train(examples []data.Example, opts Options) (*Classifier, error) {
	opts = opts.withDefaults()
	if err := opts.validate(); err != nil {
		return nil, fmt.Errorf("train: %w", err)
	}
	labels, index, err := collectLabels(examples)
	if err != nil {
		return nil, fmt.Errorf("train: %w", err)
	}
	pipe, err := features.New(opts.Features)
	if err != nil {
		return nil, fmt.Errorf("train: %w", err)
	}
	c, surfaces := countFeatures(pipe, examples, index, len(labels))
	if len(c.counts) == 0 {
		return nil, errors.New("train: the examples yield no features (is every text empty or stopwords?)")
	}
	priors, err := priorsFor(labels, c.docs, opts.Priors, opts.UniformPriors)
	if err != nil {
		return nil, fmt.Errorf("train: %w", err)
	}
	nb := fillGoml(len(labels), c.docs, c.counts, c.docsSeen)
	var surfacesJSON json.RawMessage
	if len(surfaces) > 0 {
		if surfacesJSON, err = json.Marshal(surfaces); err != nil {
			return nil, fmt.Errorf("train: %w", err)
		}
	}
	cl := &Classifier{
		labels:      labels,
		pipe:        pipe,
		nb:          nb,
		classTokens: c.tokens,
		alpha:       opts.Alpha,
		priors:      priors,
		temperature: opts.Temperature,
		training:    trainingInfo(examples, labels, c.docs),

		surfaces:     func() map[string]string { return surfaces },
		surfacesJSON: surfacesJSON,
	}
	cl.table = compile(pipe, len(labels), c.counts, c.tokens, opts.Alpha, priors)
	return cl, nil
}

// collectLabels returns the sorted distinct labels of examples and their
// index, checking there are 2 to MaxLabels of them.
func collectLabels(examples []data.Example) ([]string, map[string]int, error) {
	if len(examples) == 0 {
		return nil, nil, errors.New("no training examples")
	}
	seen := make(map[string]bool)
	for i, e := range examples {
		if e.Label == "" {
			return nil, nil, fmt.Errorf("example %d%s has no label", i+1, lineNote(e))
		}
		seen[e.Label] = true
	}
	labels := make([]string, 0, len(seen))
	for l := range seen {
		labels = append(labels, l)
	}
	sort.Strings(labels)
	switch {
	case len(labels) < 2:
		return nil, nil, fmt.Errorf("need examples of at least 2 labels, found only %q", labels[0])
	case len(labels) > MaxLabels:
		return nil, nil, fmt.Errorf("found %d labels; a model holds at most %d", len(labels), MaxLabels)
	}
	index := make(map[string]int, len(labels))
	for i, l := range labels {
		index[l] = i
	}
	return labels, index, nil
}

func lineNote(e data.Example) string {
	if e.Line > 0 {
		return fmt.Sprintf(" (line %d)", e.Line)
	}
	return ""
}

// counts are the statistics naive Bayes needs.
type counts struct {
	docs     []uint64            // examples per class
	tokens   []uint64            // feature occurrences per class
	counts   map[string][]uint64 // feature -> per-class occurrences
	docsSeen map[string]uint64   // feature -> examples it occurs in
}

// countFeatures runs the pipeline over every example and counts. It also
// returns, for every term whose most frequent word differs from it, that
// word (see surfaceWords).
func countFeatures(pipe *features.Pipeline, examples []data.Example, index map[string]int, n int) (counts, map[string]string) {
	c := counts{
		docs:     make([]uint64, n),
		tokens:   make([]uint64, n),
		counts:   make(map[string][]uint64),
		docsSeen: make(map[string]uint64),
	}
	feats, surfaces := extractAll(pipe, examples)
	for i, e := range examples {
		k := index[e.Label]
		c.docs[k]++
		seen := make(map[string]bool, len(feats[i]))
		for _, f := range feats[i] {
			cs, ok := c.counts[f]
			if !ok {
				cs = make([]uint64, n)
				c.counts[f] = cs
			}
			cs[k]++
			c.tokens[k]++
			if !seen[f] {
				seen[f] = true
				c.docsSeen[f]++
			}
		}
	}
	return c, surfaceWords(surfaces)
}

// surfaceWords picks, for every term, the word it was most often written
// as (ties go to the word that sorts first, so the choice does not depend
// on the order of the examples), and keeps the terms whose word differs
// from the term itself. NumberTerm stands for many numbers and keeps no
// word.
func surfaceWords(surfaces [][]features.Surface) map[string]string {
	freq := make(map[string]map[string]int)
	for _, ss := range surfaces {
		for _, s := range ss {
			if s.Term == features.NumberTerm {
				continue
			}
			m := freq[s.Term]
			if m == nil {
				m = make(map[string]int)
				freq[s.Term] = m
			}
			m[s.Word]++
		}
	}
	out := make(map[string]string)
	for term, words := range freq {
		best, bestN := "", 0
		for w, k := range words {
			if k > bestN || k == bestN && w < best {
				best, bestN = w, k
			}
		}
		if best != term {
			out[term] = best
		}
	}
	return out
}

func trainingInfo(examples []data.Example, labels []string, docs []uint64) TrainingInfo {
	h := sha256.New()
	for _, e := range examples {
		h.Write([]byte(e.Label))
		h.Write([]byte{'\t'})
		h.Write([]byte(e.Text))
		h.Write([]byte{'\n'})
	}
	lc := make(map[string]int, len(labels))
	for i, l := range labels {
		lc[l] = int(docs[i])
	}
	return TrainingInfo{Examples: len(examples), LabelCounts: lc, SHA256: hex.EncodeToString(h.Sum(nil))}
}

// Labels returns the model's labels in the order probabilities use.
func (c *Classifier) Labels() []string { return append([]string(nil), c.labels...) }

// Features returns the feature pipeline settings the model was trained with.
func (c *Classifier) Features() features.Config { return c.pipe.Config() }

// Info describes a model: its labels, settings and training data.
type Info struct {
	FormatVersion  int             `json:"format_version"`
	Labels         []string        `json:"labels"`
	Features       features.Config `json:"features"`
	Alpha          float64         `json:"alpha"`
	Priors         []float64       `json:"priors"`
	Temperature    float64         `json:"temperature"`
	VocabularySize int             `json:"vocabulary_size"`
	ClassTokens    []uint64        `json:"class_tokens"`
	Training       TrainingInfo    `json:"training"`
}

// Info returns a description of the model.
func (c *Classifier) Info() Info {
	return Info{
		FormatVersion:  FormatVersion,
		Labels:         c.Labels(),
		Features:       c.pipe.Config(),
		Alpha:          c.alpha,
		Priors:         append([]float64(nil), c.priors...),
		Temperature:    c.temperature,
		VocabularySize: len(c.table.keys),
		ClassTokens:    append([]uint64(nil), c.classTokens...),
		Training:       c.training,
	}
}

// WithTemperature returns a copy of c whose probabilities use temperature t
// (see the package documentation). The counts are shared, not copied.
func (c *Classifier) WithTemperature(t float64) (*Classifier, error) {
	if !(t > 0) || math.IsInf(t, 0) {
		return nil, fmt.Errorf("temperature must be positive and finite, got %v", t)
	}
	cp := *c
	cp.temperature = t
	return &cp, nil
}

// labelIndex returns the index of label among the model's labels, or -1.
func (c *Classifier) labelIndex(label string) int {
	for i, l := range c.labels {
		if l == label {
			return i
		}
	}
	return -1
}

// String describes the model in one line.
func (c *Classifier) String() string {
	return fmt.Sprintf("naive Bayes over %d features, labels %s", len(c.table.keys), strings.Join(c.labels, ", "))
}
