"""Codes people type and the importer matches (a school's, a training base's).

A sheet names a school or a base by its code as normalize_key reads it (either case, full-
or half-width, blanks dropped): two codes that read the same there would be one code to an
import, which would put both's rows under one of them. So a new code must not read as a
stored one (code_clash), and an import refuses a code that reads as two stored ones, a pair
stored before the rule (by_key, ambiguous_code_message). Codes are stored as typed; the
database refuses a pair differing only by case (a constraint on Upper(code)), NFKC folding
being beyond SQL.
"""

import operator
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _

from shuangshi.common.text import normalize_key

M = TypeVar("M", bound=Model)

_code = operator.attrgetter("code")


def code_clash(queryset: QuerySet[M], code: str, *, exclude: int | None = None) -> str | None:
    """The stored code in `queryset` that reads as `code` (None: no such code)."""
    key = normalize_key(code)
    others = queryset.exclude(pk=exclude) if exclude is not None else queryset
    for stored in others.values_list("code", flat=True).iterator():
        if normalize_key(stored) == key:
            return str(stored)
    return None


def check_code_free(
    queryset: QuerySet[M],
    code: Any,
    *,
    exclude: int | None,
    taken: Callable[[str], Exception],
) -> None:
    """Raise taken(stored code) when a stored code of `queryset` reads as `code` (a code that
    is not text is the field's own check's to refuse)."""
    if not isinstance(code, str):
        return
    clash = code_clash(queryset, code, exclude=exclude)
    if clash is not None:
        raise taken(clash)


def by_key(queryset: QuerySet[M], typed: Iterable[str | None]) -> dict[str, list[M]]:
    """The records of `queryset` whose code reads as one of the `typed` codes, by that
    reading (normalize_key), in code order: two under one key are a pair stored before the
    rule, which an import must not choose between."""
    keys = {normalize_key(value) for value in typed if value}
    if not keys:
        return {}
    # Every code read as an import reads it (a few hundred schools, fewer bases): SQL
    # cannot fold full-width characters.
    wanted = [
        pk
        for pk, code in queryset.values_list("pk", "code").iterator()
        if normalize_key(code) in keys
    ]
    out: dict[str, list[M]] = defaultdict(list)
    for record in queryset.filter(pk__in=wanted).order_by("code"):
        out[normalize_key(_code(record))].append(record)
    return dict(out)


def ambiguous_code_message(code: str, codes: Sequence[str]) -> str:
    return _(
        "The code “%(code)s” reads as several stored codes (%(codes)s), which differ only "
        "in case or full- or half-width characters: ask the province to rename all but one."
    ) % {"code": code, "codes": ", ".join(codes)}
