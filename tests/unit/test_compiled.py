"""Compiled templates kept between builds: loaded only when compiled the same way, and the same
page either way."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from jinja2 import DictLoader, Environment, pass_context, select_autoescape

from sendqa_build.compiled import CompiledTemplates, compile_settings, compiled_templates

TEMPLATES = {
    "page.html": "{% import 'macros.html' as m %}<h1>{{ title | shout }}</h1>{{ m.item(1) }}\n",
    "macros.html": "{% macro item(n) %}<li>{{ n }}</li>{% endmacro %}",
}


def environment(**options: object) -> Environment:
    env = Environment(loader=DictLoader(TEMPLATES), **options)  # type: ignore[arg-type]
    env.filters["shout"] = str.upper
    return env


def cached(**options: object) -> Environment:
    """An environment with the cache ``compiled_templates`` gives it (``tempfile.tempdir``
    set by the test)."""
    env = environment(**options)
    env.bytecode_cache = compiled_templates("theme", env)
    return env


def test_the_same_settings_give_the_same_key() -> None:
    assert compile_settings(environment()) == compile_settings(environment())


@pytest.mark.parametrize(
    "change",
    [
        lambda env: setattr(env, "trim_blocks", True),
        lambda env: setattr(env, "block_start_string", "<%"),
        lambda env: env.add_extension("jinja2.ext.loopcontrols"),
        # The compiled code passes the context to such a filter: code compiled for the plain
        # filter would call it wrongly.
        lambda env: env.filters.update(shout=pass_context(lambda context, value: value)),
    ],
)
def test_what_changes_the_compiled_code_changes_the_key(change: object) -> None:
    env = environment()
    before = compile_settings(env)
    change(env)  # type: ignore[operator]
    assert compile_settings(env) != before


def test_settings_it_cannot_tell_apart_are_never_cached() -> None:
    assert compile_settings(environment(autoescape=select_autoescape(["html"]))) is None
    assert compile_settings(environment(finalize=lambda value: value)) is None
    assert compiled_templates("theme", environment(finalize=lambda value: value)) is None


def test_a_template_loaded_compiled_renders_the_same_without_compiling(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    expected = cached().get_template("page.html").render(title="hello")
    assert expected == "<h1>HELLO</h1><li>1</li>"
    assert len(list(tmp_path.glob("*/sendqa-theme-*.cache"))) == 2

    second = cached()
    compiled: list[str | None] = []
    real = second.compile
    monkeypatch.setattr(
        second,
        "compile",
        lambda source, name=None, *a, **k: compiled.append(name) or real(source, name, *a, **k),
    )
    assert second.get_template("page.html").render(title="hello") == expected
    assert compiled == []  # both templates came from the cache

    edited = environment()
    edited.loader = DictLoader(
        {**TEMPLATES, "macros.html": "{% macro item(n) %}{{ n }}!{% endmacro %}"}
    )
    edited.bytecode_cache = compiled_templates("theme", edited)
    assert edited.get_template("page.html").render(title="hi") == "<h1>HI</h1>1!"


def test_a_cache_that_cannot_be_written_only_compiles(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("")
    env = environment()
    env.bytecode_cache = CompiledTemplates(directory=str(not_a_folder))
    assert env.get_template("page.html").render(title="x") == "<h1>X</h1><li>1</li>"


def test_a_damaged_cache_file_is_compiled_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    expected = cached().get_template("page.html").render(title="hello")
    for n, kept in enumerate(sorted(tmp_path.glob("*/sendqa-theme-*.cache"))):
        data = kept.read_bytes()
        # Damaged after Jinja's own header (15 bytes): in its checksum, and in its code.
        kept.write_bytes(data[:15] + b"\xff" * 20 if n == 0 else data[: len(data) // 2])
    assert cached().get_template("page.html").render(title="hello") == expected
