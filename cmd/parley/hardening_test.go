package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// hardCase is one run of the CLI and what it must give.
type hardCase struct {
	name   string
	stdin  string
	args   []string
	code   int
	stderr []string // substrings of standard error
}

func (c hardCase) check(t *testing.T) {
	t.Helper()
	code, out, errOut := parley(t, c.stdin, c.args...)
	assert.Equal(t, c.code, code, "parley %s\nstdout: %.500s\nstderr: %s", strings.Join(c.args, " "), out, errOut)
	for _, s := range c.stderr {
		assert.Contains(t, errOut, s)
	}
	if c.code != exitOK {
		assert.NotContains(t, errOut, "panic")
	}
}

// TestHardeningExitCodes runs every command of the table with bad usage
// (exit 2) and with input that makes it fail (exit 1). A command without
// cases here fails the test: add them when adding a command.
func TestHardeningExitCodes(t *testing.T) {
	dir := t.TempDir()
	corpus := writeFile(t, dir, "corpus.tsv", tinyCorpus)
	damaged := writeFile(t, dir, "damaged.model", `{"format":"parley-model","version":1,"labels":["a","b"]`)
	notModel := writeFile(t, dir, "not.model", "label\ttext\n")
	badTSV := writeFile(t, dir, "bad.tsv", "neutral\tFine.\nwarning\n")
	badJSONL := writeFile(t, dir, "bad.jsonl", `{"text":"Fine."}`+"\n"+`{"text":`+"\n")
	article := writeFile(t, dir, "a.txt", "The envoy arrived on Thursday. He warned of sanctions.\n")
	missing := filepath.Join(dir, "no-such-file.tsv")
	model := filepath.Join(dir, "m.model")

	cases := map[string][]hardCase{
		"score": {
			{name: "unknown format", args: []string{"score", "-format", "xml", article}, code: exitUsage, stderr: []string{"-format"}},
			{name: "confidence out of range", args: []string{"score", "-min-confidence", "2", article}, code: exitUsage},
			{name: "unknown input format", stdin: "Text.", args: []string{"score", "-input", "xml"}, code: exitUsage, stderr: []string{"-input"}},
			{name: "missing file", args: []string{"score", missing}, code: exitFailure, stderr: []string{"no-such-file.tsv"}},
			{name: "damaged model", args: []string{"score", "-model", damaged, article}, code: exitFailure, stderr: []string{"damaged.model"}},
			{name: "not a model", args: []string{"score", "-model", notModel, article}, code: exitFailure, stderr: []string{"not.model"}},
			{name: "bad article line", args: []string{"score", badJSONL}, code: exitFailure, stderr: []string{badJSONL + ":2: invalid JSON"}},
		},
		"classify": {
			{name: "unknown format", args: []string{"classify", "-format", "xml"}, code: exitUsage},
			{name: "confidence out of range", args: []string{"classify", "-min-confidence", "-1"}, code: exitUsage},
			{name: "missing file", args: []string{"classify", missing}, code: exitFailure, stderr: []string{"no-such-file.tsv"}},
			{name: "damaged model", stdin: "Text.\n", args: []string{"classify", "-model", damaged}, code: exitFailure, stderr: []string{"damaged.model"}},
		},
		"train": {
			{name: "no -o", args: []string{"train", corpus}, code: exitUsage, stderr: []string{"-o MODEL is required"}},
			{name: "one-fold calibration", args: []string{"train", "-calibrate", "1", "-o", model, corpus}, code: exitUsage},
			{name: "bad priors", args: []string{"train", "-priors", "neutral=x", "-o", model, corpus}, code: exitUsage, stderr: []string{"-priors"}},
			{name: "bad n-grams", args: []string{"train", "-ngrams", "9", "-o", model, corpus}, code: exitUsage},
			{name: "unknown corpus format, file", args: []string{"train", "-format", "xml", "-o", model, corpus}, code: exitUsage, stderr: []string{"-format"}},
			{name: "unknown corpus format, stdin", stdin: tinyCorpus, args: []string{"train", "-format", "xml", "-o", model}, code: exitUsage},
			{name: "missing file", args: []string{"train", "-o", model, missing}, code: exitFailure, stderr: []string{"no-such-file.tsv"}},
			{name: "bad corpus line", args: []string{"train", "-o", model, badTSV}, code: exitFailure, stderr: []string{badTSV + ":2: "}},
			{name: "empty corpus", stdin: "", args: []string{"train", "-o", model}, code: exitFailure, stderr: []string{"no training examples"}},
			{name: "output in a missing folder", args: []string{"train", "-calibrate", "0", "-o", filepath.Join(dir, "no", "m.model"), corpus}, code: exitFailure},
		},
		"eval": {
			{name: "one fold", args: []string{"eval", "-cv", "1", corpus}, code: exitUsage},
			{name: "unknown corpus format", args: []string{"eval", "-format", "xml", corpus}, code: exitUsage},
			{name: "missing file", args: []string{"eval", missing}, code: exitFailure, stderr: []string{"no-such-file.tsv"}},
			{name: "damaged model", args: []string{"eval", "-model", damaged, corpus}, code: exitFailure, stderr: []string{"damaged.model"}},
			{name: "bad corpus line", args: []string{"eval", badTSV}, code: exitFailure, stderr: []string{badTSV + ":2: "}},
		},
		"stats": {
			{name: "unknown corpus format", args: []string{"stats", "-format", "xml", corpus}, code: exitUsage},
			{name: "missing file", args: []string{"stats", missing}, code: exitFailure, stderr: []string{"no-such-file.tsv"}},
			{name: "bad corpus line", args: []string{"stats", badTSV}, code: exitFailure, stderr: []string{badTSV + ":2: "}},
		},
		"timeline": {
			{name: "unknown period", args: []string{"timeline", "-by", "fortnight", article}, code: exitUsage},
			{name: "unknown grouping", args: []string{"timeline", "-group", "author", article}, code: exitUsage},
			{name: "missing file", args: []string{"timeline", missing}, code: exitFailure, stderr: []string{"no-such-file.tsv"}},
			{name: "bad article line", args: []string{"timeline", badJSONL}, code: exitFailure, stderr: []string{badJSONL + ":2: "}},
		},
		"explain": {
			{name: "no features asked for", args: []string{"explain", "-top", "0", "Text."}, code: exitUsage},
			{name: "blank sentence", args: []string{"explain", "  "}, code: exitUsage},
			{name: "damaged model", args: []string{"explain", "-model", damaged, "Text."}, code: exitFailure, stderr: []string{"damaged.model"}},
		},
		"features": {
			{name: "arguments", args: []string{"features", "extra"}, code: exitUsage},
			{name: "unknown label", args: []string{"features", "-label", "hostile"}, code: exitUsage, stderr: []string{"hostile"}},
			{name: "damaged model", args: []string{"features", "-model", damaged}, code: exitFailure, stderr: []string{"damaged.model"}},
		},
		"serve": {
			{name: "arguments", args: []string{"serve", "extra"}, code: exitUsage},
			{name: "no body allowed", args: []string{"serve", "-max-body", "0"}, code: exitUsage},
			{name: "missing model", args: []string{"serve", "-addr", "127.0.0.1:0", "-model", missing}, code: exitFailure, stderr: []string{"no-such-file.tsv"}},
		},
	}
	for _, c := range commands {
		t.Run(c.name, func(t *testing.T) {
			hardCase{name: "help", args: []string{c.name, "-h"}, code: exitOK}.check(t)
			hardCase{name: "unknown flag", args: []string{c.name, "-no-such-flag"}, code: exitUsage, stderr: []string{"-no-such-flag"}}.check(t)
			hardCase{name: "flag without its value", args: []string{c.name, "-model"}, code: exitUsage}.check(t)
			own, ok := cases[c.name]
			if !ok {
				t.Fatalf("no exit-code cases for the command %q: add them to this test", c.name)
			}
			for _, tc := range own {
				t.Run(tc.name, tc.check)
			}
		})
	}
}

// awkwardArticles are article texts, each with the sentences score must
// find in it.
var awkwardArticles = []struct {
	name      string
	text      string
	sentences []string
}{
	{"empty", "", nil},
	{"whitespace only", " \t\r\n\u00a0\u3000\n\n ", nil},
	{"punctuation only", "... ?! «—» !!!", []string{"...", "?!", "«—» !!!"}},
	{"invalid UTF-8", "Talks \xff\xfe resumed. Both\xc3 sides met.", []string{"Talks \ufffd resumed.", "Both\ufffd sides met."}},
	{"NUL bytes", "Talks\x00 resumed. Both sides met.\x00", []string{"Talks\x00 resumed.", "Both sides met.\x00"}},
	{"CRLF and paragraphs", "Talks resumed.\r\nBoth sides met.\r\n\r\nA new paragraph\r\n", []string{"Talks resumed.", "Both sides met.", "A new paragraph"}},
	{
		"mixed scripts and emoji",
		"Москва предупредила Киев. وصل المبعوث إلى العاصمة. 外交部发言人表示 👨\u200d👩\u200d👧 🏳\ufe0f\u200d🌈 talks resumed.",
		[]string{"Москва предупредила Киев.", "وصل المبعوث إلى العاصمة.", "外交部发言人表示 👨\u200d👩\u200d👧 🏳\ufe0f\u200d🌈 talks resumed."},
	},
}

// scored is what the tests read back of score's JSON Lines.
type scored struct {
	ID        string
	Sentences []struct {
		Text          string
		Start, End    int
		Label         string
		Probabilities map[string]float64
	}
	Summary struct{ Sentences int }
}

func readScored(t *testing.T, out string) []scored {
	t.Helper()
	var all []scored
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var s scored
		require.NoError(t, json.Unmarshal(sc.Bytes(), &s), "%.300s", sc.Text())
		all = append(all, s)
	}
	require.NoError(t, sc.Err())
	return all
}

// TestHardeningScoreAwkwardInput scores awkward articles given as plain
// text (on standard input and as a file with a byte-order mark and CRLF),
// JSON Lines and CSV: every way must give the same sentences.
func TestHardeningScoreAwkwardInput(t *testing.T) {
	dir := t.TempDir()
	for i, a := range awkwardArticles {
		t.Run(a.name, func(t *testing.T) {
			// Raw bytes in the JSON string, invalid UTF-8 included.
			jsonText := `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\r", `\r`, "\t", `\t`, "\x00", `\u0000`).Replace(a.text) + `"`
			csvText := `"` + strings.ReplaceAll(a.text, `"`, `""`) + `"`
			inputs := []struct {
				name  string
				stdin string
				args  []string
			}{
				{"text on stdin", a.text, nil},
				{"text file with a byte-order mark", "", []string{writeFile(t, dir, strconv.Itoa(i)+".txt", "\ufeff"+a.text)}},
				{"JSON Lines with a byte-order mark and CRLF", "", []string{writeFile(t, dir, strconv.Itoa(i)+".jsonl", "\ufeff"+`{"id":"x","text":`+jsonText+"}\r\n\r\n")}},
				{"CSV with a byte-order mark and CRLF", "", []string{writeFile(t, dir, strconv.Itoa(i)+".csv", "\ufeffid,text\r\nx,"+csvText+"\r\n")}},
			}
			for _, in := range inputs {
				code, out, errOut := parley(t, in.stdin, append([]string{"score", "-explain", "2"}, in.args...)...)
				require.Equal(t, exitOK, code, "%s: %s", in.name, errOut)
				arts := readScored(t, out)
				require.Len(t, arts, 1, in.name)
				var got []string
				for _, s := range arts[0].Sentences {
					got = append(got, s.Text)
					assert.Len(t, s.Probabilities, 3)
					assert.NotEmpty(t, s.Label)
				}
				// The JSON decoder makes each invalid byte U+FFFD, the
				// other readers each run of them.
				assert.Equal(t, a.sentences, oneFFFD(got), in.name)
				assert.Equal(t, len(a.sentences), arts[0].Summary.Sentences, in.name)
			}
		})
	}
}

func oneFFFD(ss []string) []string {
	for i, s := range ss {
		for strings.Contains(s, "\ufffd\ufffd") {
			s = strings.ReplaceAll(s, "\ufffd\ufffd", "\ufffd")
		}
		ss[i] = s
	}
	return ss
}

// TestHardeningClassifyAwkwardInput classifies awkward lines: one result
// per line that is not blank, and valid JSON whatever the bytes.
func TestHardeningClassifyAwkwardInput(t *testing.T) {
	lines := []string{"", "   \t", "... ?! !!!", "Talks \xff\xfe resumed\xc3", "\x00He vowed\x00 to retaliate.", "Москва предупредила Киев 外交部 وصل 👨\u200d👩\u200d👧"}
	for _, eol := range []string{"\n", "\r\n"} {
		in := "\ufeff" + strings.Join(lines, eol) + eol
		code, out, errOut := parley(t, in, "classify", "-explain", "3")
		require.Equal(t, exitOK, code, errOut)
		got := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
		require.Len(t, got, 4, "one line of output per line that is not blank:\n%s", out)
		for i, g := range got {
			var p struct {
				Text  string
				Label string
			}
			require.NoError(t, json.Unmarshal([]byte(g), &p), g)
			want, err := json.Marshal(lines[i+2]) // which makes each invalid byte U+FFFD
			require.NoError(t, err)
			var wantText string
			require.NoError(t, json.Unmarshal(want, &wantText))
			assert.Equal(t, wantText, p.Text)
			assert.NotEmpty(t, p.Label)
		}

		code, out, errOut = parley(t, in, "classify", "-format", "tsv")
		require.Equal(t, exitOK, code, errOut)
		assert.Equal(t, 4, strings.Count(out, "\n"))
	}
}

// TestHardeningCorpusProblems trains on corpora with problems: errors name
// the file and line; odd but valid corpora train.
func TestHardeningCorpusProblems(t *testing.T) {
	dir := t.TempDir()
	model := filepath.Join(dir, "m.model")
	good := strings.Split(strings.TrimSpace(tinyCorpus), "\n")
	asCSV := func(extraHeader, extra string) string {
		var b strings.Builder
		b.WriteString("label,text" + extraHeader + "\n")
		for _, l := range good {
			label, text, _ := strings.Cut(l, "\t")
			b.WriteString(label + `,"` + text + `"` + extra + "\n")
		}
		return b.String()
	}
	tests := []struct {
		name, file, content string
		code                int
		stderr              string
	}{
		{"missing label, TSV", "a.tsv", tinyCorpus + "\tNo label here.\n", exitFailure, "a.tsv:13: missing label"},
		{"missing label, CSV", "a.csv", asCSV("", "") + `,"No label here."` + "\n", exitFailure, "a.csv:14: missing label"},
		{"missing label, JSONL", "a.jsonl", `{"label":"neutral","text":"A."}` + "\n" + `{"text":"No label."}` + "\n", exitFailure, `a.jsonl:2: missing "label" field`},
		{"empty text, TSV", "b.tsv", tinyCorpus + "neutral\t   \n", exitFailure, "b.tsv:13: empty text"},
		{"empty text, CSV", "b.csv", asCSV("", "") + "neutral,\n", exitFailure, "b.csv:14: empty text"},
		{"empty text, JSONL", "b.jsonl", `{"label":"neutral","text":" "}` + "\n", exitFailure, "b.jsonl:1: empty text"},
		{"CSV without a label column", "c.csv", "stance,text\nneutral,A.\n", exitFailure, `c.csv:1: header has no "label" column`},
		{"CSV with unknown columns", "d.csv", asCSV(",annotator,score", ",ak,0.5"), exitOK, ""},
		{"a label that appears once, among three", "e.tsv", tinyCorpus + "other\tVolcanic ash grounded flights.\n", exitOK, ""},
		{
			"a label that appears once, of two", "f.tsv",
			strings.ReplaceAll(strings.ReplaceAll(tinyCorpus, "conciliatory\t", "neutral\t"), "warning\t", "neutral\t") + "warning\tHe vowed to retaliate.\n",
			exitFailure, `fold 3 would train on label "neutral" alone, as label "warning" (1) has too few examples`,
		},
		{"one label only", "g.tsv", "neutral\tA talk.\nneutral\tA visit.\n", exitFailure, `need examples of at least 2 labels, found only "neutral"`},
		{"a line of NUL bytes", "h.tsv", tinyCorpus + "\x00\x00\x00\n", exitFailure, "h.tsv:13: expected label<TAB>text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeFile(t, dir, tt.file, tt.content)
			code, out, errOut := parley(t, "", "train", "-o", model, path)
			assert.Equal(t, tt.code, code, "stdout: %s\nstderr: %s", out, errOut)
			if tt.stderr != "" {
				assert.Contains(t, errOut, tt.stderr)
			}
			if tt.code == exitFailure && strings.Contains(tt.stderr, ":") && !strings.Contains(tt.stderr, "fold") && !strings.Contains(tt.stderr, "found only") {
				// The same error from the commands that read corpora.
				for _, cmd := range []string{"eval", "stats"} {
					code, _, errOut := parley(t, "", cmd, path)
					assert.Equal(t, exitFailure, code, cmd)
					assert.Contains(t, errOut, tt.stderr, cmd)
				}
			}
		})
	}
}

// TestHardeningSameExamplesSameModel trains on the same examples written
// as TSV (with LF, and with a byte-order mark and CRLF), CSV and JSON
// Lines: the models must be byte for byte the same.
func TestHardeningSameExamplesSameModel(t *testing.T) {
	dir := t.TempDir()
	rows := strings.Split(strings.TrimSpace(tinyCorpus), "\n")
	rows = append(rows, "neutral\tМосква предупредила Киев 外交部 وصل 👨\u200d👩\u200d👧 🏳\ufe0f\u200d🌈.")
	var tsv, csv, jsonl strings.Builder
	csv.WriteString("text,label\n")
	for _, r := range rows {
		label, text, _ := strings.Cut(r, "\t")
		tsv.WriteString(r + "\n")
		csv.WriteString(`"` + text + `",` + label + "\n")
		b, err := json.Marshal(map[string]string{"label": label, "text": text})
		require.NoError(t, err)
		jsonl.Write(append(b, '\n'))
	}
	files := map[string]string{
		"lf.tsv":      tsv.String(),
		"crlf.tsv":    "\ufeff" + strings.ReplaceAll(tsv.String(), "\n", "\r\n"),
		"lf.csv":      csv.String(),
		"crlf.csv":    "\ufeff" + strings.ReplaceAll(csv.String(), "\n", "\r\n"),
		"lf.jsonl":    jsonl.String(),
		"crlf.ndjson": "\ufeff" + strings.ReplaceAll(jsonl.String(), "\n", "\r\n"),
	}
	var want []byte
	for name, content := range files {
		model := filepath.Join(dir, name+".model")
		code, _, errOut := parley(t, "", "train", "-calibrate", "2", "-o", model, writeFile(t, dir, name, content))
		require.Equal(t, exitOK, code, "%s: %s", name, errOut)
		got, err := os.ReadFile(model)
		require.NoError(t, err)
		if want == nil {
			want = got
			continue
		}
		assert.True(t, bytes.Equal(want, got), "%s gives another model", name)
	}
}

// TestHardeningEvalUnknownLabel evaluates a model on data with a label it
// does not know: eval reports it, says how many examples have it, and
// counts them as errors.
func TestHardeningEvalUnknownLabel(t *testing.T) {
	dir := t.TempDir()
	model := filepath.Join(dir, "m.model")
	code, _, errOut := parley(t, "", "train", "-calibrate", "0", "-o", model, writeFile(t, dir, "corpus.tsv", tinyCorpus))
	require.Equal(t, exitOK, code, errOut)
	test := writeFile(t, dir, "test.tsv", "warning\tHe vowed to retaliate.\nother\tVolcanic ash grounded flights.\nother\tThe match ended in a draw.\n")

	code, out, errOut := parley(t, "", "eval", "-model", model, test)
	require.Equal(t, exitOK, code, errOut)
	assert.Contains(t, out, "note: the data has labels the model does not know: other (2 examples); never predicted, they count as errors")
	assert.Regexp(t, `(?m)^examples\s+3$`, out)

	code, out, errOut = parley(t, "", "eval", "-json", "-model", model, test)
	require.Equal(t, exitOK, code, errOut)
	var rep struct {
		Examples      int
		Accuracy      float64
		UnknownLabels []string `json:"unknown_labels"`
		Labels        []string
		Confusion     [][]int
	}
	require.NoError(t, json.Unmarshal([]byte(out), &rep))
	assert.Equal(t, 3, rep.Examples)
	assert.Equal(t, []string{"other"}, rep.UnknownLabels)
	require.Equal(t, "other", rep.Labels[len(rep.Labels)-1])
	other := rep.Confusion[len(rep.Confusion)-1]
	sum := 0
	for _, n := range other {
		sum += n
	}
	assert.Equal(t, 2, sum, "both examples of the unknown label are counted")
	assert.Zero(t, other[len(other)-1], "and never predicted")
	assert.LessOrEqual(t, rep.Accuracy, 1.0/3)
}

// TestHardeningHugeLine feeds the commands a file that is one line of 50
// MB: each fails with an error that names the file and line (or, for a
// plain-text article, which is read whole, says the article is too long)
// instead of holding it all.
func TestHardeningHugeLine(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a file of 50 MB")
	}
	dir := t.TempDir()
	huge := filepath.Join(dir, "huge.txt")
	require.NoError(t, os.WriteFile(huge, bytes.Repeat([]byte("x"), 50<<20), 0o644))
	link := func(ext string) string {
		p := filepath.Join(dir, "huge"+ext)
		require.NoError(t, os.Link(huge, p))
		return p
	}
	tsv, jsonl, csv := link(".tsv"), link(".jsonl"), link(".csv")
	tests := []hardCase{
		{name: "score, plain text", args: []string{"score", huge}, code: exitFailure, stderr: []string{huge + ": article over 16777216 bytes"}},
		{name: "score, JSON Lines", args: []string{"score", jsonl}, code: exitFailure, stderr: []string{jsonl + ":1: line too long"}},
		{name: "score, CSV", args: []string{"score", csv}, code: exitFailure, stderr: []string{csv + ":1: ", "line too long"}},
		{name: "classify", args: []string{"classify", huge}, code: exitFailure, stderr: []string{huge + ":1: line too long"}},
		{name: "train", args: []string{"train", "-o", filepath.Join(dir, "m.model"), tsv}, code: exitFailure, stderr: []string{tsv + ":1: line too long"}},
		{name: "stats", args: []string{"stats", jsonl}, code: exitFailure, stderr: []string{jsonl + ":1: line too long"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, tt.check)
	}
	_, err := os.Stat(filepath.Join(dir, "m.model"))
	assert.True(t, os.IsNotExist(err), "no model is written")
}

// TestHardeningArticleLimit checks the bound on a plain-text article at
// its edge, with the bound made small.
func TestHardeningArticleLimit(t *testing.T) {
	defer func(n int) { maxArticleBytes = n }(maxArticleBytes)
	maxArticleBytes = 64
	text := strings.Repeat("Talks resumed. ", 4) + "Both sides met."
	require.Len(t, text, 75)
	text = text[len(text)-64:]
	code, out, errOut := parley(t, text, "score")
	require.Equal(t, exitOK, code, errOut)
	assert.Len(t, readScored(t, out), 1)

	code, _, errOut = parley(t, text+" ", "score")
	assert.Equal(t, exitFailure, code)
	assert.Contains(t, errOut, "stdin: article over 64 bytes")
}
