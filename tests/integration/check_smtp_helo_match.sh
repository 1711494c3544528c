#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The monitoring-plugins-rdns authors
# Integration tests of check_smtp_helo_match: the real binary against real
# MTAs on loopback (a Postfix sandbox, Postfix's smtp-sink) and a scripted
# hostile server, with the lab's nsd for the PTR and FCrDNS. Exit code and
# first line asserted for every case; every hostile case also ends within
# -t with one sanitised status line; the exact bytes the plugin sends are
# asserted from the hostile server's record (as curl's test902 does).
#
# Needs: postfix (postfix, smtp-sink), root (Postfix starts as root and
# drops to the postfix user), HOSTILE_SMTP (built from
# tests/lab/hostile_smtp.c). Missing: skip (77); under CI: fail (99).
# $D and the like are split into words on purpose; LAB_* come from lab.env.
# shellcheck disable=SC2086,SC2153,SC2317
# shellcheck source=tests/integration/lib.sh
. "${TESTS_SRC:?}/integration/lib.sh"

PATH=$PATH:/usr/sbin:/sbin
export PATH
command -v postfix >/dev/null 2>&1 || skip_or_fail "postfix not found (apt-get install postfix)"
SMTP_SINK=$(command -v smtp-sink 2>/dev/null || :)
[ -n "$SMTP_SINK" ] || skip_or_fail "smtp-sink not found (package postfix)"
[ "$(id -u)" -eq 0 ] || skip_or_fail "the Postfix sandbox needs root"
if [ -z "${HOSTILE_SMTP:-}" ] || [ ! -x "$HOSTILE_SMTP" ]; then
	_t_bail "HOSTILE_SMTP is not set to the hostile_smtp binary (tests/lab/hostile_smtp.c)"
fi
command -v ss >/dev/null 2>&1 || skip_or_fail "ss (iproute2) not found"
if [ -n "${LAB_SRC:-}" ]; then
	POSTFIX_SH=$LAB_SRC/postfix.sh
else
	POSTFIX_SH=$TESTS_SRC/lab/postfix.sh
fi

lab_up

SMTP_RUN=$(mktemp -d "${TMPDIR:-/tmp}/rdns-smtp.XXXXXX") || _t_bail "mktemp failed"
chmod 755 "$SMTP_RUN"
SERVER_PIDS=

# Stop what this script started (by pid, checked), then the DNS lab.
smtp_down()
{
	for _p in $SERVER_PIDS; do
		if [ -r "/proc/$_p/cmdline" ] &&
		    tr '\000' ' ' <"/proc/$_p/cmdline" | grep -q 'hostile_smtp\|smtp-sink'; then
			kill -TERM "$_p" 2>/dev/null || :
		fi
	done
	sh "$POSTFIX_SH" stop "$SMTP_RUN/postfix" >/dev/null 2>&1 || :
	if [ "$FAILED" -gt 0 ] && [ -r "$SMTP_RUN/postfix/maillog" ]; then
		echo "# postfix maillog of the failed run:"
		sed 's/^/#   /' "$SMTP_RUN/postfix/maillog"
	fi
	for _l in "$SMTP_RUN"/*.log; do
		if [ "$FAILED" -gt 0 ] && [ -s "$_l" ]; then
			printf '%s\n' "# $_l:"
			sed 's/^/#   /' "$_l"
		fi
	done
	rm -rf "$SMTP_RUN"
}
# lab_down reads $? first: hand it the script's exit status.
# shellcheck disable=SC2154 # _smtp_rc is set inside the trap
trap '_smtp_rc=$?; smtp_down; (exit $_smtp_rc); lab_down' EXIT

if ! _o=$(sh "$POSTFIX_SH" start "$SMTP_RUN/postfix" 2>&1); then
	printf '%s\n' "$_o" | sed 's/^/# /'
	_t_bail "postfix.sh start failed"
fi
printf '%s\n' "$_o" | sed 's/^/# /'
# shellcheck disable=SC1091
. "$SMTP_RUN/postfix/postfix.env"

# start_hostile VAR MODE [ARGS...]: a hostile_smtp in MODE; its port in VAR.
N_SRV=0
start_hostile()
{
	_var=$1
	shift
	N_SRV=$((N_SRV + 1))
	_f=$SMTP_RUN/hostile$N_SRV
	"$HOSTILE_SMTP" -l 300 -f "$_f.pid" -m "$@" </dev/null >"$_f.port" 2>"$_f.log" &
	SERVER_PIDS="$SERVER_PIDS $!"
	_i=0
	while [ ! -s "$_f.port" ]; do
		_i=$((_i + 1))
		[ $_i -le 100 ] || _t_bail "hostile_smtp $* printed no port: $(cat "$_f.log")"
		sleep 0.05
	done
	eval "$_var=\$(cat \"\$_f.port\")"
}

# start_sink VAR ADDR [ARGS...]: smtp-sink on ADDR, a free port in VAR.
start_sink()
{
	_var=$1 _addr=$2
	shift 2
	N_SRV=$((N_SRV + 1))
	_f=$SMTP_RUN/sink$N_SRV
	_tries=0
	while :; do
		_tries=$((_tries + 1))
		[ $_tries -le 20 ] || _t_bail "smtp-sink $*: no free port in 20 tries: $(cat "$_f.log")"
		_port=$(test_random_port)
		"$SMTP_SINK" -u postfix "$@" "$_addr:$_port" 16 </dev/null >"$_f.log" 2>&1 &
		_pid=$!
		_i=0
		while [ $_i -lt 100 ]; do
			if ss -lnt | awk -v a="$_addr:$_port" '$4 == a { f = 1 } END { exit !f }'; then
				break
			fi
			kill -0 "$_pid" 2>/dev/null || break
			sleep 0.05
			_i=$((_i + 1))
		done
		if kill -0 "$_pid" 2>/dev/null && [ $_i -lt 100 ]; then
			break
		fi
		kill "$_pid" 2>/dev/null || :
	done
	SERVER_PIDS="$SERVER_PIDS $_pid"
	eval "$_var=\$_port"
}

P="$PLUGINS_DIR/check_smtp_helo_match"
D="-s $LAB_DNS --dns-port $LAB_PORT"

# helo DESCRIPTION RC LINE1-PATTERN ARGS...: one run, the usual checks.
helo()
{
	run_check "$P" "$@"
}

# Nothing from the network reached stdout raw: printable ASCII only, and
# exactly one '|' (the perfdata separator) or none.
sane()
{
	_n=$(tr -cd '|' <"$_T_TMP/out" | wc -c | tr -d ' ')
	if [ "$_n" -le 1 ]; then
		_t_ok "$1: at most one '|'"
	else
		_t_not_ok "$1: at most one '|'" "$_n '|' on stdout"
	fi
	if LC_ALL=C grep -q '[^ -~]' "$_T_TMP/out"; then
		_t_not_ok "$1: printable ASCII only" "a raw byte reached stdout"
	else
		_t_ok "$1: printable ASCII only"
	fi
}

# record_is FILE TEXT DESC: the bytes the server received, exactly.
record_is()
{
	_got=$(od -An -c "$1" 2>/dev/null | tr -s ' \n' ' ')
	# shellcheck disable=SC2059 # TEXT holds \r\n escapes for printf
	_want=$(printf "$2" | od -An -c | tr -s ' \n' ' ')
	if [ "$_got" = "$_want" ]; then
		_t_ok "$3"
	else
		_t_not_ok "$3" "received:$_got; want:$_want"
	fi
}

# --- Postfix: banner mail.example.test on two addresses ---------------------
helo "Postfix, banner = PTR = A" 0 \
	'SMTP HELO OK - 127.0.0.3: banner mail.example.test = PTR mail.example.test. -> 127.0.0.3 | time=*s;;;0 connect_time=*s;;;0 greeting_time=*s;;;0 ehlo_time=*s;;;0 ptr_time=*s;;;0 dns_time=*s;;;0 names=1;;;0 match=1;;;0;1 mismatch=0;;;0;1 unsure=0;;;0;1' \
	-H 127.0.0.3 -p "$PF_PORT" $D
expect_lines 1 "Postfix OK: one line"
helo "Postfix, banner differs from PTR" 2 \
	'SMTP HELO CRITICAL - 127.0.0.4: banner mail.example.test, PTR other.example.test., mail.example.test -> 198.51.100.10, 127.0.0.3: set the banner to other.example.test, or the PTR to mail.example.test at the IP owner and the A record of mail.example.test to 127.0.0.4 | * match=0;;;0;1 *' \
	-H 127.0.0.4 -p "$PF_PORT" $D
helo "-H by name: the address is looked up in the lab DNS" 2 \
	'SMTP HELO CRITICAL - 127.0.0.4: banner mail.example.test, PTR other.example.test., *' \
	-H other.example.test -p "$PF_PORT" $D
helo "--helo names the sending name: matches its PTR" 0 \
	'SMTP HELO OK - 127.0.0.4: HELO name other.example.test = PTR other.example.test. -> 127.0.0.4 |*' \
	-H 127.0.0.4 -p "$PF_PORT" --helo other.example.test $D
helo "--source-address: the PTR of the outbound address" 0 \
	'SMTP HELO OK - 127.0.0.3: banner mail.example.test = PTR mail.example.test. -> 127.0.0.3 |*' \
	-H 127.0.0.4 -p "$PF_PORT" --source-address 127.0.0.3 $D
run_plugin "$P" -H 127.0.0.3 -p "$PF_PORT" -E monitor.example.test -vvv $D
expect_rc 0 "-vvv: exit 0"
expect_out '*127.0.0.3 S: 220 mail.example.test ESMTP LabPostfix*127.0.0.3 C: EHLO monitor.example.test*127.0.0.3 S: 250-mail.example.test*127.0.0.3 C: QUIT*127.0.0.3 S: 221 2.0.0 Bye*' \
	"-vvv: the transcript, both directions"
expect_out '*127.0.0.3: PTR mail.example.test. -> * (confirms)*' "-vv: the FCrDNS walk"
expect_out "*DNS: 1 server(s), first $LAB_DNS#$LAB_PORT*" "-v: the DNS server"
helo "SMTP conversation slower than -c" 2 \
	"SMTP HELO CRITICAL - 127.0.0.3 port $PF_PORT: the SMTP conversation (connect, greeting, EHLO) took * | time=*s;;0.0000001;0 connect_time=*s;;;0 * names=1;;;0 match=1;;;0;1 *" \
	-H 127.0.0.3 -p "$PF_PORT" -c 0.0000001 $D
helo "SMTP conversation slower than -w" 1 "SMTP HELO WARNING - 127.0.0.3 port $PF_PORT: the SMTP conversation (connect, greeting, EHLO) took * | time=*s;0.0000001;;0 *" \
	-H 127.0.0.3 -p "$PF_PORT" -w 0.0000001 $D
helo "DNS over TCP" 0 'SMTP HELO OK - 127.0.0.3: banner mail.example.test = PTR *' \
	-H 127.0.0.3 -p "$PF_PORT" --tcp $D
helo "Postfix, DNS never answers: could not tell, never 'no PTR'" 2 \
	"SMTP HELO CRITICAL - 127.0.0.3: could not tell the PTR, *" \
	-H 127.0.0.3 -p "$PF_PORT" -t 2 -s "$LAB_SILENT" --dns-port "$LAB_SILENT_PORT"
expect_ms_between 1000 2600 "silent DNS: ends within -t 2"
helo "silent DNS with -t 2:unknown" 3 "SMTP HELO UNKNOWN - 127.0.0.3: could not tell the PTR, *" \
	-H 127.0.0.3 -p "$PF_PORT" -t 2:unknown -s "$LAB_SILENT" --dns-port "$LAB_SILENT_PORT"

# --- smtp-sink: odd names and a 421 greeting ---------------------------------
start_sink S_WWW 127.0.0.3 -h www.example.test
helo "banner differs from PTR but resolves to the address" 1 \
	'SMTP HELO WARNING - 127.0.0.3: banner www.example.test, PTR mail.example.test., www.example.test -> *127.0.0.3: set the PTR to www.example.test at the IP owner, or the banner to mail.example.test | * match=0;;;0;1 *' \
	-H 127.0.0.3 -p "$S_WWW" $D
helo "... and with --strict" 2 'SMTP HELO CRITICAL - 127.0.0.3: banner www.example.test, PTR mail.example.test., *' \
	-H 127.0.0.3 -p "$S_WWW" --strict $D
start_sink S_MX 127.0.0.5 -h mx.example.test
helo "banner = PTR, but the PTR name has no address: FCrDNS fails" 2 \
	'SMTP HELO CRITICAL - 127.0.0.5: banner mx.example.test = PTR, but mx.example.test. -> NXDOMAIN: FCrDNS fails, set the A record of mx.example.test to 127.0.0.5 |*' \
	-H 127.0.0.5 -p "$S_MX" $D
start_sink S_LOCAL 127.0.0.5 -h localhost
helo "banner not an FQDN" 2 \
	'SMTP HELO CRITICAL - 127.0.0.5: banner localhost is not a fully-qualified domain name (receivers reject it: Postfix reject_non_fqdn_helo_hostname) |*' \
	-H 127.0.0.5 -p "$S_LOCAL" $D
start_sink S_LIT 127.0.0.5 -h '[127.0.0.5]'
helo "banner is an address literal" 2 \
	'SMTP HELO CRITICAL - 127.0.0.5: banner [[]127.0.0.5] is an address literal, which never matches a PTR |*' \
	-H 127.0.0.5 -p "$S_LIT" $D
start_sink S_421 127.0.0.3 -Q CONNECT
helo "421 greeting" 2 \
	"SMTP HELO CRITICAL - 127.0.0.3 port $S_421: greeting 421 4.0.0 Server closing connection: the server turns mail away for now | time=U;;;0 connect_time=*s;;;0 greeting_time=*s;;;0 ehlo_time=U;;;0 ptr_time=U;;;0 dns_time=U;;;0 names=0;;;0 match=0;;;0;0 mismatch=0;;;0;0 unsure=0;;;0;0" \
	-H 127.0.0.3 -p "$S_421" $D
start_sink S_NOPTR 127.0.0.2 -h mail.example.test
helo "address without PTR" 2 \
	'SMTP HELO CRITICAL - 127.0.0.2 has no PTR record (NXDOMAIN), banner mail.example.test: the holder of the address block must add PTR mail.example.test*' \
	-H 127.0.0.2 -p "$S_NOPTR" $D
start_sink S_REFUSED 127.0.1.1 -h mail.example.test
helo "DNS REFUSED for the PTR: could not tell" 2 \
	"SMTP HELO CRITICAL - 127.0.1.1: could not tell the PTR, REFUSED from $LAB_DNS#$LAB_PORT*" \
	-H 127.0.1.1 -p "$S_REFUSED" $D

# --- scripted servers: what we send, polite odd servers -------------------
start_hostile H_OK ok -a 127.0.0.3 -r "$SMTP_RUN/rec.ok"
helo "hostile in polite mode" 0 'SMTP HELO OK - 127.0.0.3: banner mail.example.test = PTR *' \
	-H 127.0.0.3 -p "$H_OK" -E monitor.example.test $D
record_is "$SMTP_RUN/rec.ok" 'EHLO monitor.example.test\r\nQUIT\r\n' \
	"-E: the plugin sends exactly EHLO and QUIT"
: >"$SMTP_RUN/rec.ok"
helo "default EHLO name" 0 'SMTP HELO OK - *' -H 127.0.0.3 -p "$H_OK" $D
_h=$(hostname 2>/dev/null || :)
case $_h in
*.*.*|*.*) _ehlo=$_h ;;
*) _ehlo='[127.0.0.1]' ;;
esac
record_is "$SMTP_RUN/rec.ok" "EHLO $_ehlo\\r\\nQUIT\\r\\n" \
	"default EHLO name: FQDN of this host, else our address literal"
start_hostile H_NOEHLO ok -a 127.0.0.3 -x -r "$SMTP_RUN/rec.noehlo"
helo "EHLO 502: HELO instead" 0 'SMTP HELO OK - 127.0.0.3: banner mail.example.test = PTR *' \
	-H 127.0.0.3 -p "$H_NOEHLO" -E monitor.example.test $D
record_is "$SMTP_RUN/rec.noehlo" 'EHLO monitor.example.test\r\nHELO monitor.example.test\r\nQUIT\r\n' \
	"EHLO 502: EHLO, HELO, QUIT on the wire"
start_hostile H_EHLODIFF ok -a 127.0.0.3 -e other.example.test
helo "greeting and EHLO names differ" 1 \
	'SMTP HELO WARNING - 127.0.0.3: greeting name mail.example.test and EHLO name other.example.test differ |*' \
	-H 127.0.0.3 -p "$H_EHLODIFF" $D
start_hostile H_554 ok -a 127.0.0.3 -c 554 -r "$SMTP_RUN/rec.554"
helo "554 greeting" 2 "SMTP HELO CRITICAL - 127.0.0.3 port $H_554: greeting 554 mail.example.test ESMTP hostile_smtp: the server refuses mail |*" \
	-H 127.0.0.3 -p "$H_554" $D
record_is "$SMTP_RUN/rec.554" 'QUIT\r\n' "554: only QUIT is sent (RFC 5321 3.1)"
expect_ms_between 0 2500 "554: the QUIT answer is not waited for past 1 s"
helo "nothing listens: refused at once" 2 \
	'SMTP HELO CRITICAL - cannot connect to 127.0.0.3 port 9: connection refused | time=U;;;0 connect_time=U;;;0 *' \
	-H 127.0.0.3 -p 9 $D
expect_ms_between 0 1500 "refused: no waiting for -t"

if [ -n "${LAB_DNS6:-}" ]; then
	start_hostile H_DUAL ok -a 127.0.0.1 -a ::1 -n localhost.example.test
	helo "name with A and AAAA: both families probed" 0 \
		'SMTP HELO OK - 127.0.0.1: banner localhost.example.test = PTR localhost.example.test. -> 127.0.0.1 / ::1: banner localhost.example.test = PTR localhost.example.test. -> ::1 | time=*s;;;0 * names=2;;;0 match=2;;;0;2 mismatch=0;;;0;2 unsure=0;;;0;2' \
		-H localhost.example.test -p "$H_DUAL" $D
	expect_lines 1 "dual-stack: the status line names both"
	DUAL=$OUT
	run_plugin "$P" -4 -H localhost.example.test -p "$H_DUAL" $D
	expect_same_labels "labels: two conversations = one" "$DUAL" "$OUT"
	helo "dual-stack, --perf-per-address: labels by address" 0 \
		'SMTP HELO OK - * | 127.0.0.1_time=*s;;;0 127.0.0.1_connect_time=*s;;;0 127.0.0.1_ptr_time=*s;;;0 __1_time=*s;;;0 __1_connect_time=*s;;;0 __1_ptr_time=*s;;;0 time=*' \
		-H localhost.example.test -p "$H_DUAL" --perf-per-address $D
	helo "-4 restricts to IPv4" 0 'SMTP HELO OK - 127.0.0.1: banner localhost.example.test = PTR * | time=*' \
		-4 -H localhost.example.test -p "$H_DUAL" $D
	helo "IPv6 literal" 0 'SMTP HELO OK - ::1: banner localhost.example.test = PTR localhost.example.test. -> ::1 |*' \
		-H ::1 -p "$H_DUAL" $D
fi

# --- hostile servers: the right state, one sane line, within -t ---------------
# hostile DESC RC PATTERN MAX-MS MODE [SERVER ARGS...]
_hp=
hostile()
{
	_desc=$1 _rc=$2 _pat=$3 _max=$4
	shift 4
	start_hostile _hp "$@" -a 127.0.0.3
	helo "$_desc" "$_rc" "$_pat" -H 127.0.0.3 -p "$_hp" -t 2 $D
	sane "$_desc"
	expect_ms_between 0 "$_max" "$_desc: within -t"
}
hostile "multi-line greeting" 0 'SMTP HELO OK - 127.0.0.3: banner mail.example.test = PTR *' 1500 multiline
hostile "1000-line greeting" 2 'SMTP HELO CRITICAL - 127.0.0.3 port *: no usable greeting: reply is longer than 100 lines | time=U;;;0 connect_time=*' 1500 lines1000
hostile "100 KB line" 2 'SMTP HELO CRITICAL - 127.0.0.3 port *: no usable greeting: reply line 1 is longer than 1000 octets | time=U;;;0 connect_time=*' 1500 longline
hostile "slow drip past -t" 2 'SMTP HELO CRITICAL - 127.0.0.3 port *: no usable greeting: no complete reply before the deadline (reply cut short) | time=U;;;0 connect_time=*' 2600 drip -d 300
expect_ms_between 1000 2600 "slow drip: waits, but not past -t"
hostile "close mid-reply" 2 'SMTP HELO CRITICAL - 127.0.0.3 port *: no usable greeting: connection closed in the middle of a reply | time=U;;;0 connect_time=*' 1500 close
hostile "no greeting at all" 2 'SMTP HELO CRITICAL - 127.0.0.3 port *: no usable greeting: no complete reply before the deadline | time=U;;;0 connect_time=*' 2600 silent
expect_ms_between 1000 2600 "no greeting: waits, but not past -t"
start_hostile _hp silent -a 127.0.0.3
helo "no greeting, -t 2:warning" 1 'SMTP HELO WARNING - 127.0.0.3 port *: no usable greeting: no complete reply*' \
	-H 127.0.0.3 -p "$_hp" -t 2:warning $D
hostile "accept, then close" 2 'SMTP HELO CRITICAL - 127.0.0.3 port *: no usable greeting: connection closed before a reply | time=U;;;0 connect_time=*' 1500 nogreet-close
hostile "8-bit garbage" 2 'SMTP HELO CRITICAL - 127.0.0.3 port *: no usable greeting: reply line 1 holds byte 0xff, which is not UTF-8 text | time=U;;;0 connect_time=*' 1500 garbage
hostile "NUL in the greeting" 2 'SMTP HELO CRITICAL - 127.0.0.3 port *: no usable greeting: reply line 1 holds a NUL byte | time=U;;;0 connect_time=*' 1500 nul
hostile "greeting name holding '|'" 2 'SMTP HELO CRITICAL - 127.0.0.3: banner mail\124x=1.example.test is not a valid host name: * | time=*' 1500 pipe
expect_pipes 1 "'|' banner: exactly one perfdata separator"
run_plugin "$P" -H 127.0.0.3 -p "$_hp" -t 2 -vvv $D
expect_out '*127.0.0.3 S: 220 mail\124x=1.example.test ESMTP \124 bad=2*' "'|' banner: sanitised in the transcript too"
expect_pipes 1 "'|' banner, -vvv: exactly one perfdata separator"

# --- bad options: UNKNOWN with a one-line reason -------------------------------
helo "no -H" 3 'SMTP HELO UNKNOWN - -H ADDRESS or NAME, --reflect HOST or --received FILE is required' $D
helo "-p 0" 3 "SMTP HELO UNKNOWN - invalid port '0': expected 1-65535" -H 127.0.0.3 -p 0 $D
helo "-p 70000" 3 "SMTP HELO UNKNOWN - invalid port '70000': expected 1-65535" -H 127.0.0.3 -p 70000 $D
helo "-E not a name" 3 'SMTP HELO UNKNOWN - invalid -E: *' -H 127.0.0.3 -E 'bad|name' $D
helo "-E single label" 3 'SMTP HELO UNKNOWN - invalid -E: *' -H 127.0.0.3 -E vm $D
helo "--helo not a name" 3 'SMTP HELO UNKNOWN - invalid --helo: *' -H 127.0.0.3 --helo 'a b' $D
helo "--source-address not an address" 3 'SMTP HELO UNKNOWN - invalid --source-address: *' \
	-H 127.0.0.3 --source-address mail.example.test $D
helo "unknown option" 3 "SMTP HELO UNKNOWN - unknown option '--bogus'" -H 127.0.0.3 --bogus $D
helo "missing value" 3 "SMTP HELO UNKNOWN - option '-p' needs a value" -H 127.0.0.3 -p
helo "-4 with an IPv6 address" 3 'SMTP HELO UNKNOWN - ::1 is not an IPv4 address' -4 -H ::1 $D
run_plugin "$P" --help
expect_rc 3 "--help: exit 3"
expect_out '*Usage: check_smtp_helo_match -H ADDRESS|NAME*' "--help: usage"
expect_out '*--ehlo=NAME*--strict*' "--help: documents -E and --strict"
run_plugin "$P" -V
expect_rc 3 "-V: exit 3"
expect_line1 "check_smtp_helo_match v* (monitoring-plugins-rdns)" "-V: version line"

finish
