/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
#include "config.h"

#include <float.h>
#include <locale.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "range.h"

/*
 * Unit tests for lib/range.c: the vectors of upstream's
 * lib/tests/test_utils.c and of Perl Monitoring::Plugin's Range.t and
 * Threshold.t (see upstream-conventions.md 4.2, 4.4), the guidelines'
 * examples, our strict rejections, and the perfdata formatting.
 */

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Fail the current test with a message naming the case. */
#define CHECK(cond, ...)                                                       \
	do {                                                                   \
		if (!(cond)) {                                                 \
			print_error(__VA_ARGS__);                              \
			print_error("\n");                                     \
			fail_msg("check failed: %s", #cond);                   \
		}                                                              \
	} while (0)

#define INF_ (1)
#define FIN_ (0)

struct valid_case {
	const char *text;
	double start;
	bool start_inf;
	double end;
	bool end_inf;
	bool inside;
};

static const struct valid_case valid_cases[] = {
    /* upstream test_utils.c (4.2); "1:12%%" is an error for us */
    {"6", 0, FIN_, 6, FIN_, false},
    {"-7:23", -7, FIN_, 23, FIN_, false},
    {":5.75", 0, FIN_, 5.75, FIN_, false},
    {"~:-95.99", 0, INF_, -95.99, FIN_, false},
    {"12345678901234567890:", 12345678901234567890.0, FIN_, 0, INF_, false},
    {"~:0", 0, INF_, 0, FIN_, false},
    {"@0:657.8210567", 0, FIN_, 657.8210567, FIN_, true},
    {"@1:1", 1, FIN_, 1, FIN_, true},
    {"1:1", 1, FIN_, 1, FIN_, false},
    /* guidelines' table (1.5) */
    {"10", 0, FIN_, 10, FIN_, false},
    {"10:", 10, FIN_, 0, INF_, false},
    {"~:10", 0, INF_, 10, FIN_, false},
    {"10:20", 10, FIN_, 20, FIN_, false},
    {"@10:20", 10, FIN_, 20, FIN_, true},
    /* number forms: always base 10 */
    {"010", 0, FIN_, 10, FIN_, false},
    {"010:020", 10, FIN_, 20, FIN_, false},
    {"0.5", 0, FIN_, 0.5, FIN_, false},
    {".5", 0, FIN_, 0.5, FIN_, false},
    {"5.", 0, FIN_, 5, FIN_, false},
    {"+5", 0, FIN_, 5, FIN_, false},
    {"-5:-.5", -5, FIN_, -0.5, FIN_, false},
    {"-0:0", 0, FIN_, 0, FIN_, false},
    {"0:", 0, FIN_, 0, INF_, false},
    {"-1.5:", -1.5, FIN_, 0, INF_, false},
    {"@5", 0, FIN_, 5, FIN_, true},
    {"@~:5", 0, INF_, 5, FIN_, true},
    {"@:7", 0, FIN_, 7, FIN_, true},
    {"@3:", 3, FIN_, 0, INF_, true},
    {"~:", 0, INF_, 0, INF_, false},
    {"@~:", 0, INF_, 0, INF_, true},
    {"0", 0, FIN_, 0, FIN_, false},
    {"00000000000000000000000000000000000000000000000000000000000000.1", 0,
        FIN_, 0.1, FIN_, false}, /* exactly 64 characters */
    {"1000000000000000000000000000000000000000000000000000000000000000", 0,
        FIN_, 1e63, FIN_, false},
    {"0.000000000000000000000000000000000000000000000000000000000001", 0, FIN_,
        1e-60, FIN_, false},
};

/* Same range, comparing only the fields that are not ignored. */
static bool
range_equal(const struct range *a, const struct range *b)
{
	if (a->start_inf != b->start_inf || a->end_inf != b->end_inf ||
	    a->inside != b->inside) {
		return false;
	}
	if (!a->start_inf && a->start != b->start) {
		return false;
	}
	if (!a->end_inf && a->end != b->end) {
		return false;
	}
	return true;
}

static void
test_range_parse_valid(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(valid_cases); i++) {
		const struct valid_case *c = &valid_cases[i];
		struct range r;
		char err[256] = "untouched";
		int rc;

		memset(&r, 0xa5, sizeof(r));
		rc = range_parse(&r, c->text, err, sizeof(err));
		CHECK(rc == 0, "'%s': rc %d err '%s'", c->text, rc, err);
		CHECK(r.start_inf == c->start_inf, "'%s': start_inf", c->text);
		CHECK(r.end_inf == c->end_inf, "'%s': end_inf", c->text);
		CHECK(r.inside == c->inside, "'%s': inside", c->text);
		CHECK(c->start_inf || r.start == c->start,
		    "'%s': start %.17g want %.17g", c->text, r.start, c->start);
		CHECK(c->end_inf || r.end == c->end,
		    "'%s': end %.17g want %.17g", c->text, r.end, c->end);
		CHECK(c->start_inf || r.start != 0 || !signbit(r.start),
		    "'%s': negative zero start", c->text);
		CHECK(strcmp(err, "untouched") == 0,
		    "'%s': err written on success", c->text);
	}
}

struct invalid_case {
	const char *text;
	const char *reason; /* substring the message must contain */
	const char *shown;  /* how the text is quoted, NULL: as is */
};

static const struct invalid_case invalid_cases[] = {
    /* upstream / Perl invalid lists */
    {"2:1", "start is greater than end", NULL},
    {":", "neither start nor end", NULL},
    {"1:~", "'~' is only allowed as start", NULL},
    {"10:~", "'~' is only allowed as start", NULL},
    {"foo", "not a decimal number", NULL},
    {"1-10", "not a decimal number", NULL},
    {"1-10:2.4", "start is not a decimal number", NULL},
    {"1,10", "not a decimal number", NULL},
    /* the brief's list */
    {"", "empty", NULL},
    {"@", "no end given", NULL},
    {"~", "'~' is only allowed as start", NULL},
    {"~5", "end is not a decimal number", NULL},
    {"@@1", "end is not a decimal number", NULL},
    {"1:2:3", "more than one ':'", NULL},
    /* strictness: base 10, no exponent, no words, no spaces, no junk */
    {"0x10", "not a decimal number", NULL},
    {"0X10:", "start is not a decimal number", NULL},
    {"1e3", "not a decimal number", NULL},
    {"1E3", "not a decimal number", NULL},
    {"5e0", "not a decimal number", NULL},
    {"1e", "not a decimal number", NULL},
    {"inf", "not a decimal number", NULL},
    {"-inf:", "start is not a decimal number", NULL},
    {"infinity", "not a decimal number", NULL},
    {"nan", "not a decimal number", NULL},
    {"NAN:", "not a decimal number", NULL},
    {" 5", "not a decimal number", NULL},
    {"5 ", "not a decimal number", NULL},
    {"@ 5", "not a decimal number", NULL},
    {"1 :2", "start is not a decimal number", NULL},
    {"1: 2", "end is not a decimal number", NULL},
    {"\t5", "not a decimal number", "\\x095"},
    {"5\n", "not a decimal number", "5\\x0a"},
    {"1:12%", "end is not a decimal number", NULL},
    {"1:12%%", "end is not a decimal number", NULL},
    {"10s", "not a decimal number", NULL},
    {"-", "not a decimal number", NULL},
    {"+", "not a decimal number", NULL},
    {".", "not a decimal number", NULL},
    {"-.", "not a decimal number", NULL},
    {"--5", "not a decimal number", NULL},
    {"+-5", "not a decimal number", NULL},
    {"5..", "not a decimal number", NULL},
    {"1.2.3", "not a decimal number", NULL},
    {"1_000", "not a decimal number", NULL},
    {"0b1", "not a decimal number", NULL},
    {"\xef\xbc\x91", "not a decimal number", "\\xef\\xbc\\x91"},
    {"@:", "neither start nor end", NULL},
    {"~:~", "'~' is only allowed as start", NULL},
    {"~~:5", "start is not a decimal number", NULL},
    {"@~", "'~' is only allowed as start", NULL},
    {"5@", "not a decimal number", NULL},
    {"1:-", "end is not a decimal number", NULL},
    {"10:5", "start is greater than end", NULL},
    {"@20:10", "start is greater than end", NULL},
    {"-1:-2", "start is greater than end", NULL},
    {"0.0000001:0", "start is greater than end", NULL},
    {"\\", "not a decimal number", "\\x5c"},
};

static void
check_invalid(const char *text, const char *reason, const char *shown)
{
	struct range r, before;
	char err[512];
	char quoted[300];
	int rc;

	memset(&r, 0x5a, sizeof(r));
	before = r;
	memset(err, 0, sizeof(err));
	rc = range_parse(&r, text, err, sizeof(err));
	CHECK(rc == -1, "'%s': rc %d, want -1", text, rc);
	CHECK(memcmp(&r, &before, sizeof(r)) == 0, "'%s': r written", text);
	CHECK(strstr(err, reason) != NULL, "'%s': err '%s' lacks '%s'", text,
	    err, reason);
	(void)snprintf(quoted, sizeof(quoted),
	    "range '%s': ", shown != NULL ? shown : text);
	CHECK(strncmp(err, quoted, strlen(quoted)) == 0,
	    "'%s': err '%s' does not start with \"%s\"", text, err, quoted);
	CHECK(strchr(err, '\n') == NULL, "'%s': err has a newline", text);
	CHECK(err[strlen(err) - 1] != '.', "'%s': err ends with '.'", text);
}

static void
test_range_parse_invalid(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(invalid_cases); i++) {
		check_invalid(invalid_cases[i].text, invalid_cases[i].reason,
		    invalid_cases[i].shown);
	}
}

static void
test_range_parse_limits(void **state)
{
	char text[512];
	char err[512];
	struct range r;

	(void)state;
	/* The brief's example message, verbatim. */
	assert_int_equal(range_parse(&r, "2:1", err, sizeof(err)), -1);
	assert_string_equal(err, "range '2:1': start is greater than end");

	/* NULL text, err NULL or tiny. */
	assert_int_equal(range_parse(&r, NULL, err, sizeof(err)), -1);
	assert_string_equal(err, "range missing");
	assert_int_equal(range_parse(&r, "foo", NULL, 0), -1);
	assert_int_equal(range_parse(&r, "foo", NULL, 99), -1);
	memset(err, 'x', sizeof(err));
	assert_int_equal(range_parse(&r, "foo", err, 8), -1);
	assert_string_equal(err, "range '");
	memset(err, 'x', sizeof(err));
	assert_int_equal(range_parse(&r, "foo", err, 1), -1);
	assert_string_equal(err, "");
	assert_int_equal(range_parse(&r, "5", NULL, 0), 0);
	assert_true(r.end == 5);
	assert_int_equal(range_parse(NULL, "5", err, sizeof(err)), -1);

	/* 65 characters: too long, though the number would be fine. */
	memset(text, '1', 65);
	text[65] = '\0';
	assert_int_equal(range_parse(&r, text, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "longer than 64 characters"));
	assert_non_null(strstr(err, "...")); /* quoted text is cut */
	assert_true(strlen(err) < 64 + 60);
	text[64] = '\0';
	assert_int_equal(range_parse(&r, text, err, sizeof(err)), 0);

	/* A value too big for a double cannot get past the length limit. */
	text[0] = '1';
	memset(text + 1, '0', 400);
	text[401] = '\0';
	assert_int_equal(range_parse(&r, text, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "longer than"));
	text[0] = '@';
	text[1] = '1';
	text[2] = ':';
	assert_int_equal(range_parse(&r, text, err, sizeof(err)), -1);
}

struct alert_case {
	const char *text;
	double value;
	bool alert;
};

static const struct alert_case alert_cases[] = {
    /* upstream test_utils.c (4.2) */
    {"12345678901234567890:", 12345678901234567890.0 / 1.1, true},
    {"12345678901234567890:", 12345678901234567890.0, false},
    {"12345678901234567890:", 12345678901234567890.0 * 2, false},
    {"~:0", 0.5, true},
    {"~:0", -10, false},
    {"~:0", 0, false},
    {"@0:657.8210567", 32.88, true},
    {"@0:657.8210567", -2, false},
    {"@0:657.8210567", 657.8210567, true},
    {"@0:657.8210567", 0, true},
    {"@1:1", 0.5, false},
    {"@1:1", 1, true},
    {"@1:1", 5.2, false},
    {"1:1", 0.5, true},
    {"1:1", 1, false},
    {"1:1", 5.2, true},
    /* Perl Range.t (4.4) */
    {"6", -1, true},
    {"6", 0, false},
    {"6", 4, false},
    {"6", 6, false},
    {"6", 6.1, true},
    {"6", 79.999999, true},
    {"-7:23", -23, true},
    {"-7:23", -7, false},
    {"-7:23", -1, false},
    {"-7:23", 0, false},
    {"-7:23", 4, false},
    {"-7:23", 23, false},
    {"-7:23", 23.1, true},
    {":5.75", -1, true},
    {":5.75", 0, false},
    {":5.75", 5.75, false},
    {":5.75", 5.7501, true},
    {":5.75", 6, true},
    {"~:-95.99", -1001341, false},
    {"~:-95.99", -96, false},
    {"~:-95.99", -95.99, false},
    {"~:-95.99", -95.989, true},
    {"~:-95.99", -95, true},
    {"~:-95.99", 0, true},
    {"10:", -95.999, true},
    {"10:", -1, true},
    {"10:", 0, true},
    {"10:", 9.91, true},
    {"10:", 10, false},
    {"10:", 11.1, false},
    {"10:", 123456789012346.0, false},
    {"~:0", -1, false},
    {"~:0", 0.001, true},
    {"~:0", 123456789012345.0, true},
    {"@0:657.8210567", -134151, false},
    {"@0:657.8210567", -1, false},
    {"@0:657.8210567", 0.001, true},
    {"@0:657.8210567", 657.9, false},
    {"1:1", -1, true},
    {"1:1", 0, true},
    {"1:1", 1.001, true},
    /* guidelines' table (1.5) */
    {"10", -0.001, true},
    {"10", 0, false},
    {"10", 10, false},
    {"10", 10.001, true},
    {"~:10", -1e300, false},
    {"~:10", 10, false},
    {"~:10", 10.5, true},
    {"10:20", 9.99, true},
    {"10:20", 10, false},
    {"10:20", 20, false},
    {"10:20", 20.01, true},
    {"@10:20", 9.99, false},
    {"@10:20", 10, true},
    {"@10:20", 15, true},
    {"@10:20", 20, true},
    {"@10:20", 20.01, false},
    {"@5", 0, true},
    {"@5", -0.1, false},
    {"@3:", 3, true},
    {"@3:", 1e300, true},
    {"@3:", 2.9, false},
    {"010", 9, false},
    {"010", 10.5, true},
    /* infinities and the whole line */
    {"10:", INFINITY, false},
    {"10:", -INFINITY, true},
    {"~:10", -INFINITY, false},
    {"~:10", INFINITY, true},
    {"~:", -INFINITY, false},
    {"~:", INFINITY, false},
    {"~:", 0, false},
    {"@~:", 0, true},
    {"@~:", -1e308, true},
    /* NaN always alerts */
    {"10", NAN, true},
    {"@10:20", NAN, true},
    {"~:", NAN, true},
    {"@~:", NAN, true},
    {"10:", NAN, true},
};

static void
test_range_alert_table(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(alert_cases); i++) {
		const struct alert_case *c = &alert_cases[i];
		struct range r;
		char err[256] = "";

		CHECK(range_parse(&r, c->text, err, sizeof(err)) == 0,
		    "'%s': %s", c->text, err);
		CHECK(range_alert(&r, c->value) == c->alert,
		    "'%s' value %.17g: alert %d, want %d", c->text, c->value,
		    !c->alert, c->alert);
	}
	assert_true(range_alert(NULL, 1));
}

struct state_case {
	const char *warn;
	const char *crit;
	double value;
	int state;
};

static const struct state_case state_cases[] = {
    /* upstream test_utils.c (4.2) */
    {"30", "60", 15.3, 0},
    {"30", "60", 30.0001, 1},
    {"30", "60", 69, 2},
    {"-10:-2", "-30:20", -31, 2},
    {"-10:-2", "-30:20", -29, 1},
    {"-10:-2", "-30:20", -11, 1},
    {"-10:-2", "-30:20", -10, 0},
    {"-10:-2", "-30:20", -2, 0},
    {"-10:-2", "-30:20", -1, 1},
    {"-10:-2", "-30:20", 19, 1},
    {"-10:-2", "-30:20", 21, 2},
    /* Perl Threshold.t (4.4) */
    {NULL, "80", -1, 2},
    {NULL, "80", 4, 0},
    {NULL, "80", 79.999999, 0},
    {NULL, "80", 80, 0},
    {NULL, "80", 80.1, 2},
    {"5:33", NULL, 4.999999, 1},
    {"5:33", NULL, 5, 0},
    {"5:33", NULL, 14.21, 0},
    {"5:33", NULL, 33, 0},
    {"5:33", NULL, 33.01, 1},
    {"~:30", "~:60", 30, 0},
    {"~:30", "~:60", 30.1, 1},
    {"~:30", "~:60", 60, 1},
    {"~:30", "~:60", 60.00001, 2},
    {NULL, "~:25", 25, 0},
    {NULL, "~:25", 25.01, 2},
    {"10:25", "~:25", 9.999999, 1},
    {"10:25", "~:25", 10, 0},
    {"10:25", "~:25", 25, 0},
    {"10:25", "~:25", 25.01, 2},
    {"@10:25", "10:", 9.999999, 2},
    {"@10:25", "10:", 10, 1},
    {"@10:25", "10:", 14.21, 1},
    {"@10:25", "10:", 25, 1},
    {"@10:25", "10:", 25.01, 0},
    /* empty strings are "not set" */
    {"", "", -1e9, 0},
    {"", "80", 81, 2},
    {"5:33", "", 1, 1},
    {NULL, NULL, NAN, 0},
    /* guidelines' examples (1.5) */
    {"10", "20", 21, 2},
    {"10", "20", 11, 1},
    {"10", "20", 5, 0},
    {"10", "20", -1, 2},
    {"~:10", "~:20", -1, 0},
    {"~:10", "~:20", 11, 1},
    {"~:10", "~:20", 21, 2},
    {"10:", "20", 21, 2},
    {"10:", "20", 9, 1},
    {"10:", "20", -1, 2},
    {"10:", "20", 15, 0},
    {NULL, "1:", 0.5, 2},
    {NULL, "1:", 1, 0},
    {"~:0", "10", 11, 2},
    {"~:0", "10", -1, 2},
    {"~:0", "10", 0.5, 1},
    {"~:0", "10", 0, 0},
    {NULL, "5:6", 4, 2},
    {NULL, "5:6", 5.5, 0},
    {NULL, "5:6", 7, 2},
    {NULL, "@10:20", 10, 2},
    {NULL, "@10:20", 20, 2},
    {NULL, "@10:20", 21, 0},
    /* NaN alerts, so the critical range decides */
    {"10", "20", NAN, 2},
    {"10", NULL, NAN, 1},
};

static void
test_thresholds_state_table(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(state_cases); i++) {
		const struct state_case *c = &state_cases[i];
		struct thresholds t;
		char err[256] = "";
		int st;

		CHECK(thresholds_parse(&t, c->warn, c->crit, err,
		          sizeof(err)) == 0,
		    "warn '%s' crit '%s': %s",
		    c->warn != NULL ? c->warn : "(null)",
		    c->crit != NULL ? c->crit : "(null)", err);
		st = thresholds_state(&t, c->value);
		CHECK(st == c->state,
		    "warn '%s' crit '%s' value %.17g: %d, want %d",
		    c->warn != NULL ? c->warn : "(null)",
		    c->crit != NULL ? c->crit : "(null)", c->value, st,
		    c->state);
	}
	assert_int_equal(thresholds_state(NULL, 5), 0);
}

static void
test_thresholds_parse_fields(void **state)
{
	struct thresholds t;
	char err[256];

	(void)state;
	memset(&t, 0xff, sizeof(t));
	assert_int_equal(thresholds_parse(&t, NULL, NULL, err, sizeof(err)), 0);
	assert_false(t.warn_set);
	assert_false(t.crit_set);

	memset(&t, 0xff, sizeof(t));
	assert_int_equal(thresholds_parse(&t, NULL, "80", err, sizeof(err)), 0);
	assert_false(t.warn_set);
	assert_true(t.crit_set);
	assert_true(t.crit.end == 80);
	assert_true(t.crit.start == 0);
	assert_false(t.crit.end_inf);

	memset(&t, 0xff, sizeof(t));
	assert_int_equal(thresholds_parse(&t, "5:33", NULL, err, sizeof(err)),
	    0);
	assert_true(t.warn_set);
	assert_false(t.crit_set);
	assert_true(t.warn.start == 5);
	assert_true(t.warn.end == 33);

	assert_int_equal(thresholds_parse(&t, "-10:-2", "-30:20", err,
	                     sizeof(err)),
	    0);
	assert_true(t.warn.start == -10 && t.warn.end == -2);
	assert_true(t.crit.start == -30 && t.crit.end == 20);

	assert_int_equal(thresholds_parse(&t, "", "", err, sizeof(err)), 0);
	assert_false(t.warn_set);
	assert_false(t.crit_set);

	/* Errors name the threshold and clear t. */
	assert_int_equal(thresholds_parse(&t, "foo", "10", err, sizeof(err)),
	    -1);
	assert_string_equal(err,
	    "warning range 'foo': end is not a decimal number");
	assert_false(t.warn_set);
	assert_false(t.crit_set);
	assert_int_equal(thresholds_parse(&t, "10", "2:1", err, sizeof(err)),
	    -1);
	assert_string_equal(err,
	    "critical range '2:1': start is greater than end");
	assert_false(t.warn_set);
	assert_false(t.crit_set);
	assert_int_equal(thresholds_parse(&t, "1:12%", NULL, NULL, 0), -1);
	assert_int_equal(thresholds_parse(NULL, "1", "2", err, sizeof(err)),
	    -1);
}

struct format_case {
	struct range r;
	const char *want;
};

#define RNG(s, si, e, ei, in)                                                  \
	{                                                                      \
		(s), (e), (si), (ei), (in)                                     \
	}

static const struct format_case format_cases[] = {
    {RNG(10, false, 20, false, true), "@10:20"},
    {RNG(0, true, 10, false, false), "~:10"},
    {RNG(10, false, 0, true, false), "10:"},
    {RNG(0, false, 10, false, false), "10"},
    {RNG(-0.0, false, 10, false, false), "10"},
    {RNG(0, false, 0, true, false), "0:"},
    {RNG(0, false, 10, false, true), "@0:10"},
    {RNG(0, true, 0, true, false), "~:"}, {RNG(0, true, 0, true, true), "@~:"},
    {RNG(0, true, -95.99, false, false), "~:-95.99"},
    {RNG(0, false, 0.5, false, false), "0.5"},
    {RNG(1e-7, false, 1, false, false), "0.0000001:1"},
    {RNG(0, false, 123456789012345.0, false, false), "123456789012345"},
    {RNG(-7, false, 23, false, false), "-7:23"},
    {RNG(1, false, 1, false, true), "@1:1"},
    {RNG(1.5, false, 0, true, true), "@1.5:"},
    {RNG(-0.0, false, -0.0, false, true), "@0:0"},
    {RNG(0, false, 0, false, false), "0"},
    {RNG(1e21, false, 0, true, false), "1000000000000000000000:"},
    {RNG(5, true, 0.1, false, false), "~:0.1"}, /* start ignored */
    {RNG(1, false, 7, true, false), "1:"},      /* end ignored */
};

static void
test_range_format_table(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(format_cases); i++) {
		const struct format_case *c = &format_cases[i];
		char buf[RANGE_FORMAT_MAX];
		struct range back;
		char err[256] = "";

		memset(buf, 'x', sizeof(buf));
		CHECK(range_format(&c->r, buf, sizeof(buf)) == 0, "case %zu",
		    i);
		CHECK(strcmp(buf, c->want) == 0, "case %zu: '%s', want '%s'", i,
		    buf, c->want);
		CHECK(range_parse(&back, buf, err, sizeof(err)) == 0,
		    "case %zu: '%s' does not parse: %s", i, buf, err);
		CHECK(range_equal(&back, &c->r), "case %zu: '%s' differs", i,
		    buf);
	}
}

struct roundtrip_case {
	const char *text;
	const char *canonical;
};

static const struct roundtrip_case roundtrip_cases[] = {
    {"6", "6"},
    {"10", "10"},
    {"0:10", "10"},
    {"-0:10", "10"},
    {"10:", "10:"},
    {"~:10", "~:10"},
    {"10:20", "10:20"},
    {"@10:20", "@10:20"},
    {"@10", "@0:10"},
    {":5.75", "5.75"},
    {"@0:657.8210567", "@0:657.8210567"},
    {"~:-95.99", "~:-95.99"},
    {"-7:23", "-7:23"},
    {"12345678901234567890:", "12345678901234567000:"},
    {"010", "10"},
    {"+5.", "5"},
    {".5", "0.5"},
    {"-.5:0.50", "-0.5:0.5"},
    {"0.0000001:1", "0.0000001:1"},
    {"123456789012345", "123456789012345"},
    {"@1:1", "@1:1"},
    {"1.000000000000000000001", "1"},
    {"0.1:0.3", "0.1:0.3"},
    {"~:", "~:"},
    {"@~:", "@~:"},
    {"0:", "0:"},
    {"@-1.5:", "@-1.5:"},
    {"0.30000000000000004", "0.30000000000000004"},
};

static void
test_range_roundtrip(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(roundtrip_cases); i++) {
		const struct roundtrip_case *c = &roundtrip_cases[i];
		struct range r1, r2;
		char buf[RANGE_FORMAT_MAX], buf2[RANGE_FORMAT_MAX];
		char err[256] = "";

		CHECK(range_parse(&r1, c->text, err, sizeof(err)) == 0,
		    "'%s': %s", c->text, err);
		CHECK(range_format(&r1, buf, sizeof(buf)) == 0, "'%s': format",
		    c->text);
		CHECK(strcmp(buf, c->canonical) == 0, "'%s' -> '%s', want '%s'",
		    c->text, buf, c->canonical);
		CHECK(range_parse(&r2, buf, err, sizeof(err)) == 0,
		    "'%s' -> '%s': %s", c->text, buf, err);
		CHECK(range_equal(&r1, &r2), "'%s' -> '%s': not equal", c->text,
		    buf);
		CHECK(range_format(&r2, buf2, sizeof(buf2)) == 0 &&
		          strcmp(buf, buf2) == 0,
		    "'%s': not idempotent ('%s' then '%s')", c->text, buf,
		    buf2);
	}
}

struct number_case {
	double v;
	const char *want;
};

static const struct number_case number_cases[] = {
    {0.0000001, "0.0000001"},
    {1e-7, "0.0000001"},
    {123456789012345.0, "123456789012345"},
    {-0.0, "0"},
    {0.0, "0"},
    {1.5, "1.5"},
    {-1.5, "-1.5"},
    {0.5, "0.5"},
    {10, "10"},
    {100, "100"},
    {-7, "-7"},
    {0.1, "0.1"},
    {0.3, "0.3"},
    {0.30000000000000004, "0.30000000000000004"},
    {1.0 / 3.0, "0.3333333333333333"},
    {2.0 / 3.0, "0.6666666666666666"},
    {657.8210567, "657.8210567"},
    {-95.99, "-95.99"},
    {0.001234, "0.001234"},
    {0.0011751, "0.0011751"},
    {1e21, "1000000000000000000000"},
    {12345678901234567890.0, "12345678901234567000"},
    {9007199254740992.0, "9007199254740992"},
    {9007199254740993.0, "9007199254740992"},
    {123.456, "123.456"},
    {1e-10, "0.0000000001"},
    {-0.001, "-0.001"},
};

static void
test_range_format_number_table(void **state)
{
	size_t i;
	char buf[RANGE_NUMBER_MAX];

	(void)state;
	for (i = 0; i < ARRAY_LEN(number_cases); i++) {
		const struct number_case *c = &number_cases[i];

		memset(buf, 'x', sizeof(buf));
		CHECK(range_format_number(c->v, buf, sizeof(buf)) == 0,
		    "%.17g: rc", c->v);
		CHECK(strcmp(buf, c->want) == 0, "%.17g: '%s', want '%s'", c->v,
		    buf, c->want);
	}
	/* The smallest subnormal: "0." then 323 zeros then "5". */
	assert_int_equal(range_format_number(DBL_TRUE_MIN, buf, sizeof(buf)),
	    0);
	assert_int_equal(strlen(buf), 326);
	assert_int_equal(strncmp(buf, "0.", 2), 0);
	assert_int_equal(strspn(buf + 2, "0"), 323);
	assert_string_equal(buf + 325, "5");
	/* The extremes fit RANGE_NUMBER_MAX and read back. */
	assert_int_equal(range_format_number(DBL_MAX, buf, sizeof(buf)), 0);
	assert_int_equal(strlen(buf), 309);
	assert_true(strtod(buf, NULL) == DBL_MAX);
	assert_int_equal(range_format_number(-DBL_MAX, buf, sizeof(buf)), 0);
	assert_int_equal(strlen(buf), 310);
	assert_int_equal(range_format_number(-DBL_MIN, buf, sizeof(buf)), 0);
	assert_true(strtod(buf, NULL) == -DBL_MIN);
	assert_int_equal(range_format_number(-(DBL_MIN - DBL_TRUE_MIN), buf,
	                     sizeof(buf)),
	    0);
	assert_true(strtod(buf, NULL) == -(DBL_MIN - DBL_TRUE_MIN));
	assert_true(strlen(buf) < RANGE_NUMBER_MAX);
}

/* Deterministic xorshift64 for the random round-trip test. */
static uint64_t
next_rand(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

static const double pow10_table[16] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7,
    1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};

static void
test_range_format_number_random_roundtrip(void **state)
{
	uint64_t seed = 0x9e3779b97f4a7c15ULL;
	char buf[RANGE_NUMBER_MAX];
	size_t checked = 0;
	int i;

	(void)state;
	for (i = 0; i < 200000; i++) {
		uint64_t bits = next_rand(&seed);
		double v;
		size_t sig;
		const char *p;

		if (i % 2 == 0) {
			/* Also plenty of everyday magnitudes. */
			v = (double)(bits % 100000000) /
			    pow10_table[bits >> 60];
		} else {
			memcpy(&v, &bits, sizeof(v));
		}
		if (!isfinite(v)) {
			continue;
		}
		CHECK(range_format_number(v, buf, sizeof(buf)) == 0, "%a: rc",
		    v);
		CHECK(strpbrk(buf, "eEnN") == NULL, "%a: '%s'", v, buf);
		CHECK(strtod(buf, NULL) == v ||
		          (v == 0 && strcmp(buf, "0") == 0),
		    "%a: '%s' reads back as %a", v, buf, strtod(buf, NULL));
		/* No padding zeros after a point; at most 17 significant. */
		if (strchr(buf, '.') != NULL) {
			CHECK(buf[strlen(buf) - 1] != '0' &&
			          buf[strlen(buf) - 1] != '.',
			    "%a: '%s' has trailing zeros", v, buf);
		}
		p = buf + strspn(buf, "-0.");
		sig = 0;
		for (; *p != '\0'; p++) {
			sig += (*p >= '0' && *p <= '9');
		}
		if (strchr(buf, '.') == NULL) {
			/* Trailing zeros of an integer are not significant. */
			p = buf + strlen(buf);
			while (sig > 0 && p > buf && p[-1] == '0') {
				p--;
				sig--;
			}
		}
		CHECK(sig <= 17, "%a: '%s' has %zu significant digits", v, buf,
		    sig);
		checked++;
	}
	assert_true(checked > 150000);
}

static void
test_range_format_errors(void **state)
{
	struct range r = {10, 20, false, false, true}; /* "@10:20" */
	char buf[16];

	(void)state;
	memset(buf, 'x', sizeof(buf));
	assert_int_equal(range_format(&r, buf, 6), -1);
	assert_string_equal(buf, "");
	assert_int_equal(range_format(&r, buf, 7), 0);
	assert_string_equal(buf, "@10:20");
	assert_int_equal(range_format(&r, buf, 0), -1);
	assert_int_equal(range_format(NULL, buf, sizeof(buf)), -1);
	assert_int_equal(range_format(&r, NULL, 10), -1);
	r.end = NAN;
	assert_int_equal(range_format(&r, buf, sizeof(buf)), -1);
	r.end = INFINITY;
	assert_int_equal(range_format(&r, buf, sizeof(buf)), -1);

	memset(buf, 'x', sizeof(buf));
	assert_int_equal(range_format_number(0.5, buf, 3), -1);
	assert_string_equal(buf, "");
	assert_int_equal(range_format_number(0.5, buf, 4), 0);
	assert_string_equal(buf, "0.5");
	assert_int_equal(range_format_number(1e-7, buf, 9), -1);
	assert_int_equal(range_format_number(1e-7, buf, 10), 0);
	assert_int_equal(range_format_number(-10, buf, 3), -1);
	assert_int_equal(range_format_number(-10, buf, 4), 0);
	assert_int_equal(range_format_number(NAN, buf, sizeof(buf)), -1);
	assert_string_equal(buf, "");
	assert_int_equal(range_format_number(INFINITY, buf, sizeof(buf)), -1);
	assert_int_equal(range_format_number(-INFINITY, buf, sizeof(buf)), -1);
	assert_int_equal(range_format_number(1, NULL, 10), -1);
	assert_int_equal(range_format_number(1, buf, 0), -1);
	assert_int_equal(range_format_number(1e300, buf, sizeof(buf)), -1);
}

struct fixed_case {
	double v;
	int decimals;
	const char *want;
};

static const struct fixed_case fixed_cases[] = {
    {0.001234, 6, "0.001234"},
    {0.0011751, 6, "0.001175"},
    {1.5, 3, "1.500"},
    {2, 0, "2"},
    {2.5, 1, "2.5"},
    {10, 6, "10.000000"},
    {-0.0001, 2, "0.00"},
    {-0.0, 1, "0.0"},
    {-0.0, 0, "0"},
    {-0.4, 0, "0"},
    {-1.26, 1, "-1.3"},
    {-0.006, 2, "-0.01"},
    {1024.1024, 6, "1024.102400"},
    {0.1, 20, "0.10000000000000000555"},
};

static void
test_range_format_fixed_table(void **state)
{
	size_t i;
	char buf[64];

	(void)state;
	for (i = 0; i < ARRAY_LEN(fixed_cases); i++) {
		const struct fixed_case *c = &fixed_cases[i];

		memset(buf, 'x', sizeof(buf));
		CHECK(range_format_fixed(c->v, c->decimals, buf, sizeof(buf)) ==
		          0,
		    "%.17g/%d: rc", c->v, c->decimals);
		CHECK(strcmp(buf, c->want) == 0, "%.17g/%d: '%s', want '%s'",
		    c->v, c->decimals, buf, c->want);
	}
	assert_int_equal(range_format_fixed(1.5, -1, buf, sizeof(buf)), -1);
	assert_string_equal(buf, "");
	assert_int_equal(range_format_fixed(1.5, 21, buf, sizeof(buf)), -1);
	assert_int_equal(range_format_fixed(NAN, 2, buf, sizeof(buf)), -1);
	assert_int_equal(range_format_fixed(INFINITY, 2, buf, sizeof(buf)), -1);
	assert_int_equal(range_format_fixed(1.5, 3, buf, 5), -1);
	assert_int_equal(range_format_fixed(1.5, 3, buf, 6), 0);
	assert_string_equal(buf, "1.500");
	assert_int_equal(range_format_fixed(1.5, 3, NULL, 6), -1);
	assert_int_equal(range_format_fixed(1e300, 2, buf, sizeof(buf)), -1);
}

/* With a comma-decimal locale active, '.' must still be the point. */
static void
test_range_locale_independent(void **state)
{
	static const char *const names[] = {"de_DE.UTF-8", "de_DE.utf8",
	    "fr_FR.UTF-8", "fr_FR.utf8"};
	struct range r;
	char buf[RANGE_FORMAT_MAX];
	char err[256];
	size_t i;
	bool have = false;

	(void)state;
	for (i = 0; i < ARRAY_LEN(names) && !have; i++) {
		have = setlocale(LC_ALL, names[i]) != NULL;
	}
	if (!have) {
		skip();
	}
	assert_string_equal(localeconv()->decimal_point, ",");
	assert_int_equal(range_parse(&r, "0.5:1.25", err, sizeof(err)), 0);
	assert_true(r.start == 0.5 && r.end == 1.25);
	assert_int_equal(range_parse(&r, "0,5", err, sizeof(err)), -1);
	assert_int_equal(range_format(&r, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "0.5:1.25");
	assert_int_equal(range_format_number(-0.125, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "-0.125");
	assert_int_equal(range_format_fixed(0.5, 2, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "0.50");
	/* The caller's locale is back in place. */
	assert_string_equal(localeconv()->decimal_point, ",");
	(void)setlocale(LC_ALL, "C");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_range_parse_valid),
	    cmocka_unit_test(test_range_parse_invalid),
	    cmocka_unit_test(test_range_parse_limits),
	    cmocka_unit_test(test_range_alert_table),
	    cmocka_unit_test(test_thresholds_state_table),
	    cmocka_unit_test(test_thresholds_parse_fields),
	    cmocka_unit_test(test_range_format_table),
	    cmocka_unit_test(test_range_roundtrip),
	    cmocka_unit_test(test_range_format_number_table),
	    cmocka_unit_test(test_range_format_number_random_roundtrip),
	    cmocka_unit_test(test_range_format_errors),
	    cmocka_unit_test(test_range_format_fixed_table),
	    cmocka_unit_test(test_range_locale_independent),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
