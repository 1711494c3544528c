#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The monitoring-plugins-rdns authors
# check_ptr --dnssec and --require-secure against the delegation lab
# (tests/lab/deleg.sh): zones signed at start with ldns-signzone under a
# signed root whose DS is the trust anchor of a validating unbound, reached
# through /etc/resolv.conf.
#   198.18.5.10   signed zone:                 secure (AD)        OK
#   203.0.113.10  unsigned zone:               insecure           OK, --require-secure CRITICAL
#   198.18.4.10   signatures expired in 2020:  bogus (SERVFAIL; with CD the PTR)  CRITICAL
#   198.18.3.10   only a lame server:          SERVFAIL with CD too: could not tell
# Needs root, unshare, ip, nsd, unbound, dig and ldnsutils; under CI they
# are required.
# shellcheck disable=SC2153
# shellcheck source=tests/integration/lib.sh
. "${TESTS_SRC:?}/integration/lib.sh"

require_cmd ldns-signzone ldns-keygen
deleg_up "$@"

run_cmd dig +dnssec +tries=1 +time=2 -x 198.18.5.10
expect_out "*flags: qr rd ra ad;*" "lab: unbound validates the signed zone (AD)"

run_plugin check_ptr -H 198.18.5.10 --dnssec
expect_rc 0 "secure: OK"
expect_line1_exact "PTR OK - 198.18.5.10 -> secure.example.test. / 198.18.5.10: the PTR answer is DNSSEC-validated (secure: AD from 127.0.0.1#53) | time=${LINE1##*time=}"
expect_out "*ptr_records=1;;;0 dnssec_secure=1;;;0;1 dnssec_bogus=0;;;0;1 generic=0;;;0;1*" \
	"secure: perfdata dnssec_secure=1"

run_plugin check_ptr -H 198.18.5.10 --require-secure
expect_rc 0 "secure, --require-secure: OK"

run_plugin check_ptr -H 203.0.113.10 --dnssec -v
expect_rc 0 "insecure: OK without --require-secure"
expect_out "*[[]OK] 203.0.113.10: the PTR answer is not DNSSEC-validated (insecure: no AD from 127.0.0.1#53)*"
expect_out "*dnssec_secure=0;;;0;1 dnssec_bogus=0;;;0;1*" "insecure: perfdata"

run_plugin check_ptr -H 203.0.113.10 --require-secure
expect_rc 2 "insecure, --require-secure: CRITICAL"
expect_line1 "PTR CRITICAL - 203.0.113.10: the PTR answer is not DNSSEC-validated (insecure: no AD from 127.0.0.1#53) |*"

run_plugin check_ptr -H 198.18.4.10 --dnssec
expect_rc 2 "bogus: CRITICAL"
expect_line1 "PTR CRITICAL - 198.18.4.10: the PTR answer fails DNSSEC validation (bogus): 127.0.0.1#53 says SERVFAIL, with checking disabled bogus.example.test.: validating receivers see no PTR; the signatures of the zone (or its DS at the parent) must be fixed |*"
expect_out "*dnssec_secure=0;;;0;1 dnssec_bogus=1;;;0;1*" "bogus: perfdata dnssec_bogus=1"

# Without --dnssec the bogus zone is a plain SERVFAIL: could not tell.
run_plugin check_ptr -H 198.18.4.10
expect_rc 2
expect_line1 "PTR CRITICAL - 198.18.4.10: could not tell, SERVFAIL from 127.0.0.1#53 |*" \
	"without --dnssec: could not tell (SERVFAIL), no DNSSEC words"
# A plain SERVFAIL (3.18.198.in-addr.arpa is delegated to the lame ns3
# alone) stays SERVFAIL with CD: could not tell, never 'bogus'.
run_plugin check_ptr -H 198.18.3.10 --dnssec
expect_rc 2
expect_line1 "PTR CRITICAL - 198.18.3.10: could not tell, SERVFAIL from 127.0.0.1#53 | time=U;;;0 ptr_records=U;;;0 dnssec_secure=U;;;0;1 dnssec_bogus=U;;;0;1 *" \
	"plain SERVFAIL with --dnssec: could not tell, DNSSEC perfdata U"

# check_fcrdns --dnssec: the same three, counted in perfdata.
run_plugin check_fcrdns -H 198.18.5.10 -H 203.0.113.10 -H 198.18.4.10 --dnssec -v
expect_rc 2 "check_fcrdns --dnssec with a bogus zone: CRITICAL"
expect_out "*[[]OK] 198.18.5.10: the PTR answer is DNSSEC-validated (secure: AD from 127.0.0.1#53)*" \
	"check_fcrdns: secure"
expect_out "*[[]OK] 203.0.113.10: the PTR answer is not DNSSEC-validated (insecure: no AD from 127.0.0.1#53)*" \
	"check_fcrdns: insecure"
expect_out "*[[]CRITICAL] 198.18.4.10: the PTR answer fails DNSSEC validation (bogus): 127.0.0.1#53 says SERVFAIL, with checking disabled bogus.example.test.*" \
	"check_fcrdns: bogus"
expect_out "* addresses=3;;;0 * dnssec_secure=1;;;0 dnssec_insecure=1;;;0 dnssec_bogus=1;;;0*" \
	"check_fcrdns: the counts add up to the addresses"
run_plugin check_fcrdns -H 203.0.113.10 --require-secure
expect_rc 2 "check_fcrdns --require-secure, insecure: CRITICAL"

# Without --dnssec no EDNS goes out: the output of before.
run_plugin check_ptr -H 198.18.5.10
expect_line1 "PTR OK - 198.18.5.10 -> secure.example.test. | time=*s;;;0 ptr_records=1;;;0 generic=0;;;0;1 *" \
	"without --dnssec: the output of before"
finish
