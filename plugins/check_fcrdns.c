/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
#include "config.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "cli.h"
#include "clock.h"
#include "dns.h"
#include "fcrdns.h"
#include "generic.h"
#include "hosts.h"
#include "opts.h"
#include "output.h"
#include "range.h"
#include "rdns.h"

/*
 * check_fcrdns: forward-confirmed reverse DNS (FCrDNS, RFC 8601 2.7.3
 * "iprev"), the check receivers enforce (Gmail 550 5.7.25, Postfix
 * reject_unknown_client_hostname): the PTR name of an address must
 * resolve back to that address, in the same family.
 *
 * What is checked: -H addresses, CIDR ranges (-H 198.51.100.0/28, at most
 * FC_MAX_ADDRESSES addresses per run), host names (every A and AAAA
 * address; the PTR should name the host itself) and -D mail domains (the
 * MX hosts by preference, RFC 5321 5.1; a null MX, RFC 7505; no MX: the
 * implicit MX, the domain's own addresses). Every address goes through
 * lib/fcrdns in chunks, each chunk's lookups all in flight at once
 * through lib/dns's one poll loop. One line per address, one summary.
 */

#define FC_MAX_ADDRESSES 65536
#define FC_MAX_DOMAINS 16
#define FC_CHUNK 4096 /* addresses per walk: bounds the memory */

enum fc_option {
	OPT_GENERIC = OPTS_PLUGIN_FIRST,
};

struct fc_config {
	struct opts_common common;
	const char *domains[FC_MAX_DOMAINS]; /* -D, point into argv */
	size_t ndomains;
	enum state generic_state; /* --generic */
};

/* Where an address came from: it prefixes the address's line. */
enum fc_origin_kind {
	ORIGIN_HOST,     /* -H NAME */
	ORIGIN_MX,       /* an MX host of a -D domain */
	ORIGIN_IMPLICIT, /* a -D domain without MX */
};

struct fc_origin {
	enum fc_origin_kind kind;
	char host[RDNS_NAME_TEXT_MAX];   /* the name whose address it is */
	char domain[RDNS_NAME_TEXT_MAX]; /* -D domain, or "" */
	unsigned pref;                   /* MX preference */
};

struct fc_target {
	struct rdns_addr addr;
	int origin;   /* index in run->origin, -1: given as such */
	size_t order; /* insertion order, for de-duplication */
};

struct fc_run {
	const struct fc_config *cfg;
	struct dns_resolver res;
	double deadline;
	double dns_time; /* seconds of all DNS of the run */
	double ptr_max;  /* slowest PTR lookup */
	struct fc_origin *origin;
	size_t norigin;
	struct fc_target *t;
	size_t nt;
	size_t tcap;
	bool too_many; /* targets were dropped at the cap */
	/* results */
	size_t nresults; /* output_result lines */
	enum state worst;
	char worst_text[OUTPUT_LINE_MAX]; /* first line of the worst */
	size_t confirmed;
	size_t partial;
	size_t failed;
	size_t unsure;
	size_t mx_hosts;
};

static const char usage_text[] =
    "Usage: check_fcrdns -H ADDRESS|NAME|PREFIX [-H ...] [-D DOMAIN]...\n"
    "       [-s SERVER]... [--dns-port PORT] [--tcp] [-4|-6]\n"
    "       [-t SECONDS[:STATE]] [-w RANGE] [-c RANGE] [--generic=STATE]"
    " [-v]...\n";

static void
print_help(void)
{
	printf("check_fcrdns v%s (%s)\n\n", PACKAGE_VERSION, PACKAGE_NAME);
	printf("Checks forward-confirmed reverse DNS (FCrDNS): the PTR name "
	       "of an address\nmust resolve (A for IPv4, AAAA for IPv6) back "
	       "to that address. Receivers\nreject mail from addresses that "
	       "fail it (Gmail 550 5.7.25, Postfix\n"
	       "reject_unknown_client_hostname).\n\n");
	fputs(usage_text, stdout);
	printf("\nOptions:\n");
	fputs(opts_help_text, stdout);
	printf("    -H also takes a CIDR prefix (198.51.100.0/28, "
	       "2001:db8::/120): every\n    address in it is checked, at "
	       "most %d addresses per run.\n    With a host name its PTR "
	       "should lead back to that same name.\n",
	    FC_MAX_ADDRESSES);
	printf(" -D, --domain=DOMAIN\n"
	       "    Check every address of every MX host of DOMAIN, by "
	       "preference\n    (repeatable). A null MX (RFC 7505) is "
	       "reported; without MX the\n    domain's own addresses are "
	       "checked (implicit MX, RFC 5321 5.1).\n"
	       " --generic=STATE\n"
	       "    State when a confirmed PTR looks like a provider's "
	       "generic name\n    (ok, warning, critical; default: "
	       "warning)\n");
	printf("\nStates:\n"
	       "  OK        every PTR name resolves back to its address\n"
	       "  WARNING   several PTRs and only some resolve back; the "
	       "PTR of -H NAME\n"
	       "            names another host; a generic provider name; an "
	       "MX that is a\n"
	       "            CNAME; lookup time outside -w\n"
	       "  CRITICAL  no PTR; no PTR name resolves back (NXDOMAIN, no "
	       "address, another\n"
	       "            address); PTR not a valid host name; an MX "
	       "target that is an\n"
	       "            address or does not exist; lookup time outside "
	       "-c\n"
	       "  -t STATE  the DNS could not tell (SERVFAIL, REFUSED, "
	       "timeout)\n"
	       "  UNKNOWN   bad options, more than %d addresses\n",
	    FC_MAX_ADDRESSES);
	printf("\nPerfdata: time (s, slowest PTR lookup; -w/-c apply to each "
	       "PTR lookup),\ndns_time (s, all DNS of the run), addresses, "
	       "confirmed, failed (counts).\n");
	printf("\nExamples:\n"
	       "  check_fcrdns -H 198.51.100.10\n"
	       "  check_fcrdns -H mail.example.com -s 127.0.0.1\n"
	       "  check_fcrdns -D example.com -t 20\n"
	       "  check_fcrdns -H 198.51.100.0/24 -H 2001:db8::/120\n");
}

/* One line, no '|': it is printed as plugin output. */
static const char usage_line[] =
    "Usage: check_fcrdns -H ADDRESS-OR-NAME-OR-PREFIX [-D DOMAIN]... "
    "[-s SERVER]... [--dns-port PORT] [-t SECONDS[:STATE]] [-w RANGE] "
    "[-c RANGE]";

/*
 * Check the CIDR values of -H before any lookup: valid, and not more than
 * FC_MAX_ADDRESSES addresses in all. 0, or -1 with a reason in err.
 */
static int
check_ranges(const struct fc_config *cfg, char *err, size_t errlen)
{
	size_t i;
	uint64_t total = 0;
	char why[256];
	char text[RDNS_PREFIX_TEXT_MAX + 8];

	for (i = 0; i < cfg->common.nhosts; i++) {
		const char *h = cfg->common.hosts[i];
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
		if (size > FC_MAX_ADDRESSES) {
			unsigned host_bits =
			    (p.base.family == AF_INET6 ? 128u : 32u) - p.bits;

			snprintf(err, errlen,
			    "%s has 2^%u addresses, at most %d per run: split "
			    "it into smaller prefixes",
			    text, host_bits, FC_MAX_ADDRESSES);
			return -1;
		}
		total += size;
	}
	if (total > FC_MAX_ADDRESSES) {
		snprintf(err, errlen,
		    "the prefixes have %llu addresses in all, at most %d per "
		    "run: split them over several checks",
		    (unsigned long long)total, FC_MAX_ADDRESSES);
		return -1;
	}
	return 0;
}

/* The options of check_fcrdns beyond the shared ones. */
static int
fc_option(void *vcfg, int opt, const char *arg, char *err, size_t errlen)
{
	struct fc_config *cfg = vcfg;
	char norm[RDNS_NAME_TEXT_MAX];

	switch (opt) {
	case 'D':
		if (cfg->ndomains == FC_MAX_DOMAINS) {
			snprintf(err, errlen, "too many -D (at most %d)",
			    FC_MAX_DOMAINS);
			return -1;
		}
		if (rdns_name_check(arg) != RDNS_NAME_VALID) {
			output_sanitize(norm, sizeof(norm), arg, strlen(arg));
			snprintf(err, errlen, "invalid domain '%.200s' for -D",
			    norm);
			return -1;
		}
		cfg->domains[cfg->ndomains++] = arg;
		return 0;
	case OPT_GENERIC:
		return cli_parse_generic(arg, &cfg->generic_state, err, errlen);
	default:
		snprintf(err, errlen, "unknown option");
		return -1;
	}
}

static int
fc_finish(void *vcfg, char *err, size_t errlen)
{
	const struct fc_config *cfg = vcfg;

	if (cfg->common.nhosts == 0 && cfg->ndomains == 0) {
		snprintf(err, errlen,
		    "-H ADDRESS, NAME or PREFIX, or -D DOMAIN is required");
		return -1;
	}
	return check_ranges(cfg, err, errlen);
}

/* --- results ---------------------------------------------------------- */

/* One result line; tracks the count and the first text of the worst. */
static void fc_result(struct fc_run *run, struct output *out, enum state st,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void
fc_result(struct fc_run *run, struct output *out, enum state st,
    const char *fmt, ...)
{
	char text[OUTPUT_LINE_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	output_result(out, st, "%s", text);
	if (run->nresults == 0 ||
	    (state_worst(run->worst, st) == st && st != run->worst)) {
		run->worst = st;
		snprintf(run->worst_text, sizeof(run->worst_text), "%s", text);
	}
	run->nresults++;
}

/* --- targets ---------------------------------------------------------- */

static bool
family_wanted(const struct fc_config *cfg, int family)
{
	return cfg->common.family == AF_UNSPEC || cfg->common.family == family;
}

static const char *
family_word(const struct fc_config *cfg)
{
	return cfg->common.family == AF_INET ? "IPv4" : "IPv6";
}

/* Add an address (duplicates are removed later). -1 at the cap. */
static int
add_target(struct fc_run *run, const struct rdns_addr *a, int origin)
{
	if (run->nt == FC_MAX_ADDRESSES) {
		run->too_many = true;
		return -1;
	}
	if (run->nt == run->tcap) {
		size_t ncap = run->tcap == 0 ? 64 : run->tcap * 2;
		struct fc_target *nt = realloc(run->t, ncap * sizeof(*nt));

		if (nt == NULL) {
			run->too_many = true;
			return -1;
		}
		run->t = nt;
		run->tcap = ncap;
	}
	run->t[run->nt].addr = *a;
	run->t[run->nt].origin = origin;
	run->t[run->nt].order = run->nt;
	run->nt++;
	return 0;
}

/* A new origin; its index, or -1 when memory ran out. */
static int
add_origin(struct fc_run *run, enum fc_origin_kind kind, const char *host,
    const char *domain, unsigned pref)
{
	struct fc_origin *no =
	    realloc(run->origin, (run->norigin + 1) * sizeof(*no));

	if (no == NULL) {
		return -1;
	}
	run->origin = no;
	no = &run->origin[run->norigin];
	memset(no, 0, sizeof(*no));
	no->kind = kind;
	snprintf(no->host, sizeof(no->host), "%s", host);
	snprintf(no->domain, sizeof(no->domain), "%s", domain);
	no->pref = pref;
	return (int)run->norigin++;
}

static int
cmp_target_addr(const void *pa, const void *pb)
{
	const struct fc_target *a = pa;
	const struct fc_target *b = pb;
	int c;

	if (a->addr.family != b->addr.family) {
		return a->addr.family < b->addr.family ? -1 : 1;
	}
	c = memcmp(a->addr.bytes, b->addr.bytes, sizeof(a->addr.bytes));
	if (c != 0) {
		return c;
	}
	return a->order < b->order ? -1 : (a->order > b->order ? 1 : 0);
}

static int
cmp_target_order(const void *pa, const void *pb)
{
	const struct fc_target *a = pa;
	const struct fc_target *b = pb;

	return a->order < b->order ? -1 : (a->order > b->order ? 1 : 0);
}

/* Remove duplicate addresses, keeping the first (and its origin). */
static void
dedup_targets(struct fc_run *run)
{
	size_t i;
	size_t k = 0;

	if (run->nt < 2) {
		return;
	}
	qsort(run->t, run->nt, sizeof(*run->t), cmp_target_addr);
	for (i = 0; i < run->nt; i++) {
		if (k > 0 &&
		    rdns_addr_equal(&run->t[k - 1].addr, &run->t[i].addr)) {
			continue;
		}
		run->t[k++] = run->t[i];
	}
	run->nt = k;
	qsort(run->t, run->nt, sizeof(*run->t), cmp_target_order);
}

/* An MX/host name whose A and AAAA were asked. */
struct fc_name_query {
	char name[RDNS_NAME_TEXT_MAX]; /* normalised */
	int origin;
	int qa;
	int q6;
};

/*
 * Add the addresses of q from batch b as targets of q->origin. Problems
 * with the name are results of their own, prefixed by what. Returns the
 * number of addresses found.
 */
static size_t
take_addresses(struct fc_run *run, struct output *out,
    const struct dns_batch *b, const struct fc_name_query *q, const char *what)
{
	const struct fc_config *cfg = run->cfg;
	const struct dns_answer *ans[2] = {
	    q->qa >= 0 ? dns_batch_answer(b, (size_t)q->qa) : NULL,
	    q->q6 >= 0 ? dns_batch_answer(b, (size_t)q->q6) : NULL,
	};
	char why[2 * RDNS_NAME_TEXT_MAX + DNS_ERROR_MAX];
	size_t found = 0;
	enum state st;
	size_t k;
	size_t j;

	for (k = 0; k < 2; k++) {
		for (j = 0; ans[k] != NULL && ans[k]->status == DNS_OK &&
		            j < ans[k]->nrr;
		     j++) {
			if (add_target(run, &ans[k]->rr[j].addr, q->origin) !=
			    0) {
				break;
			}
			found++;
		}
	}
	st = hosts_judge(ans[0], ans[1], found, cfg->common.family,
	    cfg->common.timeout_state, why, sizeof(why));
	if (st != STATE_OK) {
		fc_result(run, out, st, "%s%s", what, why);
	}
	return found;
}

/* Queue A and/or AAAA of q->name in b. */
static void
ask_addresses(const struct fc_config *cfg, struct dns_batch *b,
    struct fc_name_query *q)
{
	q->qa = q->q6 = -1;
	if (family_wanted(cfg, AF_INET)) {
		q->qa = dns_batch_add(b, q->name, DNS_T_A);
	}
	if (family_wanted(cfg, AF_INET6)) {
		q->q6 = dns_batch_add(b, q->name, DNS_T_AAAA);
	}
}

static void
run_batch(struct fc_run *run, struct dns_batch *b, struct output *out)
{
	double t0;

	if (dns_batch_count(b) == 0) {
		return;
	}
	t0 = clock_now();
	if (dns_batch_run(b, run->deadline) != 0) {
		fc_result(run, out, STATE_UNKNOWN,
		    "internal error in the DNS loop");
	}
	run->dns_time += clock_now() - t0;
}

static int
cmp_mx(const void *pa, const void *pb)
{
	const struct dns_record *a = *(const struct dns_record *const *)pa;
	const struct dns_record *b = *(const struct dns_record *const *)pb;

	if (a->pref != b->pref) {
		return a->pref < b->pref ? -1 : 1;
	}
	return a < b ? -1 : (a > b ? 1 : 0);
}

/* Is an MX target name really an address ("198.51.100.10.")? */
static bool
mx_is_address(const char *name)
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

/* One more entry at the end of *nq (*nnq of them); NULL when out of memory. */
static struct fc_name_query *
new_query(struct fc_name_query **nq, size_t *nnq)
{
	struct fc_name_query *q = realloc(*nq, (*nnq + 1) * sizeof(*q));

	if (q == NULL) {
		return NULL;
	}
	*nq = q;
	q = &q[(*nnq)++];
	memset(q, 0, sizeof(*q));
	q->qa = q->q6 = -1;
	return q;
}

/*
 * Judge the MX answer of a domain and queue the A/AAAA queries of its MX
 * hosts (or of the domain itself: implicit MX) into next.
 */
static void
judge_mx(struct fc_run *run, struct output *out, const char *domain,
    const struct dns_answer *a, struct dns_batch *next,
    struct fc_name_query **nq, size_t *nnq)
{
	const struct fc_config *cfg = run->cfg;
	const struct dns_record **mx = NULL;
	size_t nmx = 0;
	size_t i;
	bool null_mx = false;
	int o;
	struct fc_name_query *q;

	if (dns_status_unsure(a->status)) {
		fc_result(run, out, cfg->common.timeout_state,
		    "%s: could not tell its MX records, %s", domain, a->error);
		return;
	}
	if (a->status == DNS_NXDOMAIN) {
		fc_result(run, out, STATE_CRITICAL,
		    "%s does not exist (NXDOMAIN)", domain);
		return;
	}
	if (a->status != DNS_OK || a->nrr == 0) {
		/* RFC 5321 5.1: no MX, the domain itself is the MX. */
		o = add_origin(run, ORIGIN_IMPLICIT, domain, domain, 0);
		q = o < 0 ? NULL : new_query(nq, nnq);
		if (q == NULL) {
			fc_result(run, out, STATE_UNKNOWN, "out of memory");
			return;
		}
		snprintf(q->name, sizeof(q->name), "%s", domain);
		q->origin = o;
		ask_addresses(cfg, next, q);
		if (cfg->common.verbose > 0) {
			output_detail(out,
			    "%s has no MX record: mail goes to its own "
			    "addresses (implicit MX, RFC 5321 5.1)",
			    domain);
		}
		return;
	}
	mx = calloc(a->nrr, sizeof(*mx));
	if (mx == NULL) {
		fc_result(run, out, STATE_UNKNOWN, "out of memory");
		return;
	}
	if (a->nrr_more > 0) {
		/* lib/dns keeps DNS_MAX_RECORDS of an answer: say what is left.
		 */
		fc_result(run, out, STATE_UNKNOWN,
		    "%s: %zu MX hosts, only the first %zu checked (and %zu "
		    "more)",
		    domain, a->nrr + a->nrr_more, a->nrr, a->nrr_more);
	}
	for (i = 0; i < a->nrr; i++) {
		if (strcmp(a->rr[i].data, ".") == 0) {
			null_mx = true;
			continue;
		}
		mx[nmx++] = &a->rr[i];
	}
	qsort(mx, nmx, sizeof(*mx), cmp_mx);
	if (null_mx && nmx == 0) {
		fc_result(run, out, STATE_OK,
		    "%s has a null MX (RFC 7505): it accepts no mail, no MX "
		    "host to check",
		    domain);
	} else if (null_mx) {
		fc_result(run, out, STATE_WARNING,
		    "%s has a null MX beside other MX records: RFC 7505 3 "
		    "allows it only alone, remove one or the other",
		    domain);
	}
	for (i = 0; i < nmx; i++) {
		enum rdns_name_check c = rdns_name_check(mx[i]->data);

		run->mx_hosts++;
		if (mx_is_address(mx[i]->data)) {
			fc_result(run, out, STATE_CRITICAL,
			    "%s MX %u %s is an address, not a host name "
			    "(RFC 5321 5.1): senders look it up as a name and "
			    "fail, point the MX at a host name",
			    domain, (unsigned)mx[i]->pref, mx[i]->data);
			continue;
		}
		if (c != RDNS_NAME_VALID) {
			fc_result(run, out, STATE_CRITICAL,
			    "%s MX %u %s is not a valid host name (%s)", domain,
			    (unsigned)mx[i]->pref, mx[i]->data,
			    rdns_name_check_str(c));
			continue;
		}
		o = add_origin(run, ORIGIN_MX, mx[i]->data, domain,
		    mx[i]->pref);
		q = o < 0 ? NULL : new_query(nq, nnq);
		if (q == NULL) {
			fc_result(run, out, STATE_UNKNOWN, "out of memory");
			break;
		}
		if (rdns_name_normalize(mx[i]->data, q->name,
		        sizeof(q->name)) != 0) {
			snprintf(q->name, sizeof(q->name), "%s", mx[i]->data);
		}
		q->origin = o;
		ask_addresses(cfg, next, q);
	}
	free(mx);
}

/*
 * Turn -H and -D into target addresses: literals and prefixes directly,
 * names and MX domains through batches of A, AAAA and MX queries (first
 * round: -H names and MX; second round: the MX hosts).
 */
static void
collect_targets(struct fc_run *run, struct output *out)
{
	const struct fc_config *cfg = run->cfg;
	struct dns_batch *b = dns_batch_new(&run->res);
	struct dns_batch *b2 = dns_batch_new(&run->res);
	struct fc_name_query hq[OPTS_MAX_HOSTS];
	size_t nhq = 0;
	int qmx[FC_MAX_DOMAINS];
	char dom[FC_MAX_DOMAINS][RDNS_NAME_TEXT_MAX];
	struct fc_name_query *mq = NULL;
	size_t nmq = 0;
	size_t i;
	uint64_t k;
	bool mapped;
	struct rdns_addr a;
	struct rdns_prefix p;
	enum rdns_name_check c;
	char host[RDNS_NAME_TEXT_MAX];
	char what[2 * RDNS_NAME_TEXT_MAX + 32];

	if (b == NULL || b2 == NULL) {
		fc_result(run, out, STATE_UNKNOWN, "out of memory");
		goto out;
	}
	for (i = 0; i < cfg->common.nhosts; i++) {
		const char *h = cfg->common.hosts[i];

		output_sanitize(host, sizeof(host), h, strlen(h));
		if (strchr(h, '/') != NULL &&
		    rdns_prefix_parse(h, &p, NULL, 0) == 0) {
			if (!family_wanted(cfg, p.base.family)) {
				fc_result(run, out, STATE_UNKNOWN,
				    "%s is not an %s prefix", host,
				    family_word(cfg));
				continue;
			}
			for (k = 0; k < rdns_prefix_size(&p); k++) {
				if (rdns_prefix_nth(&p, k, &a) != 0 ||
				    add_target(run, &a, -1) != 0) {
					break;
				}
			}
			continue;
		}
		if (rdns_addr_parse(h, &a, &mapped) == 0) {
			if (!family_wanted(cfg, a.family)) {
				fc_result(run, out, STATE_UNKNOWN,
				    "%s is not an %s address", host,
				    family_word(cfg));
				continue;
			}
			(void)add_target(run, &a, -1);
			if (mapped && cfg->common.verbose > 0) {
				output_detail(out,
				    "%s is IPv4-mapped: checked as IPv4", host);
			}
			continue;
		}
		c = rdns_name_check(h);
		if ((c != RDNS_NAME_VALID && c != RDNS_NAME_NOT_FQDN) ||
		    rdns_name_normalize(h, hq[nhq].name,
		        sizeof(hq[nhq].name)) != 0) {
			fc_result(run, out, STATE_UNKNOWN,
			    "'%s' is neither an address, a prefix nor a host "
			    "name",
			    host);
			continue;
		}
		hq[nhq].origin =
		    add_origin(run, ORIGIN_HOST, hq[nhq].name, "", 0);
		if (hq[nhq].origin < 0) {
			fc_result(run, out, STATE_UNKNOWN, "out of memory");
			continue;
		}
		ask_addresses(cfg, b, &hq[nhq]);
		nhq++;
	}
	for (i = 0; i < cfg->ndomains; i++) {
		if (rdns_name_normalize(cfg->domains[i], dom[i],
		        sizeof(dom[i])) != 0) {
			/* Checked while parsing. */
			dom[i][0] = '\0';
			qmx[i] = -1;
			continue;
		}
		qmx[i] = dns_batch_add(b, dom[i], DNS_T_MX);
	}
	run_batch(run, b, out);
	for (i = 0; i < nhq; i++) {
		(void)take_addresses(run, out, b, &hq[i], "");
	}
	for (i = 0; i < cfg->ndomains; i++) {
		if (qmx[i] < 0) {
			continue;
		}
		judge_mx(run, out, dom[i], dns_batch_answer(b, (size_t)qmx[i]),
		    b2, &mq, &nmq);
	}
	run_batch(run, b2, out);
	for (i = 0; i < nmq; i++) {
		const struct fc_origin *o = &run->origin[mq[i].origin];
		const struct dns_answer *ans[2] = {
		    mq[i].qa >= 0 ? dns_batch_answer(b2, (size_t)mq[i].qa)
		                  : NULL,
		    mq[i].q6 >= 0 ? dns_batch_answer(b2, (size_t)mq[i].q6)
		                  : NULL,
		};
		size_t j;

		if (o->kind == ORIGIN_IMPLICIT) {
			snprintf(what, sizeof(what),
			    "%s has no MX (implicit MX, RFC 5321 5.1), and ",
			    o->domain);
		} else {
			snprintf(what, sizeof(what), "%s MX %u: ", o->domain,
			    o->pref);
		}
		(void)take_addresses(run, out, b2, &mq[i], what);
		for (j = 0; o->kind == ORIGIN_MX && j < 2; j++) {
			if (ans[j] == NULL || ans[j]->cname_hops == 0) {
				continue;
			}
			fc_result(run, out, STATE_WARNING,
			    "%s MX %u %s is an alias (CNAME to %s): RFC 2181 "
			    "10.3 and RFC 5321 5.1 forbid it, point the MX "
			    "at %s",
			    o->domain, o->pref, o->host, ans[j]->name,
			    ans[j]->name);
			break;
		}
	}
	if (run->too_many) {
		fc_result(run, out, STATE_UNKNOWN,
		    "more than %d addresses: only the first %d are checked, "
		    "split the check",
		    FC_MAX_ADDRESSES, FC_MAX_ADDRESSES);
	}
out:
	free(mq);
	dns_batch_free(b);
	dns_batch_free(b2);
}

/* --- judging one address ------------------------------------------------ */

/* Append printf text to buf at *used (silently cut when full). */
static void append(char *buf, size_t len, size_t *used, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
append(char *buf, size_t len, size_t *used, const char *fmt, ...)
{
	va_list ap;
	int w;

	if (*used >= len) {
		return;
	}
	va_start(ap, fmt);
	w = vsnprintf(buf + *used, len - *used, fmt, ap);
	va_end(ap);
	if (w < 0) {
		return;
	}
	*used += (size_t)w < len - *used ? (size_t)w : len - *used - 1;
}

/* What one PTR name came to: "name -> 192.0.2.7, not 198.51.100.10". */
static void
name_phrase(const struct fcrdns_name *nm, const char *addr, const char *rr,
    char *buf, size_t len, size_t *used)
{
	char text[RDNS_ADDR_TEXT_MAX];
	size_t k;

	append(buf, len, used, "%s", nm->name);
	if (nm->cname != NULL) {
		append(buf, len, used, " (CNAME to %s)", nm->cname);
	}
	switch (nm->result) {
	case FCRDNS_NAME_CONFIRMS:
		append(buf, len, used, " -> %s", addr);
		break;
	case FCRDNS_NAME_OTHER:
		append(buf, len, used, " -> ");
		for (k = 0; k < nm->naddr; k++) {
			if (rdns_addr_format(&nm->addr[k], text,
			        sizeof(text)) != 0) {
				continue;
			}
			append(buf, len, used, "%s%s", k > 0 ? ", " : "", text);
		}
		if (nm->naddr_total > nm->naddr) {
			append(buf, len, used, " (and %zu more)",
			    nm->naddr_total - nm->naddr);
		}
		append(buf, len, used, ", not %s", addr);
		break;
	case FCRDNS_NAME_NXDOMAIN:
		append(buf, len, used, " does not exist (NXDOMAIN)");
		break;
	case FCRDNS_NAME_NO_ADDRESS:
		append(buf, len, used, " has no %s record", rr);
		break;
	case FCRDNS_NAME_INVALID:
		append(buf, len, used, " is not a valid host name (%s)",
		    rdns_name_check_str(nm->check));
		break;
	case FCRDNS_NAME_UNSURE:
		append(buf, len, used, ": could not tell its %s record, %s", rr,
		    nm->error != NULL ? nm->error : "error");
		break;
	case FCRDNS_NAME_NOT_ASKED:
		append(buf, len, used, " (not checked: more than %d PTR names)",
		    FCRDNS_MAX_NAMES);
		break;
	}
}

/* The fix for a result whose names all fail. */
static const char *
fix_hint(const struct fcrdns_result *r, bool v6)
{
	size_t i;
	bool invalid_only = true;

	for (i = 0; i < r->nnames; i++) {
		if (r->names[i].result != FCRDNS_NAME_INVALID) {
			invalid_only = false;
		}
	}
	if (invalid_only) {
		return "fix the PTR";
	}
	if (r->nnames == 1 && r->names[0].result != FCRDNS_NAME_OTHER) {
		return v6 ? "add the AAAA record or fix the PTR"
		          : "add the A record or fix the PTR";
	}
	return v6 ? "fix the AAAA record or the PTR"
	          : "fix the A record or the PTR";
}

/* The prefix of an address's line: where the address came from. */
static void
origin_prefix(const struct fc_run *run, int origin, char *buf, size_t len)
{
	const struct fc_origin *o;

	buf[0] = '\0';
	if (origin < 0) {
		return;
	}
	o = &run->origin[origin];
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
	}
}

/* Judge one address of the walk and add its line. */
static void
judge_result(struct fc_run *run, const struct fc_target *t,
    const struct fcrdns_result *r, struct output *out)
{
	const struct fc_config *cfg = run->cfg;
	const struct fc_origin *o =
	    t->origin >= 0 ? &run->origin[t->origin] : NULL;
	char pre[2 * RDNS_NAME_TEXT_MAX + 32];
	char addr[RDNS_ADDR_TEXT_MAX];
	char line[OUTPUT_LINE_MAX];
	size_t used = 0;
	size_t i;
	bool v6 = r->addr.family == AF_INET6;
	const char *rr = v6 ? "AAAA" : "A";
	enum state tst;
	struct generic_result g = {GENERIC_SPECIFIC, 0, ""};
	const char *gname = NULL;

	origin_prefix(run, t->origin, pre, sizeof(pre));
	if (rdns_addr_format(&r->addr, addr, sizeof(addr)) != 0) {
		snprintf(addr, sizeof(addr), "?");
	}
	if (r->ptr_elapsed > run->ptr_max) {
		run->ptr_max = r->ptr_elapsed;
	}
	if (r->verdict == FCRDNS_UNSURE && r->nnames == 0) {
		run->unsure++;
		fc_result(run, out, cfg->common.timeout_state,
		    "%s%s: could not tell, %s", pre, addr,
		    r->ptr_error != NULL ? r->ptr_error : "error");
		return;
	}
	if (r->nnames == 0) {
		run->failed++;
		line[0] = '\0';
		if (r->zone != NULL) {
			snprintf(line, sizeof(line),
			    " (reverse zone %s, contact %s)", r->zone,
			    r->zone_contact != NULL ? r->zone_contact : "?");
		}
		fc_result(run, out, STATE_CRITICAL,
		    "%s%s has no PTR record (%s)%s: the holder of the address "
		    "block must add one",
		    pre, addr, dns_status_str(r->ptr_status), line);
		return;
	}
	append(line, sizeof(line), &used, "%s%s -> ", pre, addr);
	if (r->verdict == FCRDNS_CONFIRMED) {
		for (i = 0; i < r->nnames; i++) {
			append(line, sizeof(line), &used, "%s%s",
			    i > 0 ? ", " : "", r->names[i].name);
			if (r->names[i].cname != NULL) {
				append(line, sizeof(line), &used,
				    " (CNAME to %s)", r->names[i].cname);
			}
		}
		append(line, sizeof(line), &used, " -> %s", addr);
	} else {
		for (i = 0; i < r->nnames; i++) {
			if (i > 0) {
				append(line, sizeof(line), &used, ", ");
			}
			name_phrase(&r->names[i], addr, rr, line, sizeof(line),
			    &used);
		}
	}
	switch (r->verdict) {
	case FCRDNS_NOT_CONFIRMED:
		run->failed++;
		fc_result(run, out, STATE_CRITICAL, "%s: %s%s", line,
		    r->nnames > 1 ? "no PTR name resolves back, " : "",
		    fix_hint(r, v6));
		return;
	case FCRDNS_UNSURE:
		run->unsure++;
		fc_result(run, out, cfg->common.timeout_state,
		    "%s: could not tell whether it resolves back", line);
		return;
	case FCRDNS_PARTIAL:
		run->partial++;
		fc_result(run, out, STATE_WARNING,
		    "%s: only %zu of %zu PTR names resolve back, a receiver "
		    "may pick another: remove the stray PTR or fix its %s "
		    "record",
		    line, r->nconfirm, r->nnames, rr);
		return;
	case FCRDNS_CONFIRMED:
		break;
	}
	run->confirmed++;
	for (i = 0; i < r->nnames && gname == NULL; i++) {
		generic_classify(&r->addr, r->names[i].name, &g);
		if (g.verdict == GENERIC_GENERIC) {
			gname = r->names[i].name;
		}
	}
	if (gname != NULL && cfg->generic_state != STATE_OK) {
		char reason[GENERIC_REASON_MAX];

		output_sanitize(reason, sizeof(reason), g.reason,
		    strlen(g.reason));
		fc_result(run, out, cfg->generic_state,
		    "%s, but %s looks generic: %s, ask the holder of the "
		    "address block for a specific PTR",
		    line, gname, reason);
		return;
	}
	if (o != NULL && o->kind == ORIGIN_HOST &&
	    !fcrdns_aligned(r, o->host)) {
		fc_result(run, out, STATE_WARNING,
		    "%s, but the PTR names %s, not %s: the alignment is off, "
		    "point the PTR at %s",
		    line, r->names[0].name, o->host, o->host);
		return;
	}
	tst = (enum state)thresholds_state(&cfg->common.th, r->ptr_elapsed);
	if (tst != STATE_OK) {
		fc_result(run, out, tst, "%s, but the PTR lookup took %.3f s",
		    line, r->ptr_elapsed);
		return;
	}
	fc_result(run, out, STATE_OK, "%s", line);
}

/* -vv: what the walk asked for one address. */
static void
explain_result(const struct fcrdns_result *r, struct output *out)
{
	char addr[RDNS_ADDR_TEXT_MAX];
	size_t i;

	if (rdns_addr_format(&r->addr, addr, sizeof(addr)) != 0) {
		return;
	}
	if (r->ptr_cname != NULL) {
		output_detail(out,
		    "%s: the PTR is a CNAME to %s (RFC 2317 classless "
		    "delegation)",
		    addr, r->ptr_cname);
	}
	output_detail(out, "%s: PTR %s in %.1f ms%s%s", addr,
	    dns_status_str(r->ptr_status), r->ptr_elapsed * 1000.0,
	    r->zone != NULL ? ", reverse zone " : "",
	    r->zone != NULL ? r->zone : "");
	for (i = 0; i < r->nnames; i++) {
		output_detail(out, "%s: %s %s %s in %.1f ms", addr,
		    r->names[i].name, r->addr.family == AF_INET6 ? "AAAA" : "A",
		    dns_status_str(r->names[i].status),
		    r->names[i].elapsed * 1000.0);
	}
}

/* Walk every target in chunks and judge each address. */
static void
walk_targets(struct fc_run *run, struct output *out)
{
	struct rdns_addr *a = calloc(FC_CHUNK, sizeof(*a));
	struct fcrdns_result *r = calloc(FC_CHUNK, sizeof(*r));
	struct fcrdns_dns dns;
	size_t base;
	size_t i;
	size_t n;
	double t0;

	fcrdns_dns_init(&dns, &run->res);
	if (a == NULL || r == NULL) {
		fc_result(run, out, STATE_UNKNOWN, "out of memory");
		goto out;
	}
	for (base = 0; base < run->nt; base += n) {
		n = run->nt - base < FC_CHUNK ? run->nt - base : FC_CHUNK;
		for (i = 0; i < n; i++) {
			a[i] = run->t[base + i].addr;
		}
		t0 = clock_now();
		if (fcrdns_walk(a, n, fcrdns_lookup_dns, &dns, run->deadline,
		        r) != 0) {
			/* The walk fails only when memory (or poll) failed:
			 * UNKNOWN "out of memory", not per-address verdicts. */
			out->oom = true;
		}
		run->dns_time += clock_now() - t0;
		fcrdns_dns_release(&dns);
		for (i = 0; i < n; i++) {
			judge_result(run, &run->t[base + i], &r[i], out);
			if (run->cfg->common.verbose > 1) {
				explain_result(&r[i], out);
			}
			fcrdns_result_release(&r[i]);
		}
	}
out:
	fcrdns_dns_release(&dns);
	free(a);
	free(r);
}

static void
add_count(struct output *out, const char *label, double value, const char *uom,
    const struct thresholds *th)
{
	struct perf p;

	memset(&p, 0, sizeof(p));
	p.label = label;
	p.value = value;
	p.uom = uom;
	p.decimals = uom != NULL ? 6 : -1;
	p.th = th;
	p.has_min = true;
	output_perf(out, &p);
}

/* The status line for more than one result: counts and the worst. */
static void
summarise(struct fc_run *run, struct output *out)
{
	const struct fc_config *cfg = run->cfg;
	char s[OUTPUT_LINE_MAX];
	size_t used = 0;

	if (run->nresults == 1) {
		return; /* the one line says it all */
	}
	if (cfg->ndomains == 1 && cfg->common.nhosts == 0 && run->norigin > 0) {
		const struct fc_origin *o = &run->origin[0];

		if (o->kind == ORIGIN_IMPLICIT) {
			append(s, sizeof(s), &used,
			    "%s has no MX, implicit MX: ", o->domain);
		} else {
			append(s, sizeof(s), &used, "%s: %zu MX host%s, ",
			    o->domain, run->mx_hosts,
			    run->mx_hosts == 1 ? "" : "s");
		}
	}
	append(s, sizeof(s), &used, "%zu address%s: %zu confirmed", run->nt,
	    run->nt == 1 ? "" : "es", run->confirmed);
	if (run->partial > 0) {
		append(s, sizeof(s), &used, ", %zu partly", run->partial);
	}
	append(s, sizeof(s), &used, ", %zu failed", run->failed);
	if (run->unsure > 0) {
		append(s, sizeof(s), &used, ", %zu could not tell",
		    run->unsure);
	}
	if (run->worst != STATE_OK) {
		append(s, sizeof(s), &used, ", worst: %s", run->worst_text);
	}
	output_summary(out, "%s", s);
}

static void
fc_run(const struct fc_config *cfg, struct output *out)
{
	struct fc_run run;
	char err[256];

	memset(&run, 0, sizeof(run));
	run.cfg = cfg;
	run.deadline = clock_now() + cfg->common.timeout;
	if (dns_resolver_init(&run.res, cfg->common.servers,
	        cfg->common.nservers, cfg->common.dns_port, cfg->common.tcp,
	        NULL, err, sizeof(err)) != 0) {
		output_result(out, STATE_UNKNOWN, "%s", err);
		return;
	}
	collect_targets(&run, out);
	dedup_targets(&run);
	walk_targets(&run, out);
	if (run.nresults == 0) {
		fc_result(&run, out, STATE_UNKNOWN, "no address to check");
	}
	summarise(&run, out);
	if (run.nt == 0 && out->state == STATE_UNKNOWN) {
		/* Nothing was measured: a usage-like error, no perfdata. */
		goto done;
	}
	add_count(out, "time", run.ptr_max, "s", &cfg->common.th);
	add_count(out, "dns_time", run.dns_time, "s", NULL);
	add_count(out, "addresses", (double)run.nt, NULL, NULL);
	add_count(out, "confirmed", (double)run.confirmed, NULL, NULL);
	add_count(out, "failed", (double)run.failed, NULL, NULL);
done:
	if (cfg->common.verbose > 0) {
		output_detail(out,
		    "DNS: %zu server(s), first %s, %.1f ms of DNS in this run",
		    run.res.nsrv, run.res.srv[0].text, run.dns_time * 1000.0);
	}
	if (cfg->common.verbose > 0 && run.res.skipped > 0) {
		output_detail(out,
		    "DNS: %u nameserver line(s) not used, the first %s",
		    run.res.skipped, run.res.skipped_why);
	}
	free(run.origin);
	free(run.t);
}

static void
fc_run_cb(const void *cfg, struct output *out)
{
	fc_run(cfg, out);
}

int
main(int argc, char *argv[])
{
	static const struct option own[] = {
	    {"domain", required_argument, NULL, 'D'},
	    {"generic", required_argument, NULL, OPT_GENERIC},
	    {NULL, 0, NULL, 0},
	};
	static const struct cli_plugin plugin = {
	    "check_fcrdns",
	    "FCRDNS",
	    usage_line,
	    "D:",
	    own,
	    print_help,
	    false,
	    fc_option,
	    fc_finish,
	    fc_run_cb,
	};
	struct fc_config cfg;

	memset(&cfg, 0, sizeof(cfg));
	cfg.generic_state = STATE_WARNING;
	return cli_main(&plugin, &cfg.common, &cfg, argc, argv);
}
