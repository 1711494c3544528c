/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
#include "config.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dns.h"
#include "rdns.h"

/*
 * fuzz_hostname: host names as they come from PTR records, HELO and
 * banners through rdns_name_normalize(), rdns_name_equal() and
 * rdns_name_check() (RFC 1035 5.1 presentation form with \DDD escapes,
 * RFC 4343 case rules, RFC 1123 2.1 and RFC 5321 2.3.5 host names), and
 * through dns_batch_add(), whose query encoder reads the same text when
 * check_fcrdns asks for the addresses of a PTR name off the network.
 *
 * Input: two names separated by the first NUL byte (the second may be
 * missing); the last input byte also sizes a tight output buffer.
 * Checked: normalising is idempotent and the result equals the input as a
 * name; equality is reflexive for valid names and symmetric; a name that
 * passes rdns_name_check() normalises; the DNS layer accepts a name as a
 * query exactly when rdns_name_normalize() does; a tight heap buffer is
 * never overrun (ASan) and is always NUL-terminated on return.
 */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A fresh NUL-terminated heap copy of n bytes of p (NULs cut it short). */
static char *
dup_text(const uint8_t *p, size_t n)
{
	char *s = malloc(n + 1);

	if (s != NULL) {
		memcpy(s, p, n);
		s[n] = '\0';
	}
	return s;
}

/* Does the DNS layer take the name as a query? */
static bool
dns_takes(const char *name)
{
	static const char *const servers[] = {"127.0.0.1"};
	struct dns_resolver r;
	struct dns_batch *b;
	char err[DNS_ERROR_MAX];
	int idx;

	if (dns_resolver_init(&r, servers, 1, 53, false, NULL, err,
	        sizeof(err)) != 0) {
		abort();
	}
	b = dns_batch_new(&r);
	if (b == NULL) {
		abort();
	}
	idx = dns_batch_add(b, name, DNS_T_PTR);
	dns_batch_free(b);
	return idx >= 0;
}

static void
one_name(const char *a, size_t tight)
{
	char norm[RDNS_NAME_TEXT_MAX];
	char again[RDNS_NAME_TEXT_MAX];
	char *small;
	enum rdns_name_check c;
	int rc;
	int rc_small;

	rc = rdns_name_normalize(a, norm, sizeof(norm));
	c = rdns_name_check(a);
	if (rdns_name_check_str(c) == NULL) {
		abort();
	}
	if (c == RDNS_NAME_VALID && rc != 0) {
		abort();
	}
	if (dns_takes(a) != (rc == 0)) {
		abort();
	}
	if (rc != 0) {
		if (norm[0] != '\0' || rdns_name_equal(a, a)) {
			abort();
		}
	} else {
		if (rdns_name_normalize(norm, again, sizeof(again)) != 0 ||
		    strcmp(norm, again) != 0) {
			abort();
		}
		if (!rdns_name_equal(a, a) || !rdns_name_equal(a, norm) ||
		    !rdns_name_equal(norm, a)) {
			abort();
		}
		/*
		 * Case and the trailing dot change nothing, except that an
		 * SMTP address literal is no longer one with a dot after it.
		 */
		if (rdns_name_check(norm) != c &&
		    c != RDNS_NAME_ADDRESS_LITERAL) {
			abort();
		}
	}
	/* A tight buffer: success only when the whole result fits. */
	small = malloc(tight > 0 ? tight : 1);
	if (small == NULL) {
		return;
	}
	rc_small = rdns_name_normalize(a, small, tight);
	if (tight > 0 && memchr(small, '\0', tight) == NULL) {
		abort();
	}
	if (rc_small == 0 && (rc != 0 || strcmp(small, norm) != 0)) {
		abort();
	}
	if (rc == 0 && strlen(norm) < tight && rc_small != 0) {
		abort();
	}
	free(small);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nul;
	char *a;
	char *b;
	size_t alen;
	size_t tight;

	if (size == 0) {
		return 0;
	}
	tight = data[size - 1];
	nul = memchr(data, '\0', size);
	alen = nul != NULL ? (size_t)(nul - data) : size;
	a = dup_text(data, alen);
	b = nul != NULL ? dup_text(nul + 1, size - alen - 1) : NULL;
	if (a == NULL || (nul != NULL && b == NULL)) {
		free(a);
		free(b);
		return 0;
	}
	one_name(a, tight);
	if (b != NULL) {
		char na[RDNS_NAME_TEXT_MAX];
		char nb[RDNS_NAME_TEXT_MAX];
		bool eq = rdns_name_equal(a, b);

		one_name(b, tight);
		if (eq != rdns_name_equal(b, a)) {
			abort();
		}
		/* Same normal form: equal names. */
		if (rdns_name_normalize(a, na, sizeof(na)) == 0 &&
		    rdns_name_normalize(b, nb, sizeof(nb)) == 0 &&
		    strcmp(na, nb) == 0 && !eq) {
			abort();
		}
		(void)rdns_name_check(b);
	}
	free(a);
	free(b);
	return 0;
}
