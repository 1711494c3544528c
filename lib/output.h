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
	OUTPUT_GROUP,  /* where a group of results is printed */
};

struct output_line {
	enum output_line_kind kind;
	enum state state;
	char *text;   /* owned; NULL for OUTPUT_GROUP */
	size_t group; /* OUTPUT_GROUP: index in output.groups */
};

/* Results of one state and cause, printed whole while they are few. */
#define OUTPUT_GROUP_KEEP 3   /* more than this: one line for all */
#define OUTPUT_GROUP_ITEMS 10 /* items named in that line */

struct output_group {
	enum state state;
	char *cause;  /* "the PTR name resolves to another address"; owned */
	size_t count; /* results in the group */
	char *texts[OUTPUT_GROUP_KEEP]; /* the first lines whole; owned */
	char *items; /* "a, b, c" of the first OUTPUT_GROUP_ITEMS; owned */
	size_t nitems;
};

/* Default byte budget of the whole output (output_set_budget). */
#define OUTPUT_BUDGET_DEFAULT 8000

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
	bool oom;                    /* an allocation failed: exit UNKNOWN */
	struct output_group *groups; /* owned */
	size_t ngroups;
	bool brief;    /* OK results not listed, problems grouped (no -v) */
	size_t hidden; /* OK results not listed */
	size_t budget; /* bytes of the whole output at most; 0: no limit */
	const char *item_noun; /* of grouped items: "addresses" (NULL) */
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
	bool unknown; /* not measured: the value is written "U" */
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
/*
 * Record a checked item that belongs to a group of its state and cause
 * (many addresses of a range): merges st like output_result. In brief
 * output, while a group has at most OUTPUT_GROUP_KEEP results each is a
 * line of its own; beyond, the group is one line "N ITEMS: CAUSE: a, b,
 * ... and K more" at the place of its first result. Otherwise (-v), or
 * without a cause, it is output_result. item names the result
 * ("198.51.100.7").
 */
void output_result_item(struct output *o, enum state st, const char *cause,
    const char *item, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/*
 * Keep the long output within budget bytes in all (0: no limit): the
 * status line always, then whole long-output lines while they fit, then a
 * line that counts what was left out. brief (without -v): OK results
 * are counted, not listed (a line says how many), and problems of one
 * cause are grouped (output_result_item).
 */
void output_set_budget(struct output *o, size_t budget, bool brief);

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
 * The same for a value that was not measured: printed as U, without the
 * unit (the guidelines' "U"), so that the set of labels stays the same.
 */
int output_perf_unknown(struct output *o, const struct perf *p);

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
