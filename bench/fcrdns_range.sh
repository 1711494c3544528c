#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The monitoring-plugins-rdns authors
# fcrdns_range.sh: how check_fcrdns scales from one address to a /24.
#
# Starts the DNS lab (tests/lab/lab.sh), times check_fcrdns on one address
# (198.51.100.10) and on 198.51.100.0/24 (256 addresses), prints both
# medians and their ratio, and checks that the /24 runs in one process
# (no fork, no exec: every lookup goes through lib/dns's one poll loop).
#
#   sh bench/fcrdns_range.sh [PATH/TO/check_fcrdns]
#
# Environment: PLUGINS_DIR (default: plugins/ beside this script's parent),
# SILENT_DNS (default: tests/lab/hostile_dns of the same tree), RUNS (20),
# MAX_RATIO (5). Exit 0 when the ratio is within MAX_RATIO and the process
# check passed (or was skipped for want of strace), 1 otherwise.
# Uses hyperfine when installed, else a loop over date +%s%N.
set -eu

LC_ALL=C
export LC_ALL

TOP=$(CDPATH='' cd -P -- "$(dirname -- "$0")/.." && pwd)
PLUGIN=${1:-${PLUGINS_DIR:-$TOP/plugins}/check_fcrdns}
SILENT_DNS=${SILENT_DNS:-$TOP/tests/lab/hostile_dns}
RUNS=${RUNS:-20}
MAX_RATIO=${MAX_RATIO:-5}
export SILENT_DNS

[ -x "$PLUGIN" ] || { echo "fcrdns_range.sh: $PLUGIN is not executable (run make)" >&2; exit 2; }

RUN_DIR=$(mktemp -d "${TMPDIR:-/tmp}/fcrdns-bench.XXXXXX")
LAB_DIR=$RUN_DIR/lab
cleanup()
{
	sh "$TOP/tests/lab/lab.sh" stop "$LAB_DIR" >/dev/null 2>&1 || :
	rm -rf "$RUN_DIR"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

sh "$TOP/tests/lab/lab.sh" start "$LAB_DIR"
# shellcheck disable=SC1091
. "$LAB_DIR/lab.env"
D="-s $LAB_DNS --dns-port $LAB_PORT"

# The two runs must do what we think: one confirmed address, 256 judged.
# shellcheck disable=SC2086
"$PLUGIN" -H 198.51.100.10 $D | sed -n '1s/ |.*//p'
# shellcheck disable=SC2086
"$PLUGIN" -H 198.51.100.0/24 $D | sed -n '1s/; worst:.*//p'

# median_ms CMD...: the median wall time of RUNS runs, in milliseconds.
median_ms()
{
	if command -v hyperfine >/dev/null 2>&1; then
		hyperfine -N -i --warmup 3 --runs "$RUNS" \
		    --export-json "$RUN_DIR/h.json" "$*" >/dev/null 2>&1
		if command -v jq >/dev/null 2>&1; then
			jq '.results[0].median * 1000' "$RUN_DIR/h.json"
		else
			sed -n 's/.*"median": *\([0-9.eE+-]*\).*/\1/p' \
			    "$RUN_DIR/h.json" | awk 'NR == 1 { print $1 * 1000 }'
		fi
		return
	fi
	: >"$RUN_DIR/times"
	i=0
	while [ $i -lt $((RUNS + 3)) ]; do
		t0=$(date +%s%N)
		"$@" >/dev/null 2>&1 || :
		t1=$(date +%s%N)
		# the first 3 runs are the warm-up
		[ $i -lt 3 ] || echo $(((t1 - t0) / 1000)) >>"$RUN_DIR/times"
		i=$((i + 1))
	done
	sort -n "$RUN_DIR/times" | awk '{ v[NR] = $1 } END {
	    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
	    print m / 1000 }'
}

if command -v hyperfine >/dev/null 2>&1; then
	echo "timing with hyperfine, $RUNS runs each"
else
	echo "hyperfine not found: timing with a date +%s%N loop, $RUNS runs each"
fi
# shellcheck disable=SC2086
one=$(median_ms "$PLUGIN" -H 198.51.100.10 $D)
# shellcheck disable=SC2086
range=$(median_ms "$PLUGIN" -H 198.51.100.0/24 $D)
ratio=$(awk -v a="$range" -v b="$one" 'BEGIN { printf "%.2f", a / b }')
printf 'one address:      median %.2f ms\n' "$one"
printf '198.51.100.0/24:  median %.2f ms\n' "$range"
printf 'ratio /24 : one = %s (target: at most %s)\n' "$ratio" "$MAX_RATIO"
rc=0
if awk -v r="$ratio" -v m="$MAX_RATIO" 'BEGIN { exit !(r > m) }'; then
	echo "FAIL: the /24 takes more than $MAX_RATIO times one address"
	rc=1
fi

# One process: strace every process-related call of the /24 run.
if command -v strace >/dev/null 2>&1; then
	# shellcheck disable=SC2086
	strace -f -qq -e trace=process -o "$RUN_DIR/strace" \
	    "$PLUGIN" -H 198.51.100.0/24 $D >/dev/null 2>&1 || :
	forks=$(grep -Ec '(^|[^a-z_])(clone|clone3|fork|vfork)\(' "$RUN_DIR/strace" || :)
	execs=$(grep -Ec '(^|[^a-z_])execve\(' "$RUN_DIR/strace" || :)
	pids=$(awk '{ print $1 }' "$RUN_DIR/strace" | sort -u | wc -l | tr -d ' ')
	echo "processes: $pids pid(s), $forks fork/clone, $execs execve (the plugin's own)"
	if [ "$forks" -ne 0 ] || [ "$execs" -ne 1 ] || [ "$pids" -ne 1 ]; then
		echo "FAIL: the /24 run is not one process"
		sed 's/^/  /' "$RUN_DIR/strace"
		rc=1
	fi
else
	echo "strace not found: process check skipped"
fi
exit $rc
