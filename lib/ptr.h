/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
/*
 * ptr: judge the PTR answer of one address (check_ptr's question, RFC 1912
 * 2.1): is there a PTR, is every name a valid host name, is it the name
 * the operator expects, does it look like a provider's generic name, and
 * was the lookup fast enough.
 *
 * Pure: the answer comes in, a verdict goes out. Nothing here prints,
 * allocates or does I/O.
 */
#ifndef RDNS_PTR_H
#define RDNS_PTR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dns.h"
#include "output.h"
#include "range.h"
#include "rdns.h"
#include "verdict.h"

/* What the plugin chose. */
struct ptr_policy {
	const char *const *expect; /* -e names (any of them), nexpect */
	size_t nexpect;
	enum state generic_state;    /* a generic name (STATE_OK: not said) */
	enum state timeout_state;    /* the DNS could not tell */
	const struct thresholds *th; /* on the lookup time, or NULL */
};

/* What the answer says, for perfdata. */
struct ptr_facts {
	size_t records; /* PTR records (0 unless the answer is DNS_OK) */
	bool match;     /* a name is one of the expected */
	bool generic;   /* the first valid name that is generic */
	/* Time (RFC 1035 3.2.1, RFC 2308 5): the smallest TTL of the PTR
	   set, or for NXDOMAIN/no data the negative TTL, min(SOA TTL, SOA
	   MINIMUM). As the server sent them: a resolver's TTL is what it
	   still has cached. */
	bool have_ttl;
	uint32_t ttl;
	bool have_negative_ttl;
	uint32_t negative_ttl;
};

/* Does name equal one of the expected names of p? */
bool ptr_expected(const struct ptr_policy *p, const char *name);

/*
 * Judge a, the PTR answer of addr (addr_text its presentation form):
 *
 *   -t state  the lookup could not tell: "ADDR: could not tell, WHY"
 *   CRITICAL  no PTR (verdict_no_ptr, with the answer's SOA as the zone);
 *             a name that is not a valid host name; with -e, no expected
 *             name
 *   WARNING   with -e, some names are not expected ("a receiver may pick
 *             one of them")
 *   generic   the generic state, when not OK: "looks generic: REASON"
 *   -w/-c     the lookup time outside the thresholds
 *   OK        "ADDR -> NAMES"
 */
void ptr_judge(const struct rdns_addr *addr, const char *addr_text,
    const struct dns_answer *a, const struct ptr_policy *p, struct verdict *v);

/*
 * The time line of an address (ptr_judge_facts' TTLs) into v, a result
 * at STATE_OK: "ADDR: PTR TTL N s: a change reaches receivers within N s",
 * "ADDR: no PTR, negative TTL N s (RFC 2308, SOA of ZONE): a PTR added
 * now is seen within N s", or, when the answer could not tell, nothing:
 * returns false.
 */
bool ptr_judge_ttl(const char *addr_text, const struct dns_answer *a,
    struct verdict *v);
/* Fill f from a (any status). */
void ptr_judge_facts(const struct rdns_addr *addr, const struct dns_answer *a,
    const struct ptr_policy *p, struct ptr_facts *f);

#endif /* RDNS_PTR_H */
