/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "backstop.h"
#include "cli.h"
#include "clock.h"
#include "dns.h"
#include "drift.h"
#include "fcrdns.h"
#include "idn.h"
#include "rdns.h"
#include "receivers.h"
#include "receivers_view.h"
#include "report.h"
#include "verdict.h"

/*
 * cli: one getopt loop for all plugins, so that every plugin treats a bad
 * option the same way (the guidelines: UNKNOWN, a one-line reason, the
 * short usage) and -h/-V exit UNKNOWN.
 */

#define CLI_MAX_OPTIONS 48

/* -V: the licence as GNU programs and monitoring-plugins say it. */
static const char licence_text[] =
    "Copyright (C) 2026 The monitoring-plugins-rdns authors\n"
    "License GPL-3.0-or-later: GNU GPL version 3 or later "
    "<https://gnu.org/licenses/gpl.html>\n"
    "This is free software: you are free to change and redistribute it.\n"
    "There is NO WARRANTY, to the extent permitted by law.\n";

static int
usage_error(const struct cli_plugin *p, struct output *out, const char *why)
{
	output_summary(out, "%s", why);
	output_state(out, STATE_UNKNOWN);
	output_detail(out, "%s", p->usage_line);
	output_detail(out, "Try '%s --help' for more information.", p->name);
	return -1;
}

int
cli_parse(const struct cli_plugin *p, struct opts_common *common, void *cfg,
    int argc, char *argv[], struct output *out)
{
	struct option longopts[CLI_MAX_OPTIONS];
	char shortopts[64];
	char err[512];
	int opt;
	int n;

	opts_init(common);
	n = snprintf(shortopts, sizeof(shortopts), ":%s%s", OPTS_SHORT,
	    p->shortopts);
	if (n < 0 || (size_t)n >= sizeof(shortopts) ||
	    opts_merge(longopts, CLI_MAX_OPTIONS, p->longopts) != 0) {
		return usage_error(p, out, "internal error: option table");
	}
	opterr = 0;
	optind = 1;
	/* The leading ':' makes getopt report a missing value as ':'. */
	while (
	    (opt = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		switch (opts_handle(common, opt, optarg, err, sizeof(err))) {
		case OPTS_OK:
			continue;
		case OPTS_ERROR:
			return usage_error(p, out, err);
		case OPTS_HELP:
			p->print_help();
			return 1;
		case OPTS_VERSION:
			printf("%s v%s (%s)\n%s", p->name, PACKAGE_VERSION,
			    PACKAGE_NAME, licence_text);
			return 1;
		case OPTS_NOT_MINE:
			break;
		}
		if (opt == ':') {
			snprintf(err, sizeof(err),
			    "option '%.60s' needs a value", argv[optind - 1]);
			return usage_error(p, out, err);
		}
		if (opt == '?') {
			snprintf(err, sizeof(err), "unknown option '%.60s'",
			    argv[optind - 1]);
			return usage_error(p, out, err);
		}
		if (p->handle(cfg, opt, optarg, err, sizeof(err)) != 0) {
			return usage_error(p, out, err);
		}
	}
	if (optind < argc) {
		snprintf(err, sizeof(err), "unexpected argument '%.60s'",
		    argv[optind]);
		return usage_error(p, out, err);
	}
	if (p->needs_host && common->nhosts == 0) {
		return usage_error(p, out, "-H ADDRESS or NAME is required");
	}
	if (opts_finish(common, err, sizeof(err)) != 0) {
		return usage_error(p, out, err);
	}
	if (p->finish != NULL && p->finish(cfg, err, sizeof(err)) != 0) {
		return usage_error(p, out, err);
	}
	return 0;
}

int
cli_main(const struct cli_plugin *p, struct opts_common *common, void *cfg,
    int argc, char *argv[])
{
	struct output out;
	int rc;

	output_init(&out, p->service);
	rc = cli_parse(p, common, cfg, argc, argv, &out);
	if (rc > 0) {
		/* -h or -V printed already; the guidelines say UNKNOWN. */
		fflush(stdout);
		output_release(&out);
		return STATE_UNKNOWN;
	}
	if (rc == 0) {
		/* OK results are listed with -v only; the output fits what
		   NRPE, Nagios and Icinga 2 carry (--output-max). */
		output_set_budget(&out, common->output_max,
		    common->verbose == 0);
		backstop_arm(p->service, common->timeout,
		    common->timeout_state);
		p->run(cfg, &out);
	}
	return output_exit(&out, stdout);
}

int
cli_parse_generic(const char *arg, enum state *st, char *err, size_t errlen)
{
	enum state v;

	if (state_parse(arg, &v) != 0 || v == STATE_UNKNOWN) {
		snprintf(err, errlen,
		    "invalid --generic: expected ok, warning or critical");
		return -1;
	}
	*st = v;
	return 0;
}

int
cli_resolver(const struct opts_common *c, struct dns_resolver *r,
    struct output *out)
{
	char err[256];

	if (dns_resolver_init(r, c->servers, c->nservers, c->dns_port, c->tcp,
	        NULL, err, sizeof(err)) != 0) {
		output_result(out, STATE_UNKNOWN, "%s", err);
		return -1;
	}
	return 0;
}

void
cli_dns_detail(const struct opts_common *c, const struct dns_resolver *r,
    double dns_time, struct output *out)
{
	if (c->verbose > 0) {
		output_detail(out,
		    "DNS: %zu server(s), first %s, %.1f ms of DNS in this run",
		    r->nsrv, r->srv[0].text, dns_time * 1000.0);
	}
	if (c->verbose > 0 && r->skipped > 0) {
		output_detail(out,
		    "DNS: %u nameserver line(s) not used, the first %s",
		    r->skipped, r->skipped_why);
	}
}

void
cli_verdict(const struct opts_common *c, const struct verdict *v,
    struct output *out)
{
	if (!v->detail) {
		output_result(out, v->state, "%s", v->text);
	} else if (c->verbose > 0) {
		output_detail(out, "%s", v->text);
	}
}

const char cli_help_expect[] =
    " -e, --expect=NAME\n"
    "    The PTR must be this name (repeatable: any of them). Compared\n"
    "    case-insensitively, a trailing dot ignored; Unicode names (IDN)\n"
    "    are compared as A-labels.\n";

int
cli_parse_expect(struct cli_expect *e, const char *arg, char *err,
    size_t errlen)
{
	char norm[RDNS_NAME_TEXT_MAX];
	char why[160];

	if (e->n == CLI_MAX_EXPECT) {
		snprintf(err, errlen, "too many -e (at most %d)",
		    CLI_MAX_EXPECT);
		return -1;
	}
	if (idn_to_ascii(arg, e->ascii[e->n], sizeof(e->ascii[e->n]), why,
	        sizeof(why)) != 0) {
		snprintf(err, errlen, "-e: %s", why);
		return -1;
	}
	if (rdns_name_normalize(e->ascii[e->n], norm, sizeof(norm)) != 0) {
		snprintf(err, errlen, "invalid host name for -e");
		return -1;
	}
	e->name[e->n] = strcmp(e->ascii[e->n], arg) == 0 ? arg : e->ascii[e->n];
	e->n++;
	return 0;
}

void
cli_perf_count(struct output *out, const char *label, size_t value,
    bool unknown, bool has_max, size_t max)
{
	struct perf p;

	memset(&p, 0, sizeof(p));
	p.label = label;
	p.value = (double)value;
	p.unknown = unknown;
	p.decimals = -1;
	p.has_min = true;
	p.has_max = has_max;
	p.max = (double)max;
	output_perf(out, &p);
}

void
cli_perf_seconds(struct output *out, const char *label, double value,
    bool unknown, const struct thresholds *th)
{
	struct perf p;

	memset(&p, 0, sizeof(p));
	p.label = label;
	p.value = value;
	p.unknown = unknown;
	p.uom = "s";
	p.decimals = 6;
	p.th = th;
	p.has_min = true;
	output_perf(out, &p);
}

void
cli_perf_seconds_int(struct output *out, const char *label, unsigned long value,
    bool unknown)
{
	struct perf p;

	memset(&p, 0, sizeof(p));
	p.label = label;
	p.value = (double)value;
	p.unknown = unknown;
	p.uom = "s";
	p.decimals = -1;
	p.has_min = true;
	output_perf(out, &p);
}

int
cli_report_open(const struct opts_common *c, struct report *r,
    struct output *out)
{
	char err[300];

	memset(r, 0, sizeof(*r));
	if (c->report == NULL) {
		return 0;
	}
	if (report_open(r, c->report, err, sizeof(err)) != 0) {
		output_result(out, STATE_UNKNOWN, "%s", err);
		return -1;
	}
	return 0;
}

void
cli_report_close(struct report *r, struct output *out)
{
	char err[300];

	if (report_close(r, err, sizeof(err)) != 0) {
		output_result(out, STATE_UNKNOWN, "%s", err);
	}
}

const char cli_help_receivers[] =
    " --receivers[=LIST]\n"
    "    Show what each receiver would answer (a line per rule with -v, the\n"
    "    worst in the status line): postfix, postfix-550, exim,\n"
    "    spamassassin, rspamd, gmail, microsoft, yahoo, default (all but\n"
    "    postfix-550; the default) or all, comma-separated. Postfix, Exim,\n"
    "    SpamAssassin and rspamd are tested against the real programs;\n"
    "    Gmail, Microsoft and Yahoo follow their published rules.\n"
    " --receiver-states=OUTCOME=STATE,...\n"
    "    The state of the worst answer: reject (default critical), defer\n"
    "    (warning), score (ok).\n";

void
cli_receivers_init(struct cli_receivers *rv)
{
	memset(rv, 0, sizeof(*rv));
	receivers_policy_init(&rv->policy);
}

int
cli_receivers_option(struct cli_receivers *rv, int opt, const char *arg,
    bool helo_ok, char *err, size_t errlen)
{
	switch (opt) {
	case CLI_OPT_RECEIVERS:
		rv->on = true;
		if (arg == NULL) {
			return 0;
		}
		return receivers_select(arg, &rv->policy.select, err, errlen);
	case CLI_OPT_RECEIVER_STATES:
		return receivers_policy_parse(arg, &rv->policy, err, errlen);
	case CLI_OPT_RECEIVERS_HELO:
		if (!helo_ok) {
			return 1;
		}
		if (idn_to_ascii(arg, rv->helo_ascii, sizeof(rv->helo_ascii),
		        err, errlen) != 0) {
			return -1;
		}
		rv->helo = rv->helo_ascii;
		return 0;
	default:
		return 1;
	}
}

/* --- the authoritative view ----------------------------------------------- */

const char cli_auth_help_text[] =
    " -A, --authoritative\n"
    "    Also ask every authoritative server of the reverse zone (and of "
    "the\n    zone of each PTR name, for its A/AAAA) directly, and report "
    "servers\n    that disagree (a change half-propagated, a stale "
    "secondary) or are lame\n    (REFUSED, no AA, no answer). At most "
    "8 servers per zone, all at once,\n    for at most 2 s "
    "within -t.\n"
    " --lame=STATE\n"
    "    State of a lame authoritative server (ok, warning, critical;\n"
    "    default: warning)\n"
    " --disagree=STATE\n"
    "    State when authoritative servers disagree (ok, warning, "
    "critical;\n    default: warning)\n";

void
cli_auth_init(struct cli_auth *a)
{
	memset(a, 0, sizeof(*a));
	auth_policy_init(&a->policy);
}

int
cli_auth_option(struct cli_auth *a, int opt, const char *arg, char *err,
    size_t errlen)
{
	enum state *st;
	const char *name;
	enum state v;

	switch (opt) {
	case 'A':
		a->on = true;
		return 0;
	case CLI_OPT_LAME:
		st = &a->policy.lame_state;
		name = "--lame";
		break;
	case CLI_OPT_DISAGREE:
		st = &a->policy.disagree_state;
		name = "--disagree";
		break;
	default:
		return 1;
	}
	if (state_parse(arg, &v) != 0 || v == STATE_UNKNOWN) {
		snprintf(err, errlen,
		    "invalid %s: expected ok, warning or critical", name);
		return -1;
	}
	*st = v;
	a->on = true;
	return 0;
}

void
cli_auth_run(const struct opts_common *c, const struct cli_auth *a,
    const struct dns_resolver *r, const struct cli_auth_subject *s, size_t n,
    double deadline, double *dns_time, struct output *out)
{
	struct auth_view *v;
	struct verdict *vd;
	struct auth_policy pol = a->policy;
	const char **subj;
	const struct dns_answer **cached;
	size_t nv = 0;
	size_t i;
	size_t j;
	size_t k;
	size_t nd;

	if (!a->on || n == 0) {
		return;
	}
	if (n > CLI_AUTH_MAX_ADDRS) {
		output_detail(out,
		    "authoritative view of the first %d of %zu addresses only",
		    CLI_AUTH_MAX_ADDRS, n);
		n = CLI_AUTH_MAX_ADDRS;
	}
	v = calloc(n * (1 + CLI_AUTH_NAMES), sizeof(*v));
	subj = calloc(n * (1 + CLI_AUTH_NAMES), sizeof(*subj));
	cached = calloc(n * (1 + CLI_AUTH_NAMES), sizeof(*cached));
	vd = calloc(AUTH_VERDICTS_MAX, sizeof(*vd));
	if (v == NULL || subj == NULL || vd == NULL || cached == NULL) {
		output_result(out, STATE_UNKNOWN,
		    "out of memory for the authoritative view");
		goto out;
	}
	for (i = 0; i < n; i++) {
		v[nv].kind = AUTH_PTR;
		snprintf(v[nv].name, sizeof(v[nv].name), "%s", s[i].owner);
		cached[nv] = s[i].answer;
		subj[nv++] = s[i].addr;
		for (j = 0; j < s[i].nnames && j < CLI_AUTH_NAMES; j++) {
			/* A name asked for an earlier address: once. */
			for (k = 0; k < nv; k++) {
				if (v[k].kind == AUTH_ADDR &&
				    rdns_name_equal(v[k].name, s[i].names[j])) {
					break;
				}
			}
			if (k < nv ||
			    rdns_name_check(s[i].names[j]) != RDNS_NAME_VALID) {
				continue;
			}
			v[nv].kind = AUTH_ADDR;
			snprintf(v[nv].name, sizeof(v[nv].name), "%s",
			    s[i].names[j]);
			subj[nv++] = s[i].names[j];
		}
	}
	pol.timeout_state = c->timeout_state;
	if (auth_lookup(r, 53, v, nv, deadline, dns_time) != 0) {
		output_result(out, STATE_UNKNOWN,
		    "out of memory in the authoritative view");
	}
	for (i = 0; i < nv; i++) {
		nd = auth_judge(&v[i], subj[i], &pol, vd, AUTH_VERDICTS_MAX);
		for (j = 0; j < nd; j++) {
			cli_verdict(c, &vd[j], out);
		}
		if (cached[i] != NULL &&
		    auth_judge_cache(&v[i], subj[i], cached[i], &vd[0])) {
			cli_verdict(c, &vd[0], out);
		}
	}
out:
	free(cached);
	free(v);
	free(subj);
	free(vd);
}

/* --- drift ------------------------------------------------------------------
 */

const char cli_drift_help_text[] =
    " --state-file=PATH\n"
    "    Remember, per address, the PTR names and the forward result in "
    "PATH\n    and report a change since the last run (written "
    "atomically, locked\n    against overlapping runs, at most 4096 "
    "addresses; a file that is not\n    ours is never overwritten)\n"
    " --drift=STATE\n"
    "    State of such a change (ok, warning, critical; default: "
    "warning)\n";

void
cli_drift_init(struct cli_drift *d)
{
	d->path = NULL;
	d->state = DRIFT_DEFAULT_STATE;
}

int
cli_drift_option(struct cli_drift *d, int opt, const char *arg, char *err,
    size_t errlen)
{
	enum state v;

	switch (opt) {
	case CLI_OPT_STATE_FILE:
		if (arg[0] == '\0') {
			snprintf(err, errlen, "empty --state-file");
			return -1;
		}
		d->path = arg;
		return 0;
	case CLI_OPT_DRIFT:
		if (state_parse(arg, &v) != 0 || v == STATE_UNKNOWN) {
			snprintf(err, errlen,
			    "invalid --drift: expected ok, warning or "
			    "critical");
			return -1;
		}
		d->state = v;
		return 0;
	default:
		return 1;
	}
}

size_t
cli_receivers_report(const struct opts_common *c,
    const struct cli_receivers *rv, const struct fcrdns_result *r,
    const char *helo, const struct dns_answer *a, const struct dns_answer *aaaa,
    const struct dns_answer *mx, struct output *out)
{
	static struct receivers_facts f; /* 10 KB: not on the stack */
	static struct receivers_result res;
	char addr[RDNS_ADDR_TEXT_MAX];
	char cause[RECEIVERS_SUMMARY_MAX + 16];
	char line[RECEIVERS_TEXT_MAX * 2];
	char shown[RECEIVERS_TEXT_MAX * 2];
	struct verdict v;
	size_t i;

	receivers_facts_init(&f);
	receivers_facts_from_fcrdns(r, &f);
	if (helo != NULL) {
		receivers_facts_set_helo(&f, helo, a, aaaa, mx);
	}
	receivers_judge(&f, rv->policy.select, &res);
	if (rdns_addr_format(&r->addr, addr, sizeof(addr)) != 0) {
		snprintf(addr, sizeof(addr), "?");
	}
	receivers_view(&res, &rv->policy, addr, &v, cause, sizeof(cause));
	output_result_item(out, v.state, v.cause, addr, "%s", v.text);
	for (i = 0; c->verbose > 0 && i < res.n; i++) {
		if (receivers_verdict_line(&res.v[i], line, sizeof(line)) ==
		    0) {
			output_sanitize(shown, sizeof(shown), line,
			    strlen(line));
			output_detail(out, "%s: %s", addr, shown);
		}
	}
	return receivers_count_refused(&res);
}

struct dns_batch *
cli_helo_lookup(const struct dns_resolver *r, const char *name, double deadline,
    double *dns_time)
{
	struct dns_batch *b = dns_batch_new(r);
	double t0 = clock_now();

	if (b == NULL) {
		return NULL;
	}
	/* An address literal or junk is not asked: the answers say error. */
	if (dns_batch_add(b, name, DNS_T_A) != 0 ||
	    dns_batch_add(b, name, DNS_T_AAAA) != 1 ||
	    dns_batch_add(b, name, DNS_T_MX) != 2) {
		dns_batch_free(b);
		return NULL;
	}
	(void)dns_batch_run(b, deadline);
	*dns_time += clock_now() - t0;
	return b;
}

void
cli_addr_text(const struct rdns_addr *a, char out[RDNS_ADDR_TEXT_MAX])
{
	if (rdns_addr_format(a, out, RDNS_ADDR_TEXT_MAX) != 0) {
		out[0] = '\0';
	}
}

void
cli_drift_run(const struct opts_common *c, const struct cli_drift *d,
    const struct cli_drift_seen *s, size_t n, double deadline,
    struct output *out)
{
	struct drift_db db;
	struct drift_entry e;
	struct verdict v;
	char shown[256];
	char err[512];
	char names[DRIFT_NAMES_MAX];
	int64_t now = (int64_t)time(NULL);
	size_t i;

	if (d->path == NULL) {
		return;
	}
	output_sanitize(shown, sizeof(shown), d->path, strlen(d->path));
	drift_init(&db);
	if (drift_open(&db, d->path, deadline, err, sizeof(err)) != 0) {
		output_result(out, STATE_UNKNOWN,
		    "state file %s: %s (left as it is)", shown, err);
		return;
	}
	for (i = 0; i < n; i++) {
		if (s[i].unsure || s[i].addr[0] == '\0') {
			continue;
		}
		drift_names(s[i].names, s[i].nnames, names, sizeof(names));
		drift_judge(drift_find(&db, s[i].addr), s[i].addr, names,
		    s[i].forward, now, d->state, &v, &e);
		cli_verdict(c, &v, out);
		if (drift_put(&db, &e) != 0) {
			output_result(out, STATE_UNKNOWN,
			    "state file %s: out of memory", shown);
			drift_release(&db);
			return;
		}
	}
	if (drift_commit(&db, err, sizeof(err)) != 0) {
		output_result(out, STATE_UNKNOWN,
		    "state file %s: %s (left as it was)", shown, err);
	}
	drift_release(&db);
}

int
cli_views_option(struct cli_views *v, int opt, const char *arg, char *err,
    size_t errlen)
{
	int rc;

	switch (opt) {
	case CLI_OPT_REQUIRE_SECURE:
		v->dnssec_policy.require_secure = true;
		v->dnssec = true;
		return 0;
	case CLI_OPT_DNSSEC:
		v->dnssec = true;
		return 0;
	default:
		break;
	}
	rc = cli_receivers_option(&v->receivers, opt, arg, true, err, errlen);
	if (rc <= 0) {
		return rc;
	}
	rc = cli_auth_option(&v->auth, opt, arg, err, errlen);
	if (rc <= 0) {
		return rc;
	}
	return cli_drift_option(&v->drift, opt, arg, err, errlen);
}

void
cli_views_init(struct cli_views *v)
{
	memset(v, 0, sizeof(*v));
	cli_receivers_init(&v->receivers);
	dnssec_policy_init(&v->dnssec_policy);
	cli_auth_init(&v->auth);
	cli_drift_init(&v->drift);
}

void
cli_views_help(void)
{
	fputs(cli_auth_help_text, stdout);
	fputs(cli_drift_help_text, stdout);
	fputs(cli_help_receivers, stdout);
	printf(" --helo=NAME\n"
	       "    With --receivers: the HELO name the mail server sends, "
	       "judged by the\n    receivers' HELO rules too.\n");
}
