#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The monitoring-plugins-rdns authors
# tests/package/build-only.sh: the production path of the README (issue 15),
# as root on Debian 12, from a git checkout. CI runs it first, on the fresh
# machine, so that the build-only packages alone must be enough.
#
#   1. sh tests/deps-debian.sh --build-only (skipped with NO_APT=1);
#   2. the build-only set, with everything it depends on, holds no daemon
#      and no MTA (no postfix, exim4*, nsd, icinga2, nagios*, nrpe, no
#      mail-transport-agent);
#   3. in a copy of the checkout (git ls-files): ./bootstrap, ./configure
#      --libexecdir=/usr/lib/nagios/plugins, make, make install DESTDIR=...:
#      the plugins land in /usr/lib/nagios/plugins, the man pages in man7,
#      shared ldns, PIE; a plain ./configure installs into PREFIX/libexec;
#      --with-plugindir still wins; --enable-static-ldns links libldns.a and
#      libcrypto.a without PIE, but keeps PIE when CFLAGS ask for it;
#   4. the installed check_ptr runs (--version names the version).
#
# Exit: 0 all passed, 1 a check failed, 99 could not run.
set -u

TOP=$(CDPATH='' cd -P -- "$(dirname -- "$0")/../.." && pwd)
T0=$(date +%s)
PASSED=0
FAILED=0

ok() { PASSED=$((PASSED + 1)); echo "ok - $1"; }
not_ok()
{
	FAILED=$((FAILED + 1))
	echo "not ok - $1"
	[ -z "${2:-}" ] || printf '%s\n' "$2" | sed 's/^/#   /'
}
bail() { echo "Bail out! $*" >&2; exit 99; }
# is_pie FILE: a position-independent executable (readelf: binutils, which
# build-essential brings; 'file' may not be installed).
is_pie() { readelf -h "$1" | grep -q 'Type:[[:space:]]*DYN'; }
check() { if [ -e "$2" ]; then ok "$1"; else not_ok "$1" "missing: $2"; fi; }

[ "$(id -u)" -eq 0 ] || bail "run as root"
export DEBIAN_FRONTEND=noninteractive

# --- 1, 2: the packages ---------------------------------------------------
if [ -z "${NO_APT:-}" ]; then
	sh "$TOP/tests/deps-debian.sh" --build-only >/tmp/rdns-build-only-apt.log 2>&1 ||
		{ tail -n 30 /tmp/rdns-build-only-apt.log; bail "deps-debian.sh --build-only failed"; }
	ok "deps-debian.sh --build-only installs"
fi
PKGS=$(sh "$TOP/tests/deps-debian.sh" --print-build-only) || bail "no package list"
# shellcheck disable=SC2086 # a list of package names
closure=$(apt-cache depends --recurse --no-recommends --no-suggests \
    --no-conflicts --no-breaks --no-replaces --no-enhances $PKGS 2>/dev/null |
    grep -v '^ ' | tr -d '<>' | sort -u)
[ -n "$closure" ] || bail "apt-cache depends gave nothing"
bad=$(printf '%s\n' "$closure" | grep -E '^(postfix|exim4|nsd|icinga2|nagios|nrpe|mail-transport-agent|sendmail|opensmtpd|systemd-sysv$)' || :)
if [ -z "$bad" ]; then
	ok "build-only set ($(printf '%s\n' "$closure" | wc -l) packages with dependencies): no daemon, no MTA"
else
	not_ok "build-only set: no daemon, no MTA" "$bad"
fi

# --- 3: build and install from a copy of the checkout ---------------------
WORK=$(mktemp -d "${TMPDIR:-/tmp}/rdns-build-only.XXXXXX") || bail "mktemp failed"
SRC=$WORK/src
mkdir "$SRC"
(cd "$TOP" && git ls-files --cached --others --exclude-standard |
    while IFS= read -r f; do [ -e "$f" ] && printf '%s\n' "$f"; done |
    tar -cf - -T -) | tar -C "$SRC" -xf - || bail "cannot copy the checkout"
(cd "$SRC" && ./bootstrap) >"$WORK/bootstrap.log" 2>&1 ||
	{ tail -n 20 "$WORK/bootstrap.log"; bail "bootstrap failed"; }

# build NAME CONFIGURE-ARGS...: configure in a VPATH dir, make, make install.
build()
{
	_b=$WORK/$1
	shift
	mkdir "$_b"
	if (cd "$_b" && "$SRC/configure" "$@" && make -j2 && make install DESTDIR="$_b/dest") \
	    >"$_b/log" 2>&1; then
		ok "configure $* && make && make install"
	else
		not_ok "configure $* && make && make install" "$(tail -n 20 "$_b/log")"
	fi
}

build deb --prefix=/usr --libexecdir=/usr/lib/nagios/plugins
D=$WORK/deb/dest
check "--libexecdir=/usr/lib/nagios/plugins: check_ptr there" "$D/usr/lib/nagios/plugins/check_ptr"
check "... check_fcrdns" "$D/usr/lib/nagios/plugins/check_fcrdns"
check "... check_smtp_helo_match" "$D/usr/lib/nagios/plugins/check_smtp_helo_match"
check "... man page in section 7" "$D/usr/share/man/man7/check_ptr.7"
if [ -e "$D/usr/lib/nagios/plugins/nagios" ]; then
	not_ok "no nested nagios/plugins/nagios/plugins" "$(find "$D/usr/lib/nagios" | head)"
else
	ok "no nested nagios/plugins/nagios/plugins"
fi
if grep -q '"monitoring-plugins-rdns [0-9][^"@]*"' "$D/usr/share/man/man7/check_ptr.7"; then
	ok "man page carries AC_INIT's version"
else
	not_ok "man page carries AC_INIT's version" "$(sed -n 4p "$D/usr/share/man/man7/check_ptr.7")"
fi
P=$D/usr/lib/nagios/plugins/check_ptr
if ldd "$P" | grep -q 'libldns\.so' && is_pie "$P"; then
	ok "default build: shared ldns, PIE"
else
	not_ok "default build: shared ldns, PIE" "$(ldd "$P"; readelf -h "$P" | grep Type:)"
fi
V=$(sed -n 's/^AC_INIT(\[[^]]*\], *\[\([^]]*\)\].*/\1/p' "$TOP/configure.ac")
case $("$P" --version 2>&1) in
*"$V"*) ok "installed check_ptr --version says $V" ;;
*) not_ok "installed check_ptr --version says $V" "$("$P" --version 2>&1)" ;;
esac

build plain
check "plain ./configure: into PREFIX/libexec" "$WORK/plain/dest/usr/local/libexec/check_ptr"

build plugindir --libexecdir=/usr/lib/nagios/plugins --with-plugindir=/opt/rdns/plugins
check "--with-plugindir wins over --libexecdir" "$WORK/plugindir/dest/opt/rdns/plugins/check_ptr"

build static --enable-static-ldns --disable-unit-tests
P=$WORK/static/plugins/check_ptr
if ! ldd "$P" | grep -q 'libldns\.so' && ! is_pie "$P"; then
	ok "--enable-static-ldns: libldns.a linked in, no PIE"
else
	not_ok "--enable-static-ldns: libldns.a linked in, no PIE" "$(ldd "$P"; readelf -h "$P" | grep Type:)"
fi

# Hardening flags in CFLAGS/LDFLAGS ask for PIE: -no-pie must not undo them.
build static-pie --enable-static-ldns --disable-unit-tests \
    CFLAGS="-O2 -fPIE" LDFLAGS="-pie"
P=$WORK/static-pie/plugins/check_ptr
if ! ldd "$P" | grep -q 'libldns\.so' && is_pie "$P"; then
	ok "--enable-static-ldns with PIE flags: stays PIE"
else
	not_ok "--enable-static-ldns with PIE flags: stays PIE" "$(ldd "$P"; readelf -h "$P" | grep Type:)"
fi

echo "$PASSED passed, $FAILED failed"
echo "build-only.sh: $(($(date +%s) - T0)) s"
if [ "$FAILED" -eq 0 ]; then
	rm -rf "$WORK"
	exit 0
fi
echo "# work dir kept: $WORK"
exit 1
