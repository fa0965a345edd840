"""Writing committees: drafts pre-filled from the order in force, issuing, members, scans, reviews, scope."""

import io
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.utils import timezone
from PIL import Image
from pypdf import PdfWriter

from tambonplan.committees import selectors, services
from tambonplan.committees.models import (
    AppointmentOrder,
    Basis,
    Committee,
    CompositionTemplate,
    Member,
    MemberStatus,
    OrderReview,
    OrderState,
    ReviewDeadline,
)
from tambonplan.core.concurrency import ConcurrentEditError
from tests.committees import factories as f

MB = 1024 * 1024


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def start(user, kind_code="kbt", code=f.HUA_RUEA) -> AppointmentOrder:
    return services.order_draft_start(user=user, kind=f.kind(kind_code), area=f.area(kind_code, code))


def fill(order: AppointmentOrder, user, **fields) -> AppointmentOrder:
    values = {"number": "12/2567", "signed_on": f.AFTER, "signer_name": "นายวิชัย ปกครองดี"} | fields
    return services.order_update(user=user, order=order, version=order.version, **values)


def pdf_bytes() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (20, 30), "white").save(buffer, format="PNG")
    return buffer.getvalue()


# ------------------------------------------------------------------ drafts


def test_a_first_draft_has_the_district_office_and_no_members(personas):
    draft = start(personas.district_officer)

    assert draft.state == OrderState.DRAFT
    assert draft.issuing_office == "อำเภอเมืองอุบลราชธานี"
    assert draft.created_by == personas.district_officer
    assert draft.members.count() == 0
    assert Committee.objects.get(kind__code="kbt", area_code=f.HUA_RUEA).tambon_id == f.HUA_RUEA


def test_the_draft_copies_serving_members_and_metadata_of_the_order_in_force_only(personas):
    old = f.order("kbt", f.HUA_RUEA, state=OrderState.SUPERSEDED, number="1/2560")
    f.add_people(old, [("นาย", "เก่า", "มาก", "กรรมการ", "")])
    in_force = f.order("kbt", f.HUA_RUEA, number="12/2566", signed_on=date(2023, 2, 14))
    in_force.signer_position = "ปลัดจังหวัด"
    in_force.issuing_office = "อำเภอเมืองอุบลราชธานี (ทดสอบ)"
    in_force.save()
    kamnan = in_force.members.get(ex_officio_post="กำนัน")
    kamnan.acting, kamnan.affiliation = True, "ตำบลหัวเรือ หมู่ 3"
    kamnan.save()
    f.leave(in_force.members.get(first_name="บุญมี"), MemberStatus.RESIGNED)

    draft = start(personas.district_officer)

    assert draft.pk != in_force.pk
    assert draft.number == "" and draft.signed_on is None and draft.effective_on is None
    assert draft.signer_name == "นายวิชัย ปกครองดี"
    assert draft.signer_position == "ปลัดจังหวัด"
    assert draft.issuing_office == "อำเภอเมืองอุบลราชธานี (ทดสอบ)"
    assert draft.subject == "แต่งตั้งคณะกรรมการ"
    names = sorted(m.full_name for m in draft.members.all())
    assert names == sorted(["นายปกรณ์ ปกครองดี", "นายสมชาย ใจดี", "นางสมศรี มีสุข", "นางสาวน้ำผึ้ง ศรีสำราญ"])
    copied = draft.members.get(first_name="สมชาย")
    assert (copied.position.name_th, copied.basis, copied.ex_officio_post) == (
        "รองประธาน",
        Basis.EX_OFFICIO,
        "กำนัน",
    )
    assert (copied.affiliation, copied.acting, copied.phone) == ("ตำบลหัวเรือ หมู่ 3", True, kamnan.phone)
    # the order in force is untouched
    in_force.refresh_from_db()
    assert in_force.state == OrderState.IN_FORCE
    assert in_force.members.count() == 5


def test_a_second_start_returns_the_same_draft(personas):
    f.order("kbt", f.HUA_RUEA)
    first = start(personas.district_officer)
    services.member_add(
        user=personas.district_officer, order=first, first_name="ใหม่", position=f.position("กรรมการ")
    )

    second = start(personas.tambon_officer)

    assert second.pk == first.pk
    assert AppointmentOrder.objects.filter(state=OrderState.DRAFT).count() == 1
    assert second.members.count() == 6


# ------------------------------------------------------------------ issuing


def test_issue_refuses_an_empty_draft_with_every_reason_in_thai(personas):
    draft = start(personas.district_officer)
    draft.signer_name = ""
    draft.save()

    with pytest.raises(ValidationError) as error:
        services.order_issue(user=personas.district_officer, order=draft)

    assert error.value.messages == [
        "กรุณาระบุเลขที่คำสั่ง",
        "กรุณาระบุวันที่ลงนาม",
        "กรุณาระบุชื่อผู้ลงนาม",
        "คำสั่งต้องมีกรรมการอย่างน้อย 1 คน",
    ]
    draft.refresh_from_db()
    assert draft.state == OrderState.DRAFT


def test_issue_refuses_a_draft_whose_members_all_left(personas):
    draft = fill(start(personas.district_officer), personas.district_officer)
    member = services.member_add(
        user=personas.district_officer, order=draft, first_name="ลาออก", position=f.position("ประธาน")
    )
    services.member_update(
        user=personas.district_officer, member=member, status=MemberStatus.RESIGNED, status_on=f.AFTER
    )

    with pytest.raises(ValidationError) as error:
        services.order_issue(user=personas.district_officer, order=draft)

    assert error.value.messages == ["คำสั่งต้องมีกรรมการอย่างน้อย 1 คน"]


def test_issue_puts_the_draft_in_force_and_supersedes_the_previous_order(personas):
    first = f.order("kbt", f.HUA_RUEA, number="5/2565", signed_on=date(2022, 5, 1))
    draft = fill(start(personas.district_officer), personas.district_officer, number="12/2567")

    issued = services.order_issue(user=personas.district_officer, order=draft)

    assert issued.state == OrderState.IN_FORCE
    assert issued.issued_at is not None
    assert issued.effective_on == issued.signed_on == f.AFTER
    first.refresh_from_db()
    assert first.state == OrderState.SUPERSEDED
    assert first.superseded_at is not None
    committee = issued.committee
    assert committee.orders.filter(state=OrderState.IN_FORCE).count() == 1
    assert committee.orders.filter(state=OrderState.DRAFT).count() == 0

    # a third order: the timeline lists the newest first, each once, drafts left out
    third = fill(start(personas.district_officer), personas.district_officer, number="20/2568")
    page = selectors.committee_page(
        personas.district_officer, kind_code="kbt", area_code=f.HUA_RUEA, fiscal_year=f.fiscal_year()
    )
    assert [o.number for o in page.orders] == ["12/2567", "5/2565"]
    assert page.draft == third

    services.order_issue(user=personas.district_officer, order=third)
    page = selectors.committee_page(
        personas.district_officer, kind_code="kbt", area_code=f.HUA_RUEA, fiscal_year=f.fiscal_year()
    )
    assert [(o.number, o.state) for o in page.orders] == [
        ("20/2568", OrderState.IN_FORCE),
        ("12/2567", OrderState.SUPERSEDED),
        ("5/2565", OrderState.SUPERSEDED),
    ]
    assert page.in_force.number == "20/2568"
    assert page.draft is None
    assert AppointmentOrder.objects.filter(committee=committee, state=OrderState.IN_FORCE).count() == 1


def test_an_issued_order_cannot_be_issued_again_or_edited(personas):
    order = f.order("kbt", f.HUA_RUEA)

    with pytest.raises(ValidationError):
        services.order_issue(user=personas.district_officer, order=order)
    with pytest.raises(ValidationError):
        services.order_update(user=personas.district_officer, order=order, version=order.version, number="99")
    with pytest.raises(ValidationError):
        services.order_discard_draft(user=personas.district_officer, order=order)
    order.refresh_from_db()
    assert (order.number, order.state) == ("12/2567", OrderState.IN_FORCE)


def test_update_refuses_an_effective_date_before_the_signing_date(personas):
    draft = start(personas.district_officer)

    with pytest.raises(ValidationError) as error:
        fill(draft, personas.district_officer, signed_on=date(2024, 2, 14), effective_on=date(2024, 2, 1))

    assert "effective_on" in error.value.message_dict


# ------------------------------------------------------------------ members


def test_in_an_order_in_force_names_do_not_change_but_the_status_does(personas):
    order = f.order("kbt", f.HUA_RUEA)
    member = order.members.get(first_name="สมชาย")

    services.member_update(
        user=personas.district_officer,
        member=member,
        first_name="เปลี่ยนชื่อ",
        last_name="ใหม่",
        title="ดร.",
        position=f.position("ประธาน"),
        status=MemberStatus.RESIGNED,
        status_on=date(2024, 3, 1),
        phone="0899999999",
    )

    member.refresh_from_db()
    assert (member.title, member.first_name, member.last_name) == ("นาย", "สมชาย", "ใจดี")
    assert member.position.name_th == "รองประธาน"
    assert (member.status, member.status_on, member.phone) == (
        MemberStatus.RESIGNED,
        date(2024, 3, 1),
        "0899999999",
    )


def test_a_member_who_left_needs_the_date(personas):
    member = f.order("kbt", f.HUA_RUEA).members.get(first_name="สมชาย")

    with pytest.raises(ValidationError) as error:
        services.member_update(user=personas.district_officer, member=member, status=MemberStatus.DIED)

    assert error.value.message_dict["status_on"] == ["กรุณาระบุวันที่พ้นจากตำแหน่ง"]
    member.refresh_from_db()
    assert member.status == MemberStatus.SERVING


def test_back_to_serving_clears_the_date(personas):
    member = f.leave(f.order("kbt", f.HUA_RUEA).members.get(first_name="สมชาย"))

    services.member_update(user=personas.district_officer, member=member, status=MemberStatus.SERVING)

    member.refresh_from_db()
    assert (member.status, member.status_on) == (MemberStatus.SERVING, None)


def test_members_of_a_superseded_order_cannot_change(personas):
    member = f.order("kbt", f.HUA_RUEA, state=OrderState.SUPERSEDED).members.first()

    with pytest.raises(ValidationError):
        services.member_update(
            user=personas.district_officer, member=member, status=MemberStatus.DIED, status_on=f.AFTER
        )


def test_member_delete_only_in_a_draft(personas):
    in_force = f.order("kbt", f.HUA_RUEA)
    member = in_force.members.first()

    with pytest.raises(ValidationError):
        services.member_delete(user=personas.district_officer, member=member)
    assert Member.objects.filter(pk=member.pk).exists()

    draft = start(personas.district_officer)
    copied = draft.members.first()
    services.member_delete(user=personas.district_officer, member=copied)
    assert not Member.objects.filter(pk=copied.pk).exists()
    assert in_force.members.count() == 5


def test_member_add_refused_on_an_issued_order_and_ex_officio_needs_the_post(personas):
    in_force = f.order("kbt", f.HUA_RUEA)
    with pytest.raises(ValidationError):
        services.member_add(
            user=personas.district_officer, order=in_force, first_name="ใหม่", position=f.position("กรรมการ")
        )

    draft = start(personas.district_officer)
    with pytest.raises(ValidationError) as error:
        services.member_add(
            user=personas.district_officer,
            order=draft,
            first_name="ใหม่",
            position=f.position("กรรมการ"),
            basis=Basis.EX_OFFICIO,
        )
    assert error.value.message_dict["ex_officio_post"] == ["กรรมการโดยตำแหน่งต้องระบุตำแหน่งที่ดำรง"]
    assert in_force.members.count() == draft.members.count() == 5


# ------------------------------------------------------------------ the scan of the signed order


def test_a_real_pdf_scan_is_accepted(personas):
    draft = start(personas.district_officer)
    content = pdf_bytes()

    saved = fill(
        draft, personas.district_officer, scan=SimpleUploadedFile("คำสั่ง.pdf", content, "application/pdf")
    )

    saved.refresh_from_db()
    assert saved.scan.name.endswith(".pdf")
    assert "คำสั่ง" not in saved.scan.name  # stored under a random safe name
    with saved.scan.open("rb") as handle:
        assert handle.read() == content


def test_a_png_named_pdf_is_accepted_as_png(personas):
    draft = start(personas.district_officer)

    saved = fill(
        draft, personas.district_officer, scan=SimpleUploadedFile("scan.pdf", png_bytes(), "application/pdf")
    )

    saved.refresh_from_db()
    assert saved.scan.name.endswith(".png")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("scan.pdf", "นี่ไม่ใช่ไฟล์ PDF".encode(), "ไม่ใช่ชนิดที่รับได้"),
        ("scan.pdf", b"%PDF-1.4\n" + b"0" * (10 * MB), "เกินกำหนด 10 MB"),
        ("scan.png", b"\x89PNG\r\n\x1a\n" + b"garbage" * 10, "เสียหาย"),
    ],
    ids=["text-named-pdf", "over-10-mb", "broken-png"],
)
def test_bad_scans_are_refused_and_nothing_is_saved(personas, name, content, message):
    draft = start(personas.district_officer)

    with pytest.raises(ValidationError) as error:
        fill(draft, personas.district_officer, scan=SimpleUploadedFile(name, content))

    assert message in " ".join(error.value.messages)
    draft.refresh_from_db()
    assert not draft.scan
    assert draft.number == ""
    assert draft.version == 1


# ------------------------------------------------------------------ optimistic locking


def test_a_stale_version_is_refused(personas):
    draft = start(personas.district_officer)
    opened_version = draft.version
    services.order_update(
        user=personas.district_officer, order=draft, version=opened_version, number="1/2567"
    )

    with pytest.raises(ConcurrentEditError):
        services.order_update(
            user=personas.tambon_officer, order=draft, version=opened_version, number="2/2567"
        )

    draft.refresh_from_db()
    assert draft.number == "1/2567"
    assert draft.version == opened_version + 1


# ------------------------------------------------------------------ reviews


def test_review_confirm_records_who_and_when(personas):
    order = f.order("kbt", f.HUA_RUEA, signed_on=f.BEFORE)

    review = services.order_review_confirm(
        user=personas.district_officer, order=order, fiscal_year=f.fiscal_year(), note="  ตรวจแล้ว  "
    )

    review = OrderReview.objects.get(pk=review.pk)
    assert review.order == order
    assert review.reviewed_by == personas.district_officer
    assert review.reviewed_on == timezone.localdate()
    assert review.fiscal_year == f.fiscal_year()
    assert review.note == "ตรวจแล้ว"


def test_review_confirm_only_for_the_order_in_force(personas):
    draft = start(personas.district_officer)

    with pytest.raises(ValidationError):
        services.order_review_confirm(
            user=personas.district_officer, order=draft, fiscal_year=f.fiscal_year()
        )
    assert not OrderReview.objects.exists()


def test_the_viewer_and_other_districts_cannot_confirm(personas):
    order = f.order("kbt", f.HUA_RUEA)

    with pytest.raises(PermissionDenied):
        services.order_review_confirm(user=personas.viewer, order=order, fiscal_year=f.fiscal_year())
    with pytest.raises(Http404):
        services.order_review_confirm(user=personas.other_district_officer, order=order, fiscal_year=2568)
    assert not OrderReview.objects.exists()


# ------------------------------------------------------------------ province settings


def test_review_deadline_set_by_the_province_officer_only(personas):
    ubon = f.area("socho_j", "34")

    services.review_deadline_set(
        user=personas.province_officer, province=ubon, fiscal_year=2568, review_date=date(2024, 11, 1)
    )
    services.review_deadline_set(
        user=personas.province_officer, province=ubon, fiscal_year=2568, review_date=date(2024, 12, 1)
    )
    assert ReviewDeadline.objects.get(province=ubon, fiscal_year=2568).review_date == date(2024, 12, 1)

    for user in (personas.district_officer, personas.tambon_officer, personas.viewer):
        with pytest.raises(PermissionDenied):
            services.review_deadline_set(
                user=user, province=ubon, fiscal_year=2568, review_date=date(2025, 1, 1)
            )
    with pytest.raises((PermissionDenied, Http404)):
        services.review_deadline_set(
            user=personas.outsider, province=ubon, fiscal_year=2568, review_date=date(2025, 1, 1)
        )
    assert ReviewDeadline.objects.get(province=ubon, fiscal_year=2568).review_date == date(2024, 12, 1)


def test_template_customisation_by_the_province_officer_only(personas):
    ubon, socho_t = f.area("socho_j", "34"), f.kind("socho_t")

    with pytest.raises(PermissionDenied):
        services.template_customize(user=personas.district_officer, kind=socho_t, province=ubon)
    assert not CompositionTemplate.objects.filter(province=ubon).exists()

    template = services.template_customize(user=personas.province_officer, kind=socho_t, province=ubon)
    assert (template.min_members, template.max_members) == (9, 25)
    assert [s.position.name_th for s in template.slots.all()] == ["ประธาน", "รองประธาน", "เลขานุการ", "เหรัญญิก"]
    assert (
        services.template_customize(user=personas.province_officer, kind=socho_t, province=ubon) == template
    )

    with pytest.raises(PermissionDenied):
        services.template_update(
            user=personas.district_officer,
            template=template,
            min_members=5,
            max_members=25,
            requires_chair=True,
            requires_secretary=True,
        )
    with pytest.raises(PermissionDenied):
        services.template_slot_add(
            user=personas.district_officer,
            template=template,
            position=f.position("กรรมการ"),
            ex_officio_post="",
            required=True,
        )
    with pytest.raises(PermissionDenied):
        services.template_slot_delete(user=personas.district_officer, slot=template.slots.first())
    # nobody edits the default template through these services
    default = CompositionTemplate.objects.get(kind=socho_t, province=None)
    with pytest.raises(PermissionDenied):
        services.template_update(
            user=personas.province_officer,
            template=default,
            min_members=1,
            max_members=2,
            requires_chair=False,
            requires_secretary=False,
        )
    template.refresh_from_db()
    default.refresh_from_db()
    assert (template.min_members, default.min_members, template.slots.count()) == (9, 9, 4)


def test_template_min_cannot_exceed_max(personas):
    template = services.template_customize(
        user=personas.province_officer, kind=f.kind("socho_t"), province=f.area("socho_j", "34")
    )

    with pytest.raises(ValidationError):
        services.template_update(
            user=personas.province_officer,
            template=template,
            min_members=30,
            max_members=25,
            requires_chair=True,
            requires_secretary=True,
        )


# ------------------------------------------------------------------ scope


def test_another_district_cannot_start_a_draft_in_mueang(personas):
    with pytest.raises((Http404, PermissionDenied)):
        start(personas.other_district_officer)
    assert not Committee.objects.exists()


def test_the_viewer_cannot_start_a_draft(personas):
    with pytest.raises(PermissionDenied):
        start(personas.viewer)
    assert not Committee.objects.exists()


def test_the_tambon_officer_starts_drafts_for_its_own_tambons_only(personas):
    assert start(personas.tambon_officer, code=f.NONG_KHON).state == OrderState.DRAFT
    with pytest.raises((Http404, PermissionDenied)):
        start(personas.tambon_officer, code=f.NAI_MUEANG)
    assert list(Committee.objects.values_list("area_code", flat=True)) == [f.NONG_KHON]


def test_other_districts_cannot_change_mueangs_orders_or_members(personas):
    order = f.order("kbt", f.HUA_RUEA)
    draft = start(personas.district_officer)
    member = draft.members.first()
    intruder = personas.other_district_officer

    attempts = [
        lambda: services.order_update(user=intruder, order=draft, version=draft.version, number="666"),
        lambda: services.order_issue(user=intruder, order=draft),
        lambda: services.order_discard_draft(user=intruder, order=draft),
        lambda: services.member_add(
            user=intruder, order=draft, first_name="x", position=f.position("กรรมการ")
        ),
        lambda: services.member_update(user=intruder, member=member, first_name="x"),
        lambda: services.member_delete(user=intruder, member=member),
        lambda: services.members_import(user=intruder, order=draft, upload=f.xlsx([])),
    ]
    for attempt in attempts:
        with pytest.raises(Http404):
            attempt()
    draft.refresh_from_db()
    member.refresh_from_db()
    assert (draft.state, draft.number, member.first_name) == (OrderState.DRAFT, "", "ปกรณ์")
    order.refresh_from_db()
    assert order.state == OrderState.IN_FORCE
