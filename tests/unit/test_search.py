"""Search in families' words (core/search.py): glossary forms, synonyms, word forms, the
search index's extra fields and the jargon buster one entry at a time."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from sendqa_build.core import search
from sendqa_build.core.glossary import Acronym, Glossary, Term
from sendqa_build.core.search import (
    SUMMARY_FIELD,
    TEXT_FIELD,
    TITLE_FIELD,
    SearchWords,
    WordForms,
    _added_words,
    _key,
    _spellings,
    add_search_words,
    fold,
    fold_words,
    load_synonyms,
    split_jargon_buster,
)
from sendqa_build.pagecache import PageCache
from sendqa_build.rules import RulesError

GLOSSARY = Glossary(
    acronyms=(
        Acronym("EHCP", "Education, Health and Care plan", also=("EHC plan",)),
        Acronym("SENCO", "Special Educational Needs Co-ordinator", spellings=("SENCo",)),
        Acronym("SEND", "special educational needs and disabilities"),
        Acronym("OT", "occupational therapist", also=("occupational therapy",)),
    ),
    terms=(Term("short breaks", "Time away for disabled children."),),
)
SYNONYMS = {
    "short breaks": ("respite", "respite care"),
    "Education, Health and Care plan": ("statement",),
    "travel to school": ("school transport",),
}


def words(text: str, site: tuple[str, ...] = ()) -> str:
    return SearchWords.build(GLOSSARY, SYNONYMS, site).words(text)


def test_an_expansion_brings_in_its_acronym_and_other_forms() -> None:
    extra = words("Ask for an Education, Health and Care plan.")
    assert "EHCP" in extra.split()
    assert "EHC" in extra.split()
    assert "statement" in extra.split()


def test_plural_and_punctuation_do_not_matter() -> None:
    assert "EHCP" in words("education health and care plans").split()
    assert "EHCP" in words("EDUCATION, HEALTH AND CARE PLAN").split()


def test_an_acronym_brings_in_its_expansion() -> None:
    extra = words("Ask your SENCo about it.")
    assert "Special Educational Needs Co-ordinator" in extra
    assert "SENCO" not in extra.split()  # search ignores capitals: 'SENCo' is said
    assert "Education Health and Care plan" in words("Two EHCPs were agreed.")


def test_acronyms_match_only_as_written() -> None:
    """'send' and 'ot' in ordinary words are not the acronyms."""
    assert "disabilities" not in words("Please send the form to us.")
    assert "occupational" not in words("I forgot it.")


def test_synonyms_work_one_way() -> None:
    """'respite' finds short breaks pages; a page that says 'respite' is not given
    'short breaks', and 'statement' on its own brings in no EHCP."""
    assert "respite" in words("Overnight short breaks at Willow House.")
    assert "short breaks" not in words("Respite for carers.")
    assert "EHCP" not in words("Read our accessibility statement.").split()


def test_synonyms_of_an_acronym_join_its_glossary_entry() -> None:
    """'ehcp: [statement]' adds 'statement' to pages that say any form of EHCP."""
    search = SearchWords.build(GLOSSARY, {"ehcp": ("statement",)})
    assert "statement" in search.words("Your EHC plan.").split()


def test_a_synonym_of_its_own_is_found_by_its_words() -> None:
    assert "school transport" in words("Travel to school and college")


def test_words_already_said_are_not_added() -> None:
    extra = words("An EHCP, also called an EHC plan or an Education, Health and Care plan.")
    assert "EHCP" not in extra.split()
    assert "EHC plan" not in extra


def test_nothing_to_add_gives_nothing() -> None:
    assert words("A quiet garden.") == ""


def test_word_forms_used_on_the_site_are_found() -> None:
    site = ("Autism outreach.", "Autistic pupils.", "Our therapists.", "Plans and planning.")
    assert "autism" in words("The base is for autistic pupils.", site).split()
    assert "autistic" in words("Help with autism.", site).split()
    assert "therapists" in words("Speech therapy.", site).split()
    assert "plans" in words("Your plan.", site).split()


def test_assess_and_assessment_find_each_other() -> None:
    site = ("We assess your child.", "The assessment takes 20 weeks.")
    assert "assessment" in words("We assess your child.", site).split()
    # 'assess' is the start of 'assessment': a search for it finds the word as it is.
    assert "assess" not in words("The assessment takes 20 weeks.", site).split()


def test_a_word_form_a_search_finds_by_its_start_is_not_added() -> None:
    """Search matches the start of words: 'plan' already finds 'plans'."""
    assert "plan" not in words("Your plans.", ("plan",)).split()


def test_derived_forms_of_rare_endings_are_made_even_when_unused() -> None:
    """A site that says only 'dyslexia' is still found by 'dyslexic'; no 'ist' is made for
    every word ending in 'y'."""
    forms = WordForms(["Dyslexia support.", "Every family."])
    assert forms.others({"dyslexia"}) == ["dyslexic"]
    assert forms.others({"family"}) == []


def test_other_forms_come_once_in_the_order_of_the_words() -> None:
    forms = WordForms(
        [
            "Autism and autistic pupils.",
            "Speech therapy, our therapist and therapists.",
            "Plan, plans and planning.",
        ]
    )
    assert forms.others({"therapy", "autism"}) == ["autistic", "therapist", "therapists"]
    assert forms.others({"therapists", "therapist", "autistic"}) == ["autism", "therapy"]
    assert forms.others({"plans"}) == ["planning"]  # 'plan' is its start: search finds it


def test_short_words_get_no_forms() -> None:
    assert WordForms(["bus", "buses", "use", "us"]).others({"bus", "use"}) == []


def test_fold_reads_text_pasted_from_word() -> None:
    assert fold("Children\u2019s caf\u00e9 \u2013 EHC-plan") == "childrens cafe ehc plan"


@pytest.mark.parametrize(
    "text",
    ["Children\u2019s caf\u00e9 \u2013 EHC-plan", " (SEND) ", "C&I, o'clock", "", "  ...  "],
)
def test_fold_words_are_the_words_of_fold(text: str) -> None:
    assert fold_words(text) == fold(text).split()


def test_fold_words() -> None:
    assert fold_words("Children\u2019s caf\u00e9 \u2013 EHC-plan.") == [
        "childrens",
        "cafe",
        "ehc",
        "plan",
    ]


def test_spellings_are_every_word_of_a_key() -> None:
    assert _spellings("plan") == ["plan", "plans"]
    assert _spellings("body") == ["body", "bodys", "bodies"]
    assert _spellings("class") == ["class"]
    assert _spellings("bus") == ["bus"]
    assert _spellings("tie") == ["tie", "ties"]
    for word in ("plans", "bodies", "class", "bus", "ties", "boss", "series", "as", "s", "c&is"):
        assert word in _spellings(_key(word))


def test_added_words_split_a_form_as_search_adds_it() -> None:
    assert _added_words("Education, Health and Care (EHC) plan") == (
        ("education", "Education"),
        ("health", "Health"),
        ("and", "and"),
        ("care", "Care"),
        ("ehc", "EHC"),
        ("plan", "plan"),
    )


def test_a_phrase_is_found_whatever_the_plural_of_its_first_word() -> None:
    glossary = Glossary(acronyms=(), terms=(Term("carer", "Someone who looks after."),))
    search = SearchWords.build(glossary, {"carer": ("parent carer",)})
    assert "parent" in search.words("Young carers can ask.").split()
    assert "parent" in search.words("A young carer can ask.").split()


def test_acronyms_are_found_beside_accents_and_curly_quotes() -> None:
    """Text pasted from Word: an acronym next to a letter with an accent, or in curly quotes,
    is still read as written."""
    assert "disabilities" in words("Caf\u00e9 SEND\u00e9 group")
    assert "disabilities" in words("The \u201cSEND\u201d group")
    assert "disabilities" not in words("Caf\u00e9: please send it.")


def test_load_synonyms(tmp_path: Path) -> None:
    path = tmp_path / "search-synonyms.yml"
    path.write_text("synonyms:\n  short breaks: [respite, respite care]\n  nursery: preschool\n")
    assert load_synonyms(path) == {
        "short breaks": ("respite", "respite care"),
        "nursery": ("preschool",),
    }


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("synonym:\n  a: [b]\n", "unknown key 'synonym'"),
        ("synonyms:\n  short breaks: {respite: 1}\n", "'synonyms.short breaks' must be a list"),
        ("synonyms:\n  short breaks: [respite, '']\n", "must be a list of what families"),
    ],
)
def test_load_synonyms_explains_mistakes(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "search-synonyms.yml"
    path.write_text(text)
    with pytest.raises(RulesError, match=message):
        load_synonyms(path)


def test_search_index_gains_fields_that_are_never_shown() -> None:
    index = {
        "config": {"fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}}},
        "docs": [
            {"location": "plans/", "title": "Education, Health and Care plans", "text": ""},
            {"location": "plans/#who", "title": "Who", "text": "<p>Overnight short breaks</p>"},
            {"location": "garden/", "title": "Garden", "text": "<p>A quiet garden.</p>"},
        ],
    }
    words = SearchWords.build(GLOSSARY, SYNONYMS)
    assert add_search_words(index, words, {"garden/": "Short breaks in the garden."}) == 3
    fields = index["config"]["fields"]
    assert fields[TITLE_FIELD] == {"boost": 1000.0}
    assert fields[TEXT_FIELD] == {"boost": 1.0}
    page, section, garden = index["docs"]
    assert "EHCP" in page[TITLE_FIELD].split()
    assert "respite" in section[TEXT_FIELD]
    assert TITLE_FIELD not in section
    assert page["title"] == "Education, Health and Care plans"  # what readers see is unchanged
    assert section["text"] == "<p>Overnight short breaks</p>"
    assert garden[TEXT_FIELD].startswith("Short breaks in the garden.")
    assert "respite" in garden[TEXT_FIELD]


def test_jargon_buster_is_indexed_one_entry_at_a_time() -> None:
    index = {
        "docs": [
            {"location": "", "title": "Home", "text": ""},
            {"location": "jargon-buster/", "title": "Jargon buster", "text": "<p>What</p>"},
            {"location": "jargon-buster/#letter-e", "title": "E", "text": "EHCP ... wall"},
            {"location": "jargon-buster/#letter-s", "title": "S", "text": "SEND ... wall"},
            {"location": "jargon-buster-2/", "title": "Other", "text": ""},
        ]
    }
    split_jargon_buster(index, "jargon-buster/", GLOSSARY)
    locations = [d["location"] for d in index["docs"]]
    assert locations[:2] == ["", "jargon-buster/"]
    assert "jargon-buster/#ehcp" in locations
    assert "jargon-buster/#short-breaks" in locations
    assert not any("letter" in loc for loc in locations)
    assert locations[-1] == "jargon-buster-2/"
    entry = next(d for d in index["docs"] if d["location"] == "jargon-buster/#ehcp")
    assert entry["title"] == "EHCP"
    assert entry["text"].startswith("<p>Education, Health and Care plan.")


def test_a_summary_counts_for_more_than_text_and_less_than_a_title() -> None:
    index = {
        "config": {"fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}}},
        "docs": [{"location": "breaks/", "title": "Breaks", "text": ""}],
    }
    words = SearchWords.build(GLOSSARY, SYNONYMS)
    add_search_words(index, words, summaries={"breaks/": "Short breaks for carers."})
    assert 1.0 < index["config"]["fields"][SUMMARY_FIELD]["boost"] < 1000.0
    (entry,) = index["docs"]
    assert entry[SUMMARY_FIELD].startswith("Short breaks for carers.")
    assert "respite" in entry[SUMMARY_FIELD].split()


def _index() -> dict[str, Any]:
    return {
        "config": {"fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}}},
        "docs": [
            {"location": "plans/", "title": "EHC plans", "text": "<p>Ask the SENCo.</p>"},
            {"location": "plans/#who", "title": "Who it is for", "text": "<p>Short breaks</p>"},
            {"location": "breaks/#who", "title": "Who it is for", "text": "<p>Short breaks</p>"},
            {"location": "garden/", "title": "Garden", "text": "<p>A quiet garden.</p>"},
            {"location": "", "title": "Home", "text": ""},  # nothing to add
        ],
    }


def test_kept_entry_words_are_exactly_the_words_made_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The words of a page's entries kept by one build give the next build exactly the index
    it would make without them; entries that changed are worked out again."""
    made: list[str] = []
    real = search._entries_words

    def counting(words: SearchWords, entries: list[tuple[str, str, str, str]]) -> Any:
        made.extend(title for title, *_ in entries)
        return real(words, entries)

    monkeypatch.setattr(search, "_entries_words", counting)
    words = SearchWords.build(GLOSSARY, SYNONYMS, ("planning", "garden gardens"))
    about = {"garden/": "Short breaks in the garden."}
    summaries = {"plans/": "What an EHCP is."}
    expected = _index()
    add_search_words(expected, words, about, summaries)
    assert "title_also" not in expected["docs"][-1]
    path = tmp_path / "search-words.json"
    titles = ["EHC plans", "Who it is for", "Who it is for", "Garden", "Home"]
    for build, index, worked_out in [
        ("first", _index(), titles),
        ("second", _index(), []),
        ("edited", _index(), titles),
        ("hand-edited file", _index(), titles),
    ]:
        made.clear()
        if build == "edited":
            expected["docs"][3]["text"] = "<p>A quiet garden too.</p>"
        index["docs"][3]["text"] = expected["docs"][3]["text"]
        if build == "hand-edited file":
            text = path.read_text(encoding="utf-8")
            path.write_text(text.replace("\\n", " ", 1), encoding="utf-8")
        cache = PageCache.load(path, words.fingerprint())
        assert add_search_words(index, words, about, summaries, cache) == 4
        assert index == expected, build
        assert made == worked_out, build
        cache.save()


def test_the_word_forms_of_the_whole_site_are_in_the_fingerprint() -> None:
    """A text's words depend on every page (a form used elsewhere) and on the word lists:
    kept words made with others are never used."""
    fingerprint = SearchWords.build(GLOSSARY, SYNONYMS, ("plan",)).fingerprint()
    assert SearchWords.build(GLOSSARY, SYNONYMS, ("plan",)).fingerprint() == fingerprint
    assert SearchWords.build(GLOSSARY, SYNONYMS, ("plan", "planning")).fingerprint() != (
        fingerprint
    )
    fewer = {k: v for k, v in SYNONYMS.items() if k != "short breaks"}
    assert SearchWords.build(GLOSSARY, fewer, ("plan",)).fingerprint() != fingerprint
    other = Glossary(acronyms=GLOSSARY.acronyms[:1], terms=GLOSSARY.terms)
    assert SearchWords.build(other, SYNONYMS, ("plan",)).fingerprint() != fingerprint
    assert SearchWords(()).fingerprint() != SearchWords((), WordForms(())).fingerprint()
