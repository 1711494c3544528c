/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "clock.h"
#include "helo.h"
#include "inventory.h"

/* --- parsing (pure) ---------------------------------------------------------
 */

static void row_error(struct inventory *inv, const char *name, size_t line,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void
row_error(struct inventory *inv, const char *name, size_t line, const char *fmt,
    ...)
{
	char why[VERDICT_TEXT_MAX];
	va_list ap;

	inv->errors_total++;
	if (inv->nerrors == INVENTORY_ERRORS_KEPT) {
		return;
	}
	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	verdict_set(&inv->errors[inv->nerrors++], STATE_UNKNOWN, PIECE_INPUT,
	    FIXER_OPERATOR, "%s:%zu: %s", name, line, why);
}

/* The row that has a already, or NULL; remembers a as row idx otherwise. */
static const struct inventory_row *
seen(struct inventory *inv, const struct rdns_addr *a, size_t idx)
{
	size_t i;
	uint32_t s;

	for (i = rdns_addr_hash(a) & (inv->nslot - 1); (s = inv->slot[i]) != 0;
	     i = (i + 1) & (inv->nslot - 1)) {
		if (rdns_addr_equal(&inv->rows[s - 1].addr, a)) {
			return &inv->rows[s - 1];
		}
	}
	inv->slot[i] = (uint32_t)idx + 1;
	return NULL;
}

/* Split off the next field of *s (up to end); blanks or commas. */
static size_t
next_field(const char **s, const char *end, bool csv, const char **field)
{
	const char *p = *s;
	const char *f;
	size_t n;

	while (p < end && (*p == ' ' || *p == '\t')) {
		p++;
	}
	f = p;
	if (csv) {
		while (p < end && *p != ',') {
			p++;
		}
		n = (size_t)(p - f);
		while (n > 0 && (f[n - 1] == ' ' || f[n - 1] == '\t')) {
			n--;
		}
		*s = p < end ? p + 1 : p;
	} else {
		while (p < end && *p != ' ' && *p != '\t') {
			p++;
		}
		n = (size_t)(p - f);
		*s = p;
	}
	*field = f;
	return n;
}

/* A name field (PTR or HELO) into *out (normalised, malloc'd). */
static int
take_name(struct inventory *inv, const char *name, size_t line,
    const char *what, const char *f, size_t n, char **out)
{
	bool helo = strcmp(what, "HELO") == 0;
	char text[RDNS_NAME_TEXT_MAX];
	char norm[RDNS_NAME_TEXT_MAX];
	char shown[128];
	enum rdns_name_check c;

	*out = NULL;
	if (n == 0 || (n == 1 && f[0] == '-')) {
		return 0;
	}
	output_sanitize(shown, sizeof(shown), f, n);
	if (n >= sizeof(text)) {
		row_error(inv, name, line, "bad %s name '%s': too long", what,
		    shown);
		return -1;
	}
	memcpy(text, f, n);
	text[n] = '\0';
	c = rdns_name_check(text);
	if (helo && c == RDNS_NAME_ADDRESS_LITERAL) {
		/* a finding of the row (lib/helo), not a file error */
		snprintf(norm, sizeof(norm), "%s", text);
	} else if ((c != RDNS_NAME_VALID &&
	               !(helo && c == RDNS_NAME_NOT_FQDN)) ||
	           rdns_name_normalize(text, norm, sizeof(norm)) != 0) {
		row_error(inv, name, line, "bad %s name '%s': %s", what, shown,
		    rdns_name_check_str(c));
		return -1;
	}
	*out = strdup(norm);
	if (*out == NULL) {
		inv->oom = true;
		return -1;
	}
	return 0;
}

/* One line (without its end of line); a row appended when it is good. */
static void
parse_line(struct inventory *inv, const char *name, size_t line, const char *s,
    const char *end, size_t max_rows)
{
	struct inventory_row row;
	const struct inventory_row *dup;
	char text[RDNS_ADDR_TEXT_MAX + 8];
	char shown[128];
	const char *f;
	const char *hash;
	bool csv;
	bool mapped;
	size_t n;

	/* a comment: the line from '#' at its start or after a blank */
	for (hash = s; hash < end; hash++) {
		if (*hash == '#' && (hash == s || hash[-1] == ' ' ||
		                        hash[-1] == '\t' || hash[-1] == ',')) {
			end = hash;
			break;
		}
	}
	while (end > s && (end[-1] == ' ' || end[-1] == '\t')) {
		end--;
	}
	while (s < end && (*s == ' ' || *s == '\t')) {
		s++;
	}
	if (s == end) {
		return;
	}
	csv = memchr(s, ',', (size_t)(end - s)) != NULL;
	memset(&row, 0, sizeof(row));
	row.line = (uint32_t)line;

	n = next_field(&s, end, csv, &f);
	output_sanitize(shown, sizeof(shown), f, n);
	if (n == 0 || n >= sizeof(text)) {
		row_error(inv, name, line, "bad address '%s'", shown);
		return;
	}
	memcpy(text, f, n);
	text[n] = '\0';
	if (rdns_addr_parse(text, &row.addr, &mapped) != 0) {
		row_error(inv, name, line, "bad address '%s'", shown);
		return;
	}
	n = next_field(&s, end, csv, &f);
	if (take_name(inv, name, line, "PTR", f, n, &row.ptr) != 0) {
		goto fail;
	}
	n = next_field(&s, end, csv, &f);
	if (take_name(inv, name, line, "HELO", f, n, &row.helo) != 0) {
		goto fail;
	}
	/* the label: the rest of the line */
	while (s < end && (*s == ' ' || *s == '\t')) {
		s++;
	}
	if (csv && memchr(s, ',', (size_t)(end - s)) != NULL) {
		row_error(inv, name, line,
		    "more than 4 fields (address, PTR, HELO, label)");
		goto fail;
	}
	if ((size_t)(end - s) > INVENTORY_LABEL_MAX) {
		row_error(inv, name, line, "label longer than %d bytes",
		    INVENTORY_LABEL_MAX);
		goto fail;
	}
	if (s < end && !((size_t)(end - s) == 1 && *s == '-')) {
		char lab[4 * INVENTORY_LABEL_MAX + 8];

		output_sanitize(lab, sizeof(lab), s, (size_t)(end - s));
		row.label = strdup(lab);
		if (row.label == NULL) {
			inv->oom = true;
			goto fail;
		}
	}
	if (inv->n >= max_rows) {
		row_error(inv, name, line,
		    "more than %zu rows: split the file over several checks",
		    max_rows);
		inv->too_many = true;
		goto fail;
	}
	if (inv->n == inv->cap) {
		size_t ncap = inv->cap == 0 ? 64 : inv->cap * 2;
		struct inventory_row *nr =
		    realloc(inv->rows, ncap * sizeof(*nr));

		if (nr == NULL) {
			inv->oom = true;
			goto fail;
		}
		inv->rows = nr;
		inv->cap = ncap;
	}
	inv->rows[inv->n] = row;
	dup = seen(inv, &row.addr, inv->n);
	if (dup != NULL) {
		(void)rdns_addr_format(&row.addr, text, sizeof(text));
		row_error(inv, name, line,
		    "duplicate row: %s is also on line %u", text,
		    (unsigned)dup->line);
		goto fail;
	}
	inv->n++;
	return;
fail:
	free(row.ptr);
	free(row.helo);
	free(row.label);
}

long
inventory_parse(const char *buf, size_t len, const char *name, size_t max_rows,
    struct inventory *inv)
{
	const char *s = buf;
	const char *end = buf + len;
	size_t line = 0;
	size_t want;

	memset(inv, 0, sizeof(*inv));
	/* the index: a power of two, at least twice the rows possible */
	want = max_rows < len / 2 + 1 ? max_rows : len / 2 + 1;
	for (inv->nslot = 16; inv->nslot < 2 * want; inv->nslot *= 2) {
	}
	inv->slot = calloc(inv->nslot, sizeof(*inv->slot));
	if (inv->slot == NULL) {
		inv->oom = true;
		return -1;
	}
	if (len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0) {
		s += 3; /* a UTF-8 byte order mark */
	}
	while (s < end && !inv->oom && !inv->too_many) {
		const char *eol = memchr(s, '\n', (size_t)(end - s));
		const char *le = eol != NULL ? eol : end;

		line++;
		if (le > s && le[-1] == '\r') {
			le--;
		}
		if (memchr(s, '\0', (size_t)(le - s)) != NULL) {
			row_error(inv, name, line,
			    "a NUL byte: not a text file");
		} else if (memchr(s, '\r', (size_t)(le - s)) != NULL) {
			row_error(inv, name, line,
			    "a CR inside the line (old Mac line ends?)");
		} else if ((size_t)(le - s) > INVENTORY_LINE_MAX) {
			row_error(inv, name, line, "line longer than %d bytes",
			    INVENTORY_LINE_MAX);
		} else {
			parse_line(inv, name, line, s, le, max_rows);
		}
		s = eol != NULL ? eol + 1 : end;
	}
	if (inv->oom) {
		return -1;
	}
	if (inv->n == 0 && inv->errors_total == 0) {
		row_error(inv, name, line,
		    "no rows (only comments or blank "
		    "lines)");
	}
	return (long)inv->errors_total;
}

void
inventory_release(struct inventory *inv)
{
	size_t i;

	if (inv == NULL) {
		return;
	}
	for (i = 0; i < inv->n; i++) {
		free(inv->rows[i].ptr);
		free(inv->rows[i].helo);
		free(inv->rows[i].label);
	}
	free(inv->rows);
	free(inv->slot);
	memset(inv, 0, sizeof(*inv));
}

/* --- reading within -t
 * -------------------------------------------------------- */

int
inventory_read(int fd, double deadline, char **buf, size_t *len, char *err,
    size_t errlen)
{
	size_t cap = 64 * 1024;
	size_t n = 0;
	char *b = malloc(cap + 1);

	*buf = NULL;
	*len = 0;
	if (b == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	for (;;) {
		struct pollfd p = {fd, POLLIN, 0};
		double left = deadline - clock_now();
		ssize_t got;
		int pr;

		if (left <= 0) {
			snprintf(err, errlen,
			    "not read within the timeout (%zu bytes read)", n);
			goto fail;
		}
		pr = poll(&p, 1, (int)(left * 1000.0) + 1);
		if (pr < 0 && errno == EINTR) {
			continue;
		}
		if (pr < 0) {
			snprintf(err, errlen, "%s", strerror(errno));
			goto fail;
		}
		if (pr == 0) {
			continue; /* the deadline check above ends it */
		}
		if (n == cap) {
			char *nb;

			if (cap >= INVENTORY_BYTES_MAX) {
				snprintf(err, errlen,
				    "larger than %u MB: split it",
				    INVENTORY_BYTES_MAX / (1024u * 1024u));
				goto fail;
			}
			cap *= 2;
			nb = realloc(b, cap + 1);
			if (nb == NULL) {
				snprintf(err, errlen, "out of memory");
				goto fail;
			}
			b = nb;
		}
		got = read(fd, b + n, cap - n);
		if (got < 0 && (errno == EINTR || errno == EAGAIN)) {
			continue;
		}
		if (got < 0) {
			snprintf(err, errlen, "%s", strerror(errno));
			goto fail;
		}
		if (got == 0) {
			break;
		}
		n += (size_t)got;
	}
	b[n] = '\0';
	*buf = b;
	*len = n;
	return 0;
fail:
	free(b);
	return -1;
}

/* --- the row's own findings
 * ------------------------------------------------------ */

void
inventory_row_prefix(const char *name, const struct inventory_row *row,
    char *buf, size_t len)
{
	char shown[256];

	output_sanitize(shown, sizeof(shown), name, strlen(name));
	snprintf(buf, len, "%s:%u%s%s: ", shown, (unsigned)row->line,
	    row->label != NULL ? " " : "",
	    row->label != NULL ? row->label : "");
}

/* Prepend prefix to v's text. */
static void
prefix_text(struct verdict *v, const char *prefix)
{
	char t[VERDICT_TEXT_MAX];

	snprintf(t, sizeof(t), "%s%s", prefix, v->text);
	memcpy(v->text, t, sizeof(t));
}

void
inventory_judge(const struct inventory_row *row, const struct fcrdns_result *r,
    const struct dns_answer *fwd, enum state timeout_state, const char *prefix,
    struct verdict *expect, struct verdict *helo)
{
	char addr[RDNS_ADDR_TEXT_MAX];
	char names[VERDICT_TEXT_MAX / 2];
	size_t i;
	size_t used = 0;
	bool found = false;

	verdict_set(expect, STATE_OK, PIECE_NONE, FIXER_NONE, "%s", "");
	verdict_set(helo, STATE_OK, PIECE_NONE, FIXER_NONE, "%s", "");
	(void)rdns_addr_format(&row->addr, addr, sizeof(addr));
	if (row->ptr != NULL && r->nnames > 0) {
		names[0] = '\0';
		for (i = 0; i < r->nnames; i++) {
			if (rdns_name_equal(r->names[i].name, row->ptr)) {
				found = true;
			}
			if (used + strlen(r->names[i].name) + 3 <
			    sizeof(names)) {
				used += (size_t)snprintf(names + used,
				    sizeof(names) - used, "%s%s",
				    i > 0 ? ", " : "", r->names[i].name);
			}
		}
		if (!found) {
			verdict_set(expect, STATE_CRITICAL, PIECE_PTR,
			    FIXER_ZONE_HOLDER,
			    "%s%s: the PTR is %s, not the expected %s: the "
			    "holder of the address block must change it",
			    prefix, addr, names, row->ptr);
		}
	}
	/* without a PTR the walk's verdict says all there is to say */
	if (row->helo != NULL && r->ptr_status == DNS_OK) {
		struct helo_claim c;
		struct helo_policy p;

		memset(&c, 0, sizeof(c));
		memset(&p, 0, sizeof(p));
		c.name = row->helo;
		c.word = "HELO";
		c.addr = row->addr;
		p.timeout_state = timeout_state;
		if (!helo_judge_syntax(&c, helo)) {
			helo_judge(&c, r, fwd, &p, helo, NULL);
		}
		if (helo->state == STATE_OK) {
			helo->text[0] = '\0';
			helo->tally = TALLY_NONE;
		} else {
			prefix_text(helo, prefix);
			helo->tally = TALLY_NONE;
		}
	}
}

bool
inventory_helo_needs_forward(const struct inventory_row *row,
    const struct fcrdns_result *r)
{
	struct helo_claim c;

	if (row->helo == NULL) {
		return false;
	}
	memset(&c, 0, sizeof(c));
	c.name = row->helo;
	c.word = "HELO";
	c.addr = row->addr;
	return helo_needs_forward(&c, r);
}
