package features

import (
	"sync"
	"sync/atomic"
)

// memo is a bounded, read-mostly cache from strings to values, safe for
// concurrent use. A lookup is a plain map lookup in an immutable snapshot,
// with no lock and no atomic write, so goroutines on many cores read it
// without contending. New entries go to a small map under a mutex and are
// folded into a fresh snapshot once that map has grown by a quarter of the
// snapshot (so copying costs O(1) per entry, amortised).
type memo[V any] struct {
	snap    atomic.Pointer[map[string]V]
	mu      sync.Mutex
	pending map[string]V
	n       int // entries in the snapshot and pending, under mu
	limit   int
}

func newMemo[V any](limit int) *memo[V] {
	m := &memo[V]{limit: limit}
	empty := map[string]V{}
	m.snap.Store(&empty)
	return m
}

// get returns the value stored for k.
func (m *memo[V]) get(k string) (V, bool) {
	if v, ok := (*m.snap.Load())[k]; ok {
		return v, true
	}
	m.mu.Lock()
	v, ok := m.pending[k]
	m.mu.Unlock()
	return v, ok
}

// put stores v for k unless k is stored already or the memo is full. The
// memo keeps k and v as given: a caller passes strings it owns (not
// slices of a caller's text, which they would keep alive).
func (m *memo[V]) put(k string, v V) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.n >= m.limit {
		return
	}
	snap := *m.snap.Load()
	if _, ok := snap[k]; ok {
		return
	}
	if _, ok := m.pending[k]; ok {
		return
	}
	if m.pending == nil {
		m.pending = make(map[string]V)
	}
	m.pending[k] = v
	m.n++
	if len(m.pending) >= max(32, len(snap)/4) {
		next := make(map[string]V, len(snap)+len(m.pending))
		for k, v := range snap {
			next[k] = v
		}
		for k, v := range m.pending {
			next[k] = v
		}
		m.snap.Store(&next)
		m.pending = nil
	}
}
