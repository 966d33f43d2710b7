package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/parley-nlp/parley/classifier"
	"github.com/parley-nlp/parley/data"
	"github.com/parley-nlp/parley/internal/parallel"
)

var classifyCmd = &command{
	streams: true,
	name:    "classify",
	args:    "[FILE...]",
	summary: "label sentences, one per line",
	help: `Classify reads one sentence per line from the named files, or standard input, and
writes one result per line in input order: a JSON object
{"text","label","confidence","probabilities":{...}} (-format json), or
label<TAB>confidence<TAB>text (-format tsv). Blank lines are skipped. Work is spread
over all cores; memory stays flat however long the input.`,
	flags: func(fs *flag.FlagSet) func(*env, []string) error {
		model := fs.String("model", "", "model file (default: the embedded default model)")
		format := fs.String("format", "json", "output format: json or tsv")
		explain := fs.Int("explain", 0, "add the N features that decided each label (json only)")
		minConf := fs.Float64("min-confidence", 0, "label sentences below this confidence "+classifier.Uncertain)
		return func(e *env, args []string) error {
			if *format != "json" && *format != "tsv" {
				return usagef("-format must be json or tsv, not %q", *format)
			}
			if *minConf < 0 || *minConf > 1 {
				return usagef("-min-confidence must be between 0 and 1")
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
			write := func(text string, p classifier.Prediction) error {
				if *format == "tsv" {
					_, err := fmt.Fprintf(out, "%s\t%s\t%s\n", p.Label, strconv.FormatFloat(p.Confidence, 'f', 4, 64), strings.ReplaceAll(text, "\t", " "))
					return err
				}
				return writeSentenceJSON(out, text, p)
			}
			err = openInputs(e, args, func(name string, r io.Reader) error {
				return classifyStream(e, c, name, r, opts, write)
			})
			if ferr := out.Flush(); err == nil && ferr != nil {
				err = fmt.Errorf("write output: %w", ferr)
			}
			return err
		}
	},
}

// writeSentenceJSON writes {"text", "label", "confidence", "probabilities", "reasons"}.
func writeSentenceJSON(w io.Writer, text string, p classifier.Prediction) error {
	b, err := p.MarshalJSON()
	if err != nil {
		return err
	}
	t, _ := json.Marshal(text)
	if _, err := fmt.Fprintf(w, "{\"text\":%s,%s\n", t, b[1:]); err != nil {
		return fmt.Errorf("write output: %w", err)
	}
	return nil
}

// classifyStream classifies the lines of r in batches, each batch on all
// cores, writing results in input order before reading on.
func classifyStream(e *env, c *classifier.Classifier, name string, r io.Reader, opts []classifier.Option, write func(string, classifier.Prediction) error) error {
	lr := data.NewLineReader(r)
	lr.File = name
	const batch = 4096
	lines := make([]string, 0, batch)
	preds := make([]classifier.Prediction, batch)
	flush := func() error {
		parallel.For(len(lines), func(i int) { preds[i] = c.Classify(lines[i], opts...) })
		for i, l := range lines {
			if err := write(l, preds[i]); err != nil {
				return err
			}
		}
		lines = lines[:0]
		return e.ctx.Err()
	}
	for {
		line, _, err := lr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		lines = append(lines, line)
		if len(lines) == batch {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	return flush()
}
