package features

import (
	"hash/maphash"
	"sync"
	"sync/atomic"
)

// Pipeline turns a sentence into features: a Tokenizer, then TokenFilters in
// order, then n-grams. It is built from a Config by New, holds no per-call
// state, and is safe for concurrent use. It memoizes what it works out
// about each distinct word (up to a bound), which Visit and VisitIDs use.
type Pipeline struct {
	cfg       Config
	tokenizer Tokenizer
	filters   []TokenFilter
	scratch   sync.Pool // *scratch

	// The memoized path (fast.go).
	lang    *language
	tok     UnicodeTokenizer
	stem    StemFilter
	seed    maphash.Seed
	words   atomic.Pointer[wordTable] // word as written -> analysis
	memoMu  sync.Mutex
	pending map[string]*wordInfo // words not yet in words
	// pendingHits counts lookups answered from pending since the last
	// table was published.
	pendingHits int
	memoLimit   int // maxMemo; smaller in tests
	idMu        sync.Mutex
	ids         map[string]uint32 // term -> TermID
	idLimit     int               // NoTermID; smaller in tests
}

type scratch struct {
	tokens []Token
	mtoks  []mtok
	spans  []span
	key    []byte
	words  [3]uint32
}

// New builds the pipeline c describes: the Unicode tokenizer, then
// negation marking (before stopwords, so the cues are still there), stopword
// removal, number folding, and stemming, each as c enables it.
func New(c Config) (*Pipeline, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	tok := NewUnicodeTokenizer(c.Language)
	p := &Pipeline{
		cfg:       c,
		tokenizer: tok,
		lang:      languages[c.Language],
		tok:       tok,
		stem:      NewStemFilter(c.Language),
		seed:      maphash.MakeSeed(),
		memoLimit: maxMemo,
		ids:       make(map[string]uint32),
		idLimit:   NoTermID,
	}
	p.words.Store(&wordTable{slots: make([]wordSlot, 1), mask: 0})
	if c.Negation {
		p.filters = append(p.filters, NewNegationFilter(c.Language, c.NegationScope))
	}
	if c.Stopwords {
		p.filters = append(p.filters, NewStopwordFilter(c.Language))
	}
	if c.Numbers {
		p.filters = append(p.filters, NumberFilter{})
	}
	if c.Stem {
		p.filters = append(p.filters, p.stem)
	}
	p.scratch.New = func() any {
		return &scratch{tokens: make([]Token, 0, 64), mtoks: make([]mtok, 0, 64), spans: make([]span, 0, 64), key: make([]byte, 0, 64)}
	}
	return p, nil
}

// Config returns the settings the pipeline was built from.
func (p *Pipeline) Config() Config { return p.cfg }

// Tokens appends the tokens of sentence after every filter has run.
// Punctuation tokens remain; they bound n-grams.
func (p *Pipeline) Tokens(dst []Token, sentence string) []Token {
	start := len(dst)
	dst = p.tokenizer.Tokenize(dst, sentence)
	toks := dst[start:]
	for _, f := range p.filters {
		toks = f.Filter(toks)
	}
	return dst[:start+len(toks)]
}

// Visit calls visit with the key of every feature occurrence in sentence,
// in order, duplicates included (a consumer that honours Config().Binary
// counts each key once). The key is only valid during the call. Visit
// reuses pooled buffers, builds no key strings and memoizes what it works
// out about each word, so it allocates nothing once the pipeline has seen
// the sentence's words.
func (p *Pipeline) Visit(sentence string, visit func(key []byte)) {
	s := p.scratch.Get().(*scratch)
	p.memoTokens(s, sentence)
	s.key = visitNGrams(s.tokens, p.cfg.NGrams, s.key, func(key []byte, _, _ int) { visit(key) })
	p.scratch.Put(s)
}

// Features returns the feature keys of sentence in order of first
// appearance; with Binary set each key appears once.
func (p *Pipeline) Features(sentence string) []string {
	fs := p.Analyze(sentence)
	keys := make([]string, len(fs))
	for i, f := range fs {
		keys[i] = f.Key
	}
	return keys
}

// Analyze returns the features of sentence with the spans of text behind
// them, in order of first appearance; with Binary set each key appears once
// (at its first occurrence).
func (p *Pipeline) Analyze(sentence string) []Feature {
	s := p.scratch.Get().(*scratch)
	defer p.scratch.Put(s)
	p.memoTokens(s, sentence) // the same tokens as Tokens, memoized
	var out []Feature
	var seen map[string]bool
	if p.cfg.Binary {
		seen = make(map[string]bool)
	}
	s.key = visitNGrams(s.tokens, p.cfg.NGrams, s.key, func(key []byte, first, last int) {
		if seen != nil {
			if seen[string(key)] {
				return
			}
			seen[string(key)] = true
		}
		out = append(out, Feature{Key: string(key), Start: s.tokens[first].Start, End: s.tokens[last].End})
	})
	return out
}
