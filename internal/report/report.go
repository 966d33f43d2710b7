// Package report renders scored articles as one self-contained HTML page:
// every sentence highlighted by label and shaded by confidence, with its
// probabilities and reasons on hover or focus; per article a stacked bar of
// label shares, the tone and the most conciliatory and most warning
// sentences; and, for several articles, a tone timeline and a sortable list.
//
// The page holds its CSS and JavaScript inline and fetches nothing. It is
// written as a stream: a Writer writes each article as it comes and keeps
// only a small summary of it for the overview, which it writes on Close.
// All text is escaped by html/template.
package report

import (
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/parley-nlp/parley/classifier"
	"github.com/parley-nlp/parley/data"
)

// Options configure a report.
type Options struct {
	// Title is the page title; "" means "Parley report".
	Title string
	// Labels are the model's labels in the order of its probabilities
	// (Classifier.Labels). They fix the colours and the order of the
	// bars. When empty, they are taken from the first article.
	Labels []string
	// Model describes the model in the page footer (Classifier.String).
	Model string
	// Fragment writes only the articles, without the page around them
	// or the overview, to be placed in a page that includes Assets.
	Fragment bool
}

// Writer writes a report one article at a time. Call Close once after the
// last article. A Writer is not safe for concurrent use.
type Writer struct {
	w       io.Writer
	o       Options
	pal     palette
	started bool
	closed  bool
	err     error
	rows    []row
	total   int // sentences over all articles
}

// row is what the overview needs of an article, kept after it is written.
type row struct {
	Anchor    string
	Title     string
	Date      string // as given
	When      time.Time
	Dated     bool
	Sentences int
	Tone      *float64
	Shares    []float64 // by pal.labels
}

// NewWriter returns a Writer that writes a report to w.
func NewWriter(w io.Writer, o Options) *Writer {
	return &Writer{w: w, o: o}
}

// WriteArticle writes one scored article: d must come from classifying
// a.Text, since sentence offsets refer to it.
func (w *Writer) WriteArticle(a data.Article, d classifier.Document) error {
	if w.err != nil {
		return w.err
	}
	if w.closed {
		return fmt.Errorf("report: WriteArticle after Close")
	}
	if !w.started {
		labels := w.o.Labels
		if len(labels) == 0 {
			labels = labelsOf(d)
		}
		w.pal = newPalette(labels)
		if err := w.start(); err != nil {
			return err
		}
	}
	n := len(w.rows) + 1
	v := w.pal.article(n, a, d)
	if !w.o.Fragment {
		w.rows = append(w.rows, v.row())
		w.total += len(d.Sentences)
	}
	return w.exec("article", v)
}

// Close finishes the page: the overview (when there are several articles),
// the footer and the script. It does not close the underlying writer.
func (w *Writer) Close() error {
	if w.err != nil {
		return w.err
	}
	if w.closed {
		return nil
	}
	w.closed = true
	if w.o.Fragment {
		return nil
	}
	if !w.started {
		w.pal = newPalette(w.o.Labels)
		if err := w.start(); err != nil {
			return err
		}
	}
	if len(w.rows) > 1 {
		if err := w.exec("overview", w.overview()); err != nil {
			return err
		}
	}
	return w.exec("foot", foot{Articles: len(w.rows), Sentences: w.total, Model: w.o.Model})
}

func (w *Writer) start() error {
	w.started = true
	if w.o.Fragment {
		return nil
	}
	title := w.o.Title
	if title == "" {
		title = "Parley report"
	}
	return w.exec("head", head{Title: title, Style: w.pal.css(), Legend: w.pal.legend()})
}

func (w *Writer) exec(name string, v any) error {
	if err := pageTemplates.ExecuteTemplate(w.w, name, v); err != nil {
		w.err = fmt.Errorf("report: write %s: %w", name, err)
	}
	return w.err
}

// Assets returns the style and script elements a page needs to show
// fragments written with Options.Fragment for a model with these labels.
func Assets(labels []string) template.HTML {
	var b strings.Builder
	p := newPalette(labels)
	// The templates are fixed, so executing them into a builder cannot fail.
	_ = pageTemplates.ExecuteTemplate(&b, "assets", head{Style: p.css()})
	return template.HTML(b.String())
}

// Legend returns a list of the labels with their colours and meaning, for
// a page that includes Assets.
func Legend(labels []string) template.HTML {
	var b strings.Builder
	_ = pageTemplates.ExecuteTemplate(&b, "legend", newPalette(labels).legend())
	return template.HTML(b.String())
}

// labelsOf returns the labels of a document's predictions, or of its
// summary counts.
func labelsOf(d classifier.Document) []string {
	for _, s := range d.Sentences {
		if len(s.Prediction.Labels) > 0 {
			return s.Prediction.Labels
		}
	}
	var ls []string
	for l := range d.Summary.Counts {
		if l != classifier.Uncertain {
			ls = append(ls, l)
		}
	}
	sort.Strings(ls)
	return ls
}

// head is the data of the page head.
type head struct {
	Title  string
	Style  template.CSS
	Legend []legendItem
}

type legendItem struct {
	Class, Label, Note string
}

// foot is the data of the page end.
type foot struct {
	Articles, Sentences int
	Model               string
}

// articleView is the data of one article.
type articleView struct {
	Anchor    string
	Heading   string
	ID        string
	Date      string
	DateText  string
	Source    string
	Bar       []segment
	Sentences int
	Tone      string
	ToneNum   *float64
	TonePos   string
	ToneWord  string
	Extremes  []extreme
	Paras     [][]sentenceView
	shares    []float64
	when      time.Time
	dated     bool
}

type segment struct {
	Class, Label string
	Count        int
	Pct          string // width, "33.333"
	PctText      string // "33%"
}

// extreme is the most conciliatory or most warning sentence; Target is ""
// when no sentence leans that way.
type extreme struct {
	Class, Label, Target, Text, P string
}

type sentenceView struct {
	ID, Class, Label, Text, Title, Tip string
	Uncertain                          bool
}

func (v articleView) row() row {
	return row{Anchor: v.Anchor, Title: v.Heading, Date: v.Date, When: v.when, Dated: v.dated,
		Sentences: v.Sentences, Tone: v.ToneNum, Shares: v.shares}
}

// paraBreak is a blank line between two sentences: a new paragraph.
var paraBreak = regexp.MustCompile(`\n[ \t\r\f\v]*\n`)

func (p palette) article(n int, a data.Article, d classifier.Document) articleView {
	v := articleView{
		Anchor:    "a" + strconv.Itoa(n),
		ID:        a.ID,
		Date:      a.Date,
		DateText:  a.Date,
		Source:    a.Source,
		Sentences: len(d.Sentences),
		ToneNum:   d.Summary.Tone,
	}
	v.Heading = strings.TrimSpace(a.Title)
	if v.Heading == "" {
		v.Heading = a.ID
	}
	if v.Heading == "" {
		v.Heading = "Article " + strconv.Itoa(n)
	}
	if v.Heading == a.ID {
		v.ID = "" // do not repeat it under the heading
	}
	if t, err := time.Parse("2006-01-02", a.Date); err == nil {
		v.when, v.dated = t, true
		v.DateText = t.Format("2 January 2006")
	}
	// The stacked bar, from the counts (shares are rounded).
	total := len(d.Sentences)
	v.shares = make([]float64, len(p.labels))
	for i, l := range p.labels {
		c := d.Summary.Counts[l]
		if l == classifier.Uncertain && c == 0 {
			continue
		}
		share := 0.0
		if total > 0 {
			share = float64(c) / float64(total)
		}
		v.shares[i] = share
		v.Bar = append(v.Bar, segment{Class: p.class(l), Label: l, Count: c,
			Pct: strconv.FormatFloat(100*share, 'f', 3, 64), PctText: pct(share)})
	}
	v.Tone, v.TonePos, v.ToneWord = "n/a", "50", ""
	if t := d.Summary.Tone; t != nil {
		v.Tone = signed(*t)
		v.TonePos = strconv.FormatFloat(50+50*clamp(*t, -1, 1), 'f', 1, 64)
		v.ToneWord = toneWord(*t)
	}
	for _, e := range []struct {
		label string
		i     int
	}{{classifier.Conciliatory, d.Summary.MostConciliatory}, {classifier.Warning, d.Summary.MostWarning}} {
		if _, ok := p.index[e.label]; !ok {
			continue // a model without this label
		}
		if e.i < 0 || e.i >= len(d.Sentences) || d.Sentences[e.i].Prediction.Best() != e.label {
			v.Extremes = append(v.Extremes, extreme{Class: p.class(e.label), Label: e.label})
			continue
		}
		s := d.Sentences[e.i]
		v.Extremes = append(v.Extremes, extreme{Class: p.class(e.label), Label: e.label,
			Target: sentenceID(v.Anchor, e.i), Text: oneLine(s.Text),
			P: "P = " + strconv.FormatFloat(s.Prediction.Probability(e.label), 'f', 2, 64)})
	}
	// Sentences in paragraphs: a blank line between two sentences in the
	// text starts a new paragraph.
	var para []sentenceView
	prev := 0
	for i, s := range d.Sentences {
		if s.Start >= prev && s.Start <= len(a.Text) && i > 0 && paraBreak.MatchString(a.Text[prev:s.Start]) && len(para) > 0 {
			v.Paras = append(v.Paras, para)
			para = nil
		}
		if s.End >= prev && s.End <= len(a.Text) {
			prev = s.End
		}
		para = append(para, p.sentence(sentenceID(v.Anchor, i), s.Text, s.Prediction))
	}
	if len(para) > 0 {
		v.Paras = append(v.Paras, para)
	}
	return v
}

func sentenceID(anchor string, i int) string { return anchor + "-s" + strconv.Itoa(i+1) }

// tip is the JSON the script turns into a tooltip.
type tip struct {
	Label      string   `json:"l"`
	Best       string   `json:"b"`
	Confidence float64  `json:"c"`
	Probs      [][2]any `json:"p"`           // [label, probability]
	Reasons    [][2]any `json:"r,omitempty"` // [words, weight]
	Classes    []string `json:"k"`           // colour class of each label
}

func (p palette) sentence(id, text string, pr classifier.Prediction) sentenceView {
	best := pr.Best()
	t := tip{Label: pr.Label, Best: best, Confidence: round3(pr.Confidence)}
	var title strings.Builder
	if pr.Label == classifier.Uncertain {
		fmt.Fprintf(&title, "uncertain (best guess %s, %s)", best, pct(pr.Confidence))
	} else {
		fmt.Fprintf(&title, "%s, %s", pr.Label, pct(pr.Confidence))
	}
	title.WriteString("\n")
	for i, l := range pr.Labels {
		if i >= len(pr.Probabilities) {
			break
		}
		q := pr.Probabilities[i]
		t.Probs = append(t.Probs, [2]any{l, round3(q)})
		t.Classes = append(t.Classes, p.class(l))
		if i > 0 {
			title.WriteString(" · ")
		}
		fmt.Fprintf(&title, "%s %s", l, pct(q))
	}
	if len(pr.Reasons) > 0 {
		title.WriteString("\nwhy: ")
		for i, r := range pr.Reasons {
			t.Reasons = append(t.Reasons, [2]any{r.Words, round3(r.Weight)})
			if i > 0 {
				title.WriteString(", ")
			}
			fmt.Fprintf(&title, "“%s” %+.2f", r.Words, r.Weight)
		}
	}
	b, _ := json.Marshal(t) // strings and numbers only: cannot fail
	return sentenceView{
		ID:        id,
		Class:     p.class(pr.Label) + " " + shade(pr.Confidence, len(pr.Labels)),
		Label:     pr.Label,
		Text:      text,
		Title:     title.String(),
		Tip:       string(b),
		Uncertain: pr.Label == classifier.Uncertain,
	}
}

// shade returns the class q1 (barely above chance) to q5 (certain) for a
// confidence among k labels.
func shade(conf float64, k int) string {
	if k < 2 {
		k = 2
	}
	chance := 1 / float64(k)
	rel := (conf - chance) / (1 - chance)
	if math.IsNaN(rel) {
		rel = 0
	}
	q := 1 + int(clamp(rel, 0, 1)*4.999)
	return "q" + strconv.Itoa(q)
}

// pct formats a share as a whole percentage, without claiming 0% or 100%
// for values that are not.
func pct(x float64) string {
	switch {
	case math.IsNaN(x):
		return "n/a"
	case x > 0 && x < 0.005:
		return "<1%"
	case x < 1 && x >= 0.995:
		return ">99%"
	}
	return strconv.FormatFloat(100*x, 'f', 0, 64) + "%"
}

// signed formats a tone as +0.16 or −0.40 (with a real minus sign).
func signed(t float64) string {
	s := strconv.FormatFloat(math.Abs(t), 'f', 2, 64)
	switch {
	case s == "0.00":
		return "0.00"
	case t < 0:
		return "−" + s
	}
	return "+" + s
}

func toneWord(t float64) string {
	switch {
	case t >= 0.15:
		return "conciliatory"
	case t <= -0.15:
		return "warning"
	}
	return "balanced"
}

func clamp(x, lo, hi float64) float64 {
	if math.IsNaN(x) {
		return 0
	}
	return math.Max(lo, math.Min(hi, x))
}

func round3(x float64) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return 0
	}
	return math.Round(x*1000) / 1000
}

// oneLine folds line breaks and runs of space into single spaces.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
