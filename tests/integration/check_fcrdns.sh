#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The monitoring-plugins-rdns authors
# Integration tests of check_fcrdns: the real binary against the lab's nsd
# (our zones) and the silent server, asserting exit code and first line.
. "${TESTS_SRC:?}/integration/lib.sh"
lab_up

P="$PLUGINS_DIR/check_fcrdns"
D="-s $LAB_DNS --dns-port $LAB_PORT"
PERF='| time=*s;;;0 dns_time=*s;;;0 addresses=1;;;0'

# fc DESCRIPTION RC LINE1-PATTERN ARGS...: one run, the usual assertions.
fc() {
	run_check "$P" "$@"
}

# --- OK -----------------------------------------------------------------------
fc "confirmed" 0 "FCRDNS OK - 198.51.100.10 -> mail.example.test. -> 198.51.100.10 $PERF confirmed=1;;;0 partly=0;;;0 failed=0;;;0 unsure=0;;;0" \
	-H 198.51.100.10 $D
expect_lines 1 "confirmed: one line"
fc "confirmed over TCP" 0 'FCRDNS OK - 198.51.100.10 -> mail.example.test. -> 198.51.100.10 |*' \
	-H 198.51.100.10 --tcp $D
fc "CNAME'd PTR name" 0 "FCRDNS OK - 198.51.100.12 -> alias.example.test. (CNAME to target.example.test.) -> 198.51.100.12 $PERF confirmed=1;;;0 partly=0;;;0 failed=0;;;0 unsure=0;;;0" \
	-H 198.51.100.12 $D
fc "IPv6 pass" 0 "FCRDNS OK - 2001:db8::10 -> mail.example.test. -> 2001:db8::10 $PERF confirmed=1;;;0 partly=0;;;0 failed=0;;;0 unsure=0;;;0" \
	-H 2001:db8::10 $D
fc "IPv4-mapped IPv6 is checked as IPv4" 0 'FCRDNS OK - 198.51.100.10 -> mail.example.test. -> 198.51.100.10 |*' \
	-H ::ffff:198.51.100.10 $D
fc "RFC 2317 classless address" 0 'FCRDNS OK - 203.0.113.65 -> classless.example.test. -> 203.0.113.65 |*' \
	-H 203.0.113.65 $D
fc "dual-stack name, both PTRs" 0 'FCRDNS OK - 2 addresses: 2 confirmed, 0 failed | * addresses=2;;;0 confirmed=2;;;0 partly=0;;;0 failed=0;;;0 unsure=0;;;0' \
	-H dual.example.test $D
expect_lines 2 "dual: OK addresses only counted without -v"
expect_out '*
2 OK not listed (-v lists them)' "dual: the line that counts them"
run_plugin "$P" -H dual.example.test -v $D
expect_out '*[[]OK] dual.example.test.: 198.51.100.50 -> *[[]OK] dual.example.test.: 2001:db8::50 -> dual.example.test. -> 2001:db8::50*' "dual -v: a line per address"
fc "-4 restricts a name to IPv4" 0 'FCRDNS OK - v6nptr.example.test.: 198.51.100.51 -> v6nptr.example.test. -> 198.51.100.51 |*' \
	-4 -H v6nptr.example.test $D
fc "generic name with --generic=ok" 0 'FCRDNS OK - 198.51.100.14 -> static-198-51-100-14.dyn.example.test. -> 198.51.100.14 |*' \
	-H 198.51.100.14 --generic=ok $D
fc "implicit MX (no MX record)" 0 'FCRDNS OK - dual.example.test. has no MX, implicit MX: 2 addresses: 2 confirmed, 0 failed |*' \
	-D dual.example.test $D
run_plugin "$P" -D dual.example.test -v $D
expect_out '*dual.example.test. (no MX, implicit MX): 198.51.100.50 -> dual.example.test. -> 198.51.100.50*' \
	"implicit MX: address line names the implicit MX"
fc "null MX (RFC 7505)" 0 'FCRDNS OK - nullmx.example.test. has a null MX (RFC 7505): it accepts no mail, no MX host to check | * addresses=0;;;0 *' \
	-D nullmx.example.test $D
fc "MX domain all good" 0 'FCRDNS OK - example.test.: 1 MX host, 3 addresses: 3 confirmed, 0 failed |*' \
	-D example.test $D
fc "two ranges and an address at once" 0 'FCRDNS OK - 2 addresses: 2 confirmed, 0 failed |*' \
	-H 198.51.100.10/32 -H 2001:db8::10/128 $D

# --- -v / -vv -------------------------------------------------------------------
run_plugin "$P" -H 203.0.113.65 -vv $D
expect_rc 0 "-vv: exit 0"
expect_out '*203.0.113.65: 65.113.0.203.in-addr.arpa. is a CNAME to 65.64/26.113.0.203.in-addr.arpa. (RFC 2317*' "-vv: shows the RFC 2317 CNAME"
expect_out '*203.0.113.65: PTR lives in zone 64/26.113.0.203.in-addr.arpa. (SOA * hostmaster.customer.test.*' "-v: names the reverse zone, as check_ptr does"
expect_out "*DNS: 1 server(s), first $LAB_DNS#$LAB_PORT*" "-vv: names the DNS server"

# --- WARNING ------------------------------------------------------------------------
fc "two PTRs, only the second confirms" 1 'FCRDNS WARNING - 198.51.100.20 -> multi1.example.test. -> 198.51.100.21, not 198.51.100.20, multi2.example.test. -> 198.51.100.20: only 1 of 2 PTR names resolve back*' \
	-H 198.51.100.20 $D
fc "generic provider name" 1 'FCRDNS WARNING - 198.51.100.14 -> static-198-51-100-14.dyn.example.test. -> 198.51.100.14, but * looks generic: *' \
	-H 198.51.100.14 $D
fc "name through another name: alignment off" 1 'FCRDNS WARNING - 3 addresses: 3 confirmed, 0 failed, worst: www.example.test.: 198.51.100.10 -> mail.example.test. -> 198.51.100.10, but the PTR names mail.example.test., not www.example.test.: the alignment is off*' \
	-H www.example.test $D
fc "MX target is a CNAME" 1 'FCRDNS WARNING - cnamemx.example.test.: 1 MX host, 3 addresses: 3 confirmed, 0 failed, worst: cnamemx.example.test. MX 10 www.example.test. is an alias (CNAME to mail.example.test.)*' \
	-D cnamemx.example.test $D
fc "lookup slower than -w" 1 'FCRDNS WARNING - 198.51.100.10 -> mail.example.test. -> 198.51.100.10, but the PTR lookup took * | time=*s;0.0000001;;0 *' \
	-H 198.51.100.10 -w 0.0000001 $D
fc "REFUSED with -t ...:warning" 1 "FCRDNS WARNING - 10.0.0.1: could not tell, REFUSED from $LAB_DNS#$LAB_PORT |*" \
	-H 10.0.0.1 -t 5:warning $D

# --- CRITICAL ---------------------------------------------------------------------
fc "A record moved" 2 "FCRDNS CRITICAL - 198.51.100.11 -> moved.example.test. -> 198.51.100.99, not 198.51.100.11: fix the A record or the PTR $PERF confirmed=0;;;0 partly=0;;;0 failed=1;;;0 unsure=0;;;0" \
	-H 198.51.100.11 $D
fc "PTR name does not exist" 2 'FCRDNS CRITICAL - 198.51.100.13 -> ghost.example.test. does not exist (NXDOMAIN): add the A record or fix the PTR |*' \
	-H 198.51.100.13 $D
fc "no PTR" 2 'FCRDNS CRITICAL - 198.51.100.40 has no PTR record (NXDOMAIN) (reverse zone 100.51.198.in-addr.arpa., contact hostmaster.example.test.): the holder of the address block must add one |*' \
	-H 198.51.100.40 $D
fc "numeric PTR is never looked up" 2 'FCRDNS CRITICAL - 198.51.100.17 -> 198.51.100.17. is not a valid host name (*): fix the PTR |*' \
	-H 198.51.100.17 $D
fc "PTR holding '|' and a newline" 2 'FCRDNS CRITICAL - 198.51.100.30 -> bad\124name\010.example.test. is not a valid host name (*): fix the PTR |*' \
	-H 198.51.100.30 $D
expect_lines 1 "'|' PTR: still exactly one line"
expect_pipes 1 "'|' PTR: exactly one perfdata separator"
fc "AAAA without IPv6 PTR: CRITICAL though IPv4 is fine" 2 'FCRDNS CRITICAL - 2 addresses: 1 confirmed, 1 failed, worst: v6nptr.example.test.: 2001:db8::51 has no PTR record (NXDOMAIN)*' \
	-H v6nptr.example.test $D
run_plugin "$P" -H v6nptr.example.test -v $D
expect_out '*[[]OK] v6nptr.example.test.: 198.51.100.51 -> v6nptr.example.test. -> 198.51.100.51*' "v6nptr -v: the IPv4 line is OK"
fc "MX domain, three MX hosts in mixed states" 2 'FCRDNS CRITICAL - mixed.example.test.: 3 MX hosts, 6 addresses: 4 confirmed, 2 failed, worst: mixed.example.test. MX 20 moved.example.test.: 198.51.100.99 has no PTR record (NXDOMAIN)* | * addresses=6;;;0 confirmed=4;;;0 partly=0;;;0 failed=2;;;0 unsure=0;;;0' \
	-D mixed.example.test $D
expect_lines 4 "mixed MX: the two problems and a count of the OK addresses"
run_plugin "$P" -D mixed.example.test -v $D
expect_out '*mixed.example.test. MX 10 mail.example.test.: 198.51.100.10 -> mail.example.test. -> 198.51.100.10*mixed.example.test. MX 20 moved.example.test.: 198.51.100.99 *mixed.example.test. MX 30 v6nptr.example.test.: 2001:db8::51 has no PTR*' \
	"mixed MX: by preference"
fc "MX target is an address" 2 'FCRDNS CRITICAL - litmx.example.test. MX 10 198.51.100.10. is an address, not a host name (RFC 5321 5.1)*' \
	-D litmx.example.test $D
fc "no MX and no address" 2 'FCRDNS CRITICAL - noaddr.example.test. has no MX (implicit MX, RFC 5321 5.1), and noaddr.example.test. has no A or AAAA record |*' \
	-D noaddr.example.test $D
fc "-4 with an MX domain" 2 'FCRDNS CRITICAL - mixed.example.test.: 3 MX hosts, 4 addresses: 3 confirmed, 1 failed, worst: mixed.example.test. MX 20 moved.example.test.: 198.51.100.99 *' \
	-4 -D mixed.example.test $D
fc "IPv6 range" 2 'FCRDNS CRITICAL - 16 addresses: 1 confirmed, 15 failed, worst: 2001:db8:: has no PTR record (NXDOMAIN)*' \
	-H 2001:db8::/124 $D
expect_out '*
[[]CRITICAL] 15 addresses: no PTR record: 2001:db8::, 2001:db8::1, *, 2001:db8::a and 5 more
*' "IPv6 range: the 15 without PTR in one line"
run_plugin "$P" -H 2001:db8::/124 -v $D
expect_out '*[[]OK] 2001:db8::6 -> v6only.example.test. -> 2001:db8::6*' "IPv6 range -v: the one PTR confirms"
fc "addresses, a range and a name at once" 2 'FCRDNS CRITICAL - 5 addresses: 4 confirmed, 1 failed, worst: 198.51.100.13 -> ghost.example.test. does not exist (NXDOMAIN)*' \
	-H 198.51.100.10 -H 198.51.100.12/31 -H dual.example.test -H 198.51.100.50 $D
expect_out '*4 OK not listed*' "addresses at once: duplicates checked once"
fc "domain does not exist" 2 'FCRDNS CRITICAL - nxhost.example.test. does not exist (NXDOMAIN) |*' \
	-D nxhost.example.test $D
fc "/28 range with mixed results" 2 'FCRDNS CRITICAL - 16 addresses: 3 confirmed, 13 failed, worst: 198.51.100.0 has no PTR record (NXDOMAIN)* | * addresses=16;;;0 confirmed=3;;;0 partly=0;;;0 failed=13;;;0 unsure=0;;;0' \
	-H 198.51.100.0/28 $D
expect_lines 6 "/28: problems grouped by cause, OK counted"
expect_out '*
[[]CRITICAL] 11 addresses: no PTR record: 198.51.100.0, 198.51.100.1, 198.51.100.2, *, 198.51.100.9 and 1 more
*' "/28: the 11 without PTR in one line"
expect_out '*198.51.100.11 -> moved.example.test. -> 198.51.100.99, not 198.51.100.11*198.51.100.14 -> static-198-51-100-14.dyn.example.test. -> 198.51.100.14, but*' \
	"/28: moved and generic lines in order"
fc "RFC 2317 range 203.0.113.64/26" 2 'FCRDNS CRITICAL - 64 addresses: 1 confirmed, 63 failed, worst: *' \
	-H 203.0.113.64/26 $D
run_plugin "$P" -H 203.0.113.64/26 -v $D
expect_out '*203.0.113.65 -> classless.example.test. -> 203.0.113.65*203.0.113.66 has no PTR record (NXDOMAIN) (reverse zone 64/26.113.0.203.in-addr.arpa., contact hostmaster.customer.test.)*' \
	"RFC 2317 range: the child zone answers"
fc "-e: a confirmed PTR that is not the expected name" 2 'FCRDNS CRITICAL - 198.51.100.10 -> mail.example.test. -> 198.51.100.10, but expected mx.example.test: fix the PTR |*' \
	-H 198.51.100.10 -e mx.example.test $D
fc "-e: the expected name" 0 'FCRDNS OK - 198.51.100.10 -> mail.example.test. -> 198.51.100.10 |*' \
	-H 198.51.100.10 -e MAIL.example.test. $D
fc "two PTRs, one confirms: counted as partly" 1 'FCRDNS WARNING - 198.51.100.20 -> * | * addresses=1;;;0 confirmed=0;;;0 partly=1;;;0 failed=0;;;0 unsure=0;;;0' \
	-H 198.51.100.20 $D
fc "could not tell: time U, counted as unsure" 2 "FCRDNS CRITICAL - 10.0.0.1: could not tell, * | time=U;;;0 dns_time=*s;;;0 addresses=1;;;0 confirmed=0;;;0 partly=0;;;0 failed=0;;;0 unsure=1;;;0" \
	-H 10.0.0.1 $D
fc "null MX: nothing timed, time U" 0 'FCRDNS OK - nullmx.example.test. has a null MX * | time=U;;;0 *' \
	-D nullmx.example.test $D
fc "a /24 within the default output budget" 2 'FCRDNS CRITICAL - 256 addresses: *' -H 198.51.100.0/24 $D
expect_cmd "/24: output within 8000 bytes" sh -c 'test "$(printf "%s\n" "$1" | wc -c)" -le 8000' sh "$OUT"
run_plugin "$P" -H 198.51.100.0/24 -v --output-max 2000 $D
expect_out '*
(* more lines not shown: the output is kept within 2000 bytes, --output-max sets it)' "--output-max: cut at a whole line, the rest counted"
expect_cmd "--output-max 2000 -v: within 2000 bytes" sh -c 'test "$(printf "%s\n" "$1" | wc -c)" -le 2000' sh "$OUT"
fc "-D in Unicode is asked as A-labels" 2 'FCRDNS CRITICAL - xn--mil-qla.example.test. does not exist (NXDOMAIN) |*' \
	-D 'mäil.example.test' $D
run_plugin "$P" -H 198.51.100.10 $D
ONE=$OUT
run_plugin "$P" -H dual.example.test $D
expect_same_labels "labels: one address = two addresses (dual-stack name)" "$ONE" "$OUT"
run_plugin "$P" -H 10.0.0.1 $D
expect_same_labels "labels: one address = could not tell" "$ONE" "$OUT"
run_plugin "$P" -H 198.51.100.0/28 $D
expect_same_labels "labels: one address = a range" "$ONE" "$OUT"
R=$_T_TMP/report.jsonl
run_plugin "$P" -H 198.51.100.0/28 --report "$R" $D
expect_cmd "--report: one line per address of the range" sh -c 'test "$(wc -l <"$1")" -eq 16' sh "$R"
expect_cmd "--report: every line is JSON with its verdict" python3 -c '
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
assert {r["verdict"] for r in rows} >= {"confirmed", "not confirmed"}, rows
assert all(r["address"].startswith("198.51.100.") for r in rows)
' "$R"
fc "REFUSED: could not tell" 2 "FCRDNS CRITICAL - 10.0.0.1: could not tell, REFUSED from $LAB_DNS#$LAB_PORT |*" \
	-H 10.0.0.1 $D
fc "CNAME loop in the reverse zone" 2 'FCRDNS CRITICAL - 198.51.100.60: could not tell, CNAME loop at *' \
	-H 198.51.100.60 $D
fc "name does not exist" 2 'FCRDNS CRITICAL - nxhost.example.test. does not exist (NXDOMAIN) |*' \
	-H nxhost.example.test $D

# --- the -t budget against a server that never answers ------------------------------
S="-s $LAB_SILENT --dns-port $LAB_SILENT_PORT"
fc "silent server, -t 1" 2 "FCRDNS CRITICAL - 198.51.100.10: could not tell, no answer from $LAB_SILENT#$LAB_SILENT_PORT in time |*" \
	-H 198.51.100.10 -t 1 $S
expect_ms_between 900 1600 "silent server: ends after about 1 s"
fc "silent server, a /24, -t 1" 2 'FCRDNS CRITICAL - 256 addresses: 0 confirmed, 0 failed, 256 could not tell, worst: 198.51.100.0: could not tell, *' \
	-H 198.51.100.0/24 -t 1 $S
expect_ms_between 900 1600 "silent server, /24: the whole range ends after about 1 s"
fc "silent server, MX, -t 1:unknown" 3 'FCRDNS UNKNOWN - mixed.example.test.: could not tell its MX records, *' \
	-D mixed.example.test -t 1:unknown $S
expect_ms_between 900 1600 "silent server, MX: about 1 s"

# --- bad options: UNKNOWN with a one-line reason ---------------------------------------
fc "range too large" 3 'FCRDNS UNKNOWN - 10.0.0.0/8 has 2^24 addresses, at most 65536 per run: split it into smaller prefixes' \
	-H 10.0.0.0/8 $D
expect_ms_between 0 500 "range too large: refused before any lookup"
fc "IPv6 range too large" 3 'FCRDNS UNKNOWN - 2001:db8::/64 has 2^64 addresses, at most 65536 per run*' -H 2001:db8::/64 $D
fc "ranges too large together" 3 'FCRDNS UNKNOWN - the prefixes have 98304 addresses in all, at most 65536 per run*' \
	-H 198.18.0.0/16 -H 198.19.0.0/17 $D
fc "prefix with host bits" 3 "FCRDNS UNKNOWN - invalid prefix '198.51.100.1/28': host bits set, did you mean 198.51.100.0/28" \
	-H 198.51.100.1/28 $D
fc "bad prefix length" 3 "FCRDNS UNKNOWN - invalid prefix '198.51.100.0/33': *" -H 198.51.100.0/33 $D
fc "no -H or -D" 3 'FCRDNS UNKNOWN - -H ADDRESS, NAME or PREFIX, -D DOMAIN, --spf DOMAIN or --inventory FILE is required' $D
fc "unknown option" 3 "FCRDNS UNKNOWN - unknown option '--bogus'" -H 198.51.100.10 --bogus $D
fc "missing value" 3 "FCRDNS UNKNOWN - option '-D' needs a value" -H 198.51.100.10 -D
expect_lines 3 "usage error: reason, usage line, hint"
expect_pipes 0 "usage error: no '|' anywhere"
fc "bad -D" 3 "FCRDNS UNKNOWN - invalid domain 'a..b' for -D" -D a..b $D
fc "-w 2:1" 3 "FCRDNS UNKNOWN - warning range '2:1': start is greater than end" -H 198.51.100.10 -w 2:1 $D
fc "-t 0" 3 "FCRDNS UNKNOWN - invalid timeout '0'*" -H 198.51.100.10 -t 0 $D
fc "-4 and -6" 3 'FCRDNS UNKNOWN - -4 and -6 cannot be used together' -4 -6 -H 198.51.100.10 $D
fc "-6 with an IPv4 address" 3 'FCRDNS UNKNOWN - 198.51.100.10 is not an IPv6 address' -6 -H 198.51.100.10 $D
fc "-6 with an IPv4 prefix" 3 'FCRDNS UNKNOWN - 198.51.100.0/28 is not an IPv6 prefix' -6 -H 198.51.100.0/28 $D
fc "-H garbage" 3 'FCRDNS UNKNOWN - '\''no\124such host'\'' is neither an address, a prefix nor a host name' -H 'no|such host' $D
fc "positional argument" 3 "FCRDNS UNKNOWN - unexpected argument 'extra'" -H 198.51.100.10 $D extra
fc "--generic=unknown" 3 'FCRDNS UNKNOWN - invalid --generic*' -H 198.51.100.10 --generic=unknown $D
run_plugin "$P" --help
expect_rc 3 "--help: exit 3"
expect_out '*Usage: check_fcrdns -H ADDRESS|NAME|PREFIX*' "--help: usage"
expect_out '*--domain=DOMAIN*' "--help: documents -D"
expect_out '*CIDR prefix*' "--help: documents ranges"
run_plugin "$P" -V
expect_rc 3 "-V: exit 3"
expect_line1 "check_fcrdns v* (monitoring-plugins-rdns)" "-V: version line"

finish
