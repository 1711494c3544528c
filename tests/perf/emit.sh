#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The monitoring-plugins-rdns authors
# emit.sh BYTES: a plugin-shaped output of exactly BYTES bytes (a status
# line with perfdata, then long-output lines numbered so that a cut shows
# where it fell), exit 0. For measuring what NRPE, Nagios 4 and Icinga 2
# carry of a plugin's output (tests/integration/nrpe.sh, nagios4.sh).
n=${1:?BYTES}
head="EMIT OK - $n bytes | bytes=$n;;;0"
printf '%s\n' "$head"
left=$((n - ${#head} - 1))
i=0
while [ "$left" -gt 0 ]; do
	i=$((i + 1))
	line=$(printf 'line %06d ................................................................' "$i")
	if [ "$left" -le 1 ]; then
		line=
	elif [ "$left" -le "${#line}" ]; then
		line=$(printf '%s' "$line" | cut -c1-$((left - 1)))
	fi
	printf '%s\n' "$line"
	left=$((left - ${#line} - 1))
done
exit 0
