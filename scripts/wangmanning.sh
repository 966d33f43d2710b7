#!/usr/bin/env bash
# Reproduces Wang & Manning (2012), "Baselines and bigrams", Table 3: Parley's
# 10-fold cross-validation accuracy on RT-s (rt-polarity) and Subj, printed
# beside the paper's MNB-uni, MNB-bi and NBSVM-bi rows.
#
#   scripts/wangmanning.sh        # run the chosen settings (4 CV seeds each)
#   scripts/wangmanning.sh grid   # search the settings first (about 15 minutes), then run the best
#
# The datasets are read from ../shared/datasets (relative to the repository
# root), or $PARLEY_DATASETS; a dataset that is absent is skipped.
set -euo pipefail
case ${1:-} in
"") grid=() ;;
grid) grid=(--grid) ;;
*)
	echo "usage: $0 [grid]" >&2
	exit 2
	;;
esac
# shellcheck source=scripts/peers-common.sh
source "$(dirname "$0")/peers-common.sh"
need_python json:python3
build_parley
py=("$python" "$repo/scripts/peers.py" --parley "$parley" --repo "$repo")
[[ -n ${PARLEY_DATASETS:-} ]] && py+=(--datasets "$PARLEY_DATASETS")
"${py[@]}" wangmanning "${grid[@]}"
