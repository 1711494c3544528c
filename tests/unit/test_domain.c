/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "domain.h"

/*
 * Tests of lib/domain: registrable domains and public suffixes from the
 * Public Suffix List, with names from real registries (the hand-made
 * "two-letter TLD, short name" guess got web.de and gmx.de wrong).
 */

static void
test_domain_registrable(void **unused)
{
	static const struct {
		const char *name;
		const char *want; /* NULL: none */
	} rows[] = {
	    {"mx01.web.de", "web.de"},
	    {"mout.gmx.de.", "gmx.de"},
	    {"proxy02.posteo.de", "posteo.de"},
	    {"mail.example.co.uk", "example.co.uk"},
	    {"smtp.example.com.au", "example.com.au"},
	    {"MX.Example.COM", "example.com"},
	    {"a.b.c.d.example.ne.jp", "example.ne.jp"},
	    {"host.example.test", "example.test"},
	    {"co.uk", NULL},
	    {"de", NULL},
	    {"", NULL},
	};
	char out[256];
	size_t i;

	(void)unused;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		int rc = domain_registrable(rows[i].name, out, sizeof(out));

		if (rows[i].want == NULL) {
			assert_int_equal(rc, -1);
		} else {
			assert_int_equal(rc, 0);
			assert_string_equal(out, rows[i].want);
		}
	}
	assert_true(domain_same_org("mx-ha.web.de", "mailin.web.de"));
	assert_false(domain_same_org("mail.example.co.uk", "mail.other.co.uk"));
	assert_true(domain_is_public_suffix("co.uk"));
	assert_false(domain_is_public_suffix("example.co.uk"));
}

static void
test_domain_suffix_labels(void **unused)
{
	(void)unused;
	assert_int_equal(domain_suffix_labels("mail.example.com"), 1);
	assert_int_equal(domain_suffix_labels("mail.example.co.uk"), 2);
	assert_int_equal(domain_suffix_labels("dsl.example.net.br"), 2);
	assert_int_equal(domain_suffix_labels("mx01.web.de"), 1);
	/* The private part (cloud suffixes) is not a suffix here. */
	assert_int_equal(domain_suffix_labels(
	                     "ec2-1-2-3-4.compute-1.amazonaws.com"),
	    1);
	/* A top label the list does not know. */
	assert_int_equal(domain_suffix_labels("mail.example.test"), 0);
}

/*
 * The last answer is kept with the tail that decided it: names in a row
 * that share it, and names that share less or more, all come out right.
 */
static void
test_domain_suffix_labels_kept(void **unused)
{
	static const struct {
		const char *name;
		int labels;
	} seq[] = {
	    {"a.example.co.uk", 2},
	    {"b.example.co.uk", 2}, /* the kept tail example.co.uk */
	    {"b.co.uk", 2},         /* shorter: co.uk is the suffix */
	    {"co.uk", 2},           /* a suffix itself: not kept */
	    {"uk", 1},
	    {"x.example.co.uk", 2},
	    {"x.y.example.com", 1},
	    {"example.com", 1}, /* shorter than the kept tail */
	    {"com", 1},
	    {"x.y.example.com.br", 2},
	    {"z.example.com.br", 2},
	    {"example.com.br", 2},
	    {"relay1.scale.test", 0},
	    {"relay2.scale.test", 0},
	    {"test", 0},
	    {"mx.example.de", 1},
	};
	size_t i;

	(void)unused;
	for (i = 0; i < sizeof(seq) / sizeof(seq[0]); i++) {
		if (domain_suffix_labels(seq[i].name) != seq[i].labels) {
			fail_msg("%s: %d labels, want %d", seq[i].name,
			    domain_suffix_labels(seq[i].name), seq[i].labels);
		}
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_domain_registrable),
	    cmocka_unit_test(test_domain_suffix_labels),
	    cmocka_unit_test(test_domain_suffix_labels_kept),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
