package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/parley-nlp/parley/classifier"
)

// loadModel returns the model at path, or the embedded default model when
// path is empty.
func loadModel(path string) (*classifier.Classifier, error) {
	if path == "" {
		return classifier.Default()
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("load model: %w", err)
	}
	defer f.Close()
	c, err := classifier.Load(f)
	if err != nil {
		return nil, fmt.Errorf("load model %s: %w", path, err)
	}
	return c, nil
}

// writeFileAtomic writes a file by writing a temporary file beside it and
// renaming it into place, so that a failed or interrupted run leaves any
// existing file as it was.
func writeFileAtomic(path string, write func(io.Writer) error) (err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err = write(tmp); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	if info, statErr := os.Stat(path); statErr == nil {
		os.Chmod(tmp.Name(), info.Mode().Perm())
	} else {
		os.Chmod(tmp.Name(), 0o644)
	}
	return os.Rename(tmp.Name(), path)
}

// openInputs calls f with each named file, or with standard input when no
// file is named ("-" also names standard input).
func openInputs(e *env, paths []string, f func(name string, r io.Reader) error) error {
	if len(paths) == 0 {
		paths = []string{"-"}
	}
	for _, p := range paths {
		if p == "-" {
			if err := f("stdin", e.stdin); err != nil {
				return err
			}
			continue
		}
		file, err := os.Open(p)
		if err != nil {
			return err
		}
		err = f(p, file)
		file.Close()
		if err != nil {
			return err
		}
	}
	return nil
}
