#!/usr/bin/env bash
# Measures the peak memory (resident set size) and the speed of
# 'parley score' on a long stream: 1,000,000 news-like sentences, built
# from the corpus in data/corpus and written as JSON Lines articles of
# about 20 sentences (scripts/genarticles), piped into
# 'parley score -input jsonl -format jsonl' with the output thrown away.
#
#   scripts/memory.sh [-n SENTENCES] [-- extra score flags, e.g. -explain 3]
#
# It needs GNU time at /usr/bin/time (apt-get install time). The goal is a
# peak under 100 MB: memory must not grow with the length of the stream.
set -euo pipefail
cd "$(dirname "$0")/.."
n=1000000
while getopts "n:" o; do
	case $o in
	n) n=$OPTARG ;;
	*) echo "usage: $0 [-n sentences] [-- score flags]" >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
if [ ! -x /usr/bin/time ]; then
	echo "$0: needs GNU time at /usr/bin/time (apt-get install time)" >&2
	exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/parley" ./cmd/parley
go build -o "$tmp/genarticles" ./scripts/genarticles

"$tmp/genarticles" -sentences "$n" -per 20 data/corpus 2>"$tmp/gen.txt" |
	/usr/bin/time -v -o "$tmp/time.txt" "$tmp/parley" score -input jsonl -format jsonl "$@" >/dev/null

cat "$tmp/gen.txt"
# The sentences score labels: as Parley's segmenter counts them.
sentences=$(sed -n 's/.*, \([0-9]*\) as segmented$/\1/p' "$tmp/gen.txt")
awk -F': ' -v n="${sentences:-$n}" '
	/Maximum resident set size/ { rss = $2 }
	/Elapsed \(wall clock\) time/ {
		k = split($2, p, ":"); wall = 0
		for (i = 1; i <= k; i++) wall = wall * 60 + p[i]
	}
	/User time/ { user = $2 }
	/System time/ { sys = $2 }
	END {
		printf "parley score: peak RSS %.1f MB (%d KiB)\n", rss * 1024 / 1e6, rss
		printf "parley score: %.1f s wall, %.1f s user, %.1f s system: %.0f sentences/s (%d sentences)\n", wall, user, sys, n / wall, n
		if (rss * 1024 > 100e6) { print "over the goal of 100 MB"; exit 1 }
	}' "$tmp/time.txt"
