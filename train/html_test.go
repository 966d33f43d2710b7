package train

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"
)

// The -update flag rewrites the golden files under testdata instead of
// comparing with them (go test ./train -run HTML -update). It is defined
// here unless another test file of the package defined it first.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite the golden files under testdata")
	}
}

func updateGolden() bool {
	g, ok := flag.Lookup("update").Value.(flag.Getter)
	if !ok {
		return false
	}
	b, _ := g.Get().(bool)
	return b
}

// golden compares got with testdata/name, or writes it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if updateGolden() {
		require.NoError(t, os.MkdirAll("testdata", 0o755))
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test ./train -run HTML -update to create it")
	assert.Equal(t, string(want), got, "differs from %s (go test ./train -run HTML -update rewrites it)", path)
}

var htmlLabels = []string{"conciliatory", "neutral", "warning"}

// htmlOutcomes are predictions with every kind of cell and bin: right and
// wrong answers at several confidences, and a label the model does not
// know (written with markup, which the page must show as text).
func htmlOutcomes() []Outcome {
	type o struct {
		truth, pred string
		conf        float64
		n           int
	}
	var outs []Outcome
	for _, x := range []o{
		{"conciliatory", "conciliatory", 0.95, 40}, {"conciliatory", "conciliatory", 0.72, 8}, {"conciliatory", "neutral", 0.55, 6}, {"conciliatory", "warning", 0.41, 2},
		{"neutral", "neutral", 0.97, 70}, {"neutral", "neutral", 0.64, 9}, {"neutral", "warning", 0.58, 4}, {"neutral", "conciliatory", 0.83, 3},
		{"warning", "warning", 0.91, 35}, {"warning", "neutral", 0.66, 7}, {"warning", "warning", 0.38, 3}, {"warning", "conciliatory", 0.52, 1},
		{"<b>hostile</b> & co", "warning", 0.88, 2},
	} {
		for i := 0; i < x.n; i++ {
			probs := make([]float64, len(htmlLabels))
			for k, l := range htmlLabels {
				if l == x.pred {
					probs[k] = x.conf
				} else {
					probs[k] = (1 - x.conf) / 2
				}
			}
			outs = append(outs, Outcome{Truth: x.truth, Predicted: x.pred, Confidence: x.conf, Probabilities: probs, Labels: htmlLabels})
		}
	}
	return outs
}

func htmlCVReport() CVReport {
	outs := htmlOutcomes()
	pooled := NewReport(htmlLabels, outs)
	var folds []Report
	for f := 0; f < 3; f++ {
		var part []Outcome
		for i := f; i < len(outs); i += 3 {
			part = append(part, outs[i])
		}
		folds = append(folds, NewReport(htmlLabels, part))
	}
	return CVReport{
		Folds: 3, Seed: 7, Pooled: pooled, PerFold: folds,
		Accuracy: MeanStd{0.8123, 0.0211}, MacroF1: MeanStd{0.7712, 0.0305},
		LabelF1: map[string]MeanStd{"conciliatory": {0.8, 0.02}, "neutral": {0.9, 0.01}, "warning": {0.75, 0.04}},
	}
}

func renderHTML(t *testing.T, write func(*bytes.Buffer) error) string {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, write(&b))
	return b.String()
}

func TestReportHTMLGolden(t *testing.T) {
	r := NewReport(htmlLabels, htmlOutcomes())
	page := renderHTML(t, func(b *bytes.Buffer) error {
		return r.WriteHTML(b, HTMLOptions{Subtitle: "the default model on test.tsv"})
	})
	golden(t, "report.html", page)
	checkPage(t, page, len(r.Labels))
	assert.Contains(t, page, "&lt;b&gt;hostile&lt;/b&gt; &amp; co", "markup in a label is text")
	assert.NotContains(t, page, "<b>hostile</b>")
	assert.Contains(t, page, "<title>Parley evaluation</title>")
	assert.NotContains(t, page, "Folds")
}

func TestCVReportHTMLGolden(t *testing.T) {
	r := htmlCVReport()
	page := renderHTML(t, func(b *bytes.Buffer) error {
		return r.WriteHTML(b, HTMLOptions{Title: "Cross-validation", Subtitle: "settings"})
	})
	golden(t, "cv-report.html", page)
	checkPage(t, page, len(r.Pooled.Labels))
	assert.Contains(t, page, "0.812 <span class=\"spread\">± 0.021</span>")
	assert.Contains(t, page, "<td><b>0.750 ± 0.040</b></td>", "each label's F1 over folds")
	assert.Equal(t, 3, strings.Count(page, `<td class="label">fold `))
}

// checkPage checks that a page is self-contained and well formed: no
// script, nothing fetched, one SVG chart, and an n×n confusion matrix.
func checkPage(t *testing.T, page string, n int) {
	t.Helper()
	for _, bad := range []string{"<script", "http://", "https://", "url(", "@import", "<link", "<img", "ZgotmplZ"} {
		assert.NotContains(t, page, bad)
	}
	doc, err := html.Parse(strings.NewReader(page))
	require.NoError(t, err)
	var svgs, cells int
	var walk func(*html.Node)
	walk = func(nd *html.Node) {
		if nd.Type == html.ElementNode {
			switch nd.Data {
			case "svg":
				svgs++
			case "td":
				for _, a := range nd.Attr {
					if a.Key == "class" && strings.HasPrefix(a.Val, "cell") {
						cells++
					}
				}
			}
		}
		for c := nd.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	assert.Equal(t, 1, svgs)
	assert.Equal(t, n*n, cells)
}

func TestHTMLWriteError(t *testing.T) {
	r := NewReport(htmlLabels, htmlOutcomes())
	err := r.WriteHTML(failingWriter{}, HTMLOptions{})
	assert.ErrorContains(t, err, "write HTML report")
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, os.ErrClosed }
