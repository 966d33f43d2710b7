package features

import "strings"

// maxMemo bounds the stem memo and the pipeline's word memo, so that a
// stream of endless new words cannot grow memory without limit. Past it,
// new words are worked out on every call.
const maxMemo = 1 << 18

// StemFilter replaces each word with its Snowball stem. Stems are memoized:
// a word already seen is looked up, never stemmed twice. The memo is safe
// for concurrent use (lookups take no lock), so one StemFilter serves every
// goroutine.
type StemFilter struct {
	memo *stemMemo
}

type stemMemo struct {
	stem  func(string, bool) string
	words *memo[string] // word -> stem
}

// NewStemFilter returns a memoizing stemmer for the named language. For a
// language it does not know, words pass unchanged.
func NewStemFilter(lang string) StemFilter {
	stem := func(w string, _ bool) string { return w }
	if l := languages[lang]; l != nil {
		stem = l.stem
	}
	return StemFilter{memo: &stemMemo{stem: stem, words: newMemo[string](maxMemo)}}
}

// Filter implements TokenFilter. Punctuation and NumberTerm pass unchanged.
// The zero StemFilter passes tokens through unchanged.
func (f StemFilter) Filter(tokens []Token) []Token {
	if f.memo == nil {
		return tokens
	}
	for i := range tokens {
		if tokens[i].Kind == Word && tokens[i].Term != NumberTerm {
			tokens[i].Term = f.Stem(tokens[i].Term)
		}
	}
	return tokens
}

// Stem returns the stem of a lowercase word. The zero StemFilter returns
// word unchanged.
func (f StemFilter) Stem(word string) string {
	if f.memo == nil {
		return word
	}
	if s, ok := f.memo.words.get(word); ok {
		return s
	}
	// The memo keeps its own copy of the word, so that it does not hold on
	// to the caller's text; the stem is made from the copy for the same
	// reason.
	own := strings.Clone(word)
	s := f.memo.stem(own, true)
	f.memo.words.put(own, s)
	return s
}
