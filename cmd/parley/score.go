package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/parley-nlp/parley/classifier"
	"github.com/parley-nlp/parley/data"
	"github.com/parley-nlp/parley/internal/parallel"
)

var scoreCmd = &command{
	name:    "score",
	args:    "[FILE|FOLDER...]",
	summary: "label every sentence of whole articles and sum them up",
	help: `Score reads whole articles and labels every sentence. Inputs are files, folders (read
recursively: files ending .txt, .jsonl or .csv, or those matching -glob), or standard
input. A plain-text article may open with a header: "date YYYY-MM-DD" at the very start
(followed by a line break, or by the text on the same line), then "title:" and "source:"
lines. JSON Lines articles are {"id","date","title","source","text"}; CSV articles
have a header naming those columns.

Output: one JSON object per article (-format json) with its metadata, every sentence
with byte offsets into the article text, label, confidence and probabilities, and a
summary (counts, shares, tone = mean P(conciliatory) - P(warning)); or a readable
listing (-format text).`,
	flags: func(fs *flag.FlagSet) func(*env, []string) error {
		model := fs.String("model", "", "model file (default: the embedded default model)")
		format := fs.String("format", "json", "output format: json or text")
		input := fs.String("input", "", "input format: txt, jsonl or csv (default: by extension; stdin is txt)")
		glob := fs.String("glob", "", "in folders, score the files whose name matches this pattern")
		explain := fs.Int("explain", 0, "add the N features that decided each label")
		minConf := fs.Float64("min-confidence", 0, "label sentences below this confidence "+classifier.Uncertain)
		return func(e *env, args []string) error {
			if *format != "json" && *format != "text" {
				return usagef("-format must be json or text, not %q", *format)
			}
			if *minConf < 0 || *minConf > 1 {
				return usagef("-min-confidence must be between 0 and 1")
			}
			paths, err := expandArticlePaths(args, *glob)
			if err != nil {
				return err
			}
			c, err := loadModel(*model)
			if err != nil {
				return err
			}
			opts := []classifier.Option{classifier.WithMinConfidence(*minConf)}
			if *explain > 0 {
				opts = append(opts, classifier.WithExplain(*explain))
			}
			out := bufio.NewWriterSize(e.stdout, 64<<10)
			write := func(a data.Article, d classifier.Document) error {
				if *format == "text" {
					return writeArticleText(out, c, a, d)
				}
				return writeArticleJSON(out, a, d)
			}
			err = scoreArticles(e, c, paths, *input, opts, write)
			if ferr := out.Flush(); err == nil && ferr != nil {
				err = fmt.Errorf("write output: %w", ferr)
			}
			return err
		}
	},
}

// scoreArticles scores articles in batches on all cores and writes each
// batch in input order before reading on, so memory stays flat.
func scoreArticles(e *env, c *classifier.Classifier, paths []string, input string, opts []classifier.Option, write func(data.Article, classifier.Document) error) error {
	const batch = 64
	arts := make([]data.Article, 0, batch)
	docs := make([]classifier.Document, batch)
	flush := func() error {
		parallel.For(len(arts), func(i int) { docs[i] = c.ClassifyText(arts[i].Text, opts...) })
		for i := range arts {
			if err := write(arts[i], docs[i]); err != nil {
				return err
			}
		}
		arts = arts[:0]
		return e.ctx.Err()
	}
	err := readArticles(e, paths, input, func(a data.Article) error {
		arts = append(arts, a)
		if len(arts) == batch {
			return flush()
		}
		return nil
	})
	if err != nil {
		return err
	}
	return flush()
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

func writeArticleJSON(w io.Writer, a data.Article, d classifier.Document) error {
	b, err := json.Marshal(scoredArticle{ID: a.ID, Date: a.Date, Title: a.Title, Source: a.Source, Sentences: d.Sentences, Summary: d.Summary})
	if err != nil {
		return err
	}
	b = append(b, '\n')
	_, err = w.Write(b)
	return err
}

func writeArticleText(w io.Writer, c *classifier.Classifier, a data.Article, d classifier.Document) error {
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
	_, err := fmt.Fprintf(w, "%s\n\n", summaryLine(c, d.Summary))
	return err
}

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

// oneLine folds line breaks and runs of space into single spaces.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
