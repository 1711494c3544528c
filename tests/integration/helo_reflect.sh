#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The monitoring-plugins-rdns authors
# Integration tests of check_smtp_helo_match --reflect: the real binary
# connects out, from source addresses on loopback whose PTRs the lab serves
# (127.0.0.25 PTR out.example.test, 127.0.0.26 PTR gw.example.test, 127.0.0.27
# none), to a server that reports what it sees of its client: the scripted
# hostile_smtp in its reflect modes (Exim style, Gmail style, a NAT that
# reports another address, a server that reports nothing) here, a real Exim
# in helo_exim.sh. Exit code, first line and the learned address and name
# are asserted for each case; bad option values give UNKNOWN.
#
# Needs: HOSTILE_SMTP (tests/lab/hostile_smtp.c), nsd (the lab), ss.
# shellcheck disable=SC2086,SC2153,SC2317
# shellcheck source=tests/integration/lib.sh
. "${TESTS_SRC:?}/integration/lib.sh"

# Routes and addresses of our own: the machine's IPv6 route is not judged.
netns_enter "$@"
if [ -z "${HOSTILE_SMTP:-}" ] || [ ! -x "$HOSTILE_SMTP" ]; then
	_t_bail "HOSTILE_SMTP is not set to the hostile_smtp binary (tests/lab/hostile_smtp.c)"
fi

lab_up

RUN=$(mktemp -d "${TMPDIR:-/tmp}/rdns-reflect.XXXXXX") || _t_bail "mktemp failed"
SERVER_PIDS=
reflect_down()
{
	for _p in $SERVER_PIDS; do
		if [ -r "/proc/$_p/cmdline" ] &&
		    tr '\000' ' ' <"/proc/$_p/cmdline" | grep -q hostile_smtp; then
			kill -TERM "$_p" 2>/dev/null || :
		fi
	done
	rm -rf "$RUN"
}
# shellcheck disable=SC2154 # _r_rc is set inside the trap
trap '_r_rc=$?; reflect_down; (exit $_r_rc); lab_down' EXIT

# start_reflector VAR MODE [ARGS...]: hostile_smtp in MODE on 127.0.0.30
# (and whatever -a ARGS add); its port in VAR.
N_SRV=0
start_reflector()
{
	_var=$1
	shift
	N_SRV=$((N_SRV + 1))
	_f=$RUN/srv$N_SRV
	"$HOSTILE_SMTP" -l 300 -f "$_f.pid" -n reflect.example.test -m "$@" \
	    </dev/null >"$_f.port" 2>"$_f.log" &
	SERVER_PIDS="$SERVER_PIDS $!"
	_i=0
	while [ ! -s "$_f.port" ]; do
		_i=$((_i + 1))
		[ $_i -le 100 ] || _t_bail "hostile_smtp $* printed no port: $(cat "$_f.log")"
		sleep 0.05
	done
	eval "$_var=\$(cat \"\$_f.port\")"
}

P="$PLUGINS_DIR/check_smtp_helo_match"
D="-s $LAB_DNS --dns-port $LAB_PORT"

# rf DESCRIPTION RC LINE1-PATTERN ARGS...: one run, the usual checks.
rf()
{
	run_check "$P" "$@"
	expect_pipes 1 "$desc: one perfdata separator"
}

# --- Exim style: "250-reflect.example.test Hello HELO [ADDRESS]" --------------
start_reflector EX reflect -a 127.0.0.30 -a ::1
rf "match: the PTR of the source = HELO, and it resolves back" 0 \
	'SMTP HELO OK - 127.0.0.25: HELO out.example.test = PTR out.example.test. -> 127.0.0.25 (127.0.0.30 saw out.example.test [[]127.0.0.25]) | time=*s;;;0 connect_time=*s;;;0 greeting_time=*s;;;0 ehlo_time=*s;;;0 ptr_time=*s;;;0 dns_time=*s;;;0 names=1;;;0 match=1;;;0;1 mismatch=0;;;0;1 unsure=0;;;0;1' \
	--reflect "127.0.0.30:$EX" --source-address 127.0.0.25 --helo out.example.test $D
expect_lines 1 "match: one line"
rf "mismatch: the PTR of the source is another name" 2 \
	'SMTP HELO CRITICAL - 127.0.0.26: HELO out.example.test, PTR gw.example.test., out.example.test -> 127.0.0.25: set the HELO to gw.example.test, or the PTR to out.example.test at the IP owner and the A record of out.example.test to 127.0.0.26 (127.0.0.30 saw out.example.test [[]127.0.0.26]) | *match=0;;;0;1*' \
	--reflect "127.0.0.30:$EX" --source-address 127.0.0.26 --helo out.example.test $D
rf "no PTR for the source" 2 \
	'SMTP HELO CRITICAL - 127.0.0.27 has no PTR record (NXDOMAIN), HELO out.example.test: the holder of the address block must add PTR out.example.test in zone 0.0.127.in-addr.arpa. (127.0.0.30 saw out.example.test [[]127.0.0.27]) |*' \
	--reflect "127.0.0.30:$EX" --source-address 127.0.0.27 --helo out.example.test $D
rf "two sources: each judged, labels by address" 2 \
	'SMTP HELO CRITICAL - 127.0.0.26: HELO out.example.test, PTR gw.example.test.*' \
	--reflect "127.0.0.30:$EX" --source-address 127.0.0.25 --source-address 127.0.0.26 --helo out.example.test --perf-per-address -v $D
expect_out '*| 127.0.0.25_127.0.0.30_time=*s;;;0 127.0.0.25_127.0.0.30_connect_time=*s;;;0 127.0.0.25_ptr_time=*s;;;0 127.0.0.26_127.0.0.30_time=*s;;;0 127.0.0.26_127.0.0.30_connect_time=*s;;;0 127.0.0.26_ptr_time=*s;;;0 time=*s;;;0 * names=2;;;0 match=1;;;0;2 mismatch=1;;;0;2 unsure=0;;;0;2*' \
	"two sources: perfdata per conversation and per address, counts in all"
expect_out '*127.0.0.25: HELO out.example.test = PTR out.example.test. -> 127.0.0.25*' \
	"two sources: the matching one in the long output"
rf "--reflect without :PORT takes -p" 0 \
	'SMTP HELO OK - 127.0.0.25: HELO out.example.test = PTR *' \
	--reflect 127.0.0.30 -p "$EX" --source-address 127.0.0.25 --helo out.example.test $D
rf "-E is the name sent when --helo is not given" 0 \
	'SMTP HELO OK - 127.0.0.25: HELO out.example.test = PTR *' \
	--reflect "127.0.0.30:$EX" --source-address 127.0.0.25 -E out.example.test $D

# By name: reflect.example.test has A 127.0.0.30 and AAAA ::1; the system
# routes each (from 127.0.0.1 and ::1, PTR localhost.example.test).
if ip -6 addr show dev lo 2>/dev/null | grep -q 'inet6 ::1'; then
	rf "by name, A and AAAA: both families, as the system routes them" 0 \
		'SMTP HELO OK - 127.0.0.1: HELO localhost.example.test = PTR localhost.example.test. -> 127.0.0.1 (127.0.0.30 saw localhost.example.test [[]127.0.0.1]) / ::1: HELO localhost.example.test = PTR localhost.example.test. -> ::1 (::1 saw localhost.example.test [[]::1]) |*' \
		--reflect "reflect.example.test:$EX" --helo localhost.example.test $D
	rf "[::1]:PORT" 0 \
		'SMTP HELO OK - ::1: HELO localhost.example.test = PTR localhost.example.test. -> ::1 (::1 saw localhost.example.test [[]::1]) |*' \
		--reflect "[::1]:$EX" --helo localhost.example.test $D
	rf "-4 keeps to IPv4" 0 \
		'SMTP HELO OK - 127.0.0.1: HELO localhost.example.test = PTR * (127.0.0.30 saw *) | time=*' \
		-4 --reflect "reflect.example.test:$EX" --helo localhost.example.test $D
	expect_out '*connect_time=*' "-4: one conversation"
	case $OUT in
	*::1*) _t_not_ok "-4: no IPv6 conversation" "::1 in the output" ;;
	*) _t_ok "-4: no IPv6 conversation" ;;
	esac
	run_plugin "$P" --reflect "reflect.example.test:$EX" --source-address 127.0.0.25 --helo out.example.test -v $D
	expect_rc 0 "IPv4 source only: the IPv6 address is not probed"
	expect_out '*::1: no --source-address of its family, not probed*' \
		"IPv4 source only: says why ::1 was not probed"
else
	skip_test "reflect over ::1" "lo has no ::1"
fi

# --- what else a receiver can say ------------------------------------------------
start_reflector NAT reflect -a 127.0.0.30 -R 198.51.100.10
rf "NAT: the receiver sees another address, which is judged" 0 \
	'SMTP HELO OK - 198.51.100.10: HELO mail.example.test = PTR mail.example.test. -> 198.51.100.10 (127.0.0.30 saw mail.example.test [[]198.51.100.10], we sent from 127.0.0.25) |*' \
	--reflect "127.0.0.30:$NAT" --source-address 127.0.0.25 --helo mail.example.test $D
start_reflector GM reflect-gmail -a 127.0.0.30
rf "Gmail style: only the address" 0 \
	'SMTP HELO OK - 127.0.0.25: HELO out.example.test = PTR out.example.test. -> 127.0.0.25 (127.0.0.30 saw [[]127.0.0.25]) |*' \
	--reflect "127.0.0.30:$GM" --source-address 127.0.0.25 --helo out.example.test $D
start_reflector QUIET ok -a 127.0.0.30
rf "a server that does not say what it sees: our socket's address" 2 \
	"SMTP HELO CRITICAL - 127.0.0.26: HELO out.example.test, PTR gw.example.test., * (127.0.0.30 port $QUIET does not say what it sees: judged our socket's address) |*" \
	--reflect "127.0.0.30:$QUIET" --source-address 127.0.0.26 --helo out.example.test $D
start_reflector BADADDR reflect -a 127.0.0.30 -R 'not|an-address'
rf "a reported address that is no address: our socket's, sanitised" 0 \
	"SMTP HELO OK - 127.0.0.25: HELO out.example.test = PTR * (127.0.0.30 saw [[]not?124an-address], not an address: judged our socket's address) |*" \
	--reflect "127.0.0.30:$BADADDR" --source-address 127.0.0.25 --helo out.example.test $D
start_reflector NOEHLO reflect -a 127.0.0.30 -x
rf "EHLO refused, HELO answered without a report" 0 \
	'SMTP HELO OK - 127.0.0.25: HELO out.example.test = PTR * (127.0.0.30 port * does not say what it sees*' \
	--reflect "127.0.0.30:$NOEHLO" --source-address 127.0.0.25 --helo out.example.test $D
start_reflector REFUSE ok -a 127.0.0.30 -c 554
rf "the receiver refuses us in its greeting" 2 \
	"SMTP HELO CRITICAL - 127.0.0.30 port $REFUSE from 127.0.0.25: greeting 554 reflect.example.test ESMTP hostile_smtp: the server refuses mail |*" \
	--reflect "127.0.0.30:$REFUSE" --source-address 127.0.0.25 --helo out.example.test $D
run_plugin "$P" --reflect 127.0.0.30:1 --source-address 127.0.0.25 --helo out.example.test $D
expect_rc 2 "nothing listens: exit 2"
expect_line1 "SMTP HELO CRITICAL - cannot connect to 127.0.0.30 port 1 from 127.0.0.25: connection refused | time=U;;;0 connect_time=U;;;0 *" \
	"nothing listens: says so"
run_plugin "$P" --reflect "127.0.0.30:$EX" --source-address 198.51.100.200 --helo out.example.test $D
expect_rc 2 "a source address this host does not have: exit 2"
expect_line1 "SMTP HELO CRITICAL - cannot connect to 127.0.0.30 port $EX from 198.51.100.200: cannot send from that address: cannot assign requested address | time=U;;;0 *" \
	"a source address this host does not have: says so"
rf "an address-literal HELO never matches" 2 \
	'SMTP HELO CRITICAL - 127.0.0.25: HELO [[]127.0.0.25] is an address literal, which never matches a PTR (127.0.0.30 saw [[]127.0.0.25]) |*' \
	--reflect "127.0.0.30:$EX" --source-address 127.0.0.25 -E '[127.0.0.25]' $D
run_plugin "$P" --reflect "127.0.0.30:$EX" --source-address 127.0.0.25 --helo out.example.test -vvv $D
expect_out '*127.0.0.30 C: EHLO out.example.test*127.0.0.30 S: 250-reflect.example.test Hello out.example.test [[]127.0.0.25]*' \
	"-vvv: the transcript shows what the reflector said"

# --- bad options -----------------------------------------------------------------
opt()
{
	run_plugin "$P" "$@"
	expect_rc 3 "$_what: exit 3"
	expect_line1 "$_want" "$_what: first line"
	expect_lines 3 "$_what: reason, usage, hint"
}
_what="--reflect and -H together" _want='SMTP HELO UNKNOWN - -H, --reflect and --received exclude each other: use one'
opt -H 127.0.0.3 --reflect 127.0.0.30 $D
_what="--reflect and --received together"
opt --received - --reflect 127.0.0.30 $D
_what="--reflect [::1 without ]" _want='SMTP HELO UNKNOWN - invalid --reflect: expected HOST, HOST:PORT or [[]IPv6-ADDRESS]:PORT'
opt --reflect '[::1' $D
_what="--reflect port 0"
opt --reflect 127.0.0.30:0 $D
_what="--reflect port not a number"
opt --reflect host.example.test:smtp $D
_what="--reflect empty"
opt --reflect '' $D
_what="nine --source-address" _want='SMTP HELO UNKNOWN - too many --source-address: at most 8'
_nine=
for _i in 1 2 3 4 5 6 7 8 9; do
	_nine="$_nine --source-address 127.0.0.$_i"
done
opt --reflect 127.0.0.30 $_nine $D
_what="--reflect without a source of its family" _want='SMTP HELO UNKNOWN - no --source-address of the family of ::1*'
run_plugin "$P" --reflect "[::1]:$EX" --source-address 127.0.0.25 $D
expect_rc 3 "$_what: exit 3"
expect_line1 "$_want" "$_what: first line"

finish
