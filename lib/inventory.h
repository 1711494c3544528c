/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
/*
 * inventory: a register of mail servers (check_fcrdns --inventory FILE),
 * one row per server:
 *
 *   # comment (also after a field, preceded by a space)
 *   ADDRESS [PTR-NAME [HELO-NAME [LABEL ...]]]
 *   198.51.100.10  mail.example.com  mail.example.com  relay 1 (Frankfurt)
 *   198.51.100.11, mx2.example.com, -, relay 2
 *
 * Fields are separated by blanks, or by commas when the line has one (CSV
 * without quoting; blanks around a field are dropped). "-" or an empty
 * field means "not given". The label is the rest of the line (at most
 * INVENTORY_LABEL_MAX bytes), printed sanitised. A UTF-8 byte order mark
 * at the start and CR before LF are allowed.
 *
 * A file with any malformed row is not checked at all: its errors (file
 * name, line number, reason) are what is reported, so nothing from a
 * half-read or half-understood register is reported OK.
 *
 * Parsing is pure (a buffer in, rows out); inventory_read() reads a file
 * descriptor within a deadline; inventory_judge() adds the row's own
 * findings (expected PTR, HELO) to the FCrDNS walk of its address.
 * Nothing here prints or exits.
 */
#ifndef RDNS_INVENTORY_H
#define RDNS_INVENTORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dns.h"
#include "fcrdns.h"
#include "output.h"
#include "rdns.h"
#include "verdict.h"

#define INVENTORY_LINE_MAX 4096 /* bytes per line */
#define INVENTORY_LABEL_MAX 128 /* bytes of a label */
#define INVENTORY_ERRORS_KEPT 10
#define INVENTORY_BYTES_MAX (64u * 1024u * 1024u) /* a file at most */

struct inventory_row {
	struct rdns_addr addr;
	uint32_t line;
	char *ptr;   /* the PTR name it must have, normalised, or NULL */
	char *helo;  /* the HELO name its MTA uses, normalised, or NULL */
	char *label; /* sanitised, or NULL */
};

struct inventory {
	struct inventory_row *rows; /* owned */
	size_t n;
	size_t cap;
	/* "FILE:LINE: reason" of the first INVENTORY_ERRORS_KEPT errors */
	struct verdict errors[INVENTORY_ERRORS_KEPT];
	size_t nerrors;      /* kept */
	size_t errors_total; /* found */
	bool oom;
	bool too_many; /* more than max_rows: the rest was not read */
	/* private: the index of addresses, for duplicates */
	uint32_t *slot;
	size_t nslot;
};

/*
 * Parse len bytes of buf (the file's whole text) into inv (always
 * initialised: release it). name is the file name as the operator gave
 * it ("-": standard input), for the messages. More than max_rows rows is
 * an error. Returns the number of errors (0: every row is good), or -1
 * when memory ran out.
 */
long inventory_parse(const char *buf, size_t len, const char *name,
    size_t max_rows, struct inventory *inv);

/* Free what inv owns; NULL is fine. */
void inventory_release(struct inventory *inv);

/*
 * Read all of fd (a file or a pipe) into *buf (malloc'd, NUL-terminated;
 * *len bytes) before the absolute deadline (clock_now() seconds), at most
 * INVENTORY_BYTES_MAX. Returns 0, or -1 with a reason in err ("timed out
 * after 1048576 bytes", "larger than 64 MB", strerror) and *buf NULL.
 */
int inventory_read(int fd, double deadline, char **buf, size_t *len, char *err,
    size_t errlen);

/*
 * "NAME:LINE[ LABEL]: " for a row, into buf: the start of its lines.
 */
void inventory_row_prefix(const char *name, const struct inventory_row *row,
    char *buf, size_t len);

/*
 * The row's own findings beyond the FCrDNS verdict (lib/fcrdns_judge),
 * given r, the walk of row->addr, and fwd, the A (AAAA) answer of
 * row->helo (NULL when the row has none):
 *   expect: the PTR names row->ptr (rdns_name_equal)? CRITICAL "the PTR
 *           is X, not the expected Y" when it does not; nothing when
 *           there is no PTR (the walk's verdict says it) or no row->ptr.
 *   helo:   lib/helo's judgement of row->helo against r and fwd.
 * Each verdict's state is STATE_OK with empty text when there is nothing
 * to say. prefix starts each text.
 */
void inventory_judge(const struct inventory_row *row,
    const struct fcrdns_result *r, const struct dns_answer *fwd,
    enum state timeout_state, const char *prefix, struct verdict *expect,
    struct verdict *helo);

/*
 * Does judging row->helo need its A (AAAA) answer, given r? false when
 * the name is a PTR name of the address that resolves back (lib/helo's
 * helo_needs_forward): no lookup for the usual good row.
 */
bool inventory_helo_needs_forward(const struct inventory_row *row,
    const struct fcrdns_result *r);

#endif /* RDNS_INVENTORY_H */
