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

func TestJSONLReader(t *testing.T) {
	const file = "corpus.jsonl"
	tests := []struct {
		name  string
		input string
		want  []Example
		errs  []errSpec
	}{
		{
			name: "normal",
			input: `{"text":"The two sides agreed to resume talks.","label":"conciliatory"}` + "\n" +
				`{"label":"warning","text":"The army said it would respond with force."}` + "\n",
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
			name:  "blank lines are skipped but counted",
			input: "\n  \n\t\n" + `{"text":"A.","label":"neutral"}` + "\n\n" + `{"text":"B.","label":"warning"}`,
			want:  []Example{exampleAt(4, "neutral", "A."), exampleAt(6, "warning", "B.")},
		},
		{
			name:  "tags and other fields",
			input: `{"id":7,"text":"A.","label":"neutral","tags":["area:border","hard:negation"],"meta":{"by":"ak"}}` + "\n" + `{"text":"B.","label":"warning","tags":[]}` + "\n" + `{"text":"C.","label":"warning","tags":null}`,
			want: []Example{
				exampleAt(1, "neutral", "A.", "area:border", "hard:negation"),
				exampleAt(2, "warning", "B."),
				exampleAt(3, "warning", "C."),
			},
		},
		{
			name:  "surrounding space and indentation",
			input: `   { "text" : "A." , "label" : "neutral" }   ` + "\n",
			want:  []Example{exampleAt(1, "neutral", "A.")},
		},
		{
			name:  "label is trimmed",
			input: `{"text":"A.","label":"  neutral "}` + "\n",
			want:  []Example{exampleAt(1, "neutral", "A.")},
		},
		{
			name:  "CRLF line endings",
			input: `{"text":"A.","label":"neutral"}` + "\r\n\r\n" + `{"text":"B.","label":"warning"}` + "\r\n",
			want:  []Example{exampleAt(1, "neutral", "A."), exampleAt(3, "warning", "B.")},
		},
		{
			name:  "byte-order mark",
			input: bomStr + `{"text":"A.","label":"neutral"}` + "\n",
			want:  []Example{exampleAt(1, "neutral", "A.")},
		},
		{
			name:  "byte-order mark on a later line is invalid JSON",
			input: `{"text":"A.","label":"neutral"}` + "\n" + bomStr + `{"text":"B.","label":"neutral"}` + "\n",
			want:  []Example{exampleAt(1, "neutral", "A.")},
			errs:  []errSpec{{line: 2, contains: "invalid JSON"}},
		},
		{
			name:  "escapes",
			input: `{"text":"Tab\tand \"quotes\", \u00e9 and \ud83d\udd4a\ufe0f.","label":"neutral"}` + "\n",
			want:  []Example{exampleAt(1, "neutral", "Tab\tand \"quotes\", é and 🕊️.")},
		},
		{
			name:  "invalid UTF-8 in a string becomes U+FFFD",
			input: "{\"text\":\"bad \xff\xfe bytes\",\"label\":\"war\xc3ning\"}\n",
			want:  []Example{exampleAt(1, "war\uFFFDning", "bad \uFFFD\uFFFD bytes")},
		},
		{
			name:  "invalid UTF-8 outside strings",
			input: "{\"text\":\"A.\",\"label\":\"neutral\"}\xff\n",
			errs:  []errSpec{{line: 1, contains: "invalid JSON"}},
		},
		{
			name:  "escaped NUL is kept",
			input: `{"text":"nul\u0000inside","label":"neutral"}` + "\n",
			want:  []Example{exampleAt(1, "neutral", "nul\x00inside")},
		},
		{
			name:  "raw NUL is invalid JSON",
			input: "{\"text\":\"nul\x00inside\",\"label\":\"neutral\"}\n\x00\n",
			errs:  []errSpec{{line: 1, contains: "invalid JSON"}, {line: 2, contains: "invalid JSON"}},
		},
		{
			name:  "mixed scripts and emoji",
			input: `{"text":"Киев и Москва договорились 🤝 会谈 محادثات السلام שלום 🕊️","label":"محايد","tags":["area:外交"]}` + "\n",
			want:  []Example{exampleAt(1, "محايد", "Киев и Москва договорились 🤝 会谈 محادثات السلام שלום 🕊️", "area:外交")},
		},
		{
			name: "missing label",
			input: `{"text":"No label."}` + "\n" +
				`{"text":"Null label.","label":null}` + "\n" +
				`{"text":"Empty label.","label":""}` + "\n" +
				`{"text":"Blank label.","label":"  "}` + "\n",
			errs: []errSpec{
				{line: 1, is: ErrMissingLabel, contains: `missing "label" field`},
				{line: 2, is: ErrMissingLabel, contains: `missing "label" field`},
				{line: 3, is: ErrMissingLabel},
				{line: 4, is: ErrMissingLabel},
			},
		},
		{
			name: "missing or empty text",
			input: `{"label":"neutral"}` + "\n" +
				`{"label":"neutral","text":null}` + "\n" +
				`{"label":"neutral","text":""}` + "\n" +
				`{"label":"neutral","text":" \n\t "}` + "\n" +
				"null\n" +
				"{}\n",
			errs: []errSpec{
				{line: 1, is: ErrEmptyText, contains: `missing "text" field`},
				{line: 2, is: ErrEmptyText, contains: `missing "text" field`},
				{line: 3, is: ErrEmptyText},
				{line: 4, is: ErrEmptyText},
				{line: 5, is: ErrEmptyText, contains: `missing "text" field`},
				{line: 6, is: ErrEmptyText, contains: `missing "text" field`},
			},
		},
		{
			name:  "label with a tab or line break",
			input: `{"text":"A.","label":"neu\ttral"}` + "\n" + `{"text":"A.","label":"neu\ntral"}` + "\n",
			errs:  []errSpec{{line: 1, contains: "tab or line break"}, {line: 2, contains: "tab or line break"}},
		},
		{
			name: "invalid JSON",
			input: `{"text":"A.","label":"neutral"` + "\n" + // cut short
				`{"text":"A.","label":"neutral"} {"x":1}` + "\n" + // two values
				`["A.","neutral"]` + "\n" + // not an object
				`"A."` + "\n" +
				`{'text':'A.','label':'neutral'}` + "\n" +
				`{"text":42,"label":"neutral"}` + "\n" + // wrong type
				`{"text":"A.","label":"neutral","tags":"area:x"}` + "\n" +
				`{"text":"A.","label":"neutral","tags":[1]}` + "\n" +
				`{"text":"A.",` + "\n" + `"label":"neutral"}` + "\n", // one object on two lines
			errs: []errSpec{
				{line: 1, contains: "invalid JSON"},
				{line: 2, contains: "invalid JSON"},
				{line: 3, contains: "invalid JSON"},
				{line: 4, contains: "invalid JSON"},
				{line: 5, contains: "invalid JSON"},
				{line: 6, contains: "invalid JSON"},
				{line: 7, contains: "invalid JSON"},
				{line: 8, contains: "invalid JSON"},
				{line: 9, contains: "invalid JSON"},
				{line: 10, contains: "invalid JSON"},
			},
		},
		{
			name: "reading goes on after errors",
			input: `{"text":"A.","label":"neutral"}` + "\n" +
				"{\n" +
				`{"text":"B."}` + "\n" +
				`{"label":"warning","text":""}` + "\n" +
				"\n" +
				`{"text":"C.","label":"warning"}` + "\n",
			want: []Example{exampleAt(1, "neutral", "A."), exampleAt(6, "warning", "C.")},
			errs: []errSpec{
				{line: 2, contains: "invalid JSON"},
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
				r := NewJSONLReader(src)
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

func TestJSONLReaderMaxLineBytes(t *testing.T) {
	const file = "max.jsonl"
	fits := `{"text":"A.","label":"neutral"}` // 31 bytes
	over := `{"text":"AB","label":"neutral"} `
	r := NewJSONLReader(strings.NewReader(bomStr + fits + "\n" + over + "\n" + fits + "\r\n" + over + "\r\n" + fits))
	r.File = file
	r.MaxLineBytes = len(fits)
	got, errs := drainExamples(t, r)
	assert.Equal(t, []Example{exampleAt(1, "neutral", "A."), exampleAt(3, "neutral", "A."), exampleAt(5, "neutral", "A.")}, got)
	checkErrors(t, file, []errSpec{{line: 2, is: ErrLineTooLong}, {line: 4, is: ErrLineTooLong}}, errs)
}

func TestJSONLReaderReadError(t *testing.T) {
	r := NewJSONLReader(&errReader{data: `{"text":"A.","label":"neutral"}` + "\n{", err: errBroken})
	r.File = "pipe"
	_, err := r.Read()
	require.NoError(t, err)
	for range 2 {
		_, err = r.Read()
		requireParseError(t, err, "pipe", 2, errBroken)
	}
}
