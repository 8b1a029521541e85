"""Recognition rules as plain functions (no Django): who may apply, level order, numbers,
publicity dates, masked names. Tested by tables in tests/test_rules.py."""

import re
from collections.abc import Sequence
from datetime import date, timedelta

LEVELS = ("junior", "intermediate", "senior")  # lowest first
APPLICANT_COURSES = ("professional", "practical")
PART_TIME_MIN_YEARS = 1
PART_TIME_MAX_AGE = 70


ROUND_PHASES = ("upcoming", "open", "closed")  # before opens_on, through closes_on, after


def round_phase(opens_on: date, closes_on: date, on: date) -> str:
    """Where a round stands on ``on``: not open yet, open for applications (through its
    last day, closes_on) or closed. Its `status` reads `closed` unless it is open."""
    if on < opens_on:
        return "upcoming"
    return "open" if on <= closes_on else "closed"


def level_rank(level: str) -> int:
    """0 for none or unknown, then 1..3 from junior to senior."""
    return LEVELS.index(level) + 1 if level in LEVELS else 0


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def age_on(birth: date, on: date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def applicant_problems(
    *,
    employment: str,
    course_type: str,
    at_school_since: date | None,
    left_on: date | None,
    birth_date: date,
    on: date,
) -> list[str]:
    """Why this teacher cannot apply on `on` (codes; empty: they may).

    Professional and practical-course teachers may apply; part-time ones after a year of
    teaching at the school (``at_school_since``: when their current school took effect) and
    while aged 70 or under. A teacher leaving on `on` has left (as their account has:
    teachers.models.has_left), and cannot start an application that outlasts them."""
    problems: list[str] = []
    if left_on is not None and left_on <= on:
        problems.append("left")
    if course_type not in APPLICANT_COURSES:
        problems.append("course_type")
    if employment == "part_time":
        if at_school_since is None or add_years(at_school_since, PART_TIME_MIN_YEARS) > on:
            problems.append("part_time_years")
        if age_on(birth_date, on) > PART_TIME_MAX_AGE:
            problems.append("part_time_age")
    return problems


def value_since(changes: Sequence[tuple[date, str]], on: date) -> date | None:
    """When the value in effect on `on` took effect, from dated (effective_on, value) rows in
    date order: the start of its latest unbroken stretch. None when no row starts by `on`."""
    past = [change for change in changes if change[0] <= on]
    if not past:
        return None
    since, value = past[-1]
    for day, earlier in reversed(past[:-1]):
        if earlier != value:
            break
        since = day
    return since


def publicity_until(approved_on: date, days: int) -> date:
    """The last day of publicity: approval day + days - 1 (the day before it when 0)."""
    return approved_on + timedelta(days=days - 1)


def may_finalize(until: date | None, today: date) -> bool:
    """Finalizing is allowed from the day after publicity's last day."""
    return until is not None and today > until


def certificate_no(round_code: str, n: int) -> str:
    return f"{round_code}-{n:05d}"


# A round's code: it goes into every certificate number and so into the public verify
# address (/verify/<certificate_no>), hence only what a URL path carries as it is. Compared
# without regard to case (R2026 and r2026 are one round).
ROUND_CODE_MAX = 20  # models.Round.code's max_length
ROUND_CODE = re.compile(rf"[A-Za-z0-9._-]{{1,{ROUND_CODE_MAX}}}")


def round_code_valid(code: str) -> bool:
    """1 to ROUND_CODE_MAX ASCII letters, digits, '-', '_' or '.' (already trimmed)."""
    return ROUND_CODE.fullmatch(code) is not None


RECOGNITION_STATUSES = ("active", "expired", "revoked")


def recognition_status(valid_until: date, revoked_on: date | None, on: date) -> str:
    """One of RECOGNITION_STATUSES (selectors.recognition_status_q asks the same in SQL)."""
    if revoked_on is not None and revoked_on <= on:
        return "revoked"
    if valid_until < on:
        return "expired"
    return "active"


def mask_name(name: str) -> str:
    """张三明 -> 张*明, 张三 -> 张*, 欧阳娜娜 -> 欧**娜: enough to match, not to identify."""
    name = name.strip()
    if len(name) <= 1:
        return name
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]
