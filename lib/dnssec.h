/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
/*
 * dnssec: what a validating resolver said of an answer (RFC 4035 3.2):
 * secure (AD set), insecure (no AD: the zone is unsigned, or the resolver
 * does not validate), or bogus (SERVFAIL, but the same question with CD,
 * checking disabled, gets the data: the signatures are broken). A SERVFAIL
 * that CD does not cure is a plain failure: could not tell.
 *
 * Pure: answers in, a verdict out. The queries (EDNS0 with DO, the CD
 * retry) are the plugin's, through lib/dns's dnssec and checking_disabled.
 */
#ifndef RDNS_DNSSEC_H
#define RDNS_DNSSEC_H

#include <stdbool.h>

#include "dns.h"
#include "output.h"
#include "verdict.h"

enum dnssec_status {
	DNSSEC_SECURE,
	DNSSEC_INSECURE,
	DNSSEC_BOGUS,
	DNSSEC_UNKNOWN, /* the resolver could not tell */
};

struct dnssec_policy {
	bool require_secure;       /* --require-secure */
	enum state insecure_state; /* when required (default CRITICAL) */
	enum state bogus_state;    /* default CRITICAL */
};

/* Defaults: not required; insecure (when required) and bogus CRITICAL. */
void dnssec_policy_init(struct dnssec_policy *p);

/* "secure", "insecure", "bogus", "unknown". */
const char *dnssec_status_str(enum dnssec_status s);

/*
 * Classify answer a (asked with DO); cd is the same question asked with CD
 * when a was SERVFAIL, else NULL.
 */
enum dnssec_status dnssec_classify(const struct dns_answer *a,
    const struct dns_answer *cd);

/*
 * Judge the DNSSEC status of the TYPE answer of subject (what the line
 * starts with) into v; returns false (v untouched) for DNSSEC_UNKNOWN:
 *
 *   bogus      bogus_state, the piece of type (PTR or forward), fixed by
 *              the zone holder: "SUBJECT: the TYPE answer fails DNSSEC
 *              validation (bogus): RESOLVER says SERVFAIL, with checking
 *              disabled DATA: validating receivers see no TYPE; the
 *              signatures of ZONE (or its DS at the parent) must be fixed"
 *   insecure   OK, or with require_secure the insecure_state: "SUBJECT:
 *              the TYPE answer is not DNSSEC-validated (insecure: no AD
 *              from RESOLVER)"
 *   secure     OK: "SUBJECT: the TYPE answer is DNSSEC-validated (secure:
 *              AD from RESOLVER)"
 */
bool dnssec_judge(const char *subject, const char *type,
    const struct dns_answer *a, const struct dns_answer *cd,
    const struct dnssec_policy *p, struct verdict *v);

#endif /* RDNS_DNSSEC_H */
