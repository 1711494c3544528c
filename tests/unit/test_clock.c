/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
#include "config.h"

#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <cmocka.h>

#include "clock.h"

/* Unit tests of lib/clock: monotonic seconds and poll() budgets. */

static void
test_clock_monotonic(void **unused)
{
	double a;
	double b;
	struct timespec pause = {0, 20 * 1000 * 1000};

	(void)unused;
	a = clock_now();
	nanosleep(&pause, NULL);
	b = clock_now();
	assert_true(a > 0.0);
	assert_true(b - a >= 0.019);
	assert_true(b - a < 1.0);
}

static void
test_clock_remaining_table(void **unused)
{
	static const struct {
		double offset; /* deadline - now, seconds */
		int min;
		int max;
	} cases[] = {
	    {-10.0, 0, 0},
	    {-0.0001, 0, 0},
	    {0.0005, 0, 1}, /* rounded up: never wake early */
	    {0.25, 240, 251},
	    {2.0, 1990, 2001},
	    {1e12, INT_MAX, INT_MAX},
	};
	size_t i;

	(void)unused;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int ms = clock_remaining_ms(clock_now() + cases[i].offset);

		if (ms < cases[i].min || ms > cases[i].max) {
			print_error("case %zu: %d ms not in %d..%d\n", i, ms,
			    cases[i].min, cases[i].max);
		}
		assert_in_range(ms, cases[i].min, cases[i].max);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_clock_monotonic),
	    cmocka_unit_test(test_clock_remaining_table),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
