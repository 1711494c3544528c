/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
/*
 * report: the machine-readable report of a run (--report FILE), one JSON
 * object per checked address and line (JSON Lines), for users who want
 * every address of a range with its verdict and the facts behind it,
 * which the plugin output (bounded for NRPE and the monitoring cores)
 * cannot carry.
 *
 * Strings are escaped as RFC 8259 asks; bytes that are not printable
 * ASCII become \u00XX, so the file is ASCII whatever DNS sent. A write
 * error is remembered and told by report_close().
 */
#ifndef RDNS_REPORT_H
#define RDNS_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct report {
	FILE *fp;
	bool first;  /* no member yet in the current object */
	bool failed; /* a write failed */
	int depth;   /* open objects and arrays */
};

/*
 * Open path for writing (truncated). "-" is refused: stdout carries the
 * plugin output. Returns 0, or -1 with a reason in err.
 */
int report_open(struct report *r, const char *path, char *err, size_t errlen);

/* Begin and end one object (a line). */
void report_begin(struct report *r);
void report_end(struct report *r);

/* Members of the current object; key and s are C strings. */
void report_str(struct report *r, const char *key, const char *s);
void report_num(struct report *r, const char *key, double v);
void report_uint(struct report *r, const char *key, size_t v);
void report_bool(struct report *r, const char *key, bool v);
void report_null(struct report *r, const char *key);

/* An array member, its string items, its end. */
void report_array(struct report *r, const char *key);
void report_item(struct report *r, const char *s);
void report_array_end(struct report *r);

/* An object member (inside an array: key NULL), and its end. */
void report_object(struct report *r, const char *key);
void report_object_end(struct report *r);

/*
 * Close the file. Returns 0, or -1 with a reason in err when a write or
 * the close failed. NULL fp (never opened) is fine.
 */
int report_close(struct report *r, char *err, size_t errlen);

#endif /* RDNS_REPORT_H */
