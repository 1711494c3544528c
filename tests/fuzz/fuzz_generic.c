/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
#include "config.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "generic.h"
#include "rdns.h"

/*
 * fuzz_generic: the generic-name classifier over arbitrary PTR names and
 * addresses (generic_classify reads names that came off the network).
 *
 * Input: the first byte says where the address comes from (0: none; 1:
 * the next 4 bytes as IPv4; 2: the next 16 bytes as IPv6; 3: an IPv6
 * address with the ::ffff:0:0/96 prefix and the next 4 bytes; else: text up
 * to the first NUL through rdns_addr_parse), the rest up to the next NUL is
 * the name. Checked: the reason is NUL-terminated inside its buffer, empty
 * exactly when the verdict is specific; the verdict follows the score and
 * the threshold; the same input gives the same result (no hidden state);
 * no read outside the name (exact-size heap copy, ASan).
 */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char *
dup_text(const uint8_t *p, size_t n)
{
	const uint8_t *nul = memchr(p, '\0', n);
	char *s;

	if (nul != NULL) {
		n = (size_t)(nul - p);
	}
	s = malloc(n + 1);
	if (s != NULL) {
		memcpy(s, p, n);
		s[n] = '\0';
	}
	return s;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rdns_addr addr;
	const struct rdns_addr *ap = NULL;
	struct generic_result r1;
	struct generic_result r2;
	char *name;
	size_t used = 1;

	if (size < 1) {
		return 0;
	}
	memset(&addr, 0, sizeof(addr));
	switch (data[0]) {
	case 0:
		break;
	case 1:
		if (size >= 5) {
			addr.family = AF_INET;
			memcpy(addr.bytes, data + 1, 4);
			ap = &addr;
			used = 5;
		}
		break;
	case 2:
		if (size >= 17) {
			addr.family = AF_INET6;
			memcpy(addr.bytes, data + 1, 16);
			ap = &addr;
			used = 17;
		}
		break;
	case 3:
		if (size >= 5) {
			addr.family = AF_INET6;
			addr.bytes[10] = 0xff;
			addr.bytes[11] = 0xff;
			memcpy(addr.bytes + 12, data + 1, 4);
			ap = &addr;
			used = 5;
		}
		break;
	default: {
		char *text = dup_text(data + 1, size - 1);

		if (text == NULL) {
			return 0;
		}
		used = 1 + strlen(text) + 1;
		if (rdns_addr_parse(text, &addr, NULL) == 0) {
			ap = &addr;
		}
		free(text);
		break;
	}
	}
	if (used > size) {
		used = size;
	}
	name = dup_text(data + used, size - used);
	if (name == NULL) {
		return 0;
	}
	memset(&r1, 0xa5, sizeof(r1));
	generic_classify(ap, name, &r1);
	if (memchr(r1.reason, '\0', sizeof(r1.reason)) == NULL) {
		abort();
	}
	if ((r1.verdict == GENERIC_GENERIC) !=
	    (r1.score >= GENERIC_THRESHOLD)) {
		abort();
	}
	if ((r1.verdict == GENERIC_SPECIFIC) != (r1.reason[0] == '\0')) {
		abort();
	}
	if (generic_verdict_str(r1.verdict) == NULL) {
		abort();
	}
	memset(&r2, 0x5a, sizeof(r2));
	generic_classify(ap, name, &r2);
	if (r1.verdict != r2.verdict || r1.score != r2.score ||
	    strcmp(r1.reason, r2.reason) != 0) {
		abort();
	}
	generic_classify(NULL, name, &r2);
	if (memchr(r2.reason, '\0', sizeof(r2.reason)) == NULL) {
		abort();
	}
	free(name);
	return 0;
}
