"""Front matter: split a page into its YAML block and body, then check every field against the
page-type rules in ``checks/page-types.yml``.

Each problem becomes one Finding naming the line, the field, what was found and what was expected,
so a content editor can fix it without reading code.

One module per job:

- ``rules``: reading ``checks/page-types.yml`` (``PageTypes``, fields and headings).
- ``source``: splitting a page into front matter and body (``split_source``).
- ``check``: checking each field (``check_front_matter``, ``parse_date``).
"""

from sendqa_build.core.frontmatter.check import (
    CHECK,
    CONTACT_KEYS,
    MAX_AGE,
    MAX_REVIEW_MONTHS,
    MIN_AGE,
    FrontMatterResult,
    check_front_matter,
    parse_date,
)
from sendqa_build.core.frontmatter.rules import (
    KINDS,
    FieldSpec,
    HeadingRule,
    PageTypes,
    PageTypeSpec,
)
from sendqa_build.core.frontmatter.source import SourceParts, normalise_text, split_source

__all__ = [
    "CHECK",
    "CONTACT_KEYS",
    "KINDS",
    "MAX_AGE",
    "MAX_REVIEW_MONTHS",
    "MIN_AGE",
    "FieldSpec",
    "FrontMatterResult",
    "HeadingRule",
    "PageTypeSpec",
    "PageTypes",
    "SourceParts",
    "check_front_matter",
    "normalise_text",
    "parse_date",
    "split_source",
]
