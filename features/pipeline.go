package features

import (
	"sync"
)

// Pipeline turns a sentence into features: a Tokenizer, then TokenFilters in
// order, then n-grams. It is built from a Config by New, holds no per-call
// state, and is safe for concurrent use.
type Pipeline struct {
	cfg       Config
	tokenizer Tokenizer
	filters   []TokenFilter
	scratch   sync.Pool // *scratch
}

type scratch struct {
	tokens []Token
	key    []byte
}

// New builds the pipeline c describes: the Unicode tokenizer, then
// negation marking (before stopwords, so the cues are still there), stopword
// removal, number folding, and stemming, each as c enables it.
func New(c Config) (*Pipeline, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	p := &Pipeline{cfg: c, tokenizer: NewUnicodeTokenizer(c.Language)}
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
		p.filters = append(p.filters, NewStemFilter(c.Language))
	}
	p.scratch.New = func() any { return &scratch{tokens: make([]Token, 0, 64), key: make([]byte, 0, 64)} }
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
// reuses pooled buffers and builds no key strings, which makes it the fast
// path for scoring; lowercasing capitalised or non-ASCII words still
// allocates.
func (p *Pipeline) Visit(sentence string, visit func(key []byte)) {
	s := p.scratch.Get().(*scratch)
	s.tokens = p.Tokens(s.tokens[:0], sentence)
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
	s.tokens = p.Tokens(s.tokens[:0], sentence)
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
