"""Record rules shared by the API serializers and the Excel importer.

Each function takes the record's values (a mapping of field name to Python value, dates
as `date`) and returns `{field: [message, ...]}`, empty when the record is valid.
"""

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from shuangshi.common.idnumbers import (
    InvalidCreditCode,
    InvalidIdNumber,
    parse_id_number,
    validate_credit_code,
)

from .models import CERTIFICATE_LEVELS

Errors = dict[str, list[str]]

MIN_TEACHING_AGE = 16


# What an ID-number lookup may answer (issue 15 item 3): never a stored name nor another
# school's details, only that the number is taken elsewhere, or that name and number differ.
def registered_elsewhere() -> str:
    return _("This person is registered at another school; ask the province to transfer them.")


def registered_here() -> str:
    return _("A teacher with this ID number is already registered.")


def name_mismatch() -> str:
    return _("The name does not match the ID number.")


def _add(errors: Errors, field: str, message: str) -> None:
    errors.setdefault(field, []).append(message)


def _years_after(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def person_errors(values: Mapping[str, Any]) -> Errors:
    """ID number check digit, and gender and birth date agreeing with it."""
    errors: Errors = {}
    id_number = values.get("id_number") or ""
    try:
        info = parse_id_number(id_number)
    except InvalidIdNumber as exc:
        _add(
            errors,
            "id_number",
            _("Invalid ID number: %(reason)s.") % {"reason": _(exc.reason) % exc.params},
        )
        return errors
    gender = values.get("gender")
    if gender and gender != info.gender:
        _add(errors, "gender", _("Gender does not agree with the ID number."))
    birth = values.get("birth_date")
    if birth and birth != info.birth_date:
        _add(
            errors,
            "birth_date",
            _("Birth date does not agree with the ID number (%(date)s).")
            % {"date": info.birth_date.isoformat()},
        )
    return errors


def teacher_errors(values: Mapping[str, Any]) -> Errors:
    errors = person_errors(values)
    birth = values.get("birth_date")
    hired = values.get("hired_on")
    left = values.get("left_on")
    since = values.get("teaching_since")
    if birth and hired and hired <= birth:
        _add(errors, "hired_on", _("The hiring date must be after the birth date."))
    if hired and left and left < hired:
        _add(errors, "left_on", _("The leaving date cannot be before the hiring date."))
    if birth and since and since < _years_after(birth, MIN_TEACHING_AGE):
        _add(
            errors,
            "teaching_since",
            _("Teaching cannot start before the age of %(age)d.") % {"age": MIN_TEACHING_AGE},
        )
    return errors


def leaving_errors(left_on: date | None, last_completion: tuple[date, str] | None) -> Errors:
    """A leaving date not before the teacher's latest training completion on file
    (``last_completion``: its date and programme's title; None when there is none after
    ``left_on``). Employed through ``left_on``, a completion on that day stands; one after it
    is refused when it is logged (training.validation.completion_errors), so a leaving date
    is not moved before one already on file. Voided completions never count and do not hold
    the date; certificates and enterprise periods are not refused after leaving either."""
    if left_on is None or last_completion is None or last_completion[0] <= left_on:
        return {}
    on, program = last_completion
    return {
        "left_on": [
            _(
                "This teacher has a training completion dated %(date)s (%(program)s); the "
                "leaving date cannot be before that day."
            )
            % {"date": on.isoformat(), "program": program}
        ]
    }


def certificate_errors(values: Mapping[str, Any]) -> Errors:
    errors: Errors = {}
    kind = values.get("kind")
    level = values.get("level")
    allowed = CERTIFICATE_LEVELS.get(kind or "")
    if allowed is not None and level not in allowed:
        _add(
            errors,
            "level",
            _("“%(level)s” is not a level of this certificate kind; use one of: %(allowed)s.")
            % {"level": level, "allowed": ", ".join(allowed)},
        )
    issued = values.get("issued_on")
    expires = values.get("expires_on")
    if issued and expires and expires < issued:
        _add(errors, "expires_on", _("The expiry date cannot be before the issue date."))
    return errors


def period_errors(values: Mapping[str, Any]) -> Errors:
    errors: Errors = {}
    start = values.get("start_on")
    end = values.get("end_on")
    if start and end and end < start:
        _add(errors, "end_on", _("The end date cannot be before the start date."))
    code = values.get("credit_code")
    if code:
        try:
            validate_credit_code(code)
        except InvalidCreditCode as exc:
            _add(
                errors,
                "credit_code",
                _("Invalid unified social credit code: %(reason)s.")
                % {"reason": _(exc.reason) % exc.params},
            )
    return errors
