package features_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/parley-nlp/parley/features"
)

func TestIsStopword(t *testing.T) {
	tests := []struct {
		word string
		want bool
	}{
		// Stance cues stay in the text.
		{"not", false}, {"no", false}, {"never", false}, {"nor", false}, {"against", false},
		{"must", false}, {"will", false}, {"should", false}, {"would", false}, {"shall", false},
		{"can", false}, {"could", false}, {"may", false}, {"might", false},
		{"if", false}, {"unless", false}, {"only", false}, {"until", false}, {"very", false}, {"too", false},
		{"cannot", false}, {"without", false},
		// Function words go.
		{"the", true}, {"a", true}, {"an", true}, {"of", true}, {"and", true}, {"to", true}, {"in", true},
		{"is", true}, {"was", true}, {"did", true}, {"they", true}, {"we", true}, {"said", true}, {"says", true},
		{"because", true}, {"before", true}, {"out", true},
		// Contraction leftovers.
		{"s", true}, {"t", true}, {"ll", true}, {"ve", true}, {"re", true}, {"d", true}, {"m", true},
		// Content words and case: the list is lowercase.
		{"talks", false}, {"ceasefire", false}, {"The", false}, {"", false},
	}
	for _, tt := range tests {
		t.Run(tt.word, func(t *testing.T) {
			assert.Equal(t, tt.want, features.IsStopword("english", tt.word))
		})
	}
	assert.False(t, features.IsStopword("klingon", "the"), "unknown language")
}

func TestStopwordFilter(t *testing.T) {
	tests := []struct {
		text string
		want []tok
	}{
		{"The talks will not resume, officials said.",
			[]tok{w("talks", "talks"), w("will", "will"), w("not", "not"), w("resume", "resume"), p(","), w("officials", "officials"), p(".")}},
		{"We must act if they attack, unless they withdraw.",
			[]tok{w("must", "must"), w("act", "act"), w("if", "if"), w("attack", "attack"), p(","), w("unless", "unless"), w("withdraw", "withdraw"), p(".")}},
		{"It should never be against the law.",
			[]tok{w("should", "should"), w("never", "never"), w("against", "against"), w("law", "law"), p(".")}},
		{"They'd say no.", []tok{w("would", "'d"), w("no", "no"), p(".")}},
		{"the of and", []tok{}},
		{"", []tok{}},
	}
	f := features.NewStopwordFilter("english")
	tk := features.NewUnicodeTokenizer("english")
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			got := f.Filter(tk.Tokenize(nil, tt.text))
			checkTokens(t, tt.text, got)
			assert.Equal(t, tt.want, toToks(tt.text, got))
		})
	}
}

func TestStopwordFilterKeepsNegation(t *testing.T) {
	toks := []features.Token{
		{Term: "the", Kind: features.Word, Negated: true},
		{Term: "talks", Kind: features.Word, Negated: true},
		{Term: ",", Kind: features.Punct},
	}
	got := features.NewStopwordFilter("english").Filter(toks)
	assert.Equal(t, []features.Token{{Term: "talks", Kind: features.Word, Negated: true}, {Term: ",", Kind: features.Punct}}, got)
}
