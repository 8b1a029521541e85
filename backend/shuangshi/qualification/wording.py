"""What a teacher still lacks, in words, in the active language (Django's gettext).

The engine's `Missing` items carry an i18n key (`message`), a quantity and parameters; the web
app words them from its own locale files (`qualification.missing.*`), and these are the same
words for the messages the server writes itself (an application refused for asking a level
above what the rules give). `Missing.text` stays the plain English the API has always
carried for clients.
"""

from collections.abc import Iterable, Mapping
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext

from shuangshi.qualification.engine import LEVELS


def missing_words(item: Mapping[str, Any]) -> str:
    """One missing item (`Missing.as_dict()`, as stored with an application) in words."""
    count = int(item.get("quantity") or 0)
    message = item.get("message")
    if message == "qualification.missing.basic":
        return _("Obtain a teacher qualification certificate")
    if message == "qualification.missing.e_skill":
        # As the level checklist says it (the web app's checklist.skill): in the field taught.
        return _("Obtain a grade-4 or higher skill certificate (in the teaching field)")
    if message == "qualification.missing.e_title":
        return _("Obtain an intermediate professional title")
    if message == "qualification.missing.title":
        return _("A higher teaching title")
    if message == "qualification.missing.e_practice":
        text = ngettext(
            "%(count)s more day of enterprise practice",
            "%(count)s more days of enterprise practice",
            count,
        )
    elif message == "qualification.missing.e_enterprise":
        text = ngettext(
            "%(count)s more day of enterprise employment",
            "%(count)s more days of enterprise employment",
            count,
        )
    elif message == "qualification.missing.e_training":
        text = ngettext(
            "Complete %(count)s hour of training", "Complete %(count)s hours of training", count
        )
    elif message == "qualification.missing.teaching_years":
        text = ngettext(
            "%(count)s more year of teaching", "%(count)s more years of teaching", count
        )
    else:  # a key this module does not know: the engine's plain English
        return str(item.get("text") or message or "")
    return text % {"count": count}


def missing_sentence(items: Iterable[Mapping[str, Any]]) -> str:
    """Every missing item in one sentence: the required ones, then the alternatives as
    "any N of: …" (a teacher needs only N of them)."""
    required: list[str] = []
    options: list[str] = []
    needed = 0
    for item in items:
        if item.get("one_of"):
            options.append(missing_words(item))
            needed = int(item.get("needed") or 1)
        else:
            required.append(missing_words(item))
    separator = pgettext("list separator", "; ")
    if options:
        alternatives = pgettext("alternatives separator", " / ").join(options)
        required.append(
            ngettext("any %(count)s of: %(items)s", "any %(count)s of: %(items)s", needed)
            % {"count": needed, "items": alternatives}
        )
    return separator.join(required)


def next_level_words(level: str) -> str:
    """The name of the level above `level` (the engine's order), which the engine's missing
    items are for ("" at senior)."""
    at = LEVELS.index(level) if level in LEVELS else 0
    return level_words(LEVELS[at + 1]) if at + 1 < len(LEVELS) else ""


# A level's name in a sentence: "Junior" / 初级. The choice label "Junior (初级)"
# (qualification.Level) names the level beside a form's value; in an English sentence it
# put Chinese in the middle of a refusal or an alert (round 32).
LEVEL_NAMES = {
    "none": gettext_lazy("Not dual-qualified"),
    "junior": gettext_lazy("Junior"),
    "intermediate": gettext_lazy("Intermediate"),
    "senior": gettext_lazy("Senior"),
}


def level_words(level: str) -> str:
    """A level's name ("Junior", 初级) for a code the engine gives (the code when unknown)."""
    name = LEVEL_NAMES.get(level)
    return str(name) if name is not None else level
