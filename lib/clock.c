/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
#include "config.h"

#include <limits.h>
#include <math.h>
#include <time.h>

#include "clock.h"

/*
 * clock: monotonic seconds and remaining poll() budgets.
 */

double
clock_now(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0) {
		return 0.0;
	}
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int
clock_remaining_ms(double deadline)
{
	double left = (deadline - clock_now()) * 1000.0;

	if (!(left > 0.0)) {
		return 0;
	}
	if (left >= (double)INT_MAX) {
		return INT_MAX;
	}
	return (int)ceil(left);
}
