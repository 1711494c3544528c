#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The monitoring-plugins-rdns authors
# bench/scale.sh: check_fcrdns at scale against dnsperf on the same nsd
# (issue 17). Called by bench/run; also alone:
#
#   sh bench/scale.sh [PATH/TO/check_fcrdns]
#
# It generates (into a temporary directory, never into the tree) a reverse
# zone for 198.18.0.0/16 with 65,536 PTRs and a forward zone with their
# 65,536 A records, an SPF record that expands to a /20 plus two includes
# (a /24 each), and a 5,000-row inventory; starts its own nsd on a free
# loopback port; and for each pair runs check_fcrdns and dnsperf sending
# the same queries to the same server (500 in flight), RUNS times each:
#
#   /16        check_fcrdns -H 198.18.0.0/16   vs dnsperf, 131,072 queries
#   spf        check_fcrdns --spf spf.scale.test vs dnsperf, its queries
#   inventory  check_fcrdns --inventory FILE   vs dnsperf, its queries
#
# Prints median wall time (and the user+system CPU seconds of that run),
# peak RSS (GNU time) and exact counts, and PASS
# or MISS for the targets: check_fcrdns /16 within 1.2x dnsperf's time and
# 16 MB peak RSS, every address confirmed (none lost); what dnsperf lost
# (it does not send a query again) is shown for information.
#
# Environment: PLUGINS_DIR, RUNS (5), PAIRS ("16 spf inv"), FC_WRAP (a
# command to run check_fcrdns under, e.g. "perf record -g -o FILE"),
# MAX_RATIO (1.2), MAX_RSS_KB (16384).
# Needs: nsd, dnsperf, GNU time (/usr/bin/time), awk.
set -eu
LC_ALL=C
export LC_ALL

TOP=$(CDPATH='' cd -P -- "$(dirname -- "$0")/.." && pwd)
PLUGIN=${1:-${PLUGINS_DIR:-$TOP/plugins}/check_fcrdns}
RUNS=${RUNS:-5}
PAIRS=${PAIRS:-16 spf inv}
MAX_RATIO=${MAX_RATIO:-1.2}
MAX_RSS_KB=${MAX_RSS_KB:-16384}

for c in nsd dnsperf /usr/bin/time awk; do
	command -v "$c" >/dev/null 2>&1 ||
		{ echo "scale.sh: $c not found (Debian: apt-get install nsd dnsperf time)" >&2; exit 77; }
done
[ -x "$PLUGIN" ] || { echo "scale.sh: $PLUGIN is not executable (run make)" >&2; exit 2; }

W=$(mktemp -d "${TMPDIR:-/tmp}/rdns-scale.XXXXXX")
NSD_PID=
cleanup()
{
	if [ -n "$NSD_PID" ] && kill -0 "$NSD_PID" 2>/dev/null; then
		kill "$NSD_PID" 2>/dev/null || :
		i=0
		while kill -0 "$NSD_PID" 2>/dev/null && [ $i -lt 50 ]; do
			sleep 0.1
			i=$((i + 1))
		done
	fi
	rm -rf "$W"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- the zones -------------------------------------------------------------------
SOA='IN SOA ns.scale.test. hostmaster.scale.test. ( 1 3600 900 604800 300 )'
awk -v soa="$SOA" 'BEGIN {
	rev = ARGV[1]; fwd = ARGV[2]; ARGV[1] = ARGV[2] = ""
	print "$ORIGIN 18.198.in-addr.arpa.\n$TTL 300\n@ " soa "\n@ IN NS ns.scale.test." > rev
	print "$ORIGIN scale.test.\n$TTL 300\n@ " soa "\n@ IN NS ns.scale.test.\nns IN A 127.0.0.1" > fwd
	for (i = 0; i < 65536; i++) {
		x = int(i / 256); y = i % 256
		printf "%d.%d IN PTR relay%d.scale.test.\n", y, x, i > rev
		printf "relay%d IN A 198.18.%d.%d\n", i, x, y > fwd
	}
	print "spf IN TXT \"v=spf1 ip4:198.18.16.0/20 include:_a.scale.test include:_b.scale.test -all\"" > fwd
	print "_a IN TXT \"v=spf1 ip4:198.18.32.0/24 -all\"" > fwd
	print "_b IN TXT \"v=spf1 ip4:198.18.33.0/24 -all\"" > fwd
}' "$W/rev.zone" "$W/fwd.zone"

# The inventory: 5,000 rows from 198.18.40.0, PTR and HELO given.
awk 'BEGIN { for (i = 0; i < 5000; i++) {
	n = 40 * 256 + i
	printf "198.18.%d.%d relay%d.scale.test relay%d.scale.test row %d\n", int(n / 256), n % 256, n, n, i } }' >"$W/inventory.txt"

# dnsperf's query files: what check_fcrdns asks in each pair.
awk 'BEGIN { for (i = 0; i < 65536; i++) {
	printf "%d.%d.18.198.in-addr.arpa PTR\nrelay%d.scale.test A\n", i % 256, int(i / 256), i } }' >"$W/q16.txt"
awk 'BEGIN { print "spf.scale.test TXT\n_a.scale.test TXT\n_b.scale.test TXT"
	for (n = 16 * 256; n < 34 * 256; n++) {
		if (n >= 32 * 256 || n < 32 * 256 && n < 16 * 256 + 4096)
			printf "%d.%d.18.198.in-addr.arpa PTR\nrelay%d.scale.test A\n", n % 256, int(n / 256), n } }' >"$W/qspf.txt"
awk 'BEGIN { for (i = 0; i < 5000; i++) { n = 40 * 256 + i
	printf "%d.%d.18.198.in-addr.arpa PTR\nrelay%d.scale.test A\n", n % 256, int(n / 256), n } }' >"$W/qinv.txt"

# --- nsd on a free port ----------------------------------------------------------------
# The lab's port helpers: outside the ephemeral range, no socket on it.
LAB_SCRIPT=scale.sh
# shellcheck source=tests/lab/common.sh
. "$TOP/tests/lab/common.sh"
PORT=
for try in 1 2 3 4 5 6 7 8 9 10; do
	p=$(random_port)
	if port_free "$p" -uan && port_free "$p" -tan; then
		PORT=$p
		break
	fi
done
[ -n "$PORT" ] || { echo "scale.sh: no free port" >&2; exit 2; }
cat >"$W/nsd.conf" <<END
server:
	ip-address: 127.0.0.1
	port: $PORT
	server-count: 1
	reuseport: no
	username: ""
	chroot: ""
	database: ""
	zonesdir: "$W"
	pidfile: "$W/nsd.pid"
	logfile: "$W/nsd.log"
	zonelistfile: "$W/zone.list"
	xfrdfile: "$W/xfrd.state"
	xfrdir: "$W"
	verbosity: 0
	rrl-ratelimit: 0
remote-control:
	control-enable: no
zone:
	name: "18.198.in-addr.arpa"
	zonefile: "rev.zone"
zone:
	name: "scale.test"
	zonefile: "fwd.zone"
END
nsd -c "$W/nsd.conf" || { echo "scale.sh: nsd did not start: $(cat "$W/nsd.log" 2>/dev/null)" >&2; exit 2; }
i=0
while [ ! -s "$W/nsd.pid" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
NSD_PID=$(cat "$W/nsd.pid")
# ready when it answers the last PTR of the /16
i=0
until dnsperf -s 127.0.0.1 -p "$PORT" -l 1 -n 1 -d /dev/stdin >/dev/null 2>&1 <<END
255.255.18.198.in-addr.arpa PTR
END
do
	i=$((i + 1)); [ $i -lt 60 ] || { echo "scale.sh: nsd does not answer" >&2; exit 2; }
	sleep 0.5
done

D="-s 127.0.0.1 --dns-port $PORT"

# run_fc NAME ARGS...: RUNS runs of check_fcrdns under GNU time; the
# median wall time (s) and the largest peak RSS (KB) into NAME.t/NAME.rss,
# the first line of the last run into NAME.line.
run_fc()
{
	name=$1
	shift
	: >"$W/$name.times"
	for r in $(seq "$RUNS"); do
		# shellcheck disable=SC2086
		/usr/bin/time -f '%e %M %U %S' -o "$W/$name.tm" ${FC_WRAP:-} "$PLUGIN" "$@" $D -t 60 \
		    >"$W/$name.out" 2>/dev/null || :
		cat "$W/$name.tm" >>"$W/$name.times"
	done
	sort -n "$W/$name.times" | awk -v n="$RUNS" '{ t[NR] = $1; c[NR] = $3 + $4; if ($2 > m) m = $2 }
	    END { print t[int((n + 1) / 2)], m, c[int((n + 1) / 2)] }' >"$W/$name.res"
	head -1 "$W/$name.out" | sed 's/ |.*//' >"$W/$name.line"
}

# run_dnsperf NAME FILE: RUNS runs, the median of dnsperf's run time, and
# the completed/lost counts of the last run.
run_dnsperf()
{
	name=$1 file=$2
	: >"$W/$name.times"
	for r in $(seq "$RUNS"); do
		/usr/bin/time -f "%U %S" -o "$W/$name.cpu" dnsperf -s 127.0.0.1 -p "$PORT" -d "$file" -n 1 -q 500 -c 1 -t 2 \
		    >"$W/$name.out" 2>&1 || :
		printf '%s %s\n' "$(awk '/Run time \(s\):/ { print $4 }' "$W/$name.out")" \
		    "$(awk '{ print $1 + $2 }' "$W/$name.cpu")" >>"$W/$name.times"
	done
	sort -n "$W/$name.times" | awk -v n="$RUNS" -v res="$W/$name.res" -v cpu="$W/$name.cpu" \
	    '{ t[NR] = $1; c[NR] = $2 } END { print t[int((n + 1) / 2)] > res; print c[int((n + 1) / 2)] > cpu }'
	awk '/Queries completed:/ { c = $3 } /Queries lost:/ { l = $3 }
	    END { print c + 0, l + 0 }' "$W/$name.out" >"$W/$name.counts"
}

for p in $PAIRS; do
	case $p in
	16) run_fc fc16 -H 198.18.0.0/16; run_dnsperf dp16 "$W/q16.txt" ;;
	spf) run_fc fcspf --spf spf.scale.test; run_dnsperf dpspf "$W/qspf.txt" ;;
	inv) run_fc fcinv --inventory "$W/inventory.txt"; run_dnsperf dpinv "$W/qinv.txt" ;;
	*) echo "scale.sh: unknown pair '$p' in PAIRS" >&2; exit 2 ;;
	esac
done

echo
echo "check_fcrdns at scale vs dnsperf on the same nsd (127.0.0.1#$PORT, median of $RUNS runs)"
printf '%-10s %12s %9s %10s %12s %12s %s\n' pair "fcrdns (s)" "CPU (s)" "RSS (KB)" "dnsperf (s)" "ratio" "counts"
for p in $PAIRS; do
	read -r ft frss fcpu <"$W/fc$p.res"
	dt=$(cat "$W/dp$p.res")
	read -r dc dl <"$W/dp$p.counts"
	printf '%-10s %12s %9s %10s %12s %12s dnsperf %s done, %s lost, %s s CPU (its threads, and its -t 2 wait for lost replies); %s\n' "$p" "$ft" "$fcpu" "$frss" "$dt" \
	    "$(awk -v a="$ft" -v b="$dt" 'BEGIN { if (b > 0) printf "%.2fx", a / b; else print "?" }')" \
	    "$dc" "$dl" "$(cat "$W/dp$p.cpu")" "$(cat "$W/fc$p.line")"
done

echo
echo "Targets (issue 17):"
[ -f "$W/fc16.res" ] || exit 0
read -r ft frss fcpu <"$W/fc16.res"
dt=$(cat "$W/dp16.res")
read -r dc dl <"$W/dp16.counts"
st=0
verdict() { if [ "$2" = 1 ]; then printf '  PASS %s\n' "$1"; else printf '  MISS %s\n' "$1"; st=1; fi; }
verdict "/16 time within ${MAX_RATIO}x dnsperf ($ft s vs $dt s)" \
    "$(awk -v a="$ft" -v b="$dt" -v l="$MAX_RATIO" 'BEGIN { print (b > 0 && a / b <= l) ? 1 : 0 }')"
verdict "/16 peak RSS within $MAX_RSS_KB KB ($frss KB)" \
    "$(awk -v a="$frss" -v l="$MAX_RSS_KB" 'BEGIN { print (a <= l) ? 1 : 0 }')"
verdict "/16 exact: every address confirmed ($(cat "$W/fc16.line"))" \
    "$(grep -q '^FCRDNS OK - 65536 addresses: 65536 confirmed, 0 failed' "$W/fc16.line" && echo 1 || echo 0)"
# dnsperf does not send again what is lost: its count is information.
printf '  (info) dnsperf on the /16: %s done, %s lost of 131072\n' "$dc" "$dl"
[ -f "$W/fcspf.line" ] && verdict "SPF /20 + includes exact ($(cat "$W/fcspf.line"))" \
    "$(grep -q '^FCRDNS OK - 4608 addresses: 4608 confirmed, 0 failed' "$W/fcspf.line" && echo 1 || echo 0)"
[ -f "$W/fcinv.line" ] && verdict "inventory of 5,000 rows exact ($(cat "$W/fcinv.line"))" \
    "$(grep -q '^FCRDNS OK - 5000 addresses: 5000 confirmed, 0 failed' "$W/fcinv.line" && echo 1 || echo 0)"
exit $st
