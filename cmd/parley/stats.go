package main

import (
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/parley-nlp/parley/data"
)

var statsCmd = &command{
	name:    "stats",
	args:    "[CORPUS...]",
	summary: "describe a labelled corpus",
	help: `Stats prints what a labelled corpus holds: examples per label, tags (area:, domain:,
hard:), sentence lengths, the countries and organisations it names, the style markers
that its labels use at very different rates (a bag-of-words model reads such a gap
as stance; see data.StyleMarkers), and groups of sentences that differ only by
names, places or numbers.`,
	flags: func(fs *flag.FlagSet) func(*env, []string) error {
		format := fs.String("format", "", "corpus format: tsv, csv or jsonl (default: by file extension)")
		asJSON := fs.Bool("json", false, "write the statistics as JSON")
		skew := fs.Float64("skew", 2, "list the style markers whose skew between labels is at least this")
		return func(e *env, args []string) error {
			ex, err := readCorpus(e, args, *format)
			if err != nil {
				return err
			}
			s := data.ComputeStats(ex)
			if *asJSON {
				return writeJSON(e, s)
			}
			w := e.stdout
			writeCorpusSummary(w, ex)
			fmt.Fprintf(w, "hard cases: %d (%.1f%%)\n", s.Hard, 100*float64(s.Hard)/float64(max(1, s.Examples)))
			fmt.Fprintf(w, "words per sentence: min %d, mean %.1f, max %d\n", s.MinWords, s.MeanWords, s.MaxWords)
			fmt.Fprintf(w, "countries, alliances and organisations named: %d\n", len(s.Actors))
			tags := make([]string, 0, len(s.Tags))
			for t := range s.Tags {
				tags = append(tags, t)
			}
			sort.Strings(tags)
			fmt.Fprintln(w, "tags:")
			for _, t := range tags {
				fmt.Fprintf(w, "  %-28s %6d\n", t, s.Tags[t])
			}
			writeStyle(w, s, *skew)
			groups := data.NearDuplicates(ex)
			fmt.Fprintf(w, "near-duplicate groups: %d\n", len(groups))
			for _, g := range groups {
				var texts []string
				for _, i := range g {
					texts = append(texts, ex[i].Text)
				}
				fmt.Fprintf(w, "  %s\n", strings.Join(texts, "\n  ~ "))
			}
			return nil
		}
	},
}

// writeStyle lists the style markers whose skew is at least minSkew, with
// the share of each label's sentences that use them.
func writeStyle(w io.Writer, s data.Stats, minSkew float64) {
	var labels []string
	for l := range s.Labels {
		labels = append(labels, l)
	}
	sort.Strings(labels)
	n := 0
	for _, m := range s.Style {
		if m.Skew >= minSkew {
			n++
		}
	}
	fmt.Fprintf(w, "style markers with skew >= %g: %d of %d\n", minSkew, n, len(s.Style))
	if n == 0 {
		return
	}
	fmt.Fprintf(w, "  %-10s %6s", "marker", "skew")
	for _, l := range labels {
		fmt.Fprintf(w, " %13s", l)
	}
	fmt.Fprintln(w)
	for _, m := range s.Style[:n] {
		fmt.Fprintf(w, "  %-10s %6.2f", m.Marker, m.Skew)
		for _, l := range labels {
			fmt.Fprintf(w, " %12.1f%%", 100*m.Share[l])
		}
		fmt.Fprintln(w)
	}
}
