/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
#include "config.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "generic.h"
#include "rdns.h"

/*
 * bench_generic - how many PTR names generic_classify() handles per second
 * on one core.
 *
 * Usage: bench_generic [CORPUS] [SECONDS]
 * CORPUS defaults to $GENERIC_CORPUS (tests/data/generic_corpus.tsv in the
 * build), SECONDS to 1. The corpus (label, address, name per line) is read
 * once into fixed arrays (further tab-separated columns, such as the
 * source and reason of tests/data/generic_real.tsv, are ignored); then
 * every name is classified, in file order,
 * again and again until this thread has used SECONDS of CPU time (or ten
 * times that in wall time has passed), and the rate is printed. The rate
 * is per CPU second of this one thread, so a busy machine does not make it
 * look slower; the wall-clock rate is printed too. A benchmark, not a
 * test: it always exits 0 once it has measured (1 on usage or corpus
 * errors). The target is 1,000,000 names/s on one core.
 */

#define MAX_NAMES 4096
#define LINE_MAX_LEN 1024
#define TARGET_RATE 1000000.0

struct corpus {
	struct rdns_addr addr[MAX_NAMES];
	char name[MAX_NAMES][RDNS_NAME_MAX];
	size_t n;
};

static struct corpus corpus; /* too big for the stack; read-only after
                                load */

static double
now(clockid_t clock)
{
	struct timespec ts;

	if (clock_gettime(clock, &ts) != 0) {
		return 0.0;
	}
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Read label<TAB>address<TAB>name lines; '#' lines and blanks skipped. */
static int
load(const char *path, struct corpus *c)
{
	char line[LINE_MAX_LEN];
	FILE *f = fopen(path, "r");
	unsigned lineno = 0;

	if (f == NULL) {
		fprintf(stderr, "bench_generic: cannot open '%s'\n", path);
		return -1;
	}
	while (fgets(line, sizeof(line), f) != NULL && c->n < MAX_NAMES) {
		char *t1;
		char *t2;
		char *t3;
		int r;

		lineno++;
		line[strcspn(line, "\r\n")] = '\0';
		if (line[0] == '\0' || line[0] == '#') {
			continue;
		}
		t1 = strchr(line, '\t');
		t2 = t1 != NULL ? strchr(t1 + 1, '\t') : NULL;
		if (t2 == NULL) {
			fprintf(stderr,
			    "bench_generic: %s:%u: malformed line\n", path,
			    lineno);
			(void)fclose(f);
			return -1;
		}
		*t2 = '\0';
		if (rdns_addr_parse(t1 + 1, &c->addr[c->n], NULL) != 0) {
			fprintf(stderr, "bench_generic: %s:%u: bad address\n",
			    path, lineno);
			(void)fclose(f);
			return -1;
		}
		/* The real-world corpus adds source and reason columns. */
		t3 = strchr(t2 + 1, '\t');
		if (t3 != NULL) {
			*t3 = '\0';
		}
		r = snprintf(c->name[c->n], sizeof(c->name[c->n]), "%s",
		    t2 + 1);
		if (r < 0 || (size_t)r >= sizeof(c->name[c->n])) {
			fprintf(stderr, "bench_generic: %s:%u: name too long\n",
			    path, lineno);
			(void)fclose(f);
			return -1;
		}
		c->n++;
	}
	(void)fclose(f);
	if (c->n == 0) {
		fprintf(stderr, "bench_generic: no names in '%s'\n", path);
		return -1;
	}
	return 0;
}

int
main(int argc, char *argv[])
{
	const char *path = argc > 1 ? argv[1] : getenv("GENERIC_CORPUS");
	double seconds = 1.0;
	double cpu_start;
	double wall_start;
	double cpu;
	double wall;
	double rate;
	unsigned long long done = 0;
	unsigned long long generic = 0;
	struct generic_result res;

	if (argc > 3 || path == NULL || path[0] == '\0') {
		fprintf(stderr, "usage: bench_generic [CORPUS] [SECONDS] "
		                "(CORPUS defaults to $GENERIC_CORPUS)\n");
		return 1;
	}
	if (argc > 2) {
		char *end;

		seconds = strtod(argv[2], &end);
		if (*end != '\0' || !(seconds > 0.0 && seconds <= 600.0)) {
			fprintf(stderr, "bench_generic: bad SECONDS '%s'\n",
			    argv[2]);
			return 1;
		}
	}
	if (load(path, &corpus) != 0) {
		return 1;
	}

	cpu_start = now(CLOCK_THREAD_CPUTIME_ID);
	wall_start = now(CLOCK_MONOTONIC);
	do {
		size_t i;

		for (i = 0; i < corpus.n; i++) {
			generic_classify(&corpus.addr[i], corpus.name[i], &res);
			/* Use the result so the call cannot be dropped. */
			generic += (unsigned long long)res.verdict;
		}
		done += corpus.n;
		cpu = now(CLOCK_THREAD_CPUTIME_ID) - cpu_start;
		wall = now(CLOCK_MONOTONIC) - wall_start;
	} while (cpu < seconds && wall < 10 * seconds);
	if (!(cpu > 0.0) || !(wall > 0.0)) {
		fprintf(stderr, "bench_generic: no usable clock\n");
		return 1;
	}

	rate = (double)done / cpu;
	printf("generic_classify: %.0f names/s per CPU second (%.0f ns/name); "
	       "%llu classifications of %zu names (%llu generic) in %.2f s "
	       "CPU, %.2f s wall (%.0f names/s wall)\n",
	    rate, 1e9 / rate, done, corpus.n, generic, cpu, wall,
	    (double)done / wall);
	printf("target %.0f names/s: %s\n", TARGET_RATE,
	    rate >= TARGET_RATE ? "met" : "NOT met");
	return 0;
}
