/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "fcrdns_judge.h"

/*
 * Tests of lib/fcrdns_judge: design.md's FCrDNS rows from built walk
 * results, both families, every "could not tell", with the exact line,
 * the piece, who fixes it and the count; and the summary of a run.
 */

struct name_spec {
	const char *name;
	enum fcrdns_name_result result;
	const char *addr; /* what it resolved to, or NULL */
};

struct fc_case {
	const char *what;
	const char *addr;
	enum fcrdns_verdict verdict;
	enum dns_status ptr_status;
	struct name_spec names[3]; /* name NULL ends */
	const char *prefix;
	const char *host; /* alignment, or NULL */
	double elapsed;
	enum state want;
	enum verdict_piece piece;
	enum verdict_tally tally;
	const char *text; /* NULL: not compared */
};

#define N(n, r, a)                                                             \
	{                                                                      \
		n, FCRDNS_NAME_##r, a                                          \
	}
#define END                                                                    \
	{                                                                      \
		NULL, FCRDNS_NAME_CONFIRMS, NULL                               \
	}

static const struct fc_case cases[] = {
    {"confirmed", "198.51.100.10", FCRDNS_CONFIRMED, DNS_OK,
        {N("mail.example.test.", CONFIRMS, "198.51.100.10"), END}, "", NULL,
        0.001, STATE_OK, PIECE_NONE, TALLY_CONFIRMED,
        "198.51.100.10 -> mail.example.test. -> 198.51.100.10"},
    {"confirmed IPv6 with origin", "2001:db8::10", FCRDNS_CONFIRMED, DNS_OK,
        {N("mail.example.test.", CONFIRMS, "2001:db8::10"), END},
        "mail.example.test.: ", "mail.example.test", 0.001, STATE_OK,
        PIECE_NONE, TALLY_CONFIRMED,
        "mail.example.test.: 2001:db8::10 -> mail.example.test. -> "
        "2001:db8::10"},
    {"PTR could not tell", "198.51.100.10", FCRDNS_UNSURE, DNS_SERVFAIL, {END},
        "", NULL, 0.001, STATE_UNKNOWN, PIECE_DNS, TALLY_UNSURE,
        "198.51.100.10: could not tell, why"},
    {"PTR timeout IPv6", "2001:db8::10", FCRDNS_UNSURE, DNS_TIMEOUT, {END}, "",
        NULL, 0.001, STATE_UNKNOWN, PIECE_DNS, TALLY_UNSURE,
        "2001:db8::10: could not tell, why"},
    {"no PTR", "198.51.100.40", FCRDNS_NOT_CONFIRMED, DNS_NXDOMAIN, {END}, "",
        NULL, 0.001, STATE_CRITICAL, PIECE_PTR, TALLY_FAILED,
        "198.51.100.40 has no PTR record (NXDOMAIN) (reverse zone "
        "100.51.198.in-addr.arpa., contact hostmaster.example.test.): the "
        "holder of the address block must add one"},
    {"resolves elsewhere", "198.51.100.11", FCRDNS_NOT_CONFIRMED, DNS_OK,
        {N("moved.example.test.", OTHER, "198.51.100.99"), END}, "", NULL,
        0.001, STATE_CRITICAL, PIECE_FORWARD, TALLY_FAILED,
        "198.51.100.11 -> moved.example.test. -> 198.51.100.99, not "
        "198.51.100.11: fix the A record or the PTR"},
    {"name does not exist, IPv6", "2001:db8::11", FCRDNS_NOT_CONFIRMED, DNS_OK,
        {N("gone.example.test.", NXDOMAIN, NULL), END}, "", NULL, 0.001,
        STATE_CRITICAL, PIECE_FORWARD, TALLY_FAILED,
        "2001:db8::11 -> gone.example.test. does not exist (NXDOMAIN): add "
        "the AAAA record or fix the PTR"},
    {"no address", "198.51.100.12", FCRDNS_NOT_CONFIRMED, DNS_OK,
        {N("noaddr.example.test.", NO_ADDRESS, NULL), END}, "", NULL, 0.001,
        STATE_CRITICAL, PIECE_FORWARD, TALLY_FAILED,
        "198.51.100.12 -> noaddr.example.test. has no A record: add the A "
        "record or fix the PTR"},
    {"two names, none confirms", "198.51.100.13", FCRDNS_NOT_CONFIRMED, DNS_OK,
        {N("a.example.test.", OTHER, "198.51.100.1"),
            N("b.example.test.", NXDOMAIN, NULL), END},
        "", NULL, 0.001, STATE_CRITICAL, PIECE_FORWARD, TALLY_FAILED,
        "198.51.100.13 -> a.example.test. -> 198.51.100.1, not "
        "198.51.100.13, b.example.test. does not exist (NXDOMAIN): no PTR "
        "name resolves back, fix the A record or the PTR"},
    {"invalid name only", "198.51.100.30", FCRDNS_NOT_CONFIRMED, DNS_OK,
        {N("bad_name.example.test.", INVALID, NULL), END}, "", NULL, 0.001,
        STATE_CRITICAL, PIECE_PTR, TALLY_FAILED, NULL},
    {"partly", "198.51.100.20", FCRDNS_PARTIAL, DNS_OK,
        {N("multi1.example.test.", OTHER, "198.51.100.21"),
            N("multi2.example.test.", CONFIRMS, "198.51.100.20"), END},
        "", NULL, 0.001, STATE_WARNING, PIECE_PTR, TALLY_PARTIAL,
        "198.51.100.20 -> multi1.example.test. -> 198.51.100.21, not "
        "198.51.100.20, multi2.example.test. -> 198.51.100.20: only 1 of 2 "
        "PTR names resolve back, a receiver may pick another: remove the "
        "stray PTR or fix its A record"},
    {"forward could not tell", "198.51.100.11", FCRDNS_UNSURE, DNS_OK,
        {N("moved.example.test.", UNSURE, NULL), END}, "", NULL, 0.001,
        STATE_UNKNOWN, PIECE_DNS, TALLY_UNSURE,
        "198.51.100.11 -> moved.example.test.: could not tell its A record, "
        "why: could not tell whether it resolves back"},
    {"generic", "198.51.100.14", FCRDNS_CONFIRMED, DNS_OK,
        {N("c-198-51-100-14.hsd1.ma.comcast.net.", CONFIRMS, "198.51.100.14"),
            END},
        "", NULL, 0.001, STATE_WARNING, PIECE_PTR, TALLY_CONFIRMED, NULL},
    {"alignment off", "198.51.100.10", FCRDNS_CONFIRMED, DNS_OK,
        {N("mail.example.test.", CONFIRMS, "198.51.100.10"), END},
        "www.example.test.: ", "www.example.test.", 0.001, STATE_WARNING,
        PIECE_PTR, TALLY_CONFIRMED,
        "www.example.test.: 198.51.100.10 -> mail.example.test. -> "
        "198.51.100.10, but the PTR names mail.example.test., not "
        "www.example.test.: the alignment is off, point the PTR at "
        "www.example.test."},
    {"slow", "198.51.100.10", FCRDNS_CONFIRMED, DNS_OK,
        {N("mail.example.test.", CONFIRMS, "198.51.100.10"), END}, "", NULL,
        1.5, STATE_WARNING, PIECE_TIMING, TALLY_CONFIRMED,
        "198.51.100.10 -> mail.example.test. -> 198.51.100.10, but the PTR "
        "lookup took 1.500 s"},
};

struct built {
	struct fcrdns_name n[3];
	char names[3][RDNS_NAME_MAX];
	char err[8];
	char zone[64];
	char contact[64];
	struct fcrdns_result r;
};

static void
build(const struct fc_case *c, struct built *b)
{
	size_t i;

	memset(b, 0, sizeof(*b));
	assert_int_equal(rdns_addr_parse(c->addr, &b->r.addr, NULL), 0);
	snprintf(b->err, sizeof(b->err), "why");
	snprintf(b->zone, sizeof(b->zone), "100.51.198.in-addr.arpa.");
	snprintf(b->contact, sizeof(b->contact), "hostmaster.example.test.");
	b->r.verdict = c->verdict;
	b->r.ptr_status = c->ptr_status;
	b->r.ptr_elapsed = c->elapsed;
	b->r.ptr_error = dns_status_unsure(c->ptr_status) ? b->err : NULL;
	if (c->ptr_status == DNS_NXDOMAIN) {
		b->r.zone = b->zone;
		b->r.zone_contact = b->contact;
	}
	b->r.names = b->n;
	for (i = 0; c->names[i].name != NULL; i++) {
		snprintf(b->names[i], sizeof(b->names[i]), "%s",
		    c->names[i].name);
		b->n[i].name = b->names[i];
		b->n[i].result = c->names[i].result;
		b->n[i].check = c->names[i].result == FCRDNS_NAME_INVALID
		                    ? rdns_name_check(c->names[i].name)
		                    : RDNS_NAME_VALID;
		b->n[i].error =
		    c->names[i].result == FCRDNS_NAME_UNSURE ? b->err : NULL;
		if (c->names[i].addr != NULL) {
			assert_int_equal(rdns_addr_parse(c->names[i].addr,
			                     &b->n[i].addr[0], NULL),
			    0);
			b->n[i].naddr = b->n[i].naddr_total = 1;
		}
		if (c->names[i].result == FCRDNS_NAME_CONFIRMS) {
			b->r.nconfirm++;
		}
	}
	b->r.nnames = i;
}

static void
test_fcrdns_judge_table(void **unused)
{
	static struct built b;
	struct thresholds th;
	struct verdict v;
	char err[128];
	size_t i;

	(void)unused;
	assert_int_equal(thresholds_parse(&th, "1", "2", err, sizeof(err)), 0);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct fc_case *c = &cases[i];
		struct fcrdns_policy p = {NULL, 0, STATE_WARNING, STATE_UNKNOWN,
		    &th};

		build(c, &b);
		fcrdns_judge(&b.r, c->prefix, c->host, &p, &v);
		if (v.state != c->want || v.piece != c->piece ||
		    v.tally != c->tally ||
		    (c->text != NULL && strcmp(v.text, c->text) != 0)) {
			print_error("%s:\n  got  %s %d %d '%s'\n  want %s %d "
			            "%d "
			            "'%s'\n",
			    c->what, state_name(v.state), v.piece, v.tally,
			    v.text, state_name(c->want), c->piece, c->tally,
			    c->text != NULL ? c->text : "");
			fail();
		}
	}
}

/* --generic=ok: a generic name is not said; a critical one is. */
static void
test_fcrdns_judge_generic_state(void **unused)
{
	static struct built b;
	struct verdict v;
	struct fcrdns_policy p = {NULL, 0, STATE_OK, STATE_UNKNOWN, NULL};

	(void)unused;
	build(&cases[12], &b);
	fcrdns_judge(&b.r, "", NULL, &p, &v);
	assert_int_equal(v.state, STATE_OK);
	p.generic_state = STATE_CRITICAL;
	fcrdns_judge(&b.r, "", NULL, &p, &v);
	assert_int_equal(v.state, STATE_CRITICAL);
	assert_non_null(strstr(v.text, ", but "
	                               "c-198-51-100-14.hsd1.ma.comcast.net. "
	                               "looks generic: "));
}

static void
test_fcrdns_judge_summary(void **unused)
{
	struct verdict_tally_sum t;
	struct fcrdns_run_facts f;
	struct verdict v;
	char buf[512];

	(void)unused;
	verdict_tally_init(&t);
	verdict_set(&v, STATE_OK, PIECE_NONE, FIXER_NONE, "ok");
	v.tally = TALLY_CONFIRMED;
	verdict_tally_add(&t, &v);
	verdict_set(&v, STATE_CRITICAL, PIECE_PTR, FIXER_ZONE_HOLDER, "bad");
	v.tally = TALLY_FAILED;
	verdict_tally_add(&t, &v);
	memset(&f, 0, sizeof(f));
	f.addresses = 2;
	fcrdns_judge_summary(&t, &f, buf, sizeof(buf));
	assert_string_equal(buf, "2 addresses: 1 confirmed, 1 failed, worst: "
	                         "bad");
	f.domain = "example.test.";
	f.mx_hosts = 1;
	fcrdns_judge_summary(&t, &f, buf, sizeof(buf));
	assert_string_equal(buf, "example.test.: 1 MX host, 2 addresses: 1 "
	                         "confirmed, 1 failed, worst: bad");
	f.implicit_mx = true;
	v.tally = TALLY_UNSURE;
	verdict_tally_add(&t, &v);
	v.tally = TALLY_PARTIAL;
	verdict_tally_add(&t, &v);
	f.addresses = 1;
	fcrdns_judge_summary(&t, &f, buf, sizeof(buf));
	assert_string_equal(buf, "example.test. has no MX, implicit MX: 1 "
	                         "address: 1 confirmed, 1 partly, 1 failed, 1 "
	                         "could not tell, worst: bad");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_fcrdns_judge_table),
	    cmocka_unit_test(test_fcrdns_judge_generic_state),
	    cmocka_unit_test(test_fcrdns_judge_summary),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
