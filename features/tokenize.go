package features

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// UnicodeTokenizer splits text into words and punctuation marks. A word is a
// run of Unicode letters, digits and combining marks; an apostrophe (straight
// or curly) or a hyphen inside a word joins it ("cease-fire", "O'Neill").
// Words are lowercased and curly apostrophes made straight. Possessive 's is
// dropped ("Pakistan's" gives "pakistan"), and English contractions are split
// into two words: "didn't" gives "did" and "not", "won't" "will" and "not",
// "we'll" "we" and "will".
type UnicodeTokenizer struct {
	lang *language
}

// NewUnicodeTokenizer returns a tokenizer for the named language.
func NewUnicodeTokenizer(lang string) UnicodeTokenizer {
	return UnicodeTokenizer{lang: languages[lang]}
}

// Tokenize implements Tokenizer.
func (t UnicodeTokenizer) Tokenize(dst []Token, text string) []Token {
	for i := 0; ; {
		start, end, word := nextToken(text, i)
		switch {
		case end == 0:
			return dst
		case word:
			dst = t.appendWord(dst, text, start, end)
		default:
			dst = append(dst, Token{Term: text[start:end], Start: start, End: end, Kind: Punct})
		}
		i = end
	}
}

// nextToken finds the first token at or after byte i of text: a word
// text[start:end] (word is true) or one punctuation mark or symbol. It
// returns end 0 when there is none.
func nextToken(text string, i int) (start, end int, word bool) {
	for i < len(text) {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		switch {
		case r == ' ':
		case isWordRune(r) && (r < utf8.RuneSelf || !unicode.IsMark(r)):
			// A mark belongs to the word before it; one with no word
			// before it (U+FE0F after an emoji) is skipped.
			return i, wordEnd(text, i), true
		case unicode.IsPunct(r) || unicode.IsSymbol(r):
			return i, i + size, false
		}
		i += size
	}
	return 0, 0, false
}

// asciiWord marks the ASCII bytes that are word runes: letters and digits.
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	return t
}()

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

func isApostrophe(r rune) bool { return r == '\'' || r == '\u2019' || r == '\u02bc' }

func isHyphen(r rune) bool { return r == '-' || r == '\u2010' || r == '\u2011' }

// wordEnd returns the end of the word that starts at i. Apostrophes and
// hyphens belong to the word only when a word character follows them; a
// decimal point or thousands comma between digits belongs to the number.
func wordEnd(text string, i int) int {
	prevDigit := false
	seg := 0      // word runes since the start or the last dot
	dots := false // an acronym such as "U.S." or "a.m."
	for i < len(text) {
		r, size := rune(text[i]), 1
		if r < utf8.RuneSelf {
			if asciiWord[r] {
				prevDigit = r <= '9'
				seg++
				i++
				continue
			}
		} else {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		if isWordRune(r) {
			prevDigit = r >= '0' && r <= '9'
			seg++
			i += size
			continue
		}
		if r == '.' && seg == 1 && !prevDigit {
			// An acronym: a single letter, a dot, then a single letter and
			// a dot ("U.S.") or, once in one, a final dot.
			next, nsize := utf8.DecodeRuneInString(text[i+1:])
			if dots || (nsize > 0 && unicode.IsLetter(next) && strings.HasPrefix(text[i+1+nsize:], ".")) {
				dots = true
				seg = 0
				i++
				continue
			}
		}
		if isApostrophe(r) || isHyphen(r) || (prevDigit && (r == '.' || r == ',')) {
			next, nsize := utf8.DecodeRuneInString(text[i+size:])
			if nsize > 0 && isWordRune(next) && (!(r == '.' || r == ',') || next >= '0' && next <= '9') {
				i += size
				continue
			}
		}
		break
	}
	return i
}

// appendWord lowercases the word text[start:end], splits contractions and
// drops possessives, and appends the result.
func (t UnicodeTokenizer) appendWord(dst []Token, text string, start, end int) []Token {
	surface := text[start:end]
	a, asize := lastApostrophe(surface)
	if a <= 0 || t.lang == nil {
		return append(dst, Token{Term: lower(surface), Start: start, End: end, Kind: Word})
	}
	stem := lower(surface[:a])
	suffix := lower(surface[a+asize:])
	cut := start + a
	switch {
	case suffix == "t" && strings.HasSuffix(stem, "n"):
		base := stem[:len(stem)-1]
		if full, ok := t.lang.clitics[base]; ok {
			base = full
		}
		if base != "" {
			dst = append(dst, Token{Term: base, Start: start, End: cut - 1, Kind: Word})
		}
		return append(dst, Token{Term: "not", Start: cut - 1, End: end, Kind: Word})
	case suffix == "s":
		return append(dst, Token{Term: stem, Start: start, End: end, Kind: Word})
	}
	if full, ok := contractions[suffix]; ok {
		dst = append(dst, Token{Term: stem, Start: start, End: cut, Kind: Word})
		return append(dst, Token{Term: full, Start: cut, End: end, Kind: Word})
	}
	return append(dst, Token{Term: lower(surface), Start: start, End: end, Kind: Word})
}

// contractions maps an English clitic to the word it stands for.
var contractions = map[string]string{"ll": "will", "d": "would", "ve": "have", "re": "are", "m": "am"}

// lastApostrophe returns the byte index and size of the last apostrophe in
// word, or -1.
func lastApostrophe(word string) (int, int) {
	for i := len(word) - 1; i >= 0; i-- {
		if word[i] == '\'' {
			return i, 1
		}
		if word[i] >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(word[i:])
			if size > 1 && isApostrophe(r) {
				return i, size
			}
		}
	}
	return -1, 0
}

// lower lowercases s, returning s itself when it is lowercase ASCII already
// (the common case, which then costs no allocation). Curly apostrophes
// become straight ones.
func lower(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' {
			return strings.Map(func(r rune) rune {
				if r == '\u2019' || r == '\u02bc' {
					return '\''
				}
				return unicode.ToLower(r)
			}, s)
		}
	}
	return s
}
