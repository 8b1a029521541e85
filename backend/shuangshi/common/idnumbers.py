"""Chinese resident ID numbers (GB 11643) and unified social credit codes (GB 32100).

Pure functions (no settings or database): used by model validation, serializers and the
Excel importer. A rejection's reason is a fixed English message id marked for translation
(`exc.reason`, placeholders filled from `exc.params`); `str(exc)` is the English text.
"""

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from operator import mul
from typing import Any

from django.utils.translation import gettext_noop

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


class _Invalid(ValueError):
    def __init__(self, reason: str, **params: object) -> None:
        self.reason = reason
        self.params = params
        super().__init__(reason % params)


class InvalidIdNumber(_Invalid):
    """The ID number is malformed; the message says why."""


@dataclass(frozen=True, slots=True)
class IdNumberInfo:
    birth_date: date
    gender: str  # "male" | "female"


def id_check_char(first17: str) -> str:
    if len(first17) != len(_ID_WEIGHTS):
        raise ValueError("the check character is computed from 17 digits")
    # map() rather than a generator: the import checks every row's number (issue 11).
    return _ID_CHECK[sum(map(mul, map(int, first17), _ID_WEIGHTS)) % 11]


def normalize_id_number(value: str) -> str:
    """The one stored and looked-up form: NFKC (full-width digits and Ｘ become ASCII, as the
    importer's cells do), blanks stripped, the check character upper-cased."""
    return unicodedata.normalize("NFKC", value).strip().upper()


# ASCII only: str.isdigit() and int() also take full-width, superscript and other scripts'
# digits (a second spelling of a registered number, or a ValueError).
_ID_SHAPE = re.compile(r"[0-9]{17}[0-9X]", re.ASCII)


def parse_id_number(value: str) -> IdNumberInfo:
    """Validate an 18-character ID number (ISO 7064 MOD 11-2) and return what it encodes.

    Takes the normal form (normalize_id_number): anything but ASCII digits and X is refused.
    """
    if len(value) != 18:
        raise InvalidIdNumber(
            gettext_noop("must be 18 characters, got %(length)d"), length=len(value)
        )
    if not _ID_SHAPE.fullmatch(value):
        raise InvalidIdNumber(gettext_noop("must be 17 digits followed by a digit or X"))
    try:
        birth = date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        raise InvalidIdNumber(gettext_noop("characters 7-14 are not a valid birth date")) from None
    if birth.year < 1900:
        raise InvalidIdNumber(gettext_noop("characters 7-14 are not a valid birth date"))
    if id_check_char(value[:17]) != value[17]:
        raise InvalidIdNumber(gettext_noop("check digit does not match"))
    gender = "male" if int(value[16]) % 2 == 1 else "female"
    return IdNumberInfo(birth_date=birth, gender=gender)


def make_id_number(prefix6: str, birth: date, sequence: int, gender: str) -> str:
    """Build a valid synthetic ID number (demo and benchmark data)."""
    seq = sequence % 1000
    # The 17th digit is odd for men, even for women.
    if (seq % 2 == 1) != (gender == "male"):
        seq = (seq + 1) % 1000 if seq < 999 else 998
    body = f"{prefix6}{birth:%Y%m%d}{seq:03d}"
    return body + id_check_char(body)


# The mask (docs/security.md): the first 4 characters (province and prefecture) and the
# last 2 (the sequence's last digit and the check character); the county, the birth date
# and two sequence digits stay hidden. Where the ID is masked the birth date reads as its
# year only, and a reader who also knows the county can still form ~3,300 numbers
# (365 days x 100 sequences / 11 check characters): tests/security/test_privacy_round2.py.
MASK_KEEP_START = 4
MASK_KEEP_END = 2


def mask_id_number(value: str) -> str:
    """3601************34: the first four and the last two characters.

    Also re-masks a number masked the old way (4 + 4, kept in older audit entries).
    """
    keep = MASK_KEEP_START + MASK_KEEP_END
    if len(value) <= keep:
        return "*" * len(value)
    return value[:MASK_KEEP_START] + "*" * (len(value) - keep) + value[-MASK_KEEP_END:]


def mask_person(data: dict[str, Any], *, id_number: str) -> None:
    """A person's read (teacher, mentor) for a reader who may not see the full number: the
    mask, and no birth date (its year stays in `birth_year`)."""
    data["id_number"] = mask_id_number(id_number)
    if "birth_date" in data:
        data["birth_date"] = None


# ID-shaped text: 15 to 18 digits (any script's digits, full-width too), the last may be an
# X, optionally split by single spaces or hyphens, and not part of a longer run; also an
# 18-character number masked the old way (3601**********1234).
ID_LIKE = re.compile(
    r"(?<![\dXx*])(?:\d[ \-]?){14,17}[\dXx](?![\dXx*])"
    r"|(?<![\d*])\d{4}\*{10}\d{3}[\dXx](?![\dXx*])"
)


def mask_id_text(text: str) -> str:
    """Free text (a reason, a log line, an audit value) with every ID-shaped run masked."""

    def _mask(match: re.Match[str]) -> str:
        compact = re.sub(r"[ \-]", "", match.group(0))
        return mask_id_number(compact)

    return ID_LIKE.sub(_mask, text)


_CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


class InvalidCreditCode(_Invalid):
    """The unified social credit code is malformed; the message says why."""


def credit_check_char(first17: str) -> str:
    total = sum(_CREDIT_CHARS.index(ch) * w for ch, w in zip(first17, _CREDIT_WEIGHTS, strict=True))
    return _CREDIT_CHARS[(31 - total % 31) % 31]


def validate_credit_code(value: str) -> None:
    if len(value) != 18:
        raise InvalidCreditCode(
            gettext_noop("must be 18 characters, got %(length)d"), length=len(value)
        )
    bad = sorted({ch for ch in value if ch not in _CREDIT_CHARS})
    if bad:
        raise InvalidCreditCode(
            gettext_noop("contains characters not allowed: %(chars)s"), chars="".join(bad)
        )
    if credit_check_char(value[:17]) != value[17]:
        raise InvalidCreditCode(gettext_noop("check character does not match"))


def make_credit_code(first17: str) -> str:
    return first17 + credit_check_char(first17)
