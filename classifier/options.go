package classifier

import (
	"fmt"
	"math"
	"sort"

	"github.com/parley-nlp/parley/features"
)

// Options control training.
type Options struct {
	// Features configures the feature pipeline. The zero value means
	// features.DefaultConfig().
	Features features.Config
	// Alpha is the additive (Lidstone) smoothing added to every count;
	// 0 means 1 (Laplace).
	Alpha float64
	// Priors sets the class priors P(c) by label. Nil means the label
	// shares of the training data. The weights need not sum to 1; they are
	// normalised. Every label of the data must have a positive weight.
	Priors map[string]float64
	// UniformPriors gives every label the same prior; it overrides Priors.
	// Real news is mostly neutral while a corpus may not be, so the
	// corpus's label shares need not be the right priors.
	UniformPriors bool
	// Temperature divides the scores before the softmax; 0 means 1.
	// Values above 1 soften overconfident probabilities.
	Temperature float64
}

func (o Options) withDefaults() Options {
	if o.Features == (features.Config{}) {
		o.Features = features.DefaultConfig()
	}
	if o.Alpha == 0 {
		o.Alpha = 1
	}
	if o.Temperature == 0 {
		o.Temperature = 1
	}
	return o
}

func (o Options) validate() error {
	if err := o.Features.Validate(); err != nil {
		return err
	}
	if !(o.Alpha > 0) || math.IsInf(o.Alpha, 0) {
		return fmt.Errorf("smoothing alpha must be positive and finite, got %v", o.Alpha)
	}
	if !(o.Temperature > 0) || math.IsInf(o.Temperature, 0) {
		return fmt.Errorf("temperature must be positive and finite, got %v", o.Temperature)
	}
	return nil
}

// UniformPriors returns priors that weigh every label the same.
func UniformPriors(labels []string) map[string]float64 {
	p := make(map[string]float64, len(labels))
	for _, l := range labels {
		p[l] = 1
	}
	return p
}

// priorsFor returns the normalised priors of labels: from explicit weights,
// or else from the document counts.
func priorsFor(labels []string, docs []uint64, weights map[string]float64, uniform bool) ([]float64, error) {
	if uniform {
		weights = UniformPriors(labels)
	}
	p := make([]float64, len(labels))
	var sum float64
	if weights == nil {
		for i, d := range docs {
			p[i] = float64(d)
			sum += p[i]
		}
	} else {
		known := make(map[string]bool, len(labels))
		for i, l := range labels {
			known[l] = true
			w, ok := weights[l]
			if !ok || !(w > 0) || math.IsInf(w, 0) {
				return nil, fmt.Errorf("prior for label %q must be a positive number", l)
			}
			p[i] = w
			sum += w
		}
		var unknown []string
		for l := range weights {
			if !known[l] {
				unknown = append(unknown, l)
			}
		}
		if len(unknown) > 0 {
			sort.Strings(unknown)
			return nil, fmt.Errorf("priors name labels the data does not have: %v", unknown)
		}
	}
	for i := range p {
		p[i] /= sum
	}
	return p, nil
}
