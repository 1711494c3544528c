#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The monitoring-plugins-rdns authors
# lab.sh: the project's DNS lab on loopback (nsd with tests/lab/zones, plus
# hostile_dns in its silent mode, a server that never answers).
#
#   lab.sh start DIR      create the run dir DIR, start both servers, write DIR/lab.env
#   lab.sh stop DIR       stop both servers (by pid, checked), remove nothing
#   lab.sh log DIR        print nsd's log
#   lab.sh selftest DIR   dig every lab record against a started lab
#
# Environment:
#   SILENT_DNS   path of the tests/lab/hostile_dns binary, run with -m silent
#                (required by start)
#   LAB_PORT     nsd port to use (default: a random free port in 20000-60000)
#   LAB_IPV6     set to "no" to leave ::1 out even when lo has it
#   LAB_SILENT_LIFETIME  seconds after which the silent server exits (600)
#   LAB_DNS53    an IPv4 loopback address (e.g. 127.0.53.53) on which nsd
#                also listens, port 53, for programs that resolve through the
#                libc resolver (Exim in tests/lab/exim.sh: resolv.conf names
#                no port); needs root. Unset (the default): no such listener.
#
# Traffic stays on 127.0.0.1 and ::1 (and LAB_DNS53). Nothing is written outside DIR; the
# source directory (where this script lives) is only read, so a VPATH build
# with a read-only source tree works. DIR/lab.env is sourceable:
#   LAB_DIR LAB_DNS LAB_DNS6 LAB_PORT LAB_SILENT LAB_SILENT_PORT
#   LAB_NSD_PID LAB_SILENT_PID LAB_DNS53 (empty without the port-53 listener)
set -eu

LC_ALL=C
export LC_ALL

LAB_SRC=$(CDPATH='' cd -P -- "$(dirname -- "$0")" && pwd)
LAB_ADDR=127.0.0.1
READY_MS=15000
LAB_SCRIPT=lab.sh
# shellcheck source=tests/lab/common.sh
. "$LAB_SRC/common.sh"

usage()
{
	echo "usage: lab.sh start|stop|log|selftest DIR" >&2
	exit 2
}

# True when nothing listens on UDP or TCP port $1 (any address).
dns_port_free()
{
	have ss || return 0
	port_free "$1" -uan && port_free "$1" -tan
}

# True when nothing listens on UDP or TCP $1:$2, nor on a wildcard address.
addr_port_free()
{
	have ss || return 0
	for proto in -lnu -lnt; do
		ss "$proto" 2>/dev/null | awk -v a="$1:$2" -v p=":$2" \
		    '$4 == a || $4 == "0.0.0.0" p || $4 == "*" p || $4 == "[::]" p { f = 1 }
		    END { exit f }' || return 1
	done
	return 0
}

# SOA query for example.test to $1 port $2: true when a DNS answer came back.
probe_dns()
{
	if have dig; then
		dig @"$1" -p "$2" +norecurse +tries=1 +time=1 +short \
		    example.test SOA 2>/dev/null | grep -q '^ns1\.example\.test\. '
		return
	fi
	if have nc; then
		# ID 0x1234, no flags, QDCOUNT 1, example.test SOA IN (RFC 1035 4.1)
		n=$(printf '\022\064\000\000\000\001\000\000\000\000\000\000\007example\004test\000\000\006\000\001' |
		    nc -u -w 1 "$1" "$2" 2>/dev/null | od -An -tx1 | tr -d ' \n' || :)
		case $n in
		1234*) return 0 ;;
		*) return 1 ;;
		esac
	fi
	# Last resort: nsd logs this line once it serves.
	grep -q 'nsd started' "$LAB_DIR/nsd.log" 2>/dev/null
}

# True when /proc/$1/cmdline is program $2 (basename glob) and mentions $3.
is_ours()
{
	[ -r "/proc/$1/cmdline" ] || return 1
	cmd=$(tr '\000' '\n' <"/proc/$1/cmdline" 2>/dev/null || :)
	argv0=$(printf '%s\n' "$cmd" | sed -n 1p)
	# shellcheck disable=SC2254
	case ${argv0##*/} in
	$2) ;;
	*) return 1 ;;
	esac
	printf '%s\n' "$cmd" | grep -qxF -- "$3"
}

# Stop pid $1 (program glob $2, cmdline word $3): TERM, 1 s, then KILL.
stop_pid()
{
	pid=$1
	case $pid in
	''|*[!0-9]*) return 0 ;;
	esac
	alive "$pid" || return 0
	if ! is_ours "$pid" "$2" "$3"; then
		printf '%s\n' "lab.sh: pid $pid is not our $2 (cmdline differs), left alone" >&2
		return 0
	fi
	terminate "$pid" 20 "lab.sh: $2" || :
	return 0
}

read_pidfile()
{
	if [ -r "$1" ]; then
		sed -n '1{s/[^0-9]//g;p;}' "$1" 2>/dev/null || :
	fi
}

print_log()
{
	if [ -r "$LAB_DIR/nsd.log" ]; then
		printf '%s\n' "--- nsd log ($LAB_DIR/nsd.log) ---" >&2
		cat "$LAB_DIR/nsd.log" >&2
		echo "--- end of nsd log ---" >&2
	fi
	if [ -s "$LAB_DIR/nsd.stdout" ]; then
		echo "--- nsd stdout/stderr ---" >&2
		cat "$LAB_DIR/nsd.stdout" >&2
	fi
}

# Fail a start: show the log, stop what was started, exit non-zero.
start_failed()
{
	printf '%s\n' "lab.sh: start failed: $*" >&2
	print_log
	if [ -s "$LAB_DIR/silent.log" ]; then
		echo "--- silent server stderr ---" >&2
		cat "$LAB_DIR/silent.log" >&2
	fi
	stop_pid "$(read_pidfile "$LAB_DIR/nsd.pid")" nsd "$LAB_DIR/nsd.conf"
	stop_pid "${SILENT_PID:-}" '*hostile_dns*' "$LAB_DIR/silent.pid"
	exit 1
}

# Write DIR/nsd.conf for port $1 and check it.
make_conf()
{
	if [ -n "$LAB_ADDR6" ]; then
		drop6='s|@ADDR6@|'"$LAB_ADDR6"'|g'
	else
		drop6='/@ADDR6@/d'
	fi
	if [ -n "$LAB_DNS53" ]; then
		drop53='s|@DNS53@|'"$LAB_DNS53"'|g'
	else
		drop53='/@DNS53@/d'
	fi
	sed -e "$drop6" -e "$drop53" \
	    -e "s|@LABDIR@|$LAB_DIR|g" \
	    -e "s|@ADDR@|$LAB_ADDR|g" \
	    -e "s|@PORT@|$1|g" \
	    "$LAB_SRC/nsd.conf.in" >"$LAB_DIR/nsd.conf" ||
		start_failed "cannot write $LAB_DIR/nsd.conf"
	nsd-checkconf "$LAB_DIR/nsd.conf" >"$LAB_DIR/checkconf.out" 2>&1 ||
		start_failed "nsd-checkconf: $(cat "$LAB_DIR/checkconf.out")"
}

# "zone-name zonefile" for every zone: block of $1 (an nsd.conf).
zone_list()
{
	awk '$1 == "name:" { gsub(/"/, "", $2); n = $2 }
	    $1 == "zonefile:" { gsub(/"/, "", $2); print n, $2 }' "$1"
}

# nsd-checkzone every zone of DIR/nsd.conf; prints the errors, 1 on any.
check_zones()
{
	rc=0
	zones=$(zone_list "$LAB_DIR/nsd.conf")
	[ -n "$zones" ] || { printf '%s\n' "no zones in $LAB_DIR/nsd.conf"; return 1; }
	while read -r zname zfile; do
		if ! out=$(nsd-checkzone "$zname" "$LAB_DIR/$zfile" 2>&1); then
			printf '%s\n' "$out"
			rc=1
		fi
	done <<EOF
$zones
EOF
	return $rc
}

# Start nsd on port $1 and wait for it to answer. 0: up; 1: the port was
# taken (try another); other failures exit.
start_nsd()
{
	port=$1
	make_conf "$port"
	if have nsd-checkzone && ! check_zones >"$LAB_DIR/checkzone.out"; then
		start_failed "nsd-checkzone: $(cat "$LAB_DIR/checkzone.out")"
	fi
	: >"$LAB_DIR/nsd.log"
	rm -f "$LAB_DIR/nsd.pid"
	if ! nsd -c "$LAB_DIR/nsd.conf" </dev/null >"$LAB_DIR/nsd.stdout" 2>&1; then
		if grep -qi 'address already in use' "$LAB_DIR/nsd.log" \
		    "$LAB_DIR/nsd.stdout" 2>/dev/null; then
			return 1
		fi
		start_failed "nsd -c $LAB_DIR/nsd.conf exited non-zero"
	fi
	t0=$(now_ms)
	while :; do
		pid=$(read_pidfile "$LAB_DIR/nsd.pid")
		if [ -n "$pid" ] && ! alive "$pid"; then
			if grep -qi 'address already in use' "$LAB_DIR/nsd.log" \
			    2>/dev/null; then
				return 1
			fi
			start_failed "nsd (pid $pid) died during start-up"
		fi
		if grep -q 'read with [0-9]* errors' "$LAB_DIR/nsd.log" 2>/dev/null; then
			start_failed "nsd could not read a zone"
		fi
		if [ -n "$pid" ] && probe_dns "$LAB_ADDR" "$port"; then
			break
		fi
		if [ $(($(now_ms) - t0)) -ge $READY_MS ]; then
			start_failed "no SOA answer from $LAB_ADDR port $port within ${READY_MS} ms"
		fi
		nap
	done
	if [ -n "$LAB_ADDR6" ] && have dig && ! probe_dns "$LAB_ADDR6" "$port"; then
		start_failed "nsd answers on $LAB_ADDR but not on $LAB_ADDR6 port $port"
	fi
	if [ -n "$LAB_DNS53" ] && ! probe_dns "$LAB_DNS53" 53; then
		start_failed "nsd answers on $LAB_ADDR but not on $LAB_DNS53 port 53"
	fi
	NSD_PID=$pid
	return 0
}

start_silent()
{
	if [ -z "${SILENT_DNS:-}" ]; then
		start_failed "SILENT_DNS is not set (path of the hostile_dns binary, built from tests/lab/hostile_dns.c)"
	fi
	if [ ! -f "$SILENT_DNS" ] || [ ! -x "$SILENT_DNS" ]; then
		start_failed "SILENT_DNS=$SILENT_DNS is not an executable file"
	fi
	# Create the files first: the background job opens them only later.
	: >"$LAB_DIR/silent.port"
	: >"$LAB_DIR/silent.log"
	"$SILENT_DNS" -m silent -q -a "$LAB_ADDR" -p 0 -f "$LAB_DIR/silent.pid" \
	    -l "${LAB_SILENT_LIFETIME:-600}" \
	    </dev/null >"$LAB_DIR/silent.port" 2>"$LAB_DIR/silent.log" &
	SILENT_PID=$!
	t0=$(now_ms)
	while :; do
		SILENT_PORT=$(sed -n '1{s/[^0-9]//g;p;}' "$LAB_DIR/silent.port" \
		    2>/dev/null || :)
		if [ -n "$SILENT_PORT" ] && [ -s "$LAB_DIR/silent.pid" ]; then
			break
		fi
		if ! alive "$SILENT_PID"; then
			start_failed "the silent server exited: $(cat "$LAB_DIR/silent.log")"
		fi
		if [ $(($(now_ms) - t0)) -ge 3000 ]; then
			start_failed "the silent server printed no port within 3 s"
		fi
		nap
	done
}

cmd_start()
{
	have nsd || die "nsd not found in PATH"
	have nsd-checkconf || die "nsd-checkconf not found in PATH"
	[ -r "$LAB_SRC/nsd.conf.in" ] || die "missing $LAB_SRC/nsd.conf.in"
	# Check SILENT_DNS before starting anything.
	if [ -z "${SILENT_DNS:-}" ]; then
		die "SILENT_DNS is not set (path of the hostile_dns binary, built from tests/lab/hostile_dns.c)"
	fi
	if [ ! -f "$SILENT_DNS" ] || [ ! -x "$SILENT_DNS" ]; then
		die "SILENT_DNS=$SILENT_DNS is not an executable file"
	fi
	LAB_DNS53=${LAB_DNS53:-}
	if [ -n "$LAB_DNS53" ]; then
		case $LAB_DNS53 in
		*[!0-9.]*|*..*|*.) die "LAB_DNS53=$LAB_DNS53 is not an IPv4 address" ;;
		127.*.*.*) ;;
		*) die "LAB_DNS53=$LAB_DNS53 is not a loopback address (127.0.0.0/8)" ;;
		esac
		[ "$(id -u)" -eq 0 ] || die "LAB_DNS53: listening on port 53 needs root"
		addr_port_free "$LAB_DNS53" 53 ||
			die "LAB_DNS53: $LAB_DNS53 port 53 is in use (another lab?)"
	fi
	if [ -d "$1" ] && [ -n "$(ls -A "$1")" ]; then
		die "$1 is not empty (give a fresh run directory)"
	fi
	mkdir -p "$1" || die "cannot create $1"
	LAB_DIR=$(CDPATH='' cd -P -- "$1" && pwd)
	case $LAB_DIR in
	*[!A-Za-z0-9._/+-]*) die "run dir $LAB_DIR: only A-Z a-z 0-9 . _ / + - allowed" ;;
	esac
	# nsd's control socket is a unix socket: sun_path holds 107 bytes.
	if [ ${#LAB_DIR} -gt 96 ]; then
		die "run dir path too long for nsd's control socket: $LAB_DIR"
	fi
	cp "$LAB_SRC"/zones/*.zone "$LAB_DIR/" || die "cannot copy the zones"
	LAB_ADDR6=
	if [ "${LAB_IPV6:-}" != no ] && have ip &&
	    ip -6 addr show lo 2>/dev/null | grep -q 'inet6 ::1/'; then
		LAB_ADDR6=::1
	fi

	NSD_PID=
	SILENT_PID=
	if [ -n "${LAB_PORT:-}" ]; then
		case $LAB_PORT in
		''|*[!0-9]*) die "LAB_PORT=$LAB_PORT is not a port number" ;;
		esac
		dns_port_free "$LAB_PORT" || die "LAB_PORT=$LAB_PORT is in use"
		start_nsd "$LAB_PORT" || start_failed "port $LAB_PORT is in use"
		port=$LAB_PORT
	else
		start_on_free_port start_nsd dns_port_free
	fi

	start_silent

	cat >"$LAB_DIR/lab.env.tmp" <<EOF
# written by lab.sh start; sourceable by sh
LAB_DIR='$LAB_DIR'
LAB_DNS=$LAB_ADDR
LAB_DNS6=$LAB_ADDR6
LAB_PORT=$port
LAB_SILENT=$LAB_ADDR
LAB_SILENT_PORT=$SILENT_PORT
LAB_NSD_PID=$NSD_PID
LAB_SILENT_PID=$SILENT_PID
LAB_DNS53=$LAB_DNS53
export LAB_DIR LAB_DNS LAB_DNS6 LAB_PORT LAB_SILENT LAB_SILENT_PORT LAB_NSD_PID LAB_SILENT_PID
export LAB_DNS53
EOF
	mv "$LAB_DIR/lab.env.tmp" "$LAB_DIR/lab.env"
	printf '%s\n' "lab up: nsd $LAB_ADDR${LAB_ADDR6:+ $LAB_ADDR6} port $port${LAB_DNS53:+ and $LAB_DNS53 port 53} (pid $NSD_PID), silent $LAB_ADDR port $SILENT_PORT (pid $SILENT_PID), dir $LAB_DIR"
}

cmd_stop()
{
	[ -d "$1" ] || die "$1: no such directory"
	LAB_DIR=$(CDPATH='' cd -P -- "$1" && pwd)
	LAB_NSD_PID=
	LAB_SILENT_PID=
	if [ -r "$LAB_DIR/lab.env" ]; then
		# shellcheck disable=SC1091
		. "$LAB_DIR/lab.env"
	fi
	pid=$(read_pidfile "$LAB_DIR/nsd.pid")
	stop_pid "${pid:-$LAB_NSD_PID}" nsd "$LAB_DIR/nsd.conf"
	pid=$(read_pidfile "$LAB_DIR/silent.pid")
	stop_pid "${pid:-$LAB_SILENT_PID}" '*hostile_dns*' "$LAB_DIR/silent.pid"
}

cmd_log()
{
	[ -r "$1/nsd.log" ] || die "$1/nsd.log: not readable"
	cat "$1/nsd.log"
}

# ---- selftest --------------------------------------------------------

ST_PASS=0
ST_FAIL=0
E=example.test
R4=100.51.198.in-addr.arpa
P=113.0.203.in-addr.arpa
C=64/26.113.0.203.in-addr.arpa
L=0.0.127.in-addr.arpa
R6=8.b.d.0.1.0.0.2.ip6.arpa
Z31=0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.ip6.arpa
SOA='ns1.example.test. hostmaster.example.test. 2025010101 3600 900 604800 300'

# One query to $ST_SERVER: name $1, type $2, expected rcode $3, then the
# expected answer records as "owner TYPE rdata" (any order; none = empty).
# Also checks the aa flag on NOERROR/NXDOMAIN and TTL 300 on every record.
t()
{
	name=$1 type=$2 want=$3
	shift 3
	raw=$(dig @"$ST_SERVER" -p "$LAB_PORT" $ST_OPTS +norecurse +tries=2 \
	    +time=2 +noall +comments +answer "$name" "$type" 2>&1 || :)
	status=$(printf '%s\n' "$raw" | sed -n 's/.*status: \([A-Z]*\),.*/\1/p')
	flags=$(printf '%s\n' "$raw" | sed -n 's/^;; flags: \([a-z ]*\);.*/\1/p')
	got=$(printf '%s\n' "$raw" | awk '/^;/ || NF == 0 { next }
	    { r = $1 " " $4; for (i = 5; i <= NF; i++) { r = r " " $i }; print r }' |
	    sort)
	ttls=$(printf '%s\n' "$raw" | awk '/^;/ || NF == 0 { next } { print $2 }' |
	    sort -u | tr '\n' ' ')
	exp=$(printf '%s\n' "$@" | sort)
	what="@$ST_SERVER${ST_OPTS:+ $ST_OPTS} $name $type"
	bad=
	[ "$status" = "$want" ] || bad="${bad}status $status, want $want; "
	[ "$got" = "$exp" ] || bad="${bad}answer differs; "
	case $want in
	NOERROR|NXDOMAIN)
		case " $flags " in
		*" aa "*) ;;
		*) bad="${bad}no aa flag ($flags); " ;;
		esac
		;;
	esac
	case $ttls in
	''|'300 ') ;;
	*) bad="${bad}TTLs $ttls, want 300; " ;;
	esac
	if [ -z "$bad" ]; then
		ST_PASS=$((ST_PASS + 1))
		[ -z "${LAB_VERBOSE:-}" ] || printf '%s\n' "ok - $what"
		return 0
	fi
	ST_FAIL=$((ST_FAIL + 1))
	printf '%s\n' "FAIL - $what: $bad"
	echo "  expected:"
	printf '%s\n' "${exp:-(no records)}" | sed 's/^/    /'
	echo "  got:"
	printf '%s\n' "${got:-(no records)}" | sed 's/^/    /'
	if [ -n "${LAB_VERBOSE:-}" ]; then
		printf '%s\n' "$raw" | sed 's/^/  | /'
	fi
}

# Wire form of the PTR rdata of name $1 (RFC 3597 hex), to see raw bytes.
t_wire()
{
	name=$1 want=$2
	got=$(dig @"$ST_SERVER" -p "$LAB_PORT" +norecurse +tries=2 +time=2 \
	    +short +unknownformat "$name" PTR 2>&1 | tr -d ' ' | tr 'A-F' 'a-f' || :)
	if [ "$got" = "$want" ]; then
		ST_PASS=$((ST_PASS + 1))
		return 0
	fi
	ST_FAIL=$((ST_FAIL + 1))
	printf '%s\n' "FAIL - @$ST_SERVER $name PTR wire: got '$got', want '$want'"
}

# 2001:db8::H (H: 1-4 hex digits) as its name under ip6.arpa (RFC 3596 2.5).
rev_db8()
{
	printf '%s' "$1" | awk '{ s = sprintf("%4s", $1); gsub(/ /, "0", s)
	    o = ""; for (i = 4; i >= 1; i--) { o = o substr(s, i, 1) "." }
	    for (i = 0; i < 20; i++) { o = o "0." }
	    print o "8.b.d.0.1.0.0.2.ip6.arpa" }'
}

# The checks of every record in tests/lab/zones, against $ST_SERVER.
selftest_all()
{
	# Every zone: SOA and NS at the apex.
	for z in $E $R4 $P $L $R6 $Z31; do
		t "$z" SOA NOERROR "$z. SOA $SOA"
		t "$z" NS NOERROR "$z. NS ns1.example.test."
	done
	t "$C" SOA NOERROR "$C. SOA ns1.example.test. hostmaster.customer.test. 2025010101 3600 900 604800 300"
	t "$C" NS NOERROR "$C. NS ns1.example.test."
	# Not served: 127.in-addr.arpa and anything else.
	t 127.in-addr.arpa SOA REFUSED
	t example.com A REFUSED

	# example.test
	t $E MX NOERROR "$E. MX 10 mail.$E."
	t ns1.$E A NOERROR "ns1.$E. A 127.0.0.1"
	t mail.$E A NOERROR "mail.$E. A 198.51.100.10" "mail.$E. A 127.0.0.3"
	t mail.$E AAAA NOERROR "mail.$E. AAAA 2001:db8::10"
	t multi1.$E A NOERROR "multi1.$E. A 198.51.100.21"
	t multi2.$E A NOERROR "multi2.$E. A 198.51.100.20"
	t moved.$E A NOERROR "moved.$E. A 198.51.100.99"
	t alias.$E A NOERROR "alias.$E. CNAME target.$E." "target.$E. A 198.51.100.12"
	t target.$E A NOERROR "target.$E. A 198.51.100.12"
	t classless.$E A NOERROR "classless.$E. A 203.0.113.65"
	t dual.$E A NOERROR "dual.$E. A 198.51.100.50"
	t dual.$E AAAA NOERROR "dual.$E. AAAA 2001:db8::50"
	t v6nptr.$E A NOERROR "v6nptr.$E. A 198.51.100.51"
	t v6nptr.$E AAAA NOERROR "v6nptr.$E. AAAA 2001:db8::51"
	t v6only.$E AAAA NOERROR "v6only.$E. AAAA 2001:db8::6"
	t v6only.$E A NOERROR
	t generic.$E A NOERROR "generic.$E. A 198.51.100.14"
	t static-198-51-100-14.dyn.$E A NOERROR \
	    "static-198-51-100-14.dyn.$E. A 198.51.100.14"
	t localhost.$E A NOERROR "localhost.$E. A 127.0.0.1"
	t localhost.$E AAAA NOERROR "localhost.$E. AAAA ::1"
	t other.$E A NOERROR "other.$E. A 127.0.0.4"
	t out.$E A NOERROR "out.$E. A 127.0.0.25"
	t gw.$E A NOERROR "gw.$E. A 127.0.0.26"
	t reflect.$E A NOERROR "reflect.$E. A 127.0.0.30"
	t reflect.$E AAAA NOERROR "reflect.$E. AAAA ::1"
	t nxhost.$E A NXDOMAIN
	t nxhost.$E AAAA NXDOMAIN
	t ghost.$E A NXDOMAIN
	t mx.$E A NXDOMAIN
	t www.$E A NOERROR "www.$E. CNAME mail.$E." "mail.$E. A 198.51.100.10" \
	    "mail.$E. A 127.0.0.3"
	t loop1.$E A NOERROR "loop1.$E. CNAME loop2.$E." "loop2.$E. CNAME loop1.$E."
	t noaddr.$E TXT NOERROR "noaddr.$E. TXT \"no address\""
	t noaddr.$E A NOERROR
	t noaddr.$E AAAA NOERROR

	# 198.51.100.0/24
	t 10.$R4 PTR NOERROR "10.$R4. PTR mail.$E."
	t 11.$R4 PTR NOERROR "11.$R4. PTR moved.$E."
	t 12.$R4 PTR NOERROR "12.$R4. PTR alias.$E."
	t 13.$R4 PTR NOERROR "13.$R4. PTR ghost.$E."
	t 14.$R4 PTR NOERROR "14.$R4. PTR static-198-51-100-14.dyn.$E."
	t 16.$R4 PTR NOERROR "16.$R4. PTR 16.$R4."
	t 17.$R4 PTR NOERROR "17.$R4. PTR 198.51.100.17."
	t 18.$R4 PTR NOERROR "18.$R4. PTR mail."
	t 20.$R4 PTR NOERROR "20.$R4. PTR multi1.$E." "20.$R4. PTR multi2.$E."
	t 30.$R4 PTR NOERROR "30.$R4. PTR bad|name\\010.$E."
	# 09 "bad|name\n" 07 "example" 04 "test" 00
	t_wire 30.$R4 '\#24096261647c6e616d650a076578616d706c65047465737400'
	t 40.$R4 PTR NXDOMAIN
	t 41.$R4 PTR NOERROR
	t 41.$R4 TXT NOERROR "41.$R4. TXT \"no ptr here\""
	t 50.$R4 PTR NOERROR "50.$R4. PTR dual.$E."
	t 51.$R4 PTR NOERROR "51.$R4. PTR v6nptr.$E."
	t 60.$R4 PTR NOERROR "60.$R4. CNAME loop60.$R4." "loop60.$R4. CNAME 60.$R4."

	# 203.0.113.64/26, RFC 2317. nsd serves the child too, so it follows
	# the CNAME into it and adds the child's PTR (or its NXDOMAIN).
	t 65.$P PTR NOERROR "65.$P. CNAME 65.$C." "65.$C. PTR classless.$E."
	t 66.$P PTR NXDOMAIN "66.$P. CNAME 66.$C."
	t 65.$C PTR NOERROR "65.$C. PTR classless.$E."
	t 66.$C PTR NXDOMAIN
	t 64/26.$P NS NOERROR "64/26.$P. NS ns1.$E."

	# 127.0.0.0/24
	t 1.$L PTR NOERROR "1.$L. PTR localhost.$E."
	t 2.$L PTR NXDOMAIN
	t 3.$L PTR NOERROR "3.$L. PTR mail.$E."
	t 4.$L PTR NOERROR "4.$L. PTR other.$E."
	t 5.$L PTR NOERROR "5.$L. PTR mx.$E."
	t 25.$L PTR NOERROR "25.$L. PTR out.$E."
	t 26.$L PTR NOERROR "26.$L. PTR gw.$E."
	t 27.$L PTR NXDOMAIN
	t 30.$L PTR NOERROR "30.$L. PTR reflect.$E."

	# 2001:db8::/32 and ::1
	n=$(rev_db8 10)
	t "$n" PTR NOERROR "$n. PTR mail.$E."
	n=$(rev_db8 50)
	t "$n" PTR NOERROR "$n. PTR dual.$E."
	n=$(rev_db8 51)
	t "$n" PTR NXDOMAIN
	n=$(rev_db8 6)
	t "$n" PTR NOERROR "$n. PTR v6only.$E."
	t "1.$Z31" PTR NOERROR "1.$Z31. PTR localhost.$E."
}

# A few checks over another transport or address family.
selftest_some()
{
	t $E SOA NOERROR "$E. SOA $SOA"
	t mail.$E A NOERROR "mail.$E. A 198.51.100.10" "mail.$E. A 127.0.0.3"
	t 20.$R4 PTR NOERROR "20.$R4. PTR multi1.$E." "20.$R4. PTR multi2.$E."
	n=$(rev_db8 10)
	t "$n" PTR NOERROR "$n. PTR mail.$E."
	t "1.$Z31" PTR NOERROR "1.$Z31. PTR localhost.$E."
	t 40.$R4 PTR NXDOMAIN
}

cmd_selftest()
{
	[ -r "$1/lab.env" ] || die "$1/lab.env: not readable (lab not started?)"
	# shellcheck disable=SC1091
	. "$1/lab.env"
	have dig || die "selftest needs dig (bind9-dnsutils)"
	if have nsd-checkzone; then
		if out=$(check_zones); then
			ST_PASS=$((ST_PASS + 1))
		else
			ST_FAIL=$((ST_FAIL + 1))
			echo "FAIL - nsd-checkzone:"
			printf '%s\n' "$out" | sed 's/^/    /'
		fi
	fi
	# shellcheck disable=SC2153 # set by lab.env
	ST_SERVER=$LAB_DNS
	ST_OPTS=
	selftest_all
	ST_OPTS=+tcp
	selftest_some
	if [ -n "$LAB_DNS6" ]; then
		ST_SERVER=$LAB_DNS6
		ST_OPTS=
		selftest_some
	fi
	# The port-53 listener of the libc resolver serves the same data.
	if [ -n "${LAB_DNS53:-}" ]; then
		st_port=$LAB_PORT
		LAB_PORT=53
		ST_SERVER=$LAB_DNS53
		ST_OPTS=
		selftest_some
		t 25.$L PTR NOERROR "25.$L. PTR out.$E."
		t reflect.$E AAAA NOERROR "reflect.$E. AAAA ::1"
		LAB_PORT=$st_port
	fi
	printf '%s\n' "selftest: $ST_PASS passed, $ST_FAIL failed (nsd $LAB_DNS${LAB_DNS6:+ $LAB_DNS6} port $LAB_PORT${LAB_DNS53:+, $LAB_DNS53 port 53})"
	[ "$ST_FAIL" -eq 0 ]
}

[ $# -eq 2 ] || usage
case $1 in
start) cmd_start "$2" ;;
stop) cmd_stop "$2" ;;
log) cmd_log "$2" ;;
selftest) cmd_selftest "$2" ;;
*) usage ;;
esac
