package classifier

import (
	"github.com/parley-nlp/parley/data"
	"github.com/parley-nlp/parley/features"
	"github.com/parley-nlp/parley/internal/parallel"
)

// extractAll computes the features of every example on all cores, and the
// words behind its terms. The results are in example order, so what is
// counted does not depend on scheduling.
func extractAll(pipe *features.Pipeline, examples []data.Example) ([][]string, [][]features.Surface) {
	out := make([][]string, len(examples))
	surfaces := make([][]features.Surface, len(examples))
	parallel.For(len(examples), func(i int) {
		out[i] = pipe.Features(examples[i].Text)
		surfaces[i] = pipe.Surfaces(nil, examples[i].Text)
	})
	return out, surfaces
}
