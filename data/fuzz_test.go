package data

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// The fuzz targets check that the readers never panic, always come to an
// end, report every error as a *ParseError with a line, and return only
// examples with a label and a text. Seeds are added below and kept, with
// any input the fuzzer found failing, in testdata/fuzz/FuzzXxx.
//
// Run one with: go test ./data -run XXX -fuzz FuzzTSVReader -fuzztime 2m

// A fuzzed limit of 0 means the default limit.
var (
	fuzzTSVSeeds = []string{
		"",
		"neutral\tThe talks resumed.\n",
		"# comment\n\nneutral\tA.\tarea:border hard:negation\nwarning\tB.\n",
		"\ufeffneutral\tA.\r\nwarning\tB.\r\n",
		"\tno label\nneutral\t\nneutral\nneutral\tA.\tB\tC\n",
		"neutral\tbad \xff\xfe bytes\nwar\xc3ning\tnul\x00here\n",
		"conciliatory\tКиев и Москва 🤝 会谈 محادثات 🕊️\n",
		"neu\rtral\tA.\n \t \n# x\n",
		"neutral\tABCDEFGHIJKLMNOPQRSTUVWXYZ\nneutral\tA.",
		"\r\n\r\r\n\n\t\t\n",
	}
	fuzzCSVSeeds = []string{
		"",
		"label,text\nneutral,The talks resumed.\n",
		"id,label,text,tags,notes\n1,neutral,\"A, quoted\nfield\",area:x hard:y,z\n",
		"\ufeff\"label\",\"text\"\r\nneutral,A.\r\n",
		"label,text\n,no label\nneutral,\nneutral\nneutral,A.,extra\n",
		"label,text\nneutral,a \"bare\" quote\nneutral,\"open\n",
		"text,tags\nA.,x\n",
		"label,text\nneutral,bad \xff bytes\nwar\xc3ning,nul\x00here\n",
		"Label,TEXT\nconciliatory,Киев и Москва 🤝 会谈 محادثات 🕊️\n",
		"\n\nlabel,text\n\n\"neu\ntral\",A.\nneutral,\"\"\"quoted\"\"\"\n",
		"label,text\nneutral,ABCDEFGHIJKLMNOPQRSTUVWXYZ\nneutral,A.\n",
	}
	fuzzJSONLSeeds = []string{
		"",
		`{"text":"The talks resumed.","label":"neutral"}` + "\n",
		`{"text":"A.","label":"neutral","tags":["area:x","hard:y"],"other":{"a":[1,2]}}` + "\n\n" + `{"label":"warning","text":"B."}`,
		"\ufeff" + `{"text":"A.","label":"neutral"}` + "\r\n",
		`{"text":"A."}` + "\n" + `{"label":"neutral"}` + "\n" + `{"text":"","label":" "}` + "\nnull\n{}\n[]\n",
		`{"text":"A.","label":"neutral"` + "\n" + `{"text":1,"label":"neutral"}` + "\n" + `{"text":"A.","label":"neutral"} x`,
		"{\"text\":\"bad \xff bytes\",\"label\":\"war\xc3ning\"}\n{\"text\":\"nul\x00\",\"label\":\"n\"}\n",
		`{"text":"Киев 🤝 会谈 محادثات \ud83d\udd4a \u0000","label":"محايد"}` + "\n",
		`{"text":"A.","label":"neu\ttral"}` + "\n" + `{"text":"ABCDEFGHIJKLMNOPQRSTUVWXYZ","label":"neutral"}` + "\n",
	}
	fuzzLineSeeds = []string{
		"",
		"\n",
		"one line",
		"a\nb\r\n\r\nc\r",
		"\ufeffa\n\ufeffb\n",
		"\ufeff",
		"bad \xff\xfe bytes\n\x00\n",
		"Киев 🤝 会谈 محادثات 🕊️\n",
		"12345\n123456\n12345\r\n123456\r\n\r\n1234567890\n12345",
		"\r\r\n\r\n\n\r",
	}
	fuzzArticleSeeds = []string{
		"",
		"date 2025-01-14",
		"date 2025-01-14\n",
		" date 2025-01-14 KABUL: Officials said on Tuesday ...",
		"date 2025-01-14\ntitle: Talks resume\nsource: Parley wire\n\nKABUL: Officials said.\n",
		"title: T\nsource: S\nBody.",
		"date 2025-13-45\nBody.",
		"\ufeffdate 2024-02-29\r\ntitle: T\r\n\r\nBody.\r\n",
		"date 2025-01-14x\n\ndate 2025-01-14\n",
		"date\t2025-01-14\t\r\nbad \xff \x00 Киев 🤝 会谈\n",
	}
	fuzzJSONLArticleSeeds = []string{
		"",
		`{"id":"a1","date":"2025-01-14","title":"T","source":"S","text":"Body."}` + "\n",
		"\n" + `{"text":"No id."}` + "\r\n" + `{"id":"","text":"Empty id.","extra":[1]}`,
		"\ufeff" + `{"date":"2025-13-45","text":"A."}` + "\n" + `{"date":null}` + "\n",
		`{"text":"A."` + "\n[]\nnull\n{\"text\":\"bad \xff nul \x00\"}\n",
		`{"title":"Переговоры 会谈 🕊️","text":"\u0000 محادثات"}` + "\n",
	}
	fuzzCSVArticleSeeds = []string{
		"",
		"id,date,title,source,text\na1,2025-01-14,T,S,Body.\n",
		"text\nBody one.\n\"Body\ntwo.\"\n",
		"\ufeff\"id\",\"text\"\r\na1,\"Line one.\r\nLine two.\"\r\n,B.\r\n",
		"id,text\na1\na2,Body.\n,\n",
		"date,text\n2025-13-45,A.\n2025-01-14,B.\n",
		"id,body\na1,Body.\n",
		"id,text\na1,a \"bare\" quote\na2,\"open\n",
		"id,title,text\nx\xff,Переговоры 会谈 🕊️,bad \xff nul \x00 محادثات\n",
	}
)

// fuzzCallLimit bounds the Read calls a reader may need for in: every call
// but the last consumes at least one byte.
func fuzzCallLimit(in []byte) int { return len(in) + 3 }

// checkFuzzError checks that err is a *ParseError about file with a line
// and returns it.
func checkFuzzError(t *testing.T, err error, file string) *ParseError {
	t.Helper()
	var pe *ParseError
	if !errors.As(err, &pe) {
		t.Fatalf("error %v (%T) is not a *ParseError", err, err)
	}
	if pe.File != file {
		t.Fatalf("ParseError.File = %q, want %q", pe.File, file)
	}
	if pe.Line < 1 {
		t.Fatalf("ParseError.Line = %d in %v", pe.Line, err)
	}
	if pe.Err == nil {
		t.Fatalf("ParseError without an error")
	}
	_ = pe.Error()
	return pe
}

// checkFuzzExample checks what every example read must be.
func checkFuzzExample(t *testing.T, e Example) {
	t.Helper()
	if strings.TrimSpace(e.Label) == "" || strings.TrimSpace(e.Text) == "" {
		t.Fatalf("example with an empty label or text: %#v", e)
	}
	if strings.ContainsAny(e.Label, "\t\r\n") {
		t.Fatalf("label with a tab or line break: %q", e.Label)
	}
	if !utf8.ValidString(e.Label) || !utf8.ValidString(e.Text) {
		t.Fatalf("example with invalid UTF-8: %#v", e)
	}
	for _, tag := range e.Tags {
		if !utf8.ValidString(tag) {
			t.Fatalf("tag with invalid UTF-8: %q", tag)
		}
	}
	if e.Line < 1 {
		t.Fatalf("example on line %d", e.Line)
	}
}

// fuzzExamples reads r to the end, checking every result; readers that
// can go on after an error (lines) must report increasing lines. It returns
// the examples and errors read.
func fuzzExamples(t *testing.T, r Reader, file string, in []byte, lines bool) ([]Example, []*ParseError) {
	var out []Example
	var errs []*ParseError
	last := 0
	for calls := 0; ; calls++ {
		if calls > fuzzCallLimit(in) {
			t.Fatalf("no end after %d calls", calls)
		}
		e, err := r.Read()
		if err == io.EOF {
			if _, err := r.Read(); err != io.EOF {
				t.Fatalf("Read after io.EOF: %v", err)
			}
			return out, errs
		}
		if err != nil {
			pe := checkFuzzError(t, err, file)
			if n := len(errs); !lines && n > 0 && errs[n-1].Error() == pe.Error() {
				return out, errs // a final error
			}
			if lines && pe.Line <= last {
				t.Fatalf("error on line %d after line %d", pe.Line, last)
			}
			last = pe.Line
			errs = append(errs, pe)
			continue
		}
		checkFuzzExample(t, e)
		if e.Line <= last && lines {
			t.Fatalf("example on line %d after line %d", e.Line, last)
		}
		last = e.Line
		out = append(out, e)
	}
}

// refLines splits in as lineReader must: without a leading byte-order mark
// and line endings; over marks the lines longer than max.
func refLines(in []byte, max int) (lines []string, over []bool) {
	if len(in) == 0 {
		return nil, nil
	}
	if max <= 0 {
		max = DefaultMaxLineBytes
	}
	s := strings.TrimPrefix(string(in), "\ufeff")
	lines = strings.Split(s, "\n")
	if strings.HasSuffix(s, "\n") {
		lines = lines[:len(lines)-1]
	}
	for i, l := range lines {
		lines[i] = strings.TrimSuffix(l, "\r")
		over = append(over, len(lines[i]) > max)
	}
	return lines, over
}

func FuzzLineReader(f *testing.F) {
	for _, s := range fuzzLineSeeds {
		f.Add([]byte(s), uint8(0))
		f.Add([]byte(s), uint8(5))
	}
	f.Fuzz(func(t *testing.T, in []byte, max uint8) {
		r := NewLineReader(bytes.NewReader(in))
		r.File = "fuzz.txt"
		r.MaxLineBytes = int(max)
		want, over := refLines(in, int(max))
		for i := 0; ; i++ {
			s, n, err := r.Read()
			if err == io.EOF {
				if i != len(want) {
					t.Fatalf("io.EOF after %d lines, want %d", i, len(want))
				}
				if n != len(want) {
					t.Fatalf("io.EOF at line %d, want %d", n, len(want))
				}
				break
			}
			if i >= len(want) {
				t.Fatalf("line %d (%q, %v) after the last line", n, s, err)
			}
			if n != i+1 {
				t.Fatalf("line number %d, want %d", n, i+1)
			}
			if err != nil {
				pe := checkFuzzError(t, err, "fuzz.txt")
				if !errors.Is(err, ErrLineTooLong) || !over[i] || pe.Line != n {
					t.Fatalf("line %d: unexpected error %v", n, err)
				}
				continue
			}
			if over[i] || s != want[i] {
				t.Fatalf("line %d: got %q, want %q (too long: %v)", n, s, want[i], over[i])
			}
		}
	})
}

func FuzzTSVReader(f *testing.F) {
	for _, s := range fuzzTSVSeeds {
		f.Add([]byte(s), uint8(0))
		f.Add([]byte(s), uint8(12))
	}
	f.Fuzz(func(t *testing.T, in []byte, max uint8) {
		r := NewTSVReader(bytes.NewReader(in))
		r.File = "fuzz.tsv"
		r.MaxLineBytes = int(max)
		got, errs := fuzzExamples(t, r, "fuzz.tsv", in, true)
		// Every line is an example, an error, or skipped: compare with
		// the lines as LineReader's reference splits them.
		lines, over := refLines(in, int(max))
		for _, e := range got {
			fields := strings.Split(strings.ToValidUTF8(lines[e.Line-1], "\uFFFD"), "\t")
			if over[e.Line-1] || strings.TrimSpace(fields[0]) != e.Label || strings.TrimSpace(fields[1]) != e.Text {
				t.Fatalf("line %d %q read as %#v", e.Line, lines[e.Line-1], e)
			}
		}
		for _, pe := range errs {
			if errors.Is(pe, ErrLineTooLong) != over[pe.Line-1] {
				t.Fatalf("line %d (too long: %v): %v", pe.Line, over[pe.Line-1], pe)
			}
		}
		want := 0
		for i, l := range lines {
			if over[i] || strings.TrimSpace(l) != "" && l[0] != '#' {
				want++
			}
		}
		if len(got)+len(errs) != want {
			t.Fatalf("%d results from %d lines to read", len(got)+len(errs), want)
		}
	})
}

func FuzzJSONLReader(f *testing.F) {
	for _, s := range fuzzJSONLSeeds {
		f.Add([]byte(s), uint8(0))
		f.Add([]byte(s), uint8(40))
	}
	f.Fuzz(func(t *testing.T, in []byte, max uint8) {
		r := NewJSONLReader(bytes.NewReader(in))
		r.File = "fuzz.jsonl"
		r.MaxLineBytes = int(max)
		got, errs := fuzzExamples(t, r, "fuzz.jsonl", in, true)
		lines, over := refLines(in, int(max))
		for _, e := range got {
			if over[e.Line-1] {
				t.Fatalf("line %d is too long but read as %#v", e.Line, e)
			}
		}
		for _, pe := range errs {
			if errors.Is(pe, ErrLineTooLong) != over[pe.Line-1] {
				t.Fatalf("line %d (too long: %v): %v", pe.Line, over[pe.Line-1], pe)
			}
		}
		want := 0
		for i, l := range lines {
			if over[i] || strings.TrimSpace(l) != "" {
				want++
			}
		}
		if len(got)+len(errs) != want {
			t.Fatalf("%d results from %d lines to read", len(got)+len(errs), want)
		}
	})
}

func FuzzCSVReader(f *testing.F) {
	for _, s := range fuzzCSVSeeds {
		f.Add([]byte(s), uint8(0))
		f.Add([]byte(s), uint8(20))
	}
	f.Fuzz(func(t *testing.T, in []byte, max uint8) {
		r := NewCSVReader(bytes.NewReader(in))
		r.File = "fuzz.csv"
		r.src.max = int(max)
		got, errs := fuzzExamples(t, r, "fuzz.csv", in, false)
		lines := bytes.Count(in, []byte("\n")) + 1
		for _, e := range got {
			if e.Line > lines {
				t.Fatalf("example on line %d of %d", e.Line, lines)
			}
		}
		for _, pe := range errs {
			if pe.Line > lines {
				t.Fatalf("error on line %d of %d: %v", pe.Line, lines, pe)
			}
		}
	})
}

// checkFuzzArticle checks what every article read must be.
func checkFuzzArticle(t *testing.T, a Article) {
	t.Helper()
	if a.ID == "" {
		t.Fatalf("article without an ID: %q", a)
	}
	if a.Date != "" {
		if _, err := time.Parse(time.DateOnly, a.Date); err != nil {
			t.Fatalf("article with an invalid date: %q", a)
		}
	}
	for _, s := range []string{a.ID, a.Date, a.Title, a.Source, a.Text} {
		if !utf8.ValidString(s) {
			t.Fatalf("article with invalid UTF-8: %q", a)
		}
	}
}

// fuzzArticles reads r to the end, checking every result.
func fuzzArticles(t *testing.T, r ArticleReader, file string, in []byte, lines bool) {
	var prev string
	last := 0
	for calls := 0; ; calls++ {
		if calls > fuzzCallLimit(in) {
			t.Fatalf("no end after %d calls", calls)
		}
		a, err := r.Read()
		if err == io.EOF {
			if _, err := r.Read(); err != io.EOF {
				t.Fatalf("Read after io.EOF: %v", err)
			}
			return
		}
		if err != nil {
			pe := checkFuzzError(t, err, file)
			if !lines && pe.Error() == prev {
				return // a final error
			}
			if lines && pe.Line <= last {
				t.Fatalf("error on line %d after line %d", pe.Line, last)
			}
			prev, last = pe.Error(), pe.Line
			continue
		}
		checkFuzzArticle(t, a)
	}
}

func FuzzParseArticle(f *testing.F) {
	for _, s := range fuzzArticleSeeds {
		f.Add("dir/article.txt", s)
	}
	f.Add("", "date 2025-01-14\nBody.")
	// Found by fuzzing: an empty title is a title line (the check was wrong).
	f.Add("0", "title:")
	f.Fuzz(func(t *testing.T, name, text string) {
		a, err := ParseArticle(name, text)
		if err != nil {
			pe := checkFuzzError(t, err, name)
			if pe.Line != 1 {
				t.Fatalf("error on line %d: %v", pe.Line, err)
			}
			return
		}
		if a.ID != articleID(name) {
			t.Fatalf("ID %q for %q", a.ID, name)
		}
		if a.Date != "" {
			if _, err := time.Parse(time.DateOnly, a.Date); err != nil {
				t.Fatalf("invalid date %q", a.Date)
			}
		}
		if strings.ContainsAny(a.Title+a.Source, "\n") {
			t.Fatalf("title or source with a line break: %q", a)
		}
		for _, s := range []string{a.Date, a.Title, a.Source, a.Text} {
			if !utf8.ValidString(s) {
				t.Fatalf("invalid UTF-8: %q", a)
			}
		}
		// The body is the end of the text.
		clean := strings.ToValidUTF8(strings.TrimPrefix(text, "\ufeff"), "\uFFFD")
		if !strings.HasSuffix(clean, a.Text) {
			t.Fatalf("body %q is not the end of %q", a.Text, clean)
		}
		// What comes before the body is the date header, if any, then only
		// title and source lines.
		prefix := clean[:len(clean)-len(a.Text)]
		if a.Date != "" {
			m := dateHeaderRE.FindStringIndex(prefix)
			if m == nil {
				t.Fatalf("date %q without a header in %q", a.Date, prefix)
			}
			prefix = prefix[m[1]:]
		}
		for prefix != "" {
			line, rest, _ := strings.Cut(prefix, "\n")
			key, _, _ := strings.Cut(strings.TrimSpace(line), ":")
			if k := strings.ToLower(key); k != "title" && k != "source" {
				t.Fatalf("line %q taken out of the body of %q", line, clean)
			}
			prefix = rest
		}
	})
}

func FuzzJSONLArticleReader(f *testing.F) {
	for _, s := range fuzzJSONLArticleSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		r := NewJSONLArticleReader(bytes.NewReader(in))
		r.File = "fuzz.jsonl"
		fuzzArticles(t, r, "fuzz.jsonl", in, true)
	})
}

func FuzzCSVArticleReader(f *testing.F) {
	for _, s := range fuzzCSVArticleSeeds {
		f.Add([]byte(s), uint8(0))
		f.Add([]byte(s), uint8(20))
	}
	f.Fuzz(func(t *testing.T, in []byte, max uint8) {
		r := NewCSVArticleReader(bytes.NewReader(in))
		r.File = "fuzz.csv"
		r.src.max = int(max)
		fuzzArticles(t, r, "fuzz.csv", in, false)
	})
}
