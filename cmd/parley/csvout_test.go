package main

import (
	"encoding/csv"
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var csvHeader = []string{"id", "date", "title", "source", "sentence", "start", "end", "label", "confidence",
	"p_conciliatory", "p_neutral", "p_warning", "text"}

func readCSV(t *testing.T, s string) [][]string {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(s)).ReadAll()
	require.NoError(t, err)
	return recs
}

func TestScoreCSVGolden(t *testing.T) {
	model := tinyModel(t)
	code, out, errOut := parley(t, "", "score", "-model", model, "-format", "csv", "../../data/articles/01-pakistan-afghanistan-border.txt")
	require.Equal(t, exitOK, code, errOut)
	golden(t, "score/01.csv", out)
}

// TestScoreCSVMatchesJSONL checks every cell against the JSON output of
// the same run, and that quoting keeps commas, quotes and line breaks.
func TestScoreCSVMatchesJSONL(t *testing.T) {
	articles := `{"id":"a,1","date":"2025-01-14","title":"He said \"no\", twice","source":"Wire","text":"The minister said, \"We are ready for talks.\" The army warned it would\nrespond with force."}
{"id":"b","text":"The envoy arrived on Monday."}
`
	code, out, errOut := parley(t, articles, "score", "-format", "csv", "-input", "jsonl")
	require.Equal(t, exitOK, code, errOut)
	recs := readCSV(t, out)
	assert.Equal(t, csvHeader, recs[0])

	code, jsonOut, errOut := parley(t, articles, "score", "-input", "jsonl")
	require.Equal(t, exitOK, code, errOut)
	var want [][]string
	for _, line := range strings.Split(strings.TrimSpace(jsonOut), "\n") {
		var a struct {
			ID, Date, Title, Source string
			Sentences               []struct {
				Text          string
				Start, End    int
				Label         string
				Confidence    float64
				Probabilities map[string]float64
			}
		}
		require.NoError(t, json.Unmarshal([]byte(line), &a))
		for i, s := range a.Sentences {
			want = append(want, []string{a.ID, a.Date, a.Title, a.Source, strconv.Itoa(i + 1),
				strconv.Itoa(s.Start), strconv.Itoa(s.End), s.Label, fmtFloat(s.Confidence),
				fmtFloat(s.Probabilities["conciliatory"]), fmtFloat(s.Probabilities["neutral"]), fmtFloat(s.Probabilities["warning"]),
				s.Text})
		}
	}
	require.Len(t, want, 3)
	assert.Equal(t, want, recs[1:])
	assert.Equal(t, "a,1", recs[1][0])
	assert.Equal(t, `He said "no", twice`, recs[1][2])
	assert.Equal(t, `The minister said, "We are ready for talks."`, recs[1][12])
	assert.Equal(t, "The army warned it would\nrespond with force.", recs[2][12], "the sentence as written")

	for _, r := range recs[1:] {
		var sum float64
		for _, f := range r[9:12] {
			p, err := strconv.ParseFloat(f, 64)
			require.NoError(t, err)
			sum += p
		}
		assert.InDelta(t, 1, sum, 1e-5)
	}
}

func fmtFloat(f float64) string { return strconv.FormatFloat(math.Round(f*1e6)/1e6, 'f', -1, 64) }

func TestScoreCSVEmptyInputIsAHeader(t *testing.T) {
	code, out, errOut := parley(t, "", "score", "-format", "csv", "-input", "jsonl")
	require.Equal(t, exitOK, code, errOut)
	assert.Equal(t, [][]string{csvHeader}, readCSV(t, out))
}
