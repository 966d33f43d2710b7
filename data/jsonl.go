package data

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// JSONLReader reads one JSON object per line: {"text": ..., "label": ...,
// "tags": [...]}. Other fields are ignored; blank lines are skipped.
type JSONLReader struct {
	// File names the input in errors.
	File string
	// MaxLineBytes bounds a line; 0 means DefaultMaxLineBytes.
	MaxLineBytes int
	lines        *lineReader
}

// NewJSONLReader returns a reader of JSON Lines examples from r.
func NewJSONLReader(r io.Reader) *JSONLReader {
	return &JSONLReader{lines: newLineReader(r)}
}

// Read returns the next example.
func (r *JSONLReader) Read() (Example, error) {
	r.lines.max = r.MaxLineBytes
	for {
		line, err := r.lines.next()
		if err == io.EOF {
			return Example{}, io.EOF
		}
		if err != nil {
			return Example{}, &ParseError{File: r.File, Line: r.lines.line, Err: err}
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		var v struct {
			Text  *string  `json:"text"`
			Label *string  `json:"label"`
			Tags  []string `json:"tags"`
		}
		if err := json.Unmarshal(line, &v); err != nil {
			return Example{}, &ParseError{File: r.File, Line: r.lines.line, Err: fmt.Errorf("invalid JSON: %w", err)}
		}
		if v.Text == nil {
			return Example{}, &ParseError{File: r.File, Line: r.lines.line, Err: fmt.Errorf(`missing "text" field: %w`, ErrEmptyText)}
		}
		if v.Label == nil {
			return Example{}, &ParseError{File: r.File, Line: r.lines.line, Err: fmt.Errorf(`missing "label" field: %w`, ErrMissingLabel)}
		}
		// Trim the label as the TSV and CSV readers do, so that " pos" is
		// "pos" and a blank label is missing.
		e := Example{Text: *v.Text, Label: strings.TrimSpace(*v.Label), Tags: v.Tags, Line: r.lines.line}
		if err := checkExample(e); err != nil {
			return Example{}, &ParseError{File: r.File, Line: r.lines.line, Err: err}
		}
		return e, nil
	}
}
