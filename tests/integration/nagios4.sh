#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The monitoring-plugins-rdns authors
# Our plugins in Nagios 4: "nagios4 -v" accepts contrib/nagios/rdns-commands.cfg
# with lab services (tests/lab/nagios-objects.cfg.in) and, separately, the
# sample contrib/nagios/rdns-services.cfg; then a sandboxed nagios4 (every
# path in the run dir) checks every service at once (SCHEDULE_FORCED_SVC_CHECK
# through its command file) and the test reads current_state,
# plugin_output, long_plugin_output and performance_data back from
# status.dat.
#
# Needs nagios4 (nagios4-core): missing, skip (77); under CI, fail (99).
# shellcheck disable=SC2086,SC2153,SC2317
# shellcheck source=tests/integration/lib.sh
. "${TESTS_SRC:?}/integration/lib.sh"
# shellcheck source=tests/integration/daemons.sh
. "$TESTS_SRC/integration/daemons.sh"

need_daemon nagios4 nagios4-core

lab_up
daemon_rundir
daemon_user
smtp_up

N=$RUN/nagios
mkdir -p "$N/var/spool/checkresults" "$N/var/rw"
fill_template "$TEMPLATES/nagios.cfg.in" "$N/nagios.cfg"
fill_template "$TEMPLATES/nagios-objects.cfg.in" "$N/objects.cfg"
if [ -n "$HELO_MATCH" ]; then
	fill_template "$TEMPLATES/nagios-smtp.cfg.in" "$N/smtp.cfg"
	cat "$N/smtp.cfg" >>"$N/objects.cfg"
fi
# What Nagios carries of a plugin's output, by size (README "Output
# size"), and a /16 with -v within the plugin's default budget.
EMIT=${TESTS_SRC:-$(dirname -- "$0")/..}/perf/emit.sh
EMIT_SIZES="4096 8000 8192 16384 65536"
{
	printf 'define command {\n    command_name emit\n    command_line %s $ARG1$\n}\n' "$EMIT"
	printf 'define command {\n    command_name fcrdns_16\n    command_line $USER1$/check_fcrdns -H 198.51.0.0/16 -v -t 30 -s %s --dns-port %s\n}\n' "$LAB_DNS" "$LAB_PORT"
	for n in $EMIT_SIZES; do
		printf 'define service {\n    use lab-service\n    host_name mail.example.test\n    service_description emit-%s\n    check_command emit!%s\n}\n' "$n" "$n"
	done
	printf 'define service {\n    use lab-service\n    host_name mail.example.test\n    service_description fcrdns-16\n    check_command fcrdns_16\n}\n'
} >>"$N/objects.cfg"

# Our files as shipped (copied: the daemon reads them as $DAEMON_USER).
cp "$CONTRIB/nagios/rdns-commands.cfg" "$CONTRIB/nagios/rdns-services.cfg" "$N/" ||
	_t_bail "cannot copy contrib/nagios"
# shellcheck disable=SC2016 # a literal $USER1$
printf '$USER1$=%s\n' "$RUN/plugins" >"$N/resource.cfg"
chown -R "$DAEMON_USER:$DAEMON_GROUP" "$N/var"
chmod 644 "$N"/*.cfg

run_cmd nagios4 -v "$N/nagios.cfg"
expect_rc 0 "nagios4 -v accepts our commands and the lab services"
expect_out '*Total Warnings: 0*' "nagios4 -v: no warnings"
expect_out '*Total Errors:   0*' "nagios4 -v: no errors"
[ "$RC" -eq 0 ] || _t_bail "the configuration does not verify"

# The sample services, with the template and host group they expect.
sed -e "s|^cfg_file=.*objects.cfg$|&\\ncfg_file=$N/sample.cfg\\ncfg_file=$N/rdns-services.cfg|" \
    "$N/nagios.cfg" >"$N/nagios-sample.cfg"
fill_template "$TEMPLATES/nagios-sample.cfg.in" "$N/sample.cfg"
run_cmd nagios4 -v "$N/nagios-sample.cfg"
expect_rc 0 "nagios4 -v accepts contrib/nagios/rdns-services.cfg"
expect_out '*Checked 1[0-9] services.*' "nagios4 -v: the sample adds its services"
expect_out '*Total Warnings: 0*' "nagios4 -v (sample): no warnings"

nagios4 "$N/nagios.cfg" </dev/null >"$RUN/nagios.out" 2>&1 &
NAGIOS_PID=$!
daemon_track "$NAGIOS_PID" "$N/nagios.cfg"
if ! wait_for 30000 test -p "$N/var/rw/nagios.cmd"; then
	sed 's/^/# /' "$RUN/nagios.out" "$N/var/nagios.log" 2>/dev/null | tail -30
	_t_bail "nagios4 made no command file within 30 s"
fi
echo "# nagios4 pid $NAGIOS_PID"

SERVICES="mail.example.test!ptr mail.example.test!fcrdns mail.example.test!fcrdns-mx-mixed
generic.example.test!ptr nxptr.example.test!ptr dual.example.test!ptr dual.example.test!ptr-badopt"
[ -n "$HELO_MATCH" ] && SERVICES="$SERVICES mail.example.test!smtp-helo-match"
SERVICES="$SERVICES mail.example.test!fcrdns-16"
for n in $EMIT_SIZES; do SERVICES="$SERVICES mail.example.test!emit-$n"; done
NSVC=$(printf '%s\n' $SERVICES | wc -l)

T0=$(date +%s)
for s in $SERVICES; do
	printf '[%s] SCHEDULE_FORCED_SVC_CHECK;%s;%s;%s\n' "$T0" "${s%%!*}" "${s#*!}" "$T0"
done >"$N/var/rw/nagios.cmd"

# status.dat: one tab-separated line per service: host!service,
# has_been_checked, last_check, current_state, plugin_output,
# performance_data, long_plugin_output (with \n as Nagios writes it).
status()
{
	awk '/^servicestatus \{/ { s = 1; delete v; next }
	    s && /^\t}/ { s = 0
		print v["host_name"] "!" v["service_description"] "\t" v["has_been_checked"] "\t" \
		    v["last_check"] "\t" v["current_state"] "\t" v["plugin_output"] "\t" \
		    v["performance_data"] "\t" v["long_plugin_output"]; next }
	    s { l = $0; sub(/^\t/, "", l); k = l; sub(/=.*/, "", k); sub(/^[^=]*=/, "", l); v[k] = l }' \
	    "$N/var/status.dat" 2>/dev/null
}
fresh()
{
	status >"$RUN/status.tsv"
	n=$(awk -F '\t' -v t0="$T0" '$2 == 1 && $3 >= t0' "$RUN/status.tsv" | wc -l)
	[ "$n" -ge "$NSVC" ]
}
if ! wait_for 20000 fresh; then
	_t_not_ok "every service checked within 20 s" "$(cat "$RUN/status.tsv")"
fi
status >"$RUN/status.tsv"

field()
{
	awk -F '\t' -v n="$1" -v f="$2" '$1 == n { print $f }' "$RUN/status.tsv"
}

# svc HOST!SERVICE STATE OUTPUT-GLOB PERFDATA-GLOB [LONG-GLOB]
# (Nagios turns every ';' of the first output line into ':': our texts have none.)
svc()
{
	name=$1
	st=$(field "$name" 4)
	if [ "$st" = "$2" ]; then
		_t_ok "$name: current_state $2"
	else
		_t_not_ok "$name: current_state $2" "current_state '$st': $(field "$name" 5)"
	fi
	out=$(field "$name" 5)
	if _t_glob "$out" "$3"; then
		_t_ok "$name: plugin_output"
	else
		_t_not_ok "$name: plugin_output" "plugin_output: $out"
	fi
	pd=$(field "$name" 6)
	if _t_glob "$pd" "$4"; then
		_t_ok "$name: performance_data"
	else
		_t_not_ok "$name: performance_data" "performance_data: $pd"
	fi
	if [ $# -ge 5 ]; then
		lo=$(field "$name" 7)
		if _t_glob "$lo" "$5"; then
			_t_ok "$name: long_plugin_output"
		else
			_t_not_ok "$name: long_plugin_output" "long_plugin_output: $lo"
		fi
	fi
}

svc 'mail.example.test!ptr' 0 'PTR OK - 127.0.0.3 -> mail.example.test.' \
    'time=*s;;;0 ptr_records=1;;;0 match=1;;;0;1 generic=0;;;0;1 addresses=1;;;0 with_ptr=1;;;0;1 no_ptr=0;;;0;1 unsure=0;;;0;1'
svc 'mail.example.test!fcrdns' 0 'FCRDNS OK - 127.0.0.3 -> mail.example.test. -> 127.0.0.3' \
    'time=*s;;;0 dns_time=*s;;;0 addresses=1;;;0 confirmed=1;;;0 partly=0;;;0 failed=0;;;0 unsure=0;;;0'
svc 'mail.example.test!fcrdns-mx-mixed' 2 'FCRDNS CRITICAL - mixed.example.test.: 3 MX hosts, 6 addresses: 4 confirmed, 2 failed, *' \
    'time=*s;;;0 dns_time=*s;;;0 addresses=6;;;0 confirmed=4;;;0 partly=0;;;0 failed=2;;;0 unsure=0;;;0' '*moved.example.test*'
svc 'generic.example.test!ptr' 1 'PTR WARNING - 198.51.100.14 -> static-198-51-100-14.dyn.example.test. looks generic: *' \
    'time=*s;;;0 ptr_records=1;;;0 generic=1;;;0;1 *'
svc 'nxptr.example.test!ptr' 2 'PTR CRITICAL - 198.51.100.40 has no PTR record (NXDOMAIN)*' \
    'time=*s;;;0 ptr_records=0;;;0 *'
svc 'dual.example.test!ptr' 0 'PTR OK - 198.51.100.50 -> dual.example.test. / 2001:db8::50 -> dual.example.test.' \
    'time=*s;;;0 * addresses=2;;;0 *' '[[]OK] 198.51.100.50 -> dual.example.test.\n[[]OK] 2001:db8::50 -> dual.example.test.\n*PTR lives in zone*'
svc 'dual.example.test!ptr-badopt' 3 "PTR UNKNOWN - invalid timeout state 'maybe'*" ''
if [ -n "$HELO_MATCH" ]; then
	svc 'mail.example.test!smtp-helo-match' 0 'SMTP HELO OK - *' \
	    'time=*s;;;0 connect_time=*s;;;0 greeting_time=*s;;;0 ehlo_time=*s;;;0 ptr_time=*s;;;0 dns_time=*s;;;0 names=1;;;0 match=1;;;0;1 mismatch=0;;;0;1 unsure=0;;;0;1'
else
	echo "# check_smtp_helo_match not built: not covered"
fi

# The bytes of an output as Nagios holds it: text, ' | ' perfdata, and
# the long output (its \n unescaped), each line ending in a newline.
held()
{
	_lo=$(field "$1" 7)
	printf '%s | %s\n' "$(field "$1" 5)" "$(field "$1" 6)" | wc -c |
	    while read -r a; do
		printf '%s\n' "$_lo" | sed 's/\\n/\n/g' | wc -c |
		    while read -r b; do echo $((a + b)); done
	    done
}
carried=0
for n in $EMIT_SIZES; do
	got=$(held "mail.example.test!emit-$n")
	echo "# Nagios 4 held $got of $n bytes"
	[ "$got" -eq "$n" ] && carried=$n
done
echo "# $(nagios4 -V 2>/dev/null | sed -n 's/^Nagios Core /Nagios Core /p' | head -1): carries $carried bytes whole"
expect_cmd "Nagios 4 carries the default --output-max (8000 bytes) whole (it carries $carried)" test "$carried" -ge 8000
lo=$(field 'mail.example.test!fcrdns-16' 7)
case $lo in
*'more lines not shown: the output is kept within 8000 bytes, --output-max sets it)') _t_ok "/16 -v in Nagios 4: cut by the plugin at a whole line, the rest counted" ;;
*) _t_not_ok "/16 -v in Nagios 4: cut by the plugin at a whole line, the rest counted" "$(printf '%s' "$lo" | tail -c 200)" ;;
esac
got=$(held 'mail.example.test!fcrdns-16')
expect_cmd "/16 -v in Nagios 4: all $got bytes within 8000" test "$got" -le 8000

# The same command run directly gives what Nagios recorded (times masked).
mask()
{
	sed -E -e 's/(time=)[0-9.eE+-]+/\1T/g'
}
# The same command run directly gives what Nagios recorded: the same
# perfdata, the same text but for ';' -> ':' (times masked).
run_plugin "$RUN/plugins/check_ptr" -H 198.51.100.14 -s "$LAB_DNS" --dns-port "$LAB_PORT"
text=$(printf '%s\n' "$LINE1" | sed 's/ | .*//' | tr ';' ':')
perf=$(printf '%s\n' "$LINE1" | sed 's/^[^|]* | //')
want=$(printf '%s | %s\n' "$text" "$perf" | mask)
got=$(printf '%s | %s\n' "$(field 'generic.example.test!ptr' 5)" "$(field 'generic.example.test!ptr' 6)" | mask)
if [ "$got" = "$want" ]; then
	_t_ok "status.dat holds what a direct run prints (times masked, ';' as ':')"
else
	_t_not_ok "status.dat holds what a direct run prints (times masked, ';' as ':')" "status.dat: $got"
fi

daemons_stop
if grep -n 'Warning\|Error' "$N/var/nagios.log" | grep -v 'Auto-save of retention data' ; then
	_t_not_ok "nagios.log: no warnings or errors" "see above"
else
	_t_ok "nagios.log: no warnings or errors"
fi
no_leftovers "nagios4 and its workers stopped by pid, no process of this run left"
finish
