package data

import (
	"bytes"
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
	headerErr   error
}

// NewCSVReader returns a reader of CSV examples from r.
func NewCSVReader(r io.Reader) *CSVReader {
	src := &lineLimitReader{r: r}
	return &CSVReader{src: src, csv: csv.NewReader(src)}
}

// Read returns the next example. An error about the header is returned
// again by every later call.
func (r *CSVReader) Read() (Example, error) {
	if !r.headerRead {
		r.headerErr = r.readHeader()
	}
	if r.headerErr != nil {
		return Example{}, r.headerErr
	}
	r.src.startRecord()
	rec, err := r.csv.Read()
	if err == io.EOF {
		return Example{}, io.EOF
	}
	if err != nil {
		return Example{}, csvError(r.File, err)
	}
	line, _ := r.csv.FieldPos(0)
	e := Example{Label: csvField(rec[r.label]), Text: csvField(rec[r.text]), Line: line}
	if r.tags >= 0 {
		e.Tags = strings.Fields(strings.ToValidUTF8(rec[r.tags], "\uFFFD"))
	}
	if err := checkExample(e); err != nil {
		return Example{}, &ParseError{File: r.File, Line: line, Err: err}
	}
	return e, nil
}

// csvField trims a field and makes it valid UTF-8, as the TSV reader does.
func csvField(s string) string {
	return strings.TrimSpace(strings.ToValidUTF8(s, "\uFFFD"))
}

func (r *CSVReader) readHeader() error {
	r.headerRead = true
	if r.Comma != 0 {
		r.csv.Comma = r.Comma
	}
	r.src.startRecord()
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
	line, _ := r.csv.FieldPos(0)
	cols := columnIndex(header)
	labelName, textName, tagsName := or(r.LabelColumn, "label"), or(r.TextColumn, "text"), or(r.TagsColumn, "tags")
	var ok bool
	if r.label, ok = cols[strings.ToLower(labelName)]; !ok {
		return &ParseError{File: r.File, Line: line, Err: fmt.Errorf("header has no %q column (columns: %s)", labelName, strings.Join(header, ", "))}
	}
	if r.text, ok = cols[strings.ToLower(textName)]; !ok {
		return &ParseError{File: r.File, Line: line, Err: fmt.Errorf("header has no %q column (columns: %s)", textName, strings.Join(header, ", "))}
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
	var le *limitError
	if errors.As(err, &le) {
		return &ParseError{File: file, Line: le.line, Err: le.err}
	}
	return &ParseError{File: file, Err: err}
}

// limitError is a lineLimitReader's error, on the given physical line.
type limitError struct {
	line int
	err  error // wraps ErrLineTooLong
}

func (e *limitError) Error() string { return e.err.Error() }
func (e *limitError) Unwrap() error { return e.err }

// lineLimitReader fails with ErrLineTooLong once a physical line exceeds
// max bytes (DefaultMaxLineBytes when 0), or the input read for one record
// (since the last startRecord) exceeds max bytes plus csvReadAhead, so
// that a reader that buffers a whole record cannot be made to hold
// unbounded memory. The error is final: a CSV reader cannot tell where the
// next record starts. It also drops a byte-order mark at the start of the
// input, before the CSV parser sees it (a quoted first header field would
// otherwise be malformed).
type lineLimitReader struct {
	r      io.Reader
	max    int
	run    int // bytes since the last '\n'
	record int // bytes since startRecord
	lines  int // '\n' seen
	err    error
	head   []byte // bytes read ahead while looking for a byte-order mark
	opened bool
}

// csvReadAhead allows for the input that encoding/csv reads ahead of the
// record it is parsing (its bufio.Reader holds 4 KiB).
const csvReadAhead = 64 << 10

// failAt makes the reader fail with ErrLineTooLong on the current line
// from byte k of what it has just read: it returns the k bytes before,
// which belong to earlier lines and records, and then the error.
func (l *lineLimitReader) failAt(k int, format string, max int) (int, error) {
	l.err = &limitError{line: l.lines + 1, err: fmt.Errorf(format+": %w", max, ErrLineTooLong)}
	if k > 0 {
		l.record += k
		return k, nil
	}
	return 0, l.err
}

// startRecord marks the start of a record.
func (l *lineLimitReader) startRecord() { l.record = 0 }

func (l *lineLimitReader) Read(p []byte) (int, error) {
	if l.err != nil {
		return 0, l.err
	}
	if len(p) == 0 {
		return 0, nil
	}
	if !l.opened {
		l.opened = true
		head := make([]byte, len(bom))
		n, err := io.ReadFull(l.r, head)
		if head = head[:n]; !bytes.Equal(head, bom) {
			l.head = head
		}
		if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
			return 0, err
		}
	}
	var n int
	var err error
	if len(l.head) > 0 {
		n = copy(p, l.head)
		l.head = l.head[n:]
	} else {
		n, err = l.r.Read(p)
	}
	max := l.max
	if max <= 0 {
		max = DefaultMaxLineBytes
	}
	// p[:room] may still be read for this record; p[room] would be over.
	room := max + csvReadAhead - l.record
	for off := 0; off < n; {
		// p[off:end] continues the current line; p[end], if end < n, ends it.
		end := n
		if i := bytes.IndexByte(p[off:n], '\n'); i >= 0 {
			end = off + i
		}
		if l.run+end-off > max {
			return l.failAt(off+max-l.run, "line over %d bytes", max)
		}
		if room < n && room <= end {
			return l.failAt(room, "record over %d bytes", max)
		}
		if end == n {
			l.run += end - off
			break
		}
		l.run = 0
		l.lines++
		off = end + 1
	}
	l.record += n
	return n, err
}
