/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
/*
 * verdict: what every judge of the suite returns, and the phrases more
 * than one judge says.
 *
 * A judge (lib/ptr, lib/fcrdns_judge, lib/helo, lib/mx, lib/targets) is a
 * pure function: facts (DNS answers, names, addresses) and a policy (the
 * states the plugin chose) in, a struct verdict out. The verdict says the
 * state, the piece that is wrong, who fixes it, one line of text, and the
 * count it adds to a run's tally. Plugins choose the policy and the order
 * of the lines; they never decide a state or word a finding.
 *
 * Nothing here prints, allocates or does I/O.
 */
#ifndef RDNS_VERDICT_H
#define RDNS_VERDICT_H

#include <stdbool.h>
#include <stddef.h>

#include "output.h"

/* A generic PTR name: receivers score or throttle it, few refuse. */
#define VERDICT_GENERIC_STATE STATE_WARNING

struct dns_answer;

/* Size of a verdict's text, NUL included: one output line. */
#define VERDICT_TEXT_MAX OUTPUT_LINE_MAX

/* The piece of the set-up that is wrong. */
enum verdict_piece {
	PIECE_NONE,    /* nothing: OK, or only a fact */
	PIECE_PTR,     /* the PTR record (reverse zone) */
	PIECE_FORWARD, /* the A/AAAA record of a name */
	PIECE_HELO,    /* the HELO/EHLO or banner name */
	PIECE_MX,      /* the MX records of a domain */
	PIECE_INPUT,   /* what the operator gave (-H, options) */
	PIECE_DNS,     /* the DNS could not tell: no finding */
	PIECE_SMTP,    /* the SMTP conversation */
	PIECE_TIMING,  /* a lookup outside -w/-c */
	PIECE_SPF,     /* the SPF record of a domain */
};

/* Who acts on the finding. */
enum verdict_fixer {
	FIXER_NONE,
	FIXER_ZONE_HOLDER, /* whoever holds the reverse zone: the IP owner */
	FIXER_MAIL_ADMIN,  /* the A/AAAA, MX, HELO and banner names */
	FIXER_OPERATOR,    /* whoever runs the check */
};

/* Which count of a run a verdict adds to (check_fcrdns's summary). */
enum verdict_tally {
	TALLY_NONE,
	TALLY_CONFIRMED,
	TALLY_PARTIAL,
	TALLY_FAILED,
	TALLY_UNSURE,
};

struct verdict {
	enum state state;
	enum verdict_piece piece;
	enum verdict_fixer fixer;
	enum verdict_tally tally;
	bool unsure; /* the DNS could not tell: state is the timeout state */
	bool detail; /* an explanation for -v, not a result: no state */
	/* What groups the finding with its like in a long list ("no PTR
	   record"); a static string, NULL when it stands alone. */
	const char *cause;
	/* The line. Network text in it is escaped (output_sanitize) or in
	   DNS presentation form: print it through lib/output. */
	char text[VERDICT_TEXT_MAX];
};

/* "ptr", "forward", "helo", ... and "zone holder", "mail admin", ...: the
   words of the --report file. */
const char *verdict_piece_str(enum verdict_piece p);
const char *verdict_fixer_str(enum verdict_fixer f);

/* Set v (all fields) to st, piece, fixer and the printf text. */
void verdict_set(struct verdict *v, enum state st, enum verdict_piece piece,
    enum verdict_fixer fixer, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* Set v to an explanation line (detail, STATE_OK) with the printf text. */
void verdict_detail(struct verdict *v, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Append printf text to v->text (cut at the end of the buffer). */
void verdict_append(struct verdict *v, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/*
 * " (reverse zone ZONE, contact CONTACT)" into buf, or "" when zone is
 * NULL or empty; contact NULL or empty prints "?".
 */
void verdict_zone_hint(const char *zone, const char *contact, char *buf,
    size_t len);

/*
 * The finding every plugin reports for an address without PTR: "PREFIX
 * ADDR has no PTR record (STATUS) (reverse zone Z, contact C): the holder
 * of the address block must add one". prefix may be "" (where the address
 * came from, "mail.example.com: "). CRITICAL, the PTR, the zone holder,
 * TALLY_FAILED.
 */
void verdict_no_ptr(struct verdict *v, const char *prefix, const char *addr,
    const char *status, const char *zone, const char *contact);

/*
 * "a, b, c" of the names of an answer (PTR, NS) into buf; names that do not
 * fit whole are counted instead: "a, b (and 298 more)".
 */
void verdict_join_names(const struct dns_answer *a, char *buf, size_t len);

/*
 * The tally of a run with many verdicts (check_fcrdns): counts per
 * verdict_tally, and the first text of the worst state, for the summary.
 */
struct verdict_tally_sum {
	size_t results; /* verdicts added */
	size_t confirmed;
	size_t partial;
	size_t failed;
	size_t unsure;
	enum state worst;
	char worst_text[VERDICT_TEXT_MAX];
};

/* An empty tally. */
void verdict_tally_init(struct verdict_tally_sum *t);

/* Count v into t; the first text of a new worst state is kept. */
void verdict_tally_add(struct verdict_tally_sum *t, const struct verdict *v);

#endif /* RDNS_VERDICT_H */
