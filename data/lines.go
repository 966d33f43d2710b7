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
// ErrLineTooLong.
type lineReader struct {
	r    *bufio.Reader
	line int
	max  int
	buf  []byte
}

func newLineReader(r io.Reader) *lineReader {
	return &lineReader{r: bufio.NewReaderSize(r, 64<<10)}
}

var bom = []byte("\ufeff")

// next returns the next line (valid until the next call) and its number.
func (l *lineReader) next() ([]byte, error) {
	max := l.max
	if max <= 0 {
		max = DefaultMaxLineBytes
	}
	l.buf = l.buf[:0]
	tooLong := false
	for {
		chunk, err := l.r.ReadSlice('\n')
		if !tooLong {
			if len(l.buf)+len(chunk) > max+2 { // +2 for "\r\n"
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
