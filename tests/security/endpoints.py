"""Every endpoint under /api/v1/, read from the URL configuration."""

from collections.abc import Iterator
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

SKIP_METHODS = {"head", "options", "trace"}


@dataclass(frozen=True, order=True)
class Endpoint:
    name: str  # the URL name, e.g. "teacher-detail"
    method: str  # upper case
    route: str  # the pattern, for messages
    kwargs: tuple[str, ...]  # URL keyword arguments, e.g. ("pk",)

    @property
    def key(self) -> str:
        return f"{self.method} {self.name}"


def _walk(patterns: list, prefix: str = "") -> Iterator[tuple[str, URLPattern]]:
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _walk(p.url_patterns, prefix + str(p.pattern))
        else:
            yield prefix + str(p.pattern), p


def _methods(pattern: URLPattern) -> list[str]:
    callback = pattern.callback
    actions = getattr(callback, "actions", None)
    cls = getattr(callback, "cls", None) or getattr(callback, "view_class", None)
    if actions:
        offered = getattr(cls, "http_method_names", actions)  # PUT is switched off this way
        return sorted(m.upper() for m in actions if m not in SKIP_METHODS and m in offered)
    if cls is None:
        return ["GET"]
    allowed = getattr(cls, "http_method_names", [])
    return sorted(m.upper() for m in allowed if m not in SKIP_METHODS and hasattr(cls, m))


def api_endpoints() -> list[Endpoint]:
    found: dict[str, Endpoint] = {}
    for route, pattern in _walk(get_resolver().url_patterns):
        if not route.lstrip("^").startswith("api/v1/") or pattern.name is None:
            continue
        regex = pattern.pattern.regex
        if "format" in regex.groupindex:  # DRF's .json suffix twins
            continue
        for method in _methods(pattern):
            endpoint = Endpoint(pattern.name, method, route, tuple(regex.groupindex))
            found.setdefault(endpoint.key, endpoint)  # the first pattern of a name wins
    return sorted(found.values())
