package data

import (
	"compress/gzip"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// basicExamples are the examples of testdata/corpus/basic.{tsv,csv,jsonl},
// each on line 2, 3 and 4 of its file.
func basicExamples() []Example {
	return []Example{
		exampleAt(2, "conciliatory", "Both governments said they would reopen the border crossing next week.", "area:border"),
		exampleAt(3, "warning", "The ministry warned that any further incursion would be met with force.", "area:border", "hard:conditional"),
		exampleAt(4, "neutral", "Talks resumed in Geneva on Monday, officials said."),
	}
}

func TestFormatOf(t *testing.T) {
	tests := []struct{ name, want string }{
		{"corpus.tsv", TSV},
		{"corpus.txt", TSV},
		{"corpus.tab", TSV},
		{"corpus.csv", CSV},
		{"corpus.jsonl", JSONL},
		{"corpus.ndjson", JSONL},
		{"corpus.json", JSONL},
		{"CORPUS.TSV", TSV},
		{"Corpus.Csv", CSV},
		{"corpus.tsv.gz", TSV},
		{"corpus.CSV.GZ", CSV},
		{"corpus.jsonl.gz", JSONL},
		{"dir.csv/corpus.jsonl", JSONL},
		{"/abs/path/to/corpus.csv", CSV},
		{"corpus", ""},
		{"corpus.gz", ""},
		{"corpus.xlsx", ""},
		{"corpus.tsv.bz2", ""},
		{"corpus.gz.tsv", TSV},
		{".tsv", TSV},
		{"", ""},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, FormatOf(tt.name), "FormatOf(%q)", tt.name)
	}
}

func TestNewReader(t *testing.T) {
	for _, format := range []string{TSV, CSV, JSONL} {
		r, err := NewReader(strings.NewReader(""), "in", format)
		require.NoError(t, err, format)
		require.NotNil(t, r)
	}
	_, err := NewReader(strings.NewReader(""), "in.xml", "xml")
	assert.ErrorContains(t, err, `in.xml: unknown corpus format "xml"`)

	// The name is the file in errors.
	for format, input := range map[string]string{TSV: "x\n", CSV: "label,text\nx,\n", JSONL: "{\n"} {
		r, err := NewReader(strings.NewReader(input), "named", format)
		require.NoError(t, err)
		_, err = ReadAll(r)
		var pe *ParseError
		require.ErrorAs(t, err, &pe, format)
		assert.Equal(t, "named", pe.File, format)
	}
}

// The same examples in the three formats read the same.
func TestFormatsAgree(t *testing.T) {
	for _, name := range []string{"basic.tsv", "basic.csv", "basic.jsonl"} {
		r, c, err := Open(filepath.Join("testdata", "corpus", name), "")
		require.NoError(t, err, name)
		got, err := ReadAll(r)
		require.NoError(t, err, name)
		require.NoError(t, c.Close())
		assert.Equal(t, basicExamples(), normTags(got), name)
	}
	// With a byte-order mark and CRLF line endings, too.
	want := map[string][]Example{
		"bom-crlf.tsv":   {exampleAt(2, "neutral", "The delegations met for three hours.", "area:trade"), exampleAt(4, "warning", "He said patience was running out.")},
		"bom-crlf.csv":   {exampleAt(2, "neutral", "The delegations met\nfor three hours."), exampleAt(4, "warning", "He said patience was running out.")},
		"bom-crlf.jsonl": {exampleAt(1, "neutral", "The delegations met for three hours.", "area:trade"), exampleAt(3, "warning", "He said patience was running out.")},
	}
	for name, w := range want {
		r, c, err := Open(filepath.Join("testdata", "corpus", name), "")
		require.NoError(t, err, name)
		got, err := ReadAll(r)
		require.NoError(t, err, name)
		require.NoError(t, c.Close())
		assert.Equal(t, w, normTags(got), name)
	}
}

// writeFile writes a file below dir, making its folders.
func writeFile(t testing.TB, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
	require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
	return p
}

// writeGzip writes a gzip-compressed file below dir.
func writeGzip(t testing.TB, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
	f, err := os.Create(p)
	require.NoError(t, err)
	z := gzip.NewWriter(f)
	_, err = io.WriteString(z, content)
	require.NoError(t, err)
	require.NoError(t, z.Close())
	require.NoError(t, f.Close())
	return p
}

func TestOpen(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name, file, content string
		gz                  bool
		format              string
		want                []Example
	}{
		{name: "tsv", file: "a.tsv", content: "neutral\tA.\n", want: []Example{exampleAt(1, "neutral", "A.")}},
		{name: "csv", file: "a.csv", content: "label,text\nneutral,A.\n", want: []Example{exampleAt(2, "neutral", "A.")}},
		{name: "jsonl", file: "a.jsonl", content: `{"label":"neutral","text":"A."}` + "\n", want: []Example{exampleAt(1, "neutral", "A.")}},
		{name: "gzip tsv", file: "b.tsv.gz", gz: true, content: "# c\nneutral\tA.\nwarning\tB.\tarea:x\n", want: []Example{exampleAt(2, "neutral", "A."), exampleAt(3, "warning", "B.", "area:x")}},
		{name: "gzip csv, upper case", file: "B.CSV.GZ", gz: true, content: bomStr + "text,label\r\n\"A, a.\",neutral\r\n", want: []Example{exampleAt(2, "neutral", "A, a.")}},
		{name: "gzip jsonl", file: "b.ndjson.gz", gz: true, content: `{"label":"neutral","text":"A."}`, want: []Example{exampleAt(1, "neutral", "A.")}},
		{name: "format named", file: "c.data", format: CSV, content: "label,text\nneutral,A.\n", want: []Example{exampleAt(2, "neutral", "A.")}},
		{name: "format named overrides extension", file: "c.txt", format: JSONL, content: `{"label":"neutral","text":"A."}`, want: []Example{exampleAt(1, "neutral", "A.")}},
		{name: "gzip with format named", file: "c.gz", gz: true, format: TSV, content: "neutral\tA.\n", want: []Example{exampleAt(1, "neutral", "A.")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var p string
			if tt.gz {
				p = writeGzip(t, dir, tt.file, tt.content)
			} else {
				p = writeFile(t, dir, tt.file, tt.content)
			}
			r, c, err := Open(p, tt.format)
			require.NoError(t, err)
			got, err := ReadAll(r)
			require.NoError(t, err)
			assert.NoError(t, c.Close())
			assert.Equal(t, tt.want, normTags(got))
		})
	}
}

func TestOpenErrors(t *testing.T) {
	dir := t.TempDir()

	_, _, err := Open(filepath.Join(dir, "missing.tsv"), "")
	assert.ErrorIs(t, err, fs.ErrNotExist)

	p := writeFile(t, dir, "corpus.xml", "")
	_, _, err = Open(p, "")
	assert.ErrorContains(t, err, "cannot tell the corpus format")

	_, _, err = Open(p, "xml")
	assert.ErrorContains(t, err, `unknown corpus format "xml"`)

	p = writeFile(t, dir, "plain.tsv.gz", "neutral\tnot compressed\n")
	_, _, err = Open(p, "")
	assert.ErrorIs(t, err, gzip.ErrHeader)
	assert.ErrorContains(t, err, p)

	// A gzip file cut short fails on the line being read.
	full := writeGzip(t, dir, "full.tsv.gz", "neutral\tA.\n"+strings.Repeat("neutral\tThe same sentence again.\n", 2000))
	b, err := os.ReadFile(full)
	require.NoError(t, err)
	cut := writeFile(t, dir, "cut.tsv.gz", string(b[:len(b)-20]))
	r, c, err := Open(cut, "")
	require.NoError(t, err)
	defer c.Close()
	ex, err := ReadAll(r)
	var pe *ParseError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, cut, pe.File)
	assert.ErrorIs(t, err, io.ErrUnexpectedEOF)
	assert.Equal(t, len(ex)+1, pe.Line, "the line after the last one read")
}

func TestReadFilesAndCorpusFiles(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "b/2.tsv", "neutral\tb2\n")
	writeFile(t, dir, "b/10.csv", "label,text\nneutral,b10\n")
	writeFile(t, dir, "a.tsv", "neutral\ta\n")
	writeFile(t, dir, "c/d/e.jsonl", `{"label":"neutral","text":"cde"}`+"\n")
	writeGzip(t, dir, "c/f.tsv.gz", "neutral\tcf\n")
	writeFile(t, dir, "c/article.txt", "date 2025-01-14\nNot a corpus.\n")
	writeFile(t, dir, "c/ARTICLE.TXT", "Not a corpus either.\n")
	writeGzip(t, dir, "c/old.txt.gz", "Nor this.\n")
	writeFile(t, dir, "c/notes.md", "# notes\n")
	writeFile(t, dir, "c/data.xml", "<x/>\n")
	writeFile(t, dir, "d.ndjson", `{"label":"warning","text":"d"}`+"\n")

	want := []string{"a.tsv", "b/10.csv", "b/2.tsv", "c/d/e.jsonl", "c/f.tsv.gz", "d.ndjson"}
	files, err := CorpusFiles([]string{dir})
	require.NoError(t, err)
	var rel []string
	for _, f := range files {
		r, err := filepath.Rel(dir, f)
		require.NoError(t, err)
		rel = append(rel, filepath.ToSlash(r))
	}
	assert.Equal(t, want, rel, "lexical order, .txt and unknown extensions skipped")

	ex, err := ReadFiles([]string{dir}, "")
	require.NoError(t, err)
	var texts []string
	for _, e := range ex {
		texts = append(texts, e.Text)
	}
	assert.Equal(t, []string{"a", "b10", "b2", "cde", "cf", "d"}, texts)

	// Named files are kept, in the order given, even .txt ones.
	named := []string{filepath.Join(dir, "d.ndjson"), filepath.Join(dir, "c", "article.txt"), filepath.Join(dir, "b")}
	files, err = CorpusFiles(named)
	require.NoError(t, err)
	assert.Equal(t, []string{named[0], named[1], filepath.Join(dir, "b", "10.csv"), filepath.Join(dir, "b", "2.tsv")}, files)

	// A folder given twice is read twice.
	ex, err = ReadFiles([]string{filepath.Join(dir, "b"), filepath.Join(dir, "b")}, "")
	require.NoError(t, err)
	assert.Len(t, ex, 4)

	_, err = CorpusFiles([]string{filepath.Join(dir, "missing")})
	assert.ErrorIs(t, err, fs.ErrNotExist)
	_, err = ReadFiles([]string{filepath.Join(dir, "missing")}, "")
	assert.ErrorIs(t, err, fs.ErrNotExist)

	files, err = CorpusFiles(nil)
	require.NoError(t, err)
	assert.Empty(t, files)
}

func TestReadFilesErrors(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "a.tsv", "neutral\tfine\n")
	bad := writeFile(t, dir, "b.tsv", "neutral\tfine\n\nwarning\t\n")
	_, err := ReadFiles([]string{dir}, "")
	requireParseError(t, err, bad, 3, ErrEmptyText)

	// A format named for all files.
	dir = t.TempDir()
	p := writeFile(t, dir, "x.tsv", "label,text\nneutral,A.\n")
	ex, err := ReadFiles([]string{p}, CSV)
	require.NoError(t, err)
	assert.Equal(t, []Example{exampleAt(2, "neutral", "A.")}, normTags(ex))
	_, err = ReadFiles([]string{p}, "xml")
	assert.ErrorContains(t, err, "unknown corpus format")

	// A file with an unknown extension, named.
	p = writeFile(t, dir, "x.xml", "")
	_, err = ReadFiles([]string{p}, "")
	assert.ErrorContains(t, err, "cannot tell the corpus format")
}
