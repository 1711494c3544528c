/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
/*
 * domain: the registrable (organisational) domain of a host name, from the
 * Public Suffix List through libpsl: "mx01.mail.web.de" -> "web.de",
 * "mail.example.co.uk" -> "example.co.uk". Never a hand-made guess of
 * suffixes. The list is loaded on first use, so a plugin run that never
 * asks pays nothing.
 */
#ifndef RDNS_DOMAIN_H
#define RDNS_DOMAIN_H

#include <stdbool.h>
#include <stddef.h>

/*
 * The registrable domain of name (any case, trailing dot optional) into
 * out, lowercase, without a trailing dot. Returns 0, or -1 when name has
 * none (a public suffix itself, a single label, no list) or out is too
 * small.
 */
int domain_registrable(const char *name, char *out, size_t len);

/* Do a and b have the same registrable domain? false when either has none. */
bool domain_same_org(const char *a, const char *b);

/*
 * How many labels of name (lowercase, no trailing dot) its ICANN public
 * suffix has: 1 for "mail.example.com", 2 for "mail.example.co.uk", 0 when
 * its top label is no public suffix (".test", ".invalid"). The private
 * section of the list (cloud and hosting suffixes) is not used: for the
 * generic-name classifier "compute-1.amazonaws.com" is a provider's
 * domain, not a suffix.
 */
int domain_suffix_labels(const char *name);

/* Is name (any case, trailing dot optional) a public suffix itself? */
bool domain_is_public_suffix(const char *name);

#endif /* RDNS_DOMAIN_H */
