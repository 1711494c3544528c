/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
#include "config.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <sys/socket.h>
#include <arpa/inet.h>
#include <netinet/in.h>

#include <cmocka.h>

#include "rdns.h"

/*
 * Unit tests of lib/rdns.c: address parsing and printing, reverse names
 * both ways, name normalising, comparison and checking, CIDR prefixes.
 * Every table loop reports all failing cases (with their input) before
 * the test fails.
 */

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))

/* Marks a case that must fail (expected output text). */
#define FAILS NULL

/* Bytes of an IPv4 address in struct rdns_addr form. */
#define V4(a, b, c, d)                                                         \
	{                                                                      \
		a, b, c, d, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0                 \
	}

static const char *
show(const char *s)
{
	return s == NULL ? "(null)" : s;
}

static const char *
family_str(int family)
{
	if (family == AF_INET) {
		return "AF_INET";
	}
	if (family == AF_INET6) {
		return "AF_INET6";
	}
	return "?";
}

/*
 * Write labels of the given lengths, each made of "unit" repeated, joined
 * by dots and with a trailing dot when asked, into buf.
 */
static void
build_name(char *buf, size_t len, const size_t *labels, size_t n,
    const char *unit, bool dot)
{
	size_t ulen = strlen(unit);
	size_t pos = 0;
	size_t i, j;

	for (i = 0; i < n; i++) {
		if (i > 0) {
			assert_true(pos + 1 < len);
			buf[pos++] = '.';
		}
		for (j = 0; j < labels[i]; j++) {
			assert_true(pos + ulen < len);
			memcpy(buf + pos, unit, ulen);
			pos += ulen;
		}
	}
	if (dot) {
		assert_true(pos + 1 < len);
		buf[pos++] = '.';
	}
	buf[pos] = '\0';
}

/* Parse an address the test knows is valid. */
static struct rdns_addr
addr(const char *text)
{
	struct rdns_addr a;

	if (rdns_addr_parse(text, &a, NULL) != 0) {
		print_error("test setup: cannot parse '%s'\n", text);
		fail();
	}
	return a;
}

/* ------------------------------------------------------------------ */
/* rdns_addr_parse */

struct addr_case {
	const char *text;
	int ret;
	int family;
	unsigned char bytes[16];
	bool mapped;
};

static const struct addr_case addr_cases[] = {
    /* IPv4, valid */
    {"192.0.2.1", 0, AF_INET, V4(192, 0, 2, 1), false},
    {"0.0.0.0", 0, AF_INET, V4(0, 0, 0, 0), false},
    {"255.255.255.255", 0, AF_INET, V4(255, 255, 255, 255), false},
    {"10.0.0.1", 0, AF_INET, V4(10, 0, 0, 1), false},
    {"198.51.100.10", 0, AF_INET, V4(198, 51, 100, 10), false},
    {"100.64.0.0", 0, AF_INET, V4(100, 64, 0, 0), false},
    /* IPv4, invalid */
    {"010.1.1.1", -1, 0, {0}, false},
    {"1.2.3.04", -1, 0, {0}, false},
    {"00.1.1.1", -1, 0, {0}, false},
    {"1.2.3.0000", -1, 0, {0}, false},
    {"256.1.1.1", -1, 0, {0}, false},
    {"1.2.3.256", -1, 0, {0}, false},
    {"1234.1.1.1", -1, 0, {0}, false},
    {"1.2.3", -1, 0, {0}, false},
    {"1.2.3.4.5", -1, 0, {0}, false},
    {"1.2.3.", -1, 0, {0}, false},
    {".1.2.3", -1, 0, {0}, false},
    {"1..2.3", -1, 0, {0}, false},
    {" 1.2.3.4", -1, 0, {0}, false},
    {"1.2.3.4 ", -1, 0, {0}, false},
    {"1.2 .3.4", -1, 0, {0}, false},
    {"1.2.3.4\n", -1, 0, {0}, false},
    {"", -1, 0, {0}, false},
    {"0x1.2.3.4", -1, 0, {0}, false},
    {"1.2.3.4/24", -1, 0, {0}, false},
    {"1.2.3.-4", -1, 0, {0}, false},
    {"+1.2.3.4", -1, 0, {0}, false},
    {"a.b.c.d", -1, 0, {0}, false},
    {"4294967295", -1, 0, {0}, false},
    {"127.1", -1, 0, {0}, false},
    /* IPv6, valid */
    {"2001:db8::1", 0, AF_INET6,
        {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, false},
    {"2001:0DB8:0000:0000:0000:0000:0000:0001", 0, AF_INET6,
        {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, false},
    {"2001:DB8::1", 0, AF_INET6,
        {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, false},
    {"::", 0, AF_INET6, {0}, false},
    {"::1", 0, AF_INET6, {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1},
        false},
    {"1::", 0, AF_INET6, {0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
        false},
    {"FE80::ABCD", 0, AF_INET6,
        {0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xab, 0xcd}, false},
    {"2001:db8:1:2:3:4:5:6", 0, AF_INET6,
        {0x20, 0x01, 0x0d, 0xb8, 0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6}, false},
    /* IPv4-compatible and NAT64 forms are not mapped: they stay IPv6. */
    {"::192.0.2.1", 0, AF_INET6,
        {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 192, 0, 2, 1}, false},
    {"64:ff9b::192.0.2.1", 0, AF_INET6,
        {0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0, 192, 0, 2, 1}, false},
    {"::fffe:192.0.2.1", 0, AF_INET6,
        {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xfe, 192, 0, 2, 1}, false},
    /* IPv4-mapped: both textual forms, any case */
    {"::ffff:192.0.2.1", 0, AF_INET, V4(192, 0, 2, 1), true},
    {"::FFFF:192.0.2.1", 0, AF_INET, V4(192, 0, 2, 1), true},
    {"::FFFF:c000:0201", 0, AF_INET, V4(192, 0, 2, 1), true},
    {"::ffff:C000:201", 0, AF_INET, V4(192, 0, 2, 1), true},
    {"0:0:0:0:0:ffff:192.0.2.1", 0, AF_INET, V4(192, 0, 2, 1), true},
    {"::ffff:0.0.0.0", 0, AF_INET, V4(0, 0, 0, 0), true},
    /* IPv6, invalid */
    {"fe80::1%eth0", -1, 0, {0}, false},
    {"fe80::1%1", -1, 0, {0}, false},
    {"[2001:db8::1]", -1, 0, {0}, false},
    {"2001:db8::1 ", -1, 0, {0}, false},
    {" ::1", -1, 0, {0}, false},
    {"2001:db8:::1", -1, 0, {0}, false},
    {"2001:db8::1::2", -1, 0, {0}, false},
    {"1:2:3:4:5:6:7:8:9", -1, 0, {0}, false},
    {"1:2:3:4:5:6:7", -1, 0, {0}, false},
    {"12345::", -1, 0, {0}, false},
    {"g::1", -1, 0, {0}, false},
    {":", -1, 0, {0}, false},
    {":::", -1, 0, {0}, false},
    {"::ffff:192.0.2.01", -1, 0, {0}, false},
    {"::ffff:192.0.2", -1, 0, {0}, false},
    {"::ffff:256.0.0.1", -1, 0, {0}, false},
    {"0000:0000:0000:0000:0000:0000:0000:0000:0000:0000:0000:0000", -1, 0, {0},
        false},
};

static void
test_rdns_addr_parse_table(void **state)
{
	size_t i;
	int failures = 0;

	(void)state;
	for (i = 0; i < N_ELEMS(addr_cases); i++) {
		const struct addr_case *c = &addr_cases[i];
		struct rdns_addr a, untouched;
		bool mapped = !c->mapped;
		int ret;

		memset(&a, 0xa5, sizeof(a));
		untouched = a;
		ret = rdns_addr_parse(c->text, &a, &mapped);
		if (ret != c->ret) {
			print_error("'%s': returned %d, want %d\n", c->text,
			    ret, c->ret);
			failures++;
			continue;
		}
		if (ret != 0) {
			/* Failure leaves out and mapped alone. */
			if (memcmp(&a, &untouched, sizeof(a)) != 0 ||
			    mapped != !c->mapped) {
				print_error("'%s': output touched on failure\n",
				    c->text);
				failures++;
			}
			continue;
		}
		if (a.family != c->family ||
		    memcmp(a.bytes, c->bytes, 16) != 0 || mapped != c->mapped) {
			print_error("'%s': got %s mapped=%d, want %s mapped=%d"
			            " (or other bytes)\n",
			    c->text, family_str(a.family), mapped,
			    family_str(c->family), c->mapped);
			failures++;
		}
	}
	assert_int_equal(failures, 0);
}

static void
test_rdns_addr_parse_edges(void **state)
{
	struct rdns_addr a;
	bool mapped = true;
	char longtext[300];

	(void)state;
	assert_int_equal(rdns_addr_parse(NULL, &a, &mapped), -1);
	assert_int_equal(rdns_addr_parse("192.0.2.1", NULL, &mapped), -1);
	/* mapped may be NULL */
	assert_int_equal(rdns_addr_parse("::ffff:192.0.2.1", &a, NULL), 0);
	assert_int_equal(a.family, AF_INET);
	assert_int_equal(rdns_addr_parse("192.0.2.1", &a, &mapped), 0);
	assert_false(mapped);
	/* Far too long, even if it starts with an address. */
	memset(longtext, '1', sizeof(longtext) - 1);
	longtext[sizeof(longtext) - 1] = '\0';
	memcpy(longtext, "192.0.2.1", 9);
	assert_int_equal(rdns_addr_parse(longtext, &a, NULL), -1);
	/* Unused bytes of an AF_INET result are zero. */
	memset(&a, 0xff, sizeof(a));
	assert_int_equal(rdns_addr_parse("::ffff:1.2.3.4", &a, NULL), 0);
	for (size_t i = 4; i < 16; i++) {
		assert_int_equal(a.bytes[i], 0);
	}
}

/* ------------------------------------------------------------------ */
/* rdns_addr_format */

struct format_case {
	const char *in;
	const char *out;
};

static const struct format_case format_cases[] = {
    {"2001:DB8:0:0:0:0:0:1", "2001:db8::1"},
    {"2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1"},
    {"2001:db8::1", "2001:db8::1"},
    /* RFC 5952 4.2.3: the first of two equal runs */
    {"2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"},
    /* 4.2.3: the longest run */
    {"2001:0:0:1:0:0:0:1", "2001:0:0:1::1"},
    /* 4.2.2: one zero group is not shortened */
    {"2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"},
    {"2001:db8:1:2:3:4:5:6", "2001:db8:1:2:3:4:5:6"},
    {"::", "::"},
    {"0:0:0:0:0:0:0:1", "::1"},
    {"1:0:0:0:0:0:0:0", "1::"},
    {"fe80:0:0:0:0:1:0:0", "fe80::1:0:0"},
    {"FE80::ABCD", "fe80::abcd"},
    {"ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
        "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"},
    /* 4.1: no leading zeros */
    {"2001:0db8:000a:0b00::0001", "2001:db8:a:b00::1"},
    /* the deprecated IPv4-compatible form prints as hex */
    {"::192.0.2.1", "::c000:201"},
    /* mapped text becomes IPv4 */
    {"::ffff:192.0.2.1", "192.0.2.1"},
    {"::FFFF:c000:0201", "192.0.2.1"},
    {"192.0.2.1", "192.0.2.1"},
    {"0.0.0.0", "0.0.0.0"},
    {"255.255.255.255", "255.255.255.255"},
};

static void
test_rdns_addr_format_table(void **state)
{
	size_t i;
	int failures = 0;

	(void)state;
	for (i = 0; i < N_ELEMS(format_cases); i++) {
		const struct format_case *c = &format_cases[i];
		struct rdns_addr a, again;
		char buf[RDNS_ADDR_TEXT_MAX];

		a = addr(c->in);
		if (rdns_addr_format(&a, buf, sizeof(buf)) != 0 ||
		    strcmp(buf, c->out) != 0) {
			print_error("'%s': formatted '%s', want '%s'\n", c->in,
			    buf, c->out);
			failures++;
			continue;
		}
		/* round trip */
		if (rdns_addr_parse(buf, &again, NULL) != 0 ||
		    !rdns_addr_equal(&a, &again)) {
			print_error("'%s': '%s' does not parse back\n", c->in,
			    buf);
			failures++;
		}
	}
	assert_int_equal(failures, 0);
}

static void
test_rdns_addr_format_mapped_v6(void **state)
{
	struct rdns_addr a;
	char buf[RDNS_ADDR_TEXT_MAX];
	static const unsigned char b[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff,
	    0xff, 255, 255, 255, 255};

	(void)state;
	/* Built by hand: rdns_addr_parse would have made it AF_INET. */
	memset(&a, 0, sizeof(a));
	a.family = AF_INET6;
	memcpy(a.bytes, b, sizeof(b));
	assert_int_equal(rdns_addr_format(&a, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "::ffff:255.255.255.255");
	assert_int_equal(rdns_addr_format(&a, buf, 23), 0);
	assert_int_equal(rdns_addr_format(&a, buf, 22), -1);
	assert_string_equal(buf, "");
}

struct small_case {
	const char *in;
	size_t fits; /* strlen of the result + 1 */
};

static void
test_rdns_addr_format_buffer_too_small(void **state)
{
	static const struct small_case cases[] = {
	    {"2001:db8::1", 12},
	    {"255.255.255.255", 16},
	    {"0.0.0.0", 8},
	    {"1111:2222:3333:4444:5555:6666:7777:8888", 40},
	    {"::", 3},
	};
	size_t i;
	int failures = 0;

	(void)state;
	for (i = 0; i < N_ELEMS(cases); i++) {
		struct rdns_addr a = addr(cases[i].in);
		char buf[RDNS_ADDR_TEXT_MAX];

		if (rdns_addr_format(&a, buf, cases[i].fits) != 0 ||
		    strlen(buf) + 1 != cases[i].fits) {
			print_error("'%s': does not fit in %zu\n", cases[i].in,
			    cases[i].fits);
			failures++;
		}
		memset(buf, 'x', sizeof(buf));
		if (rdns_addr_format(&a, buf, cases[i].fits - 1) != -1 ||
		    buf[0] != '\0') {
			print_error("'%s': accepted a buffer of %zu\n",
			    cases[i].in, cases[i].fits - 1);
			failures++;
		}
	}
	assert_int_equal(failures, 0);
}

static void
test_rdns_addr_format_bad_input(void **state)
{
	struct rdns_addr a = addr("192.0.2.1");
	char buf[RDNS_ADDR_TEXT_MAX];

	(void)state;
	assert_int_equal(rdns_addr_format(NULL, buf, sizeof(buf)), -1);
	assert_int_equal(rdns_addr_format(&a, NULL, 0), -1);
	assert_int_equal(rdns_addr_format(&a, buf, 0), -1);
	a.family = 0;
	assert_int_equal(rdns_addr_format(&a, buf, sizeof(buf)), -1);
	a.family = AF_UNIX;
	assert_int_equal(rdns_addr_format(&a, buf, sizeof(buf)), -1);
}

/* ------------------------------------------------------------------ */
/* rdns_addr_equal */

struct equal_case {
	const char *a;
	const char *b;
	bool equal;
};

static void
test_rdns_addr_equal_table(void **state)
{
	static const struct equal_case cases[] = {
	    {"192.0.2.1", "192.0.2.1", true},
	    {"192.0.2.1", "::ffff:192.0.2.1", true},
	    {"192.0.2.1", "::FFFF:c000:201", true},
	    {"192.0.2.1", "192.0.2.2", false},
	    {"192.0.2.1", "::192.0.2.1", false},
	    {"2001:db8::1", "2001:DB8:0:0:0:0:0:1", true},
	    {"2001:db8::1", "2001:db8::2", false},
	    {"::", "0.0.0.0", false},
	};
	struct rdns_addr a, b;
	size_t i;
	int failures = 0;

	(void)state;
	for (i = 0; i < N_ELEMS(cases); i++) {
		a = addr(cases[i].a);
		b = addr(cases[i].b);
		if (rdns_addr_equal(&a, &b) != cases[i].equal ||
		    rdns_addr_equal(&b, &a) != cases[i].equal) {
			print_error("'%s' vs '%s': want %d\n", cases[i].a,
			    cases[i].b, cases[i].equal);
			failures++;
		}
	}
	assert_int_equal(failures, 0);

	/* Only the first four bytes of AF_INET count. */
	a = addr("192.0.2.1");
	b = a;
	b.bytes[15] = 1;
	assert_true(rdns_addr_equal(&a, &b));
	/* A hand-built mapped AF_INET6 is not its AF_INET address. */
	memset(&b, 0, sizeof(b));
	b.family = AF_INET6;
	b.bytes[10] = b.bytes[11] = 0xff;
	memcpy(b.bytes + 12, a.bytes, 4);
	assert_false(rdns_addr_equal(&a, &b));
	assert_false(rdns_addr_equal(&a, NULL));
	assert_false(rdns_addr_equal(NULL, &a));
	assert_false(rdns_addr_equal(NULL, NULL));
	a.family = b.family = 0;
	assert_false(rdns_addr_equal(&a, &b));
}

/* ------------------------------------------------------------------ */
/* rdns_reverse_name and rdns_reverse_parse */

struct reverse_case {
	const char *addr;
	const char *name;
};

static const struct reverse_case reverse_cases[] = {
    {"198.51.100.10", "10.100.51.198.in-addr.arpa."},
    {"192.0.2.1", "1.2.0.192.in-addr.arpa."},
    {"0.0.0.0", "0.0.0.0.in-addr.arpa."},
    {"255.255.255.255", "255.255.255.255.in-addr.arpa."},
    {"::ffff:192.0.2.1", "1.2.0.192.in-addr.arpa."},
    {"::FFFF:c000:0201", "1.2.0.192.in-addr.arpa."},
    {"2001:db8::567:89ab",
        "b.a.9.8.7.6.5.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2"
        ".ip6.arpa."},
    {"2001:DB8::1",
        "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2"
        ".ip6.arpa."},
    {"FE80::ABCD",
        "d.c.b.a.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.e.f"
        ".ip6.arpa."},
    {"::", "0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0"
           ".ip6.arpa."},
    {"ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
        "f.f.f.f.f.f.f.f.f.f.f.f.f.f.f.f.f.f.f.f.f.f.f.f.f.f.f.f.f.f.f.f"
        ".ip6.arpa."},
};

static void
test_rdns_reverse_name_table(void **state)
{
	size_t i;
	int failures = 0;

	(void)state;
	for (i = 0; i < N_ELEMS(reverse_cases); i++) {
		const struct reverse_case *c = &reverse_cases[i];
		struct rdns_addr a = addr(c->addr);
		char buf[RDNS_REVERSE_MAX];

		if (rdns_reverse_name(&a, buf, sizeof(buf)) != 0 ||
		    strcmp(buf, c->name) != 0) {
			print_error("'%s': got '%s', want '%s'\n", c->addr, buf,
			    c->name);
			failures++;
		}
	}
	assert_int_equal(failures, 0);
}

static void
test_rdns_reverse_name_buffer_too_small(void **state)
{
	static const struct small_case cases[] = {
	    {"192.0.2.1", 24},
	    {"255.255.255.255", 30},
	    {"2001:db8::1", RDNS_REVERSE_MAX},
	};
	struct rdns_addr a;
	char buf[RDNS_REVERSE_MAX];
	size_t i;
	int failures = 0;

	(void)state;
	for (i = 0; i < N_ELEMS(cases); i++) {
		a = addr(cases[i].in);
		if (rdns_reverse_name(&a, buf, cases[i].fits) != 0 ||
		    strlen(buf) + 1 != cases[i].fits) {
			print_error("'%s': does not fit in %zu\n", cases[i].in,
			    cases[i].fits);
			failures++;
		}
		memset(buf, 'x', sizeof(buf));
		if (rdns_reverse_name(&a, buf, cases[i].fits - 1) != -1 ||
		    buf[0] != '\0') {
			print_error("'%s': accepted a buffer of %zu\n",
			    cases[i].in, cases[i].fits - 1);
			failures++;
		}
	}
	assert_int_equal(failures, 0);
	assert_int_equal(rdns_reverse_name(&a, buf, 0), -1);
	assert_int_equal(rdns_reverse_name(NULL, buf, sizeof(buf)), -1);
	a.family = 0;
	assert_int_equal(rdns_reverse_name(&a, buf, sizeof(buf)), -1);
}

struct rparse_case {
	const char *name;
	const char *addr; /* FAILS when -1 is expected */
};

static const struct rparse_case rparse_cases[] = {
    {"1.2.0.192.in-addr.arpa.", "192.0.2.1"},
    {"1.2.0.192.in-addr.arpa", "192.0.2.1"},
    {"1.2.0.192.IN-ADDR.ARPA.", "192.0.2.1"},
    {"10.100.51.198.In-Addr.Arpa", "198.51.100.10"},
    {"0.0.0.0.in-addr.arpa.", "0.0.0.0"},
    {"255.255.255.255.in-addr.arpa", "255.255.255.255"},
    {"b.a.9.8.7.6.5.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2"
     ".ip6.arpa.",
        "2001:db8::567:89ab"},
    {"B.A.9.8.7.6.5.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.B.D.0.1.0.0.2"
     ".IP6.ARPA",
        "2001:db8::567:89ab"},
    {"f.f.f.f.f.f.f.f.f.f.f.f.f.f.f.f.f.f.f.f.f.f.f.f.f.f.f.f.f.f.f.f"
     ".ip6.arpa",
        "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"},
    /* partial names */
    {"2.0.192.in-addr.arpa.", FAILS},
    {"113.0.203.in-addr.arpa", FAILS},
    {"in-addr.arpa.", FAILS},
    {".in-addr.arpa", FAILS},
    {"0.1.0.0.2.ip6.arpa.", FAILS},
    {"ip6.arpa", FAILS},
    /* RFC 2317 */
    {"65.64/26.113.0.203.in-addr.arpa", FAILS},
    {"65.64-26.113.0.203.in-addr.arpa", FAILS},
    /* garbage */
    {"5.1.2.0.192.in-addr.arpa", FAILS},
    {"256.2.0.192.in-addr.arpa", FAILS},
    {"01.2.0.192.in-addr.arpa", FAILS},
    {"1..0.192.in-addr.arpa", FAILS},
    {"a.2.0.192.in-addr.arpa", FAILS},
    {"1.2.0.192.in-addr.arpa..", FAILS},
    {"1.2.0.192.in-addr.arpa.example.", FAILS},
    {"1.2.0.192in-addr.arpa", FAILS},
    {"1.2.0.192.ip6.arpa", FAILS},
    {"\\049.2.0.192.in-addr.arpa", FAILS},
    {" 1.2.0.192.in-addr.arpa", FAILS},
    {"", FAILS},
    {".", FAILS},
    {"example.com", FAILS},
    /* 31 and 33 nibbles, a two-digit label, a non-hex nibble */
    {"a.9.8.7.6.5.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2"
     ".ip6.arpa.",
        FAILS},
    {"0.b.a.9.8.7.6.5.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2"
     ".ip6.arpa.",
        FAILS},
    {"ba.9.8.7.6.5.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2"
     ".ip6.arpa.",
        FAILS},
    {"g.a.9.8.7.6.5.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2"
     ".ip6.arpa.",
        FAILS},
    {"b.a.9.8.7.6.5.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2."
     ".ip6.arpa.",
        FAILS},
};

static void
test_rdns_reverse_parse_table(void **state)
{
	size_t i;
	int failures = 0;

	(void)state;
	for (i = 0; i < N_ELEMS(rparse_cases); i++) {
		const struct rparse_case *c = &rparse_cases[i];
		struct rdns_addr a, want;
		int ret;

		memset(&a, 0, sizeof(a));
		ret = rdns_reverse_parse(c->name, &a);
		if (c->addr == FAILS) {
			if (ret != -1) {
				print_error("'%s': accepted\n", c->name);
				failures++;
			}
			continue;
		}
		want = addr(c->addr);
		if (ret != 0 || !rdns_addr_equal(&a, &want)) {
			print_error("'%s': ret %d, want %s\n", c->name, ret,
			    c->addr);
			failures++;
		}
	}
	assert_int_equal(failures, 0);
}

static void
test_rdns_reverse_round_trip(void **state)
{
	static const char *const addrs[] = {"192.0.2.1", "10.0.0.255",
	    "2001:db8::1", "2001:db8:85a3::8a2e:370:7334",
	    "fe80::", "::ffff:203.0.113.7", "1:2:3:4:5:6:7:8", "::1"};
	size_t i;
	int failures = 0;

	(void)state;
	for (i = 0; i < N_ELEMS(addrs); i++) {
		struct rdns_addr a = addr(addrs[i]), back;
		char name[RDNS_REVERSE_MAX];

		if (rdns_reverse_name(&a, name, sizeof(name)) != 0 ||
		    rdns_reverse_parse(name, &back) != 0 ||
		    !rdns_addr_equal(&a, &back)) {
			print_error("'%s': no round trip via '%s'\n", addrs[i],
			    name);
			failures++;
		}
	}
	assert_int_equal(failures, 0);
	assert_int_equal(rdns_reverse_parse(NULL, NULL), -1);
	assert_int_equal(rdns_reverse_parse("1.2.0.192.in-addr.arpa", NULL),
	    -1);
}

/* ------------------------------------------------------------------ */
/* rdns_name_normalize */

struct norm_case {
	const char *in;
	const char *out; /* FAILS when -1 is expected */
};

static const struct norm_case norm_cases[] = {
    {"Mail.Example.COM", "mail.example.com."},
    {"mail.example.com.", "mail.example.com."},
    {"MAIL.EXAMPLE.COM.", "mail.example.com."},
    {"a", "a."},
    {".", "."},
    {"\\065bc.TEST", "\\065bc.test."},
    {"\\097BC.test.", "\\097bc.test."},
    {"\\Abc.Test", "\\Abc.test."},
    {"a\\.B.C", "a\\.b.c."},
    {"a\\.", "a\\.."},
    {"a\\\\.B", "a\\\\.b."},
    {"\\000.x", "\\000.x."},
    {"\\255.X", "\\255.x."},
    {"caf\\195\\169.Example", "caf\\195\\169.example."},
    {"_Sip._TCP.Example.com", "_sip._tcp.example.com."},
    {"*.Example.com", "*.example.com."},
    {"xn--BCHER-kva.Example", "xn--bcher-kva.example."},
    {"a-b.c-d", "a-b.c-d."},
    {"1.2.0.192.IN-ADDR.ARPA", "1.2.0.192.in-addr.arpa."},
    /* malformed */
    {"", FAILS},
    {"..", FAILS},
    {"a..b", FAILS},
    {".a", FAILS},
    {"a..", FAILS},
    {"a.b..", FAILS},
    {"a\\", FAILS},
    {"\\", FAILS},
    {"\\25", FAILS},
    {"a\\25.b", FAILS},
    {"a\\2", FAILS},
    {"\\2x5.b", FAILS},
    {"\\256.b", FAILS},
    {"\\999", FAILS},
};

static void
test_rdns_name_normalize_table(void **state)
{
	size_t i;
	int failures = 0;

	(void)state;
	for (i = 0; i < N_ELEMS(norm_cases); i++) {
		const struct norm_case *c = &norm_cases[i];
		char out[RDNS_NAME_TEXT_MAX];
		int ret;

		memset(out, 'x', sizeof(out));
		ret = rdns_name_normalize(c->in, out, sizeof(out));
		if (c->out == FAILS) {
			if (ret != -1 || out[0] != '\0') {
				print_error("'%s': accepted as '%s'\n", c->in,
				    ret == 0 ? out : "?");
				failures++;
			}
			continue;
		}
		if (ret != 0 || strcmp(out, c->out) != 0) {
			print_error("'%s': ret %d '%s', want '%s'\n", c->in,
			    ret, ret == 0 ? out : "", c->out);
			failures++;
		}
	}
	assert_int_equal(failures, 0);
	assert_int_equal(rdns_name_normalize(NULL, NULL, 0), -1);
}

struct long_case {
	size_t labels[6];
	size_t n;
	const char *unit;
	bool dot;
	int ret;
};

/* Label and name length limits, in plain and escaped form. */
static const struct long_case long_cases[] = {
    {{63, 3}, 2, "a", false, 0},
    {{64, 3}, 2, "a", false, -1},
    {{3, 63}, 2, "a", true, 0},
    {{3, 64}, 2, "a", true, -1},
    {{63}, 1, "\\065", false, 0},
    {{64}, 1, "\\065", false, -1},
    {{62, 1}, 2, "\\.", false, 0},
    {{63, 1}, 2, "\\.", false, 0},
    {{64, 1}, 2, "\\.", false, -1},
    /* 253 octets without the dot: 255 in wire form */
    {{63, 63, 63, 61}, 4, "a", false, 0},
    {{63, 63, 63, 61}, 4, "a", true, 0},
    {{63, 63, 63, 61}, 4, "\\066", true, 0},
    {{63, 63, 63, 62}, 4, "a", false, -1},
    {{63, 63, 63, 62}, 4, "a", true, -1},
    {{63, 63, 63, 62}, 4, "\\066", false, -1},
    {{63, 63, 63, 59, 1}, 5, "a", false, 0},
    {{63, 63, 63, 60, 1}, 5, "a", false, -1},
    {{63, 63, 63, 63}, 4, "a", false, -1},
};

static void
test_rdns_name_normalize_lengths(void **state)
{
	size_t i;
	int failures = 0;

	(void)state;
	for (i = 0; i < N_ELEMS(long_cases); i++) {
		const struct long_case *c = &long_cases[i];
		char name[RDNS_NAME_TEXT_MAX + 64];
		char out[RDNS_NAME_TEXT_MAX];
		int ret;

		build_name(name, sizeof(name), c->labels, c->n, c->unit,
		    c->dot);
		ret = rdns_name_normalize(name, out, sizeof(out));
		if (ret != c->ret) {
			print_error("case %zu (%zu labels of '%s', first %zu):"
			            " ret %d, want %d\n",
			    i, c->n, c->unit, c->labels[0], ret, c->ret);
			failures++;
			continue;
		}
		/* Same text plus at most the trailing dot. */
		if (ret == 0 && (strncmp(out, name, strlen(name)) != 0 ||
		                    strlen(out) != strlen(name) + !c->dot)) {
			print_error("case %zu: changed to '%s'\n", i, out);
			failures++;
		}
	}
	assert_int_equal(failures, 0);
}

static void
test_rdns_name_normalize_buffer_too_small(void **state)
{
	static const struct small_case cases[] = {
	    {"abc", 5},
	    {"abc.", 5},
	    {"ABC.DEF", 9},
	    {".", 2},
	    {"\\065", 6},
	    {"a\\.", 5},
	};
	char out[16];
	size_t i;
	int failures = 0;

	(void)state;
	for (i = 0; i < N_ELEMS(cases); i++) {
		if (rdns_name_normalize(cases[i].in, out, cases[i].fits) != 0 ||
		    strlen(out) + 1 != cases[i].fits) {
			print_error("'%s': does not fit in %zu\n", cases[i].in,
			    cases[i].fits);
			failures++;
		}
		memset(out, 'x', sizeof(out));
		if (rdns_name_normalize(cases[i].in, out, cases[i].fits - 1) !=
		        -1 ||
		    out[0] != '\0') {
			print_error("'%s': accepted a buffer of %zu\n",
			    cases[i].in, cases[i].fits - 1);
			failures++;
		}
	}
	assert_int_equal(failures, 0);
	assert_int_equal(rdns_name_normalize("a", out, 0), -1);
	assert_int_equal(rdns_name_normalize("a", NULL, 10), -1);
}

/* ------------------------------------------------------------------ */
/* rdns_name_equal */

struct name_eq_case {
	const char *a;
	const char *b;
	bool equal;
};

static const struct name_eq_case name_eq_cases[] = {
    {"abc.test", "abc.test", true},
    {"abc.test", "ABC.TEST.", true},
    {"Mail.Example.Com.", "mail.example.com", true},
    {"\\065bc.test", "abc.test.", true},
    {"\\065bc.test", "\\097BC.test", true},
    {"\\Abc.test", "abc.TEST", true},
    {"caf\\195\\169", "CAF\\195\\169.", true},
    {"a\\.b.test", "a\\046b.test", true},
    {".", ".", true},
    {"abc.test", "abd.test", false},
    {"a.b", "a.b.c", false},
    {"ab.c", "a.bc", false},
    {"a\\.b.test", "a.b.test", false},
    {".", "a", false},
    {".", "", false},
    /* ASCII-only folding: 0xC3/0xE3 and '['/'{' differ by 0x20 too */
    {"\\195", "\\227", false},
    {"\\[", "\\{", false},
    {"a@.test", "a`.test", false},
    /* malformed is never equal, not even to itself */
    {"a..b", "a..b", false},
    {"a\\", "a\\", false},
    {"\\256", "\\256", false},
    {"", "", false},
    {NULL, NULL, false},
    {NULL, "a", false},
    {"a", NULL, false},
};

static void
test_rdns_name_equal_table(void **state)
{
	size_t i;
	int failures = 0;

	(void)state;
	for (i = 0; i < N_ELEMS(name_eq_cases); i++) {
		const struct name_eq_case *c = &name_eq_cases[i];

		if (rdns_name_equal(c->a, c->b) != c->equal ||
		    rdns_name_equal(c->b, c->a) != c->equal) {
			print_error("'%s' vs '%s': want %d\n", show(c->a),
			    show(c->b), c->equal);
			failures++;
		}
	}
	assert_int_equal(failures, 0);
}

static void
test_rdns_name_equal_long(void **state)
{
	static const size_t labels[] = {63, 63, 63, 61};
	static const size_t over[] = {63, 63, 63, 62};
	char a[RDNS_NAME_TEXT_MAX], b[RDNS_NAME_TEXT_MAX];

	(void)state;
	build_name(a, sizeof(a), labels, 4, "A", false);
	build_name(b, sizeof(b), labels, 4, "\\097", true);
	assert_true(rdns_name_equal(a, b));
	build_name(a, sizeof(a), over, 4, "a", false);
	assert_false(rdns_name_equal(a, a));
}

/* ------------------------------------------------------------------ */
/* rdns_name_check */

struct check_case {
	const char *name;
	enum rdns_name_check want;
};

static const struct check_case check_cases[] = {
    {"mail.example.com", RDNS_NAME_VALID},
    {"MAIL.Example.COM.", RDNS_NAME_VALID},
    {"a.b", RDNS_NAME_VALID},
    {"mx-1.example.net", RDNS_NAME_VALID},
    {"123.example.com", RDNS_NAME_VALID},
    {"xn--bcher-kva.example", RDNS_NAME_VALID},
    {"example.com4", RDNS_NAME_VALID},
    {"in-addr.arpa.example.com", RDNS_NAME_VALID},
    {"arpa.example", RDNS_NAME_VALID},
    {"1-2-3-4.example.net", RDNS_NAME_VALID},

    {NULL, RDNS_NAME_EMPTY},
    {"", RDNS_NAME_EMPTY},
    {".", RDNS_NAME_EMPTY},

    {"[192.0.2.1]", RDNS_NAME_ADDRESS_LITERAL},
    {"[IPv6:2001:db8::1]", RDNS_NAME_ADDRESS_LITERAL},
    {"[ipv6:2001:DB8::1]", RDNS_NAME_ADDRESS_LITERAL},
    {"[IPv6:::ffff:192.0.2.1]", RDNS_NAME_ADDRESS_LITERAL},
    {"[0.0.0.0]", RDNS_NAME_ADDRESS_LITERAL},

    {"a..b", RDNS_NAME_EMPTY_LABEL},
    {".example.com", RDNS_NAME_EMPTY_LABEL},
    {"example.com..", RDNS_NAME_EMPTY_LABEL},
    {"..", RDNS_NAME_EMPTY_LABEL},
    {"a_b..c", RDNS_NAME_EMPTY_LABEL},

    {"mail_1.example.com", RDNS_NAME_BAD_CHAR},
    {"mail|x.example.com", RDNS_NAME_BAD_CHAR},
    {"mail .example.com", RDNS_NAME_BAD_CHAR},
    {" mail.example.com", RDNS_NAME_BAD_CHAR},
    {"\\065bc.example.com", RDNS_NAME_BAD_CHAR},
    {"\\Abc.example.com", RDNS_NAME_BAD_CHAR},
    {"a\\.b.example.com", RDNS_NAME_BAD_CHAR},
    {"mail.example.com\\", RDNS_NAME_BAD_CHAR},
    {"caf\\195\\169.example", RDNS_NAME_BAD_CHAR},
    {"*.example.com", RDNS_NAME_BAD_CHAR},
    {"2001:db8::1", RDNS_NAME_BAD_CHAR},
    {"[192.0.2.256]", RDNS_NAME_BAD_CHAR},
    {"[2001:db8::1]", RDNS_NAME_BAD_CHAR},
    {"[IPv6:192.0.2.1]", RDNS_NAME_BAD_CHAR},
    {"[example.com]", RDNS_NAME_BAD_CHAR},
    {"-a_b.example.com", RDNS_NAME_BAD_CHAR},

    {"-mail.example.com", RDNS_NAME_HYPHEN_EDGE},
    {"mail-.example.com", RDNS_NAME_HYPHEN_EDGE},
    {"mail.-example.com", RDNS_NAME_HYPHEN_EDGE},
    {"mail.example-.com", RDNS_NAME_HYPHEN_EDGE},
    {"-.example.com", RDNS_NAME_HYPHEN_EDGE},
    {"mail.example.com-", RDNS_NAME_HYPHEN_EDGE},
    {"-x.123", RDNS_NAME_HYPHEN_EDGE},
    {"x-.in-addr.arpa", RDNS_NAME_HYPHEN_EDGE},

    {"192.0.2.1", RDNS_NAME_NUMERIC},
    {"192.0.2.1.", RDNS_NAME_NUMERIC},
    {"mail.example.123", RDNS_NAME_NUMERIC},
    {"1.2.3", RDNS_NAME_NUMERIC},
    {"10", RDNS_NAME_NUMERIC},
    {"10.", RDNS_NAME_NUMERIC},
    {"1.2.3.4.5", RDNS_NAME_NUMERIC},
    {"in-addr.arpa.0", RDNS_NAME_NUMERIC},

    {"1.2.0.192.in-addr.arpa", RDNS_NAME_REVERSE_ZONE},
    {"1.2.0.192.IN-ADDR.ARPA.", RDNS_NAME_REVERSE_ZONE},
    {"dsl-1-2.in-addr.arpa", RDNS_NAME_REVERSE_ZONE},
    {"in-addr.arpa", RDNS_NAME_REVERSE_ZONE},
    {"ip6.arpa.", RDNS_NAME_REVERSE_ZONE},
    {"x.IP6.Arpa", RDNS_NAME_REVERSE_ZONE},
    {"b.a.9.8.7.6.5.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2"
     ".ip6.arpa.",
        RDNS_NAME_REVERSE_ZONE},

    {"localhost", RDNS_NAME_NOT_FQDN},
    {"localhost.", RDNS_NAME_NOT_FQDN},
    {"mail", RDNS_NAME_NOT_FQDN},
    {"MAIL", RDNS_NAME_NOT_FQDN},
    {"arpa", RDNS_NAME_NOT_FQDN},
    {"x-in-addr", RDNS_NAME_NOT_FQDN},
};

static void
test_rdns_name_check_table(void **state)
{
	size_t i;
	int failures = 0;

	(void)state;
	for (i = 0; i < N_ELEMS(check_cases); i++) {
		const struct check_case *c = &check_cases[i];
		enum rdns_name_check got = rdns_name_check(c->name);

		if (got != c->want) {
			print_error("'%s': got %d (%s), want %d (%s)\n",
			    show(c->name), got, rdns_name_check_str(got),
			    c->want, rdns_name_check_str(c->want));
			failures++;
		}
	}
	assert_int_equal(failures, 0);
}

struct check_long_case {
	size_t labels[6];
	size_t n;
	const char *unit;
	bool dot;
	enum rdns_name_check want;
};

static void
test_rdns_name_check_lengths(void **state)
{
	static const struct check_long_case cases[] = {
	    {{63, 3}, 2, "a", false, RDNS_NAME_VALID},
	    {{63, 3}, 2, "a", true, RDNS_NAME_VALID},
	    {{64, 3}, 2, "a", false, RDNS_NAME_LABEL_TOO_LONG},
	    {{3, 64}, 2, "a", true, RDNS_NAME_LABEL_TOO_LONG},
	    {{63, 3}, 2, "\\065", false, RDNS_NAME_BAD_CHAR},
	    {{64, 3}, 2, "\\065", false, RDNS_NAME_LABEL_TOO_LONG},
	    {{64, 3}, 2, "_", false, RDNS_NAME_LABEL_TOO_LONG},
	    {{63, 63, 63, 61}, 4, "a", false, RDNS_NAME_VALID},
	    {{63, 63, 63, 61}, 4, "a", true, RDNS_NAME_VALID},
	    {{63, 63, 63, 62}, 4, "a", false, RDNS_NAME_TOO_LONG},
	    {{63, 63, 63, 62}, 4, "a", true, RDNS_NAME_TOO_LONG},
	    {{63, 63, 63, 61}, 4, "\\066", false, RDNS_NAME_BAD_CHAR},
	    {{63, 63, 63, 62}, 4, "\\066", false, RDNS_NAME_TOO_LONG},
	    /* too long wins over label too long and bad characters */
	    {{100, 100, 100}, 3, "_", false, RDNS_NAME_TOO_LONG},
	    /* label too long wins over bad characters */
	    {{70, 3}, 2, "_", false, RDNS_NAME_LABEL_TOO_LONG},
	    {{63, 63, 63, 59, 1}, 5, "a", false, RDNS_NAME_VALID},
	    {{63, 63, 63, 60, 1}, 5, "a", false, RDNS_NAME_TOO_LONG},
	    {{63, 63, 63, 63}, 4, "a", false, RDNS_NAME_TOO_LONG},
	};
	size_t i;
	int failures = 0;

	(void)state;
	for (i = 0; i < N_ELEMS(cases); i++) {
		const struct check_long_case *c = &cases[i];
		char name[RDNS_NAME_TEXT_MAX * 2];
		enum rdns_name_check got;

		build_name(name, sizeof(name), c->labels, c->n, c->unit,
		    c->dot);
		got = rdns_name_check(name);
		if (got != c->want) {
			print_error("case %zu (%zu labels of '%s', first %zu):"
			            " got %s, want %s\n",
			    i, c->n, c->unit, c->labels[0],
			    rdns_name_check_str(got),
			    rdns_name_check_str(c->want));
			failures++;
		}
	}
	assert_int_equal(failures, 0);

	/* Empty label beats label too long: "<64 a>..com" */
	{
		static const size_t l[] = {64, 0, 3};
		char name[128];

		build_name(name, sizeof(name), l, 3, "a", false);
		assert_int_equal(rdns_name_check(name), RDNS_NAME_EMPTY_LABEL);
	}
}

static void
test_rdns_name_check_str_all(void **state)
{
	static const struct {
		enum rdns_name_check c;
		const char *str;
	} cases[] = {
	    {RDNS_NAME_VALID, "valid host name"},
	    {RDNS_NAME_EMPTY, "empty name"},
	    {RDNS_NAME_TOO_LONG, "name longer than 253 octets"},
	    {RDNS_NAME_LABEL_TOO_LONG, "label longer than 63 octets"},
	    {RDNS_NAME_EMPTY_LABEL, "empty label"},
	    {RDNS_NAME_BAD_CHAR,
	        "character other than letter, digit or hyphen"},
	    {RDNS_NAME_HYPHEN_EDGE, "label starts or ends with a hyphen"},
	    {RDNS_NAME_NUMERIC, "numeric name or address"},
	    {RDNS_NAME_NOT_FQDN, "not a fully-qualified domain name"},
	    {RDNS_NAME_REVERSE_ZONE, "a name inside in-addr.arpa/ip6.arpa"},
	    {RDNS_NAME_ADDRESS_LITERAL, "address literal instead of a name"},
	};
	size_t i, j;

	(void)state;
	for (i = 0; i < N_ELEMS(cases); i++) {
		const char *s = rdns_name_check_str(cases[i].c);

		assert_non_null(s);
		if (strcmp(s, cases[i].str) != 0) {
			print_error("%d: '%s', want '%s'\n", cases[i].c, s,
			    cases[i].str);
			fail();
		}
		for (j = 0; j < i; j++) {
			assert_string_not_equal(s,
			    rdns_name_check_str(cases[j].c));
		}
	}
	assert_string_equal(rdns_name_check_str((enum rdns_name_check)99),
	    "unknown name problem");
}

/* ------------------------------------------------------------------ */
/* prefixes */

struct prefix_case {
	const char *text;
	const char *want; /* rdns_prefix_format of the result, or FAILS */
	uint64_t size;
};

static const struct prefix_case prefix_cases[] = {
    {"198.51.100.0/28", "198.51.100.0/28", 16},
    {"198.51.100.0/24", "198.51.100.0/24", 256},
    {"198.51.100.128/25", "198.51.100.128/25", 128},
    {"0.0.0.0/0", "0.0.0.0/0", UINT64_C(4294967296)},
    {"10.0.0.0/8", "10.0.0.0/8", UINT64_C(16777216)},
    {"192.0.2.1", "192.0.2.1/32", 1},
    {"192.0.2.1/32", "192.0.2.1/32", 1},
    {"192.0.2.2/31", "192.0.2.2/31", 2},
    {"2001:db8::/120", "2001:db8::/120", 256},
    {"2001:DB8::/32", "2001:db8::/32", UINT64_MAX},
    {"2001:db8::1", "2001:db8::1/128", 1},
    {"::/0", "::/0", UINT64_MAX},
    {"2001:db8::/64", "2001:db8::/64", UINT64_MAX},
    {"2001:db8::/65", "2001:db8::/65", UINT64_C(9223372036854775808)},
    {"2001:db8::/127", "2001:db8::/127", 2},
    {"::ffff:198.51.100.0/120", "198.51.100.0/24", 256},
    {"::ffff:192.0.2.1", "192.0.2.1/32", 1},
    {"::ffff:0.0.0.0/96", "0.0.0.0/0", UINT64_C(4294967296)},
    {"128.0.0.0/1", "128.0.0.0/1", UINT64_C(2147483648)},
    {"2001:db8::80/121", "2001:db8::80/121", 128},
    {"198.51.100.1/28", FAILS, 0},
    /* only the highest host bit set */
    {"198.51.100.8/28", FAILS, 0},
    {"64.0.0.0/1", FAILS, 0},
    {"2001:db8::40/121", FAILS, 0},
    {"198.51.100.0/33", FAILS, 0},
    {"2001:db8::/129", FAILS, 0},
    {"2001:db8::1/64", FAILS, 0},
    {"::ffff:198.51.100.0/95", FAILS, 0},
    {"198.51.100.0/", FAILS, 0},
    {"/24", FAILS, 0},
    {"/", FAILS, 0},
    {"198.51.100.0/024", FAILS, 0},
    {"198.51.100.0/00", FAILS, 0},
    {"198.51.100.0/-1", FAILS, 0},
    {"198.51.100.0/+8", FAILS, 0},
    {"198.51.100.0/24 ", FAILS, 0},
    {" 198.51.100.0/24", FAILS, 0},
    {"198.51.100.0 /24", FAILS, 0},
    {"198.51.100/24", FAILS, 0},
    {"198.51.100.0/24/1", FAILS, 0},
    {"1.2.3.4/1000", FAILS, 0},
    {"1.2.3.4/0x1", FAILS, 0},
    {"bogus/8", FAILS, 0},
    {"fe80::/10%eth0", FAILS, 0},
    {"", FAILS, 0},
};

static void
test_rdns_prefix_parse_table(void **state)
{
	size_t i;
	int failures = 0;

	(void)state;
	for (i = 0; i < N_ELEMS(prefix_cases); i++) {
		const struct prefix_case *c = &prefix_cases[i];
		struct rdns_prefix p;
		char buf[RDNS_PREFIX_TEXT_MAX];
		char err[128];
		int ret;

		memset(err, 'x', sizeof(err));
		err[sizeof(err) - 1] = '\0';
		ret = rdns_prefix_parse(c->text, &p, err, sizeof(err));
		if (c->want == FAILS) {
			if (ret != -1 || err[0] == '\0' || err[0] == 'x') {
				print_error("'%s': ret %d, err '%s'\n", c->text,
				    ret, err);
				failures++;
			}
			continue;
		}
		if (ret != 0) {
			print_error("'%s': rejected: %s\n", c->text, err);
			failures++;
			continue;
		}
		if (rdns_prefix_format(&p, buf, sizeof(buf)) != 0 ||
		    strcmp(buf, c->want) != 0 ||
		    rdns_prefix_size(&p) != c->size) {
			print_error("'%s': got '%s' size %llu, want '%s' size"
			            " %llu\n",
			    c->text, buf,
			    (unsigned long long)rdns_prefix_size(&p), c->want,
			    (unsigned long long)c->size);
			failures++;
		}
	}
	assert_int_equal(failures, 0);
}

struct prefix_err_case {
	const char *text;
	const char *err;
};

static void
test_rdns_prefix_parse_errors(void **state)
{
	static const struct prefix_err_case cases[] = {
	    {"198.51.100.1/28", "host bits set, did you mean 198.51.100.0/28"},
	    {"198.51.100.77/24", "host bits set, did you mean 198.51.100.0/24"},
	    {"2001:db8::1/64", "host bits set, did you mean 2001:db8::/64"},
	    {"::ffff:198.51.100.1/120",
	        "host bits set, did you mean ::ffff:198.51.100.0/120"},
	    {"198.51.100.0/33",
	        "bad prefix length '33' for an IPv4 address (0-32)"},
	    {"2001:db8::/129",
	        "bad prefix length '129' for an IPv6 address (0-128)"},
	    {"198.51.100.0/", "bad prefix length '' for an IPv4 address"
	                      " (0-32)"},
	    {"bogus/8", "bad address 'bogus'"},
	    {"010.0.0.0/8", "bad address '010.0.0.0'"},
	    {"/8", "bad address in '/8'"},
	};
	struct rdns_prefix p, untouched;
	char err[128];
	char small[10];
	size_t i;
	int failures = 0;

	(void)state;
	for (i = 0; i < N_ELEMS(cases); i++) {
		memset(&p, 0x5a, sizeof(p));
		untouched = p;
		if (rdns_prefix_parse(cases[i].text, &p, err, sizeof(err)) !=
		        -1 ||
		    strcmp(err, cases[i].err) != 0 ||
		    memcmp(&p, &untouched, sizeof(p)) != 0) {
			print_error("'%s': err '%s', want '%s'\n",
			    cases[i].text, err, cases[i].err);
			failures++;
		}
	}
	assert_int_equal(failures, 0);

	/* err may be NULL or small */
	assert_int_equal(rdns_prefix_parse("198.51.100.1/28", &p, NULL, 0), -1);
	assert_int_equal(rdns_prefix_parse("198.51.100.1/28", &p, small, 0),
	    -1);
	assert_int_equal(rdns_prefix_parse("198.51.100.1/28", &p, small,
	                     sizeof(small)),
	    -1);
	assert_string_equal(small, "host bits");
	assert_int_equal(rdns_prefix_parse(NULL, &p, err, sizeof(err)), -1);
	assert_string_equal(err, "no prefix given");
	assert_int_equal(rdns_prefix_parse("192.0.2.0/24", NULL, NULL, 0), -1);
	/* success clears err */
	assert_int_equal(rdns_prefix_parse("192.0.2.0/24", &p, err,
	                     sizeof(err)),
	    0);
	assert_string_equal(err, "");
}

struct nth_case {
	const char *prefix;
	uint64_t n;
	const char *addr; /* FAILS when out of range */
};

static void
test_rdns_prefix_nth_table(void **state)
{
	static const struct nth_case cases[] = {
	    {"198.51.100.0/28", 0, "198.51.100.0"},
	    {"198.51.100.0/28", 5, "198.51.100.5"},
	    {"198.51.100.0/28", 15, "198.51.100.15"},
	    {"198.51.100.0/28", 16, FAILS},
	    {"198.51.100.16/28", 15, "198.51.100.31"},
	    {"198.51.100.0/24", 255, "198.51.100.255"},
	    {"198.51.100.0/24", 256, FAILS},
	    {"192.0.2.1/32", 0, "192.0.2.1"},
	    {"192.0.2.1/32", 1, FAILS},
	    {"10.0.0.0/8", 65536 + 256 + 1, "10.1.1.1"},
	    {"0.0.0.0/0", UINT64_C(4294967295), "255.255.255.255"},
	    {"0.0.0.0/0", UINT64_C(4294967296), FAILS},
	    {"0.0.0.0/0", UINT64_MAX, FAILS},
	    {"2001:db8::/120", 255, "2001:db8::ff"},
	    {"2001:db8::/120", 256, FAILS},
	    {"2001:db8::/64", UINT64_MAX, "2001:db8::ffff:ffff:ffff:ffff"},
	    {"2001:db8::/63", UINT64_MAX, "2001:db8::ffff:ffff:ffff:ffff"},
	    {"2001:db8::/65", UINT64_C(9223372036854775807),
	        "2001:db8::7fff:ffff:ffff:ffff"},
	    {"2001:db8::/65", UINT64_C(9223372036854775808), FAILS},
	    {"::/0", UINT64_C(0x0102030405060708), "::102:304:506:708"},
	    {"2001:db8::1/128", 0, "2001:db8::1"},
	    {"2001:db8::1/128", 1, FAILS},
	};
	size_t i;
	int failures = 0;

	(void)state;
	for (i = 0; i < N_ELEMS(cases); i++) {
		const struct nth_case *c = &cases[i];
		struct rdns_prefix p;
		struct rdns_addr a, want;
		int ret;

		if (rdns_prefix_parse(c->prefix, &p, NULL, 0) != 0) {
			print_error("'%s': setup failed\n", c->prefix);
			failures++;
			continue;
		}
		ret = rdns_prefix_nth(&p, c->n, &a);
		if (c->addr == FAILS) {
			if (ret != -1) {
				print_error("'%s' #%llu: accepted\n", c->prefix,
				    (unsigned long long)c->n);
				failures++;
			}
			continue;
		}
		want = addr(c->addr);
		if (ret != 0 || !rdns_addr_equal(&a, &want)) {
			print_error("'%s' #%llu: ret %d, want %s\n", c->prefix,
			    (unsigned long long)c->n, ret, c->addr);
			failures++;
		}
	}
	assert_int_equal(failures, 0);
}

static void
test_rdns_prefix_invalid_struct(void **state)
{
	struct rdns_prefix p;
	struct rdns_addr a;
	char buf[RDNS_PREFIX_TEXT_MAX];

	(void)state;
	assert_int_equal(rdns_prefix_size(NULL), 0);
	assert_int_equal(rdns_prefix_nth(NULL, 0, &a), -1);
	assert_int_equal(rdns_prefix_parse("192.0.2.0/24", &p, NULL, 0), 0);
	assert_int_equal(rdns_prefix_nth(&p, 0, NULL), -1);
	p.bits = 33;
	assert_int_equal(rdns_prefix_size(&p), 0);
	assert_int_equal(rdns_prefix_nth(&p, 0, &a), -1);
	assert_int_equal(rdns_prefix_format(&p, buf, sizeof(buf)), -1);
	p.bits = 24;
	p.base.family = 0;
	assert_int_equal(rdns_prefix_size(&p), 0);
	assert_int_equal(rdns_prefix_format(&p, buf, sizeof(buf)), -1);
	/* format: exact size and one short */
	assert_int_equal(rdns_prefix_parse("192.0.2.0/24", &p, NULL, 0), 0);
	assert_int_equal(rdns_prefix_format(&p, buf, 13), 0);
	assert_string_equal(buf, "192.0.2.0/24");
	assert_int_equal(rdns_prefix_format(&p, buf, 12), -1);
	assert_string_equal(buf, "");
}

/* Address to sockaddr and back, a mapped IPv6 sockaddr as IPv4. */
static void
test_rdns_addr_sockaddr(void **state)
{
	static const char *const texts[] = {"198.51.100.10", "2001:db8::25",
	    "::1", "127.0.0.25"};
	struct sockaddr_storage ss;
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)&ss;
	struct rdns_addr a;
	struct rdns_addr b;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		assert_int_equal(rdns_addr_parse(texts[i], &a, NULL), 0);
		assert_int_equal(rdns_addr_sockaddr(&a, 2525, &ss),
		    a.family == AF_INET ? sizeof(struct sockaddr_in)
		                        : sizeof(struct sockaddr_in6));
		assert_int_equal(ss.ss_family, a.family);
		assert_int_equal(ntohs(
		                     a.family == AF_INET
		                         ? ((struct sockaddr_in *)&ss)->sin_port
		                         : sin6->sin6_port),
		    2525);
		assert_int_equal(rdns_addr_from_sockaddr(&ss, &b), 0);
		assert_true(rdns_addr_equal(&a, &b));
	}
	memset(&ss, 0, sizeof(ss));
	sin6->sin6_family = AF_INET6;
	assert_int_equal(inet_pton(AF_INET6, "::ffff:198.51.100.10",
	                     &sin6->sin6_addr),
	    1);
	assert_int_equal(rdns_addr_from_sockaddr(&ss, &b), 0);
	assert_int_equal(rdns_addr_parse("198.51.100.10", &a, NULL), 0);
	assert_true(rdns_addr_equal(&a, &b));
	ss.ss_family = AF_UNIX;
	assert_int_equal(rdns_addr_from_sockaddr(&ss, &b), -1);
}

struct scope_case {
	const char *text;
	enum rdns_scope want;
};

static const struct scope_case scope_cases[] = {
    {"198.51.100.10", RDNS_SCOPE_GLOBAL}, {"192.0.2.1", RDNS_SCOPE_GLOBAL},
    {"8.8.8.8", RDNS_SCOPE_GLOBAL}, {"127.0.0.25", RDNS_SCOPE_LOOPBACK},
    {"10.1.2.3", RDNS_SCOPE_PRIVATE}, {"172.16.0.1", RDNS_SCOPE_PRIVATE},
    {"172.31.255.255", RDNS_SCOPE_PRIVATE}, {"172.32.0.1", RDNS_SCOPE_GLOBAL},
    {"172.15.255.255", RDNS_SCOPE_GLOBAL}, {"192.168.1.1", RDNS_SCOPE_PRIVATE},
    {"100.64.0.1", RDNS_SCOPE_PRIVATE}, {"100.127.255.255", RDNS_SCOPE_PRIVATE},
    {"100.128.0.1", RDNS_SCOPE_GLOBAL}, {"169.254.1.1", RDNS_SCOPE_LINK_LOCAL},
    {"0.0.0.0", RDNS_SCOPE_UNSPECIFIED}, {"224.0.0.1", RDNS_SCOPE_UNSPECIFIED},
    {"255.255.255.255", RDNS_SCOPE_UNSPECIFIED},
    {"2001:db8::51", RDNS_SCOPE_GLOBAL},
    {"2603:10b6:408:fe::8", RDNS_SCOPE_GLOBAL}, {"::1", RDNS_SCOPE_LOOPBACK},
    {"::", RDNS_SCOPE_UNSPECIFIED}, {"fd00::1", RDNS_SCOPE_PRIVATE},
    {"fc00::1", RDNS_SCOPE_PRIVATE}, {"fe80::1", RDNS_SCOPE_LINK_LOCAL},
    {"febf::1", RDNS_SCOPE_LINK_LOCAL}, {"fec0::1", RDNS_SCOPE_GLOBAL},
    {"ff02::1", RDNS_SCOPE_UNSPECIFIED},
    {"::ffff:10.0.0.1", RDNS_SCOPE_PRIVATE}, /* parsed as IPv4 */
};

static void
test_rdns_addr_scope_table(void **state)
{
	struct rdns_addr a;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(scope_cases) / sizeof(scope_cases[0]); i++) {
		assert_int_equal(rdns_addr_parse(scope_cases[i].text, &a, NULL),
		    0);
		if (rdns_addr_scope(&a) != scope_cases[i].want) {
			print_error("%s: scope %s, want %s\n",
			    scope_cases[i].text,
			    rdns_scope_str(rdns_addr_scope(&a)),
			    rdns_scope_str(scope_cases[i].want));
			fail();
		}
	}
}

/* Equal addresses hash equal; the family and every byte count. */
static void
test_rdns_addr_hash(void **unused)
{
	struct rdns_addr a;
	struct rdns_addr b;
	bool mapped;

	(void)unused;
	assert_int_equal(rdns_addr_parse("192.0.2.7", &a, &mapped), 0);
	assert_int_equal(rdns_addr_parse("192.0.2.7", &b, &mapped), 0);
	assert_int_equal(rdns_addr_hash(&a), rdns_addr_hash(&b));
	assert_int_equal(rdns_addr_parse("192.0.2.8", &b, &mapped), 0);
	assert_int_not_equal(rdns_addr_hash(&a), rdns_addr_hash(&b));
	assert_int_equal(rdns_addr_parse("2001:db8::7", &a, &mapped), 0);
	assert_int_equal(rdns_addr_parse("2001:db8:0::7", &b, &mapped), 0);
	assert_int_equal(rdns_addr_hash(&a), rdns_addr_hash(&b));
	assert_int_equal(rdns_addr_parse("2001:db8::8", &b, &mapped), 0);
	assert_int_not_equal(rdns_addr_hash(&a), rdns_addr_hash(&b));
	/* the same bytes in another family */
	b = a;
	b.family = AF_INET;
	assert_int_not_equal(rdns_addr_hash(&a), rdns_addr_hash(&b));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_rdns_addr_parse_table),
	    cmocka_unit_test(test_rdns_addr_hash),
	    cmocka_unit_test(test_rdns_addr_parse_edges),
	    cmocka_unit_test(test_rdns_addr_format_table),
	    cmocka_unit_test(test_rdns_addr_format_mapped_v6),
	    cmocka_unit_test(test_rdns_addr_format_buffer_too_small),
	    cmocka_unit_test(test_rdns_addr_format_bad_input),
	    cmocka_unit_test(test_rdns_addr_equal_table),
	    cmocka_unit_test(test_rdns_reverse_name_table),
	    cmocka_unit_test(test_rdns_reverse_name_buffer_too_small),
	    cmocka_unit_test(test_rdns_reverse_parse_table),
	    cmocka_unit_test(test_rdns_reverse_round_trip),
	    cmocka_unit_test(test_rdns_name_normalize_table),
	    cmocka_unit_test(test_rdns_name_normalize_lengths),
	    cmocka_unit_test(test_rdns_name_normalize_buffer_too_small),
	    cmocka_unit_test(test_rdns_name_equal_table),
	    cmocka_unit_test(test_rdns_name_equal_long),
	    cmocka_unit_test(test_rdns_name_check_table),
	    cmocka_unit_test(test_rdns_name_check_lengths),
	    cmocka_unit_test(test_rdns_name_check_str_all),
	    cmocka_unit_test(test_rdns_prefix_parse_table),
	    cmocka_unit_test(test_rdns_prefix_parse_errors),
	    cmocka_unit_test(test_rdns_prefix_nth_table),
	    cmocka_unit_test(test_rdns_prefix_invalid_struct),
	    cmocka_unit_test(test_rdns_addr_scope_table),
	    cmocka_unit_test(test_rdns_addr_sockaddr),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
