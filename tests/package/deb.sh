#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The monitoring-plugins-rdns authors
# tests/package/deb.sh: the Debian package, built, checked, installed and
# run as an admin would (issue 15). As root on Debian 12, from a git
# checkout, after tests/deps-debian.sh (the lab, Icinga 2, NRPE):
#
#   1. copies the checkout's files (git ls-files: what is committed or would
#      be, no build products) into a temporary directory and runs
#      dpkg-buildpackage -us -uc there: dpkg-buildpackage writes into the
#      parent of the source tree, which must not be the checkout's parent;
#   2. lintian on the .changes (the .dsc, the source and the .deb): no error
#      and no warning;
#   3. apt-get install ./monitoring-plugins-rdns_*.deb, so that its Depends
#      are real; checks what landed where, that ldns and libcrypto are
#      shared libraries and that the plugins are PIE and hardened;
#   4. runs the INSTALLED plugins from /usr/lib/nagios/plugins against the
#      lab (nsd on loopback, smtp-sink): an OK and a CRITICAL case each;
#   5. the installed Icinga 2 samples through the real 'icinga2 daemon -C'
#      (a minimal configuration that includes them), the Nagios command
#      conffile and sample services through 'nagios4 -v', and the NRPE
#      sample, unchanged, through a real nrpe and check_nrpe; nrpe runs in a
#      private mount namespace whose /etc/resolv.conf names the lab's nsd
#      (on LAB_DNS53 port 53), so that the sample's fixed command lines ask
#      the lab and never this machine's resolver;
#   6. removes the package again when it was not installed before
#      (KEEP_INSTALLED=1 keeps it) and prints how long it all took.
#
# Exit: 0 all passed, 1 a check failed, 99 could not run.
# Environment: TMPDIR, KEEP_INSTALLED, LAB_KEEP (keep the run dirs).
# shellcheck disable=SC2317,SC2016 # functions called from traps; sh -c scripts
set -u

TOP=$(CDPATH='' cd -P -- "$(dirname -- "$0")/../.." && pwd)
TESTS_SRC=$TOP/tests
LAB_SRC=$TESTS_SRC/lab
export TESTS_SRC LAB_SRC
PLUGINS_DIR=/usr/lib/nagios/plugins
export PLUGINS_DIR
PKG=monitoring-plugins-rdns
EX=/usr/share/doc/$PKG/examples
T0=$(date +%s)

# shellcheck source=tests/integration/lib.sh
. "$TESTS_SRC/integration/lib.sh"
# shellcheck source=tests/integration/daemons.sh
. "$TESTS_SRC/integration/daemons.sh"

[ "$(id -u)" -eq 0 ] || _t_bail "deb.sh: run as root (apt-get install)"
for c in git dpkg-buildpackage lintian hardening-check nsd icinga2 nrpe \
    smtp-sink unshare man; do
	PATH=$PATH:/usr/sbin:/sbin command -v "$c" >/dev/null 2>&1 ||
		_t_bail "deb.sh: $c missing (sh tests/deps-debian.sh)"
done
PATH=$PATH:/usr/sbin:/sbin
CHECK_NRPE=/usr/lib/nagios/plugins/check_nrpe
[ -x "$CHECK_NRPE" ] || _t_bail "deb.sh: $CHECK_NRPE missing (nagios-nrpe-plugin)"

VERSION=$(sed -n 's/^AC_INIT(\[[^]]*\], *\[\([^]]*\)\].*/\1/p' "$TOP/configure.ac")
[ -n "$VERSION" ] || _t_bail "no version in AC_INIT"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/rdns-deb.XXXXXX") || _t_bail "mktemp failed"
chmod 755 "$WORK"
SRC=$WORK/$PKG-$VERSION
WAS_INSTALLED=no
dpkg-query -W -f '${Status}' "$PKG" 2>/dev/null | grep -q 'ok installed' &&
	WAS_INSTALLED=yes

deb_down()
{
	_rc=$?
	daemons_stop
	if [ "$WAS_INSTALLED" = no ] && [ -z "${KEEP_INSTALLED:-}" ] &&
	    dpkg-query -W -f '${Status}' "$PKG" 2>/dev/null | grep -q 'ok installed'; then
		apt-get purge -y -q "$PKG" >"$WORK/purge.log" 2>&1 ||
			sed 's/^/# /' "$WORK/purge.log"
		if [ -e "$PLUGINS_DIR/check_ptr" ] || [ -e /etc/nagios-plugins/config/rdns-commands.cfg ]; then
			echo "# purge left files behind"
			_rc=1
		fi
	fi
	if [ "$FAILED" -eq 0 ] && [ "$_rc" -eq 0 ] && [ -z "${LAB_KEEP:-}" ]; then
		rm -rf "$WORK"
	else
		echo "# deb.sh work dir kept: $WORK"
	fi
	(exit "$_rc")
	lab_down
	echo "deb.sh: $(($(date +%s) - T0)) s"
}

# --- 1. build from a copy of the checkout -------------------------------
mkdir "$SRC"
(cd "$TOP" && git ls-files --cached --others --exclude-standard |
    while IFS= read -r f; do [ -e "$f" ] && printf '%s\n' "$f"; done |
    tar -cf - -T -) | tar -C "$SRC" -xf - || _t_bail "cannot copy the checkout"
[ -f "$SRC/debian/control" ] || _t_bail "no debian/ in $TOP"

# The Debian version is the upstream one (a native package): one version.
DEBV=$(dpkg-parsechangelog -l "$SRC/debian/changelog" -S Version)
if [ "$DEBV" = "$VERSION" ]; then
	_t_ok "debian/changelog version $DEBV is AC_INIT's"
else
	_t_not_ok "debian/changelog version is AC_INIT's" "changelog $DEBV, AC_INIT $VERSION"
fi

echo "# dpkg-buildpackage -us -uc in $SRC"
t=$(date +%s)
if (cd "$SRC" && dpkg-buildpackage -us -uc) >"$WORK/build.log" 2>&1; then
	_t_ok "dpkg-buildpackage -us -uc builds ($(($(date +%s) - t)) s)"
else
	tail -n 40 "$WORK/build.log" | sed 's/^/# /'
	_t_bail "dpkg-buildpackage failed (log: $WORK/build.log)"
fi
trap deb_down EXIT
grep -E '^# (PASS|FAIL|ERROR):' "$WORK/build.log" | sed 's/^/# unit tests in the build: /'
if grep -q -- '-no-pie\|Bstatic' "$WORK/build.log"; then
	_t_not_ok "package build: no -no-pie, no static ldns" "$(grep -m 3 -- '-no-pie\|Bstatic' "$WORK/build.log")"
else
	_t_ok "package build: no -no-pie, no static ldns"
fi
DEB=$(ls "$WORK"/${PKG}_"$VERSION"_*.deb)
CHANGES=$(ls "$WORK"/${PKG}_"$VERSION"_*.changes)
echo "# $(dpkg-deb -f "$DEB" Package Version Architecture Installed-Size Depends | tr '\n' ' ')"

# --- 2. lintian ----------------------------------------------------------------
run_cmd lintian --info --display-info --fail-on error,warning "$CHANGES"
printf '%s\n' "$OUT" | sed 's/^/# lintian: /'
expect_rc 0 "lintian: no error, no warning on .changes, .dsc and .deb"

# --- 3. install with apt, as an admin would ------------------------------------
if apt-get install -y -q --reinstall "$DEB" >"$WORK/install.log" 2>&1; then
	_t_ok "apt-get install ./$(basename "$DEB")"
else
	sed 's/^/# /' "$WORK/install.log"
	_t_bail "apt-get install failed"
fi
for f in "$PLUGINS_DIR/check_ptr" "$PLUGINS_DIR/check_fcrdns" \
    "$PLUGINS_DIR/check_smtp_helo_match" \
    /usr/share/man/man7/check_ptr.7.gz /usr/share/man/man7/check_fcrdns.7.gz \
    /usr/share/man/man7/check_smtp_helo_match.7.gz \
    /etc/nagios-plugins/config/rdns-commands.cfg \
    "$EX/icinga2/rdns-commands.conf" "$EX/icinga2/rdns-services.conf" \
    "$EX/nagios/rdns-commands.cfg" "$EX/nagios/rdns-services.cfg" \
    "$EX/nrpe/rdns.cfg" /usr/share/doc/$PKG/copyright; do
	if [ -f "$f" ]; then _t_ok "installed: $f"; else _t_not_ok "installed: $f" "missing"; fi
done
if dpkg -L "$PKG" | grep -q '/nagios/plugins/nagios/plugins'; then
	_t_not_ok "no nested nagios/plugins directory" "$(dpkg -L "$PKG" | grep nagios/plugins/nagios)"
else
	_t_ok "no nested nagios/plugins directory"
fi
run_cmd "$PLUGINS_DIR/check_ptr" --version
expect_out "*$VERSION*" "installed check_ptr --version says $VERSION"
run_cmd man -w 7 check_ptr
expect_out '/usr/share/man/man7/check_ptr.7.gz' "man 7 check_ptr finds the page"
for p in check_ptr check_fcrdns check_smtp_helo_match; do
	run_cmd ldd "$PLUGINS_DIR/$p"
	expect_out '*libldns.so.*libcrypto.so.*' "$p: ldns and libcrypto are shared libraries"
	# What dpkg-buildflags' hardening=+all gives on Debian 12 amd64 (it
	# has no -fcf-protection there); a failure names the missing one.
	run_cmd hardening-check --nocfprotection "$PLUGINS_DIR/$p"
	expect_rc 0 "$p: hardening-check (PIE, stack protector, fortify, RELRO, bindnow)"
	expect_out '*Position Independent Executable: yes*' "$p: PIE"
done

# --- 4. the installed plugins against the lab --------------------------------
LAB_DNS53=127.0.55.15
export LAB_DNS53
SILENT_DNS=$SRC/tests/lab/hostile_dns
export SILENT_DNS
make -C "$SRC" tests/lab/hostile_dns >"$WORK/hostile.log" 2>&1 ||
	_t_bail "cannot build tests/lab/hostile_dns: $(tail -n 5 "$WORK/hostile.log")"
lab_up
trap deb_down EXIT
RUN=$WORK/run
mkdir "$RUN" && chmod 755 "$RUN"
D="-s $LAB_DNS --dns-port $LAB_PORT"

# plugin DESC RC LINE1-PATTERN PROG ARGS...
plugin()
{
	_desc=$1 _rc=$2 _pat=$3
	shift 3
	run_plugin "$@"
	expect_rc "$_rc" "installed $_desc: exit $_rc"
	expect_line1 "$_pat" "installed $_desc: first line"
}
# shellcheck disable=SC2086
{
	plugin "check_ptr OK" 0 'PTR OK - 198.51.100.10 -> mail.example.test. |*' \
		check_ptr -H 198.51.100.10 -e mail.example.test $D
	plugin "check_ptr CRITICAL (no PTR)" 2 'PTR CRITICAL - 198.51.100.40 has no PTR record (NXDOMAIN)*' \
		check_ptr -H 198.51.100.40 $D
	plugin "check_fcrdns OK" 0 'FCRDNS OK - 198.51.100.10 -> mail.example.test. -> 198.51.100.10 |*' \
		check_fcrdns -H 198.51.100.10 $D
	plugin "check_fcrdns CRITICAL (A record moved)" 2 'FCRDNS CRITICAL - 198.51.100.11 -> moved.example.test. -> 198.51.100.99, not 198.51.100.11: *' \
		check_fcrdns -H 198.51.100.11 $D
}

# Two smtp-sinks, both with banner mail.example.test: on 127.0.0.3 (PTR
# mail.example.test) and on 127.0.0.4 (PTR other.example.test).
# sink ADDR: start one, its port in SINK_PORT (no subshell: daemon_track
# must record the pid in this shell, so that the exit trap stops it).
sink()
{
	SINK_PORT=$(free_tcp_port)
	smtp-sink -u postfix -h mail.example.test "$1:$SINK_PORT" 16 \
	    </dev/null >"$RUN/sink-$1.log" 2>&1 &
	daemon_track $! smtp-sink
	wait_for 3000 sh -c "ss -lnt | awk -v a='$1:$SINK_PORT' '\$4 == a { f = 1 } END { exit !f }'" ||
		_t_bail "smtp-sink on $1 did not start"
}
sink 127.0.0.3
SINK3=$SINK_PORT
sink 127.0.0.4
SINK4=$SINK_PORT
# shellcheck disable=SC2086
{
	plugin "check_smtp_helo_match OK" 0 'SMTP HELO OK - 127.0.0.3: banner mail.example.test = PTR mail.example.test. -> 127.0.0.3 |*' \
		check_smtp_helo_match -H 127.0.0.3 -p "$SINK3" $D
	plugin "check_smtp_helo_match CRITICAL (banner is not the PTR)" 2 'SMTP HELO CRITICAL - 127.0.0.4: banner mail.example.test, PTR other.example.test., *' \
		check_smtp_helo_match -H 127.0.0.4 -p "$SINK4" $D
}

# --- 5a. Icinga 2: the installed samples, through icinga2 daemon -C -------------
I=$RUN/icinga2
mkdir -p "$I/etc" "$I/var/lib" "$I/var/log" "$I/var/cache" "$I/var/spool" "$I/run"
cat >"$I/etc/icinga2.conf" <<EOF
/* deb.sh: the package's Icinga 2 samples, included as installed. */
include <itl>
include <plugins>
const PluginDir = "$PLUGINS_DIR"
const PluginContribDir = "$PLUGINS_DIR"
const NodeName = "deb-test"
const ZoneName = "deb-test"
object Endpoint NodeName { }
object Zone ZoneName { endpoints = [ NodeName ] }
/* The services import it, as every stock conf.d/templates.conf has it. */
template Service "generic-service" {
	max_check_attempts = 5
	check_interval = 1m
	retry_interval = 30s
}
include "$EX/icinga2/rdns-commands.conf"
include "$EX/icinga2/rdns-services.conf"
object Host "mx.example.test" {
	check_command = "dummy"
	address = "198.51.100.10"
	address6 = "2001:db8::10"
	vars.mail_server = true
	vars.mail_domains = [ "example.test" ]
	vars.helo_reflector = "reflector.example.test"
	vars.helo_name = "mx.example.test"
	vars.spf_domains = [ "example.test" ]
	vars.mail_inventory = "/etc/icinga2/mail-servers.txt"
}
EOF
run_cmd icinga2 daemon -C -c "$I/etc/icinga2.conf" \
    -D ConfigDir="$I/etc" -D DataDir="$I/var/lib" -D LogDir="$I/var/log" \
    -D CacheDir="$I/var/cache" -D SpoolDir="$I/var/spool" \
    -D InitRunDir="$I/run" -D RunAsUser=root -D RunAsGroup=root
printf '%s\n' "$OUT" | grep -E 'CheckCommand|Service|warning|critical' | sed 's/^/# icinga2: /'
expect_rc 0 "icinga2 daemon -C accepts the installed samples"
expect_out '*Finished validating the configuration*' "icinga2 -C: validated"
expect_out '*Instantiated [1-9]* CheckCommands*' "icinga2 -C: CheckCommands instantiated"
expect_out '*Instantiated 10 Services*' "icinga2 -C: every sample apply rule creates its service"
case $OUT in
*'warning/'* | *'critical/'*)
	_t_not_ok "icinga2 -C: no warnings" "$(printf '%s\n' "$OUT" | grep 'warning/\|critical/')" ;;
*) _t_ok "icinga2 -C: no warnings" ;;
esac

# --- 5b. Nagios 4: the installed conffile and samples, through nagios4 -v -------
# (Debian's nagios4 reads /etc/nagios-plugins/config/: it must verify.)
daemon_user
if command -v nagios4 >/dev/null 2>&1; then
	N=$RUN/nagios
	mkdir -p "$N/var/spool/checkresults" "$N/var/rw"
	fill_template "$TEMPLATES/nagios.cfg.in" "$N/nagios.tmp"
	sed -e "s|^cfg_file=.*/rdns-commands.cfg$|cfg_file=/etc/nagios-plugins/config/rdns-commands.cfg|" \
	    -e "s|^cfg_file=.*objects.cfg$|&\\ncfg_file=$N/sample.cfg\\ncfg_file=$EX/nagios/rdns-services.cfg|" \
	    "$N/nagios.tmp" >"$N/nagios.cfg"
	fill_template "$TEMPLATES/nagios-objects.cfg.in" "$N/objects.cfg"
	fill_template "$TEMPLATES/nagios-sample.cfg.in" "$N/sample.cfg"
	# shellcheck disable=SC2016 # a literal $USER1$
	printf '$USER1$=%s\n' "$PLUGINS_DIR" >"$N/resource.cfg"
	chown -R "$DAEMON_USER:$DAEMON_GROUP" "$N/var"
	run_cmd nagios4 -v "$N/nagios.cfg"
	expect_rc 0 "nagios4 -v accepts the installed commands and sample services"
	expect_out '*Total Warnings: 0*Total Errors:   0*' "nagios4 -v: no warnings, no errors"
	expect_out '*Checked 1[0-9] services.*' "nagios4 -v: the sample adds its services"
else
	_t_not_ok "nagios4 -v" "nagios4 not installed (nagios4-core)"
fi

# --- 5c. NRPE: the installed sample, unchanged, through nrpe and check_nrpe -----
mkdir "$RUN/nrpe" && chown "$DAEMON_USER" "$RUN/nrpe"
PORT=$(free_tcp_port)
cat >"$RUN/nrpe/nrpe.cfg" <<EOF
log_facility=daemon
log_file=$RUN/nrpe/nrpe.log
disable_syslog=1
pid_file=$RUN/nrpe/nrpe.pid
server_address=127.0.0.1
server_port=$PORT
nrpe_user=$DAEMON_USER
nrpe_group=$DAEMON_GROUP
allowed_hosts=127.0.0.1
dont_blame_nrpe=0
command_timeout=30
include=$EX/nrpe/rdns.cfg
EOF
printf 'nameserver %s\n' "$LAB_DNS53" >"$RUN/resolv.conf"
chmod 644 "$RUN/resolv.conf" "$RUN/nrpe/nrpe.cfg"
# -f: in the foreground, so that its pid is ours to stop.
unshare -m sh -c 'mount --bind "$1" /etc/resolv.conf && exec nrpe -c "$2" -f' \
    sh "$RUN/resolv.conf" "$RUN/nrpe/nrpe.cfg" </dev/null >"$RUN/nrpe/out" 2>&1 &
daemon_track $! nrpe
wait_tcp "$PORT" 5000 || _t_bail "nrpe did not listen: $(cat "$RUN/nrpe/out" "$RUN/nrpe/nrpe.log" 2>/dev/null)"
run_cmd "$CHECK_NRPE" -H 127.0.0.1 -p "$PORT" -c check_ptr
expect_rc 0 "nrpe runs the sample's command[check_ptr]: OK"
expect_line1 'PTR OK - 198.51.100.10 -> mail.example.test. |*' "check_nrpe -c check_ptr: the plugin's line"
run_cmd "$CHECK_NRPE" -H 127.0.0.1 -p "$PORT" -c check_fcrdns
expect_rc 0 "nrpe runs the sample's command[check_fcrdns]: OK"
expect_line1 'FCRDNS OK - *' "check_nrpe -c check_fcrdns: the plugin's line"
# A direct run in the same name space gives the same first line.
run_cmd unshare -m sh -c 'mount --bind "$1" /etc/resolv.conf && shift && exec "$@"' \
    sh "$RUN/resolv.conf" "$PLUGINS_DIR/check_ptr" -H 198.51.100.10 -e mail.example.test -t 15
expect_line1 'PTR OK - 198.51.100.10 -> mail.example.test. |*' "direct run with the lab as resolver: the same"

# --- 6. nothing left running ------------------------------------------------
daemons_stop
sleep 0.2
left=
for e in $DAEMON_PIDS; do
	pid_gone "${e%%:*}" || left="$left ${e%%:*}"
done
if [ -z "$left" ]; then
	_t_ok "every daemon and sink this script started is gone"
else
	_t_not_ok "every daemon and sink this script started is gone" "still running:$left"
fi

finish
