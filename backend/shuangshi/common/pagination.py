import hashlib
from functools import cached_property

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from rest_framework.pagination import PageNumberPagination

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
    page_size_query_param = "page_size"
    max_page_size = 200
    django_paginator_class = CachedCountPaginator
