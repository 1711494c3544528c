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

/* Take the A/AAAA answers of one name: its addresses, or why there are none. */
static void
take_answers(struct hosts *h, size_t max, const struct opts_common *c,
    const struct dns_answer *ans[2], struct output *out)
{
	const struct dns_answer *unsure = NULL;
	size_t found = 0;
	bool nx = true;
	size_t k;
	size_t j;

	for (k = 0; k < 2; k++) {
		if (ans[k] == NULL) {
			continue;
		}
		if (dns_status_unsure(ans[k]->status)) {
			unsure = ans[k];
		}
		if (ans[k]->status != DNS_NXDOMAIN) {
			nx = false;
		}
		for (j = 0; j < ans[k]->nrr; j++) {
			if (add(h, max, &ans[k]->rr[j].addr) != 0) {
				output_result(out, STATE_UNKNOWN,
				    "too many addresses (at most %zu)", max);
				return;
			}
			found++;
		}
	}
	k = ans[0] != NULL ? 0 : 1;
	if (unsure != NULL) {
		/* Even with some addresses: the others may be the bad ones. */
		output_result(out, c->timeout_state,
		    "could not tell the addresses of %s: %s", ans[k]->qname,
		    unsure->error);
	} else if (found == 0 && nx) {
		output_result(out, STATE_CRITICAL,
		    "%s does not exist (NXDOMAIN)", ans[k]->qname);
	} else if (found == 0) {
		output_result(out, STATE_CRITICAL, "%s has no %s record",
		    ans[k]->qname,
		    c->family == AF_INET    ? "A"
		    : c->family == AF_INET6 ? "AAAA"
					    : "A or AAAA");
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
