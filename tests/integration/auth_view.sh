#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The monitoring-plugins-rdns authors
# The authoritative view (-A) of check_ptr and check_fcrdns against the
# delegation lab (tests/lab/deleg.sh): every server of the reverse zone and
# of the PTR name's zone asked directly, through real delegations found
# via unbound behind /etc/resolv.conf (no -s).
#   203.0.113.10  all servers agree                       OK
#   198.18.1.10   ns2 serves an older copy (old PTR)      WARNING, --disagree
#   203.0.113.11  ns2 has an older A of the PTR name      WARNING
#   198.18.2.10   ns3 is lame (REFUSED)                   WARNING, --lame
#   203.0.113.20  RFC 2317: the servers of 16/28 asked    OK
#   203.0.113.12  NXDOMAIN everywhere: the view agrees    CRITICAL (no PTR)
#   198.18.6.10   ns4 never answers (lame by timeout)     WARNING, within 2 s
# Needs root, unshare, ip, nsd, unbound and dig; under CI they are required.
# shellcheck disable=SC2153
# shellcheck source=tests/integration/lib.sh
. "${TESTS_SRC:?}/integration/lib.sh"

deleg_up "$@"

run_plugin check_ptr -H 203.0.113.10 -A
expect_rc 0 "agree: OK"
expect_line1 "PTR OK - 203.0.113.10 -> mail.example.test. / 203.0.113.10: the 2 authoritative servers of 113.0.203.in-addr.arpa. (3 addresses) agree: PTR mail.example.test., serial 2026120401 / mail.example.test.: the 2 authoritative servers of example.test. (3 addresses) agree: address 203.0.113.10, serial 2026120401 |*"
expect_stderr_empty

run_plugin check_ptr -H 203.0.113.10 -A -v
expect_out "*203.0.113.10: ns1.example.test. (198.51.100.11): PTR mail.example.test., serial 2026120401, AA, *" \
	"-v: one line per server address, ns1 over IPv4"
expect_out "*203.0.113.10: ns2.example.test. (198.51.100.12): PTR mail.example.test., serial 2026120401, AA, *" \
	"-v: ns2 named"
if [ -n "$DELEG_NS1_6" ]; then
	expect_out "*203.0.113.10: ns1.example.test. ($DELEG_NS1_6): PTR mail.example.test.*" \
		"-v: ns1's AAAA is asked too"
fi

run_plugin check_ptr -H 198.18.1.10 -A
expect_rc 1 "stale secondary: WARNING"
expect_line1 "PTR WARNING - 198.18.1.10: ns2.example.test. (198.51.100.12) still serves the old PTR old.example.test., serial 2024010101 vs 2026060101 on ns1.example.test. (198.51.100.11): mail2.example.test.; the change is half-propagated |*"

run_plugin check_ptr -H 198.18.1.10 -A --disagree=critical
expect_rc 2 "--disagree=critical"
expect_line1 "PTR CRITICAL - 198.18.1.10: ns2.example.test. (198.51.100.12) still serves the old PTR*"
run_plugin check_ptr -H 198.18.1.10 -A --disagree=ok
expect_rc 0 "--disagree=ok"

run_plugin check_ptr -H 203.0.113.11 -A
expect_rc 1 "stale forward zone of the PTR name: WARNING"
expect_line1 "PTR WARNING - mail4.fwd.test.: ns2.example.test. (198.51.100.12) still serves the old address 203.0.113.99, serial 2026010101 vs 2026120401 on ns1.example.test. (198.51.100.11): 203.0.113.11; the change is half-propagated |*"

run_plugin check_fcrdns -H 198.18.2.10 -A -v
expect_rc 1 "lame server: WARNING"
expect_line1 "FCRDNS WARNING - 198.18.2.10: ns3.example.test. (198.51.100.13, REFUSED) is lame for 2.18.198.in-addr.arpa.: the delegation names a server that does not serve the zone |*"
expect_out "*[[]OK] 198.18.2.10 -> mail3.example.test. -> 198.18.2.10*" \
	"lame server: the FCrDNS result itself stays OK"

run_plugin check_fcrdns -H 198.18.2.10 -A --lame=critical
expect_rc 2 "--lame=critical"
run_plugin check_ptr -H 198.18.2.10 -A --lame=ok -v
expect_rc 0 "--lame=ok"
expect_out "*[[]OK] 198.18.2.10: ns3.example.test. (198.51.100.13, REFUSED) is lame*" \
	"--lame=ok still names the lame server"

run_plugin check_fcrdns -H 203.0.113.20 -A
expect_rc 0 "RFC 2317: OK"
expect_out "*203.0.113.20: the 2 authoritative servers of 16/28.113.0.203.in-addr.arpa. (3 addresses) agree: PTR classless.example.test., serial 2026120401*" \
	"RFC 2317: the servers of the classless zone are asked"

run_plugin check_ptr -H 203.0.113.12 -A -v
expect_rc 2 "NXDOMAIN: CRITICAL from the PTR judge"
expect_out "*[[]OK] 203.0.113.12: the 2 authoritative servers of 113.0.203.in-addr.arpa. (3 addresses) agree: PTR NXDOMAIN, serial 2026120401*" \
	"NXDOMAIN: every server says so"

# A server that never answers: lame (timeout), waited for AUTH_WAIT (2 s)
# and never past -t.
if [ -n "$DELEG_SILENT" ]; then
	run_plugin check_ptr -H 198.18.6.10 -A
	expect_rc 1 "silent server: WARNING"
	expect_line1 "PTR WARNING - 198.18.6.10: ns4.example.test. ($DELEG_SILENT, timeout) is lame for 6.18.198.in-addr.arpa.: the delegation names a server that does not serve the zone |*"
	expect_ms_between 1800 3500 "silent server: waited for 2 s, not -t (10 s)"
	run_plugin check_ptr -H 198.18.6.10 -A -t 1
	expect_rc 1 "silent server, -t 1: still WARNING (lame), not a timeout of the run"
	expect_ms_between 700 1600 "silent server, -t 1: within -t"
else
	skip_test "silent authoritative server" "SILENT_DNS (tests/lab/hostile_dns) not set"
fi

# Without -A nothing changes: no authoritative server is asked.
run_plugin check_ptr -H 198.18.2.10
expect_rc 0 "without -A: the lame server is not seen"
case $OUT in
*"authoritative"*) _t_not_ok "without -A: no authoritative line" "$OUT" ;;
*) _t_ok "without -A: no authoritative line" ;;
esac

# Bad values: usage errors.
run_plugin check_ptr -H 198.18.2.10 --lame=bogus
expect_rc 3
expect_line1_exact "PTR UNKNOWN - invalid --lame: expected ok, warning or critical"
run_plugin check_fcrdns -H 198.18.2.10 --disagree=unknown
expect_rc 3
expect_line1_exact "FCRDNS UNKNOWN - invalid --disagree: expected ok, warning or critical"
finish
