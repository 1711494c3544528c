/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <setjmp.h>
#include <string.h>
#include <sys/socket.h>
#include <cmocka.h>

#include "fcrdns.h"
#include "receivers.h"

/*
 * Tests of lib/receivers: the receivers' view from hand-built facts, one
 * row per case, with the exact reply each rule would give. The rows follow
 * what the real Postfix 3.7 and Exim 4.96 answered in the receivers' lab
 * (tests/integration/receivers.sh checks the same judge against them);
 * here no network is needed.
 */

/* A forward answer: a status and up to two addresses. */
struct fwd_spec {
	enum dns_status status;
	const char *addr[2];
};

struct ptr_spec {
	const char *name;
	struct fwd_spec a, aaaa;
	bool generic;
};

/* What one rule must answer, as "STAGE CODE[ ENH] TEXT" or "accept". */
struct want {
	const char *rule; /* "Postfix|rule|setup" */
	const char *reply;
};

struct rcv_case {
	const char *what;
	const char *client;
	enum dns_status ptr_status;
	struct ptr_spec ptr[2];
	const char *helo;
	struct fwd_spec helo_a, helo_aaaa;
	enum dns_status helo_mx;
	struct want want[8];
};

#define NX                                                                     \
	{                                                                      \
		DNS_NXDOMAIN,                                                  \
		{                                                              \
			NULL, NULL                                             \
		}                                                              \
	}
#define NODATA                                                                 \
	{                                                                      \
		DNS_NODATA,                                                    \
		{                                                              \
			NULL, NULL                                             \
		}                                                              \
	}
#define SERVFAIL                                                               \
	{                                                                      \
		DNS_SERVFAIL,                                                  \
		{                                                              \
			NULL, NULL                                             \
		}                                                              \
	}
#define A1(x)                                                                  \
	{                                                                      \
		DNS_OK,                                                        \
		{                                                              \
			x, NULL                                                \
		}                                                              \
	}

#define PF_REV "Postfix|reject_unknown_reverse_client_hostname|"
#define PF_CLI "Postfix|reject_unknown_client_hostname|"
#define PF_INV "Postfix|reject_invalid_helo_hostname|"
#define PF_FQDN "Postfix|reject_non_fqdn_helo_hostname|"
#define PF_HELO "Postfix|reject_unknown_helo_hostname|"
#define PF_REV550 PF_REV "unknown_client_reject_code = 550"
#define PF_CLI550 PF_CLI "unknown_client_reject_code = 550"
#define PF_HELO550 PF_HELO "unknown_hostname_reject_code = 550"
#define EX_REV "Exim|verify = reverse_host_lookup|"
#define EX_REVOK "Exim|verify = reverse_host_lookup/defer_ok|"
#define EX_HELO "Exim|verify = helo|"
#define EX_HVH "Exim|helo_verify_hosts|"
#define GMAIL "Gmail|PTR and forward DNS|"
#define MS "Microsoft|IPv6 reverse DNS|"
#define YAHOO "Yahoo|valid non-generic rDNS|"

static const struct rcv_case cases[] = {
    {"FCrDNS OK, HELO = PTR name", "198.18.1.10", DNS_OK,
        {{"good10.receivers.test.", A1("198.18.1.10"), NODATA, false}},
        "good10.receivers.test", A1("198.18.1.10"), NODATA, DNS_NODATA,
        {{PF_REV, "accept"}, {PF_CLI, "accept"}, {PF_HELO, "accept"},
            {EX_REV, "accept"}, {EX_HELO, "accept"}, {EX_HVH, "accept"},
            {GMAIL, "accept"}, {YAHOO, "accept"}}},
    {"no PTR", "198.18.1.11", DNS_NXDOMAIN, {{NULL}}, "mx11.receivers.test",
        A1("198.18.1.11"), NODATA, DNS_NODATA,
        {{PF_REV, "RCPT 450 4.7.1 Client host rejected: cannot find your "
                  "reverse hostname, [198.18.1.11]"},
            {PF_CLI, "RCPT 450 4.7.25 Client host rejected: cannot find "
                     "your hostname, [198.18.1.11]"},
            {PF_REV550, "RCPT 550 5.7.1 Client host rejected: cannot find "
                        "your reverse hostname, [198.18.1.11]"},
            {PF_CLI550, "RCPT 550 5.7.25 Client host rejected: cannot find "
                        "your hostname, [198.18.1.11]"},
            {EX_REVOK, "RCPT 550 Administrative prohibition"},
            {EX_HELO, "accept"}, /* the HELO name resolves back */
            {MS, "accept"},      /* no published IPv4 rule */
            {YAHOO, "- 0 Sending IP addresses without an rDNS record will "
                    "be marked as spam or rejected."}}},
    {"two PTRs, the confirmed one second: Postfix reads the first only",
        "198.18.1.16", DNS_OK,
        {{"bad16.receivers.test.", A1("198.18.1.99"), NODATA, false},
            {"good16.receivers.test.", A1("198.18.1.16"), NODATA, false}},
        "good16.receivers.test", A1("198.18.1.16"), NODATA, DNS_NODATA,
        {{PF_REV, "accept"},
            {PF_CLI, "RCPT 450 4.7.25 Client host rejected: cannot find "
                     "your hostname, [198.18.1.16]"},
            {PF_CLI550, "RCPT 550 5.7.25 Client host rejected: cannot find "
                        "your hostname, [198.18.1.16]"},
            {EX_REV, "accept"}, {EX_HELO, "accept"}, {EX_HVH, "accept"},
            {GMAIL, "accept"}}},
    {"SERVFAIL on the reverse zone: temporary stays temporary", "198.18.1.66",
        DNS_SERVFAIL, {{NULL}}, "mx66.receivers.test", A1("198.18.1.66"),
        NODATA, DNS_NODATA,
        {{PF_REV550, "RCPT 450 4.7.1 Client host rejected: cannot find "
                     "your reverse hostname, [198.18.1.66]"},
            {PF_CLI550, "RCPT 450 4.7.25 Client host rejected: cannot find "
                        "your hostname, [198.18.1.66]"},
            {EX_REV, "RCPT 451 Temporary local problem - please try later"},
            {EX_REVOK, "accept"}, {EX_HELO, "accept"}, {EX_HVH, "accept"},
            {GMAIL, "- 0 the DNS could not tell"}}},
    {"SERVFAIL on the PTR name's zone", "198.18.1.30", DNS_OK,
        {{"host30.broken.receivers.test.", SERVFAIL, SERVFAIL, false}},
        "mx30.receivers.test", A1("198.18.1.30"), NODATA, DNS_NODATA,
        {{PF_REV, "accept"},
            {PF_CLI550, "RCPT 450 4.7.25 Client host rejected: cannot find "
                        "your hostname, [198.18.1.30]"},
            {EX_REV, "RCPT 451 Temporary local problem - please try later"},
            {EX_REVOK, "accept"}}},
    {"reverse SERVFAIL and a HELO elsewhere: helo_verify_hosts says 451",
        "198.18.1.66", DNS_SERVFAIL, {{NULL}}, "elsewhere.receivers.test",
        A1("198.18.1.99"), NODATA, DNS_NODATA,
        {{EX_HELO, "RCPT 550 Administrative prohibition"},
            {EX_HVH, "EHLO 451 EHLO argument does not match calling host"},
            {PF_HELO, "accept"}}},
    {"bare IPv4 HELO: valid, not an FQDN, not found (no query)", "198.18.1.10",
        DNS_OK, {{"good10.receivers.test.", A1("198.18.1.10"), NODATA, false}},
        "198.18.1.10", NX, NX, DNS_NXDOMAIN,
        {{PF_INV, "accept"},
            {PF_FQDN, "RCPT 504 5.5.2 <198.18.1.10>: Helo command rejected: "
                      "need fully-qualified hostname"},
            {PF_HELO, "RCPT 450 4.7.1 <198.18.1.10>: Helo command rejected: "
                      "Host not found"},
            {PF_HELO550, "RCPT 550 5.7.1 <198.18.1.10>: Helo command "
                         "rejected: Host not found"},
            {EX_HELO, "RCPT 550 Administrative prohibition"},
            {EX_HVH, "EHLO 550 EHLO argument does not match calling host"},
            {EX_REV, "accept"}}},
    {"syntactically invalid HELO: Exim refuses EHLO on every port",
        "198.18.1.10", DNS_OK,
        {{"good10.receivers.test.", A1("198.18.1.10"), NODATA, false}},
        "bad!name.receivers.test", {DNS_ERROR, {NULL, NULL}},
        {DNS_ERROR, {NULL, NULL}}, DNS_ERROR,
        {{PF_INV, "RCPT 501 5.5.2 <bad!name.receivers.test>: Helo command "
                  "rejected: Invalid name"},
            {PF_FQDN, "RCPT 504 5.5.2 <bad!name.receivers.test>: Helo "
                      "command rejected: need fully-qualified hostname"},
            /* dns_lookup() refuses the name: not found, not temporary */
            {PF_HELO, "RCPT 450 4.7.1 <bad!name.receivers.test>: Helo "
                      "command rejected: Host not found"},
            {PF_HELO550, "RCPT 550 5.7.1 <bad!name.receivers.test>: Helo "
                         "command rejected: Host not found"},
            {EX_REV, "EHLO 501 Syntactically invalid EHLO argument(s)"},
            {EX_HVH, "EHLO 501 Syntactically invalid EHLO argument(s)"}}},
    {"underscore: Postfix takes it, Exim does not", "198.18.1.10", DNS_OK,
        {{"good10.receivers.test.", A1("198.18.1.10"), NODATA, false}},
        "under_score.receivers.test", A1("198.18.1.10"), NODATA, DNS_NODATA,
        {{PF_INV, "accept"}, {PF_FQDN, "accept"}, {PF_HELO, "accept"},
            {EX_HELO, "EHLO 501 Syntactically invalid EHLO argument(s)"}}},
    {"IPv6 literal equal to the client: Exim compares the text",
        "2001:db8:20::10", DNS_OK,
        {{"v6good.receivers.test.", NODATA, A1("2001:db8:20::10"), false}},
        "[IPv6:2001:db8:20::10]", {DNS_ERROR, {NULL, NULL}},
        {DNS_ERROR, {NULL, NULL}}, DNS_ERROR,
        {{PF_INV, "accept"}, {PF_FQDN, "accept"}, {PF_HELO, "accept"},
            {EX_REV, "accept"},
            {EX_HELO, "RCPT 550 Administrative prohibition"},
            {EX_HVH, "EHLO 550 EHLO argument does not match calling host"},
            {MS, "accept"}}},
    {"IPv4 literal: equal, and one that only starts with the address",
        "198.18.1.10", DNS_OK,
        {{"good10.receivers.test.", A1("198.18.1.10"), NODATA, false}},
        "[198.18.1.100]", {DNS_ERROR, {NULL, NULL}}, {DNS_ERROR, {NULL, NULL}},
        DNS_ERROR,
        {{EX_HELO, "accept"}, {EX_HVH, "accept"}, {PF_INV, "accept"}}},
    {"HELO in a SERVFAIL zone", "198.18.1.10", DNS_OK,
        {{"good10.receivers.test.", A1("198.18.1.10"), NODATA, false}},
        "host.broken.receivers.test", SERVFAIL, SERVFAIL, DNS_SERVFAIL,
        {{PF_HELO550, "RCPT 450 4.7.1 <host.broken.receivers.test>: Helo "
                      "command rejected: Host not found"},
            {EX_HELO, "RCPT 550 Administrative prohibition"},
            {EX_HVH, "EHLO 550 EHLO argument does not match calling host"}}},
    {"HELO with a trailing dot: Postfix does not look it up", "198.18.1.10",
        DNS_OK, {{"good10.receivers.test.", A1("198.18.1.10"), NODATA, false}},
        "good10.receivers.test.", A1("198.18.1.10"), NODATA, DNS_NODATA,
        {{PF_INV, "accept"}, {PF_FQDN, "accept"},
            {PF_HELO, "RCPT 450 4.7.1 <good10.receivers.test.>: Helo "
                      "command rejected: Host not found"},
            {EX_HELO, "accept"}}},
    {"IPv6 PTR name with only an A", "2001:db8:20::12", DNS_OK,
        {{"v6aonly.receivers.test.", A1("198.18.1.40"), NODATA, false}},
        "v6aonly.receivers.test", A1("198.18.1.40"), NODATA, DNS_NODATA,
        {{PF_REV, "accept"},
            {PF_CLI550, "RCPT 550 5.7.25 Client host rejected: cannot find "
                        "your hostname, [2001:db8:20::12]"},
            {EX_REV, "RCPT 550 Administrative prohibition"},
            {EX_HVH, "EHLO 550 EHLO argument does not match calling host"},
            {GMAIL, "RCPT 550 5.7.25 The IP address sending this message "
                    "does not have a PTR record setup, or the "
                    "corresponding forward DNS entry does not match the "
                    "sending IP. As a policy, Gmail does not accept "
                    "messages from IPs with missing PTR records."},
            {MS, "accept"}}},
    {"IPv6 without PTR", "2001:db8:20::11", DNS_NXDOMAIN, {{NULL}}, NULL, NX,
        NX, DNS_NXDOMAIN,
        {{MS, "RCPT 450 4.7.25 Service unavailable, sending IPv6 address "
              "[2001:db8:20::11] must have reverse DNS record."},
            {PF_REV, "RCPT 450 4.7.1 Client host rejected: cannot find your "
                     "reverse hostname, [2001:db8:20::11]"}}},
    {"generic PTR, confirmed", "198.18.1.20", DNS_OK,
        {{"dsl-198-18-1-20.dyn.receivers.test.", A1("198.18.1.20"), NODATA,
            true}},
        NULL, NX, NX, DNS_NXDOMAIN,
        {{PF_CLI, "accept"}, {EX_REV, "accept"}, {GMAIL, "accept"},
            {YAHOO, "- 0 generic rDNS name: marked as spam or rejected"}}},
};

static void
fill_fwd(const struct fwd_spec *s, struct receivers_fwd *fw)
{
	size_t i;

	fw->status = s->status;
	fw->n = 0;
	for (i = 0; i < 2 && s->addr[i] != NULL; i++) {
		assert_int_equal(rdns_addr_parse(s->addr[i], &fw->addr[fw->n++],
		                     NULL),
		    0);
	}
}

static void
build(const struct rcv_case *c, struct receivers_facts *f)
{
	size_t i;

	receivers_facts_init(f);
	assert_int_equal(rdns_addr_parse(c->client, &f->client, NULL), 0);
	f->ptr_status = c->ptr_status;
	for (i = 0; i < 2 && c->ptr[i].name != NULL; i++) {
		struct receivers_ptr *p = &f->ptr[f->nptr++];

		snprintf(p->name, sizeof(p->name), "%s", c->ptr[i].name);
		fill_fwd(&c->ptr[i].a, &p->a);
		fill_fwd(&c->ptr[i].aaaa, &p->aaaa);
		p->generic =
		    c->ptr[i].generic ? GENERIC_GENERIC : GENERIC_SPECIFIC;
	}
	f->helo = c->helo;
	fill_fwd(&c->helo_a, &f->helo_a);
	fill_fwd(&c->helo_aaaa, &f->helo_aaaa);
	f->helo_mx = c->helo_mx;
}

/* The verdict as tests/lab/predict prints it. */
static void
show(const struct receivers_verdict *v, char *buf, size_t len)
{
	if (v->outcome == RECEIVERS_ACCEPT) {
		snprintf(buf, len, "accept");
		return;
	}
	snprintf(buf, len, "%s %d%s%s %s", v->stage[0] != '\0' ? v->stage : "-",
	    v->code, v->enhanced[0] != '\0' ? " " : "", v->enhanced, v->text);
}

static const struct receivers_verdict *
find(const struct receivers_result *r, const char *key)
{
	char k[256];
	size_t i;

	for (i = 0; i < r->n; i++) {
		snprintf(k, sizeof(k), "%s|%s|%s", r->v[i].name, r->v[i].rule,
		    r->v[i].setup);
		if (strcmp(k, key) == 0) {
			return &r->v[i];
		}
	}
	return NULL;
}

static void
test_receivers_judge_table(void **state)
{
	size_t i, j;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct rcv_case *c = &cases[i];
		struct receivers_facts f;
		struct receivers_result r;

		build(c, &f);
		receivers_judge(&f, RECEIVERS_ALL, &r);
		for (j = 0; j < 8 && c->want[j].rule != NULL; j++) {
			const struct receivers_verdict *v =
			    find(&r, c->want[j].rule);
			char got[RECEIVERS_TEXT_MAX + 64];

			if (v == NULL) {
				fail_msg("%s: no verdict for %s", c->what,
				    c->want[j].rule);
				return;
			}
			show(v, got, sizeof(got));
			if (strcmp(got, c->want[j].reply) != 0) {
				fail_msg("%s: %s\n  want: %s\n  got:  %s",
				    c->what, c->want[j].rule, c->want[j].reply,
				    got);
			}
		}
	}
}

/* Without a HELO only the client rules; the selection picks receivers. */
static void
test_receivers_selection(void **state)
{
	struct receivers_facts f;
	struct receivers_result r;
	size_t i;

	(void)state;
	build(&cases[1], &f);
	f.helo = NULL;
	receivers_judge(&f, RECEIVERS_POSTFIX | RECEIVERS_GMAIL, &r);
	assert_int_equal(r.n, 3); /* two Postfix client rules, Gmail */
	for (i = 0; i < r.n; i++) {
		assert_true(r.v[i].receiver == RECEIVERS_POSTFIX ||
		            r.v[i].receiver == RECEIVERS_GMAIL);
	}
	assert_int_equal(r.v[2].basis, RECEIVERS_PUBLISHED);
	assert_non_null(strstr(r.v[2].source, "support.google.com"));
	assert_int_equal(r.v[0].basis, RECEIVERS_TESTED);

	build(&cases[0], &f);
	receivers_judge(&f, RECEIVERS_ALL, &r);
	/* 5 + 3 Postfix, 4 Exim, SpamAssassin, rspamd, 3 published */
	assert_int_equal(r.n, 17);
	receivers_judge(&f, RECEIVERS_DEFAULT, &r);
	assert_int_equal(r.n, 14);
	receivers_judge(&f, 0, &r);
	assert_int_equal(r.n, 0);
}

static void
test_receivers_worst_and_summary(void **state)
{
	struct receivers_facts f;
	struct receivers_result r;
	const struct receivers_verdict *w;
	char line[RECEIVERS_SUMMARY_MAX];

	(void)state;
	/* All accept: no worst, an empty summary. */
	build(&cases[0], &f);
	receivers_judge(&f, RECEIVERS_DEFAULT, &r);
	assert_null(receivers_worst(&r));
	assert_int_equal(receivers_count_refused(&r), 0);
	assert_int_equal(receivers_summary(&r, line, sizeof(line)), 0);
	assert_string_equal(line, "");

	/* Confirmed PTR second: Postfix defers, Gmail accepts. */
	build(&cases[2], &f);
	receivers_judge(&f, RECEIVERS_DEFAULT, &r);
	w = receivers_worst(&r);
	assert_non_null(w);
	assert_string_equal(w->rule, "reject_unknown_client_hostname");
	assert_int_equal(receivers_count_refused(&r), 1);
	assert_int_equal(receivers_summary(&r, line, sizeof(line)), 0);
	assert_string_equal(line, "Postfix reject_unknown_client_hostname "
	                          "would answer 450 4.7.25");

	/* The PTR name has no AAAA: Gmail rejects, worst first, then the
	   worst of each other receiver. */
	build(&cases[13], &f);
	receivers_judge(&f, RECEIVERS_POSTFIX | RECEIVERS_GMAIL, &r);
	assert_int_equal(receivers_summary(&r, line, sizeof(line)), 0);
	assert_string_equal(line, "Gmail PTR and forward DNS would answer 550 "
	                          "5.7.25, Postfix 450 4.7.25");

	/* Postfix with 550 codes is worse than its defaults. */
	receivers_judge(&f, RECEIVERS_POSTFIX | RECEIVERS_POSTFIX_550, &r);
	assert_int_equal(receivers_summary(&r, line, sizeof(line)), 0);
	assert_string_equal(line, "Postfix reject_unknown_client_hostname "
	                          "(unknown_client_reject_code = 550) would "
	                          "answer 550 5.7.25");

	/* A small buffer cuts and says so. */
	assert_int_equal(receivers_summary(&r, line, 16), -1);
	assert_true(strlen(line) < 16);

	/* Yahoo without a code. */
	build(&cases[1], &f);
	receivers_judge(&f, RECEIVERS_YAHOO, &r);
	assert_int_equal(receivers_summary(&r, line, sizeof(line)), 0);
	assert_string_equal(line, "Yahoo valid non-generic rDNS would reject");
}

static void
test_receivers_verdict_line(void **state)
{
	struct receivers_facts f;
	struct receivers_result r;
	char line[1024];

	(void)state;
	build(&cases[1], &f);
	receivers_judge(&f, RECEIVERS_POSTFIX_550 | RECEIVERS_MICROSOFT, &r);
	assert_int_equal(receivers_verdict_line(&r.v[0], line, sizeof(line)),
	    0);
	assert_string_equal(line,
	    "Postfix reject_unknown_reverse_client_hostname, "
	    "unknown_client_reject_code = 550 (tested): 550 5.7.1 at RCPT: "
	    "Client host rejected: cannot find your reverse hostname, "
	    "[198.18.1.11]");
	assert_int_equal(receivers_verdict_line(&r.v[r.n - 1], line,
	                     sizeof(line)),
	    0);
	assert_string_equal(line,
	    "Microsoft IPv6 reverse DNS (published rule): accept: no "
	    "published PTR rule for IPv4 [https://learn.microsoft.com/en-us/"
	    "microsoft-365/security/office-365-security/"
	    "mail-flow-inbound-ipv6-support-about]");
	assert_int_equal(receivers_verdict_line(&r.v[0], line, 10), -1);
}

/* SpamAssassin: the rules that fire on the header Postfix writes, as
   X-Spam-Tests lists them (the same rows in the lab: receivers_spam.sh). */
static void
test_receivers_spamassassin(void **state)
{
	static const struct {
		size_t row;       /* facts of cases[row] */
		const char *helo; /* this HELO instead */
		const char *want; /* "" when none fires */
	} t[] = {
	    {0, NULL, ""},
	    {1, NULL, "RDNS_NONE=2.399"},
	    /* Postfix verified no name: second PTR confirmed */
	    {2, NULL, "RDNS_NONE=2.399"},
	    {6, NULL,
	        "FSL_HELO_BARE_IP_1=2.598,KHOP_HELO_FCRDNS=1,"
	        "TVD_RCVD_IP=0.001,TVD_RCVD_IP4=0.001"},
	    {9, NULL, "HELO_NO_DOMAIN=1,KHOP_HELO_FCRDNS=1"},
	    /* the HELO starts with the PTR name: no KHOP_HELO_FCRDNS */
	    {12, NULL, ""},
	    {0, "GOOD10.RECEIVERS.TEST", ""},
	    {0, "mailhost",
	        "FSL_HELO_NON_FQDN_1=2.361,HELO_NO_DOMAIN=1,KHOP_HELO_FCRDNS="
	        "1"},
	    {0, "localhost",
	        "FSL_HELO_NON_FQDN_1=2.361,HELO_LOCALHOST=2.639,"
	        "KHOP_HELO_FCRDNS=1"},
	    {0, "host-198-18-1-10.pool.receivers.test",
	        "CK_HELO_GENERIC=1,HELO_DYNAMIC_IPADDR=2.633,KHOP_HELO_FCRDNS="
	        "1"},
	    {0, "10.1.18.198.dsl.receivers.test",
	        "HELO_DYNAMIC_HCC=4.299,HELO_DYNAMIC_IPADDR2=2.815,"
	        "KHOP_HELO_FCRDNS=1,TVD_RCVD_IP=0.001"},
	    {0, "acm12-3.receivers.test", "KHOP_HELO_FCRDNS=1"},
	    {0, "xcm12-3.receivers.test",
	        "HELO_DYNAMIC_DHCP=2.602,KHOP_HELO_FCRDNS=1"},
	    {15, "dsl-198-18-1-20.dyn.receivers.test",
	        "HELO_DYNAMIC_DHCP=2.602,HELO_DYNAMIC_IPADDR=2.633,"
	        "RDNS_DYNAMIC=2.639"},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct receivers_facts f;
		struct receivers_result r;

		build(&cases[t[i].row], &f);
		if (t[i].helo != NULL) {
			f.helo = t[i].helo;
		}
		receivers_judge(&f, RECEIVERS_SPAMASSASSIN, &r);
		assert_int_equal(r.n, 1);
		if (strcmp(r.v[0].text, t[i].want) != 0) {
			fail_msg("row %zu: want '%s', got '%s'", i, t[i].want,
			    r.v[0].text);
		}
		assert_int_equal(r.v[0].outcome,
		    t[i].want[0] != '\0' ? RECEIVERS_SCORE : RECEIVERS_ACCEPT);
	}
	/* No HELO, no message: no verdict. */
	{
		struct receivers_facts f;
		struct receivers_result r;

		build(&cases[14], &f);
		receivers_judge(&f, RECEIVERS_SPAMASSASSIN, &r);
		assert_int_equal(r.n, 0);
	}
	assert_string_equal(receivers_spamassassin_rules()[0], "RDNS_NONE");
}

static void
test_receivers_select_names(void **state)
{
	unsigned sel = 0;
	char err[128];

	(void)state;
	assert_int_equal(receivers_select("postfix,Gmail", &sel, err,
	                     sizeof(err)),
	    0);
	assert_int_equal(sel, RECEIVERS_POSTFIX | RECEIVERS_GMAIL);
	assert_int_equal(receivers_select("all", &sel, err, sizeof(err)), 0);
	assert_int_equal(sel, RECEIVERS_ALL);
	assert_int_equal(receivers_select("default,postfix-550", &sel, err,
	                     sizeof(err)),
	    0);
	assert_int_equal(sel, RECEIVERS_ALL);
	assert_int_equal(receivers_select("exim,hotmail", &sel, err,
	                     sizeof(err)),
	    -1);
	assert_string_equal(err, "unknown receiver 'hotmail'");
	assert_int_equal(receivers_select("", &sel, err, sizeof(err)), -1);
	assert_int_equal(receivers_select("exim,", &sel, err, sizeof(err)), -1);
	assert_int_equal(receivers_select("exim,,yahoo", &sel, err,
	                     sizeof(err)),
	    -1);
	assert_string_equal(receivers_outcome_str(RECEIVERS_DEFER), "defer");
}

/* rspamd's hfilter behind Postfix's milter (the same rows in the lab). */
static void
test_receivers_rspamd(void **state)
{
	static const struct {
		size_t row;       /* facts of cases[row] */
		const char *helo; /* this HELO instead */
		const char *want; /* "" when none fires */
	} t[] = {
	    {0, NULL, ""},
	    /* Postfix hands no name: no PTR, or the second PTR confirmed */
	    {1, NULL, "HFILTER_HOSTNAME_UNKNOWN(2.50)"},
	    {2, NULL, "HFILTER_HOSTNAME_UNKNOWN(2.50)"},
	    /* a HELO that resolves elsewhere: hfilter never compares */
	    {0, "elsewhere.receivers.test", ""},
	    {6, NULL, "HFILTER_HELO_BAREIP(3.00)"},
	    {10, NULL, "HFILTER_HELO_BAREIP(3.00)"},
	    /* "[IPv6:...]" without brackets has no dot */
	    {9, NULL, "HFILTER_HELO_5(3.00)"},
	    {7, NULL, "HFILTER_HELO_NOT_FQDN(2.00)"},
	    {8, NULL, "HFILTER_HELO_NOT_FQDN(2.00)"},
	    /* no A, no AAAA: IP_A, and no MX either */
	    {11, NULL,
	        "HFILTER_HELO_IP_A(1.00),HFILTER_HELO_NORES_A_OR_MX(0.30)"},
	    {0, "mailhost", "HFILTER_HELO_5(3.00)"},
	    {0, "host-198-18-1-10.pool.receivers.test", "HFILTER_HELO_4(2.50)"},
	    /* 10/8 is a "bad" address, even at the start of a name */
	    {0, "10.1.18.198.dsl.receivers.test", "HFILTER_HELO_BADIP(4.50)"},
	    {0, "nat-1.receivers.test", "HFILTER_HELO_5(3.00)"},
	    {0, "device.lan", "HFILTER_HELO_5(3.00)"},
	    /* the generic PTR name weighs as much as the HELO: HELO wins */
	    {15, "dsl-198-18-1-20.dyn.receivers.test", "HFILTER_HELO_5(3.00)"},
	    {15, "good10.receivers.test", "HFILTER_HOSTNAME_5(3.00)"},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct receivers_facts f;
		struct receivers_result r;

		build(&cases[t[i].row], &f);
		if (t[i].helo != NULL) {
			f.helo = t[i].helo;
			/* a HELO of its own: the name's DNS as in the lab */
			f.helo_a.status = DNS_OK;
			f.helo_a.n = 1;
			f.helo_a.addr[0] = f.client;
		}
		receivers_judge(&f, RECEIVERS_RSPAMD, &r);
		assert_int_equal(r.n, 1);
		if (strcmp(r.v[0].text, t[i].want) != 0) {
			fail_msg("row %zu: want '%s', got '%s'", i, t[i].want,
			    r.v[0].text);
		}
	}
	/* An MX whose hosts have no address: NORESOLVE_MX */
	{
		struct receivers_facts f;
		struct receivers_result r;

		build(&cases[11], &f);
		f.helo_mx = DNS_OK;
		f.helo_mx_noaddr = 1;
		receivers_judge(&f, RECEIVERS_RSPAMD, &r);
		assert_string_equal(r.v[0].text,
		    "HFILTER_HELO_IP_A(1.00),HFILTER_HELO_NORESOLVE_MX(0.20)");
	}
}

/* The facts from an FCrDNS walk and DNS answers, as the plugins have them:
   the same judgement as the hand-built facts of cases[2]. */
static void
test_receivers_facts_from_fcrdns(void **state)
{
	struct fcrdns_name names[2];
	struct fcrdns_result walk;
	struct dns_record rr;
	struct dns_answer a, none;
	struct receivers_facts f;
	struct receivers_result r;
	const struct receivers_verdict *v;
	char n0[] = "bad16.receivers.test.", n1[] = "good16.receivers.test.";

	(void)state;
	memset(names, 0, sizeof(names));
	memset(&walk, 0, sizeof(walk));
	assert_int_equal(rdns_addr_parse("198.18.1.16", &walk.addr, NULL), 0);
	walk.ptr_status = DNS_OK;
	names[0].name = n0;
	names[0].result = FCRDNS_NAME_OTHER;
	names[0].status = DNS_OK;
	assert_int_equal(rdns_addr_parse("198.18.1.99", &names[0].addr[0],
	                     NULL),
	    0);
	names[0].naddr = 1;
	/* confirms, but the walk kept none of its addresses */
	names[1].name = n1;
	names[1].result = FCRDNS_NAME_CONFIRMS;
	names[1].status = DNS_OK;
	walk.names = names;
	walk.nnames = 2;

	memset(&rr, 0, sizeof(rr));
	rr.type = DNS_T_A;
	rr.addr = walk.addr;
	memset(&a, 0, sizeof(a));
	a.status = DNS_OK;
	a.rr = &rr;
	a.nrr = 1;
	memset(&none, 0, sizeof(none));
	none.status = DNS_NODATA;

	receivers_facts_init(&f);
	receivers_facts_from_fcrdns(&walk, &f);
	receivers_facts_set_helo(&f, "good16.receivers.test", &a, &none, NULL);
	assert_int_equal(f.nptr, 2);
	assert_int_equal(f.ptr[1].a.n, 1);
	assert_int_equal(f.ptr[1].aaaa.status, DNS_NODATA);
	assert_int_equal(f.helo_mx, DNS_ERROR);
	receivers_judge(&f, RECEIVERS_POSTFIX | RECEIVERS_EXIM, &r);
	v = find(&r, PF_CLI);
	assert_non_null(v);
	assert_int_equal(v->code, 450);
	v = find(&r, EX_REV);
	assert_non_null(v);
	assert_int_equal(v->outcome, RECEIVERS_ACCEPT);
	v = find(&r, EX_HVH);
	assert_non_null(v);
	assert_int_equal(v->outcome, RECEIVERS_ACCEPT);

	/* A PTR name that could not be resolved: Exim defers. */
	names[1].result = FCRDNS_NAME_UNSURE;
	names[1].status = DNS_SERVFAIL;
	names[0].result = FCRDNS_NAME_UNSURE;
	names[0].status = DNS_SERVFAIL;
	names[0].naddr = 0;
	receivers_facts_init(&f);
	receivers_facts_from_fcrdns(&walk, &f);
	receivers_judge(&f, RECEIVERS_EXIM, &r);
	v = find(&r, EX_REV);
	assert_non_null(v);
	assert_int_equal(v->code, 451);
}

/* Scores read as scores in the summary and the long output. */
static void
test_receivers_score_wording(void **state)
{
	struct receivers_facts f;
	struct receivers_result r;
	char line[1024];

	(void)state;
	build(&cases[2], &f);
	receivers_judge(&f, RECEIVERS_SPAMASSASSIN, &r);
	assert_int_equal(receivers_summary(&r, line, sizeof(line)), 0);
	assert_string_equal(line, "SpamAssassin rDNS and HELO rules (Postfix's "
	                          "Received header, score set 0) would score "
	                          "RDNS_NONE=2.399");
	assert_int_equal(receivers_verdict_line(&r.v[0], line, sizeof(line)),
	    0);
	assert_string_equal(line, "SpamAssassin rDNS and HELO rules, Postfix's "
	                          "Received header, score set 0 (tested): "
	                          "accept, but score at DATA: RDNS_NONE=2.399");
	assert_int_equal(receivers_count_refused(&r), 0);
	/* A refusal is worse than a score and comes first. */
	receivers_judge(&f, RECEIVERS_SPAMASSASSIN | RECEIVERS_POSTFIX, &r);
	assert_int_equal(receivers_summary(&r, line, sizeof(line)), 0);
	assert_string_equal(line, "Postfix reject_unknown_client_hostname "
	                          "would answer 450 4.7.25");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_receivers_judge_table),
	    cmocka_unit_test(test_receivers_selection),
	    cmocka_unit_test(test_receivers_worst_and_summary),
	    cmocka_unit_test(test_receivers_verdict_line),
	    cmocka_unit_test(test_receivers_spamassassin),
	    cmocka_unit_test(test_receivers_select_names),
	    cmocka_unit_test(test_receivers_score_wording),
	    cmocka_unit_test(test_receivers_rspamd),
	    cmocka_unit_test(test_receivers_facts_from_fcrdns),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
