/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "text.h"

void
text_err(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL || errlen == 0) {
		return;
	}
	va_start(ap, fmt);
	(void)vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

char
text_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

void
text_strerror(int e, char *buf, size_t len)
{
	if (len == 0) {
		return;
	}
	snprintf(buf, len, "%s", strerror(e));
	buf[0] = text_lower(buf[0]);
}
