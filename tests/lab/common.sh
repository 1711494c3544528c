# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The monitoring-plugins-rdns authors
# shellcheck shell=sh
# common.sh: shell helpers of the lab's start/stop scripts (lab.sh,
# postfix.sh, exim.sh), sourced by them. Set LAB_SCRIPT (the script's
# name, for messages) before sourcing. POSIX sh; nothing runs on load.

die()
{
	printf '%s\n' "${LAB_SCRIPT:-lab}: $*" >&2
	exit 1
}

have()
{
	command -v "$1" >/dev/null 2>&1
}

# Milliseconds since the epoch (GNU date; whole seconds elsewhere).
now_ms()
{
	t=$(date +%s%N 2>/dev/null || :)
	case $t in
	*N*|'') echo $(($(date +%s) * 1000)) ;;
	*) echo $((t / 1000000)) ;;
	esac
}

# A short wait between two polls.
nap()
{
	sleep 0.05 2>/dev/null || sleep 1
}

# A random port outside the kernel's ephemeral range
# (net.ipv4.ip_local_port_range, 32768-60999 by default): a port in that
# range can be taken at any moment by some program's outgoing connection,
# which a look at the sockets before binding does not rule out. From 20000
# up to the range's start, or, when it starts too low, from above its end;
# 20000..60000 when neither leaves 5000 ports.
random_port()
{
	r=$(od -An -N2 -tu2 /dev/urandom 2>/dev/null | tr -d ' \n' || :)
	case $r in
	''|*[!0-9]*) r=$(($$ * 7919 + $(now_ms) % 65536)) ;;
	esac
	# cut, not read: dash's read takes one byte of a /proc sysctl file
	lo=$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || :)
	hi=$(cut -f2 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || :)
	case $lo in
	''|*[!0-9]*) lo=0 ;;
	esac
	case $hi in
	''|*[!0-9]*) hi=65535 ;;
	esac
	if [ "$lo" -ge 25000 ]; then
		echo $((20000 + r % (lo - 20000)))
	elif [ "$hi" -le 60535 ]; then
		echo $((hi + 1 + r % (65535 - hi)))
	else
		echo $((20000 + r % 40001))
	fi
}

# True when something listens on TCP $1:$2 ($1 bracketed for IPv6).
listening()
{
	ss -lnt 2>/dev/null | awk -v a="$1:$2" '$4 == a { f = 1 } END { exit !f }'
}

# True when no socket has port $1 (any address) in ss's table $2 (-tan:
# TCP in any state, the default, so connections count too; -lnu: UDP).
port_free()
{
	ss "${2:--tan}" 2>/dev/null | awk -v p=":$1" \
	    'substr($4, length($4) - length(p) + 1) == p { f = 1 } END { exit f }'
}

# True when pid $1 is a live process (not a zombie).
alive()
{
	[ -r "/proc/$1/stat" ] || return 1
	st=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1 || :)
	case $st in
	''|Z|X|x) return 1 ;;
	esac
	return 0
}

# terminate PID NAPS WHO: SIGTERM, wait up to NAPS naps, then, with a word
# on stderr, SIGKILL and up to ten naps more. 0 when it is gone.
terminate()
{
	kill -TERM "$1" 2>/dev/null || return 0
	_n=0
	while [ "$_n" -lt "$2" ]; do
		alive "$1" || return 0
		nap
		_n=$((_n + 1))
	done
	printf '%s\n' "$3 pid $1 ignored SIGTERM, sending SIGKILL" >&2
	kill -KILL "$1" 2>/dev/null || :
	_n=0
	while [ "$_n" -lt 10 ] && alive "$1"; do
		nap
		_n=$((_n + 1))
	done
	! alive "$1"
}

# start_on_free_port START FREE: try START PORT on random ports for which
# FREE PORT is true (START fails when the port was taken after all), up to
# 20 times; the port that worked is left in $port. Needs the script's
# start_failed.
start_on_free_port()
{
	tries=0
	while :; do
		tries=$((tries + 1))
		[ $tries -le 20 ] || start_failed "no free port found in 20 tries"
		port=$(random_port)
		"$2" "$port" || continue
		if "$1" "$port"; then
			return 0
		fi
	done
}
