/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
#include "config.h"

#include <getopt.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "opts.h"
#include "output.h"
#include "range.h"

/*
 * fuzz_opts: the shared option values through opts_handle() and
 * opts_finish(), without getopt: the input is split at NUL bytes into
 * options, the first byte of each picks the option (from the table below,
 * modulo its size, so unknown options are reached too) and the rest is its
 * value (none for flags, as getopt_long gives). opts_parse_uint() and
 * opts_parse_seconds() also see every value.
 *
 * Checked: results are in range; an error always has a NUL-terminated
 * reason; the counts never pass their limits and -H/-s values point into
 * the input; after a successful opts_finish() the timeout is in
 * (0, OPTS_MAX_TIMEOUT], the port in 1..65535, the timeout state 0..3, and
 * the thresholds match what range_parse() says of -w and -c.
 */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct fopt {
	int opt;
	bool has_arg;
};

static const struct fopt table[] = {
    {'H', true},
    {'s', true},
    {OPTS_DNS_PORT, true},
    {OPTS_TCP, false},
    {'t', true},
    {'w', true},
    {'c', true},
    {'4', false},
    {'6', false},
    {'v', false},
    {'V', false},
    {'h', false},
    {'e', true},
    {'?', false},
    {':', false},
    {OPTS_PLUGIN_FIRST, true},
};

static bool
points_into(const char *p, const char *buf, size_t size)
{
	return p >= buf && p < buf + size;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct opts_common c;
	char *buf;
	char err[256];
	size_t pos = 0;
	size_t i;
	enum opts_result res;
	unsigned long ul;
	double secs;
	struct range r;

	buf = malloc(size + 1);
	if (buf == NULL) {
		return 0;
	}
	memcpy(buf, data, size);
	buf[size] = '\0';
	opts_init(&c);
	while (pos < size) {
		size_t len = strlen(buf + pos);
		const struct fopt *f;
		const char *arg;

		if (len == 0) {
			pos++;
			continue;
		}
		f = &table[(unsigned char)buf[pos] %
		           (sizeof(table) / sizeof(table[0]))];
		arg = f->has_arg ? buf + pos + 1 : NULL;
		if (arg != NULL) {
			(void)opts_parse_uint(arg, 1, 65535, &ul);
			if (opts_parse_seconds(arg, OPTS_MAX_TIMEOUT, &secs) ==
			        0 &&
			    !(secs > 0.0 && secs <= OPTS_MAX_TIMEOUT)) {
				abort();
			}
		}
		memset(err, 'x', sizeof(err));
		res = opts_handle(&c, f->opt, arg, err, sizeof(err));
		if ((unsigned)res > OPTS_VERSION) {
			abort();
		}
		if (res == OPTS_ERROR &&
		    (memchr(err, '\0', sizeof(err)) == NULL ||
		        err[0] == '\0')) {
			abort();
		}
		pos += len + 1;
	}
	if (c.nhosts > OPTS_MAX_HOSTS || c.nservers > OPTS_MAX_SERVERS) {
		abort();
	}
	for (i = 0; i < c.nhosts; i++) {
		/* An IDN -H is kept as A-labels in host_ascii[i]. */
		if ((!points_into(c.hosts[i], buf, size) &&
		        (c.hosts[i] != c.host_ascii[i] ||
		            memchr(c.host_ascii[i], '\0',
		                sizeof(c.host_ascii[i])) == NULL)) ||
		    c.hosts[i][0] == '\0') {
			abort();
		}
	}
	for (i = 0; i < c.nservers; i++) {
		if (!points_into(c.servers[i], buf, size)) {
			abort();
		}
	}
	memset(err, 'x', sizeof(err));
	if (opts_finish(&c, err, sizeof(err)) == 0) {
		if (!(c.timeout > 0.0 && c.timeout <= OPTS_MAX_TIMEOUT) ||
		    c.dns_port < 1 || c.dns_port > 65535 ||
		    (unsigned)c.timeout_state > STATE_UNKNOWN) {
			abort();
		}
		if (c.th.warn_set !=
		        (c.warn_text != NULL && c.warn_text[0] != '\0') ||
		    c.th.crit_set !=
		        (c.crit_text != NULL && c.crit_text[0] != '\0')) {
			abort();
		}
		if (c.th.warn_set &&
		    range_parse(&r, c.warn_text, NULL, 0) != 0) {
			abort();
		}
	} else if (memchr(err, '\0', sizeof(err)) == NULL || err[0] == '\0') {
		abort();
	}
	free(buf);
	return 0;
}
