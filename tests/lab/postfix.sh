#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The monitoring-plugins-rdns authors
# postfix.sh: the Postfix sandbox of the SMTP tests, on loopback.
#
#   postfix.sh start DIR   write DIR/etc/{main,master}.cf from postfix/*.in,
#                          start Postfix, wait until it answers, write
#                          DIR/postfix.env (PF_PORT PF_ADDR_MATCH
#                          PF_ADDR_MISMATCH PF_PID)
#   postfix.sh stop DIR    stop the master by its pid (checked)
#   postfix.sh log DIR     print the maillog
#
# smtpd listens on 127.0.0.3 (PTR mail.example.test = the banner) and
# 127.0.0.4 (PTR other.example.test), both on one free port in 20000-60000
# (PF_PORT forces one). Needs root (Postfix drops to the postfix user) and
# the postfix package. Nothing is written outside DIR; on a failed start
# the maillog is printed and what was started is stopped.
set -eu

LC_ALL=C
export LC_ALL

PF_SRC=$(CDPATH='' cd -P -- "$(dirname -- "$0")" && pwd)/postfix
PF_ADDR_MATCH=127.0.0.3
PF_ADDR_MISMATCH=127.0.0.4
READY_MS=8000
LAB_SCRIPT=postfix.sh
# shellcheck source=tests/lab/common.sh
. "${PF_SRC%/postfix}/common.sh"

# True when pid $1 is a Postfix master of this run dir.
is_ours()
{
	[ -r "/proc/$1/cmdline" ] || return 1
	cmd=$(tr '\000' ' ' <"/proc/$1/cmdline" 2>/dev/null || :)
	case $cmd in
	*master*) ;;
	*) return 1 ;;
	esac
	# The master's environment names our config directory.
	tr '\000' '\n' <"/proc/$1/environ" 2>/dev/null |
	    grep -qxF "MAIL_CONFIG=$PF_DIR/etc"
}

read_pid()
{
	f=$PF_DIR/queue/pid/master.pid
	[ -r "$f" ] || return 0
	tr -cd '0-9' <"$f" 2>/dev/null || :
}

print_log()
{
	if [ -s "$PF_DIR/maillog" ]; then
		printf '%s\n' "--- postfix maillog ($PF_DIR/maillog) ---" >&2
		cat "$PF_DIR/maillog" >&2
		echo "--- end of maillog ---" >&2
	fi
	if [ -s "$PF_DIR/start.out" ]; then
		echo "--- postfix start output ---" >&2
		cat "$PF_DIR/start.out" >&2
	fi
}

stop_master()
{
	pid=$(read_pid)
	[ -n "$pid" ] || return 0
	alive "$pid" || return 0
	if ! is_ours "$pid"; then
		printf '%s\n' "postfix.sh: pid $pid is not our master, left alone" >&2
		return 0
	fi
	terminate "$pid" 100 "postfix.sh: master" || :
}

start_failed()
{
	printf '%s\n' "postfix.sh: start failed: $*" >&2
	print_log
	stop_master
	exit 1
}

# Write the config for port $1 and start; 0 up, 1 port taken, else exit.
try_start()
{
	port=$1
	for f in main.cf master.cf; do
		sed -e "s|@RUNDIR@|$PF_DIR|g" -e "s|@PORT@|$port|g" \
		    -e "s|@ADDR_MATCH@|$PF_ADDR_MATCH|g" \
		    -e "s|@ADDR_MISMATCH@|$PF_ADDR_MISMATCH|g" \
		    "$PF_SRC/$f.in" >"$PF_DIR/etc/$f" ||
			start_failed "cannot write $PF_DIR/etc/$f"
	done
	: >"$PF_DIR/maillog"
	# "start" runs the checks and creates the queue directories too.
	if ! postfix -c "$PF_DIR/etc" start >"$PF_DIR/start.out" 2>&1; then
		if grep -qi 'address already in use' "$PF_DIR/maillog" 2>/dev/null; then
			return 1
		fi
		start_failed "postfix start failed"
	fi
	t0=$(now_ms)
	while :; do
		pid=$(read_pid)
		if grep -qi 'address already in use' "$PF_DIR/maillog" 2>/dev/null; then
			stop_master
			return 1
		fi
		if [ -n "$pid" ] && ! alive "$pid"; then
			start_failed "master (pid $pid) died during start-up"
		fi
		if [ -n "$pid" ] && listening "$PF_ADDR_MATCH" "$port" &&
		    listening "$PF_ADDR_MISMATCH" "$port"; then
			break
		fi
		if [ $(($(now_ms) - t0)) -ge $READY_MS ]; then
			start_failed "not listening on $PF_ADDR_MATCH and $PF_ADDR_MISMATCH port $port within $READY_MS ms"
		fi
		nap
	done
	PF_PID=$pid
	PF_PORT=$port
	return 0
}

cmd_start()
{
	command -v postfix >/dev/null 2>&1 || die "postfix not found in PATH"
	command -v ss >/dev/null 2>&1 || die "ss (iproute2) not found"
	[ "$(id -u)" -eq 0 ] || die "Postfix needs root to start (it runs as the postfix user)"
	id postfix >/dev/null 2>&1 || die "no postfix user (install the postfix package)"
	mkdir -p "$1" || die "cannot create $1"
	PF_DIR=$(CDPATH='' cd -P -- "$1" && pwd)
	case $PF_DIR in
	*[!A-Za-z0-9._/+-]*) die "run dir $PF_DIR: only A-Z a-z 0-9 . _ / + - allowed" ;;
	esac
	[ -e "$PF_DIR/etc" ] && die "$PF_DIR/etc exists (give a fresh run directory)"
	mkdir -p "$PF_DIR/etc" "$PF_DIR/queue" "$PF_DIR/data" ||
		die "cannot create the directories in $PF_DIR"
	# The postfix user must reach the queue and own the data directory;
	# every directory above the run dir must be searchable for it too.
	chmod 755 "$PF_DIR" "$PF_DIR/etc"
	chown postfix:postfix "$PF_DIR/data"
	d=$PF_DIR
	while [ "$d" != / ]; do
		d=$(dirname -- "$d")
		if ! su -s /bin/sh postfix -c "test -x '$d'" 2>/dev/null &&
		    [ -n "$(command -v su)" ]; then
			die "$d is not searchable by the postfix user"
		fi
	done
	if [ -n "${PF_PORT:-}" ]; then
		try_start "$PF_PORT" || start_failed "port $PF_PORT is in use"
	else
		start_on_free_port try_start port_free
	fi
	cat >"$PF_DIR/postfix.env" <<EOT
# written by postfix.sh start; sourceable by sh
PF_DIR='$PF_DIR'
PF_PORT=$PF_PORT
PF_ADDR_MATCH=$PF_ADDR_MATCH
PF_ADDR_MISMATCH=$PF_ADDR_MISMATCH
PF_PID=$PF_PID
EOT
	printf '%s\n' "postfix up: $PF_ADDR_MATCH and $PF_ADDR_MISMATCH port $PF_PORT (master pid $PF_PID), dir $PF_DIR"
}

cmd_stop()
{
	[ -d "$1" ] || die "$1: no such directory"
	PF_DIR=$(CDPATH='' cd -P -- "$1" && pwd)
	stop_master
}

cmd_log()
{
	[ -r "$1/maillog" ] || die "$1/maillog: not readable"
	cat "$1/maillog"
}

[ $# -eq 2 ] || { echo "usage: postfix.sh start|stop|log DIR" >&2; exit 2; }
case $1 in
start) cmd_start "$2" ;;
stop) cmd_stop "$2" ;;
log) cmd_log "$2" ;;
*) echo "usage: postfix.sh start|stop|log DIR" >&2; exit 2 ;;
esac
