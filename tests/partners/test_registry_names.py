"""Thai partner names: normalised keys and likely duplicates (table tests), read with the national dictionary
of abbreviations as the migration seeds it."""

import pytest

from tambonplan.partners.names import is_likely_duplicate, name_key, name_tokens, similarity
from tambonplan.partners.selectors import abbreviations_for

pytestmark = pytest.mark.django_db

# Every abbreviation the national dictionary must know, with its full form (issue 15, item 7).
NATIONAL = [
    ("ธ.ก.ส.", "ธนาคารเพื่อการเกษตรและสหกรณ์การเกษตร"),
    ("ธ.ออมสิน", "ธนาคารออมสิน"),
    ("ม.", "มหาวิทยาลัย"),
    ("มรภ.", "มหาวิทยาลัยราชภัฏ"),
    ("มทร.", "มหาวิทยาลัยเทคโนโลยีราชมงคล"),
    ("รพ.", "โรงพยาบาล"),
    ("รพ.สต.", "โรงพยาบาลส่งเสริมสุขภาพตำบล"),
    ("สสจ.", "สำนักงานสาธารณสุขจังหวัด"),
    ("สสอ.", "สำนักงานสาธารณสุขอำเภอ"),
    ("กศน.", "สำนักงานส่งเสริมการเรียนรู้"),
    ("สำนักงาน กศน.", "สำนักงานส่งเสริมการเรียนรู้"),
    ("อบจ.", "องค์การบริหารส่วนจังหวัด"),
    ("อบต.", "องค์การบริหารส่วนตำบล"),
    ("ทม.", "เทศบาลเมือง"),
    ("ทน.", "เทศบาลนคร"),
    ("ทต.", "เทศบาลตำบล"),
    ("ปภ.", "ป้องกันและบรรเทาสาธารณภัย"),
    ("กอ.รมน.", "กองอำนวยการรักษาความมั่นคงภายใน"),
    ("พช.", "พัฒนาชุมชน"),
    ("สปสช.", "สำนักงานหลักประกันสุขภาพแห่งชาติ"),
    ("สสส.", "สำนักงานกองทุนสนับสนุนการสร้างเสริมสุขภาพ"),
    ("บมจ.", "บริษัทจำกัดมหาชน"),
    ("บจก.", "บริษัทจำกัด"),
    ("หจก.", "ห้างหุ้นส่วนจำกัด"),
    ("สนง.", "สำนักงาน"),
    ("รร.", "โรงเรียน"),
    ("UNDP", "United Nations Development Programme"),
    ("UNICEF", "United Nations Children's Fund"),
    ("UNFPA", "United Nations Population Fund"),
    ("FAO", "Food and Agriculture Organization of the United Nations"),
    ("WHO", "World Health Organization"),
    ("ILO", "International Labour Organization"),
    ("UNHCR", "United Nations High Commissioner for Refugees"),
    ("UNESCO", "United Nations Educational, Scientific and Cultural Organization"),
    ("UN Women", "United Nations Entity for Gender Equality and the Empowerment of Women"),
    ("WFP", "World Food Programme"),
    ("ยูเอ็นดีพี", "โครงการพัฒนาแห่งสหประชาชาติ"),
    ("ยูนิเซฟ", "องค์การทุนเพื่อเด็กแห่งสหประชาชาติ"),
    ("องค์การยูนิเซฟ", "องค์การทุนเพื่อเด็กแห่งสหประชาชาติ"),
    ("ยูเนสโก", "องค์การการศึกษา วิทยาศาสตร์ และวัฒนธรรมแห่งสหประชาชาติ"),
    ("องค์การยูเนสโก", "องค์การการศึกษา วิทยาศาสตร์ และวัฒนธรรมแห่งสหประชาชาติ"),
    ("ยูเอ็นเอชซีอาร์", "สำนักงานข้าหลวงใหญ่ผู้ลี้ภัยแห่งสหประชาชาติ"),
]


@pytest.fixture
def national():
    """The pairs a province without its own rows reads names with: the seeded national dictionary."""
    return abbreviations_for("34")


@pytest.mark.parametrize(("abbreviation", "full"), NATIONAL, ids=[a for a, _ in NATIONAL])
def test_the_national_dictionary_has_the_abbreviation(national, abbreviation, full):
    assert (abbreviation, full) in national


@pytest.mark.parametrize(("abbreviation", "full"), NATIONAL, ids=[a for a, _ in NATIONAL])
def test_abbreviation_and_a_name_matches_the_full_form_and_the_name(national, abbreviation, full):
    place = " Thailand" if abbreviation.isascii() else "อุบลราชธานี"
    short, written_out = f"{abbreviation}{place}", f"{full}{place}"
    assert name_key(short, national) == name_key(written_out, national)
    assert is_likely_duplicate(short, written_out, national)


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
        ("รพ. สต. บ้านหัวเรือ", "โรงพยาบาลส่งเสริมสุขภาพตำบลบ้านหัวเรือ"),
        ("สนง.เกษตรอำเภอเมือง", "สำนักงานเกษตรอำเภอเมือง"),
        ("สนง.พช.จังหวัดอุบลราชธานี", "สำนักงานพัฒนาชุมชนจังหวัดอุบลราชธานี"),
        ("ธ. ก. ส. สาขาอุบลราชธานี", "ธนาคารเพื่อการเกษตรและสหกรณ์การเกษตรสาขาอุบลราชธานี"),
        ("บริษัท สยามพัฒนา จำกัด (มหาชน)", "สยามพัฒนา"),
        ("บจก.สยามพัฒนา", "สยามพัฒนา"),
        ("หจก. รุ่งเรืองก่อสร้าง", "รุ่งเรืองก่อสร้าง"),
        ("มูลนิธิ เพื่อนเยาวชน อีสาน", "มูลนิธิเพื่อนเยาวชนอีสาน"),
        ("Isan Youth Foundation", "isanyouthfoundation"),
        ("undp", "unitednationsdevelopmentprogramme"),
        ("กลุ่มออมทรัพย์ หมู่ ๓", "กลุ่มออมทรัพย์หมู่3"),
        # "ม." only where a word starts and a name follows: not หมู่ 3, not ม.ร.ว., not the end of "ทม.".
        ("กลุ่มออมทรัพย์ ม.3", "กลุ่มออมทรัพย์ม3"),
        ("มูลนิธิ ม.ร.ว.เสนีย์", "มูลนิธิมรวเสนีย์"),
        ("สมาคม.อุบล", "สมาคมอุบล"),
        # Latin abbreviations only as whole words.
        ("Whole Earth Group", "wholeearthgroup"),
        ("กลุ่ม WHO-Thailand", "กลุ่มworldhealthorganizationthailand"),
    ],
)
def test_name_key_expands_abbreviations_and_drops_spaces_and_legal_forms(national, written, key):
    assert name_key(written, national) == key


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("อบต.หัวเรือ", "องค์การบริหารส่วนตำบลหัวเรือ"),
        ("มูลนิธิเพื่อนเยาวชนอีสาน", "มูลนิธิ เพื่อนเยาวชน อีสาน"),
        ("บจก.สยามพัฒนา", "บริษัท สยามพัฒนา จำกัด"),
        ("รพ.สต.บ้านหัวเรือ", "โรงพยาบาลส่งเสริมสุขภาพตำบล บ้านหัวเรือ"),
        ("สำนักงานเกษตรอำเภอเมืองอุบลราชธานี", "สนง.เกษตรอำเภอเมืองอุบลราชธานี"),
        # The four names of issue 15.
        ("ธ.ก.ส. สาขาอุบลราชธานี", "ธนาคารเพื่อการเกษตรและสหกรณ์การเกษตร สาขาอุบลราชธานี"),
        ("ม.อุบลราชธานี", "มหาวิทยาลัยอุบลราชธานี"),
        ("มรภ.อุบลราชธานี", "มหาวิทยาลัยราชภัฏอุบลราชธานี"),
        ("UNDP", "United Nations Development Programme"),
        ("องค์การยูนิเซฟ", "องค์การทุนเพื่อเด็กแห่งสหประชาชาติ"),
    ],
)
def test_same_organisation_written_two_ways_is_a_likely_duplicate(national, a, b):
    assert name_key(a, national) == name_key(b, national)
    assert is_likely_duplicate(a, b, national)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("อบต.หัวเรือ", "อบต.ขามใหญ่"),
        ("อบต.หัวเรือ", "ทต.หัวเรือ"),
        ("ธนาคารออมสิน", "มูลนิธิรักษ์ป่า"),
        ("มูลนิธิเพื่อนเยาวชนอีสาน", "สำนักงานเกษตรจังหวัดอุบลราชธานี"),
        # Two universities of one city.
        ("ม.อุบลราชธานี", "มรภ.อุบลราชธานี"),
        ("มหาวิทยาลัยอุบลราชธานี", "มหาวิทยาลัยราชภัฏอุบลราชธานี"),
        ("รพ.วารินชำราบ", "รพ.สต.วารินชำราบ"),
        # Two branches of one bank, and of one foundation (sharing all but the place).
        ("ธ.ก.ส. สาขาอุบลราชธานี", "ธ.ก.ส. สาขาวารินชำราบ"),
        ("ธนาคารออมสิน สาขาอุบลราชธานี", "ธ.ออมสิน สาขาเดชอุดม"),
        ("มูลนิธิเพื่อนเยาวชนอีสาน สาขาอุบลราชธานี", "มูลนิธิเพื่อนเยาวชนอีสาน สาขาขอนแก่น"),
    ],
)
def test_unrelated_names_are_not_flagged(national, a, b):
    assert not is_likely_duplicate(a, b, national)


def test_different_branches_score_nothing_the_same_branch_written_without_the_word_is_flagged(national):
    def score(a, b):
        return similarity(name_key(a, national), name_key(b, national), national)

    assert score("มูลนิธิเพื่อนเยาวชนอีสาน สาขาอุบลราชธานี", "มูลนิธิเพื่อนเยาวชนอีสาน สาขาขอนแก่น") == 0.0
    assert score("ธ.ก.ส. อุบลราชธานี", "ธ.ก.ส. สาขาอุบลราชธานี") == pytest.approx(2 / 3)
    assert is_likely_duplicate("ธ.ก.ส. อุบลราชธานี", "ธ.ก.ส. สาขาอุบลราชธานี", national)


def test_kinds_of_organisation_and_full_forms_are_single_tokens(national):
    assert name_tokens(name_key("อบต.หัวเรือ", national), national) == {"องค์การบริหารส่วนตำบล", "หัว", "เรือ"}
    assert name_tokens(name_key("มรภ.อุบลราชธานี", national), national) == {"มหาวิทยาลัยราชภัฏ", "อุบลราชธานี"}


def test_similarity_is_jaccard_of_tokens_for_different_keys(national):
    a = name_key("มูลนิธิเพื่อนเยาวชนอีสาน", national)
    b = name_key("มูลนิธิเพื่อนเยาวชนอีสานใต้", national)
    assert similarity(a, b, national) == pytest.approx(4 / 5)
    assert similarity("", b, national) == 0.0


def test_a_later_pair_overrides_an_earlier_one_with_the_same_abbreviation():
    pairs = [("ปภ.", "ป้องกันและบรรเทาสาธารณภัย"), ("ปภ.", "ประชาสัมพันธ์ภาค")]
    assert name_key("ปภ.อุบล", pairs) == "ประชาสัมพันธ์ภาคอุบล"
    assert name_key("UNDP", [("undp", "United Nations Development Programme")]) == (
        "unitednationsdevelopmentprogramme"
    )


def test_an_abbreviation_that_begins_its_full_form_is_not_expanded_twice():
    pairs = [("อุบล", "อุบลราชธานี")]
    assert name_key("สมาคมชาวอุบลราชธานี", pairs) == "สมาคมชาวอุบลราชธานี"
    assert name_key("อุบลราชธานีพัฒนา", pairs) == "อุบลราชธานีพัฒนา"
    assert name_key("อุบล พัฒนา", pairs) == "อุบลราชธานีพัฒนา"


def test_without_abbreviations_names_are_only_normalised():
    assert name_key("อบต. หัวเรือ", []) == "อบตหัวเรือ"
