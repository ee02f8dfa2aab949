"""The prose a reader sees, from a page's Markdown, with the file line of every piece.

The plain-English checks (acronyms, words to avoid, readability) must judge what readers read,
not Markdown syntax: code, URLs, link targets, HTML comments, front matter and abbreviation
definitions are dropped; link text, image descriptions, headings, list items, quotes and table
cells are kept. Text pasted from Word is normalised (non-breaking spaces, curly quotes, soft
hyphens, zero-width characters) so rules match however the editor typed it.

Tables are kept as ``table`` lines: their cells are checked for acronyms and words to avoid, but
they are not sentences, so readability leaves them out (as it leaves out headings).
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

HEADING = "heading"
TEXT = "text"
TABLE = "table"
KINDS = (HEADING, TEXT, TABLE)

# Raw line states of the scanner (see scan_lines).
CODE = "code"
FRONT_MATTER = "front-matter"
COMMENT = "comment"
SKIP = "skip"
MARKDOWN = "markdown"


@dataclass(frozen=True)
class ProseLine:
    """One line of visible text."""

    line: int
    """Line in the file (1-based)."""
    text: str
    """What the reader sees on that line, normalised (one space between words)."""
    kind: str
    """``heading``, ``text`` (paragraphs, list items, quotes) or ``table`` (table cells)."""
    block: int
    """Paragraph number: lines of one paragraph or list item share it, so sentences can run on
    over hard-wrapped lines."""


@dataclass(frozen=True)
class Passage:
    """A paragraph, list item, heading or table row, or one sentence of it, with where it
    starts in the file."""

    text: str
    kind: str
    starts: tuple[tuple[int, int], ...]
    """``(offset in text, file line)`` for each source line the passage runs over."""

    @property
    def line(self) -> int:
        """File line on which the passage starts."""
        return self.starts[0][1]

    def line_at(self, offset: int) -> int:
        """File line of the character at ``offset`` in ``text``."""
        line = self.starts[0][1]
        for start, number in self.starts:
            if start > offset:
                break
            line = number
        return line

    @property
    def words(self) -> int:
        """Number of words, as a reader counts them."""
        return count_words(self.text)


Sentence = Passage
"""A passage that is one sentence (see :func:`sentences`)."""


# ---------------------------------------------------------------------------------------------
# Normalising text pasted from Word and other editors

_TRANSLATE = str.maketrans(
    {
        "\u00a0": " ",  # no-break space
        "\u202f": " ",  # narrow no-break space
        "\u2007": " ",  # figure space
        "\u2009": " ",  # thin space
        "\u200a": " ",  # hair space
        "\u2002": " ",
        "\u2003": " ",
        "\t": " ",
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2011": "-",  # non-breaking hyphen
        "\u2010": "-",
        "\u00ad": None,  # soft hyphen
        "\u200b": None,  # zero-width space
        "\u200c": None,
        "\u200d": None,
        "\u2060": None,
        "\ufeff": None,
    }
)
_SPACES = re.compile(r" {2,}")


def normalise(text: str) -> str:
    """Text with Word's special spaces, quotes and hyphens made plain, spaces collapsed."""
    return _SPACES.sub(" ", text.translate(_TRANSLATE)).strip()


# ---------------------------------------------------------------------------------------------
# Inline Markdown -> visible text

# Patterns below start only where a run of their characters starts (a look-behind), so a long
# run ("....", "a.b.c.d...") is scanned once, not once from each of its characters; a leading
# group keeps what they left before (the old patterns started at the run's first word).
_BACKTICKS = re.compile(r"`+")
_IMAGE = re.compile(r"!\[([^\[\]]*)\]\((?:[^()\s]|\([^()]*\))*(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
_IMAGE_REF = re.compile(r"!\[([^\[\]]*)\]\[[^\[\]]*\]")
_LINK = re.compile(
    r"\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\((?:[^()\s]|\([^()]*\))*(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)"
)
_LINK_REF = re.compile(r"\[((?:[^\[\]]|\[[^\[\]]*\])+)\]\[[^\[\]]*\]")
_FOOTNOTE_REF = re.compile(r"\[\^[^\[\]]+\]")
_AUTOLINK = re.compile(r"<(?:https?|ftp|mailto|tel):[^<>\s]*>|<[^<>\s@]+@[^<>\s]+>", re.IGNORECASE)
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s+[^<>]*)?/?>")
_BREAK_TAG = re.compile(r"<br\s*/?>", re.IGNORECASE)
_URL = re.compile(
    r"(?:\b(?:https?|ftp)://|\bwww\.)[^\s<>\"]*[^\s<>\"'.,;:!?)\]]"
    r"|\b(?:https?|ftp)://",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"(?<![\w.+-])([.+-]*)\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_BARE_DOMAIN = re.compile(
    r"(?<![a-z0-9-])(?<![a-z0-9-]\.)(-*)\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\."
    r"(?:gov\.uk|org\.uk|co\.uk|ac\.uk|nhs\.uk|sch\.uk|com|org|net|"
    r"uk|info|io)(?:/[^\s<>\"]*[^\s<>\"'.,;:!?)\]])?(?![\w.])",
    re.IGNORECASE,
)
_FILE_NAME = re.compile(
    r"(?<![\w-])(-*)\b[\w-]+\.(?:pdf|docx?|xlsx?|pptx?|odt|ods|csv|txt|zip|jpe?g|png|gif)\b", re.I
)
_ATTR_LIST = re.compile(
    r"\{:?\s*(?:[#.][\w-]+|[\w-]+=(?:\"[^\"]*\"|'[^']*'|[^\s{}]+))(?:\s+[^{}]*)?\}"
)
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~<\"'])")
_EMPHASIS = re.compile(r"\*+|~~|==|\^\^|(?<![A-Za-z0-9])_+|_+(?![A-Za-z0-9])")
_TASK = re.compile(r"^\[[ xX]\]\s+")
_PROTECT = {"*": "\ue000", "_": "\ue001", "~": "\ue002", "=": "\ue003", "^": "\ue004"}
_SPACE_BEFORE_STOP = re.compile(r" +([.,;:!?])(?=\s|$)")
_RESTORE = str.maketrans({v: k for k, v in _PROTECT.items()})


_MARKUP = re.compile(r"[`<\[{\\*_~=^&@:\ue000-\ue004]|\.\S")
"""A character that every pattern :func:`visible_text` removes or changes needs (a dot
followed by something for addresses and file names, a colon for ``https://``)."""


def without_comments(text: str, replacement: str = " ") -> str:
    """``text`` with each HTML comment (``<!-- ... -->``) replaced.

    In one pass: a pattern would look for the end of a comment from every ``<!--`` of a line
    that has many and no end, once per ``<!--``.
    """
    parts = []
    position = 0
    while True:
        start = text.find("<!--", position)
        end = text.find("-->", start + 4) if start != -1 else -1
        if end == -1:
            parts.append(text[position:])
            return "".join(parts)
        parts += [text[position:start], replacement]
        position = end + 3


def _without_code(text: str) -> str:
    """``text`` with each code span replaced by a space, as Python-Markdown finds them: from the
    first backtick that starts one, a run of backticks closed by the next run of exactly as many
    on the same line.

    Each run is looked up among the later runs of its length (a pattern would read the rest of
    the line again from each backtick of a long run).
    """
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(text)]
    if len(runs) < 2:
        return text
    by_length: dict[int, list[int]] = {}
    for start, end in runs:
        by_length.setdefault(end - start, []).append(start)
    parts = []
    position = 0
    for start, end in runs:
        if start < position:
            continue  # inside the code span just found
        for opener in range(start, end):
            length = end - opener
            later = by_length.get(length, [])
            at = bisect.bisect_right(later, start)
            if at < len(later) and "\n" not in text[end : later[at]]:
                parts += [text[position:opener], " "]
                position = later[at] + length
                break
    parts.append(text[position:])
    return "".join(parts)


def visible_text(markdown_line: str) -> str:
    """What a reader sees of one line of inline Markdown (no block markers).

    Link text and image descriptions stay; link targets, URLs, email addresses, file names,
    inline code, HTML tags and comments, attribute lists and emphasis markers go.
    """
    if _MARKUP.search(markdown_line) is None:
        # Most lines are plain words: none of the patterns below can match, so only the
        # spacing is tidied (as at the end of ``markup_to_text``).
        return _SPACE_BEFORE_STOP.sub(r"\1", normalise(markdown_line))
    return markup_to_text(markdown_line)


def markup_to_text(markdown_line: str) -> str:
    """:func:`visible_text` without its shortcut for lines with no markup."""
    # Each pattern is tried only when the text has a character every match of it needs.
    text = _without_code(markdown_line)
    text = without_comments(text)
    if "<" in text:
        text = _AUTOLINK.sub(" ", text)
    if "[" in text:
        text = _IMAGE.sub(r"\1", text)
        text = _IMAGE_REF.sub(r"\1", text)
        text = _LINK.sub(r"\1", text)
        text = _LINK_REF.sub(r"\1", text)
        text = _FOOTNOTE_REF.sub("", text)
    if "{" in text:
        text = _ATTR_LIST.sub(" ", text)
    if "<" in text:
        text = _BREAK_TAG.sub(" ", text)
        text = _TAG.sub("", text)
    if "." in text or ":" in text:
        text = _URL.sub(" ", text)
    if "@" in text:
        text = _EMAIL.sub(r"\1 ", text)
    if "." in text:
        text = _BARE_DOMAIN.sub(r"\1 ", text)
        text = _FILE_NAME.sub(r"\1 ", text)
    if "\\" in text:
        text = _ESCAPE.sub(lambda m: _PROTECT.get(m.group(1), m.group(1)), text)
    text = _EMPHASIS.sub("", text)
    text = html.unescape(text.translate(_RESTORE))
    return _SPACE_BEFORE_STOP.sub(r"\1", normalise(text))


# ---------------------------------------------------------------------------------------------
# Block structure

_FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})(.*)$")
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:\s+(.*?))?(?:\s+#+)?\s*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)\s*$")
_HR = re.compile(r"^ {0,3}(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})$")
_LIST_ITEM = re.compile(r"^(\s*)(?:[-*+]|\d{1,9}[.)])(\s+|$)")
_QUOTE = re.compile(r"^\s{0,3}(?:>\s?)+")
_DEFINITION = re.compile(r"^ {0,3}:(\s+)")
_ADMONITION = re.compile(
    r"^(\s*)(?:(?:!!!|\?\?\?\+?)\s*[\w-]+(?:\s+[\w-]+)*\s*(?:\"(.*)\")?|===\+?\s*\"(.*)\")\s*$"
)
_TABLE_DELIMITER = re.compile(r"^\s*(?:\|\s*)?:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")
_ABBR_DEF = re.compile(r"^ {0,3}\*\[[^\]]*\]\s*:")
_REF_DEF = re.compile(r"^ {0,3}\[(?!\^)[^\]]+\]:\s*\S")
_FOOTNOTE_DEF = re.compile(r"^ {0,3}\[\^[^\]]+\]:\s*")
_SNIPPET = re.compile(r"^\s*-{2,}8<-{2,}")
_RAW_BLOCK_OPEN = re.compile(r"^\s*<(script|style|pre|textarea)\b", re.IGNORECASE)


def _indent(line: str) -> int:
    expanded = line.expandtabs(4)
    return len(expanded) - len(expanded.lstrip(" "))


def scan_lines(
    markdown: str, first_line: int = 1, *, front_matter: bool = True
) -> Iterator[tuple[int, str, str]]:
    """Yield ``(file line, raw line, state)`` for every line.

    ``state`` is ``code`` (fenced or indented code, raw script or pre blocks), ``front-matter``,
    ``comment`` (inside a multi-line HTML comment) or ``markdown``. Used by prose extraction and
    by silencing comments, which must not be obeyed inside code examples.

    Args:
        markdown: the page text (or its body).
        first_line: file line of the first line of ``markdown``.
        front_matter: True when ``markdown`` may start with a ``---`` front matter block.
    """
    lines = markdown.split("\n")
    index = 0
    if front_matter and lines and lines[0].strip() == "---":
        for end in range(1, len(lines)):
            if lines[end].strip() in ("---", "..."):
                for i in range(end + 1):
                    yield first_line + i, lines[i], FRONT_MATTER
                index = end + 1
                break
    fence: tuple[str, int] | None = None
    raw_block: str | None = None
    in_comment = False
    in_container = False  # inside a list item or admonition: indented text is not code
    previous_blank = True
    previous_code = False
    for i in range(index, len(lines)):
        raw = lines[i]
        number = first_line + i
        stripped = raw.strip()
        if fence is not None:
            match = _FENCE.match(raw)
            if (
                match
                and match.group(2)[0] == fence[0]
                and len(match.group(2)) >= fence[1]
                and not match.group(3).strip()
            ):
                fence = None
            yield number, raw, CODE
            continue
        if raw_block is not None:
            yield number, raw, CODE
            if f"</{raw_block}" in raw.lower():
                raw_block = None
            continue
        if in_comment:
            yield number, raw, COMMENT
            if "-->" in raw:
                in_comment = False
            previous_blank = False
            continue
        if not stripped:
            yield number, raw, MARKDOWN
            previous_blank = True
            continue
        indent = _indent(raw)
        if indent >= 4 and not in_container and (previous_blank or previous_code):
            yield number, raw, CODE
            previous_code = True
            previous_blank = False
            continue
        previous_code = False
        match = _FENCE.match(raw)
        if match and not (match.group(2)[0] == "`" and "`" in match.group(3)):
            fence = (match.group(2)[0], len(match.group(2)))
            yield number, raw, CODE
            previous_blank = False
            continue
        opener = _RAW_BLOCK_OPEN.match(raw)
        if opener:
            tag = opener.group(1).lower()
            yield number, raw, CODE
            if f"</{tag}" not in raw.lower():
                raw_block = tag
            previous_blank = False
            continue
        if _LIST_ITEM.match(raw) or _ADMONITION.match(raw):
            in_container = True
        elif indent < 4 and previous_blank:
            in_container = False
        last_open = raw.rfind("<!--")
        if last_open != -1 and "-->" not in raw[last_open:]:
            in_comment = True
        yield number, raw, MARKDOWN
        previous_blank = False


def prose_lines(
    markdown: str, first_line: int = 1, *, front_matter: bool = True
) -> list[ProseLine]:
    """The visible text of a page, line by line, with file line numbers.

    Args:
        markdown: the page text (or only its body).
        first_line: file line of the first line of ``markdown`` (the site index's
            ``body_line`` when passing a body).
        front_matter: True when ``markdown`` may start with front matter, which is dropped.
    """
    result: list[ProseLine] = []
    block = 0
    previous: ProseLine | None = None  # the last paragraph line, for setext headings
    in_table = False
    raw_lines = list(scan_lines(markdown, first_line, front_matter=front_matter))
    for position, (number, raw, state) in enumerate(raw_lines):
        if state != MARKDOWN:
            tail = raw.split("-->", 1)[1] if state == COMMENT and "-->" in raw else ""
            if not tail.strip():
                block += 1
                previous = None
                in_table = False
                continue
            raw = tail  # text after the end of a multi-line comment
        stripped = raw.strip()
        if not stripped:
            block += 1
            previous = None
            in_table = False
            continue
        if "<!--" in raw and "-->" not in raw[raw.rfind("<!--") :]:
            raw = raw[: raw.rfind("<!--")]
            if not raw.strip():
                continue
        # Lines that are never prose.
        if _ABBR_DEF.match(raw) or _REF_DEF.match(raw) or _SNIPPET.match(raw):
            block += 1
            previous = None
            continue
        setext = _SETEXT.match(raw)
        if setext and previous is not None and previous.kind == TEXT and not in_table:
            result[-1] = ProseLine(previous.line, previous.text, HEADING, previous.block)
            previous = None
            block += 1
            continue
        if _HR.match(raw):
            block += 1
            previous = None
            continue
        # Tables: a row of cells followed by a delimiter row, then rows with pipes.
        if _TABLE_DELIMITER.match(raw) and "-" in raw and (in_table or "|" in raw):
            in_table = True
            continue
        next_raw = raw_lines[position + 1][1] if position + 1 < len(raw_lines) else ""
        if "|" in raw and (
            in_table or (_TABLE_DELIMITER.match(next_raw) and "-" in next_raw and "|" in next_raw)
        ):
            in_table = True
            body = _QUOTE.sub("", raw).strip().strip("|")
            cells = [visible_text(cell) for cell in re.split(r"(?<!\\)\|", body)]
            text = " | ".join(cell for cell in cells if cell)
            block += 1
            previous = None
            if text:
                result.append(ProseLine(number, text, TABLE, block))
            continue
        in_table = False
        kind = TEXT
        new_block = False
        heading = _ATX.match(raw)
        admonition = _ADMONITION.match(raw)
        if heading:
            kind = HEADING
            content = heading.group(2) or ""
            new_block = True
        elif admonition:
            content = admonition.group(2) or admonition.group(3) or ""
            kind = HEADING
            new_block = True
        else:
            content = raw
            quote = _QUOTE.match(content)
            if quote:
                content = content[quote.end() :]
            while True:
                item = _LIST_ITEM.match(content)
                definition = _DEFINITION.match(content)
                if item:
                    content = content[item.end() :]
                    new_block = True
                elif definition:
                    content = content[definition.end() :]
                    new_block = True
                else:
                    break
            footnote = _FOOTNOTE_DEF.match(content)
            if footnote:
                content = content[footnote.end() :]
                new_block = True
            content = _TASK.sub("", content.strip())
        if new_block or previous is None:
            block += 1
        text = visible_text(content)
        if not text:
            previous = None if kind == HEADING else previous
            continue
        line = ProseLine(number, text, kind, block)
        result.append(line)
        previous = line if kind == TEXT else None
        if kind == HEADING:
            block += 1
    return result


# ---------------------------------------------------------------------------------------------
# Sentences

_ABBREVIATIONS = {
    "e.g",
    "i.e",
    "eg",
    "ie",
    "etc",
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "st",
    "no",
    "nos",
    "approx",
    "tel",
    "ext",
    "vs",
    "cf",
    "fig",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
}
_SENTENCE_END = re.compile(r"(?<![.!?])[.!?]+[\"')\]]*(?=\s+[\"'(\[]?[A-Z0-9])")
_WORD = re.compile(r"[A-Za-z0-9]+(?:['’\-][A-Za-z0-9]+)*")
_LOOKBACK = 64


def count_words(text: str) -> int:
    """Words as a reader counts them (numbers count; hyphenated words count once)."""
    return len(_WORD.findall(text))


def _split(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences in one paragraph."""
    spans = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        # The word before the stop; only its last characters matter (abbreviations are short),
        # and looking further back would read a long run again for every stop in it.
        end = match.start()
        lookback = max(start, end - _LOOKBACK)
        before = text[lookback:end].rsplit(" ", 1)[-1].lower().lstrip("(\"'")
        if before in _ABBREVIATIONS or (len(before) == 1 and before.isalpha()):
            continue  # "e.g. Speech", "Dr. Patel", "J. Smith"
        if match.group(0).startswith(".") and re.search(r"\.[a-z]$", before):
            continue  # "i.e." written with dots
        spans.append((start, match.end()))
        start = match.end()
        while start < len(text) and text[start] == " ":
            start += 1
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def paragraphs(lines: Iterable[ProseLine], kinds: Sequence[str] | None = None) -> list[Passage]:
    """Join the lines of each paragraph (or list item, heading, table row) into one passage.

    Args:
        lines: prose lines, in file order.
        kinds: keep only these kinds of line (all when None).
    """
    groups: list[list[ProseLine]] = []
    for line in lines:
        if kinds is not None and line.kind not in kinds:
            continue
        if groups and groups[-1][-1].block == line.block:
            groups[-1].append(line)
        else:
            groups.append([line])
    result = []
    for group in groups:
        text = ""
        starts: list[tuple[int, int]] = []
        for line in group:
            if text:
                text += " "
            starts.append((len(text), line.line))
            text += line.text
        result.append(Passage(text, group[0].kind, tuple(starts)))
    return result


def sentences(lines: Iterable[ProseLine], kinds: Sequence[str] | None = None) -> list[Sentence]:
    """Split prose into sentences; a paragraph may run over several lines.

    Headings, list items and table rows are sentences of their own, whatever their punctuation.

    Args:
        lines: prose lines, in file order.
        kinds: keep only these kinds of line (all when None).
    """
    return split_sentences(paragraphs(lines, kinds))


def split_sentences(passages: Iterable[Passage]) -> list[Sentence]:
    """The sentences of passages from :func:`paragraphs`, in order."""
    result: list[Sentence] = []
    for paragraph in passages:
        for begin, end in _split(paragraph.text):
            piece = paragraph.text[begin:end].strip()
            if not piece:
                continue
            offsets = [(0, paragraph.line_at(begin))]
            offsets += [(at - begin, line) for at, line in paragraph.starts if begin < at < end]
            result.append(Sentence(piece, paragraph.kind, tuple(offsets)))
    return result


@dataclass(frozen=True)
class PageProse:
    """One page's prose split once, for every check that reads it (acronyms, words to avoid,
    readability): its lines, their paragraphs and sentences, and the sentences of paragraphs
    and list items alone (what readability measures)."""

    lines: Sequence[ProseLine]
    paragraphs: list[Passage]
    sentences: list[Sentence]
    text_sentences: list[Sentence]
    """``sentences(lines, kinds=("text",))``."""

    @classmethod
    def of(cls, lines: Sequence[ProseLine]) -> PageProse:
        """Split ``lines`` (from :func:`prose_lines`) into paragraphs and sentences."""
        passages = paragraphs(lines)
        every = split_sentences(passages)
        kinds: dict[int, str] = {}
        if all(kinds.setdefault(line.block, line.kind) == line.kind for line in lines):
            # Every paragraph is of one kind, so leaving out the other kinds leaves out whole
            # paragraphs and keeps the rest as they are: the text sentences are a selection.
            text = [sentence for sentence in every if sentence.kind == TEXT]
        else:  # a paragraph turned into a setext heading on its last line
            text = sentences(lines, kinds=(TEXT,))
        return cls(lines, passages, every, text)
