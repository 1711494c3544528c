#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The monitoring-plugins-rdns authors
# Install everything the build, the tests and the bundled lab need, on a
# fresh Debian 12 (bookworm), as root. Safe to run again.
set -eu
if [ "$(id -u)" -ne 0 ]; then
	echo "deps-debian.sh: run as root (apt-get install)" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
# Postfix asks how it should be set up; the tests run their own sandbox
# instances on loopback ports, so the system one is "Local only".
printf '%s\n' "postfix postfix/main_mailer_type select Local only" \
	"postfix postfix/mailname string localhost" | debconf-set-selections
apt-get update
# --no-install-recommends: nothing pulls in daemons we do not start.
# The stock nsd service is never started (tests run their own instance).
apt-get install -y --no-install-recommends \
	build-essential autoconf automake libtool pkg-config \
	libldns-dev libcmocka-dev libpsl-dev publicsuffix dnsperf \
	nsd bind9-dnsutils iproute2 procps valgrind strace ca-certificates \
	postfix \
	nagios-nrpe-server nagios-nrpe-plugin icinga2 nagios4-core curl jq \
	hyperfine time monitoring-plugins-standard monitoring-plugins-basic \
	clang libclang-rt-14-dev clang-format

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
