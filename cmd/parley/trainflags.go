package main

import (
	"flag"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/parley-nlp/parley/data"
	"github.com/parley-nlp/parley/train"
)

// recipeFlags registers the training settings on fs, defaulting to the
// default model's recipe, and returns a function that reads them back.
func recipeFlags(fs *flag.FlagSet) func() (train.Recipe, error) {
	def := train.DefaultRecipe()
	cfg := def.Options.Features
	fs.StringVar(&cfg.Language, "language", cfg.Language, "language of the stopwords, negation cues and stemmer")
	fs.IntVar(&cfg.NGrams, "ngrams", cfg.NGrams, "longest n-gram: 1 unigrams, 2 adds bigrams, 3 adds trigrams")
	fs.BoolVar(&cfg.Negation, "negation", cfg.Negation, "mark words in the scope of a negation (not_talk)")
	fs.IntVar(&cfg.NegationScope, "negation-scope", cfg.NegationScope, "most words a negation marks (0: to the end of the clause)")
	fs.BoolVar(&cfg.Stopwords, "stopwords", cfg.Stopwords, "drop function words (stance cues are kept)")
	fs.BoolVar(&cfg.Stem, "stem", cfg.Stem, "reduce words to Snowball stems")
	fs.BoolVar(&cfg.Numbers, "numbers", cfg.Numbers, "fold every number into one feature")
	fs.BoolVar(&cfg.Binary, "binary", cfg.Binary, "count a feature at most once per sentence")
	alpha := fs.Float64("alpha", def.Options.Alpha, "additive smoothing of the counts")
	priors := fs.String("priors", "empirical", "class priors: empirical (label shares of the data), uniform, or label=weight,...")
	temp := fs.Float64("temperature", 1, "softmax temperature, when -calibrate is 0")
	calib := fs.Int("calibrate", def.CalibrationFolds, "fit the temperature by this many folds of cross-validation (0: use -temperature)")
	seed := fs.Uint64("seed", def.Seed, "seed of the cross-validation folds")
	return func() (train.Recipe, error) {
		r := def
		r.Options.Features = cfg
		r.Options.Alpha = *alpha
		r.Options.Temperature = *temp
		r.CalibrationFolds = *calib
		r.Seed = *seed
		p, uniform, err := parsePriors(*priors)
		if err != nil {
			return r, usagef("-priors: %v", err)
		}
		r.Options.Priors, r.Options.UniformPriors = p, uniform
		if err := cfg.Validate(); err != nil {
			return r, usagef("%v", err)
		}
		if *calib == 1 || *calib < 0 {
			return r, usagef("-calibrate must be 0 or at least 2, got %d", *calib)
		}
		return r, nil
	}
}

// parsePriors reads -priors: "empirical", "uniform", or label=weight,...
func parsePriors(s string) (weights map[string]float64, uniform bool, err error) {
	switch s {
	case "", "empirical":
		return nil, false, nil
	case "uniform":
		return nil, true, nil
	}
	p := make(map[string]float64)
	for _, kv := range strings.Split(s, ",") {
		k, v, ok := strings.Cut(kv, "=")
		if !ok {
			return nil, false, fmt.Errorf("want label=weight, got %q", kv)
		}
		w, err := strconv.ParseFloat(v, 64)
		if err != nil || !(w > 0) {
			return nil, false, fmt.Errorf("weight of %q must be a positive number, got %q", k, v)
		}
		p[strings.TrimSpace(k)] = w
	}
	return p, false, nil
}

// readCorpus reads the examples of the named files and folders, or of
// standard input when none is named.
func readCorpus(e *env, paths []string, format string) ([]data.Example, error) {
	switch format {
	case "", data.TSV, data.CSV, data.JSONL:
	default:
		return nil, usagef("-format must be tsv, csv or jsonl, not %q", format)
	}
	if len(paths) == 0 || (len(paths) == 1 && paths[0] == "-") {
		if format == "" {
			format = data.TSV
		}
		r, err := data.NewReader(e.stdin, "stdin", format)
		if err != nil {
			return nil, usagef("%v", err)
		}
		return data.ReadAll(r)
	}
	return data.ReadFiles(paths, format)
}

// writeCorpusSummary prints the number of examples per label.
func writeCorpusSummary(w io.Writer, examples []data.Example) {
	counts := map[string]int{}
	var labels []string
	for _, e := range examples {
		if counts[e.Label] == 0 {
			labels = append(labels, e.Label)
		}
		counts[e.Label]++
	}
	sort.Strings(labels)
	fmt.Fprintf(w, "corpus: %d examples, %d labels\n", len(examples), len(labels))
	for _, l := range labels {
		fmt.Fprintf(w, "  %-14s %6d  %5.1f%%\n", l, counts[l], 100*float64(counts[l])/float64(len(examples)))
	}
}
