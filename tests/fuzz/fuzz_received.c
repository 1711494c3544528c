/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
#include "config.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "rdns.h"
#include "received.h"

/*
 * fuzz_received: a saved message (or one Received value) as a user hands
 * it to check_smtp_helo_match --received, through
 * received_parse_message(), received_parse_value() and received_pick()
 * with and without hints.
 *
 * Input: the bytes of the file (an exact-size heap copy, so ASan sees any
 * read past the end). Checked: the result is 0 or -1, and -1 leaves an
 * empty list and says why; n <= RECEIVED_MAX_HOPS, n <= total and n is
 * min(total, RECEIVED_MAX_HOPS); hops keep their order (index = i, lines
 * rising); every string is NUL-terminated inside its field and the host
 * tokens hold no white space, parenthesis or ';'; the enums are in range
 * and agree with the strings (a name only with NAME/FORGED, nothing
 * without a from clause, no address bytes without has_addr); parsing twice
 * gives the same list; received_pick() returns a hop of the list with an
 * address, marks exactly that one PICKED, returns NULL only when no hop has
 * an address and then says why; a normal pick has nothing chosen above it;
 * picking by the chosen hop's address or HELO finds a hop at or above it
 * with that address or HELO; fixed hints give the first matching hop or,
 * when none matches, NULL.
 */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_field(const char *s, size_t cap, const char *banned)
{
	const char *end = memchr(s, '\0', cap);

	if (end == NULL || strpbrk(s, banned) != NULL) {
		abort();
	}
}

static void
check_hop(const struct received_hop *h)
{
	static const struct rdns_addr zero;

	check_field(h->helo, sizeof(h->helo), " \t\r\n();");
	check_field(h->rdns, sizeof(h->rdns), " \t\r\n();");
	check_field(h->by, sizeof(h->by), " \t\r\n();");
	check_field(h->with, sizeof(h->with), "\t\r\n();");
	check_field(h->via, sizeof(h->via), " \t\r\n();");
	if ((unsigned)h->rdns_state > RECEIVED_RDNS_FORGED ||
	    (unsigned)h->form > RECEIVED_FORM_COURIER ||
	    h->skip != RECEIVED_SKIP_NONE) {
		abort();
	}
	if ((h->rdns_state == RECEIVED_RDNS_NAME ||
	        h->rdns_state == RECEIVED_RDNS_FORGED) !=
	    (h->rdns[0] != '\0')) {
		abort();
	}
	if (h->has_addr
	        ? (h->addr.family != AF_INET && h->addr.family != AF_INET6)
	        : memcmp(&h->addr, &zero, sizeof(zero)) != 0) {
		abort();
	}
	if (!h->has_from && (h->helo[0] != '\0' || h->has_addr ||
	                        h->rdns_state != RECEIVED_RDNS_NOT_RECORDED ||
	                        h->form != RECEIVED_FORM_UNKNOWN)) {
		abort();
	}
}

static bool
same_hop(const struct received_hop *a, const struct received_hop *b)
{
	return a->index == b->index && a->line == b->line &&
	       a->has_from == b->has_from && strcmp(a->helo, b->helo) == 0 &&
	       a->rdns_state == b->rdns_state &&
	       strcmp(a->rdns, b->rdns) == 0 && a->has_addr == b->has_addr &&
	       (!a->has_addr || rdns_addr_equal(&a->addr, &b->addr)) &&
	       strcmp(a->by, b->by) == 0 && strcmp(a->with, b->with) == 0 &&
	       strcmp(a->via, b->via) == 0 && a->form == b->form &&
	       a->truncated == b->truncated;
}

/* The reference for hinted picks: ASCII case, one trailing dot ignored. */
static bool
helo_matches(const char *helo, const char *want)
{
	size_t a = strlen(helo), b = strlen(want), i;

	if (a > 0 && helo[a - 1] == '.') {
		a--;
	}
	if (b > 0 && want[b - 1] == '.') {
		b--;
	}
	if (a == 0 || a != b) {
		return false;
	}
	for (i = 0; i < a; i++) {
		char x = helo[i], y = want[i];

		x = (x >= 'A' && x <= 'Z') ? (char)(x - 'A' + 'a') : x;
		y = (y >= 'A' && y <= 'Z') ? (char)(y - 'A' + 'a') : y;
		if (x != y) {
			return false;
		}
	}
	return true;
}

static void
check_pick(struct received_list *l)
{
	char why[RECEIVED_WHY_MAX];
	const struct received_hop *p;
	struct received_select sel;
	const struct received_hop *q;
	struct rdns_addr hint;
	size_t i, picked = 0, first = l->n;
	bool any_addr = false;

	memset(why, 'x', sizeof(why));
	p = received_pick(l, NULL, why, sizeof(why));
	if (memchr(why, '\0', sizeof(why)) == NULL) {
		abort();
	}
	for (i = 0; i < l->n; i++) {
		any_addr = any_addr || l->hop[i].has_addr;
		if ((unsigned)l->hop[i].skip > RECEIVED_SKIP_NOT_SELECTED ||
		    l->hop[i].skip == RECEIVED_SKIP_NONE) {
			abort();
		}
		if (l->hop[i].skip == RECEIVED_SKIP_PICKED) {
			picked++;
		}
	}
	if (p == NULL) {
		if (any_addr || picked != 0 || why[0] == '\0') {
			abort();
		}
		return;
	}
	if (p < l->hop || p >= l->hop + l->n || !p->has_addr || !p->has_from ||
	    picked != 1 || p->skip != RECEIVED_SKIP_PICKED) {
		abort();
	}
	for (i = 0; why[0] == '\0' && i < p->index; i++) {
		if (l->hop[i].skip == RECEIVED_SKIP_BELOW) {
			abort(); /* a passing hop above the normal pick */
		}
	}
	/* The chosen hop's own address and HELO find it or one above. */
	hint = p->addr;
	memset(&sel, 0, sizeof(sel));
	sel.addrs = &hint;
	sel.naddrs = 1;
	q = received_pick(l, &sel, NULL, 0);
	if (q == NULL || q->index > p->index ||
	    !rdns_addr_equal(&q->addr, &hint)) {
		abort();
	}
	/* Fixed hints: the first hop matching either, or NULL. */
	if (rdns_addr_parse("198.51.100.10", &hint, NULL) != 0) {
		abort();
	}
	sel.helo = "mail.example.test";
	for (i = 0; i < l->n; i++) {
		const struct received_hop *h = &l->hop[i];

		if (h->has_from &&
		    ((h->has_addr && rdns_addr_equal(&h->addr, &hint)) ||
		        helo_matches(h->helo, sel.helo))) {
			first = i;
			break;
		}
	}
	q = received_pick(l, &sel, why, sizeof(why));
	if (first == l->n ? q != NULL || why[0] == '\0' : q != &l->hop[first]) {
		abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct received_list *l = malloc(sizeof(*l));
	struct received_list *l2 = malloc(sizeof(*l2));
	char *buf = malloc(size > 0 ? size : 1);
	struct received_hop h, h2;
	char err[128];
	int ret, ret2;
	size_t i;

	if (l == NULL || l2 == NULL || buf == NULL) {
		goto out;
	}
	memcpy(buf, data, size);
	memset(err, 'x', sizeof(err));
	ret = received_parse_message(buf, size, l, err, sizeof(err));
	if ((ret != 0 && ret != -1) || memchr(err, '\0', sizeof(err)) == NULL) {
		abort();
	}
	if (ret == -1) {
		if (err[0] == '\0' || l->n != 0 || l->total != 0) {
			abort();
		}
	} else if (err[0] != '\0' || l->n > RECEIVED_MAX_HOPS ||
	           l->n > l->total ||
	           l->n != (l->total < RECEIVED_MAX_HOPS ? l->total
	                                                 : RECEIVED_MAX_HOPS)) {
		abort();
	}
	for (i = 0; i < l->n; i++) {
		check_hop(&l->hop[i]);
		if (l->hop[i].index != i || l->hop[i].line == 0 ||
		    (i > 0 && l->hop[i].line <= l->hop[i - 1].line)) {
			abort();
		}
	}
	/* Deterministic: the same bytes give the same list. */
	ret2 = received_parse_message(buf, size, l2, NULL, 0);
	if (ret2 != ret || l2->n != l->n || l2->total != l->total) {
		abort();
	}
	for (i = 0; i < l->n; i++) {
		if (!same_hop(&l->hop[i], &l2->hop[i])) {
			abort();
		}
	}
	check_pick(l);
	/* The whole input as one header value. */
	ret = received_parse_value(buf, size, &h);
	ret2 = received_parse_value(buf, size, &h2);
	if ((ret != 0 && ret != -1) || ret2 != ret || !same_hop(&h, &h2)) {
		abort();
	}
	check_hop(&h);
out:
	free(l);
	free(l2);
	free(buf);
	return 0;
}
