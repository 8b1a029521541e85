"""The engine compiled by mypyc (shuangshi.native): used only while it matches the source,
and then giving the source's answers."""

import dataclasses
import hashlib
import importlib.util
import json
import os
import random
import sys
import sysconfig
from datetime import timedelta
from pathlib import Path

import pytest

from shuangshi import native
from shuangshi.qualification import engine as e
from shuangshi.qualification.selectors import Loaded, TeacherRow
from shuangshi.qualification.tests.test_engine import D, _random_span_record

SOURCE = Path(native.__file__).parent / "qualification" / "engine.py"


def _stamp_matches() -> bool:
    try:
        stamps = json.loads((native.build_dir() / native.STAMP).read_text())
    except (OSError, ValueError):
        return False
    digest = hashlib.sha256(SOURCE.read_bytes()).hexdigest()
    return (
        stamps.get("abi") == sysconfig.get_config_var("EXT_SUFFIX")
        and stamps.get("shuangshi.qualification.engine") == digest
    )


def test_the_compiled_engine_runs_exactly_when_its_build_matches_the_source():
    if os.environ.get("SHUANGSHI_REQUIRE_NATIVE") == "1":  # make test-backend builds it first
        assert native.is_compiled(e), e.__file__
    wanted = _stamp_matches() and os.environ.get("SHUANGSHI_NATIVE", "1") != "0"
    assert native.is_compiled(e) == wanted


def _build(tmp_path: Path, digest: str) -> None:
    stamps = {"abi": sysconfig.get_config_var("EXT_SUFFIX"), native.COMPILED[0]: digest}
    (tmp_path / native.STAMP).write_text(json.dumps(stamps))


def test_a_build_of_another_source_is_left_alone(tmp_path, monkeypatch):
    monkeypatch.setenv("SHUANGSHI_NATIVE_DIR", str(tmp_path))
    monkeypatch.delenv("SHUANGSHI_NATIVE", raising=False)
    path: list[str] = ["src"]
    _build(tmp_path, "0" * 64)  # the engine was edited since
    assert native.prefer_compiled(path, "shuangshi.qualification") is False
    assert path == ["src"]
    _build(tmp_path, hashlib.sha256(SOURCE.read_bytes()).hexdigest())
    assert native.prefer_compiled(path, "shuangshi.qualification") is True
    assert path == [str(tmp_path / "shuangshi" / "qualification"), "src"]
    monkeypatch.setenv("SHUANGSHI_NATIVE", "0")  # switched off
    assert native.prefer_compiled(["src"], "shuangshi.qualification") is False
    assert native.prefer_compiled(["src"], "shuangshi.teachers") is False  # nothing compiled


@pytest.fixture(scope="module")
def source_engine():
    """engine.py loaded as plain Python under a name of its own, beside the imported one."""
    spec = importlib.util.spec_from_file_location("engine_from_source", SOURCE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it loads
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        del sys.modules[spec.name]


@pytest.mark.parametrize("profile", [e.DEFAULT_PROFILE, e.RuleProfile(practice_min_days=30)])
def test_the_imported_engine_agrees_with_its_source(source_engine, profile):
    fields = [f.name for f in dataclasses.fields(source_engine.Evaluation)]
    rnd = random.Random(23)
    start, end = D - timedelta(days=5 * 365), D + timedelta(days=2 * 365)
    for k in range(800):
        r = _random_span_record(rnd)
        if rnd.random() < 0.2:  # dated facts take the stepwise timeline
            r = e.replace(
                r,
                history=(
                    e.FactChange(
                        D + timedelta(days=rnd.randint(-900, 300)),
                        "title",
                        rnd.choice(["none", "senior"]),
                    ),
                ),
            )
        on = D + timedelta(days=rnd.randint(-300, 300))
        ev_a, ev_b = e.evaluate(r, on, profile), source_engine.evaluate(r, on, profile)
        assert [getattr(ev_a, f) for f in fields] == [getattr(ev_b, f) for f in fields], k
        got_iv: list = []
        want_iv: list = []
        rows = e.result_rows([_loaded(r, k)], on, 1, profile, (start, end), got_iv)
        want = source_engine.result_rows([_loaded(r, k)], on, 1, profile, (start, end), want_iv)
        assert rows == want, k
        assert got_iv == want_iv, k


def _loaded(record: e.TeacherRecord, tid: int) -> Loaded:
    """A record as the loader hands it over (named tuples; the facts carry the id)."""
    f = record.facts
    facts = TeacherRow(
        tid,
        f.school_id or 7,
        f.employment,
        f.course_type,
        f.hired_on,
        f.left_on,
        f.teaching_since,
        f.title,
        f.education,
        f.normal_graduate,
        f.major_category,
    )
    return Loaded(
        facts,
        list(record.certificates),
        list(record.periods),
        list(record.completions),
        list(record.history),
    )
