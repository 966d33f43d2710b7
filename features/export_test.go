package features

// VisitNGrams exposes the n-gram stage to the external benchmarks.
var VisitNGrams = visitNGrams
