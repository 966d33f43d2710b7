package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"
)

func TestScoreHTML(t *testing.T) {
	model := serveModelFile(t)
	arts, err := filepath.Glob("../../data/articles/0[1-3]-*.txt")
	require.NoError(t, err)
	require.Len(t, arts, 3)
	out := filepath.Join(t.TempDir(), "report.html")
	code, _, errOut := parley(t, "", append([]string{"score", "-model", model, "-format", "html", "-explain", "2", "-o", out}, arts...)...)
	require.Equal(t, exitOK, code, errOut)
	page, err := os.ReadFile(out)
	require.NoError(t, err)
	doc, err := html.Parse(strings.NewReader(string(page)))
	require.NoError(t, err)
	count := map[string]int{}
	for n := range doc.Descendants() {
		if n.Type == html.ElementNode {
			count[n.Data]++
			for _, a := range n.Attr {
				if a.Key == "class" && strings.HasPrefix(a.Val, "s ") {
					count["sentence"]++
				}
			}
		}
	}
	assert.Equal(t, 3, count["article"])
	assert.Equal(t, 1, count["svg"], "a timeline for several articles")
	assert.Equal(t, 3, count["circle"])
	assert.Equal(t, 4, count["tr"])
	assert.Greater(t, count["sentence"], 30)
	assert.Contains(t, string(page), "Pakistan offers talks with Kabul after deadly border clashes")

	// One article from standard input: a page without the overview.
	code, stdout, errOut := parley(t, "date 2024-05-14\ntitle: Talks\n\n"+warnSentence+" "+concSentence, "score", "-model", model, "-format", "html")
	require.Equal(t, exitOK, code, errOut)
	assert.True(t, strings.HasPrefix(stdout, "<!DOCTYPE html>"))
	assert.Contains(t, stdout, `data-label="warning"`)
	assert.Contains(t, stdout, `data-label="conciliatory"`)
	assert.NotContains(t, stdout, `id="overview"`)
	assert.True(t, strings.HasSuffix(stdout, "</html>\n"))
}
