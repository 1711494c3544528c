/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>

#include <cmocka.h>

#include "opts.h"

/* Unit tests of lib/opts: each shared option, good and bad values. */

struct opt_case {
	int opt;
	const char *arg;
	enum opts_result want;
};

static void
test_opts_handle_table(void **unused)
{
	static const struct opt_case cases[] = {
	    {'H', "192.0.2.1", OPTS_OK},
	    {'H', "", OPTS_ERROR},
	    {'H',
	        "b\xc3\xbc"
	        "cher.example",
	        OPTS_OK}, /* an IDN */
	    /* U+034F maps to nothing: no name left (found by fuzz_opts) */
	    {'H', "\xcd\x8f", OPTS_ERROR},
	    {'H', "\xe2\x80\x8b\xcd\x8f", OPTS_ERROR},
	    {'s', "127.0.0.1", OPTS_OK},
	    {'s', "::1", OPTS_OK},
	    {'s', "localhost", OPTS_ERROR},
	    {'s', "127.0.0.1#53", OPTS_ERROR},
	    /* A scope on IPv6 only; the interface is checked later. */
	    {'s', "fe80::1%eth0", OPTS_OK},
	    {'s', "127.0.0.1%lo", OPTS_ERROR},
	    {'s', "%lo", OPTS_ERROR},
	    {OPTS_DNS_PORT, "5300", OPTS_OK},
	    {OPTS_DNS_PORT, "0", OPTS_ERROR},
	    {OPTS_DNS_PORT, "65536", OPTS_ERROR},
	    {OPTS_DNS_PORT, "53x", OPTS_ERROR},
	    {OPTS_DNS_PORT, "-1", OPTS_ERROR},
	    {OPTS_DNS_PORT, " 53", OPTS_ERROR},
	    {OPTS_TCP, NULL, OPTS_OK},
	    {'t', "10", OPTS_OK},
	    {'t', "0.5", OPTS_OK},
	    {'t', "5:unknown", OPTS_OK},
	    {'t', "5:3", OPTS_OK},
	    {'t', "0", OPTS_ERROR},
	    {'t', "-1", OPTS_ERROR},
	    {'t', "1e3", OPTS_ERROR},
	    {'t', "5:sometimes", OPTS_ERROR},
	    {'t', "5:", OPTS_ERROR},
	    {'t', "3601", OPTS_ERROR},
	    {'t', "abc", OPTS_ERROR},
	    {'w', "whatever", OPTS_OK}, /* checked by opts_finish */
	    {'v', NULL, OPTS_OK},
	    {'V', NULL, OPTS_VERSION},
	    {'h', NULL, OPTS_HELP},
	    {'e', "x", OPTS_NOT_MINE},
	    {'p', "25", OPTS_NOT_MINE},
	};
	struct opts_common c;
	char err[256];
	size_t i;

	(void)unused;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		enum opts_result r;

		opts_init(&c);
		err[0] = '\0';
		r = opts_handle(&c, cases[i].opt, cases[i].arg, err,
		    sizeof(err));
		if (r != cases[i].want) {
			print_error("case %zu: opt %d arg '%s': got %d\n", i,
			    cases[i].opt,
			    cases[i].arg != NULL ? cases[i].arg : "", r);
		}
		assert_int_equal(r, cases[i].want);
		if (r == OPTS_ERROR) {
			assert_true(strlen(err) > 0);
			assert_null(strchr(err, '\n'));
		}
	}
}

static void
test_opts_values_stored(void **unused)
{
	struct opts_common c;
	char err[256];

	(void)unused;
	opts_init(&c);
	assert_int_equal(c.dns_port, 53);
	assert_true(c.timeout == 10.0);
	assert_int_equal(c.timeout_state, STATE_CRITICAL);
	assert_int_equal(c.family, AF_UNSPEC);
	assert_int_equal(opts_handle(&c, 't', "2.5:warning", err, sizeof(err)),
	    OPTS_OK);
	assert_true(c.timeout == 2.5);
	assert_int_equal(c.timeout_state, STATE_WARNING);
	assert_int_equal(opts_handle(&c, 't', "010", err, sizeof(err)),
	    OPTS_OK);
	assert_true(c.timeout == 10.0); /* decimal, never octal */
	assert_int_equal(opts_handle(&c, OPTS_DNS_PORT, "5300", err,
	                     sizeof(err)),
	    OPTS_OK);
	assert_int_equal(c.dns_port, 5300);
	assert_int_equal(opts_handle(&c, 'H', "a.example", err, sizeof(err)),
	    OPTS_OK);
	assert_int_equal(opts_handle(&c, 'H', "b.example", err, sizeof(err)),
	    OPTS_OK);
	assert_int_equal(c.nhosts, 2);
	assert_string_equal(c.hosts[1], "b.example");
	assert_int_equal(opts_handle(&c, 'v', NULL, err, sizeof(err)), OPTS_OK);
	assert_int_equal(opts_handle(&c, 'v', NULL, err, sizeof(err)), OPTS_OK);
	assert_int_equal(c.verbose, 2);
}

static void
test_opts_family_exclusive(void **unused)
{
	struct opts_common c;
	char err[256];

	(void)unused;
	opts_init(&c);
	assert_int_equal(opts_handle(&c, '4', NULL, err, sizeof(err)), OPTS_OK);
	assert_int_equal(c.family, AF_INET);
	assert_int_equal(opts_handle(&c, '6', NULL, err, sizeof(err)),
	    OPTS_ERROR);
	assert_non_null(strstr(err, "-4 and -6"));
}

static void
test_opts_limits(void **unused)
{
	struct opts_common c;
	char err[256];
	int i;

	(void)unused;
	opts_init(&c);
	for (i = 0; i < OPTS_MAX_SERVERS; i++) {
		assert_int_equal(opts_handle(&c, 's', "127.0.0.1", err,
		                     sizeof(err)),
		    OPTS_OK);
	}
	assert_int_equal(opts_handle(&c, 's', "127.0.0.1", err, sizeof(err)),
	    OPTS_ERROR);
	for (i = 0; i < OPTS_MAX_HOSTS; i++) {
		assert_int_equal(opts_handle(&c, 'H', "h", err, sizeof(err)),
		    OPTS_OK);
	}
	assert_int_equal(opts_handle(&c, 'H', "h", err, sizeof(err)),
	    OPTS_ERROR);
}

static void
test_opts_finish_thresholds(void **unused)
{
	static const struct {
		const char *w, *c;
		int want;
	} cases[] = {
	    {NULL, NULL, 0},
	    {"0.5", "1", 0},
	    {"@1:2", NULL, 0},
	    {NULL, "~:3", 0},
	    {"2:1", NULL, -1},
	    {NULL, "1-10", -1},
	    {"foo", NULL, -1},
	    {"1,10", "5", -1},
	    {"010", NULL, 0},
	};
	struct opts_common c;
	char err[256];
	size_t i;

	(void)unused;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		opts_init(&c);
		c.warn_text = cases[i].w;
		c.crit_text = cases[i].c;
		err[0] = '\0';
		assert_int_equal(opts_finish(&c, err, sizeof(err)),
		    cases[i].want);
		if (cases[i].want != 0) {
			assert_true(strlen(err) > 0);
		}
	}
	opts_init(&c);
	c.warn_text = "010";
	assert_int_equal(opts_finish(&c, err, sizeof(err)), 0);
	assert_true(c.th.warn_set);
	assert_true(c.th.warn.end == 10.0);
}

static void
test_opts_merge(void **unused)
{
	static const struct option extra[] = {
	    {"expect", required_argument, NULL, 'e'},
	    {NULL, 0, NULL, 0},
	};
	struct option all[32];
	struct option tiny[4];
	size_t n = 0;

	(void)unused;
	assert_int_equal(opts_merge(all, 32, extra), 0);
	while (all[n].name != NULL) {
		n++;
	}
	assert_string_equal(all[n - 1].name, "expect");
	assert_string_equal(all[0].name, "hostname");
	assert_int_equal(opts_merge(tiny, 4, extra), -1);
}

static void
test_opts_parse_numbers(void **unused)
{
	unsigned long v;
	double d;

	(void)unused;
	assert_int_equal(opts_parse_uint("25", 1, 65535, &v), 0);
	assert_int_equal(v, 25);
	assert_int_equal(opts_parse_uint("+25", 1, 65535, &v), -1);
	assert_int_equal(opts_parse_uint("0x19", 1, 65535, &v), -1);
	assert_int_equal(opts_parse_uint("99999999999999999999", 1, 65535, &v),
	    -1);
	assert_int_equal(opts_parse_seconds("1.5", 10, &d), 0);
	assert_true(d == 1.5);
	assert_int_equal(opts_parse_seconds("11", 10, &d), -1);
	assert_int_equal(opts_parse_seconds("1:2", 10, &d), -1);
	assert_int_equal(opts_parse_seconds("@1", 10, &d), -1);
	assert_int_equal(opts_parse_seconds("nan", 10, &d), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_opts_handle_table),
	    cmocka_unit_test(test_opts_values_stored),
	    cmocka_unit_test(test_opts_family_exclusive),
	    cmocka_unit_test(test_opts_limits),
	    cmocka_unit_test(test_opts_finish_thresholds),
	    cmocka_unit_test(test_opts_merge),
	    cmocka_unit_test(test_opts_parse_numbers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
