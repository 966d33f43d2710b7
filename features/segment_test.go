package features_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/parley-nlp/parley/data"
	"github.com/parley-nlp/parley/features"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/segment")

// checkSentences asserts the invariants every segmentation must keep: each
// sentence is text[Start:End], non-empty, trimmed of space, and the
// sentences are in order without overlap.
func checkSentences(t *testing.T, text string, sents []features.Sentence) {
	t.Helper()
	prev := 0
	for i, s := range sents {
		require.GreaterOrEqual(t, s.Start, prev, "sentence %d starts before the end of the previous one", i)
		require.Less(t, s.Start, s.End, "sentence %d is empty", i)
		require.LessOrEqual(t, s.End, len(text), "sentence %d ends past the text", i)
		require.Equal(t, text[s.Start:s.End], s.Text, "sentence %d: Text != text[Start:End]", i)
		assert.Equal(t, strings.TrimSpace(s.Text), s.Text, "sentence %d is not trimmed", i)
		prev = s.End
	}
}

func texts(sents []features.Sentence) []string {
	out := make([]string, len(sents))
	for i, s := range sents {
		out[i] = s.Text
	}
	return out
}

func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

func TestSegment(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"empty", "", nil},
		{"only space", " \n\t\r\n ", nil},
		{"one sentence without stop", "Talks resumed", []string{"Talks resumed"}},
		{"two sentences", "Talks resumed. Both sides attended.", []string{"Talks resumed.", "Both sides attended."}},
		{"surrounding space", "  \n Talks resumed.  \n", []string{"Talks resumed."}},

		// Titles and abbreviations.
		{"Mr. Dr.", "Mr. Khan arrived on Monday. Dr. Lee left on Tuesday.",
			[]string{"Mr. Khan arrived on Monday.", "Dr. Lee left on Tuesday."}},
		{"Gen. Sen.", "Gen. Ortiz met Sen. Price in Manila. They spoke for an hour.",
			[]string{"Gen. Ortiz met Sen. Price in Manila.", "They spoke for an hour."}},
		{"Lt. Col.", "The unit was led by Lt. Col. Anna Berg. She declined to comment.",
			[]string{"The unit was led by Lt. Col. Anna Berg.", "She declined to comment."}},
		{"Mrs. Ms. Prof. Gov. Rep.", "Mrs. Dale, Ms. Ito, Prof. Haas, Gov. Cruz and Rep. Moody signed. The letter was sent.",
			[]string{"Mrs. Dale, Ms. Ito, Prof. Haas, Gov. Cruz and Rep. Moody signed.", "The letter was sent."}},
		{"U.S. before a name", "The U.S. Embassy in Kabul was closed. Staff were evacuated.",
			[]string{"The U.S. Embassy in Kabul was closed.", "Staff were evacuated."}},
		{"U.N. before a name", "The U.N. Security Council met on Friday. No vote was held.",
			[]string{"The U.N. Security Council met on Friday.", "No vote was held."}},
		{"U.S. ends a sentence", "The envoy flew back to the U.S. The talks will resume in May.",
			[]string{"The envoy flew back to the U.S.", "The talks will resume in May."}},
		{"U.N. ends a sentence before He", "The plan was sent to the U.N. He expects an answer soon.",
			[]string{"The plan was sent to the U.N.", "He expects an answer soon."}},
		{"U.S. before a lowercase word", "The U.S. and its allies agreed.", []string{"The U.S. and its allies agreed."}},
		{"p.m. then opener", "The vote closed at 8 p.m. The count began at once.",
			[]string{"The vote closed at 8 p.m.", "The count began at once."}},
		{"a.m. mid sentence", "Polls open at 7 a.m. on Sunday.", []string{"Polls open at 7 a.m. on Sunday."}},
		{"Inc. before a verb", "Acme Inc. said profit fell. Shares dropped.",
			[]string{"Acme Inc. said profit fell.", "Shares dropped."}},
		{"Corp. ends a sentence", "The stake was sold to Delta Corp. The price was not disclosed.",
			[]string{"The stake was sold to Delta Corp.", "The price was not disclosed."}},
		{"Jan. 5", "The deadline is Jan. 5 for all parties. Few expect it to hold.",
			[]string{"The deadline is Jan. 5 for all parties.", "Few expect it to hold."}},
		{"Sept. 30", "Voting ends on Sept. 30 across the country.", []string{"Voting ends on Sept. 30 across the country."}},
		{"No. 2", "He is the No. 2 official in the ministry.", []string{"He is the No. 2 official in the ministry."}},
		{"month abbreviation ends a sentence", "The talks were held in Jan. The results came later.",
			[]string{"The talks were held in Jan.", "The results came later."}},

		// Initials.
		{"George W. Bush", "George W. Bush visited Baghdad. He stayed one day.",
			[]string{"George W. Bush visited Baghdad.", "He stayed one day."}},
		{"two initials", "The report by J. R. Hartley was published. It ran to 400 pages.",
			[]string{"The report by J. R. Hartley was published.", "It ran to 400 pages."}},

		// Numbers and money.
		{"percent sign", "Growth slowed to 3.5% in May. Exports fell.",
			[]string{"Growth slowed to 3.5% in May.", "Exports fell."}},
		{"money", "The fund has $1.2bn in assets. It was set up in 2010.",
			[]string{"The fund has $1.2bn in assets.", "It was set up in 2010."}},
		{"percent word", "Inflation reached 2.7 percent. Prices of bread rose.",
			[]string{"Inflation reached 2.7 percent.", "Prices of bread rose."}},
		{"decimal ends a sentence", "The strongest aftershock measured 6.7. Experts expect more.",
			[]string{"The strongest aftershock measured 6.7.", "Experts expect more."}},
		{"money ends a sentence", "The bill came to $1.2bn. The treasury will pay.",
			[]string{"The bill came to $1.2bn.", "The treasury will pay."}},
		{"integer ends a sentence", "The death toll rose to 35. Rescuers kept digging.",
			[]string{"The death toll rose to 35.", "Rescuers kept digging."}},
		{"thousands", "About 1,200 people fled. Many went north.",
			[]string{"About 1,200 people fled.", "Many went north."}},

		// Quotes and brackets after the full stop.
		{"closing quote", `He said: "We will not give up." The crowd cheered.`,
			[]string{`He said: "We will not give up."`, "The crowd cheered."}},
		{"curly closing quote", "She said: “The border is closed.” Trucks turned back.",
			[]string{"She said: “The border is closed.”", "Trucks turned back."}},
		{"single quotes", "He called it 'a disgrace.' Others agreed.",
			[]string{"He called it 'a disgrace.'", "Others agreed."}},
		{"bracketed sentence", "Both sides claimed victory. (Neither gave figures.) The fighting stopped.",
			[]string{"Both sides claimed victory.", "(Neither gave figures.)", "The fighting stopped."}},
		{"stop inside bracket", "The deal (signed in Doha.) collapsed. Talks resumed.",
			[]string{"The deal (signed in Doha.) collapsed.", "Talks resumed."}},
		{"next sentence opens with a quote", `Talks failed. "We tried," he said.`,
			[]string{"Talks failed.", `"We tried," he said.`}},
		{"next sentence opens with a curly quote", "Talks failed. “We tried,” he said.",
			[]string{"Talks failed.", "“We tried,” he said."}},
		{"quote opens a lowercase continuation", `He said. "the end" came.`, []string{`He said. "the end" came.`}},

		// Question and exclamation marks.
		{"? in quotes then lowercase", `"Why now?" he asked. "Because we must," she said.`,
			[]string{`"Why now?" he asked.`, `"Because we must," she said.`}},
		{"! in quotes then lowercase", `"Enough!" shouted the minister. Nobody answered.`,
			[]string{`"Enough!" shouted the minister.`, "Nobody answered."}},
		{"curly ? then lowercase", "“Who fired first?” asked the judge.", []string{"“Who fired first?” asked the judge."}},
		{"? then capital", "Will the truce hold? Few think so.", []string{"Will the truce hold?", "Few think so."}},
		{"?! run", "They agreed?! Nobody believed it.", []string{"They agreed?!", "Nobody believed it."}},

		// Ellipses.
		{"ellipsis then capital", "He paused... Then he walked out.", []string{"He paused...", "Then he walked out."}},
		{"ellipsis then lowercase", "He paused... and then went on.", []string{"He paused... and then went on."}},
		{"unicode ellipsis", "The line went dead… Nobody called back.", []string{"The line went dead…", "Nobody called back."}},
		{"unicode ellipsis then lowercase", "The line went dead… for an hour.", []string{"The line went dead… for an hour."}},

		// Paragraphs, wrapped lines and line endings.
		{"paragraph break without stop", "Talks resumed\n\nBoth sides attended.",
			[]string{"Talks resumed", "Both sides attended."}},
		{"paragraph break with spaces", "Talks resumed\n  \t\nBoth sides attended.",
			[]string{"Talks resumed", "Both sides attended."}},
		{"paragraph break after title", "He met Gen.\n\nOrtiz later.", []string{"He met Gen.", "Ortiz later."}},
		{"hard-wrapped lines", "The talks, which began in\nMarch, collapsed on Friday. Both\nsides blamed each other.",
			[]string{"The talks, which began in\nMarch, collapsed on Friday.", "Both\nsides blamed each other."}},
		{"wrap after title", "The unit was led by Gen.\nOrtiz until May.", []string{"The unit was led by Gen.\nOrtiz until May."}},
		{"wrap after title with trailing space", "The unit was led by Gen. \nOrtiz until May.", []string{"The unit was led by Gen. \nOrtiz until May."}},
		{"CRLF", "Talks resumed.\r\nBoth sides attended.\r\n", []string{"Talks resumed.", "Both sides attended."}},
		{"CRLF wrap after title", "The unit was led by Gen.\r\nOrtiz until May.", []string{"The unit was led by Gen.\r\nOrtiz until May."}},
		{"CRLF paragraph", "Talks resumed\r\n\r\nBoth sides attended.", []string{"Talks resumed", "Both sides attended."}},
		{"CRLF paragraph after title", "He met Gen.\r\n\r\nOrtiz later.", []string{"He met Gen.", "Ortiz later."}},
		{"lowercase after stop", "Mr. and Mrs. Khan left. they did not return.", []string{"Mr. and Mrs. Khan left. they did not return."}},
		{"byte order mark", "\ufeffTalks resumed. Both sides attended.", []string{"Talks resumed.", "Both sides attended."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := segmentChecked(t, tt.text)
			assert.Equal(t, tt.want, nilIfEmpty(texts(got)))
		})
	}
}

func nilIfEmpty(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return s
}

func TestSegmentDateline(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"colon", "ISLAMABAD: Pakistan said it was ready for talks. The army agreed.",
			[]string{"Pakistan said it was ready for talks.", "The army agreed."}},
		{"agency and dash", "TEHRAN (Reuters) - Iran said on Sunday it would resume talks. Diplomats were cautious.",
			[]string{"Iran said on Sunday it would resume talks.", "Diplomats were cautious."}},
		{"country and double dash", "KABUL, Afghanistan -- The Taliban said they had freed two hostages.",
			[]string{"The Taliban said they had freed two hostages."}},
		{"em dash", "BEIJING — China protested on Monday. Japan rejected the protest.",
			[]string{"China protested on Monday.", "Japan rejected the protest."}},
		{"en dash", "SEOUL – North Korea fired two missiles.", []string{"North Korea fired two missiles."}},
		{"two-word place", "UNITED NATIONS: The Security Council met in closed session.",
			[]string{"The Security Council met in closed session."}},
		{"country, agency and dash", "NAIROBI, Kenya (AFP) -- Kenya will send 1,000 police officers to Haiti.",
			[]string{"Kenya will send 1,000 police officers to Haiti."}},
		{"date and agency", "WASHINGTON, March 4 (Reuters) - The Senate passed the bill.",
			[]string{"The Senate passed the bill."}},
		{"abbreviated date", "GENEVA, Jan. 5 (AP) - Talks opened.", []string{"Talks opened."}},
		{"agency without dash", "MOSCOW (Reuters) Russia said it would respond.", []string{"Russia said it would respond."}},
		{"dotted place", "ST. PETERSBURG, Russia: The summit opened.", []string{"The summit opened."}},
		{"leading space", "  \n DAMASCUS: Shelling resumed.", []string{"Shelling resumed."}},
		{"first sentence only", "ISLAMABAD: Pakistan closed the border. KARACHI: Traders protested.",
			[]string{"Pakistan closed the border.", "KARACHI: Traders protested."}},
		{"first sentence only across paragraphs", "ISLAMABAD: Pakistan closed the border.\n\nLAHORE: Traders protested.",
			[]string{"Pakistan closed the border.", "LAHORE: Traders protested."}},

		// Ordinary openings are left alone.
		{"U.S. officials", "U.S. officials said the talks would resume.", []string{"U.S. officials said the talks would resume."}},
		{"A man was", "A man was killed in the blast.", []string{"A man was killed in the blast."}},
		{"acronym subject", "NATO said on Monday it would send more troops.", []string{"NATO said on Monday it would send more troops."}},
		{"acronym with an expansion", "AIDS (acquired immune deficiency syndrome) remains a leading killer.",
			[]string{"AIDS (acquired immune deficiency syndrome) remains a leading killer."}},
		{"single capital", "I - for one - disagree.", []string{"I - for one - disagree."}},
		{"hyphenated acronym", "COVID-19 cases rose again.", []string{"COVID-19 cases rose again."}},
		{"quoted opening", `"We are ready," the minister said.`, []string{`"We are ready," the minister said.`}},
		{"title opening", "Mr. Khan said he was ready.", []string{"Mr. Khan said he was ready."}},
		{"place in a sentence", "In KABUL: police said.", []string{"In KABUL: police said."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := segmentChecked(t, tt.text)
			assert.Equal(t, tt.want, texts(got))
		})
	}
}

func TestSentenceJSON(t *testing.T) {
	text := "KABUL: Talks resumed."
	sents := segmentChecked(t, text)
	b, err := json.Marshal(sents)
	require.NoError(t, err)
	assert.JSONEq(t, `[{"text":"Talks resumed.","start":7,"end":21}]`, string(b))
}

func TestDatelineLen(t *testing.T) {
	tests := []struct {
		text     string
		dateline string // the prefix DatelineLen should measure
	}{
		{"ISLAMABAD: Pakistan said", "ISLAMABAD: "},
		{"TEHRAN (Reuters) - Iran said", "TEHRAN (Reuters) - "},
		{"KABUL, Afghanistan -- The Taliban", "KABUL, Afghanistan -- "},
		{"BEIJING — China", "BEIJING — "},
		{"UNITED NATIONS: The council", "UNITED NATIONS: "},
		{"NAIROBI, Kenya (AFP) -- Kenya", "NAIROBI, Kenya (AFP) -- "},
		{"ABIDJAN, Ivory Coast (Reuters) - Rebels", "ABIDJAN, Ivory Coast (Reuters) - "},
		{"WASHINGTON, March 4 (Reuters) - The", "WASHINGTON, March 4 (Reuters) - "},
		{"N'DJAMENA: Chad", "N'DJAMENA: "},
		{"PORT-AU-PRINCE, Haiti - Gangs", "PORT-AU-PRINCE, Haiti - "},
		{"DHAKA:\tThe", "DHAKA:\t"},
		{"GAZA: “We", "GAZA: "},
		{"U.S. officials said", ""},
		{"A man was", ""},
		{"A - man", ""},
		{"Q: What did the envoy say?", ""},
		{"A (1) The first point", ""},
		{"NATO said", ""},
		{"The U.S. and China: a timeline", ""},
		{"AIDS (acquired immune deficiency syndrome) remains", ""},
		{"KABUL: police said", ""},
		{"KABUL:", ""},
		{"KABUL:Pakistan", ""},
		{"ISLAMABAD:\nPakistan", ""},
		{"Islamabad: Pakistan", ""},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			n := features.DatelineLen(tt.text)
			assert.Equal(t, tt.dateline, tt.text[:n])
		})
	}
}

func TestScanSentences(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"empty", "", nil},
		{"space", " \n\n\t ", nil},
		{"sentences", "Talks resumed. Both sides attended.\n\nThe talks ended", []string{"Talks resumed.", "Both sides attended.", "The talks ended"}},
		{"no dateline removal", "ISLAMABAD: Pakistan said. The army agreed.", []string{"ISLAMABAD: Pakistan said.", "The army agreed."}},
		{"abbreviations", "The U.S. Army base was hit. Mr. Khan left the U.S. The army stayed.",
			[]string{"The U.S. Army base was hit.", "Mr. Khan left the U.S.", "The army stayed."}},
		{"quotes", `"Why now?" he asked. “It ended.” They left.`, []string{`"Why now?" he asked.`, "“It ended.”", "They left."}},
		{"lowercase after curly quote", "He said. “the end” came. Then", []string{"He said. “the end” came.", "Then"}},
		{"CRLF wrap", "He met Gen.\r\nOrtiz. Then\r\n\r\nhe left.", []string{"He met Gen.\r\nOrtiz.", "Then", "he left."}},
	}
	readers := []struct {
		name string
		wrap func(io.Reader) io.Reader
	}{
		{"whole", func(r io.Reader) io.Reader { return r }},
		{"one byte", iotest.OneByteReader},
		{"half", iotest.HalfReader},
		{"data err", iotest.DataErrReader},
	}
	for _, tt := range tests {
		for _, rd := range readers {
			t.Run(tt.name+"/"+rd.name, func(t *testing.T) {
				got, err := scanAll(rd.wrap(strings.NewReader(tt.text)), 0)
				require.NoError(t, err)
				assert.Equal(t, tt.want, got)
			})
		}
	}
}

// scanAll splits r with ScanSentences. A positive max sets the Scanner's
// buffer: a small first buffer of 16 bytes growing up to max.
func scanAll(r io.Reader, max int) ([]string, error) {
	sc := bufio.NewScanner(r)
	sc.Split(features.ScanSentences)
	if max > 0 {
		sc.Buffer(make([]byte, 0, 16), max)
	}
	var out []string
	for sc.Scan() {
		out = append(out, sc.Text())
	}
	return out, sc.Err()
}

func TestScanSentencesSplitFunc(t *testing.T) {
	tests := []struct {
		name    string
		data    string
		atEOF   bool
		advance int
		token   string
		isNil   bool
	}{
		{"empty at EOF", "", true, 0, "", true},
		{"empty, more to come", "", false, 0, "", true},
		{"space at EOF", "  \n", true, 3, "", true},
		{"space, more to come", "  \n", false, 3, "", true},
		{"sentence at EOF", "Talks resumed", true, 13, "Talks resumed", false},
		{"undecided: stop at the end", "Talks resumed.", false, 0, "", true},
		{"undecided: space at the end", "Talks resumed. ", false, 0, "", true},
		{"undecided: next word cut", "He left the U.S. A", false, 0, "", true},
		{"undecided: after leading space", "  Talks resumed.", false, 2, "", true},
		{"decided", "Talks resumed. Both ", false, 15, "Talks resumed.", false},
		{"decided by a paragraph", "Talks resumed\n\nBoth", false, 15, "Talks resumed", false},
		{"decided after a title", "Gen. Ortiz left. The ", false, 17, "Gen. Ortiz left.", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			advance, token, err := features.ScanSentences([]byte(tt.data), tt.atEOF)
			require.NoError(t, err)
			assert.Equal(t, tt.advance, advance)
			if tt.isNil {
				assert.Nil(t, token)
			} else {
				assert.Equal(t, tt.token, string(token))
			}
		})
	}
}

func TestScanSentencesTooLong(t *testing.T) {
	long := strings.Repeat("word ", 40) + "end."
	_, err := scanAll(strings.NewReader(long+" Next."), 64)
	assert.ErrorIs(t, err, bufio.ErrTooLong)
	got, err := scanAll(strings.NewReader(long+" Next."), 1024)
	require.NoError(t, err)
	assert.Equal(t, []string{long, "Next."}, got)
}

// segmentInputs returns the golden inputs and article bodies, for tests
// that compare Segment with ScanSentences.
func segmentInputs(t *testing.T) map[string]string {
	t.Helper()
	inputs := map[string]string{}
	golden, err := filepath.Glob(filepath.Join("testdata", "segment", "*.txt"))
	require.NoError(t, err)
	for _, p := range golden {
		b, err := os.ReadFile(p)
		require.NoError(t, err)
		inputs[p] = string(b)
	}
	for _, a := range articles(t) {
		inputs[a.path] = a.body
	}
	return inputs
}

// TestScanSentencesMatchesSegment checks that streaming gives the sentences
// Segment gives, however the input arrives.
func TestScanSentencesMatchesSegment(t *testing.T) {
	for name, text := range segmentInputs(t) {
		t.Run(filepath.Base(name), func(t *testing.T) {
			sents := segmentChecked(t, text)
			require.NotEmpty(t, sents)
			rest := text[sents[0].Start:] // no dateline
			want := texts(sents)
			for _, chunk := range []int{1, 7, 64, len(rest)} {
				r := iotest.OneByteReader(strings.NewReader(rest))
				if chunk > 1 {
					r = &chunkReader{s: rest, n: chunk}
				}
				got, err := scanAll(r, 1<<20)
				require.NoError(t, err)
				assert.Equal(t, want, got, "chunk %d", chunk)
			}
		})
	}
}

// chunkReader returns s n bytes at a time.
type chunkReader struct {
	s string
	n int
}

func (r *chunkReader) Read(p []byte) (int, error) {
	if r.s == "" {
		return 0, io.EOF
	}
	n := copy(p[:min(len(p), r.n)], r.s)
	r.s = r.s[n:]
	return n, nil
}

// formatGolden renders sentences as "start end text" lines, with the
// whitespace of the text collapsed.
func formatGolden(sents []features.Sentence) []byte {
	var b bytes.Buffer
	for _, s := range sents {
		fmt.Fprintf(&b, "%d %d %s\n", s.Start, s.End, collapse(s.Text))
	}
	return b.Bytes()
}

func TestSegmentGolden(t *testing.T) {
	inputs, err := filepath.Glob(filepath.Join("testdata", "segment", "*.txt"))
	require.NoError(t, err)
	require.NotEmpty(t, inputs)
	for _, in := range inputs {
		t.Run(filepath.Base(in), func(t *testing.T) {
			text, err := os.ReadFile(in)
			require.NoError(t, err)
			sents := segmentChecked(t, string(text))
			got := formatGolden(sents)
			golden := strings.TrimSuffix(in, ".txt") + ".golden"
			if *update {
				require.NoError(t, os.WriteFile(golden, got, 0o644))
				return
			}
			want, err := os.ReadFile(golden)
			require.NoError(t, err, "run go test ./features -run TestSegmentGolden -update to create it")
			assert.Equal(t, string(want), string(got))
		})
	}
}

type article struct {
	path string
	body string
	want []string // nil when there is no .tsv
}

// articles reads the sample articles in ../data/articles: the body of each
// .txt (header stripped as data.ParseArticle does) and the sentences of the
// matching .tsv.
func articles(t *testing.T) []article {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("..", "data", "articles", "*.txt"))
	require.NoError(t, err)
	var out []article
	for _, p := range paths {
		b, err := os.ReadFile(p)
		require.NoError(t, err)
		a, err := data.ParseArticle(p, string(b))
		require.NoError(t, err, p)
		art := article{path: p, body: a.Text}
		f, err := os.Open(strings.TrimSuffix(p, ".txt") + ".tsv")
		if err == nil {
			r := data.NewTSVReader(f)
			r.File = f.Name()
			for {
				e, err := r.Read()
				if err == io.EOF {
					break
				}
				require.NoError(t, err)
				art.want = append(art.want, collapse(e.Text))
			}
			f.Close()
		}
		out = append(out, art)
	}
	return out
}

// TestSegmentArticles checks Segment against the hand-split sentences of
// the sample articles.
func TestSegmentArticles(t *testing.T) {
	arts := articles(t)
	if len(arts) == 0 {
		t.Skip("no articles in ../data/articles")
	}
	for _, a := range arts {
		t.Run(filepath.Base(a.path), func(t *testing.T) {
			if a.want == nil {
				t.Skip("no .tsv next to the article")
			}
			sents := segmentChecked(t, a.body)
			got := make([]string, len(sents))
			for i, s := range sents {
				got[i] = collapse(s.Text)
			}
			assert.Equal(t, a.want, got)
		})
	}
}

// TestSegmentWhitespaceInvariance checks that hard wrapping and CRLF line
// ends do not change where sentences break.
func TestSegmentWhitespaceInvariance(t *testing.T) {
	for name, text := range segmentInputs(t) {
		t.Run(filepath.Base(name), func(t *testing.T) {
			want := collapsed(segmentChecked(t, text))
			crlf := strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\n", "\r\n")
			assert.Equal(t, want, collapsed(segmentChecked(t, crlf)), "CRLF")
			// Re-wrap every paragraph at 40 columns, keeping the dateline
			// (which must stay on one line) whole.
			var b strings.Builder
			for i, para := range splitParagraphs(text) {
				if i > 0 {
					b.WriteString("\n\n")
				}
				n := 0
				if i == 0 {
					para = strings.TrimLeftFunc(para, unicode.IsSpace)
					n = features.DatelineLen(para)
				}
				b.WriteString(para[:n])
				b.WriteString(wrap(para[n:], 40))
			}
			assert.Equal(t, want, collapsed(segmentChecked(t, b.String())), "wrapped")
		})
	}
}

// segmentChecked segments text and checks the invariants of the result.
func segmentChecked(t *testing.T, text string) []features.Sentence {
	t.Helper()
	sents := features.Segment(text)
	checkSentences(t, text, sents)
	return sents
}

func collapsed(sents []features.Sentence) []string {
	out := make([]string, len(sents))
	for i, s := range sents {
		out[i] = collapse(s.Text)
	}
	return out
}

func splitParagraphs(text string) []string {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	var out []string
	for _, p := range strings.Split(text, "\n\n") {
		if strings.TrimSpace(p) != "" {
			out = append(out, p)
		}
	}
	return out
}

func wrap(para string, width int) string {
	var b strings.Builder
	col := 0
	for _, w := range strings.FieldsFunc(para, unicode.IsSpace) {
		if col > 0 && col+1+len(w) > width {
			b.WriteByte('\n')
			col = 0
		} else if col > 0 {
			b.WriteByte(' ')
			col++
		}
		b.WriteString(w)
		col += len(w)
	}
	return b.String()
}
