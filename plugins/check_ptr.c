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
#include "dnssec.h"
#include "fcrdns.h"
#include "opts.h"
#include "output.h"
#include "ptr.h"
#include "range.h"
#include "rdns.h"
#include "report.h"
#include "targets.h"
#include "verdict.h"
#include "zone.h"

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

#define PTR_MAX_TARGETS 256

enum ptr_option {
	OPT_EXPECT = OPTS_PLUGIN_FIRST,
	OPT_GENERIC,
	OPT_TTL,
};

struct ptr_config {
	struct opts_common common;
	struct cli_expect expect; /* -e */
	enum state generic_state; /* --generic */
	struct cli_views views;   /* --receivers, --dnssec, -A, --state-file */
	bool ttl;                 /* --ttl */
};

/* What a run knows: the addresses and the batch of their PTR queries. */
struct ptr_check {
	const struct ptr_config *cfg;
	struct ptr_policy policy;
	struct dns_resolver res;
	double deadline;
	double dns_time; /* seconds of all DNS of the run */
	struct targets targets;
	struct dns_batch *batch; /* PTR query i for targets.t[i] */
	struct report report;    /* --report, or fp NULL */
	/* What the perfdata sums up (labels fixed by the command line). */
	size_t answered; /* lookups that were not "could not tell" */
	size_t with_ptr;
	size_t no_ptr;
	size_t unsure;
	size_t records;
	size_t generic;
	size_t match;
	double slowest;  /* of the answered lookups */
	size_t refusing; /* --receivers: rules that would refuse */
	/* --ttl: the longest PTR TTL and negative TTL of the answers */
	bool have_ttl, have_negative_ttl;
	uint32_t ttl, negative_ttl;
	/* --dnssec: addresses whose answer is secure, bogus, known */
	size_t secure, bogus, dnssec_known;
	/* --dnssec: the SERVFAIL answers asked again with CD */
	struct dns_resolver cd_res;
	struct dns_batch *cd_batch;
	int *cd_idx; /* per target: its query in cd_batch, or -1 */
};

static const char usage_text[] =
    "Usage: check_ptr -H ADDRESS|NAME [-H ...] [-e NAME]... [-s SERVER]...\n"
    "       [--dns-port PORT] [--tcp] [-4|-6] [-t SECONDS[:STATE]]\n"
    "       [-w RANGE] [-c RANGE] [--generic=STATE] [--output-max=BYTES]\n"
    "       [--report=FILE] [--perf-per-address] [--ttl]\n"
    "       [--dnssec|--require-secure] [-A [--lame=STATE]\n"
    "       [--disagree=STATE]] [--state-file=PATH [--drift=STATE]]\n"
    "       [--receivers[=LIST] [--helo=NAME]] [-v]...\n";

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
	printf(" -w, --warning=RANGE\n"
	       "    WARNING when a PTR lookup takes longer, in seconds\n"
	       " -c, --critical=RANGE\n"
	       "    CRITICAL when a PTR lookup takes longer, in seconds\n"
	       "    RANGE is [@][START:][END] as in the Monitoring Plugins "
	       "guidelines:\n"
	       "    \"0.5\" alerts above 0.5, \"@1:2\" inside 1..2, \"~:1\" "
	       "above 1.\n");
	fputs(cli_help_expect, stdout);
	printf(" --generic=STATE\n"
	       "    State when the PTR looks like a provider's generic name "
	       "(ok, warning,\n    critical; default: warning)\n");
	printf(" --ttl\n"
	       "    Say how long a change takes to reach receivers: the PTR's "
	       "TTL, or\n    for a missing PTR the negative TTL from the SOA "
	       "(RFC 2308), with\n    perfdata ttl and negative_ttl (U when "
	       "not applicable). The\n    resolver's TTL is what it still "
	       "has cached.\n");
	printf(" --dnssec\n"
	       "    Ask with EDNS0 and the DO bit and report what a validating "
	       "resolver\n    says of each PTR answer: secure (AD), insecure, "
	       "or bogus (SERVFAIL,\n    but the data with CD: broken "
	       "signatures, CRITICAL); perfdata\n    dnssec_secure and "
	       "dnssec_bogus\n"
	       " --require-secure\n"
	       "    --dnssec, and an answer that is not secure is CRITICAL\n");
	cli_views_help();
	fputs(opts_help_output, stdout);
	fputs(opts_help_tail, stdout);
	printf("    -vvv shows the same as -vv.\n");
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
	printf("\nPerfdata (the same labels for every run with the same "
	       "options):\n"
	       "  time         s, the slowest PTR lookup that was answered "
	       "(U: none)\n"
	       "  ptr_records  PTR records of the answered addresses (U: none)"
	       "\n"
	       "  match        with -e: addresses whose PTR is expected\n"
	       "  generic      addresses whose PTR looks generic\n"
	       "  addresses    addresses checked = with_ptr + no_ptr + unsure"
	       "\n"
	       "  with_ptr, no_ptr, unsure  (unsure: the DNS could not tell)\n"
	       "  With --perf-per-address also ADDRESS_time and "
	       "ADDRESS_ptr_records.\n");
	printf("\nExamples:\n"
	       "  check_ptr -H 198.51.100.10 -e mail.example.com\n"
	       "  check_ptr -H mail.example.com -s 127.0.0.1 -w 0.5 -c 2\n"
	       "  check_ptr -H 2001:db8::25 -v -t 5:unknown\n");
}

/* One line within 80 columns, no '|': it is printed as plugin output. */
static const char usage_line[] =
    "Usage: check_ptr -H ADDRESS-OR-NAME [-e NAME] [-s SERVER] [-t SECONDS]";

/* The options of check_ptr beyond the shared ones. */
static int
ptr_option(void *vcfg, int opt, const char *arg, char *err, size_t errlen)
{
	struct ptr_config *cfg = vcfg;
	int rc = cli_views_option(&cfg->views, opt, arg, err, errlen);

	if (rc <= 0) {
		return rc;
	}
	switch (opt) {
	case 'e':
		return cli_parse_expect(&cfg->expect, arg, err, errlen);
	case OPT_GENERIC:
		return cli_parse_generic(arg, &cfg->generic_state, err, errlen);
	case OPT_TTL:
		cfg->ttl = true;
		return 0;
	default:
		snprintf(err, errlen, "unknown option");
		return -1;
	}
}

/* The PTR answer of target i. */
static const struct dns_answer *
answer(const struct ptr_check *run, size_t i)
{
	return dns_batch_answer(run->batch, i);
}

/* Count one answer into the run's sums. */
static void
tally(struct ptr_check *run, const struct dns_answer *a,
    const struct ptr_facts *f)
{
	if (dns_status_unsure(a->status)) {
		run->unsure++;
		return;
	}
	run->answered++;
	if (a->elapsed > run->slowest) {
		run->slowest = a->elapsed;
	}
	if (f->records > 0) {
		run->with_ptr++;
	} else {
		run->no_ptr++;
	}
	run->records += f->records;
	if (f->have_ttl && (!run->have_ttl || f->ttl > run->ttl)) {
		run->ttl = f->ttl;
		run->have_ttl = true;
	}
	if (f->have_negative_ttl &&
	    (!run->have_negative_ttl || f->negative_ttl > run->negative_ttl)) {
		run->negative_ttl = f->negative_ttl;
		run->have_negative_ttl = true;
	}
	run->generic += f->generic ? 1 : 0;
	run->match += f->match ? 1 : 0;
}

/* --perf-per-address: ADDRESS_time and ADDRESS_ptr_records. */
static void
address_perf(const struct ptr_check *run, const char *text,
    const struct dns_answer *a, const struct ptr_facts *f, struct output *out)
{
	char label[RDNS_ADDR_TEXT_MAX + 16];
	bool unsure = dns_status_unsure(a->status);

	snprintf(label, sizeof(label), "%s_time", text);
	cli_perf_seconds(out, label, a->elapsed, unsure, &run->cfg->common.th);
	snprintf(label, sizeof(label), "%s_ptr_records", text);
	cli_perf_count(out, label, f->records, unsure, false, 0);
}

/* The aggregate perfdata: its labels depend on the options only. */
static void
run_perf(const struct ptr_check *run, struct output *out)
{
	bool none = run->answered == 0;
	size_t n = run->targets.n;

	cli_perf_seconds(out, "time", run->slowest, none, &run->cfg->common.th);
	cli_perf_count(out, "ptr_records", run->records, none, false, 0);
	if (run->cfg->expect.n > 0) {
		cli_perf_count(out, "match", run->match, none, true, n);
	}
	if (run->cfg->views.receivers.on) {
		cli_perf_count(out, "refusing_rules", run->refusing, false,
		    false, 0);
	}
	if (run->cfg->ttl) {
		/* The longest: how long the slowest change may take. */
		cli_perf_seconds_int(out, "ttl", run->ttl, !run->have_ttl);
		cli_perf_seconds_int(out, "negative_ttl", run->negative_ttl,
		    !run->have_negative_ttl);
	}
	if (run->cfg->views.dnssec) {
		cli_perf_count(out, "dnssec_secure", run->secure,
		    run->dnssec_known == 0, true, n);
		cli_perf_count(out, "dnssec_bogus", run->bogus,
		    run->dnssec_known == 0, true, n);
	}
	cli_perf_count(out, "generic", run->generic, none, true, n);
	cli_perf_count(out, "addresses", n, false, false, 0);
	cli_perf_count(out, "with_ptr", run->with_ptr, false, true, n);
	cli_perf_count(out, "no_ptr", run->no_ptr, false, true, n);
	cli_perf_count(out, "unsure", run->unsure, false, true, n);
}

/* --report: one JSON object for an address. */
static void
report_address(struct ptr_check *run, const char *text,
    const struct dns_answer *a, const struct verdict *v,
    const struct ptr_facts *f)
{
	struct report *r = &run->report;
	size_t i;

	if (r->fp == NULL) {
		return;
	}
	report_begin(r);
	report_str(r, "address", text);
	report_str(r, "state", state_name(v->state));
	report_str(r, "piece", verdict_piece_str(v->piece));
	report_str(r, "fixer", verdict_fixer_str(v->fixer));
	report_str(r, "text", v->text);
	report_str(r, "ptr_status", dns_status_str(a->status));
	report_array(r, "ptr");
	for (i = 0; a->status == DNS_OK && i < a->nrr; i++) {
		report_item(r, a->rr[i].data);
	}
	report_array_end(r);
	report_bool(r, "generic", f->generic);
	if (run->cfg->expect.n > 0) {
		report_bool(r, "match", f->match);
	}
	report_num(r, "seconds", a->elapsed);
	report_str(r, "server", a->server);
	if (a->error[0] != '\0') {
		report_str(r, "error", a->error);
	}
	report_end(r);
}

/*
 * -v: the reverse zone that holds each PTR and its servers (lib/zone), the
 * party that must change it; -vv: the TTL of each PTR.
 */
static void
explain_zones(struct ptr_check *run, struct output *out)
{
	size_t n = run->targets.n;
	const char **owners = calloc(n, sizeof(*owners));
	struct zone_info *z = calloc(n, sizeof(*z));
	char addr[RDNS_ADDR_TEXT_MAX];
	char rev[RDNS_REVERSE_MAX];
	char line[OUTPUT_LINE_MAX];
	size_t i;
	size_t j;

	if (owners == NULL || z == NULL) {
		output_detail(out,
		    "out of memory: the reverse zones not shown");
		goto out;
	}
	for (i = 0; i < n; i++) {
		owners[i] = answer(run, i)->name;
	}
	(void)zone_lookup(&run->res, owners, n, run->deadline, z,
	    &run->dns_time);
	for (i = 0; i < n; i++) {
		const struct dns_answer *p = answer(run, i);

		if (rdns_addr_format(&run->targets.t[i].addr, addr,
		        sizeof(addr)) != 0 ||
		    rdns_reverse_name(&run->targets.t[i].addr, rev,
		        sizeof(rev)) != 0) {
			continue;
		}
		if (p->cname_hops > 0) {
			zone_cname_line(addr, rev, p->name, line, sizeof(line));
			output_detail(out, "%s", line);
		}
		zone_line(addr, p->name, &z[i], line, sizeof(line));
		output_detail(out, "%s", line);
		for (j = 0; run->cfg->common.verbose > 1 && j < p->nrr; j++) {
			output_detail(out, "%s: PTR %s TTL %u", addr,
			    p->rr[j].data, (unsigned)p->rr[j].ttl);
		}
	}
out:
	free(owners);
	free(z);
}

/*
 * --receivers: what each receiver would answer. Receivers check FCrDNS,
 * so the addresses are walked (lib/fcrdns) for it, and the --helo name is
 * asked A, AAAA and MX.
 */
static void
receivers(struct ptr_check *run, struct output *out)
{
	const struct cli_receivers *rv = &run->cfg->views.receivers;
	size_t n = run->targets.n;
	struct rdns_addr *a = calloc(n, sizeof(*a));
	struct fcrdns_result *r = calloc(n, sizeof(*r));
	struct dns_batch *h = NULL;
	struct fcrdns_dns dns;
	double t0 = clock_now();
	size_t i;

	fcrdns_dns_init(&dns, &run->res);
	if (a == NULL || r == NULL) {
		output_result(out, STATE_UNKNOWN, "out of memory");
		goto out;
	}
	for (i = 0; i < n; i++) {
		a[i] = run->targets.t[i].addr;
	}
	if (fcrdns_walk(a, n, fcrdns_lookup_dns, &dns, run->deadline, r) != 0) {
		output_detail(out, "internal error (memory or DNS loop) in the "
		                   "FCrDNS walk");
	}
	run->dns_time += clock_now() - t0;
	if (rv->helo != NULL) {
		h = cli_helo_lookup(&run->res, rv->helo, run->deadline,
		    &run->dns_time);
	}
	for (i = 0; i < n; i++) {
		run->refusing += cli_receivers_report(&run->cfg->common, rv,
		    &r[i], rv->helo, h != NULL ? dns_batch_answer(h, 0) : NULL,
		    h != NULL ? dns_batch_answer(h, 1) : NULL,
		    h != NULL ? dns_batch_answer(h, 2) : NULL, out);
	}
out:
	for (i = 0; r != NULL && i < n; i++) {
		fcrdns_result_release(&r[i]);
	}
	dns_batch_free(h);
	fcrdns_dns_release(&dns);
	free(a);
	free(r);
}

/* --state-file: what changed since the last run (lib/drift). */
static void
drift(struct ptr_check *run, struct output *out)
{
	struct cli_drift_seen *s;
	size_t n = run->targets.n;
	size_t i;
	size_t j;

	if (run->cfg->views.drift.path == NULL || n == 0) {
		return;
	}
	if ((s = calloc(n, sizeof(*s))) == NULL) {
		output_result(out, STATE_UNKNOWN, "out of memory");
		return;
	}
	for (i = 0; i < n; i++) {
		const struct dns_answer *a = answer(run, i);

		cli_addr_text(&run->targets.t[i].addr, s[i].addr);
		s[i].forward = "-";
		s[i].unsure = dns_status_unsure(a->status);
		for (j = 0;
		     a->status == DNS_OK && j < a->nrr && j < CLI_DRIFT_NAMES;
		     j++) {
			s[i].names[s[i].nnames++] = a->rr[j].data;
		}
	}
	cli_drift_run(&run->cfg->common, &run->cfg->views.drift, s, n,
	    run->deadline, out);
	free(s);
}

/* -A: every authoritative server of each PTR and PTR name (lib/auth). */
static void
authoritative(struct ptr_check *run, struct output *out)
{
	struct cli_auth_subject *s;
	size_t n = run->targets.n;
	size_t i;
	size_t j;

	if (!run->cfg->views.auth.on || n == 0) {
		return;
	}
	if ((s = calloc(n, sizeof(*s))) == NULL) {
		output_result(out, STATE_UNKNOWN, "out of memory");
		return;
	}
	for (i = 0; i < n; i++) {
		const struct dns_answer *a = answer(run, i);

		cli_addr_text(&run->targets.t[i].addr, s[i].addr);
		snprintf(s[i].owner, sizeof(s[i].owner), "%s", a->name);
		s[i].answer = a;
		for (j = 0;
		     a->status == DNS_OK && j < a->nrr && j < CLI_AUTH_NAMES;
		     j++) {
			s[i].names[s[i].nnames++] = a->rr[j].data;
		}
	}
	cli_auth_run(&run->cfg->common, &run->cfg->views.auth, &run->res, s, n,
	    run->deadline, &run->dns_time, out);
	free(s);
}

/*
 * --dnssec: ask the SERVFAIL answers again with CD (RFC 4035 3.2.2): data
 * then means the zone is bogus, not that the resolver failed.
 */
static void
retry_cd(struct ptr_check *run, struct output *out)
{
	char rev[RDNS_REVERSE_MAX];
	size_t i;
	size_t nf = 0;

	for (i = 0; i < run->targets.n; i++) {
		nf += answer(run, i)->status == DNS_SERVFAIL;
	}
	if (nf == 0) {
		return;
	}
	if (cli_resolver(&run->cfg->common, &run->cd_res, out) != 0) {
		return;
	}
	run->cd_res.dnssec = true;
	run->cd_res.checking_disabled = true;
	run->cd_batch = dns_batch_new(&run->cd_res);
	run->cd_idx = calloc(run->targets.n, sizeof(*run->cd_idx));
	if (run->cd_batch == NULL || run->cd_idx == NULL) {
		output_result(out, STATE_UNKNOWN, "out of memory");
		return;
	}
	for (i = 0; i < run->targets.n; i++) {
		run->cd_idx[i] = -1;
		if (answer(run, i)->status == DNS_SERVFAIL &&
		    rdns_reverse_name(&run->targets.t[i].addr, rev,
		        sizeof(rev)) == 0) {
			run->cd_idx[i] =
			    dns_batch_add(run->cd_batch, rev, DNS_T_PTR);
		}
	}
	(void)dns_batch_run_timed(run->cd_batch, run->deadline, &run->dns_time);
}

/* Ask the PTR of every address at once. */
static void
lookup(struct ptr_check *run, struct output *out)
{
	char rev[RDNS_REVERSE_MAX];
	double t0;
	size_t i;

	for (i = 0; i < run->targets.n; i++) {
		if (rdns_reverse_name(&run->targets.t[i].addr, rev,
		        sizeof(rev)) != 0 ||
		    dns_batch_add(run->batch, rev, DNS_T_PTR) != (int)i) {
			output_result(out, STATE_UNKNOWN,
			    "cannot ask the PTR of address %zu", i);
			run->targets.n = i;
			break;
		}
	}
	t0 = clock_now();
	if (run->targets.n > 0 &&
	    dns_batch_run(run->batch, run->deadline) != 0) {
		output_result(out, STATE_UNKNOWN,
		    "internal error in the DNS loop");
	}
	run->dns_time += clock_now() - t0;
}

static void
ptr_run(const struct ptr_config *cfg, struct output *out)
{
	struct ptr_check run;
	struct targets_request req;
	struct ptr_facts f;
	struct verdict v;
	char text[RDNS_ADDR_TEXT_MAX];
	size_t i;

	memset(&run, 0, sizeof(run));
	run.cfg = cfg;
	run.deadline = clock_now() + cfg->common.timeout;
	run.policy.expect = cfg->expect.name;
	run.policy.nexpect = cfg->expect.n;
	run.policy.generic_state = cfg->generic_state;
	run.policy.timeout_state = cfg->common.timeout_state;
	run.policy.th = &cfg->common.th;
	if (cli_resolver(&cfg->common, &run.res, out) != 0 ||
	    cli_report_open(&cfg->common, &run.report, out) != 0) {
		return;
	}
	run.res.dnssec = cfg->views.dnssec;
	memset(&req, 0, sizeof(req));
	req.values = cfg->common.hosts;
	req.nvalues = cfg->common.nhosts;
	req.family = cfg->common.family;
	req.max = PTR_MAX_TARGETS;
	req.timeout_state = cfg->common.timeout_state;
	(void)targets_collect(&run.targets, &req, &run.res, run.deadline);
	run.dns_time += run.targets.dns_time;
	for (i = 0; i < run.targets.nnotes; i++) {
		cli_verdict(&cfg->common, &run.targets.notes[i], out);
	}
	run.batch = dns_batch_new(&run.res);
	if (run.batch == NULL) {
		output_result(out, STATE_UNKNOWN, "out of memory");
		goto out;
	}
	lookup(&run, out);
	if (cfg->views.dnssec) {
		retry_cd(&run, out);
	}
	for (i = 0; i < run.targets.n; i++) {
		const struct rdns_addr *addr = &run.targets.t[i].addr;
		const struct dns_answer *a = answer(&run, i);
		const struct dns_answer *cd = NULL;
		enum dnssec_status ds = DNSSEC_UNKNOWN;

		if (rdns_addr_format(addr, text, sizeof(text)) != 0) {
			continue;
		}
		if (cfg->views.dnssec) {
			cd = run.cd_idx != NULL && run.cd_idx[i] >= 0
			         ? dns_batch_answer(run.cd_batch,
			               (size_t)run.cd_idx[i])
			         : NULL;
			ds = dnssec_classify(a, cd);
			run.dnssec_known += ds != DNSSEC_UNKNOWN;
			run.secure += ds == DNSSEC_SECURE;
			run.bogus += ds == DNSSEC_BOGUS;
		}
		if (ds != DNSSEC_BOGUS) {
			/* A bogus answer's SERVFAIL is explained below. */
			ptr_judge(addr, text, a, &run.policy, &v);
			cli_verdict(&cfg->common, &v, out);
		}
		if (cfg->views.dnssec && dnssec_judge(text, "PTR", a, cd,
		                             &cfg->views.dnssec_policy, &v)) {
			cli_verdict(&cfg->common, &v, out);
		}
		ptr_judge_facts(addr, a, &run.policy, &f);
		if (cfg->ttl && ptr_judge_ttl(text, a, &v)) {
			cli_verdict(&cfg->common, &v, out);
		}
		tally(&run, a, &f);
		report_address(&run, text, a, &v, &f);
		if (cfg->common.perf_per_address) {
			address_perf(&run, text, a, &f, out);
		}
		if (cfg->common.verbose > 1) {
			output_detail(out,
			    "%s: PTR %s -> %s from %s in %.1f ms (%u sent%s)",
			    text, a->qname, dns_status_str(a->status),
			    a->server[0] != '\0' ? a->server : "no server",
			    a->elapsed * 1000.0, a->sends,
			    a->tcp ? ", TCP" : "");
		}
	}
	if (cfg->views.receivers.on && run.targets.n > 0) {
		receivers(&run, out);
	}
	if (cfg->common.verbose > 0 && run.targets.n > 0) {
		explain_zones(&run, out);
	}
	authoritative(&run, out);
	drift(&run, out);
	if (run.targets.n > 0 || out->state != STATE_UNKNOWN) {
		run_perf(&run, out);
	}
	cli_dns_detail(&cfg->common, &run.res, run.dns_time, out);
out:
	cli_report_close(&run.report, out);
	dns_batch_free(run.batch);
	dns_batch_free(run.cd_batch);
	free(run.cd_idx);
	targets_release(&run.targets);
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
	    {"ttl", no_argument, NULL, OPT_TTL},
	    CLI_VIEWS_LONGOPTS,
	    {NULL, 0, NULL, 0},
	};
	static const struct cli_plugin plugin = {
	    "check_ptr",
	    "PTR",
	    usage_line,
	    "e:" CLI_AUTH_SHORTOPTS,
	    own,
	    print_help,
	    true,
	    ptr_option,
	    NULL,
	    ptr_run_cb,
	};
	struct ptr_config cfg;

	memset(&cfg, 0, sizeof(cfg));
	cfg.generic_state = VERDICT_GENERIC_STATE;
	cli_views_init(&cfg.views);
	return cli_main(&plugin, &cfg.common, &cfg, argc, argv);
}
