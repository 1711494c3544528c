/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
/*
 * input: read a file the user named (a message for --received), bounded in
 * size and in time. A FIFO nobody writes to, a terminal or a slow pipe ends
 * at the caller's deadline with a clear reason, not at the backstop; an
 * endless one (/dev/zero) ends at the size limit, and the caller learns
 * that the text was cut there.
 *
 * Nothing here prints or exits.
 */
#ifndef RDNS_INPUT_H
#define RDNS_INPUT_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Read path ("-": standard input) into a new buffer of max + 1 bytes,
 * NUL-terminated after the text.
 *
 * path:     in; the file name, or "-".
 * max:      in; bytes kept at most (> 0).
 * deadline: in; absolute clock_now() seconds: waiting for more input
 *           stops then (what came so far is an error: a half message
 *           would mislead).
 * buf:      out; the text, owned by the caller (free()); NULL on error.
 * len:      out; its length.
 * cut:      out; true when the input went on past max bytes.
 * err:      out; why it failed ("Is a directory", "nothing came before
 *           the deadline", strerror), with the name given as "what".
 * what:     in; how the message names the input ("--received FILE").
 *
 * Returns 0, or -1 with err set.
 */
int input_read(const char *path, size_t max, double deadline, char **buf,
    size_t *len, bool *cut, const char *what, char *err, size_t errlen);

#endif /* RDNS_INPUT_H */
