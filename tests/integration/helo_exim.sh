#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The monitoring-plugins-rdns authors
# check_smtp_helo_match against a real receiving MTA: the lab's Exim
# (tests/lab/exim.sh), which looks its clients up in the lab's DNS.
#   --reflect: the plugin connects out from 127.0.0.25 (PTR out.example.test,
#              A back: a match), 127.0.0.26 (PTR gw.example.test: a mismatch
#              for HELO out.example.test) and 127.0.0.27 (no PTR), and learns
#              its address and Exim's view of its name from the EHLO reply;
#   --received: a message sent through Exim (swaks, from the same sources)
#              is judged from the Received header Exim wrote into it.
# Skips without root, Exim or swaks; under CI they are required.
# shellcheck disable=SC2086,SC2153
# shellcheck source=tests/integration/lib.sh
. "${TESTS_SRC:?}/integration/lib.sh"

# Routes and addresses of our own: the machine's IPv6 route is not judged.
netns_enter "$@"
exim_up

P="$PLUGINS_DIR/check_smtp_helo_match"
D="-s $LAB_DNS --dns-port $LAB_PORT"

# hm DESCRIPTION RC LINE1-PATTERN ARGS...: one run, the usual checks.
hm()
{
	run_check "$P" "$@"
	expect_pipes 1 "$desc: one perfdata separator"
}

# --- --reflect: what Exim saw ---------------------------------------------------
R="127.0.0.30:$EXIM_PORT"
hm "reflect, match: Exim saw out.example.test [127.0.0.25]" 0 \
	"SMTP HELO OK - 127.0.0.25: HELO out.example.test = PTR out.example.test. -> 127.0.0.25 (127.0.0.30 saw out.example.test [[]127.0.0.25]) | time=*s;;;0 connect_time=*s;;;0 greeting_time=*s;;;0 ehlo_time=*s;;;0 ptr_time=*s;;;0 dns_time=*s;;;0 names=1;;;0 match=1;;;0;1 mismatch=0;;;0;1 unsure=0;;;0;1" \
	--reflect "$R" --source-address 127.0.0.25 --helo out.example.test $D
hm "reflect, mismatch: Exim saw gw.example.test [127.0.0.26]" 2 \
	"SMTP HELO CRITICAL - 127.0.0.26: HELO out.example.test, PTR gw.example.test., out.example.test -> 127.0.0.25: set the HELO to gw.example.test, or the PTR to out.example.test at the IP owner and the A record of out.example.test to 127.0.0.26 (127.0.0.30 saw gw.example.test [[]127.0.0.26]) |*match=0;;;0;1*" \
	--reflect "$R" --source-address 127.0.0.26 --helo out.example.test $D
hm "reflect, no PTR: Exim falls back to our HELO name" 2 \
	"SMTP HELO CRITICAL - 127.0.0.27 has no PTR record (NXDOMAIN), HELO out.example.test: the holder of the address block must add PTR out.example.test in zone 0.0.127.in-addr.arpa. (127.0.0.30 saw out.example.test [[]127.0.0.27]) |*" \
	--reflect "$R" --source-address 127.0.0.27 --helo out.example.test $D
hm "reflect, HELO = the PTR of the source: gw.example.test matches" 0 \
	"SMTP HELO OK - 127.0.0.26: HELO gw.example.test = PTR gw.example.test. -> 127.0.0.26 (127.0.0.30 saw gw.example.test [[]127.0.0.26]) |*" \
	--reflect "$R" --source-address 127.0.0.26 --helo gw.example.test $D
if [ -n "$EXIM_ADDR6" ]; then
	hm "reflect by name over both families, routed by the system" 0 \
		"SMTP HELO OK - 127.0.0.1: HELO localhost.example.test = PTR localhost.example.test. -> 127.0.0.1 (127.0.0.30 saw localhost.example.test [[]127.0.0.1]) / ::1: HELO localhost.example.test = PTR localhost.example.test. -> ::1 (::1 saw localhost.example.test [[]::1]) |*" \
		--reflect "reflect.example.test:$EXIM_PORT" --helo localhost.example.test $D
else
	skip_test "reflect over ::1" "lo has no ::1"
fi

# --- --received: the header Exim wrote -----------------------------------------
# sent SOURCE HELO: a message through Exim; its file in MSG.
sent()
{
	run_cmd sh "$EXIM_SH" send "$EXIM_RUN/exim" "$1" "$2" a@reflect.example.test
	expect_rc 0 "message from $1: delivered"
	MSG=$LINE1
	[ -f "$MSG" ] || _t_bail "exim.sh send printed no file: $OUT"
}
sent 127.0.0.25 out.example.test
hm "received from 127.0.0.25: match" 0 \
	"SMTP HELO OK - 127.0.0.25: HELO out.example.test = PTR out.example.test. -> 127.0.0.25 (Received header 1, by reflect.example.test, which saw out.example.test) | ptr_time=*s;;;0 dns_time=*s;;;0 names=1;;;0 match=1;;;0;1 mismatch=0;;;0;1 unsure=0;;;0;1" \
	--received "$MSG" $D
sent 127.0.0.26 out.example.test
hm "received from 127.0.0.26: mismatch" 2 \
	"SMTP HELO CRITICAL - 127.0.0.26: HELO out.example.test, PTR gw.example.test., out.example.test -> 127.0.0.25: set the HELO to gw.example.test, * (Received header 1, by reflect.example.test, which saw gw.example.test) |*" \
	--received "$MSG" $D
_T_STDIN=$MSG
run_plugin "$P" --received - $D
_T_STDIN=
expect_rc 2 "received on standard input: exit 2"
expect_line1 "SMTP HELO CRITICAL - 127.0.0.26: HELO out.example.test, PTR gw.example.test.*" \
	"received on standard input: the same judgement"
run_plugin "$P" --received "$MSG" -v $D
expect_out "*Received header 1 (line *, Exim*): from out.example.test [[]127.0.0.26] by reflect.example.test: used*" \
	"-v: the header used, its form and why"
sent 127.0.0.27 out.example.test
hm "received from 127.0.0.27: Exim found no PTR, nor do we" 2 \
	"SMTP HELO CRITICAL - 127.0.0.27 has no PTR record (NXDOMAIN), HELO out.example.test: * (Received header 1, by reflect.example.test, which found no PTR name) |*" \
	--received "$MSG" $D

finish
