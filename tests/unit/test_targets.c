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
#include "output.h"
#include "targets.h"

/*
 * Unit tests of lib/targets: literals, prefixes, families, duplicates,
 * limits, bad values, a name and a domain whose DNS server refuses (could
 * not tell), the judge of a name's answers and the prefix check. Names and
 * MX domains that resolve are covered by the integration tests against
 * the lab's nsd.
 */

struct fixture {
	struct targets_request req;
	struct dns_resolver r;
	struct output out;
	struct targets h;
};

static void
setup(struct fixture *f, int family)
{
	const char *srv[1] = {"127.0.0.1"};
	char err[256];

	memset(&f->req, 0, sizeof(f->req));
	f->req.family = family;
	f->req.timeout_state = STATE_CRITICAL;
	/* Port 9 (discard) has no DNS server: refused at once. */
	assert_int_equal(dns_resolver_init(&f->r, srv, 1, 9, false, NULL, err,
	                     sizeof(err)),
	    0);
	output_init(&f->out, "TEST");
}

/* Collect, and render the notes as a plugin would (details too). */
static char *
run(struct fixture *f, size_t max, const char *const *hosts, size_t n)
{
	size_t i;

	f->req.values = hosts;
	f->req.nvalues = n;
	f->req.max = max;
	assert_int_equal(targets_collect(&f->h, &f->req, &f->r,
	                     clock_now() + 2),
	    0);
	for (i = 0; i < f->h.nnotes; i++) {
		if (f->h.notes[i].detail) {
			output_detail(&f->out, "%s", f->h.notes[i].text);
		} else {
			output_result(&f->out, f->h.notes[i].state, "%s",
			    f->h.notes[i].text);
		}
	}
	return output_render(&f->out);
}

static void
done(struct fixture *f, char *s)
{
	free(s);
	output_release(&f->out);
	targets_release(&f->h);
}

static void
test_targets_literals(void **unused)
{
	static const char *const in[] = {"198.51.100.10", "2001:DB8::10",
	    "::ffff:198.51.100.10", "198.51.100.11"};
	struct fixture f;
	char *s;

	(void)unused;
	setup(&f, AF_UNSPEC);
	s = run(&f, 16, in, 4);
	assert_int_equal(f.h.n, 3); /* the mapped one is a duplicate */
	assert_int_equal(f.h.t[1].addr.family, AF_INET6);
	assert_int_equal(f.out.state, STATE_OK);
	assert_true(f.h.dns_time == 0.0); /* no lookup needed */
	assert_int_equal(f.h.t[0].origin, -1);
	assert_non_null(strstr(s, "::ffff:198.51.100.10 is IPv4-mapped"));
	done(&f, s);
}

static void
test_targets_family_and_bad_values(void **unused)
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
	done(&f, s);
}

static void
test_targets_limit(void **unused)
{
	static const char *const in[] = {"198.51.100.1", "198.51.100.2",
	    "198.51.100.3"};
	struct fixture f;
	char *s;

	(void)unused;
	setup(&f, AF_UNSPEC);
	s = run(&f, 2, in, 3);
	assert_int_equal(f.h.n, 2);
	assert_true(f.h.too_many);
	assert_non_null(strstr(s, "more than 2 addresses: only the first 2 "
	                          "are checked"));
	done(&f, s);
}

static void
test_targets_name_could_not_tell(void **unused)
{
	static const char *const in[] = {"mail.example.test"};
	struct fixture f;
	char *s;

	(void)unused;
	setup(&f, AF_UNSPEC);
	f.req.timeout_state = STATE_WARNING;
	s = run(&f, 16, in, 1);
	assert_int_equal(f.h.n, 0);
	assert_int_equal(f.out.state, STATE_WARNING);
	assert_non_null(strstr(s, "could not tell the addresses of "
	                          "mail.example.test.: 127.0.0.1#9: "
	                          "connection refused"));
	assert_int_equal(f.h.norigins, 1);
	assert_int_equal(f.h.origins[0].kind, ORIGIN_HOST);
	done(&f, s);
}

static void
test_targets_judge_table(void **unused)
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
	struct verdict v;
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
		targets_judge_name(cases[i].s4 <= DNS_ERROR ? &a4 : NULL,
		    cases[i].s6 <= DNS_ERROR ? &a6 : NULL, cases[i].found,
		    cases[i].family, STATE_WARNING, "", &v);
		assert_int_equal(v.state, cases[i].want);
		assert_string_equal(v.text, cases[i].text);
		assert_int_equal(v.unsure, cases[i].want == STATE_WARNING);
	}
}

/* Duplicates do not count toward the cap (issue 19: distinct addresses). */
static void
test_targets_distinct_cap(void **unused)
{
	static const char *const in[] = {"198.51.100.1", "198.51.100.1",
	    "::ffff:198.51.100.1", "198.51.100.2"};
	struct fixture f;
	char *s;

	(void)unused;
	setup(&f, AF_UNSPEC);
	s = run(&f, 2, in, 4);
	assert_int_equal(f.h.n, 2);
	assert_false(f.h.too_many);
	assert_int_equal(f.out.state, STATE_OK);
	done(&f, s);
}

/* A prefix gives each of its addresses once; the cap holds. */
static void
test_targets_prefixes(void **unused)
{
	static const char *const in[] = {"198.51.100.0/30", "198.51.100.2",
	    "2001:db8::/126", "198.51.100.0/24"};
	struct fixture f;
	char *s;

	(void)unused;
	setup(&f, AF_UNSPEC);
	f.req.prefixes = true;
	s = run(&f, 10, in, 4);
	assert_int_equal(f.h.n, 10);
	assert_true(f.h.too_many);
	assert_int_equal(f.h.t[4].addr.family, AF_INET6);
	assert_non_null(strstr(s, "more than 10 addresses"));
	done(&f, s);

	setup(&f, AF_INET6);
	f.req.prefixes = true;
	s = run(&f, 10, in, 1);
	assert_int_equal(f.h.n, 0);
	assert_non_null(strstr(s, "198.51.100.0/30 is not an IPv6 prefix"));
	done(&f, s);

	/* Without prefixes a prefix gets a hint to check_fcrdns. */
	setup(&f, AF_UNSPEC);
	s = run(&f, 10, in, 1);
	assert_non_null(strstr(s, "198.51.100.0/30 is a range of addresses: "
	                          "this check takes addresses and names, "
	                          "check_fcrdns -H 198.51.100.0/30 checks"));
	done(&f, s);
}

/* An MX domain whose server refuses: could not tell, nothing collected. */
static void
test_targets_domain_could_not_tell(void **unused)
{
	static const char *const dom[] = {"example.test"};
	struct fixture f;
	char *s;

	(void)unused;
	setup(&f, AF_UNSPEC);
	f.req.domains = dom;
	f.req.ndomains = 1;
	s = run(&f, 16, NULL, 0);
	assert_int_equal(f.h.n, 0);
	assert_int_equal(f.out.state, STATE_CRITICAL);
	assert_non_null(strstr(s, "example.test.: could not tell its MX "
	                          "records, 127.0.0.1#9: connection refused"));
	done(&f, s);
}

static void
test_targets_check_prefixes(void **unused)
{
	static const char *const ok[] = {"198.51.100.0/24", "mail.test",
	    "2001:db8::/120"};
	static const char *const big[] = {"10.0.0.0/8"};
	static const char *const sum[] = {"198.51.100.0/24", "203.0.113.0/24"};
	static const char *const bad[] = {"198.51.100.1/24"};
	char err[256];

	(void)unused;
	assert_int_equal(targets_check_prefixes(ok, 3, 512, err, sizeof(err)),
	    0);
	assert_int_equal(targets_check_prefixes(big, 1, 65536, err,
	                     sizeof(err)),
	    -1);
	assert_string_equal(err, "10.0.0.0/8 has 2^24 addresses, at most "
	                         "65536 per run: split it into smaller "
	                         "prefixes");
	assert_int_equal(targets_check_prefixes(sum, 2, 300, err, sizeof(err)),
	    -1);
	assert_string_equal(err, "the prefixes have 512 addresses in all, at "
	                         "most 300 per run: split them over several "
	                         "checks");
	assert_int_equal(targets_check_prefixes(bad, 1, 300, err, sizeof(err)),
	    -1);
	assert_non_null(strstr(err, "invalid prefix '198.51.100.1/24'"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_targets_literals),
	    cmocka_unit_test(test_targets_family_and_bad_values),
	    cmocka_unit_test(test_targets_limit),
	    cmocka_unit_test(test_targets_name_could_not_tell),
	    cmocka_unit_test(test_targets_judge_table),
	    cmocka_unit_test(test_targets_distinct_cap),
	    cmocka_unit_test(test_targets_prefixes),
	    cmocka_unit_test(test_targets_domain_could_not_tell),
	    cmocka_unit_test(test_targets_check_prefixes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
