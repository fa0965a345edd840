"""The partner registry: who may register and edit, duplicate warnings, the list and the partner page."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from tambonplan.areas.models import Province
from tambonplan.partners import selectors, services
from tambonplan.partners.models import Partner, PartnerLevel, PartnerType
from tambonplan.planning.models import NeedCategory

pytestmark = pytest.mark.django_db


def register(user, name, *, province="34", areas=(), categories=(), **fields):
    fields.setdefault("partner_type", PartnerType.CIVIL_SOCIETY)
    fields.setdefault("level", PartnerLevel.PROVINCIAL)
    return services.partner_create(
        user=user,
        province=Province.objects.get(code=province),
        name=name,
        area_codes=areas,
        focus_categories=categories,
        **fields,
    )


def form_data(name, **extra):
    data = {
        "name": name,
        "partner_type": PartnerType.LOCAL_GOVERNMENT,
        "level": PartnerLevel.LOCAL,
        "area_codes": ["340104"],
        "focus_categories": [NeedCategory.objects.get(name_th="ด้านโครงสร้างพื้นฐาน").pk],
        "contact_name": "นายทดสอบ ใจดี",
        "phone": "045-123456",
        "email": "",
        "notes": "",
        "is_active": "on",
    }
    data.update(extra)
    return data


# ------------------------------------------------------------------ who may change


def test_province_and_district_officers_of_the_province_may_manage(personas):
    assert services.may_manage_partners(personas.province_officer, "34")
    assert services.may_manage_partners(personas.district_officer, "34")
    assert services.may_manage_partners(personas.other_district_officer, "34")
    assert not services.may_manage_partners(personas.tambon_officer, "34")
    assert not services.may_manage_partners(personas.viewer, "34")
    assert not services.may_manage_partners(personas.outsider, "34")


def test_district_officer_registers_and_edits_a_partner(personas):
    partner = register(personas.district_officer, "อบต.หัวเรือ", areas=["340104"])
    assert partner.name_key == "องค์การบริหารส่วนตำบลหัวเรือ"
    assert partner.created_by == personas.district_officer
    updated = services.partner_update(
        user=personas.district_officer,
        partner=partner,
        version=partner.version,
        name="องค์การบริหารส่วนตำบลหัวเรือ",
        area_codes=["3401"],
    )
    assert updated.version == 2
    assert list(updated.areas.values_list("area_code", flat=True)) == ["3401"]


def test_viewer_and_outsider_cannot_register(personas):
    with pytest.raises(PermissionDenied):
        register(personas.viewer, "มูลนิธิทดสอบ")
    with pytest.raises(Http404):
        register(personas.outsider, "มูลนิธิทดสอบ")


def test_areas_must_lie_in_the_registering_province(personas):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        register(personas.province_officer, "มูลนิธิทดสอบ", areas=["3301"])


def test_stale_version_is_refused(personas):
    from tambonplan.core.concurrency import ConcurrentEditError

    partner = register(personas.province_officer, "มูลนิธิทดสอบ")
    services.partner_update(user=personas.province_officer, partner=partner, version=1, notes="หนึ่ง")
    with pytest.raises(ConcurrentEditError):
        services.partner_update(user=personas.province_officer, partner=partner, version=1, notes="สอง")


# ------------------------------------------------------------------ views and scope


def test_outsider_gets_404_on_an_ubon_partner(personas):
    partner = register(personas.province_officer, "มูลนิธิเพื่อนเยาวชนอีสาน")
    client = personas.client_for(personas.outsider)
    for name in ("partners:partner_detail", "partners:partner_edit", "partners:coordination_create"):
        assert client.get(reverse(name, args=[partner.pk])).status_code == 404
    assert client.post(reverse("partners:partner_edit", args=[partner.pk]), form_data("x")).status_code == 404


def test_viewer_sees_but_gets_403_on_post(personas):
    partner = register(personas.province_officer, "มูลนิธิเพื่อนเยาวชนอีสาน")
    client = personas.client_for(personas.viewer)
    assert client.get(reverse("partners:partner_detail", args=[partner.pk])).status_code == 200
    assert client.post(reverse("partners:partner_edit", args=[partner.pk]), form_data("x")).status_code == 403
    assert client.post(reverse("partners:partner_create"), form_data("มูลนิธิใหม่")).status_code == 403
    assert Partner.objects.count() == 1


def test_list_is_scoped_to_the_province_and_filters(personas):
    infra = NeedCategory.objects.get(name_th="ด้านโครงสร้างพื้นฐาน")
    register(
        personas.province_officer, "อบต.หัวเรือ", partner_type=PartnerType.LOCAL_GOVERNMENT, categories=[infra]
    )
    register(personas.province_officer, "มูลนิธิเพื่อนเยาวชนอีสาน")
    register(personas.outsider, "อบต.ศรีสะเกษทดสอบ", province="33")
    client = personas.client_for(personas.district_officer)
    response = client.get(reverse("partners:partner_list"))
    assert response.status_code == 200
    names = [p.name for p in response.context["partners"]]
    assert names == ["มูลนิธิเพื่อนเยาวชนอีสาน", "อบต.หัวเรือ"]
    response = client.get(reverse("partners:partner_list"), {"partner_type": PartnerType.LOCAL_GOVERNMENT})
    assert [p.name for p in response.context["partners"]] == ["อบต.หัวเรือ"]
    response = client.get(reverse("partners:partner_list"), {"category": infra.pk})
    assert [p.name for p in response.context["partners"]] == ["อบต.หัวเรือ"]
    response = client.get(reverse("partners:partner_list"), {"q": "องค์การบริหารส่วนตำบลหัวเรือ"})
    assert [p.name for p in response.context["partners"]] == ["อบต.หัวเรือ"]
    response = client.get(reverse("partners:partner_list"), {"q": "เยาวชน"})
    assert [p.name for p in response.context["partners"]] == ["มูลนิธิเพื่อนเยาวชนอีสาน"]


def test_list_queries_do_not_grow_with_partners(personas, django_assert_max_num_queries):
    for index in range(12):
        register(personas.province_officer, f"มูลนิธิทดสอบ{index}", areas=["3401"])
    client = personas.client_for(personas.province_officer)
    client.get(reverse("partners:partner_list"))
    with django_assert_max_num_queries(12):
        assert client.get(reverse("partners:partner_list")).status_code == 200


def test_create_through_the_form(personas):
    client = personas.client_for(personas.province_officer)
    assert client.get(reverse("partners:partner_create")).status_code == 200
    response = client.post(reverse("partners:partner_create"), form_data("อบต.หัวเรือ"))
    partner = Partner.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("partners:partner_detail", args=[partner.pk])
    assert partner.province_id == "34"
    assert list(partner.areas.values_list("area_code", flat=True)) == ["340104"]
    assert partner.focus_categories.count() == 1


def test_create_with_a_likely_duplicate_requires_confirmation(personas):
    existing = register(personas.province_officer, "องค์การบริหารส่วนตำบลหัวเรือ")
    client = personas.client_for(personas.district_officer)
    response = client.post(reverse("partners:partner_create"), form_data("อบต. หัวเรือ"))
    assert response.status_code == 200
    assert Partner.objects.count() == 1
    content = response.content.decode()
    assert 'id="duplicate-warning"' in content
    assert reverse("partners:partner_detail", args=[existing.pk]) in content
    assert "บันทึกแม้ชื่อคล้าย" in content
    response = client.post(reverse("partners:partner_create"), form_data("อบต. หัวเรือ", confirm_similar="on"))
    assert response.status_code == 302
    assert Partner.objects.count() == 2


def test_unrelated_name_needs_no_confirmation(personas):
    register(personas.province_officer, "องค์การบริหารส่วนตำบลหัวเรือ")
    client = personas.client_for(personas.province_officer)
    response = client.post(reverse("partners:partner_create"), form_data("อบต.ขามใหญ่"))
    assert response.status_code == 302


def test_duplicates_are_only_looked_for_in_the_same_province(personas):
    register(personas.outsider, "อบต.หัวเรือ", province="33")
    assert selectors.likely_duplicates(personas.province_officer, province_code="34", name="อบต.หัวเรือ") == []


def test_editing_without_renaming_does_not_ask_again(personas):
    register(personas.province_officer, "อบต.หัวเรือ")
    twin = register(personas.province_officer, "องค์การบริหารส่วนตำบลหัวเรือ")
    client = personas.client_for(personas.province_officer)
    response = client.post(
        reverse("partners:partner_edit", args=[twin.pk]),
        form_data(twin.name, version=twin.version, notes="แก้หมายเหตุ"),
    )
    assert response.status_code == 302
    twin.refresh_from_db()
    assert twin.notes == "แก้หมายเหตุ"


def test_detail_shows_areas_commitments_and_audit(personas):
    from tambonplan.partners.models import Commitment, CommitmentKind
    from tambonplan.planning.models import Project, ProjectClass, TambonPlan

    partner = register(personas.province_officer, "อบต.หัวเรือ", areas=["340104"])
    plan = TambonPlan.objects.create(tambon_id="340104", fiscal_year=2569)
    project = Project.objects.create(
        plan=plan, name="ถนนคอนกรีตหมู่ 3", project_class=ProjectClass.objects.get(code="support")
    )
    Commitment.objects.create(
        partner=partner, project=project, fiscal_year=2569, kind=CommitmentKind.BUDGET, amount=150000
    )
    client = personas.client_for(personas.tambon_officer)
    response = client.get(reverse("partners:partner_detail", args=[partner.pk]))
    content = response.content.decode()
    assert "ตำบลหัวเรือ อำเภอเมืองอุบลราชธานี" in content
    assert "ถนนคอนกรีตหมู่ 3" in content
    assert "150,000" in content
    assert response.context["audit"]
    assert not response.context["can_manage"]
