#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The monitoring-plugins-rdns authors
# Time (check_ptr --ttl, and -A against the resolver's cache) in the
# delegation lab (tests/lab/deleg.sh), through unbound behind resolv.conf:
#   203.0.113.10  PTR TTL 3600: ttl=3600s, negative_ttl=U
#   203.0.113.12  NXDOMAIN: negative TTL min(SOA TTL 3600, MINIMUM 900)
#   then the PTR of 203.0.113.10 changes on both servers (serial bumped,
#   nsd reloaded): unbound still has the old one cached, and -A says
#   "fixed at the source ... for up to N s more" with N <= 3600.
# Needs root, unshare, ip, nsd, unbound and dig; under CI they are required.
# shellcheck disable=SC2153
# shellcheck source=tests/integration/lib.sh
. "${TESTS_SRC:?}/integration/lib.sh"

deleg_up "$@"

run_plugin check_ptr -H 203.0.113.10 --ttl
expect_rc 0
expect_line1 "PTR OK - 203.0.113.10 -> mail.example.test. / 203.0.113.10: PTR TTL 3[56][0-9][0-9] s: a change to the PTR reaches receivers within 3[56][0-9][0-9] s | time=*s;;;0 ptr_records=1;;;0 ttl=3[56][0-9][0-9]s;;;0 negative_ttl=U;;;0 generic=0;;;0;1 *" \
	"--ttl: the PTR's TTL as text and perfdata, negative_ttl U"

run_plugin check_ptr -H 203.0.113.12 --ttl -v
expect_rc 2
expect_line1 "PTR CRITICAL - 203.0.113.12 has no PTR record (NXDOMAIN)* | time=*s;;;0 ptr_records=0;;;0 ttl=U;;;0 negative_ttl=[0-9]*s;;;0 *" \
	"--ttl, NXDOMAIN: ttl U, the negative TTL measured"
case $OUT in
*"negative_ttl=9"[0-9][0-9]"s;;;0"* | *"negative_ttl="[0-9]"s;;;0"* | *"negative_ttl="[0-9][0-9]"s;;;0"*)
	_t_ok "--ttl, NXDOMAIN: the negative TTL is the SOA MINIMUM (900), not the SOA TTL (3600)" ;;
*) _t_not_ok "--ttl, NXDOMAIN: the negative TTL is the SOA MINIMUM (900), not the SOA TTL (3600)" "$OUT" ;;
esac
expect_out "*203.0.113.12: no PTR, negative TTL *s (RFC 2308, SOA of 113.0.203.in-addr.arpa.): a PTR added now is seen by receivers within *" \
	"--ttl, NXDOMAIN: the line says when a new PTR is seen"

# Without --ttl: no TTL line, no TTL perfdata (the plain run is unchanged).
run_plugin check_ptr -H 203.0.113.10
expect_line1 "PTR OK - 203.0.113.10 -> mail.example.test. | time=*s;;;0 ptr_records=1;;;0 generic=0;;;0;1 *" \
	"without --ttl: the output of before"

# Change the PTR at the source; unbound keeps the old one (TTL 3600).
for ns in ns1 ns2; do
	z=$DELEG_DIR/$ns/113.0.203.in-addr.arpa.zone
	sed -e 's/ 2026120401 3600 / 2026120402 3600 /' \
	    -e 's/^10	IN PTR	mail\.example\.test\./10	IN PTR	mx-new.example.test./' \
	    "$z" >"$z.new" && mv "$z.new" "$z" || _t_bail "cannot edit $z"
	kill -HUP "$(cat "$DELEG_DIR/$ns/nsd.pid")" || _t_bail "cannot reload nsd $ns"
done
_i=0
while [ $_i -lt 50 ]; do
	[ "$(dig @"$DELEG_NS2" +norecurse +short -x 203.0.113.10)" = mx-new.example.test. ] &&
		[ "$(dig @"$DELEG_NS1" +norecurse +short -x 203.0.113.10)" = mx-new.example.test. ] && break
	sleep 0.1
	_i=$((_i + 1))
done
run_plugin check_ptr -H 203.0.113.10 -A -v
expect_rc 0 "fixed at the source, cached by the resolver: OK"
expect_out "*[[]OK] 203.0.113.10: fixed at the source (PTR mx-new.example.test., serial 2026120402); the resolver (127.0.0.1#53) still has mail.example.test. cached: receivers may see the old answer for up to 3[0-9][0-9][0-9] s more*" \
	"-A: 'fixed at the source', the resolver's TTL left"
expect_out "*[[]OK] 203.0.113.10: the 2 authoritative servers of 113.0.203.in-addr.arpa. (3 addresses) agree: PTR mx-new.example.test., serial 2026120402*" \
	"-A: every server has the new PTR"
finish
