package train

import (
	"errors"
	"fmt"
	"math"

	"github.com/parley-nlp/parley/classifier"
	"github.com/parley-nlp/parley/data"
)

// FitTemperature finds the temperature T that makes a model trained with
// opts best calibrated: it collects out-of-fold probabilities by k-fold
// cross-validation at T = 1 and picks the T that minimises their negative
// log-likelihood,
//
//	NLL(T) = -1/n Σ_i log softmax(log p_i / T)[truth_i],
//
// by golden-section search over log T in [1/20, 100]. (Dividing log
// probabilities by T is the same as dividing the scores by T: the shift
// that normalises them cancels in the softmax.) Naive Bayes counts
// correlated features as independent evidence and is overconfident, so T
// usually comes out above 1.
func FitTemperature(examples []data.Example, opts classifier.Options, k int, seed uint64) (float64, error) {
	opts.Temperature = 1
	outs, _, _, err := outOfFold(examples, k, seed, opts)
	if err != nil {
		return 0, err
	}
	logp := make([][]float64, 0, len(outs))
	truth := make([]int, 0, len(outs))
	for _, o := range outs {
		t := -1
		for i, l := range o.Labels {
			if l == o.Truth {
				t = i
			}
		}
		if t < 0 {
			continue
		}
		lp := make([]float64, len(o.Probabilities))
		for i, p := range o.Probabilities {
			lp[i] = math.Log(math.Max(p, 1e-300))
		}
		logp = append(logp, lp)
		truth = append(truth, t)
	}
	if len(logp) == 0 {
		return 0, errors.New("fit temperature: no out-of-fold prediction")
	}
	nll := func(logT float64) float64 {
		t := math.Exp(logT)
		var sum float64
		x := make([]float64, len(logp[0]))
		for i, lp := range logp {
			for j := range lp {
				x[j] = lp[j] / t
			}
			sum -= x[truth[i]] - logSumExp(x)
		}
		return sum / float64(len(logp))
	}
	return math.Exp(goldenMin(nll, math.Log(1.0/20), math.Log(100), 1e-4)), nil
}

func logSumExp(x []float64) float64 {
	m := math.Inf(-1)
	for _, v := range x {
		m = math.Max(m, v)
	}
	var s float64
	for _, v := range x {
		s += math.Exp(v - m)
	}
	return m + math.Log(s)
}

// goldenMin returns the minimiser of a unimodal f on [a, b] to within tol.
func goldenMin(f func(float64) float64, a, b, tol float64) float64 {
	g := (math.Sqrt(5) - 1) / 2
	c, d := b-g*(b-a), a+g*(b-a)
	fc, fd := f(c), f(d)
	for b-a > tol {
		if fc < fd {
			b, d, fd = d, c, fc
			c = b - g*(b-a)
			fc = f(c)
		} else {
			a, c, fc = c, d, fd
			d = a + g*(b-a)
			fd = f(d)
		}
	}
	return (a + b) / 2
}

// Recipe is a complete way to train a model: the options, and whether and
// how to fit the calibration temperature.
type Recipe struct {
	Options classifier.Options
	// CalibrationFolds, when 2 or more, fits Options.Temperature by
	// FitTemperature with that many folds; 0 keeps Options.Temperature.
	CalibrationFolds int
	// Seed seeds the folds.
	Seed uint64
}

// Fit trains a classifier by the recipe: the model on all examples, then,
// when CalibrationFolds is set, its temperature by FitTemperature.
func (r Recipe) Fit(examples []data.Example) (*classifier.Classifier, error) {
	c, err := classifier.Train(examples, r.Options)
	if err != nil || r.CalibrationFolds < 2 {
		return c, err
	}
	t, err := FitTemperature(examples, r.Options, r.CalibrationFolds, r.Seed)
	if err != nil {
		return nil, fmt.Errorf("calibrate: %w", err)
	}
	// Round so that the model file does not hinge on the last bits of a
	// floating-point search.
	return c.WithTemperature(math.Round(t*1000) / 1000)
}
