/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "dns.h"
#include "fcrdns.h"
#include "rdns.h"

/*
 * fcrdns: forward-confirmed reverse DNS (the check of RFC 8601 2.7.3
 * "iprev", Postfix reject_unknown_client_hostname). Phase 1 asks the PTR
 * of every address (RFC 1035 3.5, RFC 3596 2.5), phase 2 asks A or AAAA
 * (same family as the address, RFC 3596 2.1) of every PTR name, each
 * distinct name once. CNAME chains (RFC 1034 3.6.2, RFC 2317 delegation)
 * are followed by the lookup. Two rounds, no recursion: the walk ends.
 */

/* One PTR name to ask in phase 2. */
struct pending {
	char *norm; /* normalised name, owned */
	uint16_t qtype;
	size_t ri; /* result index */
	size_t ni; /* name index in the result */
	size_t q;  /* index of its query in phase 2 */
};

const char *
fcrdns_verdict_str(enum fcrdns_verdict v)
{
	switch (v) {
	case FCRDNS_CONFIRMED:
		return "confirmed";
	case FCRDNS_PARTIAL:
		return "partly confirmed";
	case FCRDNS_NOT_CONFIRMED:
		return "not confirmed";
	case FCRDNS_UNSURE:
		break;
	}
	return "could not tell";
}

void
fcrdns_result_release(struct fcrdns_result *r)
{
	size_t i;

	if (r == NULL) {
		return;
	}
	for (i = 0; i < r->nnames; i++) {
		free(r->names[i].name);
		free(r->names[i].cname);
		free(r->names[i].error);
	}
	free(r->names);
	free(r->ptr_error);
	free(r->ptr_cname);
	free(r->zone);
	free(r->zone_contact);
	memset(r, 0, sizeof(*r));
}

bool
fcrdns_aligned(const struct fcrdns_result *r, const char *host)
{
	size_t i;

	if (r == NULL || host == NULL) {
		return false;
	}
	for (i = 0; i < r->nnames; i++) {
		if (r->names[i].result == FCRDNS_NAME_CONFIRMS &&
		    rdns_name_equal(r->names[i].name, host)) {
			return true;
		}
	}
	return false;
}

/* strdup that tells the caller about a failure through *oom. */
static char *
dup_text(const char *s, bool *oom)
{
	char *d = strdup(s);

	if (d == NULL) {
		*oom = true;
	}
	return d;
}

/* Take the PTR answer a into r. */
static void
take_ptr(struct fcrdns_result *r, const struct dns_answer *a, bool *oom)
{
	size_t i;
	size_t k = 0;

	r->ptr_status = a->status;
	r->ptr_elapsed = a->elapsed;
	r->ptr_ad = a->ad;
	if (a->cname_hops > 0) {
		r->ptr_cname = dup_text(a->name, oom);
	}
	if (a->have_soa) {
		r->zone = dup_text(a->zone, oom);
		r->zone_contact = dup_text(a->soa_rname, oom);
	}
	if (dns_status_unsure(a->status)) {
		r->verdict = FCRDNS_UNSURE;
		r->ptr_error =
		    dup_text(a->error[0] != '\0' ? a->error
		                                 : dns_status_str(a->status),
		        oom);
		return;
	}
	if (a->status != DNS_OK || a->nrr == 0) {
		r->verdict = FCRDNS_NOT_CONFIRMED;
		return;
	}
	r->names = calloc(a->nrr, sizeof(*r->names));
	if (r->names == NULL) {
		*oom = true;
		r->verdict = FCRDNS_UNSURE;
		r->ptr_error = dup_text("out of memory", oom);
		return;
	}
	for (i = 0; i < a->nrr; i++) {
		struct fcrdns_name *nm = &r->names[k];

		if (a->rr[i].type != DNS_T_PTR) {
			continue;
		}
		nm->name = dup_text(a->rr[i].data, oom);
		if (nm->name == NULL) {
			continue;
		}
		nm->check = rdns_name_check(a->rr[i].data);
		nm->status = DNS_OK;
		if (nm->check != RDNS_NAME_VALID) {
			nm->result = FCRDNS_NAME_INVALID;
		} else if (k >= FCRDNS_MAX_NAMES) {
			nm->result = FCRDNS_NAME_NOT_ASKED;
		} else {
			/* Until phase 2 says otherwise. */
			nm->result = FCRDNS_NAME_UNSURE;
			nm->status = DNS_TIMEOUT;
		}
		k++;
	}
	r->nnames = k;
	r->verdict = k == 0 ? FCRDNS_NOT_CONFIRMED : FCRDNS_UNSURE;
}

static int
cmp_pending(const void *pa, const void *pb)
{
	const struct pending *a = pa;
	const struct pending *b = pb;

	if (a->qtype != b->qtype) {
		return a->qtype < b->qtype ? -1 : 1;
	}
	return strcmp(a->norm, b->norm);
}

/* Judge name nm of address addr from its forward answer a. */
static void
take_forward(struct fcrdns_name *nm, const struct rdns_addr *addr,
    const struct dns_answer *a, bool *oom)
{
	size_t i;

	nm->status = a->status;
	nm->elapsed = a->elapsed;
	if (a->cname_hops > 0) {
		nm->cname = dup_text(a->name, oom);
	}
	if (dns_status_unsure(a->status)) {
		nm->result = FCRDNS_NAME_UNSURE;
		nm->error =
		    dup_text(a->error[0] != '\0' ? a->error
		                                 : dns_status_str(a->status),
		        oom);
		return;
	}
	if (a->status == DNS_NXDOMAIN) {
		nm->result = FCRDNS_NAME_NXDOMAIN;
		return;
	}
	nm->result = FCRDNS_NAME_NO_ADDRESS;
	for (i = 0; a->status == DNS_OK && i < a->nrr; i++) {
		const struct rdns_addr *fa = &a->rr[i].addr;

		if (fa->family != addr->family) {
			continue;
		}
		nm->naddr_total++;
		if (rdns_addr_equal(fa, addr)) {
			nm->result = FCRDNS_NAME_CONFIRMS;
		}
		if (nm->naddr < FCRDNS_MAX_KEEP) {
			nm->addr[nm->naddr++] = *fa;
		}
	}
	nm->naddr_total += a->status == DNS_OK ? a->nrr_more : 0;
	if (nm->result != FCRDNS_NAME_CONFIRMS && a->status == DNS_OK &&
	    a->nrr_more > 0) {
		/* The address may be among those lib/dns did not keep. */
		nm->result = FCRDNS_NAME_UNSURE;
		nm->error = dup_text("more addresses than are kept of an "
		                     "answer, this one not among them",
		    oom);
		return;
	}
	if (nm->result != FCRDNS_NAME_CONFIRMS && nm->naddr_total > 0) {
		nm->result = FCRDNS_NAME_OTHER;
	}
}

/* The verdict of a result whose PTR names are all judged. */
static void
judge(struct fcrdns_result *r)
{
	size_t i;
	size_t unsure = 0;
	size_t asked = 0;

	if (r->verdict != FCRDNS_UNSURE || r->nnames == 0 ||
	    dns_status_unsure(r->ptr_status)) {
		return;
	}
	r->nconfirm = 0;
	for (i = 0; i < r->nnames; i++) {
		if (r->names[i].result != FCRDNS_NAME_NOT_ASKED) {
			asked++;
		}
		if (r->names[i].result == FCRDNS_NAME_CONFIRMS) {
			r->nconfirm++;
		} else if (r->names[i].result == FCRDNS_NAME_UNSURE) {
			unsure++;
		}
	}
	if (r->nconfirm > 0 && r->nconfirm == asked) {
		r->verdict = FCRDNS_CONFIRMED;
	} else if (r->nconfirm > 0) {
		r->verdict = FCRDNS_PARTIAL;
	} else if (unsure > 0) {
		r->verdict = FCRDNS_UNSURE;
	} else {
		r->verdict = FCRDNS_NOT_CONFIRMED;
	}
}

/* Phase 2: ask every distinct (name, type) once, then judge the names. */
static int
phase2(struct fcrdns_result *out, size_t n, fcrdns_lookup_fn lookup, void *ctx,
    double deadline, bool *oom)
{
	struct pending *p = NULL;
	struct fcrdns_query *q = NULL;
	const struct dns_answer **ans = NULL;
	size_t np = 0;
	size_t cap = 0;
	size_t nq = 0;
	size_t i;
	size_t j;
	int rc = 0;
	char norm[RDNS_NAME_TEXT_MAX];

	for (i = 0; i < n; i++) {
		for (j = 0; j < out[i].nnames; j++) {
			struct fcrdns_name *nm = &out[i].names[j];

			if (nm->result != FCRDNS_NAME_UNSURE) {
				continue;
			}
			if (rdns_name_normalize(nm->name, norm, sizeof(norm)) !=
			    0) {
				nm->result = FCRDNS_NAME_INVALID;
				continue;
			}
			if (np == cap) {
				size_t ncap = cap == 0 ? 64 : cap * 2;
				struct pending *np2 =
				    realloc(p, ncap * sizeof(*p));

				if (np2 == NULL) {
					*oom = true;
					rc = -1;
					goto out;
				}
				p = np2;
				cap = ncap;
			}
			p[np].norm = strdup(norm);
			if (p[np].norm == NULL) {
				*oom = true;
				rc = -1;
				goto out;
			}
			p[np].qtype = out[i].addr.family == AF_INET6
			                  ? DNS_T_AAAA
			                  : DNS_T_A;
			p[np].ri = i;
			p[np].ni = j;
			np++;
		}
	}
	if (np == 0) {
		goto out;
	}
	qsort(p, np, sizeof(*p), cmp_pending);
	q = calloc(np, sizeof(*q));
	ans = calloc(np < FCRDNS_SLICE ? np : FCRDNS_SLICE, sizeof(*ans));
	if (q == NULL || ans == NULL) {
		*oom = true;
		rc = -1;
		goto out;
	}
	for (i = 0; i < np; i++) {
		if (i == 0 || cmp_pending(&p[i - 1], &p[i]) != 0) {
			q[nq].qname = p[i].norm;
			q[nq].qtype = p[i].qtype;
			nq++;
		}
		p[i].q = nq - 1;
	}
	/* In slices: a lookup's answers live until its next call, so one
	 * slice of queries and answers is held at a time, however many
	 * distinct names the PTR answers brought (p is sorted by q). */
	i = 0;
	for (size_t off = 0; off < nq; off += FCRDNS_SLICE) {
		size_t cnt = nq - off < FCRDNS_SLICE ? nq - off : FCRDNS_SLICE;

		if (lookup(ctx, q + off, cnt, deadline, ans) != 0) {
			rc = -1;
		}
		for (; i < np && p[i].q < off + cnt; i++) {
			take_forward(&out[p[i].ri].names[p[i].ni],
			    &out[p[i].ri].addr, ans[p[i].q - off], oom);
		}
	}
out:
	free(q);
	free(ans);
	for (i = 0; i < np; i++) {
		free(p[i].norm);
	}
	free(p);
	return rc;
}

int
fcrdns_walk(const struct rdns_addr *addrs, size_t n, fcrdns_lookup_fn lookup,
    void *ctx, double deadline, struct fcrdns_result *out)
{
	struct fcrdns_query *q;
	const struct dns_answer **ans;
	char(*rev)[RDNS_REVERSE_MAX];
	size_t i;
	bool oom = false;
	int rc = 0;

	for (i = 0; i < n; i++) {
		memset(&out[i], 0, sizeof(out[i]));
		out[i].addr = addrs[i];
		out[i].verdict = FCRDNS_UNSURE;
		out[i].ptr_status = DNS_ERROR;
	}
	if (n == 0) {
		return 0;
	}
	q = calloc(n, sizeof(*q));
	ans = calloc(n, sizeof(*ans));
	rev = calloc(n, sizeof(*rev));
	if (q == NULL || ans == NULL || rev == NULL) {
		for (i = 0; i < n; i++) {
			out[i].ptr_error = strdup("out of memory");
		}
		rc = -1;
		goto out;
	}
	for (i = 0; i < n; i++) {
		if (rdns_reverse_name(&addrs[i], rev[i], sizeof(rev[i])) != 0) {
			rev[i][0] = '\0';
		}
		q[i].qname = rev[i];
		q[i].qtype = DNS_T_PTR;
	}
	if (lookup(ctx, q, n, deadline, ans) != 0) {
		rc = -1;
	}
	for (i = 0; i < n; i++) {
		take_ptr(&out[i], ans[i], &oom);
	}
	if (phase2(out, n, lookup, ctx, deadline, &oom) != 0) {
		rc = -1;
	}
	for (i = 0; i < n; i++) {
		judge(&out[i]);
	}
out:
	free(q);
	free(ans);
	free(rev);
	return oom ? -1 : rc;
}

void
fcrdns_dns_init(struct fcrdns_dns *d, const struct dns_resolver *r)
{
	memset(d, 0, sizeof(*d));
	d->res = r;
	d->refused.status = DNS_ERROR;
	d->refused.rcode = -1;
	snprintf(d->refused.error, sizeof(d->refused.error),
	    "not a valid DNS name");
}

void
fcrdns_dns_release(struct fcrdns_dns *d)
{
	if (d == NULL) {
		return;
	}
	dns_batch_free(d->batch);
	d->batch = NULL;
}

int
fcrdns_lookup_dns(void *ctx, const struct fcrdns_query *q, size_t n,
    double deadline, const struct dns_answer **ans)
{
	struct fcrdns_dns *d = ctx;
	int *idx = calloc(n > 0 ? n : 1, sizeof(*idx));
	size_t i;
	int rc = 0;

	/* One batch for every call: its sockets and tables are kept. */
	if (d->batch != NULL) {
		dns_batch_clear(d->batch);
	} else {
		d->batch = dns_batch_new(d->res);
	}
	if (d->batch == NULL || idx == NULL) {
		snprintf(d->refused.error, sizeof(d->refused.error),
		    "out of memory");
		for (i = 0; i < n; i++) {
			ans[i] = &d->refused;
		}
		free(idx);
		return -1;
	}
	for (i = 0; i < n; i++) {
		idx[i] = dns_batch_add(d->batch, q[i].qname, q[i].qtype);
		if (idx[i] < 0 && errno == ENOMEM) {
			/* Ours, not the name's: say so, and fail the walk. */
			snprintf(d->refused.error, sizeof(d->refused.error),
			    "out of memory");
			rc = -1;
		}
	}
	if (dns_batch_count(d->batch) > 0 &&
	    dns_batch_run(d->batch, deadline) != 0) {
		rc = -1;
	}
	for (i = 0; i < n; i++) {
		const struct dns_answer *a =
		    idx[i] < 0 ? NULL
		               : dns_batch_answer(d->batch, (size_t)idx[i]);

		ans[i] = a != NULL ? a : &d->refused;
	}
	free(idx);
	return rc;
}
