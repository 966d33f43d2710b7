package features_test

import (
	"bufio"
	"io"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/parley-nlp/parley/features"
)

// TestHardeningAwkwardText runs awkward text through the segmenter and the
// default pipeline: every case must give sane sentences (the invariants of
// checkSentences) and sane features: valid UTF-8 (a model file is JSON,
// which cannot hold anything else), never blank, never made only of
// invisible joiners, variation selectors or combining marks.
func TestHardeningAwkwardText(t *testing.T) {
	p, err := features.New(features.DefaultConfig())
	require.NoError(t, err)
	tests := []struct {
		name      string
		text      string
		sentences []string
		// features must all be among the features of the text (in any
		// sentence); nil asks for none at all.
		features []string
	}{
		{name: "empty", text: ""},
		{name: "whitespace only", text: " \t\r\n\u00a0\u2028\u3000\ufeff \n\n "},
		{name: "punctuation only", text: "... ?! «—» !!! ()", sentences: []string{"...", "?!", "«—» !!!", "()"}},
		{
			name:      "invalid UTF-8",
			text:      "Talks \xff\xfe resumed. Both\xc3 sides met\xe2\x80.",
			sentences: []string{"Talks \xff\xfe resumed.", "Both\xc3 sides met\xe2\x80."},
			features:  []string{"talk", "resum", "side", "met", "side met"},
		},
		{
			name:      "NUL bytes",
			text:      "\x00Talks\x00 resumed. \x00\x00 Both sides met.\x00",
			sentences: []string{"\x00Talks\x00 resumed.", "\x00\x00 Both sides met.\x00"},
			features:  []string{"talk", "resum", "talk resum", "side met"},
		},
		{
			name:      "CRLF line endings and a byte-order mark",
			text:      "\ufeffTalks resumed.\r\nBoth sides met.\r\n\r\nA new paragraph\r\n",
			sentences: []string{"Talks resumed.", "Both sides met.", "A new paragraph"},
			features:  []string{"talk resum", "paragraph"},
		},
		{
			name:      "Cyrillic, Arabic and CJK",
			text:      "Москва и Киев договорились. وصل المبعوث إلى العاصمة. 外交部发言人表示 Talks resumed.",
			sentences: []string{"Москва и Киев договорились.", "وصل المبعوث إلى العاصمة.", "外交部发言人表示 Talks resumed."},
			features:  []string{"москва", "киев", "договорились", "المبعوث", "العاصمة", "外交部发言人表示", "talk"},
		},
		{
			name: "emoji ZWJ sequences, skin tones, flags and keycaps",
			text: "Peace 🕊\ufe0f talks 👨\u200d👩\u200d👧 resumed 🏳\ufe0f\u200d🌈 🤝🏽 🇺🇦 ⚠\ufe0f. Round 1\ufe0f\u20e3 ended.",
			sentences: []string{
				"Peace 🕊\ufe0f talks 👨\u200d👩\u200d👧 resumed 🏳\ufe0f\u200d🌈 🤝🏽 🇺🇦 ⚠\ufe0f.",
				"Round 1\ufe0f\u20e3 ended.",
			},
			features: []string{"peac", "talk", "resum", "round"},
		},
		{
			name:      "a combining mark after a space or a symbol",
			text:      "Talks \u0301resumed. Both \u20e3 sides met.",
			sentences: []string{"Talks \u0301resumed.", "Both \u20e3 sides met."},
			features:  []string{"talk", "resum", "side met"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sents := features.Segment(tt.text)
			checkSentences(t, tt.text, sents)
			if tt.sentences == nil {
				assert.Empty(t, sents)
			} else {
				assert.Equal(t, tt.sentences, texts(sents))
			}
			var all []string
			for _, s := range sents {
				for _, f := range p.Analyze(s.Text) {
					require.True(t, utf8.ValidString(f.Key), "feature %q is not valid UTF-8", f.Key)
					require.True(t, 0 <= f.Start && f.Start < f.End && f.End <= len(s.Text), "feature %q spans [%d,%d] of %q", f.Key, f.Start, f.End, s.Text)
					require.False(t, invisible(f.Key), "feature %q is made of nothing visible (from %q)", f.Key, s.Text[f.Start:f.End])
					all = append(all, f.Key)
				}
				assert.Equal(t, p.Features(s.Text), keysOf(p.Analyze(s.Text)))
			}
			if tt.features == nil {
				assert.Empty(t, all)
			}
			for _, f := range tt.features {
				assert.Contains(t, all, f)
			}
		})
	}
}

// invisible reports whether every rune of s is a mark, a format character
// (such as U+200D ZERO WIDTH JOINER) or space, so that s shows nothing.
func invisible(s string) bool {
	for _, w := range strings.Split(s, " ") {
		if strings.IndexFunc(w, func(r rune) bool {
			return !unicode.IsMark(r) && !unicode.Is(unicode.Cf, r) && !unicode.IsSpace(r)
		}) < 0 {
			return true
		}
	}
	return false
}

func keysOf(fs []features.Feature) []string {
	keys := make([]string, len(fs))
	for i, f := range fs {
		keys[i] = f.Key
	}
	return keys
}

// A single line of 50 MB: the segmenter and the streaming splitter must
// handle it without a "token too long" failure when its sentences are of
// ordinary length, and the segmenter must give the whole text as one
// sentence when it has no end; only a bufio.Scanner, whose buffer bounds a
// token, may then refuse it, with bufio.ErrTooLong.
const (
	hugeLine     = 50 << 20
	hugeSentence = "The two sides agreed on Monday to resume talks on the border. "
)

func TestHardeningHugeLineSegment(t *testing.T) {
	if testing.Short() {
		t.Skip("segments 50 MB")
	}
	n := hugeLine / len(hugeSentence)
	text := strings.Repeat(hugeSentence, n)
	sents := features.Segment(text)
	require.Len(t, sents, n)
	want := strings.TrimSpace(hugeSentence)
	for i, s := range sents {
		if s.Text != want || s.Start != i*len(hugeSentence) || text[s.Start:s.End] != s.Text {
			t.Fatalf("sentence %d: %q at [%d,%d]", i, s.Text, s.Start, s.End)
		}
	}
}

func TestHardeningHugeLineScanSentences(t *testing.T) {
	if testing.Short() {
		t.Skip("scans 50 MB")
	}
	n := hugeLine / len(hugeSentence)
	sc := bufio.NewScanner(&repeatReader{s: hugeSentence, n: n}) // the default buffer: 64 KiB at most
	sc.Split(features.ScanSentences)
	want := strings.TrimSpace(hugeSentence)
	got := 0
	for sc.Scan() {
		if sc.Text() != want {
			t.Fatalf("sentence %d: %q", got, sc.Text())
		}
		got++
	}
	require.NoError(t, sc.Err())
	assert.Equal(t, n, got)
}

func TestHardeningHugeSentence(t *testing.T) {
	if testing.Short() {
		t.Skip("segments 50 MB")
	}
	text := "  " + strings.Repeat("word ", hugeLine/5) + "end"
	sents := features.Segment(text)
	require.Len(t, sents, 1)
	assert.Equal(t, 2, sents[0].Start)
	assert.Equal(t, len(text), sents[0].End)

	sc := bufio.NewScanner(strings.NewReader(text))
	sc.Split(features.ScanSentences)
	assert.False(t, sc.Scan())
	assert.ErrorIs(t, sc.Err(), bufio.ErrTooLong)
}

// repeatReader yields s n times without holding more than s.
type repeatReader struct {
	s   string
	n   int
	off int
}

func (r *repeatReader) Read(p []byte) (int, error) {
	if r.n == 0 {
		return 0, io.EOF
	}
	k := 0
	for k < len(p) && r.n > 0 {
		c := copy(p[k:], r.s[r.off:])
		k += c
		r.off += c
		if r.off == len(r.s) {
			r.off = 0
			r.n--
		}
	}
	return k, nil
}
