# Sourced by scripts/peers.sh and scripts/wangmanning.sh: sets repo, tmp and
# parley (a freshly built binary), and python (Debian's /usr/bin/python3 with
# the modules the caller names, installed with apt-get when missing).
# shellcheck shell=bash

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
python=/usr/bin/python3

# need_python MODULE:PACKAGE... imports each module with /usr/bin/python3 and
# installs the Debian packages of those that fail.
need_python() {
	local missing=() pair
	for pair in "$@"; do
		if ! [[ -x $python ]] || ! "$python" -c "import ${pair%%:*}" 2>/dev/null; then
			missing+=("${pair#*:}")
		fi
	done
	((${#missing[@]} == 0)) && return 0
	local sudo=()
	if [[ $(id -u) != 0 ]]; then
		command -v sudo >/dev/null || {
			echo "$0: need ${missing[*]} for $python; install them as root (apt-get install ${missing[*]})" >&2
			exit 1
		}
		sudo=(sudo)
	fi
	command -v apt-get >/dev/null || {
		echo "$0: need the Debian packages ${missing[*]}, and there is no apt-get here" >&2
		exit 1
	}
	echo "installing ${missing[*]} with apt-get" >&2
	"${sudo[@]}" apt-get update -qq >&2
	DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >&2
	for pair in "$@"; do
		"$python" -c "import ${pair%%:*}" || {
			echo "$0: $python still cannot import ${pair%%:*} after installing ${pair#*:}" >&2
			exit 1
		}
	done
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
parley=$tmp/parley

# build_parley builds the command once into $parley.
build_parley() {
	echo "building parley" >&2
	(cd "$repo" && go build -o "$parley" ./cmd/parley)
}
