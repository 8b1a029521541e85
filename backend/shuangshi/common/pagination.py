import hashlib
import json
from collections.abc import Callable
from functools import cached_property
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db import connection
from django.db.models import QuerySet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter
from rest_framework import exceptions
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response

from .filtering import parse_id

# A list's total is counted exactly; a large one (a province's 1.3M teachers) is kept in the
# shared cache for a minute, so paging through it does not count every row on every page.
COUNT_CACHE_ABOVE = 10_000
COUNT_CACHE_SECONDS = 60


def _count_key(object_list: object) -> str | None:
    query = getattr(object_list, "query", None)
    if query is None:
        return None
    try:
        sql, params = query.sql_with_params()
    except EmptyResultSet:  # a .none() queryset (a role that sees nothing): nothing to cache
        return None
    digest = hashlib.sha256(f"{sql}|{params!r}".encode()).hexdigest()
    return f"list-count:{digest}"


class CachedCountPaginator(Paginator):
    @cached_property
    def count(self) -> int:
        key = _count_key(self.object_list)
        if key is not None:
            cached = cache.get(key)
            if cached is not None:
                return int(cached)
        count = super().count
        above = getattr(settings, "LIST_COUNT_CACHE_ABOVE", COUNT_CACHE_ABOVE)
        if key is not None and count >= above:
            seconds = getattr(settings, "LIST_COUNT_CACHE_SECONDS", COUNT_CACHE_SECONDS)
            cache.set(key, count, seconds)
        return count


class Pagination(PageNumberPagination):
    """Every list's pages. A page size that is not a whole number from 1 to max_page_size is
    a 400 naming `page_size` (DRF used the default for it, and max_page_size for a larger
    one: a silently different page, common.filtering's promise); empty is the default."""

    page_size_query_param = "page_size"
    max_page_size = 200
    django_paginator_class = CachedCountPaginator

    def get_page_size(self, request: Request) -> int | None:
        raw = request.query_params.get(self.page_size_query_param, "")
        if raw == "":
            return self.page_size
        size = parse_id(raw)
        if size is None or size > self.max_page_size:
            message = gettext("Choose a page size between 1 and %(max)d.")
            raise exceptions.ValidationError(
                {self.page_size_query_param: [message % {"max": self.max_page_size}]}
            )
        return size

    def get_page_number(self, request: Request, paginator: Any) -> Any:
        """A page past the last is the last page: its last row deleted, or an old link, the
        list shows its last page (the web app's table shows that page's number), not a 404
        that the table read as a failure and 重试 asked again. Only past a total known exactly:
        an estimated one (BoundedCountPaginator) may be short of the rows."""
        number = super().get_page_number(request, paginator)
        try:
            paginator.validate_number(number)
        except EmptyPage:
            if str(number).isdigit() and int(number) > 1:
                return paginator.num_pages
        except PageNotAnInteger:
            pass  # DRF's 404 ("invalid page")
        return number

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"].update(minimum=1, maximum=self.max_page_size)
        return parameters


def page_parameters(
    paginator_class: type[Pagination] | None = None,
) -> list[OpenApiParameter]:
    """`page` and `page_size` as a list's paginator (default: Pagination, every list's) reads
    and documents them on every paginated viewset, for a view that pages by hand (an APIView:
    the schema does not find them itself). The descriptions stay lazy, worded in the
    schema's language."""
    paginator = (paginator_class or Pagination)()
    described = {
        paginator.page_query_param: paginator.page_query_description,
        paginator.page_size_query_param: paginator.page_size_query_description,
    }
    return [
        OpenApiParameter(p["name"], p["schema"], description=described[p["name"]])
        for p in paginator.get_schema_operation_parameters(view=None)
    ]


# A list whose total is neither known nor small is counted up to this many rows; past it the
# total is PostgreSQL's estimate and the page says so (count_exact: false).
COUNT_EXACT_UP_TO = 2_000  # 100 pages of 20
# Nor is it counted when the planner expects the count to cost more than this (its cost
# units; a scan of 1.3M teachers is about 45,000), unless the view gives its own limit (a
# list read from an index whose rows bound the count: teachers.filters.short_search_plan).
COUNT_COST_LIMIT = 10_000


def _planned_rows(plan: dict[str, Any]) -> int | None:
    """The rows the planner expects under a bounded count's LIMIT."""
    return int(plan["Plans"][0]["Plan Rows"]) if plan.get("Plans") else None


class BoundedCountPaginator(Paginator):
    """A total given by the view (exact, e.g. kept per school), else counted up to
    COUNT_EXACT_UP_TO rows when the planner expects that to be cheap, else the planner's
    estimate (never below that bound when counting found more)."""

    def __init__(
        self,
        object_list: Any,
        per_page: int,
        *,
        total: int | None = None,
        rows: Callable[[QuerySet[Any]], list[Any]] | None = None,
        cost_limit: float | None = None,
        estimate_of: QuerySet[Any] | None = None,
    ) -> None:
        super().__init__(object_list, per_page)
        self.total = total
        self.cost_limit = cost_limit  # the view's, else the setting's
        # The query whose planned rows are the estimate, when the list's own query is
        # written for an index and the planner misjudges its rows (the view's, else None).
        self.estimate_of = estimate_of
        # A page's rows from the query of its ids (sliced, in the list's order), in that order.
        self.rows = rows
        self.exact = True

    @cached_property
    def count(self) -> int:
        if self.total is not None:
            return self.total
        bound = getattr(settings, "LIST_COUNT_EXACT_UP_TO", COUNT_EXACT_UP_TO)
        rows = self.object_list.order_by().values("pk")  # type: ignore[attr-defined]
        if connection.vendor != "postgresql":
            return int(rows.count())
        bounded = rows[: bound + 1]
        plan = json.loads(bounded.explain(format="json"))[0]["Plan"]
        limit = self.cost_limit
        if limit is None:
            limit = getattr(settings, "LIST_COUNT_COST_LIMIT", COUNT_COST_LIMIT)
        expected = _planned_rows(plan)
        if expected is not None and plan["Total Cost"] > limit:
            self.exact = False
            return self._estimate(expected, bound) or expected
        counted = int(bounded.count())
        if counted <= bound:
            return counted
        self.exact = False
        return max(self._estimate(expected, bound) or 0, bound + 1)

    def _estimate(self, expected: int | None, bound: int) -> int | None:
        """The planner's rows for the list's query, or for the view's estimate_of."""
        if self.estimate_of is None:
            return expected
        rows = self.estimate_of.order_by().values("pk")[: bound + 1]
        return _planned_rows(json.loads(rows.explain(format="json"))[0]["Plan"])

    def validate_number(self, number: Any) -> int:
        """An estimated total may be short: pages past it are asked for, not refused."""
        self.count  # noqa: B018 (counting first says whether the total is exact)
        if self.exact:
            return super().validate_number(number)
        try:
            value = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger(_("That page number is not an integer")) from None
        if value < 1:
            raise EmptyPage(_("That page number is less than 1"))
        return value

    def page(self, number: Any) -> Any:
        """The page's ids first (from the list's own table and filters, no joins), then its
        rows with their joins: a join per skipped row (page 50 skips 980) made page 50 of
        1.3M teachers cost 10 ms of PostgreSQL time, the ids alone cost 1. The rows come
        from the view's reader when it has one (given the ids' query: the teacher list
        runs both in one statement), else from the queryset."""
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if self.exact and top + self.orphans >= self.count:
            top = self.count
        rows = self.object_list
        if bottom == 0 and self.rows is None:  # nothing skipped: one query
            return Page(rows[bottom:top], number, self)
        wanted = rows.values_list("pk", flat=True)[bottom:top]  # type: ignore[attr-defined]
        if self.rows is not None:  # the reader reads the ids' query and its rows, in order
            return Page(self.rows(wanted), number, self)
        ids = list(wanted)
        found = rows.filter(pk__in=ids)  # type: ignore[attr-defined]
        by_id = {row.pk: row for row in found}
        return Page([by_id[i] for i in ids if i in by_id], number, self)


class BoundedCountPagination(Pagination):
    """{count, count_exact, next, previous, results}: the view's list_total(request) when it
    knows the total, else a bounded count (BoundedCountPaginator); a page's rows from the
    view's list_rows(ids query) when it has that reader, else the queryset's objects."""

    def paginate_queryset(self, queryset: Any, request: Any, view: Any = None) -> Any:
        known = getattr(view, "list_total", None)
        self._total = known(request) if known is not None else None
        self._rows = getattr(view, "list_rows", None)
        self._cost_limit = getattr(view, "count_cost_limit", None)
        self._estimate_of = getattr(view, "count_estimate_of", None)
        return super().paginate_queryset(queryset, request, view)

    def django_paginator_class(self, object_list: Any, per_page: int) -> Paginator:  # type: ignore[override]
        return BoundedCountPaginator(
            object_list,
            per_page,
            total=self._total,
            rows=self._rows,
            cost_limit=self._cost_limit,
            estimate_of=self._estimate_of,
        )

    def get_paginated_response(self, data: Any) -> Response:
        assert self.page is not None
        paginator = self.page.paginator
        return Response(
            {
                "count": paginator.count,
                "count_exact": getattr(paginator, "exact", True),
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        out = super().get_paginated_response_schema(schema)
        out["properties"]["count_exact"] = {
            "type": "boolean",
            "description": "False when count is an estimate (a large list filtered beyond "
            "school and city).",
        }
        out["required"] = [*out.get("required", []), "count_exact"]
        return out
