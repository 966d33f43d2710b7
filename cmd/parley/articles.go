package main

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/parley-nlp/parley/data"
)

// Article input formats.
const (
	inputText  = "txt"
	inputJSONL = "jsonl"
	inputCSV   = "csv"
)

// articleFormat returns the input format of a file by its extension, or ""
// when the extension names none.
func articleFormat(name string) string {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".txt", ".text":
		return inputText
	case ".jsonl", ".ndjson":
		return inputJSONL
	case ".csv":
		return inputCSV
	}
	return ""
}

// expandArticlePaths turns folders into the files below them that match
// glob (or, without a glob, that have an article extension), sorted.
func expandArticlePaths(paths []string, glob string) ([]string, error) {
	var out []string
	for _, p := range paths {
		if p == "-" {
			out = append(out, p)
			continue
		}
		info, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if !info.IsDir() {
			out = append(out, p)
			continue
		}
		var found []string
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				return nil
			}
			if glob != "" {
				if ok, _ := filepath.Match(glob, d.Name()); ok {
					found = append(found, path)
				}
			} else if articleFormat(path) != "" {
				found = append(found, path)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		sort.Strings(found)
		out = append(out, found...)
	}
	return out, nil
}

// maxArticleBytes bounds a plain-text article, which is read whole: it is
// the longest line the readers take, and so the longest JSON Lines article.
var maxArticleBytes = data.DefaultMaxLineBytes

// readArticles calls emit with every article of the named inputs, in order,
// reading one at a time. input forces a format; otherwise it comes from the
// extension, and standard input or an unknown extension is plain text.
func readArticles(e *env, paths []string, input string, emit func(data.Article) error) error {
	return openInputs(e, paths, func(name string, r io.Reader) error {
		format := input
		if format == "" {
			format = articleFormat(name)
		}
		switch format {
		case inputJSONL:
			ar := data.NewJSONLArticleReader(r)
			ar.File = name
			return drain(ar, emit)
		case inputCSV:
			ar := data.NewCSVArticleReader(r)
			ar.File = name
			return drain(ar, emit)
		case inputText, "":
			b, err := io.ReadAll(io.LimitReader(r, int64(maxArticleBytes)+1))
			if err != nil {
				return fmt.Errorf("read %s: %w", name, err)
			}
			if len(b) > maxArticleBytes {
				return fmt.Errorf("%s: article over %d bytes: a plain-text input is one article, read whole; split it into articles", name, maxArticleBytes)
			}
			a, err := data.ParseArticle(name, string(b))
			if err != nil {
				return err
			}
			return emit(a)
		}
		return usagef("-input must be txt, jsonl or csv, not %q", format)
	})
}

func drain(r data.ArticleReader, emit func(data.Article) error) error {
	for {
		a, err := r.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if err := emit(a); err != nil {
			return err
		}
	}
}
