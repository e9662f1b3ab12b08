#!/usr/bin/env python3
# Copyright 2026 The Interleave authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# TAP test: every source file with translatable strings is listed in
# po/POTFILES.in, and every file listed there exists.

import pathlib
import re
import sys

TRANSLATABLE = re.compile(r'\b(N?_|C_|NC_|g_dngettext|ngettext)\s*\(|translatable="yes"')
DATA_SUFFIXES = (".desktop.in", ".metainfo.xml.in", ".gschema.xml")


def translatable_files(root):
    found = set()
    for top in ("src", "ui", "data"):
        for path in (root / top).rglob("*"):
            if not path.is_file():
                continue
            rel = path.relative_to(root).as_posix()
            if path.name.endswith(DATA_SUFFIXES):
                found.add(rel)
            elif path.suffix in (".c", ".h", ".ui"):
                text = path.read_text(encoding="utf-8", errors="replace")
                if TRANSLATABLE.search(text):
                    found.add(rel)
    return found


def listed_files(root):
    listed = set()
    for line in (root / "po" / "POTFILES.in").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            listed.add(line)
    return listed


def main():
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve()
    needed = translatable_files(root)
    listed = listed_files(root)
    checks = [
        ("every file with translatable strings is in po/POTFILES.in",
         sorted(needed - listed), "not listed"),
        ("every file in po/POTFILES.in exists",
         sorted(p for p in listed if not (root / p).is_file()), "missing"),
    ]
    print(f"1..{len(checks)}")
    failed = 0
    for number, (name, problems, what) in enumerate(checks, 1):
        if problems:
            failed += 1
            print(f"not ok {number} {name}")
            for problem in problems:
                print(f"# {what}: {problem}")
        else:
            print(f"ok {number} {name}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
