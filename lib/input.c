/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "clock.h"
#include "input.h"

/*
 * Wait until fd has something to read (data, EOF or an error) or the
 * deadline passes. Returns 1 when readable, 0 at the deadline, -1 on error.
 */
static int
wait_readable(int fd, double deadline)
{
	struct pollfd p;
	int k;

	for (;;) {
		if (clock_now() >= deadline) {
			return 0;
		}
		p.fd = fd;
		p.events = POLLIN;
		p.revents = 0;
		k = poll(&p, 1, clock_remaining_ms(deadline));
		if (k < 0 && errno == EINTR) {
			continue;
		}
		if (k < 0) {
			return -1;
		}
		if (k > 0) {
			return 1;
		}
	}
}

int
input_read(const char *path, size_t max, double deadline, char **buf,
    size_t *len, bool *cut, const char *what, char *err, size_t errlen)
{
	bool is_stdin = strcmp(path, "-") == 0;
	/* O_NONBLOCK: opening a FIFO must not wait for a writer. */
	int fd = is_stdin
	             ? STDIN_FILENO
	             : open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	struct stat st;
	char *p = NULL;
	size_t have = 0;
	ssize_t k;
	int w;

	*buf = NULL;
	*len = 0;
	*cut = false;
	if (fd < 0) {
		snprintf(err, errlen, "cannot read %s: %s", what,
		    strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) != 0) {
		snprintf(err, errlen, "cannot read %s: %s", what,
		    strerror(errno));
		goto fail;
	}
	if (S_ISDIR(st.st_mode)) {
		/* strerror's words, as fopen() would have said it */
		snprintf(err, errlen, "cannot read %s: %s", what,
		    strerror(EISDIR));
		goto fail;
	}
	p = malloc(max + 1);
	if (p == NULL) {
		snprintf(err, errlen, "out of memory");
		goto fail;
	}
	while (have < max) {
		/* Regular files never block; everything else is waited for. */
		if (!S_ISREG(st.st_mode)) {
			w = wait_readable(fd, deadline);
			if (w == 0) {
				snprintf(err, errlen,
				    "cannot read %s: %s before the deadline",
				    what,
				    have == 0 ? "nothing came"
				              : "the rest did not come");
				goto fail;
			}
			if (w < 0) {
				snprintf(err, errlen, "cannot read %s: %s",
				    what, strerror(errno));
				goto fail;
			}
		}
		k = read(fd, p + have, max - have);
		if (k < 0 && (errno == EINTR || errno == EAGAIN)) {
			continue;
		}
		if (k < 0) {
			snprintf(err, errlen, "cannot read %s: %s", what,
			    strerror(errno));
			goto fail;
		}
		if (k == 0) {
			break;
		}
		have += (size_t)k;
	}
	if (have == max) {
		/* Is there more? One byte tells, without waiting for it. */
		char one;

		if (S_ISREG(st.st_mode)) {
			*cut = st.st_size > (off_t)max;
		} else {
			struct pollfd q = {.fd = fd, .events = POLLIN};

			*cut = poll(&q, 1, 0) != 1 || read(fd, &one, 1) != 0;
		}
	}
	if (!is_stdin) {
		close(fd);
	}
	p[have] = '\0';
	*buf = p;
	*len = have;
	return 0;
fail:
	free(p);
	if (!is_stdin) {
		close(fd);
	}
	return -1;
}
