/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "cli.h"
#include "clock.h"
#include "dns.h"
#include "generic.h"
#include "hosts.h"
#include "opts.h"
#include "output.h"
#include "range.h"
#include "rdns.h"

/*
 * check_ptr: does the address have a usable PTR record (RFC 1912 2.1),
 * and is it the name the operator expects?
 *
 * -H is an address, or a name whose every A and AAAA address is checked.
 * All PTR lookups of a run go out at once; the answer for each address is
 * judged by the table of design.md: no PTR, a wrong or invalid name is
 * CRITICAL, a provider's generic name a WARNING, a DNS failure "could not
 * tell" with the -t state. With -v the reverse zone that holds the PTR and
 * its SOA/NS are named: that is where the PTR must be changed.
 */

#define PTR_MAX_EXPECT 16
#define PTR_MAX_TARGETS 256

enum ptr_option {
	OPT_EXPECT = OPTS_PLUGIN_FIRST,
	OPT_GENERIC,
};

struct ptr_config {
	struct opts_common common;
	const char *expect[PTR_MAX_EXPECT]; /* -e, point into argv */
	size_t nexpect;
	enum state generic_state; /* --generic */
};

struct ptr_target {
	struct rdns_addr addr;
	char text[RDNS_ADDR_TEXT_MAX];
	char rev[RDNS_REVERSE_MAX];
	int q_ptr; /* query indexes in the batches, -1 when none */
	int q_soa;
	int q_ns;
};

struct ptr_run {
	const struct ptr_config *cfg;
	struct dns_resolver res;
	double deadline;
	double dns_time; /* seconds of all DNS of the run */
	struct ptr_target *t;
	size_t nt;
};

static const char usage_text[] =
    "Usage: check_ptr -H ADDRESS|NAME [-H ...] [-e NAME]... [-s SERVER]...\n"
    "       [--dns-port PORT] [--tcp] [-4|-6] [-t SECONDS[:STATE]]\n"
    "       [-w RANGE] [-c RANGE] [--generic=STATE] [-v]...\n";

static void
print_help(void)
{
	printf("check_ptr v%s (%s)\n\n", PACKAGE_VERSION, PACKAGE_NAME);
	printf("Checks the PTR record (reverse DNS) of an address: that there "
	       "is one,\nthat it is a valid host name, that it is the name "
	       "you expect, and that it\ndoes not look like a provider's "
	       "generic name. Receiving mail servers reject\nor throttle "
	       "mail from addresses without a proper PTR.\n\n");
	fputs(usage_text, stdout);
	printf("\nOptions:\n");
	fputs(opts_help_text, stdout);
	printf(" -e, --expect=NAME\n"
	       "    The PTR must be this name (repeatable: any of them). "
	       "Compared\n    case-insensitively, a trailing dot ignored.\n"
	       " --generic=STATE\n"
	       "    State when the PTR looks like a provider's generic name "
	       "(ok, warning,\n    critical; default: warning)\n");
	printf("\nStates:\n"
	       "  OK        the address has a valid PTR (the expected one with "
	       "-e)\n"
	       "  WARNING   generic provider name; several PTRs of which only "
	       "some are\n"
	       "            expected; lookup time outside -w\n"
	       "  CRITICAL  no PTR (NXDOMAIN or no data); PTR not a valid "
	       "host name;\n"
	       "            PTR not the expected name; lookup time outside "
	       "-c\n"
	       "  -t STATE  the DNS could not tell (SERVFAIL, REFUSED, "
	       "timeout): never\n"
	       "            reported as a missing PTR\n"
	       "  UNKNOWN   bad options\n");
	printf("\nPerfdata: time (s, PTR lookup), ptr_records, match (with -e),"
	       " generic;\nwith several addresses each label starts with the "
	       "address.\n");
	printf("\nExamples:\n"
	       "  check_ptr -H 198.51.100.10 -e mail.example.com\n"
	       "  check_ptr -H mail.example.com -s 127.0.0.1 -w 0.5 -c 2\n"
	       "  check_ptr -H 2001:db8::25 -v -t 5:unknown\n");
}

/* One line, no '|': it is printed as plugin output. */
static const char usage_line[] =
    "Usage: check_ptr -H ADDRESS-OR-NAME [-e NAME]... [-s SERVER]... "
    "[--dns-port PORT] [-t SECONDS[:STATE]] [-w RANGE] [-c RANGE]";

/* The options of check_ptr beyond the shared ones. */
static int
ptr_option(void *vcfg, int opt, const char *arg, char *err, size_t errlen)
{
	struct ptr_config *cfg = vcfg;
	char norm[RDNS_NAME_TEXT_MAX];

	switch (opt) {
	case 'e':
		if (cfg->nexpect == PTR_MAX_EXPECT) {
			snprintf(err, errlen, "too many -e (at most %d)",
			    PTR_MAX_EXPECT);
			return -1;
		}
		if (rdns_name_normalize(arg, norm, sizeof(norm)) != 0) {
			snprintf(err, errlen, "invalid host name for -e");
			return -1;
		}
		cfg->expect[cfg->nexpect++] = arg;
		return 0;
	case OPT_GENERIC:
		return cli_parse_generic(arg, &cfg->generic_state, err, errlen);
	default:
		snprintf(err, errlen, "unknown option");
		return -1;
	}
}

/* Add an address to check. Returns -1 when it cannot be set up. */
static int
add_target(struct ptr_run *run, const struct rdns_addr *a)
{
	struct ptr_target *t;

	/* hosts_collect() gave each address once, at most PTR_MAX_TARGETS. */
	if (run->nt == PTR_MAX_TARGETS) {
		return -1;
	}
	t = &run->t[run->nt];
	memset(t, 0, sizeof(*t));
	t->addr = *a;
	t->q_ptr = t->q_soa = t->q_ns = -1;
	if (rdns_addr_format(a, t->text, sizeof(t->text)) != 0 ||
	    rdns_reverse_name(a, t->rev, sizeof(t->rev)) != 0) {
		return -1;
	}
	run->nt++;
	return 0;
}

/* Every -H as addresses: literals, and the A and AAAA of names. */
static void
collect_targets(struct ptr_run *run, struct output *out)
{
	struct hosts h;
	size_t i;

	hosts_collect(&h, PTR_MAX_TARGETS, &run->cfg->common, &run->res,
	    run->deadline, out);
	run->dns_time += h.dns_time;
	for (i = 0; i < h.n; i++) {
		if (add_target(run, &h.addr[i]) != 0) {
			output_result(out, STATE_UNKNOWN,
			    "cannot format address %zu", i);
		}
	}
}

/* Does name match one of the -e names? */
static bool
expected(const struct ptr_config *cfg, const char *name)
{
	size_t i;

	for (i = 0; i < cfg->nexpect; i++) {
		if (rdns_name_equal(cfg->expect[i], name)) {
			return true;
		}
	}
	return false;
}

/*
 * "a, b, c" of the names of an answer into buf; names that do not fit
 * whole are counted instead: "a, b (and 298 more)".
 */
static void
join_names(const struct dns_answer *a, char *buf, size_t len)
{
	char tail[32];
	size_t i;
	size_t used = 0;
	size_t n;

	buf[0] = '\0';
	for (i = 0; i < a->nrr; i++) {
		size_t sep = i > 0 ? 2 : 0;

		n = strlen(a->rr[i].data);
		/* Keep room for the tail that counts the rest. */
		if (used + sep + n + sizeof(tail) >= len) {
			break;
		}
		memcpy(buf + used, ", ", sep);
		memcpy(buf + used + sep, a->rr[i].data, n);
		used += sep + n;
		buf[used] = '\0';
	}
	if (i < a->nrr || a->nrr_more > 0) {
		/* nrr_more: records past what lib/dns keeps of an answer. */
		n = (size_t)snprintf(tail, sizeof(tail), "%s(and %zu more)",
		    i > 0 ? " " : "", a->nrr - i + a->nrr_more);
		if (used + n < len) {
			memcpy(buf + used, tail, n + 1);
		}
	}
}

/* The zone phrase of a fix hint: " at the owner of zone Z", or "". */
static void
zone_hint(const struct dns_answer *a, char *buf, size_t len)
{
	if (a->have_soa) {
		snprintf(buf, len, " (reverse zone %s, contact %s)", a->zone,
		    a->soa_rname);
	} else {
		buf[0] = '\0';
	}
}

/* Judge one address from its PTR answer. */
static void
judge_target(struct ptr_run *run, const struct ptr_target *t,
    const struct dns_answer *a, struct output *out)
{
	const struct ptr_config *cfg = run->cfg;
	char names[OUTPUT_SUMMARY_MAX];
	char hint[2 * RDNS_NAME_TEXT_MAX + 40];
	size_t i;
	size_t nexp = 0;
	enum state st = STATE_OK;
	enum state tst;
	const char *bad = NULL;
	enum rdns_name_check why = RDNS_NAME_VALID;
	struct generic_result g = {GENERIC_SPECIFIC, 0, ""};
	const char *gname = NULL;

	zone_hint(a, hint, sizeof(hint));
	if (dns_status_unsure(a->status)) {
		output_result(out, cfg->common.timeout_state,
		    "%s: could not tell, %s", t->text, a->error);
		return;
	}
	if (a->status != DNS_OK || a->nrr == 0) {
		output_result(out, STATE_CRITICAL,
		    "%s has no PTR record (%s)%s: the holder of the address "
		    "block must add one",
		    t->text, dns_status_str(a->status), hint);
		return;
	}
	join_names(a, names, sizeof(names));
	for (i = 0; i < a->nrr; i++) {
		enum rdns_name_check c = rdns_name_check(a->rr[i].data);

		if (c != RDNS_NAME_VALID && bad == NULL) {
			bad = a->rr[i].data;
			why = c;
		}
		if (expected(cfg, a->rr[i].data)) {
			nexp++;
		}
		if (c == RDNS_NAME_VALID && gname == NULL) {
			generic_classify(&t->addr, a->rr[i].data, &g);
			if (g.verdict == GENERIC_GENERIC) {
				gname = a->rr[i].data;
			}
		}
	}
	if (bad != NULL) {
		output_result(out, STATE_CRITICAL,
		    "%s -> %s: not a valid host name (%s)%s", t->text, bad,
		    rdns_name_check_str(why), hint);
		return;
	}
	if (cfg->nexpect > 0 && nexp == 0) {
		output_result(out, STATE_CRITICAL,
		    "%s -> %s, expected %s: fix the PTR%s", t->text, names,
		    cfg->expect[0], hint);
		return;
	}
	if (cfg->nexpect > 0 && nexp < a->nrr) {
		output_result(out, STATE_WARNING,
		    "%s -> %s: %zu of %zu PTR names not expected, a receiver "
		    "may pick one of them",
		    t->text, names, a->nrr - nexp, a->nrr);
		return;
	}
	if (gname != NULL) {
		st = state_worst(st, cfg->generic_state);
		if (cfg->generic_state != STATE_OK) {
			output_result(out, cfg->generic_state,
			    "%s -> %s looks generic: %s, ask the holder of the "
			    "address block for a specific PTR",
			    t->text, gname, g.reason);
			return;
		}
	}
	tst = (enum state)thresholds_state(&cfg->common.th, a->elapsed);
	if (tst != STATE_OK) {
		output_result(out, tst, "%s -> %s, but the lookup took %.3f s",
		    t->text, names, a->elapsed);
		return;
	}
	output_result(out, st, "%s -> %s", t->text, names);
}

static void
add_perf(struct ptr_run *run, const struct ptr_target *t,
    const struct dns_answer *a, struct output *out)
{
	const struct ptr_config *cfg = run->cfg;
	char label[RDNS_ADDR_TEXT_MAX + 16];
	const char *prefix = run->nt > 1 ? t->text : NULL;
	struct perf p;
	size_t i;
	bool match = false;
	struct generic_result g;
	bool generic = false;

	memset(&p, 0, sizeof(p));
#define LABEL(name)                                                            \
	(prefix != NULL                                                        \
	        ? (snprintf(label, sizeof(label), "%s_%s", prefix, name),      \
	              label)                                                   \
	        : name)
	p.label = LABEL("time");
	p.value = a->elapsed;
	p.uom = "s";
	p.decimals = 6;
	p.th = &cfg->common.th;
	p.has_min = true;
	output_perf(out, &p);

	memset(&p, 0, sizeof(p));
	p.label = LABEL("ptr_records");
	p.value = (double)(a->status == DNS_OK ? a->nrr + a->nrr_more : 0);
	p.decimals = -1;
	p.has_min = true;
	output_perf(out, &p);

	for (i = 0; a->status == DNS_OK && i < a->nrr; i++) {
		match = match || expected(cfg, a->rr[i].data);
		if (!generic &&
		    rdns_name_check(a->rr[i].data) == RDNS_NAME_VALID) {
			generic_classify(&t->addr, a->rr[i].data, &g);
			generic = g.verdict == GENERIC_GENERIC;
		}
	}
	if (cfg->nexpect > 0) {
		memset(&p, 0, sizeof(p));
		p.label = LABEL("match");
		p.value = match ? 1 : 0;
		p.decimals = -1;
		p.has_min = p.has_max = true;
		p.max = 1;
		output_perf(out, &p);
	}
	if (a->status == DNS_OK) {
		memset(&p, 0, sizeof(p));
		p.label = LABEL("generic");
		p.value = generic ? 1 : 0;
		p.decimals = -1;
		p.has_min = p.has_max = true;
		p.max = 1;
		output_perf(out, &p);
	}
#undef LABEL
}

/*
 * -v: name the reverse zone that holds each PTR and its servers, the party
 * that must change it. One batch of SOA queries, then one of NS queries.
 */
static void
explain_zones(struct ptr_run *run, const struct dns_batch *ptrs,
    struct output *out)
{
	struct dns_batch *soa = dns_batch_new(&run->res);
	struct dns_batch *ns = dns_batch_new(&run->res);
	size_t i;
	size_t j;
	double t0 = clock_now();

	if (soa == NULL || ns == NULL) {
		goto out;
	}
	for (i = 0; i < run->nt; i++) {
		const struct dns_answer *a =
		    dns_batch_answer(ptrs, (size_t)run->t[i].q_ptr);

		run->t[i].q_soa = dns_batch_add(soa, a->name, DNS_T_SOA);
	}
	dns_batch_run(soa, run->deadline);
	for (i = 0; i < run->nt; i++) {
		const struct dns_answer *z =
		    dns_batch_answer(soa, (size_t)run->t[i].q_soa);

		if (z != NULL && z->have_soa) {
			run->t[i].q_ns = dns_batch_add(ns, z->zone, DNS_T_NS);
		}
	}
	dns_batch_run(ns, run->deadline);
	run->dns_time += clock_now() - t0;
	for (i = 0; i < run->nt; i++) {
		const struct ptr_target *t = &run->t[i];
		const struct dns_answer *p =
		    dns_batch_answer(ptrs, (size_t)t->q_ptr);
		const struct dns_answer *z =
		    dns_batch_answer(soa, (size_t)t->q_soa);
		const struct dns_answer *n =
		    t->q_ns >= 0 ? dns_batch_answer(ns, (size_t)t->q_ns) : NULL;
		char list[OUTPUT_SUMMARY_MAX] = "";

		if (p->cname_hops > 0) {
			output_detail(out,
			    "%s: %s is a CNAME to %s (RFC 2317 classless "
			    "delegation)",
			    t->text, t->rev, p->name);
		}
		if (z == NULL || !z->have_soa) {
			output_detail(out,
			    "%s: could not find the reverse zone of %s (%s)",
			    t->text, p->name,
			    z != NULL && z->error[0] != '\0'
			        ? z->error
			        : dns_status_str(
			              z != NULL ? z->status : DNS_ERROR));
			continue;
		}
		if (n != NULL && n->status == DNS_OK) {
			join_names(n, list, sizeof(list));
		}
		output_detail(out,
		    "%s: PTR lives in zone %s (SOA %s %s serial %u, NS %s): "
		    "changed by whoever holds that zone",
		    t->text, z->zone, z->soa_mname, z->soa_rname,
		    (unsigned)z->soa_serial,
		    list[0] != '\0' ? list : "unknown");
		for (j = 0; run->cfg->common.verbose > 1 && j < p->nrr; j++) {
			output_detail(out, "%s: PTR %s TTL %u", t->text,
			    p->rr[j].data, (unsigned)p->rr[j].ttl);
		}
	}
out:
	dns_batch_free(soa);
	dns_batch_free(ns);
}

static void
ptr_run(const struct ptr_config *cfg, struct output *out)
{
	struct ptr_run run;
	struct dns_batch *b = NULL;
	char err[256];
	size_t i;
	double t0;
	struct perf p;

	memset(&run, 0, sizeof(run));
	run.cfg = cfg;
	run.deadline = clock_now() + cfg->common.timeout;
	if (dns_resolver_init(&run.res, cfg->common.servers,
	        cfg->common.nservers, cfg->common.dns_port, cfg->common.tcp,
	        NULL, err, sizeof(err)) != 0) {
		output_result(out, STATE_UNKNOWN, "%s", err);
		return;
	}
	run.t = calloc(PTR_MAX_TARGETS, sizeof(*run.t));
	b = dns_batch_new(&run.res);
	if (run.t == NULL || b == NULL) {
		output_result(out, STATE_UNKNOWN, "out of memory");
		goto out;
	}
	collect_targets(&run, out);
	for (i = 0; i < run.nt; i++) {
		run.t[i].q_ptr = dns_batch_add(b, run.t[i].rev, DNS_T_PTR);
	}
	t0 = clock_now();
	if (run.nt > 0 && dns_batch_run(b, run.deadline) != 0) {
		output_result(out, STATE_UNKNOWN,
		    "internal error in the "
		    "DNS loop");
	}
	run.dns_time += clock_now() - t0;
	for (i = 0; i < run.nt; i++) {
		const struct dns_answer *a =
		    dns_batch_answer(b, (size_t)run.t[i].q_ptr);

		judge_target(&run, &run.t[i], a, out);
		add_perf(&run, &run.t[i], a, out);
		if (cfg->common.verbose > 1) {
			output_detail(out,
			    "%s: PTR %s -> %s from %s in %.1f ms (%u sent%s)",
			    run.t[i].text, a->qname, dns_status_str(a->status),
			    a->server[0] != '\0' ? a->server : "no server",
			    a->elapsed * 1000.0, a->sends,
			    a->tcp ? ", TCP" : "");
		}
	}
	if (cfg->common.verbose > 0 && run.nt > 0) {
		explain_zones(&run, b, out);
	}
	if (run.nt > 1 || cfg->common.nhosts > 1) {
		memset(&p, 0, sizeof(p));
		p.label = "addresses";
		p.value = (double)run.nt;
		p.decimals = -1;
		p.has_min = true;
		output_perf(out, &p);
	}
	if (cfg->common.verbose > 0) {
		output_detail(out,
		    "DNS: %zu server(s), first %s, %.1f ms of "
		    "DNS in this run",
		    run.res.nsrv, run.res.srv[0].text, run.dns_time * 1000.0);
	}
	if (cfg->common.verbose > 0 && run.res.skipped > 0) {
		output_detail(out,
		    "DNS: %u nameserver line(s) not used, the first %s",
		    run.res.skipped, run.res.skipped_why);
	}
out:
	dns_batch_free(b);
	free(run.t);
}

static void
ptr_run_cb(const void *cfg, struct output *out)
{
	ptr_run(cfg, out);
}

int
main(int argc, char *argv[])
{
	static const struct option own[] = {
	    {"expect", required_argument, NULL, 'e'},
	    {"generic", required_argument, NULL, OPT_GENERIC},
	    {NULL, 0, NULL, 0},
	};
	static const struct cli_plugin plugin = {
	    "check_ptr",
	    "PTR",
	    usage_line,
	    "e:",
	    own,
	    print_help,
	    true,
	    ptr_option,
	    NULL,
	    ptr_run_cb,
	};
	struct ptr_config cfg;

	memset(&cfg, 0, sizeof(cfg));
	cfg.generic_state = STATE_WARNING;
	return cli_main(&plugin, &cfg.common, &cfg, argc, argv);
}
