/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "auth.h"
#include "clock.h"

/*
 * auth: four batches for any number of names: SOA (the zone), NS, the NS
 * names' A and AAAA through the recursive resolver, then the data and the
 * SOA at every server address with RD clear (lib/dns's norecurse), each
 * query pinned to its server (dns_batch_add_at), so that a server's
 * REFUSED is its answer and not a reason to ask another. One resolver holds
 * at most DNS_MAX_SERVERS addresses: views are grouped so that the common
 * case (one address, two or three servers per zone) is one batch.
 */

#define NS_MAX AUTH_MAX_SERVERS /* NS names resolved per zone */

/* Per view: the queries of the first three phases. */
struct work {
	int q_soa;
	int q_ns;
	size_t nns; /* NS names kept */
	char ns[NS_MAX][RDNS_NAME_TEXT_MAX];
	int q_a[NS_MAX];
	int q_aaaa[NS_MAX];
	/* phase 4, per server: data (1 or 2) and SOA */
	int q_d1[AUTH_MAX_SERVERS];
	int q_d2[AUTH_MAX_SERVERS];
	int q_s[AUTH_MAX_SERVERS];
};

static const struct dns_answer *
ans(const struct dns_batch *b, int q)
{
	return q >= 0 ? dns_batch_answer(b, (size_t)q) : NULL;
}

/* "STATUS" or "STATUS: WHY" of an answer into buf. */
static void
why(const struct dns_answer *a, char *buf, size_t len)
{
	if (a == NULL) {
		snprintf(buf, len, "not asked");
	} else if (a->error[0] != '\0') {
		snprintf(buf, len, "%s: %.200s", dns_status_str(a->status),
		    a->error);
	} else {
		snprintf(buf, len, "%s", dns_status_str(a->status));
	}
}

static int
cmp_text(const void *a, const void *b)
{
	return strcasecmp(*(const char *const *)a, *(const char *const *)b);
}

/* The records of up to two answers, sorted and joined into buf. */
static void
join_sorted(const struct dns_answer *a1, const struct dns_answer *a2, char *buf,
    size_t len)
{
	const char *names[2 * DNS_MAX_RECORDS];
	const struct dns_answer *as[2] = {a1, a2};
	size_t n = 0;
	size_t used = 0;
	size_t i;
	size_t k;

	buf[0] = '\0';
	for (k = 0; k < 2; k++) {
		for (i = 0; as[k] != NULL && as[k]->status == DNS_OK &&
		            i < as[k]->nrr && n < 2 * DNS_MAX_RECORDS;
		     i++) {
			names[n++] = as[k]->rr[i].data;
		}
	}
	qsort(names, n, sizeof(names[0]), cmp_text);
	for (i = 0; i < n; i++) {
		int w = snprintf(buf + used, len - used, "%s%s",
		    i > 0 ? ", " : "", names[i]);

		if (w < 0 || (size_t)w >= len - used) {
			/* Cut: mark it, so that two long sets never look
			   equal by accident of the cut alone. */
			snprintf(buf + (len > 5 ? len - 5 : 0),
			    len > 5 ? 5 : len, "...");
			return;
		}
		used += (size_t)w;
	}
}

/* Fill server s of view v from its answers (d2 may be NULL). */
static void
take_server(const struct auth_view *v, struct auth_server *s,
    const struct dns_answer *d1, const struct dns_answer *d2,
    const struct dns_answer *soa)
{
	const struct dns_answer *d[2] = {d1, d2};
	bool any_ok = false;
	bool all_nx = true;
	size_t k;

	s->status = DNS_NODATA;
	s->aa = true;
	for (k = 0; k < 2; k++) {
		if (d[k] == NULL) {
			continue;
		}
		if (d[k]->elapsed > s->elapsed) {
			s->elapsed = d[k]->elapsed;
		}
		if (dns_status_unsure(d[k]->status)) {
			if (!dns_status_unsure(s->status)) {
				s->status = d[k]->status;
				why(d[k], s->error, sizeof(s->error));
				s->unreachable =
				    d[k]->status == DNS_ERROR &&
				    (strstr(d[k]->error, "unreachable") !=
				            NULL ||
				        strstr(d[k]->error, "not available") !=
				            NULL);
			}
			continue;
		}
		if (!d[k]->aa) {
			s->aa = false;
		}
		if (d[k]->status == DNS_OK) {
			any_ok = true;
		}
		if (d[k]->status != DNS_NXDOMAIN) {
			all_nx = false;
		}
	}
	if (dns_status_unsure(s->status)) {
		s->aa = false;
		return;
	}
	if (any_ok) {
		s->status = DNS_OK;
		join_sorted(d1, d2, s->data, sizeof(s->data));
	} else if (all_nx) {
		s->status = DNS_NXDOMAIN;
		snprintf(s->data, sizeof(s->data), "NXDOMAIN");
	} else {
		snprintf(s->data, sizeof(s->data), "no data");
	}
	if (soa != NULL && !dns_status_unsure(soa->status) && soa->have_soa &&
	    rdns_name_equal(soa->zone, v->zone)) {
		s->have_serial = true;
		s->serial = soa->soa_serial;
	}
}

/* Index of addr in texts[0..*nt), added when missing; -1 when full. */
static int
server_index(const char **texts, size_t *nt, const char *addr)
{
	size_t i;

	for (i = 0; i < *nt; i++) {
		if (strcmp(texts[i], addr) == 0) {
			return (int)i;
		}
	}
	if (*nt == DNS_MAX_SERVERS) {
		return -1;
	}
	texts[*nt] = addr;
	return (int)(*nt)++;
}

/* How many of v's server addresses are not in texts yet. */
static size_t
new_servers(const struct auth_view *v, const char **texts, size_t nt)
{
	size_t i;
	size_t j;
	size_t n = 0;

	for (i = 0; i < v->nsrv; i++) {
		for (j = 0; j < nt; j++) {
			if (strcmp(texts[j], v->srv[i].addr) == 0) {
				break;
			}
		}
		n += j == nt;
	}
	return n;
}

/* Phase 4 for views [from, to): one resolver over their addresses. */
static int
ask_servers(const struct dns_resolver *rec, unsigned port, struct auth_view *v,
    struct work *w, size_t from, size_t to, double deadline, double *dns_time)
{
	const char *texts[DNS_MAX_SERVERS];
	struct dns_resolver ar;
	struct dns_batch *b;
	char err[DNS_ERROR_MAX];
	size_t nt = 0;
	size_t i;
	size_t k;
	int si;

	for (i = from; i < to; i++) {
		for (k = 0; k < v[i].nsrv; k++) {
			(void)server_index(texts, &nt, v[i].srv[k].addr);
		}
	}
	if (nt == 0) {
		return 0;
	}
	if (dns_resolver_init(&ar, texts, nt, port, rec->tcp, NULL, err,
	        sizeof(err)) != 0) {
		for (i = from; i < to; i++) {
			snprintf(v[i].error, sizeof(v[i].error), "%s", err);
			v[i].nsrv = 0;
		}
		return 0;
	}
	ar.norecurse = true;
	ar.retry = rec->retry;
	b = dns_batch_new(&ar);
	if (b == NULL) {
		return -1;
	}
	for (i = from; i < to; i++) {
		for (k = 0; k < v[i].nsrv; k++) {
			si = server_index(texts, &nt, v[i].srv[k].addr);
			w[i].q_d1[k] = w[i].q_d2[k] = w[i].q_s[k] = -1;
			if (si < 0) {
				continue;
			}
			w[i].q_d1[k] = dns_batch_add_at(b, v[i].name,
			    v[i].kind == AUTH_PTR ? DNS_T_PTR : DNS_T_A,
			    (size_t)si);
			if (v[i].kind == AUTH_ADDR) {
				w[i].q_d2[k] = dns_batch_add_at(b, v[i].name,
				    DNS_T_AAAA, (size_t)si);
			}
			w[i].q_s[k] = dns_batch_add_at(b, v[i].zone, DNS_T_SOA,
			    (size_t)si);
		}
	}
	(void)dns_batch_run_timed(b, deadline, dns_time);
	for (i = from; i < to; i++) {
		for (k = 0; k < v[i].nsrv; k++) {
			struct auth_server *s = &v[i].srv[k];
			const struct dns_answer *d1 = ans(b, w[i].q_d1[k]);

			if (d1 == NULL) {
				s->status = DNS_ERROR;
				snprintf(s->error, sizeof(s->error),
				    "could not ask");
				continue;
			}
			take_server(&v[i], s, d1, ans(b, w[i].q_d2[k]),
			    ans(b, w[i].q_s[k]));
		}
	}
	dns_batch_free(b);
	return 0;
}

/* Phase 3's answers: the server addresses of view v. */
static void
take_addresses(struct auth_view *v, const struct work *w,
    const struct dns_batch *b)
{
	size_t k;
	size_t j;
	size_t f;

	for (k = 0; k < w->nns; k++) {
		const struct dns_answer *fa[2] = {ans(b, w->q_a[k]),
		    ans(b, w->q_aaaa[k])};
		size_t got = 0;

		for (f = 0; f < 2; f++) {
			for (j = 0; fa[f] != NULL && fa[f]->status == DNS_OK &&
			            j < fa[f]->nrr;
			     j++) {
				struct auth_server *s;

				got++;
				if (v->nsrv == AUTH_MAX_SERVERS) {
					v->skipped++;
					continue;
				}
				s = &v->srv[v->nsrv];
				memset(s, 0, sizeof(*s));
				if (rdns_addr_format(&fa[f]->rr[j].addr,
				        s->addr, sizeof(s->addr)) != 0) {
					continue;
				}
				snprintf(s->ns, sizeof(s->ns), "%s", w->ns[k]);
				v->nsrv++;
			}
		}
		if (got == 0) {
			v->skipped++;
		}
	}
	if (v->nsrv == 0 && v->error[0] == '\0') {
		snprintf(v->error, sizeof(v->error),
		    "no address for any NS of %s", v->zone);
	}
}

void
auth_policy_init(struct auth_policy *p)
{
	p->lame_state = STATE_WARNING;
	p->disagree_state = STATE_WARNING;
	p->timeout_state = STATE_UNKNOWN;
}

int
auth_lookup(const struct dns_resolver *rec, unsigned port, struct auth_view *v,
    size_t n, double deadline, double *dns_time)
{
	struct dns_batch *soa = dns_batch_new(rec);
	struct dns_batch *ns = dns_batch_new(rec);
	struct dns_batch *addr = dns_batch_new(rec);
	struct work *w = calloc(n + 1, sizeof(*w));
	char buf[DNS_ERROR_MAX];
	size_t i;
	size_t k;
	size_t from;
	size_t to;
	size_t nt;
	const char *texts[DNS_MAX_SERVERS];
	int rc = -1;

	for (i = 0; i < n; i++) {
		enum auth_kind kind = v[i].kind;
		char name[RDNS_NAME_TEXT_MAX];

		memcpy(name, v[i].name, sizeof(name));
		memset(&v[i], 0, sizeof(v[i]));
		v[i].kind = kind;
		memcpy(v[i].name, name, sizeof(name));
		v[i].name[sizeof(v[i].name) - 1] = '\0';
	}
	if (soa == NULL || ns == NULL || addr == NULL || w == NULL) {
		for (i = 0; i < n; i++) {
			snprintf(v[i].error, sizeof(v[i].error),
			    "out of memory");
		}
		goto out;
	}
	/* 1: the zone of each name, from the SOA in the reply. */
	for (i = 0; i < n; i++) {
		w[i].q_soa = dns_batch_add(soa, v[i].name, DNS_T_SOA);
	}
	(void)dns_batch_run_timed(soa, deadline, dns_time);
	for (i = 0; i < n; i++) {
		const struct dns_answer *a = ans(soa, w[i].q_soa);

		w[i].q_ns = -1;
		if (a != NULL && !dns_status_unsure(a->status) && a->have_soa &&
		    a->zone[0] != '\0') {
			v[i].zone_found = true;
			snprintf(v[i].zone, sizeof(v[i].zone), "%s", a->zone);
			w[i].q_ns = dns_batch_add(ns, v[i].zone, DNS_T_NS);
		} else {
			why(a, buf, sizeof(buf));
			snprintf(v[i].error, sizeof(v[i].error),
			    "no zone found for %.120s (%.100s)", v[i].name,
			    buf);
		}
	}
	/* 2: the NS set of each zone. */
	(void)dns_batch_run_timed(ns, deadline, dns_time);
	for (i = 0; i < n; i++) {
		const struct dns_answer *a = ans(ns, w[i].q_ns);

		if (!v[i].zone_found) {
			continue;
		}
		if (a == NULL || a->status != DNS_OK) {
			why(a, buf, sizeof(buf));
			snprintf(v[i].error, sizeof(v[i].error),
			    "the NS of %.120s: %.100s", v[i].zone, buf);
			continue;
		}
		v[i].nns = a->nrr + a->nrr_more;
		for (k = 0; k < a->nrr; k++) {
			if (w[i].nns == NS_MAX) {
				v[i].skipped++;
				continue;
			}
			snprintf(w[i].ns[w[i].nns], sizeof(w[i].ns[0]), "%s",
			    a->rr[k].data);
			w[i].q_a[w[i].nns] =
			    dns_batch_add(addr, a->rr[k].data, DNS_T_A);
			w[i].q_aaaa[w[i].nns] =
			    dns_batch_add(addr, a->rr[k].data, DNS_T_AAAA);
			w[i].nns++;
		}
		v[i].skipped += a->nrr_more;
	}
	/* 3: the addresses of the NS names. */
	(void)dns_batch_run_timed(addr, deadline, dns_time);
	for (i = 0; i < n; i++) {
		if (v[i].zone_found && v[i].error[0] == '\0') {
			take_addresses(&v[i], &w[i], addr);
		}
	}
	/* 4: every server, directly; views grouped by DNS_MAX_SERVERS. */
	if (clock_now() + AUTH_WAIT < deadline) {
		deadline = clock_now() + AUTH_WAIT;
	}
	for (from = 0; from < n; from = to) {
		nt = 0;
		for (to = from; to < n; to++) {
			size_t add = new_servers(&v[to], texts, nt);

			if (nt + add > DNS_MAX_SERVERS && to > from) {
				break;
			}
			for (k = 0; k < v[to].nsrv; k++) {
				(void)server_index(texts, &nt,
				    v[to].srv[k].addr);
			}
		}
		if (ask_servers(rec, port, v, w, from, to, deadline,
		        dns_time) != 0) {
			for (i = from; i < n; i++) {
				snprintf(v[i].error, sizeof(v[i].error),
				    "out of memory");
				v[i].nsrv = 0;
			}
			goto out;
		}
	}
	rc = 0;
out:
	dns_batch_free(soa);
	dns_batch_free(ns);
	dns_batch_free(addr);
	free(w);
	return rc;
}

/* --- the judge (pure) ----------------------------------------------------- */

static bool
lame(const struct auth_server *s)
{
	return !s->unreachable && (dns_status_unsure(s->status) || !s->aa);
}

static bool
answering(const struct auth_server *s)
{
	return !s->unreachable && !lame(s);
}

/* RFC 1982: is serial a newer than b? */
static bool
serial_newer(uint32_t a, uint32_t b)
{
	return a != b && (int32_t)(a - b) > 0;
}

/* The server every other answering one is compared with: the newest. */
static const struct auth_server *
reference(const struct auth_view *v)
{
	const struct auth_server *ref = NULL;
	size_t i;

	for (i = 0; i < v->nsrv; i++) {
		const struct auth_server *s = &v->srv[i];

		if (!answering(s)) {
			continue;
		}
		if (ref == NULL || (s->have_serial && !ref->have_serial) ||
		    (s->have_serial && ref->have_serial &&
		        serial_newer(s->serial, ref->serial))) {
			ref = s;
		}
	}
	return ref;
}

static bool
differs(const struct auth_server *s, const struct auth_server *ref)
{
	if (strcmp(s->data, ref->data) != 0) {
		return true;
	}
	return s->have_serial && ref->have_serial && s->serial != ref->serial;
}

/* " serial N" or "" into buf. */
static const char *
serial_text(const struct auth_server *s, char *buf, size_t len)
{
	if (s->have_serial) {
		snprintf(buf, len, "serial %u", (unsigned)s->serial);
	} else {
		snprintf(buf, len, "no serial");
	}
	return buf;
}

static void
disagree_text(const struct auth_view *v, const char *subject,
    const struct auth_server *s, const struct auth_server *ref,
    const char *what, struct verdict *out)
{
	char s1[32];
	char s2[32];
	bool same_data = strcmp(s->data, ref->data) == 0;
	bool older = s->have_serial && ref->have_serial &&
	             serial_newer(ref->serial, s->serial);

	if (older && !same_data) {
		verdict_append(out,
		    "%s: %s (%s) still serves the old %s %s, serial %u vs %u "
		    "on %s (%s): %s; the change is half-propagated",
		    subject, s->ns, s->addr, what, s->data, (unsigned)s->serial,
		    (unsigned)ref->serial, ref->ns, ref->addr, ref->data);
	} else if (older) {
		verdict_append(out,
		    "%s: %s (%s) is at serial %u, %s (%s) at %u (the same %s "
		    "%s): a zone transfer of %s is behind",
		    subject, s->ns, s->addr, (unsigned)s->serial, ref->ns,
		    ref->addr, (unsigned)ref->serial, what, s->data, v->zone);
	} else {
		verdict_append(out,
		    "%s: the servers of %s differ: %s (%s) serves %s %s, "
		    "%s, %s (%s) serves %s, %s",
		    subject, v->zone, s->ns, s->addr, what, s->data,
		    serial_text(s, s1, sizeof(s1)), ref->ns, ref->addr,
		    ref->data, serial_text(ref, s2, sizeof(s2)));
	}
}

size_t
auth_judge(const struct auth_view *v, const char *subject,
    const struct auth_policy *p, struct verdict *out, size_t max)
{
	const char *what = v->kind == AUTH_PTR ? "PTR" : "address";
	enum verdict_piece piece =
	    v->kind == AUTH_PTR ? PIECE_PTR : PIECE_FORWARD;
	enum verdict_fixer fixer =
	    v->kind == AUTH_PTR ? FIXER_ZONE_HOLDER : FIXER_MAIL_ADMIN;
	const struct auth_server *ref;
	struct auth_facts f;
	char s1[32];
	size_t n = 0;
	size_t i;
	size_t shown;

	if (max == 0) {
		return 0;
	}
	if (!v->zone_found || v->nsrv == 0) {
		verdict_set(&out[n++], p->timeout_state, PIECE_DNS, FIXER_NONE,
		    "%s: could not tell what the authoritative servers say: "
		    "%s",
		    subject, v->error[0] != '\0' ? v->error : "no servers");
		return n;
	}
	auth_judge_facts(v, &f);
	ref = reference(v);
	if (f.outdated > 0 && ref != NULL && n < max) {
		verdict_set(&out[n], p->disagree_state, piece, fixer, "%s", "");
		shown = 0;
		for (i = 0; i < v->nsrv; i++) {
			if (!answering(&v->srv[i]) ||
			    !differs(&v->srv[i], ref)) {
				continue;
			}
			if (shown++ == 0) {
				disagree_text(v, subject, &v->srv[i], ref, what,
				    &out[n]);
			}
		}
		if (shown > 1) {
			verdict_append(&out[n], " (and %zu more servers)",
			    shown - 1);
		}
		n++;
	}
	if (f.lame > 0 && n < max) {
		verdict_set(&out[n], p->lame_state, piece, fixer,
		    "%s: ", subject);
		shown = 0;
		for (i = 0; i < v->nsrv; i++) {
			const struct auth_server *s = &v->srv[i];

			if (!lame(s)) {
				continue;
			}
			verdict_append(&out[n], "%s%s (%s, %s)",
			    shown++ > 0 ? ", " : "", s->ns, s->addr,
			    dns_status_unsure(s->status)
			        ? dns_status_str(s->status)
			        : "answers without AA");
		}
		verdict_append(&out[n],
		    " %s lame for %s: the delegation names %s not serve the "
		    "zone",
		    shown > 1 ? "are" : "is", v->zone,
		    shown > 1 ? "servers that do" : "a server that does");
		n++;
	}
	if (n == 0 && ref != NULL) {
		verdict_set(&out[n++], STATE_OK, PIECE_NONE, FIXER_NONE,
		    "%s: the %zu authoritative servers of %s (%zu "
		    "addresses) agree: %s %s, %s",
		    subject, v->nns, v->zone, f.servers, what, ref->data,
		    serial_text(ref, s1, sizeof(s1)));
		if (v->skipped > 0) {
			verdict_append(&out[n - 1], " (%zu more not asked)",
			    v->skipped);
		}
	} else if (n == 0) {
		verdict_set(&out[n++], p->timeout_state, PIECE_DNS, FIXER_NONE,
		    "%s: could not tell what the authoritative servers say: "
		    "none of them could be reached",
		    subject);
	}
	for (i = 0; i < v->nsrv && n < max; i++) {
		const struct auth_server *s = &v->srv[i];

		if (dns_status_unsure(s->status)) {
			verdict_detail(&out[n++], "%s: %s (%s): %s%s", subject,
			    s->ns, s->addr, s->error,
			    s->unreachable ? " (not reachable from here)" : "");
			continue;
		}
		verdict_detail(&out[n++], "%s: %s (%s): %s %s, %s, %s, %.1f ms",
		    subject, s->ns, s->addr, what, s->data,
		    serial_text(s, s1, sizeof(s1)), s->aa ? "AA" : "no AA",
		    s->elapsed * 1000.0);
	}
	return n;
}

void
auth_judge_facts(const struct auth_view *v, struct auth_facts *f)
{
	const struct auth_server *ref = reference(v);
	size_t i;

	memset(f, 0, sizeof(*f));
	for (i = 0; i < v->nsrv; i++) {
		const struct auth_server *s = &v->srv[i];

		if (s->unreachable) {
			continue;
		}
		f->servers++;
		if (lame(s)) {
			f->lame++;
		} else if (ref != NULL && differs(s, ref)) {
			f->outdated++;
		}
	}
}

bool
auth_judge_cache(const struct auth_view *v, const char *subject,
    const struct dns_answer *a, struct verdict *out)
{
	const char *what = v->kind == AUTH_PTR ? "PTR" : "address";
	const struct auth_server *ref = reference(v);
	struct auth_facts f;
	char got[AUTH_DATA_MAX];
	char s1[32];
	uint32_t left = 0;
	size_t i;

	if (ref == NULL || a == NULL || dns_status_unsure(a->status) ||
	    !v->zone_found) {
		return false;
	}
	auth_judge_facts(v, &f);
	if (f.outdated > 0) {
		return false; /* the servers themselves differ: said above */
	}
	if (a->status == DNS_OK) {
		join_sorted(a, NULL, got, sizeof(got));
		for (i = 0; i < a->nrr; i++) {
			if (i == 0 || a->rr[i].ttl < left) {
				left = a->rr[i].ttl;
			}
		}
	} else {
		snprintf(got, sizeof(got), "%s",
		    a->status == DNS_NXDOMAIN ? "NXDOMAIN" : "no data");
		if (a->have_soa) {
			left = a->soa_ttl < a->soa_minimum ? a->soa_ttl
			                                   : a->soa_minimum;
		}
	}
	if (strcmp(got, ref->data) == 0) {
		return false;
	}
	verdict_set(out, STATE_OK, PIECE_NONE, FIXER_NONE,
	    "%s: fixed at the source (%s %s, %s); the resolver (%s) still "
	    "has %s cached: receivers may see the old answer for up to %u s "
	    "more",
	    subject, what, ref->data, serial_text(ref, s1, sizeof(s1)),
	    a->server[0] != '\0' ? a->server : "?", got, (unsigned)left);
	return true;
}
