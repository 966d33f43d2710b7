package features

import (
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// Sentence is one sentence of a text with its place in it.
type Sentence struct {
	// Text is the sentence as written: text[Start:End], with surrounding
	// space trimmed and, for the first sentence, the dateline removed.
	Text string `json:"text"`
	// Start and End are byte offsets in the segmented text.
	Start int `json:"start"`
	End   int `json:"end"`
}

// Segment splits news text into sentences.
//
// A sentence ends at '.', '!', '?' or an ellipsis, together with any closing
// quotes and brackets that follow ("...," he said." / "(...)."), when the next
// word begins a new sentence; and always at a paragraph break (a blank line).
// A full stop does not end a sentence after a title or an initial (Mr., Gen.,
// Sen., George W. Bush), inside a number (3.5%, $1.2bn), or before a
// lowercase word. After a multi-letter abbreviation (U.S., U.N., a.m.) it ends
// one only when the next word is a usual sentence opener ("... on the U.S.
// The ministry said"), not a name ("the U.S. Embassy"). A dateline at the
// start of the text ("ISLAMABAD:", "TEHRAN (Reuters) -", "KABUL, Afghanistan
// --") is not part of the first sentence.
func Segment(text string) []Sentence {
	var out []Sentence
	i := skipSpace(text, 0)
	if n := DatelineLen(text[i:]); n > 0 {
		i = skipSpace(text, i+n)
	}
	for i < len(text) {
		end, next := sentenceEnd(text, i, true)
		if s, e := trimSpan(text, i, end); e > s {
			out = append(out, Sentence{Text: text[s:e], Start: s, End: e})
		}
		i = skipSpace(text, next)
	}
	return out
}

// ScanSentences is a bufio.SplitFunc that yields the sentences of a text
// by the rules of Segment (without dateline removal), trimmed of
// surrounding space. Use it to split a stream of any length; a sentence
// longer than the Scanner's buffer is an error of the Scanner
// (bufio.ErrTooLong), so set Scanner.Buffer for unusual input.
func ScanSentences(data []byte, atEOF bool) (advance int, token []byte, err error) {
	// View data as a string without copying it: the Scanner calls this
	// with its whole buffer each time, and a copy per call made streaming
	// quadratic in the buffer size. text does not outlive this call, and
	// data is not modified during it.
	text := unsafe.String(unsafe.SliceData(data), len(data))
	start := skipSpace(text, 0)
	if start == len(text) {
		if atEOF {
			return len(data), nil, nil
		}
		return start, nil, nil
	}
	end, next := sentenceEnd(text, start, atEOF)
	if end < 0 {
		// Undecided: the boundary needs text beyond what is buffered.
		return start, nil, nil
	}
	s, e := trimSpan(text, start, end)
	return next, data[s:e], nil
}

// sentenceEnd finds the end of the sentence that starts at i: it returns the
// end offset (exclusive) and where the next sentence may start. When
// complete is false (a stream with more to come), it returns -1, -1 if the
// decision needs text past the end of the buffer.
func sentenceEnd(text string, i int, complete bool) (end, next int) {
	j := i
	for j < len(text) {
		c := text[j]
		if c == '\n' {
			if k, ok := paragraphBreak(text, j); ok {
				return j, k
			}
			j++
			continue
		}
		r, size := rune(c), 1
		if c >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[j:])
		}
		if !isTerminator(r) {
			j += size
			continue
		}
		// A run of terminators, then closing quotes and brackets.
		k := j + size
		ellipsis := r == '\u2026'
		for k < len(text) {
			r2, s2 := utf8.DecodeRuneInString(text[k:])
			if !isTerminator(r2) {
				break
			}
			ellipsis = ellipsis || r2 == '.'
			k += s2
		}
		closed := false
		for k < len(text) {
			r2, s2 := utf8.DecodeRuneInString(text[k:])
			if !isCloser(r2) {
				break
			}
			closed = true
			k += s2
		}
		if k == len(text) {
			if !complete {
				return -1, -1
			}
			return k, k
		}
		r2, _ := utf8.DecodeRuneInString(text[k:])
		if !unicode.IsSpace(r2) {
			j = k // "3.5", "U.S.", "a.m.,": inside a word
			continue
		}
		m := skipSpace(text, k)
		if m == len(text) {
			if !complete {
				return -1, -1
			}
			return k, m
		}
		if hasBlankLine(text[k:m]) {
			return k, m
		}
		if !complete && !wordComplete(text[m:]) {
			// The decision looks at the next word: wait until it is whole.
			return -1, -1
		}
		if endsSentence(text, i, j, r, ellipsis, closed, text[m:]) {
			return k, m
		}
		j = k
	}
	if !complete {
		return -1, -1
	}
	return len(text), len(text)
}

func isTerminator(r rune) bool { return r == '.' || r == '!' || r == '?' || r == '\u2026' }

func isCloser(r rune) bool {
	switch r {
	case '"', '\'', ')', ']', '\u201d', '\u2019', '\u00bb', '\u203a':
		return true
	}
	return false
}

func isOpener(r rune) bool {
	switch r {
	case '"', '\'', '(', '[', '\u201c', '\u2018', '\u00ab', '\u2039':
		return true
	}
	return false
}

// endsSentence decides whether the terminator r at text[j] (the sentence
// began at i) ends the sentence, given what follows the space after it.
func endsSentence(text string, i, j int, r rune, ellipsis, closed bool, after string) bool {
	nr, _ := utf8.DecodeRuneInString(after)
	if isOpener(nr) {
		// Judge by the first letter inside the quote or bracket.
		_, size := utf8.DecodeRuneInString(after)
		nr, _ = utf8.DecodeRuneInString(after[size:])
	}
	if unicode.IsLower(nr) {
		return false
	}
	if r != '.' || ellipsis || closed {
		return true
	}
	word := wordBefore(text, i, j)
	next := firstWord(after)
	switch {
	case word == "":
		return true
	case titles[word]:
		return false // Mr. Smith, Gen. Pace
	case len(word) == 1 && unicode.IsUpper(rune(word[0])):
		return false // George W. Bush
	case numberAbbrevs[word] && unicode.IsDigit(nr):
		return false // Jan. 5, No. 2
	case startsWithDigit(word):
		return true // "measuring 6.7. Experts", "$1.2bn. The": a number, not an abbreviation
	case strings.Contains(word, ".") || otherAbbrevs[strings.ToLower(word)]:
		return openers[strings.ToLower(next)] // U.S. The ... / U.S. Embassy
	}
	return true
}

// wordBefore returns the word that ends at text[j] (the full stop), with
// inner dots ("U.S" for "U.S.").
func wordBefore(text string, i, j int) string {
	k := j
	for k > i {
		r, size := utf8.DecodeLastRuneInString(text[i:k])
		if !(r == '.' || isWordRune(r)) {
			break
		}
		k -= size
	}
	return text[k:j]
}

// firstWord returns the leading letters of s, after any opening quote.
func firstWord(s string) string {
	s = strings.TrimLeftFunc(s, isOpener)
	end := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
	if end < 0 {
		return s
	}
	return s[:end]
}

// wordComplete reports whether s holds the whole of its first word (after
// any opening quotes or brackets): a complete rune that is not a letter
// follows it.
func wordComplete(s string) bool {
	s = strings.TrimLeftFunc(s, isOpener)
	for len(s) > 0 {
		if !utf8.FullRuneInString(s) {
			return false
		}
		r, size := utf8.DecodeRuneInString(s)
		if !unicode.IsLetter(r) {
			return true
		}
		s = s[size:]
	}
	return false
}

func startsWithDigit(word string) bool {
	r, _ := utf8.DecodeRuneInString(word)
	return unicode.IsDigit(r)
}

// hasBlankLine reports whether the space space holds a blank line: a
// newline, optional spaces, tabs and carriage returns, and another newline.
func hasBlankLine(space string) bool {
	for i := 0; i < len(space); i++ {
		if space[i] == '\n' {
			if _, ok := paragraphBreak(space, i); ok {
				return true
			}
		}
	}
	return false
}

// paragraphBreak reports whether a blank line starts at the newline at j,
// and where the text after it starts.
func paragraphBreak(text string, j int) (int, bool) {
	k := j + 1
	for k < len(text) && (text[k] == ' ' || text[k] == '\t' || text[k] == '\r') {
		k++
	}
	if k < len(text) && text[k] == '\n' {
		return k + 1, true
	}
	return 0, false
}

func skipSpace(text string, i int) int {
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsSpace(r) && r != '\ufeff' {
			break
		}
		i += size
	}
	return i
}

// trimSpan trims space from both ends of text[s:e].
func trimSpan(text string, s, e int) (int, int) {
	s = skipSpace(text, s)
	for e > s {
		r, size := utf8.DecodeLastRuneInString(text[s:e])
		if !unicode.IsSpace(r) {
			break
		}
		e -= size
	}
	return s, e
}

// titles precede a name and never end a sentence.
var titles = set(`Mr Mrs Ms Messrs Dr Prof Gen Lt Col Maj Capt Cmdr Adm Brig Sgt Cpl Pvt Gov Sen Rep Amb Pres
Rev Fr Sr Sra St Hon Supt Insp Det Atty Gens Sens Reps Govs`)

// numberAbbrevs precede a number: "Jan. 5", "No. 2", "Art. 51".
var numberAbbrevs = set(`Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec No Nos Art Vol pp p Fig`)

// otherAbbrevs end with a full stop that may or may not end the sentence.
var otherAbbrevs = set(`inc corp co ltd jr etc vs approx est dept univ assn bros`)

// openers are words that usually begin a sentence; after an ambiguous
// abbreviation they decide that a new sentence has begun.
var openers = set(`the a an he she it they we i you his her its their our this that these those there
but and or yet so in on at for from by with after before during while when as if although though however
meanwhile earlier later officials many some no one both neither several`)
