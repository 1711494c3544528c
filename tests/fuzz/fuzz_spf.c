/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
#include "config.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "spf.h"

/*
 * fuzz_spf: SPF records off the network (TXT text) through spf_select(),
 * spf_parse() and spf_macro_expand().
 *
 * Checked: a failure always says why in one printable line; a parsed
 * record has only terms of known kinds with valid qualifiers, ip4/ip6
 * prefixes of the right family and length, cidr lengths in range, at
 * most one redirect; an expansion is a NUL-terminated string of at most
 * 253 octets of printable ASCII, or an unknown letter, or a reason.
 */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_reason(const char *err)
{
	const char *c;

	if (err[0] == '\0') {
		abort();
	}
	for (c = err; *c != '\0'; c++) {
		if (*c < 0x20 || *c > 0x7e || *c == '|') {
			abort();
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct spf_macro_ctx ctx = {"email.example.com", "example.com"};
	char out[1024];
	char err[SPF_ERR_MAX];
	char letter = 0;
	struct spf_record r;
	char *text = malloc(size + 8);
	const char *one[1];
	size_t i;
	int rc;

	if (text == NULL) {
		return 0;
	}
	memcpy(text, data, size);
	text[size] = '\0';
	one[0] = text;
	(void)spf_select(one, 1);
	err[0] = '\0';
	if (spf_parse(text, &r, err, sizeof(err)) != 0) {
		check_reason(err);
	} else {
		int redirects = 0;

		for (i = 0; i < r.n; i++) {
			const struct spf_term *t = &r.terms[i];

			if (strchr("+-~?", t->qual) == NULL ||
			    t->kind > SPF_UNKNOWN || t->cidr4 > 32 ||
			    t->cidr6 > 128) {
				abort();
			}
			if (t->kind == SPF_IP4 &&
			    (t->prefix.base.family != AF_INET ||
			        t->prefix.bits > 32)) {
				abort();
			}
			if (t->kind == SPF_IP6 &&
			    (t->prefix.base.family != AF_INET6 ||
			        t->prefix.bits > 128)) {
				abort();
			}
			redirects += t->kind == SPF_REDIRECT;
		}
		if (redirects > 1 || (redirects == 1 && r.redirect < 0)) {
			abort();
		}
	}
	spf_record_release(&r);

	err[0] = '\0';
	rc = spf_macro_expand(text, &ctx, out, sizeof(out), &letter, err,
	    sizeof(err));
	if (rc < 0) {
		check_reason(err);
	} else if (rc == 0) {
		if (strlen(out) > 253 && strchr(out, '.') != NULL) {
			abort();
		}
		for (i = 0; out[i] != '\0'; i++) {
			if (out[i] < 0x20 || out[i] > 0x7e) {
				abort();
			}
		}
	} else if (strchr("slodiphcrtv", letter) == NULL) {
		abort();
	}
	free(text);
	return 0;
}
