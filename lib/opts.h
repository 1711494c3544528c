/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
/*
 * opts: the options every plugin of the suite shares, with the meaning the
 * Monitoring Plugins Development Guidelines give them:
 *
 *   -H --hostname ADDRESS|NAME (repeatable)   -s --dns-server ADDRESS
 * (repeatable)
 *   --dns-port PORT   --tcp   -4 --use-ipv4   -6 --use-ipv6
 *   -t --timeout SECONDS[:STATE]   -w --warning RANGE   -c --critical RANGE
 *   -v --verbose (repeatable)   -V --version   -h --help
 *
 * A plugin builds its getopt_long table from opts_long[] plus its own
 * entries, hands every option to opts_handle() first and keeps the ones
 * that come back OPTS_NOT_MINE. Nothing here prints or exits.
 */
#ifndef RDNS_OPTS_H
#define RDNS_OPTS_H

#include <getopt.h>
#include <stdbool.h>
#include <stddef.h>

#include "output.h"
#include "range.h"

#define OPTS_MAX_HOSTS 64
#define OPTS_MAX_SERVERS 8
#define OPTS_DEFAULT_TIMEOUT 10.0
#define OPTS_MAX_TIMEOUT 3600.0
/* --output-max: 0 (no limit) or MIN..MAX bytes; the default fits the
   smallest carrier measured in the lab (README, "Output size"). */
#define OPTS_OUTPUT_MAX_DEFAULT 8000
#define OPTS_OUTPUT_MAX_MIN 512
#define OPTS_OUTPUT_MAX_MAX 16777216

/* getopt short options shared by all plugins. */
#define OPTS_SHORT "H:s:t:w:c:46vVh"

/* Long-only options start above every char value (guidelines' habit). */
enum opts_long_only {
	OPTS_DNS_PORT = 0x100,
	OPTS_TCP,
	OPTS_OUTPUT_MAX,
	OPTS_REPORT,
	OPTS_PERF_PER_ADDRESS,
	OPTS_PLUGIN_FIRST = 0x200, /* first free value for a plugin */
};

enum opts_result {
	OPTS_OK,       /* the option was ours and is stored */
	OPTS_NOT_MINE, /* the plugin must handle it */
	OPTS_ERROR,    /* bad value: err says why */
	OPTS_HELP,     /* -h: print help, exit UNKNOWN */
	OPTS_VERSION,  /* -V: print version, exit UNKNOWN */
};

struct opts_common {
	const char *hosts[OPTS_MAX_HOSTS]; /* -H values, point into argv */
	size_t nhosts;
	const char *servers[OPTS_MAX_SERVERS]; /* -s values, into argv */
	size_t nservers;
	unsigned dns_port; /* --dns-port, default 53 */
	bool tcp;          /* --tcp */
	int family;        /* AF_UNSPEC, or AF_INET for -4, AF_INET6 for -6 */
	double timeout;    /* -t seconds, default 10 */
	enum state timeout_state; /* -t ...:STATE, default CRITICAL */
	const char *warn_text;    /* -w as given */
	const char *crit_text;    /* -c as given */
	struct thresholds th;     /* parsed by opts_finish() */
	int verbose;              /* number of -v */
	size_t output_max;        /* --output-max bytes, 0: no limit */
	const char *report;       /* --report FILE, or NULL */
	bool perf_per_address;    /* --perf-per-address */
	/* -H names given as U-labels (IDN), converted to A-labels. */
	char host_ascii[OPTS_MAX_HOSTS][256];
};

/* The shared long options; the last entry is all zero. */
extern const struct option opts_long[];

/* Defaults: port 53, timeout 10 s CRITICAL, no thresholds, no hosts. */
void opts_init(struct opts_common *c);

/*
 * Handle one getopt_long() result opt with its argument arg.
 * Returns an enum opts_result; on OPTS_ERROR err holds a one-line reason.
 */
enum opts_result opts_handle(struct opts_common *c, int opt, const char *arg,
    char *err, size_t errlen);

/*
 * After the getopt loop: parse -w/-c into c->th and check combinations.
 * Returns 0, or -1 with a one-line reason in err.
 */
int opts_finish(struct opts_common *c, char *err, size_t errlen);

/*
 * Build the getopt_long table: opts_long[] followed by extra (terminated by
 * an all-zero entry) into dst of n entries. Returns 0, or -1 when dst is too
 * small.
 */
int opts_merge(struct option *dst, size_t n, const struct option *extra);

/*
 * Strict number parsers for option values (decimal only, whole string,
 * range checked). Return 0 or -1.
 */
int opts_parse_uint(const char *s, unsigned long min, unsigned long max,
    unsigned long *out);
int opts_parse_seconds(const char *s, double max, double *out);

/*
 * Help text for the shared options, for the plugins' --help, in the order
 * printed: the DNS and target options; the plugin prints -w/-c (what they
 * measure is its own) and its own options; then the output options; then
 * -v/-V/-h, with the plugin's word on -vvv.
 */
extern const char opts_help_text[];
extern const char opts_help_output[];
extern const char opts_help_tail[];

#endif /* RDNS_OPTS_H */
