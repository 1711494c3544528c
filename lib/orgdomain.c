/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
#include "config.h"

#include <ctype.h>
#include <libpsl.h>
#include <stdio.h>
#include <string.h>

#include "orgdomain.h"

static psl_ctx_t *loaded_psl; /* psl_latest's: ours to free */
static const psl_ctx_t *psl;
static int loaded;

void
orgdomain_release(void)
{
	psl_free(loaded_psl);
	loaded_psl = NULL;
	psl = NULL;
	loaded = 0;
}

int
orgdomain_registrable(const char *name, char *buf, size_t len)
{
	char low[256];
	const char *r;
	size_t n;
	size_t i;

	if (!loaded) {
		loaded = 1;
		loaded_psl = psl_latest(NULL);
		psl = loaded_psl;
		if (psl == NULL) {
			psl = psl_builtin();
		}
	}
	n = name != NULL ? strlen(name) : 0;
	if (n > 0 && name[n - 1] == '.') {
		n--;
	}
	if (psl == NULL || n == 0 || n >= sizeof(low) || len == 0) {
		return -1;
	}
	for (i = 0; i < n; i++) {
		low[i] = (char)tolower((unsigned char)name[i]);
	}
	low[n] = '\0';
	r = psl_registrable_domain(psl, low);
	if (r == NULL || strlen(r) >= len) {
		return -1;
	}
	snprintf(buf, len, "%s", r);
	return 0;
}
