#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The monitoring-plugins-rdns authors
# Our plugins through NRPE: an nrpe daemon on 127.0.0.1 (a free port, its
# own config from tests/lab/nrpe.cfg.in) runs the command lines of
# contrib/nrpe/rdns.cfg, with only these changes: the plugin directory is
# the test's copy of the build, every line gets "-s LAB_DNS --dns-port
# LAB_PORT" (the lab's nsd), and the SMTP line probes the lab's smtp-sink.
# check_nrpe must hand back the status line, the long output, the perfdata
# and the exit code exactly as a direct run of the same command gives them
# (lookup times masked: they differ from run to run).
#
# Needs nrpe (nagios-nrpe-server) and check_nrpe (nagios-nrpe-plugin):
# missing, skip (77); under CI, fail (99).
# shellcheck disable=SC2086,SC2153,SC2317
# shellcheck source=tests/integration/lib.sh
. "${TESTS_SRC:?}/integration/lib.sh"
# shellcheck source=tests/integration/daemons.sh
. "$TESTS_SRC/integration/daemons.sh"

need_daemon nrpe nagios-nrpe-server
CHECK_NRPE=/usr/lib/nagios/plugins/check_nrpe
[ -x "$CHECK_NRPE" ] || need_daemon check_nrpe nagios-nrpe-plugin
[ -x "$CHECK_NRPE" ] || CHECK_NRPE=$(command -v check_nrpe)

lab_up
daemon_rundir
daemon_user
smtp_up

mkdir "$RUN/nrpe"
PORT=$(free_tcp_port)
fill_template "$TEMPLATES/nrpe.cfg.in" "$RUN/nrpe/nrpe.cfg"

# Our contrib lines, pointed at the lab; then a few more that end in
# every other state (fixed arguments too).
D="-s $LAB_DNS --dns-port $LAB_PORT"
# The sample as this build made it from contrib/nrpe/rdns.cfg.in.
SAMPLE=${NRPE_SAMPLE:-$CONTRIB/nrpe/rdns.cfg}
[ -r "$SAMPLE" ] || _t_bail "missing $SAMPLE"
if [ -n "${PLUGINDIR:-}" ]; then
	if grep '^command\[' "$SAMPLE" | grep -v "^command\[[a-z0-9_]*\]=$PLUGINDIR/check_" >/dev/null; then
		_t_not_ok "contrib/nrpe/rdns.cfg: every line in the configured plugin directory" "$(grep '^command' "$SAMPLE" | head -3)"
	else
		_t_ok "contrib/nrpe/rdns.cfg: every line in the configured plugin directory ($PLUGINDIR)"
	fi
fi
PD=${PLUGINDIR:-/usr/lib/nagios/plugins}
# shellcheck disable=SC2016 # a literal $ARG
if grep -v '^#' "$SAMPLE" | grep -n '\$ARG\|dont_blame_nrpe'; then
	_t_not_ok "contrib/nrpe/rdns.cfg: fixed arguments only" "it takes client arguments"
else
	_t_ok "contrib/nrpe/rdns.cfg: fixed arguments only"
fi
CMDS=
while IFS= read -r line; do
	case $line in
	'command['*']='"$PD"/*) ;;
	*) continue ;;
	esac
	name=${line#command[}
	name=${name%%]*}
	case $line in
	*/check_smtp_helo_match\ --reflect\ *)
		# The lab's smtp-sink reports nothing: our socket's address
		# (bound to the sink's, PTR mail.example.test) is judged. -4:
		# this machine's own IPv6 route is not the lab's.
		[ -n "$HELO_MATCH" ] || continue
		line=$(printf '%s\n' "$line" |
		    sed "s|--reflect reflector\\.example\\.net |--reflect $SMTP_ADDR:$SMTP_PORT --source-address $SMTP_ADDR -4 |")
		;;
	*/check_smtp_helo_match\ *)
		[ -n "$HELO_MATCH" ] || continue
		line=$(printf '%s\n' "$line" |
		    sed "s|-H 198\\.51\\.100\\.10 -p 25 |-H $SMTP_ADDR -p $SMTP_PORT |")
		;;
	*/check_fcrdns\ --inventory\ *)
		# the register: a lab file instead of /etc/nagios's
		line=$(printf '%s\n' "$line" |
		    sed "s|--inventory /etc/nagios/mail-servers\\.txt |--inventory $RUN/nrpe/mail-servers.txt |")
		;;
	esac
	printf '%s %s\n' "$(printf '%s\n' "$line" |
	    sed "s|=$PD/|=$RUN/plugins/|")" "$D"
	CMDS="$CMDS $name"
done <"$SAMPLE" >"$RUN/nrpe/rdns.cfg"
printf '%s\n' '# the lab register' '198.18.7.1 out1.spf.test out1.spf.test relay 1' \
    '198.18.7.2, out2.spf.test, out2.spf.test, relay 2' >"$RUN/nrpe/mail-servers.txt"
for want in check_ptr check_ptr6 check_fcrdns check_fcrdns_mx check_fcrdns_spf \
    check_fcrdns_inventory; do
	case " $CMDS " in
	*" $want "*) ;;
	*) _t_bail "contrib/nrpe/rdns.cfg has no command[$want]" ;;
	esac
done
P=$RUN/plugins
cat >>"$RUN/nrpe/rdns.cfg" <<EOF
command[lab_ptr_generic]=$P/check_ptr -H 198.51.100.14 $D
command[lab_ptr_missing]=$P/check_ptr -H 198.51.100.40 $D
command[lab_ptr_dual]=$P/check_ptr -H dual.example.test -v $D
command[lab_fcrdns_moved]=$P/check_fcrdns -H 198.51.100.11 $D
command[lab_fcrdns_mixed]=$P/check_fcrdns -D mixed.example.test $D
command[lab_ptr_badopt]=$P/check_ptr -H 010.1.1.1 $D
command[lab_fcrdns_16]=$P/check_fcrdns -H 198.51.0.0/16 -v -t 30 $D
command[lab_fcrdns_spf_bad]=$P/check_fcrdns --spf bad.spf.test $D
EOF
CMDS="$CMDS lab_ptr_generic lab_ptr_missing lab_ptr_dual lab_fcrdns_moved lab_fcrdns_mixed lab_ptr_badopt lab_fcrdns_16 lab_fcrdns_spf_bad"
# What NRPE carries of a plugin's output, by size (README "Output size").
EMIT_SIZES="1024 4096 8000 8192 16384 32768 65000 65536 131072"
for n in $EMIT_SIZES; do
	printf 'command[emit_%s]=%s %s\n' "$n" "${TESTS_SRC:-$(dirname -- "$0")/..}/perf/emit.sh" "$n"
done >>"$RUN/nrpe/rdns.cfg"
chown -R "$DAEMON_USER:$DAEMON_GROUP" "$RUN/nrpe"

# Start nrpe in the foreground (no fork: $! is nrpe) and wait for the port.
nrpe -c "$RUN/nrpe/nrpe.cfg" -f </dev/null >"$RUN/nrpe/stdout" 2>&1 &
NRPE_PID=$!
daemon_track "$NRPE_PID" "$RUN/nrpe/nrpe.cfg"
if ! wait_tcp "$PORT" 5000; then
	cat "$RUN/nrpe/stdout" "$RUN/nrpe/nrpe.log" 2>/dev/null | sed 's/^/# /'
	_t_bail "nrpe did not listen on 127.0.0.1:$PORT within 5 s"
fi
echo "# nrpe pid $NRPE_PID on 127.0.0.1:$PORT, user $DAEMON_USER"

run_cmd "$CHECK_NRPE" -H 127.0.0.1 -p "$PORT"
expect_rc 0 "check_nrpe without -c: exit 0"
expect_line1 'NRPE v*' "check_nrpe without -c: the daemon's version"
if [ "$(id -u)" -eq 0 ]; then
	u=$(ps -o user= -p "$NRPE_PID" | tr -d ' ')
	run_cmd test "$u" = "$DAEMON_USER"
	expect_rc 0 "nrpe dropped root: runs as $DAEMON_USER (is: $u)"
fi

# Lookup times change from run to run: mask the numbers of *time= values
# and of "took N s" in the text.
mask()
{
	sed -E -e 's/(time=)[0-9.eE+-]+/\1T/g' -e 's/took [0-9.]+ ?m?s/took T/g' \
	    -e 's/[0-9.]+ ms of DNS/T ms of DNS/g'
}

# The command line of command[$1], as nrpe runs it.
cmdline()
{
	sed -n "s|^command\\[$1\\]=||p" "$RUN/nrpe/rdns.cfg"
}

# via NAME RC LINE1-GLOB: the same command directly (as the daemon's
# user) and through check_nrpe: same exit code, same output but the times.
via()
{
	name=$1 rc=$2 pat=$3
	c=$(cmdline "$name")
	[ -n "$c" ] || _t_bail "no command[$name] in the generated config"
	if [ "$(id -u)" -eq 0 ] && command -v runuser >/dev/null 2>&1; then
		run_cmd runuser -u "$DAEMON_USER" -- sh -c "$c"
	else
		run_cmd sh -c "$c"
	fi
	expect_rc "$rc" "$name direct: exit $rc"
	expect_line1 "$pat" "$name direct: first line"
	direct_rc=$RC
	direct_out=$(printf '%s\n' "$OUT" | mask)
	run_cmd "$CHECK_NRPE" -H 127.0.0.1 -p "$PORT" -t 30 -c "$name"
	expect_rc "$direct_rc" "$name via NRPE: exit $direct_rc as direct"
	expect_line1 "$pat" "$name via NRPE: first line"
	nrpe_out=$(printf '%s\n' "$OUT" | mask)
	if [ "$nrpe_out" = "$direct_out" ]; then
		_t_ok "$name via NRPE: output and perfdata as direct (times masked)"
	else
		_t_not_ok "$name via NRPE: output and perfdata as direct (times masked)" \
		    "differs; direct (masked): $(printf '%s' "$direct_out" | tr '\n' '~')"
	fi
	case $OUT in
	*'|'*) _t_ok "$name via NRPE: perfdata present" ;;
	*)
		if [ "$rc" -eq 3 ]; then
			_t_ok "$name via NRPE: no perfdata (usage error)"
		else
			_t_not_ok "$name via NRPE: perfdata present" "no '|'"
		fi
		;;
	esac
}

via check_ptr 0 'PTR OK - 198.51.100.10 -> mail.example.test. | time=*s;;;0 ptr_records=1;;;0 match=1;;;0;1 generic=0;;;0;1 addresses=1;;;0 with_ptr=1;;;0;1 no_ptr=0;;;0;1 unsure=0;;;0;1'
via check_ptr6 0 'PTR OK - 2001:db8::10 -> mail.example.test. | time=*s;;;0 *'
via check_fcrdns 0 'FCRDNS OK - 3 addresses: 3 confirmed, 0 failed | time=*s;;;0 dns_time=*s;;;0 addresses=3;;;0 confirmed=3;;;0 partly=0;;;0 failed=0;;;0 unsure=0;;;0'
via check_fcrdns_mx 0 'FCRDNS OK - example.test.: 1 MX host, 3 addresses: 3 confirmed, 0 failed |*'
if [ -n "$HELO_MATCH" ]; then
	via check_smtp_helo_match 0 'SMTP HELO OK - * | time=*s;;;0 connect_time=*s;;;0 greeting_time=*s;;;0 ehlo_time=*s;;;0 ptr_time=*s;;;0 dns_time=*s;;;0 names=1;;;0 match=1;;;0;1 mismatch=0;;;0;1 unsure=0;;;0;1'
	via check_helo_outbound 0 "SMTP HELO OK - $SMTP_ADDR: HELO mail.example.test = PTR mail.example.test. -> $SMTP_ADDR ($SMTP_ADDR port $SMTP_PORT does not say what it sees: judged our socket's address) | time=*s;;;0 connect_time=*s;;;0 *match=1;;;0;1 mismatch=0;;;0;1 unsure=0;;;0;1"
fi
via lab_ptr_generic 1 'PTR WARNING - 198.51.100.14 -> static-198-51-100-14.dyn.example.test. looks generic: *'
via lab_ptr_missing 2 'PTR CRITICAL - 198.51.100.40 has no PTR record (NXDOMAIN)*| time=*'
via lab_ptr_dual 0 'PTR OK - 198.51.100.50 -> dual.example.test. / 2001:db8::50 -> dual.example.test. | time=*s;;;0 *'
expect_out '*PTR lives in zone*' "lab_ptr_dual via NRPE: the long output came through"
via lab_fcrdns_moved 2 'FCRDNS CRITICAL - 198.51.100.11 -> moved.example.test. -> 198.51.100.99, not 198.51.100.11*'
via lab_fcrdns_mixed 2 'FCRDNS CRITICAL - mixed.example.test.: 3 MX hosts, 6 addresses: 4 confirmed, 2 failed, *'
via lab_ptr_badopt 3 "PTR UNKNOWN - '010.1.1.1' is neither*"
via check_fcrdns_spf 2 'FCRDNS CRITICAL - example.test. has no SPF record (no data, no TXT record starting v=spf1)*'
via check_fcrdns_inventory 0 "FCRDNS OK - 2 addresses: 2 confirmed, 0 failed |*"
expect_out "*2 OK not listed*" "check_fcrdns_inventory via NRPE: the long output came through"
via lab_fcrdns_spf_bad 2 'FCRDNS CRITICAL - 4 addresses: 2 confirmed, 2 failed, worst: bad.spf.test. SPF ip4:198.18.7.7: *'
expect_out '*bad.spf.test. SPF include:_nested.spf.test > include:_deep.spf.test > ip4:198.18.7.8: 198.18.7.8 has no PTR record*' \
    "lab_fcrdns_spf_bad via NRPE: the failing sender names its SPF terms"

# A /16 with -v: the whole output within the default budget, cut at a
# whole line, carried by NRPE byte for byte.
via lab_fcrdns_16 2 'FCRDNS CRITICAL - 65536 addresses: *'
expect_out '*
(* more lines not shown: the output is kept within 8000 bytes, --output-max sets it)' \
    "/16 -v via NRPE: cut at a whole line, the rest counted"
expect_cmd "/16 -v via NRPE: at most 8000 bytes" sh -c 'test "$(printf "%s\n" "$1" | wc -c)" -le 8000' sh "$OUT"

# What NRPE carries: the largest emitted output that came through whole.
carried=0
for n in $EMIT_SIZES; do
	run_cmd "$CHECK_NRPE" -H 127.0.0.1 -p "$PORT" -t 30 -c "emit_$n"
	got=$(printf '%s\n' "$OUT" | wc -c)
	echo "# NRPE carried $got of $n bytes (exit $RC)"
	[ "$got" -eq "$n" ] && [ "$RC" -eq 0 ] && carried=$n
done
echo "# NRPE $(nrpe -V 2>/dev/null | sed -n 's/^Version: //p' | head -1): carries $carried bytes whole"
expect_cmd "NRPE carries the default --output-max (8000 bytes) whole (it carries $carried)" test "$carried" -ge 8000

# Unknown commands and client arguments are refused by the daemon.
run_cmd "$CHECK_NRPE" -H 127.0.0.1 -p "$PORT" -c no_such_command
expect_rc 3 "unknown command: UNKNOWN"
expect_line1 "*Command 'no_such_command' not defined*" "unknown command: NRPE says so"
run_cmd "$CHECK_NRPE" -H 127.0.0.1 -p "$PORT" -c check_ptr -a 198.51.100.40
expect_rc 3 "client arguments (dont_blame_nrpe=0): refused, UNKNOWN"
expect_line1 '*NRPE*' "client arguments: refused by NRPE, no plugin ran"
run_cmd grep -c 'Command completed with return code\|Running command' "$RUN/nrpe/nrpe.log"
echo "# nrpe log: $OUT 'Running command' / 'completed' lines"

daemons_stop
no_leftovers "nrpe stopped by pid, no process of this run left"
finish
