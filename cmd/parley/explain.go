package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/parley-nlp/parley/classifier"
	"github.com/parley-nlp/parley/data"
)

var explainCmd = &command{
	name:    "explain",
	args:    `["SENTENCE"...]`,
	summary: "show why a sentence gets its label",
	help: `Explain classifies one sentence and shows why: the probability of every label, the
predicted label and its confidence, and the words that decided it, as a table of the
words as written, the feature the model counts, and its weight in nats toward the
predicted label over the runner-up (log P(feature | label) - log P(feature | runner-up)).

The arguments are joined into one sentence. Without arguments, every line of standard
input that is not blank is explained in turn.`,
	flags: func(fs *flag.FlagSet) func(*env, []string) error {
		model := fs.String("model", "", "model file (default: the embedded default model)")
		top := fs.Int("top", 10, "show at most N features")
		return func(e *env, args []string) error {
			if *top < 1 {
				return usagef("-top must be at least 1")
			}
			c, err := loadModel(*model)
			if err != nil {
				return err
			}
			out := bufio.NewWriter(e.stdout)
			if len(args) > 0 {
				sentence := strings.Join(args, " ")
				if strings.TrimSpace(sentence) == "" {
					return usagef("the sentence is empty")
				}
				writeExplanation(out, c, sentence, *top)
			} else {
				lr := data.NewLineReader(e.stdin)
				lr.File = "stdin"
				first := true
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
					if !first {
						fmt.Fprintln(out)
					}
					first = false
					writeExplanation(out, c, strings.TrimSpace(line), *top)
					if err := e.ctx.Err(); err != nil {
						return err
					}
				}
			}
			if err := out.Flush(); err != nil {
				return fmt.Errorf("write output: %w", err)
			}
			return nil
		}
	},
}

// writeExplanation writes the sentence, its probabilities, label and
// confidence, and a table of the features behind the label: first those
// that favour it over the runner-up, then those that favour the runner-up.
func writeExplanation(w io.Writer, c *classifier.Classifier, sentence string, top int) {
	x := c.Explain(sentence, top)
	fmt.Fprintf(w, "sentence:      %s\n", sentence)
	fmt.Fprintf(w, "label:         %s (confidence %.4f; runner-up %s)\n", x.Label, x.Confidence, x.RunnerUp)
	fmt.Fprint(w, "probabilities:")
	for i, l := range x.Labels {
		fmt.Fprintf(w, " %s %.4f", l, x.Probabilities[i])
		if i < len(x.Labels)-1 {
			fmt.Fprint(w, ",")
		}
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w)
	if len(x.For) == 0 {
		fmt.Fprintf(w, "No word of the sentence favours %s over %s: the label comes from the priors.\n", x.Label, x.RunnerUp)
	} else {
		writeReasons(w, x.For)
		if len(x.Against) > 0 {
			fmt.Fprintf(w, "\nfavouring %s instead:\n", x.RunnerUp)
			writeReasons(w, x.Against)
		}
	}
	if x.RunnerUp != "" {
		fmt.Fprintf(w, "\nweight: log P(feature | %s) - log P(feature | %s), in nats\n", x.Label, x.RunnerUp)
	}
}

// writeReasons writes reasons as a table of words, feature and weight.
func writeReasons(w io.Writer, rs []classifier.Reason) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "words\tfeature\tweight\n")
	for _, r := range rs {
		fmt.Fprintf(tw, "%s\t%s\t%+.3f\n", oneLine(r.Words), r.Feature, r.Weight)
	}
	tw.Flush()
}
