#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The monitoring-plugins-rdns authors
# The Exim lab itself (tests/lab/exim.sh), checked with real clients (swaks,
# dig), not with our plugins: Exim names each client by the lab's DNS (PTR,
# then forward confirmation) in its EHLO reply, falls back to the HELO name
# without a PTR, and delivers into the run dir's maildir with a Received:
# header of its own format. Skips without root, Exim (tests/deps-debian.sh
# unpacks it) or swaks; under CI they are required.
. "${TESTS_SRC:-$(dirname -- "$0")/..}/integration/lib.sh"

exim_up
require_cmd dig

DIG=$(command -v dig)
L=0.0.127.in-addr.arpa

# The resolver Exim gets: nsd on port 53 answers the reflector's records.
expect_cmd "lab.sh selftest: every record, and some on $LAB_DNS53 port 53" \
    sh "$LAB_SH" selftest "$LAB_DIR"
run_cmd "$DIG" @"$LAB_DNS53" -p 53 +norecurse +tries=1 +time=1 +short 26.$L PTR
expect_line1_exact "gw.example.test." "nsd on $LAB_DNS53 port 53: 127.0.0.26 PTR gw"
run_cmd "$DIG" @"$LAB_DNS53" -p 53 +norecurse +tries=1 +time=1 27.$L PTR
expect_out '*status: NXDOMAIN*' "nsd on $LAB_DNS53 port 53: 127.0.0.27 has no PTR"

# The lab resolv.conf is over /etc/resolv.conf in Exim's namespace only.
expect_cmd "Exim (pid $EXIM_PID) sees nameserver $LAB_DNS53 in /etc/resolv.conf" \
    grep -qx "nameserver $LAB_DNS53" "/proc/$EXIM_PID/root/etc/resolv.conf"
# shellcheck disable=SC2016 # expanded by the inner sh
expect_cmd "the system's /etc/resolv.conf is untouched" \
    sh -c '! grep -q "$1" /etc/resolv.conf' sh "$LAB_DNS53"

# ehlo SOURCE SERVER HELO: swaks from SOURCE up to EHLO; LINE1 becomes the
# Hello line (expect_line1_exact then shows the whole transcript if not).
ehlo()
{
	run_cmd swaks --server "$2" --port "$EXIM_PORT" --local-interface "$1" \
	    --helo "$3" --quit-after EHLO --timeout 10
	LINE1=$(printf '%s\n' "$OUT" | sed -n 's/^<-  \(250.* Hello .*\)$/\1/p' | sed -n 1p)
}

# shellcheck disable=SC2153 # EXIM_ADDR comes from exim.env
ehlo 127.0.0.25 "$EXIM_ADDR" out.example.test
expect_rc 0 "EHLO from 127.0.0.25: swaks exits 0"
expect_line1_exact "250-reflect.example.test Hello out.example.test [127.0.0.25]" \
    "EHLO from 127.0.0.25 (PTR out, matches the HELO): Exim names out.example.test"

ehlo 127.0.0.26 "$EXIM_ADDR" out.example.test
expect_rc 0 "EHLO from 127.0.0.26: swaks exits 0"
expect_line1_exact "250-reflect.example.test Hello gw.example.test [127.0.0.26]" \
    "EHLO from 127.0.0.26 (PTR gw, HELO out): Exim names gw.example.test"

ehlo 127.0.0.27 "$EXIM_ADDR" out.example.test
expect_rc 0 "EHLO from 127.0.0.27: swaks exits 0"
expect_line1_exact "250-reflect.example.test Hello out.example.test [127.0.0.27]" \
    "EHLO from 127.0.0.27 (no PTR): Exim falls back to the HELO name"
# NXDOMAIN came back at once: Exim asked a server that answers.
expect_ms_below 3000 "EHLO from 127.0.0.27: no resolver timeout"

if [ -n "$EXIM_ADDR6" ]; then
	ehlo ::1 "$EXIM_ADDR6" out.example.test
	expect_rc 0 "EHLO over ::1: swaks exits 0"
	expect_line1_exact "250-reflect.example.test Hello localhost.example.test [::1]" \
	    "EHLO over ::1: Exim names localhost.example.test (the lab's ::1 PTR)"
else
	echo "# lo has no ::1: the IPv6 checks are left out"
fi

# received SOURCE HELO: send one message; LINE1 becomes its first Received:
# header, unfolded.
received()
{
	run_cmd sh "$EXIM_SH" send "$EXIM_RUN/exim" "$1" "$2" a@reflect.example.test
	expect_rc 0 "message from $1: exim.sh send exits 0"
	expect_line1 "$EXIM_MAIL/*" "message from $1: delivered into $EXIM_MAIL"
	_f=$LINE1
	# shellcheck disable=SC2016 # awk's own $0
	run_cmd awk '/^Received:/ { r = $0; on = 1; next }
	    on && /^[ \t]/ { sub(/^[ \t]+/, " "); r = r $0; next }
	    on { print r; exit }' "$_f"
}

received 127.0.0.26 out.example.test
expect_line1 'Received: from gw.example.test ([[]127.0.0.26] helo=out.example.test) by reflect.example.test with esmtp (Exim 4.*) (envelope-from <lab-sender@example.test>) id * for a@reflect.example.test; *' \
    "message from 127.0.0.26: Received: from gw.example.test ([127.0.0.26] helo=out.example.test)"
received 127.0.0.25 out.example.test
expect_line1 'Received: from out.example.test ([[]127.0.0.25]) by reflect.example.test with esmtp (Exim 4.*' \
    "message from 127.0.0.25: Received: from out.example.test ([127.0.0.25])"
received 127.0.0.27 out.example.test
expect_line1 'Received: from [[]127.0.0.27] (helo=out.example.test) by reflect.example.test with esmtp (Exim 4.*' \
    "message from 127.0.0.27: Received: from [127.0.0.27] (helo=out.example.test)"

finish
