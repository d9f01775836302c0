#!/usr/bin/env python3
# help_shape.py: reduces cobra-style --help text to what must match helm's: usage, aliases, commands, flags.
"""Reads help text on stdin and prints its shape: the usage and alias lines with the program name
replaced by PROGRAM, the names of the available commands, and for every flag its names, type,
optional-value note and default. Descriptions are left out: celm words them itself."""
import re
import sys

SECTIONS = ("Usage:", "Aliases:", "Available Commands:", "Flags:", "Global Flags:")


def shape(text):
    lines, section = [], None
    for line in text.splitlines():
        if line.startswith('Use "'):
            lines.append(re.sub(r'^Use "\S+', 'Use "PROGRAM', line))
            continue
        if not line.startswith(" ") and line.endswith(":"):
            section = line if line in SECTIONS else None
            if section:
                lines.append(line)
            continue
        if not line.strip() or section is None:
            continue
        if section in ("Usage:", "Aliases:"):
            lines.append(re.sub(r"^(\s+)(helm|celm)\b", r"\1PROGRAM", line))
        elif section == "Available Commands:":
            lines.append("  " + line.split()[0])
        else:
            match = re.match(r"^(.*?\S)\s{3,}(.*)$", line)
            default = re.search(r" \(default (.*)\)$", match.group(2))
            lines.append(match.group(1) + ("  [default " + default.group(1) + "]" if default else ""))
    return lines


if __name__ == "__main__":
    print("\n".join(shape(sys.stdin.read())))
