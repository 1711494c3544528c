/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "drift.h"

/*
 * drift: the state file. The reader trusts nothing in it: every field is
 * checked (an address that parses and is written canonically, decimal
 * times, a known forward word, names of printable bytes without space or
 * comma inside a name), a line that fails is "corrupt at line N", and the
 * size and the number of lines are capped before anything is kept.
 */

void
drift_init(struct drift_db *db)
{
	memset(db, 0, sizeof(*db));
	db->lock_fd = -1;
}

void
drift_release(struct drift_db *db)
{
	free(db->e);
	if (db->lock_fd >= 0) {
		close(db->lock_fd); /* drops the flock */
	}
	drift_init(db);
}

static const char *const forward_words[] = {"-", "confirmed", "partial",
    "failed", NULL};

static bool
forward_ok(const char *w)
{
	size_t i;

	for (i = 0; forward_words[i] != NULL; i++) {
		if (strcmp(w, forward_words[i]) == 0) {
			return true;
		}
	}
	return false;
}

/* A decimal Unix time of 1..19 digits into *out; false otherwise. */
static bool
parse_time(const char *s, int64_t *out)
{
	int64_t v = 0;
	size_t n = strlen(s);
	size_t i;

	if (n == 0 || n > 18) {
		return false;
	}
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9') {
			return false;
		}
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

/* "-" or comma-separated names of printable ASCII (no space). */
static bool
names_ok(const char *s)
{
	size_t n = strlen(s);
	size_t i;

	if (n == 0 || n >= DRIFT_NAMES_MAX) {
		return false;
	}
	if (strcmp(s, "-") == 0) {
		return true;
	}
	if (s[0] == ',' || s[n - 1] == ',') {
		return false;
	}
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c <= ' ' || c >= 0x7f || c == '|' ||
		    (c == ',' && s[i + 1] == ',')) {
			return false;
		}
	}
	return true;
}

static int
grow(struct drift_db *db)
{
	struct drift_entry *ne;
	size_t ncap;

	if (db->n < db->cap) {
		return 0;
	}
	ncap = db->cap == 0 ? 16 : db->cap * 2;
	if (ncap > DRIFT_MAX_ENTRIES) {
		ncap = DRIFT_MAX_ENTRIES;
	}
	if (ncap <= db->cap) {
		return -1;
	}
	ne = realloc(db->e, ncap * sizeof(*ne));
	if (ne == NULL) {
		return -1;
	}
	db->e = ne;
	db->cap = ncap;
	return 0;
}

/* One line (NUL-terminated, no newline) into e; a reason when it fails. */
static const char *
parse_line(char *line, struct drift_entry *e)
{
	char *field[6];
	char *save = NULL;
	char canon[RDNS_ADDR_TEXT_MAX];
	struct rdns_addr a;
	size_t nf = 0;
	char *tok;

	for (tok = strtok_r(line, " ", &save); tok != NULL && nf < 6;
	     tok = strtok_r(NULL, " ", &save)) {
		field[nf++] = tok;
	}
	if (nf != 5) {
		return "not 5 fields (address, checked, since, forward, names)";
	}
	memset(e, 0, sizeof(*e));
	if (strlen(field[0]) >= sizeof(e->addr) ||
	    rdns_addr_parse(field[0], &a, NULL) != 0 ||
	    rdns_addr_format(&a, canon, sizeof(canon)) != 0 ||
	    strcmp(canon, field[0]) != 0) {
		return "not an address in canonical form";
	}
	if (!parse_time(field[1], &e->checked) ||
	    !parse_time(field[2], &e->since) || e->since > e->checked) {
		return "bad times (decimal Unix seconds, since <= checked)";
	}
	if (!forward_ok(field[3])) {
		return "unknown forward result";
	}
	if (!names_ok(field[4])) {
		return "bad PTR names";
	}
	memcpy(e->addr, field[0], strlen(field[0]) + 1);
	memcpy(e->forward, field[3], strlen(field[3]) + 1);
	memcpy(e->names, field[4], strlen(field[4]) + 1);
	return NULL;
}

/* First line of text (up to 60 bytes) made printable, for a message. */
static void
shown_first_line(const char *text, size_t len, char *buf, size_t buflen)
{
	size_t n = 0;

	while (n < len && n < 60 && text[n] != '\n') {
		n++;
	}
	output_sanitize(buf, buflen, text, n);
}

int
drift_parse(const char *text, size_t len, struct drift_db *db, char *err,
    size_t errlen)
{
	char line[DRIFT_LINE_MAX + 1];
	size_t pos;
	size_t lineno = 1;
	size_t mlen = strlen(DRIFT_MAGIC);
	size_t i;
	struct drift_entry e;
	const char *why;
	char shown[256];

	db->n = 0;
	if (len == 0) {
		return 0;
	}
	if (len > DRIFT_FILE_MAX) {
		snprintf(err, errlen, "too large (%zu bytes, at most %d)", len,
		    DRIFT_FILE_MAX);
		return -1;
	}
	if (len < mlen + 1 || memcmp(text, DRIFT_MAGIC, mlen) != 0 ||
	    text[mlen] != '\n') {
		shown_first_line(text, len, shown, sizeof(shown));
		snprintf(err, errlen,
		    "not a state file of these plugins (first line '%.100s')",
		    shown);
		return -1;
	}
	for (pos = mlen + 1; pos < len;) {
		size_t start = pos;
		size_t n;

		lineno++;
		while (pos < len && text[pos] != '\n') {
			pos++;
		}
		n = pos - start;
		if (pos == len) {
			snprintf(err, errlen,
			    "corrupt at line %zu: cut off (no newline)",
			    lineno);
			goto bad;
		}
		pos++; /* the newline */
		if (n > DRIFT_LINE_MAX ||
		    memchr(text + start, '\0', n) != NULL) {
			snprintf(err, errlen,
			    "corrupt at line %zu: too long or holds a NUL byte",
			    lineno);
			goto bad;
		}
		memcpy(line, text + start, n);
		line[n] = '\0';
		why = parse_line(line, &e);
		if (why != NULL) {
			snprintf(err, errlen, "corrupt at line %zu: %s", lineno,
			    why);
			goto bad;
		}
		for (i = 0; i < db->n; i++) {
			if (strcmp(db->e[i].addr, e.addr) == 0) {
				snprintf(err, errlen,
				    "corrupt at line %zu: address %s twice",
				    lineno, e.addr);
				goto bad;
			}
		}
		if (db->n == DRIFT_MAX_ENTRIES) {
			snprintf(err, errlen,
			    "corrupt at line %zu: more than %d addresses",
			    lineno, DRIFT_MAX_ENTRIES);
			goto bad;
		}
		if (grow(db) != 0) {
			snprintf(err, errlen, "out of memory");
			goto bad;
		}
		db->e[db->n++] = e;
	}
	return 0;
bad:
	db->n = 0;
	return -1;
}

/* Read the whole regular file fd (at most DRIFT_FILE_MAX + 1 bytes). */
static char *
read_all(int fd, size_t *len, char *err, size_t errlen)
{
	struct stat st;
	char *buf;
	size_t have = 0;
	ssize_t r;

	if (fstat(fd, &st) != 0) {
		snprintf(err, errlen, "%s", strerror(errno));
		return NULL;
	}
	if (!S_ISREG(st.st_mode)) {
		snprintf(err, errlen, "not a regular file");
		return NULL;
	}
	if (st.st_size > DRIFT_FILE_MAX) {
		snprintf(err, errlen, "too large (%lld bytes, at most %d)",
		    (long long)st.st_size, DRIFT_FILE_MAX);
		return NULL;
	}
	buf = malloc(DRIFT_FILE_MAX + 1);
	if (buf == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	while (have <= DRIFT_FILE_MAX) {
		r = read(fd, buf + have, DRIFT_FILE_MAX + 1 - have);
		if (r < 0 && errno == EINTR) {
			continue;
		}
		if (r < 0) {
			snprintf(err, errlen, "%s", strerror(errno));
			free(buf);
			return NULL;
		}
		if (r == 0) {
			break;
		}
		have += (size_t)r;
	}
	*len = have;
	return buf;
}

int
drift_open(struct drift_db *db, const char *path, double deadline, char *err,
    size_t errlen)
{
	char lock[sizeof(db->path) + 8];
	char why[256];
	char *text;
	size_t len = 0;
	int fd;

	drift_release(db);
	if (strlen(path) >= sizeof(db->path) || path[0] == '\0') {
		snprintf(err, errlen, "state file name too long or empty");
		return -1;
	}
	memcpy(db->path, path, strlen(path) + 1);
	snprintf(lock, sizeof(lock), "%s.lock", path);
	db->lock_fd =
	    open(lock, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (db->lock_fd < 0) {
		snprintf(err, errlen,
		    "cannot open its lock file %.200s.lock: %s", path,
		    strerror(errno));
		goto fail;
	}
	while (flock(db->lock_fd, LOCK_EX | LOCK_NB) != 0) {
		if (errno != EWOULDBLOCK && errno != EINTR) {
			snprintf(err, errlen, "cannot lock %.200s.lock: %s",
			    path, strerror(errno));
			goto fail;
		}
		if (clock_now() >= deadline) {
			snprintf(err, errlen,
			    "locked by another run (%.200s.lock) until the "
			    "timeout",
			    path);
			goto fail;
		}
		usleep(10000);
	}
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0 && errno == ENOENT) {
		return 0; /* the first run: an empty memory */
	}
	if (fd < 0) {
		snprintf(err, errlen, "%s", strerror(errno));
		goto fail;
	}
	text = read_all(fd, &len, why, sizeof(why));
	close(fd);
	if (text == NULL) {
		snprintf(err, errlen, "%s", why);
		goto fail;
	}
	if (drift_parse(text, len, db, why, sizeof(why)) != 0) {
		snprintf(err, errlen, "%s", why);
		free(text);
		goto fail;
	}
	free(text);
	return 0;
fail:
	drift_release(db);
	return -1;
}

int
drift_commit(struct drift_db *db, char *err, size_t errlen)
{
	char tmp[sizeof(db->path) + 16];
	FILE *f = NULL;
	int fd;
	size_t i;
	int rc = -1;

	if (db->lock_fd < 0) {
		snprintf(err, errlen, "the state file is not locked");
		return -1;
	}
	snprintf(tmp, sizeof(tmp), "%s.XXXXXX", db->path);
	fd = mkstemp(tmp);
	if (fd < 0) {
		snprintf(err, errlen, "cannot create a file beside it: %s",
		    strerror(errno));
		goto out;
	}
	f = fdopen(fd, "w");
	if (f == NULL) {
		snprintf(err, errlen, "%s", strerror(errno));
		close(fd);
		unlink(tmp);
		goto out;
	}
	fprintf(f, "%s\n", DRIFT_MAGIC);
	for (i = 0; i < db->n; i++) {
		const struct drift_entry *e = &db->e[i];

		fprintf(f, "%s %lld %lld %s %s\n", e->addr,
		    (long long)e->checked, (long long)e->since, e->forward,
		    e->names);
	}
	if (fflush(f) != 0 || ferror(f) || fsync(fileno(f)) != 0) {
		snprintf(err, errlen, "cannot write it: %s", strerror(errno));
		fclose(f);
		unlink(tmp);
		goto out;
	}
	if (fclose(f) != 0) {
		snprintf(err, errlen, "cannot write it: %s", strerror(errno));
		unlink(tmp);
		goto out;
	}
	if (rename(tmp, db->path) != 0) {
		snprintf(err, errlen, "cannot replace it: %s", strerror(errno));
		unlink(tmp);
		goto out;
	}
	rc = 0;
out:
	close(db->lock_fd);
	db->lock_fd = -1;
	return rc;
}

const struct drift_entry *
drift_find(const struct drift_db *db, const char *addr)
{
	size_t i;

	for (i = 0; i < db->n; i++) {
		if (strcmp(db->e[i].addr, addr) == 0) {
			return &db->e[i];
		}
	}
	return NULL;
}

static int
cmp_name(const void *a, const void *b)
{
	return strcasecmp(*(const char *const *)a, *(const char *const *)b);
}

void
drift_names(const char *const *names, size_t n, char *buf, size_t len)
{
	const char *sorted[64];
	size_t used = 0;
	size_t i;
	size_t k = 0;

	for (i = 0; i < n && k < 64; i++) {
		/* A name with a byte the file cannot hold is not kept. */
		if (names_ok(names[i]) && strchr(names[i], ',') == NULL) {
			sorted[k++] = names[i];
		}
	}
	qsort(sorted, k, sizeof(sorted[0]), cmp_name);
	buf[0] = '\0';
	for (i = 0; i < k; i++) {
		size_t nl = strlen(sorted[i]);

		if (used + nl + 2 >= len) {
			break;
		}
		if (i > 0) {
			buf[used++] = ',';
		}
		memcpy(buf + used, sorted[i], nl + 1);
		used += nl;
	}
	if (used == 0) {
		snprintf(buf, len, "-");
	}
}

/* "2026-11-30 14:02 UTC" of t. */
static void
when(int64_t t, char *buf, size_t len)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (gmtime_r(&tt, &tm) == NULL ||
	    strftime(buf, len, "%Y-%m-%d %H:%M UTC", &tm) == 0) {
		snprintf(buf, len, "@%lld", (long long)t);
	}
}

/* Names as the line says them: "a., b." or "no PTR". */
static void
names_text(const char *names, char *buf, size_t len)
{
	size_t i;
	size_t o = 0;

	if (strcmp(names, "-") == 0) {
		snprintf(buf, len, "no PTR");
		return;
	}
	for (i = 0; names[i] != '\0' && o + 3 < len; i++) {
		if (names[i] == ',') {
			buf[o++] = ',';
			buf[o++] = ' ';
		} else {
			buf[o++] = names[i];
		}
	}
	buf[o] = '\0';
}

void
drift_judge(const struct drift_entry *old, const char *addr, const char *names,
    const char *forward, int64_t now, enum state state, struct verdict *v,
    struct drift_entry *now_entry)
{
	char t[40];
	char was[DRIFT_NAMES_MAX + 64];
	char is[DRIFT_NAMES_MAX + 64];
	bool names_changed;
	bool fwd_changed;

	memset(now_entry, 0, sizeof(*now_entry));
	snprintf(now_entry->addr, sizeof(now_entry->addr), "%s", addr);
	snprintf(now_entry->names, sizeof(now_entry->names), "%s", names);
	snprintf(now_entry->forward, sizeof(now_entry->forward), "%s",
	    forward_ok(forward) ? forward : "-");
	now_entry->checked = now;
	now_entry->since = now;
	if (old == NULL) {
		verdict_detail(v,
		    "%s: first seen now, remembered in the state file", addr);
		return;
	}
	names_changed = strcasecmp(old->names, now_entry->names) != 0;
	/* "-" means the run did not judge the forward side (check_ptr). */
	fwd_changed = strcmp(old->forward, "-") != 0 &&
	              strcmp(now_entry->forward, "-") != 0 &&
	              strcmp(old->forward, now_entry->forward) != 0;
	when(old->checked, t, sizeof(t));
	if (names_changed) {
		names_text(old->names, was, sizeof(was));
		names_text(now_entry->names, is, sizeof(is));
		verdict_set(v, state, PIECE_PTR, FIXER_ZONE_HOLDER,
		    "PTR of %s changed from %s to %s since %s", addr, was, is,
		    t);
		if (fwd_changed) {
			verdict_append(v, " (forward result %s, was %s)",
			    now_entry->forward, old->forward);
		}
		return;
	}
	if (fwd_changed) {
		verdict_set(v, state, PIECE_FORWARD, FIXER_MAIL_ADMIN,
		    "forward result of %s changed from %s to %s since %s "
		    "(PTR %s unchanged)",
		    addr, old->forward, now_entry->forward, t,
		    strcmp(now_entry->names, "-") == 0 ? "none"
		                                       : now_entry->names);
		return;
	}
	if (strcmp(now_entry->forward, "-") == 0) {
		snprintf(now_entry->forward, sizeof(now_entry->forward), "%s",
		    old->forward);
	}
	now_entry->since = old->since;
	when(old->since, t, sizeof(t));
	verdict_detail(v, "%s: PTR unchanged since %s", addr, t);
}

int
drift_put(struct drift_db *db, const struct drift_entry *e)
{
	size_t i;
	size_t oldest = 0;

	for (i = 0; i < db->n; i++) {
		if (strcmp(db->e[i].addr, e->addr) == 0) {
			db->e[i] = *e;
			return 0;
		}
	}
	if (db->n == DRIFT_MAX_ENTRIES) {
		for (i = 1; i < db->n; i++) {
			if (db->e[i].checked < db->e[oldest].checked) {
				oldest = i;
			}
		}
		db->e[oldest] = *e;
		return 0;
	}
	if (grow(db) != 0) {
		return -1;
	}
	db->e[db->n++] = *e;
	return 0;
}
