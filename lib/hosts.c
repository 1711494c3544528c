/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "clock.h"
#include "dns.h"
#include "hosts.h"
#include "opts.h"
#include "output.h"
#include "rdns.h"

/*
 * hosts: -H values to addresses for check_ptr and check_smtp_helo_match
 * (check_fcrdns also takes prefixes and MX domains and keeps where each
 * address came from, so it walks its own way).
 */

static bool
family_wanted(const struct opts_common *c, int family)
{
	return c->family == AF_UNSPEC || c->family == family;
}

static const char *
family_word(const struct opts_common *c)
{
	return c->family == AF_INET ? "IPv4" : "IPv6";
}

/* Add a once; -1 when max is reached. */
static int
add(struct hosts *h, size_t max, const struct rdns_addr *a)
{
	size_t i;

	for (i = 0; i < h->n; i++) {
		if (rdns_addr_equal(&h->addr[i], a)) {
			return 0;
		}
	}
	if (h->n >= max) {
		return -1;
	}
	h->addr[h->n++] = *a;
	return 0;
}

enum state
hosts_judge(const struct dns_answer *a4, const struct dns_answer *a6,
    size_t found, int family, enum state timeout_state, char *text, size_t len)
{
	const struct dns_answer *any = a4 != NULL ? a4 : a6;
	const struct dns_answer *unsure = NULL;
	bool nx = true;

	text[0] = '\0';
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
		snprintf(text, len, "could not tell the addresses of %s: %s",
		    any->qname, unsure->error);
		return timeout_state;
	}
	if (found > 0) {
		return STATE_OK;
	}
	if (nx) {
		snprintf(text, len, "%s does not exist (NXDOMAIN)", any->qname);
	} else {
		snprintf(text, len, "%s has no %s record", any->qname,
		    family == AF_INET    ? "A"
		    : family == AF_INET6 ? "AAAA"
		                         : "A or AAAA");
	}
	return STATE_CRITICAL;
}

/* Take the A/AAAA answers of one name: its addresses, or why there are none. */
static void
take_answers(struct hosts *h, size_t max, const struct opts_common *c,
    const struct dns_answer *ans[2], struct output *out)
{
	char why[2 * RDNS_NAME_TEXT_MAX + DNS_ERROR_MAX];
	size_t found = 0;
	enum state st;
	size_t k;
	size_t j;

	for (k = 0; k < 2; k++) {
		for (j = 0; ans[k] != NULL && j < ans[k]->nrr; j++) {
			if (add(h, max, &ans[k]->rr[j].addr) != 0) {
				output_result(out, STATE_UNKNOWN,
				    "too many addresses (at most %zu)", max);
				return;
			}
			found++;
		}
	}
	st = hosts_judge(ans[0], ans[1], found, c->family, c->timeout_state,
	    why, sizeof(why));
	if (st != STATE_OK) {
		output_result(out, st, "%s", why);
	}
}

void
hosts_collect(struct hosts *h, size_t max, const struct opts_common *c,
    const struct dns_resolver *r, double deadline, struct output *out)
{
	struct dns_batch *b = dns_batch_new(r);
	int qa[OPTS_MAX_HOSTS];
	int q6[OPTS_MAX_HOSTS];
	char host[RDNS_NAME_TEXT_MAX];
	struct rdns_addr a;
	enum rdns_name_check chk;
	bool mapped;
	double t0;
	size_t i;

	memset(h, 0, sizeof(*h));
	if (max > HOSTS_MAX) {
		max = HOSTS_MAX;
	}
	if (b == NULL) {
		output_result(out, STATE_UNKNOWN, "out of memory");
		return;
	}
	for (i = 0; i < c->nhosts; i++) {
		const char *v = c->hosts[i];

		qa[i] = q6[i] = -1;
		output_sanitize(host, sizeof(host), v, strlen(v));
		if (rdns_addr_parse(v, &a, &mapped) == 0) {
			if (!family_wanted(c, a.family)) {
				output_result(out, STATE_UNKNOWN,
				    "%s is not an %s address", host,
				    family_word(c));
			} else if (add(h, max, &a) != 0) {
				output_result(out, STATE_UNKNOWN,
				    "too many addresses (at most %zu)", max);
			} else if (mapped && c->verbose > 0) {
				output_detail(out,
				    "%s is IPv4-mapped: checked as IPv4", host);
			}
			continue;
		}
		chk = rdns_name_check(v);
		if ((chk != RDNS_NAME_VALID && chk != RDNS_NAME_NOT_FQDN) ||
		    rdns_name_normalize(v, host, sizeof(host)) != 0) {
			output_sanitize(host, sizeof(host), v, strlen(v));
			output_result(out, STATE_UNKNOWN,
			    "'%s' is neither an address nor a host name", host);
			continue;
		}
		if (family_wanted(c, AF_INET)) {
			qa[i] = dns_batch_add(b, host, DNS_T_A);
		}
		if (family_wanted(c, AF_INET6)) {
			q6[i] = dns_batch_add(b, host, DNS_T_AAAA);
		}
	}
	if (dns_batch_count(b) > 0) {
		t0 = clock_now();
		(void)dns_batch_run(b, deadline);
		h->dns_time = clock_now() - t0;
	}
	for (i = 0; i < c->nhosts; i++) {
		const struct dns_answer *ans[2] = {
		    qa[i] >= 0 ? dns_batch_answer(b, (size_t)qa[i]) : NULL,
		    q6[i] >= 0 ? dns_batch_answer(b, (size_t)q6[i]) : NULL,
		};

		if (ans[0] != NULL || ans[1] != NULL) {
			take_answers(h, max, c, ans, out);
		}
	}
	dns_batch_free(b);
}
