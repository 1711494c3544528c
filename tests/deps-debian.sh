#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The monitoring-plugins-rdns authors
# Install the dependencies on Debian 12 (bookworm), as root. Safe to run
# again.
#
#   sh tests/deps-debian.sh --build-only
#       only what building and installing the plugins needs (compiler,
#       autotools, libldns-dev, libidn2-dev, libpsl-dev, cmocka for 'make
#       check's unit tests,
#       debhelper for the .deb): no daemon, nothing that conflicts with an
#       MTA. Safe on a production mail host.
#   sh tests/deps-debian.sh
#       all of that, and the test lab: nsd, Postfix, Icinga 2, NRPE,
#       Nagios 4, valgrind, clang, lintian, ... Postfix replaces any other
#       MTA (it Conflicts with exim4-daemon-*): for a fresh or throw-away
#       machine only.
#   sh tests/deps-debian.sh --print-build-only
#       print the build-only package list and exit.
set -eu

# --- build-only (issue 15): keep this list free of daemons and MTAs ---------
BUILD_ONLY_PKGS="build-essential autoconf automake pkg-config libldns-dev \
	libidn2-dev libpsl-dev libunistring-dev publicsuffix libcmocka-dev \
	debhelper dpkg-dev \
	fakeroot git"

mode=full
case ${1:-} in
'') ;;
--build-only) mode=build ;;
--print-build-only)
	# shellcheck disable=SC2086 # a list of package names
	printf '%s\n' $BUILD_ONLY_PKGS
	exit 0
	;;
*)
	echo "usage: deps-debian.sh [--build-only | --print-build-only]" >&2
	exit 2
	;;
esac
if [ "$(id -u)" -ne 0 ]; then
	echo "deps-debian.sh: run as root (apt-get install)" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
if [ "$mode" = build ]; then
	apt-get update
	# shellcheck disable=SC2086 # a list of package names
	apt-get install -y --no-install-recommends $BUILD_ONLY_PKGS
	exit 0
fi

# --- everything: the build, the tests and the lab ---------------------------
# Postfix asks how it should be set up; the tests run their own sandbox
# instances on loopback ports, so the system one is "Local only".
printf '%s\n' "postfix postfix/main_mailer_type select Local only" \
	"postfix postfix/mailname string localhost" | debconf-set-selections
apt-get update
# --no-install-recommends: nothing pulls in daemons we do not start.
# The stock nsd service is never started (tests run their own instance).
# unbound and ldnsutils: the recursive resolver and the signed zones of the
# delegation lab (tests/lab/deleg.sh); its stock service is stopped below.
apt-get install -y --no-install-recommends \
	build-essential autoconf automake libtool pkg-config \
	libldns-dev libcmocka-dev libidn2-dev libpsl-dev libunistring-dev \
	publicsuffix dnsperf \
	nsd bind9-dnsutils iproute2 procps valgrind strace ca-certificates \
	postfix \
	nagios-nrpe-server nagios-nrpe-plugin icinga2 nagios4-core curl jq \
	python3-nagiosplugin \
	hyperfine time monitoring-plugins-standard monitoring-plugins-basic \
	clang libclang-rt-14-dev clang-format \
	unbound ldnsutils dpkg-dev
# dpkg-dev: dpkg-source, for tests/fuzz/ldns.sh's `apt-get source ldns`
# (the fuzz build's instrumented ldns; its deb-src lines are its own).

# --- the .deb (issue 15): build it, lintian, hardening-check (devscripts),
# man -w (man-db) in tests/package/deb.sh.
# shellcheck disable=SC2086 # a list of package names
apt-get install -y --no-install-recommends $BUILD_ONLY_PKGS \
	lintian devscripts man-db

# SpamAssassin, a test oracle of the receivers' view
# (tests/integration/receivers_spam.sh): the rules and the spamassassin
# script only, no daemon (spamd is a package of its own).
apt-get install -y --no-install-recommends spamassassin

# rspamd, a test oracle of the receivers' view
# (tests/integration/receivers_spam.sh): its postinst would start a system
# daemon, so the package and the two libraries Debian 12 does not have
# otherwise are unpacked (dpkg -x) into RSPAMD_ROOT, outside the repo, and
# run from there with LD_LIBRARY_PATH. Skipped when that version is there.
RSPAMD_ROOT=/opt/rdns-lab/rspamd
rspamd_want=$(apt-cache policy rspamd | awk '$1 == "Candidate:" { print $2 }')
rspamd_have=$(cat "$RSPAMD_ROOT/.version" 2>/dev/null || :)
if [ -x "$RSPAMD_ROOT/usr/bin/rspamd" ] && [ "$rspamd_have" = "$rspamd_want" ]; then
	echo "deps-debian.sh: rspamd $rspamd_have already in $RSPAMD_ROOT"
else
	rspamd_tmp=$(mktemp -d /tmp/rdns-rspamd-deb.XXXXXX)
	(cd "$rspamd_tmp" && apt-get download -o APT::Sandbox::User=root \
		rspamd libhyperscan5 libluajit2-5.1-2 libluajit2-5.1-common)
	mkdir -p "$(dirname "$RSPAMD_ROOT")"
	rm -rf "$RSPAMD_ROOT.new"
	for deb in "$rspamd_tmp"/*.deb; do
		dpkg -x "$deb" "$RSPAMD_ROOT.new"
	done
	printf '%s\n' "$rspamd_want" >"$RSPAMD_ROOT.new/.version"
	rm -rf "$RSPAMD_ROOT" "$rspamd_tmp"
	mv "$RSPAMD_ROOT.new" "$RSPAMD_ROOT"
	echo "deps-debian.sh: rspamd $rspamd_want unpacked into $RSPAMD_ROOT"
fi
if LD_LIBRARY_PATH="$RSPAMD_ROOT/usr/lib/rspamd:$RSPAMD_ROOT/usr/lib/x86_64-linux-gnu" \
    ldd "$RSPAMD_ROOT/usr/bin/rspamd" 2>&1 | grep 'not found'; then
	echo "deps-debian.sh: $RSPAMD_ROOT/usr/bin/rspamd misses libraries" >&2
	exit 1
fi

# Exim for the reflector of check_smtp_helo_match --reflect (tests/lab/exim.sh).
# exim4-daemon-light Conflicts with postfix, so it is not installed: its
# libraries are, and the package is unpacked (dpkg -x, no maintainer scripts)
# into EXIM_ROOT, outside the repo. Skipped when that version is already there.
EXIM_ROOT=/opt/rdns-lab/exim4
EXIM_PKG=exim4-daemon-light
exim_libs=$(apt-cache depends "$EXIM_PKG" |
	awk '$1 == "Depends:" && $2 ~ /^lib/ { print $2 }' | sort -u)
[ -n "$exim_libs" ] || { echo "deps-debian.sh: no dependencies of $EXIM_PKG?" >&2; exit 1; }
# swaks: the SMTP client of the Exim lab's self-test and exim.sh send, with
# IPv6 (IO::Socket::INET6, only a Recommends of swaks).
# --no-upgrade: libraries already there stay as they are.
# shellcheck disable=SC2086 # a list of package names
apt-get install -y --no-install-recommends --no-upgrade swaks libio-socket-inet6-perl \
	$exim_libs
exim_want=$(apt-cache policy "$EXIM_PKG" | awk '$1 == "Candidate:" { print $2 }')
exim_have=$(cat "$EXIM_ROOT/.version" 2>/dev/null || :)
if [ -x "$EXIM_ROOT/usr/sbin/exim4" ] && [ "$exim_have" = "$exim_want" ]; then
	echo "deps-debian.sh: $EXIM_PKG $exim_have already in $EXIM_ROOT"
else
	exim_tmp=$(mktemp -d /tmp/rdns-exim-deb.XXXXXX)
	# The _apt user cannot write to a mktemp dir: download as root.
	(cd "$exim_tmp" && apt-get download -o APT::Sandbox::User=root "$EXIM_PKG")
	mkdir -p "$(dirname "$EXIM_ROOT")"
	rm -rf "$EXIM_ROOT.new"
	dpkg -x "$exim_tmp"/"$EXIM_PKG"_*.deb "$EXIM_ROOT.new"
	printf '%s\n' "$exim_want" >"$EXIM_ROOT.new/.version"
	rm -rf "$EXIM_ROOT" "$exim_tmp"
	mv "$EXIM_ROOT.new" "$EXIM_ROOT"
	echo "deps-debian.sh: $EXIM_PKG $exim_want unpacked into $EXIM_ROOT"
fi
if ldd "$EXIM_ROOT/usr/sbin/exim4" 2>&1 | grep 'not found'; then
	echo "deps-debian.sh: $EXIM_ROOT/usr/sbin/exim4 misses libraries" >&2
	exit 1
fi
# The binary has its user compiled in; the package's postinst would create it.
if ! getent group Debian-exim >/dev/null; then
	groupadd --system Debian-exim
fi
if ! getent passwd Debian-exim >/dev/null; then
	useradd --system --gid Debian-exim --no-create-home \
		--home-dir /nonexistent --shell /usr/sbin/nologin Debian-exim
fi
# unbound's package starts its service where policy-rc.d allows it; the
# delegation lab runs its own unbound in a network namespace, and a stock
# one would hold port 53 and may rewrite resolv.conf: stop and disable it.
if [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then
	systemctl disable --now unbound.service unbound-resolvconf.service \
		>/dev/null 2>&1 || :
elif [ -x /etc/init.d/unbound ]; then
	/etc/init.d/unbound stop >/dev/null 2>&1 || :
	update-rc.d unbound disable >/dev/null 2>&1 || :
fi
