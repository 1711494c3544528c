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

#include <cmocka.h>

#include "output.h"
#include "range.h"

/* Unit tests of lib/output: states, rendering, perfdata, sanitising. */

static void
test_output_state_worst(void **unused)
{
	static const struct {
		enum state a, b, want;
	} cases[] = {
	    {STATE_OK, STATE_OK, STATE_OK},
	    {STATE_OK, STATE_UNKNOWN, STATE_UNKNOWN},
	    {STATE_UNKNOWN, STATE_WARNING, STATE_WARNING},
	    {STATE_WARNING, STATE_UNKNOWN, STATE_WARNING},
	    {STATE_CRITICAL, STATE_WARNING, STATE_CRITICAL},
	    {STATE_UNKNOWN, STATE_CRITICAL, STATE_CRITICAL},
	    {STATE_OK, STATE_CRITICAL, STATE_CRITICAL},
	    {(enum state)9, STATE_OK, STATE_UNKNOWN},
	};
	size_t i;

	(void)unused;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(state_worst(cases[i].a, cases[i].b),
		    cases[i].want);
		assert_int_equal(state_worst(cases[i].b, cases[i].a),
		    cases[i].want);
	}
}

static void
test_output_state_parse(void **unused)
{
	static const struct {
		const char *in;
		int want; /* -1: rejected */
	} cases[] = {
	    {"ok", 0},
	    {"OK", 0},
	    {"Warning", 1},
	    {"cRiTiCaL", 2},
	    {"unknown", 3},
	    {"0", 0},
	    {"3", 3},
	    {"4", -1},
	    {"00", -1},
	    {"", -1},
	    {"warn", -1},
	    {"critical ", -1},
	    {"-1", -1},
	};
	size_t i;
	enum state st;

	(void)unused;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int rc = state_parse(cases[i].in, &st);

		if (cases[i].want < 0) {
			assert_int_equal(rc, -1);
		} else {
			assert_int_equal(rc, 0);
			assert_int_equal(st, cases[i].want);
		}
	}
	assert_int_equal(state_parse(NULL, &st), -1);
}

static void
test_output_sanitize_table(void **unused)
{
	static const struct {
		const char *in;
		size_t len;
		size_t dst;
		const char *want;
	} cases[] = {
	    {"mail.example.com", 16, 64, "mail.example.com"},
	    {"bad|name", 8, 64, "bad\\124name"},
	    {"two\nlines", 9, 64, "two\\010lines"},
	    {"cr\r", 3, 64, "cr\\013"},
	    {"back\\slash", 10, 64, "back\\092slash"},
	    {"nul\0byte", 8, 64, "nul\\000byte"},
	    {"\xff\x80", 2, 64, "\\255\\128"},
	    {"abcd", 4, 5, "abcd"},
	    {"abcdef", 6, 6, "ab..."},
	    {"", 0, 4, ""},
	};
	char buf[64];
	size_t i;

	(void)unused;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		output_sanitize(buf, cases[i].dst, cases[i].in, cases[i].len);
		assert_string_equal(buf, cases[i].want);
		assert_true(strlen(buf) < cases[i].dst);
	}
}

static void
test_output_render_single(void **unused)
{
	struct output o;
	char *s;
	struct perf p = {"time", 0.001234, "s", 6, NULL, true, 0, false, 0,
	    false};

	(void)unused;
	output_init(&o, "PTR");
	output_result(&o, STATE_OK, "192.0.2.10 -> mail.example.com");
	assert_int_equal(output_perf(&o, &p), 0);
	s = output_render(&o);
	assert_non_null(s);
	assert_string_equal(s, "PTR OK - 192.0.2.10 -> mail.example.com | "
	                       "time=0.001234s;;;0\n");
	free(s);
	output_release(&o);
}

static void
test_output_render_worst_summary(void **unused)
{
	struct output o;
	char *s;

	(void)unused;
	output_init(&o, "FCRDNS");
	output_result(&o, STATE_OK, "a fine");
	output_result(&o, STATE_CRITICAL, "b broken");
	output_result(&o, STATE_WARNING, "c odd");
	output_result(&o, STATE_CRITICAL, "d broken too");
	output_detail(&o, "zone detail");
	assert_int_equal(o.state, STATE_CRITICAL);
	s = output_render(&o);
	assert_non_null(s);
	assert_string_equal(s, "FCRDNS CRITICAL - b broken / d broken too\n"
	                       "[OK] a fine\n"
	                       "[CRITICAL] b broken\n"
	                       "[WARNING] c odd\n"
	                       "[CRITICAL] d broken too\n"
	                       "zone detail\n");
	free(s);
	output_release(&o);
}

static void
test_output_render_escapes_forgery(void **unused)
{
	struct output o;
	char *s;
	struct perf p = {"time", 1, "s", -1, NULL, false, 0, false, 0, false};

	(void)unused;
	/* Text that skipped output_sanitize still cannot add lines/fields. */
	output_init(&o, "PTR");
	output_result(&o, STATE_OK, "x | forged=1\nPTR OK - fake");
	output_perf(&o, &p);
	s = output_render(&o);
	assert_non_null(s);
	assert_string_equal(s, "PTR OK - x \\124 forged=1\\010PTR OK - fake | "
	                       "time=1s\n");
	free(s);
	output_release(&o);
}

/* A value not measured is U, without its unit; the other fields stay. */
static void
test_output_perf_unknown(void **unused)
{
	struct output o;
	char *s;
	struct perf p = {"ttl", 42, "s", -1, NULL, true, 0, false, 0, false};

	(void)unused;
	output_init(&o, "PTR");
	output_result(&o, STATE_OK, "x");
	assert_int_equal(output_perf_unknown(&o, &p), 0);
	p.label = "negative_ttl";
	assert_int_equal(output_perf(&o, &p), 0);
	s = output_render(&o);
	assert_non_null(s);
	assert_string_equal(s, "PTR OK - x | ttl=U;;;0 negative_ttl=42s;;;0\n");
	free(s);
	output_release(&o);
}

static void
test_output_perf_fields(void **unused)
{
	struct output o;
	struct thresholds th;
	char *s;
	struct perf p1 = {"time", 0.5, "s", 6, NULL, true, 0, false, 0, false};
	struct perf p2 = {"match", 1, "", -1, NULL, true, 0, true, 1, false};
	struct perf p3 = {"198.51.100.1 time", 2, "s", -1, NULL, false, 0,
	    false, 0, false};
	struct perf p4 = {"it's=", 3, NULL, -1, NULL, false, 0, false, 0,
	    false};
	struct perf p5 = {"2001:db8::50_time", 4, "s", -1, NULL, false, 0,
	    false, 0, false};

	(void)unused;
	assert_int_equal(thresholds_parse(&th, "0.5", "@1:2", NULL, 0), 0);
	p1.th = &th;
	output_init(&o, "PTR");
	output_result(&o, STATE_OK, "fine");
	assert_int_equal(output_perf(&o, &p1), 0);
	assert_int_equal(output_perf(&o, &p2), 0);
	assert_int_equal(output_perf(&o, &p3), 0);
	assert_int_equal(output_perf(&o, &p4), 0);
	assert_int_equal(output_perf(&o, &p5), 0);
	s = output_render(&o);
	assert_non_null(s);
	assert_string_equal(s, "PTR OK - fine | time=0.500000s;0.5;@1:2;0 "
	                       "match=1;;;0;1 '198.51.100.1 time'=2s "
	                       "'it''s_'=3 2001_db8__50_time=4s\n");
	free(s);
	output_release(&o);
}

static void
test_output_summary_cap(void **unused)
{
	struct output o;
	char *s;
	char *nl;
	int i;

	(void)unused;
	output_init(&o, "FCRDNS");
	for (i = 0; i < 200; i++) {
		output_result(&o, STATE_CRITICAL,
		    "198.51.100.%d has no PTR record", i);
	}
	output_summary(&o, "%s", "");
	free(o.summary);
	o.summary = NULL;
	s = output_render(&o);
	assert_non_null(s);
	nl = strchr(s, '\n');
	assert_non_null(nl);
	assert_true(nl - s < OUTPUT_SUMMARY_MAX + 64);
	assert_non_null(strstr(s, " more)\n"));
	free(s);
	output_release(&o);
}

static void
test_output_explicit_summary_and_exit(void **unused)
{
	struct output o;
	char buf[256] = "";
	FILE *fp = fmemopen(buf, sizeof(buf), "w");
	int rc;

	(void)unused;
	assert_non_null(fp);
	output_init(&o, "PTR");
	output_summary(&o, "invalid range '%s'", "2:1");
	output_state(&o, STATE_UNKNOWN);
	output_detail(&o, "Usage: check_ptr -H ADDRESS");
	rc = output_exit(&o, fp);
	fclose(fp);
	assert_int_equal(rc, 3);
	assert_string_equal(buf, "PTR UNKNOWN - invalid range '2:1'\n"
	                         "Usage: check_ptr -H ADDRESS\n");
	/* Released: reusable as new. */
	assert_null(o.lines);
	assert_int_equal(o.state, STATE_OK);
}

/* An OK result that cannot be written is UNKNOWN, not OK (exit 0). */
static void
test_output_exit_write_error(void **unused)
{
	struct output o;
	FILE *fp = fopen("/dev/full", "w");

	(void)unused;
	assert_non_null(fp);
	output_init(&o, "PTR");
	output_result(&o, STATE_OK, "192.0.2.1 -> mail.example.test.");
	assert_int_equal(output_exit(&o, fp), 3);
	fclose(fp);
}

static void
test_output_long_line_cap(void **unused)
{
	struct output o;
	char *big = malloc(10000);
	char *s;

	(void)unused;
	assert_non_null(big);
	memset(big, 'a', 9999);
	big[9999] = '\0';
	output_init(&o, "PTR");
	output_result(&o, STATE_OK, "%s", big);
	s = output_render(&o);
	assert_non_null(s);
	assert_true(strlen(s) < OUTPUT_LINE_MAX + 32);
	assert_non_null(strstr(s, "...\n"));
	free(s);
	free(big);
	output_release(&o);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_output_state_worst),
	    cmocka_unit_test(test_output_state_parse),
	    cmocka_unit_test(test_output_sanitize_table),
	    cmocka_unit_test(test_output_render_single),
	    cmocka_unit_test(test_output_render_worst_summary),
	    cmocka_unit_test(test_output_render_escapes_forgery),
	    cmocka_unit_test(test_output_perf_fields),
	    cmocka_unit_test(test_output_summary_cap),
	    cmocka_unit_test(test_output_explicit_summary_and_exit),
	    cmocka_unit_test(test_output_long_line_cap),
	    cmocka_unit_test(test_output_exit_write_error),
	    cmocka_unit_test(test_output_perf_unknown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
