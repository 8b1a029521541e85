from datetime import date

import pytest

from shuangshi.common.idnumbers import (
    InvalidCreditCode,
    InvalidIdNumber,
    id_check_char,
    make_credit_code,
    make_id_number,
    mask_id_number,
    mask_id_text,
    normalize_id_number,
    parse_id_number,
    validate_credit_code,
)

# A published sample number (GB 11643 example) and one with an X check character.
VALID_ID = "11010519491231002X"


def test_it_reads_birth_date_and_gender_from_a_valid_id_number():
    info = parse_id_number(VALID_ID)
    assert info.birth_date == date(1949, 12, 31)
    assert info.gender == "female"


def test_it_builds_ids_that_parse_back():
    value = make_id_number("360102", date(1990, 2, 28), 17, "male")
    info = parse_id_number(value)
    assert (info.birth_date, info.gender) == (date(1990, 2, 28), "male")


def test_a_lowercase_x_is_accepted_after_normalising():
    assert parse_id_number(normalize_id_number(" 11010519491231002x ")).gender == "female"


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("110105194912310021", "check digit"),
        ("11010519491231002", "18 characters"),
        ("1101051949123100XX", "17 digits"),
        ("110105194902300021", "birth date"),
        ("110105180001010021", "birth date"),
    ],
)
def test_it_rejects_bad_id_numbers_with_a_reason(value, reason):
    with pytest.raises(InvalidIdNumber, match=reason):
        parse_id_number(value)


def test_check_char_matches_iso_7064():
    assert id_check_char("11010519491231002") == "X"
    assert id_check_char("36010219800101018") == "7"
    with pytest.raises(ValueError):
        id_check_char("1101051949123100")  # 16 digits: no check character


def test_it_masks_all_but_the_first_four_and_the_last_two():
    assert mask_id_number("360102199001011234") == "3601************34"
    assert mask_id_number("3601**********1234") == "3601************34"  # an old mask


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("理由：360102199001011234 核对", "理由：3601************34 核对"),
        ("3601 0219 9001 0112 3X", "3601************3X"),
        ("3601-0219-9001-0112-3x", "3601************3x"),
        ("old 3601**********1234.", "old 3601************34."),
        ("15 digits 360102900101123", "15 digits 3601*********23"),
        ("full-width ３６０１０２１９９００１０１１２３４", "full-width ３６０１************３４"),
        ("a 19-digit order 1234567890123456789", "a 19-digit order 1234567890123456789"),
        ("phone 13800138000, 2026-12-01 15:24:48", "phone 13800138000, 2026-12-01 15:24:48"),
    ],
)
def test_it_masks_id_shaped_runs_in_free_text(text, masked):
    assert mask_id_text(text) == masked


def test_credit_codes_round_trip_and_bad_ones_say_why():
    # The worked example of GB 32100-2015.
    assert make_credit_code("91350100M000100Y4") == "91350100M000100Y43"
    validate_credit_code("91350100M000100Y43")
    with pytest.raises(InvalidCreditCode, match="check character"):
        validate_credit_code("91350100M000100Y44")
    with pytest.raises(InvalidCreditCode, match="18 characters"):
        validate_credit_code("9136")
    with pytest.raises(InvalidCreditCode, match="not allowed"):
        validate_credit_code("91350100M000100I43")
