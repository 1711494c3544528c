#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The monitoring-plugins-rdns authors
# The receivers' view against SpamAssassin and rspamd: for every case of
# tests/lab/receivers/cases.tsv, a message goes from the case's client
# address to the receivers' lab Postfix (port 2509 keeps it on hold),
# postcat reads it back as Postfix wrote it, and "spamassassin -L" (local
# tests, score set 0) scores it. The rDNS and HELO rules that fire, with
# their scores, must be the ones tests/lab/predict names (rules the judge
# does not know, such as content rules, are left out of the comparison).
# Then the same through Postfix port 2510, whose milter is rspamd: the
# HFILTER_HELO_* and HFILTER_HOSTNAME_* symbols in X-Spamd-Result, with
# their scores, must be the predicted ones.
# Slow (about a second per message): not in make check; run by
# make check-receivers-spam and by .ci/run. Skips without root, Postfix,
# nsd or spamassassin; under CI they are required.
# shellcheck source=tests/integration/lib.sh
. "${TESTS_SRC:-$(dirname -- "$0")/..}/integration/lib.sh"

RCV_SH=$(dirname -- "$LAB_SH")/receivers.sh
CASES=$(dirname -- "$LAB_SH")/receivers/cases.tsv

# Unfolded X-Spam-Tests header of the message on stdin, scored.
sa_tests()
{
	HOME=$SA_DIR spamassassin -L --siteconfigpath="$SA_DIR" \
	    -p "$SA_DIR/user_prefs" 2>"$SA_DIR/stderr" |
		awk '/^[^ \t]/ { if (on) print h; on = 0 }
		    /^X-Spam-Tests:/ { h = $0; on = 1; next }
		    on && /^[ \t]/ { sub(/^[ \t]+/, ""); h = h $0 }
		    END { if (on) print h }' |
		sed 's/^X-Spam-Tests: *//'
}

inside()
{
	echo "# versions: $(postconf -d -h mail_version 2>/dev/null | sed 's/^/Postfix /'), $(spamassassin -V 2>/dev/null | sed -n 's/^SpamAssassin version /SpamAssassin /p'), rspamd $(cat "$RSPAMD_ROOT/.version" 2>/dev/null), $(nsd -v 2>&1 | sed -n '1s/^NSD version /nsd /p')"
	echo "# lab up in ${RCV_START_MS} ms"
	# SpamAssassin's site config: Debian's plugin list, our networks
	# trusted, no Bayes; the rules that fired in a header.
	SA_DIR=$RCV_DIR/sa
	mkdir -p "$SA_DIR"
	cp /etc/spamassassin/*.pre "$SA_DIR/"
	printf '%s\n' "trusted_networks 127.0.0.0/8 ::1" \
	    "internal_networks 127.0.0.0/8 ::1" "use_bayes 0" \
	    "add_header all Tests _TESTSSCORES(,)_" >"$SA_DIR/local.cf"
	: >"$SA_DIR/user_prefs"
	_t0=$(_t_ms)
	_n=0
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
		want=$(printf '%s\n' "$pred" | awk -F '\t' '$1 ~ /^SpamAssassin\|/ { print $2 }' |
		    sed -e 's/^- 250 accept$//' -e 's/^DATA 250 //')
		known=$(printf '%s\n' "$pred" | awk -F '\t' '$1 == "spamassassin-rules" { print $2 }')
		case $client in
		*:*) srv=$RCV_SERVER6 ;;
		*) srv=$RCV_POSTFIX ;;
		esac
		out=$("$SMTP_PROBE" "$client" "$srv" 2509 "$helo" data 2>&1) || :
		qid=$(printf '%s\n' "$out" | sed -n 's/^DATA 250 .* queued as \([0-9A-F]*\).*/\1/p')
		if [ -z "$qid" ]; then
			_t_not_ok "$id $client HELO $helo: Postfix takes the message" "$out"
			continue
		fi
		postcat -c "$RCV_DIR/postfix/etc" -bh -q "$qid" >"$RCV_DIR/$id.eml" 2>&1
		all=$(sa_tests <"$RCV_DIR/$id.eml")
		# Only the rules the judge knows, in SpamAssassin's order.
		got=$(printf '%s\n' "$all" | tr ',' '\n' |
		    awk -F '=' -v k="$known" 'BEGIN { n = split(k, a, ","); for (i = 1; i <= n; i++) w[a[i]] = 1 }
		        $1 in w { printf "%s%s", s, $0; s = "," }')
		if [ "$got" = "$want" ]; then
			_t_ok "$id $client HELO $helo ($what): SpamAssassin ${got:-nothing}"
		else
			_t_not_ok "$id $client HELO $helo ($what): SpamAssassin" \
			    "predicted '$want', SpamAssassin scored '$got' (all: $all)"
		fi
		sa_got=$got

		# rspamd through Postfix's milter (port 2510): the HFILTER_HELO_*
		# and HFILTER_HOSTNAME_* symbols of X-Spamd-Result, by name.
		want=$(printf '%s\n' "$pred" | awk -F '\t' '$1 ~ /^rspamd\|/ { print $2 }' |
		    sed -e 's/^- 250 accept$//' -e 's/^DATA 250 //')
		out=$("$SMTP_PROBE" "$client" "$srv" 2510 "$helo" data 2>&1) || :
		qid=$(printf '%s\n' "$out" | sed -n 's/^DATA 250 .* queued as \([0-9A-F]*\).*/\1/p')
		if [ -z "$qid" ]; then
			_t_not_ok "$id $client HELO $helo: Postfix with rspamd takes the message" "$out"
			continue
		fi
		postcat -c "$RCV_DIR/postfix/etc" -h -q "$qid" >"$RCV_DIR/$id.rspamd.eml" 2>&1
		all=$(awk '/^[^ \t]/ { if (on) print h; on = 0 }
		    /^X-Spamd-Result:/ { h = $0; on = 1; next }
		    on && /^[ \t]/ { sub(/^[ \t]+/, ""); h = h $0 }
		    END { if (on) print h }' "$RCV_DIR/$id.rspamd.eml")
		got=$(printf '%s\n' "$all" | tr ';' '\n' |
		    sed -n 's/^ *\(HFILTER_\(HELO\|HOSTNAME\)_[A-Z0-9_]*([-0-9.]*)\).*/\1/p' |
		    sort | paste -s -d , -)
		if [ "$got" = "$want" ]; then
			_t_ok "$id $client HELO $helo ($what): rspamd ${got:-nothing}"
		else
			_t_not_ok "$id $client HELO $helo ($what): rspamd" \
			    "predicted '$want', rspamd said '$got' (all: $all)"
		fi
		printf '%s\n' "# TABLE $id | $client | $helo | ${sa_got:-none} | ${got:-none}"
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

[ "$(id -u)" -eq 0 ] || skip_or_fail "the receivers' lab needs root (namespaces, Postfix)"
PATH=$PATH:/usr/sbin:/sbin
export PATH
require_cmd postfix postcat nsd dig unshare ip ss spamassassin
[ -x "${PREDICT:-}" ] || _t_bail "PREDICT is not set (run through make)"
[ -x "${SMTP_PROBE:-}" ] || _t_bail "SMTP_PROBE is not set (run through make)"
RSPAMD_ROOT=${RSPAMD_ROOT:-/opt/rdns-lab/rspamd}
[ -x "$RSPAMD_ROOT/usr/bin/rspamd" ] ||
	skip_or_fail "no rspamd in $RSPAMD_ROOT (sh tests/deps-debian.sh unpacks it)"
RCV_NO_EXIM=1 RCV_RSPAMD=1
export RCV_NO_EXIM RCV_RSPAMD RSPAMD_ROOT
RUN=$(mktemp -d "${TMPDIR:-/tmp}/rdns-receivers.XXXXXX") || _t_bail "mktemp failed"
# Postfix runs as its own user: it must reach the run dir.
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
