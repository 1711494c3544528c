/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include <cmocka.h>

#include "ptr.h"

/*
 * Tests of lib/ptr: design.md's rows for check_ptr from built PTR answers,
 * both families, every "could not tell" status, with the exact line.
 */

struct ptr_case {
	const char *what;
	const char *addr;
	enum dns_status status;
	const char *names[3]; /* the PTR names, NULL-ended */
	bool soa;             /* the answer carries the zone's SOA */
	const char *expect;   /* -e, or NULL */
	enum state generic_state;
	double elapsed;
	enum state want;
	enum verdict_piece piece;
	enum verdict_fixer fixer;
	const char *text;
};

static const struct ptr_case cases[] = {
    {"OK", "198.51.100.10", DNS_OK, {"mail.example.test.", NULL}, false, NULL,
        STATE_WARNING, 0.001, STATE_OK, PIECE_NONE, FIXER_NONE,
        "198.51.100.10 -> mail.example.test."},
    {"OK IPv6, two names", "2001:db8::10", DNS_OK,
        {"a.example.test.", "b.example.test.", NULL}, false, NULL,
        STATE_WARNING, 0.001, STATE_OK, PIECE_NONE, FIXER_NONE,
        "2001:db8::10 -> a.example.test., b.example.test."},
    {"NXDOMAIN with the zone", "198.51.100.40", DNS_NXDOMAIN, {NULL}, true,
        NULL, STATE_WARNING, 0.001, STATE_CRITICAL, PIECE_PTR,
        FIXER_ZONE_HOLDER,
        "198.51.100.40 has no PTR record (NXDOMAIN) (reverse zone "
        "100.51.198.in-addr.arpa., contact hostmaster.example.test.): the "
        "holder of the address block must add one"},
    {"no data, IPv6, no zone", "2001:db8::41", DNS_NODATA, {NULL}, false, NULL,
        STATE_WARNING, 0.001, STATE_CRITICAL, PIECE_PTR, FIXER_ZONE_HOLDER,
        "2001:db8::41 has no PTR record (no data): the holder of the "
        "address block must add one"},
    {"SERVFAIL", "198.51.100.10", DNS_SERVFAIL, {NULL}, false, NULL,
        STATE_WARNING, 0.001, STATE_UNKNOWN, PIECE_DNS, FIXER_NONE,
        "198.51.100.10: could not tell, why"},
    {"REFUSED", "198.51.100.10", DNS_REFUSED, {NULL}, false, NULL,
        STATE_WARNING, 0.001, STATE_UNKNOWN, PIECE_DNS, FIXER_NONE,
        "198.51.100.10: could not tell, why"},
    {"timeout", "2001:db8::10", DNS_TIMEOUT, {NULL}, false, NULL, STATE_WARNING,
        0.001, STATE_UNKNOWN, PIECE_DNS, FIXER_NONE,
        "2001:db8::10: could not tell, why"},
    {"error", "198.51.100.10", DNS_ERROR, {NULL}, false, NULL, STATE_WARNING,
        0.001, STATE_UNKNOWN, PIECE_DNS, FIXER_NONE,
        "198.51.100.10: could not tell, why"},
    {"invalid name", "198.51.100.30", DNS_OK, {"bad_name.example.test.", NULL},
        true, NULL, STATE_WARNING, 0.001, STATE_CRITICAL, PIECE_PTR,
        FIXER_ZONE_HOLDER,
        "198.51.100.30 -> bad_name.example.test.: not a valid host name "
        "(character other than letter, digit or hyphen) (reverse zone "
        "100.51.198.in-addr.arpa., contact hostmaster.example.test.)"},
    {"not the expected name", "198.51.100.10", DNS_OK,
        {"other.example.test.", NULL}, false, "mail.example.test",
        STATE_WARNING, 0.001, STATE_CRITICAL, PIECE_PTR, FIXER_ZONE_HOLDER,
        "198.51.100.10 -> other.example.test., expected mail.example.test: "
        "fix the PTR"},
    {"expected, case and dot differ", "198.51.100.10", DNS_OK,
        {"MAIL.example.test.", NULL}, false, "mail.example.test", STATE_WARNING,
        0.001, STATE_OK, PIECE_NONE, FIXER_NONE,
        "198.51.100.10 -> MAIL.example.test."},
    {"one of two not expected", "198.51.100.20", DNS_OK,
        {"multi1.example.test.", "multi2.example.test.", NULL}, false,
        "multi2.example.test", STATE_WARNING, 0.001, STATE_WARNING, PIECE_PTR,
        FIXER_ZONE_HOLDER,
        "198.51.100.20 -> multi1.example.test., multi2.example.test.: 1 of "
        "2 PTR names not expected, a receiver may pick one of them"},
    {"generic", "198.51.100.14", DNS_OK,
        {"c-198-51-100-14.hsd1.ma.comcast.net.", NULL}, false, NULL,
        STATE_WARNING, 0.001, STATE_WARNING, PIECE_PTR, FIXER_ZONE_HOLDER,
        NULL},
    {"generic, --generic=ok", "198.51.100.14", DNS_OK,
        {"c-198-51-100-14.hsd1.ma.comcast.net.", NULL}, false, NULL, STATE_OK,
        0.001, STATE_OK, PIECE_NONE, FIXER_NONE,
        "198.51.100.14 -> c-198-51-100-14.hsd1.ma.comcast.net."},
    {"slow lookup", "198.51.100.10", DNS_OK, {"mail.example.test.", NULL},
        false, NULL, STATE_WARNING, 2.5, STATE_CRITICAL, PIECE_TIMING,
        FIXER_NONE,
        "198.51.100.10 -> mail.example.test., but the lookup took 2.500 s"},
};

static char data_buf[8][RDNS_NAME_TEXT_MAX];

static void
build(const struct ptr_case *c, struct dns_answer *a, struct dns_record *rr)
{
	size_t i;

	memset(a, 0, sizeof(*a));
	a->status = c->status;
	a->elapsed = c->elapsed;
	snprintf(a->error, sizeof(a->error), "why");
	for (i = 0; c->names[i] != NULL; i++) {
		memset(&rr[i], 0, sizeof(rr[i]));
		rr[i].type = DNS_T_PTR;
		/* lib/dns sizes data to its text: here a static slot. */
		rr[i].data = data_buf[i];
		snprintf(data_buf[i], sizeof(data_buf[i]), "%s", c->names[i]);
	}
	a->rr = rr;
	a->nrr = i;
	if (c->soa) {
		a->have_soa = true;
		snprintf(a->zone, sizeof(a->zone), "100.51.198.in-addr.arpa.");
		snprintf(a->soa_rname, sizeof(a->soa_rname),
		    "hostmaster.example.test.");
	}
}

static void
test_ptr_judge_table(void **unused)
{
	static struct dns_record rr[3];
	struct dns_answer a;
	struct thresholds th;
	struct verdict v;
	struct rdns_addr addr;
	char err[128];
	size_t i;

	(void)unused;
	assert_int_equal(thresholds_parse(&th, "1", "2", err, sizeof(err)), 0);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct ptr_case *c = &cases[i];
		const char *exp[1] = {c->expect};
		struct ptr_policy p = {exp, c->expect != NULL ? 1 : 0,
		    c->generic_state, STATE_UNKNOWN, &th};

		assert_int_equal(rdns_addr_parse(c->addr, &addr, NULL), 0);
		build(c, &a, rr);
		ptr_judge(&addr, c->addr, &a, &p, &v);
		if (v.state != c->want || v.piece != c->piece ||
		    v.fixer != c->fixer ||
		    (c->text != NULL && strcmp(v.text, c->text) != 0)) {
			print_error("%s:\n  got  %s %d %d '%s'\n  want %s %d "
			            "%d "
			            "'%s'\n",
			    c->what, state_name(v.state), v.piece, v.fixer,
			    v.text, state_name(c->want), c->piece, c->fixer,
			    c->text != NULL ? c->text : "");
			fail();
		}
		assert_int_equal(v.unsure, c->piece == PIECE_DNS);
	}
}

/* The generic finding names the name and the classifier's reason. */
static void
test_ptr_judge_generic_reason(void **unused)
{
	static struct dns_record rr[3];
	struct dns_answer a;
	struct verdict v;
	struct rdns_addr addr;
	struct ptr_policy p = {NULL, 0, STATE_CRITICAL, STATE_UNKNOWN, NULL};

	(void)unused;
	build(&cases[12], &a, rr);
	assert_int_equal(rdns_addr_parse("198.51.100.14", &addr, NULL), 0);
	ptr_judge(&addr, "198.51.100.14", &a, &p, &v);
	assert_int_equal(v.state, STATE_CRITICAL);
	assert_non_null(strstr(v.text,
	    "198.51.100.14 -> c-198-51-100-14.hsd1.ma.comcast.net. looks "
	    "generic: "));
	assert_non_null(strstr(v.text, ", ask the holder of the address block "
	                               "for a specific PTR"));
}

/* TTLs: the smallest of the set; RFC 2308 5 for the negative TTL. */
static void
test_ptr_judge_ttl(void **unused)
{
	static struct dns_record rr[3];
	struct dns_answer a;
	struct ptr_facts f;
	struct verdict v;
	struct rdns_addr addr;
	struct ptr_policy p = {NULL, 0, STATE_WARNING, STATE_UNKNOWN, NULL};

	(void)unused;
	assert_int_equal(rdns_addr_parse("198.51.100.20", &addr, NULL), 0);
	build(&cases[1], &a, rr); /* two PTRs */
	assert_true(a.nrr >= 2);
	rr[0].ttl = 3600;
	rr[1].ttl = 300;
	ptr_judge_facts(&addr, &a, &p, &f);
	assert_true(f.have_ttl);
	assert_int_equal(f.ttl, 300);
	assert_false(f.have_negative_ttl);
	assert_true(ptr_judge_ttl("198.51.100.20", &a, &v));
	assert_int_equal(v.state, STATE_OK);
	assert_string_equal(v.text,
	    "198.51.100.20: PTR TTL 300 s: a change to the PTR reaches "
	    "receivers within 300 s");

	memset(&a, 0, sizeof(a));
	a.status = DNS_NXDOMAIN;
	a.have_soa = true;
	snprintf(a.zone, sizeof(a.zone), "100.51.198.in-addr.arpa.");
	a.soa_ttl = 3600;
	a.soa_minimum = 900;
	ptr_judge_facts(&addr, &a, &p, &f);
	assert_false(f.have_ttl);
	assert_true(f.have_negative_ttl);
	assert_int_equal(f.negative_ttl, 900);
	a.soa_ttl = 60; /* a resolver's countdown: below MINIMUM */
	assert_true(ptr_judge_ttl("198.51.100.20", &a, &v));
	assert_string_equal(v.text,
	    "198.51.100.20: no PTR, negative TTL 60 s (RFC 2308, SOA of "
	    "100.51.198.in-addr.arpa.): a PTR added now is seen by "
	    "receivers within 60 s");
	a.have_soa = false; /* no SOA: no negative TTL to tell */
	assert_false(ptr_judge_ttl("198.51.100.20", &a, &v));
	a.status = DNS_TIMEOUT;
	assert_false(ptr_judge_ttl("198.51.100.20", &a, &v));
}

static void
test_ptr_judge_facts(void **unused)
{
	static struct dns_record rr[3];
	struct dns_answer a;
	struct ptr_facts f;
	struct rdns_addr addr;
	const char *exp[1] = {"multi2.example.test"};
	struct ptr_policy p = {exp, 1, STATE_WARNING, STATE_UNKNOWN, NULL};

	(void)unused;
	assert_int_equal(rdns_addr_parse("198.51.100.20", &addr, NULL), 0);
	build(&cases[11], &a, rr);
	ptr_judge_facts(&addr, &a, &p, &f);
	assert_int_equal(f.records, 2);
	assert_true(f.match);
	assert_false(f.generic);
	build(&cases[12], &a, rr);
	assert_int_equal(rdns_addr_parse("198.51.100.14", &addr, NULL), 0);
	ptr_judge_facts(&addr, &a, &p, &f);
	assert_true(f.generic);
	assert_false(f.match);
	build(&cases[4], &a, rr);
	ptr_judge_facts(&addr, &a, &p, &f);
	assert_int_equal(f.records, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_ptr_judge_table),
	    cmocka_unit_test(test_ptr_judge_generic_reason),
	    cmocka_unit_test(test_ptr_judge_facts),
	    cmocka_unit_test(test_ptr_judge_ttl),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
