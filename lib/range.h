/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
/*
 * range.h - threshold ranges of the Monitoring Plugins guidelines.
 *
 * Parses "[@][start:][end]" strictly, decides whether a value raises an
 * alert, maps a value to OK/WARNING/CRITICAL through a warning and a
 * critical range, and prints ranges and numbers for perfdata.
 */
#ifndef RDNS_RANGE_H
#define RDNS_RANGE_H

#include <stdbool.h>
#include <stddef.h>

/* Longest range text range_parse() accepts, in bytes (without the NUL). */
#define RANGE_TEXT_MAX 64

/*
 * Buffer size that always holds range_format_number() of any finite double
 * (plain decimal, so up to 309 integer digits or 323 leading fraction zeros),
 * including the NUL.
 */
#define RANGE_NUMBER_MAX 352

/* Buffer size that always holds range_format() of any range, with the NUL. */
#define RANGE_FORMAT_MAX (2 * RANGE_NUMBER_MAX + 4)

/* Largest "decimals" accepted by range_format_fixed(). */
#define RANGE_FIXED_DECIMALS_MAX 20

struct range {
	double start;   /* ignored when start_inf */
	double end;     /* ignored when end_inf */
	bool start_inf; /* "~:" */
	bool end_inf;   /* "N:" */
	bool inside;    /* "@": alert when inside [start,end]; else outside */
};

struct thresholds {
	bool warn_set;
	bool crit_set;
	struct range warn;
	struct range crit;
};

/*
 * Parse a range "[@][start:][end]".
 *
 * start is a decimal number or "~" (minus infinity) and is 0 when there is
 * no colon; an empty start before a colon is 0 too (":5" is 0..5). end is a
 * decimal number, or empty after a colon (plus infinity). "~:" alone is the
 * whole line (never alerts; "@~:" always alerts). A number is an optional
 * sign and base-10 digits with an optional fraction ("5", "-7", "+2",
 * "0.5", ".5", "5."); "010" is ten. Rejected: exponents, hex, inf/nan,
 * spaces, trailing characters ("1:12%"), a second colon, "~" anywhere but
 * as start, start > end, non-finite values, more than RANGE_TEXT_MAX bytes.
 * Parsing does not depend on the locale set by setlocale().
 *
 * r:      out; written only on success (must not be NULL).
 * text:   in; the range (NULL is an error).
 * err:    out, may be NULL; on failure a one-line lowercase reason that
 *         quotes the text, e.g. "range '2:1': start is greater than end".
 *         Non-printable bytes of the text are shown as \xNN.
 * errlen: size of err.
 *
 * Returns 0 on success, -1 on error.
 */
int range_parse(struct range *r, const char *text, char *err, size_t errlen);

/*
 * Whether value raises an alert for r. Ends are inclusive: "10" alerts for
 * value < 0 or > 10, "~:0" does not alert at 0, "@1:1" alerts at exactly 1.
 * NaN always alerts. r must not be NULL (a NULL r alerts).
 */
bool range_alert(const struct range *r, double value);

/*
 * Parse a warning and a critical range into t.
 *
 * warn, crit: in; NULL or "" means "not set" (warn_set/crit_set false).
 * t:          out; cleared first, so on error nothing is set.
 * err/errlen: as in range_parse(), the reason starts with "warning " or
 *             "critical ", e.g. "critical range 'foo': ...".
 *
 * Returns 0 on success, -1 when a range is malformed (or t is NULL).
 */
int thresholds_parse(struct thresholds *t, const char *warn, const char *crit,
    char *err, size_t errlen);

/*
 * State of value under t: 2 (CRITICAL) when the critical range is set and
 * alerts, else 1 (WARNING) when the warning range is set and alerts, else 0
 * (OK). A NULL t gives 0.
 */
int thresholds_state(const struct thresholds *t, double value);

/*
 * Canonical text of r for the warn/crit fields of perfdata: "@" when inside,
 * "~:" for an infinite start, the start omitted when it is 0, not inside and
 * the end is finite ("10", not "0:10"; but "0:" and "@0:10"), "N:" for an
 * infinite end. Numbers as range_format_number(). The result parses back to
 * an equal range with range_parse() when it fits in RANGE_TEXT_MAX.
 *
 * buf/len: out; caller's buffer (RANGE_FORMAT_MAX always fits).
 * Returns 0, or -1 when r or buf is NULL, buf is too small, or a finite end
 * is not a finite number (buf then holds "" when len > 0).
 */
int range_format(const struct range *r, char *buf, size_t len);

/*
 * Format v as a plain decimal with the fewest significant digits that read
 * back to the same double (0.5 -> "0.5", 10 -> "10", 1e-7 -> "0.0000001",
 * 0.1 + 0.2 -> "0.30000000000000004"). Never exponent notation, "-0" is
 * printed "0", '.' is the decimal point whatever the locale.
 *
 * buf/len: out; caller's buffer (RANGE_NUMBER_MAX always fits).
 * Returns 0, or -1 when buf is NULL or too small or v is NaN or infinite
 * (buf then holds "" when len > 0).
 */
int range_format_number(double v, char *buf, size_t len);

/*
 * Format v with exactly decimals digits after the point ("%.*f" with '.'
 * whatever the locale, trailing zeros kept: 0.001234 with 6 -> "0.001234",
 * 1.5 with 3 -> "1.500"). A result that rounds to zero has no minus sign
 * (-0.0001 with 2 -> "0.00").
 *
 * decimals: 0..RANGE_FIXED_DECIMALS_MAX.
 * buf/len:  out; caller's buffer.
 * Returns 0, or -1 when buf is NULL or too small, decimals is out of range
 * or v is NaN or infinite (buf then holds "" when len > 0).
 */
int range_format_fixed(double v, int decimals, char *buf, size_t len);

#endif /* RDNS_RANGE_H */
