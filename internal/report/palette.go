package report

import (
	"fmt"
	"html/template"
	"strconv"
	"strings"

	"github.com/parley-nlp/parley/classifier"
)

// Colours from the Okabe–Ito palette, which stays distinct under the common
// forms of colour blindness. Parley's labels have fixed colours: blue for
// conciliatory, vermilion for warning, grey for neutral and reddish purple
// for uncertain; other labels take the rest in turn.
var (
	knownColours = map[string]string{
		classifier.Conciliatory: "#0072B2",
		classifier.Warning:      "#D55E00",
		"neutral":               "#8A8A8A",
		classifier.Uncertain:    "#CC79A7",
	}
	otherColours = []string{"#E69F00", "#009E73", "#56B4E9", "#F0E442", "#000000"}
	notes        = map[string]string{
		classifier.Conciliatory: "reaching toward the other side",
		classifier.Warning:      "pushing against the other side",
		"neutral":               "facts, events, procedure",
		classifier.Uncertain:    "below the minimum confidence",
	}
)

// palette gives each label a CSS class (l0, l1, ...) and a colour.
type palette struct {
	labels  []string // the model's labels, then Uncertain
	colours []string
	index   map[string]int
}

func newPalette(labels []string) palette {
	p := palette{index: make(map[string]int, len(labels)+1)}
	other := 0
	for _, l := range append(append([]string(nil), labels...), classifier.Uncertain) {
		if _, dup := p.index[l]; dup {
			continue
		}
		c, ok := knownColours[l]
		if !ok {
			c = otherColours[other%len(otherColours)]
			other++
		}
		p.index[l] = len(p.labels)
		p.labels = append(p.labels, l)
		p.colours = append(p.colours, c)
	}
	return p
}

// class returns the CSS class of a label; a label the palette does not
// know gets "lx", which is drawn in grey.
func (p palette) class(label string) string {
	if i, ok := p.index[label]; ok {
		return "l" + strconv.Itoa(i)
	}
	return "lx"
}

// css returns the colour rules of the labels. Neutral sentences are tinted
// half as much as the others, so that the stances stand out.
func (p palette) css() template.CSS {
	var b strings.Builder
	for i, l := range p.labels {
		fmt.Fprintf(&b, ".l%d{--c:%s", i, p.colours[i])
		if l == "neutral" {
			b.WriteString(";--k:.35")
		}
		b.WriteString("}\n")
	}
	// The colours are ours and the classes are numbered, so this is safe CSS.
	return template.CSS(b.String())
}

// legend lists the model's labels (Uncertain is explained where it shows).
func (p palette) legend() []legendItem {
	var out []legendItem
	for _, l := range p.labels {
		if l != classifier.Uncertain {
			out = append(out, legendItem{Class: p.class(l), Label: l, Note: notes[l]})
		}
	}
	return out
}
