"""ID numbers (sensitive personal information under the PIPL) reach only the roles allowed.

The city and base-staff roles never read a full ID number: every GET endpoint (JSON and
Excel) is called as them over the access-matrix world and its body searched for any full
ID number in the database. No endpoint takes an ID number in its URL.
"""

import io
import json
import zipfile

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient
from shuangshi.mentors.models import Mentor
from shuangshi.teachers.models import Teacher

from . import world as world_module
from .endpoints import api_endpoints

pytestmark = pytest.mark.django_db
GETS = [e for e in api_endpoints() if e.method == "GET"]


def _text(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if content[:2] == b"PK":  # an Excel workbook: its shared strings and sheets
        with zipfile.ZipFile(io.BytesIO(content)) as book:
            return " ".join(book.read(n).decode("utf-8", "replace") for n in book.namelist())
    return content.decode("utf-8", "replace")


@pytest.mark.parametrize("role", ["city", "base_staff"])
def test_roles_without_the_right_never_read_a_full_id_number(role):
    world = world_module.build()
    numbers = set(Teacher.objects.values_list("id_number", flat=True))
    numbers |= set(Mentor.objects.values_list("id_number", flat=True))
    client = APIClient()
    client.force_authenticate(user=world.users[role])
    seen = []
    for endpoint in GETS:
        row = endpoint.name.rsplit("-", 1)[0]
        for key in world.rows.get(row, (None,)) if endpoint.kwargs else (None,):
            if endpoint.kwargs and key is None:
                continue
            kwargs = {endpoint.kwargs[0]: key} if endpoint.kwargs else {}
            response = client.get(reverse(endpoint.name, kwargs=kwargs))
            body = _text(response)
            leaked = [n for n in numbers if n in body]
            seen.append(endpoint.key)
            assert leaked == [], f"{endpoint.key} shows a full ID number to {role}"
    assert "GET export-teachers" in seen


def test_the_owning_hr_and_the_province_read_full_numbers_and_others_masked(api):
    world = world_module.build()
    own, other = world.rows["teacher"]
    teacher = Teacher.objects.get(pk=own)
    read = {
        role: api(world.users[role]).get(f"/api/v1/teachers/{own}/").json()["id_number"]
        for role in ("province", "school_hr", "city")
    }
    assert read["province"] == read["school_hr"] == teacher.id_number
    assert read["city"] == teacher.id_number[:4] + "*" * 12 + teacher.id_number[-2:]
    assert api(world.users["school_hr"]).get(f"/api/v1/teachers/{other}/").status_code == 404


def test_no_endpoint_takes_an_id_number_in_its_url():
    schema = json.loads(Client().get("/api/schema/", HTTP_ACCEPT="application/json").content)
    in_url = [
        f"{method.upper()} {path} ?{p['name']}"
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        for p in operation.get("parameters", [])
        if p.get("in") in ("path", "query") and "id_number" in p["name"]
    ]
    assert in_url == []
