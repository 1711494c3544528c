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

#include "egress.h"

/*
 * Tests of lib/egress: the kernel's choice of source address. Loopback
 * destinations are the only ones whose answer is the same on every
 * machine; the IPv6 route to the internet is tested in a network
 * namespace of its own (tests/integration/dualstack.sh).
 */

static void
want_source(const char *dest, const char *want)
{
	struct rdns_addr d;
	struct rdns_addr s;
	char err[128] = "";
	char text[RDNS_ADDR_TEXT_MAX];

	assert_int_equal(rdns_addr_parse(dest, &d, NULL), 0);
	if (egress_source(&d, &s, err, sizeof(err)) != 0) {
		print_error("%s: %s\n", dest, err);
		fail();
	}
	assert_int_equal(rdns_addr_format(&s, text, sizeof(text)), 0);
	assert_string_equal(text, want);
}

static void
test_egress_loopback(void **state)
{
	(void)state;
	want_source("127.0.0.1", "127.0.0.1");
	/* The rest of 127/8 is reached from lo's primary address. */
	want_source("127.0.0.30", "127.0.0.1");
}

static void
test_egress_loopback6(void **state)
{
	struct rdns_addr d;
	struct rdns_addr s;
	char err[128];

	(void)state;
	assert_int_equal(rdns_addr_parse("::1", &d, NULL), 0);
	if (egress_source(&d, &s, err, sizeof(err)) != 0) {
		/* lo without ::1 (IPv6 off): a reason, not a crash. */
		assert_true(err[0] != '\0');
		skip();
	}
	want_source("::1", "::1");
}

/* No route: a lowercase reason, and nothing else happens. */
static void
test_egress_no_route(void **state)
{
	struct rdns_addr d;
	struct rdns_addr s;
	char err[128] = "";

	(void)state;
	/* Broadcast without SO_BROADCAST: connect() refuses it (EACCES). */
	assert_int_equal(rdns_addr_parse("255.255.255.255", &d, NULL), 0);
	assert_int_equal(egress_source(&d, &s, err, sizeof(err)), -1);
	assert_string_equal(err, "no route: permission denied");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_egress_loopback),
	    cmocka_unit_test(test_egress_loopback6),
	    cmocka_unit_test(test_egress_no_route),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
