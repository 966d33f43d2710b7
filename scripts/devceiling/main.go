// Command devceiling measures how far the default recipe (naive Bayes over
// the feature pipeline, trained on Parley's corpus) can get on the
// real-news development set, and what more data or better thresholds could
// buy. It prints one row per experiment: accuracy and macro F1 on the
// development set, and F1 per label.
//
//	go run ./scripts/devceiling [-dev FILE] [-folds K] [CORPUS...]
//
// The experiments:
//
//   - recipe: the default recipe trained on the corpus (the embedded
//     model's figures; its temperature does not change which label wins);
//   - corpus fraction: trained on a stratified 25%, 50% and 75% of the
//     corpus, the learning curve;
//   - + dev folds: the corpus plus K-1 folds of the development set itself
//     (each sentence counted 1 or 3 times), scored on the held-out fold,
//     which says what real labelled news of the same kind adds;
//   - dev folds only: K-fold cross-validation on the development set
//     alone;
//   - best class biases: the recipe with a log-bias added to each
//     non-neutral label's score, the pair chosen on the development set
//     itself out of a grid. No prior or threshold setting can do better,
//     so this is a ceiling for tuning, not a fair estimate.
//
// The development set is read from ../shared (the default path is relative
// to the repository root); when it is absent the command says so and exits
// 0. It is used for measurement only: nothing of it is written anywhere.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"math"
	"os"

	"github.com/parley-nlp/parley/classifier"
	"github.com/parley-nlp/parley/data"
	"github.com/parley-nlp/parley/train"
)

func main() {
	devPath := flag.String("dev", "../shared/datasets/diplomatic-news-dev/dev.tsv", "the development set")
	folds := flag.Int("folds", 10, "folds of the development set")
	seed := flag.Uint64("seed", 1, "seed of the folds and subsamples")
	flag.Parse()
	paths := flag.Args()
	if len(paths) == 0 {
		paths = []string{"data/corpus", "data/articles"}
	}
	if err := run(*devPath, paths, *folds, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "devceiling:", err)
		os.Exit(1)
	}
}

func run(devPath string, paths []string, k int, seed uint64) error {
	if _, err := os.Stat(devPath); errors.Is(err, fs.ErrNotExist) {
		fmt.Printf("devceiling: %s is absent; nothing to measure\n", devPath)
		return nil
	}
	dev, err := data.ReadFiles([]string{devPath}, "")
	if err != nil {
		return err
	}
	files, err := data.CorpusFiles(paths)
	if err != nil {
		return err
	}
	corpus, err := data.ReadFiles(files, "")
	if err != nil {
		return err
	}
	opts := train.DefaultRecipe().Options
	c, err := classifier.Train(corpus, opts)
	if err != nil {
		return err
	}
	labels := c.Labels()
	fmt.Printf("corpus: %d examples; development set: %d examples\n\n", len(corpus), len(dev))
	fmt.Printf("%-34s %8s %8s", "experiment", "accuracy", "macro F1")
	for _, l := range labels {
		fmt.Printf(" %13s", "F1 "+l)
	}
	fmt.Println()
	row := func(name string, r train.Report) {
		fmt.Printf("%-34s %8.4f %8.4f", name, r.Accuracy, r.MacroF1)
		for _, l := range labels {
			m, _ := r.Metric(l)
			fmt.Printf(" %13.3f", m.F1)
		}
		fmt.Println()
	}

	row("recipe", train.Evaluate(c, dev))

	for _, frac := range []float64{0.25, 0.5, 0.75} {
		sub, _, err := train.Split(corpus, 1-frac, seed)
		if err != nil {
			return err
		}
		c, err := classifier.Train(sub, opts)
		if err != nil {
			return err
		}
		row(fmt.Sprintf("corpus fraction %.2f", frac), train.Evaluate(c, dev))
	}

	fold, err := train.Folds(dev, k, seed)
	if err != nil {
		return err
	}
	for _, times := range []int{1, 3} {
		r, err := devFolds(corpus, dev, fold, k, times, opts)
		if err != nil {
			return err
		}
		row(fmt.Sprintf("+ dev folds (x%d)", times), r)
	}
	r, err := devFolds(nil, dev, fold, k, 1, opts)
	if err != nil {
		return err
	}
	row("dev folds only", r)

	r, b := bestBiases(c, dev)
	row(fmt.Sprintf("best class biases %s", b), r)
	return nil
}

// devFolds trains on base plus every fold of dev but one (each example
// times times) and scores the held-out fold, for every fold.
func devFolds(base, dev []data.Example, fold []int, k, times int, opts classifier.Options) (train.Report, error) {
	var outs []train.Outcome
	var labels []string
	for f := 0; f < k; f++ {
		ex := append([]data.Example(nil), base...)
		var test []data.Example
		for i, e := range dev {
			if fold[i] == f {
				test = append(test, e)
				continue
			}
			for range times {
				ex = append(ex, e)
			}
		}
		c, err := classifier.Train(ex, opts)
		if err != nil {
			return train.Report{}, fmt.Errorf("fold %d: %w", f, err)
		}
		labels = c.Labels()
		for _, e := range test {
			p := c.Classify(e.Text)
			outs = append(outs, train.Outcome{Truth: e.Label, Predicted: p.Label})
		}
	}
	return train.NewReport(labels, outs), nil
}

// bestBiases adds a log-bias to the score of each label but neutral and
// returns the report of the pair that gives the best macro F1 on dev, with
// the pair. At temperature 1 a model's log-probabilities differ from its
// scores by one constant per sentence, so adding biases to them changes
// the winner exactly as changing the log-priors would. Each bias runs over
// -4 to 4 in steps of 0.25.
func bestBiases(c *classifier.Classifier, dev []data.Example) (train.Report, string) {
	labels := c.Labels()
	var biased []int
	for j, l := range labels {
		if l != "neutral" {
			biased = append(biased, j)
		}
	}
	if len(biased) > 2 {
		// 33 grid points per label: more than two labels would take too long.
		return train.Report{}, "(skipped: more than two non-neutral labels)"
	}
	logp := make([][]float64, len(dev))
	for i, e := range dev {
		logp[i] = make([]float64, len(labels))
		for j, p := range c.Classify(e.Text).Probabilities {
			logp[i][j] = math.Log(max(p, 1e-300))
		}
	}
	best := train.Report{MacroF1: -1}
	bestB := ""
	bias := make([]float64, len(labels))
	var try func(d int)
	try = func(d int) {
		if d == len(biased) {
			outs := make([]train.Outcome, len(dev))
			for i, e := range dev {
				w := 0
				for j := range labels {
					if logp[i][j]+bias[j] > logp[i][w]+bias[w] {
						w = j
					}
				}
				outs[i] = train.Outcome{Truth: e.Label, Predicted: labels[w]}
			}
			if r := train.NewReport(labels, outs); r.MacroF1 > best.MacroF1 {
				best = r
				bestB = fmt.Sprint(bias)
			}
			return
		}
		for step := -16; step <= 16; step++ {
			bias[biased[d]] = float64(step) / 4
			try(d + 1)
		}
		bias[biased[d]] = 0
	}
	try(0)
	return best, bestB
}
