# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The monitoring-plugins-rdns authors
# shellcheck shell=sh disable=SC2034 # variables read by the test scripts
# daemons.sh: sourced (after lib.sh) by the tests that run our plugins
# through real monitoring daemons (nrpe.sh, icinga2.sh, nagios4.sh).
#
#   need_daemon PROG WHAT...   skip (77) when PROG is missing, or fail (99)
#                              under CI; WHAT names the Debian package
#   daemon_rundir              make $RUN (755, under $TMPDIR) and stop the
#                              daemons and the lab on exit
#   daemon_track PID WORD      stop PID on exit (TERM, then KILL), if its
#                              cmdline still contains WORD
#   free_tcp_port              print a free TCP port on 127.0.0.1 (test_random_port)
#   wait_tcp PORT MS           wait until something listens on 127.0.0.1:PORT
#   wait_for MS CMD...         run CMD every 100 ms until it succeeds
#   pid_gone PID               true when PID is gone (or a zombie)
#   fill_template IN OUT       copy IN to OUT replacing @RUNDIR@ @PORT@
#                              @LAB_DNS@ @LAB_PORT@ @PLUGINS@ @USER@ @GROUP@
#                              @SMTP_ADDR@ @SMTP_PORT@ @CONTRIB@
#   smtp_up                    when check_smtp_helo_match was built: start
#                              smtp-sink on 127.0.0.3 (banner
#                              mail.example.test), set SMTP_PORT; else
#                              HELO_MATCH is empty
#   daemons_stop               stop the tracked pids now
#   no_leftovers DESC          check that they are gone and that no process
#                              mentions $RUN
#
# Daemons drop privileges to nagios when started as root, so the plugins
# and everything they read are copied into $RUN (world-readable), whatever
# the permissions of the build directory are.

RUN=
CONTRIB=
DAEMON_PIDS=
SMTP_ADDR=127.0.0.3
SMTP_PORT=
HELO_MATCH=

if [ -n "${TESTS_SRC:-}" ]; then
	CONTRIB=$TESTS_SRC/../contrib
	TEMPLATES=$TESTS_SRC/lab
fi

# Skip (77) or, under CI, fail (99), with a reason.
_d_skip()
{
	if _t_in_ci; then
		_t_bail "$1, and CI=$CI requires it"
	fi
	printf '%s\n' "SKIP: $1" >&2
	exit 77
}

need_daemon()
{
	_prog=$1
	shift
	PATH=$PATH:/usr/sbin:/sbin
	export PATH
	if ! command -v "$_prog" >/dev/null 2>&1 && [ ! -x "$_prog" ]; then
		_d_skip "$_prog not found (apt-get install --no-install-recommends $*)"
	fi
}

pid_gone()
{
	[ -r "/proc/$1/stat" ] || return 0
	_st=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1 || :)
	case $_st in
	''|Z|X|x) return 0 ;;
	esac
	return 1
}

# _d_stop PID WORD: TERM, up to 5 s, then KILL; only when /proc/PID/cmdline
# still holds WORD (the pid was not reused).
_d_stop()
{
	pid_gone "$1" && return 0
	tr '\000' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -qF -- "$2" ||
		return 0
	kill -TERM "$1" 2>/dev/null || return 0
	_i=0
	while [ $_i -lt 50 ]; do
		pid_gone "$1" && return 0
		sleep 0.1
		_i=$((_i + 1))
	done
	printf '%s\n' "# pid $1 ignored SIGTERM, sending SIGKILL"
	kill -KILL "$1" 2>/dev/null || :
}

daemon_track()
{
	DAEMON_PIDS="$DAEMON_PIDS $1:$2"
}

# Stop what this test started, newest first (the pids stay listed for
# no_leftovers).
daemons_stop()
{
	_list=
	for _e in $DAEMON_PIDS; do
		_list="$_e $_list"
	done
	for _e in $_list; do
		_d_stop "${_e%%:*}" "${_e#*:}"
	done
}

# On exit: stop what is left; remove $RUN unless a check failed.
daemon_down()
{
	daemons_stop
	DAEMON_PIDS=
	if [ -n "$RUN" ] && [ -d "$RUN" ]; then
		if [ "$FAILED" -eq 0 ] && [ -z "${LAB_KEEP:-}" ]; then
			rm -rf "$RUN"
		else
			printf '%s\n' "# daemon run dir kept: $RUN"
		fi
	fi
}

daemon_rundir()
{
	RUN=$(mktemp -d "${TMPDIR:-/tmp}/rdns-daemon.XXXXXX") ||
		_t_bail "mktemp failed"
	chmod 755 "$RUN"
	mkdir "$RUN/plugins"
	for _p in check_ptr check_fcrdns check_smtp_helo_match; do
		if [ -x "$PLUGINS_DIR/$_p" ]; then
			cp "$PLUGINS_DIR/$_p" "$RUN/plugins/$_p"
			chmod 755 "$RUN/plugins/$_p"
		fi
	done
	if [ ! -x "$RUN/plugins/check_ptr" ] || [ ! -x "$RUN/plugins/check_fcrdns" ]; then
		_t_bail "check_ptr or check_fcrdns not built in $PLUGINS_DIR"
	fi
	if [ -x "$RUN/plugins/check_smtp_helo_match" ]; then
		HELO_MATCH=$RUN/plugins/check_smtp_helo_match
	fi
	# lab_up's trap stops the lab; stop our daemons first, keep the exit code.
	# shellcheck disable=SC2154
	trap '_d_rc=$?; daemon_down; (exit $_d_rc); lab_down' EXIT
}

free_tcp_port()
{
	_n=0
	while [ $_n -lt 50 ]; do
		_n=$((_n + 1))
		_port=$(test_random_port)
		# Any state: a connection on the port would make bind() fail.
		if ! ss -tan 2>/dev/null |
		    awk -v p=":$_port" 'substr($4, length($4) - length(p) + 1) == p { f = 1 } END { exit !f }'; then
			echo "$_port"
			return 0
		fi
	done
	_t_bail "no free TCP port found"
}

wait_tcp()
{
	wait_for "$2" sh -c "ss -lnt | awk -v a='127.0.0.1:$1' '\$4 == a { f = 1 } END { exit !f }'"
}

wait_for()
{
	_ms=$1
	shift
	_w=0
	while [ $_w -lt "$_ms" ]; do
		if "$@" >/dev/null 2>&1; then
			return 0
		fi
		sleep 0.1
		_w=$((_w + 100))
	done
	return 1
}

fill_template()
{
	sed -e "s|@RUNDIR@|$RUN|g" \
	    -e "s|@PORT@|${PORT:-}|g" \
	    -e "s|@LAB_DNS@|$LAB_DNS|g" \
	    -e "s|@LAB_PORT@|$LAB_PORT|g" \
	    -e "s|@PLUGINS@|$RUN/plugins|g" \
	    -e "s|@USER@|${DAEMON_USER:-}|g" \
	    -e "s|@GROUP@|${DAEMON_GROUP:-}|g" \
	    -e "s|@SMTP_ADDR@|$SMTP_ADDR|g" \
	    -e "s|@SMTP_PORT@|${SMTP_PORT:-25}|g" \
	    -e "s|@CONTRIB@|$CONTRIB|g" \
	    "$1" >"$2" || _t_bail "cannot write $2"
}

# The user a daemon that drops privileges runs as: nagios when we are root.
daemon_user()
{
	if [ "$(id -u)" -eq 0 ]; then
		id nagios >/dev/null 2>&1 || _d_skip "user nagios does not exist"
		DAEMON_USER=nagios
		DAEMON_GROUP=$(id -gn nagios)
	else
		DAEMON_USER=$(id -un)
		DAEMON_GROUP=$(id -gn)
	fi
}

smtp_up()
{
	[ -n "$HELO_MATCH" ] || return 0
	_sink=$(command -v smtp-sink 2>/dev/null || :)
	if [ -z "$_sink" ]; then
		if _t_in_ci; then
			_t_bail "smtp-sink (postfix) not found, and CI=$CI requires it"
		fi
		echo "# smtp-sink not found: check_smtp_helo_match not covered"
		HELO_MATCH=
		return 0
	fi
	_u=
	[ "$(id -u)" -eq 0 ] && _u="-u postfix"
	_n=0
	while :; do
		_n=$((_n + 1))
		[ $_n -le 10 ] || _t_bail "smtp-sink: no free port"
		SMTP_PORT=$(free_tcp_port)
		# shellcheck disable=SC2086
		"$_sink" $_u -h mail.example.test "$SMTP_ADDR:$SMTP_PORT" 16 \
		    </dev/null >"$RUN/smtp-sink.log" 2>&1 &
		_pid=$!
		if wait_for 3000 sh -c "ss -lnt | awk -v a='$SMTP_ADDR:$SMTP_PORT' '\$4 == a { f = 1 } END { exit !f }'"; then
			break
		fi
		_d_stop "$_pid" smtp-sink
	done
	daemon_track "$_pid" smtp-sink
}

no_leftovers()
{
	# shellcheck disable=SC2009 # any process naming $RUN, not one name
	_left=$(ps -eo pid=,args= | grep -F -- "$RUN" | grep -v -e grep -e "ps -eo" || :)
	for _e in $DAEMON_PIDS; do
		if ! pid_gone "${_e%%:*}"; then
			_left="$_left ${_e%%:*} (${_e#*:})"
		fi
	done
	if [ -z "$_left" ]; then
		_t_ok "$1"
	else
		_t_not_ok "$1" "still running: $_left"
	fi
}
