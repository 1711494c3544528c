/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
/*
 * receivers_sa: the SpamAssassin part of lib/receivers (internal to it):
 * which of SpamAssassin 4.0.1's rDNS and HELO rules fire on the Received
 * header Postfix writes. See receivers_sa.c.
 */
#ifndef RDNS_RECEIVERS_SA_H
#define RDNS_RECEIVERS_SA_H

#include <stdbool.h>
#include <stddef.h>

#include "rdns.h"

#define RECEIVERS_SA_MAX_HITS 16

/* The rules that fire, in the order checked, with their score set 0
   scores as SpamAssassin prints them (static strings). */
struct receivers_sa_hits {
	size_t n;
	const char *rule[RECEIVERS_SA_MAX_HITS];
	const char *score[RECEIVERS_SA_MAX_HITS];
};

/*
 * client: the address as text; rdns: the name Postfix verified, "" when it
 * wrote "unknown"; helo: the HELO argument as sent (not NULL).
 */
void receivers_sa_judge(const char *client, const char *rdns, const char *helo,
    struct receivers_sa_hits *h);

/* Every rule receivers_sa_judge can name, NULL-terminated (static). */
extern const char *const receivers_sa_rules[];

#endif /* RDNS_RECEIVERS_SA_H */
