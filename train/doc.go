// Package train trains and evaluates classifiers: seeded stratified
// train/test splits, stratified k-fold cross-validation, evaluation reports
// (accuracy, per-label precision, recall, F1 and support, macro and weighted
// F1, the confusion matrix, calibration), and the fitting of a calibration
// temperature. Reports are values with text and JSON renderings.
package train
