#!/usr/bin/env bash
# Compares Parley with scikit-learn (MultinomialNB, ComplementNB, LinearSVC)
# and fastText. Prints Markdown tables; see scripts/peers.py for the settings.
#
#   scripts/peers.sh dev        # trained on data/corpus and data/articles, tested on diplomatic-news-dev
#   scripts/peers.sh dev data/corpus data/articles data/style
#                               # the same, trained on the folders given
#   scripts/peers.sh sst3       # official splits; Parley's settings chosen by CV on train
#   scripts/peers.sh newsmtsc
#   scripts/peers.sh speed [N]  # speed on the corpus replicated to ~N sentences (100000)
#   scripts/peers.sh all        # dev, sst3, newsmtsc and speed
#
# The datasets are read from ../shared/datasets (relative to the repository
# root), or $PARLEY_DATASETS; a dataset that is absent is skipped. Needs Go,
# and Debian's python3-sklearn and python3-fasttext, which it installs with
# apt-get when /usr/bin/python3 cannot import them.
set -euo pipefail
usage() {
	echo "usage: $0 dev [FOLDER...]|sst3|newsmtsc|speed [N]|all" >&2
	exit 2
}
(($# >= 1)) || usage
mode=$1
shift
case $mode in
dev) ;;
sst3 | newsmtsc | all) (($# == 0)) || usage ;;
speed) (($# <= 1)) || usage ;;
*) usage ;;
esac
# shellcheck source=scripts/peers-common.sh
source "$(dirname "$0")/peers-common.sh"
need_python sklearn:python3-sklearn fasttext:python3-fasttext
build_parley
py=("$python" "$repo/scripts/peers.py" --parley "$parley" --repo "$repo")
[[ -n ${PARLEY_DATASETS:-} ]] && py+=(--datasets "$PARLEY_DATASETS")
run() {
	echo "== scripts/peers.sh $*"
	case $1 in
	speed) "${py[@]}" speed ${2:+--sentences "$2"} ;;
	dev)
		local c=()
		for f in "${@:2}"; do c+=(--corpus "$f"); done
		"${py[@]}" dev "${c[@]}"
		;;
	*) "${py[@]}" "$1" ;;
	esac
	echo
}
if [[ $mode == all ]]; then
	for m in dev sst3 newsmtsc speed; do run "$m"; done
else
	run "$mode" "$@"
fi
