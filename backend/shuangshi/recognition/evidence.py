"""Evidence file content checks: what a file is, judged by its first bytes, not its name."""

import hashlib
import re
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

SIGNATURES: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF-", "application/pdf", ".pdf"),
    (b"\xff\xd8\xff", "image/jpeg", ".jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
)


# What a refusal calls each type (the short name people know it by).
SHORT_NAMES = {"application/pdf": "PDF", "image/jpeg": "JPEG", "image/png": "PNG"}


def accepted_types() -> list[str]:
    """The content types accepted (settings.EVIDENCE_CONTENT_TYPES), in ``sniff``'s order:
    only ones it knows, and at least one (else the setting is refused, loudly)."""
    wanted = list(getattr(settings, "EVIDENCE_CONTENT_TYPES", SHORT_NAMES))
    known = [content_type for _magic, content_type, _ext in SIGNATURES]
    unknown = [content_type for content_type in wanted if content_type not in known]
    if unknown or not wanted:
        raise ImproperlyConfigured(
            f"EVIDENCE_CONTENT_TYPES={wanted!r}: name one or more of {', '.join(known)}."
        )
    return [content_type for content_type in known if content_type in wanted]


def short_names(content_types: Iterable[str]) -> list[str]:
    return [SHORT_NAMES.get(content_type, content_type) for content_type in content_types]


def sniff(head: bytes) -> str | None:
    """The content type of a PDF, JPEG or PNG file from its first bytes; None otherwise."""
    for magic, content_type, _ext in SIGNATURES:
        if head.startswith(magic):
            return content_type
    return None


def extension_of(content_type: str) -> str:
    """The file name extension for a content type ``sniff`` returns."""
    return next(ext for _magic, known, ext in SIGNATURES if known == content_type)


# Extensions each type is known by besides its own (.jpeg for a JPEG file).
ALSO_KNOWN_AS = {"image/jpeg": (".jpeg", ".jpe")}


def named_as(name: str, content_type: str) -> str:
    """``name`` ending in an extension of ``content_type``: kept when it has one, else put
    in place of the extension it has ("cert.html"), or added when what follows its last dot
    is no extension ("王芳.2024年9月扫描件")."""
    own = extension_of(content_type)
    stem, dot, ext = name.rpartition(".")
    if dot and f".{ext.lower()}" in (own, *ALSO_KNOWN_AS.get(content_type, ())):
        return name
    if dot and stem and re.fullmatch(r"[A-Za-z0-9]{1,5}", ext):
        return f"{stem}{own}"
    return f"{name}{own}"


def sha256_of(chunks: Iterable[bytes]) -> str:
    digest = hashlib.sha256()
    for chunk in chunks:
        digest.update(chunk)
    return digest.hexdigest()
