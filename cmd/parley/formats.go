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
	// color: the output is a terminal, so labels may be coloured.
	color bool
}

// scoreFormats maps each -format name of score to its writer.
var scoreFormats = map[string]func(w io.Writer, o formatOptions) articleWriter{
	"jsonl": newJSONLWriter,
	"json":  newJSONLWriter, // the name of jsonl before version 1
	"text":  newTextWriter,
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
		fmt.Fprintf(w, "%3d  %-12s %.2f  %s\n", i+1, s.Prediction.Label, s.Prediction.Confidence, oneLine(s.Text))
		for _, r := range s.Prediction.Reasons {
			fmt.Fprintf(w, "                        %-28q %+.2f\n", r.Words, r.Weight)
		}
	}
	_, err := fmt.Fprintf(w, "%s\n\n", summaryLine(t.o.model, d.Summary))
	return err
}

func (textWriter) Close() error { return nil }

// summaryLine renders a summary on one line.
func summaryLine(c *classifier.Classifier, s classifier.Summary) string {
	var b strings.Builder
	fmt.Fprintf(&b, "summary: %d sentences", s.Sentences)
	labels := c.Labels()
	if s.Uncertain > 0 {
		labels = append(labels, classifier.Uncertain)
	}
	sort.Strings(labels)
	for _, l := range labels {
		fmt.Fprintf(&b, "; %s %d (%.0f%%)", l, s.Counts[l], 100*s.Shares[l])
	}
	if s.Tone != nil {
		fmt.Fprintf(&b, "; tone %+.2f", *s.Tone)
	}
	return b.String()
}
