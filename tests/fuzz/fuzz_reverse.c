/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
#include "config.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

#include "rdns.h"

/*
 * fuzz_reverse: address text, reverse names and CIDR prefixes through
 * rdns_addr_parse(), rdns_reverse_name(), rdns_reverse_parse() and
 * rdns_prefix_parse() (RFC 4291 2.2, RFC 5952, RFC 1035 3.5, RFC 3596 2.5,
 * RFC 4632 3.1). These read -H values, -D ranges and the owner names of
 * reverse answers.
 *
 * Input: one string (cut at the first NUL); the last byte also sizes a
 * tight output buffer. Checked: every accepted address formats and parses
 * back to itself; its reverse name parses back to it; an accepted reverse
 * name is, up to case and the trailing dot, the name we would build; an
 * accepted prefix formats and parses back to itself, its first and last
 * address lie inside it; tight heap buffers are never overrun (ASan).
 */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_addr(const struct rdns_addr *a, size_t tight)
{
	char text[RDNS_ADDR_TEXT_MAX];
	char rev[RDNS_REVERSE_MAX];
	struct rdns_addr back;
	char *small;

	static const unsigned char v4mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	    0xff, 0xff};
	struct rdns_addr want = *a;

	/* Text of an IPv4-mapped address parses back as IPv4 (rdns.h). */
	if (a->family == AF_INET6 &&
	    memcmp(a->bytes, v4mapped, sizeof(v4mapped)) == 0) {
		memset(&want, 0, sizeof(want));
		want.family = AF_INET;
		memcpy(want.bytes, a->bytes + 12, 4);
	}
	if (rdns_addr_format(a, text, sizeof(text)) != 0 ||
	    rdns_addr_parse(text, &back, NULL) != 0 ||
	    !rdns_addr_equal(&want, &back)) {
		abort();
	}
	if (rdns_reverse_name(a, rev, sizeof(rev)) != 0 ||
	    rdns_reverse_parse(rev, &back) != 0 || !rdns_addr_equal(a, &back)) {
		abort();
	}
	small = malloc(tight > 0 ? tight : 1);
	if (small == NULL) {
		return;
	}
	if (rdns_addr_format(a, small, tight) == 0 &&
	    strcmp(small, text) != 0) {
		abort();
	}
	if (rdns_reverse_name(a, small, tight) == 0 &&
	    strcmp(small, rev) != 0) {
		abort();
	}
	free(small);
}

static void
check_prefix(const struct rdns_prefix *p)
{
	char text[RDNS_PREFIX_TEXT_MAX];
	char err[128];
	struct rdns_prefix back;
	struct rdns_addr first;
	struct rdns_addr last;
	struct rdns_prefix one;
	uint64_t n = rdns_prefix_size(p);

	if (rdns_prefix_format(p, text, sizeof(text)) != 0 ||
	    rdns_prefix_parse(text, &back, err, sizeof(err)) != 0 ||
	    !rdns_addr_equal(&p->base, &back.base) || back.bits != p->bits) {
		abort();
	}
	if (n == 0 || rdns_prefix_nth(p, 0, &first) != 0 ||
	    !rdns_addr_equal(&first, &p->base) ||
	    rdns_prefix_nth(p, n - 1, &last) != 0) {
		abort();
	}
	if (n != UINT64_MAX && rdns_prefix_nth(p, n, &last) == 0) {
		abort();
	}
	/* The last address, cut to the prefix length, is the base again. */
	one.base = last;
	one.bits = p->bits;
	if (rdns_prefix_format(&one, text, sizeof(text)) != 0) {
		abort();
	}
	check_addr(&last, sizeof(text));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s;
	char err[128];
	char built[RDNS_REVERSE_MAX];
	char given[RDNS_NAME_MAX + 2];
	struct rdns_addr a;
	struct rdns_prefix p;
	bool mapped = false;
	size_t len;
	size_t tight;

	if (size == 0) {
		return 0;
	}
	tight = data[size - 1] % 80;
	s = malloc(size + 1);
	if (s == NULL) {
		return 0;
	}
	memcpy(s, data, size);
	s[size] = '\0';

	if (rdns_addr_parse(s, &a, &mapped) == 0) {
		if (a.family != AF_INET && a.family != AF_INET6) {
			abort();
		}
		check_addr(&a, tight);
	}
	if (rdns_reverse_parse(s, &a) == 0) {
		check_addr(&a, tight);
		len = strlen(s);
		if (len + 2 > sizeof(given)) {
			abort(); /* accepted a name longer than a name */
		}
		memcpy(given, s, len + 1);
		if (len == 0 || given[len - 1] != '.') {
			given[len] = '.';
			given[len + 1] = '\0';
		}
		if (rdns_reverse_name(&a, built, sizeof(built)) != 0 ||
		    strcasecmp(built, given) != 0) {
			abort();
		}
	}
	if (rdns_prefix_parse(s, &p, err, sizeof(err)) == 0) {
		check_prefix(&p);
	} else if (memchr(err, '\0', sizeof(err)) == NULL || err[0] == '\0') {
		abort(); /* a failure always says why */
	}
	free(s);
	return 0;
}
