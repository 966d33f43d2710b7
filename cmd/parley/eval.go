package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/parley-nlp/parley/train"
)

var evalCmd = &command{
	name:    "eval",
	args:    "[CORPUS...]",
	summary: "evaluate a model, or cross-validate training settings",
	help: `Eval reports how well a model labels a corpus: accuracy, per-label precision, recall,
F1 and support, macro and weighted F1, the confusion matrix, and calibration (expected
calibration error and a reliability table).

With -cv K it instead runs stratified K-fold cross-validation of the training settings
(the same flags as 'parley train') on the corpus, and reports the mean and standard
deviation over folds and the pooled out-of-fold predictions. -model is then ignored.

-html FILE also writes the whole report as one self-contained HTML page (it loads
nothing): the figures, a per-label table, the confusion matrix as a heat map, the
reliability diagram and, with -cv, every fold. The file is written atomically; "-"
writes the page to standard output instead of the text report.`,
	flags: func(fs *flag.FlagSet) func(*env, []string) error {
		model := fs.String("model", "", "model file (default: the embedded default model)")
		cv := fs.Int("cv", 0, "cross-validate the training settings with this many folds")
		asJSON := fs.Bool("json", false, "write the report as JSON")
		htmlPath := fs.String("html", "", "also write the report as a self-contained HTML page to this file (\"-\": standard output)")
		format := fs.String("format", "", "corpus format: tsv, csv or jsonl (default: by file extension)")
		recipe := recipeFlags(fs)
		return func(e *env, args []string) error {
			if *cv == 1 || *cv < 0 {
				return usagef("-cv must be at least 2, got %d", *cv)
			}
			r, err := recipe()
			if err != nil {
				return err
			}
			examples, err := readCorpus(e, args, *format)
			if err != nil {
				return err
			}
			if len(examples) == 0 {
				return fmt.Errorf("no examples in %s", corpusName(args))
			}
			if *cv > 0 {
				opts := r.Options
				if r.CalibrationFolds >= 2 {
					t, err := untilDone(e.ctx, func() (float64, error) {
						return train.FitTemperature(examples, opts, r.CalibrationFolds, r.Seed)
					})
					if err != nil {
						return fmt.Errorf("calibrate the temperature by %d-fold cross-validation (-calibrate): %w", r.CalibrationFolds, err)
					}
					opts.Temperature = t
				}
				rep, err := untilDone(e.ctx, func() (train.CVReport, error) {
					return train.CrossValidate(examples, *cv, r.Seed, opts)
				})
				if err != nil {
					return fmt.Errorf("%d-fold cross-validation: %w", *cv, err)
				}
				sub := fmt.Sprintf("Training settings cross-validated on %s: %s.", corpusName(args), recipeSummary(r, opts.Temperature))
				return writeEvalReport(e, rep, rep.WriteText, rep.WriteHTML, *asJSON, *htmlPath, sub)
			}
			c, err := loadModel(*model)
			if err != nil {
				return err
			}
			rep := train.Evaluate(c, examples)
			name := *model
			if name == "" {
				name = "the default model"
			}
			sub := fmt.Sprintf("%s (%s) on %s.", name, c, corpusName(args))
			return writeEvalReport(e, rep, rep.WriteText, rep.WriteHTML, *asJSON, *htmlPath, sub)
		}
	},
}

// writeEvalReport writes a report as text or JSON on standard output and,
// with -html, as an HTML page to a file (written atomically) or, for "-",
// to standard output instead.
func writeEvalReport(e *env, rep any, text func(io.Writer) error, page func(io.Writer, train.HTMLOptions) error, asJSON bool, htmlPath, subtitle string) error {
	opts := train.HTMLOptions{Title: "Parley evaluation", Subtitle: subtitle}
	if htmlPath == "-" {
		return page(e.stdout, opts)
	}
	var err error
	if asJSON {
		err = writeJSON(e, rep)
	} else {
		err = text(e.stdout)
	}
	if err != nil || htmlPath == "" {
		return err
	}
	return writeOutput(e, htmlPath, func(w io.Writer) error { return page(w, opts) })
}

// corpusName says what the corpus arguments were.
func corpusName(args []string) string {
	if len(args) == 0 {
		return "standard input"
	}
	return strings.Join(args, ", ")
}

// recipeSummary describes training settings in one line.
func recipeSummary(r train.Recipe, temperature float64) string {
	f := r.Options.Features
	parts := []string{fmt.Sprintf("n-grams up to %d", f.NGrams)}
	for _, s := range []struct {
		on      bool
		yes, no string
	}{
		{f.Negation, "negation marking", "no negation marking"},
		{f.Stopwords, "stopwords dropped", "stopwords kept"},
		{f.Stem, "stemming", "no stemming"},
		{f.Numbers, "numbers folded", "numbers kept"},
		{f.Binary, "binary counts", "repeated counts"},
	} {
		if s.on {
			parts = append(parts, s.yes)
		} else {
			parts = append(parts, s.no)
		}
	}
	parts = append(parts, fmt.Sprintf("smoothing α = %g", r.Options.Alpha))
	if r.CalibrationFolds >= 2 {
		parts = append(parts, fmt.Sprintf("temperature %.3g (fitted by %d-fold cross-validation)", temperature, r.CalibrationFolds))
	} else {
		parts = append(parts, fmt.Sprintf("temperature %.3g", temperature))
	}
	return strings.Join(parts, ", ")
}

func writeJSON(e *env, v any) error {
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("write JSON: %w", err)
	}
	return nil
}
