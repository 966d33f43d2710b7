package features

// StopwordFilter drops function words; punctuation stays. Its lists keep the
// stance cues: for English, not, no, never, nor, against, must, will, would,
// shall, should, can, could, may, might, if, unless, only and until stay.
// It runs after the negation filter, so negation scopes are already marked.
type StopwordFilter struct {
	lang *language
}

// NewStopwordFilter returns the stopword filter of the named language.
func NewStopwordFilter(lang string) StopwordFilter {
	return StopwordFilter{lang: languages[lang]}
}

// Filter implements TokenFilter. Punctuation is kept (it bounds n-grams).
// A filter without a known language passes tokens through unchanged.
func (f StopwordFilter) Filter(tokens []Token) []Token {
	if f.lang == nil {
		return tokens
	}
	out := tokens[:0]
	for _, t := range tokens {
		if t.Kind == Word && f.lang.stopwords[t.Term] {
			continue
		}
		out = append(out, t)
	}
	return out
}

// IsStopword reports whether word (lowercase) is on the stopword list of the
// named language.
func IsStopword(lang, word string) bool {
	l := languages[lang]
	return l != nil && l.stopwords[word]
}
