package main

import (
	"compress/gzip"
	"io"
	"strings"

	"github.com/parley-nlp/parley/classifier"
)

// writeModel writes c to w, gzip-compressed when name ends in .gz.
func writeModel(w io.Writer, c *classifier.Classifier, name string) error {
	if !strings.HasSuffix(name, ".gz") {
		_, err := c.WriteTo(w)
		return err
	}
	z, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	if _, err := c.WriteTo(z); err != nil {
		return err
	}
	return z.Close()
}
