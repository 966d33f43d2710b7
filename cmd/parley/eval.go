package main

import (
	"encoding/json"
	"flag"
	"fmt"

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
deviation over folds and the pooled out-of-fold predictions. -model is then ignored.`,
	flags: func(fs *flag.FlagSet) func(*env, []string) error {
		model := fs.String("model", "", "model file (default: the embedded default model)")
		cv := fs.Int("cv", 0, "cross-validate the training settings with this many folds")
		asJSON := fs.Bool("json", false, "write the report as JSON")
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
			if *cv > 0 {
				opts := r.Options
				if r.CalibrationFolds >= 2 {
					t, err := train.FitTemperature(examples, opts, r.CalibrationFolds, r.Seed)
					if err != nil {
						return err
					}
					opts.Temperature = t
				}
				rep, err := train.CrossValidate(examples, *cv, r.Seed, opts)
				if err != nil {
					return err
				}
				if *asJSON {
					return writeJSON(e, rep)
				}
				return rep.WriteText(e.stdout)
			}
			c, err := loadModel(*model)
			if err != nil {
				return err
			}
			rep := train.Evaluate(c, examples)
			if *asJSON {
				return writeJSON(e, rep)
			}
			return rep.WriteText(e.stdout)
		}
	},
}

func writeJSON(e *env, v any) error {
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("write JSON: %w", err)
	}
	return nil
}
