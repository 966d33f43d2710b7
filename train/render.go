package train

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"
)

// WriteText writes the report as aligned text tables: the headline
// figures, per-label scores, the confusion matrix and the reliability table.
func (r Report) WriteText(w io.Writer) error {
	ew := &errWriter{w: w}
	fmt.Fprintf(ew, "examples     %d\n", r.Examples)
	fmt.Fprintf(ew, "accuracy     %.4f\n", r.Accuracy)
	fmt.Fprintf(ew, "macro F1     %.4f\n", r.MacroF1)
	fmt.Fprintf(ew, "weighted F1  %.4f\n", r.WeightedF1)
	fmt.Fprintf(ew, "ECE          %.4f   (expected calibration error, 10 bins)\n", r.Calibration.ECE)
	fmt.Fprintf(ew, "log loss     %.4f\n", r.Calibration.LogLoss)
	if len(r.UnknownLabels) > 0 {
		unknown := make([]string, len(r.UnknownLabels))
		for i, l := range r.UnknownLabels {
			m, _ := r.Metric(l)
			unknown[i] = fmt.Sprintf("%s (%d examples)", l, m.Support)
		}
		fmt.Fprintf(ew, "note: the data has labels the model does not know: %s; never predicted, they count as errors\n", strings.Join(unknown, ", "))
	}
	fmt.Fprintln(ew)
	tw := tabwriter.NewWriter(ew, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "label\tprecision\trecall\tF1\tsupport\t")
	for _, m := range r.PerLabel {
		fmt.Fprintf(tw, "%s\t%.4f\t%.4f\t%.4f\t%d\t\n", m.Label, m.Precision, m.Recall, m.F1, m.Support)
	}
	tw.Flush()
	fmt.Fprintln(ew)
	r.writeConfusion(ew)
	fmt.Fprintln(ew)
	r.Calibration.writeText(ew)
	return ew.err
}

func (r Report) writeConfusion(w io.Writer) {
	fmt.Fprintln(w, "confusion (rows: true label, columns: predicted)")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "\t")
	for _, l := range r.Labels {
		fmt.Fprintf(tw, "%s\t", l)
	}
	fmt.Fprintln(tw)
	for i, l := range r.Labels {
		fmt.Fprintf(tw, "%s\t", l)
		for _, n := range r.Confusion[i] {
			fmt.Fprintf(tw, "%d\t", n)
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
}

func (c Calibration) writeText(w io.Writer) {
	fmt.Fprintln(w, "reliability (confidence bins)")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "bin\tcount\tconfidence\taccuracy\t")
	for _, b := range c.Bins {
		if b.Count == 0 {
			continue
		}
		fmt.Fprintf(tw, "(%.1f, %.1f]\t%d\t%.4f\t%.4f\t\n", b.Low, b.High, b.Count, b.Confidence, b.Accuracy)
	}
	tw.Flush()
}

// WriteText writes the cross-validation summary, then the pooled
// out-of-fold report.
func (r CVReport) WriteText(w io.Writer) error {
	ew := &errWriter{w: w}
	fmt.Fprintf(ew, "%d-fold stratified cross-validation (seed %d)\n", r.Folds, r.Seed)
	fmt.Fprintf(ew, "accuracy  %.4f ± %.4f\n", r.Accuracy.Mean, r.Accuracy.Std)
	fmt.Fprintf(ew, "macro F1  %.4f ± %.4f\n", r.MacroF1.Mean, r.MacroF1.Std)
	labels := make([]string, 0, len(r.LabelF1))
	for l := range r.LabelF1 {
		labels = append(labels, l)
	}
	sort.Strings(labels)
	for _, l := range labels {
		fmt.Fprintf(ew, "F1 %-12s %.4f ± %.4f\n", l, r.LabelF1[l].Mean, r.LabelF1[l].Std)
	}
	fmt.Fprintln(ew, "\nout-of-fold predictions of all folds together:")
	if err := r.Pooled.WriteText(ew); err != nil {
		return err
	}
	return ew.err
}

// errWriter remembers the first write error so renderers can check once.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}
