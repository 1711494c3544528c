#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The monitoring-plugins-rdns authors
# Integration tests of check_fcrdns --inventory: register files good and
# broken (bad address, bad name, duplicate rows, CRLF, UTF-8 BOM, a
# 100,000-row file, a pipe that never ends) against the lab's nsd
# (198.18.7.0/24 and spf.test, tests/lab/zones).
. "${TESTS_SRC:?}/integration/lib.sh"
lab_up

P="$PLUGINS_DIR/check_fcrdns"
D="-s $LAB_DNS --dns-port $LAB_PORT"
F=$LAB_DIR/inventory
mkdir -p "$F"

# inv DESCRIPTION RC LINE1-PATTERN ARGS...: one run, the usual assertions.
inv() {
	desc=$1 rc=$2 pat=$3
	shift 3
	run_plugin "$P" "$@"
	expect_rc "$rc" "$desc: exit $rc"
	expect_line1 "$pat" "$desc: first line"
	expect_stderr_empty "$desc: nothing on stderr"
}

# --- good files -------------------------------------------------------------------
cat >"$F/good.txt" <<'END'
# relays of example: address, PTR, HELO, label
198.18.7.1   out1.spf.test  out1.spf.test  relay 1 (FRA)
198.18.7.2,  out2.spf.test, out2.spf.test, relay 2
198.18.7.3   -              -              # no expectations
2001:db8::10 mail.example.test
END
inv "all rows good" 0 'FCRDNS OK - 4 addresses: 4 confirmed, 0 failed | * addresses=4;;;0 confirmed=4;;;0 partly=0;;;0 failed=0;;;0 unsure=0;;;0 inventory_rows=4;;;0' \
	--inventory "$F/good.txt" -v $D
expect_out "*[[]OK] $F/good.txt:2 relay 1 (FRA): 198.18.7.1 -> out1.spf.test. -> 198.18.7.1*" "good: the row names file, line and label"
expect_out "*[[]OK] $F/good.txt:5: 2001:db8::10 -> mail.example.test. -> 2001:db8::10*" "good: IPv6 row"
inv "-4: the IPv6 row left out, and said" 0 'FCRDNS OK - 3 addresses: 3 confirmed, 0 failed |*inventory_rows=4;;;0' \
	--inventory "$F/good.txt" -4 -v $D
expect_out "*$F/good.txt: 1 row(s) not IPv4, not checked (-4)*" "-4: the rows left out are counted"

printf '\357\273\277# BOM and CRLF\r\n198.18.7.1 out1.spf.test out1.spf.test one\r\n\r\n198.18.7.2 out2.spf.test\r\n' >"$F/crlf.txt"
inv "UTF-8 BOM and CRLF" 0 'FCRDNS OK - 2 addresses: 2 confirmed, 0 failed |*' \
	--inventory "$F/crlf.txt" -v $D
expect_out "*$F/crlf.txt:2 one: 198.18.7.1 -> out1.spf.test.*" "crlf: the label has no CR"

run_cmd sh -c "\"$P\" --inventory - -v $D <\"$F/good.txt\""
expect_rc 0 "stdin: exit 0"
expect_out '*[[]OK] -:3 relay 2: 198.18.7.2 -> out2.spf.test. -> 198.18.7.2*' "stdin: named '-'"

# --- every finding of a row ---------------------------------------------------------------
cat >"$F/findings.txt" <<'END'
198.18.7.1 out1.spf.test out1.spf.test  good
198.18.7.4 wrong.spf.test -             expected PTR differs
198.18.7.2 out2.spf.test web.spf.test   HELO elsewhere
198.18.7.5 out5.spf.test out5           HELO no FQDN
198.18.7.8 -             -              no PTR
198.18.7.9 -             -              generic
198.18.7.7 -             -              FCrDNS fails
END
inv "a row per finding" 2 'FCRDNS CRITICAL - 7 addresses: 5 confirmed, 2 failed, worst: *' \
	--inventory "$F/findings.txt" -v $D
expect_out "*[[]CRITICAL] $F/findings.txt:2 expected PTR differs: 198.18.7.4: the PTR is out4.spf.test., not the expected wrong.spf.test.*" "findings: expected PTR"
expect_out "*[[]CRITICAL] $F/findings.txt:3 HELO elsewhere: 198.18.7.2: HELO web.spf.test., PTR out2.spf.test.*" "findings: HELO that resolves elsewhere"
expect_out "*[[]CRITICAL] $F/findings.txt:4 HELO no FQDN: 198.18.7.5: HELO out5. is not a fully-qualified domain name*" "findings: HELO not an FQDN"
expect_out "*[[]CRITICAL] $F/findings.txt:5 no PTR: 198.18.7.8 has no PTR record (NXDOMAIN)*" "findings: no PTR"
expect_out "*[[]WARNING] $F/findings.txt:6 generic: 198.18.7.9 -> 198-18-7-9.pool.spf.test. -> 198.18.7.9, but * looks generic*" "findings: generic"
expect_out "*[[]CRITICAL] $F/findings.txt:7 FCrDNS fails: 198.18.7.7 -> wrong.spf.test. -> 198.18.7.99, not 198.18.7.7*" "findings: FCrDNS"
expect_out "*[[]OK] $F/findings.txt:1 good: 198.18.7.1 -> out1.spf.test. -> 198.18.7.1*" "findings: the good row"

# --- broken files: UNKNOWN with file:line, nothing reported OK ---------------------------------
broken() {
	desc=$1 pat=$2
	inv "$desc" 3 "$pat" --inventory "$F/broken.txt" $D
	expect_pipes 0 "$desc: no perfdata"
	o=$OUT
	case $OUT in
	*OK\]*|*' -> '*) expect_cmd "$desc: nothing of the file reported OK" false ;;
	*) expect_cmd "$desc: nothing of the file reported OK" true ;;
	esac
	OUT=$o
}
printf '198.18.7.1 out1.spf.test\n198.18.7.256 out2.spf.test\n' >"$F/broken.txt"
broken "bad address" "FCRDNS UNKNOWN - $F/broken.txt:2: bad address '198.18.7.256': nothing of the file is checked"
printf '198.18.7.1 out1..spf.test\n' >"$F/broken.txt"
broken "bad PTR name" "FCRDNS UNKNOWN - $F/broken.txt:1: bad PTR name 'out1..spf.test': empty label: nothing of the file is checked"
printf '198.18.7.1\n198.18.7.2 - bad|name\n' >"$F/broken.txt"
broken "bad HELO name, hostile bytes" "FCRDNS UNKNOWN - $F/broken.txt:2: bad HELO name 'bad\\124name': *"
printf '198.18.7.1 a.spf.test\n198.18.7.2\n198.18.7.1 b.spf.test\n' >"$F/broken.txt"
broken "duplicate rows" "FCRDNS UNKNOWN - $F/broken.txt:3: duplicate row: 198.18.7.1 is also on line 1: nothing of the file is checked"
printf 'x\ny\n198.18.7.1\nz\n' >"$F/broken.txt"
broken "three errors" "FCRDNS UNKNOWN - 3 malformed lines, the first $F/broken.txt:1: bad address 'x': nothing of the file is checked"
expect_out "*[[]UNKNOWN] $F/broken.txt:4: bad address 'z'*" "three errors: each listed"
printf '# only a comment\n' >"$F/broken.txt"
broken "no rows" "FCRDNS UNKNOWN - $F/broken.txt:1: no rows (only comments or blank lines): nothing of the file is checked"
inv "missing file" 3 "FCRDNS UNKNOWN - $F/nonexistent.txt: cannot open: No such file or directory" \
	--inventory "$F/nonexistent.txt" $D

# --- 100,000 rows: refused within -t, nothing checked ------------------------------------------
awk 'BEGIN { for (i = 0; i < 100000; i++)
	printf "198.%d.%d.%d row%d.inv.test row%d.inv.test row %d\n", 18 + int(i / 65536), int(i / 256) % 256, i % 256, i, i, i }' >"$F/big.txt"
inv "100,000 rows with -t 3" 3 "FCRDNS UNKNOWN - $F/big.txt:65537: more than 65536 rows: split the file over several checks: nothing of the file is checked" \
	--inventory "$F/big.txt" -t 3 $D
expect_ms_below 3000 "100,000 rows: answered within -t"
expect_pipes 0 "100,000 rows: no perfdata"

# --- a pipe that never ends: -t ends it ---------------------------------------------------------
run_cmd sh -c "(printf '198.18.7.1\n'; sleep 8) | \"$P\" --inventory - -t 1 $D"
expect_rc 3 "endless stdin: exit 3"
expect_line1 'FCRDNS UNKNOWN - -: not read within the timeout (11 bytes read): nothing of it is checked' "endless stdin: says so"
expect_ms_below 9000 "endless stdin: the plugin returned"

# --- usage ---------------------------------------------------------------------------------------------
inv "--inventory twice" 3 'FCRDNS UNKNOWN - --inventory given twice' --inventory a --inventory b $D
run_plugin "$P" --help
expect_out '*--inventory=FILE*' "--help: documents --inventory"

finish
