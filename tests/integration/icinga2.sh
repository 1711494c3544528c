#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The monitoring-plugins-rdns authors
# Our plugins in Icinga 2: a sandboxed daemon (config from
# tests/lab/icinga2.conf.in: our contrib CheckCommands and sample apply
# rules, lab hosts with dummy host checks, the REST API on 127.0.0.1 and a
# free port) checks every service at once (reschedule-check, forced), and
# the results are read back through the API: state, exit code, output,
# the command line Icinga built, and the performance_data array as Icinga
# split it, each value parsed by Icinga's own parser
# (parse_performance_data via the console API). Its log must hold no
# warning about invalid performance data.
#
# Needs icinga2, curl and jq: missing, skip (77); under CI, fail (99).
# shellcheck disable=SC2086,SC2153,SC2317
# shellcheck source=tests/integration/lib.sh
. "${TESTS_SRC:?}/integration/lib.sh"
# shellcheck source=tests/integration/daemons.sh
. "$TESTS_SRC/integration/daemons.sh"

need_daemon icinga2 icinga2
require_cmd curl jq

lab_up
daemon_rundir
smtp_up

I=$RUN/icinga2
mkdir -p "$I/etc" "$I/var/lib/certs" "$I/var/log" "$I/var/cache" \
    "$I/var/spool/tmp" "$I/var/spool/perfdata" "$I/run"
# Every path is a constant; RunAsUser=root keeps it from dropping to
# nagios (which could not write the run dir).
set -- -D ConfigDir="$I/etc" -D DataDir="$I/var/lib" -D LogDir="$I/var/log" \
    -D CacheDir="$I/var/cache" -D SpoolDir="$I/var/spool" \
    -D InitRunDir="$I/run" -D RunAsUser="$(id -un)" -D RunAsGroup="$(id -gn)"

# The API's certificates: a CA and the node's certificate signed by it.
C=$I/var/lib/certs
if ! { icinga2 pki new-ca "$@" &&
    icinga2 pki new-cert "$@" --cn lab --key "$C/lab.key" --csr "$C/lab.csr" &&
    icinga2 pki sign-csr "$@" --csr "$C/lab.csr" --cert "$C/lab.crt" &&
    cp "$I/var/lib/ca/ca.crt" "$C/ca.crt"; } >"$RUN/pki.log" 2>&1; then
	sed 's/^/# /' "$RUN/pki.log"
	_t_bail "icinga2 pki failed"
fi

PORT=$(free_tcp_port)
fill_template "$TEMPLATES/icinga2.conf.in" "$I/etc/icinga2.conf"
printf '%s\n' '# the lab register' '198.18.7.1 out1.spf.test out1.spf.test relay 1' \
    '198.18.7.4 wrong.spf.test - relay 4' >"$RUN/mail-servers.txt"
chmod 644 "$RUN/mail-servers.txt"

run_cmd icinga2 daemon -C -c "$I/etc/icinga2.conf" "$@"
expect_rc 0 "icinga2 daemon -C accepts our CheckCommands and apply rules"
expect_out '*Finished validating the configuration*' "icinga2 -C: validated"
case $OUT in
*'warning/'*) _t_not_ok "icinga2 -C: no warnings" "$(printf '%s\n' "$OUT" | grep 'warning/')" ;;
*) _t_ok "icinga2 -C: no warnings" ;;
esac
[ "$RC" -eq 0 ] || _t_bail "the configuration does not validate"

icinga2 daemon -c "$I/etc/icinga2.conf" "$@" </dev/null >"$RUN/icinga2.out" 2>&1 &
ICINGA_PID=$!
daemon_track "$ICINGA_PID" "$I/etc/icinga2.conf"
API=https://127.0.0.1:$PORT/v1
api()
{
	curl -sk -u root:lab -H 'Accept: application/json' "$@"
}
if ! wait_for 60000 curl -sfk -u root:lab "$API/status/IcingaApplication"; then
	sed 's/^/# /' "$RUN/icinga2.out" "$I/var/log/icinga2.log" 2>/dev/null | tail -40
	_t_bail "the icinga2 API did not answer on 127.0.0.1:$PORT within 60 s"
fi
echo "# icinga2 pid $ICINGA_PID, API on 127.0.0.1:$PORT"

# The services we expect, host!service (the sample rules make eleven; the
# IPv6-only host gets the *6 services alone).
SERVICES="mail.example.test!ptr mail.example.test!ptr6 mail.example.test!fcrdns
mail.example.test!fcrdns6 v6only.example.test!ptr6 v6only.example.test!fcrdns6
v6only.example.test!smtp-helo-match6 mail.example.test!emit-262144
mail.example.test!fcrdns-mx-example.test mail.example.test!fcrdns-mx-mixed.example.test
mail.example.test!smtp-helo-match mail.example.test!smtp-helo-outbound
generic.example.test!ptr nxptr.example.test!ptr
moved.example.test!fcrdns dual.example.test!ptr-name dual.example.test!ptr-badopt
mail.example.test!fcrdns-spf-bad.spf.test mail.example.test!fcrdns-inventory"
NSVC=$(printf '%s\n' $SERVICES | wc -l)
run_cmd api "$API/objects/services?attrs=name"
n=$(printf '%s' "$OUT" | jq '.results | length')
if [ "$n" = "$NSVC" ]; then
	_t_ok "the apply rules made the expected services ($NSVC)"
else
	_t_not_ok "the apply rules made the expected services ($NSVC)" \
	    "$n services: $(printf '%s' "$OUT" | jq -r '[.results[].name] | join(" ")')"
fi

# Check everything now, then wait until every service has a result newer
# than the request.
T0=$(date +%s)
run_cmd api -X POST "$API/actions/reschedule-check" \
    -d '{ "type": "Service", "filter": "true", "force": true }'
n=$(printf '%s' "$OUT" | jq '[.results[] | select(.code == 200)] | length')
if [ "$n" = "$NSVC" ]; then
	_t_ok "reschedule-check accepted for every service"
else
	_t_not_ok "reschedule-check accepted for every service" "$OUT"
fi
fresh()
{
	api "$API/objects/services?attrs=last_check_result" >"$RUN/results.json" || return 1
	n=$(jq --argjson t0 "$T0" '[.results[] | select(.attrs.last_check_result != null
	    and .attrs.last_check_result.execution_end >= $t0)] | length' "$RUN/results.json")
	[ "$n" = "$NSVC" ]
}
if ! wait_for 20000 fresh; then
	_t_not_ok "every service checked within 20 s" \
	    "$(jq -c '[.results[] | {name, t: .attrs.last_check_result.execution_end}]' "$RUN/results.json")"
fi
api "$API/objects/services?attrs=last_check_result&attrs=state" >"$RUN/results.json"

# The result of host!service, one field (jq path below last_check_result).
res()
{
	jq -r --arg n "$1" --arg f "$2" \
	    '.results[] | select(.name == $n) | .attrs.last_check_result | getpath($f | split(".")) |
	    if type == "array" then map(tostring) | join("\n") else tostring end' "$RUN/results.json"
}

# svc HOST!SERVICE STATE OUTPUT-GLOB PERFDATA-GLOB...: the result's exit
# status and state, its output, and one glob per performance_data entry.
svc()
{
	name=$1 want=$2 pat=$3
	shift 3
	st=$(res "$name" exit_status)
	state=$(res "$name" state)
	# Icinga keeps the blank before the '|': strip trailing blanks.
	out=$(res "$name" output | sed 's/[[:blank:]]*$//')
	if [ "$st" = "$want" ] && [ "$state" = "$want" ]; then
		_t_ok "$name: exit status and state $want"
	else
		_t_not_ok "$name: exit status and state $want" \
		    "exit_status $st, state $state; output: $out; command: $(res "$name" command | tr '\n' ' ')"
	fi
	if _t_glob "$out" "$pat"; then
		_t_ok "$name: output"
	else
		_t_not_ok "$name: output" "output: $out"
	fi
	pd=$(res "$name" performance_data)
	npd=$(printf '%s' "$pd" | awk 'END { print NR }')
	[ -n "$pd" ] || npd=0
	if [ "$npd" -eq $# ]; then
		_t_ok "$name: $# performance_data entries"
	else
		_t_not_ok "$name: $# performance_data entries" "$npd: $(printf '%s' "$pd" | tr '\n' ' ')"
	fi
	i=0
	for want_pd in "$@"; do
		i=$((i + 1))
		got=$(printf '%s\n' "$pd" | sed -n "${i}p")
		if _t_glob "$got" "$want_pd"; then
			_t_ok "$name: perfdata $i is $want_pd"
		else
			_t_not_ok "$name: perfdata $i is $want_pd" "got '$got'"
		fi
	done
	# The command Icinga ran asks the lab's DNS server (Icinga orders
	# the arguments by key).
	c=" $(res "$name" command | tr '\n' ' ')"
	case $c in
	*" -s $LAB_DNS "*) ;;
	*) c="no -s $LAB_DNS in: $c" ;;
	esac
	case $c in
	*" --dns-port $LAB_PORT "*) _t_ok "$name: command names -s and --dns-port of the lab" ;;
	*) _t_not_ok "$name: command names -s and --dns-port of the lab" "command: $c" ;;
	esac
}

svc 'mail.example.test!ptr' 0 'PTR OK - 127.0.0.3 -> mail.example.test.' \
    'time=*s;;;0' 'ptr_records=1;;;0' 'match=1;;;0;1' 'generic=0;;;0;1' 'addresses=1;;;0' 'with_ptr=1;;;0;1' 'no_ptr=0;;;0;1' 'unsure=0;;;0;1'
svc 'mail.example.test!ptr6' 0 'PTR OK - 2001:db8::10 -> mail.example.test.' \
    'time=*s;;;0' 'ptr_records=1;;;0' 'match=1;;;0;1' 'generic=0;;;0;1' 'addresses=1;;;0' 'with_ptr=1;;;0;1' 'no_ptr=0;;;0;1' 'unsure=0;;;0;1'
svc 'mail.example.test!fcrdns' 0 'FCRDNS OK - 127.0.0.3 -> mail.example.test. -> 127.0.0.3' \
    'time=*s;;;0' 'dns_time=*s;;;0' 'addresses=1;;;0' 'confirmed=1;;;0' 'partly=0;;;0' 'failed=0;;;0' 'unsure=0;;;0'
svc 'mail.example.test!fcrdns6' 0 'FCRDNS OK - 2001:db8::10 -> mail.example.test. -> 2001:db8::10' \
    'time=*s;;;0' 'dns_time=*s;;;0' 'addresses=1;;;0' 'confirmed=1;;;0' 'partly=0;;;0' 'failed=0;;;0' 'unsure=0;;;0'
svc 'v6only.example.test!ptr6' 0 'PTR OK - ::1 -> localhost.example.test.' \
    'time=*s;;;0' 'ptr_records=1;;;0' 'generic=0;;;0;1' 'addresses=1;;;0' 'with_ptr=1;;;0;1' 'no_ptr=0;;;0;1' 'unsure=0;;;0;1'
svc 'v6only.example.test!fcrdns6' 0 'FCRDNS OK - ::1 -> localhost.example.test. -> ::1' \
    'time=*s;;;0' 'dns_time=*s;;;0' 'addresses=1;;;0' 'confirmed=1;;;0' 'partly=0;;;0' 'failed=0;;;0' 'unsure=0;;;0'
svc 'mail.example.test!fcrdns-mx-example.test' 0 'FCRDNS OK - example.test.: 1 MX host, 3 addresses: 3 confirmed, 0 failed*' \
    'time=*s;;;0' 'dns_time=*s;;;0' 'addresses=3;;;0' 'confirmed=3;;;0' 'partly=0;;;0' 'failed=0;;;0' 'unsure=0;;;0'
svc 'mail.example.test!fcrdns-mx-mixed.example.test' 2 'FCRDNS CRITICAL - mixed.example.test.: 3 MX hosts, 6 addresses: 4 confirmed, 2 failed, *' \
    'time=*s;;;0' 'dns_time=*s;;;0' 'addresses=6;;;0' 'confirmed=4;;;0' 'partly=0;;;0' 'failed=2;;;0' 'unsure=0;;;0'
if [ -n "$HELO_MATCH" ]; then
	svc 'v6only.example.test!smtp-helo-match6' 2 "SMTP HELO CRITICAL - cannot connect to ::1 port $SMTP_PORT: connection refused" \
	    'time=U;;;0' 'connect_time=U;;;0' 'greeting_time=U;;;0' \
	    'ehlo_time=U;;;0' 'ptr_time=U;;;0' 'dns_time=U;;;0' 'names=0;;;0' \
	    'match=0;;;0;0' 'mismatch=0;;;0;0' 'unsure=0;;;0;0'
	svc 'mail.example.test!smtp-helo-match' 0 'SMTP HELO OK - *' \
	    'time=*s;;;0' 'connect_time=*s;;;0' 'greeting_time=*s;;;0' \
	    'ehlo_time=*s;;;0' 'ptr_time=*s;;;0' 'dns_time=*s;;;0' 'names=1;;;0' \
	    'match=1;;;0;1' 'mismatch=0;;;0;1' 'unsure=0;;;0;1'
	svc 'mail.example.test!smtp-helo-outbound' 0 "SMTP HELO OK - $SMTP_ADDR: HELO mail.example.test = PTR mail.example.test. -> $SMTP_ADDR ($SMTP_ADDR port * does not say what it sees: judged our socket's address)" \
	    'time=*s;;;0' 'connect_time=*s;;;0' 'greeting_time=*s;;;0' \
	    'ehlo_time=*s;;;0' 'ptr_time=*s;;;0' 'dns_time=*s;;;0' 'names=1;;;0' \
	    'match=1;;;0;1' 'mismatch=0;;;0;1' 'unsure=0;;;0;1'
else
	echo "# check_smtp_helo_match not built: smtp-helo-match not asserted"
fi
svc 'generic.example.test!ptr' 1 'PTR WARNING - 198.51.100.14 -> static-198-51-100-14.dyn.example.test. looks generic: *' \
    'time=*s;;;0' 'ptr_records=1;;;0' 'generic=1;;;0;1' 'addresses=1;;;0' 'with_ptr=1;;;0;1' 'no_ptr=0;;;0;1' 'unsure=0;;;0;1'
svc 'nxptr.example.test!ptr' 2 'PTR CRITICAL - 198.51.100.40 has no PTR record (NXDOMAIN)*' \
    'time=*s;;;0' 'ptr_records=0;;;0' 'generic=0;;;0;1' 'addresses=1;;;0' 'with_ptr=0;;;0;1' 'no_ptr=1;;;0;1' 'unsure=0;;;0;1'
svc 'mail.example.test!fcrdns-spf-bad.spf.test' 2 'FCRDNS CRITICAL - 4 addresses: 2 confirmed, 2 failed, worst: bad.spf.test. SPF ip4:198.18.7.7: 198.18.7.7 -> wrong.spf.test. -> 198.18.7.99, not 198.18.7.7*' \
    'time=*s;;;0' 'dns_time=*s;;;0' 'addresses=4;;;0' 'confirmed=2;;;0' 'partly=0;;;0' 'failed=2;;;0' 'unsure=0;;;0' \
    'spf_lookups=2;;;0;10' 'spf_void_lookups=0;;;0;2'
svc 'mail.example.test!fcrdns-inventory' 2 "FCRDNS CRITICAL - 2 addresses: 2 confirmed, 0 failed, worst: $RUN/mail-servers.txt:3 relay 4: 198.18.7.4: the PTR is out4.spf.test., not the expected wrong.spf.test.*" \
    'time=*s;;;0' 'dns_time=*s;;;0' 'addresses=2;;;0' 'confirmed=2;;;0' 'partly=0;;;0' 'failed=0;;;0' 'unsure=0;;;0' \
    'inventory_rows=2;;;0'
svc 'moved.example.test!fcrdns' 2 'FCRDNS CRITICAL - 198.51.100.11 -> moved.example.test. -> 198.51.100.99, not 198.51.100.11*' \
    'time=*s;;;0' 'dns_time=*s;;;0' 'addresses=1;;;0' 'confirmed=0;;;0' 'partly=0;;;0' 'failed=1;;;0' 'unsure=0;;;0'
svc 'dual.example.test!ptr-name' 0 'PTR OK - 198.51.100.50 -> dual.example.test. / 2001:db8::50 -> dual.example.test.
*PTR lives in zone*' \
    'time=*s;1;2;0' 'ptr_records=2;;;0' 'generic=0;;;0;2' 'addresses=2;;;0' \
    'with_ptr=2;;;0;2' 'no_ptr=0;;;0;2' 'unsure=0;;;0;2'
svc 'dual.example.test!ptr-badopt' 3 "PTR UNKNOWN - invalid timeout state 'maybe'*"

# What Icinga 2 carried of the 256 KiB output: text, perfdata, newlines.
got=$(( $(res 'mail.example.test!emit-262144' output | wc -c) + $(res 'mail.example.test!emit-262144' performance_data | wc -c) + 1 ))
echo "# Icinga 2 $(icinga2 --version 2>/dev/null | sed -n 's/.*(version: \(.*\)).*/\1/p' | head -1): held $got of 262144 bytes"
expect_cmd "Icinga 2 carries the default --output-max (8000 bytes) whole (it held $got of 262144)" test "$got" -ge 8000

# Icinga's own perfdata parser takes every value (one console call for
# all of them): each gives back the label it was given. Except 'U' (not
# measured, the guidelines' unknown): Icinga 2.13 cannot convert it, so
# its perfdata writers skip that item; asserted below.
jq '[.results[].attrs.last_check_result.performance_data // [] | .[]]' \
    "$RUN/results.json" >"$RUN/all_pd_u.json"
jq '[.[] | select(test("=U(;|$)") | not)]' "$RUN/all_pd_u.json" >"$RUN/all_pd.json"
nu=$(jq '[.[] | select(test("=U(;|$)"))] | length' "$RUN/all_pd_u.json")
r=$(api -X POST "$API/console/execute-script" \
    -d "$(jq -n --arg c "parse_performance_data(\"time=U;;;0\")" '{ command: $c }')")
case $r in
*"Can't convert 'U'"*)
	_t_ok "Icinga 2.13 does not parse U ($nu items): its writers skip them" ;;
*'"value":'*) _t_ok "Icinga parses U ($nu items)" ;;
*) _t_not_ok "Icinga on 'time=U;;;0'" "$r" ;;
esac
[ "$nu" -gt 0 ] && _t_ok "some results say U (not measured)" ||
	_t_not_ok "some results say U (not measured)" "none in $(cat "$RUN/all_pd_u.json")"
npd=$(jq length "$RUN/all_pd.json")
script="var r = []; for (p in $(jq -c . "$RUN/all_pd.json")) { r.add(parse_performance_data(p)) }; r"
r=$(api -X POST "$API/console/execute-script" -d "$(jq -n --arg c "$script" '{ command: $c }')")
printf '%s' "$r" >"$RUN/parsed.json"
bad=$(jq -r --slurpfile want "$RUN/all_pd.json" '.results[0].result as $got |
    [range(0; $want[0] | length) | select(($got[.].label // "") != ($want[0][.] | split("=")[0]))
    | $want[0][.]] | join(" ")' "$RUN/parsed.json" 2>&1)
if [ -z "$bad" ] && [ "$npd" -gt 30 ]; then
	_t_ok "Icinga's parse_performance_data takes all $npd values"
else
	_t_not_ok "Icinga's parse_performance_data takes all $npd values" "${bad:-only $npd values}: $r"
fi
# One in detail: value, unit, thresholds, min, max, as Icinga parsed them.
r=$(api -X POST "$API/console/execute-script" \
    -d "$(jq -n --arg c "parse_performance_data($(res 'dual.example.test!ptr-name' performance_data | sed -n 1p | jq -R .))" '{ command: $c }')")
got=$(printf '%s' "$r" | jq -r '.results[0].result | "\(.label) \(.unit) \(.warn) \(.crit) \(.min) \(.max) \(.value > 0 and .value < 1)"')
if [ "$got" = "time seconds 1 2 0 null true" ]; then
	_t_ok "parsed perfdata: label, unit seconds, warn 1, crit 2, min 0, value in (0,1)"
else
	_t_not_ok "parsed perfdata: label, unit seconds, warn 1, crit 2, min 0, value in (0,1)" "$got ($r)"
fi
r=$(api -X POST "$API/console/execute-script" \
    -d "$(jq -n --arg c "parse_performance_data($(res 'mail.example.test!ptr' performance_data | sed -n 3p | jq -R .))" '{ command: $c }')")
got=$(printf '%s' "$r" | jq -r '.results[0].result | "\(.label) \(.value) \(.min) \(.max)"')
if [ "$got" = "match 1 0 1" ]; then
	_t_ok "parsed perfdata: match=1 with min 0, max 1"
else
	_t_not_ok "parsed perfdata: match=1 with min 0, max 1" "$got ($r)"
fi

daemons_stop
if grep -i -n 'invalid perfdata\|invalid performance data' "$I/var/log/icinga2.log" "$RUN/icinga2.out"; then
	_t_not_ok "icinga2's log: no invalid perfdata" "see above"
else
	_t_ok "icinga2's log: no invalid perfdata"
fi
if grep -q 'Icinga has shut down' "$I/var/log/icinga2.log" "$RUN/icinga2.out"; then
	_t_ok "icinga2 shut down cleanly on SIGTERM"
else
	_t_not_ok "icinga2 shut down cleanly on SIGTERM" "$(tail -5 "$I/var/log/icinga2.log")"
fi
no_leftovers "icinga2 stopped by pid, no process of this run left"
finish
