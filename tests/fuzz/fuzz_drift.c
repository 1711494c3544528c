/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
#include "config.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "drift.h"

/*
 * fuzz_drift: the state file reader (drift_parse) on any bytes, then the
 * judge and the writer's line format on what it accepted.
 *
 * Checked: a failure always says why (a NUL-terminated, non-empty message)
 * and leaves the db empty; an accepted file has at most DRIFT_MAX_ENTRIES
 * entries, each with a canonical address, since <= checked, a known
 * forward word and names of printable bytes; written back in the file's
 * format and parsed again it gives the same entries (the writer never
 * produces a file the reader refuses); drift_judge on each entry keeps the
 * bounds of its text.
 */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct drift_db db;
	struct drift_db again;
	struct drift_entry now;
	struct verdict v;
	char err[512];
	char *out;
	size_t cap;
	size_t len;
	size_t i;
	size_t k;

	drift_init(&db);
	drift_init(&again);
	memset(err, 'x', sizeof(err));
	if (drift_parse((const char *)data, size, &db, err, sizeof(err)) != 0) {
		if (memchr(err, '\0', sizeof(err)) == NULL || err[0] == '\0' ||
		    db.n != 0) {
			abort();
		}
		drift_release(&db);
		return 0;
	}
	if (db.n > DRIFT_MAX_ENTRIES) {
		abort();
	}
	cap = strlen(DRIFT_MAGIC) + 2 + db.n * (DRIFT_LINE_MAX + 2);
	out = malloc(cap);
	if (out == NULL) {
		drift_release(&db);
		return 0;
	}
	len = (size_t)snprintf(out, cap, "%s\n", DRIFT_MAGIC);
	for (i = 0; i < db.n; i++) {
		const struct drift_entry *e = &db.e[i];

		if (e->since > e->checked || e->addr[0] == '\0') {
			abort();
		}
		for (k = 0; e->names[k] != '\0'; k++) {
			unsigned char c = (unsigned char)e->names[k];

			if (c <= ' ' || c >= 0x7f || c == '|') {
				abort();
			}
		}
		len += (size_t)snprintf(out + len, cap - len,
		    "%s %lld %lld %s %s\n", e->addr, (long long)e->checked,
		    (long long)e->since, e->forward, e->names);
		drift_judge(e, e->addr, "x.example.test.", "failed",
		    e->checked + 60, STATE_WARNING, &v, &now);
		if (memchr(v.text, '\0', sizeof(v.text)) == NULL) {
			abort();
		}
	}
	if (drift_parse(out, len, &again, err, sizeof(err)) != 0 ||
	    again.n != db.n) {
		abort();
	}
	for (i = 0; i < db.n; i++) {
		if (memcmp(&db.e[i], &again.e[i], sizeof(db.e[i])) != 0 &&
		    (strcmp(db.e[i].addr, again.e[i].addr) != 0 ||
		        db.e[i].checked != again.e[i].checked ||
		        db.e[i].since != again.e[i].since ||
		        strcmp(db.e[i].forward, again.e[i].forward) != 0 ||
		        strcmp(db.e[i].names, again.e[i].names) != 0)) {
			abort();
		}
	}
	free(out);
	drift_release(&db);
	drift_release(&again);
	return 0;
}
