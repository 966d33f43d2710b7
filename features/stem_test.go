package features_test

import (
	"fmt"
	"sync"
	"testing"

	"github.com/kljensen/snowball/english"
	"github.com/stretchr/testify/assert"

	"github.com/parley-nlp/parley/features"
)

var stemWords = []string{
	"talks", "talking", "talked", "negotiations", "negotiated", "military", "officials", "agreement",
	"agreed", "ceasefire", "ceasefires", "sanctions", "sanctioned", "hesitate", "hesitation", "warned",
	"warning", "threatening", "peaceful", "peacefully", "generously", "relational", "conditional",
	"the", "a", "is", "not", "no", "out", "u.s.", "cease-fire", "o'neill", "café", "москва", "1,200",
	"<num>", "", "y", "ied", "skies", "dying", "news", "sky", "howe", "atlas", "cosmos", "bias",
	"andes", "proceed", "exceed", "succeed", "canning", "inning", "outing", "herring", "earring",
	"generate", "generic", "communism", "communication", "arsenal", "past", "universal", "yelled",
	"dyed", "flies", "ties", "cries", "\xff", "ab\x00c",
}

func TestStemMatchesSnowball(t *testing.T) {
	f := features.NewStemFilter("english")
	for _, word := range stemWords {
		want := english.Stem(word, true)
		assert.Equal(t, want, f.Stem(word), "first call: %q", word)
		assert.Equal(t, want, f.Stem(word), "memoized call: %q", word)
	}
}

func TestStemFilter(t *testing.T) {
	f := features.NewStemFilter("english")
	toks := []features.Token{
		{Term: "talks", Kind: features.Word},
		{Term: "warnings", Kind: features.Word, Negated: true},
		{Term: features.NumberTerm, Kind: features.Word},
		{Term: "...", Kind: features.Punct},
	}
	got := f.Filter(toks)
	assert.Equal(t, []features.Token{
		{Term: "talk", Kind: features.Word},
		{Term: "warn", Kind: features.Word, Negated: true},
		{Term: features.NumberTerm, Kind: features.Word},
		{Term: "...", Kind: features.Punct},
	}, got)
}

// TestStemConcurrent stems the same and different words from many
// goroutines at once through one StemFilter (and copies of it, which share
// the memo). Run with -race.
func TestStemConcurrent(t *testing.T) {
	f := features.NewStemFilter("english")
	words := append([]string(nil), stemWords...)
	for i := 0; i < 200; i++ {
		words = append(words, fmt.Sprintf("negotiat%ding", i))
	}
	want := make([]string, len(words))
	for i, w := range words {
		want[i] = english.Stem(w, true)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 16*len(words))
	for g := 0; g < 16; g++ {
		wg.Add(1)
		go func(g int, f features.StemFilter) {
			defer wg.Done()
			for k := range words {
				i := (k + g*37) % len(words)
				if got := f.Stem(words[i]); got != want[i] {
					errs <- fmt.Sprintf("Stem(%q) = %q, want %q", words[i], got, want[i])
				}
			}
		}(g, f)
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
