"""Field checks shared by the API and the importer: field → messages."""

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from shuangshi.teachers.categories import category_from_text

from .terms import latest_allowed_term, school_year

# ASCII digits only, the whole string (no full-width digits, no trailing line break).
TERM = re.compile(r"([0-9]{4})-([0-9]{4})-([12])")

# The most hours one row (a school, a term, a major category) may hold. A term is about 20
# teaching weeks: even a 1,000-teacher school at 25 periods a week stays near 500,000, so
# 1,000,000 leaves room and still fits PostgreSQL's integer column (2,147,483,647). Sums stay
# far inside 64 bits: term_totals adds per school and term at most 20 rows (19 categories and
# the whole school), and 11,000 schools x 20 rows x 1,000,000 = 2.2e11 < 9.2e18.
MAX_HOURS = 1_000_000
# "{max_value}": DRF formats the serializer fields' message with it; hours_errors likewise.
HOURS_TOO_MANY = gettext_lazy(
    "At most {max_value} hours in one row (school, term, major category)."
)


def hours_too_many() -> str:
    return str(HOURS_TOO_MANY).format(max_value=MAX_HOURS)


def term_error(term: str, today: date | None = None) -> str | None:
    match = TERM.fullmatch(term or "")
    if not match or int(match.group(2)) != int(match.group(1)) + 1:
        return _("Write the term as 2026-2027-1 (school year, then 1 or 2).")
    if not 2000 <= int(match.group(1)) <= 2100:
        return _("The school year must be between 2000 and 2100.")
    today = today or timezone.localdate()
    # A far-future term would become every default "latest term": the next year's plan at most.
    if int(match.group(1)) > school_year(today) + 1:
        message = _("A term can start no later than the next school year: the latest is %(term)s.")
        return message % {"term": latest_allowed_term(today)}
    return None


def major_category_code(value: object) -> str | None:
    """The stored form of a row's major category (DESIGN §3): the two-digit code for a code
    (41–59, or the 中职 61–79) or a category name; "" for blank or null, the whole school's
    total; None when the value names no category."""
    if value is None or not str(value).strip():
        return ""
    return category_from_text(value)


def major_category_error() -> str:
    return _(
        "Not a major category: write one of the 19 category codes (41–59) or a category "
        "name, or leave it blank for the whole school's total."
    )


def hours_errors(values: dict[str, Any]) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if "major_category" in values and major_category_code(values["major_category"]) is None:
        errors["major_category"] = [major_category_error()]
    if "term" in values:
        message = term_error(str(values["term"]))
        if message:
            errors["term"] = [message]
    total, practical = values.get("total_hours"), values.get("practical_hours")
    for name, value in (("total_hours", total), ("practical_hours", practical)):
        if value is not None and value > MAX_HOURS:
            errors[name] = [hours_too_many()]
    too_many = "practical_hours" in errors
    if total is not None and practical is not None and practical > total and not too_many:
        errors["practical_hours"] = [_("Practical hours cannot exceed the total hours.")]
    return errors


HOURS = ("total_hours", "practical_hours")


def whole_and_parts_errors(rows: Mapping[str, tuple[int, int]], *, at: str) -> dict[str, list[str]]:
    """A school's term as it would be stored, major category → (total, practical): its
    whole-school row ("") cannot hold fewer hours than its category rows add up to (DESIGN
    §9: they are its breakdown). ``at``: the major category of the row the error is shown
    at ("": the whole-school row). The API's service and the import both check with this."""
    whole = rows.get("")
    parts = [hours for major, hours in rows.items() if major != ""]
    if whole is None or not parts:
        return {}
    errors: dict[str, list[str]] = {}
    for i, name in enumerate(HOURS):
        summed = sum(hours[i] for hours in parts)
        if whole[i] >= summed:
            continue
        if at == "":
            message = _(
                "Less than this term's major category rows add up to (%(parts)d): the whole "
                "school's hours cannot be fewer than its categories'."
            ) % {"parts": summed}
        else:
            message = _(
                "This term's major category rows would add up to %(parts)d, more than the "
                "whole school's row (%(whole)d)."
            ) % {"parts": summed, "whole": whole[i]}
        errors[name] = [message]
    return errors
