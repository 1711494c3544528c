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

#include "dnssec.h"

/* dnssec: AD, no AD, and SERVFAIL told apart by the CD retry. */

static void
answer(struct dns_answer *a, enum dns_status st, bool ad)
{
	memset(a, 0, sizeof(*a));
	a->status = st;
	a->ad = ad;
	snprintf(a->server, sizeof(a->server), "127.0.0.1#53");
}

static void
test_dnssec_classify(void **unused)
{
	struct dns_answer a;
	struct dns_answer cd;

	(void)unused;
	answer(&a, DNS_OK, true);
	assert_int_equal(dnssec_classify(&a, NULL), DNSSEC_SECURE);
	answer(&a, DNS_NXDOMAIN, true); /* a proven NXDOMAIN is secure */
	assert_int_equal(dnssec_classify(&a, NULL), DNSSEC_SECURE);
	answer(&a, DNS_OK, false);
	assert_int_equal(dnssec_classify(&a, NULL), DNSSEC_INSECURE);
	answer(&a, DNS_SERVFAIL, false);
	assert_int_equal(dnssec_classify(&a, NULL), DNSSEC_UNKNOWN);
	answer(&cd, DNS_OK, false);
	assert_int_equal(dnssec_classify(&a, &cd), DNSSEC_BOGUS);
	answer(&cd, DNS_SERVFAIL, false); /* CD did not help: no finding */
	assert_int_equal(dnssec_classify(&a, &cd), DNSSEC_UNKNOWN);
	answer(&cd, DNS_TIMEOUT, false);
	assert_int_equal(dnssec_classify(&a, &cd), DNSSEC_UNKNOWN);
	answer(&a, DNS_TIMEOUT, false); /* only SERVFAIL can be bogus */
	answer(&cd, DNS_OK, false);
	assert_int_equal(dnssec_classify(&a, &cd), DNSSEC_UNKNOWN);
	assert_string_equal(dnssec_status_str(DNSSEC_BOGUS), "bogus");
}

static void
test_dnssec_judge(void **unused)
{
	struct dnssec_policy p = {false, STATE_CRITICAL, STATE_CRITICAL};
	struct dns_answer a;
	struct dns_answer cd;
	struct dns_record rr;
	char name[] = "bogus.example.test.";
	struct verdict v;

	(void)unused;
	answer(&a, DNS_OK, false);
	assert_true(dnssec_judge("198.18.5.10", "PTR", &a, NULL, &p, &v));
	assert_int_equal(v.state, STATE_OK);
	assert_string_equal(v.text,
	    "198.18.5.10: the PTR answer is not DNSSEC-validated (insecure: "
	    "no AD from 127.0.0.1#53)");
	p.require_secure = true;
	assert_true(dnssec_judge("198.18.5.10", "PTR", &a, NULL, &p, &v));
	assert_int_equal(v.state, STATE_CRITICAL);
	assert_int_equal(v.piece, PIECE_PTR);
	a.ad = true;
	assert_true(dnssec_judge("198.18.5.10", "PTR", &a, NULL, &p, &v));
	assert_int_equal(v.state, STATE_OK);
	assert_string_equal(v.text,
	    "198.18.5.10: the PTR answer is DNSSEC-validated (secure: AD "
	    "from 127.0.0.1#53)");

	answer(&a, DNS_SERVFAIL, false);
	answer(&cd, DNS_OK, false);
	memset(&rr, 0, sizeof(rr));
	rr.type = DNS_T_PTR;
	rr.data = name;
	cd.rr = &rr;
	cd.nrr = 1;
	assert_true(dnssec_judge("198.18.4.10", "PTR", &a, &cd, &p, &v));
	assert_int_equal(v.state, STATE_CRITICAL);
	assert_int_equal(v.fixer, FIXER_ZONE_HOLDER);
	assert_string_equal(v.text,
	    "198.18.4.10: the PTR answer fails DNSSEC validation (bogus): "
	    "127.0.0.1#53 says SERVFAIL, with checking disabled "
	    "bogus.example.test.: validating receivers see no PTR; the "
	    "signatures of the zone (or its DS at the parent) must be fixed");
	/* A plain SERVFAIL: nothing said here (the PTR judge says it). */
	answer(&cd, DNS_SERVFAIL, false);
	v.text[0] = '\0';
	assert_false(dnssec_judge("198.18.3.10", "PTR", &a, &cd, &p, &v));
	assert_string_equal(v.text, "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_dnssec_classify),
	    cmocka_unit_test(test_dnssec_judge),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
