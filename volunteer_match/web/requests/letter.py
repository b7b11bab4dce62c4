"""The one-page letter of verified volunteer service (PDF, fpdf2 with a core font).

It is meant to be handed to an employer, a school or a court, so it says only what the
organizations recorded: who, where, how many hours. Nothing about recovery, coordinators,
matching or the purpose of the service; "Volunteer Match" appears only as the issuer.
Core fonts speak Latin-1, so every string passes through ``latin1`` first.
"""

from __future__ import annotations

import unicodedata
from datetime import date

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from volunteer_match.services.hours import OrganizationHours

TITLE = "Letter of verified volunteer service"
ISSUER = "Volunteer Match"
MAX_ROWS = 14  # more organizations than this are summed in a last row, to stay on one page
MARGIN = 25.0
TYPOGRAPHY = str.maketrans(
    {"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": "...", "Ł": "L", "ł": "l"}
    | {"Œ": "OE", "œ": "oe", "€": "EUR"}
)


def latin1(text: str) -> str:
    """Text the core fonts can show: typographic marks made plain, accents kept where
    Latin-1 has them, other letters reduced to their base letter (or '?'), symbols such as
    emoji left out, and runs of spaces made one."""
    out = []
    for char in text.translate(TYPOGRAPHY):
        category = unicodedata.category(char)
        if char.isspace():
            out.append(" ")
        elif ord(char) < 256 and category != "Cc":
            out.append(char)
        elif category.startswith(("L", "N", "P")):
            base = unicodedata.normalize("NFKD", char)[:1]
            out.append(base if base and ord(base) < 128 else "?")
    return " ".join("".join(out).split())


def _day(moment: date) -> str:
    return f"{moment.day} {moment:%B %Y}"


def _hours(hours: float) -> str:
    return f"{round(hours, 2):.2f}".rstrip("0").rstrip(".")


def _fit(pdf: FPDF, text: str, width: float) -> str:
    """Shorten ``text`` with '...' until it fits in a cell ``width`` wide."""
    room = width - 2 * pdf.c_margin
    if pdf.get_string_width(text) <= room:
        return text
    while text and pdf.get_string_width(text + "...") > room:
        text = text[:-1]
    return text.rstrip() + "..."


def _rows(organizations: list[OrganizationHours]) -> list[OrganizationHours]:
    if len(organizations) <= MAX_ROWS:
        return organizations
    kept, rest = organizations[: MAX_ROWS - 1], organizations[MAX_ROWS - 1 :]
    others = OrganizationHours(
        f"{len(rest)} other organizations",
        sum(row.shifts for row in rest),
        sum(row.hours for row in rest),
    )
    return [*kept, others]


def _table(pdf: FPDF, organizations: list[OrganizationHours], total: float) -> None:
    width = pdf.w - 2 * MARGIN
    columns = (width - 60, 25.0, 35.0)
    pdf.set_font("Helvetica", "B", 11)
    pdf.set_fill_color(232, 241, 242)
    headings = ("Organization", "Shifts", "Hours")
    for text, column, align in zip(headings, columns, "LRR", strict=True):
        pdf.cell(column, 8, text, border="B", align=align, fill=True)
    pdf.ln(8)
    pdf.set_font("Helvetica", "", 11)
    for row in _rows(organizations):
        pdf.cell(columns[0], 7, _fit(pdf, latin1(row.name), columns[0]), border="B")
        pdf.cell(columns[1], 7, str(row.shifts), border="B", align="R")
        pdf.cell(columns[2], 7, _hours(row.hours), border="B", align="R")
        pdf.ln(7)
    pdf.set_font("Helvetica", "B", 11)
    pdf.cell(columns[0], 8, "Total")
    pdf.cell(columns[1], 8, str(sum(row.shifts for row in organizations)), align="R")
    pdf.cell(columns[2], 8, _hours(total), align="R")
    pdf.ln(12)


def build(
    name: str,
    issued: date,
    organizations: list[OrganizationHours],
    total: float,
    period: tuple[date, date],
) -> bytes:
    """The letter for ``name``: a table of organizations with their hours, and the total."""
    name = latin1(name)
    pdf = FPDF(format="Letter")
    pdf.set_compression(False)  # plain text inside, so the letter can be checked
    pdf.set_auto_page_break(False)
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_title(TITLE)
    pdf.set_author(ISSUER)
    pdf.add_page()

    pdf.set_font("Helvetica", "B", 12)
    pdf.set_text_color(29, 92, 99)
    pdf.cell(0, 6, ISSUER, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(0, 0, 0)
    pdf.ln(8)
    pdf.set_font("Helvetica", "B", 20)
    pdf.cell(0, 10, TITLE, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("Helvetica", "", 11)
    pdf.cell(0, 7, f"Date issued: {_day(issued)}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(6)

    pdf.set_font("Helvetica", "", 12)
    first, last = period
    when = f"on {_day(first)}" if first == last else f"between {_day(first)} and {_day(last)}"
    pdf.multi_cell(
        0,
        6.5,
        f"This letter confirms that {name} gave {_hours(total)} "
        f"{'hour' if total == 1 else 'hours'} of volunteer service {when}, with the "
        f"{'organization' if len(organizations) == 1 else 'organizations'} listed below.",
        align="L",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    pdf.ln(6)
    _table(pdf, organizations, total)

    pdf.set_font("Helvetica", "", 11)
    pdf.multi_cell(
        0,
        6,
        "Each entry was recorded by the organization after the shift: the organization "
        f"confirmed that {name} attended and how many hours they gave. Only hours recorded "
        "this way are counted here.",
        align="L",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    pdf.ln(4)
    pdf.set_font("Helvetica", "I", 10)
    pdf.set_text_color(74, 79, 85)
    pdf.multi_cell(
        0,
        5.5,
        f"Issued by {ISSUER} from the records of the organizations named above.",
        align="L",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    return bytes(pdf.output())
