package train

import (
	"fmt"
	"html/template"
	"io"
	"math"
	"strings"
)

// HTMLOptions describe an HTML report page.
type HTMLOptions struct {
	// Title heads the page; empty means "Parley evaluation".
	Title string
	// Subtitle says what was evaluated (a model, a corpus, settings); it
	// may be empty.
	Subtitle string
}

// WriteHTML writes the report as one self-contained HTML page (no script,
// no fetched resource): the headline figures, a table of per-label
// precision, recall, F1 and support, the confusion matrix as a heat map
// (each cell shaded by its share of the true label's examples), and the
// reliability diagram as an inline SVG chart with the expected calibration
// error and the log loss.
func (r Report) WriteHTML(w io.Writer, o HTMLOptions) error {
	return writePage(w, o, newHTMLReport(r, nil))
}

// WriteHTML writes the cross-validation report as one self-contained HTML
// page: the mean and standard deviation over folds of the accuracy, the
// macro F1 and each label's F1, a table of the folds, and then the report
// of the pooled out-of-fold predictions, as Report.WriteHTML draws it.
func (r CVReport) WriteHTML(w io.Writer, o HTMLOptions) error {
	return writePage(w, o, newHTMLReport(r.Pooled, &r))
}

func writePage(w io.Writer, o HTMLOptions, p htmlReport) error {
	p.Title = o.Title
	if p.Title == "" {
		p.Title = "Parley evaluation"
	}
	p.Subtitle = o.Subtitle
	ew := &errWriter{w: w}
	if err := reportPage.Execute(ew, p); err != nil {
		return fmt.Errorf("write HTML report: %w", err)
	}
	if ew.err != nil {
		return fmt.Errorf("write HTML report: %w", ew.err)
	}
	return nil
}

// htmlReport is what the page template shows: every number already
// formatted, every shade and coordinate already worked out.
type htmlReport struct {
	Title, Subtitle string
	Examples        int
	Headline        []htmlFigure
	Notes           []string
	Labels          []htmlLabel
	CV              *htmlCV
	Confusion       htmlConfusion
	Reliability     htmlReliability
}

type htmlFigure struct {
	Name, Value, Spread, Detail string // Spread: "± std", or empty
}

type htmlLabel struct {
	Label                        string
	Precision, Recall, F1, CVF1  string
	Support                      int
	PrecisionBar, RecallBar, Bar template.CSS // widths of the bars behind the figures
}

type htmlCV struct {
	Folds int
	Seed  uint64
	Rows  []htmlFold
	Mean  htmlFold
}

type htmlFold struct {
	Name              string
	Examples          int
	Accuracy, MacroF1 string
	LabelF1           []string
}

type htmlConfusion struct {
	Labels []string
	Rows   []htmlConfusionRow
}

type htmlConfusionRow struct {
	Label string
	Total int
	Cells []htmlCell
}

type htmlCell struct {
	Count    int
	Share    string
	Style    template.CSS
	Diagonal bool
	Title    string
}

// htmlReliability is the reliability diagram, in SVG user units.
type htmlReliability struct {
	ECE, LogLoss string
	Width        int
	Height       int
	Plot         htmlRect // the plotting area
	Diagonal     string   // the points of the line y = x
	Curve        string   // the points joining the bins' dots
	Bins         []htmlBin
	Ticks        []htmlTick
	XTitle       htmlPoint // "confidence ..." under the chart
	YTitle       string    // the transform of "accuracy", turned upright
	CountTitle   htmlPoint // "count", left of the count strip
	Rows         []htmlBinRow
}

type htmlPoint struct{ X, Y float64 }

type htmlRect struct{ X, Y, W, H float64 }

type htmlBin struct {
	Bar   htmlRect // accuracy of the bin, over its confidence range
	Gap   htmlRect // between accuracy and confidence: the calibration error
	CX    float64  // the dot: mean confidence and accuracy
	CY    float64
	R     float64 // radius, by count
	Count htmlRect
	Title string
}

// htmlTick is a grid line at v on both axes, with its labels.
type htmlTick struct {
	X, Y                     float64 // where v falls on each axis
	Top, Bottom, Left, Right float64 // the plot's edges
	XLabelY, YLabelX         float64
	Label                    string
}

type htmlBinRow struct {
	Range, Count, Confidence, Accuracy, Gap string
}

func fmt3(x float64) string { return fmt.Sprintf("%.3f", x) }

func pm(m MeanStd) string { return fmt.Sprintf("%.3f ± %.3f", m.Mean, m.Std) }

func spread(m MeanStd) string { return fmt.Sprintf("± %.3f", m.Std) }

func newHTMLReport(r Report, cv *CVReport) htmlReport {
	p := htmlReport{Examples: r.Examples}
	if cv != nil {
		p.Headline = []htmlFigure{
			{"accuracy", fmt3(cv.Accuracy.Mean), spread(cv.Accuracy), fmt.Sprintf("mean ± std over %d folds; pooled %s", cv.Folds, fmt3(r.Accuracy))},
			{"macro F1", fmt3(cv.MacroF1.Mean), spread(cv.MacroF1), fmt.Sprintf("mean ± std over %d folds; pooled %s", cv.Folds, fmt3(r.MacroF1))},
		}
	} else {
		p.Headline = []htmlFigure{
			{"accuracy", fmt3(r.Accuracy), "", fmt.Sprintf("%d of %d right", correct(r), r.Examples)},
			{"macro F1", fmt3(r.MacroF1), "", "unweighted mean over labels"},
		}
	}
	p.Headline = append(p.Headline,
		htmlFigure{"weighted F1", fmt3(r.WeightedF1), "", "weighted by support"},
		htmlFigure{"ECE", fmt3(r.Calibration.ECE), "", "expected calibration error, 10 bins; 0 is perfect"},
		htmlFigure{"log loss", fmt3(r.Calibration.LogLoss), "", "mean −log P(true label); lower is better"},
	)
	for _, l := range r.UnknownLabels {
		m, _ := r.Metric(l)
		p.Notes = append(p.Notes, fmt.Sprintf("The data has a label the model does not know: %q (%d examples). It is never predicted, so its examples count as errors.", l, m.Support))
	}
	for _, m := range r.PerLabel {
		hl := htmlLabel{
			Label: m.Label, Precision: fmt3(m.Precision), Recall: fmt3(m.Recall), F1: fmt3(m.F1), Support: m.Support,
			PrecisionBar: barWidth(m.Precision), RecallBar: barWidth(m.Recall), Bar: barWidth(m.F1),
		}
		if cv != nil {
			if ms, ok := cv.LabelF1[m.Label]; ok {
				hl.CVF1 = pm(ms)
			}
		}
		p.Labels = append(p.Labels, hl)
	}
	if cv != nil {
		p.CV = newHTMLCV(*cv, r.Labels)
	}
	p.Confusion = newHTMLConfusion(r)
	p.Reliability = newHTMLReliability(r.Calibration, r.Examples)
	return p
}

func correct(r Report) int {
	n := 0
	for i := range r.Confusion {
		n += r.Confusion[i][i]
	}
	return n
}

// barWidth is the CSS width of a bar for a value from 0 to 1.
func barWidth(x float64) template.CSS {
	return template.CSS(fmt.Sprintf("width: %.1f%%", 100*math.Max(0, math.Min(1, x))))
}

func newHTMLCV(cv CVReport, labels []string) *htmlCV {
	h := &htmlCV{Folds: cv.Folds, Seed: cv.Seed}
	for f, fr := range cv.PerFold {
		row := htmlFold{Name: fmt.Sprintf("fold %d", f+1), Examples: fr.Examples, Accuracy: fmt3(fr.Accuracy), MacroF1: fmt3(fr.MacroF1)}
		for _, l := range labels {
			if m, ok := fr.Metric(l); ok {
				row.LabelF1 = append(row.LabelF1, fmt3(m.F1))
			} else {
				row.LabelF1 = append(row.LabelF1, "–")
			}
		}
		h.Rows = append(h.Rows, row)
	}
	h.Mean = htmlFold{Name: "mean ± std", Accuracy: pm(cv.Accuracy), MacroF1: pm(cv.MacroF1)}
	for _, l := range labels {
		if ms, ok := cv.LabelF1[l]; ok {
			h.Mean.LabelF1 = append(h.Mean.LabelF1, pm(ms))
		} else {
			h.Mean.LabelF1 = append(h.Mean.LabelF1, "–")
		}
	}
	return h
}

// newHTMLConfusion shades every cell by its share of its row (the true
// label's examples): the diagonal in blue, errors in red.
func newHTMLConfusion(r Report) htmlConfusion {
	h := htmlConfusion{Labels: r.Labels}
	for i, l := range r.Labels {
		row := htmlConfusionRow{Label: l}
		for _, n := range r.Confusion[i] {
			row.Total += n
		}
		for j, n := range r.Confusion[i] {
			share := 0.0
			if row.Total > 0 {
				share = float64(n) / float64(row.Total)
			}
			hue := "214, 83%, 38%" // blue: right
			if i != j {
				hue = "4, 74%, 45%" // red: wrong
			}
			// The shade's alpha goes from 0.04 to 1; the text turns white
			// on the darker half.
			style := fmt.Sprintf("background: hsla(%s, %.3f)", hue, 0.04+0.96*share)
			if share >= 0.5 {
				style += "; color: #fff"
			}
			row.Cells = append(row.Cells, htmlCell{
				Count:    n,
				Share:    fmt.Sprintf("%.1f%%", 100*share),
				Style:    template.CSS(style),
				Diagonal: i == j,
				Title:    fmt.Sprintf("%d of %d %s examples predicted %s", n, row.Total, l, r.Labels[j]),
			})
		}
		h.Rows = append(h.Rows, row)
	}
	return h
}

// newHTMLReliability lays out the reliability diagram: x is confidence, y
// is accuracy, both from 0 to 1. Each non-empty bin is a bar over its
// confidence range up to its accuracy, with the gap to its mean confidence
// hatched, and a dot at (mean confidence, accuracy) whose area grows with
// the bin's count; a strip under the plot shows the counts. A perfectly
// calibrated model has its dots on the diagonal.
func newHTMLReliability(c Calibration, examples int) htmlReliability {
	const (
		left, top = 56.0, 14.0
		plot      = 360.0 // the square plotting area
		strip     = 36.0  // the height of the count strip
	)
	bottom := top + plot
	stripTop := bottom + 28 // under the tick labels
	h := htmlReliability{
		ECE: fmt3(c.ECE), LogLoss: fmt3(c.LogLoss),
		Width: int(left + plot + 16), Height: int(stripTop + strip + 34),
		Plot:       htmlRect{left, top, plot, plot},
		XTitle:     htmlPoint{left + plot/2, stripTop + strip + 26},
		YTitle:     fmt.Sprintf("translate(16 %g) rotate(-90)", top+plot/2),
		CountTitle: htmlPoint{left - 8, stripTop + strip/2 + 4},
	}
	x := func(v float64) float64 { return round1(left + v*plot) }
	y := func(v float64) float64 { return round1(top + (1-v)*plot) }
	h.Diagonal = fmt.Sprintf("%g,%g %g,%g", x(0), y(0), x(1), y(1))
	maxCount := 0
	for _, b := range c.Bins {
		maxCount = max(maxCount, b.Count)
	}
	var curve []string
	for _, b := range c.Bins {
		if b.Count == 0 {
			continue
		}
		x0, w := x(b.Low)+1, round1(plot*(b.High-b.Low)-2)
		hb := htmlBin{
			Bar:   htmlRect{x0, y(b.Accuracy), w, round1(b.Accuracy * plot)},
			CX:    x(b.Confidence),
			CY:    y(b.Accuracy),
			R:     round1(3 + 9*math.Sqrt(float64(b.Count)/float64(maxCount))),
			Title: fmt.Sprintf("confidence (%.1f, %.1f]: %d predictions, mean confidence %.3f, accuracy %.3f", b.Low, b.High, b.Count, b.Confidence, b.Accuracy),
		}
		if lo, hi := math.Min(b.Accuracy, b.Confidence), math.Max(b.Accuracy, b.Confidence); hi > lo {
			hb.Gap = htmlRect{x0, y(hi), w, round1((hi - lo) * plot)}
		}
		ch := round1(math.Max(1, strip*float64(b.Count)/float64(maxCount)))
		hb.Count = htmlRect{x0, round1(stripTop + strip - ch), w, ch}
		h.Bins = append(h.Bins, hb)
		curve = append(curve, fmt.Sprintf("%g,%g", hb.CX, hb.CY))
		share := 0.0
		if examples > 0 {
			share = float64(b.Count) / float64(examples)
		}
		h.Rows = append(h.Rows, htmlBinRow{
			Range:      fmt.Sprintf("(%.1f, %.1f]", b.Low, b.High),
			Count:      fmt.Sprintf("%d (%.1f%%)", b.Count, 100*share),
			Confidence: fmt3(b.Confidence),
			Accuracy:   fmt3(b.Accuracy),
			Gap:        fmt.Sprintf("%+.3f", b.Accuracy-b.Confidence),
		})
	}
	h.Curve = strings.Join(curve, " ")
	for i := 0; i <= 10; i += 2 {
		v := float64(i) / 10
		h.Ticks = append(h.Ticks, htmlTick{
			X: x(v), Y: y(v), Top: top, Bottom: bottom, Left: left, Right: left + plot,
			XLabelY: bottom + 17, YLabelX: left - 8, Label: fmt.Sprintf("%.1f", v),
		})
	}
	return h
}

func round1(v float64) float64 { return math.Round(v*10) / 10 }

var reportPage = template.Must(template.New("page").Parse(pageHTML))

const pageHTML = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>
:root { --ink: #1d2330; --muted: #5b6475; --line: #d9dde5; --paper: #fff; --wash: #f5f6f9; --blue: hsl(214, 83%, 38%); --red: hsl(4, 74%, 45%); }
* { box-sizing: border-box; }
body { margin: 0; background: var(--wash); color: var(--ink); font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1080px; margin: 0 auto; padding: 28px 24px 48px; }
header h1 { margin: 0; font-size: 26px; letter-spacing: -0.01em; }
header p { margin: 4px 0 0; color: var(--muted); }
section { background: var(--paper); border: 1px solid var(--line); border-radius: 10px; padding: 18px 22px 20px; margin-top: 20px; }
h2 { margin: 0 0 4px; font-size: 18px; }
.lead { margin: 0 0 14px; color: var(--muted); font-size: 14px; }
.figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr)); gap: 12px; margin-top: 20px; }
.figure { background: var(--paper); border: 1px solid var(--line); border-radius: 10px; padding: 12px 16px; }
.figure .name { color: var(--muted); font-size: 13px; text-transform: uppercase; letter-spacing: 0.04em; }
.figure .value { font-size: 26px; font-weight: 650; font-variant-numeric: tabular-nums; white-space: nowrap; }
.figure .spread { font-size: 15px; font-weight: 500; color: var(--muted); }
.figure .detail { color: var(--muted); font-size: 12.5px; }
.note { margin: 16px 0 0; padding: 10px 14px; border-left: 4px solid var(--red); background: #fdf1f0; border-radius: 4px; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
th, td { padding: 6px 12px; text-align: right; }
th { font-weight: 600; color: var(--muted); font-size: 13px; }
td.label, th.label { text-align: left; }
table.metrics { width: 100%; }
table.metrics td, table.metrics th { border-bottom: 1px solid var(--line); }
table.metrics tr:last-child td { border-bottom: none; }
.barcell { position: relative; min-width: 110px; }
.barcell span.bar { position: absolute; left: 0; top: 5px; bottom: 5px; background: hsla(214, 83%, 38%, 0.14); border-radius: 3px; }
.barcell span.num { position: relative; }
.matrix td.cell { width: 120px; height: 64px; text-align: center; border: 2px solid var(--paper); border-radius: 6px; }
.matrix td.cell b { display: block; font-size: 19px; }
.matrix td.cell small { font-size: 12px; opacity: 0.85; }
.matrix td.diag { outline: 2px solid var(--blue); outline-offset: -2px; }
.matrix th.axis { color: var(--ink); }
.matrix .corner { text-align: left; font-size: 12px; }
.two { display: grid; grid-template-columns: auto minmax(0, 1fr); gap: 28px; align-items: start; }
.two > div { overflow-x: auto; }
table.bins { width: 100%; font-size: 13.5px; }
table.bins th, table.bins td { padding: 5px 8px; white-space: nowrap; }
@media (max-width: 900px) { .two { grid-template-columns: 1fr; } }
svg text { font: 12px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; fill: var(--muted); }
svg .axis-title { fill: var(--ink); font-size: 13px; }
.legend { display: flex; flex-wrap: wrap; gap: 14px; color: var(--muted); font-size: 13px; margin-top: 6px; }
.swatch { display: inline-block; width: 12px; height: 12px; border-radius: 3px; vertical-align: -1px; margin-right: 5px; }
footer { margin-top: 22px; color: var(--muted); font-size: 13px; }
</style>
</head>
<body>
<main>
<header>
<h1>{{.Title}}</h1>
{{if .Subtitle}}<p>{{.Subtitle}}</p>{{end}}
<p>{{.Examples}} examples{{if .CV}}, {{.CV.Folds}}-fold stratified cross-validation (seed {{.CV.Seed}}): every example is predicted once, by the model of the folds that did not hold it{{end}}.</p>
</header>

<div class="figures">
{{range .Headline}}<div class="figure"><div class="name">{{.Name}}</div><div class="value">{{.Value}}{{if .Spread}} <span class="spread">{{.Spread}}</span>{{end}}</div><div class="detail">{{.Detail}}</div></div>
{{end}}</div>
{{range .Notes}}<p class="note">{{.}}</p>
{{end}}
<section>
<h2>Per label</h2>
<p class="lead">Precision: of the sentences given the label, the share that have it. Recall: of the sentences that have it, the share given it. F1: their harmonic mean. Support: the sentences that have it.{{if .CV}} The last column is the F1 of each fold's own predictions, mean ± std.{{end}}</p>
<table class="metrics">
<thead><tr><th class="label">label</th><th>precision</th><th>recall</th><th>F1</th><th>support</th>{{if .CV}}<th>F1 over folds</th>{{end}}</tr></thead>
<tbody>
{{range .Labels}}<tr><td class="label">{{.Label}}</td><td class="barcell"><span class="bar" style="{{.PrecisionBar}}"></span><span class="num">{{.Precision}}</span></td><td class="barcell"><span class="bar" style="{{.RecallBar}}"></span><span class="num">{{.Recall}}</span></td><td class="barcell"><span class="bar" style="{{.Bar}}"></span><span class="num"><b>{{.F1}}</b></span></td><td>{{.Support}}</td>{{if $.CV}}<td>{{.CVF1}}</td>{{end}}</tr>
{{end}}</tbody>
</table>
</section>
{{with .CV}}
<section>
<h2>Folds</h2>
<p class="lead">Each fold's model is trained on the other folds and scored on this one.</p>
<table class="metrics">
<thead><tr><th class="label">fold</th><th>examples</th><th>accuracy</th><th>macro F1</th>{{range $.Confusion.Labels}}<th>F1 {{.}}</th>{{end}}</tr></thead>
<tbody>
{{range .Rows}}<tr><td class="label">{{.Name}}</td><td>{{.Examples}}</td><td>{{.Accuracy}}</td><td>{{.MacroF1}}</td>{{range .LabelF1}}<td>{{.}}</td>{{end}}</tr>
{{end}}<tr><td class="label"><b>{{.Mean.Name}}</b></td><td></td><td><b>{{.Mean.Accuracy}}</b></td><td><b>{{.Mean.MacroF1}}</b></td>{{range .Mean.LabelF1}}<td><b>{{.}}</b></td>{{end}}</tr>
</tbody>
</table>
</section>
{{end}}
<section>
<h2>Confusion matrix</h2>
<p class="lead">Rows are the true labels, columns the predicted ones. Each cell shows the count and its share of the row, and is shaded by that share: blue on the diagonal (right), red off it (wrong).</p>
<table class="matrix">
<thead><tr><th class="corner">true ↓ · predicted →</th>{{range .Confusion.Labels}}<th class="axis">{{.}}</th>{{end}}<th>total</th></tr></thead>
<tbody>
{{range .Confusion.Rows}}<tr><th class="label axis">{{.Label}}</th>{{range .Cells}}<td class="cell{{if .Diagonal}} diag{{end}}" style="{{.Style}}" title="{{.Title}}"><b>{{.Count}}</b><small>{{.Share}}</small></td>{{end}}<td>{{.Total}}</td></tr>
{{end}}</tbody>
</table>
</section>

<section>
<h2>Calibration</h2>
<p class="lead">Is a confidence of 0.8 right 8 times in 10? Predictions are put in bins by confidence; a bar rises to the bin's accuracy, a dot marks its mean confidence and accuracy, and its size the bin's share of predictions. On the diagonal, confidence equals accuracy. Expected calibration error (ECE) <b>{{.Reliability.ECE}}</b>, log loss <b>{{.Reliability.LogLoss}}</b>.</p>
<div class="two">
{{with .Reliability}}<svg viewBox="0 0 {{.Width}} {{.Height}}" width="{{.Width}}" height="{{.Height}}" role="img" aria-label="Reliability diagram: accuracy against confidence">
<rect x="{{.Plot.X}}" y="{{.Plot.Y}}" width="{{.Plot.W}}" height="{{.Plot.H}}" fill="#fafbfc"/>
{{range .Ticks}}<line x1="{{.X}}" y1="{{.Top}}" x2="{{.X}}" y2="{{.Bottom}}" stroke="#eceef2"/><line x1="{{.Left}}" y1="{{.Y}}" x2="{{.Right}}" y2="{{.Y}}" stroke="#eceef2"/><text x="{{.X}}" y="{{.XLabelY}}" text-anchor="middle">{{.Label}}</text><text x="{{.YLabelX}}" y="{{.Y}}" dy="4" text-anchor="end">{{.Label}}</text>
{{end}}<rect x="{{.Plot.X}}" y="{{.Plot.Y}}" width="{{.Plot.W}}" height="{{.Plot.H}}" fill="none" stroke="#c5cad4"/>
<polyline points="{{.Diagonal}}" fill="none" stroke="#8a93a3" stroke-width="1.5" stroke-dasharray="5 4"/>
{{range .Bins}}<g><title>{{.Title}}</title><rect x="{{.Bar.X}}" y="{{.Bar.Y}}" width="{{.Bar.W}}" height="{{.Bar.H}}" fill="hsla(214, 83%, 38%, 0.22)"/>{{if .Gap.H}}<rect x="{{.Gap.X}}" y="{{.Gap.Y}}" width="{{.Gap.W}}" height="{{.Gap.H}}" fill="hsla(4, 74%, 45%, 0.28)"/>{{end}}<rect x="{{.Count.X}}" y="{{.Count.Y}}" width="{{.Count.W}}" height="{{.Count.H}}" fill="hsla(214, 30%, 45%, 0.45)"/></g>
{{end}}<polyline points="{{.Curve}}" fill="none" stroke="hsl(214, 83%, 38%)" stroke-width="1.5"/>
{{range .Bins}}<circle cx="{{.CX}}" cy="{{.CY}}" r="{{.R}}" fill="hsl(214, 83%, 38%)" fill-opacity="0.85" stroke="#fff" stroke-width="1.5"><title>{{.Title}}</title></circle>
{{end}}<text class="axis-title" x="{{.XTitle.X}}" y="{{.XTitle.Y}}" text-anchor="middle">confidence of the predicted label</text>
<text class="axis-title" transform="{{.YTitle}}" text-anchor="middle">accuracy</text>
<text x="{{.CountTitle.X}}" y="{{.CountTitle.Y}}" text-anchor="end">count</text>
</svg>{{end}}
<div>
<table class="metrics bins">
<thead><tr><th class="label">confidence</th><th>predictions</th><th>mean</th><th>accuracy</th><th>gap</th></tr></thead>
<tbody>
{{range .Reliability.Rows}}<tr><td class="label">{{.Range}}</td><td>{{.Count}}</td><td>{{.Confidence}}</td><td>{{.Accuracy}}</td><td>{{.Gap}}</td></tr>
{{end}}</tbody>
</table>
<p class="lead" style="margin-top: 10px">Mean: the bin's mean confidence. Gap: accuracy minus mean confidence; above 0 the model is too modest, below 0 too sure.</p>
<div class="legend"><span><span class="swatch" style="background: hsla(214, 83%, 38%, 0.22)"></span>accuracy of the bin</span><span><span class="swatch" style="background: hsla(4, 74%, 45%, 0.28)"></span>gap to its confidence</span><span><span class="swatch" style="background: hsla(214, 30%, 45%, 0.45)"></span>predictions in the bin</span></div>
</div>
</div>
</section>
<footer>Written by Parley. The page is self-contained: it loads nothing.</footer>
</main>
</body>
</html>
`
