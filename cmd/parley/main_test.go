package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/parley-nlp/parley/data"
	"github.com/parley-nlp/parley/models"
)

// parley runs the command in-process and returns its exit code and output.
func parley(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

const tinyCorpus = `conciliatory	The two governments agreed to resume talks on the border next month.
conciliatory	The minister welcomed the offer and said his country was ready for dialogue.
conciliatory	Both sides pledged to respect the ceasefire and release prisoners.
conciliatory	He ruled out the use of force and called for calm.
warning	The defence ministry said any incursion would be met with a forceful response.
warning	He warned that patience was wearing thin and threatened sanctions.
warning	The government did not rule out military action against the rebels.
warning	The president vowed to retaliate if the attacks continued.
neutral	The envoy arrived in the capital on Thursday for a two-day visit.
neutral	A bomb killed five people at a market near the frontier on Monday.
neutral	The central bank left interest rates unchanged at 3.5 percent.
neutral	Voters in the northern province go to the polls on Sunday.
`

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
	return p
}

func TestUsageAndExitCodes(t *testing.T) {
	code, _, errOut := parley(t, "")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, "usage: parley <command>")

	code, out, _ := parley(t, "", "help")
	assert.Equal(t, exitOK, code)
	for _, c := range commands {
		assert.Contains(t, out, c.name)
		code, _, errOut := parley(t, "", c.name, "-h")
		assert.Equal(t, exitOK, code, c.name)
		assert.Contains(t, errOut, "usage: parley "+c.name, c.name)
	}
	code, _, errOut = parley(t, "", "frobnicate")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, `unknown command "frobnicate"`)

	code, _, _ = parley(t, "", "classify", "-no-such-flag")
	assert.Equal(t, exitUsage, code)
	code, _, errOut = parley(t, "", "train")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, "-o MODEL is required")
	code, _, _ = parley(t, "", "classify", "-format", "xml")
	assert.Equal(t, exitUsage, code)

	code, _, errOut = parley(t, "", "classify", "/no/such/file")
	assert.Equal(t, exitFailure, code)
	assert.Contains(t, errOut, "no such file")
}

func TestTrainEvalClassifyRoundTrip(t *testing.T) {
	dir := t.TempDir()
	corpus := writeFile(t, dir, "corpus.tsv", tinyCorpus)
	model := filepath.Join(dir, "m.model")

	code, out, errOut := parley(t, "", "train", "-calibrate", "2", "-o", model, corpus)
	require.Equal(t, exitOK, code, errOut)
	assert.Contains(t, out, "corpus: 12 examples, 3 labels")
	assert.Contains(t, out, "training time:")

	code, out, errOut = parley(t, "", "eval", "-model", model, corpus)
	require.Equal(t, exitOK, code, errOut)
	assert.Contains(t, out, "accuracy")
	assert.Contains(t, out, "confusion")

	code, out, errOut = parley(t, "", "eval", "-cv", "3", "-json", corpus)
	require.Equal(t, exitOK, code, errOut)
	var cv struct {
		Folds  int
		Pooled struct{ Examples int }
	}
	require.NoError(t, json.Unmarshal([]byte(out), &cv))
	assert.Equal(t, 3, cv.Folds)
	assert.Equal(t, 12, cv.Pooled.Examples)

	// The same sentences classified by the trained model, saved and loaded.
	code, out, errOut = parley(t, "He vowed to retaliate against any attack.\n\nThe envoy arrived on Monday.\n", "classify", "-model", model)
	require.Equal(t, exitOK, code, errOut)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	require.Len(t, lines, 2, "blank lines are skipped")
	var p struct {
		Text          string
		Label         string
		Confidence    float64
		Probabilities map[string]float64
	}
	require.NoError(t, json.Unmarshal([]byte(lines[0]), &p))
	assert.Equal(t, "He vowed to retaliate against any attack.", p.Text)
	assert.Equal(t, "warning", p.Label)
	assert.Len(t, p.Probabilities, 3)

	code, out, _ = parley(t, "He vowed to retaliate.\n", "classify", "-model", model, "-format", "tsv")
	require.Equal(t, exitOK, code)
	assert.Regexp(t, `^warning\t0\.\d{4}\tHe vowed to retaliate\.\n$`, out)
}

func TestTrainIsDeterministicAndAtomic(t *testing.T) {
	dir := t.TempDir()
	corpus := writeFile(t, dir, "corpus.tsv", tinyCorpus)
	a, b := filepath.Join(dir, "a.model.gz"), filepath.Join(dir, "b.model.gz")
	for _, m := range []string{a, b} {
		code, _, errOut := parley(t, "", "train", "-o", m, corpus)
		require.Equal(t, exitOK, code, errOut)
	}
	ba, _ := os.ReadFile(a)
	bb, _ := os.ReadFile(b)
	assert.Equal(t, ba, bb)

	// A failing run (a corpus with one label) leaves the model as it was.
	bad := writeFile(t, dir, "bad.tsv", "only\tone label here\nonly\tand here\n")
	code, _, errOut := parley(t, "", "train", "-o", a, bad)
	assert.Equal(t, exitFailure, code)
	assert.Contains(t, errOut, "at least 2 labels")
	after, _ := os.ReadFile(a)
	assert.Equal(t, ba, after)
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		assert.NotContains(t, e.Name(), ".tmp-", "no temporary file is left behind")
	}
}

func TestCorpusErrorsNameFileAndLine(t *testing.T) {
	dir := t.TempDir()
	bad := writeFile(t, dir, "bad.tsv", "warning\tfine text\n\tno label\n")
	code, _, errOut := parley(t, "", "train", "-o", filepath.Join(dir, "m"), bad)
	assert.Equal(t, exitFailure, code)
	assert.Contains(t, errOut, bad+":2: missing label")
}

func TestScoreArticle(t *testing.T) {
	article := " date 2025-01-14 KABUL: Officials said on Tuesday they were ready for talks. The army warned it would respond with force.\n"
	code, out, errOut := parley(t, article, "score")
	require.Equal(t, exitOK, code, errOut)
	var a struct {
		ID        string
		Date      string
		Sentences []struct {
			Text       string
			Start, End int
			Label      string
		}
		Summary struct {
			Sentences int
			Tone      *float64
		}
	}
	require.NoError(t, json.Unmarshal([]byte(out), &a))
	assert.Equal(t, "2025-01-14", a.Date)
	require.Len(t, a.Sentences, 2)
	assert.Equal(t, "Officials said on Tuesday they were ready for talks.", a.Sentences[0].Text)
	assert.Equal(t, 2, a.Summary.Sentences)
	require.NotNil(t, a.Summary.Tone)

	code, out, errOut = parley(t, article, "score", "-format", "text")
	require.Equal(t, exitOK, code, errOut)
	assert.Contains(t, out, "== stdin  2025-01-14 ==")
	assert.Contains(t, out, "summary: 2 sentences")
}

func TestScoreReadmeExample(t *testing.T) {
	code, out, errOut := parley(t, "", "score", "-format", "text", "../../data/articles/01-pakistan-afghanistan-border.txt")
	require.Equal(t, exitOK, code, errOut)
	assert.Contains(t, out, "Pakistan offers talks with Kabul")
	assert.Contains(t, out, "summary: 12 sentences")
}

// TestEmbeddedModelIsReproducible checks that models/default.model.gz is
// exactly what `go generate ./models` makes from the corpus in data/.
func TestEmbeddedModelIsReproducible(t *testing.T) {
	if testing.Short() {
		t.Skip("trains the default model")
	}
	out := filepath.Join(t.TempDir(), "default.model.gz")
	code, _, errOut := parley(t, "", "train", "-o", out, "../../data/corpus", "../../data/articles")
	require.Equal(t, exitOK, code, errOut)
	got, err := os.ReadFile(out)
	require.NoError(t, err)
	if !bytes.Equal(got, models.Default) {
		a, b := gunzip(t, got), gunzip(t, models.Default)
		t.Fatalf("the embedded model differs from what `go generate ./models` produces (%d vs %d bytes uncompressed); run `go generate ./models`", len(a), len(b))
	}
}

func gunzip(t *testing.T, b []byte) []byte {
	z, err := gzip.NewReader(bytes.NewReader(b))
	require.NoError(t, err)
	out, err := io.ReadAll(z)
	require.NoError(t, err)
	return out
}

// TestStatsStyle checks the style section of parley stats: markers at or
// above -skew are listed with each label's share, most skewed first, and
// -json carries every marker.
func TestStatsStyle(t *testing.T) {
	dir := t.TempDir()
	corpus := writeFile(t, dir, "c.tsv", tinyCorpus)
	code, out, errOut := parley(t, "", "stats", "-skew", "2.5", corpus)
	require.Equal(t, exitOK, code, errOut)
	// "and" is in 3 of 4 conciliatory, 0 of 4 neutral and 1 of 4 warning
	// sentences: skew (3+1)/6 over (0+1)/6 = 4. "said" (1, 0 and 1 of 4)
	// and numbers (0, 1 and 0 of 4) have skew 2, under the bar.
	assert.Contains(t, out, fmt.Sprintf("style markers with skew >= 2.5: 1 of %d\n", len(data.StyleMarkers)+1))
	assert.Regexp(t, `(?m)^  marker +skew +conciliatory +neutral +warning$`, out)
	assert.Regexp(t, `(?m)^  and +4\.00 +75\.0% +0\.0% +25\.0%$`, out)
	assert.NotRegexp(t, `(?m)^  (said|<number>) `, out)

	code, out, _ = parley(t, "", "stats", "-skew", "100", corpus)
	require.Equal(t, exitOK, code)
	assert.Contains(t, out, "style markers with skew >= 100: 0 of ")
	assert.NotContains(t, out, "  marker ")

	code, out, _ = parley(t, "", "stats", "-json", corpus)
	require.Equal(t, exitOK, code)
	var s data.Stats
	require.NoError(t, json.Unmarshal([]byte(out), &s))
	assert.Len(t, s.Style, len(data.StyleMarkers)+1)
}
