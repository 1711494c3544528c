/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
#include "config.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "smtp.h"

/*
 * fuzz_smtp_reply: what an SMTP server sends (RFC 5321 4.2, 4.2.1;
 * RFC 6531 UTF-8 text) through smtp_parse_reply(), smtp_parse_line() and
 * smtp_reply_domain(), the pure functions under smtp_read_reply().
 *
 * Input: the bytes a server sent (an exact-size heap copy, so ASan sees any
 * read past the end). Checked: the result is in range; a complete reply
 * took whole lines (it ends in LF) of one code 200..599, at most
 * SMTP_REPLY_LINES_MAX of them, and its texts are NUL-terminated and hold
 * no control byte but TAB; parsing line by line with smtp_parse_line()
 * gives the same reply as smtp_parse_reply(); the reply is self-delimiting
 * (parsing just its bytes gives the same result) and no proper prefix of
 * it is an error or complete; an error always says why; the domain word
 * fits its buffer and holds no space or TAB; what smtp_reply_seen() finds
 * of the client is words of the text, bounded and NUL-terminated.
 */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_text(const char *s, size_t cap)
{
	const unsigned char *p;
	const char *end = memchr(s, '\0', cap);

	if (end == NULL) {
		abort();
	}
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if ((*p < 0x20 && *p != '\t') || *p == 0x7f) {
			abort();
		}
	}
}

static bool
same_reply(const struct smtp_reply *a, const struct smtp_reply *b)
{
	return a->code == b->code && a->nlines == b->nlines &&
	       a->done == b->done && strcmp(a->first, b->first) == 0 &&
	       strcmp(a->last, b->last) == 0;
}

/* The reply line by line through smtp_parse_line(). */
static enum smtp_parse_result
by_lines(const char *buf, size_t len, struct smtp_reply *r, size_t *total)
{
	enum smtp_parse_result res;
	size_t used;
	char err[SMTP_ERROR_MAX];

	smtp_reply_init(r);
	*total = 0;
	for (;;) {
		res = smtp_parse_line(buf + *total, len - *total, r, &used, err,
		    sizeof(err));
		*total += used;
		if (res != SMTP_PARSE_LINE) {
			return res;
		}
		if (used == 0) {
			abort(); /* a line taken without a byte: a loop */
		}
	}
}

/* What the server says it sees of us: words of its text, or nothing. */
static void
check_seen(const char *text)
{
	struct smtp_seen seen;
	int rc = smtp_reply_seen(text, &seen);

	check_text(seen.addr, sizeof(seen.addr));
	check_text(seen.name, sizeof(seen.name));
	if ((rc == 0) != seen.has_addr ||
	    (rc == 0 && (seen.addr[0] == '\0' ||
	                    strpbrk(seen.addr, " \t[]") != NULL)) ||
	    (rc != 0 && (seen.addr[0] != '\0' || seen.name[0] != '\0')) ||
	    strpbrk(seen.name, " \t") != NULL ||
	    (seen.name[0] != '\0' && strstr(text, seen.name) == NULL)) {
		abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct smtp_reply *r = malloc(sizeof(*r));
	struct smtp_reply *r2 = malloc(sizeof(*r2));
	char *buf = malloc(size > 0 ? size : 1);
	char err[SMTP_ERROR_MAX];
	char dom[64];
	enum smtp_parse_result res;
	enum smtp_parse_result res2;
	size_t used = 0;
	size_t used2 = 0;
	size_t cut;

	if (r == NULL || r2 == NULL || buf == NULL) {
		goto out;
	}
	memcpy(buf, data, size);
	memset(err, 'x', sizeof(err));
	res = smtp_parse_reply(buf, size, r, &used, err, sizeof(err));
	if ((unsigned)res > SMTP_PARSE_ERROR || res == SMTP_PARSE_LINE) {
		abort();
	}
	if (res == SMTP_PARSE_ERROR &&
	    (memchr(err, '\0', sizeof(err)) == NULL || err[0] == '\0')) {
		abort();
	}
	if (res != SMTP_PARSE_DONE && used != 0) {
		abort();
	}
	res2 = by_lines(buf, size, r2, &used2);
	if (res2 != res || (res == SMTP_PARSE_DONE && used2 != used)) {
		abort();
	}
	if (res != SMTP_PARSE_DONE) {
		goto out;
	}
	if (!same_reply(r, r2) || used == 0 || used > size ||
	    buf[used - 1] != '\n' || r->code < 200 || r->code > 599 ||
	    r->nlines < 1 || r->nlines > SMTP_REPLY_LINES_MAX || !r->done) {
		abort();
	}
	check_text(r->first, sizeof(r->first));
	check_text(r->last, sizeof(r->last));
	/* Self-delimiting: the reply's own bytes give the same reply. */
	res2 = smtp_parse_reply(buf, used, r2, &used2, err, sizeof(err));
	if (res2 != SMTP_PARSE_DONE || used2 != used || !same_reply(r, r2)) {
		abort();
	}
	/* A proper prefix of a good reply is incomplete, never an error. */
	for (cut = used > 64 ? used - 64 : 0; cut < used; cut++) {
		res2 = smtp_parse_reply(buf, cut, r2, &used2, err, sizeof(err));
		if (res2 != SMTP_PARSE_MORE) {
			abort();
		}
	}
	if (smtp_reply_domain(r->first, dom, sizeof(dom)) == 0) {
		if (dom[0] == '\0' || strpbrk(dom, " \t") != NULL ||
		    strncmp(dom, r->first, strlen(dom)) != 0) {
			abort();
		}
	} else if (dom[0] != '\0') {
		abort();
	}
	check_seen(r->first);
out:
	free(r);
	free(r2);
	free(buf);
	return 0;
}
