#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The monitoring-plugins-rdns authors
# The lab itself: every zone record answers as the tests expect (lab.sh
# selftest), and the silent server really never answers, over UDP and TCP.
. "${TESTS_SRC:-$(dirname -- "$0")/..}/integration/lib.sh"
require_cmd dig
lab_up

DIG=$(command -v dig)

expect_cmd "lab.sh selftest: every record of tests/lab/zones" \
    sh "$LAB_SH" selftest "$LAB_DIR"

run_cmd "$DIG" @"$LAB_DNS" -p "$LAB_PORT" +norecurse +tries=1 +time=1 +short \
    example.test SOA
expect_rc 0 "nsd answers the SOA of example.test"
expect_line1 'ns1.example.test. hostmaster.example.test. *' "nsd: SOA data"
expect_ms_below 1000 "nsd: answers at once"

expect_cmd "silent server has its own port ($LAB_SILENT_PORT, nsd $LAB_PORT)" \
    test "$LAB_PORT" != "$LAB_SILENT_PORT"

# dig exits 9 when no reply came; +time=1 +tries=1 means about one second.
run_cmd "$DIG" @"$LAB_SILENT" -p "$LAB_SILENT_PORT" +norecurse +tries=1 \
    +time=1 example.test SOA
expect_rc 9 "silent server, UDP: no reply (dig exit 9)"
expect_out '*timed out*' "silent server, UDP: dig says timed out"
expect_ms_between 900 2500 "silent server, UDP: takes about 1 s"

run_cmd "$DIG" @"$LAB_SILENT" -p "$LAB_SILENT_PORT" +tcp +norecurse +tries=1 \
    +time=1 example.test SOA
expect_rc 9 "silent server, TCP: connection accepted, no reply (dig exit 9)"
expect_out '*timed out*' "silent server, TCP: dig says timed out"
expect_ms_between 900 2500 "silent server, TCP: takes about 1 s"

finish
