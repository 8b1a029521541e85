"""The backend's named test fixtures (province, hr_a, teacher_a, api, …) for tests/."""

from shuangshi.conftest import *  # noqa: F403
