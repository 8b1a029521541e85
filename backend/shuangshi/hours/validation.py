"""Field checks shared by the API and the importer: field → messages."""

import re
from typing import Any

from django.utils.translation import gettext as _

from shuangshi.teachers.categories import category_from_text

# ASCII digits only, the whole string (no full-width digits, no trailing line break).
TERM = re.compile(r"([0-9]{4})-([0-9]{4})-([12])")


def term_error(term: str) -> str | None:
    match = TERM.fullmatch(term or "")
    if not match or int(match.group(2)) != int(match.group(1)) + 1:
        return _("Write the term as 2026-2027-1 (school year, then 1 or 2).")
    if not 2000 <= int(match.group(1)) <= 2100:
        return _("The school year must be between 2000 and 2100.")
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
    if total is not None and practical is not None and practical > total:
        errors["practical_hours"] = [_("Practical hours cannot exceed the total hours.")]
    return errors
