package main

import (
	"bytes"
	"context"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakeTerminals makes terminal report true for the given writers only.
func fakeTerminals(t *testing.T, ws ...io.Writer) {
	t.Helper()
	old := terminal
	t.Cleanup(func() { terminal = old })
	terminal = func(w io.Writer) bool {
		for _, x := range ws {
			if w == x {
				return true
			}
		}
		return false
	}
}

func articleDir(t *testing.T, n int) string {
	t.Helper()
	dir := t.TempDir()
	for i := range n {
		writeFile(t, dir, string(rune('a'+i))+".txt", "date 2025-01-14\nThe envoy arrived on Monday. He vowed to retaliate.\n")
	}
	return dir
}

func TestProgressBar(t *testing.T) {
	dir := articleDir(t, 3)
	outFile := filepath.Join(t.TempDir(), "out.jsonl")
	tests := []struct {
		name      string
		args      []string
		terminals string // which streams are terminals: "", "stderr", "both"
		wantBar   bool
	}{
		{"folder, stderr a terminal", []string{dir}, "stderr", true},
		{"two files", []string{filepath.Join(dir, "a.txt"), filepath.Join(dir, "b.txt")}, "stderr", true},
		{"one file", []string{filepath.Join(dir, "a.txt")}, "stderr", false},
		{"stderr not a terminal", []string{dir}, "", false},
		{"results on a terminal", []string{dir}, "both", false},
		{"results to a file, stdout a terminal", []string{"-o", outFile, dir}, "both", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			switch tt.terminals {
			case "stderr":
				fakeTerminals(t, &errb)
			case "both":
				fakeTerminals(t, &out, &errb)
			default:
				fakeTerminals(t)
			}
			code := run(context.Background(), append([]string{"score"}, tt.args...), strings.NewReader(""), &out, &errb)
			require.Equal(t, exitOK, code, errb.String())
			if !tt.wantBar {
				assert.Empty(t, errb.String())
				return
			}
			files := 3
			if len(tt.args) == 2 && !strings.HasPrefix(tt.args[0], "-") {
				files = 2
			}
			bar := errb.String()
			assert.Contains(t, bar, "scoring 100%")
			assert.Contains(t, bar, "("+itoa(files)+"/"+itoa(files)+", ")
			assert.True(t, strings.HasSuffix(bar, "\n"), "the bar's line is ended: %q", bar)
			assert.NotContains(t, out.String(), "scoring", "nothing of the bar on standard output")
		})
	}
}

func itoa(i int) string { return string(rune('0' + i)) }

// TestProgressBarDoesNotChangeTheOutput compares standard output with and
// without a bar.
func TestProgressBarDoesNotChangeTheOutput(t *testing.T) {
	dir := articleDir(t, 5)
	runScore := func(withBar bool) (string, string) {
		var out, errb bytes.Buffer
		if withBar {
			fakeTerminals(t, &errb)
		} else {
			fakeTerminals(t)
		}
		code := run(context.Background(), []string{"score", "-format", "text", dir}, strings.NewReader(""), &out, &errb)
		require.Equal(t, exitOK, code, errb.String())
		return out.String(), errb.String()
	}
	plain, noBar := runScore(false)
	withBar, bar := runScore(true)
	assert.Empty(t, noBar)
	assert.NotEmpty(t, bar)
	assert.Equal(t, plain, withBar)
}

// TestProgressBarEndsItsLineOnError checks that an error message starts on
// a line of its own after a bar cut short.
func TestProgressBarEndsItsLineOnError(t *testing.T) {
	dir := articleDir(t, 3)
	writeFile(t, dir, "b.txt", "date 2025-13-45\nBad date.\n")
	var out, errb bytes.Buffer
	fakeTerminals(t, &errb)
	code := run(context.Background(), []string{"score", dir}, strings.NewReader(""), &out, &errb)
	require.Equal(t, exitFailure, code)
	assert.Contains(t, errb.String(), "scoring")
	assert.Contains(t, errb.String(), "\nparley score: "+filepath.Join(dir, "b.txt")+":1: invalid date")
}
