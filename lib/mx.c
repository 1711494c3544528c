/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mx.h"
#include "rdns.h"

/*
 * mx: RFC 5321 5.1 (MX by preference, implicit MX), RFC 7505 (null MX),
 * RFC 2181 10.3 (an MX must not be an alias).
 */

/* Room for one more note; NULL when out of memory. */
static struct verdict *
new_note(struct mx_set *m)
{
	struct verdict *n = realloc(m->notes, (m->nnotes + 1) * sizeof(*n));

	if (n == NULL) {
		return NULL;
	}
	m->notes = n;
	return &n[m->nnotes++];
}

/* Add host name/pref; -1 when out of memory. */
static int
add_host(struct mx_set *m, const char *name, unsigned pref)
{
	struct mx_host *h = realloc(m->hosts, (m->nhosts + 1) * sizeof(*h));

	if (h == NULL) {
		return -1;
	}
	m->hosts = h;
	h = &h[m->nhosts];
	h->name = strdup(name);
	if (h->name == NULL) {
		return -1;
	}
	h->pref = pref;
	m->nhosts++;
	return 0;
}

static int
cmp_mx(const void *pa, const void *pb)
{
	const struct dns_record *a = *(const struct dns_record *const *)pa;
	const struct dns_record *b = *(const struct dns_record *const *)pb;

	if (a->pref != b->pref) {
		return a->pref < b->pref ? -1 : 1;
	}
	/* Equal preference: answer order. */
	return a < b ? -1 : (a > b ? 1 : 0);
}

/* Is an MX target name really an address ("198.51.100.10.")? */
static bool
is_address(const char *name)
{
	char text[RDNS_ADDR_TEXT_MAX + 2];
	size_t len = strlen(name);
	struct rdns_addr a;

	if (len == 0 || len >= sizeof(text)) {
		return false;
	}
	memcpy(text, name, len + 1);
	if (text[len - 1] == '.') {
		text[len - 1] = '\0';
	}
	return rdns_addr_parse(text, &a, NULL) == 0;
}

/* The records of an answer with MX hosts: sorted, judged, kept. */
static int
judge_list(const char *domain, const struct dns_answer *a, struct mx_set *m)
{
	const struct dns_record **mx = calloc(a->nrr, sizeof(*mx));
	struct verdict *v;
	size_t nmx = 0;
	size_t i;
	int rc = -1;

	if (mx == NULL) {
		return -1;
	}
	for (i = 0; i < a->nrr; i++) {
		if (strcmp(a->rr[i].data, ".") == 0) {
			m->null_mx = true;
			continue;
		}
		mx[nmx++] = &a->rr[i];
	}
	qsort(mx, nmx, sizeof(*mx), cmp_mx);
	if (a->nrr_more > 0) {
		/* lib/dns keeps DNS_MAX_RECORDS of an answer: say what is
		   left rather than call the first ones the whole set. */
		if ((v = new_note(m)) == NULL) {
			goto out;
		}
		verdict_set(v, STATE_UNKNOWN, PIECE_MX, FIXER_OPERATOR,
		    "%s: %zu MX hosts, only the first %zu checked (and %zu "
		    "more)",
		    domain, a->nrr + a->nrr_more, a->nrr, a->nrr_more);
	}
	if (m->null_mx) {
		if ((v = new_note(m)) == NULL) {
			goto out;
		}
		if (nmx == 0) {
			verdict_set(v, STATE_OK, PIECE_NONE, FIXER_NONE,
			    "%s has a null MX (RFC 7505): it accepts no mail, "
			    "no MX host to check",
			    domain);
		} else {
			verdict_set(v, STATE_WARNING, PIECE_MX,
			    FIXER_MAIL_ADMIN,
			    "%s has a null MX beside other MX records: RFC "
			    "7505 3 allows it only alone, remove one or the "
			    "other",
			    domain);
		}
	}
	for (i = 0; i < nmx; i++) {
		enum rdns_name_check c = rdns_name_check(mx[i]->data);
		bool address = is_address(mx[i]->data);

		m->listed++;
		if (!address && c == RDNS_NAME_VALID) {
			if (add_host(m, mx[i]->data, mx[i]->pref) != 0) {
				goto out;
			}
			continue;
		}
		if ((v = new_note(m)) == NULL) {
			goto out;
		}
		if (address) {
			verdict_set(v, STATE_CRITICAL, PIECE_MX,
			    FIXER_MAIL_ADMIN,
			    "%s MX %u %s is an address, not a host name (RFC "
			    "5321 5.1): senders look it up as a name and "
			    "fail, point the MX at a host name",
			    domain, (unsigned)mx[i]->pref, mx[i]->data);
		} else {
			verdict_set(v, STATE_CRITICAL, PIECE_MX,
			    FIXER_MAIL_ADMIN,
			    "%s MX %u %s is not a valid host name (%s)", domain,
			    (unsigned)mx[i]->pref, mx[i]->data,
			    rdns_name_check_str(c));
		}
	}
	rc = 0;
out:
	free(mx);
	return rc;
}

int
mx_judge(const char *domain, const struct dns_answer *a,
    enum state timeout_state, struct mx_set *m)
{
	struct verdict *v;

	memset(m, 0, sizeof(*m));
	if (dns_status_unsure(a->status)) {
		m->kind = MX_UNSURE;
		if ((v = new_note(m)) == NULL) {
			return -1;
		}
		verdict_set(v, timeout_state, PIECE_DNS, FIXER_NONE,
		    "%s: could not tell its MX records, %s", domain, a->error);
		return 0;
	}
	if (a->status == DNS_NXDOMAIN) {
		m->kind = MX_NXDOMAIN;
		if ((v = new_note(m)) == NULL) {
			return -1;
		}
		verdict_set(v, STATE_CRITICAL, PIECE_MX, FIXER_MAIL_ADMIN,
		    "%s does not exist (NXDOMAIN)", domain);
		return 0;
	}
	if (a->status != DNS_OK || a->nrr == 0) {
		/* RFC 5321 5.1: no MX, the domain itself is the MX. */
		m->kind = MX_IMPLICIT;
		if (add_host(m, domain, 0) != 0 || (v = new_note(m)) == NULL) {
			return -1;
		}
		verdict_detail(v,
		    "%s has no MX record: mail goes to its own addresses "
		    "(implicit MX, RFC 5321 5.1)",
		    domain);
		return 0;
	}
	m->kind = MX_LIST;
	return judge_list(domain, a, m);
}

void
mx_set_release(struct mx_set *m)
{
	size_t i;

	if (m == NULL) {
		return;
	}
	for (i = 0; i < m->nhosts; i++) {
		free(m->hosts[i].name);
	}
	free(m->hosts);
	free(m->notes);
	memset(m, 0, sizeof(*m));
}

void
mx_host_prefix(const char *domain, const struct mx_host *h, bool implicit,
    char *buf, size_t len)
{
	if (implicit) {
		snprintf(buf, len,
		    "%s has no MX (implicit MX, RFC 5321 5.1), and ", domain);
	} else {
		snprintf(buf, len, "%s MX %u: ", domain, h->pref);
	}
}

bool
mx_judge_alias(const char *domain, const struct mx_host *h,
    const struct dns_answer *a4, const struct dns_answer *a6, struct verdict *v)
{
	const struct dns_answer *ans[2] = {a4, a6};
	size_t j;

	for (j = 0; j < 2; j++) {
		if (ans[j] == NULL || ans[j]->cname_hops == 0) {
			continue;
		}
		verdict_set(v, STATE_WARNING, PIECE_MX, FIXER_MAIL_ADMIN,
		    "%s MX %u %s is an alias (CNAME to %s): RFC 2181 10.3 and "
		    "RFC 5321 5.1 forbid it, point the MX at %s",
		    domain, h->pref, h->name, ans[j]->name, ans[j]->name);
		return true;
	}
	return false;
}
