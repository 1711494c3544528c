/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
#include "config.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "inventory.h"

/*
 * fuzz_inventory: any bytes as an inventory file (check_fcrdns
 * --inventory) through inventory_parse().
 *
 * Checked: the result is rows or errors, never neither; every error is
 * one printable line starting "f:" with its state UNKNOWN; a file with
 * errors is not half-used (the caller checks nothing of it, the count
 * says so); every row has a line number in the file, distinct
 * addresses, names that are lowercase and end in a dot (or an address
 * literal HELO), and a label of printable ASCII without '|'.
 */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
printable(const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s < 0x20 || *s > 0x7e || *s == '|') {
			abort();
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct inventory inv;
	size_t lines = 1;
	size_t i;
	size_t j;
	long bad;

	for (i = 0; i < size; i++) {
		lines += data[i] == '\n';
	}
	bad = inventory_parse((const char *)data, size, "f", 50, &inv);
	if (bad < 0) {
		inventory_release(&inv);
		return 0;
	}
	if ((size_t)bad != inv.errors_total ||
	    (inv.n == 0 && inv.errors_total == 0) ||
	    inv.nerrors > INVENTORY_ERRORS_KEPT ||
	    inv.nerrors > inv.errors_total || inv.n > 50) {
		abort();
	}
	for (i = 0; i < inv.nerrors; i++) {
		if (strncmp(inv.errors[i].text, "f:", 2) != 0 ||
		    inv.errors[i].state != STATE_UNKNOWN) {
			abort();
		}
		printable(inv.errors[i].text);
	}
	for (i = 0; i < inv.n; i++) {
		const struct inventory_row *r = &inv.rows[i];

		if (r->line == 0 || r->line > lines) {
			abort();
		}
		if (r->ptr != NULL) {
			printable(r->ptr);
			if (r->ptr[strlen(r->ptr) - 1] != '.') {
				abort();
			}
		}
		if (r->helo != NULL) {
			printable(r->helo);
		}
		if (r->label != NULL) {
			printable(r->label);
		}
		for (j = 0; j < i; j++) {
			if (rdns_addr_equal(&inv.rows[j].addr, &r->addr)) {
				abort();
			}
		}
	}
	inventory_release(&inv);
	return 0;
}
