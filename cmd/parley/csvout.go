package main

import (
	"encoding/csv"
	"io"
	"math"
	"strconv"

	"github.com/parley-nlp/parley/classifier"
	"github.com/parley-nlp/parley/data"
)

// csvWriter writes one CSV row per sentence, under a header row:
// id, date, title, source, sentence (its number in the article, from 1),
// start, end, label, confidence, p_<label> for every model label, and the
// sentence as written (encoding/csv quotes commas, quotes and line breaks).
type csvWriter struct {
	w      *csv.Writer
	labels []string
	header bool // written
	row    []string
}

func newCSVWriter(w io.Writer, o formatOptions) articleWriter {
	return &csvWriter{w: csv.NewWriter(w), labels: o.model.Labels()}
}

func (c *csvWriter) writeHeader() error {
	c.header = true
	h := []string{"id", "date", "title", "source", "sentence", "start", "end", "label", "confidence"}
	for _, l := range c.labels {
		h = append(h, "p_"+l)
	}
	return c.w.Write(append(h, "text"))
}

func (c *csvWriter) WriteArticle(a data.Article, d classifier.Document) error {
	if !c.header {
		if err := c.writeHeader(); err != nil {
			return err
		}
	}
	for i, s := range d.Sentences {
		p := s.Prediction
		row := append(c.row[:0], a.ID, a.Date, a.Title, a.Source, strconv.Itoa(i+1),
			strconv.Itoa(s.Start), strconv.Itoa(s.End), p.Label, formatProb(p.Confidence))
		for _, l := range c.labels {
			row = append(row, formatProb(p.Probability(l)))
		}
		row = append(row, s.Text)
		c.row = row
		if err := c.w.Write(row); err != nil {
			return err
		}
	}
	return c.w.Error()
}

// Close writes the header if no article came, so that even an empty
// result is a valid table, and flushes.
func (c *csvWriter) Close() error {
	if !c.header {
		if err := c.writeHeader(); err != nil {
			return err
		}
	}
	c.w.Flush()
	return c.w.Error()
}

// formatProb writes a probability with at most 6 decimals, as the JSON
// output does.
func formatProb(p float64) string {
	return strconv.FormatFloat(math.Round(p*1e6)/1e6, 'f', -1, 64)
}
