package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEvalHTML(t *testing.T) {
	dir := t.TempDir()
	corpus := writeFile(t, dir, "corpus.tsv", tinyCorpus)
	page := filepath.Join(dir, "eval.html")

	// With -cv: the text report on standard output, the page in the file.
	code, out, errOut := parley(t, "", "eval", "-cv", "3", "-calibrate", "0", "-html", page, corpus)
	require.Equal(t, exitOK, code, errOut)
	assert.Contains(t, out, "3-fold stratified cross-validation")
	b, err := os.ReadFile(page)
	require.NoError(t, err)
	html := string(b)
	assert.True(t, strings.HasPrefix(html, "<!DOCTYPE html>"))
	assert.Contains(t, html, "<h2>Folds</h2>")
	assert.Contains(t, html, "<svg")
	assert.Contains(t, html, "Training settings cross-validated on "+corpus)
	assert.NotContains(t, html, "<script")
	assert.NotContains(t, html, "http")

	// A model: JSON on standard output, and the page replaces the file.
	model := filepath.Join(dir, "m.model")
	code, _, errOut = parley(t, "", "train", "-calibrate", "0", "-o", model, corpus)
	require.Equal(t, exitOK, code, errOut)
	code, out, errOut = parley(t, "", "eval", "-model", model, "-json", "-html", page, corpus)
	require.Equal(t, exitOK, code, errOut)
	assert.Contains(t, out, `"accuracy"`)
	b, err = os.ReadFile(page)
	require.NoError(t, err)
	assert.NotContains(t, string(b), "<h2>Folds</h2>")
	assert.Contains(t, string(b), model)

	// "-": the page on standard output, nothing else.
	code, out, errOut = parley(t, "", "eval", "-model", model, "-html", "-", corpus)
	require.Equal(t, exitOK, code, errOut)
	assert.True(t, strings.HasPrefix(out, "<!DOCTYPE html>"))
	assert.NotContains(t, out, "confusion (rows")

	// A page that cannot be written fails, and leaves no temporary file.
	code, _, errOut = parley(t, "", "eval", "-model", model, "-html", filepath.Join(dir, "no", "such", "dir", "x.html"), corpus)
	assert.Equal(t, exitFailure, code)
	assert.Contains(t, errOut, "x.html")
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		assert.NotContains(t, e.Name(), ".tmp-")
	}
}

func TestEvalRefusesEmptyCorpusAndNamesCalibration(t *testing.T) {
	code, _, errOut := parley(t, "", "eval")
	assert.Equal(t, exitFailure, code)
	assert.Contains(t, errOut, "no examples in standard input")

	c := writeFile(t, t.TempDir(), "c.tsv", "a\tx y\na\ty z\nb\tz w\n")
	code, _, errOut = parley(t, "", "eval", "-cv", "3", c)
	assert.Equal(t, exitFailure, code)
	assert.Contains(t, errOut, "calibrate the temperature")
}

func TestEvalStopsOnCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errOut bytes.Buffer
	code := run(ctx, []string{"eval", "-cv", "5", "../../data/corpus"}, strings.NewReader(""), &out, &errOut)
	assert.Equal(t, exitFailure, code)
	assert.Contains(t, errOut.String(), "context canceled")
}
