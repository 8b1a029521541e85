"""School years and terms (DESIGN §9). "2026-2027-1" is the first term of the school year
2026-2027, which starts in September 2026; the second term starts in March 2027. Pure: no
Django, so the API, the importer, the selectors and the demo share one calendar."""

from datetime import date


def school_year(day: date) -> int:
    """The first calendar year of the school year `day` falls in (2026 for 2026-2027)."""
    return day.year if day.month >= 9 else day.year - 1


def term_of(day: date) -> tuple[int, int]:
    """(school year, term) on `day`: term 1 from September through the winter break, term 2
    from March."""
    return (school_year(day), 2 if 3 <= day.month < 9 else 1)


def term_code(year: int, term: int) -> str:
    return f"{year}-{year + 1}-{term}"


def current_term(day: date) -> str:
    return term_code(*term_of(day))


def latest_allowed_term(day: date) -> str:
    """Hours may be planned for the next school year, not beyond: the last term of the school
    year after the current one."""
    return term_code(school_year(day) + 1, 2)
