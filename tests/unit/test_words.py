"""Words to avoid on literal pages: every entry of the shipped list, and the uses that are fine."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sendqa_build.core.prose import prose_lines, sentences
from sendqa_build.core.words import (
    SOURCES,
    AvoidWord,
    NeedleIndex,
    WordRules,
    _fewest,
    _phrase,
    _required_text,
    check_words,
    inflections,
    load_word_rules,
)
from sendqa_build.models import Severity
from sendqa_build.rules import RulesError, load_rules_file
from tests.conftest import ROOT
from tests.unit import plain_reference as reference

PATH = ROOT / "checks" / "words-to-avoid.yml"
RULES = load_word_rules(PATH)
DATA = load_rules_file(PATH)

# Entries whose forms are regular expressions need a real sentence.
PATTERN_EXAMPLES = {
    "deliver": ("We will deliver improvements for families.", "deliver improvements"),
    "impact": ("The change will impact your child.", "will impact"),
    "land": ("We hope to land the new plan soon.", "to land the"),
    "progress": ("We will progress your request.", "will progress your"),
    "drive": ("We want to drive up standards.", "drive up"),
    "e.g.": ("Use sport, e.g. swimming.", "e.g."),
    "i.e.": ("Older pupils, i.e. those over 16.", "i.e."),
    "etc": ("Bring shoes, coats etc.", "etc."),
    "on a daily basis": ("We check the list on a daily basis.", "on a daily basis"),
    "furnish": ("Please furnish us with your address.", "furnish us with"),
    "do not hesitate to contact": ("Do not hesitate to contact us.", "Do not hesitate to"),
    "kindly": ("Kindly return the form.", "Kindly return"),
    "the ask": ("The ask is simple.", "The ask"),
    "step down": ("Your case may step down to early help.", "step down to early help"),
}


def found(markdown: str, rules: WordRules = RULES) -> list[str]:
    return [f.format("content") for f in check_words("guide.md", prose_lines(markdown), rules)]


def entries() -> list[tuple[str, dict[str, object]]]:
    return [(source, entry) for source in SOURCES for entry in DATA[source]]


@pytest.mark.parametrize(
    ("source", "entry"), entries(), ids=[str(entry["avoid"]) for _, entry in entries()]
)
def test_each_word_to_avoid_is_reported_with_its_alternative(
    source: str, entry: dict[str, object]
) -> None:
    avoid = str(entry["avoid"])
    forms = [str(form) for form in entry.get("forms", []) or []]  # type: ignore[attr-defined]
    if (forms and forms[0].startswith("re:")) or avoid in PATTERN_EXAMPLES:
        sentence, expected = PATTERN_EXAMPLES[avoid]
    else:
        expected = forms[0] if forms else avoid
        sentence = f"Then we {expected} it."
    messages = found(sentence)
    assert len(messages) == 1, messages
    message = messages[0]
    assert message.startswith(f"content/guide.md:1: '{expected}'")
    use = entry.get("use")
    if use:
        alternatives = [use] if isinstance(use, str) else use
        for alternative in alternatives:  # type: ignore[union-attr]
            assert f"'{alternative}'" in message
    else:
        assert str(entry["advice"]) in message
    assert f" is {SOURCES[source]};" in message


def test_message_shape() -> None:
    assert found("We will utilise the hall.\n\nStaff liaise with schools.") == [
        "content/guide.md:1: 'utilise' is on the GOV.UK list of words to avoid; write 'use' "
        "instead",
        "content/guide.md:3: 'liaise' is on the GOV.UK list of words to avoid; write 'work with', "
        "'talk to' or 'speak to' instead",
    ]


def test_every_use_is_reported_on_its_own_line() -> None:
    markdown = "We utilise it. They utilised it\nand are utilising it, utilizing more."
    lines = [f.line for f in check_words("g.md", prose_lines(markdown), RULES)]
    assert lines == [1, 1, 2, 2]


def test_case_and_word_spacing_do_not_matter() -> None:
    assert len(found("UTILISE it. Going  Forward we will. A one stop shop.")) == 3


@pytest.mark.parametrize(
    "markdown",
    [
        "Your key worker will call. Children in Key Stage 2. Keep your keys safe.",
        "The agenda for the meeting is sent a week before.",
        "Foster carers and children in foster care can get help.",
        "Learn to drive a car. Travel training helps you drive.",
        "Services are delivered by the NHS. We deliver training to staff.",
        "The impact on your child is small. It has a big impact.",
        "Your child's progress is checked. They make good progress.",
        "Children who find it hard to focus on their work.",
        "The campaign will promote the new service on posters.",
        "Safe tackling in rugby lessons.",
        "Physiotherapy includes strengthening exercises for muscles.",
        "The committee meets in the keyhole room.",
        "A landing by the stairs. A deliverable. An eager pupil.",
        "Type `utilise` or visit https://example.org/liaise-with-us.",
        "When your child's behaviour starts to escalate, stay calm.",
    ],
)
def test_uses_that_are_fine(markdown: str) -> None:
    assert found(markdown) == []


def test_level_from_the_plugin_or_the_entry() -> None:
    rules = WordRules.from_data(
        {
            "govuk": [{"avoid": "utilise", "use": "use"}],
            "send": [{"avoid": "cohort", "use": "group", "level": "info"}],
        },
        Path("w.yml"),
    )
    findings = check_words(
        "g.md", prose_lines("Utilise the cohort."), rules, severity=Severity.WARNING
    )
    assert sorted((f.message, f.severity) for f in findings) == [
        ("'Utilise' is on the GOV.UK list of words to avoid", Severity.WARNING),
        ("'cohort' is SEND jargon that many readers do not know", Severity.INFO),
    ]


def test_inflections() -> None:
    assert set(inflections("utilise")) >= {
        "utilise",
        "utilises",
        "utilised",
        "utilising",
        "utilize",
        "utilized",
        "utilizing",
    }
    assert set(inflections("commit")) >= {"commits", "committed", "committing"}
    assert "signposting" in inflections("signpost")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"govuk": [{"use": "x"}]}, "'govuk[1]' needs 'avoid: word or phrase'"),
        ({"govuk": [{"avoid": "robust"}]}, "'govuk[1]' ('robust') needs 'use'"),
        ({"govuk": [{"avoid": "x", "use": "y", "forms": ["re:("]}]}, "not a valid regular"),
        ({"govuk": [{"avoid": "x", "use": "y", "level": "error"}]}, "must be 'warning' or 'info'"),
        ({"govuk": "robust"}, "'govuk' must be a list"),
        ({"plain": []}, "unknown key 'plain'"),
    ],
)
def test_bad_rules_give_one_clear_message(data: object, message: str) -> None:
    with pytest.raises(RulesError, match=r"words-to-avoid\.yml") as error:
        WordRules.from_data(data, Path("checks/words-to-avoid.yml"))
    assert message in str(error.value)


# ---------------------------------------------------------------------------------------------
# The quick tests before each pattern (keywords, required text) change nothing

TRICKY_PAGES = [
    "We will utilise the KEY worker. Keys, keyed and monkey business.",
    "In order to help, in a timely manner, with regard to your child, e.g. at school, etc.",
    "The ſervice users and the \u212aey priorities: odd letters that match when case is ignored.",
    "Service\u2013users – en dash, £5, café: text beyond ASCII. Ring-fenced and ringfencing.",
    "We drive up standards and deliver better outcomes; it will impact you; promoted to head.",
    "Co-located teams, multi-agency work, one-stop shop, going forward, at this moment in time.",
    # Lower case longer than the text (offsets move), a phrase across two sentences.
    "\u0130lkley \u0130nclusion Team: we will utilise the key. Priorities. Our key priorities.",
    "Dear Ms Kelly: the key. Worker. In order. To help, we utilise a key worker.",
]


def _both(markdown: str) -> tuple[list[str], list[str]]:
    lines = prose_lines(markdown)
    fast = check_words("g.md", lines, RULES)
    slow = reference.check_words("g.md", lines, RULES)
    return [f.format("content") for f in fast], [f.format("content") for f in slow]


@pytest.mark.parametrize("markdown", TRICKY_PAGES)
def test_quick_tests_find_the_same_words_on_tricky_text(markdown: str) -> None:
    fast, slow = _both(markdown)
    assert fast == slow and fast


@pytest.mark.parametrize("path", reference.SAMPLE_PAGES, ids=reference.page_id)
def test_quick_tests_find_the_same_words_on_every_sample_page(path: Path) -> None:
    body, line = reference.sample_body(path)
    lines = prose_lines(body, line, front_matter=False)
    assert check_words(path.name, lines, RULES) == reference.check_words(path.name, lines, RULES)
    shared = check_words(path.name, lines, RULES, page_sentences=sentences(lines))
    assert shared == check_words(path.name, lines, RULES)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(
                [
                    "utilise",
                    "KEY",
                    "key",
                    "worker",
                    "in",
                    "order",
                    "to",
                    "e.g.",
                    "etc",
                    "ring",
                    "fencing",
                    "-",
                    " ",
                    ". ",
                    "\u017f",
                    "\u212a",
                    "\u0130",
                    "drive",
                    "up",
                    "will",
                    "impact",
                    "service",
                    "users",
                    "co",
                    "located",
                    "agenda",
                    "meeting",
                ]
            ),
            st.text(max_size=6),
        ),
        max_size=30,
    )
)
def test_quick_tests_find_the_same_words_on_any_text(parts: list[str]) -> None:
    fast, slow = _both("".join(parts))
    assert fast == slow


@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        (r"(?<![\w])in[\s\-]*order[\s\-]*to(?![\w])", "order"),
        (r"\b(?:will|can)\s+impact\b(?!\s+report)", "impact"),
        (r"\b(?:drive|drives|drove)\s+up", "dr"),
        (r"\be\.\s?g\.?(?!\w)", "e."),
        (r"colou?r", "colo"),
        (r"(?:a|b)+", ""),
        (r"(?i:abc)def", "def"),
        (r"a)|(b", ""),  # only valid joined with other forms
    ],
)
def test_required_text_is_in_every_match(pattern: str, text: str) -> None:
    assert _required_text(pattern) == text


# ---------------------------------------------------------------------------------------------
# Patterns are compiled when first used; a mistake in one is still reported when rules are read

BAD_PATTERNS = [
    (
        {"govuk": [{"avoid": "x", "use": "y", "forms": ["re:("]}]},
        "'govuk[1].forms' has a pattern that is not a valid regular expression (missing ), "
        "unterminated subpattern at position 0)",
    ),
    (  # an error the compiler finds, not the parser
        {"govuk": [{"avoid": "x", "use": "y", "forms": ["plain words", "re:(?<=a+)b"]}]},
        "'govuk[1].forms' has a pattern that is not a valid regular expression (look-behind "
        "requires fixed-width pattern)",
    ),
    (
        {"send": [{"avoid": "x", "use": "y", "unless": ["fine", "re:[z"]}]},
        "'send[1].unless' has a pattern that is not a valid regular expression (unterminated "
        "character set at position 3)",
    ),
    (  # the first mistake: in 'unless' before 'forms', and the position in the joined forms
        {
            "govuk": [
                {"avoid": "ok", "use": "y"},
                {
                    "avoid": "x",
                    "use": "y",
                    "forms": ["one", "re:a{2,1}"],
                    "unless": ["re:(?P<n>a)(?P=m)"],
                },
            ]
        },
        "'govuk[2].unless' has a pattern that is not a valid regular expression (unknown group "
        "name 'm' at position 15)",
    ),
    (
        {"govuk": [{"avoid": "x", "use": "y", "forms": ["one", "re:a{2,1}"]}]},
        "'govuk[1].forms' has a pattern that is not a valid regular expression (min repeat "
        "greater than max repeat at position 30)",
    ),
]


@pytest.mark.parametrize(("data", "message"), BAD_PATTERNS)
def test_a_bad_pattern_is_reported_when_the_rules_are_read(data: object, message: str) -> None:
    with pytest.raises(RulesError) as error:
        WordRules.from_data(data, Path("checks/words-to-avoid.yml"))
    assert str(error.value) == f"Error reading rules file 'checks/words-to-avoid.yml': {message}"


def test_patterns_of_phrases_are_compiled_when_first_used() -> None:
    rules = load_word_rules(PATH)
    assert not any("pattern" in word.__dict__ for word in rules.words)
    utilise = next(word for word in rules.words if word.avoid == "utilise")
    assert utilise.pattern.search("We utilised it.")
    assert utilise.pattern is utilise.pattern
    assert utilise.pattern.flags == re.IGNORECASE | re.UNICODE


@pytest.mark.parametrize("word", RULES.words, ids=[word.avoid for word in RULES.words])
def test_each_entry_is_what_compiling_it_when_read_gave(word: object) -> None:
    """What the rules gave when every pattern was compiled and parsed as they were read."""
    assert isinstance(word, AvoidWord)
    forms = [_phrase(form) for form in word.forms]
    assert word.pattern == re.compile("|".join(f"(?:{p})" for p in forms), re.IGNORECASE)
    required = [_required_text(p) for p in forms]
    if all(required):
        assert word.quick == re.compile(
            "|".join(map(re.escape, dict.fromkeys(required))), word.pattern.flags
        )
        if all(text.isascii() for text in required):
            assert word.quick_texts == _fewest(text.lower() for text in required)
        else:
            assert word.quick_texts == ()
    else:
        assert word.quick is None and word.quick_texts == ()
    assert word.unless == tuple(re.compile(f"(?:{p})", re.IGNORECASE) for p in unless_of(word))


def unless_of(word: AvoidWord) -> list[str]:
    entry = next(e for _, e in entries() if e["avoid"] == word.avoid)
    unless = entry.get("unless") or []
    texts = [unless] if isinstance(unless, str) else unless
    return [_phrase(t if t.startswith("re:") else " ".join(t.split())) for t in texts]  # type: ignore[union-attr]


PHRASES = [
    "utilise",
    "in order to",
    "going-forward",
    "one - stop  shop",
    "e.g.",
    "key (worker)",
    "C&I",
    "£5 a week",
    "café",
    "co\u2013located",
    "pasted \u201cfrom\u201d Word\u2019s",
    "a.b",
    "[x] {y} *z* |w| ^v$ ~u # t \\ s",
    "ab cd ef",
    "abc de fgh",
    "-",
    "—",
]


def first_longest_word(text: str) -> str:
    """What a phrase's pattern (its words, escaped, with optional spaces or hyphens between
    them) always contains, by reading the phrase instead of the pattern."""
    return max(re.findall(r"[^\s\-]+", text), key=len, default="")


@pytest.mark.parametrize("text", PHRASES + [f for w in RULES.words for f in sorted(w.forms)])
def test_required_text_of_a_phrase_is_its_first_longest_word(text: str) -> None:
    if not text.startswith("re:"):
        assert _required_text(_phrase(text)) == first_longest_word(text)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from([" ", "-", "  ", "\u00a0", "\t", "\u2013", "(", ")", ".", "'", "\\"]),
            st.text(min_size=1, max_size=5),
        ),
        min_size=1,
        max_size=8,
    )
)
def test_required_text_of_any_phrase_is_its_first_longest_word(parts: list[str]) -> None:
    text = "".join(parts)
    if text.strip() and not text.startswith("re:"):
        assert _required_text(_phrase(text)) == first_longest_word(text)


def test_rules_find_the_same_words_before_and_after_their_patterns_are_compiled() -> None:
    """A phrase's pattern is compiled on first use: rules fresh from the file and rules that
    have checked pages give the same findings."""
    fresh = load_word_rules(PATH)
    used = load_word_rules(PATH)
    for markdown in TRICKY_PAGES:
        check_words("g.md", prose_lines(markdown), used)
    for rules in (fresh, used):
        assert rules == RULES
        for markdown in TRICKY_PAGES:
            lines = prose_lines(markdown)
            assert check_words("g.md", lines, rules) == check_words("g.md", lines, RULES)


# ---------------------------------------------------------------------------------------------
# Issue 22: formal and legal English, honest labels, names left alone


@pytest.mark.parametrize(
    ("markdown", "word"),
    [
        ("We offer a budget in lieu of transport.", "in lieu of"),
        ("Support will not cease at 16.", "cease"),
        ("This is without prejudice to your appeal.", "without prejudice"),
        ("Apply in accordance with the policy.", "in accordance with"),
        ("We will mitigate any delay.", "mitigate"),
        ("There are two pathways after the assessment.", "pathways"),
        ("The change impacts upon families.", "impacts upon"),
        ("Notwithstanding the above, you can still ask.", "Notwithstanding"),
        ("Speak to the school prior to applying.", "prior to"),
        ("Please reach out to the team.", "reach out"),
    ],
)
def test_officialese_from_council_pages_is_reported(markdown: str, word: str) -> None:
    messages = found(markdown)
    assert len(messages) == 1 and f"'{word}'" in messages[0], messages


def test_each_list_says_honestly_why_a_word_is_there() -> None:
    assert "formal or legal English" in found("Speak to us prior to the meeting.")[0]
    assert "SEND jargon" in found("The autism pathway is long.")[0]
    assert "office jargon" in found("We will touch base next week.")[0]
    assert "GOV.UK list" in found("We will utilise the hall.")[0]


def test_the_list_is_long_and_every_entry_has_a_plain_alternative() -> None:
    assert len(RULES.words) >= 150
    assert all(word.use or word.advice for word in RULES.words)
    avoided = {word.avoid for word in RULES.words}
    # terms to explain, not to replace, are in the glossary instead
    assert not avoided & {"statutory", "statutory assessment", "co-production"}


@pytest.mark.parametrize(
    "markdown",
    [
        "The impact on families was large. It had a big impact upon us.",
        "Schools must use their best endeavours to meet needs.",
        "Read our 'Transforming Care Together' report.",
        "Read our \u2018Transforming Care Together\u2019 report.",
        "The Wyvernshire Transformation Programme ended.",
        "The Children's Commissioner commissioned a report on waiting times.",
        "Passenger assistants are trained in first aid.",
    ],
)
def test_nouns_legal_duties_and_names_are_fine(markdown: str) -> None:
    assert found(markdown) == []


def test_a_word_in_a_title_case_heading_at_the_start_is_still_reported() -> None:
    assert len(found("## Pathways after the assessment")) == 1


def test_a_verb_before_a_name_is_still_reported() -> None:
    assert len(found("Utilise the Local Offer to find help.")) == 1
    # the name of a law: "Commencement" is part of it
    assert found("The Children and Families Act 2014 (Commencement No. 3) Order 2014.") == []


@settings(max_examples=400, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("Aab Cc'\" of and-x")), max_size=60),
    st.data(),
)
def test_titles_found_once_per_sentence_agree_with_the_reference(sentence: str, data) -> None:
    """``_Titles.covers`` (one pass per sentence) answers as ``_in_title`` does for every span."""
    from sendqa_build.core.words import _in_title, _Titles

    if not sentence:
        return
    start = data.draw(st.integers(0, len(sentence) - 1))
    end = data.draw(st.integers(start + 1, len(sentence)))
    assert _Titles(sentence).covers(start, end) == _in_title(sentence, start, end)


# -- which needles a page contains -------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "",
        "in accordance with the plan, e.g. the review",
        "we will commence the agenda i.e. the first item",
        "co-production: approximately one per annum",
        "naïve café résumé: accordingly",  # letters beyond ASCII split runs
        "a" * 200 + "basis" + "z" * 70,  # a run longer than any word
        "assistance\u00a0attached\tbespoke\nbuilding",
    ],
)
def test_needle_index_finds_what_a_search_for_each_needle_finds(text: str) -> None:
    lower = text.lower()
    assert RULES.needle_index.present(lower) == {n for n in RULES.needles if n in lower}


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("abcdeilnoprst .-'\u00e9\n"), max_size=80))
def test_needle_index_matches_searching_any_text(text: str) -> None:
    index = NeedleIndex(["a", "at", "e.", "i.", "per", "be", "best", "co", "ease", "-"])
    assert index.present(text) == {n for n in index.letters | set(index.others) if n in text}
