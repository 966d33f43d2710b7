package features

// Kind says what a token is.
type Kind uint8

const (
	// Word is a run of letters and digits, with inner apostrophes and hyphens.
	Word Kind = iota
	// Punct is one punctuation mark. Punctuation bounds negation scopes and
	// n-grams and is never a feature itself.
	Punct
)

// Token is one unit of a sentence as it moves through a pipeline.
type Token struct {
	// Term is the token's current form: lowercased by the tokenizer, then
	// rewritten by later stages (a stem, a number class).
	Term string
	// Start and End are the byte offsets of the token's surface form in the
	// analysed text, so text[Start:End] is what the reader sees.
	Start, End int
	// Kind is Word or Punct.
	Kind Kind
	// Negated is set by the negation stage for words inside a negation's scope.
	Negated bool
}

// Tokenizer splits text into tokens, appending them to dst.
type Tokenizer interface {
	Tokenize(dst []Token, text string) []Token
}

// TokenFilter rewrites a token stream: it may change terms, set flags, or
// drop tokens. It may reuse the backing array of its input.
type TokenFilter interface {
	Filter(tokens []Token) []Token
}
