"""Thai partner names: normalised keys and likely duplicates (table tests)."""

import pytest

from tambonplan.partners.names import is_likely_duplicate, name_key, name_tokens, similarity


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("อบต.หัวเรือ", "องค์การบริหารส่วนตำบลหัวเรือ"),
        ("อบต. หัวเรือ", "องค์การบริหารส่วนตำบลหัวเรือ"),
        ("อบจ.อุบลราชธานี", "องค์การบริหารส่วนจังหวัดอุบลราชธานี"),
        ("ทต.ขามใหญ่", "เทศบาลตำบลขามใหญ่"),
        ("ทม.วารินชำราบ", "เทศบาลเมืองวารินชำราบ"),
        ("ทน.อุบลราชธานี", "เทศบาลนครอุบลราชธานี"),
        ("รพ.สต.บ้านหัวเรือ", "โรงพยาบาลส่งเสริมสุขภาพตำบลบ้านหัวเรือ"),
        ("สนง.เกษตรอำเภอเมือง", "สำนักงานเกษตรอำเภอเมือง"),
        ("บริษัท สยามพัฒนา จำกัด (มหาชน)", "สยามพัฒนา"),
        ("บจก.สยามพัฒนา", "สยามพัฒนา"),
        ("หจก. รุ่งเรืองก่อสร้าง", "รุ่งเรืองก่อสร้าง"),
        ("มูลนิธิ เพื่อนเยาวชน อีสาน", "มูลนิธิเพื่อนเยาวชนอีสาน"),
        ("Isan Youth Foundation", "isanyouthfoundation"),
        ("กลุ่มออมทรัพย์ หมู่ ๓", "กลุ่มออมทรัพย์หมู่3"),
    ],
)
def test_name_key_expands_abbreviations_and_drops_spaces_and_legal_forms(written, key):
    assert name_key(written) == key


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("อบต.หัวเรือ", "องค์การบริหารส่วนตำบลหัวเรือ"),
        ("มูลนิธิเพื่อนเยาวชนอีสาน", "มูลนิธิ เพื่อนเยาวชน อีสาน"),
        ("บจก.สยามพัฒนา", "บริษัท สยามพัฒนา จำกัด"),
        ("รพ.สต.บ้านหัวเรือ", "โรงพยาบาลส่งเสริมสุขภาพตำบล บ้านหัวเรือ"),
        ("สำนักงานเกษตรอำเภอเมืองอุบลราชธานี", "สนง.เกษตรอำเภอเมืองอุบลราชธานี"),
    ],
)
def test_same_organisation_written_two_ways_is_a_likely_duplicate(a, b):
    assert name_key(a) == name_key(b)
    assert is_likely_duplicate(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("อบต.หัวเรือ", "อบต.ขามใหญ่"),
        ("อบต.หัวเรือ", "ทต.หัวเรือ"),
        ("ธนาคารออมสิน", "มูลนิธิรักษ์ป่า"),
        ("มูลนิธิเพื่อนเยาวชนอีสาน", "สำนักงานเกษตรจังหวัดอุบลราชธานี"),
    ],
)
def test_unrelated_names_are_not_flagged(a, b):
    assert not is_likely_duplicate(a, b)


def test_kinds_of_organisation_are_single_tokens():
    assert name_tokens(name_key("อบต.หัวเรือ")) == {"องค์การบริหารส่วนตำบล", "หัว", "เรือ"}


def test_similarity_is_jaccard_of_tokens_for_different_keys():
    a, b = name_key("มูลนิธิเพื่อนเยาวชนอีสาน"), name_key("มูลนิธิเพื่อนเยาวชนอีสานใต้")
    assert similarity(a, b) == pytest.approx(4 / 5)
    assert similarity("", b) == 0.0
