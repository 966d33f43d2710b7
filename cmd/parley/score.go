package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/parley-nlp/parley/classifier"
	"github.com/parley-nlp/parley/data"
	"github.com/parley-nlp/parley/internal/parallel"
)

var scoreCmd = &command{
	streams: true,
	name:    "score",
	args:    "[FILE|FOLDER...]",
	summary: "label every sentence of whole articles and sum them up",
	help: `Score reads whole articles and labels every sentence. Inputs are files, folders (read
recursively: files ending .txt, .jsonl or .csv, or those matching -glob), or standard
input. A plain-text article may open with a header: "date YYYY-MM-DD" at the very start
(followed by a line break, or by the text on the same line), then "title:" and "source:"
lines. JSON Lines articles are {"id","date","title","source","text"}; CSV articles
have a header naming those columns.

Output: one JSON object per article (-format jsonl) with its metadata, every sentence
with byte offsets into the article text, label, confidence and probabilities, and a
summary (counts, shares, tone = mean P(conciliatory) - P(warning)); a readable
listing (-format text, labels coloured on a terminal: see -color and NO_COLOR); or
one CSV row per sentence (-format csv: id, date, title, source, sentence, start, end,
label, confidence, p_<label> per label, text). With several files or a folder, a
progress bar is drawn on standard error when it is a terminal.`,
	flags: func(fs *flag.FlagSet) func(*env, []string) error {
		model := fs.String("model", "", "model file (default: the embedded default model)")
		format := fs.String("format", "jsonl", "output format: "+strings.Join(formatNames(), ", "))
		output := fs.String("o", "", "write the output to this file, atomically (default: standard output)")
		input := fs.String("input", "", "input format: txt, jsonl or csv (default: by extension; stdin is txt)")
		glob := fs.String("glob", "", "in folders, score the files whose name matches this pattern")
		explain := fs.Int("explain", 0, "add the N features that decided each label")
		minConf := fs.Float64("min-confidence", 0, "label sentences below this confidence "+classifier.Uncertain)
		color := fs.String("color", "auto", "colour labels in -format text: auto (on a terminal, unless NO_COLOR is set), always or never")
		return func(e *env, args []string) error {
			newWriter, ok := scoreFormats[*format]
			if !ok {
				return usagef("-format must be one of %s, not %q", strings.Join(formatNames(), ", "), *format)
			}
			useColor, err := colorMode(*color, *output == "" && isTerminal(e.stdout))
			if err != nil {
				return err
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
			return writeOutput(e, *output, func(w io.Writer) error {
				out := bufio.NewWriterSize(w, 64<<10)
				fo := formatOptions{model: c, color: useColor, minConfidence: *minConf}
				aw := newWriter(out, fo)
				bar := newProgress(e, args, len(paths), *output == "")
				err := scoreArticles(e, c, paths, *input, opts, bar, aw.WriteArticle)
				bar.done(err)
				if err == nil {
					err = aw.Close()
				}
				if ferr := out.Flush(); err == nil && ferr != nil {
					err = fmt.Errorf("write output: %w", ferr)
				}
				return err
			})
		}
	},
}

// scoreArticles scores articles in batches on all cores and writes each
// batch in input order before reading on, so memory stays flat.
func scoreArticles(e *env, c *classifier.Classifier, paths []string, input string, opts []classifier.Option, bar *progress, write func(data.Article, classifier.Document) error) error {
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
	emit := func(a data.Article) error {
		arts = append(arts, a)
		if len(arts) == batch {
			return flush()
		}
		return nil
	}
	if len(paths) == 0 {
		if err := readArticles(e, nil, input, emit); err != nil {
			return err
		}
	}
	for i := range paths { // one at a time, to count the files read
		if err := readArticles(e, paths[i:i+1], input, emit); err != nil {
			return err
		}
		bar.set(i + 1)
	}
	return flush()
}

// oneLine folds line breaks and runs of space into single spaces.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
