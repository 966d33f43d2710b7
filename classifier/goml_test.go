package classifier

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/cdipaolo/goml/base"
	"github.com/cdipaolo/goml/text"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/parley-nlp/parley/data"
	"github.com/parley-nlp/parley/features"
)

// Each test here pins one defect of goml's text.NaiveBayes: it shows the
// raw behaviour, then that Parley's classifier does not have it.

// plainFeatures keeps words as they are (no stemming or stopwords), so that
// the goml model and Parley's see the same tokens.
var plainFeatures = features.Config{Language: "english", NGrams: 1, Binary: true}

// imbalanced is a corpus where the minority label's cue word ("threat")
// comes with a word ("report") that the majority label uses too.
func imbalanced() []data.Example {
	var ex []data.Example
	fill := []string{"weather", "market", "sport", "school", "flood"}
	for i := 0; i < 100; i++ {
		ex = append(ex, data.Example{Label: "neutral", Text: "report " + fill[i%len(fill)]})
	}
	for i := 0; i < 10; i++ {
		ex = append(ex, data.Example{Label: "warning", Text: "report threat"})
	}
	return ex
}

func TestGomlPredictDividesByTheWrongTotal(t *testing.T) {
	c, err := Train(imbalanced(), Options{Features: plainFeatures})
	require.NoError(t, err)

	// goml divides count(w,c)+1 by the word's total over all classes plus
	// V, the same for every class, so the class sizes never enter and the
	// majority wins: the defect.
	raw := c.nb.Predict(gomlKey("report") + "\n" + gomlKey("threat"))
	assert.Equal(t, "neutral", c.labels[raw], "goml's raw Predict")

	// The textbook rule divides by the class's token total.
	assert.Equal(t, "warning", c.Classify("report threat").Label)
}

func TestGomlProbabilityUnderflowsToNaN(t *testing.T) {
	c, err := Train(smallCorpus(), Options{})
	require.NoError(t, err)
	// A few hundred known features: each raw probability is about 1/V, and
	// their product underflows to 0 in every class, so goml returns 0/0.
	var keys []string
	for i := 0; i < 300; i++ {
		keys = append(keys, gomlKey(c.table.keys[i%len(c.table.keys)]))
	}
	_, p := c.nb.Probability(strings.Join(keys, "\n"))
	assert.True(t, math.IsNaN(p), "goml's raw Probability: %v", p)

	long := strings.Repeat("The two governments agreed to resume talks and warned of sanctions. ", 40)
	pred := c.Classify(long)
	var sum float64
	for _, q := range pred.Probabilities {
		assert.False(t, math.IsNaN(q) || math.IsInf(q, 0))
		sum += q
	}
	assert.InDelta(t, 1, sum, 1e-9)
	assert.Len(t, pred.Probabilities, 3, "a full distribution, not only the winner's share")
}

func TestGomlDropsShortTokens(t *testing.T) {
	stream := make(chan base.TextDatapoint, 2)
	nb2 := text.NewNaiveBayes(stream, 2, base.OnlyWordsAndNumbers)
	nb2.Output = io.Discard
	stream <- base.TextDatapoint{X: "no talks", Y: 0}
	stream <- base.TextDatapoint{X: "us threat", Y: 1}
	close(stream)
	errs := make(chan error)
	go nb2.OnlineLearn(errs)
	for range errs {
	}
	_, ok := nb2.Words.Get("no")
	assert.False(t, ok, `goml drops "no": shorter than 3 bytes`)
	_, ok = nb2.Words.Get("talks")
	assert.True(t, ok)

	c, err := Train([]data.Example{{Label: "a", Text: "no talks"}, {Label: "b", Text: "us threat"}}, Options{Features: plainFeatures})
	require.NoError(t, err)
	for _, f := range []string{"no", "us"} {
		_, ok := c.table.index[f]
		assert.True(t, ok, "Parley keeps %q", f)
		_, ok = c.nb.Words.Get(gomlKey(f))
		assert.True(t, ok, "and goml's model holds it as %q", gomlKey(f))
	}
}

func TestGomlSanitizerGluesWords(t *testing.T) {
	stream := make(chan base.TextDatapoint, 1)
	nb := text.NewNaiveBayes(stream, 2, base.OnlyWordsAndNumbers)
	nb.Output = io.Discard
	stream <- base.TextDatapoint{X: "peace\ttalks\nresumed", Y: 0}
	close(stream)
	errs := make(chan error)
	go nb.OnlineLearn(errs)
	for range errs {
	}
	_, glued := nb.Words.Get("peacetalksresumed")
	assert.True(t, glued, "goml's default sanitizer deletes tabs and newlines and glues the words")

	c, err := Train([]data.Example{{Label: "a", Text: "peace\ttalks\nresumed"}, {Label: "b", Text: "threat"}}, Options{Features: plainFeatures})
	require.NoError(t, err)
	for _, f := range []string{"peace", "talks", "resumed"} {
		_, ok := c.table.index[f]
		assert.True(t, ok, f)
	}
}

func TestGomlPrintsToStdout(t *testing.T) {
	nb := text.NewNaiveBayes(nil, 2, base.OnlyWordsAndNumbers)
	assert.Equal(t, io.Writer(os.Stdout), nb.Output, "goml writes its banner to stdout by default")
	assert.Equal(t, io.Discard, newGoml(2).Output)

	// Nothing reaches stdout while Parley trains, saves or loads.
	r, w, err := os.Pipe()
	require.NoError(t, err)
	saved := os.Stdout
	os.Stdout = w
	c, trainErr := Train(imbalanced(), Options{})
	var sb strings.Builder
	if trainErr == nil {
		_, _ = c.WriteTo(&sb)
		_, _ = Load(strings.NewReader(sb.String()))
		nb := newGoml(2)
		_ = learnOnline(nb, [][]string{{"a"}}, []int{0})
	}
	os.Stdout = saved
	require.NoError(t, w.Close())
	out, _ := io.ReadAll(r)
	require.NoError(t, trainErr)
	assert.Empty(t, string(out))
}

func TestGomlDeadlocksOnBadLabel(t *testing.T) {
	// Raw goml: a label out of range sends on the unbuffered error channel;
	// nobody reading it blocks OnlineLearn forever.
	stream := make(chan base.TextDatapoint, 1)
	nb := text.NewNaiveBayes(stream, 2, base.OnlyWordsAndNumbers)
	nb.Output = io.Discard
	stream <- base.TextDatapoint{X: "talks", Y: 7}
	close(stream)
	errs := make(chan error)
	done := make(chan struct{})
	go func() { nb.OnlineLearn(errs); close(done) }()
	select {
	case <-done:
		t.Fatal("goml's OnlineLearn returned; the defect this test pins is gone")
	case <-time.After(100 * time.Millisecond):
	}
	for range errs { // release it
	}
	<-done

	// learnOnline drains the channel and reports the error.
	err := learnOnline(newGoml(2), [][]string{{"talks"}}, []int{7})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "greater than the number of classes")
}

func TestGomlRestoreIntoZeroValueFails(t *testing.T) {
	c, err := Train(imbalanced(), Options{})
	require.NoError(t, err)
	raw, err := json.Marshal(c.nb)
	require.NoError(t, err)

	var zero text.NaiveBayes
	assert.Error(t, zero.Restore(raw), "goml cannot restore into a zero value: its tokenizer is an interface")

	nb, counts, err := restoreGoml(raw, 2)
	require.NoError(t, err)
	assert.Equal(t, c.nb.Count, nb.Count)
	assert.Len(t, counts.Words, len(c.table.keys))
}

// TestFilledModelEqualsOnlineLearn shows that counting in plain Go and
// filling goml's model through its exported API gives the model goml's own
// OnlineLearn builds from the same features.
func TestFilledModelEqualsOnlineLearn(t *testing.T) {
	examples := smallCorpus()
	opts := Options{}.withDefaults()
	c, err := Train(examples, opts)
	require.NoError(t, err)

	pipe, err := features.New(opts.Features)
	require.NoError(t, err)
	docs := make([][]string, len(examples))
	labels := make([]int, len(examples))
	for i, e := range examples {
		docs[i] = pipe.Features(e.Text)
		labels[i] = c.labelIndex(e.Label)
	}
	online := newGoml(len(c.labels))
	require.NoError(t, learnOnline(online, docs, labels))

	want, err := json.Marshal(online)
	require.NoError(t, err)
	got, err := json.Marshal(c.nb)
	require.NoError(t, err)
	assert.JSONEq(t, string(want), string(got))
	assert.Equal(t, string(want), string(got), "byte for byte")
	// DocsSeen is not in goml's JSON; compare it word by word.
	for _, f := range c.table.keys {
		w1, ok1 := online.Words.Get(gomlKey(f))
		w2, ok2 := c.nb.Words.Get(gomlKey(f))
		require.True(t, ok1 && ok2, f)
		assert.Equal(t, w1, w2, f)
	}
	assert.Equal(t, online.Probabilities, c.nb.Probabilities)
	assert.Equal(t, online.DocumentCount, c.nb.DocumentCount)
	assert.Equal(t, online.DictCount, c.nb.DictCount)
}

// smallCorpus is a three-label corpus written for the tests.
func smallCorpus() []data.Example {
	rows := []struct{ label, text string }{
		{"conciliatory", "The two governments agreed to resume talks on the border next month."},
		{"conciliatory", "The minister welcomed the offer and said his country was ready for dialogue."},
		{"conciliatory", "Both sides pledged to respect the ceasefire and release prisoners."},
		{"conciliatory", "He ruled out the use of force and called for calm."},
		{"conciliatory", "The envoy thanked the neighbours for their help with the refugees."},
		{"conciliatory", "Officials stressed that the raid targeted smugglers, not the neighbouring state."},
		{"warning", "The defence ministry said any incursion would be met with a forceful response."},
		{"warning", "He warned that patience was wearing thin and threatened sanctions."},
		{"warning", "The government did not rule out military action against the rebels."},
		{"warning", "The president vowed to retaliate if the attacks continued."},
		{"warning", "The foreign ministry condemned the missile test and accused Pyongyang of provocation."},
		{"warning", "Tehran refused to negotiate and rejected the offer of talks."},
		{"neutral", "The envoy arrived in the capital on Thursday for a two-day visit."},
		{"neutral", "A bomb killed five people at a market near the frontier on Monday."},
		{"neutral", "The ministry said in a statement that the meeting would take place in Geneva."},
		{"neutral", "Heavy rain flooded parts of the city and the weather service issued a warning."},
		{"neutral", "The central bank left interest rates unchanged at 3.5 percent."},
		{"neutral", "Voters in the northern province go to the polls on Sunday."},
	}
	out := make([]data.Example, len(rows))
	for i, r := range rows {
		out[i] = data.Example{Label: r.label, Text: r.text}
	}
	return out
}

func ExampleUniformPriors() {
	fmt.Println(UniformPriors([]string{"warning", "neutral"}))
	// Output: map[neutral:1 warning:1]
}
