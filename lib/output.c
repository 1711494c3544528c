/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "output.h"
#include "range.h"

/*
 * output: collects the results of one plugin run and prints them once, as
 * the Monitoring Plugins Development Guidelines describe (status line with
 * perfdata after '|', long output on the following lines, exit code 0..3).
 *
 * Text is escaped twice on purpose: callers sanitise network text where
 * they format it (output_sanitize), and rendering escapes whatever control
 * byte or '|' is still left, so one forgotten call cannot forge a line.
 */

/* A growing string; on allocation failure it stops growing and says so. */
struct sbuf {
	char *p;
	size_t len;
	size_t cap;
	bool oom;
};

static void
sbuf_add(struct sbuf *b, const char *s, size_t n)
{
	char *np;
	size_t ncap;

	if (b->oom) {
		return;
	}
	if (b->len + n + 1 > b->cap) {
		ncap = b->cap == 0 ? 256 : b->cap;
		while (ncap < b->len + n + 1) {
			ncap *= 2;
		}
		np = realloc(b->p, ncap);
		if (np == NULL) {
			b->oom = true;
			return;
		}
		b->p = np;
		b->cap = ncap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void
sbuf_str(struct sbuf *b, const char *s)
{
	sbuf_add(b, s, strlen(s));
}

/* True for bytes that may be printed as they are in a final line. */
static bool
printable(unsigned char c)
{
	return c >= 0x20 && c < 0x7f && c != '|';
}

/* Append s as one output line: leftover unsafe bytes escaped, length capped. */
static void
sbuf_line(struct sbuf *b, const char *s)
{
	char esc[8];
	size_t used = 0;
	const unsigned char *p;

	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		size_t run = 0;

		if (used >= OUTPUT_LINE_MAX - 3) {
			sbuf_str(b, "...");
			return;
		}
		/* Copy a run of safe bytes at once: this is the hot path. */
		while (p[run] != '\0' && printable(p[run]) &&
		       used + run < OUTPUT_LINE_MAX - 3) {
			run++;
		}
		if (run > 0) {
			sbuf_add(b, (const char *)p, run);
			used += run;
			p += run - 1;
		} else {
			snprintf(esc, sizeof(esc), "\\%03u", *p);
			sbuf_str(b, esc);
			used += 4;
		}
	}
}

enum state
state_worst(enum state a, enum state b)
{
	/* Rank in monitoring order: OK < UNKNOWN < WARNING < CRITICAL. */
	static const int rank[] = {0, 2, 3, 1};
	unsigned ia =
	    (unsigned)a <= STATE_UNKNOWN ? (unsigned)a : STATE_UNKNOWN;
	unsigned ib =
	    (unsigned)b <= STATE_UNKNOWN ? (unsigned)b : STATE_UNKNOWN;

	return rank[ia] >= rank[ib] ? (enum state)ia : (enum state)ib;
}

const char *
state_name(enum state s)
{
	switch (s) {
	case STATE_OK:
		return "OK";
	case STATE_WARNING:
		return "WARNING";
	case STATE_CRITICAL:
		return "CRITICAL";
	case STATE_UNKNOWN:
		break;
	}
	return "UNKNOWN";
}

int
state_parse(const char *text, enum state *out)
{
	static const char *const names[] = {"ok", "warning", "critical",
	    "unknown"};
	size_t i;

	if (text == NULL) {
		return -1;
	}
	if (text[0] >= '0' && text[0] <= '3' && text[1] == '\0') {
		*out = (enum state)(text[0] - '0');
		return 0;
	}
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (strcasecmp(text, names[i]) == 0) {
			*out = (enum state)i;
			return 0;
		}
	}
	return -1;
}

void
output_init(struct output *o, const char *service)
{
	memset(o, 0, sizeof(*o));
	o->service = service;
	o->state = STATE_OK;
}

void
output_release(struct output *o)
{
	size_t i;
	const char *service;

	if (o == NULL) {
		return;
	}
	service = o->service;

	for (i = 0; i < o->nlines; i++) {
		free(o->lines[i].text);
	}
	for (i = 0; i < o->ngroups; i++) {
		size_t k;

		for (k = 0; k < OUTPUT_GROUP_KEEP; k++) {
			free(o->groups[i].texts[k]);
		}
		free(o->groups[i].cause);
		free(o->groups[i].items);
	}
	free(o->groups);
	free(o->lines);
	free(o->summary);
	free(o->perf);
	output_init(o, service);
}

/* vasprintf into a new string, or NULL (and o->oom) on failure. */
static char *
format_text(struct output *o, const char *fmt, va_list ap)
{
	char *s = NULL;

	if (vasprintf(&s, fmt, ap) < 0) {
		o->oom = true;
		return NULL;
	}
	return s;
}

static void
add_line(struct output *o, enum output_line_kind kind, enum state st,
    char *text)
{
	struct output_line *nl;
	size_t ncap;

	if (text == NULL && kind != OUTPUT_GROUP) {
		return;
	}
	if (o->nlines == o->cap) {
		ncap = o->cap == 0 ? 8 : o->cap * 2;
		nl = realloc(o->lines, ncap * sizeof(*nl));
		if (nl == NULL) {
			free(text);
			o->oom = true;
			return;
		}
		o->lines = nl;
		o->cap = ncap;
	}
	o->lines[o->nlines].kind = kind;
	o->lines[o->nlines].state = st;
	o->lines[o->nlines].text = text;
	o->lines[o->nlines].group = o->ngroups > 0 ? o->ngroups - 1 : 0;
	o->nlines++;
}

/* The group of st and cause, made (with its line) when new; NULL: oom. */
static struct output_group *
find_group(struct output *o, enum state st, const char *cause)
{
	struct output_group *g;
	size_t i;

	for (i = 0; i < o->ngroups; i++) {
		if (o->groups[i].state == st &&
		    strcmp(o->groups[i].cause, cause) == 0) {
			return &o->groups[i];
		}
	}
	g = realloc(o->groups, (o->ngroups + 1) * sizeof(*g));
	if (g == NULL) {
		o->oom = true;
		return NULL;
	}
	o->groups = g;
	g = &g[o->ngroups];
	memset(g, 0, sizeof(*g));
	g->state = st;
	g->cause = strdup(cause);
	if (g->cause == NULL) {
		o->oom = true;
		return NULL;
	}
	o->ngroups++;
	add_line(o, OUTPUT_GROUP, st, NULL);
	return g;
}

void
output_result_item(struct output *o, enum state st, const char *cause,
    const char *item, const char *fmt, ...)
{
	struct output_group *g;
	va_list ap;
	char *n;
	size_t len;

	if (!o->brief || cause == NULL) {
		/* -v: every result a line of its own. */
		va_start(ap, fmt);
		add_line(o, OUTPUT_RESULT, st, format_text(o, fmt, ap));
		va_end(ap);
		output_state(o, st);
		return;
	}
	g = find_group(o, st, cause);
	output_state(o, st);
	if (g == NULL) {
		return;
	}
	if (g->count < OUTPUT_GROUP_KEEP) {
		va_start(ap, fmt);
		g->texts[g->count] = format_text(o, fmt, ap);
		va_end(ap);
	}
	if (g->nitems < OUTPUT_GROUP_ITEMS) {
		len = g->items != NULL ? strlen(g->items) : 0;
		n = realloc(g->items, len + strlen(item) + 3);
		if (n == NULL) {
			o->oom = true;
		} else {
			snprintf(n + len, strlen(item) + 3, "%s%s",
			    len > 0 ? ", " : "", item);
			g->items = n;
			g->nitems++;
		}
	}
	g->count++;
}

void
output_set_budget(struct output *o, size_t budget, bool brief)
{
	o->budget = budget;
	o->brief = brief;
}

void
output_result(struct output *o, enum state st, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	add_line(o, OUTPUT_RESULT, st, format_text(o, fmt, ap));
	va_end(ap);
	output_state(o, st);
}

void
output_detail(struct output *o, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	add_line(o, OUTPUT_DETAIL, STATE_OK, format_text(o, fmt, ap));
	va_end(ap);
}

void
output_state(struct output *o, enum state st)
{
	o->state = state_worst(o->state, st);
}

void
output_summary(struct output *o, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = format_text(o, fmt, ap);
	va_end(ap);
	if (s != NULL) {
		free(o->summary);
		o->summary = s;
	}
}

/*
 * Perfdata label: quoted when needed, a quote doubled, '=' and '|' dropped,
 * and ':' written as '_': Icinga 2 reads "::" in a label as the prefix of
 * a multi-check and puts it in front of every label after it, which an
 * IPv6 address as a prefix ("2001:db8::50_time") would set off.
 */
static void
perf_label(struct sbuf *b, const char *label)
{
	const char *p;
	bool quote = strpbrk(label, " '") != NULL;

	if (quote) {
		sbuf_str(b, "'");
	}
	for (p = label; *p != '\0'; p++) {
		if (*p == '\'') {
			sbuf_str(b, "''");
		} else if (*p == '=' || *p == ':' ||
		           !printable((unsigned char)*p)) {
			sbuf_str(b, "_");
		} else {
			sbuf_add(b, p, 1);
		}
	}
	if (quote) {
		sbuf_str(b, "'");
	}
}

/* output_perf, or with unknown its value as U (no unit). */
static int
perf_write(struct output *o, const struct perf *p, bool unknown)
{
	/* Any range that range_parse() accepts, any finite number. */
	char num[RANGE_NUMBER_MAX];
	char fields[4][RANGE_FORMAT_MAX];
	int last = -1;
	int i;
	struct sbuf b = {o->perf, o->perf_len, o->perf_cap, false};

	memset(fields, 0, sizeof(fields));
	if (p->th != NULL && p->th->warn_set) {
		if (range_format(&p->th->warn, fields[0], sizeof(fields[0])) !=
		    0) {
			return -1;
		}
		last = 0;
	}
	if (p->th != NULL && p->th->crit_set) {
		if (range_format(&p->th->crit, fields[1], sizeof(fields[1])) !=
		    0) {
			return -1;
		}
		last = 1;
	}
	if (p->has_min) {
		range_format_number(p->min, fields[2], sizeof(fields[2]));
		last = 2;
	}
	if (p->has_max) {
		range_format_number(p->max, fields[3], sizeof(fields[3]));
		last = 3;
	}
	if (unknown || p->unknown) {
		/* The guidelines' value for "could not be determined". */
		snprintf(num, sizeof(num), "U");
	} else if (p->decimals >= 0) {
		if (range_format_fixed(p->value, p->decimals, num,
		        sizeof(num)) != 0) {
			return -1;
		}
	} else if (range_format_number(p->value, num, sizeof(num)) != 0) {
		return -1;
	}

	if (b.len > 0) {
		sbuf_str(&b, " ");
	}
	perf_label(&b, p->label);
	sbuf_str(&b, "=");
	sbuf_str(&b, num);
	if (p->uom != NULL && !unknown && !p->unknown) {
		sbuf_str(&b, p->uom);
	}
	for (i = 0; i <= last; i++) {
		sbuf_str(&b, ";");
		sbuf_str(&b, fields[i]);
	}
	o->perf = b.p;
	o->perf_cap = b.cap;
	if (b.oom) {
		o->oom = true;
		return -1;
	}
	o->perf_len = b.len;
	return 0;
}

char *
output_sanitize(char *dst, size_t dstlen, const char *src, size_t len)
{
	size_t i;
	size_t need = 0;
	size_t used = 0;
	size_t reserve;
	unsigned char c;

	if (dstlen == 0) {
		return dst;
	}
	for (i = 0; i < len; i++) {
		c = (unsigned char)src[i];
		need += printable(c) && c != '\\' ? 1 : 4;
	}
	/* Keep room for "..." only when the text will not fit whole. */
	reserve = need < dstlen ? 0 : 3;
	for (i = 0; i < len; i++) {
		c = (unsigned char)src[i];
		if (printable(c) && c != '\\') {
			if (used + 1 + reserve >= dstlen) {
				break;
			}
			dst[used++] = (char)c;
		} else {
			if (used + 4 + reserve >= dstlen) {
				break;
			}
			snprintf(dst + used, dstlen - used, "\\%03u", c);
			used += 4;
		}
	}
	if (i < len && reserve > 0 && used + 3 < dstlen) {
		memcpy(dst + used, "...", 3);
		used += 3;
	}
	dst[used] = '\0';
	return dst;
}

/* The status text: explicit, else the results with the worst state. */
static void
render_summary(const struct output *o, struct sbuf *s)
{
	size_t i;
	size_t shown = 0;
	size_t more = 0;
	char tail[48];

	if (o->summary != NULL) {
		sbuf_str(s, o->summary);
		return;
	}
	for (i = 0; i < o->nlines; i++) {
		const struct output_line *l = &o->lines[i];
		const struct output_group *g =
		    l->kind == OUTPUT_GROUP ? &o->groups[l->group] : NULL;
		const char *texts[OUTPUT_GROUP_KEEP];
		size_t n = 0;
		size_t k;

		if (l->kind == OUTPUT_DETAIL || l->state != o->state) {
			continue;
		}
		if (g == NULL) {
			texts[n++] = l->text;
		}
		for (k = 0; g != NULL && k < OUTPUT_GROUP_KEEP; k++) {
			if (g->texts[k] != NULL) {
				texts[n++] = g->texts[k];
			}
		}
		if (g != NULL) {
			more += g->count - n;
		}
		for (k = 0; k < n; k++) {
			if (shown > 0 &&
			    s->len + strlen(texts[k]) > OUTPUT_SUMMARY_MAX) {
				more++;
				continue;
			}
			if (shown > 0) {
				sbuf_str(s, " / ");
			}
			sbuf_str(s, texts[k]);
			shown++;
		}
	}
	if (more > 0) {
		snprintf(tail, sizeof(tail), " (and %zu more)", more);
		sbuf_str(s, tail);
	}
	if (shown == 0) {
		sbuf_str(s, "no result");
	}
}

/* "[STATE] " and a result line. */
static void
result_line(struct sbuf *b, enum state st, const char *text)
{
	sbuf_str(b, "[");
	sbuf_str(b, state_name(st));
	sbuf_str(b, "] ");
	sbuf_line(b, text);
	sbuf_str(b, "\n");
}

/* n with a comma every three digits: "65,536". */
static void
thousands(size_t n, char *buf, size_t len)
{
	char digits[32];
	size_t nd;
	size_t i;
	size_t k = 0;

	nd = (size_t)snprintf(digits, sizeof(digits), "%zu", n);
	for (i = 0; i < nd && k + 2 < len; i++) {
		if (i > 0 && (nd - i) % 3 == 0) {
			buf[k++] = ',';
		}
		buf[k++] = digits[i];
	}
	buf[k] = '\0';
}

/* A group: its lines while few, else one line for all. */
static void
render_group(const struct output *o, const struct output_group *g,
    struct sbuf *b)
{
	char count[40];
	char more[64] = "";
	char *line = NULL;
	size_t k;

	if (g->count <= OUTPUT_GROUP_KEEP) {
		for (k = 0; k < g->count; k++) {
			if (g->texts[k] != NULL) {
				result_line(b, g->state, g->texts[k]);
			}
		}
		return;
	}
	thousands(g->count, count, sizeof(count));
	if (g->count > g->nitems) {
		char rest[32];

		thousands(g->count - g->nitems, rest, sizeof(rest));
		snprintf(more, sizeof(more), " and %s more", rest);
	}
	if (asprintf(&line, "%s %s: %s: %s%s", count,
	        o->item_noun != NULL ? o->item_noun : "addresses", g->cause,
	        g->items != NULL ? g->items : "", more) < 0) {
		b->oom = true;
		return;
	}
	result_line(b, g->state, line);
	free(line);
}

/* The long output: results (unless hidden), groups and details. */
static void
render_body(const struct output *o, bool results, struct sbuf *b)
{
	size_t hidden = 0;
	size_t i;
	char line[96];

	for (i = 0; i < o->nlines; i++) {
		const struct output_line *l = &o->lines[i];

		if (l->kind == OUTPUT_DETAIL) {
			sbuf_line(b, l->text);
			sbuf_str(b, "\n");
			continue;
		}
		if (o->brief && l->state == STATE_OK) {
			hidden += l->kind == OUTPUT_GROUP
			              ? o->groups[l->group].count
			              : 1;
			continue;
		}
		if (!results) {
			continue;
		}
		if (l->kind == OUTPUT_GROUP) {
			render_group(o, &o->groups[l->group], b);
		} else {
			result_line(b, l->state, l->text);
		}
	}
	/* An OK status line without a summary of its own lists them. */
	if (hidden > 0 && results &&
	    (o->summary != NULL || o->state != STATE_OK)) {
		char n[32];

		thousands(hidden, n, sizeof(n));
		snprintf(line, sizeof(line), "%s OK not listed (-v lists them)",
		    n);
		sbuf_str(b, line);
		sbuf_str(b, "\n");
	}
}

/*
 * Cut the long output at a whole line so that the status line (head
 * bytes) and it stay within o->budget, and say how many lines were left
 * out.
 */
static void
cut_to_budget(const struct output *o, size_t head, struct sbuf *b)
{
	char tail[160];
	size_t keep = 0;
	size_t left = 0;
	size_t room;
	size_t i;
	int n;

	if (o->budget == 0 || b->p == NULL || head + b->len <= o->budget) {
		return;
	}
	room = o->budget > head + sizeof(tail) ? o->budget - head - sizeof(tail)
	                                       : 0;
	for (i = 0; i < b->len; i++) {
		if (b->p[i] == '\n') {
			if (i + 1 <= room) {
				keep = i + 1;
			} else {
				left++;
			}
		}
	}
	n = snprintf(tail, sizeof(tail),
	    "(%zu more lines not shown: the output is kept within %zu bytes, "
	    "--output-max sets it)\n",
	    left, o->budget);
	b->len = keep;
	b->p[keep] = '\0';
	if (n > 0) {
		sbuf_str(b, tail);
	}
}

char *
output_render(const struct output *o)
{
	struct sbuf out = {NULL, 0, 0, false};
	struct sbuf sum = {NULL, 0, 0, false};
	struct sbuf body = {NULL, 0, 0, false};
	size_t i;
	size_t results = 0;

	render_summary(o, &sum);
	if (sum.oom) {
		free(sum.p);
		return NULL;
	}
	sbuf_str(&out, o->service);
	sbuf_str(&out, " ");
	sbuf_str(&out, state_name(o->state));
	sbuf_str(&out, " - ");
	sbuf_line(&out, sum.p);
	free(sum.p);
	if (o->perf_len > 0) {
		sbuf_str(&out, " | ");
		sbuf_str(&out, o->perf);
	}
	sbuf_str(&out, "\n");

	for (i = 0; i < o->nlines; i++) {
		if (o->lines[i].kind == OUTPUT_RESULT) {
			results++;
		} else if (o->lines[i].kind == OUTPUT_GROUP) {
			results += o->groups[o->lines[i].group].count;
		}
	}
	/* One result is the status line already. */
	render_body(o, results >= 2, &body);
	cut_to_budget(o, out.len, &body);
	if (body.p != NULL) {
		sbuf_str(&out, body.p);
	}
	out.oom = out.oom || body.oom;
	free(body.p);
	if (out.oom) {
		free(out.p);
		return NULL;
	}
	return out.p;
}

int
output_exit(struct output *o, FILE *fp)
{
	char *text = NULL;
	enum state st = o->state;

	if (!o->oom) {
		text = output_render(o);
	}
	if (text == NULL) {
		fprintf(fp, "%s UNKNOWN - out of memory\n", o->service);
		st = STATE_UNKNOWN;
	} else {
		fputs(text, fp);
		free(text);
	}
	/*
	 * A result nobody can read is no result: stdout on a full disk or
	 * closed. Say so where it may still be seen, and exit UNKNOWN rather
	 * than a state whose text was lost.
	 */
	if (fflush(fp) != 0 || ferror(fp)) {
		int e = errno;

		fprintf(stderr, "%s UNKNOWN - cannot write the result: %s\n",
		    o->service, strerror(e));
		st = STATE_UNKNOWN;
	}
	output_release(o);
	return (int)st;
}

int
output_perf(struct output *o, const struct perf *p)
{
	return perf_write(o, p, false);
}

int
output_perf_unknown(struct output *o, const struct perf *p)
{
	return perf_write(o, p, true);
}
