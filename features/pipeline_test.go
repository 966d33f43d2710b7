package features_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/parley-nlp/parley/features"
)

func TestDefaultConfig(t *testing.T) {
	c := features.DefaultConfig()
	require.NoError(t, c.Validate())
	assert.Equal(t, features.Config{
		Language: "english", Negation: true, Stopwords: true, Stem: true,
		Numbers: true, NGrams: 2, Binary: true,
	}, c)
}

func TestConfigValidate(t *testing.T) {
	tests := []struct {
		name    string
		edit    func(*features.Config)
		wantErr string // "" for a valid config
	}{
		{"default", func(*features.Config) {}, ""},
		{"unigrams", func(c *features.Config) { c.NGrams = 1 }, ""},
		{"trigrams", func(c *features.Config) { c.NGrams = 3 }, ""},
		{"scope", func(c *features.Config) { c.NegationScope = 4 }, ""},
		{"all off", func(c *features.Config) { *c = features.Config{Language: "english", NGrams: 1} }, ""},
		{"empty language", func(c *features.Config) { c.Language = "" }, `unsupported language ""`},
		{"unknown language", func(c *features.Config) { c.Language = "klingon" }, `unsupported language "klingon" (supported: english)`},
		{"language case", func(c *features.Config) { c.Language = "English" }, `unsupported language "English"`},
		{"zero ngrams", func(c *features.Config) { c.NGrams = 0 }, "ngrams must be 1, 2 or 3, not 0"},
		{"four ngrams", func(c *features.Config) { c.NGrams = 4 }, "ngrams must be 1, 2 or 3, not 4"},
		{"negative ngrams", func(c *features.Config) { c.NGrams = -1 }, "ngrams must be 1, 2 or 3, not -1"},
		{"negative scope", func(c *features.Config) { c.NegationScope = -1 }, "negation scope must not be negative, got -1"},
		{"zero value", func(c *features.Config) { *c = features.Config{} }, "unsupported language"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := features.DefaultConfig()
			tt.edit(&c)
			err := c.Validate()
			p, newErr := features.New(c)
			if tt.wantErr == "" {
				require.NoError(t, err)
				require.NoError(t, newErr)
				assert.Equal(t, c, p.Config())
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.wantErr)
			assert.True(t, strings.HasPrefix(err.Error(), "feature config: "), err.Error())
			assert.Nil(t, p)
			assert.EqualError(t, newErr, err.Error(), "New reports the Validate error")
		})
	}
}

func TestConfigJSON(t *testing.T) {
	c := features.DefaultConfig()
	c.NegationScope = 3
	b, err := json.Marshal(c)
	require.NoError(t, err)
	assert.JSONEq(t, `{"language":"english","negation":true,"negation_scope":3,"stopwords":true,
		"stem":true,"numbers":true,"ngrams":2,"binary":true}`, string(b))
	var back features.Config
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, c, back)
}

// plain is a config with every stage off but n-grams.
func plain(n int) features.Config {
	return features.Config{Language: "english", NGrams: n}
}

func newPipeline(t testing.TB, c features.Config) *features.Pipeline {
	t.Helper()
	p, err := features.New(c)
	require.NoError(t, err)
	return p
}

func TestNGrams(t *testing.T) {
	tests := []struct {
		name string
		n    int
		text string
		want []string
	}{
		{"unigrams", 1, "peace talks resume", []string{"peace", "talks", "resume"}},
		{"bigrams", 2, "peace talks resume", []string{"peace", "peace talks", "talks", "talks resume", "resume"}},
		{"trigrams", 3, "peace talks resume", []string{"peace", "peace talks", "peace talks resume", "talks", "talks resume", "resume"}},
		{"trigrams over four words", 3, "new peace talks resume", []string{
			"new", "new peace", "new peace talks", "peace", "peace talks", "peace talks resume",
			"talks", "talks resume", "resume"}},
		{"one word", 3, "peace", []string{"peace"}},
		{"empty", 3, "", nil},
		{"only punctuation", 2, "...!?", nil},
		{"punctuation bounds n-grams", 3, "peace, talks resume", []string{"peace", "talks", "talks resume", "resume"}},
		{"every mark bounds", 2, "a (b) c-d e — f", []string{"a", "b", "c-d", "c-d e", "e", "f"}},
		{"contractions make two words", 2, "won't go", []string{"will", "will not", "not", "not go", "go"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newPipeline(t, plain(tt.n))
			assert.Equal(t, tt.want, nilIfEmpty(p.Features(tt.text)))
		})
	}
}

func TestPipelineStages(t *testing.T) {
	tests := []struct {
		name string
		cfg  features.Config
		text string
		want []string
	}{
		{"default", features.DefaultConfig(), "Iran will not resume talks with the U.S. on 12 May.",
			[]string{"iran", "iran will", "will", "will not", "not", "not not_resum", "not_resum", "not_resum not_talk",
				"not_talk", "not_talk not_u.s.", "not_u.s.", "not_u.s. not_<num>", "not_<num>", "not_<num> not_may", "not_may"}},
		{"stem only", features.Config{Language: "english", NGrams: 1, Stem: true}, "Negotiators warned of escalating tensions",
			[]string{"negoti", "warn", "of", "escal", "tension"}},
		{"numbers only", features.Config{Language: "english", NGrams: 1, Numbers: true}, "1,200 troops and 35 tanks, 3.5% and ١٢٣",
			[]string{"<num>", "troops", "and", "<num>", "tanks", "<num>", "and", "<num>"}},
		{"numbers and stem", features.Config{Language: "english", NGrams: 1, Numbers: true, Stem: true}, "21st troops",
			[]string{"<num>", "troop"}},
		{"stopwords only", features.Config{Language: "english", NGrams: 2, Stopwords: true}, "the talks of the year must go on",
			[]string{"talks", "talks year", "year", "year must", "must", "must go", "go"}},
		{"negation scope", features.Config{Language: "english", NGrams: 1, Negation: true, NegationScope: 1}, "no talks today",
			[]string{"no", "not_talks", "today"}},
		{"binary dedupes", features.Config{Language: "english", NGrams: 1, Binary: true}, "talks, talks and talks",
			[]string{"talks", "and"}},
		{"counts keep duplicates", features.Config{Language: "english", NGrams: 1}, "talks, talks and talks",
			[]string{"talks", "talks", "and", "talks"}},
		{"negated and plain differ", features.Config{Language: "english", NGrams: 1, Negation: true, Binary: true}, "talks, not talks",
			[]string{"talks", "not", "not_talks"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newPipeline(t, tt.cfg)
			assert.Equal(t, tt.want, p.Features(tt.text))
		})
	}
}

func TestPipelineTokens(t *testing.T) {
	p := newPipeline(t, features.DefaultConfig())
	text := "They did not attend the talks, officials said."
	prefix := []features.Token{{Term: "keep", Kind: features.Word}}
	toks := p.Tokens(prefix, text)
	require.Equal(t, prefix[0], toks[0], "Tokens appends")
	toks = toks[1:]
	checkTokens(t, text, toks)
	var got []string
	for _, tk := range toks {
		s := tk.Term
		if tk.Negated {
			s = features.NegationPrefix + s
		}
		got = append(got, s)
	}
	assert.Equal(t, []string{"not", "not_attend", "not_talk", ",", "offici", "."}, got)
}

// agreementSentences exercise the pipeline's three outputs.
var agreementSentences = []string{
	"",
	"...",
	"Talks, talks and more talks.",
	"Iran did not rule out military action, but said talks with the U.S. would continue.",
	"Pakistan's army won't tolerate attacks on its troops and would respond \"with full force\" to any violation.",
	"The WFP needs $11.3 million to feed 250,000 people; 1,200 have fled since Aug. 25.",
	"No talks, no deal, no peace: no, no, no.",
	"Москва заявила, что не будет участвовать — 🙂 Café naïve.",
	"They refused to deny that they would never rule out a ceasefire unless attacked.",
}

func agreementConfigs() []features.Config {
	var out []features.Config
	for _, binary := range []bool{false, true} {
		for n := 1; n <= 3; n++ {
			c := features.DefaultConfig()
			c.Binary, c.NGrams = binary, n
			out = append(out, c)
			d := plain(n)
			d.Binary = binary
			out = append(out, d)
		}
	}
	return out
}

func visitKeys(p *features.Pipeline, text string) []string {
	var out []string
	p.Visit(text, func(key []byte) { out = append(out, string(key)) })
	return out
}

func dedupe(keys []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, k := range keys {
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	return out
}

// TestPipelineAgreement checks that Features, Analyze and Visit give the
// same keys: Features is Analyze's keys; Visit gives every occurrence, so
// with Binary it deduplicates to Features and without it equals it.
func TestPipelineAgreement(t *testing.T) {
	for _, c := range agreementConfigs() {
		p := newPipeline(t, c)
		for _, text := range agreementSentences {
			t.Run(fmt.Sprintf("%+v/%q", c, text), func(t *testing.T) {
				fs := p.Features(text)
				an := p.Analyze(text)
				vs := visitKeys(p, text)
				keys := make([]string, len(an))
				for i, f := range an {
					keys[i] = f.Key
				}
				assert.Equal(t, nilIfEmpty(fs), nilIfEmpty(keys), "Features vs Analyze")
				if c.Binary {
					assert.Equal(t, nilIfEmpty(fs), dedupe(vs), "Features vs deduplicated Visit")
					assert.Equal(t, dedupe(fs), nilIfEmpty(fs), "Features has no duplicates")
				} else {
					assert.Equal(t, nilIfEmpty(fs), vs, "Features vs Visit")
				}
			})
		}
	}
}

func TestVisitYieldsDuplicates(t *testing.T) {
	p := newPipeline(t, features.DefaultConfig())
	require.True(t, p.Config().Binary)
	text := "Talks, talks; talks."
	assert.Equal(t, []string{"talk", "talk", "talk"}, visitKeys(p, text))
	assert.Equal(t, []string{"talk"}, p.Features(text))
}

func TestVisitKeyIsScratch(t *testing.T) {
	// The key passed to visit is reused: a consumer that keeps it must copy.
	p := newPipeline(t, plain(2))
	var kept [][]byte
	var copied []string
	p.Visit("peace talks resume", func(key []byte) {
		kept = append(kept, key)
		copied = append(copied, string(key))
	})
	assert.Equal(t, []string{"peace", "peace talks", "talks", "talks resume", "resume"}, copied)
	assert.Len(t, kept, 5)
}

// TestAnalyzeSpans checks that every feature's span slices the sentence
// and covers the words behind the key.
func TestAnalyzeSpans(t *testing.T) {
	for _, c := range agreementConfigs() {
		p := newPipeline(t, c)
		for _, text := range agreementSentences {
			for _, f := range p.Analyze(text) {
				require.True(t, 0 <= f.Start && f.Start < f.End && f.End <= len(text),
					"%q: feature %q span [%d,%d]", text, f.Key, f.Start, f.End)
				words := strings.Count(f.Key, " ") + 1
				assert.LessOrEqual(t, words, c.NGrams, "key %q", f.Key)
			}
		}
	}

	p := newPipeline(t, features.DefaultConfig())
	text := "Iran didn't rule out talks with the U.S., officials said."
	var got []string
	for _, f := range p.Analyze(text) {
		got = append(got, f.Key+" = "+text[f.Start:f.End])
	}
	assert.Equal(t, []string{
		"iran = Iran",
		"iran not = Iran didn't",
		"not = n't",
		"not not_rule = n't rule",
		"not_rule = rule",
		"not_rule talk = rule out talks",
		"talk = talks",
		"talk u.s. = talks with the U.S.",
		"u.s. = U.S.",
		"offici = officials",
	}, got)
}

func TestAnalyzeBinaryFirstOccurrence(t *testing.T) {
	text := "talks, talks"
	c := plain(1)
	c.Binary = true
	assert.Equal(t, []features.Feature{{Key: "talks", Start: 0, End: 5}}, newPipeline(t, c).Analyze(text))
	c.Binary = false
	assert.Equal(t, []features.Feature{{Key: "talks", Start: 0, End: 5}, {Key: "talks", Start: 7, End: 12}},
		newPipeline(t, c).Analyze(text))
}

// TestPipelineConcurrent shares one pipeline between goroutines. Run with
// -race.
func TestPipelineConcurrent(t *testing.T) {
	p := newPipeline(t, features.DefaultConfig())
	want := make([][]string, len(agreementSentences))
	for i, s := range agreementSentences {
		want[i] = nilIfEmpty(p.Features(s))
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for k := 0; k < 20; k++ {
				i := (g + k) % len(agreementSentences)
				s := agreementSentences[i]
				assert.Equal(t, want[i], nilIfEmpty(p.Features(s)))
				assert.Equal(t, want[i], dedupe(visitKeys(p, s)))
			}
		}(g)
	}
	wg.Wait()
}

func TestNumberFilter(t *testing.T) {
	toks := []features.Token{
		{Term: "1,200", Kind: features.Word},
		{Term: "35", Kind: features.Word},
		{Term: "21st", Kind: features.Word},
		{Term: "١٢٣", Kind: features.Word},
		{Term: "٤٥", Kind: features.Word},
		{Term: "troops", Kind: features.Word},
		{Term: "u.s.", Kind: features.Word},
		{Term: "%", Kind: features.Punct},
		{Term: "5", Kind: features.Punct}, // not a word: untouched
	}
	got := features.NumberFilter{}.Filter(toks)
	var terms []string
	for _, tk := range got {
		terms = append(terms, tk.Term)
	}
	n := features.NumberTerm
	assert.Equal(t, []string{n, n, n, n, n, "troops", "u.s.", "%", "5"}, terms)
}
