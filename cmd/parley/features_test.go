package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFeaturesCommand(t *testing.T) {
	dir := t.TempDir()
	corpus := writeFile(t, dir, "corpus.tsv", tinyCorpus)
	model := filepath.Join(dir, "m.model")
	code, _, errOut := parley(t, "", "train", "-calibrate", "0", "-o", model, corpus)
	require.Equal(t, exitOK, code, errOut)

	code, out, errOut := parley(t, "", "features", "-model", model, "-top", "3")
	require.Equal(t, exitOK, code, errOut)
	for _, l := range []string{"== conciliatory ==", "== neutral ==", "== warning =="} {
		assert.Contains(t, out, l)
	}
	assert.Contains(t, out, "#  weight  conciliatory  neutral  warning  words")

	code, out, errOut = parley(t, "", "features", "-model", model, "-label", "warning", "-top", "100", "-json")
	require.Equal(t, exitOK, code, errOut)
	var got map[string][]struct {
		Feature, Surface string
		Weight           float64
		Count            uint64
		Counts           map[string]uint64
	}
	require.NoError(t, json.Unmarshal([]byte(out), &got))
	require.Len(t, got, 1)
	ws := got["warning"]
	require.NotEmpty(t, ws)
	surfaces := map[string]string{}
	for i, f := range ws {
		assert.Positive(t, f.Weight)
		if i > 0 {
			assert.GreaterOrEqual(t, ws[i-1].Weight, f.Weight)
		}
		assert.Equal(t, f.Counts["warning"], f.Count)
		surfaces[f.Feature] = f.Surface
	}
	// Words, not stems: "threatened" is counted as "threaten", and the
	// negated "rule out" of "did not rule out" reads as words.
	assert.Equal(t, "threatened", surfaces["threaten"])
	assert.Equal(t, "not … rule out", surfaces["not_rule not_out"])

	code, out, errOut = parley(t, "", "features", "-model", model, "-label", "warning", "-min-count", "2", "-json")
	require.Equal(t, exitOK, code, errOut)
	require.NoError(t, json.Unmarshal([]byte(out), &got))
	for _, f := range got["warning"] {
		assert.GreaterOrEqual(t, f.Count, uint64(2), f.Feature)
	}

	for _, args := range [][]string{
		{"features", "-label", "hostile"},
		{"features", "-top", "0"},
		{"features", "-min-count", "-1"},
		{"features", "extra"},
	} {
		code, _, errOut := parley(t, "", args...)
		assert.Equal(t, exitUsage, code, "%v: %s", args, errOut)
	}
}

func TestFeaturesOfTheDefaultModel(t *testing.T) {
	code, out, errOut := parley(t, "", "features", "-top", "15")
	require.Equal(t, exitOK, code, errOut)
	assert.Equal(t, 3, strings.Count(out, "== "))
	assert.Equal(t, 3*(15+2)+2, strings.Count(out, "\n"), "a heading, a header row and 15 rows per label, blank lines between")
}
