"""Issue 15 item 7: the province-editable dictionary of abbreviations in partners' names — duplicates found
through it, a province's own rows for its registry only, the page, its validation and who may change it."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from tambonplan.accounts.models import Role
from tambonplan.areas.models import Province
from tambonplan.partners import selectors, services
from tambonplan.partners.models import Partner, PartnerAbbreviation, PartnerLevel, PartnerType
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

UBON_LIST = f"{reverse('partners:abbreviation_list')}?province=34"


def register(user, name, *, province="34"):
    return services.partner_create(
        user=user,
        province=Province.objects.get(code=province),
        name=name,
        partner_type=PartnerType.GOVERNMENT,
        level=PartnerLevel.PROVINCIAL,
    )


def add(user, abbreviation, full_form, *, province="34"):
    return services.abbreviation_create(
        user=user,
        province=Province.objects.get(code=province),
        abbreviation=abbreviation,
        full_form=full_form,
    )


def duplicates(user, name, *, province="34"):
    found = selectors.likely_duplicates(user, province_code=province, name=name)
    return [item.partner.name for item in found]


# ------------------------------------------------------------------ the registry's duplicate warning


@pytest.mark.parametrize(
    ("written", "registered"),
    [
        ("ธ.ก.ส. สาขาอุบลราชธานี", "ธนาคารเพื่อการเกษตรและสหกรณ์การเกษตร สาขาอุบลราชธานี"),
        ("ม.อุบลราชธานี", "มหาวิทยาลัยอุบลราชธานี"),
        ("มรภ.อุบลราชธานี", "มหาวิทยาลัยราชภัฏอุบลราชธานี"),
        ("UNDP", "United Nations Development Programme"),
    ],
)
def test_the_issues_four_names_are_flagged_as_duplicates_of_their_full_names(personas, written, registered):
    register(personas.province_officer, registered)
    # A university of the same city and another branch are registered too: they are not this partner.
    register(personas.province_officer, "มหาวิทยาลัยราชภัฏอุบลราชธานี" if written == "ม.อุบลราชธานี" else "ม.ขอนแก่น")
    register(personas.province_officer, "ธ.ก.ส. สาขาวารินชำราบ")
    assert duplicates(personas.district_officer, written) == [registered]


def test_the_form_warns_of_the_full_name_when_registering_an_abbreviation(personas):
    existing = register(personas.province_officer, "ธนาคารเพื่อการเกษตรและสหกรณ์การเกษตร สาขาอุบลราชธานี")
    client = personas.client_for(personas.district_officer)
    response = client.post(
        reverse("partners:partner_create"),
        {"name": "ธ.ก.ส. สาขาอุบลราชธานี", "partner_type": PartnerType.GOVERNMENT, "level": PartnerLevel.LOCAL},
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert 'id="duplicate-warning"' in content
    assert reverse("partners:partner_detail", args=[existing.pk]) in content
    assert Partner.objects.count() == 1


def test_a_provinces_own_abbreviation_works_for_its_registry_and_not_another_provinces(personas):
    register(personas.province_officer, "การไฟฟ้าส่วนภูมิภาคอุบลราชธานี")
    register(personas.outsider, "การไฟฟ้าส่วนภูมิภาคอุบลราชธานี", province="33")
    assert duplicates(personas.province_officer, "กฟภ.อุบลราชธานี") == []

    add(personas.province_officer, "กฟภ.", "การไฟฟ้าส่วนภูมิภาค")

    assert duplicates(personas.district_officer, "กฟภ.อุบลราชธานี") == ["การไฟฟ้าส่วนภูมิภาคอุบลราชธานี"]
    assert duplicates(personas.outsider, "กฟภ.อุบลราชธานี", province="33") == []


def test_adding_editing_and_deleting_an_abbreviation_reads_the_provinces_partners_again(personas):
    partner = register(personas.province_officer, "กฟภ.อุบลราชธานี")
    other = register(personas.outsider, "กฟภ.อุบลราชธานี", province="33")
    assert partner.name_key == "กฟภอุบลราชธานี"

    row = add(personas.province_officer, "กฟภ.", "การไฟฟ้าส่วนภูมิภาค")
    partner.refresh_from_db()
    assert partner.name_key == "การไฟฟ้าส่วนภูมิภาคอุบลราชธานี"
    found = selectors.partner_list(personas.province_officer, province_code="34", search="การไฟฟ้าส่วนภูมิภาค")
    assert list(found) == [partner]

    services.abbreviation_update(
        user=personas.province_officer, row=row, abbreviation="กฟภ.", full_form="การไฟฟ้าภูมิภาค"
    )
    partner.refresh_from_db()
    assert partner.name_key == "การไฟฟ้าภูมิภาคอุบลราชธานี"

    services.abbreviation_delete(user=personas.province_officer, row=row)
    partner.refresh_from_db()
    other.refresh_from_db()
    assert partner.name_key == other.name_key == "กฟภอุบลราชธานี"


def test_a_provinces_row_overrides_the_national_one_with_the_same_abbreviation(personas):
    register(personas.province_officer, "ศูนย์ประสานงานภาคอุบลราชธานี")
    assert duplicates(personas.province_officer, "ปภ.อุบลราชธานี") == []
    add(personas.province_officer, "ปภ.", "ศูนย์ประสานงานภาค")
    assert duplicates(personas.province_officer, "ปภ.อุบลราชธานี") == ["ศูนย์ประสานงานภาคอุบลราชธานี"]
    # Si Sa Ket still reads ปภ. as ป้องกันและบรรเทาสาธารณภัย.
    register(personas.outsider, "สำนักงานป้องกันและบรรเทาสาธารณภัยจังหวัดศรีสะเกษ", province="33")
    assert duplicates(personas.outsider, "สนง.ปภ.จังหวัดศรีสะเกษ", province="33") == [
        "สำนักงานป้องกันและบรรเทาสาธารณภัยจังหวัดศรีสะเกษ"
    ]

    page = selectors.abbreviation_page("34")
    assert [row.abbreviation for row in page.own] == ["ปภ."]
    overridden = [item.row.abbreviation for item in page.national if item.overridden]
    assert overridden == ["ปภ."]


# ------------------------------------------------------------------ the page


def test_province_officer_adds_an_abbreviation_on_the_page(personas):
    client = personas.client_for(personas.province_officer)
    response = client.get(reverse("partners:abbreviation_list"))
    content = response.content.decode()
    assert response.status_code == 200
    assert 'id="abbreviation-form"' in content
    assert "ธนาคารเพื่อการเกษตรและสหกรณ์การเกษตร" in content  # the national list, read-only

    response = client.post(UBON_LIST, {"abbreviation": " กฟภ. ", "full_form": "การไฟฟ้าส่วนภูมิภาค"})
    assert response.status_code == 302
    assert response.url == UBON_LIST
    row = PartnerAbbreviation.objects.get(province_id="34")
    assert (row.abbreviation, row.full_form) == ("กฟภ.", "การไฟฟ้าส่วนภูมิภาค")
    page = client.get(UBON_LIST).content.decode()
    assert "การไฟฟ้าส่วนภูมิภาค" in page
    assert reverse("partners:abbreviation_edit", args=[row.pk]) in page


def test_province_officer_edits_and_deletes_on_the_page(personas):
    row = add(personas.province_officer, "กฟภ.", "การไฟฟ้าส่วนภูมิภาค")
    client = personas.client_for(personas.province_officer)
    url = reverse("partners:abbreviation_edit", args=[row.pk])
    assert "การไฟฟ้าส่วนภูมิภาค" in client.get(url).content.decode()
    response = client.post(url, {"abbreviation": "กฟภ.", "full_form": "การไฟฟ้าส่วนภูมิภาคเขต"})
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.full_form == "การไฟฟ้าส่วนภูมิภาคเขต"
    response = client.post(reverse("partners:abbreviation_delete", args=[row.pk]))
    assert response.status_code == 302
    assert not PartnerAbbreviation.objects.filter(province_id="34").exists()


def test_registry_page_links_to_the_abbreviations(personas):
    content = personas.client_for(personas.tambon_officer).get(reverse("partners:partner_list")).content
    assert UBON_LIST.encode() in content


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"abbreviation": "", "full_form": "การไฟฟ้าส่วนภูมิภาค"}, "abbreviation", "กรุณาระบุคำย่อ"),
        ({"abbreviation": "กฟภ.", "full_form": "  "}, "full_form", "กรุณาระบุคำเต็ม"),
        ({"abbreviation": "...", "full_form": "การไฟฟ้าส่วนภูมิภาค"}, "abbreviation", "คำย่อต้องมีตัวอักษร"),
        (
            {"abbreviation": "การไฟฟ้าส่วนภูมิภาค", "full_form": "กฟภ."},
            "abbreviation",
            "คำย่อ “การไฟฟ้าส่วนภูมิภาค” ต้องสั้นกว่าคำเต็ม “กฟภ.”",
        ),
        ({"abbreviation": "ก" * 41, "full_form": "ข" * 60}, "abbreviation", "40"),
    ],
)
def test_bad_input_is_refused_with_a_thai_message_and_nothing_written(personas, data, field, message):
    response = personas.client_for(personas.province_officer).post(UBON_LIST, data)
    assert response.status_code == 200
    errors = response.context["form"].errors[field]
    assert any(message in error for error in errors), errors
    assert message in response.content.decode()
    assert not PartnerAbbreviation.objects.filter(province_id="34").exists()


def test_the_same_abbreviation_twice_in_a_province_is_refused_whatever_its_case(personas):
    add(personas.province_officer, "UNDP", "ยูเอ็นดีพีประเทศไทย")
    client = personas.client_for(personas.province_officer)
    response = client.post(UBON_LIST, {"abbreviation": "undp", "full_form": "โครงการพัฒนาแห่งสหประชาชาติ"})
    assert response.status_code == 200
    assert "จังหวัดนี้มีคำย่อ “undp” อยู่แล้ว" in response.content.decode()
    assert PartnerAbbreviation.objects.filter(province_id="34").count() == 1
    # Another province may have the same one.
    add(personas.outsider, "UNDP", "ยูเอ็นดีพีประเทศไทย", province="33")


def test_renaming_onto_another_rows_abbreviation_is_refused(personas):
    add(personas.province_officer, "กฟภ.", "การไฟฟ้าส่วนภูมิภาค")
    row = add(personas.province_officer, "กปภ.", "การประปาส่วนภูมิภาค")
    client = personas.client_for(personas.province_officer)
    url = reverse("partners:abbreviation_edit", args=[row.pk])
    response = client.post(url, {"abbreviation": "กฟภ.", "full_form": "การประปาส่วนภูมิภาค"})
    assert "จังหวัดนี้มีคำย่อ “กฟภ.” อยู่แล้ว" in response.content.decode()
    row.refresh_from_db()
    assert row.abbreviation == "กปภ."


# ------------------------------------------------------------------ who may see and change


@pytest.mark.parametrize(
    "persona", ["district_officer", "tambon_officer", "other_district_officer", "viewer"]
)
def test_the_provinces_other_users_see_the_list_without_changing_it(personas, persona):
    row = add(personas.province_officer, "กฟภ.", "การไฟฟ้าส่วนภูมิภาค")
    client = personas.client_for(getattr(personas, persona))
    response = client.get(reverse("partners:abbreviation_list"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "การไฟฟ้าส่วนภูมิภาค" in content
    assert 'id="abbreviation-form"' not in content
    assert reverse("partners:abbreviation_edit", args=[row.pk]) not in content
    assert (
        client.post(UBON_LIST, {"abbreviation": "กปภ.", "full_form": "การประปาส่วนภูมิภาค"}).status_code == 403
    )
    assert client.get(reverse("partners:abbreviation_edit", args=[row.pk])).status_code == 403
    assert client.post(reverse("partners:abbreviation_delete", args=[row.pk])).status_code == 403
    assert PartnerAbbreviation.objects.filter(province_id="34").count() == 1


def test_district_officer_cannot_change_through_the_services(personas):
    row = add(personas.province_officer, "กฟภ.", "การไฟฟ้าส่วนภูมิภาค")
    with pytest.raises(PermissionDenied):
        add(personas.district_officer, "กปภ.", "การประปาส่วนภูมิภาค")
    with pytest.raises(PermissionDenied):
        services.abbreviation_delete(user=personas.district_officer, row=row)


def test_an_outsider_is_refused(personas):
    row = add(personas.province_officer, "กฟภ.", "การไฟฟ้าส่วนภูมิภาค")
    client = personas.client_for(personas.outsider)
    assert client.get(reverse("partners:abbreviation_edit", args=[row.pk])).status_code == 404
    assert client.post(reverse("partners:abbreviation_delete", args=[row.pk])).status_code == 404
    # The outsider's list is Si Sa Ket's, without Ubon's rows.
    assert "การไฟฟ้าส่วนภูมิภาค" not in client.get(UBON_LIST).content.decode()
    with pytest.raises(Http404):
        add(personas.outsider, "กปภ.", "การประปาส่วนภูมิภาค")
    with pytest.raises(Http404):
        services.abbreviation_update(
            user=personas.outsider, row=row, abbreviation="กฟภ.", full_form="การไฟฟ้านครหลวง"
        )
    row.refresh_from_db()
    assert row.full_form == "การไฟฟ้าส่วนภูมิภาค"


def test_national_rows_are_not_edited_here(personas):
    national = PartnerAbbreviation.objects.get(province=None, abbreviation="ธ.ก.ส.")
    client = personas.client_for(personas.province_officer)
    assert client.get(reverse("partners:abbreviation_edit", args=[national.pk])).status_code == 404
    assert client.post(reverse("partners:abbreviation_delete", args=[national.pk])).status_code == 404
    with pytest.raises(PermissionDenied):
        services.abbreviation_delete(user=personas.province_officer, row=national)
    assert PartnerAbbreviation.objects.filter(pk=national.pk).exists()


def test_the_department_views_and_an_administrator_changes_a_chosen_province(personas):
    department = make_user("cdd", Role.DEPARTMENT)
    response = personas.client_for(department).get(UBON_LIST)
    assert response.status_code == 200
    assert 'id="abbreviation-form"' not in response.content.decode()
    assert (
        personas.client_for(department).post(UBON_LIST, {"abbreviation": "ก.", "full_form": "กอ"}).status_code
        == 403
    )

    administrator = make_user("admin", Role.ADMIN)
    response = personas.client_for(administrator).post(
        UBON_LIST, {"abbreviation": "กฟภ.", "full_form": "การไฟฟ้าส่วนภูมิภาค"}
    )
    assert response.status_code == 302
    assert PartnerAbbreviation.objects.get(province_id="34").abbreviation == "กฟภ."
