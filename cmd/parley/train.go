package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/parley-nlp/parley/classifier"
)

var trainCmd = &command{
	name:    "train",
	args:    "-o MODEL [CORPUS...]",
	summary: "train a model on labelled corpora",
	help: `Train reads labelled examples from the named files and folders (TSV label<TAB>text,
CSV with label and text columns, or JSON Lines {"text","label"}; by extension, or
-format), or from standard input, and writes a model to MODEL. Folders are read
recursively. The flags default to the settings of Parley's default model. The
model file is written atomically: a failed run leaves an existing file intact.
A MODEL ending in .gz is gzip-compressed.`,
	flags: func(fs *flag.FlagSet) func(*env, []string) error {
		out := fs.String("o", "", "write the model to this file (required)")
		format := fs.String("format", "", "corpus format: tsv, csv or jsonl (default: by file extension)")
		recipe := recipeFlags(fs)
		return func(e *env, args []string) error {
			if *out == "" {
				return usagef("-o MODEL is required")
			}
			r, err := recipe()
			if err != nil {
				return err
			}
			examples, err := readCorpus(e, args, *format)
			if err != nil {
				return err
			}
			start := time.Now()
			c, err := untilDone(e.ctx, func() (*classifier.Classifier, error) { return r.Fit(examples) })
			if e.ctx.Err() != nil {
				return fmt.Errorf("interrupted; %s left as it was", *out)
			}
			if err != nil {
				return err
			}
			elapsed := time.Since(start)
			err = writeFileAtomic(*out, func(w io.Writer) error { return writeModel(w, c, *out) })
			if err != nil {
				return fmt.Errorf("write model %s: %w", *out, err)
			}
			writeCorpusSummary(e.stdout, examples)
			info := c.Info()
			size := int64(0)
			if st, err := os.Stat(*out); err == nil {
				size = st.Size()
			}
			fmt.Fprintf(e.stdout, "model: %s (%d bytes), %d features, temperature %.3f\n", *out, size, info.VocabularySize, info.Temperature)
			fmt.Fprintf(e.stdout, "training time: %s\n", elapsed.Round(time.Millisecond))
			return nil
		}
	},
}
