/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
/*
 * output: plugin states, the status line, long output and perfdata, in the
 * form of the Monitoring Plugins Development Guidelines.
 *
 *   SERVICE STATE - summary | perfdata
 *   long output line
 *   ...
 *
 * The worst state wins (CRITICAL > WARNING > UNKNOWN > OK). Every byte that
 * came off the network must pass through output_sanitize() before it is
 * formatted into a message; output_exit() also escapes any control byte,
 * non-ASCII byte or '|' left in the text, so that nothing can add a line or
 * a perfdata field.
 */
#ifndef RDNS_OUTPUT_H
#define RDNS_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct thresholds;

enum state {
	STATE_OK = 0,
	STATE_WARNING = 1,
	STATE_CRITICAL = 2,
	STATE_UNKNOWN = 3,
};

/* Longest status or long-output line printed; longer ones end in "...". */
#define OUTPUT_LINE_MAX 2048
/* Longest summary built from several results. */
#define OUTPUT_SUMMARY_MAX 600

enum output_line_kind {
	OUTPUT_RESULT, /* a checked item with its own state */
	OUTPUT_DETAIL, /* explanation, printed as it is */
};

struct output_line {
	enum output_line_kind kind;
	enum state state;
	char *text; /* owned */
};

struct output {
	const char *service; /* "PTR"; not owned, must outlive the struct */
	enum state state;    /* worst state so far */
	char *summary;       /* explicit summary or NULL; owned */
	struct output_line *lines; /* owned */
	size_t nlines;
	size_t cap;
	char *perf; /* space-separated perfdata; owned */
	size_t perf_len;
	size_t perf_cap;
	bool oom; /* an allocation failed: exit UNKNOWN */
};

/* One perfdata item. Only label and value are required. */
struct perf {
	const char *label; /* quoted on output when it holds space or ' */
	double value;
	const char *uom; /* "s", "" or NULL, ... */
	int decimals;    /* fixed decimals, or -1 for the shortest form */
	const struct thresholds *th; /* warn and crit fields, or NULL */
	bool has_min;
	double min;
	bool has_max;
	double max;
};

/* Worse of two states in monitoring order: CRITICAL > WARNING > UNKNOWN > OK.
 */
enum state state_worst(enum state a, enum state b);
/* "OK", "WARNING", "CRITICAL", "UNKNOWN". */
const char *state_name(enum state s);
/*
 * Parse a state name ("ok", "Warning", ...) or digit "0".."3" into *out.
 * Returns 0, or -1 for anything else.
 */
int state_parse(const char *text, enum state *out);

/* Start an empty result set, state OK. service is not copied. */
void output_init(struct output *o, const char *service);
/*
 * Free everything; the struct is as after output_init(o, o->service).
 * NULL is fine.
 */
void output_release(struct output *o);

/*
 * Record a checked item: merges st into the overall state and adds a long
 * output line "[STATE] text". Without an explicit summary the status line
 * is built from the texts of the results with the worst state.
 */
void output_result(struct output *o, enum state st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Add a plain long-output line (explanations, -v detail). */
void output_detail(struct output *o, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Merge a state without adding text. */
void output_state(struct output *o, enum state st);
/* Set the status-line text explicitly (replaces an earlier one). */
void output_summary(struct output *o, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/*
 * Append one perfdata item. Returns 0, or -1 when the item cannot be
 * formatted (then o->oom or nothing is added).
 */
int output_perf(struct output *o, const struct perf *p);

/*
 * Copy len bytes of untrusted text into dst (size dstlen, always
 * NUL-terminated): printable ASCII is kept, '|' and '\' and every other byte
 * become a \DDD escape, and text that does not fit ends in "...".
 * Returns dst.
 */
char *output_sanitize(char *dst, size_t dstlen, const char *src, size_t len);

/*
 * Render the status line, long output and perfdata into a malloc'd string
 * (caller frees), or NULL when out of memory.
 */
char *output_render(const struct output *o);

/*
 * Print to fp what output_render() gives (a fixed UNKNOWN line when out of
 * memory), release o and return the exit code 0..3: 3 (UNKNOWN), with a
 * line on stderr, when fp cannot take the text (a full disk, a closed fd).
 */
int output_exit(struct output *o, FILE *fp);

#endif /* RDNS_OUTPUT_H */
