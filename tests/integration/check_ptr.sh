#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The monitoring-plugins-rdns authors
# Integration tests of check_ptr: the real binary against the lab's nsd
# (our zones) and the silent server, asserting exit code and first line.
. "${TESTS_SRC:?}/integration/lib.sh"
lab_up

P="$PLUGINS_DIR/check_ptr"
D="-s $LAB_DNS --dns-port $LAB_PORT"

# ptr DESCRIPTION RC LINE1-PATTERN ARGS...: one run, the usual assertions.
ptr() {
	run_check "$P" "$@"
}

# --- OK ---------------------------------------------------------------------
ptr "good PTR" 0 'PTR OK - 198.51.100.10 -> mail.example.test. | time=*s;;;0 ptr_records=1;;;0 generic=0;;;0;1 addresses=1;;;0 with_ptr=1;;;0;1 no_ptr=0;;;0;1 unsure=0;;;0;1' \
	-H 198.51.100.10 $D
expect_lines 1 "good PTR: one line"
ptr "good PTR, -e matches (case, no dot)" 0 'PTR OK - 198.51.100.10 -> mail.example.test. | * match=1;;;0;1 *' \
	-H 198.51.100.10 -e MAIL.Example.TEST $D
ptr "good PTR over TCP" 0 'PTR OK - 198.51.100.10 -> mail.example.test. |*' -H 198.51.100.10 --tcp $D
ptr "IPv6" 0 'PTR OK - 2001:db8::10 -> mail.example.test. |*' -H 2001:db8::10 $D
ptr "IPv4-mapped IPv6 is checked as IPv4" 0 'PTR OK - 198.51.100.10 -> mail.example.test. |*' \
	-H ::ffff:198.51.100.10 $D
ptr "RFC 2317 classless delegation" 0 'PTR OK - 203.0.113.65 -> classless.example.test. |*' -H 203.0.113.65 $D
ptr "two PTRs, no -e" 0 'PTR OK - 198.51.100.20 -> multi1.example.test., multi2.example.test. | * ptr_records=2;;;0 *' \
	-H 198.51.100.20 $D
ptr "name with A and AAAA: both checked" 0 'PTR OK - 198.51.100.50 -> dual.example.test. / 2001:db8::50 -> dual.example.test. | time=*s;;;0 ptr_records=2;;;0 generic=0;;;0;2 addresses=2;;;0 with_ptr=2;;;0;2 no_ptr=0;;;0;2 unsure=0;;;0;2' \
	-H dual.example.test $D
expect_lines 1 "dual: the status line names both, OK lines only with -v"
run_plugin "$P" -H dual.example.test -v $D
expect_out '*[[]OK] 198.51.100.50 -> dual.example.test.*[[]OK] 2001:db8::50 -> dual.example.test.*' "dual -v: a long-output line per address"
ptr "-4 restricts a name to IPv4" 0 'PTR OK - 198.51.100.51 -> v6nptr.example.test. |*' -4 -H v6nptr.example.test $D
ptr "generic name with --generic=ok" 0 'PTR OK - 198.51.100.14 -> static-198-51-100-14.dyn.example.test. | * generic=1;;;0;1 *' \
	-H 198.51.100.14 --generic=ok $D
if [ -n "${LAB_DNS6:-}" ]; then
	ptr "DNS server over IPv6" 0 'PTR OK - 198.51.100.10 -> mail.example.test. |*' \
		-H 198.51.100.10 -s "$LAB_DNS6" --dns-port "$LAB_PORT"
fi
ptr "several -H" 0 'PTR OK - 198.51.100.10 -> mail.example.test. / 203.0.113.65 -> classless.example.test. | time=*s;;;0 ptr_records=2;;;0 generic=0;;;0;2 addresses=2;;;0 *' \
	-H 198.51.100.10 -H 203.0.113.65 $D

# --- -v names the zone and who must change it -------------------------------
run_plugin "$P" -H 198.51.100.10 -v $D
expect_rc 0 "-v: exit 0"
expect_out '*198.51.100.10: PTR lives in zone 100.51.198.in-addr.arpa. (SOA ns1.example.test. hostmaster.example.test. serial *, NS ns1.example.test.)*' \
	"-v: names the reverse zone, SOA and NS"
run_plugin "$P" -H 203.0.113.65 -v $D
expect_out '*is a CNAME to 65.64/26.113.0.203.in-addr.arpa. (RFC 2317*' "-v: shows the RFC 2317 CNAME"
expect_out '*PTR lives in zone 64/26.113.0.203.in-addr.arpa. (SOA * hostmaster.customer.test.*' \
	"-v: RFC 2317 zone is the customer's"
run_plugin "$P" -H 198.51.100.10 -vv $D
expect_out "*PTR 10.100.51.198.in-addr.arpa. -> NOERROR from $LAB_DNS#$LAB_PORT*" "-vv: shows the query and server"

# --- WARNING ----------------------------------------------------------------
ptr "two PTRs, only one expected" 1 'PTR WARNING - 198.51.100.20 -> multi1.example.test., multi2.example.test.: 1 of 2 PTR names not expected*' \
	-H 198.51.100.20 -e multi2.example.test $D
ptr "generic provider name" 1 "PTR WARNING - 198.51.100.14 -> static-198-51-100-14.dyn.example.test. looks generic: *" \
	-H 198.51.100.14 $D
# Every kind of generic-name evidence shows its reason in the status line.
generic() {
	ptr "generic: $2" 1 "PTR WARNING - $1 -> * looks generic: $2, ask the holder of the address block for a specific PTR |* generic=1;;;0;1 *" \
		-H "$1" $D
}
generic 203.0.113.10 'address 203.0.113.10 embedded as 10.113.0.203'
generic 203.0.113.11 'address 203.0.113.11 embedded as cb00710b (hexadecimal)'
generic 203.0.113.12 'address 203.0.113.12 embedded as 3405803788 (decimal integer)'
generic 203.0.113.13 "address 203.0.113.13 partly embedded as 113-13 beside pool word 'pool'"
generic 203.0.113.14 'AWS EC2 default name (ec2-N-N-N-N.compute-1.amazonaws.com)'
generic 203.0.113.15 "pool word 'dhcp'"
generic 203.0.113.16 'address 203.0.113.16 embedded as 203-000-113-016'
generic 2001:db8::a1 'address 2001:db8::a1 embedded as 2001-db8--a1'
ptr "lookup slower than -w" 1 'PTR WARNING - 198.51.100.10 -> mail.example.test., but the lookup took * | time=*s;0.0000001;;0 *' \
	-H 198.51.100.10 -w 0.0000001 $D
ptr "REFUSED with -t ...:warning" 1 "PTR WARNING - 10.0.0.1: could not tell, REFUSED from $LAB_DNS#$LAB_PORT |*" \
	-H 10.0.0.1 -t 5:warning $D

# --- CRITICAL -----------------------------------------------------------------
ptr "no PTR (NXDOMAIN)" 2 'PTR CRITICAL - 198.51.100.40 has no PTR record (NXDOMAIN) (reverse zone 100.51.198.in-addr.arpa., contact hostmaster.example.test.): the holder of the address block must add one | time=*ptr_records=0;;;0 generic=0;;;0;1 addresses=1;;;0 with_ptr=0;;;0;1 no_ptr=1;;;0;1 unsure=0;;;0;1' \
	-H 198.51.100.40 $D
ptr "no PTR (name exists, no PTR data)" 2 'PTR CRITICAL - 198.51.100.41 has no PTR record (no data)*' -H 198.51.100.41 $D
ptr "RFC 2317 child without the PTR" 2 'PTR CRITICAL - 203.0.113.66 has no PTR record (NXDOMAIN)*' -H 203.0.113.66 $D
ptr "IPv6 without PTR" 2 'PTR CRITICAL - 2001:db8::51 has no PTR record (NXDOMAIN)*' -H 2001:db8::51 $D
ptr "name whose IPv6 address has no PTR" 2 'PTR CRITICAL - 2001:db8::51 has no PTR record*' -H v6nptr.example.test $D
ptr "PTR is not the expected name" 2 'PTR CRITICAL - 198.51.100.10 -> mail.example.test., expected mx.example.test: fix the PTR*| * match=0;;;0;1 *' \
	-H 198.51.100.10 -e mx.example.test $D
ptr "PTR holding '|' and a newline" 2 'PTR CRITICAL - 198.51.100.30 -> bad\124name\010.example.test.: not a valid host name (*) | time=*s;;;0 ptr_records=1;;;0 generic=0;;;0;1 addresses=1;;;0 with_ptr=1;;;0;1 no_ptr=0;;;0;1 unsure=0;;;0;1' \
	-H 198.51.100.30 $D
expect_lines 1 "'|' PTR: still exactly one line"
expect_pipes 1 "'|' PTR: exactly one perfdata separator"
ptr "PTR inside in-addr.arpa" 2 'PTR CRITICAL - 198.51.100.16 -> 16.100.51.198.in-addr.arpa.: not a valid host name*' -H 198.51.100.16 $D
ptr "numeric PTR" 2 'PTR CRITICAL - 198.51.100.17 -> 198.51.100.17.: not a valid host name*' -H 198.51.100.17 $D
ptr "single-label PTR" 2 'PTR CRITICAL - 198.51.100.18 -> mail.: not a valid host name (not a fully-qualified*' -H 198.51.100.18 $D
ptr "generic with --generic=critical" 2 'PTR CRITICAL - 198.51.100.14 -> * looks generic: *' -H 198.51.100.14 --generic=critical $D
ptr "lookup slower than -c" 2 'PTR CRITICAL - 198.51.100.10 -> mail.example.test., but the lookup took *' -H 198.51.100.10 -c 0.0000001 $D
ptr "name does not exist" 2 'PTR CRITICAL - nxhost.example.test. does not exist (NXDOMAIN) | time=U;;;0 ptr_records=U;;;0 generic=U;;;0;0 addresses=0;;;0 *' -H nxhost.example.test $D
ptr "name without addresses" 2 'PTR CRITICAL - noaddr.example.test. has no A or AAAA record | time=U;;;0 *' -H noaddr.example.test $D
ptr "REFUSED: could not tell, never 'no PTR'" 2 "PTR CRITICAL - 10.0.0.1: could not tell, REFUSED from $LAB_DNS#$LAB_PORT |*" -H 10.0.0.1 $D
ptr "CNAME loop in the reverse zone" 2 'PTR CRITICAL - 198.51.100.60: could not tell, CNAME loop at *' -H 198.51.100.60 $D

# --- the -t budget against a server that never answers ------------------------
S="-s $LAB_SILENT --dns-port $LAB_SILENT_PORT"
ptr "silent server, -t 1" 2 "PTR CRITICAL - 198.51.100.10: could not tell, no answer from $LAB_SILENT#$LAB_SILENT_PORT in time |*" \
	-H 198.51.100.10 -t 1 $S
expect_ms_between 900 1600 "silent server: ends after about 1 s"
ptr "silent server, -t 1:unknown" 3 'PTR UNKNOWN - 198.51.100.10: could not tell, *' -H 198.51.100.10 -t 1:unknown $S
expect_ms_between 900 1600 "silent server with state: about 1 s"
ptr "refusing server first, nsd second" 0 'PTR OK - 198.51.100.10 -> mail.example.test. |*' \
	-H 198.51.100.10 -t 5 -s 127.0.0.9 -s "$LAB_DNS" --dns-port "$LAB_PORT"
expect_ms_between 0 800 "refusing server first: no waiting for -t"
# Refused, asked once more a retry interval (1 s) later in case the
# server was restarting (as glibc asks twice), then given up: not -t.
ptr "nothing listens on the port: refused, asked again once" 2 'PTR CRITICAL - 198.51.100.10: could not tell, *connection refused*' \
	-H 198.51.100.10 -s 127.0.0.1 --dns-port 9 -t 5
expect_ms_between 900 1800 "refused port: one retry, no waiting for -t"

# --- perfdata says what was measured (issue 14) ----------------------------------
ptr "could not tell: U, never a made-up 0" 2 "PTR CRITICAL - 198.51.100.10: could not tell, * | time=U;;;0 ptr_records=U;;;0 generic=U;;;0;1 addresses=1;;;0 with_ptr=0;;;0;1 no_ptr=0;;;0;1 unsure=1;;;0;1" \
	-H 198.51.100.10 -t 1 $S
ptr "--perf-per-address adds labels" 0 'PTR OK - * | 198.51.100.50_time=*s;;;0 198.51.100.50_ptr_records=1;;;0 2001_db8__50_time=*s;;;0 2001_db8__50_ptr_records=1;;;0 time=*' \
	-H dual.example.test --perf-per-address $D

# The label set depends on the command line only: a host that gains an AAAA
# record, loses its address or meets a DNS outage keeps its metric names.
run_plugin "$P" -H 198.51.100.10 $D
ONE=$OUT
run_plugin "$P" -H dual.example.test $D
expect_same_labels "labels: one address = two addresses (dual-stack name)" "$ONE" "$OUT"
run_plugin "$P" -H nxhost.example.test $D
expect_same_labels "labels: one address = a name without address" "$ONE" "$OUT"
run_plugin "$P" -H 198.51.100.10 -t 1 $S
expect_same_labels "labels: one address = a DNS server that never answers" "$ONE" "$OUT"

# --- the receivers' view (lib/receivers; proven against the real ones in
# tests/integration/receivers.sh) ---------------------------------------------------
ptr "--receivers: two PTRs, the confirmed one second" 1 'PTR WARNING - 198.51.100.20: receivers: Postfix reject_unknown_client_hostname would answer 450 4.7.25 | * refusing_rules=1;;;0 *' \
	-H 198.51.100.20 --receivers=postfix,exim $D
ptr "--receivers: no PTR" 2 'PTR CRITICAL - 198.51.100.40 has no PTR record (NXDOMAIN)* / 198.51.100.40: receivers: Exim verify = reverse_host_lookup would answer 550, Postfix 450 4.7.1, Gmail 550 5.7.25, Yahoo reject |*' \
	-H 198.51.100.40 --receivers $D
run_plugin "$P" -H 198.51.100.40 --receivers --receiver-states=reject=warning $D
expect_out '*
[[]WARNING] 198.51.100.40: receivers: *' "--receiver-states: a reject is the state given"
run_plugin "$P" -H 198.51.100.10 --receivers --helo mail.example.test -v $D
expect_out '*198.51.100.10: Postfix reject_unknown_helo_hostname (tested): accept*' "--receivers -v: a line per rule"
expect_out '*198.51.100.10: Gmail * (published rule): accept*' "--receivers -v: published rules marked so"
ptr "--receivers=nobody" 3 "PTR UNKNOWN - unknown receiver 'nobody'" -H 198.51.100.10 --receivers=nobody $D
ptr "--receiver-states=reject=maybe" 3 "PTR UNKNOWN - invalid --receiver-states item 'reject=maybe'*" -H 198.51.100.10 --receivers --receiver-states=reject=maybe $D

# --- names and addresses as people type them -------------------------------------
ptr "-e in Unicode is compared as A-labels" 2 'PTR CRITICAL - 198.51.100.10 -> mail.example.test., expected xn--mil-qla.xn--bcher-kva.example: fix the PTR |*' \
	-H 198.51.100.10 -e 'mäil.bücher.example' $D
ptr "-H in Unicode is asked as A-labels" 2 'PTR CRITICAL - xn--mil-qla.example.test. does not exist (NXDOMAIN) |*' \
	-H 'mäil.example.test' $D
ptr "-H [IPv6]: hint" 3 "PTR UNKNOWN - -H '[[]2001:db8::10]': write the address without brackets, -H 2001:db8::10" -H '[2001:db8::10]' $D
ptr "-H name:port: hint" 3 "PTR UNKNOWN - -H 'mail.example.test:25': -H takes no port (an SMTP port is -p, a DNS port --dns-port)" -H mail.example.test:25 $D
ptr "-s address:port: hint" 3 "PTR UNKNOWN - invalid DNS server '127.0.0.1:5300': -s takes an address alone, give the port with --dns-port 5300" -H 198.51.100.10 -s 127.0.0.1:5300
ptr "-s address#port: hint" 3 "PTR UNKNOWN - invalid DNS server '127.0.0.1#5300': -s takes an address alone, give the port with --dns-port 5300" -H 198.51.100.10 -s '127.0.0.1#5300'
ptr "a range: points to check_fcrdns" 3 'PTR UNKNOWN - 198.51.100.0/24 is a range of addresses: this check takes addresses and names, check_fcrdns -H 198.51.100.0/24 checks every address of a range' \
	-H 198.51.100.0/24 $D
ptr "-t 0 says what it wants" 3 "PTR UNKNOWN - invalid timeout '0': expected seconds, more than 0 and at most 3600, then optionally :STATE" -H 198.51.100.10 -t 0 $D
run_plugin "$P" -H 198.51.100.10 -t 0 $D
expect_cmd "usage line within 80 columns" sh -c \
	'test "$(printf "%s\n" "$1" | sed -n 2p | wc -c)" -le 81' sh "$OUT"

# --- --report: a JSON object per address ------------------------------------------
R=$_T_TMP/report.jsonl
run_plugin "$P" -H dual.example.test -H 198.51.100.40 --report "$R" $D
expect_rc 2 "--report: the run's state"
expect_cmd "--report: one line per address" sh -c 'test "$(wc -l <"$1")" -eq 3' sh "$R"
expect_cmd "--report: verdict, piece and who fixes it" \
	grep -q '^{"address":"198.51.100.40","state":"CRITICAL","piece":"ptr","fixer":"reverse zone holder",' "$R"
expect_cmd "--report: every line is JSON" \
	python3 -c 'import json,sys; [json.loads(l) for l in open(sys.argv[1])]' "$R"
ptr "--report into a directory that does not exist" 3 "PTR UNKNOWN - cannot write --report '/nonexistent/r.jsonl': No such file or directory" \
	-H 198.51.100.10 --report /nonexistent/r.jsonl $D

# --- bad options: UNKNOWN with a one-line reason --------------------------------
ptr "-w 2:1" 3 "PTR UNKNOWN - warning range '2:1': start is greater than end" -H 198.51.100.10 -w 2:1 $D
ptr "-c 1-10" 3 "PTR UNKNOWN - critical range '1-10'*" -H 198.51.100.10 -c 1-10 $D
ptr "-w foo" 3 "PTR UNKNOWN - warning range 'foo'*" -H 198.51.100.10 -w foo $D
ptr "no -H" 3 'PTR UNKNOWN - -H ADDRESS or NAME is required' $D
ptr "unknown option" 3 "PTR UNKNOWN - unknown option '--bogus'" -H 198.51.100.10 --bogus $D
ptr "missing value" 3 "PTR UNKNOWN - option '-e' needs a value" -H 198.51.100.10 -e
ptr "-t 0" 3 "PTR UNKNOWN - invalid timeout '0'*" -H 198.51.100.10 -t 0 $D
ptr "-t 5:maybe" 3 "PTR UNKNOWN - invalid timeout state 'maybe'*" -H 198.51.100.10 -t 5:maybe $D
ptr "--dns-port 0" 3 "PTR UNKNOWN - invalid DNS port '0'*" -H 198.51.100.10 -s 127.0.0.1 --dns-port 0
ptr "-s with a name" 3 "PTR UNKNOWN - invalid DNS server 'localhost'*" -H 198.51.100.10 -s localhost
ptr "-4 and -6" 3 'PTR UNKNOWN - -4 and -6 cannot be used together' -4 -6 -H 198.51.100.10 $D
ptr "-6 with an IPv4 address" 3 'PTR UNKNOWN - 198.51.100.10 is not an IPv6 address' -6 -H 198.51.100.10 $D
ptr "-H garbage (printed escaped)" 3 "PTR UNKNOWN - 'no\\124such host' is neither an address nor a host name" -H 'no|such host' $D
ptr "leading zeros are not octal" 3 "PTR UNKNOWN - '010.1.1.1' is neither*" -H 010.1.1.1 $D
ptr "positional argument" 3 "PTR UNKNOWN - unexpected argument 'extra'" -H 198.51.100.10 $D extra
ptr "--generic=unknown" 3 'PTR UNKNOWN - invalid --generic*' -H 198.51.100.10 --generic=unknown $D
run_plugin "$P" --help
expect_rc 3 "--help: exit 3"
expect_out '*Usage: check_ptr -H ADDRESS|NAME*' "--help: usage"
expect_out '*--expect=NAME*' "--help: documents -e"
run_plugin "$P" -V
expect_rc 3 "-V: exit 3"
expect_line1 "check_ptr v* (monitoring-plugins-rdns)" "-V: version line"
expect_out '*License GPL-3.0-or-later*' "-V: names the licence"

# --- one process: no fork or exec of dig, nslookup or a shell ------------------
# (Not under valgrind or the sanitizers: both add threads or refuse ptrace.)
if command -v strace >/dev/null 2>&1 && [ -z "${VALGRIND:-}" ] &&
	[ -z "${SANITIZED:-}" ] &&
	strace -qq -o /dev/null true 2>/dev/null; then
	run_cmd strace -f -qq -e trace=execve,fork,vfork,clone,clone3 \
		-o "$LAB_DIR/strace.out" "$P" -H dual.example.test -v $D
	n=$(grep -c . "$LAB_DIR/strace.out")
	execs=$(grep -c 'execve(' "$LAB_DIR/strace.out")
	if [ "$n" -eq 1 ] && [ "$execs" -eq 1 ]; then
		_t_ok "one process: the only execve is the plugin's own"
	else
		_t_not_ok "one process: the only execve is the plugin's own" \
			"$(cat "$LAB_DIR/strace.out")"
	fi
fi

finish
