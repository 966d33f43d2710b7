package data

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

// Article is one news article to score.
type Article struct {
	ID     string `json:"id,omitempty"`
	Date   string `json:"date,omitempty"` // YYYY-MM-DD, or ""
	Title  string `json:"title,omitempty"`
	Source string `json:"source,omitempty"`
	// Text is the body: what is segmented and scored. Sentence offsets
	// refer to it.
	Text string `json:"text"`
}

// ArticleReader reads articles one at a time; Read returns io.EOF after
// the last.
type ArticleReader interface {
	Read() (Article, error)
}

// dateHeaderRE matches the optional date header at the very start of a
// plain-text article: spaces, "date", a space, YYYY-MM-DD, then a line
// break or the first words of the text on the same line.
var dateHeaderRE = regexp.MustCompile(`^[ \t]*date[ \t]+(\d{4}-\d{2}-\d{2})(?:[ \t]*\r?\n|[ \t]+|$)`)

// ParseArticle reads a plain-text article. It may open with a header:
// "date YYYY-MM-DD" at the very start (after optional spaces), followed by
// a line break or directly by the text on the same line; then, each on its
// own line, "title: ..." and "source: ..." lines. The header is metadata;
// the rest is the body (with invalid UTF-8 replaced by U+FFFD). name, the
// file's name, becomes the ID (without folder and extension) and names the
// file in errors.
func ParseArticle(name string, text string) (Article, error) {
	text = strings.ToValidUTF8(strings.TrimPrefix(text, "\ufeff"), "\uFFFD")
	a := Article{ID: articleID(name)}
	if m := dateHeaderRE.FindStringSubmatchIndex(text); m != nil {
		a.Date = text[m[2]:m[3]]
		if _, err := time.Parse(time.DateOnly, a.Date); err != nil {
			return Article{}, &ParseError{File: name, Line: 1, Err: fmt.Errorf("invalid date %q in header: want YYYY-MM-DD", a.Date)}
		}
		sameLine := !strings.Contains(text[m[3]:m[1]], "\n") && m[1] < len(text)
		text = text[m[1]:]
		if !sameLine {
			text = a.parseMetaLines(text)
		}
	} else {
		text = a.parseMetaLines(text)
	}
	a.Text = text
	return a, nil
}

// parseMetaLines takes "title:" and "source:" lines off the top of text.
func (a *Article) parseMetaLines(text string) string {
	for {
		line, rest, _ := strings.Cut(text, "\n")
		key, value, ok := strings.Cut(strings.TrimSpace(line), ":")
		if !ok {
			return text
		}
		switch strings.ToLower(key) {
		case "title":
			a.Title = strings.TrimSpace(value)
		case "source":
			a.Source = strings.TrimSpace(value)
		default:
			return text
		}
		text = rest
	}
}

func articleID(name string) string {
	base := filepath.Base(name)
	return strings.TrimSuffix(base, filepath.Ext(base))
}

// JSONLArticleReader reads one article per line as
// {"id","date","title","source","text"}.
type JSONLArticleReader struct {
	// File names the input in errors and prefixes generated IDs.
	File  string
	lines *lineReader
}

// NewJSONLArticleReader returns a reader of JSON Lines articles from r.
func NewJSONLArticleReader(r io.Reader) *JSONLArticleReader {
	return &JSONLArticleReader{lines: newLineReader(r)}
}

// Read returns the next article. An article without an id gets
// "<file>:<line>".
func (r *JSONLArticleReader) Read() (Article, error) {
	for {
		line, err := r.lines.next()
		if err == io.EOF {
			return Article{}, io.EOF
		}
		if err != nil {
			return Article{}, &ParseError{File: r.File, Line: r.lines.line, Err: err}
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		var a Article
		if err := json.Unmarshal(line, &a); err != nil {
			return Article{}, &ParseError{File: r.File, Line: r.lines.line, Err: fmt.Errorf("invalid JSON: %w", err)}
		}
		if err := a.check(r.File, r.lines.line); err != nil {
			return Article{}, err
		}
		return a, nil
	}
}

// check validates metadata and fills a missing ID.
func (a *Article) check(file string, line int) error {
	if a.Date != "" {
		if _, err := time.Parse(time.DateOnly, a.Date); err != nil {
			return &ParseError{File: file, Line: line, Err: fmt.Errorf("invalid date %q: want YYYY-MM-DD", a.Date)}
		}
	}
	if a.ID == "" {
		a.ID = fmt.Sprintf("%s:%d", or(file, "stdin"), line)
	}
	return nil
}

// CSVArticleReader reads articles from CSV whose header names the columns
// id, date, title, source and text (text is required; the others are
// optional; other columns are ignored).
type CSVArticleReader struct {
	// File names the input in errors and prefixes generated IDs.
	File       string
	src        *lineLimitReader
	csv        *csv.Reader
	cols       map[string]int
	headerRead bool
	headerErr  error
}

// NewCSVArticleReader returns a reader of CSV articles from r.
func NewCSVArticleReader(r io.Reader) *CSVArticleReader {
	src := &lineLimitReader{r: r}
	c := csv.NewReader(src)
	c.FieldsPerRecord = -1
	return &CSVArticleReader{src: src, csv: c}
}

// Read returns the next article. An error about the header is returned
// again by every later call.
func (r *CSVArticleReader) Read() (Article, error) {
	if !r.headerRead {
		r.headerRead = true
		r.headerErr = r.readHeader()
	}
	if r.headerErr != nil {
		return Article{}, r.headerErr
	}
	r.src.startRecord()
	rec, err := r.csv.Read()
	if err == io.EOF {
		return Article{}, io.EOF
	}
	if err != nil {
		return Article{}, csvError(r.File, err)
	}
	line, _ := r.csv.FieldPos(0)
	get := func(col string) string {
		if i, ok := r.cols[col]; ok && i < len(rec) {
			return csvField(rec[i])
		}
		return ""
	}
	if i := r.cols["text"]; i >= len(rec) {
		return Article{}, &ParseError{File: r.File, Line: line, Err: errors.New("record has no text field")}
	}
	a := Article{ID: get("id"), Date: get("date"), Title: get("title"), Source: get("source"), Text: strings.ToValidUTF8(rec[r.cols["text"]], "\uFFFD")}
	if err := a.check(r.File, line); err != nil {
		return Article{}, err
	}
	return a, nil
}

// readHeader reads the header row. An empty input is io.EOF.
func (r *CSVArticleReader) readHeader() error {
	r.src.startRecord()
	header, err := r.csv.Read()
	if err == io.EOF {
		return io.EOF
	}
	if err != nil {
		return csvError(r.File, err)
	}
	if len(header) > 0 {
		header[0] = strings.TrimPrefix(header[0], "\ufeff")
	}
	r.cols = columnIndex(header)
	if _, ok := r.cols["text"]; !ok {
		line, _ := r.csv.FieldPos(0)
		return &ParseError{File: r.File, Line: line, Err: fmt.Errorf(`header has no "text" column (columns: %s)`, strings.Join(header, ", "))}
	}
	return nil
}
