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

#include "auth.h"

/* auth_judge: the pure judge of the authoritative view. */

static const struct auth_policy pol = {
    STATE_WARNING,  /* lame */
    STATE_CRITICAL, /* disagree: distinct, to tell them apart */
    STATE_UNKNOWN,  /* could not tell */
};

static void
view(struct auth_view *v, enum auth_kind kind)
{
	memset(v, 0, sizeof(*v));
	v->kind = kind;
	snprintf(v->name, sizeof(v->name), "10.1.18.198.in-addr.arpa.");
	snprintf(v->zone, sizeof(v->zone), "1.18.198.in-addr.arpa.");
	v->zone_found = true;
	v->nns = 2;
}

static void
server(struct auth_view *v, const char *ns, const char *addr,
    enum dns_status st, bool aa, uint32_t serial, const char *data)
{
	struct auth_server *s = &v->srv[v->nsrv++];

	memset(s, 0, sizeof(*s));
	snprintf(s->ns, sizeof(s->ns), "%s", ns);
	snprintf(s->addr, sizeof(s->addr), "%s", addr);
	s->status = st;
	s->aa = aa;
	if (serial != 0) {
		s->have_serial = true;
		s->serial = serial;
	}
	snprintf(s->data, sizeof(s->data), "%s", data);
	if (dns_status_unsure(st)) {
		snprintf(s->error, sizeof(s->error), "%s from %s#53",
		    dns_status_str(st), addr);
	}
}

static void
test_auth_agree(void **unused)
{
	struct auth_view v;
	struct verdict out[AUTH_VERDICTS_MAX];
	struct auth_facts f;
	size_t n;

	(void)unused;
	view(&v, AUTH_PTR);
	server(&v, "ns1.example.test.", "198.51.100.11", DNS_OK, true, 7,
	    "mail.example.test.");
	server(&v, "ns2.example.test.", "198.51.100.12", DNS_OK, true, 7,
	    "mail.example.test.");
	n = auth_judge(&v, "198.18.1.10", &pol, out, AUTH_VERDICTS_MAX);
	assert_int_equal(n, 3); /* the result and one detail per server */
	assert_int_equal(out[0].state, STATE_OK);
	assert_false(out[0].detail);
	assert_string_equal(out[0].text,
	    "198.18.1.10: the 2 authoritative servers of "
	    "1.18.198.in-addr.arpa. (2 addresses) agree: PTR "
	    "mail.example.test., serial 7");
	assert_true(out[1].detail);
	assert_string_equal(out[1].text,
	    "198.18.1.10: ns1.example.test. (198.51.100.11): PTR "
	    "mail.example.test., serial 7, AA, 0.0 ms");
	auth_judge_facts(&v, &f);
	assert_int_equal(f.servers, 2);
	assert_int_equal(f.lame, 0);
	assert_int_equal(f.outdated, 0);
}

static void
test_auth_stale(void **unused)
{
	struct auth_view v;
	struct verdict out[AUTH_VERDICTS_MAX];
	struct auth_facts f;

	(void)unused;
	view(&v, AUTH_PTR);
	/* The older copy first: the newest serial is the reference. */
	server(&v, "ns2.example.test.", "198.51.100.12", DNS_OK, true,
	    2024010101u, "old.example.test.");
	server(&v, "ns1.example.test.", "198.51.100.11", DNS_OK, true,
	    2026060101u, "mail2.example.test.");
	assert_int_equal(auth_judge(&v, "198.18.1.10", &pol, out, 1), 1);
	assert_int_equal(out[0].state, STATE_CRITICAL);
	assert_int_equal(out[0].piece, PIECE_PTR);
	assert_int_equal(out[0].fixer, FIXER_ZONE_HOLDER);
	assert_string_equal(out[0].text,
	    "198.18.1.10: ns2.example.test. (198.51.100.12) still serves "
	    "the old PTR old.example.test., serial 2024010101 vs 2026060101 "
	    "on ns1.example.test. (198.51.100.11): mail2.example.test.; the "
	    "change is half-propagated");
	auth_judge_facts(&v, &f);
	assert_int_equal(f.outdated, 1);
}

static void
test_auth_serial_wrap(void **unused)
{
	struct auth_view v;
	struct verdict out[AUTH_VERDICTS_MAX];

	(void)unused;
	/* RFC 1982: 5 is newer than 4294967290 (the serial wrapped). */
	view(&v, AUTH_ADDR);
	server(&v, "ns1.example.test.", "198.51.100.11", DNS_OK, true, 5,
	    "203.0.113.11");
	server(&v, "ns2.example.test.", "198.51.100.12", DNS_OK, true,
	    4294967290u, "203.0.113.11");
	assert_int_equal(auth_judge(&v, "mail4.fwd.test.", &pol, out, 1), 1);
	assert_int_equal(out[0].piece, PIECE_FORWARD);
	assert_string_equal(out[0].text,
	    "mail4.fwd.test.: ns2.example.test. (198.51.100.12) is at serial "
	    "4294967290, ns1.example.test. (198.51.100.11) at 5 (the same "
	    "address 203.0.113.11): a zone transfer of "
	    "1.18.198.in-addr.arpa. is behind");
}

static void
test_auth_same_serial_differs(void **unused)
{
	struct auth_view v;
	struct verdict out[AUTH_VERDICTS_MAX];

	(void)unused;
	view(&v, AUTH_PTR);
	server(&v, "ns1.example.test.", "198.51.100.11", DNS_OK, true, 9,
	    "a.example.test.");
	server(&v, "ns2.example.test.", "198.51.100.12", DNS_NXDOMAIN, true, 9,
	    "NXDOMAIN");
	assert_int_equal(auth_judge(&v, "198.18.1.10", &pol, out, 1), 1);
	assert_int_equal(out[0].state, STATE_CRITICAL);
	assert_string_equal(out[0].text,
	    "198.18.1.10: the servers of 1.18.198.in-addr.arpa. differ: "
	    "ns2.example.test. (198.51.100.12) serves PTR NXDOMAIN, serial "
	    "9, ns1.example.test. (198.51.100.11) serves a.example.test., "
	    "serial 9");
}

static void
test_auth_lame(void **unused)
{
	struct auth_view v;
	struct verdict out[AUTH_VERDICTS_MAX];
	struct auth_facts f;
	size_t n;

	(void)unused;
	view(&v, AUTH_PTR);
	server(&v, "ns1.example.test.", "198.51.100.11", DNS_OK, true, 3,
	    "mail3.example.test.");
	server(&v, "ns3.example.test.", "198.51.100.13", DNS_REFUSED, false, 0,
	    "");
	/* A referral (no AA) is lame too; an unreachable family is not. */
	server(&v, "ns4.example.test.", "198.51.100.14", DNS_NODATA, false, 0,
	    "no data");
	server(&v, "ns5.example.test.", "2001:db8::5", DNS_ERROR, false, 0, "");
	v.srv[3].unreachable = true;
	n = auth_judge(&v, "198.18.2.10", &pol, out, AUTH_VERDICTS_MAX);
	assert_int_equal(n, 5);
	assert_int_equal(out[0].state, STATE_WARNING);
	assert_string_equal(out[0].text,
	    "198.18.2.10: ns3.example.test. (198.51.100.13, REFUSED), "
	    "ns4.example.test. (198.51.100.14, answers without AA) are lame "
	    "for 1.18.198.in-addr.arpa.: the delegation names servers that "
	    "do not serve the zone");
	assert_string_equal(out[4].text,
	    "198.18.2.10: ns5.example.test. (2001:db8::5): error from "
	    "2001:db8::5#53 (not reachable from here)");
	auth_judge_facts(&v, &f);
	assert_int_equal(f.servers, 3);
	assert_int_equal(f.lame, 2);
}

static void
test_auth_no_zone(void **unused)
{
	struct auth_view v;
	struct verdict out[AUTH_VERDICTS_MAX];

	(void)unused;
	memset(&v, 0, sizeof(v));
	snprintf(v.error, sizeof(v.error),
	    "no zone found for x. (timeout: no answer)");
	assert_int_equal(auth_judge(&v, "198.18.9.9", &pol, out, 4), 1);
	assert_int_equal(out[0].state, STATE_UNKNOWN);
	assert_true(out[0].unsure);
	assert_string_equal(out[0].text,
	    "198.18.9.9: could not tell what the authoritative servers say: "
	    "no zone found for x. (timeout: no answer)");
	/* max 0: nothing written. */
	assert_int_equal(auth_judge(&v, "198.18.9.9", &pol, out, 0), 0);
}

static void
test_auth_cache(void **unused)
{
	struct auth_view v;
	struct verdict out;
	struct dns_record rr[1];
	char data[] = "mail.example.test.";
	struct dns_answer a;

	(void)unused;
	view(&v, AUTH_PTR);
	server(&v, "ns1.example.test.", "198.51.100.11", DNS_OK, true, 8,
	    "mx-new.example.test.");
	server(&v, "ns2.example.test.", "198.51.100.12", DNS_OK, true, 8,
	    "mx-new.example.test.");
	memset(&a, 0, sizeof(a));
	memset(rr, 0, sizeof(rr));
	rr[0].type = DNS_T_PTR;
	rr[0].ttl = 3417;
	rr[0].data = data;
	a.status = DNS_OK;
	a.rr = rr;
	a.nrr = 1;
	snprintf(a.server, sizeof(a.server), "127.0.0.1#53");
	assert_true(auth_judge_cache(&v, "203.0.113.10", &a, &out));
	assert_int_equal(out.state, STATE_OK);
	assert_string_equal(out.text,
	    "203.0.113.10: fixed at the source (PTR mx-new.example.test., "
	    "serial 8); the resolver (127.0.0.1#53) still has "
	    "mail.example.test. cached: receivers may see the old answer "
	    "for up to 3417 s more");
	/* The resolver has what the servers have: nothing to say. */
	snprintf(data, sizeof(data), "mx-new.example.tes");
	snprintf(v.srv[0].data, sizeof(v.srv[0].data), "%s", data);
	snprintf(v.srv[1].data, sizeof(v.srv[1].data), "%s", data);
	assert_false(auth_judge_cache(&v, "203.0.113.10", &a, &out));
	/* Servers that disagree among themselves: said by auth_judge. */
	snprintf(v.srv[1].data, sizeof(v.srv[1].data), "other.");
	assert_false(auth_judge_cache(&v, "203.0.113.10", &a, &out));
	/* A cached NXDOMAIN: its negative TTL left. */
	snprintf(v.srv[1].data, sizeof(v.srv[1].data), "%s", data);
	memset(&a, 0, sizeof(a));
	a.status = DNS_NXDOMAIN;
	a.have_soa = true;
	a.soa_ttl = 120;
	a.soa_minimum = 900;
	assert_true(auth_judge_cache(&v, "203.0.113.10", &a, &out));
	assert_non_null(strstr(out.text, "the resolver (?) still has NXDOMAIN "
	                                 "cached: receivers may see the old "
	                                 "answer for up to 120 s more"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_auth_agree),
	    cmocka_unit_test(test_auth_stale),
	    cmocka_unit_test(test_auth_serial_wrap),
	    cmocka_unit_test(test_auth_same_serial_differs),
	    cmocka_unit_test(test_auth_lame),
	    cmocka_unit_test(test_auth_no_zone),
	    cmocka_unit_test(test_auth_cache),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
