package data

import (
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// lineResult is what one LineReader.Read returned: a line, or an error
// spec, with the line number.
type lineResult struct {
	text string
	n    int
	err  error // wrapped error expected, or nil for a line
}

// readLines reads r to io.EOF, going on after errors, checking that
// every error is a *ParseError naming file and the line Read returned.
func readLines(t testing.TB, r *LineReader, file string) []lineResult {
	t.Helper()
	var out []lineResult
	for range 10000 {
		s, n, err := r.Read()
		if err == io.EOF {
			assert.Empty(t, s)
			_, n2, err := r.Read()
			assert.Equal(t, io.EOF, err, "Read after io.EOF")
			assert.Equal(t, n, n2)
			return out
		}
		if err != nil {
			pe := requireParseError(t, err, file, n, nil)
			if k := len(out); k > 0 && out[k-1].err == pe.Err && out[k-1].n == n {
				return out // a final error
			}
			out = append(out, lineResult{n: n, err: pe.Err})
			continue
		}
		out = append(out, lineResult{text: s, n: n})
	}
	t.Fatal("the reader does not come to an end")
	return nil
}

func TestLineReader(t *testing.T) {
	const file = "lines.txt"
	tests := []struct {
		name  string
		input string
		max   int
		want  []lineResult
	}{
		{name: "empty input"},
		{name: "one line", input: "one", want: []lineResult{{"one", 1, nil}}},
		{name: "one line with a line break", input: "one\n", want: []lineResult{{"one", 1, nil}}},
		{name: "one line break", input: "\n", want: []lineResult{{"", 1, nil}}},
		{
			name:  "blank lines are lines",
			input: "a\n\n\nb\n\n",
			want:  []lineResult{{"a", 1, nil}, {"", 2, nil}, {"", 3, nil}, {"b", 4, nil}, {"", 5, nil}},
		},
		{
			name:  "CRLF line endings",
			input: "a\r\nb\r\n\r\nc\r",
			want:  []lineResult{{"a", 1, nil}, {"b", 2, nil}, {"", 3, nil}, {"c", 4, nil}},
		},
		{
			name:  "a carriage return inside a line is kept",
			input: "a\rb\nc\r\r\n",
			want:  []lineResult{{"a\rb", 1, nil}, {"c\r", 2, nil}},
		},
		{
			name:  "byte-order mark, only at the start",
			input: bomStr + "a\n" + bomStr + "b\n",
			want:  []lineResult{{"a", 1, nil}, {bomStr + "b", 2, nil}},
		},
		{
			name:  "byte-order mark alone",
			input: bomStr,
			want:  []lineResult{{"", 1, nil}},
		},
		{
			name:  "invalid UTF-8 is passed through",
			input: "bad \xff\xfe bytes\n\xc3",
			want:  []lineResult{{"bad \xff\xfe bytes", 1, nil}, {"\xc3", 2, nil}},
		},
		{
			name:  "NUL bytes are kept",
			input: "\x00\nnul\x00inside\n",
			want:  []lineResult{{"\x00", 1, nil}, {"nul\x00inside", 2, nil}},
		},
		{
			name:  "mixed scripts and emoji",
			input: "Киев и Москва 🤝\n会谈 محادثات שלום 🕊️\n",
			want:  []lineResult{{"Киев и Москва 🤝", 1, nil}, {"会谈 محادثات שלום 🕊️", 2, nil}},
		},
		{
			name:  "limit: a line of exactly max bytes fits, one more does not",
			input: "12345\n123456\n12345\r\n123456\r\n\n1234567890\n12345",
			max:   5,
			want: []lineResult{
				{"12345", 1, nil}, {"", 2, ErrLineTooLong}, {"12345", 3, nil}, {"", 4, ErrLineTooLong},
				{"", 5, nil}, {"", 6, ErrLineTooLong}, {"12345", 7, nil},
			},
		},
		{
			name:  "limit: the byte-order mark does not count",
			input: bomStr + "12345\n",
			max:   5,
			want:  []lineResult{{"12345", 1, nil}},
		},
		{
			name:  "limit: a long last line without a line break",
			input: "12\n123456",
			max:   5,
			want:  []lineResult{{"12", 1, nil}, {"", 2, ErrLineTooLong}},
		},
		{
			name:  "limit: one byte",
			input: "1\n\n12\r\n1\r",
			max:   1,
			want:  []lineResult{{"1", 1, nil}, {"", 2, nil}, {"", 3, ErrLineTooLong}, {"1", 4, nil}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, mode := range []string{"whole", "one byte at a time", "half at a time"} {
				var src io.Reader = strings.NewReader(tt.input)
				switch mode {
				case "one byte at a time":
					src = iotest.OneByteReader(src)
				case "half at a time":
					src = iotest.HalfReader(src)
				}
				r := NewLineReader(src)
				r.File = file
				r.MaxLineBytes = tt.max
				assert.Equal(t, tt.want, readLines(t, r, file), mode)
			}
		})
	}
}

// Lines longer than the reader's 64 KiB buffer are read whole, and skipped
// when over the limit, whatever their length next to the buffer's.
func TestLineReaderLongLines(t *testing.T) {
	const buf = 64 << 10
	const max = 3 * buf
	var input strings.Builder
	var want []lineResult
	for i, n := range []int{buf - 1, buf, buf + 1, 2*buf - 2, max - 1, max, max + 1, max + 2, 3*buf + 100, 10 * buf, 5} {
		line := strings.Repeat(string(rune('a'+i)), n)
		input.WriteString(line)
		if i%2 == 0 {
			input.WriteString("\r")
		}
		input.WriteString("\n")
		if n > max {
			want = append(want, lineResult{n: i + 1, err: ErrLineTooLong})
		} else {
			want = append(want, lineResult{text: line, n: i + 1})
		}
	}
	r := NewLineReader(strings.NewReader(input.String()))
	r.File = "long.txt"
	r.MaxLineBytes = max
	got := readLines(t, r, "long.txt")
	require.Equal(t, len(want), len(got))
	for i := range want {
		assert.Equal(t, want[i], got[i], "line %d", i+1)
	}
}

func TestLineReaderDefaultLimit(t *testing.T) {
	r := NewLineReader(newGenReader(repeatSeg('x', DefaultMaxLineBytes), litSeg("\n"), repeatSeg('y', DefaultMaxLineBytes+1), litSeg("\nz")))
	s, n, err := r.Read()
	require.NoError(t, err)
	assert.Equal(t, 1, n)
	assert.Len(t, s, DefaultMaxLineBytes)
	_, _, err = r.Read()
	requireParseError(t, err, "", 2, ErrLineTooLong)
	s, n, err = r.Read()
	require.NoError(t, err)
	assert.Equal(t, "z", s)
	assert.Equal(t, 3, n)
}

func TestLineReaderReadError(t *testing.T) {
	r := NewLineReader(&errReader{data: "a\nb", err: errBroken})
	r.File = "pipe"
	s, n, err := r.Read()
	require.NoError(t, err)
	assert.Equal(t, "a", s)
	assert.Equal(t, 1, n)
	// The error is on the line being read, and it is final.
	for range 3 {
		s, n, err = r.Read()
		assert.Empty(t, s)
		assert.Equal(t, 2, n)
		requireParseError(t, err, "pipe", 2, errBroken)
	}
}

// A reader that returns data with io.EOF is read to the end.
func TestLineReaderDataWithEOF(t *testing.T) {
	r := NewLineReader(iotest.DataErrReader(strings.NewReader("a\nb")))
	assert.Equal(t, []lineResult{{"a", 1, nil}, {"b", 2, nil}}, readLines(t, r, ""))
}
