import django_filters

from shuangshi.common.filtering import FilterSet

from .models import User


class UserFilter(FilterSet):
    # A login is one whatever its case (accounts_user_username_ci_unique).
    username = django_filters.CharFilter(lookup_expr="iexact")

    class Meta:
        model = User
        fields = ["role", "city", "school", "training_base", "teacher", "is_active", "username"]
