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
	in := false // inside a negation scope
	left := 0   // words the scope may still cover, when MaxScope > 0
	for i := 0; i < len(tokens); i++ {
		t := &tokens[i]
		if t.Kind == Punct || f.lang.clauseWords[t.Term] {
			in = false
			continue
		}
		if in && f.MaxScope > 0 {
			if left == 0 {
				in = false
			}
			left--
		}
		t.Negated = in
		cue := f.lang.cues[t.Term]
		if second, ok := f.lang.pairCues[t.Term]; ok && i+1 < len(tokens) && tokens[i+1].Term == second {
			tokens[i+1].Negated = in
			i++
			cue = true
		}
		if cue {
			in = !in
			left = f.MaxScope
		}
	}
	return tokens
}
