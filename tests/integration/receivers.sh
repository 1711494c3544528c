#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The monitoring-plugins-rdns authors
# The receivers' view (lib/receivers.c) against the real receivers: for
# every case of tests/lab/receivers/cases.tsv, tests/lab/predict gathers
# the facts through lib/dns.c and prints what each rule would answer, and
# tests/lab/smtp_probe asks the real Postfix and Exim of the receivers' lab
# (tests/lab/receivers.sh) from the case's client address. Per rule: the
# same stage, code and enhanced code, and the same text when refused.
# Skips without root, Postfix, nsd or the unpacked Exim; under CI they are
# required.
# shellcheck source=tests/integration/lib.sh
. "${TESTS_SRC:-$(dirname -- "$0")/..}/integration/lib.sh"

RCV_SH=$(dirname -- "$LAB_SH")/receivers.sh
CASES=$(dirname -- "$LAB_SH")/receivers/cases.tsv

# The rules, by the port that answers for each (receivers/master.cf.in,
# receivers/exim.conf.in), as predict names them.
RULES='2501 Postfix|reject_unknown_reverse_client_hostname|
2502 Postfix|reject_unknown_client_hostname|
2503 Postfix|reject_invalid_helo_hostname|
2504 Postfix|reject_non_fqdn_helo_hostname|
2505 Postfix|reject_unknown_helo_hostname|
2506 Postfix|reject_unknown_reverse_client_hostname|unknown_client_reject_code = 550
2507 Postfix|reject_unknown_client_hostname|unknown_client_reject_code = 550
2508 Postfix|reject_unknown_helo_hostname|unknown_hostname_reject_code = 550
2601 Exim|verify = reverse_host_lookup|
2602 Exim|verify = reverse_host_lookup/defer_ok|
2603 Exim|verify = helo|
2604 Exim|helo_verify_hosts|'

# Inside the lab: every case, every rule.
inside()
{
	echo "# versions: $(postconf -d -h mail_version 2>/dev/null | sed 's/^/Postfix /'), $("$EXIM" -bV -C /dev/null 2>/dev/null | sed -n 's/^Exim version \([^ ]*\).*/Exim \1/p'), $(nsd -v 2>&1 | sed -n '1s/^NSD version /nsd /p')"
	echo "# lab up in ${RCV_START_MS} ms"
	_t0=$(_t_ms)
	_n=0
	# TABLE: the case, the real answer per port, the published rules.
	while IFS='	' read -r id client helo what; do
		case $id in
		'#'*|'') continue ;;
		esac
		_n=$((_n + 1))
		# shellcheck disable=SC2086 # VALGRIND is a command line
		pred=$(${VALGRIND:-} "$PREDICT" "$RCV_DNS" "$client" "$helo" 2>&1) || {
			_t_not_ok "$id: predict runs" "predict failed: $pred"
			continue
		}
		case $client in
		*:*) pf=$RCV_SERVER6 ex=$RCV_SERVER6 ;;
		*) pf=$RCV_POSTFIX ex=$RCV_EXIM ;;
		esac
		# The plugin's own --receivers view of the same client and HELO.
		plug=$("$PLUGINS_DIR/check_fcrdns" -H "$client" --helo "$helo" \
		    --receivers=all -v -t 10 -s "$RCV_DNS" 2>&1) || :
		row=
		while read -r port rule; do
			case $port in
			25*) srv=$pf ;;
			*) [ -n "$RCV_EXIM_UP" ] || continue; srv=$ex ;;
			esac
			want=$(printf '%s\n' "$pred" | awk -F '\t' -v k="$rule" '$1 == k { print $2 }')
			got=$("$SMTP_PROBE" "$client" "$srv" "$port" "$helo" 2>&1) || :
			case $want in
			'- 250 accept') ok=no; case $got in 'RCPT 250 '*) ok=yes ;; esac ;;
			*) ok=no; [ "$got" = "$want" ] && ok=yes ;;
			esac
			code=$(printf '%s\n' "$got" | awk '{ print $2 ($3 ~ /^[245]\.[0-9]+\.[0-9]+$/ ? " " $3 : "") }')
			# check_fcrdns --receivers -v: "... RECEIVER RULE (tested):
			# accept" or ": CODE [ENHANCED] at STAGE: text".
			_rn=${rule%%|*} _rr=${rule#*|}
			_rs=${_rr#*|} _rr=${_rr%%|*}
			pl=$(printf '%s\n' "$plug" | grep -F -- ": $_rn $_rr${_rs:+, $_rs} (tested): " | head -1)
			pl=${pl#*(tested): }
			case $pl in
			accept) pcode=250 ;;
			*) pcode=$(printf '%s\n' "$pl" | awk '{ print $1 ($2 ~ /^[245]\.[0-9]+\.[0-9]+$/ ? " " $2 : "") }') ;;
			esac
			gcode=$(printf '%s\n' "$got" | awk '{ print $2 ($3 ~ /^[245]\.[0-9]+\.[0-9]+$/ ? " " $3 : "") }')
			# An accept is a 250 whatever its enhanced code.
			[ "$pcode" = 250 ] && case $got in 'RCPT 250 '*) gcode=250 ;; esac
			if [ "$pcode" = "$gcode" ]; then
				_t_ok "$id check_fcrdns --receivers: $_rn $_rr${_rs:+, $_rs} -> $pcode as the real one"
			else
				_t_not_ok "$id check_fcrdns --receivers: $_rn $_rr${_rs:+, $_rs}" \
				    "the plugin said '$pl', the real one answered '$got'"
			fi
			if [ $ok = yes ]; then
				_t_ok "$id $client HELO $helo ($what): ${rule%%|*} ${rule#*|} -> $got"
			else
				_t_not_ok "$id $client HELO $helo ($what): ${rule%%|*} ${rule#*|}" \
				    "predicted '$want', the real one answered '$got'"
			fi
			row="$row | $code"
		done <<EOT
$RULES
EOT
		printf '%s\n' "# TABLE $id | $client | $helo$row | $(printf '%s\n' "$pred" | awk -F '\t' '$1 ~ /^(Gmail|Microsoft|Yahoo)/ { split($2, a, " "); printf "%s%s", s, (a[2] == 0 ? $3 : a[2] (a[3] ~ /^[245][.]/ ? " " a[3] : "")); s = " | " }')"
	done <"$CASES"
	echo "# $_n cases in $(($(_t_ms) - _t0)) ms"
	if [ "$_n" -ge 30 ]; then
		_t_ok "at least 30 cases ($_n)"
	else
		_t_not_ok "at least 30 cases" "only $_n"
	fi
	finish
}

if [ "${1:-}" = inside ]; then
	inside
fi

[ "$(id -u)" -eq 0 ] || skip_or_fail "the receivers' lab needs root (namespaces, Postfix, Exim)"
PATH=$PATH:/usr/sbin:/sbin
export PATH
require_cmd postfix nsd dig unshare ip ss
[ -x "${PREDICT:-}" ] || _t_bail "PREDICT is not set (run through make check)"
[ -x "${SMTP_PROBE:-}" ] || _t_bail "SMTP_PROBE is not set (run through make check)"
EXIM=${EXIM:-/opt/rdns-lab/exim4/usr/sbin/exim4}
export EXIM
if [ ! -x "$EXIM" ]; then
	_t_in_ci && _t_bail "no Exim at $EXIM, and CI=$CI requires it"
	echo "# no Exim at $EXIM (tests/deps-debian.sh unpacks it): Postfix only"
	RCV_NO_EXIM=1
	export RCV_NO_EXIM
fi
RUN=$(mktemp -d "${TMPDIR:-/tmp}/rdns-receivers.XXXXXX") || _t_bail "mktemp failed"
# Postfix and Exim run as their own users: they must reach the run dir.
chmod 755 "$RUN"
rc=0
sh "$RCV_SH" run "$RUN/lab" sh "$0" inside || rc=$?
if [ $rc -ne 0 ] && [ $rc -ne 77 ]; then
	echo "# logs of the failed run:"
	sh "$RCV_SH" log "$RUN/lab" 2>&1 | sed 's/^/#   /'
	echo "# run dir kept: $RUN"
elif [ -z "${LAB_KEEP:-}" ]; then
	rm -rf "$RUN"
fi
exit $rc
