"""One wording for a duplicate value of any unique field.

Django's own ("school with this code already exists.") reads as a fragment in English and,
translated, as "具有 学校代码 的 学校 已存在。". `install()`, run by the common app, gives every
unique field of every model that kept Django's message this sentence instead; a field
with a message of its own (a user's username) keeps it. DRF's unique validators and
Django's model validation both read the field's message, so both say it.
"""

from django.apps import apps
from django.db import models
from django.utils.translation import gettext_lazy as _

# model_name and field_label arrive lower-case from DRF ("training base", "code").
UNIQUE = _("Another %(model_name)s already has this %(field_label)s.")


def install() -> None:
    default = models.Field.default_error_messages["unique"]
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if field.unique and field.error_messages.get("unique") is default:
                field.error_messages["unique"] = UNIQUE
