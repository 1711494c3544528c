#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The monitoring-plugins-rdns authors
# Integration tests of check_fcrdns --spf: the SPF records of the lab's
# spf.test and esp.test zones (tests/lab/zones), through the real nsd, one
# domain per case of RFC 7208: every mechanism, nested includes, a
# redirect, a loop, the lookup and void limits, two records, a third-party
# include, syntax errors, hostile bytes.
. "${TESTS_SRC:?}/integration/lib.sh"
lab_up

P="$PLUGINS_DIR/check_fcrdns"
D="-s $LAB_DNS --dns-port $LAB_PORT"
PERMERR=': receivers fail SPF for every sender, whatever the PTRs say'

# spf DESCRIPTION RC LINE1-PATTERN ARGS...: one run, the usual assertions.
spf() {
	desc=$1 rc=$2 pat=$3
	shift 3
	run_plugin "$P" "$@"
	expect_rc "$rc" "$desc: exit $rc"
	expect_line1 "$pat" "$desc: first line"
	expect_stderr_empty "$desc: nothing on stderr"
}

# --- every sender confirms -----------------------------------------------------
# One void lookup: an IPv6 sender's receiver asks AAAA for a:web.spf.test,
# which has only an A record (RFC 7208 5.3).
spf "ip4, ip4 prefix, a, mx, include, ip6" 0 \
	'FCRDNS OK - 10 addresses: 10 confirmed, 0 failed | * addresses=10;;;0 confirmed=10;;;0 partly=0;;;0 failed=0;;;0 unsure=0;;;0 spf_lookups=3;;;0;10 spf_void_lookups=1;;;0;2' \
	--spf good.spf.test $D
expect_lines 2 "good: the OK addresses counted, not listed"
expect_out '*10 OK not listed*' "good: says so"
spf "good, -v" 0 'FCRDNS OK - 10 addresses: 10 confirmed, 0 failed |*' \
	--spf good.spf.test -v $D
expect_out '*[[]OK] good.spf.test. SPF ip4:198.18.7.16/30: 198.18.7.19 -> rng19.spf.test. -> 198.18.7.19*' "good: the /30's last address"
expect_out '*[[]OK] good.spf.test. SPF mx: 198.18.7.32 -> mx1.spf.test. -> 198.18.7.32*' "good: the mx term"
expect_out '*[[]OK] good.spf.test. SPF a:web.spf.test: 198.18.7.33 -> web.spf.test. -> 198.18.7.33*' "good: the a term"
expect_out '*[[]OK] good.spf.test. SPF include:_inc.spf.test > ip4:198.18.7.3: 198.18.7.3 -> out3.spf.test.*' "good: the include names its chain"
expect_out '*[[]OK] good.spf.test. SPF ip6:2001:db8::10: 2001:db8::10 -> mail.example.test. -> 2001:db8::10*' "good: IPv6"
spf "-4: only IPv4 senders" 0 'FCRDNS OK - 9 addresses: 9 confirmed, 0 failed |*' \
	-4 --spf good.spf.test $D
spf "-6: only IPv6 senders" 0 'FCRDNS OK - good.spf.test. SPF ip6:2001:db8::10: 2001:db8::10 -> mail.example.test. -> 2001:db8::10 |*' \
	-6 --spf good.spf.test $D
spf "redirect= to the good record" 0 'FCRDNS OK - 10 addresses: 10 confirmed, 0 failed |*' \
	--spf redirect.spf.test -v $D
expect_out '*[[]OK] redirect.spf.test. SPF redirect=good.spf.test > include:_inc.spf.test > ip4:198.18.7.2: 198.18.7.2 -> out2.spf.test.*' \
	"redirect: the chain through redirect and include"
spf "--spf with -H together" 0 'FCRDNS OK - 11 addresses: 11 confirmed, 0 failed |*' \
	--spf good.spf.test -H 198.51.100.10 $D

# --- failing senders name their term -------------------------------------------
spf "nested includes with failing senders" 2 \
	'FCRDNS CRITICAL - 4 addresses: 2 confirmed, 2 failed, worst: bad.spf.test. SPF ip4:198.18.7.7: 198.18.7.7 -> wrong.spf.test. -> 198.18.7.99, not 198.18.7.7: fix the A record or the PTR |*' \
	--spf bad.spf.test $D
expect_out '*[[]CRITICAL] bad.spf.test. SPF include:_nested.spf.test > include:_deep.spf.test > ip4:198.18.7.8: 198.18.7.8 has no PTR record (NXDOMAIN)*' \
	"bad: the no-PTR sender names both includes and the term"
expect_out '*[[]WARNING] bad.spf.test. SPF include:_nested.spf.test > include:_deep.spf.test > ip4:198.18.7.9: 198.18.7.9 -> 198-18-7-9.pool.spf.test. -> 198.18.7.9, but * looks generic*' \
	"bad: the generic sender"

# --- every mechanism -----------------------------------------------------------------
spf "every mechanism and modifier" 1 \
	"FCRDNS WARNING - 6 addresses: 6 confirmed, 0 failed, worst: mech.spf.test. SPF ptr:spf.test: depends on each sender's own PTR, cannot be expanded to addresses: not checked (RFC 7208 5.5: do not use ptr) |*" \
	--spf mech.spf.test -v $D
expect_out '*mech.spf.test. SPF exists:%{i}._x.spf.test: a DNS test per sender, cannot be expanded to addresses: not checked*' \
	"mech: exists: is named, not guessed"
expect_out '*[[]OK] mech.spf.test. SPF a:web.spf.test/31: 198.18.7.32 -> mx1.spf.test.*' "mech: a/31 gives the whole /31 (1)"
expect_out '*[[]OK] mech.spf.test. SPF a:web.spf.test/31: 198.18.7.33 -> web.spf.test.*' "mech: a/31 gives the whole /31 (2)"
expect_out '*[[]OK] mech.spf.test. SPF include:_inc.%{o2} > ip4:198.18.7.2:*' "mech: a macro that needs only the domain is expanded"
expect_out '*[[]OK] mech.spf.test. SPF +ip4:198.18.7.1: 198.18.7.1 *' "mech: +ip4"
case $OUT in
*198.18.7.7*|*198.18.7.8*) expect_cmd "mech: ?ip4 and -ip4 are not senders" false ;;
*) expect_cmd "mech: ?ip4 and -ip4 are not senders" true ;;
esac

# --- permerror -----------------------------------------------------------------------
spf "include of itself" 2 \
	"FCRDNS CRITICAL - 1 address: 1 confirmed, 0 failed, worst: loop.spf.test. SPF permerror: include:loop.spf.test loops back to loop.spf.test. (receivers run into the lookup limit)$PERMERR |*" \
	--spf loop.spf.test $D
spf "11 DNS-querying terms" 2 \
	"FCRDNS CRITICAL - 2 addresses: 2 confirmed, 0 failed, worst: toomany.spf.test. SPF permerror: more than 10 DNS-querying terms (include, a, mx, ptr, exists, redirect): include:_e.spf.test is number 11$PERMERR |*" \
	--spf toomany.spf.test $D
spf "3 void lookups" 2 \
	"FCRDNS CRITICAL - void.spf.test. SPF permerror: more than 2 void lookups (names without an answer): nx3.spf.test. is number 3 (in a:nx3.spf.test)$PERMERR |*" \
	--spf void.spf.test $D
expect_out '*spf_void_lookups=3;;;0;2*' "3 void lookups: perfdata over its max of 2"
# Names that do not exist are void for every sender, whichever family
# -4 or -6 asks about.
for f in -4 -6; do
	spf "3 void lookups, $f" 2 \
		"FCRDNS CRITICAL - void.spf.test. SPF permerror: more than 2 void lookups (names without an answer): nx3.spf.test. is number 3 (in a:nx3.spf.test)$PERMERR |*" \
		$f --spf void.spf.test $D
done
# Three "a" terms of IPv4-only hosts: three void lookups for IPv6 senders.
spf "3 void lookups for IPv6 senders, an IPv6 sender listed" 2 \
	'FCRDNS CRITICAL - 4 addresses: 4 confirmed, 0 failed, worst: void6.spf.test. SPF permerror: more than 2 void lookups for IPv6 senders (an "a" term asks AAAA only): out3.spf.test. is number 3 (in a:out3.spf.test): receivers fail SPF for every IPv6 sender, whatever the PTRs say |*' \
	--spf void6.spf.test $D
expect_out '*spf_void_lookups=3;;;0;2*' "void6: the IPv6 senders' count in the perfdata"
spf "3 void lookups for IPv6 senders, none listed" 0 \
	'FCRDNS OK - 3 addresses: 3 confirmed, 0 failed |*spf_void_lookups=0;;;0;2' \
	--spf void6v4.spf.test $D
expect_out '*void6v4.spf.test. SPF: more than 2 void lookups for IPv6 senders (no AAAA record for out3.spf.test.), but the record lists no IPv6 sender: it matters only if the domain sends over IPv6*' \
	"void6v4: the IPv6 senders' void lookups said, not an error"
spf "3 void lookups for IPv6 senders, then a name the DNS refuses" 2 \
	'FCRDNS CRITICAL - 3 addresses: 3 confirmed, 0 failed, worst: void6cut.spf.test. SPF: could not tell the A of x.66.1.18.198.in-addr.arpa. (in a:x.66.1.18.198.in-addr.arpa): REFUSED *' \
	--spf void6cut.spf.test $D
# the status line, the CRITICAL one, the OK count: no "lists no IPv6" note,
# as the walk stopped before the ip6 term
expect_lines 3 "void6cut: the walk stopped early, so nothing is said of IPv6 senders"
spf "-4: AAAA is not asked, so no void lookup" 0 \
	'FCRDNS OK - 3 addresses: 3 confirmed, 0 failed |*spf_void_lookups=0;;;0;2' \
	-4 --spf void6.spf.test $D
spf "two SPF records" 2 \
	"FCRDNS CRITICAL - two.spf.test. SPF permerror: two.spf.test. has more than one SPF record$PERMERR |*" \
	--spf two.spf.test $D
spf "bad ip4 network" 2 \
	"FCRDNS CRITICAL - syntax.spf.test. SPF permerror: the record of syntax.spf.test.: 'ip4:198.18.7.300' is not an IPv4 network$PERMERR |*" \
	--spf syntax.spf.test $D
spf "unknown mechanism" 2 \
	"FCRDNS CRITICAL - syntax2.spf.test. SPF permerror: the record of syntax2.spf.test.: unknown mechanism 'frobnicate:x.spf.test'$PERMERR |*" \
	--spf syntax2.spf.test $D
spf "include without a record" 2 \
	"FCRDNS CRITICAL - 1 address: 1 confirmed, 0 failed, worst: incnone.spf.test. SPF permerror: include:nx.spf.test: nx.spf.test. has no SPF record (in include:nx.spf.test)$PERMERR |*" \
	--spf incnone.spf.test $D
spf "hostile bytes in the record" 2 \
	"FCRDNS CRITICAL - hostile.spf.test. SPF permerror: the record of hostile.spf.test.: a byte that is not printable ASCII in 'a:x\\124y\\010'$PERMERR |*" \
	--spf hostile.spf.test $D
expect_pipes 1 "hostile: the '|' of the record is escaped"
expect_lines 1 "hostile: the newline of the record adds no line"

# --- no record, too large, third party ----------------------------------------------
spf "no SPF record" 2 \
	'FCRDNS CRITICAL - none.spf.test. has no SPF record (NOERROR, no TXT record starting v=spf1): receivers find no sender allowed |*' \
	--spf none.spf.test $D
spf "no such domain" 2 \
	'FCRDNS CRITICAL - nx.spf.test. has no SPF record (NXDOMAIN, *' \
	--spf nx.spf.test $D
# Data, not the operator's input: not UNKNOWN. A wide IPv4 network is a
# WARNING of its own, an IPv6 /64 a note.
spf "an IPv4 network over the cap" 1 \
	'FCRDNS WARNING - 1 address: 1 confirmed, 0 failed, worst: big.spf.test. SPF ip4:198.18.0.0/15: 198.18.0.0/15 has 2^17 addresses, more than 65536 per run: not checked; every one of them may send as the domain (list the servers in it with --inventory) |*' \
	--spf big.spf.test $D
# 70 TXT records, of which lib/dns keeps 64.
spf "70 TXT records, the SPF record among the 64 read" 1 \
	'FCRDNS WARNING - 1 address: 1 confirmed, 0 failed, worst: manytxt.spf.test. SPF: manytxt.spf.test. has 70 TXT records, 64 of them read: a second SPF record among the others (permerror) would go unseen; remove the TXT records no longer needed |*' \
	--spf manytxt.spf.test $D
spf "70 TXT records, the SPF record not among the 64 read" 2 \
	'FCRDNS CRITICAL - manytxt2.spf.test. SPF: could not tell the SPF record of manytxt2.spf.test.: it has 70 TXT records, 64 of them read, none of those an SPF record |*' \
	--spf manytxt2.spf.test $D
spf "an IPv6 network over the cap" 0 \
	'FCRDNS OK - big6.spf.test. SPF ip4:198.18.7.1: 198.18.7.1 -> out1.spf.test. -> 198.18.7.1 |*' \
	--spf big6.spf.test $D
expect_out '*
big6.spf.test. SPF ip6:2001:db8:1::/64: 2001:db8:1::/64 has 2^64 addresses, more than 65536 per run: not checked (list the servers in it with --inventory)*' \
	"big6: the /64 named, not checked"
spf "third-party include: named, not walked" 0 \
	'FCRDNS OK - thirdparty.spf.test. SPF ip4:198.18.7.6: 198.18.7.6 -> out6.spf.test. -> 198.18.7.6 |* addresses=1;;;0 *' \
	--spf thirdparty.spf.test $D
expect_out '*
thirdparty.spf.test. SPF include:_spf.esp.test: senders of another organisation (esp.test, 2 addresses), not checked: their PTRs are not yours to fix (--spf-third-party checks them)*' \
	"third party: named with its organisation and size"
spf "--spf-third-party walks it" 2 \
	'FCRDNS CRITICAL - 3 addresses: 2 confirmed, 1 failed, worst: thirdparty.spf.test. SPF include:_spf.esp.test > ip4:198.18.7.41: 198.18.7.41 has no PTR record (NXDOMAIN)*' \
	--spf thirdparty.spf.test --spf-third-party -v $D
expect_out '*[[]OK] thirdparty.spf.test. SPF include:_spf.esp.test > ip4:198.18.7.40: 198.18.7.40 -> out.esp.test. -> 198.18.7.40*' \
	"third party walked: its good sender"

# --- the DNS cannot tell -----------------------------------------------------------------
spf "silent server: could not tell, within -t" 2 \
	"FCRDNS CRITICAL - good.spf.test. SPF: could not tell the TXT of good.spf.test.: timeout *" \
	--spf good.spf.test -s "$LAB_SILENT" --dns-port "$LAB_SILENT_PORT" -t 2
expect_ms_below 3000 "silent server: done within -t"
spf "silent server, -t 2:warning" 1 "FCRDNS WARNING - good.spf.test. SPF: could not tell *" \
	--spf good.spf.test -s "$LAB_SILENT" --dns-port "$LAB_SILENT_PORT" -t 2:warning

# --- usage ---------------------------------------------------------------------------------
spf "bad --spf" 3 "FCRDNS UNKNOWN - invalid domain 'a..b' for --spf" --spf a..b $D
spf "--spf in Unicode (IDN) is asked as A-labels" 2 \
	'FCRDNS CRITICAL - xn--bcher-kva.spf.test. has no SPF record (NXDOMAIN, *' \
	--spf bücher.spf.test $D
run_plugin "$P" --help
expect_out '*--spf=DOMAIN*' "--help: documents --spf"
expect_out '*--spf-third-party*' "--help: documents --spf-third-party"

finish
