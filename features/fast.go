package features

import (
	"hash/maphash"
	"strings"
)

// This file is the pipeline's memoized path, which Visit, VisitIDs,
// Surfaces, Features and Analyze use. Tokens runs the stages one after the
// other, and is the reference: the memoized path gives the same tokens (a
// test checks it on every sentence of the corpus under every setting, and
// FuzzMemoPath on arbitrary text) with one lookup per word:
//
//   - Everything the stages decide about a word on its own, without its
//     neighbours, is worked out once per distinct spelling and memoized:
//     the tokens the tokenizer makes of it (one, or two for "won't"), their
//     lowercase terms, which word lists they are on (negation cues, clause
//     words, stopwords), and their final terms after number folding and
//     stemming, with the IDs of those terms.
//   - Negation, which depends on the neighbours, runs on every sentence
//     with the same rules as NegationFilter (markNegation), reading the
//     word-list classes from the memo.

// TermIDBits is the number of bits of a term ID: every ID a pipeline gives
// is below 1<<TermIDBits.
const TermIDBits = 20

// NoTermID is the ID VisitIDs gives a word whose term the pipeline could
// not number because its table of terms is full. TermID never returns it,
// so no term registered with TermID matches it.
const NoTermID = 1<<TermIDBits - 1

// wordInfo is what the pipeline memoizes for one spelling of a word.
type wordInfo struct {
	key   string // the word as written
	n     int    // tokens the tokenizer makes of the word: 1 or 2
	parts [2]wordPart
}

// wordPart is one token of a word.
type wordPart struct {
	term       string // lowercase, as the tokenizer gives it
	final      string // after number folding and stemming, as configured
	pair       string // for the first word of a two-word cue, the second
	id         uint32 // the ID of final
	start, end int32  // the span of the token within the word
	class      wordClass
}

// span is a token's place in a sentence, with the hash of a word (0 for a
// punctuation mark).
type span struct {
	h          uint64
	start, end int32
}

// mtok is a token of the memoized path: for a word, its part's ID and
// class (copied, so the hot loop need not follow part) and part itself;
// for a punctuation mark, part is nil. neg says whether it is negated.
type mtok struct {
	part       *wordPart
	id         uint32
	start, end int32
	class      wordClass
	neg        bool
	// pairNext: the word is the first of a two-word negation cue ("rule")
	// and the next token is the second ("out").
	pairNext bool
}

// newWord analyses a word the memo does not hold and adds it (up to
// maxMemo words). The memo keeps a copy of w, and every term is made from
// the copy, so that nothing in it holds on to the caller's text.
func (p *Pipeline) newWord(h uint64, w string) *wordInfo {
	p.memoMu.Lock()
	info := p.pending[w]
	if info != nil {
		// A word found here costs a lock: once such lookups add up to a
		// share of the table's size, publish a table that holds it.
		p.pendingHits++
		if p.pendingHits >= 64+p.words.Load().n/8 {
			p.publish()
		}
	}
	p.memoMu.Unlock()
	if info != nil {
		return info
	}
	info = p.analyzeWord(strings.Clone(w))
	p.memoMu.Lock()
	defer p.memoMu.Unlock()
	snap := p.words.Load()
	if slot := snap.get(h, w); slot != nil {
		return slot.info
	}
	if old := p.pending[w]; old != nil {
		return old
	}
	if snap.n+len(p.pending) >= p.memoLimit {
		return info
	}
	if p.pending == nil {
		p.pending = make(map[string]*wordInfo)
	}
	p.pending[info.key] = info
	if len(p.pending) >= max(32, snap.n/4) {
		p.publish()
	}
	return info
}

// publish makes a new table of the memoized words and the pending ones.
// The caller holds memoMu.
func (p *Pipeline) publish() {
	p.words.Store(p.words.Load().with(p.seed, p.pending))
	p.pending, p.pendingHits = nil, 0
}

// analyzeWord works out everything the stages decide about the word w on
// its own.
func (p *Pipeline) analyzeWord(w string) *wordInfo {
	var buf [2]Token
	toks := p.tok.appendWord(buf[:0], w, 0, len(w))
	info := &wordInfo{key: w, n: len(toks)}
	for k, t := range toks {
		final := t.Term
		if p.cfg.Numbers && hasDigit(final) {
			final = NumberTerm
		}
		if p.cfg.Stem && final != NumberTerm {
			final = p.stem.Stem(final)
		}
		id, _ := p.TermID(final)
		info.parts[k] = wordPart{
			term:  t.Term,
			final: final,
			pair:  p.lang.pairCues[t.Term],
			id:    id,
			start: int32(t.Start),
			end:   int32(t.End),
			class: p.lang.classes[t.Term],
		}
	}
	return info
}

// wordTable is an immutable snapshot of the word memo: open addressing
// with linear probing, at most half full, keyed by a maphash of the word.
// Readers use it without locks; newWord publishes a new one from time to
// time. A slot is one cache line holding what the hot path needs (the
// word, for words of up to len(wordSlot.key) bytes, and its parts' IDs and
// classes), so that a lookup usually reads one line.
type wordTable struct {
	slots []wordSlot
	mask  uint64
	n     int
}

type wordSlot struct {
	h     uint64 // the word's hash | 1; 0 when the slot is empty
	info  *wordInfo
	ids   [2]uint32
	class [2]wordClass
	n     uint8 // parts
	klen  uint8 // len(key) when the word is inline, else longKey
	key   [36]byte
}

// longKey marks a slot whose word is too long to be inline.
const longKey = 0xff

// get returns the slot of w, whose hash is h, or nil.
func (t *wordTable) get(h uint64, w string) *wordSlot {
	h |= 1
	for i := h & t.mask; ; i = (i + 1) & t.mask {
		s := &t.slots[i]
		if s.h == h {
			if s.klen == longKey {
				if s.info.key == w {
					return s
				}
			} else if int(s.klen) == len(w) && string(s.key[:len(w)]) == w {
				return s
			}
		}
		if s.h == 0 {
			return nil
		}
	}
}

// with returns a table holding t's words and more.
func (t *wordTable) with(seed maphash.Seed, more map[string]*wordInfo) *wordTable {
	n := t.n + len(more)
	size := 64
	for size < 2*n {
		size *= 2
	}
	next := &wordTable{slots: make([]wordSlot, size), mask: uint64(size - 1), n: n}
	for i := range t.slots {
		if s := &t.slots[i]; s.h != 0 {
			next.add(s.h, s.info)
		}
	}
	for w, info := range more {
		next.add(maphash.String(seed, w)|1, info)
	}
	return next
}

func (t *wordTable) add(h uint64, info *wordInfo) {
	i := h & t.mask
	for t.slots[i].h != 0 {
		i = (i + 1) & t.mask
	}
	s := &t.slots[i]
	s.h, s.info, s.n = h, info, uint8(info.n)
	for k := range info.n {
		s.ids[k], s.class[k] = info.parts[k].id, info.parts[k].class
	}
	if len(info.key) <= len(s.key) {
		s.klen = uint8(copy(s.key[:], info.key))
	} else {
		s.klen = longKey
	}
}

// TermID returns the pipeline's number for a term (a stem, or NumberTerm:
// one word of a feature key, without NegationPrefix). The same term always
// gets the same number from the same pipeline; numbers are dense, from 0,
// and below NoTermID. A consumer that keys its own tables by feature can
// register its terms once and then match what VisitIDs gives without
// building or hashing keys. It returns false when the table of terms is
// full (after NoTermID distinct terms).
func (p *Pipeline) TermID(term string) (uint32, bool) {
	p.idMu.Lock()
	defer p.idMu.Unlock()
	if id, ok := p.ids[term]; ok {
		return id, true
	}
	if len(p.ids) >= p.idLimit {
		return NoTermID, false
	}
	id := uint32(len(p.ids))
	p.ids[strings.Clone(term)] = id
	return id, true
}

// memoScan fills s.mtoks with the tokens of sentence after every filter,
// in the memoized path's compact form.
func (p *Pipeline) memoScan(s *scratch, sentence string) {
	// First the words and their hashes, then the lookups: they do not
	// depend on each other, so the processor overlaps their cache misses.
	spans := s.spans[:0]
	for i := 0; ; {
		start, end, word := nextToken(sentence, i)
		if end == 0 {
			break
		}
		i = end
		var h uint64 // 0 for punctuation
		if word {
			h = maphash.String(p.seed, sentence[start:end]) | 1
		}
		spans = append(spans, span{h: h, start: int32(start), end: int32(end)})
	}
	s.spans = spans
	ts := s.mtoks[:0]
	table := p.words.Load()
	for _, sp := range spans {
		if sp.h == 0 {
			ts = append(ts, mtok{start: sp.start, end: sp.end})
			continue
		}
		w := sentence[sp.start:sp.end]
		if slot := table.get(sp.h, w); slot != nil {
			ts = append(ts, mtok{part: &slot.info.parts[0], id: slot.ids[0], class: slot.class[0], start: sp.start})
			if slot.n == 2 {
				ts = append(ts, mtok{part: &slot.info.parts[1], id: slot.ids[1], class: slot.class[1], start: sp.start})
			}
			continue
		}
		info := p.newWord(sp.h, w)
		for k := range info.n {
			pt := &info.parts[k]
			ts = append(ts, mtok{part: pt, id: pt.id, class: pt.class, start: sp.start})
		}
	}
	if p.cfg.Negation {
		for i := range ts {
			if t := &ts[i]; t.class&pairFirstWord != 0 && i+1 < len(ts) {
				next := &ts[i+1]
				if next.part != nil {
					t.pairNext = next.part.term == t.part.pair
				} else {
					t.pairNext = sentence[next.start:next.end] == t.part.pair
				}
			}
		}
		markNegation(ts, p.cfg.NegationScope)
	}
	if p.cfg.Stopwords {
		n := 0
		for _, t := range ts {
			if t.part == nil || t.class&stopWord == 0 {
				ts[n] = t
				n++
			}
		}
		ts = ts[:n]
	}
	s.mtoks = ts
}

// memoTokens fills s.tokens with the tokens of sentence after every filter,
// exactly as Tokens gives them.
func (p *Pipeline) memoTokens(s *scratch, sentence string) {
	p.memoScan(s, sentence)
	toks := s.tokens[:0]
	for _, t := range s.mtoks {
		if t.part == nil {
			toks = append(toks, Token{Term: sentence[t.start:t.end], Start: int(t.start), End: int(t.end), Kind: Punct})
			continue
		}
		toks = append(toks, Token{
			Term:    t.part.final,
			Start:   int(t.start + t.part.start),
			End:     int(t.start + t.part.end),
			Kind:    Word,
			Negated: t.neg,
		})
	}
	s.tokens = toks
}

// VisitIDs calls visit for every feature occurrence in sentence, in the
// order Visit gives them, with the feature's words as numbers instead of a
// key: words[k] is TermID(term)<<1 | 1 if the k-th word is negated (its
// key carries NegationPrefix), else TermID(term)<<1. A word whose term has
// no number gets NoTermID. The slice is only valid during the call. It
// allocates nothing once the pipeline has seen the sentence's words.
func (p *Pipeline) VisitIDs(sentence string, visit func(words []uint32)) {
	s := p.scratch.Get().(*scratch)
	p.memoScan(s, sentence)
	ts, n := s.mtoks, p.cfg.NGrams
	buf := s.words[:]
	for i := range ts {
		if ts[i].part == nil {
			continue
		}
		for j := i; j < len(ts) && j-i < n; j++ {
			t := &ts[j]
			if t.part == nil {
				break
			}
			code := t.id << 1
			if t.neg {
				code |= 1
			}
			buf[j-i] = code
			visit(buf[:j-i+1])
		}
	}
	p.scratch.Put(s)
}

// Surface is a word of a sentence as the features count it, with the word
// it was written as.
type Surface struct {
	// Term is the word's term: its stem, or NumberTerm, as in feature keys
	// (without NegationPrefix).
	Term string
	// Word is the lowercase word before stemming and number folding
	// ("negotiations" for the term "negoti"; "will" for the "wo" of
	// "won't").
	Word string
}

// Surfaces appends, for every word of sentence that the features count
// (after stopword removal), its term and the word it came from, in order.
func (p *Pipeline) Surfaces(dst []Surface, sentence string) []Surface {
	s := p.scratch.Get().(*scratch)
	p.memoScan(s, sentence)
	for _, t := range s.mtoks {
		if t.part != nil {
			dst = append(dst, Surface{Term: t.part.final, Word: t.part.term})
		}
	}
	p.scratch.Put(s)
	return dst
}
