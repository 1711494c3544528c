#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The monitoring-plugins-rdns authors
# check_smtp_helo_match --received: saved messages of each supported
# Received format (tests/data/received, see its README) judged against the
# lab's DNS. Each names the header it used, the HELO, the address and the
# PTR, and gets the state the lab's records give: 198.51.100.10 and
# 2001:db8::10 match mail.example.test, 127.0.0.4 is other.example.test (a
# mismatch), 198.51.100.11 does not resolve back, 2001:db8::51 has no PTR.
# Messages without a usable header and input that is no message are UNKNOWN
# with the reason. (Headers written by a real Exim: helo_exim.sh.)
# shellcheck disable=SC2086,SC2153
# shellcheck source=tests/integration/lib.sh
. "${TESTS_SRC:?}/integration/lib.sh"

lab_up

P="$PLUGINS_DIR/check_smtp_helo_match"
D="-s $LAB_DNS --dns-port $LAB_PORT"
M=$TESTS_SRC/data/received

# rc FILE RC LINE1-PATTERN [ARGS...]: one message, the usual checks.
rc()
{
	_f=$1 _rc=$2 _pat=$3
	shift 3
	run_plugin "$P" --received "$M/$_f" "$@" $D
	expect_rc "$_rc" "$_f: exit $_rc"
	expect_line1 "$_pat" "$_f: first line"
	expect_stderr_empty "$_f: nothing on stderr"
	if [ "$_rc" -ne 3 ]; then
		expect_pipes 1 "$_f: one perfdata separator"
	fi
}

OK10='198.51.100.10: HELO mail.example.test = PTR mail.example.test. -> 198.51.100.10'
OK6='2001:db8::10: HELO mail.example.test = PTR mail.example.test. -> 2001:db8::10'
MIS4='127.0.0.4: HELO mail.example.test, PTR other.example.test., mail.example.test -> 198.51.100.10, 127.0.0.3: set the HELO to other.example.test, or the PTR to mail.example.test at the IP owner and the A record of mail.example.test to 127.0.0.4'
FAIL11='198.51.100.11: HELO mail.example.test, PTR moved.example.test., mail.example.test -> 198.51.100.10, 127.0.0.3, moved.example.test. -> 198.51.100.99: nothing resolves back, fix the PTR at the IP owner and the A record, or the HELO'
NOPTR51='2001:db8::51 has no PTR record (NXDOMAIN), HELO mail.example.test: the holder of the address block must add PTR mail.example.test in zone 8.b.d.0.1.0.0.2.ip6.arpa. (mail to IPv6 receivers leaves from here: add this IPv6 PTR, or keep the MTA on IPv4 - Postfix inet_protocols = ipv4 or smtp_bind_address6)'

rc postfix-match.eml 0 "SMTP HELO OK - $OK10 (Received header 4, by mx.example.net, which saw mail.example.test) | ptr_time=*s;;;0 dns_time=*s;;;0 names=1;;;0 match=1;;;0;1 mismatch=0;;;0;1 unsure=0;;;0;1"
rc postfix-mismatch.eml 2 "SMTP HELO CRITICAL - $MIS4 (Received header 2, by mx.example.net, which saw other.example.test) | ptr_time=*s;;;0 dns_time=*s;;;0 names=1;;;0 match=0;;;0;1 mismatch=1;;;0;1 unsure=0;;;0;1"
rc exim-match.eml 0 "SMTP HELO OK - $OK10 (Received header 1, by mx.example.net, which saw mail.example.test) |*"
rc exim-mismatch.eml 2 "SMTP HELO CRITICAL - $MIS4 (Received header 1, by mx.example.net, which saw other.example.test) |*"
rc exim-ipv6-noptr.eml 2 "SMTP HELO CRITICAL - $NOPTR51 (Received header 1, by mx.example.net, which found no PTR name) |*"
rc sendmail-forged.eml 2 "SMTP HELO CRITICAL - $FAIL11 (Received header 1, by mx.example.net, which saw moved.example.test (may be forged)) |*"
rc sendmail-ipv6-match.eml 0 "SMTP HELO OK - $OK6 (Received header 1, by mx.example.net, which saw mail.example.test) |*"
rc m365-match.eml 0 "SMTP HELO OK - $OK10 (Received header 4, by BN8NAM11FT012.mail.protection.outlook.com) |*"
rc exchange-fcrdns-fail.eml 2 "SMTP HELO CRITICAL - $FAIL11 (Received header 2, by exch01.corp.example.net) |*"
rc exchange-ipv6-match.eml 0 "SMTP HELO OK - $OK6 (Received header 2, by exch02.corp.example.net) |*"
rc gmail-ipv4-match.eml 0 "SMTP HELO OK - $OK10 (Received header 2, by mx.google.com, which saw mail.example.test) |*"
rc gmail-ipv6-match.eml 0 "SMTP HELO OK - $OK6 (Received header 2, by mx.google.com, which saw mail.example.test) |*"
rc gmail-ipv6-noptr.eml 2 "SMTP HELO CRITICAL - $NOPTR51 (Received header 2, by mx.google.com, which found no PTR name) |*"
rc qmail-match.eml 0 "SMTP HELO OK - $OK10 (Received header 3, by mx.example.net, which saw mail.example.test) |*"
rc qmail-fcrdns-fail.eml 2 "SMTP HELO CRITICAL - $FAIL11 (Received header 2, by mx.example.net, which saw moved.example.test) |*"
rc yahoo-match.eml 0 "SMTP HELO OK - $OK10 (Received header 1, by mta4024.mail.gq1.yahoo.com) |*"
rc courier-match.eml 0 "SMTP HELO OK - $OK10 (Received header 1, by mx.example.net, which saw mail.example.test) |*"

# No usable header, no message: UNKNOWN and why.
rc no-received.eml 3 "SMTP HELO UNKNOWN - --received: no Received header records a connecting address (1 Received header)"
expect_lines 1 "no usable header: one line"
rc garbage.eml 3 "SMTP HELO UNKNOWN - --received: line 1 is not a header field"
run_plugin "$P" --received "$M/no-such-file.eml" $D
expect_rc 3 "a file that is not there: exit 3"
expect_line1 "SMTP HELO UNKNOWN - cannot read --received $M/no-such-file.eml: No such file or directory" \
	"a file that is not there: says so"
run_plugin "$P" --received "$M" $D
expect_rc 3 "a directory: exit 3"
expect_line1 "SMTP HELO UNKNOWN - cannot read --received $M: Is a directory" "a directory: says so"
run_plugin "$P" --received - $D
expect_rc 3 "empty standard input: exit 3"
expect_line1 "SMTP HELO UNKNOWN - --received: empty input" "empty standard input: says so"

# -v: every header, and why it was or was not the one.
run_plugin "$P" --received "$M/m365-match.eml" -v $D
expect_out "*Received header 1 (line 1, Microsoft*): from DM6PR11MB4691.namprd11.prod.outlook.com [[]2603:10b6:5:2a6::20] by SA1PR11MB8472.namprd11.prod.outlook.com: local hand-off by protocol*Received header 2 (*): *: inside the receiving system*Received header 4 (line 20, Microsoft*): from mail.example.test [[]198.51.100.10] by BN8NAM11FT012.mail.protection.outlook.com: used*Received header 5 *: internal connecting address*" \
	"-v, Microsoft 365: the internal hops are skipped, each with its reason"

# Hints pick another hop: the sender's own submission hop (10.0.0.23).
run_plugin "$P" --received "$M/postfix-match.eml" --source-address 10.0.0.23 $D
expect_rc 2 "--source-address picks the hop from that address: exit 2"
expect_line1 "SMTP HELO CRITICAL - 10.0.0.23*(Received header 5, by mail.example.test*" \
	"--source-address picks the hop from that address"
run_plugin "$P" --received "$M/postfix-match.eml" --source-address 198.51.100.77 $D
expect_rc 3 "--source-address that no header shows: exit 3"
expect_line1 "SMTP HELO UNKNOWN - --received: *" "--source-address that no header shows: says why"

# A message whose headers are followed by more than the 1 MiB we read.
_T_BIG=$(mktemp "${TMPDIR:-/tmp}/rdns-big.XXXXXX")
cat "$M/exim-match.eml" >"$_T_BIG"
head -c 3000000 /dev/zero | tr '\0' 'x' | fold -w 76 >>"$_T_BIG"
run_plugin "$P" --received "$_T_BIG" $D
rm -f "$_T_BIG"
expect_rc 0 "a 3 MB message: the headers are read, exit 0"
expect_line1 "SMTP HELO OK - $OK10 (Received header 1, *" "a 3 MB message: judged"

finish
