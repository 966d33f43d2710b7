package classifier

import (
	"fmt"
	"sort"
	"strings"

	"github.com/parley-nlp/parley/features"
)

// TopFeature is one of the features that favour a label most.
type TopFeature struct {
	// Feature is the feature as the model counts it: a stem ("negoti"), a
	// negated stem ("not_negoti"), or stems joined by a space ("peac
	// talk").
	Feature string `json:"feature"`
	// Surface is the feature in words: each term as the word it was most
	// often written as in the training data ("negotiations"), and a
	// feature that starts inside a negation's scope marked "not … "
	// ("not … rule out"). A model file without the words shows stems.
	Surface string `json:"surface"`
	// Weight is the log-likelihood ratio log P(f | label) − max over the
	// other labels of log P(f | other), in nats, with the model's
	// smoothing: how much more likely the feature is under the label than
	// under the likeliest other label.
	Weight float64 `json:"weight"`
	// Count is the number of times the feature occurs in the label's
	// training examples, and Counts the number under every label.
	Count  uint64            `json:"count"`
	Counts map[string]uint64 `json:"counts"`
}

// TopFeatures returns the n features with the highest weight for label
// (see TopFeature.Weight), strongest first; ties go to the feature that
// sorts first. Only features with a positive weight are returned; n <= 0
// returns all of them.
func (c *Classifier) TopFeatures(label string, n int) ([]TopFeature, error) {
	li := c.labelIndex(label)
	if li < 0 {
		return nil, fmt.Errorf("the model has no label %q (labels: %s)", label, strings.Join(c.labels, ", "))
	}
	t := c.table
	type scored struct {
		row    int
		weight float64
	}
	var rows []scored
	for row := range t.keys {
		best := 0.0
		first := true
		for k := range t.n {
			if x := t.weight(int32(row), k); k != li && (first || x > best) {
				best, first = x, false
			}
		}
		if d := t.weight(int32(row), li) - best; d > 0 {
			rows = append(rows, scored{row, d})
		}
	}
	sort.Slice(rows, func(i, j int) bool {
		if rows[i].weight != rows[j].weight {
			return rows[i].weight > rows[j].weight
		}
		return t.keys[rows[i].row] < t.keys[rows[j].row]
	})
	if n > 0 && len(rows) > n {
		rows = rows[:n]
	}
	surfaces := c.surfaceMap()
	out := make([]TopFeature, len(rows))
	for i, r := range rows {
		counts := make(map[string]uint64, t.n)
		for k, l := range c.labels {
			counts[l] = t.counts[r.row*t.n+k]
		}
		key := t.keys[r.row]
		out[i] = TopFeature{
			Feature: key,
			Surface: surfaceOf(key, surfaces),
			Weight:  round(r.weight),
			Count:   counts[label],
			Counts:  counts,
		}
	}
	return out, nil
}

// surfaceMap returns the model's term -> word map, or nil.
func (c *Classifier) surfaceMap() map[string]string {
	if c.surfaces == nil {
		return nil
	}
	return c.surfaces()
}

// surfaceOf writes a feature key in words: each term as its most frequent
// word, and "not … " before a feature whose first word is negated. (When
// a negated word follows a plain one inside a feature, the plain word is
// the cue that opened the scope, "not" or "refused", and says it already.)
func surfaceOf(key string, surfaces map[string]string) string {
	var b strings.Builder
	i := 0
	for w := range strings.SplitSeq(key, " ") {
		term, neg := strings.CutPrefix(w, features.NegationPrefix)
		if i > 0 {
			b.WriteByte(' ')
		}
		if neg && i == 0 {
			b.WriteString("not … ")
		}
		if word, ok := surfaces[term]; ok {
			b.WriteString(word)
		} else {
			b.WriteString(term)
		}
		i++
	}
	return b.String()
}
