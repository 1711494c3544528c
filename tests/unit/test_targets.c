/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <cmocka.h>

#include "clock.h"
#include "dns.h"
#include "hosts.h"
#include "opts.h"
#include "output.h"

/*
 * Unit tests of lib/hosts: literals, families, duplicates, limits, bad
 * values, and a name whose DNS server refuses (could not tell). Names that
 * resolve are covered by the integration tests against the lab's nsd.
 */

struct fixture {
	struct opts_common c;
	struct dns_resolver r;
	struct output out;
	struct hosts h;
};

static void
setup(struct fixture *f, int family)
{
	const char *srv[1] = {"127.0.0.1"};
	char err[256];

	opts_init(&f->c);
	f->c.family = family;
	/* Port 9 (discard) has no DNS server: refused at once. */
	assert_int_equal(dns_resolver_init(&f->r, srv, 1, 9, false, NULL, err,
	                     sizeof(err)),
	    0);
	output_init(&f->out, "TEST");
}

static char *
run(struct fixture *f, size_t max, const char *const *hosts, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		f->c.hosts[i] = hosts[i];
	}
	f->c.nhosts = n;
	hosts_collect(&f->h, max, &f->c, &f->r, clock_now() + 2, &f->out);
	return output_render(&f->out);
}

static void
test_hosts_literals(void **unused)
{
	static const char *const in[] = {"198.51.100.10", "2001:DB8::10",
	    "::ffff:198.51.100.10", "198.51.100.11"};
	struct fixture f;
	char *s;

	(void)unused;
	setup(&f, AF_UNSPEC);
	s = run(&f, 16, in, 4);
	assert_int_equal(f.h.n, 3); /* the mapped one is a duplicate */
	assert_int_equal(f.h.addr[1].family, AF_INET6);
	assert_int_equal(f.out.state, STATE_OK);
	assert_true(f.h.dns_time == 0.0); /* no lookup needed */
	free(s);
	output_release(&f.out);
}

static void
test_hosts_family_and_bad_values(void **unused)
{
	static const char *const in[] = {"198.51.100.10", "2001:db8::10",
	    "no|such host", "010.1.1.1", "a..b"};
	struct fixture f;
	char *s;

	(void)unused;
	setup(&f, AF_INET6);
	s = run(&f, 16, in, 5);
	assert_int_equal(f.h.n, 1);
	assert_int_equal(f.out.state, STATE_UNKNOWN);
	assert_non_null(strstr(s, "198.51.100.10 is not an IPv6 address"));
	assert_non_null(strstr(s, "'no\\124such host' is neither an address "
	                          "nor a host name"));
	assert_non_null(strstr(s, "'010.1.1.1' is neither"));
	assert_non_null(strstr(s, "'a..b' is neither"));
	free(s);
	output_release(&f.out);
}

static void
test_hosts_limit(void **unused)
{
	static const char *const in[] = {"198.51.100.1", "198.51.100.2",
	    "198.51.100.3"};
	struct fixture f;
	char *s;

	(void)unused;
	setup(&f, AF_UNSPEC);
	s = run(&f, 2, in, 3);
	assert_int_equal(f.h.n, 2);
	assert_non_null(strstr(s, "too many addresses (at most 2)"));
	free(s);
	output_release(&f.out);
}

static void
test_hosts_name_could_not_tell(void **unused)
{
	static const char *const in[] = {"mail.example.test"};
	struct fixture f;
	char *s;

	(void)unused;
	setup(&f, AF_UNSPEC);
	f.c.timeout_state = STATE_WARNING;
	s = run(&f, 16, in, 1);
	assert_int_equal(f.h.n, 0);
	assert_int_equal(f.out.state, STATE_WARNING);
	assert_non_null(strstr(s, "could not tell the addresses of "
	                          "mail.example.test.: 127.0.0.1#9: "
	                          "connection refused"));
	free(s);
	output_release(&f.out);
}

static void
test_hosts_judge_table(void **unused)
{
	static const struct {
		enum dns_status s4, s6; /* DNS_ERROR + 1: not asked */
		size_t found;
		int family;
		enum state want;
		const char *text;
	} cases[] = {
	    {DNS_OK, DNS_OK, 2, AF_UNSPEC, STATE_OK, ""},
	    {DNS_OK, DNS_NODATA, 1, AF_UNSPEC, STATE_OK, ""},
	    {DNS_NXDOMAIN, DNS_NXDOMAIN, 0, AF_UNSPEC, STATE_CRITICAL,
	        "h.test. does not exist (NXDOMAIN)"},
	    {DNS_NODATA, DNS_NXDOMAIN, 0, AF_UNSPEC, STATE_CRITICAL,
	        "h.test. has no A or AAAA record"},
	    {DNS_NODATA, DNS_ERROR + 1, 0, AF_INET, STATE_CRITICAL,
	        "h.test. has no A record"},
	    {DNS_ERROR + 1, DNS_NODATA, 0, AF_INET6, STATE_CRITICAL,
	        "h.test. has no AAAA record"},
	    /* One family answered, the other could not tell: not a pass. */
	    {DNS_OK, DNS_TIMEOUT, 1, AF_UNSPEC, STATE_WARNING,
	        "could not tell the addresses of h.test.: why"},
	    {DNS_SERVFAIL, DNS_NXDOMAIN, 0, AF_UNSPEC, STATE_WARNING,
	        "could not tell the addresses of h.test.: why"},
	};
	struct dns_answer a4;
	struct dns_answer a6;
	char text[512];
	size_t i;

	(void)unused;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memset(&a4, 0, sizeof(a4));
		memset(&a6, 0, sizeof(a6));
		snprintf(a4.qname, sizeof(a4.qname), "%s", "h.test.");
		snprintf(a6.qname, sizeof(a6.qname), "%s", "h.test.");
		snprintf(a4.error, sizeof(a4.error), "%s", "why");
		snprintf(a6.error, sizeof(a6.error), "%s", "why");
		a4.status = cases[i].s4;
		a6.status = cases[i].s6;
		assert_int_equal(hosts_judge(cases[i].s4 <= DNS_ERROR ? &a4
		                                                      : NULL,
		                     cases[i].s6 <= DNS_ERROR ? &a6 : NULL,
		                     cases[i].found, cases[i].family,
		                     STATE_WARNING, text, sizeof(text)),
		    cases[i].want);
		assert_string_equal(text, cases[i].text);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_hosts_literals),
	    cmocka_unit_test(test_hosts_family_and_bad_values),
	    cmocka_unit_test(test_hosts_limit),
	    cmocka_unit_test(test_hosts_name_could_not_tell),
	    cmocka_unit_test(test_hosts_judge_table),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
