package main

import (
	"io"

	"github.com/parley-nlp/parley/internal/report"
)

// newHTMLWriter writes one self-contained HTML page (score -format html):
// highlighted sentences, a summary per article and, for several articles,
// a tone timeline and a sortable list. Articles are written as they come.
func newHTMLWriter(w io.Writer, o formatOptions) articleWriter {
	ro := report.Options{}
	if o.model != nil {
		ro.Labels = o.model.Labels()
		ro.Model = o.model.String()
	}
	return report.NewWriter(w, ro)
}
