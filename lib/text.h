/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
/*
 * text: the small string helpers every module wanted a copy of: the
 * error-buffer writer, ASCII lowercasing (never <ctype.h>, which follows
 * the locale) and strerror() in the suite's lowercase.
 */
#ifndef RDNS_TEXT_H
#define RDNS_TEXT_H

#include <stddef.h>

/*
 * printf into an optional error buffer (err NULL or errlen 0: nothing);
 * a message cut to fit errlen is still the best we can give.
 */
void text_err(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* c lowercased if it is an ASCII capital, else c. */
char text_lower(char c);

/*
 * strerror(e) with its first letter lowercased, as the suite's errors are
 * written ("connection refused"), into buf (always NUL-terminated).
 */
void text_strerror(int e, char *buf, size_t len);

#endif /* RDNS_TEXT_H */
