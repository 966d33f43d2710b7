package data

import (
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// Corpus formats.
const (
	TSV   = "tsv"
	CSV   = "csv"
	JSONL = "jsonl"
)

// FormatOf returns the corpus format a file name implies: .tsv and .txt
// are TSV, .csv is CSV, .jsonl, .ndjson and .json are JSON Lines; a .gz
// suffix is looked through. It returns "" for an unknown extension.
func FormatOf(name string) string {
	name = strings.TrimSuffix(strings.ToLower(name), ".gz")
	switch filepath.Ext(name) {
	case ".tsv", ".txt", ".tab":
		return TSV
	case ".csv":
		return CSV
	case ".jsonl", ".ndjson", ".json":
		return JSONL
	}
	return ""
}

// NewReader returns a reader of format (TSV, CSV or JSONL) over r, naming
// name in its errors.
func NewReader(r io.Reader, name, format string) (Reader, error) {
	switch format {
	case TSV:
		t := NewTSVReader(r)
		t.File = name
		return t, nil
	case CSV:
		c := NewCSVReader(r)
		c.File = name
		return c, nil
	case JSONL:
		j := NewJSONLReader(r)
		j.File = name
		return j, nil
	}
	return nil, fmt.Errorf("%s: unknown corpus format %q (want tsv, csv or jsonl)", name, format)
}

// Open opens a corpus file. An empty format is taken from the file name
// (FormatOf); a .gz file is decompressed. Close the returned closer when done.
func Open(path, format string) (Reader, io.Closer, error) {
	if format == "" {
		if format = FormatOf(path); format == "" {
			return nil, nil, fmt.Errorf("%s: cannot tell the corpus format from the extension; name it (tsv, csv, jsonl)", path)
		}
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	var src io.Reader = f
	var closer io.Closer = f
	if strings.HasSuffix(strings.ToLower(path), ".gz") {
		z, err := gzip.NewReader(f)
		if err != nil {
			f.Close()
			return nil, nil, fmt.Errorf("%s: %w", path, err)
		}
		src = z
		closer = multiCloser{z, f}
	}
	r, err := NewReader(src, path, format)
	if err != nil {
		closer.Close()
		return nil, nil, err
	}
	return r, closer, nil
}

type multiCloser []io.Closer

func (m multiCloser) Close() error {
	var first error
	for _, c := range m {
		if err := c.Close(); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// ReadFiles reads every example of the named files and folders. A folder
// is walked recursively for files whose extension names a corpus format
// (a folder's .txt files are skipped: in Parley's layout they are raw
// articles, labelled by the .tsv beside them). Files are read in
// lexical order, so the result does not depend on the file system.
func ReadFiles(paths []string, format string) ([]Example, error) {
	files, err := CorpusFiles(paths)
	if err != nil {
		return nil, err
	}
	var all []Example
	for _, p := range files {
		r, c, err := Open(p, format)
		if err != nil {
			return nil, err
		}
		ex, err := ReadAll(r)
		c.Close()
		if err != nil {
			return nil, err
		}
		all = append(all, ex...)
	}
	return all, nil
}

// CorpusFiles expands folders in paths into the corpus files below them,
// in lexical order; named files are kept as given.
func CorpusFiles(paths []string) ([]string, error) {
	var files []string
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if !info.IsDir() {
			files = append(files, p)
			continue
		}
		err = filepath.WalkDir(p, func(path string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				return nil
			}
			if f := FormatOf(path); f != "" && !strings.HasSuffix(strings.TrimSuffix(strings.ToLower(path), ".gz"), ".txt") {
				files = append(files, path)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return files, nil
}
