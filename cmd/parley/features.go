package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strconv"
	"text/tabwriter"

	"github.com/parley-nlp/parley/classifier"
)

var featuresCmd = &command{
	name:    "features",
	args:    "",
	summary: "list the features that favour each label most",
	help: `Features lists, for every label of the model (or the one -label names), the features
that favour it most: those with the highest log-likelihood ratio
log P(feature | label) - max over the other labels of log P(feature | other), in nats,
with the model's smoothing. A weight of 2 means the feature is e^2, about 7 times, more
likely under the label than under the likeliest other label.

Each feature is shown in words, as it was most often written in the training data
("negotiations", not the stem "negoti"). A feature inside a negation's scope reads
"not … ": "not … rule out" is the model's "not_rule not_out". The counts are the
feature's occurrences in the training data of each label.`,
	flags: func(fs *flag.FlagSet) func(*env, []string) error {
		model := fs.String("model", "", "model file (default: the embedded default model)")
		top := fs.Int("top", 20, "show the N strongest features per label")
		label := fs.String("label", "", "show only this label")
		minCount := fs.Int("min-count", 1, "skip features seen fewer than N times under the label")
		asJSON := fs.Bool("json", false, "write JSON: {label: [{feature, surface, weight, count, counts}]}")
		return func(e *env, args []string) error {
			if len(args) > 0 {
				return usagef("features takes no arguments, got %q", args)
			}
			if *top < 1 {
				return usagef("-top must be at least 1, got %d", *top)
			}
			if *minCount < 0 {
				return usagef("-min-count must not be negative, got %d", *minCount)
			}
			c, err := loadModel(*model)
			if err != nil {
				return err
			}
			labels := c.Labels()
			if *label != "" {
				found := false
				for _, l := range labels {
					found = found || l == *label
				}
				if !found {
					return usagef("the model has no label %q (labels: %v)", *label, labels)
				}
				labels = []string{*label}
			}
			byLabel := make(map[string][]classifier.TopFeature, len(labels))
			for _, l := range labels {
				all, err := c.TopFeatures(l, 0)
				if err != nil {
					return err
				}
				kept := make([]classifier.TopFeature, 0, *top)
				for _, f := range all {
					if len(kept) == *top {
						break
					}
					if f.Count >= uint64(*minCount) {
						kept = append(kept, f)
					}
				}
				byLabel[l] = kept
			}
			out := bufio.NewWriter(e.stdout)
			if *asJSON {
				b, err := json.MarshalIndent(byLabel, "", "  ")
				if err != nil {
					return err
				}
				out.Write(append(b, '\n'))
			} else {
				writeFeatures(out, c.Labels(), labels, byLabel)
			}
			if err := out.Flush(); err != nil {
				return fmt.Errorf("write output: %w", err)
			}
			return nil
		}
	},
}

// writeFeatures writes a table per label: rank, weight, the counts under
// every model label, the feature in words and as the model counts it.
func writeFeatures(w io.Writer, modelLabels, labels []string, byLabel map[string][]classifier.TopFeature) {
	for i, l := range labels {
		if i > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "== %s ==\n", l)
		fs := byLabel[l]
		if len(fs) == 0 {
			fmt.Fprintln(w, "(no feature favours this label)")
			continue
		}
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprint(tw, "#\tweight")
		for _, ml := range modelLabels {
			fmt.Fprintf(tw, "\t%s", ml)
		}
		fmt.Fprintln(tw, "\twords\tfeature")
		for k, f := range fs {
			fmt.Fprintf(tw, "%d\t%s", k+1, strconv.FormatFloat(f.Weight, 'f', 2, 64))
			for _, ml := range modelLabels {
				fmt.Fprintf(tw, "\t%d", f.Counts[ml])
			}
			fmt.Fprintf(tw, "\t%s\t%s\n", f.Surface, f.Feature)
		}
		tw.Flush()
	}
}
