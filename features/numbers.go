package features

import (
	"unicode"
	"unicode/utf8"
)

// NumberTerm is the term that NumberFilter gives every token with a digit.
const NumberTerm = "<num>"

// NumberFilter replaces every word that contains a digit with NumberTerm,
// so that amounts, dates and casualty figures share one feature instead of
// scattering over thousands of rare ones.
type NumberFilter struct{}

// Filter implements TokenFilter.
func (NumberFilter) Filter(tokens []Token) []Token {
	for i := range tokens {
		if tokens[i].Kind == Word && hasDigit(tokens[i].Term) {
			tokens[i].Term = NumberTerm
		}
	}
	return tokens
}

// hasDigit reports whether s contains a decimal digit of any script
// ("35", "١٢٣"), as the tokenizer counts digits.
func hasDigit(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if '0' <= c && c <= '9' {
				return true
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsDigit(r) {
			return true
		}
		i += size
	}
	return false
}
