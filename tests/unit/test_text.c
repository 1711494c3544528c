/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
#include "config.h"

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "text.h"

/* Tests of lib/text: the error buffer, ASCII lowercase, strerror. */

static void
test_text_err(void **unused)
{
	char buf[8];

	(void)unused;
	text_err(buf, sizeof(buf), "%s %d", "abc", 42);
	assert_string_equal(buf, "abc 42");
	text_err(buf, sizeof(buf), "%s", "a long message");
	assert_string_equal(buf, "a long ");
	text_err(NULL, 10, "%s", "nothing happens");
	text_err(buf, 0, "%s", "nor here");
	assert_string_equal(buf, "a long ");
}

static void
test_text_lower(void **unused)
{
	(void)unused;
	assert_int_equal(text_lower('A'), 'a');
	assert_int_equal(text_lower('Z'), 'z');
	assert_int_equal(text_lower('a'), 'a');
	assert_int_equal(text_lower('@'), '@');
	assert_int_equal(text_lower('['), '[');
	assert_int_equal(text_lower((char)0xc4), (char)0xc4); /* not ASCII */
}

static void
test_text_strerror(void **unused)
{
	char buf[64];

	(void)unused;
	text_strerror(ECONNREFUSED, buf, sizeof(buf));
	assert_string_equal(buf, "connection refused");
	text_strerror(ENOENT, buf, 3);
	assert_string_equal(buf, "no");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_text_err),
	    cmocka_unit_test(test_text_lower),
	    cmocka_unit_test(test_text_strerror),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
