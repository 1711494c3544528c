/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
#include "config.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dns.h"

/*
 * fuzz_dns_reply: arbitrary wire bytes through dns_parse_reply(), the code
 * that reads what a DNS server (or anyone on the path) sends us (RFC 1035
 * 4.1, RFC 2181 10.1 CNAME chains).
 *
 * The first input byte picks the question type (PTR, A, AAAA, SOA, NS,
 * CNAME, MX); the rest is the reply. It is parsed twice: as it is (most
 * mutations end as "not a reply to this query"), and with the ID and the QR
 * bit forced to match, so that the body of the parser is reached. The
 * question is fixed: the seeds carry it and mutation mostly keeps it.
 *
 * Checked on every parse: the result and the status are in range, every
 * string of the answer is NUL-terminated inside its buffer and holds no
 * byte that could break an output line or a perfdata field (names come out
 * escaped), records are of the type asked for, a "done" OK answer has
 * records, a message without our ID or without QR is ignored and leaves
 * the answer as it was (RFC 5452 9.1), and nothing leaks (ASan).
 */

#define FUZZ_ID 0x1234
#define FUZZ_QNAME "10.100.51.198.in-addr.arpa."

static const uint16_t qtypes[] = {
    DNS_T_PTR,
    DNS_T_A,
    DNS_T_AAAA,
    DNS_T_SOA,
    DNS_T_NS,
    DNS_T_CNAME,
    DNS_T_MX,
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Is s a NUL-terminated string of plain, printable, '|'-free bytes? */
static bool
safe_text(const char *s, size_t cap)
{
	const char *end = memchr(s, '\0', cap);
	const unsigned char *p;

	if (end == NULL) {
		return false;
	}
	for (p = (const unsigned char *)s; p < (const unsigned char *)end;
	     p++) {
		if (*p < 0x20 || *p >= 0x7f || *p == '|') {
			return false;
		}
	}
	return true;
}

/* Names have only the bytes dname_text leaves plain, '.' and escapes. */
static bool
name_text(const char *s, size_t cap)
{
	const char *p;

	if (!safe_text(s, cap)) {
		return false;
	}
	for (p = s; *p != '\0'; p++) {
		if (strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXY"
		           "Z"
		           "0123456789-_/*.\\",
		        *p) == NULL) {
			return false;
		}
	}
	return true;
}

static void
check(enum dns_parse_result res, const struct dns_answer *a, uint16_t qtype)
{
	size_t i;

	if ((unsigned)res > DNS_PARSE_MALFORMED ||
	    (unsigned)a->status > DNS_ERROR) {
		abort();
	}
	if (!name_text(a->name, sizeof(a->name)) ||
	    !name_text(a->zone, sizeof(a->zone)) ||
	    !name_text(a->soa_mname, sizeof(a->soa_mname)) ||
	    !name_text(a->soa_rname, sizeof(a->soa_rname)) ||
	    !safe_text(a->error, sizeof(a->error))) {
		abort();
	}
	if (a->cname_hops > DNS_MAX_CNAME) {
		abort();
	}
	for (i = 0; i < a->nrr; i++) {
		if (a->rr[i].type != qtype) {
			abort();
		}
		/* AAAA data is address text: ':' is fine there. */
		if (qtype == DNS_T_AAAA
		        ? !safe_text(a->rr[i].data, RDNS_NAME_TEXT_MAX)
		        : !name_text(a->rr[i].data, RDNS_NAME_TEXT_MAX)) {
			abort();
		}
	}
	if (res == DNS_PARSE_DONE && a->status == DNS_OK && a->nrr == 0) {
		abort();
	}
	if (res == DNS_PARSE_FOLLOW && a->cname_hops == 0) {
		abort();
	}
}

static void
parse_once(const uint8_t *wire, size_t len, uint16_t qtype)
{
	struct dns_answer a;
	enum dns_parse_result res;

	memset(&a, 0, sizeof(a));
	a.rcode = -1;
	a.qtype = qtype;
	a.status = DNS_TIMEOUT;
	memcpy(a.qname, FUZZ_QNAME, sizeof(FUZZ_QNAME));
	memcpy(a.name, FUZZ_QNAME, sizeof(FUZZ_QNAME));
	res = dns_parse_reply(wire, len, FUZZ_ID, FUZZ_QNAME, qtype, &a);
	check(res, &a, qtype);
	/* Not our ID or not a response: ignored, and nothing taken from it. */
	if ((len < 12 || wire[0] != FUZZ_ID >> 8 ||
	        wire[1] != (FUZZ_ID & 0xff) || (wire[2] & 0x80) == 0) &&
	    (res != DNS_PARSE_MISMATCH || a.nrr != 0 ||
	        a.status != DNS_TIMEOUT)) {
		abort();
	}
	dns_answer_release(&a);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint16_t qtype;
	uint8_t *copy;

	if (size < 1) {
		return 0;
	}
	qtype = qtypes[data[0] % (sizeof(qtypes) / sizeof(qtypes[0]))];
	data++;
	size--;
	/* An exact-size heap copy, so ASan sees any read past the end. */
	copy = malloc(size > 0 ? size : 1);
	if (copy == NULL) {
		return 0;
	}
	memcpy(copy, data, size);
	parse_once(copy, size, qtype);
	if (size >= 3) {
		copy[0] = FUZZ_ID >> 8;
		copy[1] = FUZZ_ID & 0xff;
		copy[2] |= 0x80;
		parse_once(copy, size, qtype);
	}
	free(copy);
	return 0;
}
