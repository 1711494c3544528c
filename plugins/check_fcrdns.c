/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "cli.h"
#include "clock.h"
#include "dns.h"
#include "domain.h"
#include "fcrdns.h"
#include "dnssec.h"
#include "fcrdns_judge.h"
#include "helo.h"
#include "idn.h"
#include "inventory.h"
#include "opts.h"
#include "output.h"
#include "range.h"
#include "rdns.h"
#include "report.h"
#include "spf.h"
#include "targets.h"
#include "verdict.h"
#include "zone.h"

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
/*
 * Addresses per walk: bounds the memory. lib/dns keeps about 7 KB per
 * query in flight: walks of 4,096 addresses took 38 MB for a /16 (67 MB
 * when every OK line was kept), walks of 512 take 10.6 MB and are no
 * slower (0.64 s against dnsperf's 0.59 s; bench/scale.sh). With at most
 * 64 records kept per answer and the forward queries asked in slices
 * (lib/fcrdns), a hostile zone stays well under the documented 64 MB.
 */
#define FC_CHUNK 512
#define FC_STATE_MAX 4096 /* addresses the state file and -A look at */

enum fc_option {
	OPT_GENERIC = OPTS_PLUGIN_FIRST,
	/* SPF senders */
	OPT_SPF,
	OPT_SPF_THIRD_PARTY,
	OPT_INVENTORY,
};

struct fc_config {
	struct opts_common common;
	const char *domains[FC_MAX_DOMAINS]; /* -D, into argv or domain_ascii */
	char domain_ascii[FC_MAX_DOMAINS][256]; /* an IDN -D as A-labels */
	size_t ndomains;
	struct cli_expect expect; /* -e */
	enum state generic_state; /* --generic */
	struct cli_views views;   /* --receivers, --dnssec, -A, --state-file */
	/* --- SPF senders and the inventory ---------------- */
	const char *spf[FC_MAX_DOMAINS];     /* --spf, point into spf_ascii */
	char spf_ascii[FC_MAX_DOMAINS][256]; /* an IDN --spf as A-labels */
	size_t nspf;
	bool spf_third_party;  /* --spf-third-party */
	const char *inventory; /* --inventory FILE, "-": stdin */
};

/* What a run knows. */
struct fc_check {
	const struct fc_config *cfg;
	struct fcrdns_policy policy;
	struct dns_resolver res;
	double deadline;
	double dns_time; /* seconds of all DNS of the run */
	double ptr_max;  /* slowest PTR lookup that was answered */
	bool ptr_timed;  /* one was */
	struct targets targets;
	struct verdict_tally_sum tally;
	struct report report;   /* --report, or fp NULL */
	struct dns_batch *helo; /* --receivers --helo: A, AAAA, MX of it */
	size_t refusing;        /* receivers' rules that would refuse */
	size_t dnssec_count[4]; /* --dnssec: addresses per dnssec_status */
	/* the rows of --inventory, and the HELO lookups of a chunk */
	struct inventory inv;
	struct dns_batch *helo_batch;
	int *helo_q; /* per address of the chunk: query index, or -1 */
};

static const char usage_text[] =
    "Usage: check_fcrdns -H ADDRESS|NAME|PREFIX [-H ...] [-D DOMAIN]...\n"
    "       [--spf DOMAIN [--spf-third-party]]... [--inventory FILE|-]\n"
    "       [-e NAME]... [-s SERVER]... [--dns-port PORT] [--tcp] [-4|-6]\n"
    "       [-t SECONDS[:STATE]] [-w RANGE] [-c RANGE] [--generic=STATE]\n"
    "       [--output-max=BYTES] [--report=FILE] [--perf-per-address] "
    "[-v]...\n";

/* --- SPF senders (help) ----------------------------------------- */
static void
print_help_spf(void)
{
	printf(" --spf=DOMAIN\n"
	       "    Check every address DOMAIN's SPF record lets send "
	       "(RFC 7208), with\n    its include: and redirect= records: "
	       "ip4/ip6 (at most %d addresses\n    per run: a wider "
	       "network is named, not checked), a and mx (with\n    their "
	       "prefix lengths). A record over the receivers' limits (10\n"
	       "    DNS-querying terms, 2 void lookups), two SPF records, a "
	       "syntax\n    error or an include loop is CRITICAL "
	       "(permerror).\n    exists:, ptr and macros that "
	       "depend on the sender are named, not\n    guessed. Each "
	       "address line names the SPF terms that brought it in.\n"
	       "    (repeatable)\n"
	       " --spf-third-party\n"
	       "    Also check the senders of includes into another "
	       "organisation's domain\n    (registrable domain by the "
	       "Public Suffix List: an ESP, Google,\n    Microsoft); by "
	       "default they are named and not checked, as their\n    "
	       "PTRs are not yours to fix.\n",
	    FC_MAX_ADDRESSES);
	printf(" --inventory=FILE\n"
	       "    Check every server of a register (- reads standard "
	       "input), one row\n    per server: ADDRESS [PTR-NAME "
	       "[HELO-NAME [LABEL...]]], fields\n    separated by blanks, "
	       "or by commas when the line has one; - or an\n    empty "
	       "field: not given; # starts a comment. Each row: PTR "
	       "present,\n    the expected PTR-NAME, FCrDNS, HELO-NAME = "
	       "the PTR (or resolves to\n    the address: WARNING), "
	       "generic name. A malformed file is UNKNOWN\n    with "
	       "FILE:LINE and the reason, and nothing of it is checked. "
	       "At most\n    %d rows.\n",
	    FC_MAX_ADDRESSES);
}

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
	printf(" -w, --warning=RANGE\n"
	       "    WARNING when a PTR lookup takes longer, in seconds\n"
	       " -c, --critical=RANGE\n"
	       "    CRITICAL when a PTR lookup takes longer, in seconds\n"
	       "    RANGE is [@][START:][END] as in the Monitoring Plugins "
	       "guidelines.\n");
	printf(" -D, --domain=DOMAIN\n"
	       "    Check every address of every MX host of DOMAIN, by "
	       "preference\n    (repeatable). A null MX (RFC 7505) is "
	       "reported; without MX the\n    domain's own addresses are "
	       "checked (implicit MX, RFC 5321 5.1).\n");
	fputs(cli_help_expect, stdout);
	printf(" --generic=STATE\n"
	       "    State when a confirmed PTR looks like a provider's "
	       "generic name\n    (ok, warning, critical; default: "
	       "warning)\n");
	print_help_spf();
	printf(" --dnssec\n"
	       "    Ask with EDNS0 and the DO bit and report what a validating "
	       "resolver\n    says of each PTR answer: secure (AD), insecure, "
	       "or bogus (SERVFAIL,\n    but the data with CD: broken "
	       "signatures, CRITICAL); perfdata\n    dnssec_secure, "
	       "dnssec_insecure, dnssec_bogus (addresses)\n"
	       " --require-secure\n"
	       "    --dnssec, and an answer that is not secure is CRITICAL\n");
	cli_views_help();
	fputs(opts_help_output, stdout);
	fputs(opts_help_tail, stdout);
	printf("    -vvv shows the same as -vv.\n");
	printf("\nStates:\n"
	       "  OK        every PTR name resolves back to its address\n"
	       "  WARNING   several PTRs and only some resolve back; the "
	       "PTR of -H NAME\n"
	       "            names another host; a generic provider name; an "
	       "MX that is a\n"
	       "            CNAME; lookup time outside -w\n"
	       "  CRITICAL  no PTR; no PTR name resolves back (NXDOMAIN, no "
	       "address, another\n"
	       "            address); PTR not a valid host name; with -e, "
	       "not the expected\n"
	       "            name; an MX target that is an address or does not "
	       "exist; lookup\n"
	       "            time outside -c\n"
	       "  -t STATE  the DNS could not tell (SERVFAIL, REFUSED, "
	       "timeout)\n"
	       "  UNKNOWN   bad options, more than %d addresses\n",
	    FC_MAX_ADDRESSES);
	printf("\nLong output: the problems, grouped by cause when more than "
	       "%d addresses\nshare one; OK addresses with -v.\n",
	    OUTPUT_GROUP_KEEP);
	printf("\nPerfdata (the same labels for every run with the same "
	       "options):\n"
	       "  time       s, the slowest PTR lookup that was answered "
	       "(U: none)\n"
	       "  dns_time   s, all DNS of the run\n"
	       "  addresses  = confirmed + partly + failed + unsure\n"
	       "  confirmed, partly, failed, unsure  (unsure: the DNS could "
	       "not tell)\n"
	       "  With --perf-per-address also ADDRESS_time.\n");
	printf("\nExamples:\n"
	       "  check_fcrdns -H 198.51.100.10\n"
	       "  check_fcrdns -H mail.example.com -s 127.0.0.1\n"
	       "  check_fcrdns -D example.com -t 20\n"
	       "  check_fcrdns -H 198.51.100.0/24 -H 2001:db8::/120\n"
	       "  check_fcrdns --spf example.com -t 30\n");
}

/* One line within 80 columns, no '|': it is printed as plugin output. */
static const char usage_line[] =
    "Usage: check_fcrdns -H ADDRESS-OR-NAME-OR-PREFIX [-D DOMAIN] [-s SERVER]";

/* The options of check_fcrdns beyond the shared ones. */
static int
fc_option(void *vcfg, int opt, const char *arg, char *err, size_t errlen)
{
	struct fc_config *cfg = vcfg;
	char norm[RDNS_NAME_TEXT_MAX];
	int rc = cli_views_option(&cfg->views, opt, arg, err, errlen);

	if (rc <= 0) {
		return rc;
	}
	switch (opt) {
	case 'e':
		return cli_parse_expect(&cfg->expect, arg, err, errlen);
	case 'D':
		if (cfg->ndomains == FC_MAX_DOMAINS) {
			snprintf(err, errlen, "too many -D (at most %d)",
			    FC_MAX_DOMAINS);
			return -1;
		}
		if (idn_to_ascii(arg, cfg->domain_ascii[cfg->ndomains],
		        sizeof(cfg->domain_ascii[0]), norm,
		        sizeof(norm)) != 0) {
			snprintf(err, errlen, "-D: %.300s", norm);
			return -1;
		}
		arg = cfg->domain_ascii[cfg->ndomains];
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
	/* --- SPF senders ------------------------------------- */
	case OPT_SPF:
		if (cfg->nspf == FC_MAX_DOMAINS) {
			snprintf(err, errlen, "too many --spf (at most %d)",
			    FC_MAX_DOMAINS);
			return -1;
		}
		/* as -D: a Unicode name (IDN) becomes its A-labels */
		if (idn_to_ascii(arg, cfg->spf_ascii[cfg->nspf],
		        sizeof(cfg->spf_ascii[0]), norm, sizeof(norm)) != 0) {
			snprintf(err, errlen, "--spf: %.300s", norm);
			return -1;
		}
		arg = cfg->spf_ascii[cfg->nspf];
		if (rdns_name_check(arg) != RDNS_NAME_VALID) {
			output_sanitize(norm, sizeof(norm), arg, strlen(arg));
			snprintf(err, errlen,
			    "invalid domain '%.200s' for --spf", norm);
			return -1;
		}
		cfg->spf[cfg->nspf++] = arg;
		return 0;
	case OPT_SPF_THIRD_PARTY:
		cfg->spf_third_party = true;
		return 0;
	case OPT_INVENTORY:
		if (cfg->inventory != NULL) {
			snprintf(err, errlen, "--inventory given twice");
			return -1;
		}
		if (arg[0] == '\0') {
			snprintf(err, errlen, "--inventory needs a file name");
			return -1;
		}
		cfg->inventory = arg;
		return 0;
	default:
		snprintf(err, errlen, "unknown option");
		return -1;
	}
}

static int
fc_finish(void *vcfg, char *err, size_t errlen)
{
	const struct fc_config *cfg = vcfg;

	if (cfg->common.nhosts == 0 && cfg->ndomains == 0 && cfg->nspf == 0 &&
	    cfg->inventory == NULL) {
		snprintf(err, errlen,
		    "-H ADDRESS, NAME or PREFIX, -D DOMAIN, --spf DOMAIN or "
		    "--inventory FILE is required");
		return -1;
	}
	return targets_check_prefixes(cfg->common.hosts, cfg->common.nhosts,
	    FC_MAX_ADDRESSES, err, errlen);
}

/* Record a verdict: its line, and its count in the tally. */
static void
report(struct fc_check *run, const struct verdict *v, struct output *out)
{
	cli_verdict(&run->cfg->common, v, out);
	if (!v->detail) {
		verdict_tally_add(&run->tally, v);
	}
}

/* An address's verdict: in the group of its cause, counted, reported. */
static void
report_address(struct fc_check *run, const struct fcrdns_result *r,
    const struct verdict *v, struct output *out)
{
	struct report *rep = &run->report;
	char addr[RDNS_ADDR_TEXT_MAX];
	char label[RDNS_ADDR_TEXT_MAX + 8];
	size_t i;

	if (rdns_addr_format(&r->addr, addr, sizeof(addr)) != 0) {
		snprintf(addr, sizeof(addr), "?");
	}
	output_result_item(out, v->state, v->cause, addr, "%s", v->text);
	verdict_tally_add(&run->tally, v);
	if (run->cfg->common.perf_per_address) {
		snprintf(label, sizeof(label), "%s_time", addr);
		cli_perf_seconds(out, label, r->ptr_elapsed,
		    dns_status_unsure(r->ptr_status), &run->cfg->common.th);
	}
	if (rep->fp == NULL) {
		return;
	}
	report_begin(rep);
	report_str(rep, "address", addr);
	report_str(rep, "state", state_name(v->state));
	report_str(rep, "verdict", fcrdns_verdict_str(r->verdict));
	report_str(rep, "piece", verdict_piece_str(v->piece));
	report_str(rep, "fixer", verdict_fixer_str(v->fixer));
	report_str(rep, "text", v->text);
	report_str(rep, "ptr_status", dns_status_str(r->ptr_status));
	report_num(rep, "ptr_seconds", r->ptr_elapsed);
	report_array(rep, "names");
	for (i = 0; i < r->nnames; i++) {
		char to[160];

		report_object(rep, NULL);
		report_str(rep, "name", r->names[i].name);
		report_bool(rep, "confirms",
		    r->names[i].result == FCRDNS_NAME_CONFIRMS);
		helo_name_target(&r->names[i], to, sizeof(to));
		report_str(rep, "resolves_to", to);
		report_object_end(rep);
	}
	report_array_end(rep);
	if (r->zone != NULL) {
		report_str(rep, "zone", r->zone);
	}
	report_end(rep);
}

/* -v: the reverse zone of each address of a chunk (lib/zone). */
static void
explain_zones(struct fc_check *run, const struct fcrdns_result *r, size_t n,
    struct output *out)
{
	const char **owners = calloc(n, sizeof(*owners));
	char(*rev)[RDNS_REVERSE_MAX] = calloc(n, sizeof(*rev));
	struct zone_info *z = calloc(n, sizeof(*z));
	char addr[RDNS_ADDR_TEXT_MAX];
	char line[OUTPUT_LINE_MAX];
	size_t i;

	if (owners == NULL || rev == NULL || z == NULL) {
		output_detail(out,
		    "out of memory: the reverse zones not shown");
		goto out;
	}
	for (i = 0; i < n; i++) {
		if (rdns_reverse_name(&r[i].addr, rev[i], sizeof(rev[i])) !=
		    0) {
			rev[i][0] = '\0';
		}
		owners[i] = r[i].ptr_cname != NULL ? r[i].ptr_cname : rev[i];
	}
	(void)zone_lookup(&run->res, owners, n, run->deadline, z,
	    &run->dns_time);
	for (i = 0; i < n; i++) {
		if (rdns_addr_format(&r[i].addr, addr, sizeof(addr)) != 0) {
			continue;
		}
		if (r[i].ptr_cname != NULL) {
			zone_cname_line(addr, rev[i], r[i].ptr_cname, line,
			    sizeof(line));
			output_detail(out, "%s", line);
		}
		zone_line(addr, owners[i], &z[i], line, sizeof(line));
		output_detail(out, "%s", line);
	}
out:
	free(owners);
	free(rev);
	free(z);
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

/* --- SPF notes and inventory rows ---------------------------------
 */

/*
 * A note of the collector. What an SPF record names but does not check (a
 * third party's senders, exists:, a sender macro) is said without -v: a
 * fact at OK, not a result hidden among the OK ones.
 */
static void
report_note(struct fc_check *run, const struct verdict *v, struct output *out)
{
	if (v->piece == PIECE_SPF && v->state == STATE_OK && !v->detail) {
		output_detail(out, "%s", v->text);
		return;
	}
	report(run, v, out);
}

/*
 * The A (AAAA) of the HELO names of the chunk's inventory rows that have
 * a PTR, in one batch; run->helo_q[i] is the query of address i.
 */
static void
inventory_helo_lookups(struct fc_check *run, size_t base,
    const struct fcrdns_result *r, size_t n)
{
	size_t i;

	if (run->inv.n == 0) {
		return;
	}
	run->helo_batch = dns_batch_new(&run->res);
	run->helo_q = calloc(n, sizeof(*run->helo_q));
	if (run->helo_batch == NULL || run->helo_q == NULL) {
		return; /* the rows' HELO then says "could not tell" */
	}
	for (i = 0; i < n; i++) {
		int o = run->targets.t[base + i].origin;
		const struct target_origin *org =
		    o >= 0 ? &run->targets.origins[o] : NULL;
		const struct inventory_row *row;

		run->helo_q[i] = -1;
		if (org == NULL || org->kind != ORIGIN_INVENTORY) {
			continue;
		}
		row = &run->inv.rows[org->pref];
		if (row->helo != NULL && r[i].ptr_status == DNS_OK &&
		    rdns_name_check(row->helo) == RDNS_NAME_VALID &&
		    inventory_helo_needs_forward(row, &r[i])) {
			run->helo_q[i] =
			    dns_batch_add(run->helo_batch, row->helo,
			        row->addr.family == AF_INET6 ? DNS_T_AAAA
			                                     : DNS_T_A);
		}
	}
	(void)dns_batch_run_timed(run->helo_batch, run->deadline,
	    &run->dns_time);
}

/* The expected PTR and the HELO of an inventory row (lib/inventory). */
static void
inventory_row_report(struct fc_check *run, const struct target_origin *org,
    const struct fcrdns_result *r, size_t i, struct output *out)
{
	const struct inventory_row *row = &run->inv.rows[org->pref];
	const struct dns_answer *fwd = NULL;
	struct dns_answer none;
	char prefix[RDNS_NAME_TEXT_MAX + 8];
	struct verdict ve;
	struct verdict vh;

	if (row->helo != NULL && r->ptr_status == DNS_OK &&
	    rdns_name_check(row->helo) == RDNS_NAME_VALID &&
	    inventory_helo_needs_forward(row, r)) {
		if (run->helo_q != NULL && run->helo_q[i] >= 0) {
			fwd = dns_batch_answer(run->helo_batch,
			    (size_t)run->helo_q[i]);
		}
		if (fwd == NULL) {
			memset(&none, 0, sizeof(none));
			none.status = DNS_ERROR;
			none.rcode = -1;
			snprintf(none.qname, sizeof(none.qname), "%s",
			    row->helo);
			snprintf(none.error, sizeof(none.error),
			    "out of memory or not a valid DNS name");
			fwd = &none;
		}
	}
	snprintf(prefix, sizeof(prefix), "%s: ", org->host);
	inventory_judge(row, r, fwd, run->cfg->common.timeout_state, prefix,
	    &ve, &vh);
	if (ve.state != STATE_OK) {
		report(run, &ve, out);
	}
	if (vh.state != STATE_OK) {
		report(run, &vh, out);
	}
}

/*
 * Read and parse --inventory into run->inv. Returns 0, or -1 when the
 * file cannot be used: its errors are reported and nothing is checked.
 */
static int
inventory_load(struct fc_check *run, struct output *out)
{
	const char *name = run->cfg->inventory;
	char shown[256];
	char err[256];
	char *buf = NULL;
	size_t len = 0;
	size_t i;
	long bad;
	int fd;

	output_sanitize(shown, sizeof(shown), name, strlen(name));
	fd = strcmp(name, "-") == 0 ? STDIN_FILENO
	                            : open(name, O_RDONLY | O_NONBLOCK);
	if (fd < 0) {
		output_result(out, STATE_UNKNOWN, "%s: cannot open: %s", shown,
		    strerror(errno));
		return -1;
	}
	if (inventory_read(fd, run->deadline, &buf, &len, err, sizeof(err)) !=
	    0) {
		output_result(out, STATE_UNKNOWN,
		    "%s: %s: nothing of it is checked", shown, err);
		if (fd != STDIN_FILENO) {
			close(fd);
		}
		return -1;
	}
	if (fd != STDIN_FILENO) {
		close(fd);
	}
	bad = inventory_parse(buf, len, shown, FC_MAX_ADDRESSES, &run->inv);
	free(buf);
	if (bad == 0) {
		return 0;
	}
	if (bad < 0) {
		output_result(out, STATE_UNKNOWN, "%s: out of memory", shown);
		return -1;
	}
	for (i = 0; i < run->inv.nerrors; i++) {
		cli_verdict(&run->cfg->common, &run->inv.errors[i], out);
	}
	if (run->inv.errors_total > run->inv.nerrors) {
		output_result(out, STATE_UNKNOWN, "%s: and %zu more errors",
		    shown, run->inv.errors_total - run->inv.nerrors);
	}
	if (run->inv.errors_total == 1) {
		output_summary(out, "%s: nothing of the file is checked",
		    run->inv.errors[0].text);
	} else {
		output_summary(out,
		    "%zu malformed lines, the first %s: nothing of the file is "
		    "checked",
		    run->inv.errors_total, run->inv.errors[0].text);
	}
	inventory_release(&run->inv);
	return -1;
}

/*
 * --dnssec: what the validating resolver said of each PTR answer of a
 * chunk; the SERVFAIL ones asked again with CD (RFC 4035 3.2.2), so that
 * bogus is told apart from a failure.
 */
static void
dnssec_chunk(struct fc_check *run, const struct fcrdns_result *r, size_t n,
    struct output *out)
{
	struct dns_resolver cd_res;
	struct dns_batch *b = NULL;
	int *q = calloc(n, sizeof(*q));
	char text[RDNS_ADDR_TEXT_MAX];
	char rev[RDNS_REVERSE_MAX];
	struct dns_answer a;
	struct verdict v;
	size_t nf = 0;
	size_t i;

	if (q == NULL) {
		output_result(out, STATE_UNKNOWN, "out of memory");
		return;
	}
	for (i = 0; i < n; i++) {
		q[i] = -1;
		nf += r[i].ptr_status == DNS_SERVFAIL;
	}
	if (nf > 0 && cli_resolver(&run->cfg->common, &cd_res, out) == 0) {
		cd_res.dnssec = true;
		cd_res.checking_disabled = true;
		b = dns_batch_new(&cd_res);
	}
	for (i = 0; b != NULL && i < n; i++) {
		if (r[i].ptr_status != DNS_SERVFAIL ||
		    rdns_reverse_name(&r[i].addr, rev, sizeof(rev)) != 0) {
			continue;
		}
		q[i] = dns_batch_add(b,
		    r[i].ptr_cname != NULL ? r[i].ptr_cname : rev, DNS_T_PTR);
	}
	(void)dns_batch_run_timed(b, run->deadline, &run->dns_time);
	for (i = 0; i < n; i++) {
		const struct dns_answer *cd =
		    q[i] >= 0 ? dns_batch_answer(b, (size_t)q[i]) : NULL;

		if (rdns_addr_format(&r[i].addr, text, sizeof(text)) != 0) {
			continue;
		}
		/* What the walk kept of the PTR answer is all the judge
		   reads: its status, AD and the server asked. */
		memset(&a, 0, sizeof(a));
		a.status = r[i].ptr_status;
		a.ad = r[i].ptr_ad;
		snprintf(a.server, sizeof(a.server), "%s",
		    run->res.nsrv > 0 ? run->res.srv[0].text : "?");
		run->dnssec_count[dnssec_classify(&a, cd)]++;
		if (dnssec_judge(text, "PTR", &a, cd,
		        &run->cfg->views.dnssec_policy, &v)) {
			cli_verdict(&run->cfg->common, &v, out);
		}
	}
	dns_batch_free(b);
	free(q);
}

/* --state-file: what changed since the last run (lib/drift). */
static void
drift(struct fc_check *run, const struct fcrdns_result *r, size_t n,
    struct output *out)
{
	static const char *const word[] = {
	    [FCRDNS_CONFIRMED] = "confirmed",
	    [FCRDNS_PARTIAL] = "partial",
	    [FCRDNS_NOT_CONFIRMED] = "failed",
	    [FCRDNS_UNSURE] = "-",
	};
	struct cli_drift_seen *s;
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
		cli_addr_text(&r[i].addr, s[i].addr);
		s[i].forward = word[r[i].verdict];
		s[i].unsure = r[i].verdict == FCRDNS_UNSURE;
		for (j = 0; j < r[i].nnames && j < CLI_DRIFT_NAMES; j++) {
			s[i].names[s[i].nnames++] = r[i].names[j].name;
		}
	}
	cli_drift_run(&run->cfg->common, &run->cfg->views.drift, s, n,
	    run->deadline, out);
	free(s);
}

/* -A: the authoritative servers of the first addresses (lib/auth). */
static void
authoritative(struct fc_check *run, const struct fcrdns_result *r, size_t n,
    struct output *out)
{
	struct cli_auth_subject *s;
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
		cli_addr_text(&r[i].addr, s[i].addr);
		if (r[i].ptr_cname != NULL) {
			snprintf(s[i].owner, sizeof(s[i].owner), "%s",
			    r[i].ptr_cname);
		} else if (rdns_reverse_name(&r[i].addr, s[i].owner,
		               sizeof(s[i].owner)) != 0) {
			s[i].owner[0] = '\0';
		}
		for (j = 0; j < r[i].nnames && j < CLI_AUTH_NAMES; j++) {
			s[i].names[s[i].nnames++] = r[i].names[j].name;
		}
	}
	cli_auth_run(&run->cfg->common, &run->cfg->views.auth, &run->res, s, n,
	    run->deadline, &run->dns_time, out);
	free(s);
}

/* Judge the results of one chunk, targets base.. of the run. */
static void
judge_chunk(struct fc_check *run, size_t base, struct fcrdns_result *r,
    size_t n, struct output *out)
{
	char prefix[2 * RDNS_NAME_TEXT_MAX + 32];
	struct verdict v;
	size_t i;

	inventory_helo_lookups(run, base, r, n);
	for (i = 0; i < n; i++) {
		int o = run->targets.t[base + i].origin;
		const struct target_origin *org =
		    o >= 0 ? &run->targets.origins[o] : NULL;

		targets_origin_prefix(&run->targets, o, prefix, sizeof(prefix));
		if (!dns_status_unsure(r[i].ptr_status)) {
			run->ptr_timed = true;
			if (r[i].ptr_elapsed > run->ptr_max) {
				run->ptr_max = r[i].ptr_elapsed;
			}
		}
		fcrdns_judge(&r[i], prefix,
		    org != NULL && org->kind == ORIGIN_HOST ? org->host : NULL,
		    &run->policy, &v);
		report_address(run, &r[i], &v, out);
		if (run->cfg->views.receivers.on) {
			const struct dns_batch *h = run->helo;

			run->refusing += cli_receivers_report(&run->cfg->common,
			    &run->cfg->views.receivers, &r[i],
			    run->cfg->views.receivers.helo,
			    h != NULL ? dns_batch_answer(h, 0) : NULL,
			    h != NULL ? dns_batch_answer(h, 1) : NULL,
			    h != NULL ? dns_batch_answer(h, 2) : NULL, out);
		}
		if (org != NULL && org->kind == ORIGIN_INVENTORY) {
			inventory_row_report(run, org, &r[i], i, out);
		}
		if (run->cfg->common.verbose > 1) {
			explain_result(&r[i], out);
		}
	}
	if (run->cfg->common.verbose > 0) {
		explain_zones(run, r, n, out);
	}
	if (run->cfg->views.dnssec) {
		dnssec_chunk(run, r, n, out);
	}
	if (base < FC_STATE_MAX) {
		/* The first chunks: each merges into the state file. */
		authoritative(run, r, n, out);
		drift(run, r, n, out);
	}
	dns_batch_free(run->helo_batch);
	run->helo_batch = NULL;
	free(run->helo_q);
	run->helo_q = NULL;
}

/* Walk every target in chunks (bounded memory) and judge each address. */
static void
walk_targets(struct fc_check *run, struct output *out)
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
		output_result(out, STATE_UNKNOWN, "out of memory");
		goto out;
	}
	for (base = 0; base < run->targets.n; base += n) {
		n = run->targets.n - base < FC_CHUNK ? run->targets.n - base
		                                     : FC_CHUNK;
		for (i = 0; i < n; i++) {
			a[i] = run->targets.t[base + i].addr;
		}
		t0 = clock_now();
		if (fcrdns_walk(a, n, fcrdns_lookup_dns, &dns, run->deadline,
		        r) != 0) {
			/* The walk fails only when memory (or poll) failed:
			 * UNKNOWN "out of memory", not per-address verdicts. */
			out->oom = true;
		}
		run->dns_time += clock_now() - t0;
		judge_chunk(run, base, r, n, out);
		for (i = 0; i < n; i++) {
			fcrdns_result_release(&r[i]);
		}
	}
out:
	fcrdns_dns_release(&dns);
	free(a);
	free(r);
}

/* The status line for more than one result: counts and the worst. */
static void
summarise(struct fc_check *run, struct output *out)
{
	const struct fc_config *cfg = run->cfg;
	struct fcrdns_run_facts f;
	char s[OUTPUT_LINE_MAX];

	if (run->tally.results == 1) {
		return; /* the one line says it all */
	}
	memset(&f, 0, sizeof(f));
	f.addresses = run->targets.n;
	if (cfg->ndomains == 1 && cfg->common.nhosts == 0 &&
	    run->targets.norigins > 0) {
		f.domain = run->targets.origins[0].domain;
		f.implicit_mx = run->targets.origins[0].kind == ORIGIN_IMPLICIT;
		f.mx_hosts = run->targets.mx_hosts;
	}
	fcrdns_judge_summary(&run->tally, &f, s, sizeof(s));
	output_summary(out, "%s", s);
}

static void
fc_run(const struct fc_config *cfg, struct output *out)
{
	struct fc_check run;
	struct targets_request req;
	struct verdict v;
	size_t i;

	memset(&run, 0, sizeof(run));
	run.cfg = cfg;
	run.deadline = clock_now() + cfg->common.timeout;
	run.policy.expect = cfg->expect.name;
	run.policy.nexpect = cfg->expect.n;
	run.policy.generic_state = cfg->generic_state;
	run.policy.timeout_state = cfg->common.timeout_state;
	run.policy.th = &cfg->common.th;
	verdict_tally_init(&run.tally);
	if (cli_resolver(&cfg->common, &run.res, out) != 0 ||
	    cli_report_open(&cfg->common, &run.report, out) != 0) {
		return;
	}
	run.res.dnssec = cfg->views.dnssec;
	/* a malformed inventory is all that is reported */
	if (cfg->inventory != NULL && inventory_load(&run, out) != 0) {
		return;
	}
	memset(&req, 0, sizeof(req));
	req.values = cfg->common.hosts;
	req.nvalues = cfg->common.nhosts;
	req.domains = cfg->domains;
	req.ndomains = cfg->ndomains;
	req.family = cfg->common.family;
	req.prefixes = true;
	req.max = FC_MAX_ADDRESSES;
	req.timeout_state = cfg->common.timeout_state;
	/* --- SPF senders ------------------------------------- */
	req.spf = cfg->spf;
	req.nspf = cfg->nspf;
	req.spf_third_party = cfg->spf_third_party;
	req.registrable = domain_registrable;
	req.inventory = cfg->inventory != NULL ? &run.inv : NULL;
	req.inventory_name = cfg->inventory;
	/* ---------------------------------------------------------------- */
	(void)targets_collect(&run.targets, &req, &run.res, run.deadline);
	run.dns_time += run.targets.dns_time;
	for (i = 0; i < run.targets.nnotes; i++) {
		report_note(&run, &run.targets.notes[i], out);
	}
	if (cfg->views.receivers.on && cfg->views.receivers.helo != NULL) {
		run.helo = cli_helo_lookup(&run.res, cfg->views.receivers.helo,
		    run.deadline, &run.dns_time);
	}
	walk_targets(&run, out);
	if (run.tally.results == 0) {
		verdict_set(&v, STATE_UNKNOWN, PIECE_INPUT, FIXER_OPERATOR,
		    "no address to check");
		report(&run, &v, out);
	}
	summarise(&run, out);
	if (run.targets.n == 0 && out->state == STATE_UNKNOWN) {
		/* Nothing was measured: a usage-like error, no perfdata. */
		goto done;
	}
	cli_perf_seconds(out, "time", run.ptr_max, !run.ptr_timed,
	    &cfg->common.th);
	cli_perf_seconds(out, "dns_time", run.dns_time, false, NULL);
	cli_perf_count(out, "addresses", run.targets.n, false, false, 0);
	cli_perf_count(out, "confirmed", run.tally.confirmed, false, false, 0);
	cli_perf_count(out, "partly", run.tally.partial, false, false, 0);
	cli_perf_count(out, "failed", run.tally.failed, false, false, 0);
	cli_perf_count(out, "unsure", run.tally.unsure, false, false, 0);
	if (cfg->views.receivers.on) {
		cli_perf_count(out, "refusing_rules", run.refusing, false,
		    false, 0);
	}
	if (cfg->nspf > 0) {
		/* The most of any --spf domain; max: the RFC 7208 limits. */
		cli_perf_count(out, "spf_lookups", run.targets.spf_lookups,
		    false, true, SPF_MAX_LOOKUPS);
		cli_perf_count(out, "spf_void_lookups", run.targets.spf_voids,
		    false, true, SPF_MAX_VOID);
	}
	if (cfg->inventory != NULL) {
		cli_perf_count(out, "inventory_rows", run.inv.n, false, false,
		    0);
	}
	if (cfg->views.dnssec) {
		cli_perf_count(out, "dnssec_secure",
		    run.dnssec_count[DNSSEC_SECURE], false, false, 0);
		cli_perf_count(out, "dnssec_insecure",
		    run.dnssec_count[DNSSEC_INSECURE], false, false, 0);
		cli_perf_count(out, "dnssec_bogus",
		    run.dnssec_count[DNSSEC_BOGUS], false, false, 0);
	}
done:
	cli_dns_detail(&cfg->common, &run.res, run.dns_time, out);
	cli_report_close(&run.report, out);
	dns_batch_free(run.helo);
	targets_release(&run.targets);
	inventory_release(&run.inv);
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
	    {"expect", required_argument, NULL, 'e'},
	    CLI_VIEWS_LONGOPTS,
	    {"generic", required_argument, NULL, OPT_GENERIC},
	    {"spf", required_argument, NULL, OPT_SPF},
	    {"spf-third-party", no_argument, NULL, OPT_SPF_THIRD_PARTY},
	    {"inventory", required_argument, NULL, OPT_INVENTORY},
	    {NULL, 0, NULL, 0},
	};
	static const struct cli_plugin plugin = {
	    "check_fcrdns",
	    "FCRDNS",
	    usage_line,
	    "D:e:" CLI_AUTH_SHORTOPTS,
	    own,
	    print_help,
	    false,
	    fc_option,
	    fc_finish,
	    fc_run_cb,
	};
	struct fc_config cfg;

	memset(&cfg, 0, sizeof(cfg));
	cfg.generic_state = VERDICT_GENERIC_STATE;
	cli_views_init(&cfg.views);
	return cli_main(&plugin, &cfg.common, &cfg, argc, argv);
}
