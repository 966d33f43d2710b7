package features_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/parley-nlp/parley/features"
)

// negated tokenizes text, runs a negation filter with the given scope over
// it, and renders the tokens with negated words prefixed by "not_".
func negated(text string, maxScope int) string {
	toks := features.NewUnicodeTokenizer("english").Tokenize(nil, text)
	toks = features.NewNegationFilter("english", maxScope).Filter(toks)
	parts := make([]string, len(toks))
	for i, tk := range toks {
		parts[i] = tk.Term
		if tk.Negated {
			parts[i] = features.NegationPrefix + tk.Term
		}
	}
	return strings.Join(parts, " ")
}

func TestNegationFilter(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		scope int
		want  string
	}{
		{"no cue", "Talks resumed on Monday.", 0, "talks resumed on monday ."},
		{"not to the end", "They will not attend the talks", 0, "they will not not_attend not_the not_talks"},
		{"not to punctuation", "They will not attend the talks, officials said.", 0,
			"they will not not_attend not_the not_talks , officials said ."},
		{"n't", "Iran didn't sign the deal.", 0, "iran did not not_sign not_the not_deal ."},
		{"won't", "They won't budge; talks continue.", 0, "they will not not_budge ; talks continue ."},
		{"no", "There was no agreement.", 0, "there was no not_agreement ."},
		{"never", "Kabul has never recognised the border.", 0, "kabul has never not_recognised not_the not_border ."},
		{"without", "The talks ended without a deal.", 0, "the talks ended without not_a not_deal ."},
		{"cannot", "We cannot accept this.", 0, "we cannot not_accept not_this ."},
		{"refused", "Moscow refused to comment.", 0, "moscow refused not_to not_comment ."},
		{"denied", "The army denied shelling villages.", 0, "the army denied not_shelling not_villages ."},
		{"rejected", "Seoul rejected the offer.", 0, "seoul rejected not_the not_offer ."},
		{"failed", "Talks failed to produce a deal.", 0, "talks failed not_to not_produce not_a not_deal ."},
		{"nor", "Neither side nor its allies.", 0, "neither not_side not_nor its allies ."},

		// Clause words end the scope.
		{"but", "He did not attend but sent an envoy.", 0, "he did not not_attend but sent an envoy ."},
		{"however", "They did not sign however talks go on.", 0, "they did not not_sign however talks go on ."},
		{"if", "We will not strike if they withdraw.", 0, "we will not not_strike if they withdraw ."},
		{"unless", "We will not strike unless attacked.", 0, "we will not not_strike unless attacked ."},
		{"although", "Iran did not comment although it was asked.", 0, "iran did not not_comment although it was asked ."},
		{"because", "They did not vote because they boycotted.", 0, "they did not not_vote because they boycotted ."},
		{"until", "Troops will not leave until May.", 0, "troops will not not_leave until may ."},
		{"clause word outside a scope", "But they left.", 0, "but they left ."},

		// Punctuation of every kind ends the scope.
		{"colon", "No deal: talks go on.", 0, "no not_deal : talks go on ."},
		{"dash", "No deal — talks go on.", 0, "no not_deal — talks go on ."},
		{"quote", `He said "no" to talks.`, 0, `he said " no " to talks .`},
		{"next sentence", "No deal. Talks go on.", 0, "no not_deal . talks go on ."},

		// The pair cue "rule out".
		{"ruled out", "Iran ruled out military action.", 0, "iran ruled out not_military not_action ."},
		{"rule out", "They rule out talks.", 0, "they rule out not_talks ."},
		{"ruling out", "Ruling out talks, he left.", 0, "ruling out not_talks , he left ."},
		{"rules out", "She rules out a deal.", 0, "she rules out not_a not_deal ."},
		{"rule without out", "The rule applies.", 0, "the rule applies ."},
		{"out without rule", "They walked out of talks.", 0, "they walked out of talks ."},
		{"rule at the end", "Under the new rule", 0, "under the new rule"},

		// Double negation toggles.
		{"did not rule out", "Iran did not rule out military action.", 0,
			"iran did not not_rule not_out military action ."},
		{"never refused", "He never refused talks.", 0, "he never not_refused talks ."},
		{"no one denied", "No official denied the report.", 0, "no not_official not_denied the report ."},
		{"not without", "The plan is not without risks.", 0, "the plan is not not_without risks ."},
		{"triple negation", "They did not refuse to deny it.", 0, "they did not not_refuse to deny not_it ."},

		// MaxScope caps the scope.
		{"scope 1", "They will not attend the talks.", 1, "they will not not_attend the talks ."},
		{"scope 2", "They will not attend the talks.", 2, "they will not not_attend not_the talks ."},
		{"scope 3", "They will not attend the talks in Doha.", 3, "they will not not_attend not_the not_talks in doha ."},
		{"scope longer than clause", "They will not attend, he said.", 5, "they will not not_attend , he said ."},
		{"scope resets at a new cue", "No talks, no deal and no peace.", 2, "no not_talks , no not_deal not_and no not_peace ."},
		{"cue inside a short scope", "He did not refuse talks today.", 1, "he did not not_refuse talks today ."},
		{"cue after the scope ended", "He did not attend the talks or refuse them.", 1,
			"he did not not_attend the talks or refuse not_them ."},
		{"pair cue counts once", "They did not rule out talks today.", 1, "they did not not_rule not_out talks today ."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, negated(tt.text, tt.scope))
		})
	}
}

func TestNegationFilterKeepsTokens(t *testing.T) {
	text := "They did not rule out talks, but refused a deal."
	toks := features.NewUnicodeTokenizer("english").Tokenize(nil, text)
	before := append([]features.Token(nil), toks...)
	got := features.NewNegationFilter("english", 0).Filter(toks)
	require.Len(t, got, len(before))
	for i := range got {
		assert.Equal(t, before[i].Term, got[i].Term)
		assert.Equal(t, before[i].Start, got[i].Start)
		assert.Equal(t, before[i].End, got[i].End)
		assert.Equal(t, before[i].Kind, got[i].Kind)
		if got[i].Kind == features.Punct {
			assert.False(t, got[i].Negated, "punctuation is never negated")
		}
	}
}

func TestNegationFilterEmpty(t *testing.T) {
	assert.Empty(t, features.NewNegationFilter("english", 0).Filter(nil))
	assert.Equal(t, "not", negated("not", 0))
	assert.Equal(t, "ruled out", negated("ruled out", 0))
	assert.Equal(t, "ruled", negated("ruled", 0))
}

// TestNegationBeforeStopwords checks that the pipeline marks negation
// before it drops stopwords: "not" survives as a feature, the words after
// it carry the prefix, and scopes still end at clause words that the
// stopword list would drop.
func TestNegationBeforeStopwords(t *testing.T) {
	cfg := features.DefaultConfig()
	cfg.NGrams = 1
	cfg.Stem = false
	p, err := features.New(cfg)
	require.NoError(t, err)

	tests := []struct {
		text string
		want []string
	}{
		{"They did not attend the talks.", []string{"not", "not_attend", "not_talks"}},
		{"They didn't attend the talks.", []string{"not", "not_attend", "not_talks"}},
		{"It is not for the army to decide.", []string{"not", "not_army", "not_decide"}},
		{"There is no doubt about it.", []string{"no", "not_doubt"}},
		{"We will never accept that.", []string{"will", "never", "not_accept"}},
		{"He did not attend because he was ill.", []string{"not", "not_attend", "ill"}},
		{"He did not attend before talks began.", []string{"not", "not_attend", "talks", "began"}},
		{"Iran did not rule out strikes.", []string{"iran", "not", "not_rule", "strikes"}},
		{"Iran ruled out strikes.", []string{"iran", "ruled", "not_strikes"}},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			assert.Equal(t, tt.want, p.Features(tt.text))
		})
	}
}
