/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report.h"

/*
 * report: a small JSON Lines writer; no JSON library for a handful of
 * members per line.
 */

int
report_open(struct report *r, const char *path, char *err, size_t errlen)
{
	memset(r, 0, sizeof(*r));
	if (strcmp(path, "-") == 0) {
		snprintf(err, errlen,
		    "--report -: the plugin output goes to stdout, give a "
		    "file");
		return -1;
	}
	r->fp = fopen(path, "w");
	if (r->fp == NULL) {
		snprintf(err, errlen, "cannot write --report '%.200s': %s",
		    path, strerror(errno));
		return -1;
	}
	return 0;
}

static void
put(struct report *r, const char *s)
{
	if (r->fp != NULL && fputs(s, r->fp) == EOF) {
		r->failed = true;
	}
}

/* A JSON string: quotes, escapes, non-ASCII as \u00XX. */
static void
put_string(struct report *r, const char *s)
{
	char esc[8];
	const unsigned char *p;

	put(r, "\"");
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\') {
			esc[0] = '\\';
			esc[1] = (char)*p;
			esc[2] = '\0';
		} else if (*p < 0x20 || *p >= 0x7f) {
			snprintf(esc, sizeof(esc), "\\u%04x", *p);
		} else {
			esc[0] = (char)*p;
			esc[1] = '\0';
		}
		put(r, esc);
	}
	put(r, "\"");
}

/* The separator and the key of the next member (key NULL: an item). */
static void
member(struct report *r, const char *key)
{
	if (!r->first) {
		put(r, ",");
	}
	r->first = false;
	if (key != NULL) {
		put_string(r, key);
		put(r, ":");
	}
}

void
report_begin(struct report *r)
{
	put(r, "{");
	r->first = true;
	r->depth = 1;
}

void
report_end(struct report *r)
{
	put(r, "}\n");
	r->depth = 0;
}

void
report_str(struct report *r, const char *key, const char *s)
{
	member(r, key);
	put_string(r, s != NULL ? s : "");
}

void
report_num(struct report *r, const char *key, double v)
{
	char num[64];

	member(r, key);
	if (!isfinite(v)) {
		put(r, "null");
		return;
	}
	snprintf(num, sizeof(num), "%.6f", v);
	put(r, num);
}

void
report_uint(struct report *r, const char *key, size_t v)
{
	char num[32];

	member(r, key);
	snprintf(num, sizeof(num), "%zu", v);
	put(r, num);
}

void
report_bool(struct report *r, const char *key, bool v)
{
	member(r, key);
	put(r, v ? "true" : "false");
}

void
report_null(struct report *r, const char *key)
{
	member(r, key);
	put(r, "null");
}

void
report_array(struct report *r, const char *key)
{
	member(r, key);
	put(r, "[");
	r->first = true;
	r->depth++;
}

void
report_item(struct report *r, const char *s)
{
	member(r, NULL);
	put_string(r, s);
}

void
report_array_end(struct report *r)
{
	put(r, "]");
	r->first = false;
	r->depth--;
}

void
report_object(struct report *r, const char *key)
{
	member(r, key);
	put(r, "{");
	r->first = true;
	r->depth++;
}

void
report_object_end(struct report *r)
{
	put(r, "}");
	r->first = false;
	r->depth--;
}

int
report_close(struct report *r, char *err, size_t errlen)
{
	int rc = 0;

	if (r->fp == NULL) {
		return 0;
	}
	if (fclose(r->fp) != 0 || r->failed) {
		snprintf(err, errlen, "cannot write the --report file: %s",
		    r->failed ? "a write failed" : strerror(errno));
		rc = -1;
	}
	r->fp = NULL;
	return rc;
}
