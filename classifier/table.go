package classifier

import (
	"math"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/parley-nlp/parley/features"
)

// table is the read-only scoring form of a model: for every known feature,
// its log-likelihood under each label, and the log priors. It is compiled
// from goml's counts by compile.
type table struct {
	n        int      // labels
	keys     []string // row -> feature, sorted
	counts   []uint64 // row*n + c -> n(f, c)
	logPrior []float64
	// denom[c] is log(N(c) + α·V), and logSmall[k] is log(k + α): a weight
	// is worked out when it is needed (see weight), which costs less than
	// keeping them all.
	denom    []float64
	logSmall [64]float64
	alpha    float64
	// index maps a feature to its row. compile fills it for a trained
	// model; a loaded model goes without (building it would cost every
	// start of the command line several milliseconds), and rowOf searches
	// keys instead.
	index map[string]int32

	// ids is the scoring path by term IDs (see idState).
	ids *idState
}

// idState builds and holds the index that scoring by term IDs uses (see
// features.Pipeline.VisitIDs). Building it takes longer than scoring a
// few sentences by key, so a loaded model builds it once it has scored
// idThreshold sentences; until then, and if the pipeline cannot number
// every term, sentences are scored by key. Both paths add the same weights
// in the same order: the results are the same to the bit.
type idState struct {
	pipe   *features.Pipeline
	ready  atomic.Pointer[idIndex]
	scored atomic.Int64
	once   sync.Once
	off    bool // never build: score by key (tests)
}

// idThreshold is how many sentences a model scores by key before it
// builds its ID index.
const idThreshold = 16

// index returns the ID index, or nil while sentences are scored by key. It
// counts the calls, and builds the index at the threshold.
func (s *idState) index(t *table) *idIndex {
	if x := s.ready.Load(); x != nil || s.off {
		return x
	}
	if s.scored.Add(1) < idThreshold {
		return nil
	}
	return s.build(t)
}

// build builds the ID index now (once) and returns it, or nil when the
// pipeline cannot number every term.
func (s *idState) build(t *table) *idIndex {
	s.once.Do(func() {
		if x, ok := t.compileIDs(s.pipe); ok {
			s.ready.Store(x)
		}
	})
	return s.ready.Load()
}

// rowOf returns the row of a feature.
func (t *table) rowOf(key string) (int32, bool) {
	if t.index != nil {
		row, ok := t.index[key]
		return row, ok
	}
	i := sort.SearchStrings(t.keys, key)
	if i < len(t.keys) && t.keys[i] == key {
		return int32(i), true
	}
	return -1, false
}

// compile builds the scoring table from per-class feature counts with the
// textbook multinomial naive Bayes estimate
//
//	log P(f | c) = log( (n(f,c) + α) / (N(c) + α·V) )
//
// where N(c) is the total count of class c and V the vocabulary size.
// (goml's Predict divides by the feature's total over all classes plus V
// instead, which favours the majority class.)
func compile(pipe *features.Pipeline, n int, counts map[string][]uint64, tokens []uint64, alpha float64, priors []float64) *table {
	keys := make([]string, 0, len(counts))
	for f := range counts {
		keys = append(keys, f)
	}
	sort.Strings(keys)
	flat := make([]uint64, 0, len(keys)*n)
	for _, f := range keys {
		flat = append(flat, counts[f]...)
	}
	t := compileSorted(pipe, n, keys, flat, tokens, alpha, priors)
	t.index = make(map[string]int32, len(keys))
	for row, f := range keys {
		t.index[f] = int32(row)
	}
	t.ids.build(t)
	return t
}

// compileSorted is compile for features already in sorted order, with
// their counts in one slice: counts[row*n+c].
func compileSorted(pipe *features.Pipeline, n int, keys []string, counts []uint64, tokens []uint64, alpha float64, priors []float64) *table {
	t := &table{n: n, keys: keys, counts: counts, ids: &idState{pipe: pipe}, alpha: alpha}
	v := float64(len(keys))
	t.denom = make([]float64, n)
	for c := range t.denom {
		t.denom[c] = math.Log(float64(tokens[c]) + alpha*v)
	}
	// Most counts are small: their logarithms are computed once each.
	for k := range t.logSmall {
		t.logSmall[k] = math.Log(float64(k) + alpha)
	}
	t.logPrior = make([]float64, n)
	for c, p := range priors {
		t.logPrior[c] = math.Log(p)
	}
	return t
}

// weight returns log P(f | c) of the feature in row, from its count: the
// same expression in the same order every time, so the same bits.
func (t *table) weight(row int32, c int) float64 {
	k := t.counts[int(row)*t.n+c]
	var l float64
	if k < uint64(len(t.logSmall)) {
		l = t.logSmall[k]
	} else {
		l = math.Log(float64(k) + t.alpha)
	}
	return l - t.denom[c]
}

// wordBits is the width of one word's code (a term ID and a negation bit)
// in a packed n-gram.
const wordBits = features.TermIDBits + 1

// packGram packs the word codes of an n-gram of 2 or 3 words into one
// key, never 0: the codes side by side, with bit 62 set for two words and
// bit 63 for three.
func packGram(words []uint32) uint64 {
	k := uint64(words[0]) | uint64(words[1])<<wordBits
	if len(words) == 3 {
		return k | uint64(words[2])<<(2*wordBits) | 1<<63
	}
	return k | 1<<62
}

// compileIDs registers the words of every feature with the pipeline and
// builds the ID index. A feature key is its words joined by a space, each
// word a term with NegationPrefix when negated: the inverse of how the
// pipeline builds keys. It returns false if the pipeline cannot number
// every term.
func (t *table) compileIDs(pipe *features.Pipeline) (*idIndex, bool) {
	uniCodes := make([]int32, 0, len(t.keys))
	uniRows := make([]int32, 0, len(t.keys))
	grams := make([]uint64, 0, len(t.keys))
	gramRows := make([]int32, 0, len(t.keys))
	var words [3]uint32
	// Keys are sorted, so "peac talk" follows "peac": remember the last
	// first word's ID rather than ask for it again.
	lastTerm, lastID := "", uint32(0)
	haveLast := false
	for row, key := range t.keys {
		nw := 0
		for w := range strings.SplitSeq(key, " ") {
			if nw == len(words) {
				nw = -1 // longer than any n-gram a pipeline forms: never matched
				break
			}
			var neg uint32
			if rest, ok := strings.CutPrefix(w, features.NegationPrefix); ok {
				w, neg = rest, 1
			}
			var id uint32
			if nw == 0 && haveLast && w == lastTerm {
				id = lastID
			} else {
				var ok bool
				if id, ok = pipe.TermID(w); !ok {
					return nil, false
				}
				if nw == 0 {
					lastTerm, lastID, haveLast = w, id, true
				}
			}
			words[nw] = id<<1 | neg
			nw++
		}
		switch {
		case nw == 1:
			uniCodes = append(uniCodes, int32(words[0]))
			uniRows = append(uniRows, int32(row))
		case nw > 1:
			grams = append(grams, packGram(words[:nw]))
			gramRows = append(gramRows, int32(row))
		}
	}
	x := newIDIndex(t, uniCodes, uniRows, grams, gramRows)
	return &x, true
}

// idIndex finds a feature's weights from the word codes VisitIDs gives.
// Each entry is one slot of stride = 1+n words in a slab: a header word,
// then the feature's n weights (as float64 bits), so that a lookup reads
// one cache line for Parley's three labels (32 bytes a slot) instead of
// one for the row and another for the weights.
//
// The slab holds the n-grams of 2 and 3 words first, in an open-addressing
// hash table at most half full whose header word is the packed n-gram (0:
// empty), then the unigrams indexed by word code, whose header word is the
// row plus 1 (0: no such unigram). A slot's index is the feature's identity
// within a sentence.
type idIndex struct {
	slab   []uint64
	stride int
	gramN  int // slots of the n-gram hash table, a power of 2
	shift  uint
	uniN   int // unigram slots
}

func newIDIndex(t *table, uniCodes, uniRows []int32, grams []uint64, gramRows []int32) idIndex {
	x := idIndex{stride: 1 + t.n, gramN: 16, shift: 64 - 4}
	for x.gramN < 2*len(grams) {
		x.gramN, x.shift = x.gramN*2, x.shift-1
	}
	for _, c := range uniCodes {
		x.uniN = max(x.uniN, int(c)+1)
	}
	x.slab = make([]uint64, (x.gramN+x.uniN)*x.stride)
	fill := func(slot int, head uint64, row int32) {
		b := slot * x.stride
		x.slab[b] = head
		for c := range t.n {
			x.slab[b+1+c] = math.Float64bits(t.weight(row, c))
		}
	}
	mask := uint64(x.gramN - 1)
	for i, k := range grams {
		j := x.slot(k)
		for x.slab[int(j)*x.stride] != 0 {
			j = (j + 1) & mask
		}
		fill(int(j), k, gramRows[i])
	}
	for i, c := range uniCodes {
		fill(x.gramN+int(c), uint64(uniRows[i])+1, uniRows[i])
	}
	return x
}

// slot is where k's probe starts: Fibonacci hashing of k.
func (x *idIndex) slot(k uint64) uint64 { return (k * 0x9e3779b97f4a7c15) >> x.shift }

// probe is where to look for one feature: a unigram's slot, or an
// n-gram's packed key and the slot its probe starts at.
type probe struct {
	key  uint64 // 0 for a unigram
	slot int32
}

// probe works out where to look for the feature whose words VisitIDs
// gives, without reading the index.
func (x *idIndex) probe(words []uint32) probe {
	if len(words) == 1 {
		if c := int(words[0]); c < x.uniN {
			return probe{slot: int32(x.gramN + c)}
		}
		return probe{slot: -1}
	}
	k := packGram(words)
	return probe{key: k, slot: int32(x.slot(k))}
}

// find returns the slot of a probed feature, or -1.
func (x *idIndex) find(p probe) int32 {
	if p.key == 0 {
		if p.slot >= 0 && x.slab[int(p.slot)*x.stride] != 0 {
			return p.slot
		}
		return -1
	}
	mask := int32(x.gramN - 1)
	for j := p.slot; ; j = (j + 1) & mask {
		switch x.slab[int(j)*x.stride] {
		case p.key:
			return j
		case 0:
			return -1
		}
	}
}

// weights returns the weights of a slot, as float64 bits.
func (x *idIndex) weights(slot int32) []uint64 {
	b := int(slot) * x.stride
	return x.slab[b+1 : b+x.stride : b+x.stride]
}
