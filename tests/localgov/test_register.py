"""The local-government register: who sees and changes it, the import all-or-nothing, the demo."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from tambonplan.core.tabular import TabularError
from tambonplan.localgov import selectors, services
from tambonplan.localgov.demo import seed_local_governments
from tambonplan.localgov.models import LocalGovernment, LocalGovernmentKind

HEADER = "รหัส อปท.,ประเภท,ชื่อ,รหัสจังหวัด/อำเภอ,รหัสตำบลในเขต,โทรศัพท์\n"


def csv(*rows: str) -> io.BytesIO:
    upload = io.BytesIO((HEADER + "\n".join(rows) + "\n").encode("utf-8"))
    upload.name = "lg.csv"
    return upload


@pytest.fixture
def hua_ruea(db):
    body = LocalGovernment.objects.create(
        code="6340104", kind=LocalGovernmentKind.SAO, name_th="หัวเรือ", province_id="34", district_id="3401"
    )
    body.tambons.set(["340104"])
    return body


def test_the_district_officer_sees_and_edits_its_body_the_other_district_gets_404(personas, hua_ruea):
    district = personas.client_for(personas.district_officer)
    page = district.get(reverse("localgov:detail", args=[hua_ruea.pk]))
    assert page.status_code == 200
    assert "องค์การบริหารส่วนตำบลหัวเรือ" in page.content.decode()
    assert district.get(reverse("localgov:update", args=[hua_ruea.pk])).status_code == 200
    other = personas.client_for(personas.other_district_officer)
    assert other.get(reverse("localgov:detail", args=[hua_ruea.pk])).status_code == 404
    outsider = personas.client_for(personas.outsider)
    assert outsider.get(reverse("localgov:detail", args=[hua_ruea.pk])).status_code == 404
    viewer = personas.client_for(personas.viewer)
    assert viewer.get(reverse("localgov:detail", args=[hua_ruea.pk])).status_code == 200
    assert viewer.get(reverse("localgov:update", args=[hua_ruea.pk])).status_code == 403


def test_editing_keeps_the_tambons_and_refuses_a_stale_page(personas, hua_ruea):
    client = personas.client_for(personas.district_officer)
    data = {
        "code": "6340104",
        "kind": "sao",
        "name_th": "หัวเรือ",
        "province": "34",
        "district": "3401",
        "tambons": ["340104", "340105"],
        "is_active": "on",
        "version": "1",
    }
    assert client.post(reverse("localgov:update", args=[hua_ruea.pk]), data).status_code == 302
    hua_ruea.refresh_from_db()
    assert sorted(hua_ruea.tambons.values_list("code", flat=True)) == ["340104", "340105"]
    stale = client.post(reverse("localgov:update", args=[hua_ruea.pk]), data)
    assert "ถูกแก้ไขโดยผู้อื่น" in stale.content.decode()


def test_a_tambon_of_another_province_is_refused_in_thai(personas):
    client = personas.client_for(personas.province_officer)
    page = client.post(
        reverse("localgov:create"),
        {"code": "6340199", "kind": "sao", "name_th": "ทดสอบ", "province": "34", "tambons": ["330101"]},
    )
    # the form offers only the user's tambons: Si Sa Ket's is not a choice
    assert page.status_code == 200
    assert not LocalGovernment.objects.filter(code="6340199").exists()


def test_the_tambon_page_lists_its_local_governments(personas, hua_ruea):
    second = LocalGovernment.objects.create(
        code="5340104", kind=LocalGovernmentKind.SUBDISTRICT_MUNICIPALITY, name_th="หัวเรือ", province_id="34"
    )
    second.tambons.set(["340104"])
    page = personas.client_for(personas.tambon_officer).get(reverse("areas:tambon", args=["340104"]))
    text = page.content.decode()
    assert "อบต.หัวเรือ" in text and "ทต.หัวเรือ" in text


def test_for_tambon_gives_both_bodies_of_a_tambon_and_the_province_pao_counts_are_the_tambons_own(db):
    seed_local_governments()
    from tambonplan.areas.models import Tambon

    names = [body.short_name for body in selectors.for_tambon(Tambon.objects.get(code="340104"))]
    assert sorted(names[:2]) == ["ทต.หัวเรือ", "อบต.หัวเรือ"] and names[2:] == ["อบจ.อุบลราชธานี"]
    counts = selectors.counts_by_tambon(["340104", "340112", "340113", "340101"])
    assert counts == {"340104": 2, "340112": 1, "340113": 1, "340101": 1}
    assert seed_local_governments() == 0


def test_import_writes_every_row_or_none(personas):
    with pytest.raises(TabularError) as caught:
        services.local_governments_import(
            user=personas.province_officer,
            upload=csv(
                "6340104,อบต.,หัวเรือ,3401,340104,045",
                "6340105,องค์การบริหารส่วนตำบล,หนองขอน,3401,340105 999999,",
                "7330101,อบต.,นอกจังหวัด,3301,330101,",
                "abc,บริษัท,,3401,,",
            ),
        )
    messages = [(e.row, e.message) for e in caught.value.errors]
    assert (3, "ไม่พบตำบลรหัส 999999") in messages
    assert (4, "พื้นที่รหัส 3301 อยู่นอกพื้นที่ที่ท่านรับผิดชอบ") in messages
    assert any(row == 5 and "ต้องเป็นตัวเลข" in message for row, message in messages)
    assert any(row == 5 and "ประเภท 'บริษัท' ไม่รู้จัก" in message for row, message in messages)
    assert LocalGovernment.objects.count() == 0


def test_import_is_idempotent_by_code_and_a_tambon_can_have_two(personas):
    rows = (
        "6340104,อบต.,หัวเรือ,3401,340104,045",
        "5340104,ทต.,หัวเรือ,3401,340104,",
        "3340000,อบจ.,อุบลราชธานี,34,,",
    )
    first = services.local_governments_import(user=personas.province_officer, upload=csv(*rows))
    again = services.local_governments_import(user=personas.province_officer, upload=csv(*rows))
    assert (first.created, again.created, again.updated) == (3, 0, 3)
    assert LocalGovernment.objects.filter(tambons="340104").count() == 2
    assert LocalGovernment.objects.get(code="3340000").district is None


def test_a_district_officer_imports_only_its_district(personas):
    with pytest.raises(TabularError) as caught:
        services.local_governments_import(
            user=personas.district_officer,
            upload=csv("6341501,อบต.,วาริน,3415,341501,", "3340000,อบจ.,อุบล,34,,"),
        )
    assert [e.row for e in caught.value.errors] == [2, 3]


def test_import_page_shows_errors_and_viewer_is_refused(personas):
    client = personas.client_for(personas.district_officer)
    page = client.post(reverse("localgov:import"), {"file": csv("6340104,อบต.,หัวเรือ,3401,340199,")})
    assert "ไม่พบตำบลรหัส 340199" in page.content.decode()
    assert personas.client_for(personas.viewer).get(reverse("localgov:import")).status_code == 403
    template = client.get(reverse("localgov:import_template"))
    assert template.status_code == 200 and template.content[:2] == b"PK"


def test_the_command_imports_the_nation_and_reports_bad_rows(db, tmp_path):
    good = tmp_path / "good.csv"
    good.write_bytes(csv("6340104,อบต.,หัวเรือ,3401,340104,", "6330101,อบต.,ศรีสะเกษ,3301,330101,").getvalue())
    out = io.StringIO()
    call_command("import_local_governments", str(good), stdout=out)
    assert "created=2" in out.getvalue()
    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv("6340105,อบต.,หนองขอน,3401,340105,", "1,อบต.,ผิด,3401,,").getvalue())
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_local_governments", str(bad), stderr=err)
    assert "แถว 3" in err.getvalue()
    assert not LocalGovernment.objects.filter(code="6340105").exists()


def test_the_list_filters_by_district_and_pages(personas):
    seed_local_governments()
    page = personas.client_for(personas.province_officer).get(
        reverse("localgov:list") + "?district=3401&q=หัวเรือ"
    )
    text = page.content.decode()
    assert "องค์การบริหารส่วนตำบลหัวเรือ" in text and "เทศบาลตำบลหัวเรือ" in text
    assert "ปะอาว" not in text


def test_deactivating_keeps_the_body_but_offers_it_no_more(personas, hua_ruea):
    from tambonplan.areas.models import Tambon

    viewer = personas.client_for(personas.viewer)
    url = reverse("localgov:deactivate", args=[hua_ruea.pk])
    assert viewer.post(url, {"version": "1"}).status_code == 403
    client = personas.client_for(personas.district_officer)
    stale = client.post(url, {"version": "0"}, follow=True)
    assert "ถูกแก้ไขโดยผู้อื่น" in stale.content.decode()
    page = client.post(url, {"version": "1"}, follow=True)
    assert "ยกเลิกแล้ว" in page.content.decode()
    hua_ruea.refresh_from_db()
    assert not hua_ruea.is_active and hua_ruea.version == 2
    assert hua_ruea not in selectors.for_tambon(Tambon.objects.get(code="340104"))
    assert selectors.counts_by_tambon(["340104"]) == {}
    assert personas.client_for(personas.other_district_officer).post(url, {"version": "2"}).status_code == 404


def test_the_list_pages_by_fifty(personas):
    LocalGovernment.objects.bulk_create(
        LocalGovernment(
            code=f"63401{n:02d}",
            kind=LocalGovernmentKind.SAO,
            name_th=f"ทดสอบ{n:02d}",
            province_id="34",
            district_id="3401",
        )
        for n in range(55)
    )
    client = personas.client_for(personas.district_officer)
    first = client.get(reverse("localgov:list")).content.decode()
    second = client.get(reverse("localgov:list") + "?page=2").content.decode()
    assert "ทดสอบ49" in first and "ทดสอบ50" not in first
    assert "ทดสอบ54" in second and "ทดสอบ00" not in second


def test_a_body_covering_tambons_of_two_districts_is_listed_under_both_with_its_whole_count(personas):
    body = LocalGovernment.objects.create(
        code="5341599", kind=LocalGovernmentKind.TOWN, name_th="ริมมูล", province_id="34", district_id="3415"
    )
    body.tambons.set(["340104", "341501"])
    client = personas.client_for(personas.province_officer)
    for district in ("3401", "3415"):
        rows = client.get(reverse("localgov:list") + f"?district={district}").context["page"].object_list
        assert [(row.code, row.tambon_count) for row in rows] == [("5341599", 2)]
