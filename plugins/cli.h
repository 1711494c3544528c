/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
/*
 * cli: the command-line front end every plugin shares.
 *
 * A plugin describes itself (name, service word, usage line, its own
 * options and a handler for them) and cli runs getopt_long over the shared
 * options of lib/opts plus the plugin's, turns every bad option into an
 * UNKNOWN status line with a one-line reason and the short usage, prints
 * -h/-V, arms the -t backstop, runs the check and prints the result.
 */
#ifndef RDNS_CLI_H
#define RDNS_CLI_H

#include <getopt.h>
#include <stdbool.h>
#include <stddef.h>

#include "opts.h"
#include "output.h"
#include "range.h"
#include "receivers_view.h"

struct dns_answer;
struct dns_batch;
struct dns_resolver;
struct fcrdns_result;
struct report;
struct verdict;

struct cli_plugin {
	const char *name;       /* "check_ptr": version line, help hint */
	const char *service;    /* "PTR": the status line's first word */
	const char *usage_line; /* one line and no '|': printed as output */
	const char *shortopts;  /* the plugin's own getopt letters, "e:" */
	const struct option *longopts; /* its own long options, 0-ended */
	void (*print_help)(void);
	bool needs_host; /* -H is required (else p->finish checks) */
	/*
	 * Take one of the plugin's own options. Returns 0, or -1 with a
	 * one-line reason in err.
	 */
	int (*handle)(void *cfg, int opt, const char *arg, char *err,
	    size_t errlen);
	/*
	 * Cross-option checks after parsing (may be NULL). Returns 0, or -1
	 * with a one-line reason in err.
	 */
	int (*finish)(void *cfg, char *err, size_t errlen);
	/* The check itself: reads cfg, records results in out. */
	void (*run)(const void *cfg, struct output *out);
};

/*
 * Parse argv into common (reset with opts_init first) and, through
 * p->handle, into cfg. Returns 0 to run, 1 when -h or -V was printed, and
 * -1 when out holds a usage error (UNKNOWN).
 */
int cli_parse(const struct cli_plugin *p, struct opts_common *common, void *cfg,
    int argc, char *argv[], struct output *out);

/*
 * The whole of a plugin's main() once cfg holds the plugin's defaults:
 * parse, arm the backstop, run, print. Returns the exit code 0..3.
 */
int cli_main(const struct cli_plugin *p, struct opts_common *common, void *cfg,
    int argc, char *argv[]);

/*
 * --generic=STATE of the plugins that judge PTR names: ok, warning or
 * critical into *st. Returns 0, or -1 with a reason in err.
 */
int cli_parse_generic(const char *arg, enum state *st, char *err,
    size_t errlen);

/* -e, --expect NAME (repeatable): the names a PTR may be. */
#define CLI_MAX_EXPECT 16
struct cli_expect {
	const char *name[CLI_MAX_EXPECT]; /* into argv, or into ascii */
	char ascii[CLI_MAX_EXPECT][256];  /* a U-label name as A-labels */
	size_t n;
};

/*
 * Take one -e value into e (a Unicode name is converted to A-labels).
 * Returns 0, or -1 with a one-line reason in err.
 */
int cli_parse_expect(struct cli_expect *e, const char *arg, char *err,
    size_t errlen);

/* The -e help paragraph. */
extern const char cli_help_expect[];

/*
 * Perfdata: a count (min 0, max when has_max), or seconds with six
 * decimals and the thresholds th; unknown writes "U" (not measured).
 */
void cli_perf_count(struct output *out, const char *label, size_t value,
    bool unknown, bool has_max, size_t max);
void cli_perf_seconds(struct output *out, const char *label, double value,
    bool unknown, const struct thresholds *th);
/* Whole seconds (a TTL), min 0; unknown writes "U". */
void cli_perf_seconds_int(struct output *out, const char *label,
    unsigned long value, bool unknown);

/* --receivers[=LIST], --receiver-states, --helo (the receivers' view). */
struct cli_receivers {
	bool on;                        /* --receivers given */
	struct receivers_policy policy; /* its list and states */
	const char *helo;               /* --helo NAME to judge, or NULL */
	char helo_ascii[256];           /* it as A-labels */
};

/* The long options, and the help text, of the receivers' view. */
#define CLI_OPT_RECEIVERS (OPTS_PLUGIN_FIRST + 0x200)
#define CLI_OPT_RECEIVER_STATES (OPTS_PLUGIN_FIRST + 0x201)
#define CLI_OPT_RECEIVERS_HELO (OPTS_PLUGIN_FIRST + 0x202)
extern const char cli_help_receivers[];

/* Defaults: off, receivers_policy_init(). */
void cli_receivers_init(struct cli_receivers *rv);

/*
 * Take --receivers, --receiver-states or --helo (helo_ok: the plugin
 * takes --helo here). Returns 1 when opt is not one of them, 0, or -1
 * with a one-line reason in err.
 */
int cli_receivers_option(struct cli_receivers *rv, int opt, const char *arg,
    bool helo_ok, char *err, size_t errlen);

/*
 * A, AAAA and MX of a HELO name (queries 0, 1 and 2 of the batch
 * returned; caller frees with dns_batch_free), run before deadline,
 * *dns_time grows. NULL when the batch could not be made.
 */
struct dns_batch *cli_helo_lookup(const struct dns_resolver *r,
    const char *name, double deadline, double *dns_time);

/*
 * The receivers' view of one address: the facts of its FCrDNS walk r and,
 * when helo is not NULL, the HELO with its A, AAAA and MX answers (NULL:
 * not asked) go through lib/receivers; the verdict is a result in out
 * (grouped by its summary in a range), with -v a line per receiver rule.
 * Returns how many rules would defer or reject.
 */
size_t cli_receivers_report(const struct opts_common *c,
    const struct cli_receivers *rv, const struct fcrdns_result *r,
    const char *helo, const struct dns_answer *a, const struct dns_answer *aaaa,
    const struct dns_answer *mx, struct output *out);

/*
 * Set r up from the -s, --dns-port and --tcp of c (the system resolver when
 * there is no -s). Returns 0, or -1 with an UNKNOWN result in out.
 */
int cli_resolver(const struct opts_common *c, struct dns_resolver *r,
    struct output *out);

/* With -v: "DNS: N server(s), first S, T ms of DNS in this run". */
void cli_dns_detail(const struct opts_common *c, const struct dns_resolver *r,
    double dns_time, struct output *out);

/*
 * Record a judge's verdict: a result line at its state, or, for an
 * explanation (v->detail), a long-output line with -v only.
 */
void cli_verdict(const struct opts_common *c, const struct verdict *v,
    struct output *out);

/*
 * --report FILE: open it into r (r->fp stays NULL without --report).
 * Returns 0, or -1 with an UNKNOWN result in out.
 */
int cli_report_open(const struct opts_common *c, struct report *r,
    struct output *out);

/* Close the report; a failed write is an UNKNOWN result. */
void cli_report_close(struct report *r, struct output *out);

/* --- the authoritative view (-A) of check_ptr and check_fcrdns ---------- */

/* a's presentation form into out, or "" when it has none. */
void cli_addr_text(const struct rdns_addr *a, char out[RDNS_ADDR_TEXT_MAX]);

#include "auth.h"

enum cli_auth_option {
	CLI_OPT_LAME = OPTS_PLUGIN_FIRST + 0x100,
	CLI_OPT_DISAGREE,
};
/* Their getopt entries, for a plugin's longopts table, and the letter. */
#define CLI_AUTH_LONGOPTS                                                      \
	{"authoritative", no_argument, NULL, 'A'},                             \
	    {"lame", required_argument, NULL, CLI_OPT_LAME},                   \
	{                                                                      \
		"disagree", required_argument, NULL, CLI_OPT_DISAGREE          \
	}
#define CLI_AUTH_SHORTOPTS "A"
#define CLI_AUTH_MAX_ADDRS 16 /* addresses whose view is taken */
#define CLI_AUTH_NAMES 2      /* PTR names per address asked forward */
/* The help text of those options. */
extern const char cli_auth_help_text[];

struct cli_auth {
	bool on;                   /* -A */
	struct auth_policy policy; /* --lame, --disagree, the -t state */
};
/* Defaults: off, lame and disagree WARNING. */
void cli_auth_init(struct cli_auth *a);
/*
 * Take -A, --lame or --disagree into a. Returns 1 when opt is not one of
 * them, 0 when taken, -1 with a reason in err.
 */
int cli_auth_option(struct cli_auth *a, int opt, const char *arg, char *err,
    size_t errlen);

/* One address: its text, the PTR owner name and its PTR names. */
struct cli_auth_subject {
	char addr[RDNS_ADDR_TEXT_MAX];  /* presentation form (cli_addr_text) */
	char owner[RDNS_NAME_TEXT_MAX]; /* the PTR owner after CNAMEs */
	const char *names[CLI_AUTH_NAMES];
	size_t nnames;
	/* The resolver's PTR answer, or NULL: compared with the servers'
	   (auth_judge_cache: "fixed at the source, still cached"). */
	const struct dns_answer *answer;
};
/*
 * With -A: take the authoritative view (lib/auth) of the n subjects
 * (their PTR, and the A/AAAA of their first names) through r before
 * deadline, and record the verdicts of auth_judge in out. *dns_time grows
 * by the seconds spent.
 */
void cli_auth_run(const struct opts_common *c, const struct cli_auth *a,
    const struct dns_resolver *r, const struct cli_auth_subject *s, size_t n,
    double deadline, double *dns_time, struct output *out);

/* --- drift (--state-file) of check_ptr and check_fcrdns ----------------- */

enum cli_drift_option {
	CLI_OPT_STATE_FILE = OPTS_PLUGIN_FIRST + 0x110,
	CLI_OPT_DRIFT,
};
#define CLI_DRIFT_LONGOPTS                                                     \
	{"state-file", required_argument, NULL, CLI_OPT_STATE_FILE},           \
	{                                                                      \
		"drift", required_argument, NULL, CLI_OPT_DRIFT                \
	}
extern const char cli_drift_help_text[];

struct cli_drift {
	const char *path; /* --state-file, NULL: off */
	enum state state; /* --drift, default WARNING */
};
/* Defaults: off, WARNING. */
void cli_drift_init(struct cli_drift *d);
/* Take --state-file or --drift: 1 when not one of them, 0, or -1. */
int cli_drift_option(struct cli_drift *d, int opt, const char *arg, char *err,
    size_t errlen);

/* --- the views check_ptr and check_fcrdns share -------------------------- */

#include "dnssec.h"

enum cli_views_option {
	CLI_OPT_DNSSEC = OPTS_PLUGIN_FIRST + 0x120,
	CLI_OPT_REQUIRE_SECURE,
};
/* Their getopt entries, for a plugin's longopts table (and "A"). */
#define CLI_VIEWS_LONGOPTS                                                     \
	{"receivers", optional_argument, NULL, CLI_OPT_RECEIVERS},             \
	    {"receiver-states", required_argument, NULL,                       \
	        CLI_OPT_RECEIVER_STATES},                                      \
	    {"helo", required_argument, NULL, CLI_OPT_RECEIVERS_HELO},         \
	    {"dnssec", no_argument, NULL, CLI_OPT_DNSSEC},                     \
	    {"require-secure", no_argument, NULL, CLI_OPT_REQUIRE_SECURE},     \
	    CLI_AUTH_LONGOPTS, CLI_DRIFT_LONGOPTS

/*
 * The options check_ptr and check_fcrdns share beyond opts_common: the
 * receivers' view, the DNSSEC state, the authoritative view and drift.
 */
struct cli_views {
	struct cli_receivers receivers; /* --receivers, --helo */
	bool dnssec;                    /* --dnssec, --require-secure */
	struct dnssec_policy dnssec_policy;
	struct cli_auth auth;   /* -A, --lame, --disagree */
	struct cli_drift drift; /* --state-file, --drift */
};
/* Each view's defaults (off). */
void cli_views_init(struct cli_views *v);
/*
 * Take one of those options into v. Returns 1 when opt is none of them,
 * 0 when taken, -1 with a reason in err.
 */
int cli_views_option(struct cli_views *v, int opt, const char *arg, char *err,
    size_t errlen);
/* The help of the receivers', authoritative and drift options, on stdout
 * (each plugin says what --dnssec adds to its own perfdata). */
void cli_views_help(void);

#define CLI_DRIFT_NAMES 64 /* PTR names of an address compared */

/* What a run saw of one address. */
struct cli_drift_seen {
	char addr[RDNS_ADDR_TEXT_MAX]; /* presentation form (cli_addr_text) */
	const char *names[CLI_DRIFT_NAMES]; /* PTR names, nnames */
	size_t nnames;
	const char *forward; /* "confirmed", "partial", "failed", "-" */
	bool unsure;         /* the DNS could not tell: not compared */
};
/*
 * With --state-file: lock and read the state file (lib/drift), judge each
 * address against what the last run saw, record the verdicts in out and
 * write the file back atomically. A state file that cannot be used is an
 * UNKNOWN line naming the file and why, and is left as it was.
 */
void cli_drift_run(const struct opts_common *c, const struct cli_drift *d,
    const struct cli_drift_seen *s, size_t n, double deadline,
    struct output *out);

#endif /* RDNS_CLI_H */
