from shuangshi.common.filtering import FilterSet

from .models import User


class UserFilter(FilterSet):
    class Meta:
        model = User
        fields = ["role", "city", "school", "training_base", "teacher", "is_active"]
