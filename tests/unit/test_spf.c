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

#include "domain.h"
#include "spf.h"

/*
 * Tests of lib/spf's pure parts (record selection, the term parser, the
 * macros of RFC 7208 7) and the registrable domains it is given.
 * The walk over DNS is tested against the lab's nsd
 * (tests/integration/spf.sh).
 */

static void
test_select(void **unused)
{
	const char *none[] = {"hello", "v=spf10 -all", "v=spf1x"};
	const char *one[] = {"google-site-verification=x", "V=SPF1 -all"};
	const char *bare[] = {"v=spf1"};
	const char *two[] = {"v=spf1 -all", "x", "v=spf1 ip4:198.51.100.1"};

	(void)unused;
	assert_int_equal(spf_select(none, 3), -1);
	assert_int_equal(spf_select(one, 2), 1);
	assert_int_equal(spf_select(bare, 1), 0);
	assert_int_equal(spf_select(two, 3), -2);
	assert_int_equal(spf_select(NULL, 0), -1);
}

static void
test_parse_terms(void **unused)
{
	struct spf_record r;
	char err[SPF_ERR_MAX];
	char a[RDNS_ADDR_TEXT_MAX];

	(void)unused;
	assert_int_equal(
	    spf_parse("v=spf1  +ip4:198.51.100.7/24 ip6:2001:db8::1/64 "
	              "a a:web.example.test/28//64 mx//120 -ptr "
	              "include:_spf.example.test ?exists:%{i}.x.example.test "
	              "~all redirect=_r.example.test exp=e.example.test "
	              "foo=bar ",
	        &r, err, sizeof(err)),
	    0);
	assert_int_equal(r.n, 12);
	assert_int_equal(r.terms[0].kind, SPF_IP4);
	assert_int_equal(r.terms[0].qual, '+');
	/* the network is masked to its length */
	assert_int_equal(r.terms[0].prefix.bits, 24);
	assert_int_equal(rdns_addr_format(&r.terms[0].prefix.base, a,
	                     sizeof(a)),
	    0);
	assert_string_equal(a, "198.51.100.0");
	assert_int_equal(r.terms[1].kind, SPF_IP6);
	assert_int_equal(r.terms[1].prefix.bits, 64);
	assert_int_equal(r.terms[2].kind, SPF_A);
	assert_string_equal(r.terms[2].spec, "");
	assert_int_equal(r.terms[2].cidr4, -1);
	assert_int_equal(r.terms[3].kind, SPF_A);
	assert_string_equal(r.terms[3].spec, "web.example.test");
	assert_int_equal(r.terms[3].cidr4, 28);
	assert_int_equal(r.terms[3].cidr6, 64);
	assert_int_equal(r.terms[4].kind, SPF_MX);
	assert_int_equal(r.terms[4].cidr4, -1);
	assert_int_equal(r.terms[4].cidr6, 120);
	assert_int_equal(r.terms[5].kind, SPF_PTR);
	assert_int_equal(r.terms[5].qual, '-');
	assert_int_equal(r.terms[6].kind, SPF_INCLUDE);
	assert_string_equal(r.terms[6].spec, "_spf.example.test");
	assert_int_equal(r.terms[7].kind, SPF_EXISTS);
	assert_int_equal(r.terms[7].qual, '?');
	assert_int_equal(r.terms[8].kind, SPF_ALL);
	assert_int_equal(r.terms[8].qual, '~');
	assert_int_equal(r.terms[9].kind, SPF_REDIRECT);
	assert_int_equal(r.redirect, 9);
	assert_true(r.has_all);
	assert_int_equal(r.terms[10].kind, SPF_EXP);
	assert_int_equal(r.terms[11].kind, SPF_UNKNOWN);
	spf_record_release(&r);
}

/* Each record must fail to parse, with the reason containing want. */
static void
test_parse_errors(void **unused)
{
	static const struct {
		const char *rec;
		const char *want;
	} cases[] = {
	    {"v=spf1 ip4:198.51.100.300", "not an IPv4 network"},
	    {"v=spf1 ip4:2001:db8::1", "not an IPv4 network"},
	    {"v=spf1 ip6:198.51.100.1", "not an IPv6 network"},
	    {"v=spf1 ip4:198.51.100.0/33", "bad prefix length"},
	    {"v=spf1 ip4:198.51.100.0/024", "bad prefix length"},
	    {"v=spf1 a/33", "bad prefix length"},
	    {"v=spf1 mx//129", "bad prefix length"},
	    {"v=spf1 frobnicate:x.example.test", "unknown mechanism"},
	    {"v=spf1 include", "malformed term"},
	    {"v=spf1 include:", "empty domain"},
	    {"v=spf1 all:x", "malformed term"},
	    {"v=spf1 include:example", "does not end in a domain name"},
	    {"v=spf1 include:example.123", "does not end in a domain name"},
	    {"v=spf1 redirect=a.example.test redirect=b.example.test",
	        "redirect= given twice"},
	    {"v=spf1 exp=a.example.test exp=b.example.test",
	        "exp= given twice"},
	    {"v=spf1 -redirect=a.example.test", "bad modifier"},
	    {"v=spf1 exists:%{z}.example.test", "bad macro letter"},
	    {"v=spf1 exists:%{d.example.test", "unterminated or bad macro"},
	    {"v=spf1 exists:%x.example.test", "bad macro"},
	    {"v=spf1 exists:%{d0}.example.test", "keeps 0 labels"},
	    {"v=spf1 a:x\001y.example.test", "not printable ASCII"},
	    {"v=spf1 a:x\xc3\xa9.example.test", "not printable ASCII"},
	    {"v=spf2.0/pra -all", "not an SPF record"},
	};
	struct spf_record r;
	char err[SPF_ERR_MAX];
	size_t i;

	(void)unused;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		err[0] = '\0';
		if (spf_parse(cases[i].rec, &r, err, sizeof(err)) == 0) {
			fail_msg("'%s' parsed", cases[i].rec);
		}
		if (strstr(err, cases[i].want) == NULL) {
			fail_msg("'%s': '%s' lacks '%s'", cases[i].rec, err,
			    cases[i].want);
		}
		/* the reason is one printable line */
		for (const char *c = err; *c != '\0'; c++) {
			assert_true(*c >= 0x20 && *c < 0x7f && *c != '|');
		}
		spf_record_release(&r);
	}
}

static void
expect_expand(const char *spec, const char *want)
{
	struct spf_macro_ctx ctx = {"email.example.com", "mail.example.org"};
	char out[RDNS_NAME_TEXT_MAX];
	char err[SPF_ERR_MAX];
	char letter = 0;

	if (spf_macro_expand(spec, &ctx, out, sizeof(out), &letter, err,
	        sizeof(err)) != 0) {
		fail_msg("'%s' did not expand: %s", spec, err);
	}
	assert_string_equal(out, want);
}

/* RFC 7208 7.4's examples, with the letters known to a check. */
static void
test_macros(void **unused)
{
	struct spf_macro_ctx ctx = {"email.example.com", "mail.example.org"};
	char out[RDNS_NAME_TEXT_MAX];
	char err[SPF_ERR_MAX];
	char letter = 0;
	char longspec[600];

	(void)unused;
	expect_expand("%{d}", "email.example.com");
	expect_expand("%{d4}", "email.example.com");
	expect_expand("%{d3}", "email.example.com");
	expect_expand("%{d2}", "example.com");
	expect_expand("%{d1}", "com");
	expect_expand("%{dr}", "com.example.email");
	expect_expand("%{d2r}", "example.email");
	expect_expand("%{o}._spf.%{d2}", "mail.example.org._spf.example.com");
	expect_expand("%{o-}", "mail.example.org");
	expect_expand("_inc.%{o2}", "_inc.example.org");
	expect_expand("a%%b%_c%-d.example.test", "a%b c%20d.example.test");
	expect_expand("%{D}", "email.example.com");
	expect_expand("x.example.test", "x.example.test");

	/* letters that depend on the sender: not guessed */
	assert_int_equal(spf_macro_expand("%{i}._spf.%{d}", &ctx, out,
	                     sizeof(out), &letter, err, sizeof(err)),
	    1);
	assert_int_equal(letter, 'i');
	assert_int_equal(spf_macro_expand("%{l}.%{ir}.x.test", &ctx, out,
	                     sizeof(out), &letter, err, sizeof(err)),
	    1);
	assert_int_equal(letter, 'l');
	/* syntax errors win over unknown letters */
	assert_int_equal(spf_macro_expand("%{i}.%{q}.x.test", &ctx, out,
	                     sizeof(out), &letter, err, sizeof(err)),
	    -1);

	/* over 253 octets: labels go from the left (RFC 7208 7.3) */
	memset(longspec, 0, sizeof(longspec));
	for (size_t i = 0; i < 60; i++) {
		memcpy(longspec + 5 * i, "abcd.", 5);
	}
	strcat(longspec, "%{d}");
	assert_int_equal(spf_macro_expand(longspec, &ctx, out, sizeof(out),
	                     &letter, err, sizeof(err)),
	    0);
	assert_true(strlen(out) <= 253);
	assert_true(strlen(out) > 240);
	assert_string_equal(out + strlen(out) - 17, "email.example.com");
	assert_int_equal(out[0], 'a');
}

/* lib/domain, as spf_expand() is given it by check_fcrdns. */
static void
test_registrable(void **unused)
{
	char buf[RDNS_NAME_TEXT_MAX];

	(void)unused;
	assert_int_equal(domain_registrable("_spf.google.com", buf,
	                     sizeof(buf)),
	    0);
	assert_string_equal(buf, "google.com");
	assert_int_equal(domain_registrable("_spf.esp.test.", buf, sizeof(buf)),
	    0);
	assert_string_equal(buf, "esp.test");
	assert_int_equal(domain_registrable("co.uk", buf, sizeof(buf)), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_select),
	    cmocka_unit_test(test_parse_terms),
	    cmocka_unit_test(test_parse_errors),
	    cmocka_unit_test(test_macros),
	    cmocka_unit_test(test_registrable),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
