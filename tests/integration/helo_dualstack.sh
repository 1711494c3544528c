#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The monitoring-plugins-rdns authors
# Dual-stack egress of check_smtp_helo_match --reflect: a host that routes
# to the IPv6 internet sends over IPv6 to every receiver with an AAAA MX,
# from the address its route picks, even when the reflector was reached
# over IPv4. The test runs in a network namespace of its own (unshare -n),
# where a veth "uplink" carries a documentation address and a default IPv6
# route, so the plugin meets a real routing table; the lab (nsd) and a
# scripted reflector run on that namespace's loopback. No packet leaves it:
# the route is only asked (a UDP connect), never used.
#   2001:db8::51 has no PTR:              CRITICAL, with the IPv6 hint
#   2001:db8::10 PTR mail.example.test:   OK when the HELO is that name
#   a ULA (fd00::) source, or -4:         the IPv6 path is not judged
# Needs root, unshare and ip (iproute2); under CI they are required.
# shellcheck disable=SC2086,SC2153
# shellcheck source=tests/integration/lib.sh
. "${TESTS_SRC:?}/integration/lib.sh"

netns_enter "$@"
if [ -z "${HOSTILE_SMTP:-}" ] || [ ! -x "$HOSTILE_SMTP" ]; then
	_t_bail "HOSTILE_SMTP is not set to the hostile_smtp binary (tests/lab/hostile_smtp.c)"
fi

# The namespace: loopback, and an uplink with a default IPv6 route.
ip link add rdns0 type veth peer name rdns1 || _t_bail "cannot add a veth pair"
ip link set rdns0 up || _t_bail "cannot bring the veth up"
ip link set rdns1 up || _t_bail "cannot bring the veth up"
# uplink ADDRESS: the only global IPv6 address of this host.
uplink()
{
	ip -6 addr flush dev rdns0 scope global
	ip -6 addr add "$1/64" dev rdns0 nodad || _t_bail "cannot add $1"
	ip -6 route replace default via "${1%::*}::1" dev rdns0 ||
		_t_bail "cannot add the default route"
}
uplink 2001:db8::51

lab_up
RUN=$(mktemp -d "${TMPDIR:-/tmp}/rdns-dual.XXXXXX") || _t_bail "mktemp failed"
"$HOSTILE_SMTP" -l 300 -f "$RUN/srv.pid" -n reflect.example.test -m reflect \
    -a 127.0.0.30 </dev/null >"$RUN/srv.port" 2>"$RUN/srv.log" &
_i=0
while [ ! -s "$RUN/srv.port" ]; do
	_i=$((_i + 1))
	[ $_i -le 100 ] || _t_bail "hostile_smtp printed no port: $(cat "$RUN/srv.log")"
	sleep 0.05
done
PORT=$(cat "$RUN/srv.port")
# The namespace ends with this script: its processes with it.
# shellcheck disable=SC2154 # _d_rc is set inside the trap
trap '_d_rc=$?; kill "$(cat "$RUN/srv.pid")" 2>/dev/null; rm -rf "$RUN"; (exit $_d_rc); lab_down' EXIT

P="$PLUGINS_DIR/check_smtp_helo_match"
D="-s $LAB_DNS --dns-port $LAB_PORT"

run_plugin "$P" --reflect "127.0.0.30:$PORT" --source-address 127.0.0.25 --helo out.example.test --perf-per-address -v $D
expect_rc 2 "IPv4 clean, IPv6 route without PTR: exit 2"
expect_line1 "SMTP HELO CRITICAL - 2001:db8::51 has no PTR record (NXDOMAIN), HELO out.example.test: the holder of the address block must add PTR out.example.test in zone 8.b.d.0.1.0.0.2.ip6.arpa. (mail to IPv6 receivers leaves from here: add this IPv6 PTR, or keep the MTA on IPv4 - Postfix inet_protocols = ipv4 or smtp_bind_address6) (IPv6 route of this host, not seen by the reflector) | *" \
	"IPv4 clean, IPv6 route without PTR: CRITICAL with the hint"
expect_out "*[[]OK] 127.0.0.25: HELO out.example.test = PTR out.example.test. -> 127.0.0.25 (127.0.0.30 saw out.example.test [[]127.0.0.25])*" \
	"IPv4 clean, IPv6 route without PTR: the IPv4 result is in the long output"
expect_out "*127.0.0.25_127.0.0.30_time=*127.0.0.25_ptr_time=*2001_db8__51_ptr_time=* names=2;;;0 match=1;;;0;2 mismatch=1;;;0;2 *" \
	"IPv4 clean, IPv6 route without PTR: perfdata of both"
expect_stderr_empty "IPv4 clean, IPv6 route without PTR: nothing on stderr"

run_plugin "$P" -4 --reflect "127.0.0.30:$PORT" --source-address 127.0.0.25 --helo out.example.test $D
expect_rc 0 "-4: the IPv6 path is not judged"

uplink 2001:db8::10
run_plugin "$P" --reflect "127.0.0.30:$PORT" --source-address 127.0.0.3 --helo mail.example.test $D
expect_rc 0 "IPv6 route from 2001:db8::10 (PTR mail.example.test): exit 0"
expect_line1 "SMTP HELO OK - 127.0.0.3: HELO mail.example.test = PTR mail.example.test. -> 127.0.0.3 (127.0.0.30 saw mail.example.test [[]127.0.0.3]) / 2001:db8::10: HELO mail.example.test = PTR mail.example.test. -> 2001:db8::10 (IPv6 route of this host, not seen by the reflector) | *" \
	"IPv6 route with a matching PTR: both judged OK"

uplink fd00::25
run_plugin "$P" --reflect "127.0.0.30:$PORT" --source-address 127.0.0.25 --helo out.example.test -v $D
expect_rc 0 "IPv6 route from a ULA (NAT66 or no IPv6 internet): not judged"
expect_out "*IPv6: the route to the IPv6 internet leaves from fd00::25 (private): not judged*" \
	"ULA route: -v says why"

finish
