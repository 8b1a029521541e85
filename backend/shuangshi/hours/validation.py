"""Field checks shared by the API and the importer: field → messages."""

import re
from typing import Any

from django.utils.translation import gettext as _

TERM = re.compile(r"^(\d{4})-(\d{4})-([12])$")


def term_error(term: str) -> str | None:
    match = TERM.match(term or "")
    if not match or int(match.group(2)) != int(match.group(1)) + 1:
        return _("Write the term as 2026-2027-1 (school year, then 1 or 2).")
    if not 2000 <= int(match.group(1)) <= 2100:
        return _("The school year must be between 2000 and 2100.")
    return None


def hours_errors(values: dict[str, Any]) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if "term" in values:
        message = term_error(str(values["term"]))
        if message:
            errors["term"] = [message]
    total, practical = values.get("total_hours"), values.get("practical_hours")
    if total is not None and practical is not None and practical > total:
        errors["practical_hours"] = [_("Practical hours cannot exceed the total hours.")]
    return errors
