package main

import (
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const article01 = "../../data/articles/01-pakistan-afghanistan-border.txt"

func TestScoreTextGolden(t *testing.T) {
	model := tinyModel(t)
	tests := []struct {
		name   string
		golden string
		args   []string
	}{
		{"plain", "score/01.txt", nil},
		{"uncertain and reasons", "score/01-uncertain.txt", []string{"-min-confidence", "0.6", "-explain", "2"}},
		{"colour", "score/01-color.txt", []string{"-color", "always", "-min-confidence", "0.6"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"score", "-model", model, "-format", "text"}, tt.args...)
			code, out, errOut := parley(t, "", append(args, article01)...)
			require.Equal(t, exitOK, code, errOut)
			golden(t, tt.golden, out)
		})
	}
}

var ansiRE = regexp.MustCompile("\x1b\\[[0-9;]*m")

func TestScoreTextSummary(t *testing.T) {
	model := tinyModel(t)
	article := "date 2025-01-14\nThe two governments agreed to resume talks on the border. The envoy arrived on Monday. The president vowed to retaliate if the attacks continued.\n"
	code, out, errOut := parley(t, article, "score", "-model", model, "-format", "text", "-min-confidence", "0.995")
	require.Equal(t, exitOK, code, errOut)
	assert.Regexp(t, `\nmost conciliatory: #1 \(p=[01]\.\d\d\) The two governments agreed to resume talks on the border\.\n`, out)
	assert.Regexp(t, `\nmost warning: #3 \(p=[01]\.\d\d\) The president vowed to retaliate if the attacks continued\.\n`, out)
	uncertain := strings.Count(out, "  uncertain    ")
	require.Equal(t, 1, uncertain, "the envoy sentence is below 0.995:\n%s", out)
	assert.Contains(t, out, "; uncertain 1 (33%); tone ")

	// With a minimum confidence, a zero uncertain share is shown too.
	code, out, _ = parley(t, article, "score", "-model", model, "-format", "text", "-min-confidence", "0.5")
	require.Equal(t, exitOK, code)
	assert.Contains(t, out, "; uncertain 0 (0%); tone ")

	// Without -min-confidence, and nothing uncertain, there is no uncertain share.
	code, out, _ = parley(t, article, "score", "-model", model, "-format", "text")
	require.Equal(t, exitOK, code)
	assert.NotContains(t, out, "uncertain")

	// An article without sentences has no most-this or most-that line.
	code, out, _ = parley(t, "date 2025-01-14\n", "score", "-model", model, "-format", "text")
	require.Equal(t, exitOK, code)
	assert.Contains(t, out, "summary: 0 sentences")
	assert.NotContains(t, out, "most ")
}

func TestScoreTextColour(t *testing.T) {
	model := tinyModel(t)
	run := func(args ...string) string {
		code, out, errOut := parley(t, "", append(append([]string{"score", "-model", model, "-format", "text"}, args...), article01)...)
		require.Equal(t, exitOK, code, errOut)
		return out
	}
	plain := run()
	assert.NotContains(t, plain, "\x1b[", "standard output is not a terminal")
	assert.Equal(t, plain, run("-color", "never"))

	t.Setenv("NO_COLOR", "1")
	coloured := run("-color", "always") // the flag overrides NO_COLOR
	assert.Contains(t, coloured, "\x1b[32mconciliatory\x1b[0m ")
	assert.Contains(t, coloured, "\x1b[2mneutral\x1b[0m      ")
	assert.Contains(t, coloured, "most \x1b[31mwarning\x1b[0m: ")
	assert.Equal(t, plain, ansiRE.ReplaceAllString(coloured, ""), "colour changes nothing but the escapes, columns included")

	code, _, errOut := parley(t, "", "score", "-color", "sometimes")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, `-color must be one of auto, always, never, not "sometimes"`)
}

func TestColorMode(t *testing.T) {
	tests := []struct {
		mode     string
		terminal bool
		noColor  string
		want     bool
	}{
		{"auto", true, "", true},
		{"auto", false, "", false},
		{"auto", true, "1", false},
		{"auto", true, "anything", false},
		{"always", false, "1", true},
		{"never", true, "", false},
	}
	for _, tt := range tests {
		t.Run(strings.Join([]string{tt.mode, tt.noColor}, "/"), func(t *testing.T) {
			t.Setenv("NO_COLOR", tt.noColor)
			got, err := colorMode(tt.mode, tt.terminal)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
	_, err := colorMode("yes", true)
	assert.Error(t, err)
}
