/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
#include "config.h"

#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "backstop.h"

/*
 * backstop: SIGALRM handler that ends a run that overstayed -t.
 * The line and the state are fixed before the alarm is armed, because a
 * signal handler may not call printf or malloc (POSIX async-signal-safe
 * list: write and _exit only).
 */

static char backstop_line[160];
static volatile sig_atomic_t backstop_len;
static volatile sig_atomic_t backstop_state = STATE_CRITICAL;

static void
backstop_fire(int sig)
{
	ssize_t ignored;

	(void)sig;
	ignored = write(STDOUT_FILENO, backstop_line, (size_t)backstop_len);
	(void)ignored;
	_exit(backstop_state);
}

void
backstop_arm(const char *service, double timeout, enum state st)
{
	struct sigaction sa;
	unsigned secs = (unsigned)ceil(timeout) + 1;
	int n;

	n = snprintf(backstop_line, sizeof(backstop_line),
	    "%s %s - plugin timed out after %u s, could not tell\n", service,
	    state_name(st), secs);
	if (n < 0 || (size_t)n >= sizeof(backstop_line)) {
		n = 0;
	}
	backstop_len = n;
	backstop_state = (sig_atomic_t)st;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = backstop_fire;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, NULL);
	alarm(secs);
}
