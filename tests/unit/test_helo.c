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

#include "helo.h"

/*
 * Tests of lib/helo: design.md's table for a HELO name against the PTR and
 * FCrDNS of the sending address, from built DNS results (the lookups are
 * lib/fcrdns's and lib/dns's and tested there), one row per state and
 * cause, with the exact line a user reads.
 */

/* A PTR name and what its forward lookup gave. */
struct ptr_spec {
	const char *name;
	enum fcrdns_name_result result;
	const char *addr; /* what it resolved to, or NULL */
};

struct judge_case {
	const char *what;
	const char *addr;
	const char *name;
	bool ipv6_egress;
	enum dns_status ptr_status;
	struct ptr_spec ptr[2];
	enum dns_status fwd_status; /* DNS_ERROR + fwd_none: not asked */
	bool fwd_none;
	const char *fwd_addr; /* the name's A/AAAA, or NULL */
	bool strict;
	enum state want;
	bool match;
	const char *text;
};

#define P(n, r, a)                                                             \
	{                                                                      \
		n, FCRDNS_NAME_##r, a                                          \
	}
#define NOPTR                                                                  \
	{                                                                      \
		NULL, FCRDNS_NAME_CONFIRMS, NULL                               \
	}

static const struct judge_case cases[] = {
    {"match", "198.51.100.10", "mail.example.test", false, DNS_OK,
        {P("mail.example.test.", CONFIRMS, "198.51.100.10"), NOPTR}, DNS_OK,
        true, NULL, false, STATE_OK, true,
        "198.51.100.10: HELO mail.example.test = PTR mail.example.test. "
        "-> 198.51.100.10"},
    {"match, case and trailing dot differ", "198.51.100.10",
        "MAIL.example.test.", false, DNS_OK,
        {P("mail.example.test.", CONFIRMS, "198.51.100.10"), NOPTR}, DNS_OK,
        true, NULL, false, STATE_OK, true,
        "198.51.100.10: HELO MAIL.example.test. = PTR mail.example.test. "
        "-> 198.51.100.10"},
    {"no PTR", "198.51.100.41", "mail.example.test", false, DNS_NODATA,
        {NOPTR, NOPTR}, DNS_OK, true, NULL, false, STATE_CRITICAL, false,
        "198.51.100.41 has no PTR record (no data), HELO mail.example.test: "
        "the holder of the address block must add PTR mail.example.test"},
    {"PTR could not tell", "198.51.100.10", "mail.example.test", false,
        DNS_SERVFAIL, {NOPTR, NOPTR}, DNS_OK, true, NULL, false, STATE_UNKNOWN,
        false, "198.51.100.10: could not tell the PTR, SERVFAIL"},
    {"match, a second PTR does not confirm", "198.51.100.20",
        "multi2.example.test", false, DNS_OK,
        {P("multi1.example.test.", OTHER, "198.51.100.21"),
            P("multi2.example.test.", CONFIRMS, "198.51.100.20")},
        DNS_OK, true, NULL, false, STATE_WARNING, true,
        "198.51.100.20: HELO multi2.example.test = PTR, but PTR "
        "multi1.example.test. -> 198.51.100.21: a receiver may pick that "
        "name, remove it"},
    {"name = PTR, FCrDNS fails", "198.51.100.11", "moved.example.test", false,
        DNS_OK, {P("moved.example.test.", OTHER, "198.51.100.99"), NOPTR},
        DNS_OK, true, NULL, false, STATE_CRITICAL, false,
        "198.51.100.11: HELO moved.example.test = PTR, but "
        "moved.example.test. -> 198.51.100.99: FCrDNS fails, set the A "
        "record of moved.example.test to 198.51.100.11"},
    {"name = PTR, forward could not tell", "198.51.100.11",
        "moved.example.test", false, DNS_OK,
        {P("moved.example.test.", UNSURE, NULL), NOPTR}, DNS_OK, true, NULL,
        false, STATE_UNKNOWN, false,
        "198.51.100.11: HELO moved.example.test = PTR, but could not tell "
        "whether it resolves back: could not tell (timeout)"},
    {"differs, name resolves to the address", "127.0.0.4", "mail.example.test",
        false, DNS_OK, {P("other.example.test.", CONFIRMS, "127.0.0.4"), NOPTR},
        DNS_OK, false, "127.0.0.4", false, STATE_WARNING, false,
        "127.0.0.4: HELO mail.example.test, PTR other.example.test., "
        "mail.example.test -> 127.0.0.4: set the PTR to "
        "mail.example.test at the IP owner, or the HELO to "
        "other.example.test"},
    {"differs, name resolves to the address, --strict", "127.0.0.4",
        "mail.example.test", false, DNS_OK,
        {P("other.example.test.", CONFIRMS, "127.0.0.4"), NOPTR}, DNS_OK, false,
        "127.0.0.4", true, STATE_CRITICAL, false,
        "127.0.0.4: HELO mail.example.test, PTR other.example.test., "
        "mail.example.test -> 127.0.0.4: set the PTR to "
        "mail.example.test at the IP owner, or the HELO to "
        "other.example.test"},
    {"differs, PTR does not confirm but the name does", "127.0.0.4",
        "mail.example.test", false, DNS_OK,
        {P("other.example.test.", NXDOMAIN, NULL), NOPTR}, DNS_OK, false,
        "127.0.0.4", false, STATE_CRITICAL, false,
        "127.0.0.4: HELO mail.example.test, PTR other.example.test., "
        "mail.example.test -> 127.0.0.4: set the PTR to "
        "mail.example.test at the IP owner, or the HELO to "
        "other.example.test"},
    {"mismatch", "127.0.0.26", "out.example.test", false, DNS_OK,
        {P("gw.example.test.", CONFIRMS, "127.0.0.26"), NOPTR}, DNS_OK, false,
        "127.0.0.25", false, STATE_CRITICAL, false,
        "127.0.0.26: HELO out.example.test, PTR gw.example.test., "
        "out.example.test -> 127.0.0.25: set the HELO to gw.example.test, "
        "or the PTR to out.example.test at the IP owner and the A record "
        "of out.example.test to 127.0.0.26"},
    {"nothing resolves back", "198.51.100.13", "x.example.test", false, DNS_OK,
        {P("ghost.example.test.", NXDOMAIN, NULL), NOPTR}, DNS_NXDOMAIN, false,
        NULL, false, STATE_CRITICAL, false,
        "198.51.100.13: HELO x.example.test, PTR ghost.example.test., "
        "x.example.test -> NXDOMAIN, ghost.example.test. -> NXDOMAIN: "
        "nothing resolves back, fix the PTR at the IP owner and the A "
        "record, or the HELO"},
    {"differs, forward not asked", "127.0.0.4", "mail.example.test", false,
        DNS_OK, {P("other.example.test.", CONFIRMS, "127.0.0.4"), NOPTR},
        DNS_OK, true, NULL, false, STATE_UNKNOWN, false,
        "127.0.0.4: HELO mail.example.test, PTR other.example.test., could "
        "not tell whether mail.example.test resolves to 127.0.0.4: not "
        "asked"},
    {"IPv6 egress without PTR: the hint", "2001:db8::51", "mail.example.test",
        true, DNS_NXDOMAIN, {NOPTR, NOPTR}, DNS_OK, true, NULL, false,
        STATE_CRITICAL, false,
        "2001:db8::51 has no PTR record (NXDOMAIN), HELO "
        "mail.example.test: the holder of the address block must add PTR "
        "mail.example.test (mail to IPv6 receivers leaves from here: add "
        "this IPv6 PTR, or keep the MTA on IPv4 - Postfix inet_protocols "
        "= ipv4 or smtp_bind_address6)"},
    {"IPv6 egress, FCrDNS fails: the hint", "2001:db8::51",
        "v6nptr.example.test", true, DNS_OK,
        {P("v6nptr.example.test.", OTHER, "2001:db8::52"), NOPTR}, DNS_OK, true,
        NULL, false, STATE_CRITICAL, false,
        "2001:db8::51: HELO v6nptr.example.test = PTR, but "
        "v6nptr.example.test. -> 2001:db8::52: FCrDNS fails, set the AAAA "
        "record of v6nptr.example.test to 2001:db8::51 (mail to IPv6 "
        "receivers leaves from here: add this IPv6 PTR, or keep the MTA "
        "on IPv4 - Postfix inet_protocols = ipv4 or smtp_bind_address6)"},
    {"IPv6 egress that matches: no hint", "2001:db8::10", "mail.example.test",
        true, DNS_OK,
        {P("mail.example.test.", CONFIRMS, "2001:db8::10"), NOPTR}, DNS_OK,
        true, NULL, false, STATE_OK, true,
        "2001:db8::10: HELO mail.example.test = PTR mail.example.test. -> "
        "2001:db8::10"},
    {"IPv6 could not tell: no hint", "2001:db8::51", "mail.example.test", true,
        DNS_TIMEOUT, {NOPTR, NOPTR}, DNS_OK, true, NULL, false, STATE_UNKNOWN,
        false, "2001:db8::51: could not tell the PTR, timeout"},
    {"IPv6 without the egress flag: no hint", "2001:db8::51",
        "mail.example.test", false, DNS_NXDOMAIN, {NOPTR, NOPTR}, DNS_OK, true,
        NULL, false, STATE_CRITICAL, false,
        "2001:db8::51 has no PTR record (NXDOMAIN), HELO "
        "mail.example.test: the holder of the address block must add PTR "
        "mail.example.test"},
    {"a name holding '|' is escaped", "198.51.100.10", "mail|x.test", false,
        DNS_OK, {P("mail.example.test.", CONFIRMS, "198.51.100.10"), NOPTR},
        DNS_NXDOMAIN, false, NULL, false, STATE_CRITICAL, false,
        "198.51.100.10: HELO mail\\124x.test, PTR mail.example.test., "
        "mail\\124x.test -> NXDOMAIN: set the HELO to mail.example.test, "
        "or the PTR to mail\\124x.test at the IP owner and the A record "
        "of mail\\124x.test to 198.51.100.10"},
};

/* Storage of one built case: fcrdns_result holds non-const pointers. */
struct built {
	char names[2][RDNS_NAME_MAX];
	char err[32];
	struct fcrdns_name n[2];
	struct fcrdns_result r;
	struct dns_record rr;
	struct dns_answer fwd;
};

static void
build(const struct judge_case *c, struct helo_claim *claim, struct built *b)
{
	size_t i;

	memset(b, 0, sizeof(*b));
	memset(claim, 0, sizeof(*claim));
	claim->name = c->name;
	claim->word = "HELO";
	claim->ipv6_egress = c->ipv6_egress;
	assert_int_equal(rdns_addr_parse(c->addr, &claim->addr, NULL), 0);
	b->r.addr = claim->addr;
	b->r.ptr_status = c->ptr_status;
	b->r.names = b->n;
	snprintf(b->err, sizeof(b->err), "timeout");
	for (i = 0; i < 2 && c->ptr[i].name != NULL; i++) {
		snprintf(b->names[i], sizeof(b->names[i]), "%s",
		    c->ptr[i].name);
		b->n[i].name = b->names[i];
		b->n[i].result = c->ptr[i].result;
		b->n[i].error =
		    c->ptr[i].result == FCRDNS_NAME_UNSURE ? b->err : NULL;
		if (c->ptr[i].addr != NULL) {
			assert_int_equal(rdns_addr_parse(c->ptr[i].addr,
			                     &b->n[i].addr[0], NULL),
			    0);
			b->n[i].naddr = b->n[i].naddr_total = 1;
		}
		b->r.nnames++;
	}
	b->fwd.status = c->fwd_status;
	if (c->fwd_addr != NULL) {
		assert_int_equal(rdns_addr_parse(c->fwd_addr, &b->rr.addr,
		                     NULL),
		    0);
		b->fwd.rr = &b->rr;
		b->fwd.nrr = 1;
	}
}

static void
test_helo_judge_table(void **state)
{
	struct helo_claim claim;
	struct verdict v;
	enum helo_match m;
	static struct built b;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct judge_case *c = &cases[i];
		struct helo_policy p = {c->strict, STATE_UNKNOWN};

		build(c, &claim, &b);
		helo_judge(&claim, &b.r, c->fwd_none ? NULL : &b.fwd, &p, &v,
		    &m);
		if (v.state != c->want || (m == HELO_MATCHES) != c->match ||
		    strcmp(v.text, c->text) != 0) {
			print_error("%s:\n  got  %s %d '%s'\n  want %s %d "
			            "'%s'\n",
			    c->what, state_name(v.state), m == HELO_MATCHES,
			    v.text, state_name(c->want), c->match, c->text);
			fail();
		}
	}
}

/* "Could not tell" with -t ...:critical is CRITICAL, but no finding. */
static void
test_helo_unsure_has_no_hint(void **state)
{
	struct helo_claim claim;
	struct verdict v;
	struct helo_policy p = {false, STATE_CRITICAL};
	static struct built b;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (strcmp(cases[i].what, "IPv6 could not tell: no hint") ==
		    0) {
			break;
		}
	}
	assert_true(i < sizeof(cases) / sizeof(cases[0]));
	build(&cases[i], &claim, &b);
	helo_judge(&claim, &b.r, NULL, &p, &v, NULL);
	assert_int_equal(v.state, STATE_CRITICAL);
	assert_true(v.unsure);
	assert_string_equal(v.text, cases[i].text);
	build(&cases[0], &claim, &b);
	helo_judge(&claim, &b.r, NULL, &p, &v, NULL);
	assert_false(v.unsure);
}

/* The forward lookup is needed only when the name is no PTR name. */
static void
test_helo_needs_forward(void **state)
{
	struct helo_claim claim;
	static struct built b;

	(void)state;
	build(&cases[0], &claim, &b);
	assert_false(helo_needs_forward(&claim, &b.r));
	claim.name = "other.example.test";
	assert_true(helo_needs_forward(&claim, &b.r));
	b.r.ptr_status = DNS_NXDOMAIN;
	assert_false(helo_needs_forward(&claim, &b.r));
}

static void
test_helo_name_target(void **state)
{
	struct fcrdns_name n;
	char buf[160];
	char err[] = "SERVFAIL from 127.0.0.1#53";

	(void)state;
	memset(&n, 0, sizeof(n));
	n.result = FCRDNS_NAME_OTHER;
	assert_int_equal(rdns_addr_parse("198.51.100.1", &n.addr[0], NULL), 0);
	assert_int_equal(rdns_addr_parse("2001:db8::1", &n.addr[1], NULL), 0);
	n.naddr = 2;
	n.naddr_total = 5;
	helo_name_target(&n, buf, sizeof(buf));
	assert_string_equal(buf, "198.51.100.1, 2001:db8::1, ...");
	n.result = FCRDNS_NAME_UNSURE;
	n.error = err;
	helo_name_target(&n, buf, sizeof(buf));
	assert_string_equal(buf, "could not tell (SERVFAIL from 127.0.0.1#53)");
	n.result = FCRDNS_NAME_NO_ADDRESS;
	helo_name_target(&n, buf, sizeof(buf));
	assert_string_equal(buf, "no address");
	/* A small buffer cuts, never overflows. */
	n.result = FCRDNS_NAME_OTHER;
	helo_name_target(&n, buf, 8);
	assert_true(strlen(buf) < 8);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_helo_judge_table),
	    cmocka_unit_test(test_helo_unsure_has_no_hint),
	    cmocka_unit_test(test_helo_needs_forward),
	    cmocka_unit_test(test_helo_name_target),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
