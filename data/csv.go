package data

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

// CSVReader reads examples from CSV with a header row. The header must name
// the label and text columns; a tags column is optional and other columns
// are ignored. Column names match without regard to case.
type CSVReader struct {
	// File names the input in errors.
	File string
	// LabelColumn, TextColumn and TagsColumn name the columns; empty
	// means "label", "text" and "tags".
	LabelColumn, TextColumn, TagsColumn string
	// Comma is the field delimiter; 0 means ','.
	Comma rune

	src         *lineLimitReader
	csv         *csv.Reader
	label, text int
	tags        int
	headerRead  bool
}

// NewCSVReader returns a reader of CSV examples from r.
func NewCSVReader(r io.Reader) *CSVReader {
	src := &lineLimitReader{r: r}
	return &CSVReader{src: src, csv: csv.NewReader(src)}
}

// Read returns the next example.
func (r *CSVReader) Read() (Example, error) {
	if !r.headerRead {
		if err := r.readHeader(); err != nil {
			return Example{}, err
		}
	}
	rec, err := r.csv.Read()
	if err == io.EOF {
		return Example{}, io.EOF
	}
	if err != nil {
		return Example{}, csvError(r.File, err)
	}
	line, _ := r.csv.FieldPos(0)
	e := Example{Label: strings.TrimSpace(rec[r.label]), Text: strings.TrimSpace(rec[r.text]), Line: line}
	if r.tags >= 0 {
		e.Tags = strings.Fields(rec[r.tags])
	}
	if err := checkExample(e); err != nil {
		return Example{}, &ParseError{File: r.File, Line: line, Err: err}
	}
	return e, nil
}

func (r *CSVReader) readHeader() error {
	r.headerRead = true
	if r.Comma != 0 {
		r.csv.Comma = r.Comma
	}
	header, err := r.csv.Read()
	if err == io.EOF {
		return &ParseError{File: r.File, Line: 1, Err: errors.New("empty input: expected a header row")}
	}
	if err != nil {
		return csvError(r.File, err)
	}
	if len(header) > 0 {
		header[0] = strings.TrimPrefix(header[0], "\ufeff")
	}
	cols := columnIndex(header)
	labelName, textName, tagsName := or(r.LabelColumn, "label"), or(r.TextColumn, "text"), or(r.TagsColumn, "tags")
	var ok bool
	if r.label, ok = cols[strings.ToLower(labelName)]; !ok {
		return &ParseError{File: r.File, Line: 1, Err: fmt.Errorf("header has no %q column (columns: %s)", labelName, strings.Join(header, ", "))}
	}
	if r.text, ok = cols[strings.ToLower(textName)]; !ok {
		return &ParseError{File: r.File, Line: 1, Err: fmt.Errorf("header has no %q column (columns: %s)", textName, strings.Join(header, ", "))}
	}
	if r.tags, ok = cols[strings.ToLower(tagsName)]; !ok {
		r.tags = -1
	}
	return nil
}

// columnIndex maps lowercased column names to their index.
func columnIndex(header []string) map[string]int {
	cols := make(map[string]int, len(header))
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(h))
		if _, dup := cols[h]; !dup {
			cols[h] = i
		}
	}
	return cols
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// csvError turns an encoding/csv error into a *ParseError.
func csvError(file string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &ParseError{File: file, Line: pe.Line, Err: pe.Err}
	}
	if errors.Is(err, ErrLineTooLong) {
		return &ParseError{File: file, Err: err}
	}
	return &ParseError{File: file, Err: err}
}

// lineLimitReader fails with ErrLineTooLong once a physical line exceeds
// max bytes (DefaultMaxLineBytes when 0), so that a reader that buffers a
// whole record cannot be made to hold unbounded memory.
type lineLimitReader struct {
	r   io.Reader
	max int
	run int
}

func (l *lineLimitReader) Read(p []byte) (int, error) {
	max := l.max
	if max <= 0 {
		max = DefaultMaxLineBytes
	}
	n, err := l.r.Read(p)
	for _, c := range p[:n] {
		if c == '\n' {
			l.run = 0
			continue
		}
		l.run++
		if l.run > max {
			return 0, ErrLineTooLong
		}
	}
	return n, err
}
