/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
#include "config.h"

/*
 * floor_exit: the cost of starting a dynamically linked C program that
 * does nothing. bench/run times it as the lowest possible per-run cost of
 * any plugin: exec, the dynamic loader with libc only, exit.
 */

int
main(void)
{
	return 0;
}
