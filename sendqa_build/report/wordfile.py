"""``self-evaluation.docx``: the toolkit's own form and action plan, ready to paste into the
council's return.

The layout follows the SEND Quality Assurance Toolkit, Section 4: one table of statements with
the columns "Not Met 1", "Partially Met 2", "Fully Met 3" and "Evidence & Comments", then the
action plan with "QS No.", "Action(s) required to fully meet the Quality Standard", "Target
Completion Date" and "Responsibility".
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Mapping
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from sendqa_build.core.scoring import long_date

FORM_COLUMNS = ("", "Not Met 1", "Partially Met 2", "Fully Met 3", "Evidence & Comments")
PLAN_COLUMNS = (
    "QS No.",
    "Action(s) required to fully meet the Quality Standard",
    "Target Completion Date",
    "Responsibility",
)
FORM_WIDTHS = (Cm(8.5), Cm(1.7), Cm(1.9), Cm(1.7), Cm(12.9))
PLAN_WIDTHS = (Cm(2.0), Cm(14.7), Cm(4.0), Cm(6.0))
MAX_EVIDENCE = 12
"""Evidence lines per statement in the form; the rest are in the HTML and JSON reports."""
TICK = "X"


def _date(value: str) -> str:
    try:
        return long_date(dt.date.fromisoformat(value))
    except (TypeError, ValueError):
        return str(value)


def _shade(cell: Any, fill: str) -> None:
    props = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    props.append(shading)


def _repeat_header(row: Any) -> None:
    """Repeat the header row on every page the table spans."""
    props = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    props.append(flag)


def _table(document: Any, names: tuple[str, ...], widths: tuple[Any, ...]) -> Any:
    """A bordered table with a bold, shaded header row that repeats on every page."""
    table = document.add_table(rows=1, cols=len(names))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    row = table.rows[0]
    _repeat_header(row)
    for cell, name, width in zip(row.cells, names, widths, strict=True):
        cell.width = width
        cell.text = ""
        run = cell.paragraphs[0].add_run(name)
        run.bold = True
        _shade(cell, "D9E2F3")
    return table


def _widths(row: Any, widths: tuple[Any, ...]) -> None:
    for cell, width in zip(row.cells, widths, strict=True):
        cell.width = width


def _evidence_text(statement: Mapping[str, Any], docs: str) -> list[tuple[str, bool]]:
    """Paragraphs of the Evidence & Comments cell: (text, bold)."""
    parts: list[tuple[str, bool]] = []
    if statement["auto"]:
        label = "Pre-scored by sendqa" if statement["score"] else "Not scored by sendqa"
        parts.append((f"{label}: {statement['rationale']}", False))
    else:
        parts.append(("For the QA lead to score.", True))
    evidence = statement.get("evidence") or []
    if evidence:
        parts.append(("Evidence from the site:", True))
        for item in evidence[:MAX_EVIDENCE]:
            where = f"{docs}/{item['page']}: " if item.get("page") else ""
            parts.append((f"• {where}{item['note']}", False))
        if len(evidence) > MAX_EVIDENCE:
            more = len(evidence) - MAX_EVIDENCE
            parts.append((f"• and {more} more (see self-evaluation.html)", False))
    if statement.get("prompt"):
        parts.append(("Evidence to add:", True))
        parts.append((str(statement["prompt"]), False))
    return parts


def render_docx(report: Mapping[str, Any], *, docs_prefix: str = "content") -> bytes:
    """The Word document, as bytes."""
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    style = document.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(10)
    properties = document.core_properties
    properties.title = f"{report.get('title', '')} (draft)"
    properties.subject = str(report.get("toolkit", ""))
    properties.author = "sendqa"
    day = dt.date.fromisoformat(report["reference_date"])
    stamp = dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)
    properties.created = properties.modified = stamp

    document.add_heading("SEND Quality Assurance Toolkit", level=0)
    document.add_paragraph("Self Evaluation Framework")
    document.add_heading("Section 4 - The Local Offer", level=1)
    site = report.get("site") or {}
    who = ", ".join(v for v in (site.get("council"), site.get("name")) if v)
    intro = document.add_paragraph()
    intro.add_run("Draft prepared by sendqa" + (f" for {who}" if who else "") + ". ")
    intro.add_run(f"Reference date: {_date(report['reference_date'])}. ")
    intro.add_run(
        "Statements 1.6, 1.7, 1.8, 1.11, 1.13 and 1.15 are pre-scored from the site; check them. "
        "Score the others and add your evidence."
    )
    document.add_heading("Quality Standard 1.", level=2)
    if report.get("standard"):
        document.add_paragraph(str(report["standard"]))

    form = _table(document, FORM_COLUMNS, FORM_WIDTHS)
    for statement in report["statements"]:
        row = form.add_row()
        _widths(row, FORM_WIDTHS)
        cells = row.cells
        cells[0].text = f"{statement['id']} {statement['text']}"
        for column, score in ((1, 1), (2, 2), (3, 3)):
            paragraph = cells[column].paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            if statement["score"] == score:
                paragraph.add_run(TICK).bold = True
                _shade(cells[column], {1: "F4CCCC", 2: "FCE5CD", 3: "D9EAD3"}[score])
        evidence_cell = cells[4]
        first = True
        for text, bold in _evidence_text(statement, docs_prefix):
            paragraph = evidence_cell.paragraphs[0] if first else evidence_cell.add_paragraph()
            first = False
            paragraph.add_run(text).bold = bold

    document.add_page_break()
    document.add_heading("Section 4 - The Local Offer", level=1)
    document.add_heading("Action Plan", level=2)
    plan = _table(document, PLAN_COLUMNS, PLAN_WIDTHS)
    for action in report["actions"]:
        row = plan.add_row()
        _widths(row, PLAN_WIDTHS)
        values = (
            action["statement"],
            action["action"],
            _date(action["target_date"]),
            action["responsibility"],
        )
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    for _ in range(3):  # room for the QA lead's own actions
        _widths(plan.add_row(), PLAN_WIDTHS)
    buffer = io.BytesIO()
    document.save(buffer)
    return _stamped(buffer.getvalue(), (day.year, day.month, day.day, 0, 0, 0))


def _stamped(docx: bytes, when: tuple[int, int, int, int, int, int]) -> bytes:
    """The same .docx with every part dated ``when`` instead of the time it was saved, so
    two builds of the same content give the same bytes."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(docx)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=when)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = item.external_attr
            target.writestr(info, source.read(item.filename))
    return out.getvalue()
