package classifier

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/cdipaolo/goml/base"
	"github.com/cdipaolo/goml/text"
)

// This file is the only place that touches goml. goml's text.NaiveBayes is
// Parley's model of record: it holds the per-class feature counts and its
// JSON is what a model file stores. Its defects are worked around here:
//
//   - OnlineLearn skips tokens shorter than 3 bytes: every feature is stored
//     under gomlKey, which prefixes it with "f:", so "no" becomes "f:no".
//   - Its default sanitizer deletes punctuation and glues words across tabs
//     and newlines: models are built with keepRune, which deletes nothing,
//     and a tokenizer that splits on newlines only.
//   - It prints a banner to stdout while learning: Output is io.Discard.
//   - A label out of range blocks OnlineLearn on its unbuffered error
//     channel: learnOnline drains the channel.
//   - Restoring into a zero value fails on the interface-typed tokenizer
//     field: restore goes through NewNaiveBayes and RestoreWithFuncs.
//   - Predict and Probability use the wrong likelihood denominator and
//     underflow: Parley never calls them, it scores with its own table
//     (see table.go).

// gomlPrefix keeps every goml key at least 3 bytes long.
const gomlPrefix = "f:"

func gomlKey(feature string) string { return gomlPrefix + feature }

// keepRune is a sanitizer that removes no rune.
func keepRune(rune) bool { return false }

// lineTokenizer splits goml's input on newlines: one feature per line.
// Feature keys never contain a newline.
type lineTokenizer struct{}

func (lineTokenizer) Tokenize(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// newGoml returns an empty, silent goml model for n classes.
func newGoml(n int) *text.NaiveBayes {
	nb := text.NewNaiveBayes(nil, uint8(n), keepRune)
	nb.Output = io.Discard
	nb.Tokenizer = &lineTokenizer{}
	return nb
}

// fillGoml builds goml's model from counts made in plain Go: the same
// fields OnlineLearn would have set, through goml's exported API.
// docs[c] is the number of examples of class c; counts maps a feature to
// its per-class counts; docsSeen maps it to the number of examples it
// occurs in.
func fillGoml(n int, docs []uint64, counts map[string][]uint64, docsSeen map[string]uint64) *text.NaiveBayes {
	nb := newGoml(n)
	var total uint64
	for c, d := range docs {
		nb.Count[c] = d
		total += d
	}
	nb.DocumentCount = total
	for c := range nb.Probabilities {
		nb.Probabilities[c] = float64(nb.Count[c]) / float64(total)
	}
	for f, cs := range counts {
		var seen uint64
		for _, v := range cs {
			seen += v
		}
		nb.Words.Set(gomlKey(f), text.Word{Count: cs, Seen: seen, DocsSeen: docsSeen[f]})
	}
	nb.DictCount = uint64(len(counts))
	return nb
}

// learnOnline trains nb with goml's own OnlineLearn on documents whose
// features are given. It drains goml's error channel, so a bad label
// returns an error instead of blocking forever.
func learnOnline(nb *text.NaiveBayes, docs [][]string, labels []int) error {
	stream := make(chan base.TextDatapoint)
	errs := make(chan error)
	nb.UpdateStream(stream)
	go nb.OnlineLearn(errs)
	go func() {
		for i, d := range docs {
			keys := make([]string, len(d))
			for j, f := range d {
				keys[j] = gomlKey(f)
			}
			stream <- base.TextDatapoint{X: strings.Join(keys, "\n"), Y: uint8(labels[i])}
		}
		close(stream)
	}()
	var first error
	for err := range errs {
		if first == nil {
			first = fmt.Errorf("goml: %s", strings.TrimSpace(err.Error()))
		}
	}
	return first
}

// restoreNB decodes goml's JSON into a goml model.
func restoreNB(raw []byte, n int) (*text.NaiveBayes, error) {
	nb := newGoml(n)
	if err := nb.RestoreWithFuncs(bytes.NewReader(raw), keepRune, &lineTokenizer{}); err != nil {
		return nil, err
	}
	nb.Output = io.Discard
	return nb, nil
}

// gomlCounts is the part of goml's JSON that Parley compiles into its
// scoring table.
type gomlCounts struct {
	Words map[string]struct {
		Count []uint64
		Seen  uint64
	} `json:"words"`
	Count         []uint64 `json:"count"`
	DocumentCount uint64   `json:"document_count"`
	DictCount     uint64   `json:"vocabulary_size"`
}

// restoreGoml decodes goml's JSON into a goml model (the model of record)
// and into plain counts for compiling.
func restoreGoml(raw []byte, n int) (*text.NaiveBayes, *gomlCounts, error) {
	nb, err := restoreNB(raw, n)
	if err != nil {
		return nil, nil, err
	}
	var gc gomlCounts
	if err := json.Unmarshal(raw, &gc); err != nil {
		return nil, nil, err
	}
	return nb, &gc, nil
}
