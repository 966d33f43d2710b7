// Package classifier labels news sentences with the stance one actor takes
// toward another (in Parley's default model: conciliatory, warning or
// neutral), with a probability for every label and the words that decided
// it.
//
// A Classifier is a multinomial naive Bayes model. Its counts live in
// goml's text.NaiveBayes, which is what a model file stores, but Parley
// scores with the textbook rule instead of goml's Predict:
//
//	score(c | s) = log P(c) + Σ_f log( (n(f,c) + α) / (N(c) + α·V) )
//
// where the sum runs over the features f of sentence s that the model knows
// (each once, when the pipeline is binary), n(f,c) is how often f was seen
// with label c, N(c) = Σ_f n(f,c) is the number of feature occurrences of c,
// V the vocabulary size and α the additive smoothing. Probabilities are the
// softmax of the scores divided by a temperature T, computed in log space:
//
//	P(c | s) = exp(score(c)/T - logsumexp_c'(score(c')/T))
//
// so they never underflow to NaN, however long the input. T = 1 is plain
// naive Bayes; a T fitted by cross-validation calibrates the confidences.
//
// Train builds a classifier from labelled examples, Load reads a model file
// and Default returns the model embedded in the binary. A Classifier is
// immutable and safe for concurrent use by many goroutines.
package classifier
