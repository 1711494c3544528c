# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The monitoring-plugins-rdns authors
# shellcheck shell=sh
# lib.sh: sourced by the integration tests (POSIX sh). Brings the DNS lab
# (tests/lab/lab.sh) up and down and checks plugin runs, TAP-like:
#
#   lab_up                    start the lab in a fresh run dir, source lab.env
#                             (LAB_DNS LAB_DNS6 LAB_PORT LAB_SILENT ...), and
#                             stop it again on exit
#   run_plugin CMD ARGS...    run a plugin (CMD without a '/' is looked up in
#                             $PLUGINS_DIR), under $VALGRIND when set; sets
#                             RC OUT LINE1 ERR MS
#   run_cmd CMD ARGS...       the same for any command (no $PLUGINS_DIR, no
#                             $VALGRIND)
#   expect_rc N [DESC]                 exit code
#   expect_line1 'GLOB' [DESC]         first stdout line matches a case pattern
#   expect_line1_exact 'TEXT' [DESC]   first stdout line equals TEXT
#   expect_out 'GLOB' [DESC]           the whole stdout matches (use *x* for "contains")
#   expect_lines N [DESC]              stdout has N lines
#   expect_pipes N [DESC]              stdout holds N '|' characters
#   expect_ms_below N [DESC]           run took less than N ms
#   expect_ms_between LO HI [DESC]     LO <= ms <= HI
#   expect_stderr_empty [DESC]
#   expect_cmd DESC CMD ARGS...        CMD exits 0 (its output shown if not)
#   require_cmd NAME...                skip (77), or 99 under CI, when missing
#   finish                             "N passed, M failed"; exit 1 if M > 0
#   test_random_port                   a port for a test daemon, below the
#                                      ephemeral range
#
# In GLOB, * ? and [...] are special and a backslash is an ordinary
# character (plugin output is full of \DDD escapes); write [*] for a literal *.
# Each check prints "ok N - DESC" or "not ok N - DESC" plus what differed.
# Exit codes follow automake: 77 skip, 99 hard error (lab cannot start,
# PLUGINS_DIR unset, plugin missing).
#
# Environment: PLUGINS_DIR (plugins' build dir), SILENT_DNS (for lab.sh),
# LAB_SRC or TESTS_SRC (to find lab.sh; else relative to $0), CI, VALGRIND,
# TMPDIR, LAB_KEEP (keep the run dir even when all passed).

PASSED=0
FAILED=0
SKIPPED=0
_T_N=0
_T_TMP=
_T_CMD=
_T_NLINES=0
_LAB_RUN=
RC=
OUT=
ERR=
LINE1=
MS=

if [ -n "${LAB_SRC:-}" ]; then
	LAB_SH=$LAB_SRC/lab.sh
elif [ -n "${TESTS_SRC:-}" ]; then
	LAB_SH=$TESTS_SRC/lab/lab.sh
else
	LAB_SH=$(dirname -- "$0")/../lab/lab.sh
fi

# A hard error: the test could not run at all.
_t_bail()
{
	printf '%s\n' "Bail out! $*" >&2
	exit 99
}

_t_in_ci()
{
	case ${CI:-} in
	''|false|0|no) return 1 ;;
	esac
	return 0
}

# Skip (77) when a tool is missing, but fail (99) in CI, which must have it.
require_cmd()
{
	for _c in "$@"; do
		if ! command -v "$_c" >/dev/null 2>&1; then
			if _t_in_ci; then
				_t_bail "$_c not found, and CI=$CI requires it"
			fi
			printf '%s\n' "SKIP: $_c not found" >&2
			exit 77
		fi
	done
}

_t_ms()
{
	_t=$(date +%s%N 2>/dev/null || :)
	case $_t in
	*N*|'') echo $(($(date +%s) * 1000)) ;;
	*) echo $((_t / 1000000)) ;;
	esac
}

# A random port for a test daemon: the lab's random_port (common.sh, in a
# subshell so that its other helpers stay out of the test's namespace),
# below the kernel's ephemeral range, where an outgoing connection cannot
# take it (the last CI run lost nrpe's port that way).
test_random_port()
{
	(
		LAB_SCRIPT=test
		# shellcheck disable=SC1091
		. "$(dirname -- "$LAB_SH")/common.sh"
		random_port
	)
}

_t_tmp()
{
	if [ -z "$_T_TMP" ]; then
		_T_TMP=$(mktemp -d "${TMPDIR:-/tmp}/rdns-test.XXXXXX") ||
			_t_bail "mktemp failed"
	fi
}

# Print the last run, as TAP comments.
_t_show_run()
{
	printf '%s\n' "#   command: $_T_CMD"
	printf '%s\n' "#   exit $RC after ${MS} ms"
	if [ -n "$_T_TMP" ] && [ -f "$_T_TMP/out" ]; then
		printf '%s\n' "#   stdout ($_T_NLINES lines):"
		awk '{ print "#     " $0 }' "$_T_TMP/out"
		if [ -s "$_T_TMP/err" ]; then
			echo "#   stderr:"
			awk '{ print "#     " $0 }' "$_T_TMP/err"
		fi
	fi
}

_t_ok()
{
	_T_N=$((_T_N + 1))
	PASSED=$((PASSED + 1))
	printf '%s\n' "ok $_T_N - $1"
}

# _t_not_ok DESC WHY: record a failure and show the run.
_t_not_ok()
{
	_T_N=$((_T_N + 1))
	FAILED=$((FAILED + 1))
	printf '%s\n' "not ok $_T_N - $1"
	printf '%s\n' "#   $2"
	_t_show_run
}

# Case-pattern match of $1 against $2 with backslashes taken literally.
_t_glob()
{
	_p=$(printf '%s' "$2" | sed 's/\\/\\\\/g')
	# shellcheck disable=SC2254
	case $1 in
	$_p) return 0 ;;
	esac
	return 1
}

_t_run()
{
	_t_tmp
	_T_CMD=$(printf "%s" "$*" | tr "\n" " ")
	_t0=$(_t_ms)
	# Standard input: /dev/null, or the file named by _T_STDIN.
	if "$@" >"$_T_TMP/out" 2>"$_T_TMP/err" <"${_T_STDIN:-/dev/null}"; then
		RC=0
	else
		RC=$?
	fi
	_t1=$(_t_ms)
	MS=$((_t1 - _t0))
	OUT=$(cat "$_T_TMP/out")
	# shellcheck disable=SC2034 # read by the test scripts
	ERR=$(cat "$_T_TMP/err")
	LINE1=$(sed -n 1p "$_T_TMP/out")
	_T_NLINES=$(awk 'END { print NR }' "$_T_TMP/out")
}

run_plugin()
{
	[ $# -ge 1 ] || _t_bail "run_plugin: no command"
	_cmd=$1
	shift
	case $_cmd in
	*/*) ;;
	*)
		[ -n "${PLUGINS_DIR:-}" ] ||
			_t_bail "PLUGINS_DIR is not set (the build dir's plugins/)"
		_cmd=$PLUGINS_DIR/$_cmd
		;;
	esac
	if [ ! -f "$_cmd" ] || [ ! -x "$_cmd" ]; then
		_t_bail "plugin $_cmd: not an executable file"
	fi
	# shellcheck disable=SC2086
	_t_run ${VALGRIND:-} "$_cmd" "$@"
	# Kept for finish(): every check's perfdata is read again there
	# (not --help's or --version's text).
	case " $* " in
	*" -h "* | *" --help "* | *" -V "* | *" --version "*) ;;
	*) printf '%s\n%s\n' "$OUT" "=====RDNS-OUTPUT=====" >>"$_T_TMP/plugin-outputs" ;;
	esac
}

# Where the independent perfdata reader lives, and the Python that has
# python3-nagiosplugin (Debian's, not a pyenv one).
PERFCHECK=${TESTS_SRC:-$(dirname -- "$0")/..}/perf/perfcheck.py
PERFCHECK_PY=/usr/bin/python3

# expect_same_labels DESC OUT1 OUT2: the perfdata label sets are equal.
expect_same_labels()
{
	printf '%s\n' "$2" >"$_T_TMP/labels1"
	printf '%s\n' "$3" >"$_T_TMP/labels2"
	if _lbl=$("$PERFCHECK_PY" "$PERFCHECK" labels "$_T_TMP/labels1" "$_T_TMP/labels2" 2>&1); then
		_t_ok "$1"
	else
		_t_not_ok "$1" "$_lbl"
	fi
}

# The perfdata of every plugin output of the script, read by
# tests/perf/perfcheck.py: the guidelines' syntax, ranges as
# python3-nagiosplugin parses them, counters that add up.
_t_perfcheck()
{
	[ -s "$_T_TMP/plugin-outputs" ] || return 0
	if ! "$PERFCHECK_PY" -c 'import nagiosplugin' 2>/dev/null; then
		if [ -n "${CI:-}" ]; then
			_t_not_ok "perfdata of every output: independent reader" "python3-nagiosplugin is missing"
		else
			echo "# python3-nagiosplugin missing: perfdata not read again"
		fi
		return 0
	fi
	if _pc=$("$PERFCHECK_PY" "$PERFCHECK" check "$_T_TMP/plugin-outputs" 2>&1); then
		_t_ok "perfdata of every output parses and adds up (${_pc#perfcheck: })"
	else
		_t_not_ok "perfdata of every output parses and adds up" "$_pc"
	fi
}

# run_check PLUGIN DESC RC LINE1-GLOB ARGS...: one run of PLUGIN with
# ARGS and the usual assertions: exit RC, the first line, nothing on
# stderr. The scripts' ptr, fc, helo, rf, hm wrappers are this.
run_check()
{
	_rc_p=$1 _rc_d=$2 _rc_rc=$3 _rc_pat=$4
	shift 4
	run_plugin "$_rc_p" "$@"
	expect_rc "$_rc_rc" "$_rc_d: exit $_rc_rc"
	expect_line1 "$_rc_pat" "$_rc_d: first line"
	expect_stderr_empty "$_rc_d: nothing on stderr"
}

run_cmd()
{
	[ $# -ge 1 ] || _t_bail "run_cmd: no command"
	_t_run "$@"
}

expect_rc()
{
	if [ "$RC" = "$1" ]; then
		_t_ok "${2:-$_T_CMD: exit $1}"
	else
		_t_not_ok "${2:-$_T_CMD: exit $1}" "exit code $RC, expected $1"
	fi
}

expect_line1()
{
	if _t_glob "$LINE1" "$1"; then
		_t_ok "${2:-$_T_CMD: first line}"
	else
		_t_not_ok "${2:-$_T_CMD: first line}" \
		    "first line does not match '$1'"
	fi
}

expect_line1_exact()
{
	if [ "$LINE1" = "$1" ]; then
		_t_ok "${2:-$_T_CMD: first line}"
	else
		_t_not_ok "${2:-$_T_CMD: first line}" "first line is not '$1'"
	fi
}

expect_out()
{
	if _t_glob "$OUT" "$1"; then
		_t_ok "${2:-$_T_CMD: output}"
	else
		_t_not_ok "${2:-$_T_CMD: output}" "stdout does not match '$1'"
	fi
}

expect_lines()
{
	if [ "$_T_NLINES" -eq "$1" ]; then
		_t_ok "${2:-$_T_CMD: $1 lines}"
	else
		_t_not_ok "${2:-$_T_CMD: $1 lines}" \
		    "$_T_NLINES lines on stdout, expected $1"
	fi
}

expect_pipes()
{
	_n=$(tr -cd '|' <"$_T_TMP/out" | wc -c | tr -d ' ')
	if [ "$_n" -eq "$1" ]; then
		_t_ok "${2:-$_T_CMD: $1 '|'}"
	else
		_t_not_ok "${2:-$_T_CMD: $1 '|'}" "$_n '|' on stdout, expected $1"
	fi
}

# Wall-time limits mean nothing when valgrind runs the plugin (it starts
# in about half a second): then they are reported as skipped.
_t_timing_skipped()
{
	if [ -n "${VALGRIND:-}" ]; then
		_T_N=$((_T_N + 1))
		SKIPPED=$((SKIPPED + 1))
		printf '%s\n' "ok $_T_N - $1 # SKIP wall time under valgrind"
		return 0
	fi
	return 1
}

# skip_test DESC REASON: a check that cannot run here, counted as skipped.
skip_test()
{
	_T_N=$((_T_N + 1))
	SKIPPED=$((SKIPPED + 1))
	printf '%s\n' "ok $_T_N - $1 # SKIP $2"
}

expect_ms_below()
{
	_t_timing_skipped "${2:-$_T_CMD: under $1 ms}" && return 0
	if [ "$MS" -lt "$1" ]; then
		_t_ok "${2:-$_T_CMD: under $1 ms}"
	else
		_t_not_ok "${2:-$_T_CMD: under $1 ms}" "took $MS ms, limit $1 ms"
	fi
}

expect_ms_between()
{
	_t_timing_skipped "${3:-$_T_CMD: $1-$2 ms}" && return 0
	if [ "$MS" -ge "$1" ] && [ "$MS" -le "$2" ]; then
		_t_ok "${3:-$_T_CMD: $1-$2 ms}"
	else
		_t_not_ok "${3:-$_T_CMD: $1-$2 ms}" "took $MS ms, expected $1-$2 ms"
	fi
}

expect_stderr_empty()
{
	if [ ! -s "$_T_TMP/err" ]; then
		_t_ok "${1:-$_T_CMD: stderr empty}"
	else
		_t_not_ok "${1:-$_T_CMD: stderr empty}" "stderr is not empty"
	fi
}

expect_cmd()
{
	_d=$1
	shift
	run_cmd "$@"
	if [ "$RC" -eq 0 ]; then
		_t_ok "$_d"
	else
		_t_not_ok "$_d" "exit code $RC"
	fi
}

lab_up()
{
	if ! command -v nsd >/dev/null 2>&1; then
		if _t_in_ci; then
			_t_bail "nsd not found, and CI=$CI requires the lab"
		fi
		echo "SKIP: nsd not found (apt-get install nsd)" >&2
		exit 77
	fi
	[ -r "$LAB_SH" ] || _t_bail "lab.sh not found at $LAB_SH (set LAB_SRC)"
	_LAB_RUN=$(mktemp -d "${TMPDIR:-/tmp}/rdns-lab.XXXXXX") ||
		_t_bail "mktemp failed"
	trap lab_down EXIT
	trap 'exit 129' HUP
	trap 'exit 130' INT
	trap 'exit 143' TERM
	trap 'exit 141' PIPE
	if ! _out=$(sh "$LAB_SH" start "$_LAB_RUN" 2>&1); then
		printf '%s\n' "$_out" | sed 's/^/# /'
		_t_bail "lab.sh start failed"
	fi
	printf '%s\n' "$_out" | sed 's/^/# /'
	# shellcheck disable=SC1091
	. "$_LAB_RUN/lab.env"
}

# Stop the lab. On failure (a failed check or a non-zero exit) print nsd's
# log and keep the run dir; else remove it.
lab_down()
{
	_rc=$?
	trap '' PIPE
	if [ -n "$_T_TMP" ]; then
		rm -rf "$_T_TMP"
		_T_TMP=
	fi
	[ -n "$_LAB_RUN" ] || return 0
	sh "$LAB_SH" stop "$_LAB_RUN" >/dev/null 2>&1 || :
	if [ "$FAILED" -eq 0 ] && { [ "$_rc" -eq 0 ] || [ "$_rc" -eq 77 ]; }; then
		[ -n "${LAB_KEEP:-}" ] || rm -rf "$_LAB_RUN"
		_LAB_RUN=
		return 0
	fi
	printf '%s\n' "# nsd log of the failed run:"
	sh "$LAB_SH" log "$_LAB_RUN" 2>&1 | sed 's/^/#   /'
	printf '%s\n' "# lab run dir kept: $_LAB_RUN"
	_LAB_RUN=
}

# Skip (77) or, under CI, fail (99), with a reason.
skip_or_fail()
{
	if _t_in_ci; then
		_t_bail "$1, and CI=$CI requires it"
	fi
	printf '%s\n' "SKIP: $1" >&2
	exit 77
}

# netns_enter "$@": run the rest of the calling script in a network
# namespace of its own (unshare -n), with only lo, brought up: its routes
# and addresses are the test's, not the machine's (check_smtp_helo_match
# --reflect judges this host's IPv6 route too). Re-executes the script;
# skips without root or unshare, under CI that fails.
netns_enter()
{
	[ -z "${RDNS_NETNS:-}" ] || {
		ip link set lo up || _t_bail "cannot bring lo up in the namespace"
		return 0
	}
	[ "$(id -u)" -eq 0 ] || skip_or_fail "a network namespace needs root"
	command -v unshare >/dev/null 2>&1 || skip_or_fail "unshare (util-linux) not found"
	command -v ip >/dev/null 2>&1 || skip_or_fail "ip (iproute2) not found"
	unshare --net true 2>/dev/null || skip_or_fail "unshare --net is not permitted here"
	RDNS_NETNS=1
	export RDNS_NETNS
	exec unshare --net "${SHELL:-/bin/sh}" "$0" "$@"
}

# exim_up: the DNS lab, with nsd also on port 53 of a free 127.53.X.Y (the
# libc resolver of Exim knows no other port; parallel tests each get their
# own, unless LAB_DNS53 is given), and the Exim reflector of
# tests/lab/exim.sh on 127.0.0.30 and ::1. Sets EXIM_* from its exim.env,
# EXIM_SH and EXIM_RUN; both are stopped at exit (Exim's log printed on a
# failure). Skips without root, the unpacked Exim, its user, swaks,
# unshare or ss; under CI they are required.
exim_up()
{
	PATH=$PATH:/usr/sbin:/sbin
	export PATH
	EXIM=${EXIM:-/opt/rdns-lab/exim4/usr/sbin/exim4}
	export EXIM
	[ "$(id -u)" -eq 0 ] || skip_or_fail "the Exim lab needs root (mount namespace, port 53)"
	[ -x "$EXIM" ] || skip_or_fail "no Exim at $EXIM (sh tests/deps-debian.sh unpacks it)"
	id Debian-exim >/dev/null 2>&1 || skip_or_fail "no Debian-exim user (sh tests/deps-debian.sh)"
	command -v swaks >/dev/null 2>&1 || skip_or_fail "swaks not found (apt-get install swaks)"
	command -v unshare >/dev/null 2>&1 || skip_or_fail "unshare (util-linux) not found"
	command -v ss >/dev/null 2>&1 || skip_or_fail "ss (iproute2) not found"
	# exim.sh listens on ::1 too when lo has it: then swaks needs IPv6.
	if [ "${EXIM_IPV6:-}" != no ] && command -v ip >/dev/null 2>&1 &&
	    ip -6 addr show lo 2>/dev/null | grep -q 'inet6 ::1/' &&
	    ! swaks --support 2>&1 | grep -q '^=== IPv6 supported'; then
		skip_or_fail "swaks has no IPv6 (apt-get install libio-socket-inet6-perl)"
	fi
	EXIM_SH=$(dirname -- "$LAB_SH")/exim.sh
	if [ -z "${LAB_DNS53:-}" ]; then
		_i=0
		while :; do
			_i=$((_i + 1))
			[ $_i -le 20 ] || _t_bail "no free 127.53.X.Y port 53 in 20 tries"
			_r=$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')
			LAB_DNS53=127.53.$((_r % 254 + 1)).$((_r / 254 % 254 + 1))
			if ! ss -lnu | awk -v a="$LAB_DNS53:53" '$4 == a { f = 1 } END { exit !f }'; then
				break
			fi
		done
	fi
	export LAB_DNS53
	_dns53=$LAB_DNS53
	lab_up
	grep -qx "LAB_DNS53=$_dns53" "$LAB_DIR/lab.env" ||
		_t_bail "lab.sh did not start nsd on $_dns53 port 53 (lab.env has no LAB_DNS53=$_dns53)"
	EXIM_RUN=$(mktemp -d "${TMPDIR:-/tmp}/rdns-exim.XXXXXX") || _t_bail "mktemp failed"
	chmod 755 "$EXIM_RUN"
	# lab_down reads $? first: hand it the script's exit status.
	# shellcheck disable=SC2154 # _exim_rc is set inside the trap
	trap '_exim_rc=$?; exim_down; (exit $_exim_rc); lab_down' EXIT
	if ! _o=$(sh "$EXIM_SH" start "$EXIM_RUN/exim" 2>&1); then
		printf '%s\n' "$_o" | sed 's/^/# /'
		_t_bail "exim.sh start failed"
	fi
	printf '%s\n' "$_o" | sed 's/^/# /'
	# shellcheck disable=SC1091
	. "$EXIM_RUN/exim/exim.env"
}

# Stop Exim (by pid, checked); keep its run dir and print its log when
# something failed.
exim_down()
{
	sh "$EXIM_SH" stop "$EXIM_RUN/exim" >/dev/null 2>&1 || :
	if [ "$FAILED" -gt 0 ] || { [ "${_exim_rc:-0}" -ne 0 ] &&
	    [ "${_exim_rc:-0}" -ne 77 ]; }; then
		echo "# exim log of the failed run:"
		sh "$EXIM_SH" log "$EXIM_RUN/exim" 2>&1 | sed 's/^/#   /'
		printf '%s\n' "# exim run dir kept: $EXIM_RUN"
	elif [ -z "${LAB_KEEP:-}" ]; then
		rm -rf "$EXIM_RUN"
	fi
}

finish()
{
	[ -z "$_T_TMP" ] || _t_perfcheck
	if [ "$SKIPPED" -gt 0 ]; then
		printf '%s\n' "$PASSED passed, $FAILED failed, $SKIPPED skipped"
	else
		printf '%s\n' "$PASSED passed, $FAILED failed"
	fi
	if [ -n "$_T_TMP" ]; then
		rm -rf "$_T_TMP"
		_T_TMP=
	fi
	if [ "$FAILED" -gt 0 ]; then
		exit 1
	fi
	exit 0
}

# deleg_up "$@": run the rest of the calling script in network and mount
# namespaces of its own (unshare --net --mount; re-executes the script) with
# the delegation lab of tests/lab/deleg.sh started: a root, ns1, a stale
# ns2 and a lame ns3 on port 53, and unbound behind /etc/resolv.conf (bind-
# mounted inside the namespace only), so plugins run without -s. Sources
# deleg.env (DELEG_*), stops the lab at exit (logs shown on a failure).
# Skips without root, unshare, ip, nsd, unbound or dig; under CI it fails.
deleg_up()
{
	DELEG_SH=$(dirname -- "$LAB_SH")/deleg.sh
	if [ -z "${RDNS_DELEG_NS:-}" ]; then
		[ "$(id -u)" -eq 0 ] || skip_or_fail "the delegation lab needs root"
		PATH=$PATH:/usr/sbin:/sbin
		export PATH
		for _c in unshare ip nsd unbound dig; do
			command -v "$_c" >/dev/null 2>&1 ||
				skip_or_fail "$_c not found (sh tests/deps-debian.sh)"
		done
		unshare --net --mount true 2>/dev/null ||
			skip_or_fail "unshare --net --mount is not permitted here"
		RDNS_DELEG_NS=1
		DELEG_HOST_MNTNS=$(readlink /proc/self/ns/mnt)
		export RDNS_DELEG_NS DELEG_HOST_MNTNS
		exec unshare --net --mount "${SHELL:-/bin/sh}" "$0" "$@"
	fi
	_DELEG_RUN=$(mktemp -d "${TMPDIR:-/tmp}/rdns-deleg.XXXXXX") ||
		_t_bail "mktemp failed"
	trap deleg_down EXIT
	trap 'exit 129' HUP
	trap 'exit 130' INT
	trap 'exit 143' TERM
	if ! _out=$(sh "$DELEG_SH" start "$_DELEG_RUN" 2>&1); then
		printf '%s\n' "$_out" | sed 's/^/# /'
		_t_bail "deleg.sh start failed"
	fi
	printf '%s\n' "$_out" | sed 's/^/# /'
	# shellcheck disable=SC1091
	. "$_DELEG_RUN/deleg.env"
}

deleg_down()
{
	_rc=$?
	if [ -n "$_T_TMP" ]; then
		rm -rf "$_T_TMP"
		_T_TMP=
	fi
	[ -n "${_DELEG_RUN:-}" ] || return 0
	if [ "$FAILED" -gt 0 ] || { [ "$_rc" -ne 0 ] && [ "$_rc" -ne 77 ]; }; then
		echo "# delegation lab logs of the failed run:"
		sh "$DELEG_SH" log "$_DELEG_RUN" 2>&1 | sed 's/^/#   /'
		sh "$DELEG_SH" stop "$_DELEG_RUN" >/dev/null 2>&1 || :
		printf '%s\n' "# delegation lab run dir kept: $_DELEG_RUN"
	else
		sh "$DELEG_SH" stop "$_DELEG_RUN" >/dev/null 2>&1 || :
		[ -n "${LAB_KEEP:-}" ] || rm -rf "$_DELEG_RUN"
	fi
	_DELEG_RUN=
}
