import django_filters
from django.db.models import Q, QuerySet

from shuangshi.common.filtering import FilterSet, IdFilter

from .models import Role, User


def account_school_is(school_id: int) -> Q:
    """Accounts whose school is `school_id` as api.account_school says it: a teacher
    account's is its teacher's (it holds none of its own), any other's its own column."""
    teacher_account = Q(role=Role.TEACHER, teacher__isnull=False)
    return (teacher_account & Q(teacher__school_id=school_id)) | (
        ~teacher_account & Q(school_id=school_id)
    )


class UserFilter(FilterSet):
    # A login is one whatever its case (accounts_user_username_ci_unique).
    username = django_filters.CharFilter(lookup_expr="iexact")
    # The account's school: a teacher account is found by its teacher's (round 48).
    school = IdFilter(method="filter_school")

    class Meta:
        model = User
        fields = ["role", "city", "school", "training_base", "teacher", "is_active", "username"]

    def filter_school(self, queryset: QuerySet, name: str, value: int) -> QuerySet:
        return queryset.filter(account_school_is(value))
