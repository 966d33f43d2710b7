package data

import (
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseErrorError(t *testing.T) {
	tests := []struct {
		err  ParseError
		want string
	}{
		{ParseError{File: "a.tsv", Line: 3, Err: ErrEmptyText}, "a.tsv:3: empty text"},
		{ParseError{File: "a.tsv", Err: ErrLineTooLong}, "a.tsv: line too long"},
		{ParseError{Line: 7, Err: ErrMissingLabel}, "input:7: missing label"},
		{ParseError{Err: errors.New("broken")}, "input: broken"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, tt.err.Error())
		assert.Equal(t, tt.err.Err, tt.err.Unwrap())
		err := error(&tt.err)
		assert.ErrorIs(t, err, tt.err.Err)
	}
}

func TestExampleTag(t *testing.T) {
	e := Example{Tags: []string{"area:border", "hard:negation", "area:sea", "plain", "empty:", ":novalue", "url:http://x"}}
	tests := []struct {
		key, want string
		ok        bool
	}{
		{"area", "border", true},
		{"hard", "negation", true},
		{"empty", "", true},
		{"", "novalue", true},
		{"url", "http://x", true},
		{"plain", "", false},
		{"missing", "", false},
		{"AREA", "", false},
	}
	for _, tt := range tests {
		v, ok := e.Tag(tt.key)
		assert.Equal(t, tt.ok, ok, tt.key)
		assert.Equal(t, tt.want, v, tt.key)
	}
	_, ok := Example{}.Tag("area")
	assert.False(t, ok)
}

// sliceReader returns examples and errors in turn.
type sliceReader struct {
	items []any
}

func (s *sliceReader) Read() (Example, error) {
	if len(s.items) == 0 {
		return Example{}, io.EOF
	}
	it := s.items[0]
	s.items = s.items[1:]
	if err, ok := it.(error); ok {
		return Example{}, err
	}
	return it.(Example), nil
}

func TestReadAll(t *testing.T) {
	a, b := exampleAt(1, "neutral", "A."), exampleAt(2, "warning", "B.")
	got, err := ReadAll(&sliceReader{items: []any{a, b}})
	require.NoError(t, err)
	assert.Equal(t, []Example{a, b}, got)

	got, err = ReadAll(&sliceReader{})
	require.NoError(t, err)
	assert.Empty(t, got)

	// It stops at the first error and returns what it read before.
	bad := &ParseError{File: "f", Line: 3, Err: ErrEmptyText}
	got, err = ReadAll(&sliceReader{items: []any{a, bad, b}})
	assert.Equal(t, bad, err)
	assert.Equal(t, []Example{a}, got)

	got, err = ReadAll(NewTSVReader(strings.NewReader("neutral\tA.\nwarning\t\nneutral\tC.\n")))
	requireParseError(t, err, "", 2, ErrEmptyText)
	assert.Equal(t, []Example{exampleAt(1, "neutral", "A.")}, got)
}
