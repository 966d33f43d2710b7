package data

import (
	"errors"
	"fmt"
	"io"
	"strings"
)

// Example is one labelled sentence.
type Example struct {
	Text  string   `json:"text"`
	Label string   `json:"label"`
	Tags  []string `json:"tags,omitempty"`
	// Line is the line of the source the example was read from (1-based;
	// 0 when unknown).
	Line int `json:"-"`
}

// Tag returns the value of the first tag "key:value" with the given key,
// and whether there is one.
func (e Example) Tag(key string) (string, bool) {
	for _, t := range e.Tags {
		if k, v, ok := strings.Cut(t, ":"); ok && k == key {
			return v, true
		}
	}
	return "", false
}

// Reader reads examples one at a time. Read returns io.EOF after the last.
type Reader interface {
	Read() (Example, error)
}

// ParseError is an error about a place in an input.
type ParseError struct {
	File string // the file's name, or "" for an unnamed stream
	Line int    // 1-based line, or 0 when the error is about the whole input
	Err  error
}

// Error formats the error as "file:line: message".
func (e *ParseError) Error() string {
	var b strings.Builder
	if e.File != "" {
		b.WriteString(e.File)
	} else {
		b.WriteString("input")
	}
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	b.WriteString(": ")
	b.WriteString(e.Err.Error())
	return b.String()
}

// Unwrap returns the underlying error.
func (e *ParseError) Unwrap() error { return e.Err }

// Errors a reader reports inside a *ParseError.
var (
	ErrMissingLabel = errors.New("missing label")
	ErrEmptyText    = errors.New("empty text")
	ErrLineTooLong  = errors.New("line too long")
)

// ReadAll reads every example from r. It stops at the first error.
func ReadAll(r Reader) ([]Example, error) {
	var out []Example
	for {
		e, err := r.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		out = append(out, e)
	}
}

// validLabel checks a label read from input.
func validLabel(label string) error {
	if label == "" {
		return ErrMissingLabel
	}
	if strings.ContainsAny(label, "\t\n\r") {
		return fmt.Errorf("label %q contains a tab or line break", label)
	}
	return nil
}
