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
// confidence, and a table of the top features behind the label.
func writeExplanation(w io.Writer, c *classifier.Classifier, sentence string, top int) {
	p := c.Classify(sentence, classifier.WithExplain(top))
	runnerUp := runnerUpLabel(p)
	fmt.Fprintf(w, "sentence:      %s\n", sentence)
	fmt.Fprintf(w, "label:         %s (confidence %.4f; runner-up %s)\n", p.Label, p.Confidence, runnerUp)
	fmt.Fprint(w, "probabilities:")
	for i, l := range p.Labels {
		fmt.Fprintf(w, " %s %.4f", l, p.Probabilities[i])
		if i < len(p.Labels)-1 {
			fmt.Fprint(w, ",")
		}
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w)
	if len(p.Reasons) == 0 {
		fmt.Fprintf(w, "No word of the sentence favours %s over %s: the label comes from the priors.\n", p.Label, runnerUp)
		return
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "words\tfeature\tweight\n")
	for _, r := range p.Reasons {
		fmt.Fprintf(tw, "%s\t%s\t%+.3f\n", oneLine(r.Words), r.Feature, r.Weight)
	}
	tw.Flush()
	fmt.Fprintf(w, "\nweight: log P(feature | %s) - log P(feature | %s), in nats\n", p.Label, runnerUp)
}

// runnerUpLabel returns the second most probable label.
func runnerUpLabel(p classifier.Prediction) string {
	best, second := -1, -1
	for i, q := range p.Probabilities {
		switch {
		case best < 0 || q > p.Probabilities[best]:
			best, second = i, best
		case second < 0 || q > p.Probabilities[second]:
			second = i
		}
	}
	if second < 0 {
		return ""
	}
	return p.Labels[second]
}
