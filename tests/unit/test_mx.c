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

#include "mx.h"

/*
 * Tests of lib/mx: the MX set of a domain from built answers: hosts by
 * preference, implicit MX, null MX alone and beside others, an address or
 * an invalid name as MX, could not tell, NXDOMAIN, an alias MX host.
 */

struct mx_rec {
	unsigned pref;
	const char *name;
};

struct mx_case {
	const char *what;
	enum dns_status status;
	struct mx_rec rec[4]; /* name NULL ends */
	enum mx_kind kind;
	const char *hosts; /* "pref name," of the usable hosts in order */
	size_t listed;
	const char *notes; /* "STATE text|" of each note in order */
};

static const struct mx_case cases[] = {
    {"by preference, ties in answer order", DNS_OK,
        {{20, "b.example.test."}, {10, "a.example.test."},
            {20, "c.example.test."}, {0, NULL}},
        MX_LIST, "10 a.example.test.,20 b.example.test.,20 c.example.test.,", 3,
        ""},
    {"implicit MX", DNS_NODATA, {{0, NULL}}, MX_IMPLICIT, "0 example.test.,", 0,
        "detail example.test. has no MX record: mail goes to its own "
        "addresses (implicit MX, RFC 5321 5.1)|"},
    {"null MX alone", DNS_OK, {{0, "."}, {0, NULL}}, MX_LIST, "", 0,
        "OK example.test. has a null MX (RFC 7505): it accepts no mail, no MX "
        "host to check|"},
    {"null MX beside others", DNS_OK,
        {{0, "."}, {10, "a.example.test."}, {0, NULL}}, MX_LIST,
        "10 a.example.test.,", 1,
        "WARNING example.test. has a null MX beside other MX records: RFC "
        "7505 3 allows it only alone, remove one or the other|"},
    {"an address and a bad name", DNS_OK,
        {{10, "198.51.100.10."}, {20, "bad_mx.example.test."},
            {30, "ok.example.test."}, {0, NULL}},
        MX_LIST, "30 ok.example.test.,", 3,
        "CRITICAL example.test. MX 10 198.51.100.10. is an address, not a "
        "host name (RFC 5321 5.1): senders look it up as a name and fail, "
        "point the MX at a host name|CRITICAL example.test. MX 20 "
        "bad_mx.example.test. is not a valid host name (character other "
        "than letter, digit or hyphen)|"},
    {"could not tell", DNS_TIMEOUT, {{0, NULL}}, MX_UNSURE, "", 0,
        "UNKNOWN example.test.: could not tell its MX records, why|"},
    {"NXDOMAIN", DNS_NXDOMAIN, {{0, NULL}}, MX_NXDOMAIN, "", 0,
        "CRITICAL example.test. does not exist (NXDOMAIN)|"},
};

static void
test_mx_judge_table(void **unused)
{
	static struct dns_record rr[4];
	static char data_buf[4][RDNS_NAME_TEXT_MAX];
	struct dns_answer a;
	struct mx_set m;
	char got[2048];
	char notes[4096];
	size_t used;
	size_t i;
	size_t j;

	(void)unused;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct mx_case *c = &cases[i];

		memset(&a, 0, sizeof(a));
		a.status = c->status;
		snprintf(a.error, sizeof(a.error), "why");
		for (j = 0; c->rec[j].name != NULL; j++) {
			memset(&rr[j], 0, sizeof(rr[j]));
			rr[j].pref = (uint16_t)c->rec[j].pref;
			rr[j].data = data_buf[j];
			snprintf(data_buf[j], sizeof(data_buf[j]), "%s",
			    c->rec[j].name);
		}
		a.rr = rr;
		a.nrr = j;
		assert_int_equal(mx_judge("example.test.", &a, STATE_UNKNOWN,
		                     &m),
		    0);
		used = 0;
		got[0] = '\0';
		for (j = 0; j < m.nhosts; j++) {
			used += (size_t)snprintf(got + used, sizeof(got) - used,
			    "%u %s,", m.hosts[j].pref, m.hosts[j].name);
		}
		used = 0;
		notes[0] = '\0';
		for (j = 0; j < m.nnotes; j++) {
			used += (size_t)snprintf(notes + used,
			    sizeof(notes) - used, "%s %s|",
			    m.notes[j].detail ? "detail"
			                      : state_name(m.notes[j].state),
			    m.notes[j].text);
		}
		if (m.kind != c->kind || m.listed != c->listed ||
		    strcmp(got, c->hosts) != 0 ||
		    strcmp(notes, c->notes) != 0) {
			print_error("%s:\n  got  %d %zu '%s' '%s'\n  want %d "
			            "%zu "
			            "'%s' '%s'\n",
			    c->what, m.kind, m.listed, got, notes, c->kind,
			    c->listed, c->hosts, c->notes);
			fail();
		}
		mx_set_release(&m);
		assert_null(m.hosts);
	}
}

static void
test_mx_alias_and_prefix(void **unused)
{
	char name[] = "www.example.test.";
	struct mx_host h = {name, 10};
	struct dns_answer a4;
	struct verdict v;
	char buf[256];

	(void)unused;
	memset(&a4, 0, sizeof(a4));
	assert_false(mx_judge_alias("example.test.", &h, &a4, NULL, &v));
	a4.cname_hops = 1;
	snprintf(a4.name, sizeof(a4.name), "web.example.test.");
	assert_true(mx_judge_alias("example.test.", &h, NULL, &a4, &v));
	assert_int_equal(v.state, STATE_WARNING);
	assert_int_equal(v.piece, PIECE_MX);
	assert_string_equal(v.text,
	    "example.test. MX 10 www.example.test. is an alias (CNAME to "
	    "web.example.test.): RFC 2181 10.3 and RFC 5321 5.1 forbid it, "
	    "point the MX at web.example.test.");
	mx_host_prefix("example.test.", &h, false, buf, sizeof(buf));
	assert_string_equal(buf, "example.test. MX 10: ");
	mx_host_prefix("example.test.", &h, true, buf, sizeof(buf));
	assert_string_equal(buf,
	    "example.test. has no MX (implicit MX, RFC 5321 5.1), and ");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_mx_judge_table),
	    cmocka_unit_test(test_mx_alias_and_prefix),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
