package train

import (
	"fmt"
	"sort"
	"strings"

	"github.com/parley-nlp/parley/classifier"
	"github.com/parley-nlp/parley/data"
)

// CVReport is the result of k-fold cross-validation.
type CVReport struct {
	Folds int    `json:"folds"`
	Seed  uint64 `json:"seed"`
	// Accuracy and MacroF1 are the mean and sample standard deviation over
	// folds.
	Accuracy MeanStd `json:"accuracy"`
	MacroF1  MeanStd `json:"macro_f1"`
	// LabelF1 is the mean and standard deviation of each label's F1.
	LabelF1 map[string]MeanStd `json:"label_f1"`
	// Pooled evaluates the out-of-fold predictions of all folds together:
	// every example is predicted once, by the model that did not see it.
	Pooled Report `json:"pooled"`
	// PerFold holds each fold's report.
	PerFold []Report `json:"per_fold"`
}

// MeanStd is a mean with its sample standard deviation.
type MeanStd struct {
	Mean float64 `json:"mean"`
	Std  float64 `json:"std"`
}

// CrossValidate runs stratified k-fold cross-validation: for each fold, it
// trains on the others with opts and evaluates on it.
func CrossValidate(examples []data.Example, k int, seed uint64, opts classifier.Options) (CVReport, error) {
	outs, perFold, labels, err := outOfFold(examples, k, seed, opts)
	if err != nil {
		return CVReport{}, err
	}
	r := CVReport{Folds: k, Seed: seed, PerFold: perFold, LabelF1: make(map[string]MeanStd)}
	acc := make([]float64, k)
	mf1 := make([]float64, k)
	perLabel := make(map[string][]float64)
	for f, fr := range perFold {
		acc[f], mf1[f] = fr.Accuracy, fr.MacroF1
		for _, m := range fr.PerLabel {
			perLabel[m.Label] = append(perLabel[m.Label], m.F1)
		}
	}
	r.Accuracy.Mean, r.Accuracy.Std = meanStd(acc)
	r.MacroF1.Mean, r.MacroF1.Std = meanStd(mf1)
	for l, xs := range perLabel {
		var ms MeanStd
		ms.Mean, ms.Std = meanStd(xs)
		r.LabelF1[l] = ms
	}
	r.Pooled = NewReport(labels, outs)
	return r, nil
}

// outOfFold returns every example's prediction by the fold model that did
// not train on it, and each fold's report.
func outOfFold(examples []data.Example, k int, seed uint64, opts classifier.Options) ([]Outcome, []Report, []string, error) {
	fold, err := Folds(examples, k, seed)
	if err != nil {
		return nil, nil, nil, err
	}
	if err := checkFolds(examples, fold, k); err != nil {
		return nil, nil, nil, err
	}
	outs := make([]Outcome, len(examples))
	perFold := make([]Report, k)
	var labels []string
	for f := 0; f < k; f++ {
		var trainSet, testSet []data.Example
		var testIdx []int
		for i, e := range examples {
			if fold[i] == f {
				testIdx = append(testIdx, i)
				testSet = append(testSet, e)
			} else {
				trainSet = append(trainSet, e)
			}
		}
		c, err := classifier.Train(trainSet, opts)
		if err != nil {
			return nil, nil, nil, fmt.Errorf("fold %d of %d: %w", f+1, k, err)
		}
		labels = c.Labels()
		foldOuts := predict(c, testSet)
		for j, i := range testIdx {
			outs[i] = foldOuts[j]
		}
		perFold[f] = NewReport(c.Labels(), foldOuts)
	}
	return outs, perFold, labels, nil
}

// checkFolds makes sure that the training part of every fold (the other
// folds) holds at least 2 labels; when one does not, it names the labels
// with too few examples, rather than leaving the fold's training to fail
// with "found only" one label of a corpus that has more.
func checkFolds(examples []data.Example, fold []int, k int) error {
	count := make(map[string]int)
	for _, e := range examples {
		count[e.Label]++
	}
	if len(count) < 2 {
		return nil // training says so
	}
	for f := 0; f < k; f++ {
		seen := make(map[string]bool)
		var only string
		for i, e := range examples {
			if fold[i] != f && !seen[e.Label] {
				seen[e.Label] = true
				only = e.Label
			}
		}
		if len(seen) >= 2 {
			continue
		}
		var rare []string
		for l, n := range count {
			if l != only {
				rare = append(rare, fmt.Sprintf("%q (%d)", l, n))
			}
		}
		sort.Strings(rare)
		what := "label " + rare[0] + " has"
		if len(rare) > 1 {
			what = "labels " + strings.Join(rare, ", ") + " have"
		}
		return fmt.Errorf("%d-fold cross-validation: fold %d would train on label %q alone, as %s too few examples; every label needs examples in at least 2 folds", k, f+1, only, what)
	}
	return nil
}
