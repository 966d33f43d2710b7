package data

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// TSVReader reads label<TAB>text[<TAB>tags] lines.
type TSVReader struct {
	// File names the input in errors.
	File string
	// MaxLineBytes bounds a line; 0 means DefaultMaxLineBytes.
	MaxLineBytes int
	lines        *lineReader
}

// NewTSVReader returns a reader of TSV examples from r.
func NewTSVReader(r io.Reader) *TSVReader {
	return &TSVReader{lines: newLineReader(r)}
}

// Read returns the next example, skipping blank lines and '#' comments.
func (r *TSVReader) Read() (Example, error) {
	r.lines.max = r.MaxLineBytes
	for {
		line, err := r.lines.next()
		if err == io.EOF {
			return Example{}, io.EOF
		}
		if err != nil {
			return Example{}, &ParseError{File: r.File, Line: r.lines.line, Err: err}
		}
		if len(bytes.TrimSpace(line)) == 0 || line[0] == '#' {
			continue
		}
		e, err := parseTSV(line)
		if err != nil {
			return Example{}, &ParseError{File: r.File, Line: r.lines.line, Err: err}
		}
		e.Line = r.lines.line
		return e, nil
	}
}

func parseTSV(line []byte) (Example, error) {
	if !utf8.Valid(line) {
		line = bytes.ToValidUTF8(line, []byte("\uFFFD"))
	}
	fields := strings.Split(string(line), "\t")
	if len(fields) < 2 || len(fields) > 3 {
		return Example{}, fmt.Errorf("expected label<TAB>text or label<TAB>text<TAB>tags, found %d field(s)", len(fields))
	}
	e := Example{Label: strings.TrimSpace(fields[0]), Text: strings.TrimSpace(fields[1])}
	if len(fields) == 3 {
		e.Tags = strings.Fields(fields[2])
	}
	return e, checkExample(e)
}

func checkExample(e Example) error {
	if err := validLabel(e.Label); err != nil {
		return err
	}
	if strings.TrimSpace(e.Text) == "" {
		return ErrEmptyText
	}
	return nil
}
