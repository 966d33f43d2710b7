package data_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/parley-nlp/parley/data"
)

// TestCorpus checks Parley's own corpus against what the project promises
// of it (data/GUIDE.md): its size per label, its breadth, its hard cases,
// sentence lengths, and that no two sentences differ only by names, places
// or numbers.
func TestCorpus(t *testing.T) {
	ex, err := data.ReadFiles([]string{"corpus", "articles"}, "")
	require.NoError(t, err)
	s := data.ComputeStats(ex)

	assert.GreaterOrEqual(t, s.Examples, 5000)
	assert.GreaterOrEqual(t, s.Labels["conciliatory"], 1100)
	assert.GreaterOrEqual(t, s.Labels["warning"], 1100)
	assert.GreaterOrEqual(t, s.Labels["neutral"], 2500)
	assert.Len(t, s.Labels, 3, "only the three labels of labels.md")
	assert.GreaterOrEqual(t, s.Hard*5, s.Examples, "at least a fifth are tagged hard cases")
	assert.GreaterOrEqual(t, len(s.Actors), 40, "countries, alliances and organisations")
	assert.GreaterOrEqual(t, s.MinWords, 6)
	assert.LessOrEqual(t, s.MaxWords, 60)

	areas := map[string]bool{}
	for tag := range s.Tags {
		if v, ok := strings.CutPrefix(tag, "area:"); ok {
			areas[v] = true
		}
	}
	assert.GreaterOrEqual(t, len(areas), 12, "topic areas: %v", areas)

	noNearDuplicates(t, ex)
}

// TestStyleSupplement checks data/style, the style-parity supplement that
// the default model is not trained on (data/GUIDE.md explains why): the
// three labels only, sentence lengths, one area or domain tag a sentence,
// and no near-duplicates within it or against the corpus it supplements.
func TestStyleSupplement(t *testing.T) {
	style, err := data.ReadFiles([]string{"style"}, "")
	require.NoError(t, err)
	s := data.ComputeStats(style)
	assert.GreaterOrEqual(t, s.Examples, 5000)
	assert.Len(t, s.Labels, 3, "only the three labels of labels.md")
	assert.GreaterOrEqual(t, s.MinWords, 6)
	assert.LessOrEqual(t, s.MaxWords, 60)
	for _, e := range style {
		n := 0
		for _, tag := range e.Tags {
			if strings.HasPrefix(tag, "area:") || strings.HasPrefix(tag, "domain:") {
				n++
			}
		}
		assert.Equal(t, 1, n, "line %d %q: want one area: or domain: tag, got %v", e.Line, e.Text, e.Tags)
	}

	all, err := data.ReadFiles([]string{"corpus", "articles", "style"}, "")
	require.NoError(t, err)
	noNearDuplicates(t, all)
}

// noNearDuplicates reports every group of sentences in ex that differ only
// by names, places or numbers, and every pair too similar in wording.
func noNearDuplicates(t *testing.T, ex []data.Example) {
	t.Helper()
	for _, g := range data.NearDuplicates(ex) {
		var texts []string
		for _, i := range g {
			texts = append(texts, ex[i].Text)
		}
		t.Errorf("sentences that differ only by names, places or numbers:\n  %s", strings.Join(texts, "\n  "))
	}
	for _, p := range data.SimilarPairs(ex, 0.5) {
		t.Errorf("near-duplicate sentences:\n  %s\n  %s", ex[p[0]].Text, ex[p[1]].Text)
	}
}

// TestArticles checks the labelled articles: at least 40, each of 5 to 25
// sentences with a date header.
func TestArticles(t *testing.T) {
	files, err := data.CorpusFiles([]string{"articles"})
	require.NoError(t, err)
	assert.GreaterOrEqual(t, len(files), 40)
	for _, f := range files {
		ex, err := data.ReadFiles([]string{f}, "")
		require.NoError(t, err)
		assert.True(t, len(ex) >= 5 && len(ex) <= 25, "%s has %d sentences", f, len(ex))
	}
}
