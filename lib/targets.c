/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "dns.h"
#include "mx.h"
#include "targets.h"

/*
 * targets: the one collector. Two rounds of lookups at most: the A/AAAA of
 * the -H names with the MX of the -D domains, then the A/AAAA of the MX
 * hosts. Each address is kept once (an open-addressing index over the
 * addresses), so the cap counts distinct addresses.
 */

/* A name whose A and AAAA were asked, and whose addresses they are. */
struct name_query {
	char name[RDNS_NAME_TEXT_MAX]; /* normalised */
	int origin;
	int qa;
	int q6;
};

static bool
family_wanted(int family, int want)
{
	return family == AF_UNSPEC || family == want;
}

static const char *
family_word(int family)
{
	return family == AF_INET ? "IPv4" : "IPv6";
}

/* Room for one more note; NULL (and t->oom) when out of memory. */
static struct verdict *
new_note(struct targets *t)
{
	struct verdict *n = realloc(t->notes, (t->nnotes + 1) * sizeof(*n));

	if (n == NULL) {
		t->oom = true;
		return NULL;
	}
	t->notes = n;
	return &n[t->nnotes++];
}

/* Copy a verdict made elsewhere into the notes. */
static void
take_note(struct targets *t, const struct verdict *v)
{
	struct verdict *n = new_note(t);

	if (n != NULL) {
		*n = *v;
	}
}

/* Add a once; -1 at the cap (t->too_many) or when out of memory. */
static int
add_addr(struct targets *t, const struct rdns_addr *a, int origin, size_t max)
{
	size_t i;
	uint32_t s;

	if (t->slot == NULL) {
		/* A power of two, at least twice the cap: short probes. */
		for (t->nslot = 16; t->nslot < 2 * max; t->nslot *= 2) {
		}
		t->slot = calloc(t->nslot, sizeof(*t->slot));
		if (t->slot == NULL) {
			t->oom = true;
			return -1;
		}
	}
	for (i = rdns_addr_hash(a) & (t->nslot - 1); (s = t->slot[i]) != 0;
	     i = (i + 1) & (t->nslot - 1)) {
		if (rdns_addr_equal(&t->t[s - 1].addr, a)) {
			return 0;
		}
	}
	if (t->n >= max) {
		t->too_many = true;
		return -1;
	}
	if (t->n == t->cap) {
		size_t ncap = t->cap == 0 ? 64 : t->cap * 2;
		struct target *nt = realloc(t->t, ncap * sizeof(*nt));

		if (nt == NULL) {
			t->oom = true;
			return -1;
		}
		t->t = nt;
		t->cap = ncap;
	}
	t->t[t->n].addr = *a;
	t->t[t->n].origin = origin;
	t->slot[i] = (uint32_t)++t->n;
	return 0;
}

/* A new origin; its index, or -1 when memory ran out. */
static int
add_origin(struct targets *t, enum target_origin_kind kind, const char *host,
    const char *domain, unsigned pref)
{
	struct target_origin *no =
	    realloc(t->origins, (t->norigins + 1) * sizeof(*no));

	if (no == NULL) {
		t->oom = true;
		return -1;
	}
	t->origins = no;
	no = &t->origins[t->norigins];
	memset(no, 0, sizeof(*no));
	no->kind = kind;
	no->host = strdup(host);
	no->domain = domain != NULL ? strdup(domain) : NULL;
	no->pref = pref;
	t->norigins++;
	if (no->host == NULL || (domain != NULL && no->domain == NULL)) {
		t->oom = true;
		return -1;
	}
	return (int)t->norigins - 1;
}

void
targets_judge_name(const struct dns_answer *a4, const struct dns_answer *a6,
    size_t found, int family, enum state timeout_state, const char *prefix,
    struct verdict *v)
{
	const struct dns_answer *any = a4 != NULL ? a4 : a6;
	const struct dns_answer *unsure = NULL;
	bool nx = true;

	verdict_set(v, STATE_OK, PIECE_NONE, FIXER_NONE, "%s", "");
	if (a4 != NULL) {
		unsure = dns_status_unsure(a4->status) ? a4 : NULL;
		nx = a4->status == DNS_NXDOMAIN;
	}
	if (a6 != NULL) {
		if (dns_status_unsure(a6->status)) {
			unsure = a6;
		}
		nx = nx && a6->status == DNS_NXDOMAIN;
	}
	if (unsure != NULL) {
		verdict_set(v, timeout_state, PIECE_DNS, FIXER_NONE,
		    "%scould not tell the addresses of %s: %s", prefix,
		    any->qname, unsure->error);
		return;
	}
	if (found > 0) {
		return;
	}
	if (nx) {
		verdict_set(v, STATE_CRITICAL, PIECE_FORWARD, FIXER_MAIL_ADMIN,
		    "%s%s does not exist (NXDOMAIN)", prefix, any->qname);
	} else {
		verdict_set(v, STATE_CRITICAL, PIECE_FORWARD, FIXER_MAIL_ADMIN,
		    "%s%s has no %s record", prefix, any->qname,
		    family == AF_INET    ? "A"
		    : family == AF_INET6 ? "AAAA"
		                         : "A or AAAA");
	}
}

/* Queue A and/or AAAA of q->name in b. */
static void
ask_addresses(int family, struct dns_batch *b, struct name_query *q)
{
	q->qa = q->q6 = -1;
	if (family_wanted(family, AF_INET)) {
		q->qa = dns_batch_add(b, q->name, DNS_T_A);
	}
	if (family_wanted(family, AF_INET6)) {
		q->q6 = dns_batch_add(b, q->name, DNS_T_AAAA);
	}
}

/* One more entry at the end of *nq; NULL when out of memory. */
static struct name_query *
new_query(struct targets *t, struct name_query **nq, size_t *nnq)
{
	struct name_query *q = realloc(*nq, (*nnq + 1) * sizeof(*q));

	if (q == NULL) {
		t->oom = true;
		return NULL;
	}
	*nq = q;
	q = &q[(*nnq)++];
	memset(q, 0, sizeof(*q));
	q->qa = q->q6 = -1;
	return q;
}

/*
 * Take the addresses of q's answers in b as targets of q->origin; what is
 * wrong with the name is a note, prefixed by prefix.
 */
static void
take_addresses(struct targets *t, const struct targets_request *req,
    const struct dns_batch *b, const struct name_query *q, const char *prefix)
{
	const struct dns_answer *ans[2] = {
	    q->qa >= 0 ? dns_batch_answer(b, (size_t)q->qa) : NULL,
	    q->q6 >= 0 ? dns_batch_answer(b, (size_t)q->q6) : NULL,
	};
	struct verdict v;
	size_t found = 0;
	size_t k;
	size_t j;

	if (ans[0] == NULL && ans[1] == NULL) {
		return;
	}
	for (k = 0; k < 2; k++) {
		for (j = 0; ans[k] != NULL && ans[k]->status == DNS_OK &&
		            j < ans[k]->nrr;
		     j++) {
			if (add_addr(t, &ans[k]->rr[j].addr, q->origin,
			        req->max) != 0) {
				break;
			}
			found++;
		}
	}
	targets_judge_name(ans[0], ans[1], found, req->family,
	    req->timeout_state, prefix, &v);
	if (v.state != STATE_OK) {
		take_note(t, &v);
	}
}

/* Run b (when there is one with queries), adding its time to t. */
static void
run_batch(struct targets *t, struct dns_batch *b, double deadline)
{
	if (dns_batch_run_timed(b, deadline, &t->dns_time) != 0) {
		struct verdict *v = new_note(t);

		if (v != NULL) {
			verdict_set(v, STATE_UNKNOWN, PIECE_DNS, FIXER_NONE,
			    "internal error in the DNS loop");
		}
	}
}

/* An address literal or prefix (true), else false: a name to look up. */
static bool
take_literal(struct targets *t, const struct targets_request *req,
    const char *value, const char *shown)
{
	struct rdns_prefix p;
	struct rdns_addr a;
	struct verdict *v;
	bool mapped;
	uint64_t k;

	if (req->prefixes && strchr(value, '/') != NULL &&
	    rdns_prefix_parse(value, &p, NULL, 0) == 0) {
		if (!family_wanted(req->family, p.base.family)) {
			if ((v = new_note(t)) != NULL) {
				verdict_set(v, STATE_UNKNOWN, PIECE_INPUT,
				    FIXER_OPERATOR, "%s is not an %s prefix",
				    shown, family_word(req->family));
			}
			return true;
		}
		for (k = 0; k < rdns_prefix_size(&p); k++) {
			if (rdns_prefix_nth(&p, k, &a) != 0 ||
			    add_addr(t, &a, -1, req->max) != 0) {
				break;
			}
		}
		return true;
	}
	if (rdns_addr_parse(value, &a, &mapped) != 0) {
		return false;
	}
	if (!family_wanted(req->family, a.family)) {
		if ((v = new_note(t)) != NULL) {
			verdict_set(v, STATE_UNKNOWN, PIECE_INPUT,
			    FIXER_OPERATOR, "%s is not an %s address", shown,
			    family_word(req->family));
		}
		return true;
	}
	(void)add_addr(t, &a, -1, req->max);
	if (mapped && (v = new_note(t)) != NULL) {
		verdict_detail(v, "%s is IPv4-mapped: checked as IPv4", shown);
	}
	return true;
}

/* The -H values: literals now, names queued in b as hq[]. */
static void
take_values(struct targets *t, const struct targets_request *req,
    struct dns_batch *b, struct name_query *hq, size_t *nhq)
{
	char shown[RDNS_NAME_TEXT_MAX];
	enum rdns_name_check c;
	struct name_query *q;
	struct rdns_prefix p;
	struct verdict *v;
	size_t i;

	for (i = 0; i < req->nvalues; i++) {
		const char *h = req->values[i];

		output_sanitize(shown, sizeof(shown), h, strlen(h));
		if (take_literal(t, req, h, shown)) {
			continue;
		}
		q = &hq[*nhq];
		if (!req->prefixes && strchr(h, '/') != NULL &&
		    rdns_prefix_parse(h, &p, NULL, 0) == 0) {
			if ((v = new_note(t)) != NULL) {
				verdict_set(v, STATE_UNKNOWN, PIECE_INPUT,
				    FIXER_OPERATOR,
				    "%s is a range of addresses: this check "
				    "takes addresses and names, check_fcrdns "
				    "-H "
				    "%s checks every address of a range",
				    shown, shown);
			}
			continue;
		}
		c = rdns_name_check(h);
		if ((c != RDNS_NAME_VALID && c != RDNS_NAME_NOT_FQDN) ||
		    rdns_name_normalize(h, q->name, sizeof(q->name)) != 0) {
			if ((v = new_note(t)) != NULL) {
				verdict_set(v, STATE_UNKNOWN, PIECE_INPUT,
				    FIXER_OPERATOR,
				    "'%s' is neither an address%s host name",
				    shown,
				    req->prefixes ? ", a prefix nor a"
				                  : " nor a");
			}
			continue;
		}
		q->origin = add_origin(t, ORIGIN_HOST, q->name, NULL, 0);
		if (q->origin < 0) {
			continue;
		}
		ask_addresses(req->family, b, q);
		(*nhq)++;
	}
}

/* Judge the MX answer of domain; queue its hosts' A/AAAA into next. */
static void
take_mx(struct targets *t, const struct targets_request *req,
    const char *domain, const struct dns_answer *a, struct dns_batch *next,
    struct name_query **mq, size_t *nmq)
{
	struct mx_set m;
	struct name_query *q;
	size_t i;
	bool implicit;

	if (mx_judge(domain, a, req->timeout_state, &m) != 0) {
		t->oom = true;
	}
	for (i = 0; i < m.nnotes; i++) {
		take_note(t, &m.notes[i]);
	}
	t->mx_hosts += m.listed;
	implicit = m.kind == MX_IMPLICIT;
	for (i = 0; i < m.nhosts; i++) {
		q = new_query(t, mq, nmq);
		if (q == NULL) {
			break;
		}
		if (rdns_name_normalize(m.hosts[i].name, q->name,
		        sizeof(q->name)) != 0) {
			snprintf(q->name, sizeof(q->name), "%s",
			    m.hosts[i].name);
		}
		q->origin =
		    add_origin(t, implicit ? ORIGIN_IMPLICIT : ORIGIN_MX,
		        m.hosts[i].name, domain, m.hosts[i].pref);
		if (q->origin < 0) {
			(*nmq)--;
			break;
		}
		ask_addresses(req->family, next, q);
	}
	mx_set_release(&m);
}

/* The addresses of the MX hosts, and the aliases among them. */
static void
take_mx_hosts(struct targets *t, const struct targets_request *req,
    const struct dns_batch *b, const struct name_query *mq, size_t nmq)
{
	char prefix[2 * RDNS_NAME_TEXT_MAX + 64];
	struct verdict v;
	size_t i;

	for (i = 0; i < nmq; i++) {
		const struct target_origin *o = &t->origins[mq[i].origin];
		struct mx_host h = {o->host, o->pref};

		mx_host_prefix(o->domain, &h, o->kind == ORIGIN_IMPLICIT,
		    prefix, sizeof(prefix));
		take_addresses(t, req, b, &mq[i], prefix);
		if (o->kind == ORIGIN_MX &&
		    mx_judge_alias(o->domain, &h,
		        mq[i].qa >= 0 ? dns_batch_answer(b, (size_t)mq[i].qa)
		                      : NULL,
		        mq[i].q6 >= 0 ? dns_batch_answer(b, (size_t)mq[i].q6)
		                      : NULL,
		        &v)) {
			take_note(t, &v);
		}
	}
}

/*
 * An SPF network wider than a run walks. Data, not the operator's input,
 * so not UNKNOWN: an IPv6 network is usually a /64 or wider and never
 * walked (a note); an IPv4 network this wide lets every address in it
 * send as the domain, which is worth a WARNING of its own.
 */
static void
spf_too_wide(struct targets *t, const char *domain, const char *path,
    const struct rdns_prefix *pf, size_t max)
{
	char text[RDNS_PREFIX_TEXT_MAX];
	struct verdict *v = new_note(t);
	bool v4 = pf->base.family == AF_INET;

	if (v == NULL) {
		return;
	}
	(void)rdns_prefix_format(pf, text, sizeof(text));
	verdict_set(v, v4 ? STATE_WARNING : STATE_OK, PIECE_SPF,
	    FIXER_MAIL_ADMIN,
	    "%s SPF %s: %s has 2^%u addresses, more than %zu per run: not "
	    "checked%s (list the servers in it with --inventory)",
	    domain, path, text, (v4 ? 32u : 128u) - pf->bits, max,
	    v4 ? "; every one of them may send as the domain" : "");
}

/* The senders of domain's SPF record (lib/spf), each term its origin. */
static void
take_spf(struct targets *t, const struct targets_request *req,
    const char *domain, const struct dns_resolver *r, double deadline)
{
	struct spf_policy p;
	struct spf_expansion x;
	size_t i;
	size_t j;
	uint64_t k;
	int o;

	memset(&p, 0, sizeof(p));
	p.timeout_state = req->timeout_state;
	p.family = req->family;
	p.registrable = req->registrable;
	p.third_party = req->spf_third_party;
	if (spf_expand(r, domain, &p, deadline, &x) != 0) {
		t->oom = true;
	}
	t->dns_time += x.dns_time;
	if (x.lookups > t->spf_lookups) {
		t->spf_lookups = x.lookups;
	}
	if (x.voids > t->spf_voids) {
		t->spf_voids = x.voids;
	}
	t->spf_permerror = t->spf_permerror || x.permerror;
	for (i = 0; i < x.nnotes; i++) {
		take_note(t, &x.notes[i]);
	}
	for (i = 0; i < x.nsrc && !t->too_many && !t->oom; i++) {
		const struct spf_source *s = &x.src[i];

		if (s->third_party && !req->spf_third_party) {
			continue;
		}
		o = add_origin(t, ORIGIN_SPF, s->path, domain, 0);
		if (o < 0) {
			break;
		}
		for (j = 0; j < s->nprefixes; j++) {
			const struct rdns_prefix *pf = &s->prefixes[j];
			uint64_t size = rdns_prefix_size(pf);

			if (size > req->max) {
				spf_too_wide(t, domain, s->path, pf, req->max);
				continue;
			}
			for (k = 0; k < size; k++) {
				struct rdns_addr a;

				if (rdns_prefix_nth(pf, k, &a) != 0 ||
				    add_addr(t, &a, o, req->max) != 0) {
					break;
				}
			}
		}
	}
	spf_expansion_release(&x);
}

/* The rows of an inventory file, each its own origin. */
static void
take_inventory(struct targets *t, const struct targets_request *req)
{
	const struct inventory *inv = req->inventory;
	char prefix[RDNS_NAME_TEXT_MAX];
	struct verdict *v;
	size_t other = 0; /* rows of the family -4/-6 left out */
	size_t i;
	size_t n;
	int o;

	for (i = 0; i < inv->n && !t->too_many && !t->oom; i++) {
		const struct inventory_row *row = &inv->rows[i];

		if ((req->family != AF_UNSPEC &&
		        row->addr.family != req->family)) {
			other++;
			continue;
		}
		inventory_row_prefix(req->inventory_name, row, prefix,
		    sizeof(prefix));
		n = strlen(prefix);
		if (n >= 2) {
			prefix[n - 2] = '\0'; /* without ": " */
		}
		o = add_origin(t, ORIGIN_INVENTORY, prefix, NULL, (unsigned)i);
		if (o < 0) {
			break;
		}
		n = t->n;
		if (add_addr(t, &row->addr, o, req->max) == 0 && t->n == n &&
		    (v = new_note(t)) != NULL) {
			verdict_set(v, STATE_UNKNOWN, PIECE_INPUT,
			    FIXER_OPERATOR,
			    "%s: the address is also given otherwise (-H, "
			    "--spf): checked once, without the row's PTR and "
			    "HELO",
			    prefix);
		}
	}
	if (other > 0 && (v = new_note(t)) != NULL) {
		verdict_detail(v, "%s: %zu row(s) not %s, not checked (%s)",
		    req->inventory_name, other, family_word(req->family),
		    req->family == AF_INET ? "-4" : "-6");
	}
}

/* Is there a name or a domain to look up? (A batch is not free.) */
static bool
needs_lookup(const struct targets_request *req)
{
	struct rdns_addr a;
	size_t i;

	for (i = 0; i < req->nvalues; i++) {
		if (strchr(req->values[i], '/') == NULL &&
		    rdns_addr_parse(req->values[i], &a, NULL) != 0) {
			return true;
		}
	}
	return req->ndomains > 0;
}

int
targets_collect(struct targets *t, const struct targets_request *req,
    const struct dns_resolver *r, double deadline)
{
	/* Addresses alone need no batch; MX hosts a second one. */
	bool lookup = needs_lookup(req);
	struct dns_batch *b = lookup ? dns_batch_new(r) : NULL;
	struct dns_batch *b2 = req->ndomains > 0 ? dns_batch_new(r) : NULL;
	struct name_query *hq = calloc(req->nvalues + 1, sizeof(*hq));
	int *qmx = calloc(req->ndomains + 1, sizeof(*qmx));
	char dom[RDNS_NAME_TEXT_MAX];
	struct name_query *mq = NULL;
	size_t nmq = 0;
	size_t nhq = 0;
	size_t i;
	struct verdict *v;

	memset(t, 0, sizeof(*t));
	if ((lookup && b == NULL) || (req->ndomains > 0 && b2 == NULL) ||
	    hq == NULL || qmx == NULL) {
		t->oom = true;
		goto out;
	}
	take_values(t, req, b, hq, &nhq);
	for (i = 0; i < req->ndomains; i++) {
		qmx[i] = -1;
		/* The domains were checked while parsing. */
		if (rdns_name_normalize(req->domains[i], dom, sizeof(dom)) ==
		    0) {
			qmx[i] = dns_batch_add(b, dom, DNS_T_MX);
		}
	}
	run_batch(t, b, deadline);
	for (i = 0; i < nhq; i++) {
		take_addresses(t, req, b, &hq[i], "");
	}
	for (i = 0; i < req->ndomains; i++) {
		const struct dns_answer *a =
		    qmx[i] >= 0 ? dns_batch_answer(b, (size_t)qmx[i]) : NULL;

		if (a != NULL) {
			take_mx(t, req, a->qname, a, b2, &mq, &nmq);
		}
	}
	run_batch(t, b2, deadline);
	take_mx_hosts(t, req, b2, mq, nmq);
	if (req->inventory != NULL) {
		take_inventory(t, req);
	}
	for (i = 0; i < req->nspf && !t->oom; i++) {
		if (rdns_name_normalize(req->spf[i], dom, sizeof(dom)) == 0) {
			take_spf(t, req, dom, r, deadline);
		}
	}
	if (t->too_many && (v = new_note(t)) != NULL) {
		verdict_set(v, STATE_UNKNOWN, PIECE_INPUT, FIXER_OPERATOR,
		    "more than %zu addresses: only the first %zu are checked, "
		    "split the check",
		    req->max, req->max);
	}
out:
	if (t->oom && (v = new_note(t)) != NULL) {
		verdict_set(v, STATE_UNKNOWN, PIECE_NONE, FIXER_NONE,
		    "out of memory");
	}
	free(mq);
	free(qmx);
	free(hq);
	dns_batch_free(b);
	dns_batch_free(b2);
	return t->oom ? -1 : 0;
}

void
targets_release(struct targets *t)
{
	size_t i;

	if (t == NULL) {
		return;
	}
	for (i = 0; i < t->norigins; i++) {
		free(t->origins[i].host);
		free(t->origins[i].domain);
	}
	free(t->origins);
	free(t->t);
	free(t->notes);
	free(t->slot);
	memset(t, 0, sizeof(*t));
}

void
targets_origin_prefix(const struct targets *t, int origin, char *buf,
    size_t len)
{
	const struct target_origin *o;

	buf[0] = '\0';
	if (origin < 0 || (size_t)origin >= t->norigins) {
		return;
	}
	o = &t->origins[origin];
	switch (o->kind) {
	case ORIGIN_HOST:
		snprintf(buf, len, "%s: ", o->host);
		break;
	case ORIGIN_MX:
		snprintf(buf, len, "%s MX %u %s: ", o->domain, o->pref,
		    o->host);
		break;
	case ORIGIN_IMPLICIT:
		snprintf(buf, len, "%s (no MX, implicit MX): ", o->domain);
		break;
	case ORIGIN_SPF:
		snprintf(buf, len, "%s SPF %s: ", o->domain, o->host);
		break;
	case ORIGIN_INVENTORY:
		snprintf(buf, len, "%s: ", o->host);
		break;
	}
}

int
targets_check_prefixes(const char *const *values, size_t n, uint64_t max,
    char *err, size_t errlen)
{
	size_t i;
	uint64_t total = 0;
	char why[256];
	char text[RDNS_PREFIX_TEXT_MAX + 8];

	for (i = 0; i < n; i++) {
		const char *h = values[i];
		struct rdns_prefix p;
		uint64_t size;

		if (strchr(h, '/') == NULL) {
			continue;
		}
		output_sanitize(text, sizeof(text), h, strlen(h));
		if (rdns_prefix_parse(h, &p, why, sizeof(why)) != 0) {
			snprintf(err, errlen, "invalid prefix '%s': %s", text,
			    why);
			return -1;
		}
		size = rdns_prefix_size(&p);
		if (size > max) {
			unsigned host_bits =
			    (p.base.family == AF_INET6 ? 128u : 32u) - p.bits;

			snprintf(err, errlen,
			    "%s has 2^%u addresses, at most %llu per run: "
			    "split "
			    "it into smaller prefixes",
			    text, host_bits, (unsigned long long)max);
			return -1;
		}
		total += size;
	}
	if (total > max) {
		snprintf(err, errlen,
		    "the prefixes have %llu addresses in all, at most %llu per "
		    "run: split them over several checks",
		    (unsigned long long)total, (unsigned long long)max);
		return -1;
	}
	return 0;
}
