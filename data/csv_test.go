package data

import (
	"encoding/csv"
	"io"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCSVReader(t *testing.T) {
	const file = "corpus.csv"
	tests := []struct {
		name  string
		input string
		setup func(*CSVReader)
		want  []Example
		errs  []errSpec
	}{
		{
			name:  "normal",
			input: "label,text\nconciliatory,The two sides agreed to resume talks.\nwarning,The army said it would respond with force.\n",
			want: []Example{
				exampleAt(2, "conciliatory", "The two sides agreed to resume talks."),
				exampleAt(3, "warning", "The army said it would respond with force."),
			},
		},
		{
			name:  "header only",
			input: "label,text\n",
		},
		{
			name:  "blank lines are skipped but counted",
			input: "\nlabel,text\n\nneutral,A.\n\n\nwarning,B.",
			want:  []Example{exampleAt(4, "neutral", "A."), exampleAt(7, "warning", "B.")},
		},
		{
			name:  "tags column",
			input: "label,text,tags\nneutral,A.,area:border hard:negation\nwarning,B.,\n",
			want: []Example{
				exampleAt(2, "neutral", "A.", "area:border", "hard:negation"),
				exampleAt(3, "warning", "B."),
			},
		},
		{
			name:  "unknown extra columns are ignored",
			input: "id,label,annotator,text,score\n17,neutral,ak,A.,0.5\n18,warning,jb,B.,0.9\n",
			want:  []Example{exampleAt(2, "neutral", "A."), exampleAt(3, "warning", "B.")},
		},
		{
			name:  "columns in any order and any case, names trimmed",
			input: " Text ,TAGS,Label\nA.,area:x,neutral\n",
			want:  []Example{exampleAt(2, "neutral", "A.", "area:x")},
		},
		{
			name:  "the first of duplicate columns counts",
			input: "label,text,text\nneutral,first,second\n",
			want:  []Example{exampleAt(2, "neutral", "first")},
		},
		{
			name:  "custom column names",
			input: "stance,sentence,meta,label,text\nwarning,Custom columns.,area:x,ignored,ignored\n",
			setup: func(r *CSVReader) { r.LabelColumn, r.TextColumn, r.TagsColumn = "Stance", "SENTENCE", "meta" },
			want:  []Example{exampleAt(2, "warning", "Custom columns.", "area:x")},
		},
		{
			name:  "custom delimiter",
			input: "label;text\nneutral;\"One; two, three\"\nneutral;One, two; three\n",
			setup: func(r *CSVReader) { r.Comma = ';' },
			want:  []Example{exampleAt(2, "neutral", "One; two, three")},
			errs:  []errSpec{{line: 3, is: csv.ErrFieldCount}},
		},
		{
			name:  "tab delimiter",
			input: "label\ttext\nneutral\tOne, two.\n",
			setup: func(r *CSVReader) { r.Comma = '\t' },
			want:  []Example{exampleAt(2, "neutral", "One, two.")},
		},
		{
			name:  "label and text are trimmed",
			input: "label,text\n  neutral  ,  Spaced out.  \n",
			want:  []Example{exampleAt(2, "neutral", "Spaced out.")},
		},
		{
			name: "quoted fields with commas, quotes and line breaks",
			input: "label,text\n" +
				"neutral,\"Hello, world.\nA second line, with commas.\"\n" +
				"warning,\"He said \"\"no\"\", twice.\"\n" +
				"\"neutral\",\"\n\nStarts after blank lines.\"\n" +
				"neutral,last\n",
			want: []Example{
				exampleAt(2, "neutral", "Hello, world.\nA second line, with commas."),
				exampleAt(4, "warning", `He said "no", twice.`),
				exampleAt(5, "neutral", "Starts after blank lines."),
				exampleAt(8, "neutral", "last"),
			},
		},
		{
			name:  "CRLF line endings",
			input: "label,text\r\nneutral,A.\r\n\r\nwarning,\"B\r\ncontinued.\"\r\nneutral,C.\r\n",
			want: []Example{
				exampleAt(2, "neutral", "A."),
				exampleAt(4, "warning", "B\ncontinued."),
				exampleAt(6, "neutral", "C."),
			},
		},
		{
			name:  "byte-order mark",
			input: bomStr + "label,text\nneutral,A.\n",
			want:  []Example{exampleAt(2, "neutral", "A.")},
		},
		{
			name:  "byte-order mark before a quoted header",
			input: bomStr + "\"label\",\"text\"\r\nneutral,A.\r\n",
			want:  []Example{exampleAt(2, "neutral", "A.")},
		},
		{
			name:  "byte-order mark with a custom first column",
			input: bomStr + "Sentence,Stance\nA.,neutral\n",
			setup: func(r *CSVReader) { r.LabelColumn, r.TextColumn = "stance", "sentence" },
			want:  []Example{exampleAt(2, "neutral", "A.")},
		},
		{
			name:  "invalid UTF-8 becomes U+FFFD",
			input: "label,text,tags\nneutral,bad \xff\xfe bytes,k:\xff\nwar\xc3ning,\"cut \xe2\x82 rune\",\n",
			want: []Example{
				exampleAt(2, "neutral", "bad \uFFFD bytes", "k:\uFFFD"),
				exampleAt(3, "war\uFFFDning", "cut \uFFFD rune"),
			},
		},
		{
			name:  "NUL bytes are kept",
			input: "label,text\nneutral,nul\x00inside\n",
			want:  []Example{exampleAt(2, "neutral", "nul\x00inside")},
		},
		{
			name:  "mixed scripts and emoji",
			input: "label,text\nconciliatory,\"Киев и Москва договорились 🤝 会谈, محادثات السلام שלום 🕊️\"\nمحايد,नमस्ते दुनिया 👋🏽\n",
			want: []Example{
				exampleAt(2, "conciliatory", "Киев и Москва договорились 🤝 会谈, محادثات السلام שלום 🕊️"),
				exampleAt(3, "محايد", "नमस्ते दुनिया 👋🏽"),
			},
		},
		{
			name:  "missing label",
			input: "label,text\n,No label.\n   ,Nor here.\n\"\",Nor here.\n",
			errs:  []errSpec{{line: 2, is: ErrMissingLabel}, {line: 3, is: ErrMissingLabel}, {line: 4, is: ErrMissingLabel}},
		},
		{
			name:  "empty text",
			input: "label,text\nneutral,\nneutral,\"  \"\nneutral,\"\n\"\n",
			errs:  []errSpec{{line: 2, is: ErrEmptyText}, {line: 3, is: ErrEmptyText}, {line: 4, is: ErrEmptyText}},
		},
		{
			name:  "label with a line break",
			input: "label,text\n\"neu\ntral\",A.\n",
			errs:  []errSpec{{line: 2, contains: "tab or line break"}},
		},
		{
			name:  "too many fields",
			input: "label,text\nneutral,A.,extra\n",
			errs:  []errSpec{{line: 2, is: csv.ErrFieldCount}},
		},
		{
			name:  "too few fields",
			input: "label,text\nneutral\n",
			errs:  []errSpec{{line: 2, is: csv.ErrFieldCount}},
		},
		{
			name:  "bare quote",
			input: "label,text\nneutral,He said \"no\".\n",
			errs:  []errSpec{{line: 2, is: csv.ErrBareQuote}},
		},
		{
			name:  "quote not closed",
			input: "label,text\nneutral,\"open\nstill open\n",
			errs:  []errSpec{{line: 3, is: csv.ErrQuote}},
		},
		{
			name:  "reading goes on after record errors",
			input: "label,text\nneutral,A.\nneutral\n,B.\nwarning,\nneutral,A \"bare\" quote\nwarning,C.\n",
			want:  []Example{exampleAt(2, "neutral", "A."), exampleAt(7, "warning", "C.")},
			errs: []errSpec{
				{line: 3, is: csv.ErrFieldCount},
				{line: 4, is: ErrMissingLabel},
				{line: 5, is: ErrEmptyText},
				{line: 6, is: csv.ErrBareQuote},
			},
		},
		{
			name:  "empty input",
			input: "",
			errs:  []errSpec{{line: 1, contains: "empty input: expected a header row"}},
		},
		{
			name:  "input of blank lines",
			input: "\n\r\n\n",
			errs:  []errSpec{{line: 1, contains: "empty input"}},
		},
		{
			name:  "header without a label column",
			input: "text,tags\nA.,x\n",
			errs:  []errSpec{{line: 1, contains: `header has no "label" column (columns: text, tags)`}},
		},
		{
			name:  "header without a text column",
			input: "label,sentence\nneutral,A.\n",
			errs:  []errSpec{{line: 1, contains: `header has no "text" column (columns: label, sentence)`}},
		},
		{
			name:  "header without the custom text column",
			input: "label,text\nneutral,A.\n",
			setup: func(r *CSVReader) { r.TextColumn = "Sentence" },
			errs:  []errSpec{{line: 1, contains: `header has no "Sentence" column`}},
		},
		{
			name:  "header error after blank lines",
			input: "\n\nlabel,body\nneutral,A.\n",
			errs:  []errSpec{{line: 3, contains: `no "text" column`}},
		},
		{
			name:  "malformed header",
			input: "label,\"text\nneutral,A.\n",
			errs:  []errSpec{{line: 2, is: csv.ErrQuote}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, mode := range []string{"whole", "one byte at a time"} {
				var src io.Reader = strings.NewReader(tt.input)
				if mode != "whole" {
					src = iotest.OneByteReader(src)
				}
				r := NewCSVReader(src)
				r.File = file
				if tt.setup != nil {
					tt.setup(r)
				}
				got, errs := drainExamples(t, r)
				assert.Equal(t, normTags(tt.want), normTags(got), mode)
				checkErrors(t, file, tt.errs, errs)
				for _, e := range got {
					assert.True(t, utf8.ValidString(e.Label) && utf8.ValidString(e.Text), "valid UTF-8: %#v", e)
				}
			}
		})
	}
}

func TestCSVReaderHeaderErrorIsFinal(t *testing.T) {
	r := NewCSVReader(strings.NewReader("label,body\nneutral,A.\nwarning,B.\n"))
	r.File = "h.csv"
	for range 3 {
		_, err := r.Read()
		requireParseError(t, err, "h.csv", 1, nil)
		assert.ErrorContains(t, err, `header has no "text" column`)
	}
}

func TestCSVReaderInvalidDelimiter(t *testing.T) {
	r := NewCSVReader(strings.NewReader("label\"text\n"))
	r.File = "d.csv"
	r.Comma = '"'
	_, err := r.Read()
	requireParseError(t, err, "d.csv", 0, nil)
}

func TestCSVReaderReadError(t *testing.T) {
	r := NewCSVReader(&errReader{data: "label,text\nneutral,A.\n", err: errBroken})
	r.File = "pipe"
	e, err := r.Read()
	require.NoError(t, err)
	assert.Equal(t, exampleAt(2, "neutral", "A."), e)
	_, err = r.Read()
	requireParseError(t, err, "pipe", 0, errBroken)
}

func TestCSVReaderLineTooLong(t *testing.T) {
	const file = "long.csv"
	r := NewCSVReader(strings.NewReader("label,text\nneutral,ABCD\nneutral,ABCDEFGHIJKLMNOPQRSTUVWXYZ\nneutral,after\n"))
	r.File = file
	r.src.max = 12
	e, err := r.Read()
	require.NoError(t, err)
	assert.Equal(t, exampleAt(2, "neutral", "ABCD"), e)
	// A CSV reader cannot know where the next record starts: the error is
	// final.
	for range 3 {
		_, err = r.Read()
		requireParseError(t, err, file, 3, ErrLineTooLong)
	}
}
