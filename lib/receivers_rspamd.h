/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
/*
 * receivers_rspamd: the rspamd part of lib/receivers (internal to it):
 * which of rspamd 3.4's hfilter symbols fire on a client that Postfix hands
 * to rspamd as a milter. See receivers_rspamd.c.
 */
#ifndef RDNS_RECEIVERS_RSPAMD_H
#define RDNS_RECEIVERS_RSPAMD_H

#include <stdbool.h>
#include <stddef.h>

#include "rdns.h"

#define RECEIVERS_RSPAMD_MAX_HITS 8

struct receivers_rspamd_in {
	const char *helo;      /* the HELO argument as sent, not NULL */
	const char *hostname;  /* the name Postfix verified; NULL: none */
	bool helo_has_a;       /* the HELO name has an A record */
	bool helo_has_aaaa;    /* ... an AAAA record */
	bool helo_has_mx;      /* ... an MX record */
	size_t helo_mx_noaddr; /* MX hosts of it without A and AAAA */
};

/* The symbols that fire, in the order checked, with their scores as
   X-Spamd-Result prints them (static strings). */
struct receivers_rspamd_hits {
	size_t n;
	const char *symbol[RECEIVERS_RSPAMD_MAX_HITS];
	const char *score[RECEIVERS_RSPAMD_MAX_HITS];
};

void receivers_rspamd_judge(const struct receivers_rspamd_in *in,
    struct receivers_rspamd_hits *h);

#endif /* RDNS_RECEIVERS_RSPAMD_H */
