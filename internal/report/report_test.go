package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"

	"github.com/parley-nlp/parley/classifier"
	"github.com/parley-nlp/parley/data"
	"github.com/parley-nlp/parley/features"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

var labels = []string{"conciliatory", "neutral", "warning"}

// sent is one sentence of a test article and its prediction.
type sent struct {
	text  string
	sep   string // what follows the sentence in the article text
	label string
	probs []float64 // conciliatory, neutral, warning
	why   []classifier.Reason
}

// scored builds an article and its document from sentences, with the
// summary computed by hand the way classifier.Summarize does.
func scored(a data.Article, ss ...sent) (data.Article, classifier.Document) {
	var text strings.Builder
	text.WriteString("LONDON (Wire) - ")
	var d classifier.Document
	d.Summary = classifier.Summary{Counts: map[string]int{}, Shares: map[string]float64{}, MostConciliatory: -1, MostWarning: -1}
	for _, l := range labels {
		d.Summary.Counts[l] = 0
	}
	var tone float64
	for i, s := range ss {
		start := text.Len()
		text.WriteString(s.text)
		best := 0
		for j, p := range s.probs {
			if p > s.probs[best] {
				best = j
			}
		}
		d.Sentences = append(d.Sentences, classifier.SentencePrediction{
			Sentence: features.Sentence{Text: s.text, Start: start, End: text.Len()},
			Prediction: classifier.Prediction{Label: s.label, Confidence: s.probs[best], Probabilities: s.probs,
				Labels: labels, Reasons: s.why},
		})
		text.WriteString(s.sep)
		d.Summary.Counts[s.label]++
		if s.label == classifier.Uncertain {
			d.Summary.Uncertain++
		}
		tone += s.probs[0] - s.probs[2]
		if d.Summary.MostConciliatory < 0 || s.probs[0] > ss[d.Summary.MostConciliatory].probs[0] {
			d.Summary.MostConciliatory = i
		}
		if d.Summary.MostWarning < 0 || s.probs[2] > ss[d.Summary.MostWarning].probs[2] {
			d.Summary.MostWarning = i
		}
	}
	d.Summary.Sentences = len(ss)
	if len(ss) > 0 {
		for l, n := range d.Summary.Counts {
			d.Summary.Shares[l] = float64(n) / float64(len(ss))
		}
		t := tone / float64(len(ss))
		d.Summary.Tone = &t
	}
	a.Text = text.String()
	return a, d
}

// fixture returns three scored articles: two dated, one undated, with a
// script tag in a title and a text, an uncertain sentence and paragraphs.
func fixture() ([]data.Article, []classifier.Document) {
	var arts []data.Article
	var docs []classifier.Document
	add := func(a data.Article, d classifier.Document) {
		arts = append(arts, a)
		docs = append(docs, d)
	}
	add(scored(data.Article{ID: "01-border", Date: "2023-03-14", Title: "Talks offered after border clashes", Source: "Wire"},
		sent{text: "Pakistan said it was ready to hold talks to ease tensions.", sep: " ", label: "conciliatory", probs: []float64{0.97, 0.02, 0.01},
			why: []classifier.Reason{{Feature: "eas", Words: "ease", Weight: 3.2}, {Feature: "talk", Words: "talks", Weight: 2.5}}},
		sent{text: "Mortar shells struck a checkpoint near the crossing.", sep: "\n\n", label: "neutral", probs: []float64{0.01, 0.95, 0.04}},
		sent{text: "It would respond \"with full force\" to any further violation.", sep: "\n", label: "warning", probs: []float64{0.02, 0.08, 0.90},
			why: []classifier.Reason{{Feature: "full forc", Words: "full force", Weight: 4.1}}},
	))
	add(scored(data.Article{ID: "02-<script>", Date: "2021-11-17", Title: "<script>alert('title')</script> & co"},
		sent{text: "The ministry condemned the attack <script>alert(1)</script> in strong terms.", sep: " ", label: "warning", probs: []float64{0.05, 0.15, 0.80},
			why: []classifier.Reason{{Feature: "condemn", Words: "condemned", Weight: 2.9}}},
		sent{text: "Officials met on Monday.", sep: " ", label: classifier.Uncertain, probs: []float64{0.30, 0.45, 0.25}},
	))
	add(scored(data.Article{ID: "03-undated"},
		sent{text: "Both sides agreed to a ceasefire.", label: "conciliatory", probs: []float64{0.88, 0.10, 0.02}},
	))
	return arts, docs
}

func render(t *testing.T, o Options, arts []data.Article, docs []classifier.Document) string {
	t.Helper()
	var b bytes.Buffer
	w := NewWriter(&b, o)
	for i := range arts {
		require.NoError(t, w.WriteArticle(arts[i], docs[i]))
	}
	require.NoError(t, w.Close())
	return b.String()
}

func TestGolden(t *testing.T) {
	arts, docs := fixture()
	for _, tc := range []struct {
		name string
		o    Options
		n    int // articles
	}{
		{"report.golden.html", Options{Labels: labels, Model: "test model"}, 3},
		{"single.golden.html", Options{Title: "One article"}, 1},
		{"fragment.golden.html", Options{Labels: labels, Fragment: true}, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := render(t, tc.o, arts[:tc.n], docs[:tc.n])
			path := filepath.Join("testdata", tc.name)
			if *update {
				require.NoError(t, os.MkdirAll("testdata", 0o755))
				require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
				return
			}
			want, err := os.ReadFile(path)
			require.NoError(t, err, "run go test ./internal/report -run TestGolden -update to create it")
			assert.Equal(t, string(want), got, "differs from %s (-update rewrites it)", path)
		})
	}
}

// parse parses a page and fails the test when it is not HTML.
func parse(t *testing.T, page string) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	require.NoError(t, err)
	return doc
}

// all returns the elements below n for which keep is true, in order.
func all(n *html.Node, keep func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	for d := range n.Descendants() {
		if d.Type == html.ElementNode && keep(d) {
			out = append(out, d)
		}
	}
	return out
}

func tag(name string) func(*html.Node) bool {
	return func(n *html.Node) bool { return n.Data == name }
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func hasClass(n *html.Node, class string) bool {
	v, _ := attr(n, "class")
	for _, c := range strings.Fields(v) {
		if c == class {
			return true
		}
	}
	return false
}

func text(n *html.Node) string {
	var b strings.Builder
	for d := range n.Descendants() {
		if d.Type == html.TextNode {
			b.WriteString(d.Data)
		}
	}
	return b.String()
}

func TestPageStructure(t *testing.T) {
	arts, docs := fixture()
	doc := parse(t, render(t, Options{Labels: labels}, arts, docs))

	articles := all(doc, tag("article"))
	require.Len(t, articles, 3)
	for i, a := range articles {
		sents := all(a, func(n *html.Node) bool { return hasClass(n, "s") })
		require.Len(t, sents, len(docs[i].Sentences), "article %d", i)
		for j, s := range sents {
			sp := docs[i].Sentences[j]
			label, _ := attr(s, "data-label")
			assert.Equal(t, sp.Prediction.Label, label)
			assert.Equal(t, sp.Text, text(s))
			title, _ := attr(s, "title")
			assert.Contains(t, title, sp.Prediction.Label, "the hover text names the label")
			var tip struct {
				L string
				P [][2]any
				R [][2]any
			}
			raw, _ := attr(s, "data-tip")
			require.NoError(t, json.Unmarshal([]byte(raw), &tip), raw)
			assert.Equal(t, sp.Prediction.Label, tip.L)
			assert.Len(t, tip.P, 3)
			assert.Len(t, tip.R, len(sp.Prediction.Reasons))
			for _, r := range sp.Prediction.Reasons {
				assert.Contains(t, title, r.Words, "the hover text has the reasons")
			}
		}
		// The stacked bar has a segment per label present, and the tone.
		bars := all(a, func(n *html.Node) bool { return hasClass(n, "bar") })
		require.Len(t, bars, 1)
		assert.Contains(t, text(a), "tone ")
	}
	// Paragraphs follow blank lines: the first article has two.
	assert.Len(t, all(articles[0], func(n *html.Node) bool { return n.Data == "p" && n.Parent != nil && hasClass(n.Parent, "text") }), 2)
	// The most conciliatory and most warning sentences link to them.
	ext := all(articles[0], func(n *html.Node) bool { return n.Data == "a" && n.Parent != nil && hasClass(n.Parent, "ext") })
	require.Len(t, ext, 2)
	href, _ := attr(ext[0], "href")
	assert.Equal(t, "#a1-s1", href)
	href, _ = attr(ext[1], "href")
	assert.Equal(t, "#a1-s3", href)

	// An article with no warning sentence says so instead of quoting one.
	assert.Len(t, all(articles[2], func(n *html.Node) bool { return n.Data == "a" && n.Parent != nil && hasClass(n.Parent, "ext") }), 1)
	assert.Contains(t, text(articles[2]), "No sentence leans warning.")

	// The overview: a timeline with the two dated articles, linked, and a
	// sortable list of all three, with an uncertain column.
	over := all(doc, func(n *html.Node) bool { return n.Data == "section" && hasClass(n, "overview") })
	require.Len(t, over, 1)
	circles := all(over[0], tag("circle"))
	require.Len(t, circles, 2)
	assert.Contains(t, text(over[0]), "1 undated article is not shown")
	rows := all(over[0], tag("tr"))
	require.Len(t, rows, 4, "a heading row and three articles")
	heads := text(rows[0])
	for _, h := range []string{"Date", "Article", "Tone", "conciliatory", "neutral", "warning", "uncertain"} {
		assert.Contains(t, heads, h)
	}
	assert.Len(t, all(rows[0], tag("button")), 8, "every column but the bars sorts")
	for _, r := range rows[1:] {
		for _, c := range all(r, tag("td")) {
			_, ok := attr(c, "data-v")
			if !ok {
				assert.True(t, hasClass(c.FirstChild, "bar"), "only the bar cell has no sort value")
			}
		}
	}
}

func TestSelfContained(t *testing.T) {
	arts, docs := fixture()
	page := render(t, Options{Labels: labels}, arts, docs)
	doc := parse(t, page)
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		if src, ok := attr(n, "src"); ok {
			t.Errorf("<%s src=%q> fetches a resource", n.Data, src)
		}
		if href, ok := attr(n, "href"); ok && !strings.HasPrefix(href, "#") && !strings.HasPrefix(href, "data:") {
			t.Errorf("<%s href=%q> points outside the page", n.Data, href)
		}
		if n.Data == "link" {
			rel, _ := attr(n, "rel")
			assert.Equal(t, "icon", rel, "the only link is the empty favicon")
		}
	}
	for _, s := range all(doc, tag("style")) {
		assert.NotContains(t, text(s), "url(")
		assert.NotContains(t, text(s), "@import")
	}
	for _, s := range all(doc, tag("script")) {
		assert.NotContains(t, text(s), "fetch(")
		assert.NotContains(t, text(s), "XMLHttpRequest")
	}
	assert.NotContains(t, page, "http://")
	assert.NotContains(t, page, "https://")
}

func TestEscapesMarkup(t *testing.T) {
	arts, docs := fixture()
	page := render(t, Options{Labels: labels}, arts, docs)
	doc := parse(t, page)
	// Only the page's own script runs.
	scripts := all(doc, tag("script"))
	require.Len(t, scripts, 1)
	assert.NotContains(t, text(scripts[0]), "alert(")
	// The markup in the input is text: in the heading, the sentence, the
	// list and the tooltips.
	assert.Contains(t, text(all(doc, tag("h2"))[1]), "<script>alert('title')</script> & co")
	s := all(doc, func(n *html.Node) bool { id, _ := attr(n, "id"); return id == "a2-s1" })
	require.Len(t, s, 1)
	assert.Equal(t, docs[1].Sentences[0].Text, text(s[0]))
	assert.NotContains(t, page, "<script>alert")
	assert.Contains(t, page, "&lt;script&gt;alert(1)&lt;/script&gt;")
}

func TestStreams(t *testing.T) {
	arts, docs := fixture()
	var b bytes.Buffer
	w := NewWriter(&b, Options{Labels: labels})
	require.NoError(t, w.WriteArticle(arts[0], docs[0]))
	first := b.String()
	assert.Contains(t, first, "<!DOCTYPE html>")
	assert.Contains(t, first, docs[0].Sentences[0].Text, "an article is written when it is given")
	assert.NotContains(t, first, "</html>")
	require.NoError(t, w.WriteArticle(arts[1], docs[1]))
	assert.True(t, strings.HasPrefix(b.String(), first), "earlier output is not rewritten")
	require.NoError(t, w.Close())
	assert.True(t, strings.HasSuffix(strings.TrimSpace(b.String()), "</html>"))
	require.NoError(t, w.Close(), "Close twice is harmless")
	assert.Error(t, w.WriteArticle(arts[2], docs[2]), "no article after Close")
}

func TestEdgeCases(t *testing.T) {
	t.Run("no articles", func(t *testing.T) {
		page := render(t, Options{Labels: labels}, nil, nil)
		doc := parse(t, page)
		assert.Empty(t, all(doc, tag("article")))
		assert.Contains(t, text(doc), "No articles.")
	})
	t.Run("no sentences", func(t *testing.T) {
		a, d := scored(data.Article{ID: "empty"})
		d.Summary.Tone = nil
		doc := parse(t, render(t, Options{}, []data.Article{a}, []classifier.Document{d}))
		assert.Contains(t, text(doc), "No sentences.")
		assert.Contains(t, text(doc), "tone n/a")
	})
	t.Run("offsets that do not fit the text", func(t *testing.T) {
		a, d := scored(data.Article{ID: "bad"},
			sent{text: "One.", sep: " ", label: "neutral", probs: []float64{0.1, 0.8, 0.1}},
			sent{text: "Two.", label: "neutral", probs: []float64{0.1, 0.8, 0.1}})
		d.Sentences[0].Start, d.Sentences[0].End = 500, 900
		d.Sentences[1].Start, d.Sentences[1].End = -3, 2
		d.Summary.MostWarning = 7
		doc := parse(t, render(t, Options{Labels: labels}, []data.Article{a}, []classifier.Document{d}))
		assert.Len(t, all(doc, func(n *html.Node) bool { return hasClass(n, "s") }), 2)
	})
	t.Run("other labels", func(t *testing.T) {
		a := data.Article{ID: "x", Text: "Alpha. Beta."}
		other := []string{"pro", "con"}
		d := classifier.Document{
			Sentences: []classifier.SentencePrediction{
				{Sentence: features.Sentence{Text: "Alpha.", Start: 0, End: 6}, Prediction: classifier.Prediction{Label: "pro", Confidence: 0.7, Probabilities: []float64{0.7, 0.3}, Labels: other}},
				{Sentence: features.Sentence{Text: "Beta.", Start: 7, End: 12}, Prediction: classifier.Prediction{Label: "con", Confidence: 0.6, Probabilities: []float64{0.4, 0.6}, Labels: other}},
			},
			Summary: classifier.Summary{Sentences: 2, Counts: map[string]int{"pro": 1, "con": 1}, MostConciliatory: -1, MostWarning: -1},
		}
		page := render(t, Options{}, []data.Article{a, a}, []classifier.Document{d, d})
		doc := parse(t, page)
		assert.Contains(t, page, ".l0{--c:#E69F00}", "labels of other models take palette colours")
		assert.Contains(t, text(doc), "tone n/a")
		assert.Empty(t, all(doc, tag("svg")), "no timeline without dates and tone")
		assert.Len(t, all(doc, tag("tr")), 3)
	})
}

type failWriter struct{ n int }

func (f *failWriter) Write(p []byte) (int, error) {
	if f.n <= 0 {
		return 0, errors.New("disk full")
	}
	f.n--
	return len(p), nil
}

func TestWriteErrors(t *testing.T) {
	arts, docs := fixture()
	w := NewWriter(&failWriter{n: 0}, Options{Labels: labels})
	err := w.WriteArticle(arts[0], docs[0])
	require.Error(t, err)
	assert.Contains(t, err.Error(), "disk full")
	assert.Equal(t, err, w.WriteArticle(arts[1], docs[1]), "the first error sticks")
	assert.Equal(t, err, w.Close())
}

func TestAssets(t *testing.T) {
	a := string(Assets(labels))
	assert.Contains(t, a, "<style>")
	assert.Contains(t, a, ".l2{--c:#D55E00}")
	assert.Contains(t, a, "<script>")
	l := string(Legend(labels))
	doc := parse(t, l)
	assert.Len(t, all(doc, tag("li")), 3)
	assert.Contains(t, text(doc), "warning: pushing against the other side")
}

func TestDateTicks(t *testing.T) {
	d := func(s string) time.Time {
		t, err := time.Parse(time.DateOnly, s)
		if err != nil {
			panic(err)
		}
		return t
	}
	for _, tc := range []struct {
		lo, hi string
		want   []string
	}{
		{"2020-05-05", "2020-05-05", []string{"5 May 2020"}},
		{"2020-05-01", "2020-05-04", []string{"1 May", "2 May", "3 May", "4 May"}},
		{"2020-01-15", "2020-12-20", []string{"Mar 2020", "May 2020", "Jul 2020", "Sep 2020", "Nov 2020"}},
		{"2004-03-01", "2023-07-01", []string{"2005", "2010", "2015", "2020"}},
		{"2001-06-01", "2005-02-01", []string{"2002", "2003", "2004", "2005"}},
	} {
		var got []string
		for _, tk := range dateTicks(d(tc.lo), d(tc.hi)) {
			got = append(got, tk.label)
		}
		assert.Equal(t, tc.want, got, "%s to %s", tc.lo, tc.hi)
	}
}

func TestFormatting(t *testing.T) {
	for _, tc := range []struct {
		x    float64
		want string
	}{{0, "0%"}, {0.004, "<1%"}, {0.5, "50%"}, {0.996, ">99%"}, {1, "100%"}} {
		assert.Equal(t, tc.want, pct(tc.x))
	}
	assert.Equal(t, "+0.16", signed(0.16))
	assert.Equal(t, "−0.40", signed(-0.4))
	assert.Equal(t, "0.00", signed(-0.001))
	assert.Equal(t, "q1", shade(1.0/3, 3))
	assert.Equal(t, "q5", shade(1, 3))
	assert.Equal(t, "q3", shade(0.75, 2))
	assert.Equal(t, "#8A8A8A", toneColour(0))
	assert.Equal(t, "#0072B2", toneColour(0.9))
	assert.Equal(t, "#D55E00", toneColour(-1))
}

// BenchmarkWriteArticle measures the cost of one article of three
// sentences; memory per article after it is written is only its row.
func BenchmarkWriteArticle(b *testing.B) {
	arts, docs := fixture()
	w := NewWriter(io.Discard, Options{Labels: labels})
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if err := w.WriteArticle(arts[i%3], docs[i%3]); err != nil {
			b.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		b.Fatal(err)
	}
}
