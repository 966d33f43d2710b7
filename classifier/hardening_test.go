package classifier

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/parley-nlp/parley/data"
	"github.com/parley-nlp/parley/models"
)

// awkwardSentences are inputs a classifier must take in its stride.
var awkwardSentences = []string{
	"",
	" \t\r\n\u00a0\u3000",
	"... ?! «—» !!!",
	"Talks \xff\xfe resumed\xc3 on the border\xe2\x80.",
	"\x00The army\x00 warned of a forceful response.\x00",
	"The two governments agreed to resume talks.\r\n",
	"\ufeffThe envoy arrived on Thursday.",
	"Москва предупредила Киев о последствиях.",
	"وصل المبعوث إلى العاصمة يوم الخميس للمحادثات",
	"外交部发言人表示愿意恢复谈判",
	"Peace 🕊\ufe0f talks 👨\u200d👩\u200d👧 resumed 🏳\ufe0f\u200d🌈 🤝🏽 🇺🇦 ⚠\ufe0f",
	"He vowed to retaliate; Москва 警告 حرب 🔥 against any attack.",
	strings.Repeat("The president vowed to retaliate against the rebels. ", 300),
}

// awkwardArticles are article bodies: the sentences above run together,
// and the same with CRLF line endings and paragraph breaks.
func awkwardArticles() []string {
	joined := strings.Join(awkwardSentences[:len(awkwardSentences)-1], " ")
	return []string{
		"",
		"   \r\n\r\n  ",
		"... ?! !!!",
		joined,
		"\ufeff" + strings.Join(awkwardSentences[:len(awkwardSentences)-1], "\r\n\r\n"),
		"TEHRAN (Reuters) - " + joined,
	}
}

// checkPrediction asserts what every prediction must be: one probability
// per label, finite, summing to 1, the label the most probable one, and
// reasons that point at the words of the sentence.
func checkPrediction(t *testing.T, c *Classifier, sentence string, p Prediction) {
	t.Helper()
	require.Len(t, p.Probabilities, len(c.Labels()))
	var sum float64
	for _, q := range p.Probabilities {
		require.False(t, math.IsNaN(q) || math.IsInf(q, 0) || q < 0, "probability %v of %q", q, sentence)
		sum += q
	}
	assert.InDelta(t, 1, sum, 1e-9, "%q", sentence)
	if p.Label != Uncertain {
		assert.Equal(t, p.Best(), p.Label, "%q", sentence)
	}
	assert.Equal(t, p.Probabilities[argmax(p.Probabilities)], p.Confidence)
	for _, r := range p.Reasons {
		require.True(t, 0 <= r.Start && r.Start < r.End && r.End <= len(sentence), "reason %+v of %q", r, sentence)
		assert.Equal(t, sentence[r.Start:r.End], r.Words)
		assert.Positive(t, r.Weight)
	}
	b, err := p.MarshalJSON()
	require.NoError(t, err)
	assert.True(t, json.Valid(b), "%s", b)
}

func TestHardeningAwkwardInput(t *testing.T) {
	c, err := Default()
	require.NoError(t, err)
	for i, s := range awkwardSentences {
		t.Run(fmt.Sprintf("sentence %d", i), func(t *testing.T) {
			checkPrediction(t, c, s, c.Classify(s))
			checkPrediction(t, c, s, c.Classify(s, WithExplain(5), WithMinConfidence(0.5)))
		})
	}
	for i, text := range awkwardArticles() {
		t.Run(fmt.Sprintf("article %d", i), func(t *testing.T) {
			d := c.ClassifyText(text, WithExplain(3))
			prev := 0
			for _, s := range d.Sentences {
				require.True(t, prev <= s.Start && s.Start < s.End && s.End <= len(text), "sentence at [%d,%d]", s.Start, s.End)
				assert.Equal(t, text[s.Start:s.End], s.Text)
				checkPrediction(t, c, s.Text, s.Prediction)
				prev = s.End
			}
			assert.Equal(t, len(d.Sentences), d.Summary.Sentences)
			if len(d.Sentences) == 0 {
				assert.Nil(t, d.Summary.Tone)
			} else {
				require.NotNil(t, d.Summary.Tone)
				assert.True(t, *d.Summary.Tone >= -1 && *d.Summary.Tone <= 1, "tone %v", *d.Summary.Tone)
			}
			b, err := json.Marshal(d)
			require.NoError(t, err)
			assert.True(t, json.Valid(b))
		})
	}
	// Whitespace and punctuation carry no feature: the prediction of no
	// text (the priors, tempered), with no reason.
	empty := c.Classify("")
	for _, s := range awkwardSentences[:3] {
		p := c.Classify(s, WithExplain(5))
		assert.Equal(t, empty.Probabilities, p.Probabilities, "%q", s)
		assert.Empty(t, p.Reasons)
	}
}

// TestHardeningTrainEdgeCases covers corpora that are odd but valid:
// training gives a sane model, or refuses with a clear error.
func TestHardeningTrainEdgeCases(t *testing.T) {
	base := smallCorpus()
	t.Run("a label that appears once", func(t *testing.T) {
		ex := append(append([]data.Example(nil), base...), data.Example{Label: "other", Text: "Volcanic ash grounded flights across the archipelago."})
		c, err := Train(ex, Options{})
		require.NoError(t, err)
		assert.Equal(t, 1, c.Info().Training.LabelCounts["other"])
		assert.Equal(t, "other", c.Classify("Volcanic ash grounded flights across the archipelago.").Label)
	})
	t.Run("one label only", func(t *testing.T) {
		var ex []data.Example
		for _, e := range base {
			e.Label = "neutral"
			ex = append(ex, e)
		}
		_, err := Train(ex, Options{})
		require.Error(t, err)
		assert.EqualError(t, err, `train: need examples of at least 2 labels, found only "neutral"`)
	})
	t.Run("an example with empty text counts toward the priors", func(t *testing.T) {
		ex := append(append([]data.Example(nil), base...), data.Example{Label: "neutral", Text: ""})
		c, err := Train(ex, Options{})
		require.NoError(t, err)
		assert.Equal(t, len(ex), c.Info().Training.Examples)
		checkPrediction(t, c, "", c.Classify(""))
	})
	t.Run("mixed scripts, emoji, NUL and invalid UTF-8 survive a save and a load", func(t *testing.T) {
		ex := append([]data.Example(nil), base...)
		for i, s := range awkwardSentences[3:12] {
			ex = append(ex, data.Example{Label: c3(i), Text: s})
		}
		c, err := Train(ex, Options{})
		require.NoError(t, err)
		b := modelBytes(t, c)
		c2, err := Load(bytes.NewReader(b))
		require.NoError(t, err)
		assert.Equal(t, b, modelBytes(t, c2))
		for _, s := range awkwardSentences {
			assert.Equal(t, c.Classify(s, WithExplain(5)), c2.Classify(s, WithExplain(5)), "%q", s)
		}
	})
}

func c3(i int) string { return []string{"conciliatory", "neutral", "warning"}[i%3] }

// TestHardeningConcurrent classifies with shared models from many
// goroutines (Classify, and ClassifyText with explanations) while others
// load models from bytes and call Default: every result must equal the
// serial one. Run it with -race.
func TestHardeningConcurrent(t *testing.T) {
	def, err := Default()
	require.NoError(t, err)
	small := trained(t)
	smallBytes := modelBytes(t, small)

	sentences := append([]string(nil), awkwardSentences...)
	articles := awkwardArticles()
	paths, err := filepath.Glob(filepath.Join("..", "data", "articles", "*.txt"))
	require.NoError(t, err)
	sort.Strings(paths)
	for _, p := range paths[:min(len(paths), 8)] {
		b, err := os.ReadFile(p)
		require.NoError(t, err)
		a, err := data.ParseArticle(p, string(b))
		require.NoError(t, err)
		articles = append(articles, a.Text)
		sentences = append(sentences, strings.Split(a.Text, ". ")...)
	}
	opts := []Option{WithExplain(3), WithMinConfidence(0.6)}

	// The serial results of each model.
	type results struct {
		preds []Prediction
		docs  []Document
	}
	serial := func(c *Classifier) results {
		var r results
		for _, s := range sentences {
			r.preds = append(r.preds, c.Classify(s, WithExplain(5)))
		}
		for _, a := range articles {
			r.docs = append(r.docs, c.ClassifyText(a, opts...))
		}
		return r
	}
	want := map[*Classifier]results{def: serial(def), small: serial(small)}

	var wg sync.WaitGroup
	var mu sync.Mutex
	var failures []string
	fail := func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		if len(failures) < 10 {
			failures = append(failures, fmt.Sprintf(format, args...))
		}
	}
	// check classifies everything with c, in an order that differs by
	// goroutine, against the serial results w.
	check := func(g int, name string, c *Classifier, w results) {
		for k := range sentences {
			i := (k + g*7) % len(sentences)
			if got := c.Classify(sentences[i], WithExplain(5)); !reflect.DeepEqual(got, w.preds[i]) {
				fail("goroutine %d, %s: Classify(%.40q) = %+v, serially %+v", g, name, sentences[i], got, w.preds[i])
				return
			}
		}
		for k := range articles {
			i := (k + g) % len(articles)
			if got := c.ClassifyText(articles[i], opts...); !reflect.DeepEqual(got, w.docs[i]) {
				fail("goroutine %d, %s: ClassifyText(article %d) differs from the serial result", g, name, i)
				return
			}
		}
	}
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 2 {
				c, err := Default()
				if err != nil || c != def {
					fail("goroutine %d: Default() = %p, %v; want %p", g, c, err, def)
					return
				}
				check(g, "default", c, want[def])
				check(g, "small", small, want[small])
			}
		}()
	}
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 2 {
				src := [][]byte{smallBytes, models.Default}[g%2]
				orig := []*Classifier{small, def}[g%2]
				c, err := Load(bytes.NewReader(src))
				if err != nil {
					fail("goroutine %d: Load: %v", g, err)
					return
				}
				if _, err := Load(bytes.NewReader(src[:len(src)/2])); err == nil {
					fail("goroutine %d: Load of half a model succeeded", g)
				}
				// A model loaded from the same bytes predicts the same.
				check(100+g, "loaded", c, want[orig])
			}
		}()
	}
	wg.Wait()
	for _, f := range failures {
		t.Error(f)
	}
}
