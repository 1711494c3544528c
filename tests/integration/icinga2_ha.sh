#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The monitoring-plugins-rdns authors
# Our plugins in Icinga 2's distributed monitoring, all on loopback: a
# master (127.0.0.41), a satellite zone of two endpoints in HA (sat1
# 127.0.0.42, sat2 127.0.0.43) and an agent standing for the mail server
# (mail.example.test, 127.0.0.25, PTR out.example.test), each a daemon of
# its own with its own config/data/run dirs and port, certificates from one
# CA made here with `icinga2 pki`. The master holds the configuration in
# zones.d and syncs it: contrib/icinga2 rdns-commands.conf and
# rdns-distributed.conf in the global zone, the hosts in the satellite
# zone. Read back through the master's REST API:
#
#  - the outbound check (check_smtp_helo_match --reflect, command_endpoint)
#    was executed by the agent (check_source), connected from the agent's
#    address, and the reflector (tests/lab/hostile_smtp, reflect mode, on
#    127.0.0.30) reported that address back: OK, out.example.test;
#  - the range services (the estate split into /27s by the sample's
#    rdns_split_prefixes, and an IPv6 /120 whole) were executed on the satellite endpoints, on
#    both, each with the result check_fcrdns gives when run directly;
#  - results keep arriving, now all from sat1, after sat2 is stopped
#    (failover), and the agent's check with them.
#
# Prints each node's log on a failure. Knobs (for measurements, README
# "Sizing"): HA_INTERVAL (check interval, s; 10), HA_SPLIT (prefix length
# of the slices of the lab's two /24s, 24 to 32; 27), HA_MEASURE (seconds of CheckResult events counted per
# endpoint; 15).
#
# Needs icinga2, curl, jq, ss, hostile_smtp: missing, skip (77); under CI,
# fail (99).
# The node's -D options are split on purpose (defs prints them; the run
# dir comes from mktemp, without blanks).
# shellcheck disable=SC2046,SC2086,SC2153,SC2317
# shellcheck source=tests/integration/lib.sh
. "${TESTS_SRC:?}/integration/lib.sh"
# shellcheck source=tests/integration/daemons.sh
. "$TESTS_SRC/integration/daemons.sh"

need_daemon icinga2 icinga2
require_cmd curl jq ss
if [ -z "${HOSTILE_SMTP:-}" ] || [ ! -x "$HOSTILE_SMTP" ]; then
	_t_bail "HOSTILE_SMTP is not set to the hostile_smtp binary (tests/lab/hostile_smtp.c)"
fi

HA_INTERVAL=${HA_INTERVAL:-10}
HA_SPLIT=${HA_SPLIT:-27}
HA_MEASURE=${HA_MEASURE:-15}
case $HA_SPLIT in
24|25|26|27|28|29|30|31|32) ;;
*) _t_bail "HA_SPLIT=$HA_SPLIT: give a prefix length from 24 to 32" ;;
esac
HA_TEMPLATES=$TEMPLATES/icinga2-ha
NODES="master sat1 sat2 mail.example.test"
MASTER_ADDR=127.0.0.41
SAT1_ADDR=127.0.0.42
SAT2_ADDR=127.0.0.43
AGENT_ADDR=127.0.0.25
REFLECT_ADDR=127.0.0.30
T_START=$(date +%s)

lab_up
daemon_rundir

# On failure: every node's log (the end of it, and its warnings).
ha_logs()
{
	[ "$FAILED" -gt 0 ] || [ "${1:-0}" -ne 0 ] || return 0
	for _n in $NODES; do
		_l=$RUN/$_n/var/log/icinga2.log
		echo "# ----- $_n: icinga2.log (warnings, criticals and the last 40 lines)"
		grep -E 'warning/|critical/' "$_l" 2>/dev/null | tail -30 | sed 's/^/#   /'
		echo "#   ..."
		tail -40 "$_l" 2>/dev/null | sed 's/^/#   /'
		[ -s "$RUN/$_n.out" ] && tail -10 "$RUN/$_n.out" | sed 's/^/#   out: /'
	done
}
# shellcheck disable=SC2154 # _h_rc is set inside the trap
trap '_h_rc=$?; ha_logs $_h_rc; daemon_down; (exit $_h_rc); lab_down' EXIT

# Every path of a node is a constant under its own dir; RunAsUser keeps it
# from dropping to nagios.
defs()
{
	_d=$RUN/$1
	echo "-D ConfigDir=$_d/etc -D ZonesDir=$_d/etc/zones.d -D DataDir=$_d/var/lib" \
	    "-D LogDir=$_d/var/log -D CacheDir=$_d/var/cache -D SpoolDir=$_d/var/spool" \
	    "-D InitRunDir=$_d/run -D RunAsUser=$(id -un) -D RunAsGroup=$(id -gn)"
}

# --- the reflector: tells its client the address it connected from --------
"$HOSTILE_SMTP" -m reflect -a "$REFLECT_ADDR" -n reflect.example.test -l 600 \
    -f "$RUN/reflect.pid" </dev/null >"$RUN/reflect.port" 2>"$RUN/reflect.log" &
daemon_track $! hostile_smtp
wait_for 5000 test -s "$RUN/reflect.port" ||
	_t_bail "hostile_smtp printed no port: $(cat "$RUN/reflect.log")"
REFLECT_PORT=$(cat "$RUN/reflect.port")

# --- one CA, one certificate per node ---------------------------------------
for n in $NODES; do
	mkdir -p "$RUN/$n/etc/zones.d" "$RUN/$n/var/lib/certs" "$RUN/$n/var/log" \
	    "$RUN/$n/var/cache" "$RUN/$n/var/spool/tmp" "$RUN/$n/run"
done
# (4096-bit RSA keys: about 4 s each here, so the node keys are made side
# by side while the CA's is.)
CA_DEFS=$(defs master)
KEY_PIDS=
icinga2 pki new-ca $CA_DEFS >"$RUN/pki-ca.log" 2>&1 &
KEY_PIDS=$!
for n in $NODES; do
	C=$RUN/$n/var/lib/certs
	icinga2 pki new-cert $CA_DEFS --cn "$n" --key "$C/$n.key" --csr "$C/$n.csr" \
	    >"$RUN/pki-$n.log" 2>&1 &
	KEY_PIDS="$KEY_PIDS $!"
done
pki_ok=yes
for p in $KEY_PIDS; do
	wait "$p" || pki_ok=no
done
if [ $pki_ok = yes ]; then
	for n in $NODES; do
		C=$RUN/$n/var/lib/certs
		icinga2 pki sign-csr $CA_DEFS --csr "$C/$n.csr" --cert "$C/$n.crt" \
		    >>"$RUN/pki-$n.log" 2>&1 &&
			cp "$RUN/master/var/lib/ca/ca.crt" "$C/ca.crt" || pki_ok=no
	done
fi
if [ $pki_ok = no ]; then
	cat "$RUN"/pki-*.log | sed 's/^/# /'
	_t_bail "icinga2 pki failed"
fi

# --- configuration ------------------------------------------------------------
MASTER_PORT=$(free_tcp_port)
SAT1_PORT=$(free_tcp_port)
SAT2_PORT=$(free_tcp_port)
AGENT_PORT=$(free_tcp_port)
# fill IN OUT [NODE ZONE ADDR PORT ACCEPT]
fill()
{
	sed -e "s|@PLUGINS@|$RUN/plugins|g" \
	    -e "s|@LAB_DNS@|$LAB_DNS|g" -e "s|@LAB_PORT@|$LAB_PORT|g" \
	    -e "s|@INTERVAL@|$HA_INTERVAL|g" -e "s|@SPLIT@|$HA_SPLIT|g" \
	    -e "s|@MASTER_ADDR@|$MASTER_ADDR|g" -e "s|@MASTER_PORT@|$MASTER_PORT|g" \
	    -e "s|@SAT1_ADDR@|$SAT1_ADDR|g" -e "s|@SAT1_PORT@|$SAT1_PORT|g" \
	    -e "s|@SAT2_ADDR@|$SAT2_ADDR|g" -e "s|@SAT2_PORT@|$SAT2_PORT|g" \
	    -e "s|@AGENT_ADDR@|$AGENT_ADDR|g" -e "s|@AGENT_PORT@|$AGENT_PORT|g" \
	    -e "s|@REFLECT_ADDR@|$REFLECT_ADDR|g" -e "s|@REFLECT_PORT@|$REFLECT_PORT|g" \
	    -e "s|@NODE@|${3:-}|g" -e "s|@ZONE@|${4:-}|g" -e "s|@ADDR@|${5:-}|g" \
	    -e "s|@NODE_PORT@|${6:-}|g" -e "s|@ACCEPT@|${7:-false}|g" \
	    "$1" >"$2" || _t_bail "cannot write $2"
}
fill "$HA_TEMPLATES/node.conf.in" "$RUN/master/etc/icinga2.conf" master master "$MASTER_ADDR" "$MASTER_PORT" false
fill "$HA_TEMPLATES/node.conf.in" "$RUN/sat1/etc/icinga2.conf" sat1 satellite "$SAT1_ADDR" "$SAT1_PORT" true
fill "$HA_TEMPLATES/node.conf.in" "$RUN/sat2/etc/icinga2.conf" sat2 satellite "$SAT2_ADDR" "$SAT2_PORT" true
fill "$HA_TEMPLATES/node.conf.in" "$RUN/mail.example.test/etc/icinga2.conf" \
    mail.example.test mail.example.test "$AGENT_ADDR" "$AGENT_PORT" true
for n in master sat1 sat2; do
	fill "$HA_TEMPLATES/zones.conf.in" "$RUN/$n/etc/zones.conf"
done
fill "$HA_TEMPLATES/agent-zones.conf.in" "$RUN/mail.example.test/etc/zones.conf"
# The master's zones.d: what it syncs to the satellites and the agent.
Z=$RUN/master/etc/zones.d
mkdir -p "$Z/global-templates" "$Z/satellite"
cp "$CONTRIB/icinga2/rdns-commands.conf" "$CONTRIB/icinga2/rdns-distributed.conf" \
    "$Z/global-templates/"
fill "$HA_TEMPLATES/global.conf.in" "$Z/global-templates/lab.conf"
fill "$HA_TEMPLATES/satellite.conf.in" "$Z/satellite/hosts.conf"

run_cmd icinga2 daemon -C -c "$RUN/master/etc/icinga2.conf" $(defs master)
expect_rc 0 "the master validates zones.d with our contrib files"
case $OUT in
*'warning/'*) _t_not_ok "icinga2 -C (master): no warnings" "$(printf '%s\n' "$OUT" | grep 'warning/')" ;;
*) _t_ok "icinga2 -C (master): no warnings" ;;
esac
[ "$RC" -eq 0 ] || _t_bail "the master's configuration does not validate"

# With rdns-services.conf in the global zone as well, a mail server with an
# agent gets one "smtp-helo-outbound", the agent's (checked on a copy).
V=$RUN/validate
mkdir -p "$V/var/cache" "$V/var/lib" "$V/var/log" "$V/run"
cp -r "$RUN/master/etc" "$V/etc"
cp -r "$RUN/master/var/lib/certs" "$V/var/lib/"
cp "$CONTRIB/icinga2/rdns-services.conf" "$V/etc/zones.d/global-templates/"
cat >>"$V/etc/zones.d/satellite/hosts.conf" <<EOF
object Host "both.example.test" {
	import "lab-host"
	address = "$AGENT_ADDR"
	vars.mail_server = true
	vars.agent_endpoint = "mail.example.test"
	vars.helo_reflector = "$REFLECT_ADDR:$REFLECT_PORT"
}
EOF
run_cmd icinga2 daemon -C -c "$V/etc/icinga2.conf" $(defs validate)
expect_rc 0 "rdns-services.conf and rdns-distributed.conf together validate"
run_cmd icinga2 object list --type Service --name 'both.example.test!smtp-helo-outbound' $(defs validate)
expect_out '*command_endpoint = "mail.example.test"*' \
    "a mail server with an agent: smtp-helo-outbound runs on the agent"
n=$(printf '%s\n' "$OUT" | grep -c '^Object .both.example.test!smtp-helo-outbound')
if [ "$n" = 1 ]; then
	_t_ok "a mail server with an agent: one smtp-helo-outbound"
else
	_t_not_ok "a mail server with an agent: one smtp-helo-outbound" "$n objects"
fi

# --- start: master first, then the satellites, then the agent ----------------
start_node()
{
	icinga2 daemon -c "$RUN/$1/etc/icinga2.conf" $(defs "$1") \
	    </dev/null >"$RUN/$1.out" 2>&1 &
	_pid=$!
	daemon_track "$_pid" "$RUN/$1/etc/icinga2.conf"
	case $1 in
	master) PID_MASTER=$_pid ;;
	sat1) PID_SAT1=$_pid ;;
	sat2) PID_SAT2=$_pid ;;
	*) PID_AGENT=$_pid ;;
	esac
}
API=https://$MASTER_ADDR:$MASTER_PORT/v1
# The test polls the API many times: its client ports are kept out of the
# range free_tcp_port picks from (20000 up to the ephemeral range, or up to
# 60000), so the sockets it leaves in TIME_WAIT never take a port another
# test is about to bind.
api()
{
	curl -sk --local-port 61000-64999 -u root:lab -H 'Accept: application/json' "$@"
}
start_node master
wait_for 60000 curl -sfk --local-port 61000-64999 -u root:lab "$API/status/IcingaApplication" ||
	_t_bail "the master's API did not answer on $MASTER_ADDR:$MASTER_PORT within 60 s"
# The agent starts once both satellites run with the synced global zone,
# as one brings up a real estate: an agent that connected while they were
# reloading kept a partial copy of it for good in one CI run (Icinga 2.13:
# its zones dir had lab.conf only, the staged complete copy validated and
# was never made active), and its check command never existed.
synced()
{
	for _f in lab.conf rdns-commands.conf rdns-distributed.conf; do
		[ -f "$RUN/$1/var/lib/api/zones/global-templates/_etc/$_f" ] || return 1
	done
}
sats_ready()
{
	synced sat1 && synced sat2 &&
	    api "$API/objects/endpoints?attrs=connected" 2>/dev/null |
	    jq -e '[.results[] | select(.name == "sat1" or .name == "sat2") | .attrs.connected] == [true, true]' \
		>/dev/null 2>&1
}
for n in sat1 sat2; do
	start_node "$n"
done
wait_for 60000 sats_ready ||
	echo "# the satellites were not both connected with the global zone within 60 s"
start_node mail.example.test
if ! wait_for 60000 synced mail.example.test; then
	echo "# the agent has no complete global zone after 60 s:"
	ls -lR "$RUN/mail.example.test/var/lib/api/zones" "$RUN/mail.example.test/var/lib/api/zones-stage" 2>&1 | sed 's/^/#   /'
fi
echo "# master $PID_MASTER ($MASTER_ADDR:$MASTER_PORT), sat1 $PID_SAT1 ($SAT1_ADDR:$SAT1_PORT)," \
    "sat2 $PID_SAT2 ($SAT2_ADDR:$SAT2_PORT), agent $PID_AGENT ($AGENT_ADDR:$AGENT_PORT)," \
    "reflector $REFLECT_ADDR:$REFLECT_PORT"

# The services the master knows: the sample rules made one per slice.
EXPECT_RANGES=$(for p in 198.51.100.0/24 203.0.113.0/24; do
	b=${p%.0/24}
	i=0
	while [ $i -lt 256 ]; do
		echo "estate!fcrdns-range-$b.$i-$HA_SPLIT $b.$i/$HA_SPLIT"
		i=$((i + (1 << (32 - HA_SPLIT))))
	done
done
echo "estate!fcrdns-range-2001:db8::-120 2001:db8::/120")
NRANGE=$(printf '%s\n' "$EXPECT_RANGES" | wc -l)
OUTBOUND='mail.example.test!smtp-helo-outbound'
api "$API/objects/services?attrs=zone&attrs=command_endpoint" >"$RUN/services.json"
got=$(jq -r '.results[] | "\(.name) \(.attrs.zone) \(.attrs.command_endpoint)"' "$RUN/services.json" | sort)
want=$( (printf '%s\n' "$EXPECT_RANGES" | sed 's/ .*/ satellite /'
	echo "$OUTBOUND satellite mail.example.test") | sort)
if [ "$got" = "$want" ]; then
	_t_ok "the master has $NRANGE range services and the outbound one, in zone satellite; the outbound one with command_endpoint mail.example.test"
else
	_t_not_ok "the master has $NRANGE range services and the outbound one, in zone satellite; the outbound one with command_endpoint mail.example.test" \
	    "got: $(printf '%s' "$got" | tr '\n' ';') want: $(printf '%s' "$want" | tr '\n' ';')"
fi

# The sample's splitter, as the master loaded it from the global zone:
# aligned IPv4 slices, IPv6 and long-enough prefixes whole, a limit.
script='var d = rdns_split_prefixes([ "198.51.7.0/16", "2001:db8::/120", "203.0.113.0/26" ], 20);
[ d.len(), d["198.51.0.0-20"], d["198.51.240.0-20"], d["2001:db8::-120"], d["203.0.113.0-26"] ]'
got=$(api -X POST "$API/console/execute-script" -d "$(jq -n --arg c "$script" '{ command: $c }')" |
    jq -c '.results[0].result')
if [ "$got" = '[18,"198.51.0.0/20","198.51.240.0/20","2001:db8::/120","203.0.113.0/26"]' ]; then
	_t_ok "rdns_split_prefixes: a /16 in 16 aligned /20s, IPv6 and a /26 whole"
else
	_t_not_ok "rdns_split_prefixes: a /16 in 16 aligned /20s, IPv6 and a /26 whole" "got $got"
fi
got=$(api -X POST "$API/console/execute-script" \
    -d '{ "command": "rdns_split_prefixes([ \"10.0.0.0/8\" ], 24)" }' | jq -r '.results[0] | "\(.code) \(.status)"')
case $got in
500*"gives 65536 services (at most 4096)"*) _t_ok "rdns_split_prefixes: a /8 in /24s is refused (65536 services)" ;;
*) _t_not_ok "rdns_split_prefixes: a /8 in /24s is refused (65536 services)" "got $got" ;;
esac

# Wait (bounded) until every service has a result executed after $1, and
# the range ones from an endpoint of $2 (a regex).
results()
{
	api "$API/objects/services?attrs=last_check_result" >"$RUN/results.json" 2>/dev/null
}
fresh()
{
	results || return 1
	# The outbound result must come from the agent and be a run of the
	# plugin: while the agent reloads the synced config, the satellite
	# may record "Check command ... does not exist" (no command).
	_n=$(jq --argjson t "$1" --arg src "$2" '[.results[] | .attrs.last_check_result as $r |
	    select($r != null and $r.execution_end >= $t and $r.command != null and
	    if (.name | test("!fcrdns-range-")) then ($r.check_source | test($src))
	    else $r.check_source == "mail.example.test" end)] | length' \
	    "$RUN/results.json" 2>/dev/null)
	[ "$_n" = "$((NRANGE + 1))" ]
}
# poll_until SECONDS CMD...: run CMD twice a second until it succeeds or
# SECONDS have passed (wall clock).
poll_until()
{
	_end=$(($(date +%s) + $1))
	shift
	while :; do
		"$@" && return 0
		[ "$(date +%s)" -lt "$_end" ] || return 1
		sleep 0.5
	done
}
T0=$T_START
if poll_until 120 fresh "$T0" '^sat[12]$'; then
	_t_ok "every service has a result within 120 s of the start ($(($(date +%s) - T_START)) s)"
else
	_t_not_ok "every service has a result within 120 s of the start" \
	    "$(jq -c '[.results[] | {name, src: .attrs.last_check_result.check_source, t: .attrs.last_check_result.execution_end}]' "$RUN/results.json")"
fi
results

# res HOST!SERVICE FIELD: one field of its last result.
res()
{
	jq -r --arg n "$1" --arg f "$2" '.results[] | select(.name == $n) |
	    .attrs.last_check_result | getpath($f | split(".")) |
	    if type == "array" then map(tostring) | join(" ") else tostring end' "$RUN/results.json"
}

# --- the outbound check ran on the agent -------------------------------------
outbound()
{
	src=$(res "$OUTBOUND" check_source)
	if [ "$src" = mail.example.test ]; then
		_t_ok "$1: executed by the agent (check_source mail.example.test)"
	else
		_t_not_ok "$1: executed by the agent (check_source mail.example.test)" "check_source '$src'"
	fi
	st=$(res "$OUTBOUND" exit_status)
	out=$(res "$OUTBOUND" output | sed -n 1p | sed 's/[[:blank:]]*$//')
	want="SMTP HELO OK - $AGENT_ADDR: HELO out.example.test = PTR out.example.test. -> $AGENT_ADDR ($REFLECT_ADDR saw out.example.test [[]$AGENT_ADDR])"
	if [ "$st" = 0 ] && _t_glob "$out" "$want"; then
		_t_ok "$1: OK, the reflector saw the agent's address $AGENT_ADDR"
	else
		_t_not_ok "$1: OK, the reflector saw the agent's address $AGENT_ADDR" \
		    "exit $st, output: $out; command: $(res "$OUTBOUND" command)"
	fi
}
outbound "outbound"
c=" $(res "$OUTBOUND" command) "
case $c in
*" --reflect $REFLECT_ADDR:$REFLECT_PORT --source-address $AGENT_ADDR "*) _t_ok "outbound: --reflect and --source-address from the host's vars" ;;
*) _t_not_ok "outbound: --reflect and --source-address from the host's vars" "command: $c" ;;
esac

# --- the range checks: on the satellites, both, each as run directly ---------
sat_ok=0
bad=
for e in $(printf '%s\n' "$EXPECT_RANGES" | tr ' ' '='); do
	name=${e%%=*} prefix=${e#*=}
	src=$(res "$name" check_source)
	st=$(res "$name" exit_status)
	out=$(res "$name" output | sed -n 1p | sed 's/[[:blank:]]*$//')
	cmd=" $(res "$name" command) "
	"$RUN/plugins/check_fcrdns" -H "$prefix" -s "$LAB_DNS" --dns-port "$LAB_PORT" -t 50 \
	    >"$RUN/direct.out" 2>&1 && drc=0 || drc=$?
	dout=$(sed -n '1s/[[:blank:]]*|.*//p' "$RUN/direct.out")
	case $src in sat1|sat2) sat_ok=$((sat_ok + 1)) ;; esac
	for want in "-H $prefix" "-s $LAB_DNS" "--dns-port $LAB_PORT"; do
		case $cmd in
		*" $want "*) ;;
		*) bad="$bad
#   $name: no '$want' in the command $cmd" ;;
		esac
	done
	if [ "$st" != "$drc" ] || [ "$out" != "$dout" ] || [ "$st" -gt 2 ]; then
		bad="$bad
#   $name: icinga: exit $st '$out'; direct: exit $drc '$dout'"
	fi
done
if [ "$sat_ok" -eq "$NRANGE" ]; then
	_t_ok "all $NRANGE range services executed on a satellite endpoint"
else
	_t_not_ok "all $NRANGE range services executed on a satellite endpoint" \
	    "$(jq -r '.results[] | "\(.name) \(.attrs.last_check_result.check_source)"' "$RUN/results.json" | tr '\n' ';')"
fi
if [ -z "$bad" ]; then
	_t_ok "each range service: -H its slice, the lab's DNS, the state and first line of a direct run"
else
	_t_not_ok "each range service: -H its slice, the lab's DNS, the state and first line of a direct run" "$bad"
fi
n1=$(jq '[.results[] | select(.name | test("!fcrdns-range-")) | select(.attrs.last_check_result.check_source == "sat1")] | length' "$RUN/results.json")
n2=$(jq '[.results[] | select(.name | test("!fcrdns-range-")) | select(.attrs.last_check_result.check_source == "sat2")] | length' "$RUN/results.json")
echo "# range services by endpoint: sat1 $n1, sat2 $n2"
if [ "$n1" -gt 0 ] && [ "$n2" -gt 0 ]; then
	_t_ok "the zone spreads the range services over both endpoints (sat1 $n1, sat2 $n2)"
else
	_t_not_ok "the zone spreads the range services over both endpoints" "sat1 $n1, sat2 $n2"
fi

# --- measure: CheckResult events at the master, per endpoint -----------------
if [ "$HA_MEASURE" -gt 0 ]; then
	api -N --max-time "$HA_MEASURE" -X POST "$API/events" \
	    -d '{ "queue": "rdns-ha", "types": [ "CheckResult" ] }' >"$RUN/events.json" 2>/dev/null || :
	jq -rs --argjson w "$HA_MEASURE" '[.[] | select(.service != null) | .check_result] |
	    group_by(.check_source)[] | "# measured over \($w) s: \(.[0].check_source): \(length) service checks, " +
	    "\(length * 60 / $w | floor) per minute, execution time mean \((map(.execution_end - .execution_start) | add / length * 1000) | floor) ms, " +
	    "max \((map(.execution_end - .execution_start) | max * 1000) | floor) ms"' "$RUN/events.json"
	m=$(jq -rs '[.[] | select(.service != null) | .check_result.check_source] | unique | join(" ")' "$RUN/events.json")
	if [ "$m" = "mail.example.test sat1 sat2" ] || { [ "$HA_MEASURE" -lt "$HA_INTERVAL" ] && [ -n "$m" ]; }; then
		_t_ok "the master's event stream: results from the agent and both satellites within $HA_MEASURE s ($m)"
	else
		_t_not_ok "the master's event stream: results from the agent and both satellites within $HA_MEASURE s" "sources: '$m'"
	fi
fi

# --- failover: stop sat2; sat1 takes over every range check -----------------
T1=$(date +%s)
_d_stop "$PID_SAT2" "$RUN/sat2/etc/icinga2.conf"
if pid_gone "$PID_SAT2"; then
	_t_ok "sat2 stopped (SIGTERM)"
else
	_t_not_ok "sat2 stopped (SIGTERM)" "pid $PID_SAT2 still there"
fi
if poll_until 90 fresh "$((T1 + 1))" '^sat1$'; then
	_t_ok "after sat2 stopped, every range service has a new result from sat1 ($(($(date +%s) - T1)) s)"
else
	_t_not_ok "after sat2 stopped, every range service has a new result from sat1 within 90 s" \
	    "$(jq -c '[.results[] | {name, src: .attrs.last_check_result.check_source, t: .attrs.last_check_result.execution_end}]' "$RUN/results.json") (sat2 stopped at $T1)"
fi
results
outbound "outbound after failover"
c=$(api "$API/objects/endpoints?attrs=connected" | jq -r '[.results[] | "\(.name)=\(.attrs.connected)"] | sort | join(" ")')
case " $c " in
*" sat1=true sat2=false "*) _t_ok "the master sees sat1 connected, sat2 not ($c)" ;;
*) _t_not_ok "the master sees sat1 connected, sat2 not" "$c" ;;
esac

daemons_stop
for n in $NODES; do
	if grep -q 'Icinga has shut down' "$RUN/$n/var/log/icinga2.log" "$RUN/$n.out" 2>/dev/null; then
		_t_ok "$n shut down cleanly on SIGTERM"
	else
		_t_not_ok "$n shut down cleanly on SIGTERM" "$(tail -5 "$RUN/$n/var/log/icinga2.log")"
	fi
done
no_leftovers "every daemon stopped by pid, no process of this run left"
echo "# run time $(($(date +%s) - T_START)) s"
finish
