#!/usr/bin/env bash
# Prints how the training settings of the default model compare on the
# real-news development set: each row trains on data/corpus and data/articles with the default
# flags plus the row's flags, and evaluates on
# ../shared/datasets/diplomatic-news-dev/dev.tsv. Calibration is off while
# comparing (a temperature never changes which label wins, so accuracy and
# F1 are the same with it).
#
#   scripts/settings.sh
set -euo pipefail
cd "$(dirname "$0")/.."
dev=../shared/datasets/diplomatic-news-dev/dev.tsv
if [ ! -f "$dev" ]; then
	echo "$0: $dev is absent; nothing to compare on" >&2
	exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/parley" ./cmd/parley
printf '%-38s %9s %9s\n' settings accuracy "macro F1"
while IFS= read -r flags; do
	# shellcheck disable=SC2086
	"$tmp/parley" train -calibrate 0 $flags -o "$tmp/m.model" data/corpus data/articles >/dev/null
	"$tmp/parley" eval -json -model "$tmp/m.model" "$dev" >"$tmp/r.json"
	/usr/bin/env python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
print("%-38s %9.4f %9.4f" % (sys.argv[2] or "(default)", r["accuracy"], r["macro_f1"]))
' "$tmp/r.json" "$flags"
done <<'ROWS'

-alpha 0.3
-alpha 0.5
-alpha 2
-ngrams 1
-ngrams 3
-stopwords
-binary=false
-negation=false
-priors uniform
-priors neutral=0.6,conciliatory=0.2,warning=0.2
-priors neutral=0.8,conciliatory=0.1,warning=0.1
ROWS
