// Package parallel runs the iterations of a loop on all cores.
package parallel

import (
	"runtime"
	"sync"
)

// For calls f(i) for every i in [0, n), split into one contiguous chunk per
// core (GOMAXPROCS), and returns when all calls have returned. f must be
// safe to call from several goroutines at once; writing to distinct
// elements of a slice indexed by i is.
func For(n int, f func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		for i := 0; i < n; i++ {
			f(i)
		}
		return
	}
	chunk := (n + workers - 1) / workers
	var wg sync.WaitGroup
	for lo := 0; lo < n; lo += chunk {
		hi := min(lo+chunk, n)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := lo; i < hi; i++ {
				f(i)
			}
		}()
	}
	wg.Wait()
}
