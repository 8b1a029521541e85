"""The client's address, trusting X-Forwarded-For only from our own proxies.

Anyone can send `X-Forwarded-For: 1.2.3.4`. Read naively (DRF's throttles, django-auditlog's
remote address), a new forged address per request escaped the anonymous rate limit and put
the forged address in the audit log. This middleware, first in MIDDLEWARE, settles the
address once: when the connection comes from a proxy listed in settings.TRUSTED_PROXIES
(addresses or networks; empty by default: no proxy is trusted), the client is the nearest
address in X-Forwarded-For that is not one of our proxies; otherwise it is the connection's
own address. It then writes that into REMOTE_ADDR and removes the forwarding headers, so
the throttles, django-axes and the audit log, which all fall back to REMOTE_ADDR, read the
same settled address and nothing later can read the forged one.
"""

import ipaddress
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
FORWARDING_HEADERS = ("HTTP_X_FORWARDED_FOR", "HTTP_X_FORWARDED_PORT", "HTTP_X_REAL_IP")


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple[Network, ...]:
    try:
        return tuple(ipaddress.ip_network(p.strip(), strict=False) for p in proxies if p.strip())
    except ValueError as exc:
        raise ImproperlyConfigured(f"TRUSTED_PROXIES: {exc}") from None


def _trusted(address: str, networks: Iterable[Network]) -> bool:
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_address(meta: Mapping[str, Any]) -> str:
    """The client's address from a request's META (see the module docstring)."""
    remote = str(meta.get("REMOTE_ADDR") or "")
    networks = _networks(tuple(settings.TRUSTED_PROXIES))
    if not networks or not _trusted(remote, networks):
        return remote
    hops = [hop.strip() for hop in str(meta.get("HTTP_X_FORWARDED_FOR", "")).split(",")]
    for hop in reversed([h for h in hops if h]):
        try:
            ipaddress.ip_address(hop)
        except ValueError:
            return remote  # our proxy passed on garbage: count the proxy, not the garbage
        if not _trusted(hop, networks):
            return hop
    return remote


class TrustedProxyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        _networks(tuple(settings.TRUSTED_PROXIES))  # a bad setting fails at start-up

    def __call__(self, request: HttpRequest) -> HttpResponse:
        meta = request.META
        meta["REMOTE_ADDR"] = client_address(meta)
        for header in FORWARDING_HEADERS:
            meta.pop(header, None)
        return self.get_response(request)
