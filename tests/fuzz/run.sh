#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The monitoring-plugins-rdns authors
# run.sh: build the libFuzzer harnesses of tests/fuzz with clang, against
# the lib sources directly, and run each for a bounded time.
#
#   tests/fuzz/run.sh [TARGET...]      default: every fuzz_*.c here
#
# Environment:
#   FUZZ_SECONDS   seconds per harness (default 10)
#   FUZZ_JOBS      harnesses run at the same time (default 1)
#   TOP_BUILDDIR   the configured build dir, for config.h (default: the
#                  current dir when it has config.h, else the source top)
#   FUZZ_WORK      build and work dir (default $TOP_BUILDDIR/tests/fuzz/work)
#   CLANG          the compiler (default clang)
#   CI             when set, a missing clang/libFuzzer fails (99), else 77;
#                  so does an instrumented ldns that cannot be built (else
#                  the harnesses link the system's libldns, with a warning)
#
# The seed corpus tests/fuzz/corpus/TARGET is only read; new inputs go to
# FUZZ_WORK/TARGET/corpus. Any crash, leak, UB report, timeout (-timeout=10
# per input) or out-of-memory is a finding: the input is kept as
# FUZZ_WORK/TARGET/crash-* (etc.) and the script exits 1. For each harness
# it prints the executions and the coverage (libFuzzer's cov/ft counters).
set -u

LC_ALL=C
export LC_ALL

SRC=$(cd "$(dirname -- "$0")/../.." && pwd) || exit 99
if [ -z "${TOP_BUILDDIR:-}" ]; then
	if [ -f ./config.h ]; then
		TOP_BUILDDIR=$(pwd)
	else
		TOP_BUILDDIR=$SRC
	fi
fi
SECONDS_EACH=${FUZZ_SECONDS:-10}
JOBS=${FUZZ_JOBS:-1}
WORK=${FUZZ_WORK:-$TOP_BUILDDIR/tests/fuzz/work}
CLANG=${CLANG:-clang}

case $SECONDS_EACH in
''|*[!0-9]*) echo "run.sh: FUZZ_SECONDS=$SECONDS_EACH is not a number" >&2; exit 99 ;;
esac
case $JOBS in
''|*[!0-9]*|0) echo "run.sh: FUZZ_JOBS=$JOBS is not a positive number" >&2; exit 99 ;;
esac

skip_or_fail()
{
	case ${CI:-} in
	''|false|0|no)
		echo "SKIP: $*" >&2
		exit 77
		;;
	esac
	echo "run.sh: $* (CI requires it)" >&2
	exit 99
}

[ -f "$TOP_BUILDDIR/config.h" ] ||
	{ echo "run.sh: no config.h in $TOP_BUILDDIR (run configure)" >&2; exit 99; }
command -v "$CLANG" >/dev/null 2>&1 || skip_or_fail "$CLANG not found"

mkdir -p "$WORK/obj" || exit 99
SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
CFLAGS_F="-std=c11 -D_GNU_SOURCE -g -O1 -Wall -Wextra -Werror $SAN"
INC="-I$TOP_BUILDDIR -I$SRC/lib"
LIBS="-lldns -lidn2 -lpsl -lm"

# libFuzzer present? (Debian: libclang-rt-14-dev)
printf '%s\n' '#include <stddef.h>' '#include <stdint.h>' \
    'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n);' \
    'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { (void)d; (void)n; return 0; }' \
    >"$WORK/probe.c"
"$CLANG" -fsanitize=fuzzer,address "$WORK/probe.c" -o "$WORK/probe" \
    >"$WORK/probe.log" 2>&1 ||
	skip_or_fail "$CLANG cannot build a libFuzzer program (install libclang-rt-dev): $(head -3 "$WORK/probe.log")"

# ldns built with coverage and the sanitizers (tests/fuzz/ldns.sh): every
# reply is parsed by ldns_wire2pkt(), which the system's libldns hides from
# libFuzzer. In the fuzz build only; the plugins keep Debian's libldns.
if LDNS_DIR=$(CLANG=$CLANG sh "$SRC/tests/fuzz/ldns.sh" "$WORK/ldns" \
    2>"$WORK/ldns.err"); then
	INC="-I$LDNS_DIR/include $INC"
	LIBS="$LDNS_DIR/lib/libldns.a -lidn2 -lpsl -lm"
	echo "run.sh: ldns from Debian's source, instrumented: $LDNS_DIR"
else
	case ${CI:-} in
	''|false|0|no)
		echo "run.sh: WARNING: the system's uninstrumented libldns: $(cat "$WORK/ldns.err")" >&2
		;;
	*)
		echo "run.sh: cannot build the instrumented ldns (CI requires it): $(cat "$WORK/ldns.err")" >&2
		exit 99
		;;
	esac
fi

# The library, instrumented for coverage but without libFuzzer's main.
LIBOBJ=
for m in clock dns domain drift generic helo idn inventory opts output range rdns \
    received smtp spf text verdict; do
	# shellcheck disable=SC2086
	"$CLANG" $CFLAGS_F -fsanitize=fuzzer-no-link $INC \
	    -c "$SRC/lib/$m.c" -o "$WORK/obj/$m.o" ||
		{ echo "run.sh: cannot compile lib/$m.c" >&2; exit 99; }
	LIBOBJ="$LIBOBJ $WORK/obj/$m.o"
done

if [ $# -eq 0 ]; then
	set --
	for f in "$SRC"/tests/fuzz/fuzz_*.c; do
		t=${f##*/fuzz_}
		set -- "$@" "${t%.c}"
	done
fi

for t in "$@"; do
	[ -f "$SRC/tests/fuzz/fuzz_$t.c" ] ||
		{ echo "run.sh: no harness tests/fuzz/fuzz_$t.c" >&2; exit 99; }
	# shellcheck disable=SC2086
	"$CLANG" $CFLAGS_F -fsanitize=fuzzer $INC \
	    "$SRC/tests/fuzz/fuzz_$t.c" $LIBOBJ $LIBS -o "$WORK/fuzz_$t" ||
		{ echo "run.sh: cannot build fuzz_$t" >&2; exit 99; }
done

# run_one TARGET: fuzz for SECONDS_EACH, write WORK/TARGET/status.
run_one()
{
	d=$WORK/$1
	rm -rf "$d"
	mkdir -p "$d/corpus"
	seeds=$SRC/tests/fuzz/corpus/$1
	[ -d "$seeds" ] || seeds=
	case $1 in
	dns_reply) maxlen=8192 ;;
	*) maxlen=1024 ;;
	esac
	# shellcheck disable=SC2086
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	"$WORK/fuzz_$1" -max_total_time="$SECONDS_EACH" -timeout=10 \
	    -rss_limit_mb=2048 -max_len="$maxlen" -print_final_stats=1 \
	    -artifact_prefix="$d/" "$d/corpus" $seeds >"$d/log" 2>&1
	echo $? >"$d/status"
}

# report TARGET: one summary line; returns 1 on a finding.
report()
{
	d=$WORK/$1
	rc=$(cat "$d/status" 2>/dev/null || echo 99)
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$d/log" | tail -1)
	cov=$(grep -o 'cov: [0-9]* ft: [0-9]*' "$d/log" | tail -1)
	corp=$(find "$d/corpus" -type f | wc -l | tr -d ' ')
	found=$(find "$d" -maxdepth 1 -type f \( -name 'crash-*' -o \
	    -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' -o \
	    -name 'slow-unit-*' \) | head -1)
	if [ "$rc" -eq 0 ] && [ -z "$found" ]; then
		printf 'fuzz_%s: ok, %s executions in %s s, %s, corpus %s new\n' \
		    "$1" "${execs:-?}" "$SECONDS_EACH" "${cov:-cov: ?}" "$corp"
		return 0
	fi
	printf 'fuzz_%s: FINDING (exit %s) %s\n' "$1" "$rc" "${found:-}"
	sed -n '/ERROR:\|runtime error\|==ERROR\|SUMMARY\|Test unit written/p' \
	    "$d/log" | head -20 | sed 's/^/    /'
	echo "    log: $d/log"
	return 1
}

fail=0
set -- "$@"
while [ $# -gt 0 ]; do
	batch=
	n=0
	while [ $# -gt 0 ] && [ "$n" -lt "$JOBS" ]; do
		run_one "$1" &
		batch="$batch $1"
		n=$((n + 1))
		shift
	done
	wait
	for t in $batch; do
		report "$t" || fail=1
	done
done
exit $fail
