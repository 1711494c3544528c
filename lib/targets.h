/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
/*
 * targets: turn what the operator named (-H values, -D domains, a
 * --reflect host) into the addresses to check, each once, with where it
 * came from. The one collector of every plugin.
 *
 * An address literal is taken as it is (an IPv4-mapped IPv6 address as
 * IPv4); a CIDR prefix gives each of its addresses (when allowed); a host
 * name is looked up, A and AAAA at once in one batch, so a dual-stack
 * host is checked on both families (family restricts it); a mail domain
 * gives its MX hosts by preference (lib/mx) and their addresses, in a
 * second batch. What goes wrong with a value is a verdict of its own, in
 * the order the values were given: a literal of the wrong family or a
 * value that is neither an address nor a name (UNKNOWN), a name that does
 * not exist or has no address (CRITICAL), a lookup that could not tell
 * (the timeout state), the MX findings.
 *
 * The addresses are distinct: a duplicate keeps the first origin and does
 * not count toward the cap.
 */
#ifndef RDNS_TARGETS_H
#define RDNS_TARGETS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "inventory.h"
#include "output.h"
#include "rdns.h"
#include "spf.h"
#include "verdict.h"

struct dns_answer;
struct dns_resolver;

enum target_origin_kind {
	ORIGIN_HOST,      /* an address of a host name */
	ORIGIN_MX,        /* an address of an MX host of a domain */
	ORIGIN_IMPLICIT,  /* an address of a domain without MX */
	ORIGIN_SPF,       /* a sender of a domain's SPF record (lib/spf) */
	ORIGIN_INVENTORY, /* a row of an inventory file (lib/inventory);
	                     pref is the row's index, host "FILE:LINE LABEL" */
};

struct target_origin {
	enum target_origin_kind kind;
	char *host;    /* the name whose address it is (ORIGIN_SPF: the
	                  chain of SPF terms, sanitised); owned */
	char *domain;  /* the mail domain, or NULL; owned */
	unsigned pref; /* MX preference */
};

struct target {
	struct rdns_addr addr;
	int origin; /* index in origins, -1: given as an address/prefix */
};

/* What to collect. The strings are not copied and must outlive the call. */
struct targets_request {
	const char *const *values; /* -H: addresses, names (and prefixes) */
	size_t nvalues;
	const char *const *domains; /* -D: mail domains (valid names) */
	size_t ndomains;
	int family;               /* AF_UNSPEC, or only AF_INET / AF_INET6 */
	bool prefixes;            /* values may be CIDR prefixes */
	size_t max;               /* distinct addresses at most */
	enum state timeout_state; /* of "could not tell" */
	/* --spf: the domains whose SPF senders are checked (valid names) */
	const char *const *spf;
	size_t nspf;
	bool spf_third_party;           /* walk other organisations too */
	spf_registrable_fn registrable; /* lib/domain, or NULL */
	/* --inventory: the rows of a good file (no errors), and its name */
	const struct inventory *inventory;
	const char *inventory_name;
};

struct targets {
	struct target *t; /* n distinct addresses in the order found; owned */
	size_t n;
	struct target_origin *origins; /* owned */
	size_t norigins;
	struct verdict *notes; /* findings and -v details in order; owned */
	size_t nnotes;
	size_t mx_hosts;      /* MX records of the domains (not the null MX) */
	unsigned spf_lookups; /* DNS-querying SPF terms, most of any domain */
	unsigned spf_voids;   /* void SPF lookups, most of any domain */
	bool spf_permerror;   /* an SPF record receivers fail */
	bool too_many;        /* addresses were dropped at the cap */
	bool oom;             /* memory ran out: the set is incomplete */
	double dns_time;      /* seconds of the lookups */
	/* private: the distinct-address index */
	uint32_t *slot;
	size_t nslot;
	size_t cap;
};

/*
 * Collect req into t (always initialised; release it even on failure),
 * looking names and domains up through r before deadline. Returns 0, or
 * -1 when memory ran out (t->oom, with an UNKNOWN note).
 */
int targets_collect(struct targets *t, const struct targets_request *req,
    const struct dns_resolver *r, double deadline);

/* Free what t owns; t is then empty. NULL is fine. */
void targets_release(struct targets *t);

/*
 * The start of an address's line: where it came from ("mail.example.com:
 * ", "example.com MX 10 mx1.example.com.: ", "example.com (no MX, implicit
 * MX): "), or "" for an address given as such.
 */
void targets_origin_prefix(const struct targets *t, int origin, char *buf,
    size_t len);

/*
 * Check the CIDR values among values before any lookup: each valid and no
 * more than max addresses in all. Returns 0, or -1 with a one-line reason
 * in err.
 */
int targets_check_prefixes(const char *const *values, size_t n, uint64_t max,
    char *err, size_t errlen);

/*
 * Judge the A and AAAA answers of one name (either may be NULL, not both)
 * that gave found usable addresses: STATE_OK and "" when that is all, or
 * the state and text of what is wrong: "could not tell the addresses of
 * NAME: WHY" (timeout_state; even with some addresses, as the others may
 * be the bad ones), "NAME does not exist (NXDOMAIN)" or "NAME has no A
 * record" (CRITICAL). family is the restriction (AF_UNSPEC: both). The
 * text is prefixed with prefix.
 */
void targets_judge_name(const struct dns_answer *a4,
    const struct dns_answer *a6, size_t found, int family,
    enum state timeout_state, const char *prefix, struct verdict *v);

#endif /* RDNS_TARGETS_H */
