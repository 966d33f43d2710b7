#!/usr/bin/env bash
# Load test of 'parley serve'. It builds parley and the load generator
# (scripts/loadtest), starts 'parley serve' on a free local port with
# -max-body 1MiB, waits for /healthz, and then checks:
#
#   load       -n requests from -c concurrent clients to /v1/classify and
#              /v1/score, built from data/corpus and data/articles: every
#              answer is 200, valid and the same as the first answer for
#              the same input; prints throughput and latency percentiles
#   oversize   a body over -max-body gets 413 with a JSON error
#   slowloris  a client that sends its headers and then trickles its body
#              is cut off by the server's read timeout (it runs beside the
#              load, so it also shows that a slow client holds nobody up)
#   drain      SIGTERM during a burst of requests: every request the server
#              accepted is answered 200, as many requests as the server
#              logged are answered, the process exits 0, and new
#              connections are refused afterwards
#
#   scripts/loadtest.sh [-c CLIENTS] [-n REQUESTS] [-- extra load flags, e.g. -mix 0.5]
#
# It exits 1 if any check fails. The server runs with a 5 s read timeout
# (serve -read-timeout; the default is 60 s) so that the slow-client check
# does not wait long; load requests are far quicker than that.
set -uo pipefail
cd "$(dirname "$0")/.."
clients=16 requests=5000
while getopts "c:n:" o; do
	case $o in
	c) clients=$OPTARG ;;
	n) requests=$OPTARG ;;
	*) echo "usage: $0 [-c clients] [-n requests] [-- load flags]" >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))

max_body=1048576  # passed to serve as -max-body
read_timeout=5s   # passed to serve as -read-timeout

tmp=$(mktemp -d)
pid=
slow_pid=
cleanup() {
	[ -n "$slow_pid" ] && kill "$slow_pid" 2>/dev/null
	[ -n "$pid" ] && kill "$pid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
set -e
go build -o "$tmp/parley" ./cmd/parley
go build -o "$tmp/loadtest" ./scripts/loadtest
set +e

failed=()
check() { # name status
	if [ "$2" -eq 0 ]; then
		echo "PASS $1"
	else
		echo "FAIL $1"
		failed+=("$1")
	fi
}

echo "machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1), load average $(cut -d' ' -f1-3 /proc/loadavg)"
"$tmp/parley" serve -addr 127.0.0.1:0 -max-body "$max_body" -read-timeout "$read_timeout" 2>"$tmp/serve.log" &
pid=$!
addr=
for _ in $(seq 100); do
	addr=$(sed -n 's|^parley serve: listening on http://\([^ ]*\) .*|\1|p' "$tmp/serve.log")
	[ -n "$addr" ] && break
	kill -0 "$pid" 2>/dev/null || break
	sleep 0.1
done
if [ -z "$addr" ]; then
	echo "parley serve did not start:" >&2
	cat "$tmp/serve.log" >&2
	exit 1
fi
echo "server: pid $pid, http://$addr, -max-body $max_body"
if ! "$tmp/loadtest" -healthz -addr "$addr" -timeout 10s; then
	exit 1
fi

echo
echo "== load, with a slow client beside it =="
"$tmp/loadtest" -slowloris -addr "$addr" -read-timeout "$read_timeout" -margin 5s >"$tmp/slow.txt" 2>&1 &
slow_pid=$!
"$tmp/loadtest" -addr "$addr" -c "$clients" -n "$requests" "$@"
check "load: $requests requests, $clients clients, every answer correct and consistent" $?

echo
echo "== oversized body =="
"$tmp/loadtest" -oversize -addr "$addr" -max-body "$max_body"
check "oversize: 413 with a JSON error" $?

echo
echo "== slow client (waits for the ${read_timeout} read timeout) =="
wait "$slow_pid"
rc=$?
slow_pid=
cat "$tmp/slow.txt"
check "slowloris: cut off within the read timeout + 5s" $rc

echo
echo "== SIGTERM during a burst =="
logged_before=$(grep -c 'msg=request' "$tmp/serve.log")
"$tmp/loadtest" -drain -addr "$addr" -pid "$pid" -c "$clients" | tee "$tmp/drain.txt"
check "drain: every accepted request answered 200 and correct" "${PIPESTATUS[0]}"

# The server must exit by itself, with status 0, once drained.
for _ in $(seq 200); do
	kill -0 "$pid" 2>/dev/null || break
	sleep 0.1
done
if kill -0 "$pid" 2>/dev/null; then
	echo "the server is still running 20 s after SIGTERM"
	check "drain: the server exits 0" 1
else
	wait "$pid"
	code=$?
	echo "the server exited with status $code"
	check "drain: the server exits 0" "$code"
fi
pid=

# Every request the server logged was answered: none was cut off.
answered=$(sed -n 's/^drain: answered=//p' "$tmp/drain.txt")
logged=$(($(grep -c 'msg=request' "$tmp/serve.log") - logged_before))
echo "requests logged by the server during the drain check: $logged; answers received by the client: ${answered:-none}"
[ "$logged" = "${answered:-none}" ]
check "drain: every request the server handled reached the client" $?

host=${addr%:*} port=${addr##*:}
if (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null; then
	echo "a new connection to $addr was accepted after the exit"
	check "drain: new connections refused after the exit" 1
else
	echo "a new connection to $addr is refused after the exit"
	check "drain: new connections refused after the exit" 0
fi
echo "server log: $(grep -c 'msg=request' "$tmp/serve.log") requests; $(grep -v 'msg=request' "$tmp/serve.log" | grep -c .) other lines:"
grep -v 'msg=request' "$tmp/serve.log" | sed 's/^/  /'

echo
if [ ${#failed[@]} -gt 0 ]; then
	echo "loadtest: ${#failed[@]} checks failed:"
	printf '  %s\n' "${failed[@]}"
	exit 1
fi
echo "loadtest: all checks passed"
