#!/usr/bin/env bash
# Runs every fuzz target in the module, one after another, each for a fixed
# time on one worker, and prints one line per target with how long it ran,
# how many inputs it tried and whether it found a failure.
#
#   scripts/fuzz.sh [-t 10m] [-p 1] [pattern]
#
# A failing input is written by go test under the package's
# testdata/fuzz/<Target>/ folder; commit it once fixed so CI replays it.
set -euo pipefail
cd "$(dirname "$0")/.."
time=10m par=1
while getopts "t:p:" o; do
	case $o in
	t) time=$OPTARG ;;
	p) par=$OPTARG ;;
	*) echo "usage: $0 [-t duration] [-p workers] [pattern]" >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
pattern=${1:-.}
log=$(mktemp -d)
status=0
printf '%-28s %-22s %8s %14s  %s\n' target package time execs result
while read -r pkg target; do
	[[ $target =~ $pattern ]] || continue
	out="$log/$target.log"
	start=$(date +%s)
	if go test -run '^$' -fuzz "^${target}\$" -fuzztime "$time" -parallel "$par" "$pkg" >"$out" 2>&1; then
		result=ok
	else
		result="FAIL (see $out)"
		status=1
	fi
	secs=$(($(date +%s) - start))
	execs=$(grep -o 'execs: [0-9]*' "$out" | tail -1 | cut -d' ' -f2)
	printf '%-28s %-22s %7ss %14s  %s\n' "$target" "${pkg#./}" "$secs" "${execs:-0}" "$result"
done < <(grep -ro --include='*_test.go' '^func Fuzz[A-Za-z0-9_]*' . |
	sed -E 's#^(.*)/[^/]*_test.go:func (Fuzz[A-Za-z0-9_]*)#\1 \2#' | sort)
exit $status
