"""The requirement catalogue: the shipped file is complete, and every mistake a web team could
make in it gives one message naming the file and the problem."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from sendqa_build.core.requirements import load_catalogue, parse_catalogue
from sendqa_build.rules import RulesError

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "checks" / "requirements.yml"
CONTRACT_IDS = [
    "education",
    "outside-area",
    "funding",
    "identifying-and-assessing",
    "health",
    "social-care",
    "other-education",
    "training",
    "travel",
    "transitions",
    "preparing-for-adulthood",
    "higher-education",
    "childcare",
    "leisure",
    "information-advice-support",
    "complaints-and-appeals",
    "decisions-and-accountability",
    "feedback",
    "you-said-we-did",
    "accessibility-statement",
    "other-formats",
]
PATH = Path("checks/requirements.yml")


def test_shipped_catalogue_has_every_contract_id_in_order() -> None:
    """Contract section 5 ids all exist; none are added or dropped by accident."""
    catalogue = load_catalogue(CATALOGUE)
    assert [r.id for r in catalogue.requirements] == CONTRACT_IDS
    assert catalogue.ids == frozenset(CONTRACT_IDS)


def test_shipped_catalogue_entries_are_complete() -> None:
    """Every item has a title, a basis marked duty or guidance, and content rules."""
    catalogue = load_catalogue(CATALOGUE)
    for req in catalogue.requirements:
        assert req.title and req.basis, req.id
        assert req.level in ("must", "should")
        marks = re.findall(r"\((duty|guidance)\)", req.basis)
        assert marks, f"{req.id}: basis does not say which parts are duties"
        assert ("duty" in marks) == req.duty, f"{req.id}: level does not match its basis"
        assert req.must_contain, f"{req.id} says nothing about what a covering page contains"
        for statement in req.statements:
            assert 1 <= int(statement.split(".")[1]) <= 16
    assert catalogue.get("complaints-and-appeals") is not None
    assert catalogue.get("higher-education").level == "should"  # type: ignore[union-attr]
    assert catalogue.get("complaints-and-appeals").statements == ("1.6",)  # type: ignore[union-attr]
    assert catalogue.decision_words


def test_implicit_coverage_comes_from_front_matter_values() -> None:
    """outside-area counts open services outside the area; you-said-we-did counts its pages."""
    catalogue = load_catalogue(CATALOGUE)
    outside = catalogue.get("outside-area")
    said = catalogue.get("you-said-we-did")
    assert outside is not None and said is not None
    service = {"type": "service", "area": "outside", "status": "active"}
    assert outside.covered_implicitly_by(service)
    assert outside.covered_implicitly_by({**service, "status": "temporarily-closed"})
    assert not outside.covered_implicitly_by({**service, "status": "closed"})
    assert not outside.covered_implicitly_by({**service, "area": "local"})
    assert not outside.covered_implicitly_by({"type": "guide"})
    assert said.covered_implicitly_by({"type": "you-said-we-did"})
    assert not catalogue.get("feedback").covered_implicitly_by({"type": "you-said-we-did"})  # type: ignore[union-attr]


def test_area_placeholder_uses_the_council_area() -> None:
    """'{area}' in a pattern stands for the council's area; without one it is left out."""
    data = _catalogue({"must_contain": [{"name": "x", "terms": ["outside {area}", "elsewhere"]}]})
    rule = parse_catalogue(data, PATH).requirements[0].must_contain[0]
    terms = rule.compiled("Wyvern-shire").terms
    assert [p.pattern for p in terms] == [r"outside wyvern\-shire", "elsewhere"]
    assert terms[0].search("Schools OUTSIDE Wyvern-shire")
    terms = rule.compiled(None).terms
    assert [p.pattern for p in terms] == ["elsewhere"]


def _catalogue(extra: dict[str, Any] | None = None, **top: Any) -> dict[str, Any]:
    item = {"id": "complaints", "title": "Complaints", "level": "must", "basis": "reg 53 (duty)"}
    item.update(extra or {})
    return {"requirements": [item], **top}


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        ({"requirement": []}, "unknown key 'requirement'"),
        ({"requirements": []}, "'requirements' must be a list"),
        (_catalogue({"titel": "x"}), "unknown key 'titel' in a requirement"),
        (_catalogue({"title": ""}), "requirement 1 needs an 'id' and a 'title'"),
        (_catalogue({"level": "may"}), "'level' must be must or should, found 'may'"),
        (_catalogue({"id": "Complaints And"}), "ids are lower case words joined by hyphens"),
        (_catalogue({"statements": "1.6"}), "'statements' must be a list"),
        (
            {"requirements": [_catalogue()["requirements"][0]] * 2},
            "duplicate id 'complaints'",
        ),
        (
            _catalogue({"must_contain": [{"name": "mediation", "term": ["x"]}]}),
            "unknown key 'term' in a 'must_contain' item",
        ),
        (
            _catalogue({"must_contain": [{"terms": ["x"]}]}),
            "a 'must_contain' item needs a 'name'",
        ),
        (
            _catalogue({"must_contain": [{"name": "mediation"}]}),
            "'must_contain' item 'mediation': give 'terms' or 'headings'",
        ),
        (
            _catalogue({"must_contain": [{"name": "mediation", "terms": ["(unclosed"]}]}),
            "'(unclosed' in 'terms' is not a valid regular expression",
        ),
        (
            _catalogue({"must_contain": [{"name": "m", "terms": ["x"], "scope": "site"}]}),
            "'scope' must be one of every-page, any-page, found 'site'",
        ),
        (_catalogue({"also_covered_by": "service"}), "'also_covered_by' must be"),
        (_catalogue(decision_words=["[a-"]), "in 'decision_words' is not a valid"),
        (
            _catalogue({"must_contain": [{"name": "m", "terms": ["x"], "answer": "how"}]}),
            "'answer' must be one of the kinds under 'answers' (none defined), found 'how'",
        ),
        (
            _catalogue(
                {"must_contain": [{"name": "m", "terms": ["x"], "answer": "hwo"}]},
                answers={"how": {"sentences": ["^phone"]}},
            ),
            "'answer' must be one of the kinds under 'answers' (how), found 'hwo'",
        ),
        (_catalogue(answers=["how"]), "'answers' must be kinds of answer"),
        (_catalogue(answers={"how": {"sentence": ["x"]}}), "unknown key 'sentence' in an answer"),
        (_catalogue(answers={"how": {}}), "answer 'how': give 'sentences' or 'headings'"),
        (_catalogue(answers={"how": {"headings": ["(x"]}}), "'(x' in 'headings' is not a valid"),
        (
            _catalogue({"must_contain": [{"name": "m", "terms": ["x"], "also": ["[y"]}]}),
            "'[y' in 'also' is not a valid regular expression",
        ),
    ],
)
def test_catalogue_mistakes_name_the_file_and_the_problem(data: Any, problem: str) -> None:
    """One message, naming the file, for each kind of mistake."""
    with pytest.raises(RulesError) as caught:
        parse_catalogue(data, PATH)
    message = str(caught.value)
    assert message.startswith(f"Error reading rules file '{PATH}'")
    assert problem in message
    assert "\n" not in message


def test_broken_yaml_and_duplicate_keys_name_the_line(tmp_path: Path) -> None:
    """Bad YAML and a key given twice point at the file and line."""
    path = tmp_path / "requirements.yml"
    path.write_text("requirements:\n  - id: a\n    title: 'unclosed\n", encoding="utf-8")
    with pytest.raises(RulesError, match=re.escape(f"'{path}:")):
        load_catalogue(path)
    path.write_text("requirements:\n  - id: a\n    title: A\n    title: B\n", encoding="utf-8")
    with pytest.raises(RulesError, match="'title' is given twice"):
        load_catalogue(path)
    with pytest.raises(RulesError, match="is missing"):
        load_catalogue(tmp_path / "nothing.yml")


def test_minimal_entry_defaults_to_a_duty_with_no_content_rules() -> None:
    """Older catalogues (id, title, basis only) still load."""
    text = "requirements:\n  - id: travel\n    title: Travel\n"
    catalogue = parse_catalogue(yaml.safe_load(text), PATH)
    req = catalogue.requirements[0]
    assert (req.level, req.must_contain, req.statements, req.basis) == ("must", (), (), "")


def test_an_item_may_ask_for_an_answer_and_also_words() -> None:
    data = _catalogue(
        {
            "must_contain": [
                {"name": "how", "answer": "how"},
                {"name": "when", "terms": ["appeal"], "answer": "time", "also": ["letter"]},
            ]
        },
        answers={
            "how": {"sentences": ["^phone"], "headings": ["^how to"]},
            "time": {"sentences": ["within"]},
        },
    )
    catalogue = parse_catalogue(data, PATH)
    how, when = catalogue.requirements[0].must_contain
    assert how.answer is not None and how.answer.headings == ("^how to",) and how.terms == ()
    assert when.answer is catalogue.answers["time"] and when.also == ("letter",)
    compiled = when.compiled()
    assert [p.pattern for p in compiled.answer_sentences] == ["within"]
    assert compiled.answer_headings == () and [p.pattern for p in compiled.also] == ["letter"]
