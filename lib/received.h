/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
/*
 * received.h - Received: header fields of a saved message (RFC 5321 4.4,
 * RFC 5322 3.6.7), read the way each common MTA writes them.
 *
 * Pure: no I/O, no DNS, no allocation, no printing. The caller owns every
 * struct; nothing here keeps a pointer into the input after a call returns.
 * Everything parsed is untrusted: every copy is bounded (a longer token is
 * cut and the hop's truncated flag set), input is never read past its
 * length and need not be NUL-terminated.
 */
#ifndef RDNS_RECEIVED_H
#define RDNS_RECEIVED_H

#include <stdbool.h>
#include <stddef.h>

#include "rdns.h"

/* Received headers kept per message; later ones are only counted. */
#define RECEIVED_MAX_HOPS 64
/* Size of every copied host token (helo, rdns, by), NUL included. */
#define RECEIVED_TOKEN_MAX 256
/* Size of the protocol fields (with, via), NUL included. */
#define RECEIVED_PROTO_MAX 32
/* Size that always holds a received_pick() reason, NUL included. */
#define RECEIVED_WHY_MAX 256

/* What the receiving MTA recorded of the connecting address's reverse DNS. */
enum received_rdns {
	/* The format has no place for it (Microsoft, unknown formats, an
	   address written where a name would be). Look it up yourself. */
	RECEIVED_RDNS_NOT_RECORDED = 0,
	/* Recorded as absent or unverified: Postfix "unknown", qmail
	   "unknown", Exim "[IP]" first, Sendmail/Gmail/Courier "([IP])". */
	RECEIVED_RDNS_NONE,
	/* A name, in rdns, verified by that MTA's rules: Postfix and Exim
	   forward-confirm it; qmail takes tcpserver's (confirmed with -p). */
	RECEIVED_RDNS_NAME,
	/* Sendmail "(may be forged)": the name, in rdns, did not resolve
	   back to the address. */
	RECEIVED_RDNS_FORGED,
};

/* Which family of syntax matched (for -v output; see received_form_str). */
enum received_form {
	RECEIVED_FORM_UNKNOWN = 0,
	RECEIVED_FORM_POSTFIX,   /* from HELO (RDNS [IP]) */
	RECEIVED_FORM_EXIM,      /* from RDNS ([IP] helo=HELO), [IP] (helo=) */
	RECEIVED_FORM_SENDMAIL,  /* from HELO (RDNS [IP] (may be forged)) */
	RECEIVED_FORM_MICROSOFT, /* from HELO (IP) ... Microsoft SMTP Server */
	RECEIVED_FORM_GMAIL,     /* from HELO (RDNS. [IP]) by mx.google.com */
	RECEIVED_FORM_QMAIL,     /* from RDNS (HELO name) (IP), and Yahoo */
	RECEIVED_FORM_COURIER,   /* from HELO (RDNS [::ffff:IP]) */
};

/* Why received_pick() did not choose a hop (or that it did). */
enum received_skip {
	RECEIVED_SKIP_NONE = 0,       /* not judged yet (after parsing) */
	RECEIVED_SKIP_PICKED,         /* this is the chosen hop */
	RECEIVED_SKIP_BELOW,          /* below the chosen hop, not needed */
	RECEIVED_SKIP_NO_FROM,        /* no from clause */
	RECEIVED_SKIP_NO_ADDR,        /* no parsable connecting address */
	RECEIVED_SKIP_LOCAL_PROTOCOL, /* with LMTP, local, HTTP(S), MAPI */
	RECEIVED_SKIP_INTERNAL_ADDR,  /* loopback, RFC 1918, ULA, ... */
	RECEIVED_SKIP_RECEIVER_SIDE,  /* same organisation as a receiver */
	RECEIVED_SKIP_NOT_SELECTED,   /* not the --source-address / --helo */
};

/* One Received header. Fixed size, nothing to release. */
struct received_hop {
	size_t index;  /* 0 = topmost Received header of the message */
	size_t line;   /* 1-based line of the message where it starts */
	bool has_from; /* a "from" clause (outside comments) was present */
	/* HELO/EHLO argument as recorded, byte for byte (may hold any byte
	   but NUL, white space, '(', ')' and ';': sanitise before
	   printing); "" when the format did not record it. */
	char helo[RECEIVED_TOKEN_MAX];
	enum received_rdns rdns_state;
	/* The receiver's reverse-DNS name when rdns_state is NAME or
	   FORGED (one trailing dot removed: Gmail writes one), else "". */
	char rdns[RECEIVED_TOKEN_MAX];
	bool has_addr;               /* addr holds the connecting address */
	struct rdns_addr addr;       /* ::ffff:a.b.c.d comes back as IPv4 */
	char by[RECEIVED_TOKEN_MAX]; /* the "by" host as written, or "" */
	/* The words after "with" up to a comment, ';' or the next clause,
	   single-spaced: "ESMTPS", "esmtps", "LMTP", "Microsoft SMTP
	   Server", "HTTPS"; "" when absent. */
	char with[RECEIVED_PROTO_MAX];
	char via[RECEIVED_PROTO_MAX]; /* the word after "via", or "" */
	enum received_form form;
	bool truncated;          /* helo, rdns or by was cut to fit */
	enum received_skip skip; /* set by received_pick() */
};

/* The Received headers of a message, topmost first. */
struct received_list {
	struct received_hop hop[RECEIVED_MAX_HOPS];
	size_t n;     /* hops kept: min(total, RECEIVED_MAX_HOPS) */
	size_t total; /* Received headers in the message */
};

/*
 * Parse a whole saved message: the header section up to the first empty
 * line (or the end of the input), CRLF or LF line ends, folded fields
 * (continuation lines start with SP or TAB). Only fields named
 * "Received" (any case, white space allowed before the colon) are read;
 * X-Received, ARC-* and the rest are skipped. A leading mbox "From " line
 * is skipped. Later lines that are neither fields nor continuations are
 * ignored.
 *
 * msg, len: in; the message (need not be NUL-terminated).
 * out:      out; zeroed first, then one hop per Received header (at most
 *           RECEIVED_MAX_HOPS, each with index and line set).
 * err:      out, may be NULL; on failure a lowercase reason ("empty
 *           input", "NUL byte in the header section (line 3)", "line 1 is
 *           not a header field").
 * errlen:   size of err.
 *
 * Returns 0 (also when there is no Received header), or -1 when the input
 * is not a message header at all: empty, a NUL byte in the header section,
 * or no header field first. Never reads past len.
 */
int received_parse_message(const char *msg, size_t len,
    struct received_list *out, char *err, size_t errlen);

/*
 * Parse one Received header value (what follows "Received:"; folded or
 * unfolded: CR and LF count as white space, and so does a NUL byte, which
 * is never copied).
 *
 * value, len: in; the value (need not be NUL-terminated).
 * hop:        out; zeroed first, then every field but index, line and
 *             skip.
 *
 * Returns 0 when a from, by or with clause was found (a hop without a
 * from clause is still 0), -1 when nothing usable was found.
 */
int received_parse_value(const char *value, size_t len,
    struct received_hop *hop);

/* Optional hints from the command line; NULL members are absent. */
struct received_select {
	const struct rdns_addr *addrs; /* --source-address values */
	size_t naddrs;
	const char *helo; /* --helo: case-insensitive, one trailing
	                     dot ignored; NULL or "" is absent */
};

/*
 * The hop the receiving MTA wrote when our server connected to it.
 *
 * With hints: the topmost hop whose address is one of sel->addrs or whose
 * HELO equals sel->helo. Without: the topmost hop that (a) has a from
 * clause and an address, (b) is not a local hand-off by protocol (with or
 * via LMTP*, local*, HTTP*, MAPI, IMAP, POP3, BSMTP), (c) does not come
 * from an internal address (0/8, 10/8, 100.64/10, 127/8, 169.254/16,
 * 172.16/12, 192.168/16, ::, ::1, fe80::/10, fc00::/7; documentation
 * prefixes count as public) and (d) is not inside the receiver's system:
 * the organisational domain of its HELO or rDNS name is that of the "by"
 * host of this hop or of a hop above it (last two labels, three when the
 * top label has two letters and the next at most three: example.co.uk;
 * Microsoft's outlook.com, office365.com, exchangelabs.com and
 * microsoft.com count as one, and so do Google's google.com, gmail.com,
 * googlemail.com and 1e100.net). When no hop passes: the topmost with a
 * public address, then the topmost failing (c) only, then the topmost
 * with any address.
 *
 * l:      in/out; every kept hop's skip is set.
 * sel:    in, may be NULL (no hints).
 * why:    out, may be NULL; "" after a normal pick, a note after a
 *         fallback pick ("no hop passed every check: ..."), and when
 *         nothing is found one line saying why ("no Received header in the
 *         message", "no Received header records a connecting address (3
 *         Received headers)"). RECEIVED_WHY_MAX always suffices.
 * whylen: size of why.
 *
 * Returns a pointer into l->hop (valid while l is), or NULL.
 */
const struct received_hop *received_pick(struct received_list *l,
    const struct received_select *sel, char *why, size_t whylen);

/* A short lowercase phrase for a skip reason; never NULL, static. */
const char *received_skip_str(enum received_skip s);

/* A short phrase naming a form ("Postfix style: from HELO (RDNS [IP])");
   never NULL, static. */
const char *received_form_str(enum received_form f);

#endif /* RDNS_RECEIVED_H */
