"""The requirement catalogue (``checks/requirements.yml``): what the law asks a Local Offer to
contain, one id per item, with its legal basis and the QA statements it is evidence for."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sendqa_build.rules import RulesError, expect_mapping, load_rules_file


@dataclass(frozen=True)
class Requirement:
    """One item a Local Offer must (duty) or should (guidance) contain."""

    id: str
    title: str
    basis: str = ""
    duty: bool = True
    statements: tuple[str, ...] = ()
    raw: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Catalogue:
    """All requirements, in file order."""

    requirements: tuple[Requirement, ...]

    @property
    def ids(self) -> frozenset[str]:
        """Every requirement id."""
        return frozenset(r.id for r in self.requirements)

    def get(self, req_id: str) -> Requirement | None:
        """The requirement with this id, if any."""
        return next((r for r in self.requirements if r.id == req_id), None)


def parse_catalogue(data: Any, path: Path) -> Catalogue:
    """Build the catalogue from parsed YAML.

    Raises:
        RulesError: on a wrong shape, a missing id or title, or a duplicate id.
    """
    top = expect_mapping(data, path)
    items = top.get("requirements")
    if not isinstance(items, list) or not items:
        raise RulesError(f"Error reading rules file '{path}': 'requirements' must be a list")
    seen: set[str] = set()
    result = []
    for index, item in enumerate(items, start=1):
        if not isinstance(item, dict) or not item.get("id") or not item.get("title"):
            raise RulesError(
                f"Error reading rules file '{path}': requirement {index} needs an 'id' "
                "and a 'title'"
            )
        req_id = str(item["id"])
        if req_id in seen:
            raise RulesError(f"Error reading rules file '{path}': duplicate id '{req_id}'")
        seen.add(req_id)
        result.append(
            Requirement(
                id=req_id,
                title=str(item["title"]),
                basis=str(item.get("basis", "")),
                duty=str(item.get("level", "must")).lower() == "must",
                statements=tuple(str(s) for s in item.get("statements") or ()),
                raw=item,
            )
        )
    return Catalogue(tuple(result))


def load_catalogue(path: Path) -> Catalogue:
    """Read and check ``checks/requirements.yml``.

    Raises:
        RulesError: when the file is missing or malformed.
    """
    return parse_catalogue(load_rules_file(path), path)
