// Package models ships Parley's default model as bytes embedded in the
// binary. It imports nothing of Parley's; the classifier package decodes
// the bytes (classifier.Default).
//
// The model is trained from the corpus in ../data by the line below, which
// `go generate ./models` runs; a test checks that the embedded file is
// byte for byte what it produces from the current corpus.
package models

import _ "embed"

//go:generate go run ../cmd/parley train -o default.model.gz ../data/corpus ../data/articles

// Default is the default model file, gzip-compressed.
//
//go:embed default.model.gz
var Default []byte
