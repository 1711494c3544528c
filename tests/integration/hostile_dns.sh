#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The monitoring-plugins-rdns authors
# Integration tests against a hostile DNS server (tests/lab/hostile_dns.c):
# every mode of the server against check_ptr (and check_fcrdns once it is
# built). A broken answer is "could not tell" with the -t state, never "no
# PTR"; the output is one sanitised status line with its perfdata intact,
# within -t, and nothing on stderr (so no sanitiser or valgrind report).
#
# One server serves every mode: the mode is chosen by the address asked
# about, 192.0.2.N (or 2001:db8:ffff::N, N in hex) is mode number N, and
# MODE.hostile.test is mode MODE for forward lookups. `hostile_dns -h`
# prints the table. The server needs no nsd, so this test never skips.
#
# Environment: HOSTILE_DNS (the binary; default: next to lab.sh's build, or
# ../lab/hostile_dns of PLUGINS_DIR), PLUGINS_DIR, VALGRIND (lib.sh skips
# the wall-time checks then), CI.
# shellcheck disable=SC2086 # $S is a list of arguments on purpose
# shellcheck source=tests/integration/lib.sh
. "${TESTS_SRC:?}/integration/lib.sh"

if [ -z "${HOSTILE_DNS:-}" ]; then
	if [ -n "${SILENT_DNS:-}" ]; then
		HOSTILE_DNS=$(dirname -- "$SILENT_DNS")/hostile_dns
	else
		HOSTILE_DNS=${PLUGINS_DIR:?}/../tests/lab/hostile_dns
	fi
fi
[ -x "$HOSTILE_DNS" ] || _t_bail "hostile_dns not built: $HOSTILE_DNS"

H_DIR=$(mktemp -d "${TMPDIR:-/tmp}/rdns-hostile.XXXXXX") ||
	_t_bail "mktemp failed"
H_PID=

# Stop the server by the pid we started; keep its log when a check failed.
# shellcheck disable=SC2317 # run by the EXIT trap
hostile_down()
{
	_hrc=$?
	if [ -n "$H_PID" ]; then
		kill "$H_PID" 2>/dev/null || :
		wait "$H_PID" 2>/dev/null || :
		H_PID=
	fi
	if [ "$FAILED" -eq 0 ] && [ "$_hrc" -eq 0 ]; then
		rm -rf "$H_DIR"
	else
		echo "# hostile_dns log (last 40 lines), dir kept: $H_DIR"
		tail -n 40 "$H_DIR/server.log" 2>/dev/null | sed 's/^/#   /'
	fi
}
trap hostile_down EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

: >"$H_DIR/port"
"$HOSTILE_DNS" -a 127.0.0.1 -p 0 -f "$H_DIR/pid" -l 600 -d 3000 \
	</dev/null >"$H_DIR/port" 2>"$H_DIR/server.log" &
H_PID=$!
_n=0
while :; do
	HPORT=$(sed -n '1{s/[^0-9]//g;p;}' "$H_DIR/port" 2>/dev/null || :)
	if [ -n "$HPORT" ] && [ -s "$H_DIR/pid" ]; then
		break
	fi
	kill -0 "$H_PID" 2>/dev/null ||
		_t_bail "hostile_dns exited: $(cat "$H_DIR/server.log")"
	_n=$((_n + 1))
	[ "$_n" -lt 60 ] || _t_bail "hostile_dns printed no port within 3 s"
	sleep 0.05
done
echo "# hostile_dns on 127.0.0.1 port $HPORT (pid $H_PID)"

S="-s 127.0.0.1 --dns-port $HPORT"
SRV="127.0.0.1#$HPORT"

# The output must never call a broken answer a missing record.
expect_no_missing()
{
	case $OUT in
	*"no PTR"* | *"has no "* | *NXDOMAIN*)
		_t_not_ok "$1" "a DNS failure was reported as a missing record"
		;;
	*) _t_ok "$1" ;;
	esac
}

# check PLUGIN DESC RC PATTERN T ARGS...: one run with a -t of T seconds;
# exit code, first line, one line, one '|', stderr empty, within -t.
check()
{
	_p=$1 _d=$2 _rc=$3 _pat=$4 _t=$5
	shift 5
	run_plugin "$_p" -t "$_t" "$@"
	expect_rc "$_rc" "$_d: exit $_rc"
	expect_line1 "$_pat" "$_d: first line"
	expect_lines 1 "$_d: one line"
	expect_pipes 1 "$_d: one '|', perfdata intact"
	expect_stderr_empty "$_d: nothing on stderr"
	_lim=${_t%%:*}
	expect_ms_between 0 $((_lim * 1000 + 600)) "$_d: within -t $_lim"
}

# ptr DESC RC PATTERN T ARGS...: check_ptr.
ptr()
{
	check check_ptr "$@"
}

# broken DESC N PATTERN [ARGS...]: a mode that must fail fast with
# "could not tell" (default -t state CRITICAL), not waiting for -t 5.
broken()
{
	_d=$1 _a=$2 _why=$3
	shift 3
	ptr "$_d" 2 "PTR CRITICAL - $_a: could not tell, $_why | time=U;;;0 ptr_records=U;;;0 generic=U;;;0;1 addresses=1;;;0 with_ptr=0;;;0;1 no_ptr=0;;;0;1 unsure=1;;;0;1" \
		5 -H "$_a" $S "$@"
	expect_no_missing "$_d: never 'no PTR'"
	expect_ms_between 0 1500 "$_d: no waiting for -t"
}

# silent DESC N [ARGS...]: nothing usable ever comes: -t 2 runs out.
silent()
{
	_d=$1 _a=$2
	shift 2
	ptr "$_d" 2 "PTR CRITICAL - $_a: could not tell, no answer from $SRV in time | time=*" \
		2 -H "$_a" $S "$@"
	expect_no_missing "$_d: never 'no PTR'"
	expect_ms_between 1900 2600 "$_d: ends at -t"
}

# --- the control cases ----------------------------------------------------------
ptr "ok" 0 'PTR OK - 192.0.2.1 -> h1.hostile.test. | time=*s;;;0 ptr_records=1;;;0 generic=0;;;0;1 addresses=1;;;0 with_ptr=1;;;0;1 no_ptr=0;;;0;1 unsure=0;;;0;1' \
	5 -H 192.0.2.1 $S
ptr "nxdomain: a real 'no PTR'" 2 'PTR CRITICAL - 192.0.2.24 has no PTR record (NXDOMAIN) (reverse zone 2.0.192.in-addr.arpa., contact hostmaster.hostile.test.)*| time=*' \
	5 -H 192.0.2.24 $S

# --- broken packets -----------------------------------------------------------------
broken "cut inside a record, no TC" 192.0.2.2 "$SRV: malformed reply"
broken "TC, then TCP stops short of its length" 192.0.2.3 \
	"$SRV over TCP: connection closed before the answer"
broken "TC, then TCP closed at once" 192.0.2.4 \
	"$SRV over TCP: connection closed before the answer"
broken "TC, then garbage over TCP" 192.0.2.5 "$SRV: malformed reply"
broken "TC over TCP too" 192.0.2.6 "$SRV: truncated reply over TCP"
ptr "TC, then a good TCP answer" 0 'PTR OK - 192.0.2.7 -> h7.hostile.test. |*' 5 -H 192.0.2.7 $S
broken "compression pointer loop" 192.0.2.8 "$SRV: malformed reply"
broken "our ID and QR, then garbage" 192.0.2.25 "$SRV: malformed reply"

# --- answers that are not ours: ignored, so -t runs out ------------------------------
silent "answer for another name" 192.0.2.9
silent "answer with another ID" 192.0.2.10
silent "a 6-byte message" 192.0.2.23
ptr "another ID first, then the right answer" 0 'PTR OK - 192.0.2.11 -> h11.hostile.test. |*' \
	5 -H 192.0.2.11 $S
expect_ms_between 50 1000 "the wrong ID was skipped, the right answer taken"

# --- big and odd names ------------------------------------------------------------------
ptr "300 PTR records (TC, then TCP)" 0 'PTR OK - 192.0.2.12 -> h0.many.hostile.test., h1.many.hostile.test.,* (and * more) | time=*s;;;0 ptr_records=300;;;0 generic=0;;;0;1 *' \
	5 -H 192.0.2.12 $S
L63x=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
L48y=yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy
ptr "255-octet PTR name" 0 "PTR OK - 192.0.2.13 -> $L63x.$L63x.$L63x.$L48y.hostile.test. | time=*ptr_records=1;;;0 generic=0;;;0;1 *" \
	5 -H 192.0.2.13 $S
ptr "labels with NUL, newline and '|' (escaped)" 2 'PTR CRITICAL - 192.0.2.14 -> a\000b.c\010d.e\124f.hostile.test.: not a valid host name (*) | time=*s;;;0 ptr_records=1;;;0 generic=0;;;0;1 *' \
	5 -H 192.0.2.14 $S

# --- CNAMEs -----------------------------------------------------------------------------
broken "CNAME loop" 192.0.2.15 "CNAME loop at * (from $SRV)"
broken "20-step CNAME chain in one answer" 192.0.2.16 \
	"CNAME chain longer than 16 names at c17.chain.hostile.test. (from $SRV)"
broken "20-step CNAME chain, one step per answer" 192.0.2.17 \
	"CNAME chain longer than 16 names at s17.step.hostile.test. (from $SRV)"

# --- error codes, silence, late answers ----------------------------------------------
broken "SERVFAIL" 192.0.2.18 "SERVFAIL from $SRV"
broken "REFUSED" 192.0.2.19 "REFUSED from $SRV"
broken "FORMERR" 192.0.2.20 "answer with RCODE 1 (FORMERR) from $SRV"
broken "NOTIMP" 192.0.2.26 "answer with RCODE 4 (NOTIMP) from $SRV"
silent "no answer at all" 192.0.2.21
silent "an answer after the deadline" 192.0.2.22

# --- the -t state is the state of "could not tell" ------------------------------------
ptr "SERVFAIL with -t 5:warning" 1 "PTR WARNING - 192.0.2.18: could not tell, SERVFAIL from $SRV |*" \
	5:warning -H 192.0.2.18 $S
ptr "malformed with -t 5:unknown" 3 "PTR UNKNOWN - 192.0.2.8: could not tell, $SRV: malformed reply |*" \
	5:unknown -H 192.0.2.8 $S
ptr "silence with -t 1:ok" 0 "PTR OK - 192.0.2.21: could not tell, no answer from $SRV in time |*" \
	1:ok -H 192.0.2.21 $S

# --- over TCP only (--tcp) --------------------------------------------------------------
broken "--tcp: cut" 192.0.2.2 "$SRV: malformed reply" --tcp
broken "--tcp: pointer loop" 192.0.2.8 "$SRV: malformed reply" --tcp
broken "--tcp: SERVFAIL" 192.0.2.18 "SERVFAIL from $SRV" --tcp
broken "--tcp: 20-step chain" 192.0.2.16 \
	"CNAME chain longer than 16 names at c17.chain.hostile.test. (from $SRV)" --tcp
broken "--tcp: another ID" 192.0.2.10 "$SRV: reply over TCP does not match the query" --tcp
ptr "--tcp: 300 PTR records" 0 'PTR OK - 192.0.2.12 -> h0.many.hostile.test.,* ptr_records=300;;;0 *' \
	5 -H 192.0.2.12 $S --tcp
ptr "--tcp: labels with NUL, newline and '|'" 2 'PTR CRITICAL - 192.0.2.14 -> a\000b.c\010d.e\124f.hostile.test.: not a valid host name*' \
	5 -H 192.0.2.14 $S --tcp
silent "--tcp: no answer at all" 192.0.2.21 --tcp

# --- IPv6 reverse names (ip6.arpa) --------------------------------------------------
ptr "IPv6: ok" 0 'PTR OK - 2001:db8:ffff::1 -> h1.hostile.test. |*' 5 -H 2001:db8:ffff::1 $S
ptr "IPv6: labels with NUL, newline and '|'" 2 'PTR CRITICAL - 2001:db8:ffff::e -> a\000b.c\010d.e\124f.hostile.test.: not a valid host name*' \
	5 -H 2001:db8:ffff::e $S
broken "IPv6: cut" 2001:db8:ffff::2 "$SRV: malformed reply"
broken "IPv6: CNAME loop" 2001:db8:ffff::f "CNAME loop at * (from $SRV)"

# --- forward lookups of -H NAME meet the same modes ----------------------------------
# No address: the same perfdata labels, nothing measured (U, counts 0).
fwd()
{
	_d=$1 _n=$2 _why=$3
	run_plugin check_ptr -H "$_n.hostile.test" -t 5 $S
	expect_rc 2 "$_d: exit 2"
	expect_line1 "PTR CRITICAL - could not tell the addresses of $_n.hostile.test.: $_why | time=U;;;0 ptr_records=U;;;0 generic=U;;;0;0 addresses=0;;;0 with_ptr=0;;;0;0 no_ptr=0;;;0;0 unsure=0;;;0;0" \
		"$_d: first line"
	expect_lines 1 "$_d: one line"
	expect_pipes 1 "$_d: one '|'"
	expect_stderr_empty "$_d: nothing on stderr"
	expect_no_missing "$_d: never 'no A record'"
	expect_ms_between 0 1500 "$_d: no waiting for -t"
}
fwd "-H NAME, SERVFAIL" servfail "SERVFAIL from $SRV"
fwd "-H NAME, cut" cut "$SRV: malformed reply"
fwd "-H NAME, garbage" garbage "$SRV: malformed reply"
fwd "-H NAME, FORMERR" formerr "answer with RCODE 1 (FORMERR) from $SRV"

# --- check_fcrdns, once it is built ----------------------------------------------------
if [ -x "$PLUGINS_DIR/check_fcrdns" ]; then
	# fc DESC RC PATTERN T ARGS...
	fc()
	{
		check check_fcrdns "$@"
	}
	fcb()
	{
		_d=$1 _a=$2
		shift 2
		fc "fcrdns: $_d" 2 "FCRDNS CRITICAL - $_a: could not tell, * | *" 5 -H "$_a" $S "$@"
		expect_no_missing "fcrdns: $_d: never 'no PTR'"
		expect_ms_between 0 1500 "fcrdns: $_d: no waiting for -t"
	}
	fcs()
	{
		_d=$1 _a=$2
		shift 2
		fc "fcrdns: $_d" 2 "FCRDNS CRITICAL - $_a: could not tell, no answer from $SRV in time | *" 2 -H "$_a" $S "$@"
		expect_no_missing "fcrdns: $_d: never 'no PTR'"
		expect_ms_between 1900 2600 "fcrdns: $_d: ends at -t"
	}
	fc "fcrdns: ok (h1 -> 192.0.2.1)" 0 'FCRDNS OK - 192.0.2.1 -> h1.hostile.test. -> 192.0.2.1 | *' 5 -H 192.0.2.1 $S
	fc "fcrdns: nxdomain is a real 'no PTR'" 2 'FCRDNS CRITICAL - 192.0.2.24 has no PTR record (NXDOMAIN)* | *' 5 -H 192.0.2.24 $S
	fcb "cut" 192.0.2.2
	fcb "TC, then TCP stops short" 192.0.2.3
	fcb "TC, then TCP closed" 192.0.2.4
	fcb "TC, then garbage over TCP" 192.0.2.5
	fcb "TC over TCP too" 192.0.2.6
	fc "fcrdns: TC, then a good TCP answer" 0 'FCRDNS OK - 192.0.2.7 -> h7.hostile.test. -> 192.0.2.7 | *' 5 -H 192.0.2.7 $S
	fcb "pointer loop" 192.0.2.8
	fcs "answer for another name" 192.0.2.9
	fcs "answer with another ID" 192.0.2.10
	fc "fcrdns: another ID, then the right one" 0 'FCRDNS OK - 192.0.2.11 -> h11.hostile.test. -> 192.0.2.11 | *' 5 -H 192.0.2.11 $S
	fc "fcrdns: 300 PTR records, all confirmed" 0 'FCRDNS OK - 192.0.2.12 -> h0.many.hostile.test., h1.many.hostile.test.,*|*confirmed=1;;;0 partly=0;;;0 failed=0;;;0 unsure=0;;;0' \
		5 -H 192.0.2.12 $S
	fc "fcrdns: 255-octet name" 0 "FCRDNS OK - 192.0.2.13 -> $L63x.$L63x.$L63x.$L48y.hostile.test. -> 192.0.2.13 |*" \
		5 -H 192.0.2.13 $S
	fc "fcrdns: labels with NUL, newline and '|'" 2 'FCRDNS CRITICAL - 192.0.2.14 -> a\000b.c\010d.e\124f.hostile.test. is not a valid host name* | *' \
		5 -H 192.0.2.14 $S
	fcb "CNAME loop" 192.0.2.15
	fcb "20-step CNAME chain" 192.0.2.16
	fcb "20 CNAME steps" 192.0.2.17
	fcb "SERVFAIL" 192.0.2.18
	fcb "REFUSED" 192.0.2.19
	fcb "FORMERR" 192.0.2.20
	fcs "no answer" 192.0.2.21
	fcs "late answer" 192.0.2.22
	fcs "6-byte message" 192.0.2.23
	fcb "garbage" 192.0.2.25
	fcb "--tcp: cut" 192.0.2.2 --tcp
else
	echo "# check_fcrdns not built: its hostile cases are left out"
fi

# --- check_smtp_helo_match: the PTR of --source-address from every mode ------
# Our scripted SMTP server on 127.0.0.3 greets as h1.hostile.test; the
# address judged is 192.0.2.N, so its PTR lookup meets mode N.
if [ -x "$PLUGINS_DIR/check_smtp_helo_match" ] && [ -x "${HOSTILE_SMTP:-}" ]; then
	"$HOSTILE_SMTP" -m ok -a 127.0.0.3 -n h1.hostile.test -l 300 \
	    -f "$H_DIR/smtp.pid" </dev/null >"$H_DIR/smtp.port" 2>"$H_DIR/smtp.log" &
	_i=0
	while [ ! -s "$H_DIR/smtp.port" ] && [ $_i -lt 100 ]; do
		sleep 0.05
		_i=$((_i + 1))
	done
	SMTPP=$(tr -cd 0-9 <"$H_DIR/smtp.port")
	hm()
	{
		_d=$1 _rc=$2 _pat=$3 _t=$4 _n=$5
		shift 5
		check check_smtp_helo_match "helo: $_d" "$_rc" "$_pat" "$_t" \
		    -H 127.0.0.3 -p "$SMTPP" -E monitor.example.test \
		    --source-address "192.0.2.$_n" $S "$@"
	}
	hmb()
	{
		hm "$1" 2 "SMTP HELO CRITICAL - 192.0.2.$2: could not tell the PTR, * | *" 5 "$2"
		expect_no_missing "helo: $1: never 'no PTR'"
		expect_ms_between 0 1500 "helo: $1: no waiting for -t"
	}
	hms()
	{
		hm "$1" 2 "SMTP HELO CRITICAL - 192.0.2.$2: could not tell the PTR, no answer from $SRV in time | *" 2 "$2"
		expect_no_missing "helo: $1: never 'no PTR'"
	}
	hm "ok" 0 'SMTP HELO OK - 192.0.2.1: banner h1.hostile.test = PTR h1.hostile.test. -> 192.0.2.1 | *' 5 1
	hmb "cut" 2
	hmb "TC, then TCP stops short" 3
	hmb "TC, then TCP closed" 4
	hmb "TC, then garbage over TCP" 5
	hmb "TC over TCP too" 6
	hm "TC, then a good TCP answer" 2 'SMTP HELO CRITICAL - 192.0.2.7: banner h1.hostile.test, PTR h7.hostile.test., * | *' 5 7
	hmb "pointer loop" 8
	hms "answer for another name" 9
	hms "answer with another ID" 10
	hm "another ID, then the right one" 2 'SMTP HELO CRITICAL - 192.0.2.11: banner h1.hostile.test, PTR h11.hostile.test., * | *' 5 11
	hm "300 PTR records" 2 'SMTP HELO CRITICAL - 192.0.2.12: banner h1.hostile.test, PTR h0.many.hostile.test., * | *' 5 12
	hm "255-octet name" 2 "SMTP HELO CRITICAL - 192.0.2.13: banner h1.hostile.test, PTR $L63x.* | *" 5 13
	hm "labels with NUL, newline and '|'" 2 'SMTP HELO CRITICAL - 192.0.2.14: banner h1.hostile.test, PTR a\000b.c\010d.e\124f.hostile.test.* | *' 5 14
	hmb "CNAME loop" 15
	hmb "20-step CNAME chain" 16
	hmb "20 CNAME steps" 17
	hmb "SERVFAIL" 18
	hmb "REFUSED" 19
	hmb "FORMERR" 20
	hms "no answer" 21
	hms "late answer" 22
	hms "6-byte message" 23
	hm "nxdomain is a real 'no PTR'" 2 'SMTP HELO CRITICAL - 192.0.2.24 has no PTR record (NXDOMAIN), * | *' 5 24
	hmb "garbage" 25
	if [ -s "$H_DIR/smtp.pid" ]; then
		kill "$(cat "$H_DIR/smtp.pid")" 2>/dev/null || :
	fi
else
	echo "# check_smtp_helo_match or hostile_smtp not built: its hostile cases are left out"
fi

# --- the server itself lived through it all, without a report -------------------------
if kill -0 "$H_PID" 2>/dev/null; then
	_t_ok "hostile_dns is still running"
else
	_t_not_ok "hostile_dns is still running" "it exited early"
fi
if grep -v '^hostile_dns: \(udp\|tcp\) type ' "$H_DIR/server.log" >"$H_DIR/other.log"; then
	_t_not_ok "hostile_dns logged nothing but queries" "$(head -5 "$H_DIR/other.log")"
else
	_t_ok "hostile_dns logged nothing but queries"
fi

finish
