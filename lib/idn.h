/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
/*
 * idn: names as people type them. A name with U-labels
 * ("mäil.bücher.example") becomes its A-label form
 * ("xn--mil-loa.xn--bcher-kva.example") through libidn2 (IDNA2008 with
 * the UTS #46 non-transitional mapping, as browsers and MTAs do), so
 * every option that takes a name compares and asks what DNS holds.
 * Plain ASCII is copied as it is, without calling libidn2.
 */
#ifndef RDNS_IDN_H
#define RDNS_IDN_H

#include <stdbool.h>
#include <stddef.h>

/* Does text hold a byte outside ASCII (a U-label to convert)? */
bool idn_is_unicode(const char *text);

/*
 * The A-label form of name (UTF-8) into out (len bytes). ASCII names are
 * copied unchanged. Returns 0, or -1 with a one-line reason in err (not
 * UTF-8, a label IDNA2008 forbids, too long).
 */
int idn_to_ascii(const char *name, char *out, size_t len, char *err,
    size_t errlen);

/*
 * The U-label form of an A-label name (for showing both), into out; a
 * name without "xn--" labels, or one libidn2 cannot decode, is copied as
 * it is. Returns 0, or -1 when out is too small.
 */
int idn_to_unicode(const char *name, char *out, size_t len);

#endif /* RDNS_IDN_H */
