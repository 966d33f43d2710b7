package data

import (
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A line of 50 MiB, against a limit of 1 MiB: readers must report it as
// too long without holding it, and the line-based ones must go on after it.
const (
	hugeLine   = 50 << 20
	smallLimit = 1 << 20
	// memBound is the most a reader may allocate while reading a huge
	// line against smallLimit: a few times the limit (growing a buffer to
	// the limit by append allocates some 5 times the limit; the CSV
	// readers grow two), far below the line.
	memBound = 16 << 20
)

// hugeInput returns a reader of head, a line of hugeLine bytes c, tail.
func hugeInput(head string, c byte, tail string) io.Reader {
	return newGenReader(litSeg(head), repeatSeg(c, hugeLine), litSeg(tail))
}

func TestHugeLineTSV(t *testing.T) {
	const file = "huge.tsv"
	for _, tt := range []struct {
		name, eol string
	}{{"LF", "\n"}, {"CRLF", "\r\n"}} {
		t.Run(tt.name, func(t *testing.T) {
			r := NewTSVReader(hugeInput("neutral\tbefore"+tt.eol+"warning\t", 'x', tt.eol+"neutral\tafter"+tt.eol))
			r.File = file
			r.MaxLineBytes = smallLimit
			var got []Example
			var errs []error
			alloc := allocatedBy(func() { got, errs = drainExamples(t, r) })
			assert.Equal(t, []Example{exampleAt(1, "neutral", "before"), exampleAt(3, "neutral", "after")}, got)
			checkErrors(t, file, []errSpec{{line: 2, is: ErrLineTooLong}}, errs)
			assert.Less(t, alloc, uint64(memBound), "bytes allocated")
			t.Logf("allocated %d bytes", alloc)
		})
	}
	t.Run("at the end of input", func(t *testing.T) {
		r := NewTSVReader(hugeInput("neutral\tbefore\n\n", 'x', ""))
		r.File = file
		r.MaxLineBytes = smallLimit
		var got []Example
		var errs []error
		alloc := allocatedBy(func() { got, errs = drainExamples(t, r) })
		assert.Equal(t, []Example{exampleAt(1, "neutral", "before")}, got)
		checkErrors(t, file, []errSpec{{line: 3, is: ErrLineTooLong}}, errs)
		assert.Less(t, alloc, uint64(memBound), "bytes allocated")
		t.Logf("allocated %d bytes", alloc)
	})
}

func TestHugeLineJSONL(t *testing.T) {
	const file = "huge.jsonl"
	r := NewJSONLReader(hugeInput(`{"label":"neutral","text":"before"}`+"\n"+`{"label":"warning","text":"`, 'x', `"}`+"\n"+`{"label":"neutral","text":"after"}`+"\n"))
	r.File = file
	r.MaxLineBytes = smallLimit
	var got []Example
	var errs []error
	alloc := allocatedBy(func() { got, errs = drainExamples(t, r) })
	assert.Equal(t, []Example{exampleAt(1, "neutral", "before"), exampleAt(3, "neutral", "after")}, got)
	checkErrors(t, file, []errSpec{{line: 2, is: ErrLineTooLong}}, errs)
	assert.Less(t, alloc, uint64(memBound), "bytes allocated")
	t.Logf("allocated %d bytes", alloc)
}

func TestHugeLineLineReader(t *testing.T) {
	const file = "huge.txt"
	r := NewLineReader(hugeInput("before\n", 'x', "\nafter\n"))
	r.File = file
	r.MaxLineBytes = smallLimit
	var got []lineResult
	alloc := allocatedBy(func() { got = readLines(t, r, file) })
	assert.Equal(t, []lineResult{{"before", 1, nil}, {"", 2, ErrLineTooLong}, {"after", 3, nil}}, got)
	assert.Less(t, alloc, uint64(memBound), "bytes allocated")
	t.Logf("allocated %d bytes", alloc)
}

func TestHugeLineCSV(t *testing.T) {
	const file = "huge.csv"
	for _, tt := range []struct {
		name, open string
	}{{"plain field", ""}, {"quoted field", `"`}} {
		t.Run(tt.name, func(t *testing.T) {
			r := NewCSVReader(hugeInput("label,text\nneutral,before\nwarning,"+tt.open, 'x', tt.open+"\nneutral,after\n"))
			r.File = file
			r.src.max = smallLimit
			var got []Example
			var errs []error
			alloc := allocatedBy(func() { got, errs = drainExamples(t, r) })
			assert.Equal(t, []Example{exampleAt(2, "neutral", "before")}, got)
			// The error is final: a CSV reader cannot tell where the next
			// record starts once it has lost its place.
			checkErrors(t, file, []errSpec{{line: 3, is: ErrLineTooLong}}, errs)
			assert.Less(t, alloc, uint64(memBound), "bytes allocated")
			t.Logf("allocated %d bytes", alloc)
		})
	}
}

// An unclosed quote makes the rest of the input one field: the reader must
// not gather it all, even when each line is short enough.
func TestHugeRecordCSV(t *testing.T) {
	const file = "open-quote.csv"
	segs := []genSegment{litSeg("label,text\nneutral,\"opens a quote ")}
	for range hugeLine / (smallLimit / 2) {
		segs = append(segs, repeatSeg('x', smallLimit/2), litSeg("\n"))
	}
	r := NewCSVReader(newGenReader(segs...))
	r.File = file
	r.src.max = smallLimit
	var got []Example
	var errs []error
	alloc := allocatedBy(func() { got, errs = drainExamples(t, r) })
	assert.Empty(t, got)
	// The record starts on line 2 and may take smallLimit plus the
	// reader's read-ahead: it fails on line 4.
	checkErrors(t, file, []errSpec{{line: 4, is: ErrLineTooLong, contains: "record over"}}, errs)
	assert.Less(t, alloc, uint64(memBound), "bytes allocated")
	t.Logf("allocated %d bytes", alloc)
}

func TestHugeLineCSVArticles(t *testing.T) {
	const file = "huge-articles.csv"
	r := NewCSVArticleReader(hugeInput("id,text\na1,before\na2,", 'x', "\na3,after\n"))
	r.File = file
	r.src.max = smallLimit
	var got []Article
	var errs []error
	alloc := allocatedBy(func() { got, errs = drainArticles(t, r) })
	assert.Equal(t, []Article{{ID: "a1", Text: "before"}}, got)
	checkErrors(t, file, []errSpec{{line: 3, is: ErrLineTooLong}}, errs)
	assert.Less(t, alloc, uint64(memBound), "bytes allocated")
	t.Logf("allocated %d bytes", alloc)
}

// The generator itself yields what it promises.
func TestGenReader(t *testing.T) {
	b, err := io.ReadAll(newGenReader(litSeg("ab"), repeatSeg('x', 5), litSeg(""), repeatSeg('y', 0), litSeg("c")))
	require.NoError(t, err)
	assert.Equal(t, "abxxxxxc", string(b))
	n, err := io.Copy(io.Discard, hugeInput("a", 'x', "b"))
	require.NoError(t, err)
	assert.Equal(t, int64(hugeLine+2), n)
	b, err = io.ReadAll(newGenReader(repeatSeg('z', 100000)))
	require.NoError(t, err)
	assert.Equal(t, strings.Repeat("z", 100000), string(b))
}
