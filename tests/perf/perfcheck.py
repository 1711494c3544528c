#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The monitoring-plugins-rdns authors
"""Check plugin outputs the way a monitoring system reads them.

An independent reader of the Monitoring Plugins Development Guidelines'
output: one status line, at most one '|', perfdata items
'label'=value[UOM];[warn];[crit];[min];[max] with value a number or U,
ranges parsed by python3-nagiosplugin's Range (not by our lib/range), and
the suite's own promises (design.md): counters add up, U carries no unit.

  perfcheck.py check FILE       FILE holds outputs separated by lines
                                "=====RDNS-OUTPUT=====": every one checked
  perfcheck.py labels FILE FILE the two outputs have the same label set

Exit 0 when all is well, 1 with one line per problem on stdout.
"""
import re
import sys

import nagiosplugin

SEP = "=====RDNS-OUTPUT====="
# The guidelines: a label is quoted with ' (a quote doubled) when it holds
# spaces or quotes, else it holds neither; no '=' in either form.
LABEL = r"(?:'(?:[^'=]|'')+'|[^' =]+)"
NUMBER = r"-?(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)"
UOM = r"(?:s|ms|us|%|B|KB|MB|TB|c)?"
ITEM = re.compile(
    r"^(?P<label>%s)=(?P<value>%s|U)(?P<uom>%s)"
    r"(?:;(?P<warn>[^;]*)(?:;(?P<crit>[^;]*)(?:;(?P<min>%s)?(?:;(?P<max>%s)?)?)?)?)?$"
    % (LABEL, NUMBER, UOM, NUMBER, NUMBER))

# The counts of each plugin and the total they make (design.md).
SUMS = [
    ("addresses", ["with_ptr", "no_ptr", "unsure"]),
    ("addresses", ["confirmed", "partly", "failed", "unsure"]),
    ("names", ["match", "mismatch", "unsure"]),
]


def items(perf):
    """Split perfdata at spaces outside quotes."""
    out, cur, quoted = [], "", False
    for ch in perf:
        if ch == "'":
            quoted = not quoted
        if ch == " " and not quoted:
            if cur:
                out.append(cur)
            cur = ""
        else:
            cur += ch
    if cur:
        out.append(cur)
    return out


def parse(output):
    """(problems, {label: value}) of one output."""
    problems = []
    values = {}
    if output.count("|") > 1:
        problems.append("more than one '|'")
    first = output.split("\n", 1)[0]
    if "|" not in first:
        return problems, values
    perf = first.split("|", 1)[1].strip()
    for it in items(perf):
        m = ITEM.match(it)
        if not m:
            problems.append("not a perfdata item: %r" % it)
            continue
        label = m.group("label")
        if label in values:
            problems.append("label %s twice" % label)
        if m.group("value") == "U":
            if m.group("uom"):
                problems.append("%s: U with a unit" % it)
            values[label] = None
        else:
            values[label] = float(m.group("value"))
        for field in ("warn", "crit"):
            r = m.group(field)
            if r:
                try:
                    nagiosplugin.Range(r)
                except Exception as e:  # the library raises ValueError
                    problems.append("%s: %s range %r: %s" % (it, field, r, e))
    for total, parts in SUMS:
        if total in values and all(p in values for p in parts):
            s = sum(values[p] for p in parts if values[p] is not None)
            if values[total] != s:
                problems.append("%s=%s but %s add up to %s" % (
                    total, values[total], "+".join(parts), s))
    return problems, values


def main(argv):
    bad = []
    if len(argv) == 3 and argv[1] == "check":
        text = open(argv[2], encoding="utf-8", errors="replace").read()
        outputs = [o.strip("\n") for o in text.split(SEP + "\n")]
        n = 0
        for out in outputs:
            if not out:
                continue
            n += 1
            problems, _ = parse(out)
            for p in problems:
                bad.append("%s: %s" % (out.split("\n", 1)[0][:120], p))
        print("perfcheck: %d outputs" % n)
    elif len(argv) == 4 and argv[1] == "labels":
        a = parse(open(argv[2], encoding="utf-8").read())[1]
        b = parse(open(argv[3], encoding="utf-8").read())[1]
        if list(a) != list(b):
            bad.append("labels differ: %s / %s" % (" ".join(a), " ".join(b)))
    else:
        print(__doc__)
        return 2
    for line in bad:
        print(line)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
