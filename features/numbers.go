package features

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

func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if '0' <= s[i] && s[i] <= '9' {
			return true
		}
	}
	return false
}
