/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "verdict.h"
#include "zone.h"

/*
 * zone: SOA then NS, two batches for any number of addresses. The SOA of a
 * name inside a zone comes back as NODATA with the zone's SOA in the
 * authority section (RFC 2308 3), which lib/dns keeps as have_soa.
 */

int
zone_lookup(const struct dns_resolver *r, const char *const *owners, size_t n,
    double deadline, struct zone_info *out, double *dns_time)
{
	struct dns_batch *soa = dns_batch_new(r);
	struct dns_batch *ns = dns_batch_new(r);
	int *qs = calloc(n + 1, sizeof(*qs));
	int *qn = calloc(n + 1, sizeof(*qn));
	size_t i;
	int rc = -1;

	memset(out, 0, n * sizeof(*out));
	if (soa == NULL || ns == NULL || qs == NULL || qn == NULL) {
		for (i = 0; i < n; i++) {
			snprintf(out[i].error, sizeof(out[i].error),
			    "out of memory");
		}
		goto out;
	}
	for (i = 0; i < n; i++) {
		qs[i] = dns_batch_add(soa, owners[i], DNS_T_SOA);
	}
	(void)dns_batch_run_timed(soa, deadline, dns_time);
	for (i = 0; i < n; i++) {
		const struct dns_answer *z =
		    qs[i] >= 0 ? dns_batch_answer(soa, (size_t)qs[i]) : NULL;

		qn[i] = -1;
		if (z == NULL || !z->have_soa) {
			snprintf(out[i].error, sizeof(out[i].error), "%s",
			    z != NULL && z->error[0] != '\0'
			        ? z->error
			        : dns_status_str(
			              z != NULL ? z->status : DNS_ERROR));
			continue;
		}
		out[i].found = true;
		snprintf(out[i].zone, sizeof(out[i].zone), "%s", z->zone);
		snprintf(out[i].mname, sizeof(out[i].mname), "%s",
		    z->soa_mname);
		snprintf(out[i].rname, sizeof(out[i].rname), "%s",
		    z->soa_rname);
		out[i].serial = z->soa_serial;
		qn[i] = dns_batch_add(ns, z->zone, DNS_T_NS);
	}
	(void)dns_batch_run_timed(ns, deadline, dns_time);
	for (i = 0; i < n; i++) {
		const struct dns_answer *a =
		    qn[i] >= 0 ? dns_batch_answer(ns, (size_t)qn[i]) : NULL;

		if (a != NULL && a->status == DNS_OK) {
			verdict_join_names(a, out[i].ns, sizeof(out[i].ns));
		}
	}
	rc = 0;
out:
	free(qs);
	free(qn);
	dns_batch_free(soa);
	dns_batch_free(ns);
	return rc;
}

void
zone_line(const char *addr, const char *owner, const struct zone_info *z,
    char *buf, size_t len)
{
	if (!z->found) {
		snprintf(buf, len,
		    "%s: could not find the reverse zone of %s (%s)", addr,
		    owner, z->error);
		return;
	}
	snprintf(buf, len,
	    "%s: PTR lives in zone %s (SOA %s %s serial %u, NS %s): changed "
	    "by whoever holds that zone",
	    addr, z->zone, z->mname, z->rname, (unsigned)z->serial,
	    z->ns[0] != '\0' ? z->ns : "unknown");
}

void
zone_cname_line(const char *addr, const char *rev, const char *target,
    char *buf, size_t len)
{
	snprintf(buf, len,
	    "%s: %s is a CNAME to %s (RFC 2317 classless delegation)", addr,
	    rev, target);
}
