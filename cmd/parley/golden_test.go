package main

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The -update flag rewrites golden files instead of comparing with them
// (go test ./cmd/parley -run X -update). It is defined here unless another
// test file of the package defined it first.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite the golden files under testdata")
	}
}

// updateGolden reports whether -update was given.
func updateGolden() bool {
	g, ok := flag.Lookup("update").Value.(flag.Getter)
	if !ok {
		return false
	}
	b, _ := g.Get().(bool)
	return b
}

// golden compares got with the file testdata/name, or writes it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if updateGolden() {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test -run %s -update to create it", t.Name())
	assert.Equal(t, string(want), got, "differs from %s (go test -update rewrites it)", path)
}

// tinyModel trains a model on tinyCorpus, so that golden output does not
// change whenever the default model is retrained.
func tinyModel(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	model := filepath.Join(dir, "tiny.model")
	code, _, errOut := parley(t, "", "train", "-calibrate", "0", "-o", model, writeFile(t, dir, "corpus.tsv", tinyCorpus))
	require.Equal(t, exitOK, code, errOut)
	return model
}
