package features

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestUnknownLanguageFiltersDoNotPanic: library code never panics on input,
// even when a filter is built directly for a language it does not know.
func TestUnknownLanguageFiltersDoNotPanic(t *testing.T) {
	toks := NewUnicodeTokenizer("english").Tokenize(nil, "They did not agree to talks.")
	for _, f := range []TokenFilter{
		NegationFilter{}, NewNegationFilter("klingon", 0),
		StopwordFilter{}, NewStopwordFilter("klingon"),
		StemFilter{}, NewStemFilter("klingon"),
	} {
		in := append([]Token(nil), toks...)
		assert.NotPanics(t, func() { assert.Equal(t, toks, f.Filter(in)) })
	}
	assert.NotPanics(t, func() { NewUnicodeTokenizer("klingon").Tokenize(nil, "can't stop") })
}
