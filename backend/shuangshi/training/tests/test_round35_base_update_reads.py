"""Round 35: a base update that moves neither its status nor its approval date does not read
the status history (which only such a move needs), and still saves what changed; a move
still reads it and is checked against it."""

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from shuangshi.training import services
from shuangshi.training.models import BaseStatusChange, TrainingBase

pytestmark = pytest.mark.django_db


def _status_reads(queries: CaptureQueriesContext) -> list[str]:
    table = BaseStatusChange._meta.db_table
    reads = (q["sql"] for q in queries if q["sql"].lstrip().startswith("SELECT"))
    return [sql for sql in reads if table in sql]


def test_a_new_name_reads_no_status_history(base_a: TrainingBase) -> None:
    with CaptureQueriesContext(connection) as queries:
        services.base_update(base=base_a, data={"name": "江铃新名称基地"})
    assert _status_reads(queries) == []
    base_a.refresh_from_db()
    assert base_a.name == "江铃新名称基地"


def test_a_status_move_still_reads_it(base_a: TrainingBase, province: Any) -> None:
    with CaptureQueriesContext(connection) as queries:
        services.base_update(base=base_a, data={"status": "suspended"}, user=province)
    assert _status_reads(queries) != []
    base_a.refresh_from_db()
    assert base_a.status == "suspended"
