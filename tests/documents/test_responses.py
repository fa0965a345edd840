"""file_response: content type, attachment with a UTF-8 (RFC 5987) file name, no sniffing."""

from urllib.parse import quote

import pytest

from tambonplan.documents.responses import file_response, safe_filename


@pytest.mark.parametrize(
    ("kind", "content_type"),
    [
        ("pdf", "application/pdf"),
        ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ],
)
def test_content_type_and_headers(kind, content_type):
    response = file_response(b"%PDF-1.7 ...", f"report.{kind}", kind)

    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == f'attachment; filename="report.{kind}"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Length"] == "12"
    assert response.content == b"%PDF-1.7 ..."


def test_thai_filename_is_sent_as_utf8():
    response = file_response(b"x", "คำสั่งแต่งตั้ง ก.บ.ต. ตำบลหัวเรือ.pdf", "pdf")

    disposition = response["Content-Disposition"]
    assert disposition == "attachment; filename*=utf-8''" + quote("คำสั่งแต่งตั้ง ก.บ.ต. ตำบลหัวเรือ.pdf")
    assert disposition.isascii()


def test_filename_gets_the_extension_and_loses_path_and_control_characters():
    assert safe_filename("คำสั่ง 12/2566", "pdf") == "คำสั่ง 12-2566.pdf"
    assert safe_filename("../../etc/passwd", "xlsx") == "-..-etc-passwd.xlsx"
    assert safe_filename('a"b\r\nc', "docx") == "a-b-c.docx"
    assert safe_filename("", "pdf") == "document.pdf"
    assert safe_filename("report.PDF", "pdf") == "report.PDF"
    response = file_response(b"x", "รายงาน\r\nSet-Cookie: a=b", "xlsx")
    assert "\n" not in response["Content-Disposition"]


def test_unknown_kind_is_refused():
    with pytest.raises(ValueError):
        file_response(b"x", "a.exe", "exe")
