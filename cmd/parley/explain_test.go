package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestExplainGolden(t *testing.T) {
	model := tinyModel(t)
	tests := []struct {
		golden string
		stdin  string
		args   []string
	}{
		{"explain/one.txt", "", []string{"He", "vowed", "to", "retaliate", "against", "any", "attack."}},
		{"explain/stdin.txt", "The two governments agreed to resume talks.\n\n  Xyzzy plugh.  \nHe did not rule out military action.\n", []string{"-top", "3"}},
	}
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			code, out, errOut := parley(t, tt.stdin, append([]string{"explain", "-model", model}, tt.args...)...)
			require.Equal(t, exitOK, code, errOut)
			golden(t, tt.golden, out)
		})
	}
}

// TestExplainAgreesWithClassify checks the figures against classify's
// JSON for the same sentence and model.
func TestExplainAgreesWithClassify(t *testing.T) {
	sentence := "The defence ministry warned that any incursion would be met with a forceful response."
	code, out, errOut := parley(t, "", "explain", "-top", "4", sentence)
	require.Equal(t, exitOK, code, errOut)

	code, js, errOut := parley(t, sentence+"\n", "classify", "-explain", "4")
	require.Equal(t, exitOK, code, errOut)
	var p struct {
		Label         string
		Confidence    float64
		Probabilities map[string]float64
		Reasons       []struct {
			Feature, Words string
			Weight         float64
		}
	}
	require.NoError(t, json.Unmarshal([]byte(js), &p))
	require.NotEmpty(t, p.Reasons)

	lines := strings.Split(out, "\n")
	assert.Equal(t, "sentence:      "+sentence, lines[0])
	assert.True(t, strings.HasPrefix(lines[1], fmt.Sprintf("label:         %s (confidence %.4f; runner-up ", p.Label, p.Confidence)), lines[1])
	assert.Equal(t, fmt.Sprintf("probabilities: conciliatory %.4f, neutral %.4f, warning %.4f",
		p.Probabilities["conciliatory"], p.Probabilities["neutral"], p.Probabilities["warning"]), lines[2])
	table := lines[4 : 5+len(p.Reasons)]
	assert.Regexp(t, `^words +feature +weight$`, table[0])
	// Columns start where their heading does (the text is ASCII).
	fc, wc := strings.Index(table[0], "feature"), strings.Index(table[0], "weight")
	for i, r := range p.Reasons {
		row := table[i+1]
		require.Greater(t, len(row), wc, row)
		assert.Equal(t, r.Words, strings.TrimSpace(row[:fc]))
		assert.Equal(t, r.Feature, strings.TrimSpace(row[fc:wc]))
		assert.Equal(t, fmt.Sprintf("%+.3f", r.Weight), strings.TrimSpace(row[wc:]))
	}
	assert.Contains(t, out, "weight: log P(feature | "+p.Label+") - log P(feature | ")
}

func TestExplainErrors(t *testing.T) {
	code, _, errOut := parley(t, "", "explain", "-top", "0", "hello")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, "-top must be at least 1")

	code, _, errOut = parley(t, "", "explain", "  ")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, "the sentence is empty")

	code, out, errOut := parley(t, "\n\n", "explain")
	assert.Equal(t, exitOK, code, errOut)
	assert.Empty(t, out, "blank lines are skipped")

	code, _, errOut = parley(t, "", "explain", "-model", "/no/such.model", "hello")
	assert.Equal(t, exitFailure, code)
	assert.Contains(t, errOut, "no such file")
}
