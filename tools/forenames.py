"""Write checks/forenames.txt: the given names the "You said, we did" check looks for.

The names are the first names of the Faker package's person providers (MIT licence), for
the English-speaking lists and those of families common in English councils. Run it by hand to
refresh the list (Faker is not a dependency of sendqa: the build reads the text file)::

    .venv/bin/pip install faker
    .venv/bin/python tools/forenames.py
"""

from __future__ import annotations

import importlib
import sys
from importlib import metadata
from pathlib import Path

LISTS = ("en", "en_GB", "en_IE", "en_NZ", "en_US", "en_PK", "en_IN", "pl_PL", "ro_RO")
TARGET = Path(__file__).resolve().parent.parent / "checks" / "forenames.txt"

HEADER = """\
# Given names for the personal data check of "You said, we did" comments (checks/feedback.yml).
# One a line, lower case. Written by tools/forenames.py from the first names of the Faker
# package {version} (person providers {lists}); do not edit by hand: add your own names to
# 'given_names' in checks/feedback.yml.
#
# The names are from Faker, under its MIT licence:
#
# Copyright (c) 2012 Daniele Faraglia
#
# Permission is hereby granted, free of charge, to any person obtaining a copy
# of this software and associated documentation files (the "Software"), to deal
# in the Software without restriction, including without limitation the rights
# to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
# copies of the Software, and to permit persons to whom the Software is
# furnished to do so, subject to the following conditions:
#
# The above copyright notice and this permission notice shall be included in
# all copies or substantial portions of the Software.
#
# THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
# IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
# FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
# AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
# LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
# OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN
# THE SOFTWARE.
"""


def main() -> int:
    """Read the lists and write the file."""
    names: set[str] = set()
    for locale in LISTS:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attribute in ("first_names", "first_names_male", "first_names_female"):
            names.update(" ".join(n.split()).lower() for n in getattr(provider, attribute, ()))
    header = HEADER.format(version=metadata.version("faker"), lists=", ".join(LISTS))
    TARGET.write_text(header + "\n".join(sorted(n for n in names if n)) + "\n", "utf-8")
    sys.stdout.write(f"{len(names)} names written to {TARGET}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
