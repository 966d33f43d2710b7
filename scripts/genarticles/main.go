// Command genarticles writes a stream of news-like articles as JSON Lines
// ({"id","date","title","source","text"}), each made of sentences drawn at
// random from a labelled corpus, for measuring 'parley score' on long
// input (scripts/memory.sh). The stream is the same for the same flags and
// corpus, and is written as it is made, so it can be piped.
//
//	go run ./scripts/genarticles [-sentences N] [-per K] [-seed S] [CORPUS...] | parley score -input jsonl
//
// The corpus defaults to data/corpus. At the end it reports on standard
// error how many articles and sentences it wrote, and how many sentences
// Parley's segmenter finds in them, which is what score will label.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"time"

	"github.com/parley-nlp/parley/data"
	"github.com/parley-nlp/parley/features"
)

func main() {
	n := flag.Int("sentences", 1_000_000, "sentences to write in all")
	per := flag.Int("per", 20, "sentences per article")
	seed := flag.Uint64("seed", 1, "seed of the random choices")
	flag.Parse()
	paths := flag.Args()
	if len(paths) == 0 {
		paths = []string{"data/corpus"}
	}
	if *n < 0 || *per < 1 {
		fmt.Fprintln(os.Stderr, "genarticles: -sentences must be at least 0 and -per at least 1")
		os.Exit(2)
	}
	if err := generate(paths, *n, *per, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "genarticles:", err)
		os.Exit(1)
	}
}

type article struct {
	ID     string `json:"id"`
	Date   string `json:"date"`
	Title  string `json:"title"`
	Source string `json:"source"`
	Text   string `json:"text"`
}

func generate(paths []string, n, per int, seed uint64) error {
	ex, err := data.ReadFiles(paths, "")
	if err != nil {
		return err
	}
	if len(ex) == 0 {
		return fmt.Errorf("no sentences in %s", strings.Join(paths, ", "))
	}
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	w := bufio.NewWriterSize(os.Stdout, 64<<10)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	day := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	sources := []string{"Parley wire", "Example Times", "Sample Herald"}
	var b strings.Builder
	articles, segmented := 0, 0
	for written := 0; written < n; articles++ {
		k := min(per, n-written)
		b.Reset()
		for j := range k {
			if j > 0 {
				if j%5 == 0 {
					b.WriteString("\n\n")
				} else {
					b.WriteByte(' ')
				}
			}
			b.WriteString(ex[rng.IntN(len(ex))].Text)
		}
		text := b.String()
		written += k
		segmented += len(features.Segment(text))
		title := strings.Fields(text)
		a := article{
			ID:     fmt.Sprintf("gen-%07d", articles),
			Date:   day.AddDate(0, 0, articles%1500).Format(time.DateOnly),
			Title:  strings.Join(title[:min(8, len(title))], " "),
			Source: sources[articles%len(sources)],
			Text:   text,
		}
		if err := enc.Encode(a); err != nil {
			return err
		}
	}
	if err := w.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "genarticles: %d articles, %d sentences, %d as segmented\n", articles, n, segmented)
	return nil
}
