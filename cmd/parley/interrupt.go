package main

import "context"

// untilDone runs f and returns its result, or ctx's error as soon as ctx
// is done. Training and cross-validation take no context; on an interrupt
// f is left to run in the background while the command returns, because
// the process is about to exit.
func untilDone[T any](ctx context.Context, f func() (T, error)) (T, error) {
	type result struct {
		v   T
		err error
	}
	done := make(chan result, 1)
	go func() {
		v, err := f()
		done <- result{v, err}
	}()
	select {
	case r := <-done:
		return r.v, r.err
	case <-ctx.Done():
		var zero T
		return zero, ctx.Err()
	}
}
