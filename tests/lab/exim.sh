#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The monitoring-plugins-rdns authors
# exim.sh: a real Exim on loopback, the SMTP reflector of
# check_smtp_helo_match --reflect. Its EHLO reply names the client as Exim
# verified it in the lab's DNS:
#   250-reflect.example.test Hello NAME [IP]
#
#   exim.sh start DIR      write DIR/exim.conf from exim/exim.conf.in, start
#                          Exim, wait until it listens, write DIR/exim.env
#   exim.sh stop DIR       stop the daemon by its pid (checked)
#   exim.sh log DIR        print Exim's main log (and the panic log, if any)
#   exim.sh send DIR SOURCE HELO [TO]
#                          send one small message with swaks from loopback
#                          address SOURCE (127.x or ::1) with HELO name HELO
#                          to TO (default lab@reflect.example.test), and print
#                          the path of the file Exim delivered it into
#
# Exim listens on 127.0.0.30 (PTR reflect.example.test) and ::1 (when lo has
# it), on one free port in 20000-60000. It resolves through the libc
# resolver, which reads only /etc/resolv.conf and only knows port 53, so it
# runs in a private mount namespace (unshare -m) where DIR/resolv.conf
# ("nameserver $LAB_DNS53") is bind-mounted over /etc/resolv.conf: its
# lookups go to the lab's nsd, never to the system's resolver. The config
# sets host_lookup_order = bydns, so /etc/hosts answers nothing.
# Every recipient is accepted; messages land in the maildir DIR/mail.
#
# Environment:
#   LAB_DNS53   address of the lab's nsd on port 53 (required by start):
#               a lab started with LAB_DNS53=127.0.53.53 lab.sh start writes
#               it into its lab.env, which exports it when sourced
#   EXIM        the Exim binary (default /opt/rdns-lab/exim4/usr/sbin/exim4,
#               where tests/deps-debian.sh unpacks exim4-daemon-light)
#   EXIM_PORT   port to use (default: a random free one)
#   EXIM_IPV6   set to "no" to leave ::1 out even when lo has it
#
# Needs root (the mount namespace; Exim binds as root, then receives and
# delivers as its compiled-in user Debian-exim, which deps-debian.sh
# creates), util-linux (unshare, mount), ss; send needs swaks. Nothing is
# written outside DIR; on a failed start the logs are printed and what was
# started is stopped. DIR/exim.env is sourceable:
#   EXIM_DIR EXIM_PORT EXIM_ADDR EXIM_ADDR6 (empty without ::1) EXIM_PID
#   EXIM_MAIL (the maildir's new/, where delivered messages land)
set -eu

LC_ALL=C
export LC_ALL

EXIM_SRC=$(CDPATH='' cd -P -- "$(dirname -- "$0")" && pwd)/exim
EXIM=${EXIM:-/opt/rdns-lab/exim4/usr/sbin/exim4}
EXIM_USER=Debian-exim
EXIM_ADDR=127.0.0.30
READY_MS=8000
SEND_MS=10000
LAB_SCRIPT=exim.sh
# shellcheck source=tests/lab/common.sh
. "${EXIM_SRC%/exim}/common.sh"

usage()
{
	echo "usage: exim.sh start|stop|log DIR | exim.sh send DIR SOURCE HELO [TO]" >&2
	exit 2
}

# True when pid $1 is an Exim daemon of this run dir: argv[0] is exim*, and
# one argument is our config file.
is_ours()
{
	[ -r "/proc/$1/cmdline" ] || return 1
	cmd=$(tr '\000' '\n' <"/proc/$1/cmdline" 2>/dev/null || :)
	argv0=$(printf '%s\n' "$cmd" | sed -n 1p)
	case ${argv0##*/} in
	exim*) ;;
	*) return 1 ;;
	esac
	printf '%s\n' "$cmd" | grep -qxF -- "$EXIM_DIR/exim.conf"
}

read_pid()
{
	[ -r "$EXIM_DIR/exim.pid" ] || return 0
	sed -n '1{s/[^0-9]//g;p;}' "$EXIM_DIR/exim.pid" 2>/dev/null || :
}

print_log()
{
	for f in mainlog paniclog; do
		if [ -s "$EXIM_DIR/log/$f" ]; then
			printf '%s\n' "--- exim $f ($EXIM_DIR/log/$f) ---" >&2
			cat "$EXIM_DIR/log/$f" >&2
			printf '%s\n' "--- end of $f ---" >&2
		fi
	done
	if [ -s "$EXIM_DIR/exim.out" ]; then
		echo "--- exim stdout/stderr ---" >&2
		cat "$EXIM_DIR/exim.out" >&2
	fi
}

# Stop pid $1 (when it is ours): TERM, 5 s, then KILL.
stop_daemon()
{
	pid=$1
	case $pid in
	''|*[!0-9]*) return 0 ;;
	esac
	alive "$pid" || return 0
	if ! is_ours "$pid"; then
		printf '%s\n' "exim.sh: pid $pid is not our Exim daemon, left alone" >&2
		return 0
	fi
	terminate "$pid" 100 "exim.sh: Exim" || :
	# Exim, no longer root, cannot remove its pid file itself.
	rm -f "$EXIM_DIR/exim.pid"
}

start_failed()
{
	printf '%s\n' "exim.sh: start failed: $*" >&2
	print_log
	stop_daemon "${DAEMON_PID:-}"
	stop_daemon "$(read_pid)"
	exit 1
}

# True when the last start failed on a port someone else has.
port_taken()
{
	grep -qi 'address already in use' "$EXIM_DIR/log/paniclog" \
	    "$EXIM_DIR/exim.out" 2>/dev/null
}

# Write the config for port $1 and start; 0 up, 1 port taken, else exit.
try_start()
{
	port=$1
	if [ -n "$EXIM_ADDR6" ]; then
		ifaces="<; $EXIM_ADDR ; $EXIM_ADDR6"
	else
		ifaces=$EXIM_ADDR
	fi
	sed -e "s|@DIR@|$EXIM_DIR|g" -e "s|@PORT@|$port|g" -e "s|@EXIM@|$EXIM|g" \
	    -e "s|@INTERFACES@|$ifaces|g" \
	    "$EXIM_SRC/exim.conf.in" >"$EXIM_DIR/exim.conf" ||
		start_failed "cannot write $EXIM_DIR/exim.conf"
	# Exim reads its configuration as root: root's, not writable by others.
	chmod 644 "$EXIM_DIR/exim.conf"
	if ! "$EXIM" -C "$EXIM_DIR/exim.conf" -bV >"$EXIM_DIR/exim.out" 2>&1; then
		start_failed "$EXIM -C $EXIM_DIR/exim.conf -bV: config rejected"
	fi
	rm -f "$EXIM_DIR/exim.pid" "$EXIM_DIR/log/paniclog"
	# -bdf: the daemon stays in the foreground, so $! is its pid (unshare
	# and sh exec into it). No -q: no queue runner. The bind mount exists
	# only in the new namespace, which ends with its last process.
	# shellcheck disable=SC2016 # expanded by the inner sh
	unshare --mount --propagation private -- sh -c \
	    'mount --bind "$1" /etc/resolv.conf && exec "$2" -C "$3" -bdf' \
	    exim-ns "$EXIM_DIR/resolv.conf" "$EXIM" "$EXIM_DIR/exim.conf" \
	    </dev/null >"$EXIM_DIR/exim.out" 2>&1 &
	DAEMON_PID=$!
	t0=$(now_ms)
	while :; do
		if ! alive "$DAEMON_PID"; then
			if port_taken; then
				DAEMON_PID=
				return 1
			fi
			start_failed "Exim (pid $DAEMON_PID) exited during start-up"
		fi
		if listening "$EXIM_ADDR" "$port" &&
		    { [ -z "$EXIM_ADDR6" ] || listening "[$EXIM_ADDR6]" "$port"; } &&
		    [ -n "$(read_pid)" ]; then
			break
		fi
		if [ $(($(now_ms) - t0)) -ge $READY_MS ]; then
			start_failed "not listening on $EXIM_ADDR${EXIM_ADDR6:+ and $EXIM_ADDR6} port $port within $READY_MS ms"
		fi
		nap
	done
	pid=$(read_pid)
	[ "$pid" = "$DAEMON_PID" ] ||
		start_failed "pid file says $pid, but the daemon started is $DAEMON_PID"
	is_ours "$DAEMON_PID" || start_failed "pid $DAEMON_PID is not exim -C $EXIM_DIR/exim.conf"
	EXIM_PID=$DAEMON_PID
	EXIM_PORT=$port
	return 0
}

# Every directory from $1 up to / must be searchable by the Exim user.
check_search_path()
{
	d=$1
	while :; do
		if ! su -s /bin/sh "$EXIM_USER" -c "test -x '$d'" 2>/dev/null; then
			die "$d is not searchable by the $EXIM_USER user"
		fi
		[ "$d" != / ] || break
		d=$(dirname -- "$d")
	done
}

cmd_start()
{
	[ "$(id -u)" -eq 0 ] || die "needs root (mount namespace; Exim binds as root and runs as $EXIM_USER)"
	if [ ! -f "$EXIM" ] || [ ! -x "$EXIM" ]; then
		die "no Exim binary at $EXIM (sh tests/deps-debian.sh unpacks it; or set EXIM)"
	fi
	case $EXIM in
	/*) ;;
	*) die "EXIM=$EXIM: give an absolute path" ;;
	esac
	case $EXIM in
	*[!A-Za-z0-9._/+-]*) die "EXIM=$EXIM: only A-Z a-z 0-9 . _ / + - allowed" ;;
	esac
	id "$EXIM_USER" >/dev/null 2>&1 ||
		die "no $EXIM_USER user (sh tests/deps-debian.sh creates it)"
	have unshare || die "unshare (util-linux) not found"
	have ss || die "ss (iproute2) not found"
	have su || die "su not found"
	[ -r "$EXIM_SRC/exim.conf.in" ] || die "missing $EXIM_SRC/exim.conf.in"
	LAB_DNS53=${LAB_DNS53:-}
	[ -n "$LAB_DNS53" ] ||
		die "LAB_DNS53 is not set: start the lab with LAB_DNS53=127.0.53.53 lab.sh start LABDIR and source LABDIR/lab.env"
	case $LAB_DNS53 in
	*[!0-9.]*|'') die "LAB_DNS53=$LAB_DNS53 is not an IPv4 address" ;;
	127.*) ;;
	*) die "LAB_DNS53=$LAB_DNS53 is not a loopback address" ;;
	esac
	# The lab's nsd must answer there, or every lookup times out.
	if have dig && ! dig @"$LAB_DNS53" -p 53 +norecurse +tries=1 +time=1 \
	    +short example.test SOA 2>/dev/null | grep -q '^ns1\.example\.test\. '; then
		die "no answer from the lab's nsd on $LAB_DNS53 port 53 (LAB_DNS53)"
	fi

	if [ -d "$1" ] && [ -n "$(ls -A "$1")" ]; then
		die "$1 is not empty (give a fresh run directory)"
	fi
	mkdir -p "$1" || die "cannot create $1"
	EXIM_DIR=$(CDPATH='' cd -P -- "$1" && pwd)
	case $EXIM_DIR in
	*[!A-Za-z0-9._/+-]*) die "run dir $EXIM_DIR: only A-Z a-z 0-9 . _ / + - allowed" ;;
	esac
	# The receiving and delivering processes run as the Exim user: they
	# write the spool, the log and the maildir, and read resolv.conf.
	chmod 755 "$EXIM_DIR"
	check_search_path "$EXIM_DIR"
	mkdir -p "$EXIM_DIR/spool" "$EXIM_DIR/log" "$EXIM_DIR/mail/new" \
	    "$EXIM_DIR/mail/cur" "$EXIM_DIR/mail/tmp" ||
		die "cannot create the directories in $EXIM_DIR"
	chown -R "$EXIM_USER:$EXIM_USER" "$EXIM_DIR/spool" "$EXIM_DIR/log" \
	    "$EXIM_DIR/mail"
	chmod 755 "$EXIM_DIR/mail" "$EXIM_DIR/mail/new"
	# One try per lookup, one second each: a lab DNS problem shows quickly.
	printf '%s\n' "# written by exim.sh: Exim's resolver is the lab's nsd" \
	    "nameserver $LAB_DNS53" "options timeout:1 attempts:1" \
	    >"$EXIM_DIR/resolv.conf"
	chmod 644 "$EXIM_DIR/resolv.conf"

	EXIM_ADDR6=
	if [ "${EXIM_IPV6:-}" != no ] && have ip &&
	    ip -6 addr show lo 2>/dev/null | grep -q 'inet6 ::1/'; then
		EXIM_ADDR6=::1
	fi

	DAEMON_PID=
	if [ -n "${EXIM_PORT:-}" ]; then
		case $EXIM_PORT in
		''|*[!0-9]*) die "EXIM_PORT=$EXIM_PORT is not a port number" ;;
		esac
		try_start "$EXIM_PORT" || start_failed "port $EXIM_PORT is in use"
	else
		start_on_free_port try_start port_free
	fi
	cat >"$EXIM_DIR/exim.env.tmp" <<EOT
# written by exim.sh start; sourceable by sh
EXIM_DIR='$EXIM_DIR'
EXIM_PORT=$EXIM_PORT
EXIM_ADDR=$EXIM_ADDR
EXIM_ADDR6=$EXIM_ADDR6
EXIM_PID=$EXIM_PID
EXIM_MAIL='$EXIM_DIR/mail/new'
EOT
	mv "$EXIM_DIR/exim.env.tmp" "$EXIM_DIR/exim.env"
	printf '%s\n' "exim up: $EXIM_ADDR${EXIM_ADDR6:+ $EXIM_ADDR6} port $EXIM_PORT (pid $EXIM_PID), DNS $LAB_DNS53 port 53, dir $EXIM_DIR"
}

cmd_stop()
{
	[ -d "$1" ] || die "$1: no such directory"
	EXIM_DIR=$(CDPATH='' cd -P -- "$1" && pwd)
	EXIM_PID=
	if [ -r "$EXIM_DIR/exim.env" ]; then
		# shellcheck disable=SC1091
		. "$EXIM_DIR/exim.env"
	fi
	pid=$(read_pid)
	stop_daemon "${pid:-$EXIM_PID}"
}

cmd_log()
{
	[ -r "$1/log/mainlog" ] || die "$1/log/mainlog: not readable"
	cat "$1/log/mainlog"
	if [ -s "$1/log/paniclog" ]; then
		echo "--- paniclog ---"
		cat "$1/log/paniclog"
	fi
}

# send DIR SOURCE HELO [TO]: one message from SOURCE, found again by a
# unique header line; prints the delivered file's path.
cmd_send()
{
	[ -r "$1/exim.env" ] || die "$1/exim.env: not readable (Exim not started?)"
	# shellcheck disable=SC1091
	. "$1/exim.env"
	src=$2 helo=$3 to=${4:-lab@reflect.example.test}
	have swaks || die "swaks not found (apt-get install swaks)"
	case $src in
	*:*)
		[ -n "$EXIM_ADDR6" ] || die "source $src is IPv6, but Exim has no IPv6 address"
		server=$EXIM_ADDR6
		;;
	*) server=$EXIM_ADDR ;;
	esac
	tag=exim-sh-$$-$(now_ms)
	if ! out=$(swaks --server "$server" --port "$EXIM_PORT" \
	    --local-interface "$src" --helo "$helo" \
	    --from "lab-sender@example.test" --to "$to" \
	    --add-header "X-Lab-Tag: $tag" \
	    --body "exim.sh send from $src, HELO $helo" \
	    --timeout 10 2>&1); then
		printf '%s\n' "$out" >&2
		die "swaks failed"
	fi
	t0=$(now_ms)
	while :; do
		f=$(grep -lF -- "X-Lab-Tag: $tag" "$EXIM_MAIL"/* 2>/dev/null | sed -n 1p || :)
		if [ -n "$f" ]; then
			printf '%s\n' "$f"
			return 0
		fi
		if [ $(($(now_ms) - t0)) -ge $SEND_MS ]; then
			printf '%s\n' "$out" >&2
			EXIM_DIR=$(CDPATH='' cd -P -- "$1" && pwd)
			print_log
			die "the message (X-Lab-Tag: $tag) did not arrive in $EXIM_MAIL within $SEND_MS ms"
		fi
		nap
	done
}

[ $# -ge 2 ] || usage
case $1 in
start) [ $# -eq 2 ] || usage; cmd_start "$2" ;;
stop) [ $# -eq 2 ] || usage; cmd_stop "$2" ;;
log) [ $# -eq 2 ] || usage; cmd_log "$2" ;;
send) { [ $# -eq 4 ] || [ $# -eq 5 ]; } || usage; cmd_send "$2" "$3" "$4" "${5:-}" ;;
*) usage ;;
esac
