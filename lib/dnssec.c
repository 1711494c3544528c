/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "dnssec.h"

/*
 * dnssec: the AD bit read as RFC 4035 3.2.3 and RFC 6840 5.8 mean it (a
 * validating resolver sets it on data it proved secure), and bogus told
 * apart from any other SERVFAIL by the CD retry (RFC 4035 3.2.2: with CD
 * the resolver hands out data that failed validation).
 */

void
dnssec_policy_init(struct dnssec_policy *p)
{
	p->require_secure = false;
	/* Validating receivers see no PTR at all behind a bogus answer. */
	p->insecure_state = STATE_CRITICAL;
	p->bogus_state = STATE_CRITICAL;
}

const char *
dnssec_status_str(enum dnssec_status s)
{
	switch (s) {
	case DNSSEC_SECURE:
		return "secure";
	case DNSSEC_INSECURE:
		return "insecure";
	case DNSSEC_BOGUS:
		return "bogus";
	case DNSSEC_UNKNOWN:
		break;
	}
	return "unknown";
}

static bool
answered(const struct dns_answer *a)
{
	return a != NULL && (a->status == DNS_OK || a->status == DNS_NXDOMAIN ||
	                        a->status == DNS_NODATA);
}

enum dnssec_status
dnssec_classify(const struct dns_answer *a, const struct dns_answer *cd)
{
	if (answered(a)) {
		return a->ad ? DNSSEC_SECURE : DNSSEC_INSECURE;
	}
	if (a != NULL && a->status == DNS_SERVFAIL && answered(cd)) {
		return DNSSEC_BOGUS;
	}
	return DNSSEC_UNKNOWN;
}

/* The data of an answer, short: "a., b." or its status. */
static void
data_text(const struct dns_answer *a, char *buf, size_t len)
{
	if (a->status == DNS_OK) {
		verdict_join_names(a, buf, len);
	} else {
		snprintf(buf, len, "%s", dns_status_str(a->status));
	}
}

bool
dnssec_judge(const char *subject, const char *type, const struct dns_answer *a,
    const struct dns_answer *cd, const struct dnssec_policy *p,
    struct verdict *v)
{
	enum dnssec_status s = dnssec_classify(a, cd);
	enum verdict_piece piece =
	    strcmp(type, "PTR") == 0 ? PIECE_PTR : PIECE_FORWARD;
	const char *server = a->server[0] != '\0' ? a->server : "?";
	char data[160];

	switch (s) {
	case DNSSEC_BOGUS:
		data_text(cd, data, sizeof(data));
		verdict_set(v, p->bogus_state, piece, FIXER_ZONE_HOLDER,
		    "%s: the %s answer fails DNSSEC validation (bogus): %s "
		    "says SERVFAIL, with checking disabled %s: validating "
		    "receivers see no %s; the signatures of %s (or its DS at "
		    "the parent) must be fixed",
		    subject, type, server, data, type,
		    cd->have_soa ? cd->zone : "the zone");
		return true;
	case DNSSEC_INSECURE:
		verdict_set(v, p->require_secure ? p->insecure_state : STATE_OK,
		    p->require_secure ? piece : PIECE_NONE,
		    p->require_secure ? FIXER_ZONE_HOLDER : FIXER_NONE,
		    "%s: the %s answer is not DNSSEC-validated (insecure: no "
		    "AD from %s)",
		    subject, type, server);
		return true;
	case DNSSEC_SECURE:
		verdict_set(v, STATE_OK, PIECE_NONE, FIXER_NONE,
		    "%s: the %s answer is DNSSEC-validated (secure: AD from "
		    "%s)",
		    subject, type, server);
		return true;
	case DNSSEC_UNKNOWN:
		break;
	}
	return false;
}
