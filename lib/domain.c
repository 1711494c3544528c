/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
#include "config.h"

#include <libpsl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain.h"
#include "rdns.h"
#include "text.h"

/*
 * domain: the list built into libpsl (static data: no file is read, so the
 * pure judges may ask), else the newest one the system has (Debian's
 * publicsuffix package), loaded once and freed at exit.
 */

/* Longest public suffix looked for, in labels, plus one. */
#define DOMAIN_SUFFIX_LABELS_MAX 5

static const psl_ctx_t *list;
static bool tried;

static void
release(void)
{
	psl_free((psl_ctx_t *)list);
	list = NULL;
}

static const psl_ctx_t *
get_list(void)
{
	if (!tried) {
		tried = true;
		list = psl_builtin();
		if (list == NULL) {
			list = psl_latest(NULL);
			if (list != NULL) {
				atexit(release);
			}
		}
	}
	return list;
}

/* name lowercased, without its trailing dot; -1 when it does not fit. */
static int
plain(const char *name, char *buf, size_t len)
{
	size_t n = strlen(name);
	size_t i;

	if (n > 0 && name[n - 1] == '.') {
		n--;
	}
	if (n == 0 || n >= len) {
		return -1;
	}
	for (i = 0; i < n; i++) {
		buf[i] = text_lower(name[i]);
	}
	buf[n] = '\0';
	return 0;
}

int
domain_registrable(const char *name, char *out, size_t len)
{
	const psl_ctx_t *l = get_list();
	char buf[RDNS_NAME_TEXT_MAX];
	const char *r;

	if (l == NULL || plain(name, buf, sizeof(buf)) != 0) {
		return -1;
	}
	r = psl_registrable_domain(l, buf);
	if (r == NULL || strlen(r) >= len) {
		return -1;
	}
	memcpy(out, r, strlen(r) + 1);
	return 0;
}

bool
domain_same_org(const char *a, const char *b)
{
	char ra[RDNS_NAME_TEXT_MAX];
	char rb[RDNS_NAME_TEXT_MAX];

	return domain_registrable(a, ra, sizeof(ra)) == 0 &&
	       domain_registrable(b, rb, sizeof(rb)) == 0 &&
	       strcmp(ra, rb) == 0;
}

int
domain_suffix_labels(const char *name)
{
	/*
	 * The last answer, kept with the tail of the name that decided it:
	 * the names of a range share their provider's domain, and the list
	 * look-ups were a tenth of a /16's time outside the kernel.
	 */
	static struct {
		char tail[RDNS_NAME_TEXT_MAX];
		int labels; /* of tail; 0: nothing kept */
		int result;
	} last;
	const psl_ctx_t *l = get_list();
	const char *starts[DOMAIN_SUFFIX_LABELS_MAX];
	const char *p;
	int n = 0;
	int i;
	int k;

	if (l == NULL) {
		return 1;
	}
	/* The last DOMAIN_SUFFIX_LABELS_MAX label starts, from the right. */
	starts[n++] = name + strlen(name);
	for (p = starts[0]; p > name && n < DOMAIN_SUFFIX_LABELS_MAX; p--) {
		if (p[-1] == '.') {
			starts[n++] = p;
		}
	}
	if (p == name && n < DOMAIN_SUFFIX_LABELS_MAX) {
		starts[n++] = name;
	}
	if (last.labels > 0 && last.labels < n &&
	    strcmp(starts[last.labels], last.tail) == 0) {
		return last.result; /* the same look-ups would follow */
	}
	/*
	 * The longest ICANN public suffix: the list nests ("co.uk" under
	 * "uk"), so climb from two labels while each is one; most names stop
	 * after one look-up.
	 */
	for (i = 2; i < n; i++) {
		if (!psl_is_public_suffix2(l, starts[i],
		        PSL_TYPE_ICANN | PSL_TYPE_NO_STAR_RULE)) {
			break;
		}
	}
	if (i > 2) {
		k = i - 1;
	} else {
		k = n > 1 && psl_is_public_suffix2(l, starts[1],
		                 PSL_TYPE_ICANN | PSL_TYPE_NO_STAR_RULE)
		        ? 1
		        : 0;
	}
	/* Kept only when a tail that is no suffix stopped the climb: then
	 * that tail (and what it ends with) decided, not the name's length. */
	if (i < n && strlen(starts[i]) < sizeof(last.tail)) {
		memcpy(last.tail, starts[i], strlen(starts[i]) + 1);
		last.labels = i;
		last.result = k;
	}
	return k;
}

bool
domain_is_public_suffix(const char *name)
{
	const psl_ctx_t *l = get_list();
	char buf[RDNS_NAME_TEXT_MAX];

	return l != NULL && plain(name, buf, sizeof(buf)) == 0 &&
	       psl_is_public_suffix2(l, buf, PSL_TYPE_ANY) != 0;
}
