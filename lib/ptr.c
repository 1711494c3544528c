/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "generic.h"
#include "ptr.h"

/*
 * ptr: the verdict on one PTR answer, design.md's table for check_ptr.
 */

bool
ptr_expected(const struct ptr_policy *p, const char *name)
{
	size_t i;

	for (i = 0; i < p->nexpect; i++) {
		if (rdns_name_equal(p->expect[i], name)) {
			return true;
		}
	}
	return false;
}

void
ptr_judge(const struct rdns_addr *addr, const char *addr_text,
    const struct dns_answer *a, const struct ptr_policy *p, struct verdict *v)
{
	char names[OUTPUT_SUMMARY_MAX];
	size_t i;
	size_t nexp = 0;
	enum state st = STATE_OK;
	enum state tst;
	const char *bad = NULL;
	enum rdns_name_check why = RDNS_NAME_VALID;
	struct generic_result g = {GENERIC_SPECIFIC, 0, ""};
	const char *gname = NULL;

	if (dns_status_unsure(a->status)) {
		verdict_set(v, p->timeout_state, PIECE_DNS, FIXER_NONE,
		    "%s: could not tell, %s", addr_text, a->error);
		v->tally = TALLY_UNSURE;
		return;
	}
	if (a->status != DNS_OK || a->nrr == 0) {
		verdict_no_ptr(v, "", addr_text, dns_status_str(a->status),
		    a->have_soa ? a->zone : NULL, a->soa_rname);
		return;
	}
	verdict_join_names(a, names, sizeof(names));
	for (i = 0; i < a->nrr; i++) {
		enum rdns_name_check c = rdns_name_check(a->rr[i].data);

		if (c != RDNS_NAME_VALID && bad == NULL) {
			bad = a->rr[i].data;
			why = c;
		}
		if (ptr_expected(p, a->rr[i].data)) {
			nexp++;
		}
		if (c == RDNS_NAME_VALID && gname == NULL) {
			generic_classify(addr, a->rr[i].data, &g);
			if (g.verdict == GENERIC_GENERIC) {
				gname = a->rr[i].data;
			}
		}
	}
	if (bad != NULL) {
		char hint[2 * RDNS_NAME_TEXT_MAX + 40];

		verdict_zone_hint(a->have_soa ? a->zone : NULL, a->soa_rname,
		    hint, sizeof(hint));
		verdict_set(v, STATE_CRITICAL, PIECE_PTR, FIXER_ZONE_HOLDER,
		    "%s -> %s: not a valid host name (%s)%s", addr_text, bad,
		    rdns_name_check_str(why), hint);
		return;
	}
	if (p->nexpect > 0 && nexp == 0) {
		char hint[2 * RDNS_NAME_TEXT_MAX + 40];

		verdict_zone_hint(a->have_soa ? a->zone : NULL, a->soa_rname,
		    hint, sizeof(hint));
		verdict_set(v, STATE_CRITICAL, PIECE_PTR, FIXER_ZONE_HOLDER,
		    "%s -> %s, expected %s: fix the PTR%s", addr_text, names,
		    p->expect[0], hint);
		return;
	}
	if (p->nexpect > 0 && nexp < a->nrr) {
		verdict_set(v, STATE_WARNING, PIECE_PTR, FIXER_ZONE_HOLDER,
		    "%s -> %s: %zu of %zu PTR names not expected, a receiver "
		    "may pick one of them",
		    addr_text, names, a->nrr - nexp, a->nrr);
		return;
	}
	if (gname != NULL) {
		st = state_worst(st, p->generic_state);
		if (p->generic_state != STATE_OK) {
			verdict_set(v, p->generic_state, PIECE_PTR,
			    FIXER_ZONE_HOLDER,
			    "%s -> %s looks generic: %s, ask the holder of the "
			    "address block for a specific PTR",
			    addr_text, gname, g.reason);
			return;
		}
	}
	tst = p->th != NULL ? (enum state)thresholds_state(p->th, a->elapsed)
	                    : STATE_OK;
	if (tst != STATE_OK) {
		verdict_set(v, tst, PIECE_TIMING, FIXER_NONE,
		    "%s -> %s, but the lookup took %.3f s", addr_text, names,
		    a->elapsed);
		return;
	}
	verdict_set(v, st, PIECE_NONE, FIXER_NONE, "%s -> %s", addr_text,
	    names);
}

/* The TTL facts of a (RFC 2308 5 for the negative TTL). */
static void
fill_ttl(const struct dns_answer *a, struct ptr_facts *f)
{
	size_t i;

	for (i = 0; a->status == DNS_OK && i < a->nrr; i++) {
		if (!f->have_ttl || a->rr[i].ttl < f->ttl) {
			f->ttl = a->rr[i].ttl;
		}
		f->have_ttl = true;
	}
	if ((a->status == DNS_NXDOMAIN || a->status == DNS_NODATA) &&
	    a->have_soa) {
		f->have_negative_ttl = true;
		f->negative_ttl =
		    a->soa_ttl < a->soa_minimum ? a->soa_ttl : a->soa_minimum;
	}
}

void
ptr_judge_facts(const struct rdns_addr *addr, const struct dns_answer *a,
    const struct ptr_policy *p, struct ptr_facts *f)
{
	struct generic_result g;
	size_t i;

	memset(f, 0, sizeof(*f));
	f->records = a->status == DNS_OK ? a->nrr + a->nrr_more : 0;
	fill_ttl(a, f);
	for (i = 0; a->status == DNS_OK && i < a->nrr; i++) {
		f->match = f->match || ptr_expected(p, a->rr[i].data);
		if (!f->generic &&
		    rdns_name_check(a->rr[i].data) == RDNS_NAME_VALID) {
			generic_classify(addr, a->rr[i].data, &g);
			f->generic = g.verdict == GENERIC_GENERIC;
		}
	}
}

bool
ptr_judge_ttl(const char *addr_text, const struct dns_answer *a,
    struct verdict *v)
{
	struct ptr_facts f;

	memset(&f, 0, sizeof(f));
	fill_ttl(a, &f);
	if (f.have_ttl) {
		verdict_set(v, STATE_OK, PIECE_NONE, FIXER_NONE,
		    "%s: PTR TTL %u s: a change to the PTR reaches receivers "
		    "within %u s",
		    addr_text, (unsigned)f.ttl, (unsigned)f.ttl);
		return true;
	}
	if (f.have_negative_ttl) {
		verdict_set(v, STATE_OK, PIECE_NONE, FIXER_NONE,
		    "%s: no PTR, negative TTL %u s (RFC 2308, SOA of %s): a "
		    "PTR added now is seen by receivers within %u s",
		    addr_text, (unsigned)f.negative_ttl, a->zone,
		    (unsigned)f.negative_ttl);
		return true;
	}
	return false;
}
