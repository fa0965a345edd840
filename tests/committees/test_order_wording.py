"""A province words its orders: the legal basis with its clause and the numbered duties of each kind, on a small
settings page; its orders print what it saved, other provinces keep the default."""

import pytest

from tambonplan.committees import services
from tambonplan.committees.documents import order_content, order_pdf
from tambonplan.committees.models import AppointmentOrder, OrderState, OrderWording
from tests.committees import factories as f
from tests.document_text import pdf_text, squeeze

URL = "/committees/province/34/order-wording/socho_t/"
SOCHO_2551 = "ระเบียบกระทรวงมหาดไทย ว่าด้วยการดำเนินงานศูนย์ประสานงานองค์การชุมชน พ.ศ. ๒๕๕๑"
OWN = {
    "purpose": "",
    "clause": "ข้อ 10 (1)",
    "regulation": SOCHO_2551,
    "guideline": "หนังสือกรมการพัฒนาชุมชน ที่ มท 0403.2/ว 1234",
    "duties": "1. ประสานงานองค์การชุมชนในตำบล\n\n๒) จัดทำข้อมูลชุมชน\n   ร่วมจัดทำแผนพัฒนาตำบล  \n",
    "version": "0",
}


def save(client, **changes):
    return client.post(URL, {"save": "1", **OWN, **changes})


@pytest.fixture
def province_client(personas):
    return personas.client_for(personas.province_officer)


def test_the_page_shows_the_default_wording_as_the_order_prints_it(personas):
    page = personas.client_for(personas.district_officer).get(URL).content.decode()

    assert f"อาศัยอำนาจตามความในข้อ ๙ แห่ง{SOCHO_2551} จึงแต่งตั้ง" in page
    assert "๑. ประสานงานและเชื่อมโยงการดำเนินงานขององค์การชุมชนและเครือข่ายในตำบล" in page
    assert "ค่าเริ่มต้นของระบบ" in page
    assert 'name="duties"' not in page  # a district officer reads, the province edits


def test_the_province_saves_its_wording_and_its_orders_print_it(personas, province_client):
    response = save(province_client)

    assert response.status_code == 302
    wording = OrderWording.objects.get(province_id="34", kind__code="socho_t")
    assert wording.duties == "ประสานงานองค์การชุมชนในตำบล\nจัดทำข้อมูลชุมชน\nร่วมจัดทำแผนพัฒนาตำบล"
    order = f.order("socho_t", f.HUA_RUEA)
    content = order_content(order)
    assert content.opening.startswith(
        f"อาศัยอำนาจตามความในข้อ ๑๐ (๑) แห่ง{SOCHO_2551} ประกอบกับหนังสือกรมการพัฒนาชุมชน ที่ มท ๐๔๐๓.๒/ว ๑๒๓๔"
    )
    assert content.duties == ["๑. ประสานงานองค์การชุมชนในตำบล", "๒. จัดทำข้อมูลชุมชน", "๓. ร่วมจัดทำแผนพัฒนาตำบล"]
    assert squeeze("๓. ร่วมจัดทำแผนพัฒนาตำบล") in pdf_text(order_pdf(order))
    listing = province_client.get("/committees/province/34/templates/").content.decode()
    assert f'href="{URL}"' in listing and "ปรับโดยจังหวัด" in listing


def test_another_province_keeps_the_default(personas, province_client):
    save(province_client)

    order = f.order("socho_t", "330101")  # Si Sa Ket

    assert order_content(order).opening.startswith("เพื่อให้การดำเนินงานของศูนย์ประสานงานองค์การชุมชน")
    assert "อาศัยอำนาจตามความในข้อ ๙ แห่ง" in order_content(order).opening


def test_an_order_without_duties_is_refused_with_the_reason(province_client):
    response = save(province_client, duties="  \n 1. \n")

    assert response.status_code == 200
    assert "กรุณาระบุอำนาจหน้าที่อย่างน้อย 1 ข้อ" in response.content.decode()
    assert not OrderWording.objects.exists()


def test_a_stale_page_does_not_overwrite_another_officers_wording(province_client):
    save(province_client)

    response = save(province_client, clause="ข้อ 11", version="0")  # opened before the first save

    assert "ถูกแก้ไขโดยผู้อื่น" in response.content.decode()
    assert OrderWording.objects.get().clause == "ข้อ 10 (1)"
    assert save(province_client, clause="ข้อ 11", version="1").status_code == 302
    assert OrderWording.objects.get().clause == "ข้อ 11"


def test_back_to_the_default(province_client):
    save(province_client)

    response = province_client.post(URL, {"reset": "1"})

    assert response.status_code == 302
    assert not OrderWording.objects.exists()
    assert "ค่าเริ่มต้นของระบบ" in province_client.get(URL).content.decode()


def test_district_officers_and_viewers_cannot_change_the_wording(personas):
    for user in (personas.district_officer, personas.viewer):
        client = personas.client_for(user)
        assert save(client).status_code == 403
        assert client.post(URL, {"reset": "1"}).status_code == 403
    assert personas.client_for(personas.outsider).get(URL).status_code == 404
    assert not OrderWording.objects.exists()


def test_an_issued_order_keeps_the_wording_it_was_issued_with(personas, province_client):
    draft = f.order("socho_t", f.HUA_RUEA, state=OrderState.DRAFT)
    services.order_issue(user=personas.district_officer, order=draft)

    save(province_client)  # the province rewords its orders afterwards

    issued = AppointmentOrder.objects.get(pk=draft.pk)
    assert f"อาศัยอำนาจตามความในข้อ ๙ แห่ง{SOCHO_2551} จึงแต่งตั้ง" in order_content(issued).opening
    assert len(order_content(issued).duties) == 5
    new_draft = AppointmentOrder.objects.create(committee=issued.committee)
    assert "อาศัยอำนาจตามความในข้อ ๑๐ (๑) แห่ง" in order_content(new_draft).opening
    assert len(order_content(new_draft).duties) == 3
