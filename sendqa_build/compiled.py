"""Jinja's compiled templates, kept between builds in a private folder under the temporary folder.

Compiling a template turns its text into Python and compiles that: for the theme's templates
(Material's base page, navigation, header and the rest) about 0.2 s of CPU time at every build
and every ``mkdocs serve`` rebuild, the same work each time. Loaded compiled, they take a few
milliseconds. Jinja keys each entry by the template's name and file and checks the text and its
own and Python's versions, so an edited template, a new Jinja or a new Python is compiled again.
What else the compiled code depends on (how the environment reads templates: its delimiters,
whitespace settings, extensions, and how each filter and test is called) is part of the file name
here, so a plugin that changes those gets templates compiled for them. A cache that cannot be
written or read is only slower.
"""

from __future__ import annotations

import contextlib
import hashlib

from jinja2 import BytecodeCache, Environment, FileSystemBytecodeCache
from jinja2.bccache import Bucket


class CompiledTemplates(FileSystemBytecodeCache):
    """Jinja's file cache of compiled templates, where a file that cannot be read or written
    is a template compiled again, never an error."""

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # unreadable, cut short or damaged: whatever it raises, compile
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def compiled_templates(name: str, env: Environment | None = None) -> BytecodeCache | None:
    """The cache for one set of templates (``name``: ``theme``, ``report``), kept apart for
    each way ``env`` compiles them; None where the temporary folder cannot hold one (read-only,
    or not the build user's own), or where the environment compiles in a way this cannot tell
    apart (a function deciding autoescaping, a ``finalize`` function)."""
    settings = "" if env is None else compile_settings(env)
    if settings is None:
        return None
    try:
        return CompiledTemplates(pattern=f"sendqa-{name}{settings}-%s.cache")
    except (OSError, RuntimeError):
        return None


def compile_settings(env: Environment) -> str | None:
    """A short hash of what, besides a template's text, goes into its compiled code; None when
    that cannot be told from the environment's settings."""
    if not isinstance(env.autoescape, bool) or env.finalize is not None:
        return None
    calls = sorted(
        f"{kind}:{key}:{getattr(value, 'jinja_pass_arg', None)}"  # pass_context and the like
        for kind, table in (("filter", env.filters), ("test", env.tests))
        for key, value in table.items()
    )
    parts = [
        env.block_start_string,
        env.block_end_string,
        env.variable_start_string,
        env.variable_end_string,
        env.comment_start_string,
        env.comment_end_string,
        env.line_statement_prefix,
        env.line_comment_prefix,
        env.trim_blocks,
        env.lstrip_blocks,
        env.newline_sequence,
        env.keep_trailing_newline,
        env.optimized,
        env.is_async,
        env.autoescape,
        getattr(env, "newstyle_gettext", None),
        sorted(env.extensions),
        calls,
    ]
    return "-" + hashlib.sha256(repr(parts).encode()).hexdigest()[:16]
