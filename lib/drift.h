/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
/*
 * drift: memory between runs. A state file holds, per address, the PTR
 * names and the forward (FCrDNS) result a run saw, when that value was
 * first seen and when it was last checked; the next run compares and says
 * "PTR of 198.51.100.10 changed from mail.example.com. to
 * vps123.provider.net. since 2026-11-30 14:02 UTC".
 *
 * The file is ours only: a first line that says so, one line per address
 * ("ADDR CHECKED SINCE FORWARD NAMES", the names comma-separated in DNS
 * presentation form, "-" for none), at most DRIFT_MAX_ENTRIES lines and
 * DRIFT_FILE_MAX bytes. It is written to a temporary file in the same
 * directory and renamed over the old one (atomic), under an flock() on
 * PATH.lock held from the read to the rename (two overlapping runs do not
 * lose each other's addresses). A missing file is an empty memory; an
 * unreadable, foreign, oversized or corrupt one is an error with a clear
 * reason, and is never overwritten (no silent reset).
 *
 * drift_parse and drift_judge are pure; drift_open/drift_commit do the
 * file I/O.
 */
#ifndef RDNS_DRIFT_H
#define RDNS_DRIFT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "output.h"
#include "rdns.h"
#include "verdict.h"

#define DRIFT_MAGIC "# monitoring-plugins-rdns drift state v1"
#define DRIFT_MAX_ENTRIES 4096
#define DRIFT_DEFAULT_STATE STATE_WARNING /* a change: look, not an outage */
#define DRIFT_FILE_MAX (1024 * 1024)
#define DRIFT_LINE_MAX 1024
#define DRIFT_NAMES_MAX 768 /* "a.,b." */
#define DRIFT_FORWARD_MAX 16

struct drift_entry {
	char addr[RDNS_ADDR_TEXT_MAX]; /* canonical presentation form */
	int64_t checked; /* the last run that saw this value (Unix s) */
	int64_t since;   /* when this value was first seen */
	char forward[DRIFT_FORWARD_MAX]; /* confirmed, partial, failed, - */
	char names[DRIFT_NAMES_MAX];     /* sorted PTR names, "-" for none */
};

struct drift_db {
	struct drift_entry *e; /* owned */
	size_t n;
	size_t cap;
	int lock_fd; /* -1 when not locked */
	char path[4096];
};

/* An empty db (no file, no lock). */
void drift_init(struct drift_db *db);
/* Release the entries and the lock (the file is not written). */
void drift_release(struct drift_db *db);

/*
 * Parse a state file's text (len bytes, not NUL-terminated) into db (its
 * entries replaced). Returns 0, or -1 with a reason in err ("not a state
 * file of these plugins (first line 'X')", "line N: ..."); db is then
 * empty. An empty text is an empty db.
 */
int drift_parse(const char *text, size_t len, struct drift_db *db, char *err,
    size_t errlen);

/*
 * Lock PATH.lock (waiting until deadline, clock_now() seconds) and read
 * PATH into db. A missing PATH is an empty db. Returns 0, or -1 with a
 * reason in err (db unlocked and empty then).
 */
int drift_open(struct drift_db *db, const char *path, double deadline,
    char *err, size_t errlen);

/*
 * Write db to its path atomically (a temporary file, fsync, rename) and
 * drop the lock. Returns 0, or -1 with a reason in err (the old file is
 * left as it was).
 */
int drift_commit(struct drift_db *db, char *err, size_t errlen);

/* The entry of addr, or NULL. */
const struct drift_entry *drift_find(const struct drift_db *db,
    const char *addr);

/* "a.,b." of up to n names, sorted, into buf ("-" when n is 0). */
void drift_names(const char *const *names, size_t n, char *buf, size_t len);

/*
 * Judge the value seen now (names from drift_names, forward as stored)
 * for addr against old (NULL: first sight) into v, and put the new entry
 * into *now_entry (since kept when nothing changed):
 *
 *   changed    state: "PTR of ADDR changed from OLD to NEW since TIME UTC"
 *              (TIME: the last run that saw OLD), or "forward result of
 *              ADDR changed from OLD to NEW since TIME UTC"
 *   same       detail: "ADDR: PTR unchanged since TIME UTC"
 *   first      detail: "ADDR: first seen now, remembered in the state file"
 */
void drift_judge(const struct drift_entry *old, const char *addr,
    const char *names, const char *forward, int64_t now, enum state state,
    struct verdict *v, struct drift_entry *now_entry);

/*
 * Put e into db (replacing the entry of its address). When db is full the
 * entry checked longest ago is dropped. Returns 0, or -1 out of memory.
 */
int drift_put(struct drift_db *db, const struct drift_entry *e);

#endif /* RDNS_DRIFT_H */
