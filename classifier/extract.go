package classifier

import (
	"runtime"
	"sync"

	"github.com/parley-nlp/parley/data"
	"github.com/parley-nlp/parley/features"
)

// extractAll computes the features of every example, spreading the work
// over all cores. The result is in example order, so what is counted does
// not depend on scheduling.
func extractAll(pipe *features.Pipeline, examples []data.Example) [][]string {
	out := make([][]string, len(examples))
	workers := runtime.GOMAXPROCS(0)
	if workers > len(examples) {
		workers = len(examples)
	}
	var wg sync.WaitGroup
	chunk := (len(examples) + workers - 1) / max(workers, 1)
	for w := 0; w < workers; w++ {
		lo, hi := w*chunk, min((w+1)*chunk, len(examples))
		if lo >= hi {
			break
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := lo; i < hi; i++ {
				out[i] = pipe.Features(examples[i].Text)
			}
		}()
	}
	wg.Wait()
	return out
}
