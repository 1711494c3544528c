#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The monitoring-plugins-rdns authors
# The README's demo: start the bundled lab (nsd with our zones on a
# loopback port, and a DNS server that never answers), run the plugins
# against it and show OK, WARNING and CRITICAL results, then stop the lab.
# Needs PLUGINS_DIR, SILENT_DNS and LAB_SRC (set by 'make demo').
set -eu
: "${PLUGINS_DIR:?run through make demo}" "${LAB_SRC:?run through make demo}"
RUN=$(mktemp -d "${TMPDIR:-/tmp}/rdns-demo.XXXXXX")
SINKS=
cleanup() {
	for p in $SINKS; do kill "$p" 2>/dev/null || true; done
	sh "$LAB_SRC/lab.sh" stop "$RUN" >/dev/null 2>&1 || true
	rm -rf "$RUN"
}
trap cleanup EXIT INT TERM
sh "$LAB_SRC/lab.sh" start "$RUN" >/dev/null
. "$RUN/lab.env"
DNS="-s $LAB_DNS --dns-port $LAB_PORT"

show() {
	what=$1
	shift
	printf '\n# %s\n$ %s\n' "$what" "$(echo "$*" | sed "s|$PLUGINS_DIR/||")"
	rc=0
	"$@" || rc=$?
	printf '(exit %s)\n' "$rc"
}

echo "lab: nsd on $LAB_DNS port $LAB_PORT, silent server on $LAB_SILENT port $LAB_SILENT_PORT"
P=$PLUGINS_DIR/check_ptr
show "OK: a good PTR" $P -H 198.51.100.10 $DNS
show "OK: the PTR is the expected name" $P -H 198.51.100.10 -e mail.example.test $DNS
show "OK: IPv6, and -v names the zone to fix" $P -H 2001:db8::10 -v $DNS
show "OK: RFC 2317 classless delegation (CNAME into a child zone)" $P -H 203.0.113.65 $DNS
show "WARNING: two PTRs, only one expected" $P -H 198.51.100.20 -e multi2.example.test $DNS
show "WARNING: generic provider name" $P -H 198.51.100.14 $DNS
show "CRITICAL: no PTR at all" $P -H 198.51.100.40 $DNS
show "CRITICAL: PTR is not the expected name" $P -H 198.51.100.10 -e mx.example.test $DNS
show "CRITICAL: a name whose IPv6 address has no PTR" $P -H v6nptr.example.test $DNS
show "CRITICAL: PTR holding '|' and a newline, printed safely" $P -H 198.51.100.30 $DNS
show "CRITICAL (the -t state): DNS server does not answer, could not tell" $P -H 198.51.100.10 -s "$LAB_SILENT" --dns-port "$LAB_SILENT_PORT" -t 1
F=$PLUGINS_DIR/check_fcrdns
show "OK: FCrDNS, the PTR name resolves back" $F -H 198.51.100.10 $DNS
show "WARNING: two PTRs, only the second resolves back" $F -H 198.51.100.20 $DNS
show "CRITICAL: the A record moved, the PTR did not" $F -H 198.51.100.11 $DNS
show "CRITICAL: an MX domain with hosts in mixed states" $F -D mixed.example.test $DNS
show "CRITICAL: a /28 with mixed results, one line per address" $F -H 198.51.100.0/28 $DNS
# SMTP: Postfix's smtp-sink as the mail server, on loopback addresses whose
# PTRs the lab knows (127.0.0.3 is mail.example.test, 127.0.0.4 is
# other.example.test).
SINK=$(command -v smtp-sink || true)
# sink VAR ADDR BANNER: start smtp-sink on ADDR, its port into VAR. (Not
# run in $(...): the pid must reach the cleanup of this shell.)
sink() {
	port=$((30000 + $$ % 20000 + $(printf '%s' "$2" | tr -cd 0-9 | tail -c 2)))
	"$SINK" -u postfix -h "$3" "$2:$port" 8 </dev/null >/dev/null 2>&1 &
	SINKS="$SINKS $!"
	i=0
	while [ $i -lt 50 ] && ! ss -lnt | grep -q "$2:$port "; do
		sleep 0.05
		i=$((i + 1))
	done
	eval "$1=$port"
}
if [ -n "$SINK" ]; then
	H=$PLUGINS_DIR/check_smtp_helo_match
	sink P3 127.0.0.3 mail.example.test
	sink P4 127.0.0.4 mail.example.test
	show "OK: banner, PTR and A record agree" $H -H 127.0.0.3 -p "$P3" -E monitor.example.test $DNS
	show "CRITICAL: banner mail.example.test, but the PTR says other.example.test" $H -H 127.0.0.4 -p "$P4" -E monitor.example.test $DNS
	show "CRITICAL: sending from 127.0.0.4 with HELO mail.example.test (--reflect; smtp-sink reports nothing, so our socket's address is judged)" $H --reflect "127.0.0.3:$P3" --source-address 127.0.0.4 --helo mail.example.test -4 $DNS
else
	echo "(smtp-sink not installed: no SMTP examples)"
fi
H=$PLUGINS_DIR/check_smtp_helo_match
MSG=$LAB_SRC/../data/received
show "OK: a message delivered to Microsoft 365, judged from the receiving hop's Received header" $H --received "$MSG/m365-match.eml" $DNS
show "CRITICAL: Gmail got it over IPv6 from an address without PTR" $H --received "$MSG/gmail-ipv6-noptr.eml" $DNS
show "UNKNOWN: a message without a usable Received header" $H --received "$MSG/no-received.eml" $DNS
show "UNKNOWN: a bad range" $P -H 198.51.100.10 -w 2:1 $DNS
