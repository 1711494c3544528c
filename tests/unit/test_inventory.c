/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cmocka.h>

#include "clock.h"
#include "inventory.h"

/*
 * Tests of lib/inventory: the file format (fields, CSV, comments, BOM,
 * CRLF), every error with its line number, the reader's deadline, and
 * the row's own judgement (expected PTR).
 */

static const char good[] =
    "\xef\xbb\xbf# the register\r\n"
    "\r\n"
    "198.51.100.10  mail.example.test  mail.example.test  relay 1 (FRA)\r\n"
    "198.51.100.11, mx2.example.test, -, relay 2 # comment\r\n"
    "  2001:db8::10\r\n"
    "198.51.100.12 - Mail\r\n"
    "198.51.100.13 MX3.Example.Test. - caf\xc3\xa9 | x\r\n";

static void
test_parse_good(void **unused)
{
	struct inventory inv;
	char a[RDNS_ADDR_TEXT_MAX];

	(void)unused;
	assert_int_equal(inventory_parse(good, sizeof(good) - 1, "inv.txt", 100,
	                     &inv),
	    0);
	assert_int_equal(inv.n, 5);
	assert_int_equal(inv.rows[0].line, 3);
	assert_string_equal(inv.rows[0].ptr, "mail.example.test.");
	assert_string_equal(inv.rows[0].helo, "mail.example.test.");
	assert_string_equal(inv.rows[0].label, "relay 1 (FRA)");
	assert_int_equal(inv.rows[1].line, 4);
	assert_string_equal(inv.rows[1].ptr, "mx2.example.test.");
	assert_null(inv.rows[1].helo);
	assert_string_equal(inv.rows[1].label, "relay 2");
	assert_int_equal(rdns_addr_format(&inv.rows[2].addr, a, sizeof(a)), 0);
	assert_string_equal(a, "2001:db8::10");
	assert_null(inv.rows[2].ptr);
	assert_null(inv.rows[2].label);
	/* a HELO that is no FQDN is the row's finding, not a file error */
	assert_string_equal(inv.rows[3].helo, "mail.");
	assert_string_equal(inv.rows[4].ptr, "mx3.example.test.");
	/* the label is sanitised: no byte outside printable ASCII, no '|' */
	assert_string_equal(inv.rows[4].label, "caf\\195\\169 \\124 x");
	inventory_release(&inv);
}

/* Each text must give exactly one error, "inv.txt:LINE: WANT...". */
static void
test_parse_errors(void **unused)
{
	static const struct {
		const char *text;
		const char *want;
	} cases[] = {
	    {"198.51.100.10\nnot-an-address\n", "inv.txt:2: bad address "
	                                        "'not-an-address'"},
	    {"198.51.100.300 x.example.test\n", "inv.txt:1: bad address"},
	    {"198.51.100.10 bad..name\n", "inv.txt:1: bad PTR name "
	                                  "'bad..name': empty label"},
	    {"198.51.100.10 under_score.example.test\n",
	        "inv.txt:1: bad PTR name"},
	    {"198.51.100.10 x.example.test bad|helo\n",
	        "inv.txt:1: bad HELO name 'bad\\124helo'"},
	    {"198.51.100.10\n# c\n198.51.100.10\n",
	        "inv.txt:3: duplicate row: 198.51.100.10 is also on line 1"},
	    {"::ffff:198.51.100.10\n198.51.100.10\n",
	        "inv.txt:2: duplicate row"},
	    {"198.51.100.10,a.example.test,b.example.test,label,extra\n",
	        "inv.txt:1: more than 4 fields"},
	    {"198.51.100.10\n198.51.100.11\r\r\n", "inv.txt:2: a CR inside"},
	    {"198.51.100.10\n\n198.51.100.1\0001\n", "inv.txt:3: a NUL byte"},
	    {"# nothing\n\n", "inv.txt:2: no rows"},
	    {"", "inv.txt:0: no rows"},
	};
	struct inventory inv;
	size_t i;
	size_t len;

	(void)unused;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		len = strlen(cases[i].text);
		if (strstr(cases[i].want, "NUL") != NULL) {
			len = 30;
		}
		if (inventory_parse(cases[i].text, len, "inv.txt", 100, &inv) !=
		    1) {
			fail_msg("case %zu: not exactly one error (%zu)", i,
			    inv.errors_total);
		}
		if (strncmp(inv.errors[0].text, cases[i].want,
		        strlen(cases[i].want)) != 0) {
			fail_msg("case %zu: '%s' does not start '%s'", i,
			    inv.errors[0].text, cases[i].want);
		}
		assert_int_equal(inv.errors[0].state, STATE_UNKNOWN);
		inventory_release(&inv);
	}
}

static void
test_parse_limits(void **unused)
{
	struct inventory inv;
	char *big;
	size_t i;
	size_t n = 0;

	(void)unused;
	/* rows over the cap: an error on the first row too many */
	big = malloc(20 * 30 + 1);
	assert_non_null(big);
	for (i = 0; i < 20; i++) {
		n += (size_t)sprintf(big + n, "198.51.100.%zu\n", i);
	}
	assert_int_equal(inventory_parse(big, n, "f", 10, &inv), 1);
	assert_string_equal(inv.errors[0].text,
	    "f:11: more than 10 rows: split the file over several checks");
	assert_true(inv.too_many);
	inventory_release(&inv);
	/* only the first INVENTORY_ERRORS_KEPT errors are kept */
	n = 0;
	for (i = 0; i < 20; i++) {
		n += (size_t)sprintf(big + n, "bad%zu\n", i);
	}
	assert_int_equal(inventory_parse(big, n, "f", 10, &inv), 20);
	assert_int_equal(inv.nerrors, INVENTORY_ERRORS_KEPT);
	assert_string_equal(inv.errors[9].text, "f:10: bad address 'bad9'");
	inventory_release(&inv);
	free(big);

	/* a line over INVENTORY_LINE_MAX */
	big = malloc(INVENTORY_LINE_MAX + 64);
	assert_non_null(big);
	memset(big, 'a', INVENTORY_LINE_MAX + 10);
	memcpy(big, "198.51.100.1 ", 13);
	assert_int_equal(inventory_parse(big, INVENTORY_LINE_MAX + 10, "f", 10,
	                     &inv),
	    1);
	assert_string_equal(inv.errors[0].text,
	    "f:1: line longer than 4096 bytes");
	inventory_release(&inv);
	free(big);
}

static void
test_read_deadline(void **unused)
{
	int p[2];
	char *buf = (char *)1;
	size_t len = 7;
	char err[256];
	double t0;

	(void)unused;
	/* a pipe that stays open: the reader stops at the deadline */
	assert_int_equal(pipe(p), 0);
	assert_int_equal(write(p[1], "198.51.100.1\n", 13), 13);
	t0 = clock_now();
	assert_int_equal(inventory_read(p[0], t0 + 0.2, &buf, &len, err,
	                     sizeof(err)),
	    -1);
	assert_true(clock_now() - t0 < 1.0);
	assert_null(buf);
	assert_string_equal(err, "not read within the timeout (13 bytes read)");
	/* closed: all of it (the first read took what was there) */
	assert_int_equal(write(p[1], "198.51.100.1\n", 13), 13);
	close(p[1]);
	assert_int_equal(inventory_read(p[0], clock_now() + 2, &buf, &len, err,
	                     sizeof(err)),
	    0);
	assert_int_equal(len, 13);
	assert_string_equal(buf, "198.51.100.1\n");
	free(buf);
	close(p[0]);
}

static void
test_judge_expected(void **unused)
{
	struct inventory_row row;
	struct fcrdns_result r;
	struct fcrdns_name names[2];
	struct verdict ve;
	struct verdict vh;

	(void)unused;
	memset(&row, 0, sizeof(row));
	memset(&r, 0, sizeof(r));
	memset(names, 0, sizeof(names));
	assert_int_equal(rdns_addr_parse("198.51.100.10", &row.addr, NULL), 0);
	row.ptr = (char *)"mail.example.test.";
	r.addr = row.addr;
	r.ptr_status = DNS_OK;
	r.names = names;
	r.nnames = 1;
	names[0].name = (char *)"MAIL.example.test";
	names[0].result = FCRDNS_NAME_CONFIRMS;
	inventory_judge(&row, &r, NULL, STATE_CRITICAL, "f:1: ", &ve, &vh);
	assert_int_equal(ve.state, STATE_OK);
	assert_int_equal(vh.state, STATE_OK);

	names[0].name = (char *)"other.example.test.";
	inventory_judge(&row, &r, NULL, STATE_CRITICAL, "f:1: ", &ve, &vh);
	assert_int_equal(ve.state, STATE_CRITICAL);
	assert_int_equal(ve.piece, PIECE_PTR);
	assert_string_equal(ve.text,
	    "f:1: 198.51.100.10: the PTR is other.example.test., not the "
	    "expected mail.example.test.: the holder of the address block "
	    "must change it");

	/* no PTR: the walk's verdict says it, not this one */
	r.ptr_status = DNS_NXDOMAIN;
	r.nnames = 0;
	inventory_judge(&row, &r, NULL, STATE_CRITICAL, "f:1: ", &ve, &vh);
	assert_int_equal(ve.state, STATE_OK);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_parse_good),
	    cmocka_unit_test(test_parse_errors),
	    cmocka_unit_test(test_parse_limits),
	    cmocka_unit_test(test_read_deadline),
	    cmocka_unit_test(test_judge_expected),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
