package timeline

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func date(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestPeriodOf(t *testing.T) {
	tests := []struct {
		date  string
		unit  Unit
		name  string
		start string
		end   string
	}{
		{"2025-01-14", Day, "2025-01-14", "2025-01-14", "2025-01-15"},
		{"2024-02-29", Day, "2024-02-29", "2024-02-29", "2024-03-01"},
		{"2025-01-14", Week, "2025-W03", "2025-01-13", "2025-01-20"}, // a Tuesday
		{"2025-01-13", Week, "2025-W03", "2025-01-13", "2025-01-20"}, // the Monday itself
		{"2025-01-19", Week, "2025-W03", "2025-01-13", "2025-01-20"}, // Sunday ends the ISO week
		{"2024-12-30", Week, "2025-W01", "2024-12-30", "2025-01-06"}, // ISO year 2025 starts in December
		{"2021-01-03", Week, "2020-W53", "2020-12-28", "2021-01-04"}, // a 53rd week
		{"2025-01-31", Month, "2025-01", "2025-01-01", "2025-02-01"},
		{"2024-12-05", Month, "2024-12", "2024-12-01", "2025-01-01"},
	}
	for _, tt := range tests {
		t.Run(tt.date+"/"+tt.unit.String(), func(t *testing.T) {
			p := PeriodOf(date(tt.date), tt.unit)
			assert.Equal(t, tt.name, p.String())
			assert.Equal(t, date(tt.start), p.Start)
			assert.Equal(t, date(tt.end), p.End())
		})
	}
}

func TestPeriodOfUsesTheCalendarDayOfItsLocation(t *testing.T) {
	// 23:30 on a Sunday in New York is Monday in UTC; the day is Sunday.
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip("no time zone database")
	}
	p := PeriodOf(time.Date(2025, 1, 19, 23, 30, 0, 0, ny), Week)
	assert.Equal(t, "2025-W03", p.String())
}

func TestParseUnit(t *testing.T) {
	for _, u := range []Unit{Day, Week, Month} {
		got, err := ParseUnit(u.String())
		require.NoError(t, err)
		assert.Equal(t, u, got)
	}
	_, err := ParseUnit("year")
	assert.ErrorContains(t, err, `unknown period "year"`)
}

func TestTimelineAddsUpByPeriodAndGroup(t *testing.T) {
	tl := New(Week)
	tl.AddLabels("conciliatory", "neutral", "warning")
	c := Sentence{Label: "conciliatory", Tone: 0.8, HasTone: true}
	w := Sentence{Label: "warning", Tone: -0.6, HasTone: true}
	n := Sentence{Label: "neutral", Tone: 0, HasTone: true}
	tl.Add(date("2025-01-14"), "b", []Sentence{c, w, n})
	tl.Add(date("2025-01-16"), "b", []Sentence{c})                    // same week, same group
	tl.Add(date("2025-01-15"), "a", []Sentence{w, w})                 // same week, other group
	tl.Add(date("2025-01-06"), "b", []Sentence{n})                    // the week before
	tl.Add(date("2025-01-07"), "b", nil)                              // an article without sentences
	tl.Add(date("2025-01-20"), "a", []Sentence{{Label: "uncertain"}}) // no tone

	rows := tl.Rows()
	require.Len(t, rows, 4)
	got := make([]string, len(rows))
	for i, r := range rows {
		got[i] = r.Period.String() + "/" + r.Group
	}
	assert.Equal(t, []string{"2025-W02/b", "2025-W03/a", "2025-W03/b", "2025-W04/a"}, got)

	w2 := rows[0]
	assert.Equal(t, 2, w2.Articles)
	assert.Equal(t, 1, w2.Sentences)

	b := rows[2]
	assert.Equal(t, 2, b.Articles)
	assert.Equal(t, 4, b.Sentences)
	tone, ok := b.Tone()
	require.True(t, ok)
	assert.InDelta(t, (0.8-0.6+0+0.8)/4, tone, 1e-12, "the mean over sentences, not over articles")
	assert.InDelta(t, 0.5, b.Share("conciliatory"), 1e-12)
	assert.InDelta(t, 0.25, b.Share("warning"), 1e-12)
	assert.Zero(t, b.Share("uncertain"))

	_, ok = rows[3].Tone()
	assert.False(t, ok, "no sentence with a tone")
	assert.Equal(t, 1.0, rows[3].Share("uncertain"))

	assert.Equal(t, []string{"conciliatory", "neutral", "uncertain", "warning"}, tl.Labels())
	assert.Equal(t, []string{"a", "b"}, tl.Groups())

	merged := tl.Merge("all")
	require.Len(t, merged, 3)
	w3 := merged[1]
	assert.Equal(t, "2025-W03", w3.Period.String())
	assert.Equal(t, "all", w3.Group)
	assert.Equal(t, 3, w3.Articles)
	assert.Equal(t, 6, w3.Sentences)
	tone, _ = w3.Tone()
	assert.InDelta(t, (0.8-0.6+0+0.8-0.6-0.6)/6, tone, 1e-12)
	assert.InDelta(t, 0.5, w3.Share("warning"), 1e-12)
}

func TestEmptyRowShares(t *testing.T) {
	var r Row
	assert.Zero(t, r.Share("warning"))
	_, ok := r.Tone()
	assert.False(t, ok)
}
