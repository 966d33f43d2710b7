package features_test

import (
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/parley-nlp/parley/features"
)

// tok is a token as the tests spell it: its term, the surface text it
// covers, and whether it is punctuation.
type tok struct {
	term, surface string
	punct         bool
}

func w(term, surface string) tok { return tok{term: term, surface: surface} }
func p(mark string) tok          { return tok{term: mark, surface: mark, punct: true} }

// same is a word whose surface is its term.
func same(words ...string) []tok {
	out := make([]tok, len(words))
	for i, s := range words {
		out[i] = w(s, s)
	}
	return out
}

// checkTokens asserts that every token's offsets slice text.
func checkTokens(t *testing.T, text string, toks []features.Token) {
	t.Helper()
	prev := 0
	for i, tk := range toks {
		require.True(t, 0 <= tk.Start && tk.Start <= tk.End && tk.End <= len(text),
			"token %d %q: span [%d,%d] out of [0,%d]", i, tk.Term, tk.Start, tk.End, len(text))
		require.GreaterOrEqual(t, tk.Start, prev, "token %d %q starts before the previous token ends", i, tk.Term)
		prev = tk.End
		if tk.Kind == features.Punct {
			assert.Equal(t, text[tk.Start:tk.End], tk.Term, "punctuation term is its surface")
		}
	}
}

func toToks(text string, toks []features.Token) []tok {
	out := make([]tok, len(toks))
	for i, tk := range toks {
		out[i] = tok{term: tk.Term, surface: text[tk.Start:tk.End], punct: tk.Kind == features.Punct}
	}
	return out
}

func TestUnicodeTokenizer(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []tok
	}{
		{"empty", "", []tok{}},
		{"space only", " \t\n\r\u00a0", []tok{}},
		{"words and punctuation", "Talks resumed, officials said.",
			[]tok{w("talks", "Talks"), w("resumed", "resumed"), p(","), w("officials", "officials"), w("said", "said"), p(".")}},

		// Possessives.
		{"possessive", "Pakistan's army", []tok{w("pakistan", "Pakistan's"), w("army", "army")}},
		{"curly possessive", "Pakistan’s army", []tok{w("pakistan", "Pakistan’s"), w("army", "army")}},
		{"modifier letter apostrophe", "Kyiv\u02bcs mayor", []tok{w("kyiv", "Kyiv\u02bcs"), w("mayor", "mayor")}},
		{"plural possessive", "the generals' plan", []tok{w("the", "the"), w("generals", "generals"), p("'"), w("plan", "plan")}},
		{"capital S possessive", "NATO'S REPLY", []tok{w("nato", "NATO'S"), w("reply", "REPLY")}},

		// Contractions.
		{"didn't", "didn't", []tok{w("did", "did"), w("not", "n't")}},
		{"won't", "won't", []tok{w("will", "wo"), w("not", "n't")}},
		{"can't", "can't", []tok{w("can", "ca"), w("not", "n't")}},
		{"shan't", "shan't", []tok{w("shall", "sha"), w("not", "n't")}},
		{"ain't", "ain't", []tok{w("is", "ai"), w("not", "n't")}},
		{"isn't", "isn't", []tok{w("is", "is"), w("not", "n't")}},
		{"curly didn’t", "didn’t", []tok{w("did", "did"), w("not", "n’t")}},
		{"upper WON'T", "WON'T", []tok{w("will", "WO"), w("not", "N'T")}},
		{"title Can’t", "Can’t", []tok{w("can", "Ca"), w("not", "n’t")}},
		{"bare n't", "n't", []tok{w("not", "n't")}},
		{"we'll", "we'll", []tok{w("we", "we"), w("will", "'ll")}},
		{"they'd", "they'd", []tok{w("they", "they"), w("would", "'d")}},
		{"I'm", "I'm", []tok{w("i", "I"), w("am", "'m")}},
		{"you've", "you’ve", []tok{w("you", "you"), w("have", "’ve")}},
		{"they're", "They're", []tok{w("they", "They"), w("are", "'re")}},
		{"name with apostrophe", "O'Neill", []tok{w("o'neill", "O'Neill")}},
		{"curly name", "D’Alema", []tok{w("d'alema", "D’Alema")}},
		{"quoted word", "'quoted'", []tok{p("'"), w("quoted", "quoted"), p("'")}},
		{"curly quoted word", "‘curly’", []tok{p("‘"), w("curly", "curly"), p("’")}},
		{"trailing apostrophe after contraction", "don't'", []tok{w("do", "do"), w("not", "n't"), p("'")}},

		// Hyphens.
		{"hyphenated", "cease-fire", []tok{w("cease-fire", "cease-fire")}},
		{"two hyphens", "Mother-in-law", []tok{w("mother-in-law", "Mother-in-law")}},
		{"non-breaking hyphen", "cease\u2011fire", []tok{w("cease\u2011fire", "cease\u2011fire")}},
		{"dangling hyphen", "pre- and post-war", []tok{w("pre", "pre"), p("-"), w("and", "and"), w("post-war", "post-war")}},
		{"dash between words", "talks -- again", []tok{w("talks", "talks"), p("-"), p("-"), w("again", "again")}},
		{"em dash", "talks—again", []tok{w("talks", "talks"), p("—"), w("again", "again")}},
		{"leading minus", "-5", []tok{p("-"), w("5", "5")}},

		// Unicode letters.
		{"accented", "Café Zürich naïve", []tok{w("café", "Café"), w("zürich", "Zürich"), w("naïve", "naïve")}},
		{"uppercase accented", "ÉLYSÉE", []tok{w("élysée", "ÉLYSÉE")}},
		{"combining mark", "Ghani\u0301", []tok{w("ghani\u0301", "Ghani\u0301")}},
		{"Cyrillic", "Москва заявила", []tok{w("москва", "Москва"), w("заявила", "заявила")}},
		{"Arabic", "القاهرة ترحب", same("القاهرة", "ترحب")},
		{"Arabic with harakat", "سَلام", same("سَلام")},
		{"Greek", "Αθήνα", []tok{w("αθήνα", "Αθήνα")}},
		{"CJK", "北京", same("北京")},
		{"Devanagari", "नेपाल", same("नेपाल")},

		// Numbers.
		{"decimal", "3.5", same("3.5")},
		{"thousands", "1,200", same("1,200")},
		{"thousands and decimal", "1,200,000.50", same("1,200,000.50")},
		{"percent", "2.7%", []tok{w("2.7", "2.7"), p("%")}},
		{"money", "$1.2bn", []tok{p("$"), w("1.2bn", "1.2bn")}},
		{"number ends a sentence", "rose 35.", []tok{w("rose", "rose"), w("35", "35"), p(".")}},
		{"comma after a number", "35, then", []tok{w("35", "35"), p(","), w("then", "then")}},
		{"comma before a letter", "3,x", []tok{w("3", "3"), p(","), w("x", "x")}},
		{"dot before a letter", "3.x", []tok{w("3", "3"), p("."), w("x", "x")}},
		{"ordinal", "21st", same("21st")},
		{"Arabic-Indic digits", "١٢٣ ٤٥", same("١٢٣", "٤٥")},
		{"time", "10:30", []tok{w("10", "10"), p(":"), w("30", "30")}},

		// Emoji and symbols.
		{"emoji", "peace 🕊 now 🙂", []tok{w("peace", "peace"), p("🕊"), w("now", "now"), p("🙂")}},
		{"symbols", "€ + © ✓", []tok{p("€"), p("+"), p("©"), p("✓")}},
		{"brackets and quotes", "(“yes”)", []tok{p("("), p("“"), w("yes", "yes"), p("”"), p(")")}},

		// Acronyms.
		{"U.S.", "U.S. troops", []tok{w("u.s.", "U.S."), w("troops", "troops")}},
		{"U.N.", "the U.N.", []tok{w("the", "the"), w("u.n.", "U.N.")}},
		{"a.m.", "7 a.m.", []tok{w("7", "7"), w("a.m.", "a.m.")}},
		{"U.S.-led", "U.S.-led", []tok{w("u.s.-led", "U.S.-led")}},
		{"three letters", "F.B.I. agents", []tok{w("f.b.i.", "F.B.I."), w("agents", "agents")}},
		{"no final dot", "U.S", []tok{w("u", "U"), p("."), w("s", "S")}},
		{"initial", "W. Bush", []tok{w("w", "W"), p("."), w("bush", "Bush")}},
		{"word then dot", "Mr. Khan", []tok{w("mr", "Mr"), p("."), w("khan", "Khan")}},
	}
	tk := features.NewUnicodeTokenizer("english")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tk.Tokenize(nil, tt.text)
			checkTokens(t, tt.text, got)
			assert.Equal(t, tt.want, toToks(tt.text, got))
		})
	}
}

func TestUnicodeTokenizerAppends(t *testing.T) {
	tk := features.NewUnicodeTokenizer("english")
	dst := tk.Tokenize(nil, "one")
	dst = tk.Tokenize(dst, "two three")
	require.Len(t, dst, 3)
	assert.Equal(t, "one", dst[0].Term)
	assert.Equal(t, "two", dst[1].Term)
	assert.Equal(t, features.Token{Term: "three", Start: 4, End: 9, Kind: features.Word}, dst[2])
}

func TestUnicodeTokenizerUnknownLanguage(t *testing.T) {
	// Without a language there are no contraction rules: the word stays whole.
	tk := features.NewUnicodeTokenizer("klingon")
	got := tk.Tokenize(nil, "didn't Pakistan's")
	assert.Equal(t, []tok{w("didn't", "didn't"), w("pakistan's", "Pakistan's")}, toToks("didn't Pakistan's", got))
}

func TestUnicodeTokenizerNeverNegated(t *testing.T) {
	tk := features.NewUnicodeTokenizer("english")
	for _, tk := range tk.Tokenize(nil, "They did not attend, and won't.") {
		assert.False(t, tk.Negated, tk.Term)
	}
}

func TestUnicodeTokenizerInvalidUTF8(t *testing.T) {
	text := "ab\xffcd \xe2\x80 talks\x00 didn\xe2t"
	got := features.NewUnicodeTokenizer("english").Tokenize(nil, text)
	checkTokens(t, text, got)
	for _, tk := range got {
		assert.True(t, utf8.ValidString(tk.Term) || tk.Kind == features.Punct, "word term %q", tk.Term)
	}
}
