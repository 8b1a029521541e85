"""Imports: validate an upload (nothing written), then commit it in one transaction."""

import contextlib
import functools
import hashlib
import io
import logging
import os
import pickle
import select
import signal
import time
import zlib
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import datetime
from itertools import chain, islice
from typing import Any

from django.conf import settings
from django.db import IntegrityError, connection, connections, transaction
from django.utils import timezone, translation

from shuangshi.accounts.models import User
from shuangshi.common import bulk
from shuangshi.common.collector import gc_paused
from shuangshi.jobs.models import Job
from shuangshi.qualification.services import counts_held, teachers_reevaluate

from . import cells, guard, reader
from .importers import (
    BATCH,
    IMPORTERS,
    Importer,
    Parsed,
    Written,
    marking_cells,
    marking_formula_errors,
    row_parser,
)
from .messages import neutral, t
from .models import ImportJob, ImportStatus
from .reader import FileProblem

logger = logging.getLogger(__name__)

# python-calamine parses about 10x faster than openpyxl's read-only mode but holds the whole
# sheet in memory, laid out densely (about +145 MB for 100,000 teacher rows, measured; about
# 32 bytes for every cell of the rectangle up to the farthest cell, plus the text); openpyxl
# streams. So uploads up to about 115,000 teacher rows use calamine (the file is read once,
# by the dry run: the commit writes the rows the dry run kept, so a 100,000-row import stays
# under 300 MB) and larger or sparse-and-wide ones openpyxl (100,000 rows: ~25 s to read
# against ~2.5 s). benchmarks/bench_import.py measures it.
# Sizes are what the zip really unpacks to (guard.inspect, which also refuses hostile files).
READER = "auto"  # or "calamine" / "openpyxl" to force one
STREAM_ABOVE_BYTES = 96 * 1024 * 1024  # about 115,000 teacher rows
DENSE_MAX_CELLS = 2_000_000  # about 64 MB laid out by calamine
# Errors listed in a report (`failed` still counts every bad row): a 200,000-row file whose
# every row is wrong kept 200,000 error records (+100 MB) in memory and in the job row.
MAX_ERRORS = 10_000


def reader_for(content: bytes) -> str:
    """The reader for this upload, once guard.inspect has found it safe (FileProblem if not)."""
    found = guard.inspect(content)
    if found.formula_errors or found.unsaved_formulas:
        # python-calamine reads a formula error (#N/A…) as a blank cell, and a blank optional
        # cell imports as "no expiry", "passed", "still employed": openpyxl shows the error,
        # and the import reports it at its cell (importers.marking_formula_errors). A formula
        # saved without its value reads as blank in both: the openpyxl path finds those
        # cells in the sheet's XML (reader._xml_facts; importers.marking_cells).
        return "openpyxl"
    if READER != "auto":
        return READER
    large = found.unpacked > STREAM_ABOVE_BYTES or found.largest_area > DENSE_MAX_CELLS
    return "openpyxl" if large else "calamine"


class ImportRefused(PermissionError):
    """This user may not import this kind of sheet."""


class ImportNotCommittable(ValueError):
    """The job has errors, or was committed already; `job` holds the current state."""

    def __init__(self, job: ImportJob, message: str) -> None:
        super().__init__(message)
        self.job = job


@dataclass
class Report:
    sheet: str = ""
    header_row: int = 0
    rows: int = 0
    failed: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)
    written: Written = field(default_factory=Written)

    @property
    def ready(self) -> int:
        return self.rows - self.failed


def importer_for(*, user: User, kind: str) -> Importer:
    importer_class = IMPORTERS[kind]
    if user.role not in importer_class.roles:
        raise ImportRefused(kind)
    return importer_class(user)


def check_size(size: int) -> None:
    limit = settings.UPLOAD_MAX_MB
    if size > limit * 1024 * 1024:
        raise FileProblem(
            t(
                "The file is %(size)s MB; the limit is %(limit)s MB. "
                "Split it into smaller workbooks.",
                size=f"{size / 1024 / 1024:.1f}",
                limit=limit,
            )
        )


def _batches(rows: Iterator[tuple[int, Any]]) -> Iterator[list[tuple[int, Any]]]:
    while batch := list(islice(rows, BATCH)):
        yield batch


def _parsed_batches(
    parse: Callable[[int, Any], Parsed], rows: Iterator[tuple[int, Any]]
) -> Iterator[list[Parsed]]:
    return ([parse(number, row) for number, row in batch] for batch in _batches(rows))


def _error(sheet: reader.Sheet, parsed: Parsed, name: str, message: str) -> dict[str, Any]:
    """One stored error: its message in the dry run's language, and (message_key) in no
    language, for readers in theirs (messages.read_errors)."""
    letter = sheet.letters.get(name) or sheet.letters.get("id_number", "")
    error = {
        "row": parsed.row,
        "column": sheet.headers.get(name, ""),
        "cell": f"{letter}{parsed.row}" if name in sheet.letters else "",
        "field": name,
        "value": cells.text(parsed.raw.get(name)),
        "message": str(message),
    }
    key = neutral(message)
    if key is not None:
        error["message_key"] = key
    return error


# --------------------------------------------------------------------------- parsed rows kept
#
# The dry run keeps the rows it parsed (before the database checks, which the commit runs
# again; or, for an importer that keeps_checked, as checked, and the commit runs only its
# recheck() of what the database may have changed), so that the commit does not read, parse
# and check the workbook a second time: zlib'd
# pickles of 2,000 rows each behind a key naming the file (sha256) and the columns read.
# Only plain values (text, numbers, dates, flags) are kept and only those are unpickled.


def parsed_key(content: bytes, importer: Importer) -> bytes:
    digest = hashlib.sha256(content)
    digest.update("|".join(c.field for c in importer.read_columns()).encode())
    if importer.keeps_checked:
        digest.update(b"|checked")  # rows as check() left them, for recheck()
    return digest.digest()


def _frame(batch: list[Parsed]) -> bytes:
    data = zlib.compress(pickle.dumps([(p.row, p.values) for p in batch], protocol=5), 1)
    return len(data).to_bytes(4, "big") + data


class _Values(pickle.Unpickler):
    ALLOWED = {("datetime", "date"), ("datetime", "datetime"), ("decimal", "Decimal")}

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in self.ALLOWED:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not a cell value")


def _kept_frames(kept: memoryview) -> Iterator[memoryview]:
    at = 0
    while at < len(kept):
        size = int.from_bytes(kept[at : at + 4], "big")
        yield kept[at + 4 : at + 4 + size]
        at += 4 + size


def _decoded(frame: memoryview) -> list[Parsed]:
    rows = _Values(io.BytesIO(zlib.decompress(frame))).load()
    return [Parsed(row=number, values=values, raw={}) for number, values in rows]


# Kept batches rechecked together (Importer.recheck_ahead): one read for 20,000 rows
# instead of reads per batch, each waiting for the server to store the batch before.
AHEAD_BATCHES = 10


def _kept_batches(kept: memoryview, importer: Importer | None = None) -> Iterator[list[Parsed]]:
    """The dry run's batches; with ``importer``, its recheck_ahead sees the rows of each
    AHEAD_BATCHES batches before the first of them is rechecked (the window's rows are
    decoded once and held until each batch is handed on: at most AHEAD_BATCHES batches)."""
    frames = list(_kept_frames(kept))
    for start in range(0, len(frames), AHEAD_BATCHES):
        window = frames[start : start + AHEAD_BATCHES]
        if importer is None:
            for frame in window:
                yield _decoded(frame)
            continue
        decoded = deque(_decoded(frame) for frame in window)
        importer.recheck_ahead(row for rows in decoded for row in rows)
        while decoded:
            yield decoded.popleft()  # not held once handed on


def _rows_ahead(
    importer: Importer, content: bytes, kept: bytes | None, engine: str | None
) -> Iterator[Parsed]:
    """Every row of the upload, parsed but not checked, for Importer.lock_ahead: the dry
    run's kept rows, or the file read once more."""
    if kept is not None:
        for frame in _kept_frames(memoryview(kept)):
            yield from _decoded(frame)
        return
    columns = importer.read_columns()
    sheet = reader.read(content, columns, engine=engine or reader_for(content))
    parse = row_parser(columns, sheet.index)
    for number, row in sheet.rows():
        yield parse(number, row)


class _KeptRowsFailed(Exception):
    """The kept rows met an error at commit: the file is read again for the report."""


@gc_paused()
def import_run(
    *,
    importer: Importer,
    content: bytes,
    commit: bool,
    engine: str | None = None,
    progress: Callable[[int], None] | None = None,
    keep: list[bytes] | None = None,
    kept: bytes | None = None,
    sheet_name: str = "",
    header_row: int = 0,
) -> Report:
    """Read, check and (when `commit`) write every row; the caller holds the transaction.

    Writing stops at the first failed row, but checking goes on so the report lists every
    error; a committing caller must roll back when the report has any. `progress(rows)`
    is told the rows done after each batch. `keep` collects the parsed rows (see _frame);
    `kept` (what a dry run kept, without its key) is used instead of reading `content`,
    and a row that fails then raises _KeptRowsFailed (the caller reads the file instead).
    A dry run of a large sheet may check its second half in a helper process (_Helper).

    The cyclic garbage collector is paused meanwhile: the rows are acyclic dicts and
    tuples, freed by their reference counts, and its full passes over the worker's heap
    took a sixth of a 10,000-row import (0.8 s of 4.6 s on a slow box, with gc.callbacks).
    """
    columns = importer.read_columns()
    sheet: reader.Sheet | None = None
    batches: Iterator[list[Parsed]]
    helper: _Helper | None = None
    held: list[tuple[int, Any]] = []  # the first row of the helper's half, read here
    if kept is not None:
        report = Report(sheet=sheet_name, header_row=header_row)
        checked = importer.keeps_checked and commit
        batches = _kept_batches(memoryview(kept), importer if checked else None)
    else:
        engine = engine or reader_for(content)
        sheet = reader.read(content, columns, engine=engine)
        report = Report(sheet=sheet.name, header_row=sheet.header_row)
        parse = row_parser(columns, sheet.index)
        if engine == "openpyxl":  # only openpyxl shows formula errors (see reader_for)
            parse = marking_formula_errors(parse, sheet.index)
        parse = marking_cells(parse, sheet, [c.field for c in columns])
        rows = source = sheet.rows()
        split = None if commit else _halves_split(importer, sheet)
        if split is not None:
            helper = _Helper.start(
                functools.partial(_second_half, importer, sheet, parse, split, keep)
            )
            if helper is not None:
                rows = _rows_before(source, split, held)
        batches = _parsed_batches(parse, rows)
    if commit and importer.locks_ahead:
        importer.lock_ahead(_rows_ahead(importer, content, kept, engine))
    # The schools' totals and dated counts move once for the whole commit; the server stores
    # each batch's rows while the worker prepares the next ones (bulk.overlapped).
    with counts_held() if commit else nullcontext(), bulk.overlapped() if commit else nullcontext():
        try:
            _run_batches(importer, batches, report, sheet, commit, keep, kept, progress)
            if helper is not None:
                assert sheet is not None
                if not _took_second_half(importer, report, keep, helper.result()):
                    rest = _parsed_batches(parse, chain(held, source))
                    _run_batches(importer, rest, report, sheet, commit, keep, kept, progress)
                elif progress is not None:
                    progress(report.rows)
            _finish(importer, report, sheet)
        finally:
            if helper is not None:
                helper.stop()
        if commit and not report.failed and importer.teacher_ids:
            teachers_reevaluate(teacher_ids=sorted(importer.teacher_ids))
    return report


def _run_batches(
    importer: Importer,
    batches: Iterator[list[Parsed]],
    report: Report,
    sheet: reader.Sheet | None,
    commit: bool,
    keep: list[bytes] | None,
    kept: bytes | None,
    progress: Callable[[int], None] | None,
) -> None:
    checked = importer.keeps_checked
    for parsed in batches:
        if keep is not None and not report.failed and not checked:
            keep.append(_frame(parsed))  # before check(), which changes the values
        if kept is not None and checked:
            importer.recheck(parsed)
        else:
            importer.check(parsed)
        for row in parsed:
            if row.errors:
                if sheet is None:
                    raise _KeptRowsFailed
                report.failed += 1
                room = MAX_ERRORS - len(report.errors)
                errors = (_error(sheet, row, name, msg) for name, msg in row.errors)
                report.errors.extend(islice(errors, max(room, 0)))
        report.rows += len(parsed)
        if keep is not None and not report.failed and checked:
            keep.append(_frame(parsed))  # checked: the commit rechecks only the database
        if commit and not report.failed:
            report.written += importer.write(parsed)
        if progress is not None:
            progress(report.rows)


def _finish(importer: Importer, report: Report, sheet: reader.Sheet | None) -> None:
    """The rows a rule over the whole file refuses (Importer.finish), once every batch is
    checked: reported as a batch's are, in row order with the rest. At a commit the batches
    are written already: the caller rolls them back, as for any error."""
    late = importer.finish()
    if not late:
        return
    if sheet is None:
        raise _KeptRowsFailed
    for row in late:
        report.failed += 1
        room = MAX_ERRORS - len(report.errors)
        errors = (_error(sheet, row, name, msg) for name, msg in row.errors)
        report.errors.extend(islice(errors, max(room, 0)))
    report.errors.sort(key=lambda error: error["row"])  # stable: a row's own order kept


# --------------------------------------------------------------------------- two CPUs
#
# A dry run is Python on one CPU while the other waits (10,000 teacher rows: calamine's read
# 0.1 s, then 0.2 s of parsing and checking). When the sheet is large, read by calamine
# (whose sheet is held in memory, shared with a forked process until either writes), and
# the importer's checks keep nothing across batches but the keys seen (checks_in_halves),
# a forked helper checks the second half of the rows on its own connection while this
# process checks the first. The helper sends back its report, its kept rows, the keys it
# saw and the ID-number lookups it counted (charged here). When a key is in both halves
# (a duplicate row across them), or the helper fails, this process checks the second half
# itself: the report is always the one a single pass makes.
# Only outside a transaction (the helper sees committed rows only) and on PostgreSQL.
HALVES_FROM_ROWS = 4000
HELPER_WAIT_SECONDS = 300


def _halves_split(importer: Importer, sheet: reader.Sheet) -> int | None:
    """The Excel row number from which the helper checks, or None for one pass."""
    if not importer.checks_in_halves or not hasattr(os, "fork"):
        return None
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return None
    first = sheet.data_start + 1
    if sheet.last_row - first + 1 < HALVES_FROM_ROWS:
        return None
    return (first + sheet.last_row + 1) // 2


def _rows_before(
    rows: Iterator[tuple[int, Any]], split: int, held: list[tuple[int, Any]]
) -> Iterator[tuple[int, Any]]:
    """The rows numbered below ``split``; the first one past it is put in ``held``."""
    for number, row in rows:
        if number >= split:
            held.append((number, row))
            return
        yield number, row


def _second_half(
    importer: Importer,
    sheet: reader.Sheet,
    parse: Callable[[int, Any], Parsed],
    split: int,
    keep: list[bytes] | None,
) -> tuple[Any, ...]:
    """In the helper: check the rows from ``split`` on, as import_run would."""
    _own_connection()
    importer.deferred_charges = {}
    report = Report()
    mine: list[bytes] | None = [] if keep is not None else None
    batches = _parsed_batches(parse, sheet.rows(start=split))
    try:
        _run_batches(importer, batches, report, sheet, False, mine, None, None)
    finally:
        connections.close_all()  # this process's own connection only (see _own_connection)
    return report.rows, report.failed, report.errors, mine, importer.seen, importer.deferred_charges


_INHERITED: list[Any] = []


def _own_connection() -> None:
    """In a forked helper: the parent's open connections are left alone (kept referenced and
    never closed here, so no goodbye goes down the parent's socket); the next query opens
    this process's own."""
    for conn in connections.all(initialized_only=True):
        if conn.connection is not None:
            _INHERITED.append(conn.connection)
            conn.connection = None


def _took_second_half(
    importer: Importer, report: Report, keep: list[bytes] | None, found: tuple[Any, ...] | None
) -> bool:
    """Add the helper's report to this one; False when the second half must be checked here
    (no answer, or a key in both halves: its error names the first row, in the first half)."""
    if found is None:
        logger.warning("the dry run's helper gave no answer: its half is checked here")
        return False
    rows, failed, errors, frames, seen, charges = found
    if seen.keys() & importer.seen.keys():
        return False
    for what, count in charges.items():
        importer.charge(count, what)
    importer.seen.update(seen)
    report.rows += rows
    report.failed += failed
    report.errors.extend(errors[: max(MAX_ERRORS - len(report.errors), 0)])
    if keep is not None and not report.failed:
        keep.extend(frames)
    return True


class _Helper:
    """A forked process running one function; its return value comes back pickled."""

    def __init__(self, pid: int, fd: int) -> None:
        self.pid, self.fd = pid, fd

    @classmethod
    def start(cls, work: Callable[[], Any]) -> "_Helper | None":
        try:
            read_end, write_end = os.pipe()
        except OSError:
            return None  # no descriptors to spare: one pass
        try:
            pid = os.fork()
        except OSError:
            os.close(read_end)
            os.close(write_end)
            return None  # no process to spare: one pass
        if pid == 0:  # the helper: never returns into the parent's frames
            code = 1
            try:
                os.close(read_end)
                data = pickle.dumps(work(), protocol=5)
                with os.fdopen(write_end, "wb") as out:
                    out.write(data)
                code = 0
            finally:
                os._exit(code)
        os.close(write_end)
        return cls(pid, read_end)

    def result(self) -> Any:
        """The function's return value, or None if the helper failed or took too long."""
        chunks: list[bytes] = []
        deadline = time.monotonic() + HELPER_WAIT_SECONDS
        try:
            while True:
                left = deadline - time.monotonic()
                if left <= 0 or not select.select([self.fd], [], [], left)[0]:
                    return None
                chunk = os.read(self.fd, 1 << 20)
                if not chunk:
                    break
                chunks.append(chunk)
        finally:
            self.stop()
        try:
            return pickle.loads(b"".join(chunks)) if chunks else None
        except (pickle.UnpicklingError, EOFError, ValueError):
            return None

    def stop(self) -> None:
        """End and reap the helper (at once if it is still running)."""
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1
        if self.pid:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            with contextlib.suppress(ChildProcessError):
                os.waitpid(self.pid, 0)
            self.pid = 0


def import_validate(*, user: User, kind: str, filename: str, content: bytes) -> ImportJob:
    """Check an upload without writing a record, and keep it for a later commit.

    Raises ImportRefused for a role that may not import this kind, FileProblem for an
    upload that is not a readable workbook with the template's header row.
    """
    check_size(len(content))
    importer = importer_for(user=user, kind=kind)
    guard.refuse_macro_name(filename)
    engine = reader_for(content)  # refuses a hostile or oversized workbook (guard.inspect)
    report = import_run(importer=importer, content=content, commit=False, engine=engine)
    if report.rows == 0:
        raise FileProblem(t("The sheet has no data rows below the header."))
    return ImportJob.objects.create(
        owner=user,
        kind=kind,
        filename=filename[:255],
        content=content,
        size=len(content),
        sheet=report.sheet,
        header_row=report.header_row,
        status=ImportStatus.INVALID if report.failed else ImportStatus.VALID,
        rows=report.rows,
        ready=report.ready,
        failed=report.failed,
        errors=report.errors,
    )


class _Rollback(Exception):
    def __init__(self, report: Report) -> None:
        self.report = report


_COMMITTED_FIELDS = [
    "status", "rows", "failed", "ready", "created_rows", "updated_rows", "unchanged_rows",
    "committed_at",
]  # fmt: skip

# A commit runs from `valid` (called directly) or `committing` (the commit job).
COMMITTABLE = {ImportStatus.VALID, ImportStatus.COMMITTING}


def not_ready(job: ImportJob) -> str:
    if job.status in (ImportStatus.QUEUED, ImportStatus.VALIDATING):
        return t("The file is still being checked; commit it when the check is done.")
    return t("This import failed: upload the file again.")


def import_commit(*, job: ImportJob, progress: Callable[[int], None] | None = None) -> ImportJob:
    """Write every row of a validated upload, or none: one transaction, keyed upserts.

    The file is checked again inside the transaction (the database may have changed since
    the dry run); any error rolls everything back and leaves the job invalid. So does a
    record another writer stored between that check and the write (_stored_since).
    """
    importer: Importer | None = None
    try:
        with transaction.atomic():
            locked = ImportJob.objects.select_for_update().get(pk=job.pk)
            if locked.status == ImportStatus.COMMITTED:
                raise ImportNotCommittable(locked, t("This import was already committed."))
            if locked.status == ImportStatus.INVALID:
                raise ImportNotCommittable(
                    locked, t("Fix the errors and upload the file again: nothing was imported.")
                )
            if locked.status not in COMMITTABLE:
                raise ImportNotCommittable(locked, not_ready(locked))
            content = bytes(locked.content)
            report = None
            importer = importer_for(user=locked.owner, kind=locked.kind)
            kept = bytes(locked.parsed)
            if kept[:32] == parsed_key(content, importer):
                # The dry run's rows: checked again and written, the file not read again.
                try:
                    with transaction.atomic():  # a savepoint: undone if a row fails now
                        importer.job = locked
                        report = import_run(
                            importer=importer,
                            content=content,
                            commit=True,
                            progress=progress,
                            kept=kept[32:],
                            sheet_name=locked.sheet,
                            header_row=locked.header_row,
                        )
                except (_KeptRowsFailed, pickle.UnpicklingError, zlib.error, ValueError):
                    report = None
                    importer = importer_for(user=locked.owner, kind=locked.kind)
            if report is None:
                importer.job = locked
                report = import_run(
                    importer=importer,
                    content=content,
                    commit=True,
                    engine=locked.reader or None,
                    progress=progress,
                )
            if report.failed:
                raise _Rollback(report)
            locked.status = ImportStatus.COMMITTED
            locked.rows, locked.failed = report.rows, 0
            locked.ready = report.rows
            locked.created_rows = report.written.created
            locked.updated_rows = report.written.updated
            locked.unchanged_rows = report.written.unchanged
            locked.committed_at = timezone.now()
            locked.parsed = b""
            # Not the file (megabytes) back to the database: only what the commit changed.
            locked.save(update_fields=[*_COMMITTED_FIELDS, "parsed"])
            return locked
    except _Rollback as rollback:
        report = rollback.report
    except IntegrityError as clash:
        found = _stored_since(job.pk, importer, clash)
        if found is None:
            raise
        report = found
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportStatus.INVALID,
        rows=report.rows,
        ready=report.ready,
        failed=report.failed,
        errors=report.errors,
        errors_book=b"",  # marked for the errors it had
        errors_book_key="",
    )
    job.refresh_from_db()
    raise ImportNotCommittable(
        job, t("Fix the errors and upload the file again: nothing was imported.")
    ) from None


def _stored_since(upload_pk: int, failed: Importer | None, clash: IntegrityError) -> Report | None:
    """The commit (rolled back) met its importer's twin_constraint: another writer (an API
    request) stored a certificate or period of the file between the commit's check and its
    write. The file is checked again, as a dry run, now that the record is stored: the rows
    whose record the commit was to store, and that is stored now, are refused as a stored
    duplicate is (teachers.validation), at their row and column. None when the clash is
    not that, or names no row: the commit stays a failure."""
    if failed is None or not failed.twin_constraint or failed.twin_constraint not in str(clash):
        return None
    upload = ImportJob.objects.select_related("owner").get(pk=upload_pk)
    importer = importer_for(user=upload.owner, kind=upload.kind)
    importer.twins = failed.counted_keys
    importer.deferred_charges = {}  # looked up by the dry run: not charged twice
    report = import_run(
        importer=importer,
        content=bytes(upload.content),
        commit=False,
        engine=upload.reader or None,
    )
    return report if report.failed else None


# --------------------------------------------------------------------------- as background jobs


def import_upload(*, user: User, kind: str, filename: str, content: bytes) -> ImportJob:
    """Keep an upload and queue its dry run (DESIGN §6): answers at once, status `queued`.

    What can be refused without parsing is refused here, synchronously (a 400 at upload):
    the size, the role, and guard.inspect (through reader_for) for hostile workbooks.
    """
    from shuangshi.jobs.services import job_start

    check_size(len(content))
    importer_for(user=user, kind=kind)
    reader.sniff(content)
    guard.refuse_macro_name(filename)
    engine = reader_for(content)
    with transaction.atomic():
        upload = ImportJob.objects.create(
            owner=user,
            kind=kind,
            filename=filename[:255],
            content=content,
            size=len(content),
            status=ImportStatus.QUEUED,
            reader=engine,
        )
        upload.job = job_start(
            kind="imports.validate",
            owner=user,
            params={"import_id": upload.pk},
            title=filename[:200],
            link=f"/api/v1/imports/{upload.pk}/",
        )
        ImportJob.objects.filter(pk=upload.pk).update(job=upload.job)
    return ImportJob.objects.defer("content", "parsed").get(pk=upload.pk)


def import_commit_start(*, job: ImportJob) -> ImportJob:
    """Queue the commit of a valid upload: `committing`, then `committed` or `failed`.

    Raises ImportNotCommittable (a 400) when the upload is not valid (yet).
    """
    from shuangshi.jobs.services import job_start

    with transaction.atomic():
        locked = ImportJob.objects.select_for_update().defer("content", "parsed").get(pk=job.pk)
        if locked.status == ImportStatus.COMMITTING:
            return locked  # already on its way
        if locked.status == ImportStatus.COMMITTED:
            raise ImportNotCommittable(locked, t("This import was already committed."))
        if locked.status == ImportStatus.INVALID:
            raise ImportNotCommittable(
                locked, t("Fix the errors and upload the file again: nothing was imported.")
            )
        if locked.status != ImportStatus.VALID:
            raise ImportNotCommittable(locked, not_ready(locked))
        # The status first: the immediate backend (tests) runs the job inside job_start.
        ImportJob.objects.filter(pk=locked.pk).update(status=ImportStatus.COMMITTING, message="")
        started = job_start(
            kind="imports.commit",
            owner=locked.owner,
            params={"import_id": locked.pk},
            title=locked.filename[:200],
            link=f"/api/v1/imports/{locked.pk}/",
        )
        ImportJob.objects.filter(pk=locked.pk).update(job=started)
    return ImportJob.objects.defer("content", "parsed").get(pk=locked.pk)


def import_dry_run(*, upload: ImportJob, progress: Callable[[int], None] | None = None) -> None:
    """The dry run of a queued upload (the validate job): nothing written but its report."""
    ImportJob.objects.filter(pk=upload.pk).update(status=ImportStatus.VALIDATING)
    importer = importer_for(user=upload.owner, kind=upload.kind)
    content = bytes(ImportJob.objects.values_list("content", flat=True).get(pk=upload.pk))
    keep: list[bytes] = []
    try:
        report = import_run(
            importer=importer,
            content=content,
            commit=False,
            engine=upload.reader or None,
            progress=progress,
            keep=None if importer.reads_raw else keep,
        )
        if report.rows == 0:
            raise FileProblem(t("The sheet has no data rows below the header."))
    except FileProblem as problem:
        ImportJob.objects.filter(pk=upload.pk).update(
            status=ImportStatus.INVALID, message=str(problem)
        )
        return
    ImportJob.objects.filter(pk=upload.pk).update(
        status=ImportStatus.INVALID if report.failed else ImportStatus.VALID,
        sheet=report.sheet,
        header_row=report.header_row,
        rows=report.rows,
        ready=report.ready,
        failed=report.failed,
        errors=report.errors,
        errors_book=b"",
        errors_book_key="",
        parsed=b""
        if report.failed or not keep
        else b"".join([parsed_key(content, importer), *keep]),
    )


def import_fail(*, run: Job, message: str) -> None:
    """The background job of an upload died or raised: the upload says so, unless it was
    committed (a failed commit wrote nothing: one transaction)."""
    ImportJob.objects.filter(job=run).exclude(status=ImportStatus.COMMITTED).update(
        status=ImportStatus.FAILED, message=message
    )


def imports_expire_older_than(*, cutoff: datetime) -> int:
    """Uploaded workbooks older than the retention period: the file and its error list go,
    the row stays (it is the record of who imported what, and what came of it). Returns how
    many uploads lost their file."""
    busy = [ImportStatus.QUEUED, ImportStatus.VALIDATING, ImportStatus.COMMITTING]
    old = ImportJob.objects.filter(created_at__lt=cutoff).exclude(status__in=busy)
    # One never committed cannot be any more: its file is gone. An invalid one's errors go
    # too (its marked workbook cannot be made): it says it expired, not "invalid, no errors".
    old.filter(status__in=[ImportStatus.VALID, ImportStatus.INVALID]).update(
        status=ImportStatus.FAILED, message=t("This upload has expired: upload the file again.")
    )
    return old.exclude(content=b"").update(
        content=b"", errors=[], parsed=b"", errors_book=b"", errors_book_key=""
    )


class MarkedWorkbookGone(LookupError):
    """The upload's file was deleted by retention: its marked workbook cannot be made."""


def import_errors_workbook(*, upload: ImportJob) -> bytes:
    """The upload's marked workbook (workbooks.error_workbook) in the active language, built
    once per error list and language and kept on the upload (each writer of the errors, the
    dry run and a commit that refuses the rows, drops it): a second download, or several at
    once, read it (an upload of 118,000 refused rows took 8-12 s and 90 MB of memory a
    download, each time, round 49). Built under the upload's row lock, so a download asked
    while another builds it waits, then reads it. The dry run builds it as it ends
    (jobs.validate)."""
    from . import workbooks

    with transaction.atomic():
        row = (
            ImportJob.objects.select_for_update()
            .only("status", "failed", "sheet", "header_row", "errors_book_key")
            .get(pk=upload.pk)
        )
        key = f"{row.status}:{row.failed}:{translation.get_language()}"
        if row.errors_book_key == key:
            kept = ImportJob.objects.values_list("errors_book", flat=True).get(pk=upload.pk)
            if kept:
                return bytes(kept)
        content, errors = ImportJob.objects.values_list("content", "errors").get(pk=upload.pk)
        if not content:  # deleted by retention (jobs.retention)
            raise MarkedWorkbookGone()
        content = bytes(content)
        book = workbooks.error_workbook(
            content=content,
            sheet_name=row.sheet,
            header_row=row.header_row,
            errors=errors,
            engine=reader_for(content),
        )
        ImportJob.objects.filter(pk=upload.pk).update(errors_book=book, errors_book_key=key)
    return book


EXPORTS = {
    "teachers": "exports.teachers",
    "province": "exports.province",
    "school": "exports.school",
}


def export_start(*, user: User, kind: str, params: dict[str, Any], title: str = "") -> Any:
    """Queue a workbook or export for this user: the file is the job's result (a download).

    The caller (the view) has checked the role and the parameters; the job checks the scope
    again when it runs, as the user.
    """
    from shuangshi.jobs.services import job_start

    return job_start(kind=EXPORTS[kind], owner=user, params=params, title=title)
