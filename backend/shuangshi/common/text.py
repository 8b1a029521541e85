"""Invisible characters out of every text a client sends.

Bidirectional overrides (U+202E turns "王芳‮gpj.exe" around on screen), zero-width spaces
and joiners, the byte-order mark and the like make a name look like another or hide text
in it. `clean_text` drops them; `CharField` applies it to every text input of the API
(`install()`, run by the common app, makes it the field ModelSerializer builds for each
model CharField and TextField), and the importers' `cells.text` applies it to every cell.
"""

import functools
import re
import unicodedata
from typing import Any

from django.db import models
from rest_framework import serializers

# Bidi marks, embeddings, overrides and isolates; zero-width space, (non-)joiners, word
# joiner and invisible operators; soft hyphen, Mongolian vowel separator, byte-order mark,
# interlinear annotation marks.
_INVISIBLE = re.compile(
    "[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]"
)


def clean_text(value: str) -> str:
    return _INVISIBLE.sub("", value)


@functools.lru_cache(maxsize=4096)  # codes and labels repeat down a sheet's column
def normalize_key(value: str) -> str:
    """Full-width to half-width, no blanks, upper case: how a typed key (a school's or a
    base's code, a label in a sheet) is compared."""
    text = unicodedata.normalize("NFKC", value)
    return "".join(text.split()).upper().replace("（", "(").replace("）", ")")


class CharField(serializers.CharField):
    """Text without invisible characters; nothing left but them counts as blank."""

    def to_internal_value(self, data: Any) -> str:
        value = clean_text(super().to_internal_value(data))
        if self.trim_whitespace:
            value = value.strip()
        if value == "" and not self.allow_blank:
            self.fail("blank")
        return value


def install() -> None:
    mapping = serializers.ModelSerializer.serializer_field_mapping
    mapping[models.CharField] = CharField
    mapping[models.TextField] = CharField
