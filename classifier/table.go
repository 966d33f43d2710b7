package classifier

import (
	"math"
	"sort"
)

// table is the read-only scoring form of a model: for every known feature,
// its log-likelihood under each label, and the log priors. It is compiled
// from goml's counts by compile.
type table struct {
	n        int              // labels
	index    map[string]int32 // feature -> row
	keys     []string         // row -> feature
	weights  []float64        // row*n + c -> log P(f | c)
	logPrior []float64
}

// compile builds the scoring table from per-class feature counts with the
// textbook multinomial naive Bayes estimate
//
//	log P(f | c) = log( (n(f,c) + α) / (N(c) + α·V) )
//
// where N(c) is the total count of class c and V the vocabulary size.
// (goml's Predict divides by the feature's total over all classes plus V
// instead, which favours the majority class.)
func compile(n int, counts map[string][]uint64, tokens []uint64, alpha float64, priors []float64) *table {
	t := &table{n: n, index: make(map[string]int32, len(counts)), keys: make([]string, 0, len(counts))}
	for f := range counts {
		t.keys = append(t.keys, f)
	}
	sort.Strings(t.keys)
	v := float64(len(counts))
	denom := make([]float64, n)
	for c := range denom {
		denom[c] = math.Log(float64(tokens[c]) + alpha*v)
	}
	t.weights = make([]float64, len(t.keys)*n)
	for row, f := range t.keys {
		t.index[f] = int32(row)
		for c, k := range counts[f] {
			t.weights[row*n+c] = math.Log(float64(k)+alpha) - denom[c]
		}
	}
	t.logPrior = make([]float64, n)
	for c, p := range priors {
		t.logPrior[c] = math.Log(p)
	}
	return t
}
