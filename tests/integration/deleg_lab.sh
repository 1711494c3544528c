#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The monitoring-plugins-rdns authors
# The delegation lab (tests/lab/deleg.sh) is what it claims to be: unbound
# resolves the lab's zones from its own root through real delegations and
# is reached through /etc/resolv.conf; ns2 serves a stale copy and ns3 is
# lame. Then the plugins, without -s, get their answers that way.
# Needs root, unshare, ip, nsd, unbound and dig; under CI they are required.
# shellcheck disable=SC2153
# shellcheck source=tests/integration/lib.sh
. "${TESTS_SRC:?}/integration/lib.sh"

deleg_up "$@"

# dig_short DESC EXPECTED ARGS...: dig +short ARGS prints EXPECTED.
dig_short()
{
	_d=$1
	_e=$2
	shift 2
	run_cmd dig +tries=1 +time=2 +short "$@"
	if [ "$RC" -eq 0 ] && [ "$OUT" = "$_e" ]; then
		_t_ok "$_d"
	else
		_t_not_ok "$_d" "dig said '$OUT', expected '$_e'"
	fi
}

run_cmd cat /etc/resolv.conf
expect_out "nameserver $DELEG_UNBOUND" "resolv.conf in the namespace names unbound"
run_cmd dig @"$DELEG_ROOT" +norecurse +tries=1 +time=2 +noall +authority \
    example.test NS
expect_out "*example.test.*NS*ns1.example.test.*" "the root delegates example.test"
dig_short "unbound (resolv.conf) resolves the PTR of 203.0.113.10" \
    "mail.example.test." -x 203.0.113.10
dig_short "unbound follows the RFC 2317 CNAME of 203.0.113.20" \
    "20.16/28.113.0.203.in-addr.arpa.
classless.example.test." -x 203.0.113.20
dig_short "ns1 has the current PTR of 198.18.1.10" "mail2.example.test." \
    @"$DELEG_NS1" +norecurse -x 198.18.1.10
dig_short "ns2 still has the old PTR of 198.18.1.10" "old.example.test." \
    @"$DELEG_NS2" +norecurse -x 198.18.1.10
run_cmd dig @"$DELEG_NS3" +norecurse +tries=1 +time=2 -x 198.18.2.10
expect_out "*status: REFUSED*" "ns3 is lame for 2.18.198.in-addr.arpa"
if [ -n "$DELEG_NS1_6" ]; then
	dig_short "ns1 answers over IPv6 too" "mail3.example.test." \
	    @"$DELEG_NS1_6" +norecurse -x 198.18.2.10
fi

# The plugins without -s: the system resolver of this namespace.
run_plugin check_ptr -H 203.0.113.10
expect_rc 0
expect_line1 "PTR OK - 203.0.113.10 -> mail.example.test*"
run_plugin check_ptr -H 203.0.113.12
expect_rc 2
expect_line1 "PTR CRITICAL - 203.0.113.12 has no PTR record (NXDOMAIN)*"
run_plugin check_fcrdns -H 203.0.113.20
expect_rc 0
expect_line1 "FCRDNS OK*"
finish
