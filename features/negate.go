package features

// NegationFilter marks the words that fall inside the scope of a negation.
//
// A cue (not, no, never, n't, without, refuse, deny, reject, "rule out", ...)
// opens a scope that covers the following words up to the next punctuation
// mark or clause word (but, however, although, if, unless, ...), or up to
// MaxScope words when MaxScope is positive. A cue inside an open scope closes
// it, so a double negation reads as a plain statement: in "did not rule out
// military action", "rule out" is negated and "military action" is not, while
// in "ruled out military action" it is the other way round.
//
// The filter runs before stopword removal, so "not" and "no" still stand in
// the stream when it looks for cues, and the clause words it needs are there.
type NegationFilter struct {
	lang     *language
	MaxScope int
}

// NewNegationFilter returns a negation filter for the named language.
func NewNegationFilter(lang string, maxScope int) NegationFilter {
	return NegationFilter{lang: languages[lang], MaxScope: maxScope}
}

// Filter implements TokenFilter.
// A filter without a known language (the zero value, or one made for an
// unsupported language) passes tokens through unchanged.
func (f NegationFilter) Filter(tokens []Token) []Token {
	if f.lang == nil {
		return tokens
	}
	// The rules run on the compact form the memoized path uses too (on
	// the stack, for a sentence of common length).
	var buf [64]mtok
	ts := buf[:0]
	if len(tokens) > len(buf) {
		ts = make([]mtok, 0, len(tokens))
	}
	ts = ts[:len(tokens)]
	for i, t := range tokens {
		ts[i] = mtok{neg: t.Negated} // kept where the rules set nothing
		if t.Kind == Punct {
			continue
		}
		cl := f.lang.classes[t.Term]
		ts[i].part, ts[i].class = anyWord, cl
		ts[i].pairNext = cl&pairFirstWord != 0 && i+1 < len(tokens) && tokens[i+1].Term == f.lang.pairCues[t.Term]
	}
	markNegation(ts, f.MaxScope)
	for i := range tokens {
		tokens[i].Negated = ts[i].neg
	}
	return tokens
}

// anyWord marks a word in the tokens NegationFilter hands to markNegation,
// which looks at no more of it than its class.
var anyWord = &wordPart{}

// markNegation sets neg on the words of ts that fall inside a negation
// scope (see NegationFilter); maxScope is NegationFilter.MaxScope. The
// rules are written once, here, for both the stages and the memoized path.
func markNegation(ts []mtok, maxScope int) {
	in := false // inside a negation scope
	left := 0   // words the scope may still cover, when maxScope > 0
	for i := 0; i < len(ts); i++ {
		t := &ts[i]
		if t.part == nil {
			in = false
			continue
		}
		cl := t.class
		if cl&clauseWord != 0 {
			in = false
			continue
		}
		if in && maxScope > 0 {
			if left == 0 {
				in = false
			}
			left--
		}
		t.neg = in
		cue := cl&cueWord != 0
		if t.pairNext {
			ts[i+1].neg = in
			i++
			cue = true
		}
		if cue {
			in = !in
			left = maxScope
		}
	}
}
