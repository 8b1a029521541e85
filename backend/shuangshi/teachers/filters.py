import json
import operator
from collections.abc import Iterator
from contextlib import contextmanager
from functools import reduce
from typing import Any

import django_filters
from django.db import connection, connections, transaction
from django.db.models import (
    BooleanField,
    Exists,
    F,
    Func,
    OuterRef,
    Q,
    QuerySet,
    TextField,
    Value,
)
from django.db.models.functions import StrIndex, Upper
from django.db.models.lookups import GreaterThan, IContains
from django.utils import timezone

from shuangshi.common import dates
from shuangshi.common.filtering import FilterSet, IdFilter, SearchFilter, YesNoFilter
from shuangshi.qualification.models import Level
from shuangshi.recognition.models import Recognition
from shuangshi.schools.models import SchoolKind

from .models import CERTIFICATE_LEVELS, Certificate, EnterprisePeriod, Teacher

# Every certificate level of DESIGN §3's table, once, lowest first within each kind.
LEVEL_CHOICES = [
    (level, level)
    for level in dict.fromkeys(level for levels in CERTIFICATE_LEVELS.values() for level in levels)
]


class TeacherFilter(FilterSet):
    active = YesNoFilter(method="filter_active", label="Still employed")
    city = IdFilter(field_name="school__city_id")
    kind = django_filters.ChoiceFilter(field_name="school__kind", choices=SchoolKind.choices)
    # The level today: from the dated intervals (issue 10, never stale); before the first
    # interval build, from the stored results that still hold today.
    qualification_level = django_filters.ChoiceFilter(method="filter_level", choices=Level.choices)
    # Counted as dual-qualified in the ratio today (in scope, level not none), or not: the
    # school's numerator. A record's `qualification.qualified` is its level alone (DESIGN §4),
    # so a leaver or a part-time teacher may read qualified and not be listed here.
    qualified = YesNoFilter(
        method="filter_qualified",
        label="Counted as dual-qualified in the ratio today (in scope and at some level)",
    )
    # Holds an official recognition in force today (DESIGN §8), or not: with ``qualified``
    # the recognition gaps' lists (should apply; recognized but no longer qualified).
    recognized = YesNoFilter(method="filter_recognized", label="Holds a recognition in force today")
    # The recruitment check (DESIGN §4) today: the teachers it applies to who meet it or not.
    recruitment = django_filters.ChoiceFilter(
        method="filter_recruitment",
        choices=[("met", "met"), ("not_met", "not met")],
        label="Recruitment check today (new hires in scope)",
    )

    class Meta:
        model = Teacher
        fields = [
            "school",
            "employment",
            "course_type",
            "gender",
            "education",
            "title",
            "normal_graduate",
            "major",
            "major_category",
            "staff_no",
            "hired_on",
            "left_on",
        ]

    def filter_level(self, queryset: QuerySet[Teacher], name: str, value: str) -> QuerySet:
        from shuangshi.qualification.selectors import teachers_at_level_today

        return teachers_at_level_today(queryset, value)

    def filter_qualified(self, queryset: QuerySet[Teacher], name: str, value: bool) -> QuerySet:
        from shuangshi.qualification.selectors import teachers_qualified_today

        return teachers_qualified_today(queryset, value)

    def filter_recognized(self, queryset: QuerySet[Teacher], name: str, value: bool) -> QuerySet:
        from shuangshi.recognition.selectors import active_on

        held = Recognition.objects.filter(active_on(timezone.localdate()), teacher=OuterRef("pk"))
        return queryset.filter(Exists(held) if value else ~Exists(held))

    def filter_recruitment(self, queryset: QuerySet[Teacher], name: str, value: str) -> QuerySet:
        from shuangshi.qualification.selectors import teachers_by_recruitment_today

        return teachers_by_recruitment_today(queryset, value == "met")

    def filter_active(self, queryset: QuerySet[Teacher], name: str, value: bool) -> QuerySet:
        """Still employed today (through the leaving day, as the ratio counts them: a leaving
        date still ahead is no leaving yet), or (false) left before today."""
        left = Q(left_on__lt=timezone.localdate())
        return queryset.exclude(left) if value else queryset.filter(left)


class CertificateFilter(FilterSet):
    expires_before = dates.DateFilter(field_name="expires_on", lookup_expr="lte")
    expires_after = dates.DateFilter(field_name="expires_on", lookup_expr="gte")
    school = IdFilter(field_name="teacher__school_id")
    level = django_filters.ChoiceFilter(choices=LEVEL_CHOICES)
    name = django_filters.CharFilter(lookup_expr="iexact")  # a name, in any case

    class Meta:
        model = Certificate
        fields = ["teacher", "kind", "level", "status", "field_category", "number", "issuer"]


class EnterprisePeriodFilter(FilterSet):
    school = IdFilter(field_name="teacher__school_id")

    class Meta:
        model = EnterprisePeriod
        fields = ["teacher", "kind", "status", "enterprise", "credit_code"]


# --------------------------------------------------------------------------- short searches
#
# The list's search (`?search=`) is DRF's: each term must be in the name, the staff number
# or the major (`UPPER(column) LIKE UPPER('%term%')`). From three characters one trigram
# index over the three columns joined serves it (migration 0013, long_term_condition: one
# index to keep up on every write instead of three). A term of one or two characters has no
# trigram, so at national size a rare one (鑫鑫, ZZ) read all 1.3M rows (1.8 s) and its
# total was a guess. Chinese names are two or three characters and surnames one: such terms
# are common.
#
# Migration 0012 indexes every character of the three columns together (GIN over
# SearchChars). A term of one character is in one of the columns exactly when the row holds
# that character, so that is the whole condition. A term of two must also be there in that
# order: `STRPOS(UPPER(name ␁ staff_no ␁ major), UPPER(term)) > 0` (␁ is chr(1), which no
# term holds; one that does is looked for column by column), the LIKE's meaning, written
# (1) so that the planner does not count the same rarity twice (it multiplies the two
# conditions' odds; with the LIKE it took common terms for rare ones and sorted every match
# for a later page), and (2) first, one call a row: where the planner walks the list's order
# it is asked of each row passed, and is cheaper than building the row's characters (王伟 at
# national size: 24 ms against 38). Common characters are found by walking the list's own
# order (王: the first page in 11 ms), rare ones from the index.

SHORT_TERM = 2
SEARCHED = ("name", "staff_no", "major")  # in migration 0012's order
# Up to this many rows holding a short term's characters (the planner's estimate), its
# rows are read from the index only (short_search_plan); beyond it the planner chooses.
FROM_INDEX_UP_TO = 20_000


class SearchChars(Func):
    """Every character of the searched columns, upper-cased: the expression migration 0012
    indexes, written the same way (PostgreSQL matches an index by its expression)."""

    template = "string_to_array(UPPER(COALESCE(%(expressions)s, '')), NULL)"
    arg_joiner = ", '') || ' ' || COALESCE("

    def __init__(self) -> None:
        super().__init__(*(F(column) for column in SEARCHED))


class HoldsCharsOf(Func):
    """True when the row holds every character of ``term``, upper-cased by PostgreSQL as
    the search's LIKE upper-cases it."""

    template = "%(expressions)s), NULL)"
    arg_joiner = " @> string_to_array(UPPER("
    output_field = BooleanField()

    def __init__(self, term: str) -> None:
        super().__init__(SearchChars(), Value(term))


class Joined(Func):
    """The searched columns joined by chr(1) (which no term holds, and at which pg_trgm
    splits words): a term is in it exactly when it is in one of the columns. Upper-cased
    (by ``icontains``) it is the expression migration 0013's trigram index holds; the
    parentheses keep a cast after it (``::text``) on the whole."""

    template = "(COALESCE(%(expressions)s, ''))"
    arg_joiner = ", '') || chr(1) || COALESCE("
    output_field = TextField()

    def __init__(self) -> None:
        super().__init__(*(F(column) for column in SEARCHED))


def long_term_condition(term: str) -> Q:
    """A term as DRF's search means it (in the name, the staff number or the major, ignoring
    case): one LIKE over the joined columns, which the trigram index of migration 0013
    serves from three characters (a shorter term's LIKE still gives the estimate of an
    uncounted total); a term holding chr(1) column by column."""
    if "\x01" in term:
        return reduce(operator.or_, (Q(**{f"{c}__icontains": term}) for c in SEARCHED))
    return Q(IContains(Joined(), term))


def short_term_condition(term: str) -> Q:
    """A term of one or two characters, as the character index can serve it."""
    held = Q(HoldsCharsOf(term))
    if len(term) == 1 and len(term.upper()) == 1:
        return held  # (a letter whose capital is two, like ß, is matched in order below)
    upper = Upper(Value(term))
    if "\x01" in term:
        columns: list[Any] = [GreaterThan(StrIndex(Upper(c), upper), 0) for c in SEARCHED]
        return reduce(operator.or_, (Q(c) for c in columns)) & held
    return Q(GreaterThan(StrIndex(Upper(Joined()), upper), 0)) & held


def term_condition(term: str) -> Q:
    """One search term, through whichever index serves its length (PostgreSQL)."""
    return short_term_condition(term) if len(term) <= SHORT_TERM else long_term_condition(term)


class TeacherSearchFilter(SearchFilter):
    """DRF's search, the same matches; on PostgreSQL a term of one or two characters goes
    through the character index (migration 0012) instead of reading the whole table, and a
    longer one through the trigram index over the joined columns (0013)."""

    def filter_queryset(self, request: Any, queryset: QuerySet, view: Any) -> QuerySet:
        fields = self.get_search_fields(view, request) or ()
        terms = self.get_search_terms(request)
        postgres = connections[queryset.db].vendor == "postgresql"
        if not postgres or tuple(fields) != SEARCHED or not terms:
            return super().filter_queryset(request, queryset, view)
        if any(len(term) <= SHORT_TERM for term in terms):
            # The LIKEs' estimate of the rows for a total that is not counted, from the
            # statistics of the joined columns' expression (migration 0013's index): the
            # planner, multiplying the odds of the characters and of their order, took 机电
            # (162,000 teachers) for 13,000; and the columns themselves have no statistics
            # of their upper case since 0013 (every term was given the same odds).
            view.count_estimate_of = queryset.filter(*(long_term_condition(t) for t in terms))
        for term in terms:
            queryset = queryset.filter(term_condition(term))
        return queryset


_OFF = ["enable_indexscan", "enable_seqscan", "jit"]  # for short_search_plan


def _holders(term: str) -> int:
    """The planner's estimate of the teachers holding every character of ``term``."""
    rows = Teacher.objects.filter(HoldsCharsOf(term)).values("pk")
    return int(json.loads(rows.explain(format="json"))[0]["Plan"]["Plan Rows"])


@contextmanager
def short_search_plan(request: Any) -> Iterator[bool]:
    """Around a teacher list: when a short term's characters are held by few teachers
    (FROM_INDEX_UP_TO, the planner's estimate), its rows are read from the character index
    only, and the context says so (True: the total may be counted, it reads those rows).

    Walking the list's order and checking each row is right for common characters (王: the
    first page after a few hundred rows); for rare ones the planner cannot tell how rare
    (characters outside its sample are all given the same odds, 0.5%) and a walk that finds
    nothing reads all 1.3M rows (3 s); the index's rows are at most those holders. So a
    short term of rare characters never walks: plain index scans and table scans are off
    for the list's statements (local to a transaction of its own, and put back after it
    when that is a caller's; its other tables are read by bitmap scans of their keys, as
    cheap for a page's 20 rows)."""
    terms = TeacherSearchFilter().get_search_terms(request)
    short = [term for term in terms if len(term) <= SHORT_TERM]
    if connection.vendor != "postgresql" or not short:
        yield False
        return
    if min(_holders(term) for term in short) > FROM_INDEX_UP_TO:
        yield False
        return
    with transaction.atomic(), connection.cursor() as cursor:
        # The scans turned off still count in the plan's cost (10^10 each): past
        # jit_above_cost PostgreSQL would compile the statement, 0.27 s for a 5 ms query.
        cursor.execute(f"SELECT {', '.join(['current_setting(%s)'] * len(_OFF))}", _OFF)
        before = cursor.fetchone()
        _set_local(cursor, dict.fromkeys(_OFF, "off"))
        yield True
        # Inside a caller's transaction the settings would last until its end: put back.
        _set_local(cursor, dict(zip(_OFF, before, strict=True)))


def _set_local(cursor: Any, settings: dict[str, str]) -> None:
    calls = ", ".join(["set_config(%s, %s, true)"] * len(settings))
    cursor.execute(f"SELECT {calls}", [v for item in settings.items() for v in item])
