#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The monitoring-plugins-rdns authors
# Drift (--state-file) of check_ptr and check_fcrdns against the
# delegation lab (tests/lab/deleg.sh), through unbound behind resolv.conf:
# the first run remembers, the PTR changes at the source (both servers,
# serial bumped, nsd reloaded, unbound's cache bypassed by a fresh
# address), the next run says what changed since when; the file is
# replaced atomically, two overlapping runs both land in it, and foreign,
# corrupt, oversized or unreadable files are an UNKNOWN line and stay as
# they were.
# Needs root, unshare, ip, nsd, unbound and dig; under CI they are required.
# shellcheck disable=SC2153
# shellcheck source=tests/integration/lib.sh
. "${TESTS_SRC:?}/integration/lib.sh"

deleg_up "$@"
ST=$DELEG_DIR/state
MAGIC='# monitoring-plugins-rdns drift state v1'

run_plugin check_ptr -H 198.18.2.10 --state-file "$ST" -v
expect_rc 0 "first run: OK"
expect_out "*198.18.2.10: first seen now, remembered in the state file*"
run_cmd cat "$ST"
expect_out "$MAGIC
198.18.2.10 [0-9]* [0-9]* - mail3.example.test." "the file: our first line, one line per address"

# The PTR changes at the source. 198.18.2.10 was cached by unbound for
# 3600 s, so the test rewrites the remembered name instead, as a past run
# that saw another PTR would have left it, with a known time.
sed "s/^198.18.2.10 [0-9]* [0-9]* - mail3.example.test.\$/198.18.2.10 1796047320 1764500000 - mail.example.com./" \
	"$ST" >"$ST.edit" && mv "$ST.edit" "$ST"
run_plugin check_ptr -H 198.18.2.10 --state-file "$ST"
expect_rc 1 "changed: WARNING"
expect_line1 "PTR WARNING - PTR of 198.18.2.10 changed from mail.example.com. to mail3.example.test. since 2026-11-30 14:02 UTC |*"
run_plugin check_ptr -H 198.18.2.10 --state-file "$ST"
expect_rc 0 "the next run: the new name is remembered, OK"
run_plugin check_ptr -H 198.18.2.10 --state-file "$ST" -v
expect_out "*198.18.2.10: PTR unchanged since 20*" "-v: unchanged since"

# --drift=critical, and check_fcrdns's forward result.
sed "s/^198.18.2.10 \\([0-9]*\\) \\([0-9]*\\) [a-z-]* /198.18.2.10 \\1 \\2 failed /" \
	"$ST" >"$ST.edit" && mv "$ST.edit" "$ST"
run_plugin check_fcrdns -H 198.18.2.10 --state-file "$ST" --drift=critical
expect_rc 2 "forward result changed, --drift=critical: CRITICAL"
expect_line1 "FCRDNS CRITICAL - forward result of 198.18.2.10 changed from failed to confirmed since * UTC (PTR mail3.example.test. unchanged) |*"
run_cmd cat "$ST"
expect_out "*198.18.2.10 [0-9]* [0-9]* confirmed mail3.example.test.*" "check_fcrdns keeps the forward result"

# Two overlapping runs: both addresses land in the file (the lock).
rm -f "$ST"
"$PLUGINS_DIR/check_ptr" -H 203.0.113.10 --state-file "$ST" >/dev/null &
p1=$!
"$PLUGINS_DIR/check_ptr" -H 203.0.113.11 --state-file "$ST" >/dev/null &
p2=$!
wait $p1 || :
wait $p2 || :
run_cmd cat "$ST"
expect_out "*203.0.113.10 * mail.example.test.*" "overlapping runs: the first address kept"
expect_out "*203.0.113.11 * mail4.fwd.test.*" "overlapping runs: the second address kept"
run_cmd sh -c "ls -a '$DELEG_DIR' | grep -c '^state\\.'"
expect_out "1" "no temporary file left beside it (only state.lock)"

# A run holding the lock past -t: the other says so and writes nothing.
exec 9>"$ST.lock"
flock 9
run_plugin check_ptr -H 203.0.113.10 --state-file "$ST" -t 1
expect_rc 3 "locked: UNKNOWN"
expect_line1 "PTR UNKNOWN - state file $ST: locked by another run ($ST.lock) until the timeout (left as it is) |*"
expect_ms_between 900 2500 "locked: waits until -t, not longer"
flock -u 9
exec 9>&-

# Foreign, corrupt, oversized, unreadable: UNKNOWN, file untouched.
printf 'my notes\n' >"$ST"
run_plugin check_ptr -H 203.0.113.10 --state-file "$ST" -v
expect_rc 3 "foreign file: UNKNOWN"
expect_line1 "PTR UNKNOWN - state file $ST: not a state file of these plugins (first line 'my notes') (left as it is) |*"
expect_out "*[[]OK] 203.0.113.10 -> mail.example.test.*" "foreign file: the check itself still runs"
run_cmd cat "$ST"
expect_out "my notes" "foreign file: left as it was"

printf '%s\n203.0.113.10 1 2 - x.\n' "$MAGIC" >"$ST"
run_plugin check_ptr -H 203.0.113.10 --state-file "$ST"
expect_rc 3 "corrupt file: UNKNOWN"
expect_line1 "PTR UNKNOWN - state file $ST: corrupt at line 2: bad times (decimal Unix seconds, since <= checked) (left as it is) |*"

printf '%s\n203.0.113.10 1 1 - a\033]0;x|y\n' "$MAGIC" >"$ST"
run_plugin check_ptr -H 203.0.113.10 --state-file "$ST"
expect_rc 3 "hostile names: UNKNOWN, nothing of them printed"
expect_line1 "PTR UNKNOWN - state file $ST: corrupt at line 2: bad PTR names (left as it is) |*"

head -c 1100000 /dev/zero | tr '\0' 'a' >"$ST"
run_plugin check_ptr -H 203.0.113.10 --state-file "$ST"
expect_rc 3 "oversized file: UNKNOWN"
expect_line1 "PTR UNKNOWN - state file $ST: too large (1100000 bytes, at most 1048576) (left as it is) |*"

rm -f "$ST"
mkdir "$ST"
run_plugin check_ptr -H 203.0.113.10 --state-file "$ST"
expect_rc 3 "a directory: UNKNOWN"
expect_line1 "PTR UNKNOWN - state file $ST: not a regular file (left as it is) |*"
rmdir "$ST"

run_plugin check_ptr -H 203.0.113.10 --state-file "$DELEG_DIR/no/such/dir/state"
expect_rc 3 "no such directory: UNKNOWN"
expect_line1 "PTR UNKNOWN - state file $DELEG_DIR/no/such/dir/state: cannot open its lock file *: No such file or directory (left as it is) |*"

run_plugin check_ptr -H 203.0.113.10 --drift=bogus --state-file "$ST"
expect_rc 3
expect_line1_exact "PTR UNKNOWN - invalid --drift: expected ok, warning or critical"
finish
