"""Reading the page-type rules (``checks/page-types.yml``): each type's fields and headings.

A mistake in the file is one ``RulesError`` naming the file and the part that is wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sendqa_build.rules import RulesError, expect_list, expect_mapping

KINDS = {
    "text",
    "date",
    "duration",
    "age",
    "choice",
    "choices",
    "contact",
    "responses",
    "requirement-ids",
    "locations",
    "times",
}


@dataclass(frozen=True)
class FieldSpec:
    """How one front matter field is checked."""

    name: str
    kind: str
    required: bool = False
    choices: tuple[str, ...] = ()
    default: Any = None
    example: str = ""
    help: str = ""
    not_future: bool = False
    multiline: bool = False
    """A longer answer: several lines to type in (the browser editor shows a text box)."""


@dataclass(frozen=True)
class HeadingRule:
    """A heading a page type must have; ``accept`` patterns allow other wordings."""

    name: str
    accept: tuple[re.Pattern[str], ...]

    def matches(self, heading: str) -> bool:
        """True when the heading text is one of the accepted wordings."""
        text = " ".join(heading.lower().replace("’", "'").split())
        if text == self.name.lower():
            return True
        return any(pattern.search(text) for pattern in self.accept)


@dataclass(frozen=True)
class PageTypeSpec:
    """The fields and headings of one page type (``guide``, ``service``, ``you-said-we-did``)."""

    name: str
    fields: dict[str, FieldSpec]
    headings: tuple[HeadingRule, ...] = ()


@dataclass(frozen=True)
class PageTypes:
    """Everything ``checks/page-types.yml`` says."""

    common: dict[str, FieldSpec]
    types: dict[str, PageTypeSpec]
    passthrough: frozenset[str] = frozenset()
    response_statuses: tuple[str, ...] = ("done", "in-progress", "planned")

    def fields_for(self, page_type: str) -> dict[str, FieldSpec]:
        """Common fields plus the type's own fields."""
        spec = self.types.get(page_type)
        return {**self.common, **(spec.fields if spec else {})}

    def all_field_names(self) -> set[str]:
        """Every field name any page type knows (for spotting typos)."""
        names = set(self.common)
        for spec in self.types.values():
            names.update(spec.fields)
        return names

    @classmethod
    def from_data(cls, data: Any, path: Path) -> PageTypes:
        """Build the rules from the parsed YAML file.

        Raises:
            RulesError: naming the file and the part that is wrong.
        """
        top = expect_mapping(data, path, {"common", "types", "response_statuses"})
        common = expect_mapping(top.get("common") or {}, path, {"fields", "passthrough"})
        types_data = expect_mapping(top.get("types") or {}, path)
        types = {}
        for name, body in types_data.items():
            body = expect_mapping(body or {}, path, {"fields", "headings"})
            headings = tuple(
                _heading_rule(h, path, str(name))
                for h in expect_list(body.get("headings"), path, f"{name}.headings")
            )
            types[str(name)] = PageTypeSpec(
                name=str(name),
                fields=_field_specs(body.get("fields") or {}, path),
                headings=headings,
            )
        if "guide" not in types:
            raise RulesError(f"Error reading rules file '{path}': the 'guide' page type is missing")
        return cls(
            common=_field_specs(common.get("fields") or {}, path),
            types=types,
            passthrough=frozenset(
                str(p) for p in expect_list(common.get("passthrough"), path, "passthrough")
            ),
            response_statuses=tuple(
                str(s)
                for s in expect_list(top.get("response_statuses"), path, "response_statuses")
                or cls.response_statuses
            ),
        )


def _field_specs(data: Any, path: Path) -> dict[str, FieldSpec]:
    specs = {}
    allowed = {
        "kind",
        "required",
        "choices",
        "default",
        "example",
        "help",
        "not_future",
        "multiline",
    }
    for name, body in expect_mapping(data, path).items():
        body = expect_mapping(body, path, allowed)
        kind = body.get("kind")
        if kind not in KINDS:
            raise RulesError(
                f"Error reading rules file '{path}': field '{name}' has kind '{kind}'; "
                f"expected one of {', '.join(sorted(KINDS))}"
            )
        specs[str(name)] = FieldSpec(
            name=str(name),
            kind=str(kind),
            required=bool(body.get("required", False)),
            choices=tuple(str(c) for c in body.get("choices") or ()),
            default=body.get("default"),
            example=str(body.get("example", "")),
            help=str(body.get("help", "")),
            not_future=bool(body.get("not_future", False)),
            multiline=bool(body.get("multiline", False)),
        )
    return specs


def _heading_rule(data: Any, path: Path, type_name: str) -> HeadingRule:
    body = expect_mapping(data, path, {"name", "accept"})
    if not body.get("name"):
        raise RulesError(
            f"Error reading rules file '{path}': a heading of '{type_name}' has no name"
        )
    patterns = []
    for pattern in body.get("accept") or []:
        try:
            patterns.append(re.compile(str(pattern), re.IGNORECASE))
        except re.error as exc:
            raise RulesError(
                f"Error reading rules file '{path}': heading pattern '{pattern}' of "
                f"'{type_name}' is not a valid regular expression ({exc})"
            ) from exc
    return HeadingRule(name=str(body["name"]), accept=tuple(patterns))
