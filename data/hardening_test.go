package data

import (
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The other huge-line tests set a small limit; these leave every reader at
// its default (DefaultMaxLineBytes), the way Parley's commands use them,
// and check that a line of 50 MB fails cleanly, naming the file and line,
// and that what a reader allocates does not grow with the line.

// defaultLimitReaders builds each reader, with nothing but its File set,
// over r, and reads it to the end.
var defaultLimitReaders = []struct {
	name string
	// lineBased readers find the next line after a line that is too
	// long; the CSV readers cannot and stop.
	lineBased bool
	head      string // before the huge line, which is then a text field
	tail      string // after it
	before    int    // records before the huge line
	read      func(t *testing.T, file string, r io.Reader) (int, []error)
}{
	{
		name: "TSV", lineBased: true,
		head: "neutral\tbefore\nwarning\t", tail: "\nneutral\tafter\n", before: 1,
		read: func(t *testing.T, file string, r io.Reader) (int, []error) {
			tr := NewTSVReader(r)
			tr.File = file
			got, errs := drainExamples(t, tr)
			return len(got), errs
		},
	},
	{
		name: "JSONL", lineBased: true,
		head: `{"label":"neutral","text":"before"}` + "\n" + `{"label":"warning","text":"`, tail: `"}` + "\n" + `{"label":"neutral","text":"after"}` + "\n", before: 1,
		read: func(t *testing.T, file string, r io.Reader) (int, []error) {
			jr := NewJSONLReader(r)
			jr.File = file
			got, errs := drainExamples(t, jr)
			return len(got), errs
		},
	},
	{
		name: "CSV",
		head: "label,text\nneutral,before\nwarning,", tail: "\nneutral,after\n", before: 1,
		read: func(t *testing.T, file string, r io.Reader) (int, []error) {
			cr := NewCSVReader(r)
			cr.File = file
			got, errs := drainExamples(t, cr)
			return len(got), errs
		},
	},
	{
		name: "lines", lineBased: true,
		head: "before\n", tail: "\nafter\n", before: 1,
		read: func(t *testing.T, file string, r io.Reader) (int, []error) {
			lr := NewLineReader(r)
			lr.File = file
			n := 0
			var errs []error
			for {
				_, _, err := lr.Read()
				if err == io.EOF {
					return n, errs
				}
				if err != nil {
					errs = append(errs, err)
					continue
				}
				n++
			}
		},
	},
	{
		name: "JSONL articles", lineBased: true,
		head: `{"id":"a1","text":"before"}` + "\n" + `{"id":"a2","text":"`, tail: `"}` + "\n" + `{"id":"a3","text":"after"}` + "\n", before: 1,
		read: func(t *testing.T, file string, r io.Reader) (int, []error) {
			ar := NewJSONLArticleReader(r)
			ar.File = file
			got, errs := drainArticles(t, ar)
			return len(got), errs
		},
	},
	{
		name: "CSV articles",
		head: "id,text\na1,before\na2,", tail: "\na3,after\n", before: 1,
		read: func(t *testing.T, file string, r io.Reader) (int, []error) {
			ar := NewCSVArticleReader(r)
			ar.File = file
			got, errs := drainArticles(t, ar)
			return len(got), errs
		},
	},
}

func TestHardeningHugeLineDefaultLimit(t *testing.T) {
	if testing.Short() {
		t.Skip("reads lines of 50 and 100 MB")
	}
	const file = "huge.input"
	for _, tt := range defaultLimitReaders {
		t.Run(tt.name, func(t *testing.T) {
			var allocs []uint64
			for _, size := range []int64{hugeLine, 2 * hugeLine} {
				var n int
				var errs []error
				alloc := allocatedBy(func() {
					n, errs = tt.read(t, file, newGenReader(litSeg(tt.head), repeatSeg('x', size), litSeg(tt.tail)))
				})
				want := tt.before
				if tt.lineBased {
					want++ // the record after the huge line
				}
				assert.Equal(t, want, n, "records read around a line of %d bytes", size)
				line := strings.Count(tt.head, "\n") + 1
				checkErrors(t, file, []errSpec{{line: line, is: ErrLineTooLong}}, errs)
				t.Logf("line of %d bytes: allocated %d bytes", size, alloc)
				allocs = append(allocs, alloc)
			}
			// Bounded by the limit, not by the line: a line twice as long
			// costs no more.
			assert.Less(t, allocs[1], allocs[0]+1<<20, "a line twice as long allocates more")
			// These are bytes allocated in all, not held at once: growing a
			// buffer to the limit by append allocates some 6 times the
			// limit (8 for the CSV readers, which grow two), of which
			// about twice the limit is live at the end.
			assert.Less(t, allocs[0], uint64(10*DefaultMaxLineBytes))
		})
	}
}

// TestHardeningFormatsAgree reads the same awkward examples written as TSV,
// CSV and JSON Lines: every format must give the same examples, and the
// same errors on the same records.
func TestHardeningFormatsAgree(t *testing.T) {
	type rec struct{ label, text string }
	tests := []struct {
		name string
		recs []rec
		// want is the examples read, by record index; errs maps a record
		// index to the error it gives.
		want []rec
		errs map[int]error
	}{
		{
			name: "whitespace-only text is empty text",
			recs: []rec{{"neutral", "A."}, {"neutral", "   "}, {"warning", " \u00a0\u3000 "}, {"neutral", "B."}},
			want: []rec{{"neutral", "A."}, {"neutral", "B."}},
			errs: map[int]error{1: ErrEmptyText, 2: ErrEmptyText},
		},
		{
			name: "punctuation-only text is text",
			recs: []rec{{"neutral", "..."}, {"warning", "?!"}, {"neutral", "«—»"}},
			want: []rec{{"neutral", "..."}, {"warning", "?!"}, {"neutral", "«—»"}},
		},
		{
			name: "missing label",
			recs: []rec{{"", "No label."}, {"  ", "Blank label."}, {"neutral", "Fine."}},
			want: []rec{{"neutral", "Fine."}},
			errs: map[int]error{0: ErrMissingLabel, 1: ErrMissingLabel},
		},
		{
			name: "mixed scripts and emoji sequences are kept byte for byte",
			recs: []rec{
				{"conciliatory", "Москва и Киев договорились 🤝🏽 об обмене"},
				{"محايد", "وصل المبعوث إلى العاصمة يوم الخميس"},
				{"warning", "外交部警告 👨\u200d👩\u200d👧 🏳\ufe0f\u200d🌈 🇺🇦 1\ufe0f\u20e3"},
				{"neutral", "Ελλάδα, नमस्ते, שלום, e\u0301"},
			},
			want: []rec{
				{"conciliatory", "Москва и Киев договорились 🤝🏽 об обмене"},
				{"محايد", "وصل المبعوث إلى العاصمة يوم الخميس"},
				{"warning", "外交部警告 👨\u200d👩\u200d👧 🏳\ufe0f\u200d🌈 🇺🇦 1\ufe0f\u20e3"},
				{"neutral", "Ελλάδα, नमस्ते, שלום, e\u0301"},
			},
		},
		{
			name: "NUL bytes inside text are kept",
			recs: []rec{{"neutral", "nul\x00inside"}},
			want: []rec{{"neutral", "nul\x00inside"}},
		},
	}
	encode := map[string]func(recs []rec) string{
		TSV: func(recs []rec) string {
			var b strings.Builder
			for _, r := range recs {
				b.WriteString(r.label + "\t" + r.text + "\n")
			}
			return b.String()
		},
		CSV: func(recs []rec) string {
			var b strings.Builder
			b.WriteString("label,text\n")
			for _, r := range recs {
				b.WriteString(`"` + r.label + `","` + r.text + `"` + "\n")
			}
			return b.String()
		},
		JSONL: func(recs []rec) string {
			var b strings.Builder
			for _, r := range recs {
				b.WriteString(`{"label":` + jsonString(r.label) + `,"text":` + jsonString(r.text) + "}\n")
			}
			return b.String()
		},
	}
	for _, tt := range tests {
		for _, format := range []string{TSV, CSV, JSONL} {
			t.Run(tt.name+"/"+format, func(t *testing.T) {
				file := "corpus." + format
				for _, variant := range []struct {
					name string
					edit func(string) string
				}{
					{"LF", func(s string) string { return s }},
					{"CRLF and a byte-order mark", func(s string) string { return bomStr + strings.ReplaceAll(s, "\n", "\r\n") }},
				} {
					r, err := NewReader(strings.NewReader(variant.edit(encode[format](tt.recs))), file, format)
					require.NoError(t, err)
					got, errs := drainExamples(t, r)
					first := 1 // the line of record 0
					if format == CSV {
						first = 2
					}
					var want []Example
					var wantErrs []errSpec
					for i, rc := range tt.recs {
						if e, bad := tt.errs[i]; bad {
							wantErrs = append(wantErrs, errSpec{line: first + i, is: e})
							continue
						}
						want = append(want, exampleAt(first+i, strings.TrimSpace(rc.label), rc.text))
					}
					require.Len(t, want, len(tt.want), "the test's want")
					for i := range want {
						assert.Equal(t, tt.want[i].text, want[i].Text)
					}
					assert.Equal(t, want, normTags(got), variant.name)
					checkErrors(t, file, wantErrs, errs)
				}
			})
		}
	}
}

// jsonString quotes s for JSON, escaping NUL as the encoder would.
func jsonString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\x00", `\u0000`, "\t", `\t`, "\n", `\n`, "\r", `\r`)
	return `"` + r.Replace(s) + `"`
}

// TestHardeningArticles covers article bodies that are empty, blank or
// punctuation, or that mix scripts, in each article format: they are read
// as they are (scoring them is the classifier's business), and metadata
// is parsed as usual.
func TestHardeningArticles(t *testing.T) {
	bodies := []struct{ name, text string }{
		{"whitespace only", " \t \u00a0 "},
		{"punctuation only", "... ?! «—» !!!"},
		{"mixed scripts and emoji", "Москва 🤝 Киев. 外交部警告 👨\u200d👩\u200d👧! وصل المبعوث 🏳\ufe0f\u200d🌈."},
		{"NUL bytes", "nul\x00inside. another\x00."},
	}
	for _, b := range bodies {
		t.Run(b.name, func(t *testing.T) {
			a, err := ParseArticle("dir/story.txt", "date 2025-01-14\ntitle: T\n"+b.text)
			require.NoError(t, err)
			assert.Equal(t, Article{ID: "story", Date: "2025-01-14", Title: "T", Text: b.text}, a)

			jr := NewJSONLArticleReader(strings.NewReader(bomStr + `{"id":"s","date":"2025-01-14","text":` + jsonString(b.text) + "}\r\n"))
			jr.File = "a.jsonl"
			got, errs := drainArticles(t, jr)
			assert.Empty(t, errs)
			assert.Equal(t, []Article{{ID: "s", Date: "2025-01-14", Text: b.text}}, got)

			cr := NewCSVArticleReader(strings.NewReader(bomStr + "id,date,text\r\ns,2025-01-14,\"" + b.text + "\"\r\n"))
			cr.File = "a.csv"
			got, errs = drainArticles(t, cr)
			assert.Empty(t, errs)
			assert.Equal(t, []Article{{ID: "s", Date: "2025-01-14", Text: b.text}}, got)
		})
	}
}
