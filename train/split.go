package train

import (
	"fmt"
	"math/rand/v2"
	"sort"

	"github.com/parley-nlp/parley/data"
)

// byLabel groups example indexes by label, labels sorted, each group
// shuffled with a generator seeded by seed.
func byLabel(examples []data.Example, seed uint64) ([]string, [][]int) {
	groups := make(map[string][]int)
	for i, e := range examples {
		groups[e.Label] = append(groups[e.Label], i)
	}
	labels := make([]string, 0, len(groups))
	for l := range groups {
		labels = append(labels, l)
	}
	sort.Strings(labels)
	rng := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	out := make([][]int, len(labels))
	for i, l := range labels {
		g := groups[l]
		rng.Shuffle(len(g), func(a, b int) { g[a], g[b] = g[b], g[a] })
		out[i] = g
	}
	return labels, out
}

// Split divides examples into a training and a test set, holding out about
// testFraction of every label (stratified), reproducibly for a given seed.
func Split(examples []data.Example, testFraction float64, seed uint64) (trainSet, testSet []data.Example, err error) {
	if !(testFraction > 0 && testFraction < 1) {
		return nil, nil, fmt.Errorf("split: test fraction must be between 0 and 1, got %v", testFraction)
	}
	_, groups := byLabel(examples, seed)
	test := make(map[int]bool)
	for _, g := range groups {
		n := int(float64(len(g))*testFraction + 0.5)
		if n >= len(g) {
			n = len(g) - 1
		}
		for _, i := range g[:n] {
			test[i] = true
		}
	}
	for i, e := range examples {
		if test[i] {
			testSet = append(testSet, e)
		} else {
			trainSet = append(trainSet, e)
		}
	}
	return trainSet, testSet, nil
}

// Folds assigns every example to one of k folds so that each fold holds
// about 1/k of every label (stratified), reproducibly for a given seed. It
// returns the fold of each example.
func Folds(examples []data.Example, k int, seed uint64) ([]int, error) {
	if k < 2 {
		return nil, fmt.Errorf("cross-validation needs at least 2 folds, got %d", k)
	}
	if k > len(examples) {
		return nil, fmt.Errorf("cannot make %d folds of %d examples", k, len(examples))
	}
	_, groups := byLabel(examples, seed)
	fold := make([]int, len(examples))
	next := 0 // continue the round-robin across labels so folds even out
	for _, g := range groups {
		for _, i := range g {
			fold[i] = next % k
			next++
		}
	}
	return fold, nil
}
