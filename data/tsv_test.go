package data

import (
	"io"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTSVReader(t *testing.T) {
	const file = "corpus.tsv"
	tests := []struct {
		name  string
		input string
		want  []Example
		errs  []errSpec
	}{
		{
			name:  "normal",
			input: "conciliatory\tThe two sides agreed to resume talks.\nwarning\tThe army said it would respond with force.\n",
			want: []Example{
				exampleAt(1, "conciliatory", "The two sides agreed to resume talks."),
				exampleAt(2, "warning", "The army said it would respond with force."),
			},
		},
		{
			name:  "empty input",
			input: "",
		},
		{
			name:  "only comments and blank lines",
			input: "# a comment\n\n   \n\t\n#\tlabel\ttext\n",
		},
		{
			name:  "blank lines and comments are skipped but counted",
			input: "# labelled by hand\n\nneutral\tThe meeting lasted two hours.\n \t \n# next\nwarning\tThey threatened sanctions.\n\n",
			want: []Example{
				exampleAt(3, "neutral", "The meeting lasted two hours."),
				exampleAt(6, "warning", "They threatened sanctions."),
			},
		},
		{
			name:  "last line without a line break",
			input: "neutral\tA.\nneutral\tB.",
			want:  []Example{exampleAt(1, "neutral", "A."), exampleAt(2, "neutral", "B.")},
		},
		{
			name:  "tags column",
			input: "neutral\tA.\tarea:border hard:negation\nwarning\tB.\t  area:nuclear   \nneutral\tC.\t\n",
			want: []Example{
				exampleAt(1, "neutral", "A.", "area:border", "hard:negation"),
				exampleAt(2, "warning", "B.", "area:nuclear"),
				exampleAt(3, "neutral", "C."),
			},
		},
		{
			name:  "label and text are trimmed",
			input: "  neutral \t  Spaced out.  \n",
			want:  []Example{exampleAt(1, "neutral", "Spaced out.")},
		},
		{
			name:  "CRLF line endings",
			input: "# comment\r\n\r\nneutral\tA.\r\nwarning\tB.\tarea:trade\r\n",
			want: []Example{
				exampleAt(3, "neutral", "A."),
				exampleAt(4, "warning", "B.", "area:trade"),
			},
		},
		{
			name:  "byte-order mark",
			input: bomStr + "neutral\tA.\nwarning\tB.\n",
			want:  []Example{exampleAt(1, "neutral", "A."), exampleAt(2, "warning", "B.")},
		},
		{
			name:  "byte-order mark before a comment",
			input: bomStr + "# comment\nneutral\tA.\n",
			want:  []Example{exampleAt(2, "neutral", "A.")},
		},
		{
			name:  "byte-order mark with CRLF",
			input: bomStr + "neutral\tA.\r\n",
			want:  []Example{exampleAt(1, "neutral", "A.")},
		},
		{
			name:  "byte-order mark after line 1 is text",
			input: "neutral\tA.\nneutral\t" + bomStr + "B.\n",
			want:  []Example{exampleAt(1, "neutral", "A."), exampleAt(2, "neutral", bomStr+"B.")},
		},
		{
			name:  "invalid UTF-8 becomes U+FFFD",
			input: "neutral\tbad \xff\xfe bytes\nwar\xc3ning\tcut \xe2\x82 rune\n",
			want: []Example{
				exampleAt(1, "neutral", "bad \uFFFD bytes"),
				exampleAt(2, "war\uFFFDning", "cut \uFFFD rune"),
			},
		},
		{
			name:  "NUL bytes are kept",
			input: "neutral\tnul\x00inside\n\x00\tx\n",
			want:  []Example{exampleAt(1, "neutral", "nul\x00inside"), exampleAt(2, "\x00", "x")},
		},
		{
			name:  "a line of NUL bytes has one field",
			input: "\x00\x00\x00\n",
			errs:  []errSpec{{line: 1, contains: "found 1 field(s)"}},
		},
		{
			name:  "mixed scripts and emoji",
			input: "conciliatory\tКиев и Москва договорились 🤝 会谈 محادثات السلام שלום 🕊️\tarea:ceasefire\nمحايد\tनमस्ते दुनिया 👋🏽\n",
			want: []Example{
				exampleAt(1, "conciliatory", "Киев и Москва договорились 🤝 会谈 محادثات السلام שלום 🕊️", "area:ceasefire"),
				exampleAt(2, "محايد", "नमस्ते दुनिया 👋🏽"),
			},
		},
		{
			name:  "missing label",
			input: "\tNo label here.\n   \tNor here.\n",
			errs:  []errSpec{{line: 1, is: ErrMissingLabel}, {line: 2, is: ErrMissingLabel}},
		},
		{
			name:  "empty text",
			input: "neutral\t\nneutral\t   \nneutral\t\tarea:x\n",
			errs:  []errSpec{{line: 1, is: ErrEmptyText}, {line: 2, is: ErrEmptyText}, {line: 3, is: ErrEmptyText}},
		},
		{
			name:  "too few fields",
			input: "neutral The tab is missing.\n",
			errs:  []errSpec{{line: 1, contains: "found 1 field(s)"}},
		},
		{
			name:  "too many fields",
			input: "neutral\tA.\tarea:x\textra\n",
			errs:  []errSpec{{line: 1, contains: "found 4 field(s)"}},
		},
		{
			name:  "indented '#' is not a comment",
			input: " # not a comment\n",
			errs:  []errSpec{{line: 1, contains: "found 1 field(s)"}},
		},
		{
			name:  "label with a carriage return",
			input: "neu\rtral\tA.\n",
			errs:  []errSpec{{line: 1, contains: "tab or line break"}},
		},
		{
			name:  "reading goes on after errors",
			input: "neutral\tA.\nno tab\n\tB.\nwarning\t\n\nwarning\tC.\n",
			want:  []Example{exampleAt(1, "neutral", "A."), exampleAt(6, "warning", "C.")},
			errs: []errSpec{
				{line: 2, contains: "found 1 field(s)"},
				{line: 3, is: ErrMissingLabel},
				{line: 4, is: ErrEmptyText},
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
				r := NewTSVReader(src)
				r.File = file
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

func TestTSVReaderUnnamedInput(t *testing.T) {
	_, err := NewTSVReader(strings.NewReader("x\n")).Read()
	pe := requireParseError(t, err, "", 1, nil)
	assert.Equal(t, "input:1: expected label<TAB>text or label<TAB>text<TAB>tags, found 1 field(s)", pe.Error())
}

func TestTSVReaderTag(t *testing.T) {
	r := NewTSVReader(strings.NewReader("neutral\tA.\tarea:border hard:negation area:sea flag\n"))
	e, err := r.Read()
	require.NoError(t, err)
	v, ok := e.Tag("area")
	assert.True(t, ok)
	assert.Equal(t, "border", v, "the first area tag")
	v, ok = e.Tag("hard")
	assert.True(t, ok)
	assert.Equal(t, "negation", v)
	_, ok = e.Tag("flag")
	assert.False(t, ok, "a word without a colon is no key:value tag")
	_, ok = e.Tag("missing")
	assert.False(t, ok)
}

func TestTSVReaderMaxLineBytes(t *testing.T) {
	const file = "max.tsv"
	// "neutral\t" is 8 bytes; with a limit of 12 a text of 4 bytes fits.
	input := "neutral\tABCD\n" + // 12 bytes: fits
		"neutral\tABCDE\n" + // 13: too long
		"neutral\tABCD\r\n" + // 12 and CRLF: fits
		"neutral\tABCDEFGHIJKLMNOPQRSTUVWXYZ\n" + // too long
		"neutral\tWXYZ" // 12 at the end of input: fits
	r := NewTSVReader(strings.NewReader(bomStr + input))
	r.File = file
	r.MaxLineBytes = 12
	got, errs := drainExamples(t, r)
	assert.Equal(t, []Example{exampleAt(1, "neutral", "ABCD"), exampleAt(3, "neutral", "ABCD"), exampleAt(5, "neutral", "WXYZ")}, got)
	checkErrors(t, file, []errSpec{{line: 2, is: ErrLineTooLong}, {line: 4, is: ErrLineTooLong}}, errs)
}

func TestTSVReaderReadError(t *testing.T) {
	r := NewTSVReader(&errReader{data: "neutral\tA.\nneutral\tB", err: errBroken})
	r.File = "pipe"
	e, err := r.Read()
	require.NoError(t, err)
	assert.Equal(t, exampleAt(1, "neutral", "A."), e)
	// The error is on the line being read, and it stays.
	for range 3 {
		_, err = r.Read()
		requireParseError(t, err, "pipe", 2, errBroken)
	}
}

func TestTSVReaderFile(t *testing.T) {
	r, c, err := Open("testdata/corpus/basic.tsv", "")
	require.NoError(t, err)
	defer c.Close()
	got, err := ReadAll(r)
	require.NoError(t, err)
	assert.Equal(t, basicExamples(), normTags(got))
}
