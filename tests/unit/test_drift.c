/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
#include "config.h"

#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "clock.h"
#include "drift.h"

/* drift: the state file's reader, writer, lock and judge. */

#define M DRIFT_MAGIC "\n"

static int
parse(const char *text, struct drift_db *db, char *err, size_t errlen)
{
	return drift_parse(text, strlen(text), db, err, errlen);
}

static void
test_drift_parse_good(void **unused)
{
	struct drift_db db;
	char err[256];

	(void)unused;
	drift_init(&db);
	assert_int_equal(parse(M "198.51.100.10 200 100 confirmed "
	                         "a.example.test.,b.example.test.\n"
	                         "2001:db8::1 5 5 - -\n",
	                     &db, err, sizeof(err)),
	    0);
	assert_int_equal(db.n, 2);
	assert_string_equal(db.e[0].addr, "198.51.100.10");
	assert_int_equal(db.e[0].checked, 200);
	assert_int_equal(db.e[0].since, 100);
	assert_string_equal(db.e[0].forward, "confirmed");
	assert_string_equal(db.e[0].names, "a.example.test.,b.example.test.");
	assert_non_null(drift_find(&db, "2001:db8::1"));
	assert_null(drift_find(&db, "2001:db8::2"));
	/* Empty text: an empty memory. */
	assert_int_equal(drift_parse("", 0, &db, err, sizeof(err)), 0);
	assert_int_equal(db.n, 0);
	drift_release(&db);
}

/* Corrupt, foreign and hostile files: an error that says why, never a
 * partial db. */
static void
test_drift_parse_bad(void **unused)
{
	static const struct {
		const char *text;
		const char *why;
	} cases[] = {
	    {"garbage\n", "not a state file of these plugins (first line "
	                  "'garbage')"},
	    {"\x1b[2J|x\n", "not a state file of these plugins (first line "
	                    "'\\027[2J\\124x')"},
	    {DRIFT_MAGIC, "not a state file of these plugins (first line "
	                  "'# monitoring-plugins-rdns drift state v1')"},
	    {M "198.51.100.10 1 1 confirmed a.\n198.51.100.11 1 1",
	        "corrupt at line 3: cut off (no newline)"},
	    {M "198.51.100.10 1 1 confirmed\n",
	        "corrupt at line 2: not 5 fields (address, checked, since, "
	        "forward, names)"},
	    {M "198.51.100.10 1 1 confirmed a. extra\n",
	        "corrupt at line 2: not 5 fields (address, checked, since, "
	        "forward, names)"},
	    {M "198.51.100.010 1 1 - -\n",
	        "corrupt at line 2: not an address in canonical form"},
	    {M "2001:DB8::1 1 1 - -\n",
	        "corrupt at line 2: not an address in canonical form"},
	    {M "mail.example.test 1 1 - -\n",
	        "corrupt at line 2: not an address in canonical form"},
	    {M "198.51.100.10 -1 1 - -\n",
	        "corrupt at line 2: bad times (decimal Unix seconds, since "
	        "<= checked)"},
	    {M "198.51.100.10 1 2 - -\n",
	        "corrupt at line 2: bad times (decimal Unix seconds, since "
	        "<= checked)"},
	    {M "198.51.100.10 99999999999999999999 1 - -\n",
	        "corrupt at line 2: bad times (decimal Unix seconds, since "
	        "<= checked)"},
	    {M "198.51.100.10 1 1 maybe -\n",
	        "corrupt at line 2: unknown forward result"},
	    {M "198.51.100.10 1 1 - a.,,b.\n",
	        "corrupt at line 2: bad PTR names"},
	    {M "198.51.100.10 1 1 - a|b.\n",
	        "corrupt at line 2: bad PTR names"},
	    {M "198.51.100.10 1 1 - a\x01.\n",
	        "corrupt at line 2: bad PTR names"},
	    {M "198.51.100.10 1 1 - a.\n198.51.100.10 2 2 - b.\n",
	        "corrupt at line 3: address 198.51.100.10 twice"},
	};
	struct drift_db db;
	char err[256];
	size_t i;

	(void)unused;
	drift_init(&db);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		err[0] = '\0';
		assert_int_equal(parse(cases[i].text, &db, err, sizeof(err)),
		    -1);
		assert_string_equal(err, cases[i].why);
		assert_int_equal(db.n, 0);
	}
	drift_release(&db);
}

static void
test_drift_parse_limits(void **unused)
{
	struct drift_db db;
	char err[256];
	char *big;
	size_t len;
	size_t i;
	size_t cap = (DRIFT_MAX_ENTRIES + 2) * 40 + 64;

	(void)unused;
	drift_init(&db);
	/* A NUL inside a line, and a line over DRIFT_LINE_MAX. */
	assert_int_equal(drift_parse(M "198.51.100.1 1 1 - a\0b.\n",
	                     sizeof(M "198.51.100.1 1 1 - a\0b.\n") - 1, &db,
	                     err, sizeof(err)),
	    -1);
	assert_string_equal(err,
	    "corrupt at line 2: too long or holds a NUL byte");
	big = malloc(DRIFT_FILE_MAX + 2);
	assert_non_null(big);
	memcpy(big, M, strlen(M));
	memset(big + strlen(M), 'a', DRIFT_LINE_MAX + 10);
	big[strlen(M) + DRIFT_LINE_MAX + 10] = '\n';
	assert_int_equal(drift_parse(big, strlen(M) + DRIFT_LINE_MAX + 11, &db,
	                     err, sizeof(err)),
	    -1);
	assert_string_equal(err,
	    "corrupt at line 2: too long or holds a NUL byte");
	assert_int_equal(drift_parse(big, DRIFT_FILE_MAX + 1, &db, err,
	                     sizeof(err)),
	    -1);
	assert_string_equal(err, "too large (1048577 bytes, at most 1048576)");
	free(big);
	/* More addresses than DRIFT_MAX_ENTRIES. */
	big = malloc(cap);
	assert_non_null(big);
	len = (size_t)snprintf(big, cap, "%s", M);
	for (i = 0; i <= DRIFT_MAX_ENTRIES; i++) {
		len += (size_t)snprintf(big + len, cap - len,
		    "10.%zu.%zu.1 1 1 - -\n", i / 256, i % 256);
	}
	assert_int_equal(drift_parse(big, len, &db, err, sizeof(err)), -1);
	assert_string_equal(err, "corrupt at line 4098: more than 4096 "
	                         "addresses");
	assert_int_equal(db.n, 0);
	free(big);
	drift_release(&db);
}

static void
test_drift_judge(void **unused)
{
	struct drift_entry old;
	struct drift_entry now;
	struct verdict v;
	const char *names[2] = {"vps123.provider.net.", "b.example.test."};
	char joined[DRIFT_NAMES_MAX];

	(void)unused;
	drift_names(names, 2, joined, sizeof(joined));
	assert_string_equal(joined, "b.example.test.,vps123.provider.net.");
	drift_names(names, 0, joined, sizeof(joined));
	assert_string_equal(joined, "-");

	drift_judge(NULL, "198.51.100.10", "mail.example.com.", "-", 1000,
	    STATE_WARNING, &v, &now);
	assert_true(v.detail);
	assert_string_equal(v.text,
	    "198.51.100.10: first seen now, remembered in the state file");
	assert_int_equal(now.since, 1000);

	memset(&old, 0, sizeof(old));
	snprintf(old.addr, sizeof(old.addr), "198.51.100.10");
	snprintf(old.names, sizeof(old.names), "mail.example.com.");
	snprintf(old.forward, sizeof(old.forward), "confirmed");
	old.since = 1764500000;   /* 2025-11-30 10:53:20 UTC */
	old.checked = 1796047320; /* 2026-11-30 14:02 UTC */
	drift_judge(&old, "198.51.100.10", "vps123.provider.net.", "-",
	    1796400000, STATE_CRITICAL, &v, &now);
	assert_int_equal(v.state, STATE_CRITICAL);
	assert_int_equal(v.piece, PIECE_PTR);
	assert_string_equal(v.text,
	    "PTR of 198.51.100.10 changed from mail.example.com. to "
	    "vps123.provider.net. since 2026-11-30 14:02 UTC");
	assert_int_equal(now.since, 1796400000);
	assert_int_equal(now.checked, 1796400000);

	/* Same names, forward unknown to this plugin ("-"): kept. */
	drift_judge(&old, "198.51.100.10", "MAIL.example.com.", "-", 1796400000,
	    STATE_WARNING, &v, &now);
	assert_true(v.detail);
	assert_string_equal(v.text,
	    "198.51.100.10: PTR unchanged since 2025-11-30 10:53 UTC");
	assert_int_equal(now.since, old.since);
	assert_string_equal(now.forward, "confirmed");

	drift_judge(&old, "198.51.100.10", "mail.example.com.", "failed",
	    1796400000, STATE_WARNING, &v, &now);
	assert_int_equal(v.state, STATE_WARNING);
	assert_int_equal(v.piece, PIECE_FORWARD);
	assert_string_equal(v.text,
	    "forward result of 198.51.100.10 changed from confirmed to "
	    "failed since 2026-11-30 14:02 UTC (PTR mail.example.com. "
	    "unchanged)");

	snprintf(old.names, sizeof(old.names), "-");
	drift_judge(&old, "198.51.100.10", "a.,b.", "confirmed", 1796400000,
	    STATE_WARNING, &v, &now);
	assert_string_equal(v.text, "PTR of 198.51.100.10 changed from no PTR "
	                            "to a., b. since 2026-11-30 14:02 UTC");
}

static char dir[64];

static void
path(char *buf, size_t len, const char *name)
{
	snprintf(buf, len, "%s/%s", dir, name);
}

static void
write_file(const char *p, const char *text)
{
	FILE *f = fopen(p, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void
test_drift_file(void **unused)
{
	struct drift_db db;
	struct drift_entry e;
	char p[128];
	char lock[160];
	char err[512];
	char buf[512];
	FILE *f;
	size_t n;
	int fd;
	struct stat st;

	(void)unused;
	snprintf(dir, sizeof(dir), "/tmp/rdns-drift.XXXXXX");
	assert_non_null(mkdtemp(dir));
	path(p, sizeof(p), "state");
	drift_init(&db);

	/* Missing: empty; then written atomically with mode 0600. */
	assert_int_equal(drift_open(&db, p, clock_now() + 2, err, sizeof(err)),
	    0);
	assert_int_equal(db.n, 0);
	memset(&e, 0, sizeof(e));
	snprintf(e.addr, sizeof(e.addr), "198.51.100.10");
	snprintf(e.forward, sizeof(e.forward), "-");
	snprintf(e.names, sizeof(e.names), "mail.example.test.");
	e.checked = e.since = 42;
	assert_int_equal(drift_put(&db, &e), 0);
	assert_int_equal(drift_commit(&db, err, sizeof(err)), 0);
	drift_release(&db);
	f = fopen(p, "r");
	assert_non_null(f);
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	assert_string_equal(buf,
	    M "198.51.100.10 42 42 - mail.example.test.\n");
	assert_int_equal(stat(p, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);

	/* Read back. */
	assert_int_equal(drift_open(&db, p, clock_now() + 2, err, sizeof(err)),
	    0);
	assert_int_equal(db.n, 1);
	/* A second run waits for the lock, and gives up at its deadline. */
	path(lock, sizeof(lock), "state.lock");
	fd = open(lock, O_RDWR);
	assert_true(fd >= 0);
	assert_int_equal(flock(fd, LOCK_EX | LOCK_NB), -1); /* held */
	close(fd);
	{
		struct drift_db other;
		double t0 = clock_now();

		drift_init(&other);
		assert_int_equal(drift_open(&other, p, t0 + 0.2, err,
		                     sizeof(err)),
		    -1);
		assert_true(clock_now() - t0 >= 0.19);
		assert_non_null(strstr(err, "locked by another run"));
		drift_release(&other);
	}
	drift_release(&db);

	/* Foreign and corrupt files are refused and left as they are. */
	write_file(p, "# my notes\nkeep me\n");
	assert_int_equal(drift_open(&db, p, clock_now() + 2, err, sizeof(err)),
	    -1);
	assert_string_equal(err, "not a state file of these plugins (first "
	                         "line '# my notes')");
	f = fopen(p, "r");
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	assert_string_equal(buf, "# my notes\nkeep me\n");
	/* A directory, and an unreadable path. */
	path(p, sizeof(p), "adir");
	assert_int_equal(mkdir(p, 0700), 0);
	assert_int_equal(drift_open(&db, p, clock_now() + 2, err, sizeof(err)),
	    -1);
	assert_string_equal(err, "not a regular file");
	path(p, sizeof(p), "nodir/state");
	assert_int_equal(drift_open(&db, p, clock_now() + 2, err, sizeof(err)),
	    -1);
	assert_non_null(strstr(err, "cannot open its lock file"));
	drift_release(&db);

	/* Clean up. */
	path(p, sizeof(p), "adir");
	rmdir(p);
	path(p, sizeof(p), "state");
	unlink(p);
	path(p, sizeof(p), "state.lock");
	unlink(p);
	path(p, sizeof(p), "adir.lock");
	unlink(p);
	assert_int_equal(rmdir(dir), 0);
}

static void
test_drift_put_bounded(void **unused)
{
	struct drift_db db;
	struct drift_entry e;
	size_t i;

	(void)unused;
	drift_init(&db);
	memset(&e, 0, sizeof(e));
	snprintf(e.forward, sizeof(e.forward), "-");
	snprintf(e.names, sizeof(e.names), "-");
	for (i = 0; i < DRIFT_MAX_ENTRIES; i++) {
		snprintf(e.addr, sizeof(e.addr), "10.0.%zu.%zu", i / 256,
		    i % 256);
		e.checked = e.since = (int64_t)(i == 7 ? 1 : 100 + i);
		assert_int_equal(drift_put(&db, &e), 0);
	}
	assert_int_equal(db.n, DRIFT_MAX_ENTRIES);
	snprintf(e.addr, sizeof(e.addr), "198.51.100.1");
	e.checked = 9999;
	assert_int_equal(drift_put(&db, &e), 0);
	assert_int_equal(db.n, DRIFT_MAX_ENTRIES);
	assert_null(drift_find(&db, "10.0.0.7")); /* the oldest went */
	assert_non_null(drift_find(&db, "198.51.100.1"));
	drift_release(&db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_drift_parse_good),
	    cmocka_unit_test(test_drift_parse_bad),
	    cmocka_unit_test(test_drift_parse_limits),
	    cmocka_unit_test(test_drift_judge),
	    cmocka_unit_test(test_drift_file),
	    cmocka_unit_test(test_drift_put_bounded),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
