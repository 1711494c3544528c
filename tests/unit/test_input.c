/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "clock.h"
#include "input.h"

/*
 * Unit tests of lib/input: bounded reads of a named file, a FIFO, a device
 * and a directory, against the size limit and the deadline.
 */

struct tmp {
	char dir[64];
	char path[128];
};

static void
tmp_make(struct tmp *t)
{
	snprintf(t->dir, sizeof(t->dir), "/tmp/test_input_XXXXXX");
	assert_non_null(mkdtemp(t->dir));
	snprintf(t->path, sizeof(t->path), "%s/f", t->dir);
}

static void
tmp_drop(struct tmp *t)
{
	unlink(t->path);
	rmdir(t->dir);
}

static void
write_text(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	fputs(text, fp);
	assert_int_equal(fclose(fp), 0);
}

static void
test_input_regular(void **unused)
{
	struct tmp t;
	char err[256];
	char *buf;
	size_t len;
	bool cut;

	(void)unused;
	tmp_make(&t);
	write_text(t.path, "Received: from a\n");
	assert_int_equal(input_read(t.path, 64, clock_now() + 1, &buf, &len,
	                     &cut, "F", err, sizeof(err)),
	    0);
	assert_int_equal(len, 17);
	assert_string_equal(buf, "Received: from a\n");
	assert_false(cut);
	free(buf);
	/* Longer than the limit: the first max bytes, and "cut". */
	assert_int_equal(input_read(t.path, 8, clock_now() + 1, &buf, &len,
	                     &cut, "F", err, sizeof(err)),
	    0);
	assert_int_equal(len, 8);
	assert_string_equal(buf, "Received");
	assert_true(cut);
	free(buf);
	/* Exactly the limit: not cut. */
	assert_int_equal(input_read(t.path, 17, clock_now() + 1, &buf, &len,
	                     &cut, "F", err, sizeof(err)),
	    0);
	assert_false(cut);
	free(buf);
	tmp_drop(&t);
}

static void
test_input_fifo(void **unused)
{
	struct tmp t;
	char err[256];
	char *buf = (char *)1;
	size_t len;
	bool cut;
	double t0;
	pid_t pid;

	(void)unused;
	tmp_make(&t);
	assert_int_equal(mkfifo(t.path, 0600), 0);
	/* Nobody writes: it ends at the deadline, with the reason. */
	t0 = clock_now();
	assert_int_equal(input_read(t.path, 64, t0 + 0.3, &buf, &len, &cut,
	                     "--received F", err, sizeof(err)),
	    -1);
	assert_true(clock_now() - t0 >= 0.25 && clock_now() - t0 < 1.0);
	assert_null(buf);
	assert_string_equal(err,
	    "cannot read --received F: nothing came before the deadline");
	/* A writer that comes late, writes and goes: read whole. */
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		FILE *fp;

		usleep(100000);
		fp = fopen(t.path, "w");
		if (fp != NULL) {
			fputs("late text", fp);
			fclose(fp);
		}
		_exit(0);
	}
	assert_int_equal(input_read(t.path, 64, clock_now() + 3, &buf, &len,
	                     &cut, "F", err, sizeof(err)),
	    0);
	waitpid(pid, NULL, 0);
	assert_string_equal(buf, "late text");
	assert_false(cut);
	free(buf);
	tmp_drop(&t);
}

static void
test_input_devices_and_errors(void **unused)
{
	char err[256];
	char *buf;
	size_t len;
	bool cut;
	double t0 = clock_now();

	(void)unused;
	/* Endless: ends at the size limit, at once, and says so. */
	assert_int_equal(input_read("/dev/zero", 4096, t0 + 5, &buf, &len, &cut,
	                     "Z", err, sizeof(err)),
	    0);
	assert_int_equal(len, 4096);
	assert_true(cut);
	assert_true(clock_now() - t0 < 1.0);
	free(buf);
	assert_int_equal(input_read("/tmp", 64, t0 + 5, &buf, &len, &cut, "D",
	                     err, sizeof(err)),
	    -1);
	assert_string_equal(err, "cannot read D: Is a directory");
	assert_int_equal(input_read("/nonexistent/x", 64, t0 + 5, &buf, &len,
	                     &cut, "N", err, sizeof(err)),
	    -1);
	assert_string_equal(err, "cannot read N: No such file or directory");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_input_regular),
	    cmocka_unit_test(test_input_fifo),
	    cmocka_unit_test(test_input_devices_and_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
