package classifier

import (
	"encoding/json"

	"github.com/parley-nlp/parley/features"
	"github.com/parley-nlp/parley/internal/parallel"
)

// Document is a classified article.
type Document struct {
	Sentences []SentencePrediction `json:"sentences"`
	Summary   Summary              `json:"summary"`
}

// SentencePrediction is one sentence of an article with its prediction.
type SentencePrediction struct {
	features.Sentence
	Prediction Prediction `json:"prediction"`
}

// Summary sums up the sentences of an article.
type Summary struct {
	// Sentences is the number of sentences.
	Sentences int `json:"sentences"`
	// Counts and Shares give the number and share of sentences per label
	// (every model label appears, with Uncertain when any sentence is).
	Counts map[string]int     `json:"counts"`
	Shares map[string]float64 `json:"shares"`
	// Tone is the mean over sentences of P(conciliatory) - P(warning), from
	// -1 (all warning) to +1 (all conciliatory); nil when the model lacks
	// either label or the article has no sentence.
	Tone *float64 `json:"tone"`
	// MostConciliatory and MostWarning are the indexes of the sentences
	// with the highest P(conciliatory) and P(warning), or -1.
	MostConciliatory int `json:"most_conciliatory"`
	MostWarning      int `json:"most_warning"`
	// Uncertain is the number of sentences labelled Uncertain, and
	// UncertainShare their share.
	Uncertain      int     `json:"uncertain"`
	UncertainShare float64 `json:"uncertain_share"`
}

// The labels the tone index is made of.
const (
	Conciliatory = "conciliatory"
	Warning      = "warning"
)

// ClassifyText splits an article into sentences (features.Segment, which
// also drops a leading dateline), classifies each, and sums them up.
// Sentence offsets are byte offsets in text. Long articles are classified
// on all cores; the result does not depend on it.
func (c *Classifier) ClassifyText(text string, opts ...Option) Document {
	sents := features.Segment(text)
	doc := Document{Sentences: make([]SentencePrediction, len(sents))}
	classify := func(i int) {
		doc.Sentences[i] = SentencePrediction{Sentence: sents[i], Prediction: c.Classify(sents[i].Text, opts...)}
	}
	if len(sents) < 64 {
		for i := range sents {
			classify(i)
		}
	} else {
		parallel.For(len(sents), classify)
	}
	doc.Summary = c.Summarize(doc.Sentences)
	return doc
}

// Summarize computes the summary of classified sentences.
func (c *Classifier) Summarize(sents []SentencePrediction) Summary {
	s := Summary{
		Sentences:        len(sents),
		Counts:           make(map[string]int, len(c.labels)+1),
		Shares:           make(map[string]float64, len(c.labels)+1),
		MostConciliatory: -1,
		MostWarning:      -1,
	}
	for _, l := range c.labels {
		s.Counts[l] = 0
	}
	ci, wi := c.labelIndex(Conciliatory), c.labelIndex(Warning)
	var tone float64
	for i, sp := range sents {
		p := sp.Prediction
		s.Counts[p.Label]++
		if p.Label == Uncertain {
			s.Uncertain++
		}
		if ci >= 0 && wi >= 0 {
			tone += p.Probabilities[ci] - p.Probabilities[wi]
		}
		if ci >= 0 && (s.MostConciliatory < 0 || p.Probabilities[ci] > sents[s.MostConciliatory].Prediction.Probabilities[ci]) {
			s.MostConciliatory = i
		}
		if wi >= 0 && (s.MostWarning < 0 || p.Probabilities[wi] > sents[s.MostWarning].Prediction.Probabilities[wi]) {
			s.MostWarning = i
		}
	}
	if len(sents) > 0 {
		for l, n := range s.Counts {
			s.Shares[l] = round(float64(n) / float64(len(sents)))
		}
		s.UncertainShare = round(float64(s.Uncertain) / float64(len(sents)))
		if ci >= 0 && wi >= 0 {
			t := round(tone / float64(len(sents)))
			s.Tone = &t
		}
	}
	return s
}

// MarshalJSON flattens the sentence and its prediction into one object:
// {"text","start","end","label","confidence","probabilities","reasons"}.
func (sp SentencePrediction) MarshalJSON() ([]byte, error) {
	pred, err := sp.Prediction.MarshalJSON()
	if err != nil {
		return nil, err
	}
	head, err := json.Marshal(sp.Sentence)
	if err != nil {
		return nil, err
	}
	// Join {"text":..,"start":..,"end":..} and {"label":..}.
	out := append(head[:len(head)-1:len(head)-1], ',')
	return append(out, pred[1:]...), nil
}
