package data

import (
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseArticle(t *testing.T) {
	const name = "news/2025/kabul-talks.txt"
	tests := []struct {
		name string
		text string
		want Article // ID is always "kabul-talks"
	}{
		{
			name: "header alone",
			text: "date 2025-01-14",
			want: Article{Date: "2025-01-14"},
		},
		{
			name: "header alone with a line break",
			text: "date 2025-01-14\n",
			want: Article{Date: "2025-01-14"},
		},
		{
			name: "header alone with trailing spaces and CRLF",
			text: "  date\t2025-01-14 \t\r\n",
			want: Article{Date: "2025-01-14"},
		},
		{
			name: "header then text on the same line",
			text: " date 2025-01-14 KABUL: Officials said on Tuesday ...",
			want: Article{Date: "2025-01-14", Text: "KABUL: Officials said on Tuesday ..."},
		},
		{
			name: "header then text on the same line, after a tab",
			text: "date 2025-01-14\tKABUL: Officials said.\ntitle: not a title here\n",
			want: Article{Date: "2025-01-14", Text: "KABUL: Officials said.\ntitle: not a title here\n"},
		},
		{
			name: "text on the same line is not taken for a title",
			text: "date 2025-01-14 title: Officials said.",
			want: Article{Date: "2025-01-14", Text: "title: Officials said."},
		},
		{
			name: "header then text on the next line",
			text: "date 2025-01-14\nKABUL: Officials said on Tuesday ...\n",
			want: Article{Date: "2025-01-14", Text: "KABUL: Officials said on Tuesday ...\n"},
		},
		{
			name: "title and source after a header on its own line",
			text: "date 2025-01-14\ntitle: Talks resume\nsource: Parley wire\n\nKABUL: Officials said.\n",
			want: Article{Date: "2025-01-14", Title: "Talks resume", Source: "Parley wire", Text: "\nKABUL: Officials said.\n"},
		},
		{
			name: "source before title, any case, values trimmed",
			text: "date 2025-01-14\nSource:  Parley wire  \nTITLE:\tTalks: day two \nKABUL: Officials said.",
			want: Article{Date: "2025-01-14", Title: "Talks: day two", Source: "Parley wire", Text: "KABUL: Officials said."},
		},
		{
			name: "a space before the colon makes no meta line",
			text: "date 2025-01-14\nsource : Parley wire\nBody.",
			want: Article{Date: "2025-01-14", Text: "source : Parley wire\nBody."},
		},
		{
			name: "meta lines end at the first other line",
			text: "date 2025-01-14\nsource: Parley wire\ntitle: Talks: day two\nKABUL: Officials said.\ntitle: not a title\n",
			want: Article{Date: "2025-01-14", Title: "Talks: day two", Source: "Parley wire", Text: "KABUL: Officials said.\ntitle: not a title\n"},
		},
		{
			name: "a later meta line wins",
			text: "title: first\ntitle: second\nBody.",
			want: Article{Title: "second", Text: "Body."},
		},
		{
			name: "no header",
			text: "KABUL: Officials said on Tuesday ...\n",
			want: Article{Text: "KABUL: Officials said on Tuesday ...\n"},
		},
		{
			name: "no header, with title and source",
			text: "title: Talks resume\nsource: Parley wire\nKABUL: Officials said.",
			want: Article{Title: "Talks resume", Source: "Parley wire", Text: "KABUL: Officials said."},
		},
		{
			name: "empty",
			text: "",
			want: Article{},
		},
		{
			name: "a header not on the first line is text",
			text: "\ndate 2025-01-14\nBody.",
			want: Article{Text: "\ndate 2025-01-14\nBody."},
		},
		{
			name: "not quite a header",
			text: "date 2025-01-14x is not a header.",
			want: Article{Text: "date 2025-01-14x is not a header."},
		},
		{
			name: "a short date is no header",
			text: "date 25-01-14\nBody.",
			want: Article{Text: "date 25-01-14\nBody."},
		},
		{
			name: "dated is no header",
			text: "dated 2025-01-14\nBody.",
			want: Article{Text: "dated 2025-01-14\nBody."},
		},
		{
			name: "byte-order mark",
			text: bomStr + "date 2025-01-14\ntitle: T\nBody.",
			want: Article{Date: "2025-01-14", Title: "T", Text: "Body."},
		},
		{
			name: "byte-order mark, text on the same line",
			text: bomStr + " date 2025-01-14 KABUL: Officials said.",
			want: Article{Date: "2025-01-14", Text: "KABUL: Officials said."},
		},
		{
			name: "CRLF line endings",
			text: "date 2025-01-14\r\ntitle: Talks resume\r\nsource: Parley wire\r\n\r\nKABUL: Officials said.\r\nMore.\r\n",
			want: Article{Date: "2025-01-14", Title: "Talks resume", Source: "Parley wire", Text: "\r\nKABUL: Officials said.\r\nMore.\r\n"},
		},
		{
			name: "invalid UTF-8 becomes U+FFFD",
			text: "date 2025-01-14\ntitle: bad \xff title\nBody \xe2\x82 here.",
			want: Article{Date: "2025-01-14", Title: "bad \uFFFD title", Text: "Body \uFFFD here."},
		},
		{
			name: "NUL bytes are kept",
			text: "date 2025-01-14\nBody\x00here.",
			want: Article{Date: "2025-01-14", Text: "Body\x00here."},
		},
		{
			name: "mixed scripts and emoji",
			text: "date 2025-01-14\ntitle: Переговоры 会谈 🕊️\nКиев и Москва 🤝 محادثات السلام שלום.",
			want: Article{Date: "2025-01-14", Title: "Переговоры 会谈 🕊️", Text: "Киев и Москва 🤝 محادثات السلام שלום."},
		},
		{
			name: "leap day",
			text: "date 2024-02-29\nBody.",
			want: Article{Date: "2024-02-29", Text: "Body."},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := ParseArticle(name, tt.text)
			require.NoError(t, err)
			tt.want.ID = "kabul-talks"
			assert.Equal(t, tt.want, a)
		})
	}
}

func TestParseArticleInvalidDate(t *testing.T) {
	for _, text := range []string{
		"date 2025-13-45\nBody.",
		"date 2025-13-45",
		"  date 2025-02-30 KABUL: Officials said.",
		bomStr + "date 2025-00-10\r\nBody.",
		"date 2023-02-29\nBody.",
	} {
		a, err := ParseArticle("in/bad.txt", text)
		pe := requireParseError(t, err, "in/bad.txt", 1, nil)
		assert.Contains(t, pe.Error(), "in/bad.txt:1: invalid date")
		assert.Equal(t, Article{}, a)
	}
}

func TestParseArticleID(t *testing.T) {
	for name, want := range map[string]string{
		"a.txt":              "a",
		"dir/sub/01-x.txt":   "01-x",
		"archive.2025.txt":   "archive.2025",
		"noext":              "noext",
		"stdin":              "stdin",
		"dir.with.dots/file": "file",
	} {
		a, err := ParseArticle(name, "Body.")
		require.NoError(t, err)
		assert.Equal(t, want, a.ID, name)
	}
}

func TestParseArticleFiles(t *testing.T) {
	tests := []struct {
		file string
		want Article
	}{
		{"header-own-line.txt", Article{ID: "header-own-line", Date: "2025-01-14", Title: "Talks resume in Doha", Source: "Parley test wire", Text: "\nDOHA: Negotiators met on Tuesday. They said progress was slow.\n"}},
		{"header-same-line.txt", Article{ID: "header-same-line", Date: "2025-01-14", Text: "KABUL: Officials said on Tuesday that the border would reopen.\nA second paragraph.\n"}},
		{"no-header.txt", Article{ID: "no-header", Text: "GENEVA: Delegates from both sides met behind closed doors.\n\nNo statement was issued.\n"}},
		{"bom-crlf.txt", Article{ID: "bom-crlf", Date: "2024-02-29", Title: "Leap day talks", Source: "Parley test wire", Text: "\r\nVIENNA: Inspectors arrived on Thursday.\r\n"}},
	}
	for _, tt := range tests {
		p := filepath.Join("testdata", "articles", tt.file)
		b, err := os.ReadFile(p)
		require.NoError(t, err)
		a, err := ParseArticle(p, string(b))
		require.NoError(t, err, tt.file)
		assert.Equal(t, tt.want, a, tt.file)
	}

	p := filepath.Join("testdata", "articles", "bad-date.txt")
	b, err := os.ReadFile(p)
	require.NoError(t, err)
	_, err = ParseArticle(p, string(b))
	requireParseError(t, err, p, 1, nil)
	assert.ErrorContains(t, err, `invalid date "2025-13-45"`)
}

// Every article of Parley's own corpus parses and has a date.
func TestParseArticleCorpus(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("articles", "*.txt"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, p := range files {
		b, err := os.ReadFile(p)
		require.NoError(t, err)
		a, err := ParseArticle(p, string(b))
		if !assert.NoError(t, err, p) {
			continue
		}
		assert.NotEmpty(t, a.Date, "%s has no date header", p)
		_, err = time.Parse(time.DateOnly, a.Date)
		assert.NoError(t, err, p)
		assert.Equal(t, strings.TrimSuffix(filepath.Base(p), ".txt"), a.ID)
		assert.NotEmpty(t, strings.TrimSpace(a.Text), p)
		assert.True(t, utf8.ValidString(a.Text), p)
	}
}

func TestJSONLArticleReader(t *testing.T) {
	const file = "in.jsonl"
	tests := []struct {
		name  string
		file  string
		input string
		want  []Article
		errs  []errSpec
	}{
		{
			name: "ids given and generated",
			file: file,
			input: `{"id":"a1","date":"2025-01-14","title":"T","source":"S","text":"Body one."}` + "\n" +
				"\n" +
				`{"date":"2025-01-15","text":"Body two.","extra":true}` + "\n" +
				`{"id":"","text":"Body three."}`,
			want: []Article{
				{ID: "a1", Date: "2025-01-14", Title: "T", Source: "S", Text: "Body one."},
				{ID: "in.jsonl:3", Date: "2025-01-15", Text: "Body two."},
				{ID: "in.jsonl:4", Text: "Body three."},
			},
		},
		{
			name:  "generated ids on an unnamed input",
			input: "\n" + `{"text":"Body."}` + "\n",
			want:  []Article{{ID: "stdin:2", Text: "Body."}},
		},
		{
			name:  "text is kept as it is",
			file:  file,
			input: `{"id":"x","text":"  Line one.\nLine two.  ","date":null}` + "\n",
			want:  []Article{{ID: "x", Text: "  Line one.\nLine two.  "}},
		},
		{
			name:  "missing text is empty text",
			file:  file,
			input: `{"id":"x"}` + "\n",
			want:  []Article{{ID: "x"}},
		},
		{
			name:  "CRLF and a byte-order mark",
			file:  file,
			input: bomStr + `{"text":"A."}` + "\r\n\r\n" + `{"text":"B."}` + "\r\n",
			want:  []Article{{ID: "in.jsonl:1", Text: "A."}, {ID: "in.jsonl:3", Text: "B."}},
		},
		{
			name:  "invalid UTF-8, NUL, mixed scripts",
			file:  file,
			input: "{\"id\":\"x\",\"title\":\"Переговоры 会谈 🕊️\",\"text\":\"bad \xff nul \\u0000 محادثات\"}\n",
			want:  []Article{{ID: "x", Title: "Переговоры 会谈 🕊️", Text: "bad \uFFFD nul \x00 محادثات"}},
		},
		{
			name: "invalid dates",
			file: file,
			input: `{"date":"2025-13-45","text":"A."}` + "\n" +
				`{"date":"14/01/2025","text":"A."}` + "\n" +
				`{"date":" 2025-01-14","text":"A."}` + "\n" +
				`{"date":"2025-01-14","text":"Fine."}` + "\n",
			want: []Article{{ID: "in.jsonl:4", Date: "2025-01-14", Text: "Fine."}},
			errs: []errSpec{
				{line: 1, contains: `invalid date "2025-13-45"`},
				{line: 2, contains: `invalid date "14/01/2025"`},
				{line: 3, contains: "invalid date"},
			},
		},
		{
			name: "invalid JSON",
			file: file,
			input: `{"text":"A."` + "\n" +
				`{"text":1}` + "\n" +
				"{\"text\":\"raw nul \x00\"}\n" +
				`[]` + "\n" +
				`{"text":"B."}` + "\n",
			want: []Article{{ID: "in.jsonl:5", Text: "B."}},
			errs: []errSpec{
				{line: 1, contains: "invalid JSON"},
				{line: 2, contains: "invalid JSON"},
				{line: 3, contains: "invalid JSON"},
				{line: 4, contains: "invalid JSON"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, mode := range []string{"whole", "one byte at a time"} {
				var src io.Reader = strings.NewReader(tt.input)
				if mode != "whole" {
					src = iotest.OneByteReader(src)
				}
				r := NewJSONLArticleReader(src)
				r.File = tt.file
				got, errs := drainArticles(t, r)
				assert.Equal(t, tt.want, got, mode)
				checkErrors(t, tt.file, tt.errs, errs)
			}
		})
	}
}

func TestCSVArticleReader(t *testing.T) {
	const file = "in.csv"
	tests := []struct {
		name  string
		file  string
		input string
		want  []Article
		errs  []errSpec
	}{
		{
			name: "ids given and generated",
			file: file,
			input: "id,date,title,source,text\n" +
				"a1,2025-01-14,T,S,Body one.\n" +
				"\n" +
				",2025-01-15,,,Body two.\n",
			want: []Article{
				{ID: "a1", Date: "2025-01-14", Title: "T", Source: "S", Text: "Body one."},
				{ID: "in.csv:4", Date: "2025-01-15", Text: "Body two."},
			},
		},
		{
			name:  "text only; generated ids on an unnamed input",
			input: "text\nBody one.\n\"Body\ntwo.\"\nBody three.\n",
			want:  []Article{{ID: "stdin:2", Text: "Body one."}, {ID: "stdin:3", Text: "Body\ntwo."}, {ID: "stdin:5", Text: "Body three."}},
		},
		{
			name:  "columns in any order and case, others ignored",
			file:  file,
			input: "Notes,TEXT, Id ,Date\nchecked,\"Body, with commas.\",a1,2025-01-14\n",
			want:  []Article{{ID: "a1", Date: "2025-01-14", Text: "Body, with commas."}},
		},
		{
			name:  "metadata is trimmed, text is kept as it is",
			file:  file,
			input: "id,title,text\n a1 ,  T  ,\"  Body.\n\"\n",
			want:  []Article{{ID: "a1", Title: "T", Text: "  Body.\n"}},
		},
		{
			name:  "records of any length",
			file:  file,
			input: "text,id,date\nBody one.\nBody two.,a2\nBody three.,a3,2025-01-14,extra\n",
			want:  []Article{{ID: "in.csv:2", Text: "Body one."}, {ID: "a2", Text: "Body two."}, {ID: "a3", Date: "2025-01-14", Text: "Body three."}},
		},
		{
			name:  "record without its text field",
			file:  file,
			input: "id,text\na1\na2,Body.\n",
			want:  []Article{{ID: "a2", Text: "Body."}},
			errs:  []errSpec{{line: 2, contains: "record has no text field"}},
		},
		{
			name:  "empty text is allowed",
			file:  file,
			input: "id,text\na1,\n",
			want:  []Article{{ID: "a1"}},
		},
		{
			name:  "CRLF and a byte-order mark before a quoted header",
			file:  file,
			input: bomStr + "\"id\",\"text\"\r\na1,\"Line one.\r\nLine two.\"\r\n,B.\r\n",
			want:  []Article{{ID: "a1", Text: "Line one.\nLine two."}, {ID: "in.csv:4", Text: "B."}},
		},
		{
			name:  "invalid UTF-8, NUL, mixed scripts",
			file:  file,
			input: "id,title,text\nx\xff,Переговоры 会谈 🕊️,bad \xff nul \x00 محادثات\n",
			want:  []Article{{ID: "x\uFFFD", Title: "Переговоры 会谈 🕊️", Text: "bad \uFFFD nul \x00 محادثات"}},
		},
		{
			name:  "invalid dates",
			file:  file,
			input: "date,text\n2025-13-45,A.\n2025-1-4,B.\n2025-01-14,Fine.\n",
			want:  []Article{{ID: "in.csv:4", Date: "2025-01-14", Text: "Fine."}},
			errs: []errSpec{
				{line: 2, contains: `invalid date "2025-13-45"`},
				{line: 3, contains: `invalid date "2025-1-4"`},
			},
		},
		{
			name:  "malformed records",
			file:  file,
			input: "id,text\na1,He said \"no\".\na2,\"Fine.\"\na3,\"open\n",
			want:  []Article{{ID: "a2", Text: "Fine."}},
			errs:  []errSpec{{line: 2, is: csv.ErrBareQuote}, {line: 4, is: csv.ErrQuote}},
		},
		{
			name:  "empty input",
			file:  file,
			input: "",
		},
		{
			name:  "header only",
			file:  file,
			input: "id,text\n",
		},
		{
			name:  "missing text column",
			file:  file,
			input: "id,date,body\na1,2025-01-14,Body.\n",
			errs:  []errSpec{{line: 1, contains: `header has no "text" column (columns: id, date, body)`}},
		},
		{
			name:  "missing text column after blank lines",
			file:  file,
			input: "\n\r\nid,body\na1,Body.\n",
			errs:  []errSpec{{line: 3, contains: `header has no "text" column`}},
		},
		{
			name:  "malformed header",
			file:  file,
			input: "id,\"text\n",
			errs:  []errSpec{{line: 1, is: csv.ErrQuote}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, mode := range []string{"whole", "one byte at a time"} {
				var src io.Reader = strings.NewReader(tt.input)
				if mode != "whole" {
					src = iotest.OneByteReader(src)
				}
				r := NewCSVArticleReader(src)
				r.File = tt.file
				got, errs := drainArticles(t, r)
				assert.Equal(t, tt.want, got, mode)
				checkErrors(t, tt.file, tt.errs, errs)
			}
		})
	}
}

func TestCSVArticleReaderHeaderErrorIsFinal(t *testing.T) {
	r := NewCSVArticleReader(strings.NewReader("id,body\na1,Body.\na2,Body.\n"))
	r.File = "h.csv"
	for range 3 {
		_, err := r.Read()
		requireParseError(t, err, "h.csv", 1, nil)
		assert.ErrorContains(t, err, `header has no "text" column`)
	}
}

func TestArticleReaderFiles(t *testing.T) {
	tests := []struct {
		name string
		want []Article
	}{
		{"articles.jsonl", []Article{
			{ID: "a1", Date: "2025-01-14", Title: "Talks resume", Source: "Wire", Text: "DOHA: Negotiators met on Tuesday."},
			{ID: "articles.jsonl:3", Date: "2025-01-15", Text: "No id: one is made from the file and line."},
			{ID: "a3", Text: "No date."},
		}},
		{"articles.csv", []Article{
			{ID: "a1", Date: "2025-01-14", Title: "Talks resume", Source: "Wire", Text: "DOHA: Negotiators met on Tuesday."},
			{ID: "articles.csv:3", Date: "2025-01-15", Text: "No id: one is made from the file and line,\nwhich is where the record starts."},
			{ID: "a3", Text: "No date."},
		}},
	}
	for _, tt := range tests {
		f, err := os.Open(filepath.Join("testdata", "articles", tt.name))
		require.NoError(t, err)
		var r ArticleReader
		if strings.HasSuffix(tt.name, ".csv") {
			c := NewCSVArticleReader(f)
			c.File = tt.name
			r = c
		} else {
			j := NewJSONLArticleReader(f)
			j.File = tt.name
			r = j
		}
		got, errs := drainArticles(t, r)
		require.NoError(t, f.Close())
		assert.Empty(t, errs, tt.name)
		assert.Equal(t, tt.want, got, tt.name)
	}
}
