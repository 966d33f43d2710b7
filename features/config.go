package features

import (
	"fmt"
)

// Config holds the settings of a feature pipeline. It is saved inside every
// model, so that prediction uses exactly the settings training used.
type Config struct {
	// Language selects the stopword list, the negation cues and the
	// Snowball stemmer. Only "english" is supported today.
	Language string `json:"language"`
	// Negation marks the words that follow a negation cue (not, no, never,
	// n't, without, refuse, deny, rule out, ...) up to the end of the clause,
	// so that "talks" and "not_talks" are different features.
	Negation bool `json:"negation"`
	// NegationScope caps how many words a negation marks; 0 means the scope
	// runs to the next punctuation mark or clause boundary.
	NegationScope int `json:"negation_scope"`
	// Stopwords removes function words. The list keeps the stance cues (not,
	// no, never, against, must, will, should, would, if, unless, ...).
	Stopwords bool `json:"stopwords"`
	// Stem reduces words to their Snowball stems.
	Stem bool `json:"stem"`
	// Numbers replaces every token that contains a digit with one shared
	// token, so that "1,200" and "35" count as the same feature.
	Numbers bool `json:"numbers"`
	// NGrams is the longest n-gram formed: 1 for unigrams, 2 for unigrams
	// plus bigrams, 3 to add trigrams.
	NGrams int `json:"ngrams"`
	// Binary counts each feature at most once per sentence.
	Binary bool `json:"binary"`
}

// DefaultConfig returns the settings Parley's default model uses: negation
// marking, stance-preserving stopwords, Snowball stemming, number folding,
// unigrams plus bigrams, binarized counts.
func DefaultConfig() Config {
	return Config{
		Language:  "english",
		Negation:  true,
		Stopwords: true,
		Stem:      true,
		Numbers:   true,
		NGrams:    2,
		Binary:    true,
	}
}

// Validate reports whether c describes a pipeline this build can run.
func (c Config) Validate() error {
	if _, ok := languages[c.Language]; !ok {
		return fmt.Errorf("feature config: unsupported language %q (supported: %s)", c.Language, supportedLanguages())
	}
	if c.NGrams < 1 || c.NGrams > 3 {
		return fmt.Errorf("feature config: ngrams must be 1, 2 or 3, not %d", c.NGrams)
	}
	if c.NegationScope < 0 {
		return fmt.Errorf("feature config: negation scope must not be negative, got %d", c.NegationScope)
	}
	return nil
}
