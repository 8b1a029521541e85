import django_filters
from auditlog.models import LogEntry

from shuangshi.common import dates
from shuangshi.common.filtering import IdFilter

ACTIONS = {"create": 0, "update": 1, "delete": 2, "access": 3}


class LogEntryFilter(django_filters.FilterSet):
    action = django_filters.ChoiceFilter(
        choices=[(name, name) for name in ACTIONS], method="filter_action"
    )
    model = django_filters.CharFilter(field_name="content_type__model", lookup_expr="iexact")
    object_id = IdFilter(field_name="object_id")
    actor = django_filters.CharFilter(field_name="actor__username")
    since = dates.IsoDateTimeFilter(field_name="timestamp", lookup_expr="gte")
    until = dates.IsoDateTimeFilter(field_name="timestamp", lookup_expr="lt")

    class Meta:
        model = LogEntry
        fields = ["action", "model", "object_id", "actor", "since", "until"]

    def filter_action(self, queryset, name, value):  # type: ignore[no-untyped-def]
        return queryset.filter(action=ACTIONS[value])
