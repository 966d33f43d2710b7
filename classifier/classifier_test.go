package classifier

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"math"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/parley-nlp/parley/data"
	"github.com/parley-nlp/parley/features"
)

func trained(t testing.TB) *Classifier {
	t.Helper()
	c, err := Train(smallCorpus(), Options{})
	require.NoError(t, err)
	return c
}

func modelBytes(t testing.TB, c *Classifier) []byte {
	t.Helper()
	var b bytes.Buffer
	_, err := c.WriteTo(&b)
	require.NoError(t, err)
	return b.Bytes()
}

func TestTrainLabelsAndPriors(t *testing.T) {
	c := trained(t)
	assert.Equal(t, []string{"conciliatory", "neutral", "warning"}, c.Labels())
	info := c.Info()
	assert.InDeltaSlice(t, []float64{6.0 / 18, 6.0 / 18, 6.0 / 18}, info.Priors, 1e-12)
	assert.Equal(t, 18, info.Training.Examples)
	assert.Equal(t, map[string]int{"conciliatory": 6, "neutral": 6, "warning": 6}, info.Training.LabelCounts)
	assert.Len(t, info.Training.SHA256, 64)

	c2, err := Train(smallCorpus(), Options{Priors: map[string]float64{"neutral": 2, "warning": 1, "conciliatory": 1}})
	require.NoError(t, err)
	assert.InDeltaSlice(t, []float64{0.25, 0.5, 0.25}, c2.Info().Priors, 1e-12)
}

func TestTrainRefusesBadInput(t *testing.T) {
	one := []data.Example{{Label: "a", Text: "x y"}, {Label: "a", Text: "z"}}
	tests := []struct {
		name     string
		examples []data.Example
		opts     Options
		want     string
	}{
		{"no examples", nil, Options{}, "no training examples"},
		{"one label", one, Options{}, `at least 2 labels, found only "a"`},
		{"missing label", []data.Example{{Label: "a", Text: "x"}, {Text: "y", Line: 7}}, Options{}, "example 2 (line 7) has no label"},
		{"too many labels", manyLabels(MaxLabels + 1), Options{}, "at most 255"},
		{"no features", []data.Example{{Label: "a", Text: "the"}, {Label: "b", Text: "of"}}, Options{}, "no features"},
		{"bad alpha", smallCorpus(), Options{Alpha: -1}, "alpha"},
		{"bad temperature", smallCorpus(), Options{Temperature: math.Inf(1)}, "temperature"},
		{"unknown prior", smallCorpus(), Options{Priors: map[string]float64{"neutral": 1, "warning": 1, "conciliatory": 1, "other": 1}}, "other"},
		{"missing prior", smallCorpus(), Options{Priors: map[string]float64{"neutral": 1}}, "prior for label"},
		{"bad config", smallCorpus(), Options{Features: features.Config{Language: "klingon", NGrams: 1}}, "unsupported language"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Train(tt.examples, tt.opts)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

func manyLabels(n int) []data.Example {
	out := make([]data.Example, n)
	for i := range out {
		out[i] = data.Example{Label: fmt.Sprintf("l%03d", i), Text: fmt.Sprintf("word%d", i)}
	}
	return out
}

func TestMaxLabels(t *testing.T) {
	c, err := Train(manyLabels(MaxLabels), Options{Features: plainFeatures})
	require.NoError(t, err)
	assert.Equal(t, "l200", c.Classify("word200").Label)
	c2, err := Load(bytes.NewReader(modelBytes(t, c)))
	require.NoError(t, err)
	assert.Equal(t, "l254", c2.Classify("word254").Label)
}

func TestSaveLoadRoundTrip(t *testing.T) {
	c := trained(t)
	b := modelBytes(t, c)
	c2, err := Load(bytes.NewReader(b))
	require.NoError(t, err)
	assert.Equal(t, c.Info(), c2.Info())
	assert.Equal(t, b, modelBytes(t, c2), "a loaded model writes the same bytes")
	for _, s := range append(texts(smallCorpus()), "", "Completely unseen words here.", "not not not") {
		assert.Equal(t, c.Classify(s), c2.Classify(s), s)
	}

	var z bytes.Buffer
	w := gzip.NewWriter(&z)
	_, err = w.Write(b)
	require.NoError(t, err)
	require.NoError(t, w.Close())
	c3, err := Load(&z)
	require.NoError(t, err, "gzip-compressed models load too")
	assert.Equal(t, c.Info(), c3.Info())
}

func texts(ex []data.Example) []string {
	out := make([]string, len(ex))
	for i, e := range ex {
		out[i] = e.Text
	}
	return out
}

func TestTrainingIsDeterministic(t *testing.T) {
	a := modelBytes(t, trained(t))
	for i := 0; i < 3; i++ {
		assert.Equal(t, a, modelBytes(t, trained(t)))
	}
}

func TestLoadRefusesDamagedFiles(t *testing.T) {
	good := modelBytes(t, trained(t))
	v2 := bytes.Replace(good, []byte(`"version":1`), []byte(`"version":2`), 1)
	corrupt := bytes.Replace(good, []byte(`"Seen":`), []byte(`"Seen":9`), 1)
	header := bytes.Replace(good, []byte(`"class_tokens":[`), []byte(`"class_tokens":[1`), 1)
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	_, _ = zw.Write(good)
	_ = zw.Close()
	tests := []struct {
		name    string
		input   []byte
		wantErr error
		want    string
	}{
		{"empty", nil, ErrNotModel, "empty"},
		{"whitespace", []byte("  \n"), ErrNotModel, "empty"},
		{"truncated", good[:len(good)/2], ErrDamaged, "truncated"},
		{"truncated gzip", gz.Bytes()[:gz.Len()/2], ErrDamaged, ""},
		{"corrupted counts", corrupt, ErrDamaged, "checksum"},
		{"corrupted header", header, ErrDamaged, "feature occurrences"},
		{"foreign JSON", []byte(`{"name":"not a model"}`), ErrNotModel, "format marker"},
		{"foreign binary", []byte("\x89PNG\r\n\x1a\n...."), ErrNotModel, "JSON object"},
		{"JSON array", []byte(`[1,2,3]`), ErrNotModel, ""},
		{"bad JSON", []byte(`{"format": nope}`), ErrNotModel, "invalid JSON"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(bytes.NewReader(tt.input))
			require.Error(t, err)
			assert.ErrorIs(t, err, tt.wantErr)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
	t.Run("other version", func(t *testing.T) {
		_, err := Load(bytes.NewReader(v2))
		var ve *VersionError
		require.ErrorAs(t, err, &ve)
		assert.Equal(t, 2, ve.Got)
		assert.Contains(t, err.Error(), "format version 2")
	})
}

func TestClassifyEdgeCases(t *testing.T) {
	c := trained(t)
	prior := c.Classify("")
	assert.InDeltaSlice(t, c.Info().Priors, prior.Probabilities, 1e-12, "no features: the priors")
	for _, s := range []string{"", "   ", "!!!", "\x00\xff\xfe", "😀 🌍", strings.Repeat("a", 1<<16)} {
		p := c.Classify(s)
		var sum float64
		for _, q := range p.Probabilities {
			require.False(t, math.IsNaN(q), "%q", s)
			sum += q
		}
		assert.InDelta(t, 1, sum, 1e-9)
		assert.Equal(t, p.Labels[argmax(p.Probabilities)], p.Label)
	}
}

func argmax(x []float64) int {
	b := 0
	for i, v := range x {
		if v > x[b] {
			b = i
		}
	}
	return b
}

func TestTemperatureSoftensButKeepsTheLabel(t *testing.T) {
	c := trained(t)
	hot, err := c.WithTemperature(4)
	require.NoError(t, err)
	s := "He warned that the attacks would be met with force."
	p1, p4 := c.Classify(s), hot.Classify(s)
	assert.Equal(t, p1.Label, p4.Label)
	assert.Less(t, p4.Confidence, p1.Confidence)
	_, err = c.WithTemperature(0)
	assert.Error(t, err)
}

func TestMinConfidenceAndExplain(t *testing.T) {
	c := trained(t)
	s := "The president vowed to retaliate against the rebels."
	p := c.Classify(s, WithExplain(3))
	assert.Equal(t, "warning", p.Label)
	require.NotEmpty(t, p.Reasons)
	assert.LessOrEqual(t, len(p.Reasons), 3)
	for i, r := range p.Reasons {
		assert.Equal(t, s[r.Start:r.End], r.Words, "reasons point at the words as written")
		assert.Positive(t, r.Weight)
		if i > 0 {
			assert.GreaterOrEqual(t, p.Reasons[i-1].Weight, r.Weight)
		}
	}
	u := c.Classify(s, WithMinConfidence(1))
	assert.Equal(t, Uncertain, u.Label)
	assert.Equal(t, "warning", u.Best())
}

func TestClassifyText(t *testing.T) {
	c := trained(t)
	text := "GENEVA (Reuters) - The two governments agreed to resume talks. The president vowed to retaliate if attacked.\n\nThe envoy arrived on Thursday."
	d := c.ClassifyText(text)
	require.Len(t, d.Sentences, 3)
	assert.Equal(t, "The two governments agreed to resume talks.", d.Sentences[0].Text)
	for _, s := range d.Sentences {
		assert.Equal(t, text[s.Start:s.End], s.Text)
	}
	sum := d.Summary
	assert.Equal(t, 3, sum.Sentences)
	var want float64
	for _, s := range d.Sentences {
		want += s.Prediction.Probability("conciliatory") - s.Prediction.Probability("warning")
	}
	require.NotNil(t, sum.Tone)
	assert.InDelta(t, want/3, *sum.Tone, 1e-6)
	assert.Equal(t, 0, sum.MostConciliatory)
	assert.Equal(t, 1, sum.MostWarning)
	total := 0
	for _, n := range sum.Counts {
		total += n
	}
	assert.Equal(t, 3, total)

	empty := c.ClassifyText("")
	assert.Empty(t, empty.Sentences)
	assert.Nil(t, empty.Summary.Tone)
	assert.Equal(t, -1, empty.Summary.MostWarning)

	unsure := c.ClassifyText(text, WithMinConfidence(0.999999))
	assert.Equal(t, unsure.Summary.Uncertain, unsure.Summary.Counts[Uncertain])
	assert.Positive(t, unsure.Summary.Uncertain)
}

func TestToneNeedsBothLabels(t *testing.T) {
	c, err := Train([]data.Example{{Label: "pos", Text: "good great"}, {Label: "neg", Text: "bad awful"}}, Options{})
	require.NoError(t, err)
	d := c.ClassifyText("Good. Bad.")
	assert.Nil(t, d.Summary.Tone)
	assert.Equal(t, -1, d.Summary.MostConciliatory)
}

func TestLongArticleUsesAllCoresSameResult(t *testing.T) {
	c := trained(t)
	var b strings.Builder
	for i := 0; i < 200; i++ {
		fmt.Fprintf(&b, "Sentence %d says the two sides agreed to talks or warned of force. ", i)
	}
	d := c.ClassifyText(b.String())
	require.Len(t, d.Sentences, 200)
	for _, s := range d.Sentences {
		assert.Equal(t, c.Classify(s.Text), s.Prediction)
	}
}

// TestConcurrentUse classifies with one shared model from many goroutines
// while others load and train models; run it with -race.
func TestConcurrentUse(t *testing.T) {
	c := trained(t)
	b := modelBytes(t, c)
	want := map[string]Prediction{}
	for _, s := range texts(smallCorpus()) {
		want[s] = c.Classify(s)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for g := 0; g < 16; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				for s, w := range want {
					if got := c.Classify(s); got.Label != w.Label || got.Confidence != w.Confidence {
						errs <- fmt.Errorf("%q: got %v, want %v", s, got.Label, w.Label)
						return
					}
				}
				c.ClassifyText("The envoy arrived. He warned of sanctions.", WithExplain(2))
			}
		}()
	}
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 5; i++ {
				if _, err := Load(bytes.NewReader(b)); err != nil {
					errs <- err
				}
				if _, err := Default(); err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestDefaultModel(t *testing.T) {
	c, err := Default()
	require.NoError(t, err)
	c2, _ := Default()
	assert.Same(t, c, c2, "decoded once")
	assert.Equal(t, []string{"conciliatory", "neutral", "warning"}, c.Labels())
	assert.Equal(t, "warning", c.Classify("The defence ministry warned that any incursion would be met with a swift and forceful response.").Label)
	assert.Equal(t, "conciliatory", c.Classify("The two governments agreed to resume peace talks next month.").Label)
	assert.Equal(t, "neutral", c.Classify("Heavy rain flooded parts of the city on Monday.").Label)
}

func TestErrorsAreDistinct(t *testing.T) {
	assert.False(t, errors.Is(ErrDamaged, ErrNotModel))
}

func TestExplainBothSides(t *testing.T) {
	c := trained(t)
	for _, s := range []string{
		"He warned that patience was wearing thin but welcomed the offer of talks.",
		"The two governments agreed to resume talks.",
		"",
	} {
		x := c.Explain(s, 3)
		p := c.Classify(s)
		require.Equal(t, p.Label, x.Label, s)
		require.LessOrEqual(t, len(x.For), 3)
		require.LessOrEqual(t, len(x.Against), 3)
		for i, r := range x.For {
			require.Greater(t, r.Weight, 0.0)
			require.Equal(t, s[r.Start:r.End], r.Words)
			if i > 0 {
				require.LessOrEqual(t, r.Weight, x.For[i-1].Weight)
			}
		}
		for i, r := range x.Against {
			require.Less(t, r.Weight, 0.0)
			if i > 0 {
				require.GreaterOrEqual(t, r.Weight, x.Against[i-1].Weight)
			}
		}
		if s != "" {
			require.NotEqual(t, x.Label, x.RunnerUp)
			require.NotEmpty(t, x.RunnerUp)
		}
	}
	// The reasons of WithExplain are the For side of Explain.
	s := "He warned that patience was wearing thin but welcomed the offer of talks."
	require.Equal(t, c.Explain(s, 4).For, c.Classify(s, WithExplain(4)).Reasons)
}
