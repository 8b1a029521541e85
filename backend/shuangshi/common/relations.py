"""A record's id in a request body: a whole number, or ASCII digits from a form.

DRF's PrimaryKeyRelatedField hands what it is given to the ORM, which int()s it: `{school:
1.7}` and `{school: true}` named school 1, `{experts: [2.5]}` expert 2. `WholeIdField`
refuses anything else with a 400 naming the field, before the ORM sees it. `install()`
(run by the common app) makes it the field ModelSerializer builds for every relation (and,
with many=True, the child of its ManyRelatedField); the API's hand-written id fields (the
scoped ones: "a school this user may write", ...) are subclasses of it.
"""

from typing import Any

from rest_framework import fields, serializers

from .filtering import parse_id

BIGINT_MAX = 2**63 - 1


class WholeIdField(serializers.PrimaryKeyRelatedField):
    """A record's id: a whole number (JSON) or ASCII digits (a form). 1.5, "1.0", true,
    "1e0" are a 400 naming the field (DRF's field took several of them as record 1); an
    id out of a bigint's range names no record."""

    default_error_messages = {"not_whole": fields.IntegerField.default_error_messages["invalid"]}

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, bool) or not isinstance(data, int | str):
            self.fail("not_whole")
        if isinstance(data, str):
            number = parse_id(data)
            if number is None:
                self.fail("not_whole")
            data = number
        if not 0 < data <= BIGINT_MAX:
            self.fail("does_not_exist", pk_value=data)
        return super().to_internal_value(data)


def install() -> None:
    """Every ModelSerializer's relations take their record by a whole number."""
    serializers.ModelSerializer.serializer_related_field = WholeIdField
