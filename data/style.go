package data

import (
	"math"
	"sort"
	"strings"
	"unicode"
)

// StyleMarkers are words that say how a sentence is written rather than
// what stance it takes: tense and aspect (has, is, was), attribution (said,
// says, told, according), subordination (since, because, when, which),
// comparison (than, most) and reference (it, they). In real news every
// label uses them. A corpus whose labels use them at very different rates
// teaches a bag-of-words model to read style as stance: if stance sentences
// are all written in the past tense of reported speech, "has" and "since"
// become evidence of neutral. The stance cues that the stopword list keeps
// (not, would, if, must, ...) are deliberately not markers.
var StyleMarkers = []string{
	"has", "have", "had", "is", "are", "was", "were", "been", "be",
	"said", "says", "say", "told", "according",
	"since", "because", "when", "where", "which", "who", "while", "after", "before", "as", "about",
	"than", "more", "most",
	"it", "its", "they", "their", "and", "but",
}

// NumberMarker is the style marker of a sentence that contains a digit.
const NumberMarker = "<number>"

// StyleShare is how often each label's examples use one style marker.
type StyleShare struct {
	// Marker is the word, or NumberMarker.
	Marker string `json:"marker"`
	// Share maps each label to the fraction of its examples that contain
	// the marker at least once.
	Share map[string]float64 `json:"share"`
	// Skew is the largest of the labels' smoothed shares divided by the
	// smallest: with k of a label's n examples containing the marker, its
	// smoothed share is (k+1)/(n+2), so a marker no example uses has skew 1
	// and a rare one cannot reach a large skew by chance. Under naive Bayes
	// with binary features, ln(Skew) is about the most weight, in nats, that
	// the marker alone can add to one label over another.
	Skew float64 `json:"skew"`
}

// StyleBalance returns the StyleShare of every style marker (and of
// NumberMarker) in examples, most skewed first. It returns nil when the
// examples have fewer than two labels.
func StyleBalance(examples []Example) []StyleShare {
	perLabel := map[string]int{}
	hits := map[string]map[string]int{} // marker -> label -> examples
	markers := make(map[string]bool, len(StyleMarkers))
	for _, m := range StyleMarkers {
		markers[m] = true
		hits[m] = map[string]int{}
	}
	hits[NumberMarker] = map[string]int{}
	seen := map[string]bool{}
	for _, e := range examples {
		perLabel[e.Label]++
		clear(seen)
		for _, w := range strings.FieldsFunc(e.Text, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' && r != '\u2019' }) {
			w = strings.ToLower(strings.ReplaceAll(w, "\u2019", "'"))
			if markers[w] && !seen[w] {
				seen[w] = true
				hits[w][e.Label]++
			}
		}
		if strings.IndexFunc(e.Text, unicode.IsDigit) >= 0 {
			hits[NumberMarker][e.Label]++
		}
	}
	if len(perLabel) < 2 {
		return nil
	}
	out := make([]StyleShare, 0, len(hits))
	for m, byLabel := range hits {
		s := StyleShare{Marker: m, Share: make(map[string]float64, len(perLabel))}
		lo, hi := math.Inf(1), 0.0
		for label, n := range perLabel {
			k := byLabel[label]
			s.Share[label] = float64(k) / float64(n)
			sm := float64(k+1) / float64(n+2)
			lo, hi = min(lo, sm), max(hi, sm)
		}
		s.Skew = hi / lo
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Skew != out[j].Skew {
			return out[i].Skew > out[j].Skew
		}
		return out[i].Marker < out[j].Marker
	})
	return out
}
