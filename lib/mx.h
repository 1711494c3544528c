/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
/*
 * mx: the MX set of a mail domain and what is wrong with it.
 *
 * From the MX answer of a domain: the hosts mail goes to, by preference
 * (RFC 5321 5.1), or the domain itself when it has no MX (the implicit
 * MX), and the findings about the set: the domain does not exist, a null
 * MX (RFC 7505) alone or beside other records, an MX that is an address
 * or not a valid host name, and, once the hosts' addresses are known, an
 * MX host that is a CNAME (RFC 2181 10.3).
 *
 * Pure: answers in, hosts and verdicts out. Nothing here prints or does
 * I/O; mx_judge allocates the set (mx_set_release frees it).
 */
#ifndef RDNS_MX_H
#define RDNS_MX_H

#include <stdbool.h>
#include <stddef.h>

#include "dns.h"
#include "output.h"
#include "verdict.h"

enum mx_kind {
	MX_UNSURE,   /* the MX lookup could not tell */
	MX_NXDOMAIN, /* the domain does not exist */
	MX_IMPLICIT, /* no MX: the domain itself (hosts[0]) */
	MX_LIST,     /* MX records (possibly only a null MX) */
};

struct mx_host {
	char *name;    /* the host as the answer gives it; owned */
	unsigned pref; /* MX preference; 0 for the implicit MX */
};

struct mx_set {
	enum mx_kind kind;
	struct mx_host *hosts; /* usable hosts by preference; owned */
	size_t nhosts;
	size_t listed;         /* MX records besides a null MX, usable or not */
	bool null_mx;          /* a null MX (".") is among them */
	struct verdict *notes; /* findings and -v details, in order; owned */
	size_t nnotes;
};

/*
 * Judge a, the MX answer of domain (normalised, trailing dot), into m
 * (always written; release it even on failure). timeout_state: the state
 * of "could not tell". Returns 0, or -1 when memory ran out (m then holds
 * what was judged before).
 */
int mx_judge(const char *domain, const struct dns_answer *a,
    enum state timeout_state, struct mx_set *m);

/* Free what m owns; m is then empty. NULL is fine. */
void mx_set_release(struct mx_set *m);

/*
 * "DOMAIN MX PREF: " for the findings about an MX host's addresses, or, for
 * the implicit MX, "DOMAIN has no MX (implicit MX, RFC 5321 5.1), and ".
 */
void mx_host_prefix(const char *domain, const struct mx_host *h, bool implicit,
    char *buf, size_t len);

/*
 * Is MX host h of domain an alias? a4 and a6 are its A and AAAA answers
 * (either may be NULL). true with a WARNING in v when one went through a
 * CNAME.
 */
bool mx_judge_alias(const char *domain, const struct mx_host *h,
    const struct dns_answer *a4, const struct dns_answer *a6,
    struct verdict *v);

#endif /* RDNS_MX_H */
