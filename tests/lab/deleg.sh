#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The monitoring-plugins-rdns authors
# deleg.sh: a real delegation tree on port 53 and a real recursive resolver,
# inside the caller's own network and mount namespaces (see netns_deleg in
# tests/integration/lib.sh), reached the way users run the plugins: through
# the nameserver line of /etc/resolv.conf.
#
#   deleg.sh start DIR   add the lab addresses to lo, start four nsd and one
#                        unbound, bind-mount DIR/resolv.conf over
#                        /etc/resolv.conf, write DIR/deleg.env
#   deleg.sh stop DIR    stop them (by pid, checked) and undo the mount
#   deleg.sh log DIR     print the servers' logs
#
# The servers (zones in tests/lab/deleg/):
#   198.51.100.1     root: serves ".", delegates example.test, fwd.test,
#                    113.0.203.in-addr.arpa, 1.18.198.in-addr.arpa and
#                    2.18.198.in-addr.arpa
#   198.51.100.11    ns1 (and 2001:db8:53::11): the current copy of all zones
#   198.51.100.12    ns2: the same, except an older copy of
#                    1.18.198.in-addr.arpa (serial 2024010101, PTR of
#                    198.18.1.10 old.example.test) and of fwd.test
#   198.51.100.14    ns4: delegated 6.18.198.in-addr.arpa (with ns1), never
#                    answers (tests/lab/hostile_dns -m silent, when
#                    SILENT_DNS names that binary; else not started)
#   198.51.100.13    ns3: delegated 2.18.198.in-addr.arpa (with ns1) and
#                    3.18.198.in-addr.arpa (alone), serves nothing (lame:
#                    REFUSED)
#   127.0.0.1:53     unbound, recursive from the root above (root-hints),
#                    validating (the root's DS, made at start, is its
#                    trust anchor); DIR/resolv.conf: "nameserver 127.0.0.1"
# DNSSEC (signed at every start with ldns-keygen/ldns-signzone, keys in
# DIR/keys): the root, 5.18.198.in-addr.arpa (secure) and
# 4.18.198.in-addr.arpa (signatures expired in 2020: bogus); everything
# else is unsigned below the signed root (insecure).
#
# Refuses to run in a network namespace with any interface but lo, or in
# the mount namespace named by DELEG_HOST_MNTNS (the caller's before it ran
# unshare --mount): it adds
# addresses to lo and mounts over /etc/resolv.conf, which must only ever
# happen in a namespace the test created. Nothing is written outside DIR.
# DIR/deleg.env is sourceable: DELEG_DIR DELEG_ROOT DELEG_NS1 DELEG_NS2
# DELEG_NS3 DELEG_NS1_6 DELEG_SILENT DELEG_UNBOUND DELEG_RESOLV.
set -eu

LC_ALL=C
export LC_ALL
PATH=$PATH:/usr/sbin:/sbin
export PATH

DELEG_SRC=$(CDPATH='' cd -P -- "$(dirname -- "$0")" && pwd)
ZSRC=$DELEG_SRC/deleg
LAB_SCRIPT=deleg.sh
READY_MS=15000
ROOT=198.51.100.1
NS1=198.51.100.11
NS1_6=2001:db8:53::11
NS2=198.51.100.12
NS3=198.51.100.13
SILENT=198.51.100.14
UNBOUND=127.0.0.1
SERVERS="root ns1 ns2 ns3"
# shellcheck source=tests/lab/common.sh
. "$DELEG_SRC/common.sh"

usage()
{
	echo "usage: deleg.sh start|stop|log DIR" >&2
	exit 2
}

# True when the network namespace has no interface but lo: one a test
# made (unshare --net), never the machine's.
own_netns()
{
	n=$(ip -o link show 2>/dev/null | awk -F': ' '$2 != "lo" { c++ } END { print c + 0 }')
	[ "$n" -eq 0 ] && ip -o link show lo >/dev/null 2>&1
}

# True when the mount namespace differs from DELEG_HOST_MNTNS, the one the
# caller was in before unshare --mount (readlink /proc/self/ns/mnt).
own_mntns()
{
	a=$(readlink /proc/self/ns/mnt 2>/dev/null || :)
	[ -n "${DELEG_HOST_MNTNS:-}" ] && [ -n "$a" ] &&
	    [ "$a" != "$DELEG_HOST_MNTNS" ]
}

# True when /proc/$1/cmdline is program $2 (basename) and mentions $3.
is_ours()
{
	[ -r "/proc/$1/cmdline" ] || return 1
	cmd=$(tr '\000' '\n' <"/proc/$1/cmdline" 2>/dev/null || :)
	argv0=$(printf '%s\n' "$cmd" | sed -n 1p)
	[ "${argv0##*/}" = "$2" ] || return 1
	printf '%s\n' "$cmd" | grep -qxF -- "$3"
}

read_pidfile()
{
	if [ -r "$1" ]; then
		sed -n '1{s/[^0-9]//g;p;}' "$1" 2>/dev/null || :
	fi
}

# Stop pid $1 (program $2, cmdline word $3): TERM, 2 s, then KILL.
stop_pid()
{
	pid=$1
	case $pid in
	''|*[!0-9]*) return 0 ;;
	esac
	alive "$pid" || return 0
	if ! is_ours "$pid" "$2" "$3"; then
		printf '%s\n' "deleg.sh: pid $pid is not our $2, left alone" >&2
		return 0
	fi
	kill -TERM "$pid" 2>/dev/null || return 0
	i=0
	while [ $i -lt 40 ] && alive "$pid"; do
		nap
		i=$((i + 1))
	done
	if alive "$pid"; then
		kill -KILL "$pid" 2>/dev/null || :
	fi
	return 0
}

print_logs()
{
	for s in $SERVERS; do
		if [ -r "$DIR/$s/nsd.log" ]; then
			printf '%s\n' "--- nsd $s log ---"
			cat "$DIR/$s/nsd.log"
		fi
	done
	if [ -r "$DIR/unbound/unbound.log" ]; then
		echo "--- unbound log ---"
		cat "$DIR/unbound/unbound.log"
	fi
}

stop_all()
{
	pid=$(read_pidfile "$DIR/silent.pid")
	if [ -n "$pid" ] && alive "$pid" &&
	    tr '\000' '\n' <"/proc/$pid/cmdline" 2>/dev/null |
	    grep -qxF -- "$DIR/silent.pid"; then
		kill -TERM "$pid" 2>/dev/null || :
	fi
	if [ -f "$DIR/resolv.mounted" ]; then
		umount /etc/resolv.conf 2>/dev/null || :
		rm -f "$DIR/resolv.mounted"
	fi
	stop_pid "$(read_pidfile "$DIR/unbound/unbound.pid")" unbound \
	    "$DIR/unbound/unbound.conf"
	for s in $SERVERS; do
		stop_pid "$(read_pidfile "$DIR/$s/nsd.pid")" nsd \
		    "$DIR/$s/nsd.conf"
	done
}

start_failed()
{
	printf '%s\n' "deleg.sh: start failed: $*" >&2
	print_logs >&2
	stop_all
	exit 1
}

# nsd_conf NAME ADDR...: DIR/NAME/nsd.conf listening on ADDR port 53, with
# a zone: block for every DIR/NAME/*.zone (the file name minus .zone is the
# zone name; "A-B." at the start stands for the "A/B." of RFC 2317 names).
nsd_conf()
{
	name=$1
	shift
	d=$DIR/$name
	{
		echo "server:"
		for a in "$@"; do
			printf '\tip-address: %s@53\n' "$a"
		done
		printf '\tserver-count: 1\n\treuseport: no\n'
		printf '\tusername: ""\n\tchroot: ""\n\tdatabase: ""\n'
		printf '\tzonesdir: "%s"\n' "$d"
		printf '\tpidfile: "%s/nsd.pid"\n\tlogfile: "%s/nsd.log"\n' "$d" "$d"
		printf '\tzonelistfile: "%s/zone.list"\n' "$d"
		printf '\txfrdfile: "%s/xfrd.state"\n\txfrdir: "%s"\n' "$d" "$d"
		printf '\tidentity: "deleg-%s"\n\trrl-ratelimit: 0\n' "$name"
		printf 'remote-control:\n\tcontrol-enable: no\n'
		for f in "$d"/*.zone; do
			[ -f "$f" ] || continue
			z=$(basename "$f" .zone |
			    sed 's|^\([0-9]*\)-\([0-9]*\)\.|\1/\2.|')
			[ "$z" = root ] && z=.
			printf 'zone:\n\tname: "%s"\n\tzonefile: "%s"\n' \
			    "$z" "$(basename "$f")"
		done
	} >"$d/nsd.conf"
	nsd-checkconf "$d/nsd.conf" >"$d/checkconf.out" 2>&1 ||
		start_failed "nsd-checkconf $name: $(cat "$d/checkconf.out")"
}

# sign_zone DIR ZONE FILE [ldns-signzone options]: a fresh key in DIR/keys
# for ZONE, FILE replaced by its signed form; the DS goes to DIR/keys/ds.
sign_zone()
{
	kd=$1/keys
	z=$2
	f=$3
	shift 3
	mkdir -p "$kd"
	k=$(cd "$kd" && ldns-keygen -a ECDSAP256SHA256 -k "$z" 2>"$kd/keygen.err") ||
		start_failed "ldns-keygen $z: $(cat "$kd/keygen.err")"
	ldns-signzone "$@" -f "$f.signed" "$f" "$kd/$k" >"$kd/sign.err" 2>&1 ||
		start_failed "ldns-signzone $z: $(cat "$kd/sign.err")"
	mv "$f.signed" "$f"
	cat "$kd/$k.ds" >>"$kd/ds"
}

# DNSSEC: 5.18.198.in-addr.arpa signed (secure), 4.18.198.in-addr.arpa
# signed with signatures that expired in 2020 (bogus), the DS of both in
# the root, the root signed; its DS is unbound's trust anchor. Keys are
# made here, at every start, and never leave DIR.
sign_all()
{
	have ldns-keygen && have ldns-signzone ||
		start_failed "ldns-keygen/ldns-signzone not found (apt-get install ldnsutils)"
	rm -rf "$DIR/keys"
	sign_zone "$DIR" 5.18.198.in-addr.arpa "$DIR/ns1/5.18.198.in-addr.arpa.zone"
	sign_zone "$DIR" 4.18.198.in-addr.arpa "$DIR/ns1/4.18.198.in-addr.arpa.zone" \
	    -i 20200101000000 -e 20200201000000
	for z in 5.18.198.in-addr.arpa 4.18.198.in-addr.arpa; do
		cp "$DIR/ns1/$z.zone" "$DIR/ns2/$z.zone"
	done
	cat "$DIR/keys/ds" >>"$DIR/root/root.zone"
	: >"$DIR/keys/ds"
	sign_zone "$DIR" . "$DIR/root/root.zone"
	cp "$DIR/keys/ds" "$DIR/unbound/root.ds"
}

unbound_conf()
{
	d=$DIR/unbound
	cat >"$d/root.hints" <<EOF
.			3600000	NS	ns.root.
ns.root.		3600000	A	$ROOT
EOF
	cat >"$d/unbound.conf" <<EOF
server:
	interface: $UNBOUND
	port: 53
	num-threads: 1
	so-reuseport: no
	username: ""
	chroot: ""
	directory: "$d"
	pidfile: "$d/unbound.pid"
	logfile: "$d/unbound.log"
	use-syslog: no
	verbosity: 1
	root-hints: "$d/root.hints"
	module-config: "validator iterator"
	trust-anchor-file: "$d/root.ds"
	val-log-level: 2
	access-control: 127.0.0.0/8 allow
	do-ip6: yes
	prefer-ip6: no
	harden-referral-path: no
	qname-minimisation: no
	minimal-responses: no
	# The built-in RFC 6761/6303 zones would shadow the lab's zones.
	local-zone: "test." nodefault
	local-zone: "113.0.203.in-addr.arpa." nodefault
	local-zone: "100.51.198.in-addr.arpa." nodefault
	local-zone: "18.198.in-addr.arpa." nodefault
	local-zone: "8.b.d.0.1.0.0.2.ip6.arpa." nodefault
remote-control:
	control-enable: no
EOF
	unbound-checkconf "$d/unbound.conf" >"$d/checkconf.out" 2>&1 ||
		start_failed "unbound-checkconf: $(cat "$d/checkconf.out")"
}

# wait_answer ADDR NAME TYPE: until ADDR answers NAME TYPE (any rcode but
# SERVFAIL), or READY_MS.
wait_answer()
{
	t0=$(now_ms)
	while :; do
		if dig @"$1" +tries=1 +time=1 "$2" "$3" 2>/dev/null |
		    grep -q 'status: NOERROR'; then
			return 0
		fi
		[ $(($(now_ms) - t0)) -lt $READY_MS ] || return 1
		nap
	done
}

start()
{
	have nsd || start_failed "nsd not found"
	have unbound || start_failed "unbound not found (apt-get install unbound)"
	have dig || start_failed "dig not found (apt-get install bind9-dnsutils)"
	own_netns || start_failed "not in a network namespace of its own (only lo)"
	own_mntns || start_failed "not in a mount namespace of its own (DELEG_HOST_MNTNS)"
	mkdir -p "$DIR" || start_failed "cannot create $DIR"
	ip link set lo up
	for a in $ROOT $NS1 $NS2 $NS3 $SILENT; do
		ip addr add "$a/32" dev lo 2>/dev/null ||
			ip addr show lo | grep -q "inet $a/" ||
			start_failed "cannot add $a to lo"
	done
	ipv6=no
	if ip -6 addr add "$NS1_6/128" dev lo nodad 2>/dev/null ||
	    ip -6 addr show lo | grep -q "inet6 $NS1_6/"; then
		ipv6=yes
	fi
	rm -rf "$DIR/root" "$DIR/ns1" "$DIR/ns2" "$DIR/ns3" "$DIR/unbound"
	for s in $SERVERS unbound; do
		mkdir -p "$DIR/$s"
	done
	cp "$ZSRC/root.zone" "$DIR/root/root.zone"
	cp "$ZSRC"/zones/*.zone "$DIR/ns1/"
	cp "$ZSRC"/zones/*.zone "$DIR/ns2/"
	cp "$ZSRC"/stale/*.zone "$DIR/ns2/"
	# Copies of a read-only source tree (make distcheck) stay writable:
	# the DS records are appended and the zones signed in place.
	chmod u+w "$DIR"/root/*.zone "$DIR"/ns1/*.zone "$DIR"/ns2/*.zone
	rm -f "$DIR/ns2/2.18.198.in-addr.arpa.zone" \
	    "$DIR/ns2/6.18.198.in-addr.arpa.zone"
	silent=
	if [ -n "${SILENT_DNS:-}" ] && [ -x "$SILENT_DNS" ]; then
		"$SILENT_DNS" -m silent -q -a $SILENT -p 53 -f "$DIR/silent.pid" \
		    -l 600 >"$DIR/silent.log" 2>&1 &
		silent=$SILENT
	fi
	sign_all
	nsd_conf root $ROOT
	if [ $ipv6 = yes ]; then
		nsd_conf ns1 $NS1 $NS1_6
	else
		nsd_conf ns1 $NS1
	fi
	nsd_conf ns2 $NS2
	nsd_conf ns3 $NS3
	for s in $SERVERS; do
		nsd -c "$DIR/$s/nsd.conf" >"$DIR/$s/nsd.stdout" 2>&1 ||
			start_failed "nsd $s did not start: $(cat "$DIR/$s/nsd.stdout")"
	done
	unbound_conf
	unbound -c "$DIR/unbound/unbound.conf" >"$DIR/unbound/stdout" 2>&1 ||
		start_failed "unbound did not start: $(cat "$DIR/unbound/stdout")"
	wait_answer $ROOT . SOA || start_failed "root nsd does not answer"
	wait_answer $NS1 example.test SOA || start_failed "ns1 does not answer"
	wait_answer $NS2 example.test SOA || start_failed "ns2 does not answer"
	for s in $SERVERS; do
		if grep -q ' error: ' "$DIR/$s/nsd.log"; then
			start_failed "nsd $s: errors in its log"
		fi
	done
	wait_answer $UNBOUND mail.example.test A ||
		start_failed "unbound does not resolve mail.example.test"
	echo "nameserver $UNBOUND" >"$DIR/resolv.conf"
	mount --bind "$DIR/resolv.conf" /etc/resolv.conf ||
		start_failed "cannot bind-mount $DIR/resolv.conf"
	: >"$DIR/resolv.mounted"
	ns16=
	[ $ipv6 = yes ] && ns16=$NS1_6
	cat >"$DIR/deleg.env" <<EOF
DELEG_DIR=$DIR
DELEG_ROOT=$ROOT
DELEG_NS1=$NS1
DELEG_NS1_6=$ns16
DELEG_NS2=$NS2
DELEG_NS3=$NS3
DELEG_SILENT=$silent
DELEG_UNBOUND=$UNBOUND
DELEG_RESOLV=$DIR/resolv.conf
EOF
	echo "deleg.sh: root $ROOT, ns1 $NS1 ${ns16:+$ns16 }ns2 $NS2 ns3 $NS3 (lame), unbound $UNBOUND:53 via /etc/resolv.conf"
}

[ $# -eq 2 ] || usage
DIR=$2
case $1 in
start) start ;;
stop) stop_all ;;
log) print_logs ;;
*) usage ;;
esac
