"""Created rows' audit entries as lines of COPY text (common.batch._created_lines, PostgreSQL):
each entry stored is the one the general path (a dict per entry, bulk.insert) stores, value
for value, whatever the text holds (tabs, newlines, backslashes, quotes, Chinese), for a
teacher (masked ID number, dates, a yes/no) and for a record of a teacher (serialized_data),
with and without an actor and import data; rows with other columns keep the general path."""

from datetime import date
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction

from shuangshi import testing
from shuangshi.common import batch, bulk
from shuangshi.common.idnumbers import mask_id_number
from shuangshi.schools.models import School
from shuangshi.teachers.models import Certificate, Teacher

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the lines are COPY's"),
]

COMPARED = [
    "content_type_id", "object_pk", "object_id", "object_repr", "serialized_data", "action",
    "changes_text", "changes", "actor_id", "timestamp", "additional_data", "cid",
    "remote_addr", "remote_port", "actor_email",
]  # fmt: skip

AWKWARD = [
    "甲\t乙", "line\nbreak\r", 'quote " and \\ back', "\\N", "\b\v\f", "emoji 😀", "", "王五",
]  # fmt: skip


def teacher_rows(first_id: int, school: School) -> list[dict[str, Any]]:
    rows = []
    for n, name in enumerate(AWKWARD):
        rows.append({
            "id": first_id + n, "staff_no": "" if n % 3 == 0 else f"T{n}\\{n}",
            "name": name, "id_number": f"36010219800101{n:03d}X"[-18:], "gender": "male",
            "birth_date": date(1980, 1, 1 + n), "employment": "full_time",
            "course_type": "professional", "major": name + "专业", "education": "bachelor",
            "normal_graduate": n % 2 == 0, "title": "none", "hired_on": date(2005, 9, 1),
            "teaching_since": date(2005, 9, 1), "left_on": None if n % 2 else date(2030, 1, 1),
            "version": 1, "school_id": school.pk, "facts_since": date(2005, 9, 1),
        })  # fmt: skip
    return rows


def stored(content_type: ContentType, ids: list[int]) -> list[dict[str, Any]]:
    entries = LogEntry.objects.filter(content_type=content_type, object_id__in=ids)
    return list(entries.order_by("id").values(*COMPARED))


def both_ways(model, rows, *, actor_id=None, extra=None, key=("id",)) -> tuple[list, list]:
    """The entries the lines store and the ones the general path stores for the same rows
    (each written, read back and undone in turn), in the order they were written."""
    content_type = ContentType.objects.get_for_model(model)
    ids = [row["id"] for row in rows]
    results = []
    for lines in (True, False):
        with transaction.atomic():
            sid = transaction.savepoint()
            with pytest.MonkeyPatch.context() as patch:
                if not lines:  # the general path
                    patch.setattr(batch, "_created_lines", lambda _m, _c, made, *_: ([], made))
                now = batch.timezone.now()
                patch.setattr(batch.timezone, "now", lambda: now)
                batch.log_bulk(
                    model, created=rows, updated=[], key=key, actor_id=actor_id, extra=extra
                )
                results.append((stored(content_type, ids), now))
            transaction.savepoint_rollback(sid)
    (fast, fast_now), (general, general_now) = results
    # The moment differs by run: compared apart.
    for entry in fast:
        assert entry.pop("timestamp") == fast_now
    for entry in general:
        assert entry.pop("timestamp") == general_now
    return fast, general


def test_a_teachers_entries_are_the_general_paths_value_for_value(school_a: School) -> None:
    rows = teacher_rows(900_000, school_a)
    fast, general = both_ways(Teacher, rows)
    assert len(fast) == len(rows) and fast == general
    first = fast[1]
    assert first["object_repr"] == "line\nbreak\r"
    assert first["changes"]["name"] == ["None", "line\nbreak\r"]
    assert first["changes"]["id_number"] == ["None", mask_id_number(rows[1]["id_number"])]
    assert first["changes"]["id_number"][1].startswith("3601*")
    assert first["changes"]["normal_graduate"] == ["None", "False"]
    assert first["changes"]["birth_date"] == ["None", "1980-01-02"]
    assert first["changes"]["school"] == ["None", str(school_a.pk)]
    assert "left_on" not in first["changes"]  # None: left out, as django-auditlog does
    assert "staff_no" not in fast[0]["changes"]  # "" likewise
    assert fast[2]["changes"]["staff_no"] == ["None", "T2\\2"]
    assert fast[3]["object_repr"] == "\\N"  # the text, not NULL
    assert fast[6]["object_repr"] == f"Teacher {rows[6]['id']}"  # no name: its kind and id
    assert all(e["serialized_data"] is None and e["actor_id"] is None for e in fast)


def test_a_records_entries_name_its_teacher_and_carry_the_actor_and_import(
    school_a: School, hr_a
) -> None:
    teacher = testing.make_teacher(school_a)
    rows = [
        {
            "id": 800_000 + n, "teacher_id": teacher.pk, "kind": "skill", "name": name,
            "level": "", "number": f"N\t{n}", "issuer": "人社厅", "issued_on": date(2020, 1, 1),
            "expires_on": None, "status": "confirmed", "version": 1,
        }
        for n, name in enumerate(["电工", "", "焊\\工"])
    ]  # fmt: skip
    extra = {"import": 12, "file": 'C:\\书\t"1".xlsx'}
    fast, general = both_ways(Certificate, rows, actor_id=hr_a.pk, extra=extra)
    assert len(fast) == 3 and fast == general
    assert all(e["serialized_data"] == {"fields": {"teacher": teacher.pk}} for e in fast)
    assert all(e["actor_id"] == hr_a.pk and e["additional_data"] == extra for e in fast)
    assert fast[1]["object_repr"] == "N\t1"  # no name: its number


def test_rows_with_other_columns_keep_the_general_path_and_every_row_is_audited(
    school_a: School,
) -> None:
    rows = teacher_rows(700_000, school_a)[:3]
    odd = dict(rows[1])
    del odd["major"]  # not the first row's columns
    rows[1] = odd
    fast, general = both_ways(Teacher, rows)
    assert fast == sorted(general, key=lambda e: e["object_id"] == odd["id"])  # odd one last
    assert [e["object_id"] for e in fast] == [rows[0]["id"], rows[2]["id"], odd["id"]]
    assert "major" not in fast[2]["changes"]


def test_copy_text_escapes_what_copys_text_format_reads_as_special() -> None:
    assert bulk.copy_text("plain 文本") == "plain 文本"
    assert bulk.copy_text("a\\b\tc\nd\re\bf\vg\fh") == "a\\\\b\\tc\\nd\\re\\bf\\vg\\fh"
    assert bulk.copy_json('{"a": "\\"\\n"}') == '{"a": "\\\\"\\\\n"}'
    assert bulk.copy_json("{}") == "{}"
