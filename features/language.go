package features

import (
	"sort"
	"strings"

	"github.com/kljensen/snowball/english"
)

// language holds what the pipeline needs to know about one language.
type language struct {
	stem      func(word string, stemStopWords bool) string
	stopwords map[string]bool
	// cues are single words that open a negation scope.
	cues map[string]bool
	// pairCues are two-word negation cues ("rule out"): the first word's
	// forms map to the second word.
	pairCues map[string]string
	// clauseWords end a negation scope.
	clauseWords map[string]bool
	// clitics maps a contraction's stem part to its full word ("wo" of
	// "won't" to "will").
	clitics map[string]string
	// classes holds, for every word on one of the lists above, which lists
	// it is on, so that one lookup answers them all.
	classes map[string]wordClass
}

// wordClass says which of a language's word lists a word is on.
type wordClass uint8

const (
	cueWord       wordClass = 1 << iota // opens (or closes) a negation scope
	pairFirstWord                       // the first word of a two-word cue
	clauseWord                          // ends a negation scope
	stopWord                            // a function word
)

// withClasses fills l.classes from its word lists.
func (l *language) withClasses() *language {
	l.classes = make(map[string]wordClass)
	for w := range l.cues {
		l.classes[w] |= cueWord
	}
	for w := range l.pairCues {
		l.classes[w] |= pairFirstWord
	}
	for w := range l.clauseWords {
		l.classes[w] |= clauseWord
	}
	for w := range l.stopwords {
		l.classes[w] |= stopWord
	}
	return l
}

var languages = map[string]*language{
	"english": (&language{
		stem:        english.Stem,
		stopwords:   set(englishStopwords),
		cues:        set(englishNegationCues),
		pairCues:    englishPairCues,
		clauseWords: set(englishClauseWords),
		clitics:     map[string]string{"wo": "will", "ca": "can", "sha": "shall", "ai": "is"},
	}).withClasses(),
}

func supportedLanguages() string {
	names := make([]string, 0, len(languages))
	for n := range languages {
		names = append(names, n)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

func set(words string) map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// englishNegationCues open a negation scope.
const englishNegationCues = `not no never nor neither without cannot
refuse refuses refused refusing deny denies denied denying
reject rejects rejected rejecting decline declines declined declining
fail fails failed failing`

// englishPairCues are two-word cues: "rule out", "ruled out", "ruling out".
var englishPairCues = map[string]string{
	"rule": "out", "rules": "out", "ruled": "out", "ruling": "out",
}

// englishClauseWords end a negation scope: a new clause begins.
const englishClauseWords = `but however although though yet while whereas because unless if when until
instead rather since after before so`

// englishStopwords is a stock English function-word list with the stance
// cues taken out: not, no, never, nor, against, must, will, would, shall,
// should, can, could, may, might, if, unless, only, until, very, too and the
// contractions that carry them stay in the text, because they decide
// stances ("will not hesitate", "must stop", "if attacked").
const englishStopwords = `a about above after again all am an and any are as at be because been before
being below between both by did do does doing down during each few for from further had has have having he her
here hers herself him himself his how i in into is it its itself just me more most my myself of off on once or
other our ours ourselves out over own same she so some such than that the their theirs them themselves then there
these they this those through to under up we were what when where which who whom why with you your yours yourself
yourselves was s t d ll m o re ve y also said says say`
