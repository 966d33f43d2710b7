// Package data reads labelled corpora and news articles.
//
// Corpus readers follow encoding/csv: NewXReader(io.Reader) returns a
// reader whose Read method returns one Example at a time and io.EOF at the
// end, streaming, with errors of type *ParseError that name the file and
// line. Three formats are supported:
//
//   - TSV: label<TAB>text, optionally <TAB>tags (space-separated key:value
//     words); blank lines and lines starting with '#' are skipped.
//   - CSV: a header row naming the label and text columns (and optionally
//     tags); other columns are ignored.
//   - JSON Lines: one object per line with "text" and "label" (and
//     optionally "tags", an array of strings).
//
// Article readers return [Article] values: plain text with an optional
// header (a "date YYYY-MM-DD" line or prefix, "title:" and "source:"
// lines), JSON Lines of {"id","date","title","source","text"}, and CSV with
// a header naming those columns.
//
// The folders beside this file hold Parley's own labelled corpus; see
// GUIDE.md.
package data
