#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The monitoring-plugins-rdns authors
# Resources and failover against hostile_dns (tests/lab/hostile_dns.c):
#
#  - memory: zones as big as a DNS message holds (1,000 MX hosts with 1,000
#    addresses each; a /22 whose addresses have 1,000 PTR names each) keep
#    the plugin's peak RSS under RSS_BOUND_KB, whatever the zone serves;
#  - failover like a resolver: NOTIMP and FORMERR move on to the next
#    server, a server that refused (ICMP or RCODE) is asked again within
#    -t, the message names the server that really failed, and a server
#    that stayed silent is not waited for again in the next phase;
#  - our own resources: with 32 file descriptors TCP queries queue; out of
#    memory is UNKNOWN "out of memory"; a result that cannot be written
#    exits UNKNOWN with a word on stderr.
#
# Servers: 127.0.19.1 answers by mode (see hostile_dns -h); .2 NOTIMP, .3
# FORMERR, .4 silent, .5 REFUSED (RCODE) for its first 600 ms, .6 starts
# 1.5 s late (ICMP port unreachable until then), .7 never runs, .8 answers
# every query well (192.0.2.N -> hN.hostile.test -> 192.0.2.N). They share
# one port, as --dns-port applies to every server.
#
# Environment: HOSTILE_DNS, PLUGINS_DIR, VALGRIND (no RSS, ulimit or
# timing checks then), SANITIZED (no RSS or ulimit checks: ASan's shadow
# memory is not the plugin's), CI.
# shellcheck disable=SC2086 # $S and friends are lists of arguments
# shellcheck source=tests/integration/lib.sh
. "${TESTS_SRC:?}/integration/lib.sh"

# The documented bound: no DNS data takes a plugin above 64 MB. (Measured
# before the record cap: 1.2 GB for each of the two zones below.)
RSS_BOUND_KB=65536

if [ -z "${HOSTILE_DNS:-}" ]; then
	HOSTILE_DNS=${PLUGINS_DIR:?}/../tests/lab/hostile_dns
fi
[ -x "$HOSTILE_DNS" ] || _t_bail "hostile_dns not built: $HOSTILE_DNS"

R_DIR=$(mktemp -d "${TMPDIR:-/tmp}/rdns-resources.XXXXXX") ||
	_t_bail "mktemp failed"
R_PIDS=

# shellcheck disable=SC2317 # run by the EXIT trap
resources_down()
{
	_rrc=$?
	for _p in $R_PIDS; do
		kill "$_p" 2>/dev/null || :
		wait "$_p" 2>/dev/null || :
	done
	if [ "$FAILED" -eq 0 ] && [ "$_rrc" -eq 0 ]; then
		rm -rf "$R_DIR"
	else
		echo "# dir kept: $R_DIR"
	fi
}
trap resources_down EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

# serve NAME ADDR PORT [ARGS...]: start hostile_dns and wait for its pid
# file (PORT 0: it picks one, printed into $R_DIR/NAME.port).
serve()
{
	_n=$1 _a=$2 _p=$3
	shift 3
	"$HOSTILE_DNS" -a "$_a" -p "$_p" -f "$R_DIR/$_n.pid" -l 300 -q "$@" \
		</dev/null >"$R_DIR/$_n.port" 2>"$R_DIR/$_n.log" &
	R_PIDS="$R_PIDS $!"
	_i=0
	until [ -s "$R_DIR/$_n.pid" ] &&
		{ [ "$_p" != 0 ] || [ -s "$R_DIR/$_n.port" ]; }; do
		kill -0 "$!" 2>/dev/null ||
			_t_bail "hostile_dns $_n exited: $(cat "$R_DIR/$_n.log")"
		_i=$((_i + 1))
		[ "$_i" -lt 100 ] || _t_bail "hostile_dns $_n did not start"
		sleep 0.05
	done
}

serve main 127.0.19.1 0 -n 1000
P=$(tr -cd 0-9 <"$R_DIR/main.port")
serve notimp 127.0.19.2 "$P" -m notimp
serve formerr 127.0.19.3 "$P" -m formerr
serve silent 127.0.19.4 "$P" -m silent
serve ok 127.0.19.8 "$P" -m ok
serve refusedall 127.0.19.9 "$P" -m refused
echo "# hostile_dns on 127.0.19.1-4, .8 and .9, port $P"
S="--dns-port $P"

# --- memory ---------------------------------------------------------------
# rss DESC PATTERN ARGS...: check_fcrdns ARGS with its peak RSS measured
# (under a 1 GB address-space guard, so a regression fails fast).
rss()
{
	_d=$1 _pat=$2
	shift 2
	if [ -n "${VALGRIND:-}" ] || [ -n "${SANITIZED:-}" ]; then
		run_plugin check_fcrdns "$@"
		expect_line1 "$_pat" "$_d: first line"
		expect_stderr_empty "$_d: nothing on stderr"
		skip_test "$_d: peak RSS" "not measurable under valgrind or ASan"
		return
	fi
	run_cmd /usr/bin/time -f '%M' -o "$R_DIR/rss" sh -c \
		'ulimit -v 1048576; exec "$@"' sh "$PLUGINS_DIR/check_fcrdns" "$@"
	expect_line1 "$_pat" "$_d: first line"
	_kb=$(tail -n 1 "$R_DIR/rss" | tr -cd 0-9)
	if [ -n "$_kb" ] && [ "$_kb" -lt "$RSS_BOUND_KB" ]; then
		_t_ok "$_d: peak RSS ${_kb} KB < $RSS_BOUND_KB KB"
	else
		_t_not_ok "$_d: peak RSS below $RSS_BOUND_KB KB" \
			"peak RSS: ${_kb:-?} KB ($(cat "$R_DIR/rss"))"
	fi
}

rss "1,000 MX hosts x 1,000 A" \
	'FCRDNS CRITICAL - manymx.hostile.test.: 64 MX hosts, 64 addresses: *' \
	-D manymx.hostile.test -s 127.0.19.1 $S -t 20
expect_out '*[[]UNKNOWN] manymx.hostile.test.: 1000 MX hosts, only the first 64 checked (and 936 more)*' \
	"1,000 MX hosts: the ones not checked are said"
# Valgrind is 50 times slower: there a /26 shows the same code paths. A
# /20 is eight chunks of check_fcrdns (512 addresses each): the peak is
# one chunk's, 19 MB (114 MB when a chunk was 4096).
if [ -n "${VALGRIND:-}" ]; then
	PFX=198.18.0.0/26 NPFX=64
elif [ -n "${SANITIZED:-}" ]; then
	PFX=198.18.0.0/22 NPFX=1024
else
	PFX=198.18.0.0/20 NPFX=4096
fi
rss "a /${PFX#*/} with 1,000 PTR names per address" \
	"FCRDNS CRITICAL - $NPFX addresses: 0 confirmed, $NPFX failed, worst: 198.18.0.0 -> p0.manyptr.hostile.test. does not exist (NXDOMAIN), *" \
	-H "$PFX" -s 127.0.19.1 $S -t 20
# a.manya.hostile.test has 1,000 A records, 198.19.0.0 upwards: the first
# 64 are kept, so 198.19.0.5 is confirmed and 198.19.1.0 cannot be told
# (never "resolves to other addresses only", which would be false).
run_plugin check_fcrdns -H 198.19.0.5 -s 127.0.19.1 $S -t 5
expect_line1 'FCRDNS OK - 198.19.0.5 -> a.manya.hostile.test. -> 198.19.0.5 |*' \
	"a name with 1,000 addresses: one of the first 64 confirms"
run_plugin check_fcrdns -H 198.19.1.0 -s 127.0.19.1 $S -t 5
expect_line1 'FCRDNS CRITICAL - 198.19.1.0 -> a.manya.hostile.test.: could not tell its A record, more addresses than are kept of an answer, this one not among them: could not tell whether it resolves back |*' \
	"a name with 1,000 addresses: past the first 64, could not tell"
run_plugin check_ptr -H 192.0.2.28 -s 127.0.19.1 $S -t 5
expect_line1 'PTR OK - 192.0.2.28 -> p0.manyptr.hostile.test., *, p20.manyptr.hostile.test. (and 979 more) | time=*s;;;0 ptr_records=1000;;;0 *' \
	"1,000 PTR names: all counted, the first listed, 'and 979 more'"

# --- failover -------------------------------------------------------------
run_plugin check_ptr -H 192.0.2.1 -s 127.0.19.2 -s 127.0.19.1 $S -t 5
expect_line1 'PTR OK - 192.0.2.1 -> h1.hostile.test. |*' \
	"NOTIMP from the first server: the second answers"
expect_ms_below 900 "NOTIMP: no waiting"
run_plugin check_ptr -H 192.0.2.1 -s 127.0.19.3 -s 127.0.19.1 $S -t 5
expect_line1 'PTR OK - 192.0.2.1 -> h1.hostile.test. |*' \
	"FORMERR from the first server: the second answers"
run_plugin check_ptr -H 192.0.2.1 -s 127.0.19.2 $S -t 5
expect_line1 "PTR CRITICAL - 192.0.2.1: could not tell, answer with RCODE 4 (NOTIMP) from 127.0.19.2#$P |*" \
	"NOTIMP from the only server: named, with the server"

# Started now, so that its 600 ms of REFUSED are still running.
serve refusing 127.0.19.5 "$P" -r 600
run_plugin check_ptr -H 192.0.2.1 -s 127.0.19.5 $S -t 5
expect_line1 'PTR OK - 192.0.2.1 -> h1.hostile.test. |*' \
	"REFUSED while starting, then answers: asked again within -t"
expect_ms_between 900 2500 "REFUSED, then asked again after 1 s"

# A server that refuses every query is held back once, not once per
# window of 256 queries: a /22 (4 windows) ends in about 1 s, not 4 s.
run_plugin check_fcrdns -H 198.18.0.0/22 -s 127.0.19.9 $S -t 10
expect_line1 "FCRDNS CRITICAL - 1024 addresses: 0 confirmed, 0 failed, 1024 could not tell, worst: 198.18.0.0: could not tell, REFUSED from 127.0.19.9#$P |*" \
	"a server that refuses all: every address could not tell, REFUSED named"
expect_ms_between 900 2500 "a server that refuses all: one hold, not one per window"

# ICMP port unreachable for 1.5 s (a resolver restarting), then answers.
(sleep 1.5 && exec "$HOSTILE_DNS" -a 127.0.19.6 -p "$P" \
	-f "$R_DIR/late.pid" -l 300 -q </dev/null >/dev/null 2>"$R_DIR/late.log") &
R_PIDS="$R_PIDS $!"
run_plugin check_ptr -H 192.0.2.1 -s 127.0.19.4 -s 127.0.19.6 $S -t 6 -vv
expect_line1 'PTR OK - 192.0.2.1 -> h1.hostile.test. |*' \
	"a server refused (ICMP) while restarting: asked again, answers"
expect_ms_between 1400 4000 "restarting server: answer after its restart, not at -t"

run_plugin check_ptr -H 192.0.2.1 -s 127.0.19.4 -s 127.0.19.7 $S -t 3
expect_line1 "PTR CRITICAL - 192.0.2.1: could not tell, no answer from 127.0.19.4#$P in time; 127.0.19.7#$P: connection refused (no DNS server on that port) |*" \
	"the message names the silent server and the one that refused"

# Phase 1 (PTR) learns that 127.0.19.4 is silent; phase 2 (A of h1) asks
# 127.0.19.1 at once: one retry interval in all, not one per phase.
run_plugin check_fcrdns -H 192.0.2.1 -s 127.0.19.4 -s 127.0.19.1 $S -t 5
expect_line1 'FCRDNS OK - 192.0.2.1 -> h1.hostile.test. -> 192.0.2.1 |*' \
	"a silent first server: FCrDNS still confirmed"
expect_ms_between 900 1800 "the silent server is waited for once, not per phase"

# --- /etc/resolv.conf, in a mount namespace of our own -----------------------
# A comment of 510 bytes whose tail reads "nameserver 127.0.19.4" (a
# 512-byte line buffer made that a server: the silent one), a link-local
# server on an interface that does not exist, then the server to use.
{
	printf '#%0510d' 0 | tr 0 x
	printf 'nameserver 127.0.19.4\nnameserver fe80::1%%nosuchif0\n'
	printf 'nameserver 127.0.19.1\n'
} >"$R_DIR/resolv.conf"
if unshare -m true 2>/dev/null; then
	run_cmd unshare -m sh -c 'mount --bind "$1" /etc/resolv.conf && shift &&
		exec "$@"' sh "$R_DIR/resolv.conf" ${VALGRIND:-} \
		"$PLUGINS_DIR/check_ptr" -H 192.0.2.1 $S -t 5 -v
	expect_line1 'PTR OK - 192.0.2.1 -> h1.hostile.test. |*' \
		"resolv.conf: the tail of a long comment is no server"
	expect_ms_below 900 "resolv.conf: the silent server of the comment was not asked"
	expect_out "*DNS: 1 nameserver line(s) not used, the first 'fe80::1%nosuchif0': no such interface*" \
		"resolv.conf: the link-local server on a missing interface is named"
else
	skip_test "resolv.conf in a mount namespace" "unshare -m is not allowed here"
fi

# A link-local server from resolv.conf, in a network namespace of our own:
# a veth pair, fe80::53 on v0, hostile_dns bound to fe80::53%v0.
printf 'nameserver fe80::53%%v0\n' >"$R_DIR/resolv-ll.conf"
if unshare -n -m true 2>/dev/null; then
	run_cmd unshare -n -m sh -c '
		d=$1 hd=$2 port=$3
		shift 3
		ip link set lo up &&
		ip link add v0 type veth peer name v1 &&
		ip link set v0 up && ip link set v1 up &&
		ip -6 addr add fe80::53/64 dev v0 nodad &&
		mount --bind "$d/resolv-ll.conf" /etc/resolv.conf || exit 90
		"$hd" -a "fe80::53%v0" -p "$port" -f "$d/ll.pid" -l 60 -q \
			</dev/null >/dev/null 2>"$d/ll.log" &
		i=0
		while [ ! -s "$d/ll.pid" ] && [ $i -lt 100 ]; do
			sleep 0.05
			i=$((i + 1))
		done
		"$@"
		rc=$?
		kill "$(cat "$d/ll.pid")" 2>/dev/null
		exit $rc' sh "$R_DIR" "$HOSTILE_DNS" 5353 ${VALGRIND:-} \
		"$PLUGINS_DIR/check_ptr" -H 192.0.2.1 --dns-port 5353 -t 5 -v
	expect_line1 'PTR OK - 192.0.2.1 -> h1.hostile.test. |*' \
		"resolv.conf: a link-local server with %v0 answers"
	expect_out '*DNS: 1 server(s), first fe80::53%v0#5353,*' \
		"resolv.conf: the link-local server is named with its interface"
else
	skip_test "a link-local server in a network namespace" "unshare -n -m is not allowed here"
fi

# --- our own resources ----------------------------------------------------
if [ -n "${VALGRIND:-}" ] || [ -n "${SANITIZED:-}" ]; then
	skip_test "32 file descriptors, TCP" "valgrind and ASan need descriptors and memory of their own"
	skip_test "little address space" "valgrind and ASan need descriptors and memory of their own"
else
	run_cmd sh -c 'ulimit -n 32; exec "$@"' sh "$PLUGINS_DIR/check_fcrdns" \
		-H 192.0.2.128/25 -s 127.0.19.8 $S --tcp -t 10
	expect_line1 'FCRDNS OK - 128 addresses: 128 confirmed, 0 failed |*' \
		"32 file descriptors, 128 TCP queries: every address judged"
	case $OUT in
	*"Too many open files"* | *"could not tell"*)
		_t_not_ok "32 file descriptors: nothing blamed on the server" "$OUT" ;;
	*) _t_ok "32 file descriptors: nothing blamed on the server" ;;
	esac
	# The least address space (in 512 KB steps) in which one address is
	# checked: what the shared libraries map plus a little. A /24 needs
	# about 2 MB more, so there it runs out of memory part way.
	vlim=4096
	while [ $vlim -lt 262144 ] && ! sh -c 'ulimit -v $1; shift; exec "$@"' \
		sh $vlim "$PLUGINS_DIR/check_fcrdns" -H 192.0.2.1 \
		-s 127.0.19.8 $S -t 5 >/dev/null 2>&1; do
		vlim=$((vlim + 512))
	done
	run_cmd sh -c 'ulimit -v $1; shift; exec "$@"' sh $vlim \
		"$PLUGINS_DIR/check_fcrdns" -H 192.0.2.0/24 -s 127.0.19.8 $S -t 5
	expect_rc 3 "$vlim KB of address space: exit 3"
	expect_line1_exact "FCRDNS UNKNOWN - out of memory" \
		"$vlim KB of address space: UNKNOWN out of memory"
fi

run_cmd sh -c 'exec "$@" >/dev/full' sh "$PLUGINS_DIR/check_ptr" \
	-H 192.0.2.1 -s 127.0.19.1 $S -t 5
expect_rc 3 "stdout on /dev/full: exit 3, not OK"
expect_out '' "stdout on /dev/full: nothing written"
case $ERR in
"PTR UNKNOWN - cannot write the result: No space left on device") _t_ok "stdout on /dev/full: said on stderr" ;;
*) _t_not_ok "stdout on /dev/full: said on stderr" "stderr: $ERR" ;;
esac
run_cmd sh -c 'exec "$@" >&-' sh "$PLUGINS_DIR/check_ptr" \
	-H 192.0.2.1 -s 127.0.19.1 $S -t 5
expect_rc 3 "stdout closed: exit 3"
case $ERR in
"PTR UNKNOWN - cannot write the result: Bad file descriptor") _t_ok "stdout closed: said on stderr" ;;
*) _t_not_ok "stdout closed: said on stderr" "stderr: $ERR" ;;
esac

# --- --received input: bounded in size and in time --------------------------
MSG=$TESTS_SRC/data/received/postfix-match.eml
if [ -x "$PLUGINS_DIR/check_smtp_helo_match" ] && [ -f "$MSG" ]; then
	# 14,000 lines of padding (1.1 MB), then the message and its header.
	awk 'BEGIN { for (i = 0; i < 14000; i++) printf "X-Pad: %070d\n", 0 }' \
		>"$R_DIR/big.eml"
	cat "$MSG" >>"$R_DIR/big.eml"
	run_plugin check_smtp_helo_match --received "$R_DIR/big.eml" \
		-s 127.0.19.1 $S -t 5
	expect_rc 3 "a header past 1 MB: exit 3"
	expect_line1_exact "SMTP HELO UNKNOWN - --received: no Received header in the message (the message was cut at its size limit of 1 MB: the header may lie beyond it)" \
		"a header past 1 MB: the cut is said"
	mkfifo "$R_DIR/fifo"
	run_plugin check_smtp_helo_match --received "$R_DIR/fifo" \
		-s 127.0.19.1 $S -t 2
	expect_rc 3 "a FIFO nobody writes to: exit 3"
	expect_line1_exact "SMTP HELO UNKNOWN - cannot read --received $R_DIR/fifo: nothing came before the deadline" \
		"a FIFO nobody writes to: said"
	expect_ms_between 1900 2700 "a FIFO nobody writes to: ends at -t, not at the backstop"
	run_plugin check_smtp_helo_match --received "$R_DIR" -s 127.0.19.1 $S -t 2
	expect_line1_exact "SMTP HELO UNKNOWN - cannot read --received $R_DIR: Is a directory" \
		"a directory as the message: said"
	run_plugin check_smtp_helo_match --received /dev/zero -s 127.0.19.1 $S -t 2
	expect_rc 3 "/dev/zero as the message: exit 3"
	expect_line1 "SMTP HELO UNKNOWN - --received: * (the message was cut at its size limit of 1 MB*" \
		"/dev/zero as the message: ends at the size limit, said"
	expect_ms_below 1500 "/dev/zero as the message: no waiting"
else
	skip_test "--received input" "check_smtp_helo_match or $MSG missing"
fi

finish
