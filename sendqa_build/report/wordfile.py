"""``self-evaluation.docx``: the toolkit's own form and action plan, ready to paste into the
council's return.

First a summary (the six pre-scores with their change since the previous build, and the
statutory gaps); then the layout of the SEND Quality Assurance Toolkit, Section 4: one table of
statements with the columns "Not Met 1", "Partially Met 2", "Fully Met 3" and "Evidence &
Comments", then the action plan with "QS No.", "Action(s) required to fully meet the Quality
Standard", "Target Completion Date" and "Responsibility". Evidence links to the live pages. Each
table's grid declares the same column widths as its cells, so Word and LibreOffice lay it out
alike.
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
from docx.opc.constants import RELATIONSHIP_TYPE as RT
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
SUMMARY_COLUMNS = ("QS No.", "Statement", "Score", "Change since the previous build")
GAP_COLUMNS = ("Requirement", "Status", "What is missing")
FORM_WIDTHS = (Cm(8.0), Cm(1.7), Cm(2.4), Cm(1.7), Cm(12.9))
PLAN_WIDTHS = (Cm(2.0), Cm(14.7), Cm(4.0), Cm(6.0))
SUMMARY_WIDTHS = (Cm(2.0), Cm(15.7), Cm(4.5), Cm(4.5))
GAP_WIDTHS = (Cm(10.7), Cm(3.0), Cm(13.0))
LINK_COLOUR = "1D4F91"
SCORE_WORDS = {1: "Not met", 2: "Partially met", 3: "Fully met"}
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


def _keep_together(row: Any) -> None:
    """Keep a row on one page, so a statement is never read half on one page and half on the
    next (Word and LibreOffice move the whole row instead)."""
    props = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:cantSplit")
    flag.set(qn("w:val"), "true")
    props.append(flag)


def _table(document: Any, names: tuple[str, ...], widths: tuple[Any, ...]) -> Any:
    """A bordered table with a bold, shaded header row that repeats on every page; its grid
    (``w:tblGrid``) has the same column widths as its cells."""
    table = document.add_table(rows=1, cols=len(names))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width  # rows added later take their cells' widths from this grid
    row = table.rows[0]
    _repeat_header(row)
    for cell, name, width in zip(row.cells, names, widths, strict=True):
        cell.width = width
        cell.text = ""
        run = cell.paragraphs[0].add_run(name)
        run.bold = True
        _shade(cell, "D9E2F3")
    return table


def _hyperlink(paragraph: Any, url: str, text: str) -> None:
    """A link to ``url`` (an external relationship of the document) showing ``text``."""
    r_id = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), r_id)
    run = OxmlElement("w:r")
    props = OxmlElement("w:rPr")
    colour = OxmlElement("w:color")
    colour.set(qn("w:val"), LINK_COLOUR)
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    props.append(colour)
    props.append(underline)
    run.append(props)
    words = OxmlElement("w:t")
    words.text = text
    words.set(qn("xml:space"), "preserve")
    run.append(words)
    link.append(run)
    paragraph._p.append(link)


def _is_live(url: Any) -> bool:
    return isinstance(url, str) and url.startswith(("https://", "http://"))


def _add_evidence(cell: Any, item: Mapping[str, Any]) -> None:
    """One evidence item: the figure, or the page's title (linked to the live page), what it
    shows and the sentence it answers with."""
    paragraph = cell.add_paragraph()
    paragraph.add_run("• ")
    if item.get("figure"):
        paragraph.add_run(f"{item.get('title') or ''}: ").bold = True
        paragraph.add_run(str(item["figure"]))
        return
    title = str(item.get("title") or item.get("page") or "")
    if _is_live(item.get("url")):
        _hyperlink(paragraph, str(item["url"]), title)
    else:
        paragraph.add_run(title).bold = True
    paragraph.add_run(f": {item['note']}")
    if item.get("quote"):
        paragraph.add_run(f' "{item["quote"]}"').italic = True


def _statement_cell(cell: Any, statement: Mapping[str, Any]) -> None:
    """The Evidence & Comments cell of one statement."""
    first = cell.paragraphs[0]
    if statement["auto"]:
        label = "Pre-scored by sendqa" if statement["score"] else "Not scored by sendqa"
        first.add_run(f"{label}: ").bold = True
        first.add_run(str(statement["rationale"]))
    else:
        first.add_run("For the QA lead to score.").bold = True
    evidence = statement.get("evidence") or []
    heading = cell.add_paragraph()
    heading.add_run("Evidence from the site:").bold = True
    if evidence:
        for item in evidence[:MAX_EVIDENCE]:
            _add_evidence(cell, item)
        more = len(evidence) - MAX_EVIDENCE + int(statement.get("more_evidence") or 0)
        if more > 0:
            cell.add_paragraph(f"• and {more} more (see self-evaluation.html)")
    else:
        cell.add_paragraph("None found on the site.")
    prompts = statement.get("prompts") or ([statement["prompt"]] if statement.get("prompt") else [])
    if prompts:
        cell.add_paragraph().add_run("Evidence to add:").bold = True
        for prompt in prompts:
            cell.add_paragraph(f"• {prompt}")


def _score_text(statement: Mapping[str, Any]) -> str:
    score = statement.get("score")
    if score is None:
        return "Could not be scored" if statement.get("auto") else "For the QA lead"
    text = f"{score}: {SCORE_WORDS.get(score, '')}"
    return text + (" (provisional)" if statement.get("provisional") else "")


def _summary(
    document: Any,
    report: Mapping[str, Any],
    changes: Mapping[str, str],
    previous: Mapping[str, Any] | None,
) -> None:
    """The first page: the six pre-scores, their change since the previous build, and the
    statutory gaps."""
    document.add_heading("Summary", level=1)
    if previous:
        since = f"Changes are since the build of {_date(str(previous.get('reference_date')))}."
    else:
        since = "This is the first build recorded, so no changes are shown."
    document.add_paragraph(
        "The six statements sendqa pre-scores from the site. Check each against your own "
        f"knowledge before you submit. {since}"
    )
    table = _table(document, SUMMARY_COLUMNS, SUMMARY_WIDTHS)
    for statement in report["statements"]:
        if not statement["auto"]:
            continue
        row = table.add_row()
        values = (
            statement["id"],
            statement["text"],
            _score_text(statement),
            changes.get(statement["id"], "first build"),
        )
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
        if statement.get("score"):
            _shade(row.cells[2], {1: "F4CCCC", 2: "FCE5CD", 3: "D9EAD3"}[statement["score"]])
    gaps = report.get("statutory_gaps") or []
    document.add_heading("Statutory gaps", level=2)
    if report.get("coverage") is None:
        document.add_paragraph("The statutory coverage check did not run in this build.")
    elif not gaps:
        document.add_paragraph("Every duty in the requirement catalogue is covered by a page.")
    else:
        document.add_paragraph(
            f"{len(gaps)} {'duty is' if len(gaps) == 1 else 'duties are'} not yet fully met "
            "by the Local Offer's pages."
        )
        table = _table(document, GAP_COLUMNS, GAP_WIDTHS)
        for gap in gaps:
            row = table.add_row()
            status = "Missing" if gap["status"] == "missing" else "Covered in part"
            gap_values = (gap["title"], status, "; ".join(gap.get("missing") or []) or "-")
            for cell, value in zip(row.cells, gap_values, strict=True):
                cell.text = value


def render_docx(
    report: Mapping[str, Any],
    *,
    docs_prefix: str = "content",
    changes: Mapping[str, str] | None = None,
    previous: Mapping[str, Any] | None = None,
) -> bytes:
    """The Word document, as bytes. ``changes`` gives each statement's change since the
    ``previous`` build (from the history), in words."""
    del docs_prefix  # the form names pages by title and live address, not by file
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
    if _is_live(site.get("url")):
        intro.add_run("Site: ")
        _hyperlink(intro, str(site["url"]), str(site["url"]))
        intro.add_run(". ")
    intro.add_run(
        "Statements 1.6, 1.7, 1.8, 1.11, 1.13 and 1.15 are pre-scored from the site; check them. "
        "Score the others and add your evidence."
    )
    _summary(document, report, changes or {}, previous)

    document.add_page_break()
    document.add_heading("Quality Standard 1.", level=2)
    if report.get("standard"):
        document.add_paragraph(str(report["standard"]))
    form = _table(document, FORM_COLUMNS, FORM_WIDTHS)
    for statement in report["statements"]:
        row = form.add_row()
        _keep_together(row)
        cells = row.cells
        cells[0].text = f"{statement['id']} {statement['text']}"
        for column, score in ((1, 1), (2, 2), (3, 3)):
            paragraph = cells[column].paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            if statement["score"] == score:
                paragraph.add_run(TICK).bold = True
                _shade(cells[column], {1: "F4CCCC", 2: "FCE5CD", 3: "D9EAD3"}[score])
        _statement_cell(cells[4], statement)

    document.add_page_break()
    document.add_heading("Section 4 - The Local Offer", level=1)
    document.add_heading("Action Plan", level=2)
    document.add_paragraph(
        "Most urgent first: statutory gaps, then pages overdue for review (longest first), "
        "broken links, then wording. Target dates are set by priority."
    )
    plan = _table(document, PLAN_COLUMNS, PLAN_WIDTHS)
    for action in report["actions"]:
        row = plan.add_row()
        values = (
            action["statement"],
            action["action"],
            _date(action["target_date"]),
            action["responsibility"],
        )
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    for _ in range(3):  # room for the QA lead's own actions
        plan.add_row()
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
