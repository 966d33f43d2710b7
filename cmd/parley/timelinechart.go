package main

import (
	"fmt"
	"image/color"
	"io"
	"math"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"

	"github.com/parley-nlp/parley/classifier"
	"github.com/parley-nlp/parley/internal/timeline"
)

// Chart layout.
const (
	chartWidth  = 10 * vg.Inch
	chartHeight = 6.5 * vg.Inch
	chartDPI    = 144
	legendShare = 0.2 // of the width, on the right, for the legends
	toneShare   = 0.6 // of the height, on top, for the tone panel
)

// Colours of the labels in the share panel (the same hues as the text
// listing), and of the groups' tone lines.
var (
	chartLabelColors = map[string]color.Color{
		classifier.Conciliatory: color.RGBA{0x2c, 0xa0, 0x2c, 0xff},
		"neutral":               color.RGBA{0xc7, 0xc7, 0xc7, 0xff},
		classifier.Warning:      color.RGBA{0xd6, 0x27, 0x28, 0xff},
		classifier.Uncertain:    color.RGBA{0xf2, 0xb4, 0x47, 0xff},
	}
	// otherColors colour labels of other models, in turn.
	otherColors = []color.Color{
		color.RGBA{0x94, 0x67, 0xbd, 0xff}, color.RGBA{0x8c, 0x56, 0x4b, 0xff},
		color.RGBA{0xe3, 0x77, 0xc2, 0xff}, color.RGBA{0x17, 0xbe, 0xcf, 0xff},
	}
	// groupColors colour the tone lines, in turn; neither green nor red,
	// which mean labels.
	groupColors = []color.Color{
		color.RGBA{0x1f, 0x4e, 0x9c, 0xff}, color.RGBA{0xff, 0x7f, 0x0e, 0xff},
		color.RGBA{0x94, 0x67, 0xbd, 0xff}, color.RGBA{0x17, 0xbe, 0xcf, 0xff},
		color.RGBA{0x8c, 0x56, 0x4b, 0xff}, color.RGBA{0xe3, 0x77, 0xc2, 0xff},
		color.RGBA{0x7f, 0x7f, 0x7f, 0xff}, color.RGBA{0xbc, 0xbd, 0x22, 0xff},
		color.RGBA{0x00, 0x00, 0x00, 0xff}, color.RGBA{0x6b, 0xae, 0xd6, 0xff},
	}
	gridColor = color.Gray{0xe4}
	// chartFont is the typeface of every text: Liberation Sans, which
	// gonum/plot embeds.
	chartFont = font.Font{Typeface: "Liberation", Variant: "Sans"}
)

// writeTimelineChart draws tl as PNG or SVG (by the extension of name) to
// w: on top, the tone of each group per period with a zero line; below,
// the share of sentences per label in each period, all groups together,
// as stacked bars.
func writeTimelineChart(w io.Writer, name string, tl *timeline.Timeline) error {
	format, err := chartFormat(name)
	if err != nil {
		return err
	}
	rows := tl.Rows()
	if len(rows) == 0 {
		return fmt.Errorf("no data to chart")
	}
	merged := tl.Merge(groupAll)
	xmin := float64(merged[0].Period.Start.Unix())
	xmax := float64(merged[len(merged)-1].Period.End().Unix())
	ticks := periodTicks(merged)

	tone, toneLegend, err := tonePlot(tl, rows, ticks)
	if err != nil {
		return err
	}
	shares, shareLegend, err := sharePlot(tl, merged, ticks)
	if err != nil {
		return err
	}
	for _, p := range []*plot.Plot{tone, shares} {
		p.X.Min, p.X.Max = xmin, xmax
		p.X.Padding = 0
	}

	var cw vg.CanvasWriterTo
	switch format {
	case "svg":
		cw = vgsvg.New(chartWidth, chartHeight)
	default:
		cw = vgimg.PngCanvas{Canvas: vgimg.NewWith(vgimg.UseWH(chartWidth, chartHeight), vgimg.UseDPI(chartDPI))}
	}
	dc := draw.New(cw)
	pad := vg.Points(10)
	dc = draw.Crop(dc, pad, -pad, pad, -pad)
	width := dc.Max.X - dc.Min.X
	height := dc.Max.Y - dc.Min.Y
	plots := draw.Crop(dc, 0, -width*legendShare, 0, 0)
	legends := draw.Crop(dc, width*(1-legendShare), 0, 0, 0)

	top := draw.Crop(plots, 0, 0, height*(1-toneShare), 0)
	bottom := draw.Crop(plots, 0, 0, 0, -height*toneShare-vg.Points(8))
	alignLeft(tone, &top, shares, &bottom)
	tone.Draw(top)
	shares.Draw(bottom)

	// The legends beside their panels, level with the top of the data.
	lt := draw.Crop(legends, vg.Points(8), 0, 0, -(top.Max.Y - tone.DataCanvas(top).Max.Y))
	toneLegend.Draw(draw.Crop(lt, 0, 0, height*(1-toneShare), 0))
	lb := draw.Crop(legends, vg.Points(8), 0, 0, -(height*toneShare + vg.Points(8) + bottom.Max.Y - shares.DataCanvas(bottom).Max.Y))
	shareLegend.Draw(lb)

	_, err = cw.WriteTo(w)
	return err
}

// alignLeft narrows the canvas of the plot whose axis labels are narrower,
// so that the two data areas start at the same x.
func alignLeft(a *plot.Plot, ca *draw.Canvas, b *plot.Plot, cb *draw.Canvas) {
	da, db := a.DataCanvas(*ca), b.DataCanvas(*cb)
	la, lb := da.Min.X-ca.Min.X, db.Min.X-cb.Min.X
	if la > lb {
		*cb = draw.Crop(*cb, la-lb, 0, 0, 0)
	} else {
		*ca = draw.Crop(*ca, lb-la, 0, 0, 0)
	}
}

// newChartPlot returns a plot in the house style.
func newChartPlot(title, ylabel string, ticks plot.Ticker) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font = font.From(chartFont, 13)
	p.Title.Padding = vg.Points(6)
	p.Y.Label.Text = ylabel
	p.Y.Label.TextStyle.Font = font.From(chartFont, 10)
	p.X.Tick.Marker = ticks
	p.X.Tick.Label.Font = font.From(chartFont, 9)
	p.Y.Tick.Label.Font = font.From(chartFont, 9)
	for _, ax := range []*plot.Axis{&p.X, &p.Y} {
		ax.LineStyle.Color = color.Gray{0x80}
		ax.Tick.LineStyle.Color = color.Gray{0x80}
	}
	grid := plotter.NewGrid()
	grid.Vertical.Color = nil
	grid.Horizontal.Color = gridColor
	p.Add(grid)
	return p
}

// toneTicks labels the tone axis from -limit to +limit in even steps, at
// most four on each side of zero.
func toneTicks(limit float64) plot.Ticker {
	step := limit
	for _, s := range []float64{0.05, 0.1, 0.2, 0.25, 0.5} {
		if limit/s <= 4+1e-9 {
			step = s
			break
		}
	}
	var ticks []plot.Tick
	for i := -int(math.Floor(limit/step + 1e-9)); float64(i)*step <= limit+1e-9; i++ {
		v := float64(i) * step
		label := fmt.Sprintf("%+.2f", v)
		if i == 0 {
			label = "0"
		}
		ticks = append(ticks, plot.Tick{Value: v, Label: label})
	}
	return plot.ConstantTicks(ticks)
}

// tonePlot draws one line per group through its periods' tones, points
// where a period has articles, and a line at zero.
func tonePlot(tl *timeline.Timeline, rows []timeline.Row, ticks plot.Ticker) (*plot.Plot, plot.Legend, error) {
	title := "Tone by " + tl.Unit().String()
	if grouped(tl) {
		title += " and source"
	}
	p := newChartPlot(title, "tone: P(conciliatory) - P(warning)", ticks)
	legend := newChartLegend()

	limit := 0.0
	for _, r := range rows {
		if t, ok := r.Tone(); ok {
			limit = math.Max(limit, math.Abs(t))
		}
	}
	// A symmetric range, so that above and below zero read alike.
	limit = math.Min(1, math.Max(0.1, math.Ceil(limit*1.15*10)/10))
	p.Y.Min, p.Y.Max = -limit, limit
	p.Y.Tick.Marker = toneTicks(limit)

	zero, err := plotter.NewLine(plotter.XYs{{X: -1e12, Y: 0}, {X: 1e12, Y: 0}})
	if err != nil {
		return nil, legend, err
	}
	zero.Color = color.Gray{0x60}
	zero.Width = vg.Points(1)
	zero.Dashes = []vg.Length{vg.Points(4), vg.Points(3)}
	p.Add(zero)

	for i, g := range tl.Groups() {
		var xys plotter.XYs
		for _, r := range rows {
			if t, ok := r.Tone(); ok && r.Group == g {
				xys = append(xys, plotter.XY{X: midpoint(r.Period), Y: t})
			}
		}
		if len(xys) == 0 {
			continue
		}
		line, points, err := plotter.NewLinePoints(xys)
		if err != nil {
			return nil, legend, err
		}
		c := groupColors[i%len(groupColors)]
		line.Color = c
		line.Width = vg.Points(2)
		points.Color = c
		points.Shape = draw.CircleGlyph{}
		points.Radius = vg.Points(2.5)
		p.Add(line, points)
		if grouped(tl) {
			legend.Add(g, line, points)
		}
	}
	// Keep the range set above: Add widens it to the zero line's ends.
	p.Y.Min, p.Y.Max = -limit, limit
	return p, legend, nil
}

// sharePlot draws, for each period, a bar stacked from the share of each
// label, in the order of labels, across the period's width.
func sharePlot(tl *timeline.Timeline, merged []timeline.Row, ticks plot.Ticker) (*plot.Plot, plot.Legend, error) {
	title := "Share of sentences per label"
	if grouped(tl) {
		title += ", all sources"
	}
	p := newChartPlot(title, "share of sentences", ticks)
	p.Y.Min, p.Y.Max = 0, 1
	p.Y.Tick.Marker = plot.ConstantTicks([]plot.Tick{{Value: 0, Label: "0%"}, {Value: 0.25, Label: "25%"}, {Value: 0.5, Label: "50%"}, {Value: 0.75, Label: "75%"}, {Value: 1, Label: "100%"}})
	legend := newChartLegend()

	labels := shareOrder(tl.Labels())
	colors := make(map[string]color.Color, len(labels))
	other := 0
	for _, l := range labels {
		if c, ok := chartLabelColors[l]; ok {
			colors[l] = c
		} else {
			colors[l] = otherColors[other%len(otherColors)]
			other++
		}
	}
	for _, r := range merged {
		if r.Sentences == 0 {
			continue
		}
		start, end := float64(r.Period.Start.Unix()), float64(r.Period.End().Unix())
		gap := (end - start) * 0.08
		x0, x1 := start+gap, end-gap
		y := 0.0
		for _, l := range labels {
			s := r.Share(l)
			if s == 0 {
				continue
			}
			bar, err := plotter.NewPolygon(plotter.XYs{{X: x0, Y: y}, {X: x1, Y: y}, {X: x1, Y: y + s}, {X: x0, Y: y + s}})
			if err != nil {
				return nil, legend, err
			}
			bar.Color = colors[l]
			bar.LineStyle.Width = 0
			p.Add(bar)
			y += s
		}
	}
	// The legend lists the labels top to bottom as they are stacked.
	for i := len(labels) - 1; i >= 0; i-- {
		sw, err := plotter.NewPolygon(plotter.XYs{{X: 0, Y: 0}, {X: 1, Y: 0}, {X: 1, Y: 1}})
		if err != nil {
			return nil, legend, err
		}
		sw.Color = colors[labels[i]]
		sw.LineStyle.Width = 0
		legend.Add(labels[i], sw)
	}
	p.Y.Min, p.Y.Max = 0, 1
	return p, legend, nil
}

// shareOrder stacks conciliatory at the bottom, then neutral and other
// labels, then warning, with uncertain on top, so that the two stances
// sit at the edges.
func shareOrder(labels []string) []string {
	rank := func(l string) int {
		switch l {
		case classifier.Conciliatory:
			return 0
		case classifier.Warning:
			return 2
		case classifier.Uncertain:
			return 3
		}
		return 1
	}
	out := append([]string(nil), labels...)
	for i := 1; i < len(out); i++ { // insertion sort: stable, and short
		for j := i; j > 0 && rank(out[j]) < rank(out[j-1]); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// grouped reports whether the timeline has groups other than groupAll.
func grouped(tl *timeline.Timeline) bool {
	g := tl.Groups()
	return len(g) > 1 || (len(g) == 1 && g[0] != groupAll)
}

func newChartLegend() plot.Legend {
	l := plot.NewLegend()
	l.Top, l.Left = true, true
	l.TextStyle.Font = font.From(chartFont, 10)
	l.ThumbnailWidth = vg.Points(18)
	l.Padding = vg.Points(4)
	return l
}

// midpoint is the middle of a period, in Unix seconds.
func midpoint(p timeline.Period) float64 {
	return (float64(p.Start.Unix()) + float64(p.End().Unix())) / 2
}

// periodTicks puts a tick in the middle of every period, and labels at
// most maxLabels of them with the period's name: every step-th week or
// month, and for days every day, every other day, or Mondays.
func periodTicks(rows []timeline.Row) plot.Ticker {
	const maxLabels = 10
	if len(rows) == 0 {
		return plot.ConstantTicks(nil)
	}
	first, last := rows[0].Period, rows[len(rows)-1].Period
	var periods []timeline.Period
	for p := first; !p.Start.After(last.Start); p = timeline.PeriodOf(p.End(), p.Unit) {
		periods = append(periods, p)
	}
	step := (len(periods) + maxLabels - 1) / maxLabels
	byWeekday := first.Unit == timeline.Day && step > 2
	if byWeekday { // whole weeks, labelled on Mondays
		step = 7 * ((len(periods) + 7*maxLabels - 1) / (7 * maxLabels))
	}
	var ticks []plot.Tick
	lastYear := 0
	for i, p := range periods {
		t := plot.Tick{Value: midpoint(p)}
		label := i%step == 0
		if byWeekday {
			label = p.Start.Weekday() == time.Monday && (p.Start.Sub(timeline.PeriodOf(first.Start, timeline.Week).Start)/(24*time.Hour))%time.Duration(step) == 0
		}
		if label {
			t.Label = periodLabel(p, p.Start.Year() != lastYear)
			lastYear = p.Start.Year()
		}
		ticks = append(ticks, t)
	}
	return plot.ConstantTicks(ticks)
}

// periodLabel names a period on the time axis; a day shows its year when
// withYear is set (the first label, and the first of a new year).
func periodLabel(p timeline.Period, withYear bool) string {
	switch p.Unit {
	case timeline.Month:
		return p.Start.Format("Jan 2006")
	case timeline.Week:
		return p.String() // 2025-W03
	}
	if withYear {
		return p.Start.Format("2 Jan 2006")
	}
	return p.Start.Format("2 Jan")
}
