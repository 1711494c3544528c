/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
/*
 * receivers: what each receiving mail server would answer a client, given
 * the DNS facts of its address and HELO name.
 *
 * Pure: the facts come in (the PTR answer and every PTR name in answer
 * order with its forward answers, the HELO name as sent with its answers,
 * the generic-name verdicts), one verdict per receiver rule goes out, with
 * the reply code, enhanced status code and text as the real program writes
 * them, or the spam rules that fire with their scores. Nothing here prints
 * or does I/O; the only memory used beyond the caller's is libc's regcomp()
 * inside a call, freed before it returns. Thread-safe.
 *
 * "Tested" rules model the program's source and are checked against the
 * real program in the receivers' lab (tests/lab/receivers.sh):
 * tests/integration/receivers.sh for Postfix 3.7 and Exim 4.96 of Debian
 * 12, tests/integration/receivers_spam.sh for SpamAssassin 4.0.1 and
 * rspamd 3.4. "Published" rules follow what Gmail, Microsoft and Yahoo
 * publish; they cannot be run, and the verdict names its source.
 */
#ifndef RDNS_RECEIVERS_H
#define RDNS_RECEIVERS_H

#include <stdbool.h>
#include <stddef.h>

#include "dns.h"
#include "generic.h"
#include "rdns.h"

/* PTR names per address taken into account (more are ignored). */
#define RECEIVERS_MAX_PTR 8
/* Addresses per forward answer taken into account. */
#define RECEIVERS_MAX_ADDR 8
/* Size of a verdict's reply text, NUL included (an SMTP line: 512). */
#define RECEIVERS_TEXT_MAX 512
/* Size of a one-line summary, NUL included. */
#define RECEIVERS_SUMMARY_MAX 1024
/* Verdicts of one judgement at most. */
#define RECEIVERS_MAX_VERDICTS 24

/* One forward answer (A or AAAA) of a name. */
struct receivers_fwd {
	enum dns_status status; /* DNS_OK: n addresses follow */
	size_t n;
	struct rdns_addr addr[RECEIVERS_MAX_ADDR];
};

/* One PTR name of the client address and what it resolves to. */
struct receivers_ptr {
	char name[RDNS_NAME_TEXT_MAX]; /* presentation form, as answered */
	struct receivers_fwd a;        /* its A answer */
	struct receivers_fwd aaaa;     /* its AAAA answer */
	enum generic_verdict generic;  /* generic_classify() of the name */
};

/*
 * Everything the judge looks at. Plain data, filled by the caller (the
 * plugins from their lookups, tests by hand). Statuses of lookups that
 * were not made must be DNS_ERROR; such facts count as "could not tell".
 */
struct receivers_facts {
	struct rdns_addr client;    /* the address the mail comes from */
	enum dns_status ptr_status; /* the PTR lookup of client */
	size_t nptr;                /* PTR names, in answer order */
	struct receivers_ptr ptr[RECEIVERS_MAX_PTR];
	/*
	 * The HELO argument as sent: a name, an address literal
	 * ("[198.18.0.1]", "[IPv6:2001:db8::1]"), a bare address or junk;
	 * NULL when there is none (only the client rules are judged). Not
	 * owned: it must outlive the judgement.
	 */
	const char *helo;
	struct receivers_fwd helo_a;    /* A of helo (a name only) */
	struct receivers_fwd helo_aaaa; /* AAAA of helo */
	enum dns_status helo_mx;        /* MX of helo: only the status */
	size_t helo_mx_noaddr; /* its MX hosts with neither A nor AAAA */
};

/* Prepare f for filling: zeroed, every status DNS_ERROR ("not asked"). */
void receivers_facts_init(struct receivers_facts *f);

struct fcrdns_result;

/*
 * Fill the client side of f (after receivers_facts_init) from an FCrDNS
 * walk the plugins already made (lib/fcrdns.h): the address, the PTR
 * status, the names in answer order with the answer of the client's family
 * (a name that confirms holds the client's address even when it was beyond
 * the addresses the walk keeps), and generic_classify() of each name. The
 * walk asks the client's family only: the other family's answer is set to
 * DNS_NODATA, which differs from Exim only for a name whose own family
 * could not tell while the other family has addresses. An invalid name
 * (not asked by the walk) gets DNS_NXDOMAIN. At most RECEIVERS_MAX_PTR
 * names are taken.
 */
void receivers_facts_from_fcrdns(const struct fcrdns_result *r,
    struct receivers_facts *f);

/*
 * Fill the HELO side of f: the HELO as sent (not copied: it must outlive
 * f) and its A, AAAA and MX answers (lib/dns.h; NULL: not asked). The
 * addresses of the MX hosts are the caller's: set f->helo_mx_noaddr.
 */
void receivers_facts_set_helo(struct receivers_facts *f, const char *helo,
    const struct dns_answer *a, const struct dns_answer *aaaa,
    const struct dns_answer *mx);

/* Receivers, as bits of a selection. */
enum receivers_id {
	RECEIVERS_POSTFIX = 1u << 0,
	RECEIVERS_EXIM = 1u << 1,
	RECEIVERS_GMAIL = 1u << 2,
	RECEIVERS_MICROSOFT = 1u << 3,
	RECEIVERS_YAHOO = 1u << 4,
	/* Postfix with unknown_client_reject_code = 550 and
	   unknown_hostname_reject_code = 550 (the defaults are 450). */
	RECEIVERS_POSTFIX_550 = 1u << 5,
	/* SpamAssassin 4.0.1 on the message as Postfix wrote it. */
	RECEIVERS_SPAMASSASSIN = 1u << 6,
	/* rspamd 3.4's hfilter, called as Postfix's milter. */
	RECEIVERS_RSPAMD = 1u << 7,
};
/* "all": every receiver and variant. */
#define RECEIVERS_ALL 0xffu
/* The receivers with their default settings (no 550 variants). */
#define RECEIVERS_DEFAULT 0xdfu

/* How a rule ends, least to most severe (receivers_worst orders so). */
enum receivers_outcome {
	RECEIVERS_ACCEPT = 0, /* the rule lets the mail through */
	RECEIVERS_UNSURE,     /* a published rule the facts cannot decide
	                         (a DNS error on our side) */
	RECEIVERS_SCORE,      /* accepted, but marked as spam */
	RECEIVERS_DEFER,      /* a 4xx reply: the sender retries */
	RECEIVERS_REJECT,     /* a 5xx reply: the mail bounces */
};

/* Where the prediction comes from. */
enum receivers_basis {
	RECEIVERS_TESTED,    /* the program's logic, checked in the lab */
	RECEIVERS_PUBLISHED, /* the receiver's published rule */
};

struct receivers_verdict {
	enum receivers_id receiver;
	const char *name;  /* "Postfix", "Exim", "SpamAssassin", "rspamd",
	                      "Gmail", ... (static) */
	const char *rule;  /* "reject_unknown_client_hostname",
	                      "verify = helo", ... (static) */
	const char *setup; /* the setting the prediction assumes, "" for
	                      the defaults: "unknown_client_reject_code =
	                      550", "/defer_ok" (static) */
	enum receivers_basis basis;
	const char *source; /* the published rule's address; "" when
	                       tested (static) */
	enum receivers_outcome outcome;
	const char *stage; /* the SMTP command answered: "RCPT", "EHLO";
	                      "" on accept (static) */
	int code;          /* 250 on accept; 0 when no code is published */
	char enhanced[12]; /* "4.7.25"; "" when the reply has none */
	/* The reply text after the code (and enhanced code) as the program
	   writes it, with the client address or HELO name in it; for
	   published rules the quoted text. Names come from the facts:
	   sanitise before printing. */
	char text[RECEIVERS_TEXT_MAX];
};

struct receivers_result {
	size_t n;
	struct receivers_verdict v[RECEIVERS_MAX_VERDICTS];
};

/*
 * Judge f for the receivers in select (an OR of enum receivers_id), one
 * verdict per rule in a fixed order: Postfix's five restrictions with the
 * default reply codes, then (RECEIVERS_POSTFIX_550) those whose code can be
 * set to 550 (unknown_client_reject_code, unknown_hostname_reject_code),
 * then Exim's
 * verify = reverse_host_lookup, its /defer_ok form, verify = helo and
 * helo_verify_hosts, then SpamAssassin (one verdict: the rules that fire,
 * "RULE=score,..." sorted as its X-Spam-Tests header lists them, outcome
 * RECEIVERS_SCORE), then rspamd (one verdict: the HFILTER_HELO_* and
 * HFILTER_HOSTNAME_* symbols, "SYMBOL(score),..." sorted by name), then
 * Gmail, Microsoft and Yahoo. HELO rules are left
 * out when f->helo is NULL. out is always written completely.
 */
void receivers_judge(const struct receivers_facts *f, unsigned select,
    struct receivers_result *out);

/*
 * The most severe verdict of r (the first of equals), or NULL when r has
 * none that defers, rejects or scores.
 */
const struct receivers_verdict *receivers_worst(
    const struct receivers_result *r);

/* Verdicts of r that would defer or reject the mail. */
size_t receivers_count_refused(const struct receivers_result *r);

/*
 * One line for a status line, into buf: the worst verdict with its rule,
 * then the worst of every other receiver that defers or rejects, e.g.
 * "Postfix reject_unknown_client_hostname would answer 450 4.7.25, Gmail
 * 550 5.7.25". "" when none refuses or scores. Returns 0, or -1 when buf
 * was too small (the line is cut).
 */
int receivers_summary(const struct receivers_result *r, char *buf, size_t len);

/*
 * One line per verdict for the long output, into buf: "Postfix
 * reject_unknown_client_hostname (tested): 450 4.7.25 Client host
 * rejected: cannot find your hostname, [198.18.0.1]". Returns 0, or -1 when
 * buf was too small.
 */
int receivers_verdict_line(const struct receivers_verdict *v, char *buf,
    size_t len);

/*
 * Parse a comma-separated list of receiver names ("postfix,gmail", any
 * case; "postfix-550" for the 550 variants; "default" for every receiver
 * with its default settings; "all" for all of them) into *select. Returns 0, or
 * -1 with a lowercase reason in err ("unknown receiver 'foo'") for an empty
 * list or an unknown name.
 */
int receivers_select(const char *list, unsigned *select, char *err,
    size_t errlen);

/*
 * The SpamAssassin rules the judge knows, NULL-terminated (static): a rule
 * not listed is never predicted, whatever it would do.
 */
const char *const *receivers_spamassassin_rules(void);

/* "accept", "cannot tell", "score", "defer", "reject" (static). */
const char *receivers_outcome_str(enum receivers_outcome o);

#endif /* RDNS_RECEIVERS_H */
