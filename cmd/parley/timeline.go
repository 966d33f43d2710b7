package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/parley-nlp/parley/classifier"
	"github.com/parley-nlp/parley/data"
	"github.com/parley-nlp/parley/internal/timeline"
)

// The group of every article when timeline does not group, and of
// articles without a source under -group source.
const (
	groupAll      = "all"
	groupNoSource = "(no source)"
)

var timelineCmd = &command{
	streams: true,
	name:    "timeline",
	args:    "[FILE|FOLDER...]",
	summary: "the tone of articles over time, by day, week or month",
	help: `Timeline sums scored articles up by period of their date and writes CSV:
period, group, articles, sentences, tone (the mean over sentences of
P(conciliatory) - P(warning)) and the share of sentences per label
(share_<label>). Periods are days (2025-01-14), ISO weeks from Monday (2025-W03)
or months (2025-01); periods without an article have no row.

Inputs are the output of 'parley score' (JSON Lines with "sentences" and "summary",
used as they are) or articles as score reads them (.txt, .jsonl, .csv, folders),
which timeline scores with -model. Articles without a date are counted and reported
on standard error. -chart draws the tone per group over time above the label shares
of each period, as PNG or SVG (by extension), written atomically.`,
	flags: func(fs *flag.FlagSet) func(*env, []string) error {
		by := fs.String("by", "week", "period: day, week (ISO, from Monday) or month")
		group := fs.String("group", "", "group the articles of a period by: source (default: one group, all)")
		model := fs.String("model", "", "model for articles that are not scored yet (default: the embedded default model)")
		chart := fs.String("chart", "", "also draw a chart to this file, .png or .svg")
		input := fs.String("input", "", "input format of unscored articles: txt, jsonl or csv (default: by extension; stdin is sniffed)")
		return func(e *env, args []string) error {
			unit, err := timeline.ParseUnit(*by)
			if err != nil {
				return usagef("-by: %v", err)
			}
			if *group != "" && *group != "source" {
				return usagef("-group must be source, not %q", *group)
			}
			if *chart != "" {
				if _, err := chartFormat(*chart); err != nil {
					return usagef("-chart: %v", err)
				}
			}
			switch *input {
			case "", inputText, inputJSONL, inputCSV:
			default:
				return usagef("-input must be txt, jsonl or csv, not %q", *input)
			}
			paths, err := expandArticlePaths(args, "")
			if err != nil {
				return err
			}
			tb := &timelineBuilder{tl: timeline.New(unit), bySource: *group == "source", modelPath: *model}
			if err := tb.readAll(e, paths, *input); err != nil {
				return err
			}
			if tb.undated > 0 {
				fmt.Fprintf(e.stderr, "parley timeline: %d of %d articles have no date and are not counted (%s)\n",
					tb.undated, tb.articles, strings.Join(tb.undatedIDs, ", ")+more(tb.undated, len(tb.undatedIDs)))
			}
			out := bufio.NewWriter(e.stdout)
			if err := writeTimelineCSV(out, tb.tl); err != nil {
				return fmt.Errorf("write output: %w", err)
			}
			if err := out.Flush(); err != nil {
				return fmt.Errorf("write output: %w", err)
			}
			if *chart != "" {
				if len(tb.tl.Rows()) == 0 {
					return errors.New("no dated article: nothing to chart")
				}
				if err := writeFileAtomic(*chart, func(w io.Writer) error { return writeTimelineChart(w, *chart, tb.tl) }); err != nil {
					return fmt.Errorf("write chart %s: %w", *chart, err)
				}
			}
			return nil
		}
	},
}

// more returns ", ..." when only shown of n items were listed.
func more(n, shown int) string {
	if n > shown {
		return ", ..."
	}
	return ""
}

// timelineBuilder reads scored and unscored articles into a timeline.
type timelineBuilder struct {
	tl        *timeline.Timeline
	bySource  bool
	modelPath string
	model     *classifier.Classifier // loaded on first need

	articles   int
	undated    int
	undatedIDs []string // the first few
}

// readAll reads every input (standard input when there is none).
func (tb *timelineBuilder) readAll(e *env, paths []string, input string) error {
	if len(paths) == 0 {
		paths = []string{"-"}
	}
	for _, p := range paths {
		if err := tb.read(e, p, input); err != nil {
			return err
		}
		if err := e.ctx.Err(); err != nil {
			return err
		}
	}
	return nil
}

// read reads one input. JSON Lines whose first record has "sentences" or
// "summary" are scored articles; anything else is articles to score.
func (tb *timelineBuilder) read(e *env, path, input string) error {
	name, r := "stdin", e.stdin
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		name, r = path, f
	}
	br := bufio.NewReaderSize(r, 64<<10)
	format := input
	if format == "" {
		format = articleFormat(name)
	}
	if format == "" { // standard input or an unknown extension
		format = inputText
		if b, err := firstNonSpace(br); err == nil && b == '{' {
			format = inputJSONL
		}
	}
	var src io.Reader = br
	if format == inputJSONL {
		first, err := firstLine(br)
		if err != nil {
			return fmt.Errorf("read %s: %w", name, err)
		}
		src = io.MultiReader(bytes.NewReader(first), br)
		if isScored(first) {
			return tb.readScored(name, src)
		}
	}
	c, err := tb.loadModel()
	if err != nil {
		return err
	}
	// Articles to score, as 'parley score' does. A named file is read
	// again by name, so that errors and IDs name it; standard input goes
	// on from the bytes already read.
	se := *e
	inputs := []string{path}
	if path == "-" {
		se.stdin = src
	}
	tone := hasTone(c.Labels())
	return scoreArticles(&se, c, inputs, format, nil, nil, func(a data.Article, d classifier.Document) error {
		sents := make([]timeline.Sentence, len(d.Sentences))
		for i, s := range d.Sentences {
			p := s.Prediction
			sents[i].Label = p.Label
			if tone {
				sents[i].Tone, sents[i].HasTone = p.Probability(classifier.Conciliatory)-p.Probability(classifier.Warning), true
			}
		}
		return tb.add(name, 0, a.ID, a.Date, a.Source, sents)
	})
}

// loadModel loads the model once, when an input needs scoring.
func (tb *timelineBuilder) loadModel() (*classifier.Classifier, error) {
	if tb.model == nil {
		c, err := loadModel(tb.modelPath)
		if err != nil {
			return nil, err
		}
		tb.model = c
		tb.tl.AddLabels(c.Labels()...)
	}
	return tb.model, nil
}

// hasTone reports whether labels has both labels of the tone.
func hasTone(labels []string) bool {
	var c, w bool
	for _, l := range labels {
		c = c || l == classifier.Conciliatory
		w = w || l == classifier.Warning
	}
	return c && w
}

// scoredLine is what timeline reads of a line of 'parley score' output.
type scoredLine struct {
	ID        string `json:"id"`
	Date      string `json:"date"`
	Source    string `json:"source"`
	Sentences []struct {
		Label         string             `json:"label"`
		Probabilities map[string]float64 `json:"probabilities"`
	} `json:"sentences"`
}

// readScored reads the JSON Lines that 'parley score' writes.
func (tb *timelineBuilder) readScored(name string, r io.Reader) error {
	lr := data.NewLineReader(r)
	lr.File = name
	for {
		line, n, err := lr.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		var a scoredLine
		if err := json.Unmarshal([]byte(line), &a); err != nil {
			return &data.ParseError{File: name, Line: n, Err: fmt.Errorf("invalid JSON: %w", err)}
		}
		sents := make([]timeline.Sentence, len(a.Sentences))
		for i, s := range a.Sentences {
			if s.Label == "" {
				return &data.ParseError{File: name, Line: n, Err: fmt.Errorf("sentence %d has no label", i+1)}
			}
			sents[i].Label = s.Label
			pc, okc := s.Probabilities[classifier.Conciliatory]
			pw, okw := s.Probabilities[classifier.Warning]
			sents[i].Tone, sents[i].HasTone = pc-pw, okc && okw
			for l := range s.Probabilities {
				tb.tl.AddLabels(l)
			}
		}
		if a.ID == "" {
			a.ID = fmt.Sprintf("%s:%d", name, n)
		}
		if err := tb.add(name, n, a.ID, a.Date, a.Source, sents); err != nil {
			return err
		}
	}
}

// add counts one article, or notes that it has no date.
func (tb *timelineBuilder) add(file string, line int, id, date, source string, sents []timeline.Sentence) error {
	tb.articles++
	if date == "" {
		tb.undated++
		if len(tb.undatedIDs) < 5 {
			tb.undatedIDs = append(tb.undatedIDs, id)
		}
		return nil
	}
	t, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return &data.ParseError{File: file, Line: line, Err: fmt.Errorf("invalid date %q: want YYYY-MM-DD", date)}
	}
	group := groupAll
	if tb.bySource {
		group = source
		if group == "" {
			group = groupNoSource
		}
	}
	tb.tl.Add(t, group, sents)
	return nil
}

// firstNonSpace returns the first byte of br that is not white space,
// without consuming it.
func firstNonSpace(br *bufio.Reader) (byte, error) {
	for n := 1; ; n++ {
		b, err := br.Peek(n)
		if len(b) < n {
			return 0, err
		}
		switch c := b[n-1]; c {
		case ' ', '\t', '\r', '\n':
		case 0xEF: // a byte-order mark, EF BB BF
			if n == 1 {
				if bom, _ := br.Peek(3); bytes.Equal(bom, []byte("\xEF\xBB\xBF")) {
					n += 2
					continue
				}
			}
			return c, nil
		default:
			return c, nil
		}
		if n == br.Size() {
			return 0, bufio.ErrBufferFull
		}
	}
}

// firstLine reads the first line that is not blank, with the blank lines
// before it, so that the two can be read again in front of the rest.
func firstLine(br *bufio.Reader) ([]byte, error) {
	var out []byte
	for {
		line, err := br.ReadBytes('\n')
		out = append(out, line...)
		if len(bytes.TrimSpace(line)) > 0 || err != nil {
			if err == io.EOF {
				err = nil
			}
			return out, err
		}
	}
}

// isScored reports whether the JSON object on the last line of b is an
// article as 'parley score' writes it.
func isScored(b []byte) bool {
	b = bytes.TrimSpace(bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF")))
	if i := bytes.LastIndexByte(b, '\n'); i >= 0 {
		b = b[i+1:]
	}
	var keys map[string]json.RawMessage
	if json.Unmarshal(b, &keys) != nil {
		return false
	}
	_, s := keys["sentences"]
	_, m := keys["summary"]
	return s || m
}

// writeTimelineCSV writes the rows of tl as CSV: period, group, articles,
// sentences, tone and share_<label> for every label.
func writeTimelineCSV(w io.Writer, tl *timeline.Timeline) error {
	cw := csv.NewWriter(w)
	labels := tl.Labels()
	head := []string{"period", "group", "articles", "sentences", "tone"}
	for _, l := range labels {
		head = append(head, "share_"+l)
	}
	if err := cw.Write(head); err != nil {
		return err
	}
	for _, r := range tl.Rows() {
		rec := []string{r.Period.String(), r.Group, strconv.Itoa(r.Articles), strconv.Itoa(r.Sentences), ""}
		if t, ok := r.Tone(); ok {
			rec[4] = strconv.FormatFloat(t, 'f', 4, 64)
		}
		for _, l := range labels {
			rec = append(rec, strconv.FormatFloat(r.Share(l), 'f', 4, 64))
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// chartFormat returns "png" or "svg" from a chart file's extension.
func chartFormat(path string) (string, error) {
	switch ext := strings.ToLower(filepath.Ext(path)); ext {
	case ".png", ".svg":
		return ext[1:], nil
	}
	return "", fmt.Errorf("%s: the chart must be a .png or .svg file", path)
}
