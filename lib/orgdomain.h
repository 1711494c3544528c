/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
/*
 * orgdomain: the registrable domain of a name ("_spf.google.com" ->
 * "google.com", "mail.example.co.uk" -> "example.co.uk") from the Public
 * Suffix List through libpsl: the newest of its built-in list and the
 * system's (Debian: publicsuffix), loaded once on first use. Only the
 * plugins that ask (check_fcrdns --spf) link libpsl; the library's other
 * modules never call this, so check_ptr does not pay for it.
 */
#ifndef RDNS_ORGDOMAIN_H
#define RDNS_ORGDOMAIN_H

#include <stddef.h>

/*
 * The registrable domain of name (presentation form, trailing dot
 * allowed), lowercase and without a trailing dot, into buf. Returns 0, or
 * -1 when name is itself a public suffix, not a name, or the list could
 * not be loaded. The signature of spf_registrable_fn (lib/spf).
 */
int orgdomain_registrable(const char *name, char *buf, size_t len);

/* Free the list when it was loaded; the next call loads it again. */
void orgdomain_release(void);

#endif /* RDNS_ORGDOMAIN_H */
