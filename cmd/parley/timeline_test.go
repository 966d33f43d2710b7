package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const timelineArticles = "testdata/timeline/articles.jsonl"

func TestTimelineGolden(t *testing.T) {
	model := tinyModel(t)
	tests := []struct {
		golden string
		args   []string
	}{
		{"timeline/week-source.csv", []string{"-group", "source"}},
		{"timeline/month.csv", []string{"-by", "month"}},
		{"timeline/day.csv", []string{"-by", "day"}},
	}
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			args := append(append([]string{"timeline", "-model", model}, tt.args...), timelineArticles)
			code, out, errOut := parley(t, "", args...)
			require.Equal(t, exitOK, code, errOut)
			assert.Empty(t, errOut)
			golden(t, tt.golden, out)
		})
	}
}

// TestTimelineReadsScoredArticles checks that the output of score gives the
// same timeline as the articles it came from, from a file or standard
// input, and that the tone is the mean over sentences.
func TestTimelineReadsScoredArticles(t *testing.T) {
	model := tinyModel(t)
	code, scored, errOut := parley(t, "", "score", "-model", model, timelineArticles)
	require.Equal(t, exitOK, code, errOut)
	scoredFile := writeFile(t, t.TempDir(), "scored.jsonl", scored)

	code, fromRaw, errOut := parley(t, "", "timeline", "-model", model, "-group", "source", timelineArticles)
	require.Equal(t, exitOK, code, errOut)
	code, fromFile, errOut := parley(t, "", "timeline", "-group", "source", scoredFile)
	require.Equal(t, exitOK, code, errOut)
	code, fromStdin, errOut := parley(t, scored, "timeline", "-group", "source")
	require.Equal(t, exitOK, code, errOut)
	assert.Equal(t, fromRaw, fromFile)
	assert.Equal(t, fromRaw, fromStdin)

	// The tone of each row, recomputed from the scored sentences.
	type sums struct{ tone, n float64 }
	want := map[string]*sums{}
	for _, line := range strings.Split(strings.TrimSpace(scored), "\n") {
		var a struct {
			Date, Source string
			Sentences    []struct{ Probabilities map[string]float64 }
		}
		require.NoError(t, json.Unmarshal([]byte(line), &a))
		key := isoWeek(t, a.Date) + "/" + a.Source
		if want[key] == nil {
			want[key] = &sums{}
		}
		for _, s := range a.Sentences {
			want[key].tone += s.Probabilities["conciliatory"] - s.Probabilities["warning"]
			want[key].n++
		}
	}
	recs, err := csv.NewReader(strings.NewReader(fromFile)).ReadAll()
	require.NoError(t, err)
	assert.Equal(t, []string{"period", "group", "articles", "sentences", "tone", "share_conciliatory", "share_neutral", "share_warning"}, recs[0])
	require.Len(t, recs, 1+len(want))
	for _, r := range recs[1:] {
		s := want[r[0]+"/"+r[1]]
		require.NotNil(t, s, r)
		tone, err := strconv.ParseFloat(r[4], 64)
		require.NoError(t, err)
		assert.InDelta(t, s.tone/s.n, tone, 0.00005+1e-6*s.n, r)
		assert.Equal(t, strconv.Itoa(int(s.n)), r[3])
	}
}

func isoWeek(t *testing.T, date string) string {
	t.Helper()
	code, out, errOut := parley(t, `{"date":"`+date+`","text":"x"}`+"\n", "timeline", "-input", "jsonl")
	require.Equal(t, exitOK, code, errOut)
	return strings.SplitN(strings.Split(out, "\n")[1], ",", 2)[0]
}

func TestTimelinePeriods(t *testing.T) {
	model := tinyModel(t)
	articles := strings.Join([]string{
		`{"id":"mon","date":"2024-12-30","source":"A","text":"The envoy arrived on Monday."}`,
		`{"id":"sun","date":"2025-01-05","source":"A","text":"He vowed to retaliate. The talks resumed."}`,
		`{"id":"next","date":"2025-01-06","text":"The envoy arrived on Monday."}`,
		`{"id":"nodate1","source":"A","text":"The envoy arrived on Monday."}`,
		`{"id":"nodate2","text":"He vowed to retaliate."}`,
	}, "\n") + "\n"
	tests := []struct {
		args []string
		want []string // period,group,articles,sentences
	}{
		{[]string{"-by", "week"}, []string{"2025-W01,all,2,3", "2025-W02,all,1,1"}},
		{[]string{"-by", "week", "-group", "source"}, []string{"2025-W01,A,2,3", "2025-W02,(no source),1,1"}},
		{[]string{"-by", "month"}, []string{"2024-12,all,1,1", "2025-01,all,2,3"}},
		{[]string{"-by", "day"}, []string{"2024-12-30,all,1,1", "2025-01-05,all,1,2", "2025-01-06,all,1,1"}},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, out, errOut := parley(t, articles, append([]string{"timeline", "-model", model}, tt.args...)...)
			require.Equal(t, exitOK, code, errOut)
			assert.Equal(t, "parley timeline: 2 of 5 articles have no date and are not counted (nodate1, nodate2)\n", errOut)
			lines := strings.Split(strings.TrimSpace(out), "\n")[1:]
			var got []string
			for _, l := range lines {
				f := strings.Split(l, ",")
				got = append(got, strings.Join(f[:4], ","))
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestTimelineReadsEveryArticleFormat(t *testing.T) {
	model := tinyModel(t)
	dir := t.TempDir()
	writeFile(t, dir, "a.txt", "date 2025-01-14\nsource: Wire\nThe envoy arrived on Monday. He vowed to retaliate.\n")
	writeFile(t, dir, "b.csv", "id,date,source,text\nb1,2025-01-15,Wire,\"The talks resumed, officials said.\"\n")
	writeFile(t, dir, "c.jsonl", `{"id":"c1","date":"2025-01-16","source":"Wire","text":"He warned of sanctions."}`+"\n")
	code, out, errOut := parley(t, "", "timeline", "-model", model, "-group", "source", dir)
	require.Equal(t, exitOK, code, errOut)
	assert.Regexp(t, `\n2025-W03,Wire,3,4,`, out)

	// Plain text on standard input, sniffed.
	code, out, errOut = parley(t, "date 2025-01-14\nThe envoy arrived on Monday.\n", "timeline", "-model", model)
	require.Equal(t, exitOK, code, errOut)
	assert.Regexp(t, `\n2025-W03,all,1,1,`, out)
}

func TestTimelineWithoutToneLabels(t *testing.T) {
	dir := t.TempDir()
	model := filepath.Join(dir, "ab.model")
	corpus := writeFile(t, dir, "ab.tsv", "a\tthe cat sat on the mat\na\tthe cat ate\nb\tdogs bark loudly\nb\tthe dog ran\n")
	code, _, errOut := parley(t, "", "train", "-calibrate", "0", "-o", model, corpus)
	require.Equal(t, exitOK, code, errOut)
	code, out, errOut := parley(t, "date 2025-01-14\nThe cat sat. The dog ran.\n", "timeline", "-model", model)
	require.Equal(t, exitOK, code, errOut)
	assert.Equal(t, "period,group,articles,sentences,tone,share_a,share_b\n2025-W03,all,1,2,,0.5000,0.5000\n", out)
}

func TestTimelineErrors(t *testing.T) {
	dir := t.TempDir()
	badDate := writeFile(t, dir, "scored.jsonl", `{"id":"x","date":"2025-01-14","sentences":[],"summary":{}}`+"\n"+`{"id":"y","date":"14/01/2025","sentences":[],"summary":{}}`+"\n")
	badJSON := writeFile(t, dir, "bad.jsonl", `{"sentences":[],"summary":{}}`+"\n{oops\n")
	tests := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"-by", "year"}, exitUsage, `unknown period "year"`},
		{[]string{"-group", "title"}, exitUsage, `-group must be source, not "title"`},
		{[]string{"-chart", "x.gif"}, exitUsage, "the chart must be a .png or .svg file"},
		{[]string{"-input", "xml"}, exitUsage, `-input must be txt, jsonl or csv`},
		{[]string{badDate}, exitFailure, badDate + `:2: invalid date "14/01/2025"`},
		{[]string{badJSON}, exitFailure, badJSON + ":2: invalid JSON"},
		{[]string{filepath.Join(dir, "missing.jsonl")}, exitFailure, "no such file"},
		{[]string{"-chart", filepath.Join(dir, "c.png"), badDate[:len(badDate)-len("scored.jsonl")] + "none"}, exitFailure, "no such file"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, _, errOut := parley(t, "", append([]string{"timeline"}, tt.args...)...)
			assert.Equal(t, tt.code, code, errOut)
			assert.Contains(t, errOut, tt.msg)
		})
	}
}

func TestTimelineChart(t *testing.T) {
	model := tinyModel(t)
	dir := t.TempDir()
	pngPath := filepath.Join(dir, "tone.png")
	svgPath := filepath.Join(dir, "tone.svg")
	code, out, errOut := parley(t, "", "timeline", "-model", model, "-group", "source", "-chart", pngPath, timelineArticles)
	require.Equal(t, exitOK, code, errOut)
	assert.Contains(t, out, "2025-W02,Capital Wire,", "the CSV is written as well")

	f, err := os.Open(pngPath)
	require.NoError(t, err)
	img, err := png.Decode(f)
	f.Close()
	require.NoError(t, err)
	assert.Equal(t, image.Rect(0, 0, 1440, 936), img.Bounds())
	// The share bars use the label colours.
	for _, c := range []color.RGBA{{0x2c, 0xa0, 0x2c, 0xff}, {0xd6, 0x27, 0x28, 0xff}, {0xc7, 0xc7, 0xc7, 0xff}} {
		assert.True(t, hasColour(img, c), "colour %v in the chart", c)
	}

	code, _, errOut = parley(t, "", "timeline", "-model", model, "-by", "month", "-chart", svgPath, timelineArticles)
	require.Equal(t, exitOK, code, errOut)
	svg, err := os.ReadFile(svgPath)
	require.NoError(t, err)
	assert.Contains(t, string(svg), "<svg")
	assert.Contains(t, string(svg), "Tone by month")
	assert.Contains(t, string(svg), "Jan 2025")

	// Without a dated article there is nothing to chart: an error, and the
	// chart from before is left as it was, with no temporary file.
	code, _, errOut = parley(t, `{"text":"The envoy arrived."}`+"\n", "timeline", "-model", model, "-chart", svgPath)
	assert.Equal(t, exitFailure, code)
	assert.Contains(t, errOut, "no dated article")
	after, err := os.ReadFile(svgPath)
	require.NoError(t, err)
	assert.True(t, bytes.Equal(svg, after))
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Len(t, entries, 2)
}

func hasColour(img image.Image, want color.RGBA) bool {
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			if uint8(r>>8) == want.R && uint8(g>>8) == want.G && uint8(bl>>8) == want.B {
				return true
			}
		}
	}
	return false
}
