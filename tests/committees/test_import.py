"""Importing a draft order's members from XLSX: all rows or none, every bad row named, template round trip."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from tambonplan.areas.models import Province
from tambonplan.committees import selectors, services
from tambonplan.committees.currency import composition_problems
from tambonplan.committees.models import Basis, Member, OrderState, Position
from tambonplan.core.tabular import TabularError
from tests.committees import factories as f
from tests.template_choices import template_choices

GOOD_ROWS = [
    # title, first name, last name, position, basis, ex officio post, affiliation, phone
    ("นาย", "ปกรณ์", "ปกครองดี", "ประธาน", "โดยตำแหน่ง", "ปลัดอำเภอผู้รับผิดชอบประจำตำบล", "ที่ว่าการอำเภอ", ""),
    ("นาย", "สมชาย", "ใจดี", "รองประธาน", "โดยตำแหน่ง", "กำนัน", "ตำบลหัวเรือ", "๐๘๑๒๓๔๕๖๗๘"),
    ("นาง", "สมศรี", "มีสุข", "กรรมการ", "ผู้ทรงคุณวุฒิ", "", "โรงเรียนบ้านหัวเรือ", "0812345679"),
    ("", "บุญมี", "", "กรรมการ", "", "", "", ""),
    ("นางสาว", "น้ำผึ้ง", "ศรีสำราญ", "กรรมการและเลขานุการ", "ex_officio", "พัฒนากรผู้รับผิดชอบตำบล", "", ""),
]


def upload(content: bytes, name: str = "members.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def draft(personas):
    return services.order_draft_start(
        user=personas.district_officer, kind=f.kind("kbt"), area=f.area("kbt", f.HUA_RUEA)
    )


def test_a_good_file_creates_the_members(personas):
    order = draft(personas)

    result = services.members_import(
        user=personas.district_officer, order=order, upload=upload(f.xlsx(GOOD_ROWS))
    )

    assert result == {"created": 5, "updated": 0, "unchanged": 0}
    members = {m.first_name: m for m in order.members.select_related("position")}
    assert set(members) == {"ปกรณ์", "สมชาย", "สมศรี", "บุญมี", "น้ำผึ้ง"}
    somchai = members["สมชาย"]
    assert somchai.full_name == "นายสมชาย ใจดี"
    assert somchai.position.name_th == "รองประธาน"
    assert somchai.basis == Basis.EX_OFFICIO
    assert somchai.ex_officio_post == "กำนัน"
    assert somchai.affiliation == "ตำบลหัวเรือ"
    assert somchai.phone == "0812345678"  # Thai digits read as Arabic
    assert members["สมศรี"].basis == Basis.EXPERT
    assert members["บุญมี"].basis == Basis.APPOINTED  # empty basis: appointed
    assert members["น้ำผึ้ง"].basis == Basis.EX_OFFICIO  # the code is accepted as well as the Thai label
    assert [m.first_name for m in order.members.order_by("sort_order")] == [row[1] for row in GOOD_ROWS]


def test_importing_the_same_file_again_changes_nothing(personas):
    order = draft(personas)
    services.members_import(user=personas.district_officer, order=order, upload=upload(f.xlsx(GOOD_ROWS)))

    again = services.members_import(
        user=personas.district_officer, order=order, upload=upload(f.xlsx(GOOD_ROWS))
    )

    assert again == {"created": 0, "updated": 0, "unchanged": 5}
    assert order.members.count() == 5


def test_a_changed_row_updates_the_member_matched_by_name(personas):
    order = draft(personas)
    services.members_import(user=personas.district_officer, order=order, upload=upload(f.xlsx(GOOD_ROWS)))
    rows = [list(row) for row in GOOD_ROWS]
    rows[2][7] = "0899999999"

    result = services.members_import(user=personas.district_officer, order=order, upload=upload(f.xlsx(rows)))

    assert result == {"created": 0, "updated": 1, "unchanged": 4}
    assert order.members.get(first_name="สมศรี").phone == "0899999999"


def test_importing_into_a_draft_with_copied_members_adds_only_new_names(personas):
    f.order("kbt", f.HUA_RUEA)  # the draft copies its 5 serving members
    order = draft(personas)
    rows = [("นาย", "สมชาย", "ใจดี", "รองประธาน", "โดยตำแหน่ง", "กำนัน", "ตำบลหัวเรือ", "0810000002")]
    rows.append(("นาย", "สุชาติ", "คำดี", "กรรมการ", "แต่งตั้ง", "", "", ""))

    result = services.members_import(user=personas.district_officer, order=order, upload=upload(f.xlsx(rows)))

    assert result == {"created": 1, "updated": 0, "unchanged": 1}
    assert order.members.count() == 6


def test_every_bad_row_is_named_and_nothing_is_written(personas):
    order = draft(personas)
    rows = [
        ("นาย", "ดีมาก", "ถูกต้อง", "ประธาน", "", "", "", ""),  # row 2: fine
        ("นาย", "ตำแหน่ง", "ผิด", "นายกสมาคม", "", "", "", ""),  # row 3: unknown position
        ("นาย", "", "ไม่มีชื่อ", "กรรมการ", "", "", "", ""),  # row 4: no first name
        ("นาย", "โดย", "ตำแหน่ง", "กรรมการ", "โดยตำแหน่ง", "", "", ""),  # row 5: ex officio without post
        ("นาง", "ซ้ำ", "กัน", "กรรมการ", "", "", "", ""),  # row 6
        ("นาง", "ซ้ำ", "กัน", "เหรัญญิก", "", "", "", ""),  # row 7: same name as row 6
        ("นาย", "ที่มา", "แปลก", "กรรมการ", "อาสาสมัคร", "", "", ""),  # row 8: unknown basis
    ]

    with pytest.raises(TabularError) as error:
        services.members_import(user=personas.district_officer, order=order, upload=upload(f.xlsx(rows)))

    found = [(e.row, e.message) for e in error.value.errors]
    assert [row for row, _message in found] == [3, 4, 5, 7, 8]
    messages = dict(found)
    assert messages[3].startswith("ไม่รู้จักตำแหน่ง 'นายกสมาคม'")
    assert "ประธาน" in messages[3]  # lists the positions that are allowed
    assert messages[4] == "ไม่ได้ระบุชื่อ"
    assert messages[5] == "กรรมการโดยตำแหน่งต้องระบุตำแหน่งที่ดำรง"
    assert messages[7] == "ชื่อ ซ้ำ กัน ซ้ำกับแถวที่ 6"
    assert messages[8].startswith("ไม่รู้จักที่มา 'อาสาสมัคร'")
    columns = {e.row: e.column for e in error.value.errors}
    assert columns[3] == "ตำแหน่งในคณะกรรมการ"
    assert columns[4] == "ชื่อ"
    assert columns[8] == "ที่มา"
    assert not Member.objects.exists()


def test_a_file_without_the_required_columns_is_refused(personas):
    order = draft(personas)
    content = f.xlsx([("สมชาย", "ใจดี")], headers=["ชื่อ", "นามสกุล"])

    with pytest.raises(TabularError) as error:
        services.members_import(user=personas.district_officer, order=order, upload=upload(content))

    assert "ตำแหน่งในคณะกรรมการ" in error.value.errors[0].message
    assert not Member.objects.exists()


def test_a_csv_works_too(personas):
    order = draft(personas)
    content = "ชื่อ,นามสกุล,ตำแหน่งในคณะกรรมการ\nสมชาย,ใจดี,ประธาน\n".encode()

    result = services.members_import(
        user=personas.district_officer, order=order, upload=upload(content, "members.csv")
    )

    assert result["created"] == 1


def test_import_into_an_issued_order_is_refused(personas):
    order = f.order("kbt", f.HUA_RUEA)

    with pytest.raises(ValidationError):
        services.members_import(user=personas.district_officer, order=order, upload=upload(f.xlsx(GOOD_ROWS)))

    assert order.members.count() == 5


def test_the_viewer_cannot_import(personas):
    order = draft(personas)

    with pytest.raises(PermissionDenied):
        services.members_import(user=personas.viewer, order=order, upload=upload(f.xlsx(GOOD_ROWS)))
    assert not Member.objects.exists()


# ------------------------------------------------------------------ through the web


def test_the_upload_page_shows_every_error_and_saves_nothing(personas):
    order = draft(personas)
    client = personas.client_for(personas.district_officer)
    rows = [GOOD_ROWS[0], ("นาย", "ตำแหน่ง", "ผิด", "นายกสมาคม", "", "", "", ""), ("นาย", "", "x", "กรรมการ")]

    response = client.post(f"/committees/orders/{order.pk}/members/import/", {"file": upload(f.xlsx(rows))})

    assert response.status_code == 200
    text = response.content.decode()
    assert 'id="import-errors"' in text
    assert "ไม่มีข้อมูลใดถูกบันทึก" in text
    assert "แถว 3: ไม่รู้จักตำแหน่ง &#x27;นายกสมาคม&#x27;" in text
    assert "แถว 4: ไม่ได้ระบุชื่อ" in text
    assert not Member.objects.exists()


def test_the_upload_page_shows_the_result(personas):
    order = draft(personas)
    client = personas.client_for(personas.district_officer)

    response = client.post(
        f"/committees/orders/{order.pk}/members/import/", {"file": upload(f.xlsx(GOOD_ROWS))}
    )

    assert response.status_code == 200
    text = response.content.decode()
    assert 'id="import-result"' in text
    assert "เพิ่ม 5 คน" in text
    assert "นายสมชาย ใจดี" in text
    assert order.members.count() == 5


def test_the_upload_page_refuses_an_issued_order(personas):
    order = f.order("kbt", f.HUA_RUEA)
    client = personas.client_for(personas.district_officer)

    response = client.post(
        f"/committees/orders/{order.pk}/members/import/", {"file": upload(f.xlsx(GOOD_ROWS))}
    )

    assert response.status_code == 200
    assert "คำสั่งนี้ออกแล้ว แก้ไขไม่ได้" in response.content.decode()
    assert order.members.count() == 5


def template_url(order) -> str:
    return f"/committees/orders/{order.pk}/members/template.xlsx"


def import_the_template(personas, order) -> bytes:
    """Download the order's members template and import it as it is, through the pages; its bytes."""
    client = personas.client_for(personas.district_officer)
    response = client.get(template_url(order))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    content = b"".join(response) if response.streaming else response.content
    posted = client.post(f"/committees/orders/{order.pk}/members/import/", {"file": upload(content)})
    assert posted.status_code == 200
    assert 'id="import-errors"' not in posted.content.decode()
    return content


def test_the_downloaded_template_round_trips_as_the_default_kbt_composition(personas):
    order = draft(personas)

    content = import_the_template(personas, order)

    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    assert [cell.value for cell in sheet[1]] == [column.label for column in services.MEMBER_COLUMNS]
    members = list(order.members.select_related("position").order_by("sort_order"))
    roles = [(m.position.name_th, m.ex_officio_post) for m in members]
    # the chair is the district's deputy officer for the tambon; the กำนัน is the vice chair, not the chair
    assert roles[:3] == [
        ("ประธาน", "ปลัดอำเภอผู้รับผิดชอบประจำตำบล"),
        ("รองประธาน", "กำนัน"),
        ("กรรมการ", "นายกองค์กรปกครองส่วนท้องถิ่น"),
    ]
    assert roles[-1] == ("กรรมการและเลขานุการ", "พัฒนากรผู้รับผิดชอบตำบล")
    assert len(members) == 9 and all(m.basis == Basis.EX_OFFICIO for m in members)
    assert len({m.full_name for m in members}) == 9
    assert composition_problems(members, selectors.order_template(order)) == []
    assert order.state == OrderState.DRAFT


def test_the_template_of_a_socho_reaches_its_minimum_size(personas):
    order = services.order_draft_start(
        user=personas.district_officer, kind=f.kind("socho_t"), area=f.area("socho_t", f.HUA_RUEA)
    )

    import_the_template(personas, order)

    members = list(order.members.select_related("position"))
    assert len(members) == 9  # the default ศอช.ต. template: 9 to 25 members
    assert composition_problems(members, selectors.order_template(order)) == []


def test_the_template_follows_the_provinces_own_composition(personas):
    own = services.template_customize(
        user=personas.province_officer,
        kind=f.kind("kbt"),
        province=Province.objects.get(code=f.UBON),
    )
    own.slots.filter(ex_officio_post="ปลัดอำเภอผู้รับผิดชอบประจำตำบล").update(ex_officio_post="นายอำเภอ")
    order = draft(personas)

    import_the_template(personas, order)

    chair = order.members.get(position__name_th="ประธาน")
    assert chair.ex_officio_post == "นายอำเภอ"
    members = list(order.members.select_related("position"))
    assert composition_problems(members, selectors.order_template(order)) == []


def test_the_template_offers_positions_and_bases_as_drop_downs(personas):
    order = draft(personas)
    client = personas.client_for(personas.district_officer)

    choices = template_choices(client.get(template_url(order)).content)

    assert choices == {
        "ตำแหน่งในคณะกรรมการ": [position.name_th for position in Position.objects.all()],
        "ที่มา": ["โดยตำแหน่ง", "ผู้ทรงคุณวุฒิ", "ผู้แทนที่ได้รับเลือก", "แต่งตั้ง"],
    }
    assert "กรรมการและเลขานุการ" in choices["ตำแหน่งในคณะกรรมการ"]


def test_errors_name_a_column_missing_from_the_file_by_its_thai_header(personas):
    order = draft(personas)
    content = f.xlsx(
        [("สมชาย", "ใจดี", "กรรมการ", "โดยตำแหน่ง")], headers=["ชื่อ", "นามสกุล", "position", "basis"]
    )

    with pytest.raises(TabularError) as error:
        services.members_import(user=personas.district_officer, order=order, upload=upload(content))

    assert [(e.row, e.column, e.message) for e in error.value.errors] == [
        (2, "ตำแหน่งที่ดำรง (โดยตำแหน่ง)", "กรรมการโดยตำแหน่งต้องระบุตำแหน่งที่ดำรง")
    ]


def test_other_districts_cannot_download_the_template_or_import(personas):
    order = draft(personas)
    client = personas.client_for(personas.other_district_officer)

    assert client.get(f"/committees/orders/{order.pk}/members/template.xlsx").status_code == 404
    response = client.post(
        f"/committees/orders/{order.pk}/members/import/", {"file": upload(f.xlsx(GOOD_ROWS))}
    )
    assert response.status_code == 404
    assert not Member.objects.exists()
