"""The cell parsers, as tables: what real cells hold → what the importer stores."""

from datetime import date, datetime

import pytest
from shuangshi.spreadsheets import cells
from shuangshi.spreadsheets import labels as L


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (date(2024, 9, 1), date(2024, 9, 1)),
        (datetime(2024, 9, 1, 0, 0), date(2024, 9, 1)),
        (45536.0, date(2024, 9, 1)),  # an unformatted Excel serial number
        ("2024-09-01", date(2024, 9, 1)),
        ("2024/9/1", date(2024, 9, 1)),
        ("2024.9.1", date(2024, 9, 1)),
        ("2024年9月1日", date(2024, 9, 1)),
        ("2024 年 9 月 1 日", date(2024, 9, 1)),
        ("２０２４－０９－０１", date(2024, 9, 1)),
        ("20240901", date(2024, 9, 1)),
        ("2024-09-01 00:00:00", date(2024, 9, 1)),
        (" 2024-9-1 ", date(2024, 9, 1)),
    ],
)
def test_it_reads_dates_as_clerks_write_them(raw, expected):
    assert cells.to_date(raw) == expected


@pytest.mark.parametrize("raw", ["2024-02-30", "9/1/2024", "明年", "2024-13-01", -5.0, True])
def test_it_refuses_what_is_not_a_date(raw):
    with pytest.raises(cells.CellError):
        cells.to_date(raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("36010219850615001x", "36010219850615001X"),
        ("３６０１０２１９８５０６１５００１Ｘ", "36010219850615001X"),
        (" 360102 19850615 001X ", "36010219850615001X"),
    ],
)
def test_it_normalizes_id_numbers(raw, expected):
    assert cells.id_number(raw) == expected


def test_it_refuses_an_id_number_stored_as_a_number():
    with pytest.raises(cells.CellError, match="文本"):
        cells.id_number(3.601021985061500e17)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("王芳  ", "王芳"), ("Ｔ００５", "T005"), (1001.0, "1001"), ("\u3000张三\u3000", "张三")],
)
def test_it_trims_and_narrows_text(raw, expected):
    assert cells.text(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("专任", "full_time"),
        ("full_time", "full_time"),
        ("Full-time", "full_time"),
        ("全职", "full_time"),
        (" 兼职 ", "part_time"),
        ("FULL_TIME", "full_time"),
    ],
)
def test_it_reads_an_enumeration_by_label_code_or_english(raw, expected):
    table = L.lookup_table(L.EMPLOYMENT, {"full_time": ("Full-time",), "part_time": ("Part-time",)})
    assert cells.choice(raw, table, L.dropdown(L.EMPLOYMENT)) == expected


def test_it_names_the_allowed_values_when_an_enumeration_is_wrong():
    table = L.lookup_table(L.EMPLOYMENT)
    with pytest.raises(cells.CellError, match="专任、兼职"):
        cells.choice("临时工", table, L.dropdown(L.EMPLOYMENT))


@pytest.mark.parametrize(("raw", "expected"), [(3.0, 3), ("12", 12), ("1,200", 1200), (0, 0)])
def test_it_reads_whole_numbers(raw, expected):
    assert cells.whole_number(raw) == expected


@pytest.mark.parametrize("raw", [2.5, "abc", -1, "3.7", 1e12])
def test_it_refuses_what_is_not_a_whole_number(raw):
    with pytest.raises(cells.CellError):
        cells.whole_number(raw)


def test_a_sheets_row_parser_gives_what_parse_row_gives_for_every_cell():
    """importers.row_parser (positions worked out once, repeated cells parsed once) and
    parse_row agree on good, bad, blank and repeated cells alike."""
    from shuangshi.spreadsheets.columns import TEACHERS
    from shuangshi.spreadsheets.importers import parse_row, row_parser

    columns = TEACHERS.read_columns(scoped=False)
    index = {c.field: i for i, c in enumerate(columns)}
    samples = {
        "date": [date(2024, 9, 1), "2024年9月1日", "not a date", 45536.0, 1.5, "", None, True],
        "int": [3, 3.0, "3", -1, 2.5, "x", None],
        "choice": ["男", "male", "女性?", "", None, 1],
        "bool": ["是", "否", True, "maybe", None],
        "id": ["360102198506150094", 360102198506150094, " 3601 02 ", None],
        "text": ["张老师", "  ", "Ｔ００１", 1001.0, "x" * 300, None],
    }
    rows = []
    for n in range(12):  # every column cycles through its samples; rows repeat cells
        row = []
        for column in columns:
            values = samples.get(column.type, samples["text"])
            row.append(values[n % len(values)])
        rows.append(row[: len(columns) - n % 3])  # and some rows are short
    parse = row_parser(columns, index)
    for number, row in enumerate(rows * 2, start=2):
        assert parse(number, row) == parse_row(columns, index, number, row)
