package data

import (
	"bufio"
	"bytes"
	"errors"
	"io"
)

// DefaultMaxLineBytes is the longest line a reader accepts unless told
// otherwise: 16 MiB.
const DefaultMaxLineBytes = 16 << 20

// lineReader reads lines of any length up to a limit, counting them,
// dropping a leading byte-order mark and trailing "\r\n" or "\n". A line
// over the limit is skipped without being held in memory and reported as
// ErrLineTooLong. The limit applies to the line without its ending (and,
// on line 1, without the byte-order mark).
type lineReader struct {
	r    *bufio.Reader
	line int
	max  int
	buf  []byte
	err  error // a read error, returned from then on
}

func newLineReader(r io.Reader) *lineReader {
	return &lineReader{r: bufio.NewReaderSize(r, 64<<10)}
}

var bom = []byte("\ufeff")

// next returns the next line (valid until the next call) and its number.
// A read error other than io.EOF counts as the line being read and is
// returned again by every later call.
func (l *lineReader) next() ([]byte, error) {
	if l.err != nil {
		return nil, l.err
	}
	max := l.max
	if max <= 0 {
		max = DefaultMaxLineBytes
	}
	// While reading, allow room for a line ending and a byte-order mark;
	// the exact check is made once they are trimmed.
	limit := max + len("\r\n") + len(bom)
	l.buf = l.buf[:0]
	tooLong := false
	for {
		chunk, err := l.r.ReadSlice('\n')
		if !tooLong {
			if len(l.buf)+len(chunk) > limit {
				tooLong = true
				l.buf = l.buf[:0]
			} else {
				l.buf = append(l.buf, chunk...)
			}
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if err == io.EOF && len(l.buf) == 0 && !tooLong && len(chunk) == 0 {
			return nil, io.EOF
		}
		if err != nil && err != io.EOF {
			l.line++
			l.err = err
			return nil, err
		}
		l.line++
		if tooLong {
			return nil, ErrLineTooLong
		}
		line := bytes.TrimSuffix(l.buf, []byte("\n"))
		line = bytes.TrimSuffix(line, []byte("\r"))
		if l.line == 1 {
			line = bytes.TrimPrefix(line, bom)
		}
		if len(line) > max {
			return nil, ErrLineTooLong
		}
		return line, nil
	}
}

// LineReader reads text one line at a time, of any length up to a limit,
// without holding more than one line in memory. It drops a leading
// byte-order mark and line endings ("\n" or "\r\n"). A line longer than the
// limit is skipped and reported as a *ParseError wrapping ErrLineTooLong;
// reading can go on after it.
type LineReader struct {
	// File names the input in errors.
	File string
	// MaxLineBytes bounds a line; 0 means DefaultMaxLineBytes.
	MaxLineBytes int
	lines        *lineReader
}

// NewLineReader returns a LineReader over r.
func NewLineReader(r io.Reader) *LineReader {
	return &LineReader{lines: newLineReader(r)}
}

// Read returns the next line and its 1-based number, or io.EOF.
func (r *LineReader) Read() (string, int, error) {
	r.lines.max = r.MaxLineBytes
	b, err := r.lines.next()
	if err == io.EOF {
		return "", r.lines.line, io.EOF
	}
	if err != nil {
		return "", r.lines.line, &ParseError{File: r.File, Line: r.lines.line, Err: err}
	}
	return string(b), r.lines.line, nil
}
