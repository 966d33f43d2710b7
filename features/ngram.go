package features

// NegationPrefix starts the key of a word inside a negation scope:
// "talk" becomes "not_talk".
const NegationPrefix = "not_"

// ngramSep joins the words of an n-gram key: "peac talk".
const ngramSep = ' '

// Feature is one feature of a sentence with the span of text it came from.
type Feature struct {
	// Key is the feature as the model counts it: a stem ("talk"), a negated
	// stem ("not_talk"), or stems joined by a space ("peac talk").
	Key string
	// Start and End are byte offsets in the sentence: text[Start:End]
	// covers the words behind the feature.
	Start, End int
}

// visitNGrams calls visit with the key of every n-gram of length 1..n over
// the words of tokens. N-grams never cross punctuation. buf is scratch space
// for building keys; the key passed to visit is valid only during the call.
// It returns buf for reuse.
func visitNGrams(tokens []Token, n int, buf []byte, visit func(key []byte, first, last int)) []byte {
	for i := range tokens {
		if tokens[i].Kind != Word {
			continue
		}
		buf = buf[:0]
		for j := i; j < len(tokens) && j-i < n; j++ {
			t := &tokens[j]
			if t.Kind != Word {
				break
			}
			if j > i {
				buf = append(buf, ngramSep)
			}
			if t.Negated {
				buf = append(buf, NegationPrefix...)
			}
			buf = append(buf, t.Term...)
			visit(buf, i, j)
		}
	}
	return buf
}
