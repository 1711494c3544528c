/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
/*
 * backstop: the last line of defence of the -t budget.
 *
 * Every wait in lib honours the run's deadline through poll(); this alarm
 * only fires if something still hangs past it. Its handler is
 * async-signal-safe: one write() of a line prepared in advance, then
 * _exit() with the -t state.
 */
#ifndef RDNS_BACKSTOP_H
#define RDNS_BACKSTOP_H

#include "output.h"

/*
 * Arm SIGALRM for one second past timeout seconds. service is the status
 * line's service word; st the exit state for a timeout.
 */
void backstop_arm(const char *service, double timeout, enum state st);

#endif /* RDNS_BACKSTOP_H */
