/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
/*
 * spf: the addresses a domain's SPF record (RFC 7208) lets send mail.
 *
 * Three pure parts, each unit-tested without a network:
 *   spf_select()        which TXT record of a domain is its SPF record
 *   spf_parse()         the record's terms (RFC 7208 4.6, 5, 6, 12)
 *   spf_macro_expand()  a domain-spec's macros (RFC 7208 7)
 * and the walk over lib/dns, spf_expand(): the record, its include: and
 * redirect= records (recursively), the A/AAAA of a and mx terms, within
 * the limits receivers apply (RFC 7208 4.6.4: 10 DNS-querying terms, 10
 * MX hosts per mx, 2 void lookups). A record that breaks a limit or the
 * syntax is a permerror: receivers then fail SPF for every sender.
 *
 * What cannot be turned into addresses (exists:, ptr, macros that depend
 * on the sender) is said, never guessed. An include: or redirect= into
 * another organisation's registrable domain (told by the injected
 * registrable() function: the Public Suffix List, lib/domain) is walked
 * for the limits, and its addresses are marked third-party: the caller
 * names them and checks them only when asked.
 *
 * Nothing here prints or exits.
 */
#ifndef RDNS_SPF_H
#define RDNS_SPF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dns.h"
#include "output.h"
#include "rdns.h"
#include "verdict.h"

#define SPF_MAX_LOOKUPS 10  /* DNS-querying terms (RFC 7208 4.6.4) */
#define SPF_MAX_VOID 2      /* void lookups (RFC 7208 4.6.4) */
#define SPF_MAX_MX_HOSTS 10 /* MX hosts looked up per mx term */
#define SPF_MAX_DEPTH 12    /* nested include/redirect (also the loop cap) */
#define SPF_TERM_MAX 512    /* a term as written, cut */
#define SPF_PATH_MAX 1024   /* "include:a > include:b > ip4:..." */
#define SPF_ERR_MAX 256

enum spf_kind {
	SPF_ALL,
	SPF_INCLUDE,
	SPF_A,
	SPF_MX,
	SPF_PTR,
	SPF_IP4,
	SPF_IP6,
	SPF_EXISTS,
	SPF_REDIRECT, /* modifier */
	SPF_EXP,      /* modifier */
	SPF_UNKNOWN,  /* an unknown modifier: ignored (RFC 7208 6) */
};

struct spf_term {
	enum spf_kind kind;
	char qual;                 /* '+', '-', '~', '?' */
	char text[SPF_TERM_MAX];   /* as written (raw record bytes) */
	char spec[SPF_TERM_MAX];   /* the domain-spec, "" when none */
	int cidr4;                 /* a/mx: /N, or -1 */
	int cidr6;                 /* a/mx: //N, or -1 */
	struct rdns_prefix prefix; /* ip4/ip6 (masked to the length) */
};

struct spf_record {
	struct spf_term *terms; /* owned */
	size_t n;
	int redirect; /* index of redirect=, or -1 */
	bool has_all; /* an all term: redirect= is ignored */
};

/*
 * Of the n TXT strings of a domain, the one SPF record (RFC 7208 4.5: the
 * strings starting "v=spf1" followed by a space or the end, case
 * insensitive). Returns its index, -1 when there is none, -2 when there
 * are several (a permerror).
 */
int spf_select(const char *const *txt, size_t n);

/*
 * Parse record (the whole TXT text, "v=spf1 ...") into rec. Returns 0, or
 * -1 (a permerror: unknown mechanism, bad cidr, bad address, a modifier
 * twice, a character outside printable ASCII, ...) with a one-line reason
 * in err that quotes the term, sanitised. rec is always initialised;
 * release it even on failure.
 */
int spf_parse(const char *record, struct spf_record *rec, char *err,
    size_t errlen);

/* Free what rec owns; NULL is fine. */
void spf_record_release(struct spf_record *rec);

/*
 * What the macros may expand to: the letters known to the check (d: the
 * current domain, o: the domain checked). The others (s l i p v h c r t)
 * depend on the sending address or message and are unknown.
 */
struct spf_macro_ctx {
	const char *d;
	const char *o;
};

/*
 * Expand the macros of spec (RFC 7208 7.1-7.4: %{L N r DELIMS}, %%, %_,
 * %-), cutting the result from the left to 253 octets (7.3).
 * Returns 0 with the name in out; 1 when a letter is not known (its letter
 * in *unknown); -1 on a syntax error (a permerror) with a reason in err.
 */
int spf_macro_expand(const char *spec, const struct spf_macro_ctx *ctx,
    char *out, size_t outlen, char *unknown, char *err, size_t errlen);

/* Where a set of addresses came from: a chain of terms. */
struct spf_source {
	char path[SPF_PATH_MAX]; /* "include:_spf.example.test > ip4:..." */
	bool third_party;        /* inside another organisation's include */
	char org[RDNS_NAME_TEXT_MAX]; /* that organisation's domain, or "" */
	struct rdns_prefix *prefixes; /* owned: ip4/ip6 prefixes, or single
	                                 addresses (a, mx) */
	size_t nprefixes;
};

/* What the walk found. */
struct spf_expansion {
	struct spf_source *src; /* owned; only pass (+) terms bring senders */
	size_t nsrc;
	struct verdict *notes; /* owned; findings in record order */
	size_t nnotes;
	unsigned lookups; /* DNS-querying terms counted */
	unsigned voids;   /* void lookups counted: the most that a sender
	                     of a family the record lists meets (voids4/6) */
	unsigned voids4;  /* for an IPv4 sender: an "a" term asks A only */
	unsigned voids6;  /* for an IPv6 sender: AAAA only (RFC 7208 5.3) */
	unsigned queries; /* DNS queries sent in all */
	bool permerror;   /* receivers fail SPF */
	bool temperror;   /* the DNS could not tell */
	bool oom;
	double dns_time;
};

/* The registrable domain of name into buf: 0, or -1 when there is none. */
typedef int (*spf_registrable_fn)(const char *name, char *buf, size_t len);

struct spf_policy {
	enum state timeout_state;       /* of "could not tell" */
	int family;                     /* AF_UNSPEC, AF_INET or AF_INET6 */
	spf_registrable_fn registrable; /* NULL: every domain is "ours" */
	bool third_party;               /* walk other organisations too */
};

/*
 * Expand the SPF record of domain (a normalised name) through r before
 * deadline into x (always initialised; release it). Returns 0, or -1
 * when memory ran out (x->oom).
 */
int spf_expand(const struct dns_resolver *r, const char *domain,
    const struct spf_policy *p, double deadline, struct spf_expansion *x);

/* Free what x owns; NULL is fine. */
void spf_expansion_release(struct spf_expansion *x);

#endif /* RDNS_SPF_H */
