package features

import (
	"regexp"
	"unicode"
	"unicode/utf8"
)

// datelineRE matches a wire-style dateline: a place in capitals, optionally
// a region or date, optionally an agency in brackets, then a colon or dash.
var datelineRE = regexp.MustCompile(`^` +
	`[\p{Lu}][\p{Lu}'’.\-]*(?:[ \t]+[\p{Lu}][\p{Lu}'’.\-]*)*` + // ISLAMABAD, UNITED NATIONS, ST. PETERSBURG
	`(?:,[ \t]+\p{Lu}[\p{L}.]*(?:[ \t]+\p{Lu}[\p{L}.]*)*)?` + // , Afghanistan / , Ivory Coast
	`(?:,?[ \t]+\p{Lu}\p{Ll}{2,8}\.?[ \t]+\d{1,2})?` + // , March 4 / Jan. 5
	`(?:[ \t]*\([^()\n]{1,40}\)[ \t]*(?::|--|-|—|–)?|[ \t]*(?::|--|-|—|–))` + // (Reuters) - / :
	`[ \t]+`)

// DatelineLen returns the length in bytes of the dateline that text starts
// with ("ISLAMABAD: ", "TEHRAN (Reuters) - ", "KABUL, Afghanistan -- "), or 0
// when it starts with none. The place must be at least two capital letters,
// and the text after a dateline begins a sentence, so a lowercase word there
// means there is none ("AIDS (acquired immune deficiency syndrome) remains").
func DatelineLen(text string) int {
	loc := datelineRE.FindStringIndex(text)
	if loc == nil {
		return 0
	}
	if r, _ := utf8.DecodeRuneInString(text[loc[1]:]); unicode.IsLower(r) {
		return 0
	}
	upper := 0
	for _, r := range text[:loc[1]] {
		if unicode.IsUpper(r) {
			upper++
		} else if unicode.IsLower(r) || r == '(' || r == ',' || r == ':' || r == '-' || r == '—' || r == '–' {
			break
		}
	}
	if upper < 2 {
		return 0
	}
	return loc[1]
}
