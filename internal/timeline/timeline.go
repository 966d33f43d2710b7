// Package timeline sums scored sentences up by period (day, ISO week or
// month) and group, for the tone of news over time.
//
// The tone of a period is the mean over its sentences of
// P(conciliatory) - P(warning), as in an article's summary, so that long
// articles weigh more than short ones.
package timeline

import (
	"fmt"
	"sort"
	"time"
)

// Unit is the length of a period.
type Unit int

// The units of a timeline.
const (
	Day  Unit = iota
	Week      // ISO 8601 week: Monday to Sunday, numbered within its ISO year
	Month
)

// ParseUnit returns the unit named "day", "week" or "month".
func ParseUnit(s string) (Unit, error) {
	switch s {
	case "day":
		return Day, nil
	case "week":
		return Week, nil
	case "month":
		return Month, nil
	}
	return 0, fmt.Errorf("unknown period %q: want day, week or month", s)
}

// String returns the unit's name.
func (u Unit) String() string {
	switch u {
	case Day:
		return "day"
	case Week:
		return "week"
	case Month:
		return "month"
	}
	return fmt.Sprintf("Unit(%d)", int(u))
}

// Period is one day, week or month.
type Period struct {
	// Start is the first day of the period, at midnight UTC.
	Start time.Time
	// Unit is the period's length.
	Unit Unit
}

// PeriodOf returns the period of unit u that holds the calendar day of t
// (in t's location): the day itself, the ISO week from its Monday, or its
// month.
func PeriodOf(t time.Time, u Unit) Period {
	y, m, d := t.Date()
	day := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	switch u {
	case Week:
		// Monday is day 0 of an ISO week; time.Weekday counts Sunday as 0.
		back := (int(day.Weekday()) + 6) % 7
		day = day.AddDate(0, 0, -back)
	case Month:
		day = time.Date(y, m, 1, 0, 0, 0, 0, time.UTC)
	}
	return Period{Start: day, Unit: u}
}

// End returns the first day after the period.
func (p Period) End() time.Time {
	switch p.Unit {
	case Week:
		return p.Start.AddDate(0, 0, 7)
	case Month:
		return p.Start.AddDate(0, 1, 0)
	}
	return p.Start.AddDate(0, 0, 1)
}

// String names the period in ISO 8601: "2025-01-14", "2025-W03" or
// "2025-01". The year of a week is its ISO year, so 2024-12-30 is in
// "2025-W01".
func (p Period) String() string {
	switch p.Unit {
	case Week:
		y, w := p.Start.ISOWeek()
		return fmt.Sprintf("%04d-W%02d", y, w)
	case Month:
		return p.Start.Format("2006-01")
	}
	return p.Start.Format(time.DateOnly)
}

// Sentence is what a timeline needs of one scored sentence.
type Sentence struct {
	// Label is the sentence's label (possibly "uncertain").
	Label string
	// Tone is P(conciliatory) - P(warning); it counts only when HasTone
	// is set (a model without those labels has no tone).
	Tone    float64
	HasTone bool
}

// Row sums up the articles of one period and group.
type Row struct {
	Period Period
	Group  string
	// Articles and Sentences are how many were counted.
	Articles  int
	Sentences int
	// Counts is the number of sentences per label.
	Counts map[string]int
	// toneSum and toneN give the mean tone.
	toneSum float64
	toneN   int
}

// Tone returns the mean tone of the sentences, and false when no
// sentence had one.
func (r Row) Tone() (float64, bool) {
	if r.toneN == 0 {
		return 0, false
	}
	return r.toneSum / float64(r.toneN), true
}

// Share returns the share of the sentences labelled label (0 when there
// is no sentence).
func (r Row) Share(label string) float64 {
	if r.Sentences == 0 {
		return 0
	}
	return float64(r.Counts[label]) / float64(r.Sentences)
}

type key struct {
	start time.Time
	group string
}

// Timeline adds articles up by period and group. The zero value is not
// ready; use New.
type Timeline struct {
	unit   Unit
	rows   map[key]*Row
	labels map[string]bool
}

// New returns an empty timeline with periods of unit u.
func New(u Unit) *Timeline {
	return &Timeline{unit: u, rows: make(map[key]*Row), labels: make(map[string]bool)}
}

// Unit returns the timeline's period length.
func (t *Timeline) Unit() Unit { return t.unit }

// AddLabels makes labels appear in Labels even with no sentence, so that
// every label of a model gets a share (of zero).
func (t *Timeline) AddLabels(labels ...string) {
	for _, l := range labels {
		t.labels[l] = true
	}
}

// Add counts one article dated date in group. An article without a
// sentence counts as an article.
func (t *Timeline) Add(date time.Time, group string, sentences []Sentence) {
	p := PeriodOf(date, t.unit)
	k := key{p.Start, group}
	r := t.rows[k]
	if r == nil {
		r = &Row{Period: p, Group: group, Counts: make(map[string]int)}
		t.rows[k] = r
	}
	r.Articles++
	r.Sentences += len(sentences)
	for _, s := range sentences {
		r.Counts[s.Label]++
		t.labels[s.Label] = true
		if s.HasTone {
			r.toneSum += s.Tone
			r.toneN++
		}
	}
}

// Labels returns every label seen or added, sorted.
func (t *Timeline) Labels() []string {
	out := make([]string, 0, len(t.labels))
	for l := range t.labels {
		out = append(out, l)
	}
	sort.Strings(out)
	return out
}

// Rows returns the rows by period, then group. Periods with no article
// have no row.
func (t *Timeline) Rows() []Row {
	out := make([]Row, 0, len(t.rows))
	for _, r := range t.rows {
		out = append(out, *r)
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].Period.Start.Equal(out[j].Period.Start) {
			return out[i].Period.Start.Before(out[j].Period.Start)
		}
		return out[i].Group < out[j].Group
	})
	return out
}

// Groups returns the groups, sorted.
func (t *Timeline) Groups() []string {
	seen := make(map[string]bool)
	var out []string
	for k := range t.rows {
		if !seen[k.group] {
			seen[k.group] = true
			out = append(out, k.group)
		}
	}
	sort.Strings(out)
	return out
}

// Merge returns the rows of every group added together per period, with
// group set to group.
func (t *Timeline) Merge(group string) []Row {
	m := New(t.unit)
	for l := range t.labels {
		m.labels[l] = true
	}
	for _, r := range t.rows {
		k := key{r.Period.Start, group}
		dst := m.rows[k]
		if dst == nil {
			dst = &Row{Period: r.Period, Group: group, Counts: make(map[string]int)}
			m.rows[k] = dst
		}
		dst.Articles += r.Articles
		dst.Sentences += r.Sentences
		for l, n := range r.Counts {
			dst.Counts[l] += n
		}
		dst.toneSum += r.toneSum
		dst.toneN += r.toneN
	}
	return m.Rows()
}
