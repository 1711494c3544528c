#!/bin/sh
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
	libldns-dev libcmocka-dev \
	nsd bind9-dnsutils iproute2 procps valgrind strace ca-certificates \
	postfix \
	nagios-nrpe-server nagios-nrpe-plugin icinga2 nagios4-core curl jq \
	hyperfine time monitoring-plugins-standard monitoring-plugins-basic \
	clang libclang-rt-14-dev
