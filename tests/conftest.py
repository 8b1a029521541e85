"""The backend's named test fixtures (province, hr_a, teacher_a, api, …) for tests/."""

from shuangshi.conftest import *  # noqa: F403

# A star import leaves out underscored names: the autouse fixture that starts each test in
# the default language must be named (a request in English left it active for the next test
# in the same process).
from shuangshi.conftest import _default_language  # noqa: F401
