package data_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/parley-nlp/parley/data"
)

// heldOut lists labelled sets that Parley is measured on and that its own
// corpus must therefore not echo. They live outside the repository and
// are read only when present.
var heldOut = []string{
	"../../shared/datasets/diplomatic-news-dev/dev.tsv",
}

// TestCorpusDoesNotEchoHeldOutData checks that no sentence of the corpus
// is a copy or a close paraphrase of a sentence of the evaluation data. Two
// measures are used, both blind to names and numbers (data.Skeleton folds
// every capitalised word or number into one "X", so "Iran said" and "Peru said"
// read the same):
//
//   - the Jaccard overlap of the two sentences' word trigrams, which
//     flags a sentence rebuilt on another's frame;
//   - a shared run of seven words, which flags a copied clause.
//
// The thresholds sit well above what independent news sentences share by
// chance: common wire phrasing ("said on Tuesday that the") stays under
// them, a reworded copy does not.
func TestCorpusDoesNotEchoHeldOutData(t *testing.T) {
	files, err := data.CorpusFiles([]string{"corpus", "articles", "style"})
	require.NoError(t, err)
	for _, path := range heldOut {
		if _, err := os.Stat(path); err != nil {
			t.Logf("skipping %s: %v", filepath.Base(path), err)
			continue
		}
		held, err := data.ReadFiles([]string{path}, "")
		require.NoError(t, err)
		index := map[string][]int{}
		shapes := make([]shape, len(held))
		for i, h := range held {
			shapes[i] = shapeOf(h.Text)
			for g := range shapes[i].tri {
				index[g] = append(index[g], i)
			}
		}
		for _, file := range files {
			corpus, err := data.ReadFiles([]string{file}, "")
			require.NoError(t, err)
			for _, e := range corpus {
				echoes(t, file, e, path, held, shapes, index)
			}
		}
	}
}

type shape struct {
	tri  map[string]bool
	runs map[string]bool
}

const maxJaccard, runLen = 0.3, 7

// echoes reports e when it is too close to a sentence of held.
func echoes(t *testing.T, file string, e data.Example, path string, held []data.Example, shapes []shape, index map[string][]int) {
	t.Helper()
	s := shapeOf(e.Text)
	seen := map[int]bool{}
	for g := range s.tri {
		for _, i := range index[g] {
			if seen[i] {
				continue
			}
			seen[i] = true
			if jac, run := compare(s, shapes[i]); jac >= maxJaccard || run != "" {
				t.Errorf("%s:%d echoes %s:%d (trigram overlap %.2f, shared run %q)", file, e.Line, filepath.Base(path), held[i].Line, jac, run)
			}
		}
	}
}

// shapeOf returns the trigrams and the runLen-word runs of text, blind to
// names and numbers.
func shapeOf(text string) shape {
	w := strings.Fields(data.Skeleton(text))
	return shape{grams(w, 3), grams(w, runLen)}
}

// compare returns the trigram Jaccard overlap of a and b and one run of
// runLen words they share ("" when none).
func compare(a, b shape) (float64, string) {
	n := 0
	for g := range a.tri {
		if b.tri[g] {
			n++
		}
	}
	jac := 0.0
	if u := len(a.tri) + len(b.tri) - n; u > 0 {
		jac = float64(n) / float64(u)
	}
	for g := range a.runs {
		if b.runs[g] {
			return jac, g
		}
	}
	return jac, ""
}

// grams returns the n-word runs of w with at least minReal(n) real words.
func grams(w []string, n int) map[string]bool {
	out := map[string]bool{}
	for i := 0; i+n <= len(w); i++ {
		real := 0
		for _, x := range w[i : i+n] {
			if x != "X" {
				real++
			}
		}
		if real >= minReal(n) {
			out[strings.Join(w[i:i+n], " ")] = true
		}
	}
	return out
}

// minReal is how many words of an n-word run must be real words (not the
// placeholder) for the run to count: two of a trigram; all but one of a
// longer run, so that "# said on # that #" does not count as shared text.
func minReal(n int) int {
	if n <= 3 {
		return 2
	}
	return n - 1
}

// TestEchoMeasures checks that the measures of
// TestCorpusDoesNotEchoHeldOutData catch what they are meant to catch.
func TestEchoMeasures(t *testing.T) {
	base := "The foreign minister of Chile said on Monday that his government was ready to reopen talks on the water dispute without conditions."
	tests := []struct {
		name  string
		other string
		echo  bool
	}{
		{"names and numbers swapped", "The foreign minister of Peru said on Friday that his government was ready to reopen talks on the water dispute without conditions.", true},
		{"clause copied into a new sentence", "Bolivia's president, speaking in La Paz, insisted that his government was ready to reopen talks on the water dispute, officials said.", true},
		{"same topic, own words", "Chile wants the quarrel over the river settled by negotiation, and its envoy will carry that message to La Paz next week.", false},
		{"common wire phrasing only", "The interior minister said on Monday that the police had arrested four men in connection with the robbery.", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			jac, run := compare(shapeOf(base), shapeOf(tc.other))
			if got := jac >= maxJaccard || run != ""; got != tc.echo {
				t.Errorf("echo = %v (trigram overlap %.2f, shared run %q), want %v", got, jac, run, tc.echo)
			}
		})
	}
}
