package report

import (
	"math"
	"sort"
	"strconv"
	"time"

	"github.com/parley-nlp/parley/classifier"
)

// overviewView is the data of the overview: the timeline and the list.
type overviewView struct {
	Articles  int
	Sentences int
	MeanTone  string
	Timeline  *timeline
	Undated   int
	Columns   []segment // Class and Label of each share column
	Rows      []rowView
}

type rowView struct {
	Anchor, Title, Date, DateText string
	Sentences                     int
	Bar                           []segment
	Shares                        []cell
	Tone                          cell
}

// cell is a table cell: its text and the value it sorts by.
type cell struct{ Text, V string }

func (w *Writer) overview() overviewView {
	v := overviewView{Articles: len(w.rows), Sentences: w.total}
	// Uncertain gets a column only when some article has it.
	cols := make([]int, 0, len(w.pal.labels))
	for i, l := range w.pal.labels {
		if l == classifier.Uncertain && !w.anyShare(i) {
			continue
		}
		cols = append(cols, i)
		v.Columns = append(v.Columns, segment{Class: w.pal.class(l), Label: l})
	}
	var sum float64
	var toned int
	for _, r := range w.rows {
		rv := rowView{Anchor: r.Anchor, Title: r.Title, Date: r.Date, DateText: r.Date, Sentences: r.Sentences}
		if r.Dated {
			rv.DateText = r.When.Format("2 Jan 2006")
			rv.Date = r.When.Format("2006-01-02")
		} else {
			v.Undated++
		}
		for _, i := range cols {
			share := r.Shares[i]
			rv.Shares = append(rv.Shares, cell{Text: pct(share), V: strconv.FormatFloat(share, 'f', 4, 64)})
			if share > 0 {
				rv.Bar = append(rv.Bar, segment{Class: w.pal.class(w.pal.labels[i]), Label: w.pal.labels[i],
					Pct: strconv.FormatFloat(100*share, 'f', 3, 64), PctText: pct(share)})
			}
		}
		rv.Tone = cell{Text: "n/a"}
		if r.Tone != nil {
			rv.Tone = cell{Text: signed(*r.Tone), V: strconv.FormatFloat(*r.Tone, 'f', 4, 64)}
			sum += *r.Tone
			toned++
		}
		v.Rows = append(v.Rows, rv)
	}
	v.MeanTone = "n/a"
	if toned > 0 {
		v.MeanTone = signed(sum / float64(toned))
	}
	v.Timeline = w.timeline()
	return v
}

func (w *Writer) anyShare(i int) bool {
	for _, r := range w.rows {
		if r.Shares[i] > 0 {
			return true
		}
	}
	return false
}

// timeline is an SVG chart of tone (y, -1 to +1) by date (x).
type timeline struct {
	W, H                     int
	Left, Right, Top, Bottom string // the plot area
	Mid                      string // y of tone 0
	PlotW, HalfH             string // width and half height of the plot
	YLabelX, AxisX           string // x of the tone labels and axis names
	TickEnd, TickText        string // y of the end of a date tick and its label
	Grid                     []gridLine
	Ticks                    []xTick
	Line                     string // polyline points, in date order
	Points                   []point
	Label                    string // for screen readers
}

type gridLine struct {
	Y, Label string
	Zero     bool
}

type xTick struct{ X, Label string }

type point struct{ X, Y, Fill, Href, Title string }

// Chart geometry, in SVG user units.
const (
	chartW, chartH                     = 840, 250
	padLeft, padRight, padTop, padDown = 64, 20, 14, 34
)

// timeline draws the articles that have a date and a tone; nil when none
// has.
func (w *Writer) timeline() *timeline {
	var rows []row
	for _, r := range w.rows {
		if r.Dated && r.Tone != nil {
			rows = append(rows, r)
		}
	}
	if len(rows) == 0 {
		return nil
	}
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].When.Before(rows[j].When) })
	lo, hi := rows[0].When, rows[len(rows)-1].When
	left, right := float64(padLeft), float64(chartW-padRight)
	top, bottom := float64(padTop), float64(chartH-padDown)
	x := func(t time.Time) float64 {
		if !hi.After(lo) {
			return (left + right) / 2
		}
		return left + (right-left)*float64(t.Sub(lo))/float64(hi.Sub(lo))
	}
	y := func(tone float64) float64 { return top + (bottom-top)*(1-clamp(tone, -1, 1))/2 }
	tl := &timeline{W: chartW, H: chartH, Left: num(left), Right: num(right), Top: num(top), Bottom: num(bottom), Mid: num(y(0)),
		PlotW: num(right - left), HalfH: num((bottom - top) / 2), YLabelX: num(left - 8), AxisX: num(left + 8),
		TickEnd: num(bottom + 5), TickText: num(bottom + 20),
		Label: "Tone of " + strconv.Itoa(len(rows)) + " articles by date, from " + lo.Format("2 January 2006") + " to " + hi.Format("2 January 2006")}
	for _, g := range []struct {
		t float64
		l string
	}{{1, "+1"}, {0.5, "+0.5"}, {0, "0"}, {-0.5, "−0.5"}, {-1, "−1"}} {
		tl.Grid = append(tl.Grid, gridLine{Y: num(y(g.t)), Label: g.l, Zero: g.t == 0})
	}
	for _, t := range dateTicks(lo, hi) {
		tl.Ticks = append(tl.Ticks, xTick{X: num(x(t.at)), Label: t.label})
	}
	for i, r := range rows {
		px, py := num(x(r.When)), num(y(*r.Tone))
		if i > 0 {
			tl.Line += " "
		}
		tl.Line += px + "," + py
		tl.Points = append(tl.Points, point{X: px, Y: py, Fill: toneColour(*r.Tone), Href: "#" + r.Anchor,
			Title: r.When.Format("2 Jan 2006") + " · " + r.Title + " · tone " + signed(*r.Tone)})
	}
	return tl
}

type dateTick struct {
	at    time.Time
	label string
}

// dateTicks returns up to about 8 round dates between lo and hi: years,
// months or days, depending on the span.
func dateTicks(lo, hi time.Time) []dateTick {
	if !hi.After(lo) {
		return []dateTick{{lo, lo.Format("2 Jan 2006")}}
	}
	days := hi.Sub(lo).Hours() / 24
	var out []dateTick
	switch {
	case days > 3*365:
		step := niceStep(hi.Year()-lo.Year(), []int{1, 2, 5, 10, 20, 50, 100})
		for yr := lo.Year(); yr <= hi.Year(); yr++ {
			t := time.Date(yr, 1, 1, 0, 0, 0, 0, time.UTC)
			if yr%step == 0 && !t.Before(lo) {
				out = append(out, dateTick{t, strconv.Itoa(yr)})
			}
		}
	case days > 60:
		months := (hi.Year()-lo.Year())*12 + int(hi.Month()-lo.Month())
		step := niceStep(months, []int{1, 2, 3, 6, 12})
		for t := time.Date(lo.Year(), lo.Month(), 1, 0, 0, 0, 0, time.UTC); !t.After(hi); t = t.AddDate(0, 1, 0) {
			if (int(t.Month())-1)%step == 0 && !t.Before(lo) {
				out = append(out, dateTick{t, t.Format("Jan 2006")})
			}
		}
	default:
		step := niceStep(int(days), []int{1, 2, 7, 14})
		for t, i := lo, 0; !t.After(hi); t, i = t.AddDate(0, 0, 1), i+1 {
			if i%step == 0 {
				out = append(out, dateTick{t, t.Format("2 Jan")})
			}
		}
	}
	return out
}

// niceStep returns the first step that cuts n units into at most 7 ticks.
func niceStep(n int, steps []int) int {
	for _, s := range steps {
		if n/s <= 7 {
			return s
		}
	}
	return steps[len(steps)-1] * int(math.Ceil(float64(n)/float64(7*steps[len(steps)-1])))
}

// toneColour blends grey toward blue (conciliatory) or vermilion (warning).
func toneColour(t float64) string {
	grey := [3]float64{0x8A, 0x8A, 0x8A}
	end := [3]float64{0x00, 0x72, 0xB2}
	if t < 0 {
		end = [3]float64{0xD5, 0x5E, 0x00}
	}
	f := math.Min(1, math.Abs(clamp(t, -1, 1))*2) // full colour from |tone| 0.5
	var b []byte
	b = append(b, '#')
	for i := range grey {
		c := int(math.Round(grey[i] + (end[i]-grey[i])*f))
		b = append(b, "0123456789ABCDEF"[c>>4], "0123456789ABCDEF"[c&15])
	}
	return string(b)
}

func num(x float64) string { return strconv.FormatFloat(x, 'f', 1, 64) }
