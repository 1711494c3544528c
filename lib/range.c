/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "range.h"
#include "text.h"

/*
 * range - threshold ranges of the Monitoring Plugins Development Guidelines
 * ("Threshold and ranges" section): "[@][start:][end]", start defaults to
 * 0, "~" is minus infinity, an empty end is plus infinity, ends inclusive,
 * "@" alerts inside instead of outside; critical is checked before warning.
 *
 * Unlike upstream's parsers this one is strict: base 10 only ("010" is ten,
 * where upstream's strtoll base 0 reads eight), no trailing characters
 * ("1:12%" is an error, upstream ignores the "%"), start <= end always
 * checked, and "~:N" does not alert at N (the guidelines' reading, not
 * mp_check_range's). Numbers are read and written in the "C" numeric
 * locale, so a plugin that calls setlocale() still uses '.'.
 *
 * Pure: no I/O, no globals; the only allocation is a transient locale
 * object, freed before returning.
 */

/* Digits "%.*e" needs at most to read back as the same double. */
#define ROUND_TRIP_DIGITS 17

/* Room for a quoted copy of a range text in an error message. */
#define QUOTE_MAX (RANGE_TEXT_MAX * 4 + 8)

/* Make text safe to quote on one line: \xNN for odd bytes, cut when long. */
static void
quote_text(const char *text, char *out, size_t outlen)
{
	size_t i, o = 0;

	for (i = 0; text[i] != '\0' && i < RANGE_TEXT_MAX; i++) {
		unsigned char c = (unsigned char)text[i];
		int n;

		if (c >= 0x20 && c < 0x7f && c != '\\') {
			n = snprintf(out + o, outlen - o, "%c", c);
		} else {
			n = snprintf(out + o, outlen - o, "\\x%02x", c);
		}
		if (n < 0 || (size_t)n >= outlen - o) {
			out[o] = '\0';
			return;
		}
		o += (size_t)n;
	}
	if (text[i] != '\0' && outlen - o > 3) {
		memcpy(out + o, "...", 4);
	}
}

/* Switch this thread to the "C" numeric locale; -1 if none can be made. */
static int
c_numeric_enter(locale_t *cloc, locale_t *prev)
{
	*cloc = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
	if (*cloc == (locale_t)0) {
		return -1;
	}
	*prev = uselocale(*cloc);
	return 0;
}

/* Undo c_numeric_enter(). */
static void
c_numeric_leave(locale_t cloc, locale_t prev)
{
	(void)uselocale(prev);
	freelocale(cloc);
}

/* True for [+-]?(D+(.D*)?|.D+) exactly filling s[0..n). */
static bool
is_decimal(const char *s, size_t n)
{
	size_t i = 0, int_digits = 0, frac_digits = 0;

	if (i < n && (s[i] == '+' || s[i] == '-')) {
		i++;
	}
	while (i < n && s[i] >= '0' && s[i] <= '9') {
		i++;
		int_digits++;
	}
	if (i < n && s[i] == '.') {
		i++;
		while (i < n && s[i] >= '0' && s[i] <= '9') {
			i++;
			frac_digits++;
		}
	}
	return i == n && int_digits + frac_digits > 0;
}

/*
 * Read the decimal s[0..n) into *out. Returns 0, -1 for bad syntax, -2 for
 * a value that is not finite, -3 when no "C" locale could be made.
 */
static int
parse_decimal(const char *s, size_t n, double *out)
{
	char copy[RANGE_TEXT_MAX + 1];
	char *end = NULL;
	locale_t cloc, prev;
	double v;

	if (n > RANGE_TEXT_MAX || !is_decimal(s, n)) {
		return -1;
	}
	memcpy(copy, s, n);
	copy[n] = '\0';
	if (c_numeric_enter(&cloc, &prev) != 0) {
		return -3;
	}
	v = strtod(copy, &end);
	c_numeric_leave(cloc, prev);
	if (end != copy + n) {
		return -1;
	}
	if (!isfinite(v)) {
		return -2;
	}
	if (v == 0) {
		v = 0; /* no negative zero */
	}
	*out = v;
	return 0;
}

/* One side of a range; *is_inf set for "~" when allow_tilde. */
static int
parse_bound(const char *s, size_t n, bool allow_tilde, double *v, bool *is_inf,
    const char *what, const char *quoted, char *err, size_t errlen)
{
	int rc;

	*is_inf = false;
	if (n == 1 && s[0] == '~') {
		if (allow_tilde) {
			*is_inf = true;
			return 0;
		}
		text_err(err, errlen,
		    "range '%s': '~' is only allowed as start", quoted);
		return -1;
	}
	rc = parse_decimal(s, n, v);
	if (rc == -2) {
		text_err(err, errlen, "range '%s': %s is not a finite number",
		    quoted, what);
	} else if (rc == -3) {
		text_err(err, errlen, "range '%s': cannot set the C locale",
		    quoted);
	} else if (rc != 0) {
		text_err(err, errlen, "range '%s': %s is not a decimal number",
		    quoted, what);
	}
	return rc == 0 ? 0 : -1;
}

/* Parse with a prefix ("", "warning ", "critical ") for the message. */
static int
parse_range(struct range *r, const char *text, const char *who, char *err,
    size_t errlen)
{
	char quoted[QUOTE_MAX];
	char reason[QUOTE_MAX + 96];
	struct range tmp;
	const char *p, *colon, *endp;
	size_t len;

	if (r == NULL) {
		text_err(err, errlen, "%srange: no result given", who);
		return -1;
	}
	if (text == NULL) {
		text_err(err, errlen, "%srange missing", who);
		return -1;
	}
	memset(&tmp, 0, sizeof(tmp));
	quote_text(text, quoted, sizeof(quoted));
	len = strnlen(text, RANGE_TEXT_MAX + 1);
	if (len > RANGE_TEXT_MAX) {
		text_err(err, errlen, "%srange '%s': longer than %d characters",
		    who, quoted, RANGE_TEXT_MAX);
		return -1;
	}
	if (len == 0) {
		text_err(err, errlen, "%srange '': empty", who);
		return -1;
	}

	/* Errors from here on go through reason, then get the prefix. */
	reason[0] = '\0';
	p = text;
	endp = text + len;
	if (*p == '@') {
		tmp.inside = true;
		p++;
	}
	colon = memchr(p, ':', (size_t)(endp - p));
	if (colon == NULL) {
		if (p == endp) {
			text_err(reason, sizeof(reason),
			    "range '%s': no end given", quoted);
			goto fail;
		}
		if (parse_bound(p, (size_t)(endp - p), false, &tmp.end,
		        &tmp.end_inf, "end", quoted, reason,
		        sizeof(reason)) != 0) {
			goto fail;
		}
		tmp.start = 0;
	} else {
		if (memchr(colon + 1, ':', (size_t)(endp - colon - 1)) !=
		    NULL) {
			text_err(reason, sizeof(reason),
			    "range '%s': more than one ':'", quoted);
			goto fail;
		}
		if (colon == p && colon + 1 == endp) {
			text_err(reason, sizeof(reason),
			    "range '%s': neither start nor end given", quoted);
			goto fail;
		}
		if (colon == p) {
			tmp.start = 0;
		} else if (parse_bound(p, (size_t)(colon - p), true, &tmp.start,
		               &tmp.start_inf, "start", quoted, reason,
		               sizeof(reason)) != 0) {
			goto fail;
		}
		if (colon + 1 == endp) {
			tmp.end_inf = true;
		} else if (parse_bound(colon + 1, (size_t)(endp - colon - 1),
		               false, &tmp.end, &tmp.end_inf, "end", quoted,
		               reason, sizeof(reason)) != 0) {
			goto fail;
		}
	}
	if (!tmp.start_inf && !tmp.end_inf && tmp.start > tmp.end) {
		text_err(reason, sizeof(reason),
		    "range '%s': start is greater than end", quoted);
		goto fail;
	}
	*r = tmp;
	return 0;

fail:
	text_err(err, errlen, "%s%s", who, reason);
	return -1;
}

int
range_parse(struct range *r, const char *text, char *err, size_t errlen)
{
	return parse_range(r, text, "", err, errlen);
}

bool
range_alert(const struct range *r, double value)
{
	bool in;

	if (r == NULL || isnan(value)) {
		return true;
	}
	in = (r->start_inf || value >= r->start) &&
	     (r->end_inf || value <= r->end);
	return r->inside ? in : !in;
}

int
thresholds_parse(struct thresholds *t, const char *warn, const char *crit,
    char *err, size_t errlen)
{
	if (t == NULL) {
		text_err(err, errlen, "thresholds: no result buffer");
		return -1;
	}
	memset(t, 0, sizeof(*t));
	if (warn != NULL && warn[0] != '\0') {
		if (parse_range(&t->warn, warn, "warning ", err, errlen) != 0) {
			return -1;
		}
		t->warn_set = true;
	}
	if (crit != NULL && crit[0] != '\0') {
		if (parse_range(&t->crit, crit, "critical ", err, errlen) !=
		    0) {
			memset(t, 0, sizeof(*t));
			return -1;
		}
		t->crit_set = true;
	}
	return 0;
}

int
thresholds_state(const struct thresholds *t, double value)
{
	if (t == NULL) {
		return 0;
	}
	if (t->crit_set && range_alert(&t->crit, value)) {
		return 2;
	}
	if (t->warn_set && range_alert(&t->warn, value)) {
		return 1;
	}
	return 0;
}

/* Clear buf when there is room, then fail. */
static int
fail_buf(char *buf, size_t len)
{
	if (buf != NULL && len > 0) {
		buf[0] = '\0';
	}
	return -1;
}

/*
 * Shortest "%.*e" of v (v finite, not zero, positive) that reads back as v:
 * significant digits into digits (no point, trailing zeros cut), the
 * decimal exponent into *exp10. Must run in the "C" numeric locale.
 */
static int
shortest_digits(double v, char *digits, size_t dlen, int *exp10)
{
	char tmp[ROUND_TRIP_DIGITS + 16];
	const char *e;
	size_t nd = 0, i;
	int prec, n;

	for (prec = 1; prec <= ROUND_TRIP_DIGITS; prec++) {
		n = snprintf(tmp, sizeof(tmp), "%.*e", prec - 1, v);
		if (n < 0 || (size_t)n >= sizeof(tmp)) {
			return -1;
		}
		if (strtod(tmp, NULL) == v) {
			break;
		}
	}
	if (prec > ROUND_TRIP_DIGITS) {
		return -1;
	}
	e = strchr(tmp, 'e');
	if (e == NULL) {
		return -1;
	}
	for (i = 0; tmp + i < e; i++) {
		if (tmp[i] >= '0' && tmp[i] <= '9') {
			if (nd + 1 >= dlen) {
				return -1;
			}
			digits[nd++] = tmp[i];
		}
	}
	while (nd > 1 && digits[nd - 1] == '0') {
		nd--;
	}
	digits[nd] = '\0';
	*exp10 = (int)strtol(e + 1, NULL, 10);
	return 0;
}

/* Append s[0..n) at *pos, keeping buf NUL-terminated; -1 when full. */
static int
put_mem(char *buf, size_t len, size_t *pos, const char *s, size_t n)
{
	if (n >= len - *pos) {
		return -1;
	}
	memcpy(buf + *pos, s, n);
	*pos += n;
	buf[*pos] = '\0';
	return 0;
}

/* Append the string s; -1 when full. */
static int
put_str(char *buf, size_t len, size_t *pos, const char *s)
{
	return put_mem(buf, len, pos, s, strlen(s));
}

/* Append n zeros; -1 when full. */
static int
put_zeros(char *buf, size_t len, size_t *pos, size_t n)
{
	if (n >= len - *pos) {
		return -1;
	}
	memset(buf + *pos, '0', n);
	*pos += n;
	buf[*pos] = '\0';
	return 0;
}

/* Body of range_format_number(), in the "C" numeric locale already. */
static int
format_number_c(double v, char *buf, size_t len)
{
	char digits[ROUND_TRIP_DIGITS + 2];
	size_t pos = 0, nd, ni;
	int exp10;

	buf[0] = '\0';
	if (v == 0) {
		return put_str(buf, len, &pos, "0");
	}
	if (v < 0 && put_str(buf, len, &pos, "-") != 0) {
		return -1;
	}
	if (shortest_digits(v < 0 ? -v : v, digits, sizeof(digits), &exp10) !=
	    0) {
		return -1;
	}
	nd = strlen(digits);
	if (exp10 < 0) {
		/* 0.000ddd: -exp10 - 1 zeros after the point. */
		if (put_str(buf, len, &pos, "0.") != 0 ||
		    put_zeros(buf, len, &pos, (size_t)(-exp10 - 1)) != 0 ||
		    put_str(buf, len, &pos, digits) != 0) {
			return -1;
		}
		return 0;
	}
	ni = (size_t)exp10 + 1; /* digits before the point */
	if (nd <= ni) {
		/* Integer: all digits, then zeros up to the exponent. */
		if (put_str(buf, len, &pos, digits) != 0 ||
		    put_zeros(buf, len, &pos, ni - nd) != 0) {
			return -1;
		}
		return 0;
	}
	if (put_mem(buf, len, &pos, digits, ni) != 0 ||
	    put_str(buf, len, &pos, ".") != 0 ||
	    put_str(buf, len, &pos, digits + ni) != 0) {
		return -1;
	}
	return 0;
}

int
range_format_number(double v, char *buf, size_t len)
{
	locale_t cloc, prev;
	int rc;

	if (buf == NULL || len == 0 || !isfinite(v)) {
		return fail_buf(buf, len);
	}
	if (c_numeric_enter(&cloc, &prev) != 0) {
		return fail_buf(buf, len);
	}
	rc = format_number_c(v, buf, len);
	c_numeric_leave(cloc, prev);
	return rc == 0 ? 0 : fail_buf(buf, len);
}

/* True when s is "-" followed only by zeros and a point. */
static bool
is_minus_zero(const char *s)
{
	if (s[0] != '-') {
		return false;
	}
	return s[1 + strspn(s + 1, "0.")] == '\0';
}

int
range_format_fixed(double v, int decimals, char *buf, size_t len)
{
	locale_t cloc, prev;
	int n;

	if (buf == NULL || len == 0 || !isfinite(v) || decimals < 0 ||
	    decimals > RANGE_FIXED_DECIMALS_MAX) {
		return fail_buf(buf, len);
	}
	if (c_numeric_enter(&cloc, &prev) != 0) {
		return fail_buf(buf, len);
	}
	n = snprintf(buf, len, "%.*f", decimals, v);
	c_numeric_leave(cloc, prev);
	if (n < 0 || (size_t)n >= len) {
		return fail_buf(buf, len);
	}
	if (is_minus_zero(buf)) {
		memmove(buf, buf + 1, (size_t)n); /* n bytes incl. the NUL */
	}
	return 0;
}

int
range_format(const struct range *r, char *buf, size_t len)
{
	char num[RANGE_NUMBER_MAX];
	size_t pos = 0;

	if (r == NULL || buf == NULL || len == 0) {
		return fail_buf(buf, len);
	}
	buf[0] = '\0';
	if (r->inside && put_str(buf, len, &pos, "@") != 0) {
		return fail_buf(buf, len);
	}
	if (r->start_inf) {
		if (put_str(buf, len, &pos, "~:") != 0) {
			return fail_buf(buf, len);
		}
	} else if (r->start != 0 || r->inside || r->end_inf) {
		if (range_format_number(r->start, num, sizeof(num)) != 0 ||
		    put_str(buf, len, &pos, num) != 0 ||
		    put_str(buf, len, &pos, ":") != 0) {
			return fail_buf(buf, len);
		}
	}
	if (!r->end_inf) {
		if (range_format_number(r->end, num, sizeof(num)) != 0 ||
		    put_str(buf, len, &pos, num) != 0) {
			return fail_buf(buf, len);
		}
	}
	return 0;
}
