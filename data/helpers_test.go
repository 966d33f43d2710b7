package data

import (
	"errors"
	"io"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// requireParseError asserts that err is a *ParseError about file:line and,
// when target is not nil, that it wraps target. It returns the
// *ParseError.
func requireParseError(t testing.TB, err error, file string, line int, target error) *ParseError {
	t.Helper()
	require.Error(t, err)
	var pe *ParseError
	require.ErrorAs(t, err, &pe, "error %v (%T) is not a *ParseError", err, err)
	assert.Equal(t, file, pe.File, "ParseError.File of %v", err)
	assert.Equal(t, line, pe.Line, "ParseError.Line of %v", err)
	if target != nil {
		assert.ErrorIs(t, err, target)
	}
	return pe
}

// errSpec describes an expected *ParseError: its line, an error it wraps
// (or nil) and a substring of its message (or "").
type errSpec struct {
	line     int
	is       error
	contains string
}

// checkErrors asserts that errs match want, one by one, all naming file.
func checkErrors(t testing.TB, file string, want []errSpec, errs []error) {
	t.Helper()
	require.Len(t, errs, len(want), "errors: %v", errs)
	for i, w := range want {
		pe := requireParseError(t, errs[i], file, w.line, w.is)
		if w.contains != "" {
			assert.Contains(t, pe.Error(), w.contains)
		}
	}
}

// drainExamples reads r until io.EOF, going on after errors, and returns the
// examples and errors it read. It stops after an error equal to the one
// before (a reader that cannot go on returns its error again) and fails
// the test when the reader never ends.
func drainExamples(t testing.TB, r Reader) ([]Example, []error) {
	t.Helper()
	return drain(t, r.Read)
}

// drainArticles is drainExamples for an ArticleReader.
func drainArticles(t testing.TB, r ArticleReader) ([]Article, []error) {
	t.Helper()
	return drain(t, r.Read)
}

func drain[T any](t testing.TB, read func() (T, error)) ([]T, []error) {
	t.Helper()
	var out []T
	var errs []error
	for range 10000 {
		v, err := read()
		if err == io.EOF {
			// io.EOF is final.
			_, err = read()
			require.Equal(t, io.EOF, err, "Read after io.EOF")
			return out, errs
		}
		if err != nil {
			if n := len(errs); n > 0 && errs[n-1].Error() == err.Error() {
				return out, errs
			}
			errs = append(errs, err)
			continue
		}
		out = append(out, v)
	}
	t.Fatal("the reader does not come to an end")
	return nil, nil
}

// exampleAt builds an Example read from a line.
func exampleAt(line int, label, text string, tags ...string) Example {
	return Example{Label: label, Text: text, Tags: tags, Line: line}
}

// normTags makes empty tag lists nil so that examples compare equal
// whether a reader returns nil or an empty slice.
func normTags(es []Example) []Example {
	for i := range es {
		if len(es[i].Tags) == 0 {
			es[i].Tags = nil
		}
	}
	return es
}

// genSegment is a piece of generated input: text, or n copies of byte c.
type genSegment struct {
	text string
	c    byte
	n    int64
}

// genReader generates its segments one after the other without ever
// holding more than a small block of them, so that a test can feed a
// reader a line of tens of megabytes without allocating it.
type genReader struct {
	segs []genSegment
	off  int64 // offset in segs[0]
}

func newGenReader(segs ...genSegment) *genReader {
	return &genReader{segs: segs}
}

// repeatSeg is a genSegment of n copies of c.
func repeatSeg(c byte, n int64) genSegment { return genSegment{c: c, n: n} }

// litSeg is a genSegment of text.
func litSeg(s string) genSegment { return genSegment{text: s, n: int64(len(s))} }

func (g *genReader) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) && len(g.segs) > 0 {
		s := &g.segs[0]
		left := s.n - g.off
		if left == 0 {
			g.segs, g.off = g.segs[1:], 0
			continue
		}
		m := int(min(int64(len(p)-n), left))
		if s.text != "" {
			copy(p[n:n+m], s.text[g.off:])
		} else {
			fillBytes(p[n:n+m], s.c)
		}
		n += m
		g.off += int64(m)
	}
	if n == 0 && len(p) > 0 {
		return 0, io.EOF
	}
	return n, nil
}

// fillBytes sets every byte of p to c.
func fillBytes(p []byte, c byte) {
	if len(p) == 0 {
		return
	}
	p[0] = c
	for i := 1; i < len(p); i *= 2 {
		copy(p[i:], p[:i])
	}
}

// allocatedBy returns the bytes allocated on the heap while f runs.
// Callers must not run in parallel with other tests.
func allocatedBy(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// errReader returns its data, then err.
type errReader struct {
	data string
	err  error
}

func (r *errReader) Read(p []byte) (int, error) {
	if r.data == "" {
		return 0, r.err
	}
	n := copy(p, r.data)
	r.data = r.data[n:]
	return n, nil
}

var errBroken = errors.New("broken pipe")

const bomStr = "\ufeff"
