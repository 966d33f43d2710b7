// Package features turns news text into the features Parley's classifier
// counts: it splits articles into sentences (with byte offsets, datelines
// stripped), and turns each sentence into feature strings through a pipeline
// of small stages: tokenize, mark negation, drop stopwords, normalise numbers,
// stem, and form n-grams.
//
// Every stage is a value with one method (a [Tokenizer] or a [TokenFilter]),
// and a [Pipeline] is built from a [Config]. The Config is JSON-tagged and is
// stored inside every model file, so training and prediction always compute
// features the same way.
package features
