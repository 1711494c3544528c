#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The monitoring-plugins-rdns authors
# bench/deleg.sh: the cost of issue 16's options on top of check_ptr's
# plain run, in the delegation lab (tests/lab/deleg.sh: a root, two
# authoritative nsd, a validating unbound behind resolv.conf, all in a
# network namespace of this script's own), with hyperfine.
#
#   sh bench/deleg.sh [OLD_CHECK_PTR]
#
# Rows: the plain run of this tree's check_ptr (and of OLD_CHECK_PTR, a
# check_ptr built from another tree, to show the plain run unchanged);
# --ttl; --dnssec; -A (the authoritative view: SOA, NS, the NS addresses
# through unbound, then 2 x 3 server addresses directly); -A on the PTR
# of a zone with a lame server; --state-file. unbound's cache is warm
# (warm-up runs), as it is for a monitoring system that checks every few
# minutes. Needs root, unshare, ip, nsd, unbound, dig, ldnsutils and
# hyperfine. Environment: RUNS (200), WARMUP (10), PLUGINS_DIR.
set -eu
LC_ALL=C
export LC_ALL
SRC=$(CDPATH='' cd -P -- "$(dirname -- "$0")/.." && pwd)
PLUGINS_DIR=${PLUGINS_DIR:-$SRC/plugins}
RUNS=${RUNS:-200}
WARMUP=${WARMUP:-10}
OLD=${1:-}

if [ -z "${RDNS_BENCH_NS:-}" ]; then
	for c in unshare ip nsd unbound dig hyperfine ldns-signzone; do
		command -v "$c" >/dev/null 2>&1 ||
			{ echo "bench/deleg.sh: $c not found" >&2; exit 1; }
	done
	RDNS_BENCH_NS=1 DELEG_HOST_MNTNS=$(readlink /proc/self/ns/mnt)
	export RDNS_BENCH_NS DELEG_HOST_MNTNS
	exec unshare --net --mount sh "$0" "$@"
fi
DIR=$(mktemp -d "${TMPDIR:-/tmp}/rdns-bench-deleg.XXXXXX")
trap 'sh "$SRC/tests/lab/deleg.sh" stop "$DIR" >/dev/null 2>&1; rm -rf "$DIR"' EXIT
sh "$SRC/tests/lab/deleg.sh" start "$DIR"
P=$PLUGINS_DIR/check_ptr
set -- \
    "plain" "$P -H 203.0.113.10" \
    "ttl" "$P -H 203.0.113.10 --ttl" \
    "dnssec" "$P -H 203.0.113.10 --dnssec" \
    "auth -A" "$P -H 203.0.113.10 -A" \
    "auth -A, lame ns" "$P -H 198.18.2.10 -A" \
    "state-file" "$P -H 203.0.113.10 --state-file $DIR/state"
[ -n "$OLD" ] && set -- "plain (OLD)" "$OLD -H 203.0.113.10" "$@"
args=
while [ $# -gt 0 ]; do
	hyperfine -N --warmup "$WARMUP" --runs "$RUNS" --export-json \
	    "$DIR/$(printf '%s' "$1" | tr -c 'a-zA-Z0-9' _).json" \
	    -n "$1" "$2" -i >/dev/null 2>&1
	f=$DIR/$(printf '%s' "$1" | tr -c 'a-zA-Z0-9' _).json
	printf '%-20s %s\n' "$1" "$(python3 -c '
import json,sys,statistics
r=json.load(open(sys.argv[1]))["results"][0]["times"]
r=sorted(t*1000 for t in r)
q=lambda p: r[int(p*(len(r)-1))]
print("median %.2f ms  (25-75%%: %.2f-%.2f)" % (statistics.median(r), q(.25), q(.75)))
' "$f")"
	shift 2
done
