"""Validate and write the rows of each importable sheet, a batch at a time.

An importer checks a batch of parsed rows against the database (references, scope,
existing records, duplicates within the file) and, when asked, writes the valid batch with
bulk operations. The caller (services.import_run) owns the transaction.
"""

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from typing import Any, ClassVar

from django.db import connection
from django.db.models import Model
from django.utils import timezone
from openpyxl.utils import get_column_letter

from shuangshi.accounts.models import Role, User
from shuangshi.accounts.scope import in_school_scope
from shuangshi.audit.services import id_lookups_charge
from shuangshi.common import bulk
from shuangshi.common.exceptions import LookupBudgetExceeded
from shuangshi.common.idnumbers import parse_id_number
from shuangshi.hours import services as hours_services
from shuangshi.hours.models import TeachingHours
from shuangshi.hours.validation import hours_errors, whole_and_parts_errors
from shuangshi.mentors import selectors as mentor_selectors
from shuangshi.mentors import services as mentor_services
from shuangshi.mentors.models import Mentor, MentorAppointment
from shuangshi.mentors.rules import hours_over_span, spans_overlap, starts_too_young
from shuangshi.schools import codes as school_codes
from shuangshi.schools.models import School
from shuangshi.teachers import services as teacher_services
from shuangshi.teachers.models import Certificate, EnterprisePeriod, RecordStatus, Teacher
from shuangshi.teachers.validation import (
    birth_date_errors,
    certificate_duplicate_errors,
    certificate_errors,
    leaving_errors,
    name_mismatch,
    period_duplicate_errors,
    period_errors,
    person_errors,
    registered_elsewhere,
    staff_no_repeated,
    staff_no_taken,
    staff_no_to_check,
    teacher_errors,
)
from shuangshi.training import services as training_services
from shuangshi.training.models import TrainingBase, TrainingCompletion, TrainingProgram
from shuangshi.training.selectors import status_histories, status_in
from shuangshi.training.validation import (
    ProgramFacts,
    base_status_errors,
    completion_errors,
    voided_completion_errors,
)

from . import cells
from . import columns as C
from . import labels as L
from .messages import every_language, listing, of, rule_errors, t
from .models import ImportJob
from .reader import FileProblem, Sheet

BATCH = 2000
# A record for a teacher the importer cannot see (certificates, periods).
NOT_IN_SCOPE = (
    "No teacher with this ID number is registered in your scope: import the teachers first."
)

# values[ABSENT]: the fields whose column the sheet leaves out (one tuple per sheet, the
# same object in every row). It travels with the rows a dry run keeps, so that a commit
# from them knows too: an update writes only the columns the sheet has (a column left out
# keeps the stored values; DESIGN §6's own teacher headers have no 专业大类).
ABSENT = "_absent"

# What a certificate or enterprise period an import writes becomes (DESIGN §3: what school
# HR or an import writes is confirmed), a teacher's pending or rejected proposal too.
SETTLED: dict[str, Any] = {"status": RecordStatus.CONFIRMED.value, "reject_reason": ""}


@dataclass
class Parsed:
    row: int
    values: dict[str, Any]
    raw: dict[str, Any]
    errors: list[tuple[str, str]] = field(default_factory=list)  # (field, message)

    def error(self, field: str, message: str) -> None:
        self.errors.append((field, message))

    def add(self, errors: dict[str, list[str]], *, only: Iterable[str] | None = None) -> None:
        for name, messages in errors.items():
            if only is None or name in only:
                for message in messages:
                    self.error(name, message if isinstance(message, str) else str(message))


@dataclass
class Written:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def __iadd__(self, other: "Written") -> "Written":
        self.created += other.created
        self.updated += other.updated
        self.unchanged += other.unchanged
        return self


def parse_row(columns: Sequence[C.Column], index: dict[str, int], row_no: int, row: Any) -> Parsed:
    absent = tuple(c.field for c in columns if index.get(c.field) is None)
    parsed = Parsed(row=row_no, values={ABSENT: absent}, raw={})
    width = len(row)
    for column in columns:
        position = index.get(column.field)
        raw = row[position] if position is not None and position < width else None
        parsed.raw[column.field] = raw
        if cells.is_blank(raw):
            parsed.values[column.field] = None
            if column.required and position is not None:
                parsed.error(column.field, t("Required."))
            continue
        try:
            parsed.values[column.field] = column.parse(raw)
        except cells.CellError as exc:
            parsed.values[column.field] = None
            parsed.error(column.field, of(exc))
    return parsed


def row_parser(columns: Sequence[C.Column], index: dict[str, int]) -> Callable[[int, Any], Parsed]:
    """parse_row for one sheet (the same values and errors): each column's position and
    parser worked out once, and the cells a column repeats (dates, choices, numbers, flags)
    parsed once each."""
    required = t("Required.")
    plan = [(c.field, index.get(c.field), c.required, _repeated(c)) for c in columns]
    absent = tuple(c.field for c in columns if index.get(c.field) is None)

    def parse(row_no: int, row: Any) -> Parsed:
        values: dict[str, Any] = {ABSENT: absent}
        raws: dict[str, Any] = {}
        errors: list[tuple[str, str]] = []
        width = len(row)
        for name, position, needed, parse_cell in plan:
            raw = row[position] if position is not None and position < width else None
            raws[name] = raw
            if raw is None or (isinstance(raw, str) and not raw.strip()):
                values[name] = None
                if needed and position is not None:
                    errors.append((name, required))
                continue
            try:
                values[name] = parse_cell(raw)
            except cells.CellError as exc:
                values[name] = None
                errors.append((name, of(exc)))
        return Parsed(row=row_no, values=values, raw=raws, errors=errors)

    return parse


def marking_formula_errors(
    parse: Callable[[int, Any], Parsed], index: dict[str, int]
) -> Callable[[int, Any], Parsed]:
    """``parse``, with a cell showing a formula error (#N/A, #REF!…: what openpyxl reads for
    them) reported at its cell as that, and its value blank: never imported as text, nor
    as a blank optional cell (no expiry, passed, still employed). Used for the openpyxl
    reader only (services.reader_for sends it every upload that has such cells)."""
    positions = list(index.items())

    def parse_marked(row_no: int, row: Any) -> Parsed:
        parsed = parse(row_no, row)
        width = len(row)
        for name, position in positions:
            raw = row[position] if position < width else None
            if type(raw) is str and raw.strip().upper() in cells.FORMULA_ERRORS:
                parsed.values[name] = None
                parsed.errors = [e for e in parsed.errors if e[0] != name]
                parsed.errors.append((name, cells.formula_error(raw.strip())))
        return parsed

    return parse_marked


def marking_cells(
    parse: Callable[[int, Any], Parsed], sheet: Sheet, fields: Sequence[str]
) -> Callable[[int, Any], Parsed]:
    """``parse``, with each cell read as blank that is not blank in the file reported at its
    cell (its value blank; never imported as a blank optional cell nor called 必填): a
    formula saved without its value (Sheet.unsaved), and a cell of merged cells in the data
    other than the first, which alone holds the value. ``parse`` itself when the columns
    read have neither. ``fields``: the columns read, in the order parse reports them."""
    positions = {name: position + sheet.col0 for name, position in sheet.index.items()}
    spans = _merged_spans(sheet, positions)
    read = set(positions.values())
    unsaved = frozenset(cell for cell in sheet.unsaved if cell[1] in read)
    if not spans and not unsaved:
        return parse
    order = {name: i for i, name in enumerate(fields)}

    def parse_marked(row_no: int, row: Any) -> Parsed:
        parsed = parse(row_no, row)
        marks: dict[str, str] = {}
        if unsaved:
            for name, column in positions.items():
                if (row_no, column) in unsaved:
                    marks[name] = cells.unsaved_formula()
        for name, (starts, found) in spans.items():
            at = bisect_right(starts, row_no) - 1
            if name not in marks and at >= 0 and found[at][0] >= row_no:
                marks[name] = cells.merged_cell(found[at][1])
        if marks:
            parsed.values.update(dict.fromkeys(marks))
            kept = [e for e in parsed.errors if e[0] not in marks]
            parsed.errors = sorted(
                [*kept, *marks.items()], key=lambda e: order.get(e[0], len(order))
            )
        return parsed

    return parse_marked


def _merged_spans(
    sheet: Sheet, positions: dict[str, int]
) -> dict[str, tuple[list[int], list[tuple[int, str]]]]:
    """field → (first covered Excel row of each merged range in the data that covers its
    column, sorted; (last row, "A3:A10") of each)."""
    spans: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for (r0, c0), (r1, c1) in sheet.merged:
        if r0 < sheet.data_start:
            continue  # a title's, or the header's (the reader copies those down)
        cells_text = f"{get_column_letter(c0 + 1)}{r0 + 1}:{get_column_letter(c1 + 1)}{r1 + 1}"
        for name, column in positions.items():
            first = r0 + (2 if column == c0 else 1)  # the first cell alone holds the value
            if c0 <= column <= c1 and first <= r1 + 1:
                spans[name].append((first, r1 + 1, cells_text))
    return {
        name: ([s[0] for s in found], [(s[1], s[2]) for s in found])
        for name, found in ((n, sorted(f)) for n, f in spans.items())
    }


def _repeated(column: C.Column) -> Callable[[Any], Any]:
    """column.parse, remembering each distinct cell's outcome (not for text: names and
    ID numbers hardly repeat)."""
    if column.type in (C.TEXT, C.ID):
        return column.parse
    seen: dict[tuple[type, Any], tuple[bool, Any]] = {}

    def parse(value: Any) -> Any:
        key = (value.__class__, value)
        found = seen.get(key)
        if found is None:
            try:
                found = (True, column.parse(value))
            except cells.CellError as exc:
                found = (False, of(exc))
            if len(seen) < 20_000:
                seen[key] = found
        if found[0]:
            return found[1]
        raise cells.CellError(found[1])

    return parse


def _ambiguous(code: str, found: Sequence[School | TrainingBase]) -> str:
    """A typed code that reads as several stored ones (schools.codes), in every language."""
    codes = [record.code for record in found]
    return every_language(partial(school_codes.ambiguous_code_message, code, codes))


def _fold(value: Any) -> Any:
    """A stored value in the form the importer reads a cell in (cells.text: NFKC, trimmed).
    The API keeps text as typed (（中职）), an import reads it folded ((中职))."""
    return cells.text(value) if type(value) is str else value


def _same_text(stored: Any, read: Any) -> bool:
    return type(stored) is str and type(read) is str and cells.text(stored) == read


def _other_name(stored: str, given: str | None) -> bool:
    """A name given with a registered person's ID number (a teacher's, a mentor's) that is
    not theirs, compared as a cell is read: refused with name_mismatch, which never tells
    the stored name, and never taken as a rename (a rename is an edit of the record)."""
    return bool(given) and given != stored and not _same_text(stored, given)


def _delta(current: dict[str, Any], new: dict[str, Any]) -> dict[str, Any] | None:
    """What to write over the stored row ``current``: None when nothing changed, else
    ``new`` with the stored spelling kept for text that differs only by folding (so an
    export re-imports unchanged and the API's spelling stays)."""
    changed = False
    kept: dict[str, Any] | None = None
    for name, value in new.items():
        stored = current.get(name)
        if stored == value:
            continue
        if _same_text(stored, value):
            if kept is None:
                kept = dict(new)
            kept[name] = stored
        else:
            changed = True
    if not changed:
        return None
    return new if kept is None else kept


def _counted_first(existing: dict[Any, dict[str, Any]], key: Any, current: dict[str, Any]) -> None:
    """The stored record a row's key names: the one that counts, when a rejected proposal
    has the same key (it stands in nobody's way). Writing the row over the rejected one
    would make it a second copy of the record (teachers.models: teachers_certificate_once)."""
    held = existing.setdefault(key, current)
    if held["status"] == RecordStatus.REJECTED and current["status"] != RecordStatus.REJECTED:
        existing[key] = current


class Importer:
    """One import of one sheet by one user; keeps what it saw across batches."""

    spec: ClassVar[C.SheetSpec]
    roles: ClassVar[frozenset[str]]
    key_field: ClassVar[str] = "id_number"  # where a duplicate-row error is shown
    # check() reads the raw cells too: the dry run's parsed values cannot stand in for the
    # file at commit (services.import_run keeps them only when this is False).
    reads_raw: ClassVar[bool] = False
    # The dry run keeps its rows checked (values as written), and the commit runs only
    # recheck() on them: what the database may have changed since (issue 11).
    keeps_checked: ClassVar[bool] = False
    # check() keeps nothing across batches but ``seen`` and its charges, so a dry run may
    # check the second half of a large sheet in a helper process (services._Helper).
    checks_in_halves: ClassVar[bool] = False
    # The column a written field is read from, where their names differ.
    column_of: ClassVar[dict[str, str]] = {}
    # The database constraint that stores the importer's record once (teachers models:
    # teachers_certificate_once…): a clash with it at commit names the rows (twins).
    twin_constraint: ClassVar[str] = ""
    # At commit, lock_ahead() is given every row of the file (parsed, not checked) before
    # the first batch is checked: what it locks is then taken once, not batch by batch.
    locks_ahead: ClassVar[bool] = False

    def __init__(self, user: User) -> None:
        self.user = user
        self._updates: dict[tuple[tuple[str, ...], tuple[str, ...]], list[str]] = {}
        self.job: ImportJob | None = None  # set when committing: audit entries name it
        self.teacher_ids: set[int] = set()
        self.seen: dict[Any, int] = {}  # record key → first row that had it
        # Lookups counted but not yet charged (a dry run's helper: the parent charges them).
        self.deferred_charges: dict[str, int] | None = None
        # With a twin_constraint: the keys whose record the commit made one that counts
        # (created, or a rejected proposal confirmed); and, when a commit clashed with the
        # constraint, those keys for the file's check again (stored_twin_errors).
        self.counted_keys: set[Any] = set()
        self.twins: set[Any] = set()

    @property
    def scoped(self) -> bool:
        return self.user.role != Role.PROVINCE

    def read_columns(self) -> tuple[C.Column, ...]:
        return self.spec.read_columns(scoped=self.scoped)

    @staticmethod
    def absent(batch: list[Parsed]) -> tuple[str, ...]:
        """The fields whose column the sheet leaves out (the same for every row)."""
        return batch[0].values.get(ABSENT, ()) if batch else ()

    def updates(self, batch: list[Parsed], fields: list[str]) -> list[str]:
        """Of ``fields``, those an update writes: the ones whose column the sheet has; the
        stored values of the rest are kept (a new record takes the defaults). Worked out
        once per sheet."""
        key = (self.absent(batch), tuple(fields))
        names = self._updates.get(key)
        if names is None:
            names = [f for f in fields if self.column_of.get(f, f) not in key[0]]
            self._updates[key] = names
        return names

    def check(self, batch: list[Parsed]) -> None:
        raise NotImplementedError

    def recheck(self, batch: list[Parsed]) -> None:
        """Rows check() passed in the dry run, kept as it left them (keeps_checked)."""
        raise NotImplementedError

    def recheck_ahead(self, rows: Iterable[Parsed]) -> None:
        """At commit, the kept rows of the next few batches, before the first of them is
        rechecked: what recheck() reads for them can be read now, at once (optional)."""

    def lock_ahead(self, rows: Iterable[Parsed]) -> None:
        """At commit (locks_ahead), before the first batch: lock what the whole file's
        batches will lock, at once and in one order (two commits that met the same rows in
        opposite orders batch by batch could each hold what the other waits for)."""

    def write(self, batch: list[Parsed]) -> Written:
        raise NotImplementedError

    def finish(self) -> list[Parsed]:
        """Once every batch is checked: the rows a rule over the whole file refuses (one
        whose rows may fall in different batches), each with its errors, in row order.
        Such an importer keeps what the rule needs across batches (not the rows), and does
        not check in halves (the helper sends back only the keys it saw)."""
        return []

    def write_keyed(
        self,
        model: type[Model],
        items: Iterable[tuple[tuple[Any, ...], dict[str, Any]]],
        *,
        key_fields: tuple[str, ...],
        existing: dict[Any, dict[str, Any]],
        updates: list[str] | None = None,
        settled: dict[str, Any] | None = None,
    ) -> Written:
        """Insert rows whose key is new, update those whose values changed, leave the rest;
        every change audited. `items` are (key, values) pairs; `existing` maps a key (text
        folded as the sheet's is) to the stored row (with its id and version). An update
        writes only `updates` (default: every value; see Importer.updates) and `settled`,
        what any record an import writes becomes (confirmed, DESIGN §3)."""
        result = Written()
        new: list[dict[str, Any]] = []
        changed: list[dict[str, Any]] = []
        before: list[dict[str, Any]] = []
        for key, values in items:
            identity = dict(zip(key_fields, key, strict=True))
            current = existing.get(key)
            if self.twin_constraint and (
                current is None or current.get("status") == RecordStatus.REJECTED
            ):
                self.counted_keys.add(key)
            if current is None:
                new.append({**identity, **values, "version": 1})
            else:
                wanted = {n: values[n] for n in (values if updates is None else updates)}
                if settled:
                    wanted.update(settled)
                delta = _delta(current, wanted)
                if delta is not None:
                    before.append(current)
                    changed.append(
                        {"id": current["id"], **delta, "version": current["version"] + 1}
                    )
                else:
                    result.unchanged += 1
                    continue  # nothing written: its teacher is not re-evaluated for it
            if "teacher_id" in identity:
                self.teacher_ids.add(int(identity["teacher_id"]))
        pairs = list(zip(before, changed, strict=True))
        # The record type's own batch service (one write path).
        BATCH_SERVICES[model](new=new, updated=pairs, **self.audit_args())
        result.created, result.updated = len(new), len(changed)
        return result

    def stored_twin_errors(
        self,
        batch: list[Parsed],
        existing: dict[Any, dict[str, Any]],
        key: Callable[[dict[str, Any]], Any],
        rule: Callable[..., Any],
    ) -> None:
        """A commit met twin_constraint: another writer stored a record between its check
        and its write. The file checked again (services._stored_since), a row whose record
        the commit was to make one that counts (``twins``) and that now has a stored one
        that counts is refused as a stored duplicate is (``rule``: teachers.validation)."""
        if not self.twins:
            return
        for row in batch:
            named = key(row.values)
            found = existing.get(named) if named in self.twins else None
            if found is not None and found["status"] != RecordStatus.REJECTED:
                row.add(rule_errors(rule, row.values, [found]))

    def audit_args(self) -> dict[str, Any]:
        """Who the audit entries name: the import's owner, and the import itself."""
        if self.job is None:
            return {"actor_id": self.user.pk, "audit_data": None}
        return {
            "actor_id": self.job.owner_id,
            "audit_data": {"import": self.job.pk, "kind": self.job.kind},
        }

    def once(self, row: Parsed, key: Any, message: str = "") -> bool:
        """False (and an error) when an earlier row of the file has the same key."""
        first = self.seen.setdefault(key, row.row)
        if first != row.row:
            row.error(
                self.key_field,
                t(message or "The same record is also in row %(row)d.", row=first),
            )
            return False
        return True

    def charge(self, count: int, what: str) -> None:
        """Count a batch's ID-number lookups against the user's daily budget (the dry run
        only: the commit re-reads the same rows)."""
        if self.deferred_charges is not None:
            self.deferred_charges[what] = self.deferred_charges.get(what, 0) + count
        elif self.job is None:
            try:
                id_lookups_charge(user=self.user, count=count, what=what)
            except LookupBudgetExceeded as exc:
                raise FileProblem(exc.message) from None  # the whole upload is refused

    # Shared look-ups -------------------------------------------------------------------

    def school_for(self, row: Parsed, schools: dict[str, list[School]]) -> School | None:
        """The school a row belongs to: the user's own, or the one its code names."""
        code = row.values.get("school")
        if self.user.role == Role.SCHOOL_HR:
            own = self.user.school
            assert own is not None
            if code and L.normalize_key(code) != L.normalize_key(own.code):
                row.error(
                    "school",
                    t("You can only import into your own school (%(code)s).", code=own.code),
                )
                return None
            return own
        if not code:
            return None  # "Required." was reported
        found = schools.get(L.normalize_key(code), [])
        if len(found) > 1:  # stored before codes were one whatever their case: not chosen
            row.error("school", _ambiguous(code, found))
            return None
        if not found:
            row.error("school", t("No school has the code “%(code)s”.", code=code))
            return None
        return found[0]

    def schools(self, batch: list[Parsed]) -> dict[str, list[School]]:
        """The schools the batch's codes read as (schools.codes.by_key)."""
        if self.user.role == Role.SCHOOL_HR:
            return {}
        return school_codes.by_key(School.objects.all(), (r.values.get("school") for r in batch))

    def teachers_by_id(self, batch: list[Parsed], *, scoped: bool) -> dict[str, dict[str, Any]]:
        ids = {r.values["id_number"] for r in batch if r.values.get("id_number")}
        queryset = Teacher.objects.filter(id_number__in=ids)
        if scoped:
            queryset = in_school_scope(queryset, self.user, school="school")
        return {
            row["id_number"]: dict(row)
            for row in queryset.values("id", "id_number", "name", "birth_date", "left_on")
        }

    def teacher_of(
        self, row: Parsed, teachers: dict[str, dict[str, Any]], *, not_found: str
    ) -> int | None:
        number = row.values.get("id_number")
        if not number:
            return None
        teacher = teachers.get(number)
        if teacher is None:
            # A mistyped number says what is wrong with it (check digit, length), as the
            # API's lookup does; "no teacher" would send the clerk looking for one.
            malformed = rule_errors(person_errors, {"id_number": number})
            if malformed:
                row.add(malformed, only=("id_number",))
            else:
                row.error("id_number", t(not_found))
            return None
        if _other_name(teacher["name"], row.values.get("name")):
            row.error("name", every_language(name_mismatch))
        return int(teacher["id"])


# Where an error of a stored teacher value (its column left out of the sheet) is shown: the
# leaving date disagrees with the hiring date, gender and birth date with the ID number.
STORED_SHOWN_AT = {"left_on": "hired_on"}


class TeacherImporter(Importer):
    spec = C.TEACHERS
    roles = frozenset({Role.PROVINCE, Role.SCHOOL_HR})
    fields = [
        "staff_no", "name", "gender", "birth_date", "employment", "course_type", "major",
        "education", "normal_graduate", "title", "hired_on", "teaching_since", "left_on",
        "major_category",
    ]  # fmt: skip

    keeps_checked = True
    checks_in_halves = True

    def __init__(self, user: User) -> None:
        super().__init__(user)
        self.existing: dict[str, dict[str, Any]] = {}
        self.alive: set[int] | None = None  # schools that exist, read by recheck_ahead
        self.staff_held: dict[tuple[int, str], list[str]] = {}  # read by recheck_ahead

    def _existing(self, batch: list[Parsed]) -> None:
        self._existing_of({r.values["id_number"] for r in batch if r.values.get("id_number")})

    def _existing_of(self, numbers: set[str]) -> None:
        ids = list(numbers)
        names = ["id", "id_number", "school_id", "version", *self.fields]
        if connection.vendor == "postgresql":
            # One array parameter instead of 2,000 placeholders to build and parse per batch.
            table = connection.ops.quote_name(Teacher._meta.db_table)
            columns = ", ".join(connection.ops.quote_name(n) for n in names)
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT {columns} FROM {table} WHERE id_number = ANY(%s)", [ids])
                found = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
        else:
            found = list(Teacher.objects.filter(id_number__in=ids).values(*names))
        self.existing = {row["id_number"]: row for row in found}

    def _own(self, current: dict[str, Any]) -> bool:
        """Whether the user may read this stored teacher (a school HR: their school's)."""
        return self.user.role != Role.SCHOOL_HR or current["school_id"] == self.user.school_id

    def _elsewhere(self, row: Parsed) -> bool:
        """A school HR's row naming a teacher another school has registered."""
        current = self.existing.get(row.values["id_number"])
        if current is not None and not self._own(current):
            row.error("id_number", every_language(registered_elsewhere))
            return True
        return False

    def recheck_ahead(self, rows: Iterable[Parsed]) -> None:
        """Read for the next batches at once: the schools that still exist, who holds each
        ID number (self.existing then covers them all), the new teachers' ids, and who
        holds the rows' staff numbers."""
        rows = list(rows)
        numbers: set[str] = set()
        schools: set[int | None] = set()
        for row in rows:
            if row.values.get("id_number"):
                numbers.add(row.values["id_number"])
            schools.add(row.values.get("school_id"))
        self.alive = set(School.objects.filter(pk__in=schools).values_list("pk", flat=True))
        self._existing_of(numbers)
        bulk.draw_ahead(Teacher, len(numbers) - len(self.existing))
        self.staff_held = self._staff_no_holders(rows)

    def recheck(self, batch: list[Parsed]) -> None:
        """The row's own rules and duplicates within the file held in the dry run and still
        do; the database may have changed: the schools, and who holds each ID number."""
        if self.alive is not None:
            alive = self.alive  # read ahead (recheck_ahead) for this batch and the next ones
        else:
            schools = {r.values["school_id"] for r in batch}
            alive = set(School.objects.filter(pk__in=schools).values_list("pk", flat=True))
            self._existing(batch)
        for row in batch:
            if row.values["school_id"] not in alive:
                code = row.values.get("school") or ""
                row.error("school", t("No school has the code “%(code)s”.", code=code))
            self._elsewhere(row)
        self._kept_changed(batch)  # a stored value the row is checked with may have changed
        self._left_before_completions(batch)  # a completion may have been logged since
        self._birth_after_records(batch)  # a record may have been stored since
        # A teacher may have been given the number since (read ahead with the rest).
        self._staff_no_stored(batch, self.staff_held if self.alive is not None else None)

    def check(self, batch: list[Parsed]) -> None:
        schools = self.schools(batch)
        self._existing(batch)
        # A registered teacher keeps the stored values of the columns the sheet leaves out
        # (write() does not write them): the row is checked with those.
        kept = [f for f in self.fields if f not in self.updates(batch, self.fields)]
        elsewhere = 0  # rows naming a teacher of another school: ID-number lookups
        today = timezone.localdate()
        for row in batch:
            values = row.values
            school = self.school_for(row, schools)
            values["school_id"] = school.pk if school else None
            current = self.existing.get(values.get("id_number") or "") if kept else None
            if current is not None and not self._own(current):
                # Another school's teacher: refused at the ID number (_elsewhere), and
                # checked with the sheet's values only, so that no error tells what is
                # stored for them (a leaving date, by trying hiring dates).
                current = None
            if current is not None:
                for name in kept:
                    values[name] = current[name]
            self._defaults(values)
            number = values.get("id_number")
            if not number:
                continue
            self._rules(row, kept if current is not None else [])
            if not self.once(row, number, "This ID number is also in row %(row)d."):
                continue
            elsewhere += self._elsewhere(row)
            self._staff_no_once(row, today)
        self.charge(elsewhere, "teachers_import")
        self._left_before_completions(batch)
        self._birth_after_records(batch)
        self._staff_no_stored(batch)

    def _staff_no_check(self, row: Parsed, today: date) -> str:
        """The staff-number key the row puts in question (validation.staff_no_to_check)."""
        values = row.values
        if values.get("school_id") is None or not values.get("id_number"):
            return ""
        current = self.existing.get(values["id_number"])
        if current is not None and not self._own(current):
            return ""  # refused at the ID number (_elsewhere)
        return staff_no_to_check(values, current, today=today)

    def _staff_no_once(self, row: Parsed, today: date) -> None:
        """A later row of the file with an earlier row's staff number at the same school
        is refused, naming the earlier row (both current teachers; a row that keeps its
        stored teacher's number and school is not: records from before the rule)."""
        values = row.values
        key = staff_no_to_check(values, None, today=today)
        if not key or values.get("school_id") is None:
            return
        first = self.seen.setdefault(("staff_no", values["school_id"], key), row.row)
        if first != row.row and self._staff_no_check(row, today):
            row.error("staff_no", every_language(partial(staff_no_repeated, first)))

    def _staff_no_holders(self, rows: list[Parsed]) -> dict[tuple[int, str], list[str]]:
        today = timezone.localdate()
        pairs = [(row.values["school_id"], self._staff_no_check(row, today)) for row in rows]
        return teacher_services.staff_no_holders(pair for pair in pairs if pair[1])

    def _staff_no_stored(
        self, batch: list[Parsed], holders: dict[tuple[int, str], list[str]] | None = None
    ) -> None:
        """A row's staff number held by another current teacher of its school on record
        is refused, as in the API (teachers.services.teacher_create, teacher_update).
        ``holders``: read ahead for the batch (recheck_ahead)."""
        today = timezone.localdate()
        asked = [(row, self._staff_no_check(row, today)) for row in batch]
        if holders is None:
            holders = teacher_services.staff_no_holders(
                (row.values["school_id"], key) for row, key in asked if key
            )
        for row, key in asked:
            found = holders.get((row.values["school_id"], key), []) if key else []
            if any(number != row.values["id_number"] for number in found):
                row.error("staff_no", every_language(staff_no_taken))

    def _birth_after_records(self, batch: list[Parsed]) -> None:
        """A birth date the sheet changes keeps the teacher's stored certificates and
        periods to the record rules, as in the API (teachers.services.teacher_update):
        refused at the row's birth date, naming the first record that would break them."""
        if "birth_date" not in self.updates(batch, self.fields):
            return  # no column: the stored date is kept
        births: dict[int, date] = {}
        changing: list[tuple[Parsed, int]] = []
        for row in batch:
            current = self.existing.get(row.values.get("id_number") or "")
            birth = row.values.get("birth_date")
            if current is None or not self._own(current) or not isinstance(birth, date):
                continue
            if birth != current["birth_date"]:
                births[current["id"]] = birth
                changing.append((row, current["id"]))
        records = teacher_services.records_birth_checks(births)
        for row, teacher_id in changing:
            if teacher_id in records:
                birth = births[teacher_id]
                row.add(rule_errors(birth_date_errors, birth, *records[teacher_id]))

    @staticmethod
    def _rules(row: Parsed, kept: list[str]) -> None:
        """The row's own rules (teachers.validation), with the stored values of the ``kept``
        columns (those the sheet leaves out) in its values: an error of a stored value is
        shown at the column it disagrees with, since the sheet has no cell for it."""
        errors = rule_errors(teacher_errors, row.values)
        for name in kept:
            for message in errors.pop(name, []):
                row.error(STORED_SHOWN_AT.get(name, "id_number"), message)
        row.add(errors)

    def _kept_changed(self, batch: list[Parsed]) -> None:
        """At commit: a stored value of a column the sheet leaves out that changed since the
        dry run (an edit in between, or a teacher registered meanwhile) is checked with the
        row again, as the dry run checked the value it found."""
        kept = [f for f in self.fields if f not in self.updates(batch, self.fields)]
        if not kept:
            return
        for row in batch:
            current = self.existing.get(row.values.get("id_number") or "")
            if current is None or not self._own(current):
                continue  # a new teacher (defaults, as checked), or refused by _elsewhere
            values = row.values
            if all(values.get(name) == current[name] for name in kept):
                continue
            for name in kept:
                values[name] = current[name]
            self._rules(row, kept)

    def _left_before_completions(self, batch: list[Parsed]) -> None:
        """A leaving date the sheet changes is not before a completion on file, as in the
        API (teachers.services.teacher_update): refused at the row's leaving date."""
        if "left_on" not in self.updates(batch, self.fields):
            return  # no column: the stored date is kept
        leaving: dict[int, date] = {}
        changing: list[tuple[Parsed, int]] = []
        for row in batch:
            current = self.existing.get(row.values.get("id_number") or "")
            left_on = row.values.get("left_on")
            if current is None or not self._own(current) or not isinstance(left_on, date):
                continue
            if left_on != current["left_on"]:
                leaving[current["id"]] = left_on
                changing.append((row, current["id"]))
        last = teacher_services.completions_after_leaving(leaving)
        for row, teacher_id in changing:
            if teacher_id in last:
                row.add(rule_errors(leaving_errors, leaving[teacher_id], last[teacher_id]))

    @staticmethod
    def _defaults(values: dict[str, Any]) -> None:
        """Blank gender and birth date come from the ID number; blank flags take defaults."""
        number = values.get("id_number")
        if number and (not values.get("gender") or not values.get("birth_date")):
            try:
                info = parse_id_number(number)
            except ValueError:
                info = None  # teacher_errors reports the ID number
            if info is not None:
                values["gender"] = values.get("gender") or info.gender
                values["birth_date"] = values.get("birth_date") or info.birth_date
        if values.get("normal_graduate") is None:
            values["normal_graduate"] = False
        if not values.get("title"):
            values["title"] = "none"
        for name in ("staff_no", "major"):
            values[name] = values.get(name) or ""

    def write(self, batch: list[Parsed]) -> Written:
        result = Written()
        new: list[dict[str, Any]] = []
        changed: list[dict[str, Any]] = []
        before: list[dict[str, Any]] = []
        now = timezone.now()
        names = [*self.fields, "school_id"]
        updates = [*self.updates(batch, self.fields), "school_id"]  # the sheet's columns
        for row in batch:
            values = row.values
            number = values["id_number"]
            current = self.existing.get(number)
            if current is None:
                values = {name: values[name] for name in names}
                new.append(
                    {
                        "id_number": number,
                        **values,
                        "version": 1,
                        "created_at": now,
                        "updated_at": now,
                    }
                )
            elif (delta := _delta(current, {name: values[name] for name in updates})) is not None:
                before.append(current)
                changed.append(
                    {
                        "id": current["id"],
                        **delta,
                        "version": current["version"] + 1,
                        "updated_at": now,
                    }
                )
            else:
                result.unchanged += 1  # nothing written, nothing to re-evaluate
        # Each teacher is in one row of the file: evaluated with its batch (new ones from
        # their rows, without reads, the changed ones by the service).
        teacher_services.teachers_write_batch(
            new=new,
            updated=list(zip(before, changed, strict=True)),
            reevaluate=True,
            **self.audit_args(),
        )
        result.created += len(new)
        result.updated += len(changed)
        return result


class CertificateImporter(Importer):
    spec = C.CERTIFICATES
    roles = frozenset({Role.PROVINCE, Role.SCHOOL_HR})
    fields = ["level", "name", "field", "issuer", "issued_on", "expires_on", "field_category"]
    column_of = {"name": "cert_name"}  # the "name" column is the teacher's (checked only)
    reads_raw = True  # the level's label is read against the certificate kind
    # A row repeating another is shown at its number, where a stored duplicate is
    # (teachers.validation.certificate_duplicate_errors), not at the teacher's ID number.
    key_field = "number"
    twin_constraint = "teachers_certificate_once"

    def __init__(self, user: User) -> None:
        super().__init__(user)
        self.existing: dict[tuple[int, str, str], dict[str, Any]] = {}

    def check(self, batch: list[Parsed]) -> None:
        teachers = self.teachers_by_id(batch, scoped=True)
        today = timezone.localdate()
        for row in batch:
            values = row.values
            values["teacher_id"] = self.teacher_of(
                row,
                teachers,
                not_found=NOT_IN_SCOPE,
            )
            values["name"], values["teacher_name"] = values.pop("cert_name") or "", values["name"]
            for name in ("field", "issuer"):
                values[name] = values.get(name) or ""
            kind = values.get("kind")
            if kind and values.get("level"):
                levels = L.CERTIFICATE_LEVEL[kind]
                try:
                    values["level"] = cells.choice(
                        row.raw["level"],
                        L.certificate_level_lookup(kind),
                        L.dropdown(levels),
                        english=L.certificate_level_english(kind),
                    )
                except cells.CellError as exc:
                    values["level"] = None
                    row.error("level", of(exc))
                else:
                    birth = teachers.get(values.get("id_number") or "", {}).get("birth_date")
                    row.add(rule_errors(certificate_errors, values, birth_date=birth, today=today))
            if values["teacher_id"] and kind and values.get("number"):
                self.once(row, (values["teacher_id"], kind, values["number"]))
        teacher_ids = {r.values["teacher_id"] for r in batch if r.values.get("teacher_id")}
        self.existing = {}
        for current in (
            Certificate.objects.filter(teacher_id__in=teacher_ids)
            .values("id", "teacher_id", "kind", "number", "version", *self.fields, *SETTLED)
            .order_by("id")
        ):
            key = (current["teacher_id"], current["kind"], _fold(current["number"]))
            _counted_first(self.existing, key, current)
        self.stored_twin_errors(
            batch,
            self.existing,
            lambda v: (v["teacher_id"], v["kind"], v["number"]),
            certificate_duplicate_errors,
        )
        if "expires_on" in self.absent(batch):
            self._stored_expiry(batch)

    def _stored_expiry(self, batch: list[Parsed]) -> None:
        """Without an expiry column an update keeps the stored expiry date: the sheet's
        issue date must not come after it."""
        for row in batch:
            v = row.values
            if row.errors:
                continue
            current = self.existing.get((v["teacher_id"], v["kind"], v["number"]))
            if current is None:
                continue
            dates = {"issued_on": v.get("issued_on"), "expires_on": current["expires_on"]}
            for message in rule_errors(certificate_errors, dates).get("expires_on", []):
                row.error("issued_on", message)

    def write(self, batch: list[Parsed]) -> Written:
        return self.write_keyed(
            Certificate,
            (
                (
                    (row.values["teacher_id"], row.values["kind"], row.values["number"]),
                    {name: row.values[name] for name in self.fields},
                )
                for row in batch
            ),
            key_fields=("teacher_id", "kind", "number"),
            existing=self.existing,
            updates=self.updates(batch, self.fields),
            settled=SETTLED,
        )


class PeriodImporter(Importer):
    spec = C.PERIODS
    roles = frozenset({Role.PROVINCE, Role.SCHOOL_HR})
    fields = ["credit_code", "position", "end_on"]
    # A row repeating another is shown at its start, where a stored duplicate is
    # (teachers.validation.period_duplicate_errors), not at the teacher's ID number.
    key_field = "start_on"
    twin_constraint = "teachers_period_once"

    def __init__(self, user: User) -> None:
        super().__init__(user)
        self.existing: dict[tuple[int, str, str, date], dict[str, Any]] = {}

    def check(self, batch: list[Parsed]) -> None:
        teachers = self.teachers_by_id(batch, scoped=True)
        today = timezone.localdate()
        for row in batch:
            v = row.values
            v["teacher_id"] = self.teacher_of(
                row,
                teachers,
                not_found=NOT_IN_SCOPE,
            )
            v["credit_code"] = (v.get("credit_code") or "").upper()
            v["position"] = v.get("position") or ""
            birth = teachers.get(v.get("id_number") or "", {}).get("birth_date")
            row.add(rule_errors(period_errors, v, birth_date=birth, today=today))
            if v["teacher_id"] and v.get("kind") and v.get("enterprise") and v.get("start_on"):
                self.once(row, self._key(v))
        teacher_ids = {r.values["teacher_id"] for r in batch if r.values.get("teacher_id")}
        self.existing = {}
        names = ["id", "teacher_id", "kind", "enterprise", "start_on", "version", *self.fields]
        for current in (
            EnterprisePeriod.objects.filter(teacher_id__in=teacher_ids)
            .values(*names, *SETTLED)
            .order_by("id")
        ):
            # The enterprise as the sheet reads it: 江西铜业（集团） typed in the API is the
            # same period as the sheet's 江西铜业(集团) (the stored spelling is kept).
            key = (current["teacher_id"], current["kind"], _fold(current["enterprise"]))
            _counted_first(self.existing, (*key, current["start_on"]), current)
        self.stored_twin_errors(batch, self.existing, self._key, period_duplicate_errors)

    @staticmethod
    def _key(v: dict[str, Any]) -> tuple[int, str, str, date]:
        return (v["teacher_id"], v["kind"], v["enterprise"], v["start_on"])

    def write(self, batch: list[Parsed]) -> Written:
        return self.write_keyed(
            EnterprisePeriod,
            (
                ((self._key(row.values)), {name: row.values[name] for name in self.fields})
                for row in batch
            ),
            key_fields=("teacher_id", "kind", "enterprise", "start_on"),
            existing=self.existing,
            updates=self.updates(batch, self.fields),
            settled=SETTLED,
        )


class MentorAppointmentImporter(Importer):
    spec = C.MENTOR_APPOINTMENTS
    roles = frozenset({Role.PROVINCE, Role.SCHOOL_HR})
    mentor_fields = ["name", "gender", "birth_date", "enterprise", "category", "title", "skills"]
    details = ("enterprise", "category", "title", "skills")  # one mentor's rows agree on them
    fields = ["end_on", "hours"]

    def __init__(self, user: User) -> None:
        super().__init__(user)
        self.mentors: dict[str, dict[str, Any]] = {}  # id number → current values (or new)
        self.foreign: set[int] = set()  # mentors another school appoints (HR imports)
        self.existing: dict[tuple[int, int, str, date], dict[str, Any]] = {}
        # (id number, school, mode) → (start, end, row) of the file's rows so far
        self.spans: dict[tuple[str, int, str], list[tuple[date, date | None, int]]] = {}
        # id number → the first row naming the mentor, and the name and details it gives
        self.first_of: dict[str, tuple[int, dict[str, Any]]] = {}

    def check(self, batch: list[Parsed]) -> None:
        schools = self.schools(batch)
        # The mentor's details the sheet gives (a column left out gives none).
        details = [f for f in self.details if f in self.updates(batch, self.mentor_fields)]
        ids = {r.values["id_number"] for r in batch if r.values.get("id_number")}
        for current in Mentor.objects.filter(id_number__in=ids).values(
            "id", "id_number", "version", *self.mentor_fields
        ):
            self.mentors.setdefault(current["id_number"], current)
        if self.user.role == Role.SCHOOL_HR and self.user.school_id is not None:
            # Mentors another school appoints are the province's records: appointed, never
            # edited from here; naming one is an ID-number lookup. So is naming a mentor the
            # school cannot read (another school's HR registered them, or the province, and
            # no school appoints them yet): the row tells whether the name matches.
            known = [m["id"] for n, m in self.mentors.items() if n in ids and m.get("id")]
            self.foreign.update(
                MentorAppointment.objects.filter(mentor_id__in=known)
                .exclude(school_id=self.user.school_id)
                .values_list("mentor_id", flat=True)
            )
            readable = set(
                mentor_selectors.mentors_visible_to(self.user)
                .filter(pk__in=known)
                .values_list("pk", flat=True)
            )
            looked_up = self.foreign | (set(known) - readable)
            self.charge(
                sum(
                    1
                    for r in batch
                    if self.mentors.get(r.values.get("id_number") or "", {}).get("id") in looked_up
                ),
                "mentor_appointments_import",
            )
        for row in batch:
            v = row.values
            school = self.school_for(row, schools)
            v["school_id"] = school.pk if school else None
            for name in ("title", "skills"):
                v[name] = v.get(name) or ""
            v["hours"] = v.get("hours") or 0
            number: str = v.get("id_number") or ""
            # Every error of the row is reported: a bad ID number does not hide the dates'.
            valid = False
            if number:
                errors = rule_errors(person_errors, v)
                row.add(errors)
                valid = not errors
            if valid:
                info = parse_id_number(number)
                v["gender"], v["birth_date"] = info.gender, info.birth_date
                if starts_too_young(info.birth_date, v.get("start_on")):
                    row.error(
                        "start_on",
                        every_language(partial(mentor_services.too_young_message, info.birth_date)),
                    )
                self._one_mentor(row, details)
            if v.get("end_on") and v.get("start_on") and v["end_on"] < v["start_on"]:
                row.add(
                    rule_errors(period_errors, {"start_on": v["start_on"], "end_on": v["end_on"]})
                )
            days = hours_over_span(v["hours"], v.get("start_on"), v.get("end_on"))
            if days is not None:
                row.error(
                    "hours",
                    every_language(partial(mentor_services.hours_over_span_message, days)),
                )
            if valid and v["school_id"] and v.get("mode") and v.get("start_on"):
                self.once(row, (number, v["school_id"], v["mode"], v["start_on"]))
        mentor_ids = [m["id"] for m in self.mentors.values() if m.get("id")]
        self.existing = {}
        for current in (
            MentorAppointment.objects.filter(mentor_id__in=mentor_ids)
            .values("id", "mentor_id", "school_id", "mode", "start_on", "version", *self.fields)
            .order_by("id")
        ):
            key = (current["mentor_id"], current["school_id"], current["mode"], current["start_on"])
            self.existing.setdefault(key, current)
        self._refuse_overlaps(batch)

    def _one_mentor(self, row: Parsed, details: list[str]) -> None:
        """A row naming a registered mentor gives their name (_other_name, as for a
        teacher: the name is not changed from here, nor another person's row quietly filed
        under them; the API has no such pair: an appointment names the mentor by id or ID
        number alone, a rename is an edit of the mentor). The rows of one mentor in the
        file give one name and the same details: a mentor has one current employer and
        category, which no row's value may silently overwrite with another's (a stored
        mentor's details the file does change, all its rows alike: they are the mentor's
        current ones)."""
        v = row.values
        number, name = v["id_number"], v.get("name")
        if not name:
            return  # "Required." was reported
        current = self.mentors.get(number)
        if current is not None and current.get("id") and _other_name(current["name"], name):
            row.error("name", every_language(name_mismatch))
            return  # not the rows' name to hold the later ones to
        given = {n: v.get(n) for n in ("name", *details)}
        first, earlier = self.first_of.setdefault(number, (row.row, given))
        if first == row.row:
            return
        if earlier["name"] != name:
            row.error(
                "name",
                t(
                    "Row %(row)d has this ID number with another name (%(name)s).",
                    row=first,
                    name=earlier["name"],
                ),
            )
            return
        for detail in details:
            if earlier.get(detail) != given[detail]:
                row.error(
                    detail,
                    t(
                        "This mentor is also in row %(row)d with another value in this column; "
                        "give the same on each of the mentor's rows.",
                        row=first,
                    ),
                )

    def _refuse_overlaps(self, batch: list[Parsed]) -> None:
        """One mentor's appointments to one school in one mode may not share a day, whether
        both are rows of this file or one is already stored (the same start is the same
        appointment: an update, not an overlap). A stored appointment the file updates is
        compared as the file has it (its row is among the file's), not as stored: a file may
        shorten one and add the next."""
        in_file: dict[tuple[str, int, str], set[date]] = defaultdict(set)
        for group, spans in self.spans.items():
            in_file[group].update(s for s, _e, _r in spans)
        for row in batch:
            v = row.values
            if not row.errors and v.get("school_id") and v.get("mode") and v.get("start_on"):
                in_file[(v["id_number"], v["school_id"], v["mode"])].add(v["start_on"])
        number_of = {m["id"]: n for n, m in self.mentors.items() if m.get("id")}
        stored: dict[tuple[int, int, str], list[tuple[date, date | None]]] = defaultdict(list)
        for (mentor_id, school_id, mode, start), current in self.existing.items():
            if start not in in_file.get((number_of.get(mentor_id, ""), school_id, mode), ()):
                stored[(mentor_id, school_id, mode)].append((start, current["end_on"]))
        keeps_end = "end_on" in self.absent(batch)  # an update keeps the stored end date
        for row in batch:
            v = row.values
            if row.errors or not (v.get("school_id") and v.get("mode") and v.get("start_on")):
                continue
            start, end = v["start_on"], v.get("end_on")
            mentor = self.mentors.get(v["id_number"], {}).get("id")
            if keeps_end and mentor is not None:
                same = self.existing.get((mentor, v["school_id"], v["mode"], start))
                end = same["end_on"] if same is not None else end
            group = (v["id_number"], v["school_id"], v["mode"])
            earlier = self.spans.setdefault(group, [])
            clash = next(
                (r for s, e, r in earlier if s != start and spans_overlap(start, end, s, e)), None
            )
            in_db = mentor is not None and any(
                s != start and spans_overlap(start, end, s, e)
                for s, e in stored.get((mentor, v["school_id"], v["mode"]), [])
            )
            if clash is not None:
                row.error(
                    "start_on",
                    t(
                        "This appointment overlaps the one in row %(row)d (same mentor, school "
                        "and mode).",
                        row=clash,
                    ),
                )
            elif in_db:
                row.error(
                    "start_on",
                    t(
                        "This mentor already has an appointment at this school in this mode "
                        "during these dates."
                    ),
                )
            earlier.append((start, end, row.row))

    def write(self, batch: list[Parsed]) -> Written:
        self._write_mentors(batch)
        return self.write_keyed(
            MentorAppointment,
            (
                (
                    (
                        self.mentors[row.values["id_number"]]["id"],
                        row.values["school_id"],
                        row.values["mode"],
                        row.values["start_on"],
                    ),
                    {name: row.values[name] for name in self.fields},
                )
                for row in batch
            ),
            key_fields=("mentor_id", "school_id", "mode", "start_on"),
            existing=self.existing,
            updates=self.updates(batch, self.fields),
        )

    def _write_mentors(self, batch: list[Parsed]) -> None:
        """Create or update each mentor once (check() held the mentor's rows to one name
        and the same details)."""
        latest: dict[str, dict[str, Any]] = {}
        for row in batch:
            latest[row.values["id_number"]] = {n: row.values[n] for n in self.mentor_fields}
        updates = self.updates(batch, self.mentor_fields)  # the sheet's columns
        new: list[dict[str, Any]] = []
        changed: list[dict[str, Any]] = []
        before: list[dict[str, Any]] = []
        for number, values in latest.items():
            current = self.mentors.get(number)
            if current is None:
                new.append({"id_number": number, **values, "version": 1})
            elif current["id"] in self.foreign:
                continue  # the province's record: the sheet's details are not applied
            elif (delta := _delta(current, {n: values[n] for n in updates})) is not None:
                before.append(dict(current))
                current.update(delta, version=current["version"] + 1)
                changed.append({"id": current["id"], **delta, "version": current["version"]})
        mentor_services.mentors_write_batch(
            new=new, updated=list(zip(before, changed, strict=True)), **self.audit_args()
        )
        if new:
            for created in Mentor.objects.filter(
                id_number__in=[m["id_number"] for m in new]
            ).values("id", "id_number", "version", *self.mentor_fields):
                self.mentors[created["id_number"]] = created


class CompletionImporter(Importer):
    spec = C.TRAINING_COMPLETIONS
    roles = frozenset({Role.PROVINCE, Role.BASE_STAFF})
    fields = ["completed_on", "hours", "passed", "certificate_no"]
    key_field = "program"
    STARTS_SHOWN = 5  # a title's start dates named when a row's start matches none

    def __init__(self, user: User) -> None:
        super().__init__(user)
        self.existing: dict[tuple[int, int], dict[str, Any]] = {}
        self.programs: dict[tuple[int, str], list[TrainingProgram]] | None = None
        self.today = timezone.localdate()

    def _base(self, row: Parsed, bases: dict[str, list[TrainingBase]]) -> TrainingBase | None:
        code = row.values.get("base")
        if self.user.role == Role.BASE_STAFF:
            own = self.user.training_base
            assert own is not None
            if code and L.normalize_key(code) != L.normalize_key(own.code):
                row.error(
                    "base", t("You can only import completions of your own base's programmes.")
                )
                return None
            return own
        if not code:
            return None
        found = bases.get(L.normalize_key(code), [])
        if len(found) > 1:  # stored before codes were one whatever their case: not chosen
            row.error("base", _ambiguous(code, found))
            return None
        if not found:
            row.error("base", t("No training base has the code “%(code)s”.", code=code))
            return None
        return found[0]

    def _program(self, row: Parsed, base: TrainingBase) -> TrainingProgram | None:
        if self.programs is None:
            self.programs = defaultdict(list)
            programs = TrainingProgram.objects.all()
            if self.user.role == Role.BASE_STAFF:
                programs = programs.filter(base_id=self.user.training_base_id)
            for program in programs.order_by("start_on", "id"):
                self.programs[(program.base_id, L.normalize_key(program.title))].append(program)
        title = row.values.get("program")
        if not title:
            return None
        titled = self.programs.get((base.pk, L.normalize_key(title)), [])
        if not titled:
            row.error("program", t("No programme of this base has this title."))
            return None
        start: date | None = row.values.get("program_start")
        found = [p for p in titled if p.start_on == start] if start else titled
        if start is not None and not found:
            # The title is right, the start date is not: said at the date, with the
            # programme's start dates when they are few (the base's own programmes).
            starts = sorted({p.start_on for p in titled})
            if len(starts) <= self.STARTS_SHOWN:
                row.error(
                    "program_start",
                    t(
                        "No programme with this title starts on %(date)s; its start date is "
                        "%(starts)s.",
                        date=start.isoformat(),
                        starts=listing(s.isoformat() for s in starts),
                    ),
                )
            else:
                row.error(
                    "program_start",
                    t("No programme with this title starts on %(date)s.", date=start.isoformat()),
                )
            return None
        if len(found) > 1:
            row.error(
                "program", t("Several programmes have this title; give the programme's start date.")
            )
            return None
        return found[0]

    def check(self, batch: list[Parsed]) -> None:
        bases: dict[str, list[TrainingBase]] = {}
        if self.user.role == Role.PROVINCE:
            typed = (r.values.get("base") for r in batch)
            bases = school_codes.by_key(TrainingBase.objects.all(), typed)
        self.charge(sum(1 for r in batch if r.values.get("id_number")), "completions_import")
        teachers = self.teachers_by_id(batch, scoped=False)
        dated: list[tuple[Parsed, int]] = []  # rows whose date is checked against the base
        for row in batch:
            v = row.values
            v["teacher_id"] = self.teacher_of(
                row, teachers, not_found="No teacher with this ID number is registered."
            )
            v["passed"] = True if v.get("passed") is None else v["passed"]
            v["certificate_no"] = v.get("certificate_no") or ""
            base = self._base(row, bases)
            program = self._program(row, base) if base is not None else None
            v["program_id"] = program.pk if program else None
            facts = (
                ProgramFacts(hours=program.hours, start_on=program.start_on, end_on=program.end_on)
                if program
                else None
            )
            left_on = teachers[v["id_number"]]["left_on"] if v["teacher_id"] else None
            errors = rule_errors(completion_errors, v, facts, today=self.today, left_on=left_on)
            row.add(errors)
            if program and v.get("completed_on") and "completed_on" not in errors:
                dated.append((row, program.base_id))
            if program and v["teacher_id"]:
                self.once(row, (program.pk, v["teacher_id"]))
        teacher_ids = {r.values["teacher_id"] for r in batch if r.values.get("teacher_id")}
        if self.user.role != Role.PROVINCE:
            # Only the province changes a completion it voided (training.services).
            voided = set(
                TrainingCompletion.objects.filter(
                    teacher_id__in=teacher_ids, voided=True
                ).values_list("program_id", "teacher_id")
            )
            for row in batch:
                if (row.values["program_id"], row.values["teacher_id"]) in voided:
                    row.add(rule_errors(voided_completion_errors, "program"))
        self.existing = {
            (c["program_id"], c["teacher_id"]): c
            for c in TrainingCompletion.objects.filter(teacher_id__in=teacher_ids).values(
                "id", "program_id", "teacher_id", "version", *self.fields
            )
        }
        self._check_base_status(dated)

    def _check_base_status(self, dated: list[tuple[Parsed, int]]) -> None:
        """Only training at a base active on the completion date counts (DESIGN §4): a new
        completion, or one moved to another date, is refused for a day the base was planned
        or suspended. One already on record re-imports unchanged (DESIGN §6)."""
        histories = status_histories(base_id for _row, base_id in dated)
        for row, base_id in dated:
            v = row.values
            stored = self.existing.get((v["program_id"], v["teacher_id"]))
            if stored is not None and stored["completed_on"] == v["completed_on"]:
                continue
            status = status_in(histories.get(base_id, []), v["completed_on"])
            row.add(rule_errors(base_status_errors, status, v["completed_on"]))

    def write(self, batch: list[Parsed]) -> Written:
        return self.write_keyed(
            TrainingCompletion,
            (
                (
                    (row.values["program_id"], row.values["teacher_id"]),
                    {name: row.values[name] for name in self.fields},
                )
                for row in batch
            ),
            key_fields=("program_id", "teacher_id"),
            existing=self.existing,
            updates=self.updates(batch, self.fields),
        )


class _Term:
    """One school's term as a teaching-hours import leaves it (its stored rows, the file's
    over them), kept as sums across batches: the whole-school row's hours, what its major
    category rows add up to and how many there are, and where an error is shown (the row
    number and the hour cells of the file's whole-school row and of its last category row)."""

    __slots__ = ("count", "part_at", "parts", "spoilt", "whole", "whole_at")

    def __init__(self) -> None:
        self.whole: tuple[int, int] | None = None
        self.parts = [0, 0]  # total, practical
        self.count = 0  # category rows
        self.whole_at: tuple[int, Any, Any] | None = None  # (row, total cell, practical cell)
        self.part_at: tuple[int, str, Any, Any] | None = None  # (row, category, cells)
        self.spoilt = False  # a row of it has an error: reported, the term not checked

    def add_part(self, hours: tuple[int, int], sign: int = 1) -> None:
        self.parts[0] += sign * hours[0]
        self.parts[1] += sign * hours[1]
        self.count += sign

    def error_row(self) -> Parsed | None:
        """The row to show this term's whole-and-parts error at, with it; None if none."""
        if self.spoilt or self.whole is None or not self.count:
            return None
        left = {"": self.whole, "*": (self.parts[0], self.parts[1])}  # one entry, the sum
        if self.whole_at is not None:
            number, total, practical = self.whole_at
            major = ""
        elif self.part_at is not None:
            number, major, total, practical = self.part_at
        else:
            return None
        errors = rule_errors(whole_and_parts_errors, left, at=major)
        if not errors:
            return None
        row = Parsed(
            row=number,
            values={"major_category": major},
            raw={"total_hours": total, "practical_hours": practical},
        )
        row.add(errors)
        return row


class TeachingHoursImporter(Importer):
    """Practical teaching hours per school, term and major category (DESIGN §9)."""

    spec = C.TEACHING_HOURS
    roles = frozenset({Role.PROVINCE, Role.SCHOOL_HR})
    key_field = "term"
    fields = ["total_hours", "practical_hours"]
    locks_ahead = True

    def __init__(self, user: User) -> None:
        super().__init__(user)
        self.locked: set[int] = set()  # the schools the commit holds (lock_ahead)
        self.existing: dict[tuple[int, str, str], dict[str, Any]] = {}
        # Each (school, term) the file has, as the import leaves it: its rows may straddle
        # batches, so the whole-and-parts rule is checked once the last batch is (finish).
        self.terms: dict[tuple[int, str], _Term] = {}

    def check(self, batch: list[Parsed]) -> None:
        schools = self.schools(batch)
        for row in batch:
            v = row.values
            school = self.school_for(row, schools)
            v["school_id"] = school.pk if school else None
            v["major_category"] = v.get("major_category") or ""  # a code; blank: whole school
            row.add(
                rule_errors(hours_errors, {k: v[k] for k in HOURS_FIELDS if v.get(k) is not None})
            )
            unreadable = any(name == "major_category" for name, _message in row.errors)
            if v["school_id"] and v.get("term") and not unreadable:
                self.once(row, self._key(v))
        school_ids = {r.values["school_id"] for r in batch if r.values.get("school_id")}
        if self.job is not None and not school_ids <= self.locked:
            # The commit: its schools' terms are read and written with the schools locked,
            # as the API's write locks them (hours.services.schools_lock): a write of the
            # same term waits for the other, and is checked on the term as it stands. Taken
            # for the whole file before the first batch (lock_ahead); here only a school
            # that was not found then (one whose code was stored since).
            hours_services.schools_lock(school_ids - self.locked)
            self.locked |= school_ids
        self.existing = {
            self._key(current): current
            for current in TeachingHours.objects.filter(school_id__in=school_ids).values(
                "id", "school_id", "term", "major_category", "version", *self.fields
            )
        }
        self.count_terms(batch)

    def lock_ahead(self, rows: Iterable[Parsed]) -> None:
        """Every school the file names, locked in one statement in id order before the
        commit's first batch: two imports reaching the same schools in opposite orders
        batch by batch deadlocked (each held a school the other waited for)."""
        if self.user.role == Role.SCHOOL_HR:
            assert self.user.school_id is not None
            ids = {self.user.school_id}  # its rows can name no other (school_for)
        else:
            codes = {r.values.get("school") for r in rows if r.values.get("school")}
            found = school_codes.by_key(School.objects.all(), codes).values()
            ids = {school.pk for schools in found for school in schools}
        hours_services.schools_lock(ids)
        self.locked |= ids

    def count_terms(self, batch: list[Parsed]) -> None:
        """Add the batch's rows to their school's term as the import leaves it (self.terms):
        a term the file had not reached yet starts as stored, and a file row replaces the
        stored row of its key. Checked in finish(), when every batch has been counted."""
        fresh: set[tuple[int, str]] = set()
        for row in batch:
            v = row.values
            if v.get("school_id") and v.get("term"):
                pair = (int(v["school_id"]), str(v["term"]))
                if pair not in self.terms:
                    fresh.add(pair)
        for pair in fresh:
            self.terms[pair] = _Term()
        if fresh:
            # The stored rows of the terms the file reaches here first: none of them was
            # written by this import yet (at a commit, a batch is written after its check).
            for (school_id, term, major), current in self.existing.items():
                if (school_id, term) in fresh:
                    stored = (current["total_hours"], current["practical_hours"])
                    if major == "":
                        self.terms[(school_id, term)].whole = stored
                    else:
                        self.terms[(school_id, term)].add_part(stored)
        for row in batch:
            v = row.values
            if not (v.get("school_id") and v.get("term")):
                continue
            state = self.terms[(v["school_id"], v["term"])]
            if row.errors:
                state.spoilt = True  # reported already; the term is checked once it is right
            if state.spoilt:
                continue
            hours = (v["total_hours"], v["practical_hours"])
            cells_read = (row.raw.get("total_hours"), row.raw.get("practical_hours"))
            major = v["major_category"]
            if major == "":
                state.whole = hours
                state.whole_at = (row.row, *cells_read)
                continue
            # A key the file has once (a second time is an error, above): what is stored
            # under it now is what was stored before the import.
            replaced = self.existing.get(self._key(v))
            if replaced is not None:
                state.add_part((replaced["total_hours"], replaced["practical_hours"]), -1)
            state.add_part(hours)
            state.part_at = (row.row, major, *cells_read)

    def finish(self) -> list[Parsed]:
        """Each school's term as the whole file leaves it: the whole-school row not less
        than its category rows add up to (hours.validation). Shown at the file's
        whole-school row of that term when it has one, else at its last category row of
        that term, in the column of the hours that disagree: the same row whatever batch
        each row fell in."""
        found = [row for state in self.terms.values() if (row := state.error_row()) is not None]
        return sorted(found, key=lambda row: row.row)

    @staticmethod
    def _key(v: dict[str, Any]) -> tuple[int, str, str]:
        return (v["school_id"], v["term"], v["major_category"])

    def write(self, batch: list[Parsed]) -> Written:
        return self.write_keyed(
            TeachingHours,
            ((self._key(row.values), {n: row.values[n] for n in self.fields}) for row in batch),
            key_fields=("school_id", "term", "major_category"),
            existing=self.existing,
            updates=self.updates(batch, self.fields),
        )


HOURS_FIELDS = ("term", "total_hours", "practical_hours")

# Each record type's batch service (DESIGN: one write path per record type). Those that
# re-evaluate teachers do not here: the import re-evaluates its teachers once at the end.
BATCH_SERVICES: dict[type[Model], Any] = {
    Certificate: partial(teacher_services.certificates_write_batch, reevaluate=False),
    EnterprisePeriod: partial(teacher_services.periods_write_batch, reevaluate=False),
    TrainingCompletion: partial(training_services.completions_write_batch, reevaluate=False),
    MentorAppointment: partial(mentor_services.appointments_write_batch, reevaluate=False),
    TeachingHours: hours_services.teaching_hours_write_batch,
}

IMPORTERS: dict[str, type[Importer]] = {
    importer.spec.kind: importer
    for importer in (
        TeacherImporter,
        CertificateImporter,
        PeriodImporter,
        MentorAppointmentImporter,
        CompletionImporter,
        TeachingHoursImporter,
    )
}
