package data

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Stats describes a labelled corpus.
type Stats struct {
	Examples int            `json:"examples"`
	Labels   map[string]int `json:"labels"`
	// Tags counts every tag ("area:nuclear", "hard:negation").
	Tags map[string]int `json:"tags"`
	// Hard is the number of examples with a "hard:" tag.
	Hard int `json:"hard"`
	// MinWords, MaxWords and MeanWords describe sentence lengths in words.
	MinWords  int     `json:"min_words"`
	MaxWords  int     `json:"max_words"`
	MeanWords float64 `json:"mean_words"`
	// Actors lists the countries, alliances and organisations of
	// KnownActors that the texts name, with how many examples name each.
	Actors map[string]int `json:"actors"`
	// Style is the StyleBalance of the examples, most skewed marker
	// first.
	Style []StyleShare `json:"style"`
}

// ComputeStats describes examples.
func ComputeStats(examples []Example) Stats {
	s := Stats{Examples: len(examples), Labels: map[string]int{}, Tags: map[string]int{}, Actors: map[string]int{}}
	total := 0
	for i, e := range examples {
		s.Labels[e.Label]++
		hard := false
		for _, t := range e.Tags {
			s.Tags[t]++
			hard = hard || strings.HasPrefix(t, "hard:")
		}
		if hard {
			s.Hard++
		}
		n := len(strings.Fields(e.Text))
		total += n
		if i == 0 || n < s.MinWords {
			s.MinWords = n
		}
		if n > s.MaxWords {
			s.MaxWords = n
		}
		for _, a := range actorsIn(e.Text) {
			s.Actors[a]++
		}
	}
	if len(examples) > 0 {
		s.MeanWords = float64(total) / float64(len(examples))
	}
	s.Style = StyleBalance(examples)
	return s
}

// KnownActors are the countries, alliances and organisations ComputeStats
// looks for, each with the spellings that name it.
var KnownActors = map[string][]string{
	"Afghanistan": {"Afghanistan", "Afghan", "Kabul"}, "African Union": {"African Union"}, "Al Qaeda": {"al Qaeda", "al-Qaeda", "Al Qaeda"},
	"Armenia": {"Armenia"}, "ASEAN": {"ASEAN"}, "Azerbaijan": {"Azerbaijan"}, "Brazil": {"Brazil"}, "China": {"China", "Chinese", "Beijing"},
	"Colombia": {"Colombia"}, "Congo": {"Congo"}, "Cuba": {"Cuba"}, "Cyprus": {"Cyprus", "Cypriot"}, "Egypt": {"Egypt", "Cairo"},
	"Eritrea": {"Eritrea"}, "Ethiopia": {"Ethiopia"}, "EU": {"European Union", "EU", "E.U."}, "France": {"France", "French", "Paris"},
	"Georgia": {"Georgia", "Tbilisi"}, "Germany": {"Germany", "German", "Berlin"}, "Greece": {"Greece", "Greek", "Athens"},
	"Hamas": {"Hamas"}, "Hezbollah": {"Hezbollah"}, "IAEA": {"IAEA", "International Atomic Energy Agency"}, "India": {"India", "New Delhi"},
	"Indonesia": {"Indonesia"}, "Iran": {"Iran", "Tehran"}, "Iraq": {"Iraq", "Baghdad"}, "Israel": {"Israel", "Jerusalem"},
	"Japan": {"Japan", "Tokyo"}, "Jordan": {"Jordan", "Amman"}, "Kosovo": {"Kosovo"}, "Lebanon": {"Lebanon", "Beirut"},
	"Mexico": {"Mexico"}, "NATO": {"NATO"}, "Nigeria": {"Nigeria"}, "North Korea": {"North Korea", "Pyongyang"},
	"OPEC": {"OPEC"}, "Pakistan": {"Pakistan", "Islamabad"}, "Palestinians": {"Palestinian"}, "Philippines": {"Philippines", "Manila"},
	"Russia": {"Russia", "Moscow", "Kremlin"}, "Rwanda": {"Rwanda"}, "Saudi Arabia": {"Saudi"}, "Serbia": {"Serbia", "Belgrade"},
	"Somalia": {"Somalia", "Mogadishu"}, "South Korea": {"South Korea", "Seoul"}, "Sudan": {"Sudan", "Khartoum"}, "Syria": {"Syria", "Damascus"},
	"Taiwan": {"Taiwan", "Taipei"}, "Taliban": {"Taliban"}, "Turkey": {"Turkey", "Turkish", "Ankara"}, "U.K.": {"Britain", "British", "London", "U.K."},
	"U.N.": {"United Nations", "U.N.", "UN Security Council"}, "U.S.": {"United States", "U.S.", "Washington"}, "Ukraine": {"Ukraine", "Kiev", "Kyiv"},
	"Venezuela": {"Venezuela", "Caracas"}, "Vietnam": {"Vietnam", "Hanoi"}, "WTO": {"WTO", "World Trade Organization"},
}

// actorsIn returns the known actors a text names.
func actorsIn(text string) []string {
	var out []string
	for name, forms := range KnownActors {
		for _, f := range forms {
			if containsWord(text, f) {
				out = append(out, name)
				break
			}
		}
	}
	return out
}

// containsWord reports whether phrase occurs in text between word boundaries.
func containsWord(text, phrase string) bool {
	for i := 0; ; {
		j := strings.Index(text[i:], phrase)
		if j < 0 {
			return false
		}
		j += i
		end := j + len(phrase)
		before := j == 0 || !isLetter(lastRune(text[:j]))
		after := end == len(text) || !isLetter(firstRune(text[end:]))
		if before && after {
			return true
		}
		i = j + 1
	}
}

func isLetter(r rune) bool { return unicode.IsLetter(r) }

func firstRune(s string) rune { r, _ := utf8.DecodeRuneInString(s); return r }

func lastRune(s string) rune { r, _ := utf8.DecodeLastRuneInString(s); return r }

// Skeleton reduces a sentence to what stays when names, places and numbers
// are swapped: lowercase words, with every run of capitalised words or
// numbers replaced by one "X". Two sentences with the same skeleton differ
// only by names, places or numbers.
func Skeleton(text string) string {
	var b strings.Builder
	lastX := false
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		r := firstRune(w)
		if unicode.IsUpper(r) || unicode.IsDigit(r) {
			if !lastX {
				b.WriteString("X ")
			}
			lastX = true
			continue
		}
		lastX = false
		b.WriteString(w)
		b.WriteByte(' ')
	}
	return strings.TrimSpace(b.String())
}

// NearDuplicates returns the groups of examples (by index) whose texts have
// the same Skeleton, each group sorted, groups in order of first index.
func NearDuplicates(examples []Example) [][]int {
	groups := map[string][]int{}
	var order []string
	for i, e := range examples {
		k := Skeleton(e.Text)
		if len(groups[k]) == 0 {
			order = append(order, k)
		}
		groups[k] = append(groups[k], i)
	}
	var out [][]int
	for _, k := range order {
		if g := groups[k]; len(g) > 1 {
			sort.Ints(g)
			out = append(out, g)
		}
	}
	return out
}

// SimilarPairs returns the pairs of examples (by index, i < j) whose word
// trigrams overlap by at least threshold (Jaccard: shared over all), found
// through an index of the trigrams, so it runs in about linear time on a
// corpus of varied sentences. Trigrams shared by more than 50 texts are
// stock phrases and do not count toward candidates.
func SimilarPairs(examples []Example, threshold float64) [][2]int {
	grams := make([]map[[3]string]bool, len(examples))
	index := map[[3]string][]int{}
	for i, e := range examples {
		w := strings.FieldsFunc(strings.ToLower(e.Text), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		grams[i] = map[[3]string]bool{}
		for k := 0; k+2 < len(w); k++ {
			g := [3]string{w[k], w[k+1], w[k+2]}
			if !grams[i][g] {
				grams[i][g] = true
				index[g] = append(index[g], i)
			}
		}
	}
	shared := map[[2]int]int{}
	for _, ids := range index {
		if len(ids) > 50 {
			continue
		}
		for a := 0; a < len(ids); a++ {
			for b := a + 1; b < len(ids); b++ {
				shared[[2]int{ids[a], ids[b]}]++
			}
		}
	}
	var out [][2]int
	for p, n := range shared {
		union := len(grams[p[0]]) + len(grams[p[1]]) - n
		if union > 0 && float64(n)/float64(union) >= threshold {
			out = append(out, p)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i][0] != out[j][0] {
			return out[i][0] < out[j][0]
		}
		return out[i][1] < out[j][1]
	})
	return out
}
