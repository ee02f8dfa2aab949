"""The council's branding from ``extra.council`` in mkdocs.yml: colours checked for WCAG contrast
before a council publishes a site that some readers cannot read.

The theme reads the colours itself (``overrides/main.html``); this module only checks them, so a
typo stops the build with a clear message and a too-light colour is a warning.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping
from typing import Any

from sendqa_build.models import Finding, Severity

CHECK = "branding"
WHITE = "#ffffff"
NEAR_BLACK = "#0b0c0c"
AA_TEXT = 4.5
_HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")

COLOURS: dict[str, tuple[str, str, str]] = {
    # name: (what it colours, the colour it sits on or with, that colour's name)
    "primary": ("the header, behind white text", WHITE, "white text"),
    "link": ("links", WHITE, "the white page"),
    "accent": ("links under the mouse pointer", WHITE, "the white page"),
    "focus": ("the highlight behind whatever has keyboard focus", NEAR_BLACK, "black text"),
}
"""The colours a council can set under ``extra.council.colours``."""


class BrandingError(ValueError):
    """A branding value in mkdocs.yml that the theme cannot use."""


def parse_hex(value: str) -> tuple[int, int, int]:
    """``#1d4f91`` or ``#fd0`` -> (r, g, b)."""
    digits = value.lstrip("#")
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    return (int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16))


def _luminance(colour: str) -> float:
    """Relative luminance as WCAG 2.2 defines it."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in parse_hex(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: str, second: str) -> float:
    """The WCAG contrast ratio of two colours, from 1 to 21."""
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def check_branding(council: Any) -> list[Finding]:
    """Check ``extra.council``: colours must be hex colours with enough contrast; the logo a
    path under the site.

    Raises:
        BrandingError: when a value is not something the theme can use.
    """
    if council is None:
        return []
    if not isinstance(council, Mapping):
        raise BrandingError("'extra.council' in mkdocs.yml must be 'name: value' settings")
    colours = council.get("colours") or {}
    if not isinstance(colours, Mapping):
        raise BrandingError(
            "'extra.council.colours' in mkdocs.yml must be 'name: colour' settings, such as "
            "'primary: \"#1d4f91\"'"
        )
    logo_path(council.get("logo"))
    findings: list[Finding] = []
    for name, value in colours.items():
        if name not in COLOURS:
            raise BrandingError(
                f"unknown colour 'extra.council.colours.{name}' in mkdocs.yml; use "
                f"{', '.join(repr(n) for n in COLOURS)}"
            )
        if not isinstance(value, str) or not _HEX.match(value.strip()):
            raise BrandingError(
                f"'extra.council.colours.{name}' in mkdocs.yml must be a colour written like "
                f"'#1d4f91' (in quotes), found '{value}'"
            )
        what, against, against_name = COLOURS[name]
        ratio = contrast_ratio(value.strip(), against)
        if ratio < AA_TEXT:
            findings.append(
                Finding(
                    CHECK,
                    None,
                    None,
                    Severity.WARNING,
                    f"the colour '{value}' of 'extra.council.colours.{name}' ({what}) has a "
                    f"contrast of {ratio:.1f}:1 with {against_name}; WCAG 2.2 AA needs at "
                    f"least {AA_TEXT}:1",
                    f"choose a {'lighter' if name == 'focus' else 'darker'} colour in mkdocs.yml",
                )
            )
    return findings


def logo_path(value: Any) -> str | None:
    """``extra.council.logo`` as a path under the site (``assets/logo.svg``), or None when
    not set. Every page shows it, so it may name only a file the site publishes: never a
    path out of the site (``../../../etc/passwd``), an absolute path or another site's image.

    Raises:
        BrandingError: for any other value.
    """
    if value is None or value == "":
        return None
    shown = value if isinstance(value, str) else type(value).__name__
    shown = "".join(ch if ch.isprintable() else "?" for ch in shown)[:200]
    wrong = BrandingError(
        f"'extra.council.logo' in mkdocs.yml is '{shown}', which is not a path under the site; "
        "give the path of the logo's file in the docs folder (or the theme's custom_dir), "
        "such as 'assets/logo.svg'"
    )
    if not isinstance(value, str):
        raise wrong
    path = value.strip().replace("\\", "/")
    first = path.split("/", 1)[0]
    if not path or path.startswith("/") or ":" in first or any(ch < " " for ch in path):
        raise wrong  # '/x', '//host/x', 'https://...', 'C:/...', 'data:...', control characters
    normal = posixpath.normpath(path)
    if normal == ".." or normal.startswith("../") or normal == ".":
        raise wrong
    return normal
