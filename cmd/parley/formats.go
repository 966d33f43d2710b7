package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/parley-nlp/parley/classifier"
	"github.com/parley-nlp/parley/data"
)

// articleWriter writes scored articles in one output format, one article
// at a time, so a stream of any length is written as it is scored.
type articleWriter interface {
	// WriteArticle writes one scored article.
	WriteArticle(a data.Article, d classifier.Document) error
	// Close finishes the output (a footer, a closing tag); it does not
	// close the underlying writer.
	Close() error
}

// formatOptions is what an output format may need besides the writer.
type formatOptions struct {
	model *classifier.Classifier
	// color: labels may be coloured with ANSI escapes (see colorMode).
	color bool
	// minConfidence is the -min-confidence of the run (0 when unset), so
	// that a summary can show the uncertain share even when it is zero.
	minConfidence float64
}

// scoreFormats maps each -format name of score to its writer.
var scoreFormats = map[string]func(w io.Writer, o formatOptions) articleWriter{
	"jsonl": newJSONLWriter,
	"json":  newJSONLWriter, // the name of jsonl before version 1
	"text":  newTextWriter,
	"html":  newHTMLWriter,
	"csv":   newCSVWriter,
}

func formatNames() []string {
	names := make([]string, 0, len(scoreFormats))
	for n := range scoreFormats {
		if n != "json" {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	return names
}

// writeOutput calls write with standard output, or, when path is set, with
// a temporary file that replaces path only once write has succeeded.
func writeOutput(e *env, path string, write func(io.Writer) error) error {
	if path == "" || path == "-" {
		return write(e.stdout)
	}
	if err := writeFileAtomic(path, write); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// isTerminal reports whether w is a character device such as a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// scoredArticle is the JSON form of a scored article.
type scoredArticle struct {
	ID        string                          `json:"id,omitempty"`
	Date      string                          `json:"date,omitempty"`
	Title     string                          `json:"title,omitempty"`
	Source    string                          `json:"source,omitempty"`
	Sentences []classifier.SentencePrediction `json:"sentences"`
	Summary   classifier.Summary              `json:"summary"`
}

// jsonlWriter writes one JSON object per article and line.
type jsonlWriter struct{ w io.Writer }

func newJSONLWriter(w io.Writer, _ formatOptions) articleWriter { return jsonlWriter{w} }

func (j jsonlWriter) WriteArticle(a data.Article, d classifier.Document) error {
	b, err := json.Marshal(scoredArticle{ID: a.ID, Date: a.Date, Title: a.Title, Source: a.Source, Sentences: d.Sentences, Summary: d.Summary})
	if err != nil {
		return err
	}
	b = append(b, '\n')
	_, err = j.w.Write(b)
	return err
}

func (jsonlWriter) Close() error { return nil }

// textWriter writes a readable listing: a heading per article, a line per
// sentence, the reasons under it, and a summary line.
type textWriter struct {
	w io.Writer
	o formatOptions
}

func newTextWriter(w io.Writer, o formatOptions) articleWriter { return textWriter{w, o} }

func (t textWriter) WriteArticle(a data.Article, d classifier.Document) error {
	w := t.w
	head := a.ID
	if a.Date != "" {
		head += "  " + a.Date
	}
	if a.Title != "" {
		head += "  " + a.Title
	}
	fmt.Fprintf(w, "== %s ==\n", head)
	for i, s := range d.Sentences {
		fmt.Fprintf(w, "%3d  %s %.2f  %s\n", i+1, t.label(s.Prediction.Label, 12), s.Prediction.Confidence, oneLine(s.Text))
		for _, r := range s.Prediction.Reasons {
			fmt.Fprintf(w, "                        %-28q %+.2f\n", r.Words, r.Weight)
		}
	}
	fmt.Fprintf(w, "%s\n", summaryLine(t.o, d.Summary))
	t.most(classifier.Conciliatory, d, d.Summary.MostConciliatory)
	t.most(classifier.Warning, d, d.Summary.MostWarning)
	_, err := fmt.Fprintln(w)
	return err
}

// most writes the line naming the sentence with the highest probability
// of label, if any: "most warning: #6 (p=1.00) She added, ...".
func (t textWriter) most(label string, d classifier.Document, i int) {
	if i < 0 || i >= len(d.Sentences) {
		return
	}
	s := d.Sentences[i]
	fmt.Fprintf(t.w, "most %s: #%d (p=%.2f) %s\n", t.label(label, 0), i+1, s.Prediction.Probability(label), oneLine(s.Text))
}

// label returns label padded to width, coloured when colour is on. The
// padding goes outside the escapes, so columns line up either way.
func (t textWriter) label(label string, width int) string {
	pad := ""
	if n := width - len(label); n > 0 {
		pad = strings.Repeat(" ", n)
	}
	if !t.o.color {
		return label + pad
	}
	code, ok := labelColors[label]
	if !ok {
		return label + pad
	}
	return code + label + ansiReset + pad
}

func (textWriter) Close() error { return nil }

// ANSI colours of the labels in -format text; other labels are plain.
const ansiReset = "\x1b[0m"

var labelColors = map[string]string{
	classifier.Conciliatory: "\x1b[32m", // green
	classifier.Warning:      "\x1b[31m", // red
	"neutral":               "\x1b[2m",  // faint
	classifier.Uncertain:    "\x1b[33m", // yellow
}

// Values of score -color.
var colorModes = []string{"auto", "always", "never"}

// colorMode decides whether to colour output: "always" and "never" say so,
// and "auto" colours a terminal unless NO_COLOR is set to a non-empty
// value (https://no-color.org). An explicit flag overrides NO_COLOR.
func colorMode(mode string, terminal bool) (bool, error) {
	switch mode {
	case "always":
		return true, nil
	case "never":
		return false, nil
	case "auto", "":
		return terminal && os.Getenv("NO_COLOR") == "", nil
	}
	return false, usagef("-color must be one of %s, not %q", strings.Join(colorModes, ", "), mode)
}

// summaryLine renders a summary on one line: counts and shares per label
// (uncertain too when any sentence is, or when a minimum confidence was
// set), and the tone.
func summaryLine(o formatOptions, s classifier.Summary) string {
	var b strings.Builder
	fmt.Fprintf(&b, "summary: %d sentences", s.Sentences)
	labels := o.model.Labels()
	sort.Strings(labels)
	if s.Uncertain > 0 || o.minConfidence > 0 {
		labels = append(labels, classifier.Uncertain)
	}
	for _, l := range labels {
		fmt.Fprintf(&b, "; %s %d (%.0f%%)", l, s.Counts[l], 100*s.Shares[l])
	}
	if s.Tone != nil {
		fmt.Fprintf(&b, "; tone %+.2f", *s.Tone)
	}
	return b.String()
}
