package features

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// memoSentences are the texts the memoized path is checked on: awkward
// cases written for the test, then every sentence of the corpus in
// ../data/corpus.
func memoSentences(t *testing.T) []string {
	t.Helper()
	out := []string{
		"",
		"...",
		"Iran didn't rule out talks with the U.S., officials said.",
		"Pakistan's army won't tolerate attacks on its troops and would respond \"with full force\" to any violation.",
		"They refused to deny that they would never rule out a ceasefire unless attacked.",
		"The WFP needs $11.3 million to feed 250,000 people; 1,200 have fled since Aug. 25.",
		"Talks TALKS talks Talks: RULED OUT, Ruling out, n't, can't, ca n't, we'll, I'd, they've, O'Neill's.",
		"Москва заявила, что не будет участвовать — 🙂 Café naïve ١٢٣ won’t don\u02bct.",
		"ab\xffcd \xe2\x80 Ef\x00gh \xc3 not\u0301 rule\u200dout",
		"not not not no never without refusing rule out ruled out but not however no",
	}
	files, err := filepath.Glob("../data/corpus/*.tsv")
	require.NoError(t, err)
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		sc := bufio.NewScanner(strings.NewReader(string(b)))
		for sc.Scan() {
			if fields := strings.Split(sc.Text(), "\t"); len(fields) >= 2 && !strings.HasPrefix(fields[0], "#") {
				out = append(out, fields[1])
			}
		}
	}
	return out
}

// memoConfigs are every combination of the boolean settings, with each
// n-gram length and a bounded negation scope.
func memoConfigs() []Config {
	var out []Config
	for mode := 0; mode < 32; mode++ {
		for n := 1; n <= 3; n++ {
			out = append(out, Config{
				Language:      "english",
				Negation:      mode&1 != 0,
				Stopwords:     mode&2 != 0,
				Stem:          mode&4 != 0,
				Numbers:       mode&8 != 0,
				Binary:        mode&16 != 0,
				NGrams:        n,
				NegationScope: (mode + n) % 3,
			})
		}
	}
	return out
}

// checkMemoPath checks that the memoized path gives what the stages give:
// the same tokens, the same keys from VisitIDs as from Visit (read back
// through the pipeline's term table), and Surfaces in step with Tokens.
func checkMemoPath(t *testing.T, p *Pipeline, sentence string) {
	t.Helper()
	want := p.Tokens(nil, sentence)
	s := &scratch{}
	p.memoTokens(s, sentence)
	require.Equal(t, nilIfEmpty(want), nilIfEmpty(s.tokens), "%+v: %q", p.cfg, sentence)

	var fromIDs [][]uint32
	p.VisitIDs(sentence, func(words []uint32) { fromIDs = append(fromIDs, append([]uint32(nil), words...)) })
	var fromKeys [][]uint32
	p.Visit(sentence, func(key []byte) { fromKeys = append(fromKeys, p.keyCodes(t, string(key))) })
	require.Equal(t, fromKeys, fromIDs, "%+v: %q", p.cfg, sentence)

	var terms, gotTerms []string
	for _, tk := range want {
		if tk.Kind == Word {
			terms = append(terms, tk.Term)
		}
	}
	for _, sf := range p.Surfaces(nil, sentence) {
		gotTerms = append(gotTerms, sf.Term)
		if sf.Word == "" || strings.ToLower(sf.Word) != sf.Word {
			t.Fatalf("%q: surface %q of %q is not a lowercase word", sentence, sf.Word, sf.Term)
		}
	}
	require.Equal(t, terms, gotTerms, "%+v: %q", p.cfg, sentence)
}

func nilIfEmpty[T any](x []T) []T {
	if len(x) == 0 {
		return nil
	}
	return x
}

// keyCodes turns a feature key into what VisitIDs gives for it.
func (p *Pipeline) keyCodes(t *testing.T, key string) []uint32 {
	var out []uint32
	for _, w := range strings.Split(key, " ") {
		neg := strings.HasPrefix(w, NegationPrefix)
		id, ok := p.TermID(strings.TrimPrefix(w, NegationPrefix))
		require.True(t, ok)
		code := id << 1
		if neg {
			code |= 1
		}
		out = append(out, code)
	}
	return out
}

// termNames returns the pipeline's terms by ID.
func (p *Pipeline) termNames() []string {
	p.idMu.Lock()
	defer p.idMu.Unlock()
	names := make([]string, len(p.ids))
	for term, id := range p.ids {
		names[id] = term
	}
	return names
}

func TestMemoPathMatchesStages(t *testing.T) {
	sentences := memoSentences(t)
	require.Greater(t, len(sentences), 1000, "the corpus is read")
	for _, c := range memoConfigs() {
		p, err := New(c)
		require.NoError(t, err)
		// Every sentence for the default settings, and a sample for the
		// others.
		step := 1
		if c != DefaultConfig() {
			step = 23
		}
		if testing.Short() {
			step *= 11
		}
		for i := 0; i < len(sentences); i += step {
			checkMemoPath(t, p, sentences[i])
		}
		// Again: this time every word comes from the memo.
		for i := 0; i < len(sentences); i += 7 * step {
			checkMemoPath(t, p, sentences[i])
		}
	}
}

// TestMemoPathWhenFull: past the memo's bound words are worked out on
// every call, and past the term table's bound new terms get NoTermID; the
// tokens and keys stay the same.
func TestMemoPathWhenFull(t *testing.T) {
	sentences := memoSentences(t)[:300]
	p, err := New(DefaultConfig())
	require.NoError(t, err)
	p.memoLimit = 50
	p.idLimit = 80
	for _, s := range sentences {
		want := p.Tokens(nil, s)
		sc := &scratch{}
		p.memoTokens(sc, s)
		require.Equal(t, nilIfEmpty(want), nilIfEmpty(sc.tokens), s)
		var keys, fromIDs []string
		p.Visit(s, func(key []byte) { keys = append(keys, string(key)) })
		require.Equal(t, p.visitKeysLen(s), len(keys))
		names := p.termNames()
		p.VisitIDs(s, func(words []uint32) {
			parts := make([]string, len(words))
			for k, w := range words {
				if w>>1 == NoTermID {
					parts[k] = "?"
					continue
				}
				parts[k] = names[w>>1]
				if w&1 != 0 {
					parts[k] = NegationPrefix + parts[k]
				}
			}
			fromIDs = append(fromIDs, strings.Join(parts, " "))
		})
		require.Len(t, fromIDs, len(keys))
		for i := range keys {
			if !strings.Contains(fromIDs[i], "?") {
				assert.Equal(t, keys[i], fromIDs[i])
			}
		}
	}
	assert.Equal(t, 50, p.words.Load().n+len(p.pending))
	assert.Len(t, p.termNames(), 80)
	_, ok := p.TermID("a-term-never-seen")
	assert.False(t, ok)
	id, ok := p.TermID(p.termNames()[3])
	assert.True(t, ok)
	assert.Equal(t, uint32(3), id)
}

func (p *Pipeline) visitKeysLen(s string) int {
	n := 0
	for _, f := range p.Features(s) {
		_ = f
		n++
	}
	if !p.cfg.Binary {
		return n
	}
	m := 0
	p.Visit(s, func([]byte) { m++ })
	return m
}

func TestTermIDIsStable(t *testing.T) {
	p, err := New(DefaultConfig())
	require.NoError(t, err)
	a, ok := p.TermID("talk")
	require.True(t, ok)
	p.VisitIDs("Talks on talks.", func([]uint32) {})
	b, _ := p.TermID("talk")
	assert.Equal(t, a, b)
	var got []uint32
	p.VisitIDs("talks", func(w []uint32) { got = append(got, w...) })
	assert.Equal(t, []uint32{a << 1}, got)
	got = nil
	p.VisitIDs("not talks", func(w []uint32) { got = append(got, w...) })
	not, _ := p.TermID("not")
	assert.Equal(t, []uint32{not << 1, not << 1, a<<1 | 1, a<<1 | 1}, got, "not, not not_talk, not_talk")
}

// TestMemoConcurrent runs the memoized path from many goroutines on one
// pipeline while its memo fills. Run with -race.
func TestMemoConcurrent(t *testing.T) {
	sentences := memoSentences(t)
	if len(sentences) > 2000 {
		sentences = sentences[:2000]
	}
	ref, err := New(DefaultConfig())
	require.NoError(t, err)
	want := make([]string, len(sentences))
	for i, s := range sentences {
		want[i] = fmt.Sprint(ref.Features(s))
	}
	p, err := New(DefaultConfig())
	require.NoError(t, err)
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for k := range sentences {
				i := (k*7 + g*131) % len(sentences)
				var keys []string
				seen := map[string]bool{}
				p.Visit(sentences[i], func(key []byte) {
					if !seen[string(key)] {
						seen[string(key)] = true
						keys = append(keys, string(key))
					}
				})
				if got := fmt.Sprint(keys); got != want[i] {
					t.Errorf("%q: %s, want %s", sentences[i], got, want[i])
					return
				}
			}
		}(g)
	}
	wg.Wait()
}

// FuzzMemoPath checks the memoized path against the stages on arbitrary
// text and settings: the same tokens, and VisitIDs in step with Visit.
func FuzzMemoPath(f *testing.F) {
	for _, s := range []string{
		"", "Iran didn't rule out talks, but won't negotiate.", "ruled out: rule rule out out", "n't 'n' o'n't",
		"ab\xffcd. \xe2\x80 Ef\x00gh", "Café naïve ١٢٣ won’t 🙂", "not not_x NOT_X no-no",
	} {
		f.Add(s, uint8(0xff))
		f.Add(s, uint8(0x35))
	}
	pipelines := map[uint8]*Pipeline{}
	f.Fuzz(func(t *testing.T, sentence string, mode uint8) {
		p := pipelines[mode]
		if p == nil {
			var err error
			p, err = New(Config{
				Language: "english", Negation: mode&1 != 0, Stopwords: mode&2 != 0, Stem: mode&4 != 0,
				Numbers: mode&8 != 0, Binary: mode&16 != 0, NGrams: int(mode>>5)%3 + 1, NegationScope: int(mode>>7) * 2,
			})
			if err != nil {
				t.Fatal(err)
			}
			pipelines[mode] = p
		}
		checkMemoPath(t, p, sentence)
	})
}
