"""The security suite's shared world (world.py), built once per module and process."""

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction

from . import world as world_module


@pytest.fixture(scope="module")
def shared_world(django_db_setup: Any, django_db_blocker: Any) -> Iterator[world_module.World]:
    """Two of everything (world.py), built once for a module's tests instead of once per
    test (it takes about 0.2 s, and the access matrix and the fuzzing have 150 tests each).
    It lives in a transaction of the module's own, rolled back after its last test; each test
    (marked django_db) runs in a savepoint inside it, rolled back after the test, so every
    test starts from the world as built and no test sees another's writes."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield world_module.build()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
