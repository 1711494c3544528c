#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The monitoring-plugins-rdns authors
# ldns.sh: build ldns from Debian's source package with the fuzzer's
# coverage and the sanitizers, for the fuzz build only (the plugins keep
# Debian's libldns). Every reply our plugins read goes through
# ldns_wire2pkt(): uninstrumented, the DNS-reply harness is blind there.
#
#   tests/fuzz/ldns.sh DIR       build into DIR (kept: a second run reuses it)
#
# Prints DIR on success: DIR/include has the headers, DIR/lib/libldns.a the
# static library (built without OpenSSL: we use no DNSSEC). The source is
# the version of the installed libldns-dev, fetched with `apt-get source`
# through a private apt state in DIR/apt whose deb-src lines name the same
# mirrors as this system's deb lines; the system's apt setup is not
# touched. Needs apt-get, dpkg-source (dpkg-dev) and network access to the
# mirror. Exit 1 with the reason on stderr when any step fails.
#
# Environment: CLANG (default clang), MAKE_JOBS (default 2).
set -u

DIR=${1:?usage: ldns.sh DIR}
CLANG=${CLANG:-clang}
JOBS=${MAKE_JOBS:-2}
FLAGS="-g -O1 -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"

fail()
{
	echo "ldns.sh: $*" >&2
	exit 1
}

mkdir -p "$DIR" || fail "cannot create $DIR"
DIR=$(cd "$DIR" && pwd) || exit 1
VER=$(dpkg-query -W -f '${source:Version}' libldns-dev 2>/dev/null) ||
	fail "libldns-dev is not installed"
[ -n "$VER" ] || fail "no version of libldns-dev"
STAMP="$DIR/built-$VER-$(printf '%s' "$CLANG $FLAGS" | cksum | cut -d' ' -f1)"
if [ -f "$STAMP" ] && [ -f "$DIR/lib/libldns.a" ]; then
	echo "$DIR"
	exit 0
fi
command -v apt-get >/dev/null 2>&1 || fail "apt-get not found"
command -v dpkg-source >/dev/null 2>&1 ||
	fail "dpkg-source not found (install dpkg-dev)"

# deb-src twins of the system's deb sources, one-line and deb822 forms.
APT=$DIR/apt
rm -rf "${APT:?}" "${DIR:?}/src" "${DIR:?}/include" "${DIR:?}/lib"
mkdir -p "$APT/parts" "$APT/lists/partial" "$APT/cache/archives/partial" \
	"$DIR/src" || fail "cannot create $APT"
for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
	[ -f "$f" ] || continue
	sed -n 's/^[[:space:]]*deb[[:space:]]/deb-src /p' "$f"
done >"$APT/parts/src.list"
for f in /etc/apt/sources.list.d/*.sources; do
	[ -f "$f" ] || continue
	sed 's/^Types:[[:space:]]*deb[[:space:]]*$/Types: deb-src/' "$f"
	echo
done >"$APT/parts/src.sources"
grep -q . "$APT/parts/src.list" "$APT/parts/src.sources" ||
	fail "no deb line in /etc/apt/sources.list(.d) to take a mirror from"
APTOPT="-q -o Dir::Etc::SourceList=/dev/null -o Dir::Etc::SourceParts=$APT/parts
	-o Dir::State::Lists=$APT/lists -o Dir::Cache=$APT/cache
	-o APT::Sandbox::User=$(id -un)"
# shellcheck disable=SC2086 # APTOPT is a list of options
apt-get $APTOPT update >"$DIR/apt.log" 2>&1 ||
	fail "apt-get update (deb-src) failed: $(tail -3 "$DIR/apt.log")"
# shellcheck disable=SC2086
(cd "$DIR/src" && apt-get $APTOPT source "ldns=$VER") >>"$DIR/apt.log" 2>&1 ||
	fail "apt-get source ldns=$VER failed: $(tail -3 "$DIR/apt.log")"
SRC=$(find "$DIR/src" -mindepth 1 -maxdepth 1 -type d -name 'ldns-*' | head -1)
[ -n "$SRC" ] || fail "no ldns-* source dir after apt-get source"

# Only the library: no drill, examples, bindings; no OpenSSL (DNSSEC).
(cd "$SRC" && CC=$CLANG CFLAGS=$FLAGS ./configure --disable-shared \
	--enable-static --without-ssl --disable-sha2 --disable-dane \
	--disable-gost --disable-ecdsa --disable-dsa --disable-ed25519 \
	--disable-ed448 --without-drill --without-examples --without-pyldns \
	--without-p5-dns-ldns --prefix="$DIR") >"$DIR/build.log" 2>&1 ||
	fail "ldns configure failed: $(tail -3 "$DIR/build.log")"
(cd "$SRC" && make -j"$JOBS" && make install-h install-lib) \
	>>"$DIR/build.log" 2>&1 ||
	fail "ldns build failed: $(tail -3 "$DIR/build.log")"
[ -f "$DIR/lib/libldns.a" ] || fail "no $DIR/lib/libldns.a after the build"
: >"$STAMP"
echo "$DIR"
