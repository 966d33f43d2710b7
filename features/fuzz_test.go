package features_test

import (
	"bufio"
	"bytes"
	"strings"
	"testing"
	"unicode"

	"github.com/parley-nlp/parley/features"
)

// fuzzSeeds are inputs every fuzz target starts from (besides the files in
// testdata/fuzz).
var fuzzSeeds = []string{
	"",
	" ",
	".",
	"...",
	"\n\n",
	"ISLAMABAD: Pakistan said on Tuesday it was ready for talks. The army agreed.",
	"TEHRAN (Reuters) - Iran did not rule out military action, officials said.",
	"KABUL, Afghanistan -- Lt. Col. Smith met Gen. Pace in the U.S. The talks failed.",
	"NAIROBI, Kenya (AFP) -- Growth was 3.5% in May. It rose $1.2bn. Inflation hit 2.7 percent.",
	`"Why now?" he asked. "Because!" she said... Then nothing.`,
	"BEIJING — “We won’t accept this,” he said. (Nobody did.)\r\n\r\nMr. Li didn't comment.",
	"UNITED NATIONS: The U.N. Security Council met on Jan. 5. George W. Bush spoke.",
	"Москва заявила… القاهرة ترحب. Café naïve 🙂 ١٢٣.",
	"U.S. officials said. A man was killed.\n\nAIDS (acquired immune deficiency syndrome) remains.",
	"ab\xffcd. \xe2\x80 Ef\x00gh. \xc3",
	"Mr.\r\nSmith left. She said. “the end”",
	"\ufeffGen.\u00a0\u2028Ortiz.\u2029Done",
}

// isGap reports whether r may sit between sentences: space or a byte order
// mark.
func isGap(r rune) bool { return unicode.IsSpace(r) || r == '\ufeff' }

func FuzzSegment(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		sents := features.Segment(text)
		prev := 0
		for i, s := range sents {
			if s.Start < prev || s.Start >= s.End || s.End > len(text) {
				t.Fatalf("sentence %d: span [%d,%d] after %d in a text of %d bytes", i, s.Start, s.End, prev, len(text))
			}
			if text[s.Start:s.End] != s.Text {
				t.Fatalf("sentence %d: Text %q != text[%d:%d] %q", i, s.Text, s.Start, s.End, text[s.Start:s.End])
			}
			gap := text[prev:s.Start]
			if i == 0 {
				// Space, then maybe a dateline, then space.
				gap = strings.TrimLeftFunc(gap, isGap)
				gap = gap[features.DatelineLen(gap):]
			}
			if strings.TrimFunc(gap, isGap) != "" {
				t.Fatalf("sentence %d: text %q lost before it", i, gap)
			}
			prev = s.End
		}
		if rest := text[prev:]; strings.TrimFunc(rest, isGap) != "" {
			if len(sents) > 0 || features.DatelineLen(strings.TrimLeftFunc(rest, isGap)) == 0 {
				t.Fatalf("text %q lost at the end", rest)
			}
		}
	})
}

func FuzzScanSentences(f *testing.F) {
	for i, s := range fuzzSeeds {
		f.Add([]byte(s), uint8(i))
	}
	f.Fuzz(func(t *testing.T, data []byte, chunk uint8) {
		whole := scanBytes(t, bytes.NewReader(data))
		n := int(chunk)%16 + 1
		parts := scanBytes(t, &chunkReader{s: string(data), n: n})
		if !equalStrings(whole, parts) {
			t.Fatalf("read whole: %q\nread %d bytes at a time: %q", whole, n, parts)
		}
		// Streaming splits as Segment does (Segment also strips a dateline).
		text := string(data)
		sents := features.Segment(text)
		if len(sents) == 0 {
			return
		}
		want := texts(sents)
		got := scanBytes(t, strings.NewReader(text[sents[0].Start:]))
		if !equalStrings(want, got) {
			t.Fatalf("Segment: %q\nScanSentences: %q", want, got)
		}
	})
}

// scanBytes splits r with ScanSentences and checks every token is non-empty.
func scanBytes(t *testing.T, r interface{ Read([]byte) (int, error) }) []string {
	t.Helper()
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64), 1<<20)
	sc.Split(features.ScanSentences)
	var out []string
	for sc.Scan() {
		if len(sc.Bytes()) == 0 {
			t.Fatalf("empty token after %q", out)
		}
		out = append(out, sc.Text())
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("scan: %v", err)
	}
	return out
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// fuzzConfig derives a valid pipeline config from the bits of mode.
func fuzzConfig(mode uint8) features.Config {
	return features.Config{
		Language:      "english",
		Negation:      mode&1 != 0,
		Stopwords:     mode&2 != 0,
		Stem:          mode&4 != 0,
		Numbers:       mode&8 != 0,
		Binary:        mode&16 != 0,
		NGrams:        int(mode>>5)%3 + 1,
		NegationScope: int(mode>>7) * 2,
	}
}

func FuzzPipeline(f *testing.F) {
	for i, s := range fuzzSeeds {
		f.Add(s, uint8(i*37))
		f.Add(s, uint8(0xff))
	}
	pipelines := map[uint8]*features.Pipeline{}
	f.Fuzz(func(t *testing.T, sentence string, mode uint8) {
		p := pipelines[mode]
		if p == nil {
			var err error
			if p, err = features.New(fuzzConfig(mode)); err != nil {
				t.Fatal(err)
			}
			pipelines[mode] = p
		}
		keys := p.Features(sentence)
		an := p.Analyze(sentence)
		if len(keys) != len(an) {
			t.Fatalf("Features gives %d keys, Analyze %d", len(keys), len(an))
		}
		for i, fe := range an {
			if fe.Key != keys[i] {
				t.Fatalf("feature %d: Features %q, Analyze %q", i, keys[i], fe.Key)
			}
			if fe.Key == "" {
				t.Fatalf("feature %d: empty key", i)
			}
			if fe.Start < 0 || fe.Start > fe.End || fe.End > len(sentence) {
				t.Fatalf("feature %q: span [%d,%d] out of [0,%d]", fe.Key, fe.Start, fe.End, len(sentence))
			}
		}
		var visited []string
		p.Visit(sentence, func(key []byte) { visited = append(visited, string(key)) })
		if p.Config().Binary {
			visited = dedupe(visited)
		}
		if !equalStrings(keys, visited) {
			t.Fatalf("Features %q\nVisit %q", keys, visited)
		}
		for _, tk := range p.Tokens(nil, sentence) {
			if tk.Start < 0 || tk.Start > tk.End || tk.End > len(sentence) {
				t.Fatalf("token %q: span [%d,%d] out of [0,%d]", tk.Term, tk.Start, tk.End, len(sentence))
			}
		}
	})
}
