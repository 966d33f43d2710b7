package features

import (
	"sync"
	"sync/atomic"
)

// maxMemo bounds the stem memo, so that a stream of endless new words cannot
// grow memory without limit. Past it, new words are stemmed on every call.
const maxMemo = 1 << 18

// StemFilter replaces each word with its Snowball stem. Stems are memoized:
// a word already seen is looked up, never stemmed twice. The memo is safe
// for concurrent use, so one StemFilter serves every goroutine.
type StemFilter struct {
	memo *stemMemo
}

type stemMemo struct {
	stem func(string, bool) string
	m    sync.Map // word -> stem
	n    atomic.Int64
}

// NewStemFilter returns a memoizing stemmer for the named language. For a
// language it does not know, words pass unchanged.
func NewStemFilter(lang string) StemFilter {
	stem := func(w string, _ bool) string { return w }
	if l := languages[lang]; l != nil {
		stem = l.stem
	}
	return StemFilter{memo: &stemMemo{stem: stem}}
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

// Stem returns the stem of a lowercase word.
func (f StemFilter) Stem(word string) string {
	if s, ok := f.memo.m.Load(word); ok {
		return s.(string)
	}
	s := f.memo.stem(word, true)
	if f.memo.n.Load() < maxMemo {
		if _, loaded := f.memo.m.LoadOrStore(word, s); !loaded {
			f.memo.n.Add(1)
		}
	}
	return s
}
