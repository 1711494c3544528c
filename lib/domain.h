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

/* Is name (any case, trailing dot optional) a public suffix itself? */
bool domain_is_public_suffix(const char *name);

#endif /* RDNS_DOMAIN_H */
