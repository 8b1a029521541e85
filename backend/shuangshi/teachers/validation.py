"""Record rules shared by the API serializers and the Excel importer.

Each function takes the record's values (a mapping of field name to Python value, dates
as `date`) and returns `{field: [message, ...]}`, empty when the record is valid.
"""

import unicodedata
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from shuangshi.common.exceptions import teacher_gone_message
from shuangshi.common.idnumbers import (
    InvalidCreditCode,
    InvalidIdNumber,
    parse_id_number,
    validate_credit_code,
)

from .models import CERTIFICATE_LEVELS, CertificateKind, Teacher, has_left

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


def certificate_errors(
    values: Mapping[str, Any],
    *,
    birth_date: date | None = None,
    today: date | None = None,
) -> Errors:
    """Level of the kind, expiry not before issue; with the teacher's ``birth_date`` an
    issue date after it, with ``today`` one not in the future (each unchecked when None)."""
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
    if issued and birth_date and issued <= birth_date:
        _add(
            errors,
            "issued_on",
            _("The issue date must be after the teacher's birth date (%(date)s).")
            % {"date": birth_date.isoformat()},
        )
    if issued and today and issued > today:
        _add(errors, "issued_on", _("A certificate cannot be issued in the future."))
    return errors


def period_errors(
    values: Mapping[str, Any],
    *,
    birth_date: date | None = None,
    today: date | None = None,
) -> Errors:
    """End not before start, a valid credit code; with the teacher's ``birth_date`` a start
    not before the age of MIN_TEACHING_AGE (as teaching: the minimum age for work), with
    ``today`` a start not in the future (each unchecked when None). The end may be after
    today: the planned end of a period under way (DESIGN §3: null is ongoing), and the
    rules count only its days up to the date evaluated (§4)."""
    errors: Errors = {}
    start = values.get("start_on")
    end = values.get("end_on")
    if start and end and end < start:
        _add(errors, "end_on", _("The end date cannot be before the start date."))
    if start and birth_date and start < _years_after(birth_date, MIN_TEACHING_AGE):
        _add(
            errors,
            "start_on",
            _(
                "The teacher was born on %(date)s; an enterprise period cannot start before "
                "the age of %(age)d."
            )
            % {"date": birth_date.isoformat(), "age": MIN_TEACHING_AGE},
        )
    if start and today and start > today:
        _add(errors, "start_on", _("An enterprise period cannot start in the future."))
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


def birth_date_errors(
    birth_date: date | None,
    certificates: Iterable[Mapping[str, Any]],
    periods: Iterable[Mapping[str, Any]],
) -> Errors:
    """A changed birth date that the teacher's stored records keep to: each certificate
    issued after it, each enterprise period starting at the age of MIN_TEACHING_AGE or
    later (the rules of certificate_errors and period_errors, which refuse a new record
    otherwise). ``certificates``: kind, number and issue date each; ``periods``: enterprise
    and start. The error names the earliest record that would break them."""
    if birth_date is None:
        return {}
    found: list[tuple[date, int, str]] = []
    for c in certificates:
        if certificate_errors({"issued_on": c["issued_on"]}, birth_date=birth_date):
            kind = c["kind"]
            label = str(CertificateKind(kind).label) if kind in CertificateKind.values else kind
            named = f"{label} {c['number']}" if c.get("number") else label
            message = _(
                "This teacher's certificate %(certificate)s was issued on %(date)s: the birth "
                "date must be before that day."
            ) % {"certificate": named, "date": c["issued_on"].isoformat()}
            found.append((c["issued_on"], 0, message))
    for p in periods:
        if period_errors({"start_on": p["start_on"]}, birth_date=birth_date):
            message = _(
                "This teacher's enterprise period at %(enterprise)s starts on %(date)s: the "
                "birth date must be at least %(age)d years before that day."
            ) % {
                "enterprise": p["enterprise"],
                "date": p["start_on"].isoformat(),
                "age": MIN_TEACHING_AGE,
            }
            found.append((p["start_on"], 1, message))
    if not found:
        return {}
    return {"birth_date": [min(found)[2]]}


# A record's identity, as the importer reads it (spreadsheets.importers: a certificate is
# its teacher's of a kind and number, a period its teacher's of a kind at an enterprise
# from a start date): text compared as a cell is read (NFKC, trimmed), so that ＴＱ－００１
# typed in the API is the import's TQ-001. A rejected proposal is no record (the caller
# leaves it out of ``stored``): the teacher may propose it again, corrected.


def _folded(value: Any) -> Any:
    return unicodedata.normalize("NFKC", value).strip() if isinstance(value, str) else value


def certificate_duplicate_errors(
    values: Mapping[str, Any], stored: Iterable[Mapping[str, Any]]
) -> Errors:
    """The certificate's number is not one the teacher already has of the same kind
    (``stored``: the teacher's other certificates, each with its kind and number). A
    certificate without a number is not compared."""
    number = _folded(values.get("number") or "")
    if not number:
        return {}
    kind = values.get("kind")
    if any(r["kind"] == kind and _folded(r["number"]) == number for r in stored):
        return {"number": [certificate_taken()]}
    return {}


def certificate_taken() -> str:
    return _("This teacher already has a certificate of this kind with this number.")


def period_taken() -> str:
    return _(
        "This teacher already has an enterprise period of this kind at this enterprise "
        "starting on this day."
    )


def period_duplicate_errors(
    values: Mapping[str, Any], stored: Iterable[Mapping[str, Any]]
) -> Errors:
    """The period is not one the teacher already has: the same kind at the same enterprise
    from the same day (``stored``: the teacher's other periods, each with its kind,
    enterprise and start)."""
    start, kind = values.get("start_on"), values.get("kind")
    enterprise = _folded(values.get("enterprise") or "")
    if not (start and kind and enterprise):
        return {}
    if any(
        r["kind"] == kind and r["start_on"] == start and _folded(r["enterprise"]) == enterprise
        for r in stored
    ):
        return {"start_on": [period_taken()]}
    return {}


# A staff number (工号) names one person in their school: a teacher's account is named after
# it (accounts.services._teacher_username, lower case). The API, the admin (both through
# teachers.services) and the teacher import apply these.


def staff_no_key(value: Any) -> str:
    """A staff number as numbers are compared: NFKC (full-width ＳＴ０１ is ST01), trimmed
    and in lower case (st01 is ST01, as in the account name); "" for none."""
    return unicodedata.normalize("NFKC", value or "").strip().lower()


def staff_no_to_check(
    after: Mapping[str, Any], before: Mapping[str, Any] | None, *, today: date
) -> str:
    """The key of the staff number a write must find free in the teacher's school, or ""
    for none to check. ``after``: the teacher's staff_no, school_id and left_on as written;
    ``before``: as stored (None: a new teacher).

    Only a current teacher's number is held: one who has left (models.has_left: a leaving
    date today or before) no longer uses it, and the school may give it to a new hire, as
    schools do. Their record keeps the number it had, and no number a current teacher holds
    is refused to them. A blank number is no number. A stored teacher is checked only when
    the write puts their number in question (a new number, school, or a return from
    leaving): records stored before the rule, duplicates included, stay editable."""
    key = staff_no_key(after.get("staff_no"))
    if not key or has_left(after.get("left_on"), today=today):
        return ""
    if before is None:
        return key
    if (
        key != staff_no_key(before.get("staff_no"))
        or after.get("school_id") != before.get("school_id")
        or has_left(before.get("left_on"), today=today)
    ):
        return key
    return ""


def staff_no_taken() -> str:
    return _("Another current teacher of this school has this staff number.")


def staff_no_repeated(row: int) -> str:
    """An import's later row with an earlier row's staff number (same school)."""
    return _("This staff number is also in row %(row)d (same school).") % {"row": row}


def refuse_teacher_gone(teacher: Any) -> None:
    """In the writer's transaction: a teacher deleted by another request since this one's
    validation is a 400 on `teacher`, not the foreign key refused at commit. (SQLite's
    writers hold the database from their first statement, so nobody deletes them after
    this; on PostgreSQL a delete committed after it is the same 400, from
    common.exceptions.)"""
    if teacher is None:
        return
    if not Teacher.objects.filter(pk=getattr(teacher, "pk", teacher)).exists():
        raise ValidationError({"teacher": [teacher_gone_message()]})
