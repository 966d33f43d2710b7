package data_test

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/parley-nlp/parley/data"
)

func TestStyleBalance(t *testing.T) {
	ex := []data.Example{
		{Label: "warning", Text: "The minister has warned that the border will close."},
		{Label: "warning", Text: "Rebels vowed to fight on."},
		{Label: "neutral", Text: "Turnout has reached 61 percent, which is the highest since 1990."},
		{Label: "neutral", Text: "It HAS rained for 3 days."},
	}
	got := map[string]data.StyleShare{}
	for _, s := range data.StyleBalance(ex) {
		got[s.Marker] = s
	}
	tests := []struct {
		marker           string
		warning, neutral float64
		skew             float64
	}{
		// 1 of 2 warning, 2 of 2 neutral: (1+1)/4 against (2+1)/4.
		{"has", 0.5, 1, 1.5},
		// Numbers: 0 of 2 against 2 of 2, smoothed 1/4 and 3/4.
		{data.NumberMarker, 0, 1, 3},
		{"since", 0, 0.5, 2},
		{"it", 0, 0.5, 2},
		// Unused: shares 0, skew 1.
		{"because", 0, 0, 1},
	}
	for _, tc := range tests {
		t.Run(tc.marker, func(t *testing.T) {
			s, ok := got[tc.marker]
			require.True(t, ok, "marker %q missing", tc.marker)
			assert.InDelta(t, tc.warning, s.Share["warning"], 1e-12)
			assert.InDelta(t, tc.neutral, s.Share["neutral"], 1e-12)
			assert.InDelta(t, tc.skew, s.Skew, 1e-12)
		})
	}
	all := data.StyleBalance(ex)
	assert.Len(t, all, len(data.StyleMarkers)+1, "every marker and the number marker")
	for i := 1; i < len(all); i++ {
		assert.GreaterOrEqual(t, all[i-1].Skew, all[i].Skew, "sorted by skew")
	}
	// A marker counts once per sentence, and "it's" is not "it".
	one := data.StyleBalance([]data.Example{
		{Label: "a", Text: "It said it would, and it's done."},
		{Label: "b", Text: "Nothing here."},
	})
	for _, s := range one {
		if s.Marker == "it" {
			assert.Equal(t, 1.0, s.Share["a"])
			assert.InDelta(t, 2.0/3/(1.0/3), s.Skew, 1e-12)
		}
		assert.False(t, math.IsNaN(s.Skew))
	}
	assert.Nil(t, data.StyleBalance([]data.Example{{Label: "a", Text: "has"}}), "one label: nothing to compare")
	assert.Nil(t, data.StyleBalance(nil))
}
