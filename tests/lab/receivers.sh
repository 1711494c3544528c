#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The monitoring-plugins-rdns authors
# receivers.sh: the receivers' lab. Real receivers judge clients that
# connect from chosen addresses in 198.18.1.0/24 and 2001:db8:20::/64,
# resolving through the lab's own nsd (tests/lab/zones/receivers*.zone):
#
#   nsd      127.0.0.1 and ::1 port 53, tests/lab/receivers/nsd.conf.in
#   Postfix  127.0.0.25 and ::1 ports 2501-2508, one smtpd per restriction,
#            2509 keeps messages on hold, 2510 too after rspamd's milter
#            (tests/lab/receivers/master.cf.in)
#   rspamd   127.0.0.1 ports 11332 (milter), 11333, 11334, with RCV_RSPAMD=1:
#            the Debian package unpacked by tests/deps-debian.sh, stock
#            configuration plus tests/lab/receivers/rspamd/*
#   Exim     127.0.0.26 and ::1 ports 2601-2604 (exim.conf.in), the
#            Debian package unpacked by tests/deps-debian.sh
#
#   receivers.sh run DIR CMD [ARGS]   in a new network and mount namespace:
#                                     start everything in DIR (fresh), run
#                                     CMD, stop everything, exit with CMD's
#                                     status (CMD sees RCV_* below)
#   receivers.sh log DIR              print the servers' logs
#
# The namespace is the lab's alone: its ports are fixed, its lo holds the
# client addresses, and /etc/resolv.conf (naming 127.0.0.1) and /etc/hosts
# are bind-mounted over in it only; nothing leaves it. Needs root (Postfix
# and Exim drop privileges themselves). Environment: EXIM (the binary,
# default /opt/rdns-lab/exim4/usr/sbin/exim4), RCV_NO_EXIM=1 (no Exim),
# RCV_RSPAMD=1 (start rspamd; RSPAMD_ROOT, default /opt/rdns-lab/rspamd).
# CMD gets RCV_DIR, RCV_POSTFIX=127.0.0.25, RCV_EXIM=127.0.0.26,
# RCV_SERVER6=::1, RCV_DNS=127.0.0.1, RCV_EXIM_UP (1 or empty).
set -eu

LC_ALL=C
export LC_ALL
PATH=$PATH:/usr/sbin:/sbin
export PATH

RCV_SRC=$(CDPATH='' cd -P -- "$(dirname -- "$0")" && pwd)
LAB_SCRIPT=receivers.sh
# shellcheck source=tests/lab/common.sh
. "$RCV_SRC/common.sh"
READY_MS=10000
EXIM=${EXIM:-/opt/rdns-lab/exim4/usr/sbin/exim4}
EXIM_USER=Debian-exim
RSPAMD_ROOT=${RSPAMD_ROOT:-/opt/rdns-lab/rspamd}
# The clients: every address a case of tests/integration/receivers.sh uses.
CLIENTS4="10 11 12 13 14 15 16 17 18 20 21 30 66"
CLIENTS6="10 11 12 13"

usage()
{
	echo "usage: receivers.sh run DIR CMD [ARGS] | log DIR" >&2
	exit 2
}

# Wait until $1 (a shell test) is true, at most READY_MS; 1 if it never is.
wait_for()
{
	_w0=$(now_ms)
	until eval "$1"; do
		if [ $(($(now_ms) - _w0)) -ge $READY_MS ]; then
			return 1
		fi
		nap
	done
}

pid_of()
{
	if [ -r "$1" ]; then
		sed -n '1{s/[^0-9]//g;p;}' "$1"
	fi
}

# Stop pid $1 (TERM, then KILL after 5 s); nothing when it is gone.
stop_pid()
{
	[ -n "$1" ] || return 0
	kill "$1" 2>/dev/null || return 0
	i=0
	while alive "$1" && [ $i -lt 100 ]; do
		nap
		i=$((i + 1))
	done
	if alive "$1"; then
		kill -9 "$1" 2>/dev/null || :
	fi
}

stop_all()
{
	if [ -r "$D/postfix/etc/main.cf" ]; then
		postfix -c "$D/postfix/etc" stop >/dev/null 2>&1 || :
		stop_pid "$(pid_of "$D/postfix/queue/pid/master.pid")"
	fi
	stop_pid "$(pid_of "$D/exim/exim.pid")"
	stop_pid "$(pid_of "$D/rspamd/run/rspamd.pid")"
	stop_pid "$(pid_of "$D/nsd.pid")"
}

cmd_log()
{
	for f in "$1/nsd.log" "$1/postfix/maillog" "$1/exim/log/mainlog" \
	    "$1/exim/log/paniclog" "$1/exim/exim.out" "$1/postfix/start.out"; do
		[ -s "$f" ] || continue
		printf '%s\n' "--- $f"
		cat "$f"
	done
}

failed()
{
	printf '%s\n' "receivers.sh: start failed: $*" >&2
	cmd_log "$D" >&2
	stop_all
	exit 1
}

net_up()
{
	ip link set lo up
	ip addr add 127.0.0.25/32 dev lo
	ip addr add 127.0.0.26/32 dev lo
	for h in $CLIENTS4; do
		ip addr add "198.18.1.$h/32" dev lo
	done
	for h in $CLIENTS6; do
		ip addr add "2001:db8:20::$h/128" dev lo nodad
	done
	printf '%s\n' "# written by receivers.sh: the lab's nsd" \
	    "nameserver 127.0.0.1" "options timeout:1 attempts:1" >"$D/resolv.conf"
	printf '%s\n' "127.0.0.1 localhost" "::1 localhost" >"$D/hosts"
	chmod 644 "$D/resolv.conf" "$D/hosts"
	mount --bind "$D/resolv.conf" /etc/resolv.conf
	mount --bind "$D/hosts" /etc/hosts
}

start_nsd()
{
	sed -e "s|@DIR@|$D|g" -e "s|@ZONES@|$RCV_SRC/zones|g" \
	    "$RCV_SRC/receivers/nsd.conf.in" >"$D/nsd.conf"
	nsd -c "$D/nsd.conf" >"$D/nsd.out" 2>&1 || failed "nsd did not start"
	wait_for 'dig @127.0.0.1 +norecurse +tries=1 +time=1 +short good10.receivers.test A 2>/dev/null | grep -q 198.18.1.10' ||
		failed "nsd does not answer on 127.0.0.1 port 53"
}

start_postfix()
{
	mkdir -p "$D/postfix/etc" "$D/postfix/queue" "$D/postfix/data"
	chmod 755 "$D/postfix" "$D/postfix/etc"
	chown postfix:postfix "$D/postfix/data"
	for f in main.cf master.cf; do
		sed -e "s|@DIR@|$D|g" "$RCV_SRC/receivers/$f.in" >"$D/postfix/etc/$f"
	done
	: >"$D/postfix/maillog"
	postfix -c "$D/postfix/etc" start >"$D/postfix/start.out" 2>&1 ||
		failed "postfix start"
	for p in 2501 2502 2503 2504 2505 2506 2507 2508 2509 2510; do
		wait_for "listening 127.0.0.25 $p && listening '[::1]' $p" ||
			failed "Postfix is not listening on port $p"
	done
}

start_exim()
{
	[ -x "$EXIM" ] || failed "no Exim at $EXIM (tests/deps-debian.sh)"
	mkdir -p "$D/exim/spool" "$D/exim/log"
	chown -R "$EXIM_USER:$EXIM_USER" "$D/exim/spool" "$D/exim/log"
	sed -e "s|@DIR@|$D|g" -e "s|@EXIM@|$EXIM|g" \
	    "$RCV_SRC/receivers/exim.conf.in" >"$D/exim/exim.conf"
	chmod 644 "$D/exim/exim.conf"
	"$EXIM" -C "$D/exim/exim.conf" -bV >"$D/exim/exim.out" 2>&1 ||
		failed "Exim rejects its configuration"
	"$EXIM" -C "$D/exim/exim.conf" -bdf </dev/null >>"$D/exim/exim.out" 2>&1 &
	for p in 2601 2602 2603 2604; do
		wait_for "listening 127.0.0.26 $p && listening '[::1]' $p" ||
			failed "Exim is not listening on port $p"
	done
	# shellcheck disable=SC2016 # expanded by wait_for's eval
	wait_for '[ -n "$(pid_of "$D/exim/exim.pid")" ]' || failed "no Exim pid file"
}

# rspamd's stock configuration from the package, our local.d: its paths
# all point into the package root or the run directory.
start_rspamd()
{
	[ -x "$RSPAMD_ROOT/usr/bin/rspamd" ] ||
		failed "no rspamd at $RSPAMD_ROOT (tests/deps-debian.sh)"
	mkdir -p "$D/rspamd/local/local.d" "$D/rspamd/db" "$D/rspamd/run" \
	    "$D/rspamd/log"
	cp "$RCV_SRC"/receivers/rspamd/* "$D/rspamd/local/local.d/"
	s=$RSPAMD_ROOT/usr/share/rspamd
	LD_LIBRARY_PATH="$RSPAMD_ROOT/usr/lib/rspamd:$RSPAMD_ROOT/usr/lib/x86_64-linux-gnu" \
	    "$RSPAMD_ROOT/usr/bin/rspamd" -c "$RSPAMD_ROOT/etc/rspamd/rspamd.conf" \
	    --var="CONFDIR=$RSPAMD_ROOT/etc/rspamd" \
	    --var="LOCAL_CONFDIR=$D/rspamd/local" --var="SHAREDIR=$s" \
	    --var="PLUGINSDIR=$s/plugins" --var="RULESDIR=$s/rules" \
	    --var="LUALIBDIR=$s/lualib" --var="WWWDIR=$s/www" \
	    --var="DBDIR=$D/rspamd/db" --var="RUNDIR=$D/rspamd/run" \
	    --var="LOGDIR=$D/rspamd/log" -u root -g root -i \
	    </dev/null >"$D/rspamd/rspamd.out" 2>&1 ||
		failed "rspamd did not start"
	# The first start compiles the hyperscan database: several seconds.
	READY_MS=60000
	wait_for "listening 127.0.0.1 11332 && listening 127.0.0.1 11333" ||
		failed "rspamd is not listening on 11332 and 11333"
	READY_MS=10000
}

# Inside the namespace: start, run, stop.
cmd_inside()
{
	D=$1
	shift
	trap 'stop_all' EXIT
	trap 'exit 1' HUP INT TERM
	net_up
	t0=$(now_ms)
	start_nsd
	start_postfix
	RCV_EXIM_UP=
	if [ "${RCV_NO_EXIM:-}" != 1 ]; then
		start_exim
		RCV_EXIM_UP=1
	fi
	if [ "${RCV_RSPAMD:-}" = 1 ]; then
		start_rspamd
	fi
	RCV_START_MS=$(($(now_ms) - t0))
	RCV_DIR=$D RCV_POSTFIX=127.0.0.25 RCV_EXIM=127.0.0.26 RCV_SERVER6=::1
	RCV_DNS=127.0.0.1
	export RCV_DIR RCV_POSTFIX RCV_EXIM RCV_SERVER6 RCV_DNS RCV_EXIM_UP \
	    RCV_START_MS
	rc=0
	"$@" || rc=$?
	stop_all
	trap - EXIT
	exit $rc
}

cmd_run()
{
	[ "$(id -u)" -eq 0 ] || die "needs root (namespaces; Postfix and Exim start as root)"
	for c in unshare ip nsd postfix dig ss mount; do
		have "$c" || die "$c not found"
	done
	id postfix >/dev/null 2>&1 || die "no postfix user"
	mkdir -p "$1"
	[ -z "$(ls -A "$1")" ] || die "$1 is not empty (give a fresh run directory)"
	D=$(CDPATH='' cd -P -- "$1" && pwd)
	case $D in
	*[!A-Za-z0-9._/+-]*) die "run dir $D: only A-Z a-z 0-9 . _ / + - allowed" ;;
	esac
	chmod 755 "$D"
	shift
	RCV_INSIDE=1
	export RCV_INSIDE
	exec unshare --net --mount --propagation private -- \
	    sh "$RCV_SRC/receivers.sh" inside "$D" "$@"
}

[ $# -ge 2 ] || usage
case $1 in
run)
	[ $# -ge 3 ] || usage
	shift
	cmd_run "$@"
	;;
inside)
	# Only from cmd_run: the bind mounts must never touch the host.
	[ "${RCV_INSIDE:-}" = 1 ] || die "'inside' is internal; use 'run'"
	shift
	cmd_inside "$@"
	;;
log) cmd_log "$2" ;;
*) usage ;;
esac
