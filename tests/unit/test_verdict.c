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

#include "dns.h"
#include "verdict.h"
#include "zone.h"

/*
 * Tests of lib/verdict (the shared phrases and the tally of a run) and of
 * lib/zone's wording, which every plugin prints the same way.
 */

static void
test_verdict_no_ptr(void **unused)
{
	struct verdict v;

	(void)unused;
	verdict_no_ptr(&v, "mx.example.test.: ", "198.51.100.40", "NXDOMAIN",
	    "100.51.198.in-addr.arpa.", NULL);
	assert_int_equal(v.state, STATE_CRITICAL);
	assert_int_equal(v.piece, PIECE_PTR);
	assert_int_equal(v.fixer, FIXER_ZONE_HOLDER);
	assert_int_equal(v.tally, TALLY_FAILED);
	assert_string_equal(v.text,
	    "mx.example.test.: 198.51.100.40 has no PTR record (NXDOMAIN) "
	    "(reverse zone 100.51.198.in-addr.arpa., contact ?): the holder of "
	    "the address block must add one");
	verdict_no_ptr(&v, "", "2001:db8::41", "no data", NULL, "x.");
	assert_string_equal(v.text,
	    "2001:db8::41 has no PTR record (no data): the holder of the "
	    "address block must add one");
}

static void
test_verdict_tally(void **unused)
{
	static const struct {
		enum state st;
		enum verdict_tally t;
		const char *text;
	} rows[] = {
	    {STATE_OK, TALLY_CONFIRMED, "a ok"},
	    {STATE_WARNING, TALLY_PARTIAL, "b partly"},
	    {STATE_CRITICAL, TALLY_FAILED, "c failed"},
	    {STATE_CRITICAL, TALLY_FAILED, "d failed too"},
	    {STATE_UNKNOWN, TALLY_UNSURE, "e could not tell"},
	    {STATE_WARNING, TALLY_NONE, "f a finding of its own"},
	};
	struct verdict_tally_sum t;
	struct verdict v;
	size_t i;

	(void)unused;
	verdict_tally_init(&t);
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		verdict_set(&v, rows[i].st, PIECE_NONE, FIXER_NONE, "%s",
		    rows[i].text);
		v.tally = rows[i].t;
		verdict_tally_add(&t, &v);
	}
	assert_int_equal(t.results, 6);
	assert_int_equal(t.confirmed, 1);
	assert_int_equal(t.partial, 1);
	assert_int_equal(t.failed, 2);
	assert_int_equal(t.unsure, 1);
	assert_int_equal(t.worst, STATE_CRITICAL);
	/* The first text of the worst state, not a later one. */
	assert_string_equal(t.worst_text, "c failed");
}

static void
test_verdict_join_names(void **unused)
{
	struct dns_record rr[3];
	char names[3][32];
	struct dns_answer a;
	char buf[64];
	size_t i;

	(void)unused;
	memset(&a, 0, sizeof(a));
	memset(rr, 0, sizeof(rr));
	for (i = 0; i < 3; i++) {
		rr[i].data = names[i];
		snprintf(names[i], sizeof(names[i]), "name%zu.example.test.",
		    i);
	}
	a.rr = rr;
	a.nrr = 3;
	verdict_join_names(&a, buf, sizeof(buf));
	assert_string_equal(buf, "name0.example.test. (and 2 more)");
	a.nrr = 1;
	verdict_join_names(&a, buf, sizeof(buf));
	assert_string_equal(buf, "name0.example.test.");
}

static void
test_zone_lines(void **unused)
{
	struct zone_info z;
	char buf[512];

	(void)unused;
	memset(&z, 0, sizeof(z));
	snprintf(z.error, sizeof(z.error), "SERVFAIL");
	zone_line("198.51.100.10", "10.100.51.198.in-addr.arpa.", &z, buf,
	    sizeof(buf));
	assert_string_equal(buf, "198.51.100.10: could not find the reverse "
	                         "zone of 10.100.51.198.in-addr.arpa. "
	                         "(SERVFAIL)");
	z.found = true;
	snprintf(z.zone, sizeof(z.zone), "100.51.198.in-addr.arpa.");
	snprintf(z.mname, sizeof(z.mname), "ns1.example.test.");
	snprintf(z.rname, sizeof(z.rname), "hostmaster.example.test.");
	z.serial = 2026120401;
	zone_line("198.51.100.10", "x.", &z, buf, sizeof(buf));
	assert_string_equal(buf,
	    "198.51.100.10: PTR lives in zone 100.51.198.in-addr.arpa. (SOA "
	    "ns1.example.test. hostmaster.example.test. serial 2026120401, NS "
	    "unknown): changed by whoever holds that zone");
	zone_cname_line("203.0.113.65", "65.113.0.203.in-addr.arpa.",
	    "65.64/26.113.0.203.in-addr.arpa.", buf, sizeof(buf));
	assert_string_equal(buf,
	    "203.0.113.65: 65.113.0.203.in-addr.arpa. is a CNAME to "
	    "65.64/26.113.0.203.in-addr.arpa. (RFC 2317 classless delegation)");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_verdict_no_ptr),
	    cmocka_unit_test(test_verdict_tally),
	    cmocka_unit_test(test_verdict_join_names),
	    cmocka_unit_test(test_zone_lines),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
