/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
#include "config.h"

#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "range.h"

/*
 * fuzz_range: the threshold grammar of the Monitoring Plugins guidelines
 * ("[@][start:][end]") through range_parse(), thresholds_parse(),
 * range_format() and the number formatters.
 *
 * Input: a warning and a critical range separated by the first NUL; the
 * last 8 bytes also make a double for the number formatters. Checked: an
 * accepted range formats and parses back to the same range, which alerts
 * for the same values; a failure always says why in a NUL-terminated
 * message; thresholds_parse() agrees with range_parse() on each half and
 * the state is 0..2; a finite double formats to plain decimal (digits, one
 * '-', one '.') that reads back to the same double.
 */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char *
dup_text(const uint8_t *p, size_t n)
{
	char *s = malloc(n + 1);

	if (s != NULL) {
		memcpy(s, p, n);
		s[n] = '\0';
	}
	return s;
}

static bool
same_range(const struct range *a, const struct range *b)
{
	return a->inside == b->inside && a->start_inf == b->start_inf &&
	       a->end_inf == b->end_inf &&
	       (a->start_inf || a->start == b->start) &&
	       (a->end_inf || a->end == b->end);
}

static void
check_range(const char *text)
{
	struct range r;
	struct range back;
	char err[160];
	char buf[RANGE_FORMAT_MAX];
	static const double probes[] = {-1e300, -1.5, -1, 0, 0.5, 1, 10,
	    10.000001, 1e300};
	size_t i;

	memset(err, 'x', sizeof(err));
	if (range_parse(&r, text, err, sizeof(err)) != 0) {
		if (memchr(err, '\0', sizeof(err)) == NULL || err[0] == '\0') {
			abort();
		}
		return;
	}
	if (!r.start_inf && !r.end_inf && r.start > r.end) {
		abort();
	}
	if (range_format(&r, buf, sizeof(buf)) != 0) {
		abort();
	}
	if (strlen(buf) <= RANGE_TEXT_MAX) {
		if (range_parse(&back, buf, err, sizeof(err)) != 0 ||
		    !same_range(&r, &back)) {
			abort();
		}
		for (i = 0; i < sizeof(probes) / sizeof(probes[0]); i++) {
			if (range_alert(&r, probes[i]) !=
			    range_alert(&back, probes[i])) {
				abort();
			}
		}
	}
	/* Ends are inclusive: the start alerts exactly for "@". */
	if (!r.start_inf && range_alert(&r, r.start) != r.inside) {
		abort();
	}
	if (!range_alert(&r, NAN)) {
		abort();
	}
}

static void
check_number(double v)
{
	char buf[RANGE_NUMBER_MAX];
	char fixed[RANGE_NUMBER_MAX];
	const char *p;
	int dots = 0;

	if (range_format_number(v, buf, sizeof(buf)) != 0) {
		if (isfinite(v) || buf[0] != '\0') {
			abort();
		}
		return;
	}
	for (p = buf; *p != '\0'; p++) {
		if (*p == '.') {
			dots++;
		} else if (!(*p >= '0' && *p <= '9') &&
		           !(*p == '-' && p == buf)) {
			abort();
		}
	}
	if (dots > 1 || strtod(buf, NULL) != v) {
		abort();
	}
	if (range_format_fixed(v, 6, fixed, sizeof(fixed)) != 0) {
		abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nul = memchr(data, '\0', size);
	size_t wlen = nul != NULL ? (size_t)(nul - data) : size;
	char *warn = dup_text(data, wlen);
	char *crit = nul != NULL ? dup_text(nul + 1, size - wlen - 1) : NULL;
	struct thresholds t;
	struct range r;
	char err[160];
	double v;
	int st;
	bool ok;

	if (warn == NULL || (nul != NULL && crit == NULL)) {
		free(warn);
		free(crit);
		return 0;
	}
	check_range(warn);
	if (crit != NULL) {
		check_range(crit);
	}
	ok = thresholds_parse(&t, warn, crit, err, sizeof(err)) == 0;
	if (ok != ((warn[0] == '\0' || range_parse(&r, warn, NULL, 0) == 0) &&
	              (crit == NULL || crit[0] == '\0' ||
	                  range_parse(&r, crit, NULL, 0) == 0))) {
		abort();
	}
	if (ok) {
		st = thresholds_state(&t, 1.0);
		if (st < 0 || st > 2) {
			abort();
		}
	} else if (t.warn_set || t.crit_set) {
		abort();
	}
	if (size >= 8) {
		memcpy(&v, data + size - 8, sizeof(v));
		check_number(v);
	}
	free(warn);
	free(crit);
	return 0;
}
