"""Create/edit permissions and scope, acknowledgement once per district, enclosure downloads counted."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tambonplan.directives import services
from tambonplan.directives.demo import seed_circulars
from tambonplan.directives.models import Acknowledgement, Circular, DownloadLog
from tambonplan.directives.selectors import receipt_of

FORM = {
    "province": "34",
    "number": "อบ ๐๐๑๙/ว ๑๐๐",
    "issued_on": "1/3/2567",
    "office_name": "ศาลากลางจังหวัดอุบลราชธานี",
    "office_address": "ถนนแจ้งสนิท อบ ๓๕๐๐๐",
    "subject": "การจัดทำแผนพัฒนาตำบล ประจำปีงบประมาณ พ.ศ. ๒๕๖๗",
    "addressees": "นายอำเภอ ทุกอำเภอ",
    "fiscal_year": "2567",
    "body": "ย่อหน้าแรก\n\nย่อหน้าที่สอง",
    "closing": "จึงเรียนมาเพื่อพิจารณาดำเนินการ",
    "signer_name": "นายทดสอบ ลงนาม",
    "signer_position": "พัฒนาการจังหวัด ปฏิบัติราชการแทน\nผู้ว่าราชการจังหวัดอุบลราชธานี",
    "contact": "สำนักงานพัฒนาชุมชนจังหวัด",
    "report_due": "15/5/2567",
}


@pytest.fixture
def circular(db) -> Circular:
    seed_circulars()
    return Circular.objects.get()


def test_province_officer_creates_circular_for_all_districts(personas):
    client = personas.client_for(personas.province_officer)
    response = client.post(reverse("directives:create"), FORM)
    circular = Circular.objects.get(number="อบ ๐๐๑๙/ว ๑๐๐")
    assert response.status_code == 302
    assert circular.province_id == "34"
    assert circular.districts.count() == 25
    assert circular.fiscal_year == 2567
    assert str(circular.report_due) == "2024-05-15"


def test_created_circular_addressed_to_chosen_districts(personas):
    client = personas.client_for(personas.province_officer)
    client.post(reverse("directives:create"), {**FORM, "districts": ["3401"]})
    circular = Circular.objects.get(number="อบ ๐๐๑๙/ว ๑๐๐")
    assert list(circular.districts.values_list("code", flat=True)) == ["3401"]
    services.instruction_save(user=personas.province_officer, circular=circular, number=1, text="จัดอบรม")
    services.circular_issue(user=personas.province_officer, circular=circular)
    assert personas.client_for(personas.district_officer).get(circular_url(circular)).status_code == 200
    assert personas.client_for(personas.other_district_officer).get(circular_url(circular)).status_code == 404


def circular_url(circular, name="detail"):
    return reverse(f"directives:{name}", args=[circular.pk])


@pytest.mark.parametrize("persona", ["district_officer", "viewer", "tambon_officer"])
def test_others_cannot_create(personas, persona):
    client = personas.client_for(getattr(personas, persona))
    assert client.post(reverse("directives:create"), FORM).status_code == 403
    assert not Circular.objects.exists()


def test_outsider_cannot_choose_another_province(personas):
    client = personas.client_for(personas.outsider)
    assert client.post(reverse("directives:create"), FORM).status_code == 200  # form error: not its province
    assert not Circular.objects.filter(province_id="34").exists()


def test_province_officer_edits(personas, circular):
    client = personas.client_for(personas.province_officer)
    assert client.get(circular_url(circular, "edit")).status_code == 200
    data = {**FORM, "number": circular.number, "subject": "เรื่องที่แก้ไข"}
    assert client.post(circular_url(circular, "edit"), data).status_code == 302
    circular.refresh_from_db()
    assert circular.subject == "เรื่องที่แก้ไข"
    assert circular.districts.count() == 25


@pytest.mark.parametrize(
    ("persona", "view_status", "edit_status"),
    [
        ("district_officer", 200, 403),
        ("tambon_officer", 200, 403),
        ("other_district_officer", 200, 403),
        ("viewer", 200, 403),
        ("outsider", 404, 404),
    ],
)
def test_view_and_edit_scope(personas, circular, persona, view_status, edit_status):
    client = personas.client_for(getattr(personas, persona))
    assert client.get(circular_url(circular)).status_code == view_status
    assert client.get(circular_url(circular, "pdf")).status_code == view_status
    response = client.post(circular_url(circular, "edit"), {**FORM, "subject": "x"})
    assert response.status_code == edit_status
    circular.refresh_from_db()
    assert circular.subject != "x"


def test_list_is_scoped(personas, circular):
    assert (
        circular.number
        in personas.client_for(personas.district_officer).get(reverse("directives:list")).content.decode()
    )
    assert (
        circular.number
        not in personas.client_for(personas.outsider).get(reverse("directives:list")).content.decode()
    )


def test_district_not_addressed_gets_404(personas, circular):
    circular.districts.remove("3415")
    client = personas.client_for(personas.other_district_officer)
    assert client.get(circular_url(circular)).status_code == 404
    token = circular.enclosures.first().token
    assert client.get(reverse("directives:enclosure", args=[token])).status_code == 404


def test_instruction_added_by_province_only(personas, circular):
    url = reverse("directives:instruction_add", args=[circular.pk])
    data = {"number": "8", "text": "ข้อใหม่", "due_on": "", "report_section": ""}
    assert personas.client_for(personas.district_officer).post(url, data).status_code == 403
    assert personas.client_for(personas.province_officer).post(url, data).status_code == 302
    assert circular.instructions.count() == 8
    duplicate = personas.client_for(personas.province_officer).post(url, data)
    assert duplicate.status_code == 200
    assert circular.instructions.count() == 8


def test_acknowledged_once_per_district(personas, circular):
    url = circular_url(circular, "acknowledge")
    first = personas.client_for(personas.district_officer)
    assert first.post(url).status_code == 302
    ack = Acknowledgement.objects.get(circular=circular, district_id="3401")
    assert ack.user == personas.district_officer
    # A second officer of the same district does not overwrite who acknowledged first.
    from tests.conftest import make_user

    colleague = make_user("mueang_district_2", "district", district="3401")
    assert personas.client_for(colleague).post(url).status_code == 302
    assert Acknowledgement.objects.filter(circular=circular).count() == 1
    assert Acknowledgement.objects.get(circular=circular).user == personas.district_officer
    page = personas.client_for(personas.province_officer).get(circular_url(circular)).content.decode()
    assert "รับทราบแล้ว" in page
    rows = {row.district.code: row for row in receipt_of(circular).rows}
    assert rows["3401"].acknowledgement.user == personas.district_officer
    assert rows["3415"].acknowledgement is None


@pytest.mark.parametrize("persona", ["province_officer", "viewer", "tambon_officer", "outsider"])
def test_only_district_officers_acknowledge(personas, circular, persona):
    response = personas.client_for(getattr(personas, persona)).post(circular_url(circular, "acknowledge"))
    assert response.status_code in (403, 404)
    assert not Acknowledgement.objects.exists()


def test_downloads_counted_per_district(personas, circular):
    first, second, third = circular.enclosures.all()
    district = personas.client_for(personas.district_officer)
    page = district.get(reverse("directives:enclosure", args=[first.token]))
    assert page.status_code == 200
    assert not DownloadLog.objects.exists()  # the page itself is not a download
    for _ in range(2):
        response = district.get(reverse("directives:enclosure_file", args=[first.token]))
        assert response.status_code == 200
        assert b"".join(response.streaming_content).startswith(b"%PDF")
    personas.client_for(personas.other_district_officer).get(
        reverse("directives:enclosure_file", args=[third.token])
    )
    personas.client_for(personas.province_officer).get(
        reverse("directives:enclosure_file", args=[first.token])
    )
    receipt = receipt_of(circular)
    rows = {row.district.code: row.downloads for row in receipt.rows}
    assert rows["3401"] == [2, 0, 0]
    assert rows["3415"] == [0, 0, 1]
    assert receipt.province_downloads == [1, 0, 0]
    assert (
        personas.client_for(personas.outsider)
        .get(reverse("directives:enclosure_file", args=[first.token]))
        .status_code
        == 404
    )
    assert DownloadLog.objects.count() == 4


def test_enclosure_pages_need_login(client, circular):
    token = circular.enclosures.first().token
    response = client.get(reverse("directives:enclosure", args=[token]))
    assert response.status_code == 302
    assert "/login" in response["Location"] or "accounts" in response["Location"]


def _office_file(content_type: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", f'<Types><Override ContentType="{content_type}"/></Types>')
    return buffer.getvalue()


DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


@pytest.mark.parametrize(
    ("name", "content", "accepted", "extension"),
    [
        ("a.docx", _office_file(DOCX_TYPE), True, "docx"),
        ("a.pdf", b"%PDF-1.4 test", True, "pdf"),
        ("evil.pdf", b"<html>not a pdf</html>", False, None),
        ("plain.zip.docx", _office_file("application/zip"), False, None),
    ],
)
def test_enclosure_upload_checked_by_content(personas, circular, name, content, accepted, extension):
    client = personas.client_for(personas.province_officer)
    data = {"number": "4", "title": "เอกสารเพิ่มเติม", "quantity": "", "file": SimpleUploadedFile(name, content)}
    response = client.post(reverse("directives:enclosure_add", args=[circular.pk]), data)
    enclosure = circular.enclosures.filter(number=4).first()
    if accepted:
        assert response.status_code == 302
        assert enclosure.extension == extension
    else:
        assert response.status_code == 200
        assert enclosure is None
