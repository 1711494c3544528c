/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
/*
 * clock: the monotonic time base of a plugin run.
 *
 * Every deadline in the library is an absolute time on CLOCK_MONOTONIC, in
 * seconds, so that the -t budget is shared by every socket wait of a run.
 */
#ifndef RDNS_CLOCK_H
#define RDNS_CLOCK_H

/* Seconds on CLOCK_MONOTONIC (never goes backwards, ignores clock steps). */
double clock_now(void);

/*
 * Milliseconds left until deadline, rounded up so that poll() never wakes
 * just before it; 0 when the deadline has passed; capped at INT_MAX.
 */
int clock_remaining_ms(double deadline);

#endif /* RDNS_CLOCK_H */
