"""Every write to committees: drafts, issuing (superseding), members, reviews, templates, imports."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tambonplan.accounts.scope import require_change, require_manage_province
from tambonplan.committees.models import (
    AppointmentOrder,
    Basis,
    Committee,
    CommitteeKind,
    CompositionTemplate,
    Level,
    Member,
    MemberStatus,
    OrderReview,
    OrderState,
    OrderWording,
    Position,
    ReviewDeadline,
    TemplateSlot,
    duty_lines,
)
from tambonplan.committees.selectors import wording_for
from tambonplan.core.concurrency import ConcurrentEditError
from tambonplan.core.history import import_service
from tambonplan.core.tabular import Column, RowError, TabularError, read_table
from tambonplan.core.uploads import checked_upload

ORDER_FIELDS = (
    "number",
    "signed_on",
    "effective_on",
    "signer_name",
    "signer_position",
    "issuing_office",
    "subject",
)
MEMBER_FIELDS = (
    "title",
    "first_name",
    "last_name",
    "position",
    "basis",
    "ex_officio_post",
    "affiliation",
    "phone",
    "status",
    "status_on",
    "acting",
    "sort_order",
)
IN_FORCE_MEMBER_FIELDS = ("status", "status_on", "acting", "phone")


def _committee_for(kind: CommitteeKind, area) -> Committee:
    """The committee of this kind for the area, created on first use."""
    code = area.code
    links = {"province_id": code[:2], "district_id": None, "tambon_id": None, "village": None}
    if kind.level in (Level.DISTRICT, Level.TAMBON, Level.VILLAGE):
        links["district_id"] = code[:4]
    if kind.level in (Level.TAMBON, Level.VILLAGE):
        links["tambon_id"] = code[:6]
    if kind.level == Level.VILLAGE:
        links["village"] = area
    committee, _created = Committee.objects.get_or_create(kind=kind, area_code=code, defaults=links)
    return committee


def _default_office(kind: CommitteeKind, area) -> str:
    if kind.level == Level.PROVINCE:
        return _("จังหวัด%(name)s") % {"name": area.name_th}
    district = (
        area
        if kind.level == Level.DISTRICT
        else (area.district if kind.level == Level.TAMBON else area.tambon.district)
    )
    return _("อำเภอ%(name)s") % {"name": district.name_th}


@transaction.atomic
def order_draft_start(*, user, kind: CommitteeKind, area) -> AppointmentOrder:
    """Open the committee's draft order: the existing one, or a new one pre-filled from the order in force."""
    require_change(user, area)
    committee = _committee_for(kind, area)
    existing = committee.orders.filter(state=OrderState.DRAFT).first()
    if existing is not None:
        return existing
    previous = committee.orders.filter(state=OrderState.IN_FORCE).first()
    draft = AppointmentOrder(committee=committee, state=OrderState.DRAFT, created_by=user)
    if previous is not None:
        for name in ("signer_name", "signer_position", "issuing_office", "subject"):
            setattr(draft, name, getattr(previous, name))
    else:
        draft.issuing_office = _default_office(kind, area)
    draft.save()
    if previous is not None:
        Member.objects.bulk_create(
            [
                Member(order=draft, **{name: getattr(member, name) for name in MEMBER_FIELDS})
                for member in previous.members.filter(status=MemberStatus.SERVING)
            ]
        )
    return draft


def _require_draft(order: AppointmentOrder) -> None:
    if order.state != OrderState.DRAFT:
        raise ValidationError(_("คำสั่งนี้ออกแล้ว แก้ไขไม่ได้ หากต้องการเปลี่ยนแปลงให้ออกคำสั่งใหม่"))


@transaction.atomic
def order_update(*, user, order: AppointmentOrder, version: int, scan=None, **fields) -> AppointmentOrder:
    require_change(user, order)
    locked = AppointmentOrder.objects.select_for_update().get(pk=order.pk)
    _require_draft(locked)
    if locked.version != version:
        raise ConcurrentEditError
    for name in ORDER_FIELDS:
        if name in fields:
            setattr(locked, name, fields[name])
    if locked.signed_on and locked.effective_on and locked.effective_on < locked.signed_on:
        raise ValidationError({"effective_on": _("วันที่มีผลต้องไม่ก่อนวันที่ลงนาม")})
    if scan is not None:
        locked.scan = checked_upload(scan)
    locked.version += 1
    locked.full_clean()
    locked.save()
    return locked


@transaction.atomic
def order_issue(*, user, order: AppointmentOrder) -> AppointmentOrder:
    """The draft comes into force with the province's wording of today; the order it replaces is marked
    superseded."""
    require_change(user, order)
    locked = AppointmentOrder.objects.select_for_update().get(pk=order.pk)
    _require_draft(locked)
    errors = []
    if not locked.number.strip():
        errors.append(_("กรุณาระบุเลขที่คำสั่ง"))
    if locked.signed_on is None:
        errors.append(_("กรุณาระบุวันที่ลงนาม"))
    if not locked.signer_name.strip():
        errors.append(_("กรุณาระบุชื่อผู้ลงนาม"))
    if not locked.members.filter(status=MemberStatus.SERVING).exists():
        errors.append(_("คำสั่งต้องมีกรรมการอย่างน้อย 1 คน"))
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    AppointmentOrder.objects.filter(committee=locked.committee, state=OrderState.IN_FORCE).update(
        state=OrderState.SUPERSEDED, superseded_at=now
    )
    locked.state = OrderState.IN_FORCE
    locked.issued_at = now
    locked.issued_wording = wording_for(locked.committee.province_id, locked.committee.kind)._asdict()
    if locked.effective_on is None:
        locked.effective_on = locked.signed_on
    locked.save()
    return locked


@transaction.atomic
def order_discard_draft(*, user, order: AppointmentOrder) -> None:
    require_change(user, order)
    _require_draft(order)
    order.delete()


@transaction.atomic
def order_review_confirm(*, user, order: AppointmentOrder, fiscal_year: int, note: str = "") -> OrderReview:
    """Record that a district officer checked the order in force and it is still valid."""
    require_change(user, order)
    if order.state != OrderState.IN_FORCE:
        raise ValidationError(_("ยืนยันได้เฉพาะคำสั่งที่มีผลใช้บังคับ"))
    return OrderReview.objects.create(
        order=order,
        fiscal_year=fiscal_year,
        reviewed_on=timezone.localdate(),
        reviewed_by=user,
        note=note.strip(),
    )


def _check_member(member: Member) -> None:
    if member.status != MemberStatus.SERVING and member.status_on is None:
        raise ValidationError({"status_on": _("กรุณาระบุวันที่พ้นจากตำแหน่ง")})
    if member.basis == Basis.EX_OFFICIO and not member.ex_officio_post.strip():
        raise ValidationError({"ex_officio_post": _("กรรมการโดยตำแหน่งต้องระบุตำแหน่งที่ดำรง")})
    member.full_clean()


@transaction.atomic
def member_add(*, user, order: AppointmentOrder, **fields) -> Member:
    require_change(user, order)
    _require_draft(order)
    member = Member(order=order, **{name: value for name, value in fields.items() if name in MEMBER_FIELDS})
    _check_member(member)
    member.save()
    return member


@transaction.atomic
def member_update(*, user, member: Member, **fields) -> Member:
    """A draft's members change freely; in an order in force only status, date, acting and phone change."""
    require_change(user, member)
    if member.order.state == OrderState.SUPERSEDED:
        raise ValidationError(_("คำสั่งนี้ถูกแทนที่แล้ว แก้ไขไม่ได้"))
    allowed = MEMBER_FIELDS if member.order.state == OrderState.DRAFT else IN_FORCE_MEMBER_FIELDS
    for name in allowed:
        if name in fields:
            setattr(member, name, fields[name])
    if member.status == MemberStatus.SERVING:
        member.status_on = None
    _check_member(member)
    member.save()
    return member


@transaction.atomic
def member_delete(*, user, member: Member) -> None:
    require_change(user, member)
    _require_draft(member.order)
    member.delete()


# ---------------------------------------------------------------- province settings


@transaction.atomic
def review_deadline_set(*, user, province, fiscal_year: int, review_date) -> ReviewDeadline:
    require_manage_province(user, province)
    deadline, _created = ReviewDeadline.objects.update_or_create(
        province=province, fiscal_year=fiscal_year, defaults={"review_date": review_date}
    )
    return deadline


@transaction.atomic
def template_customize(*, user, kind: CommitteeKind, province) -> CompositionTemplate:
    """The province's own template for a kind, copied from the default the first time."""
    require_manage_province(user, province)
    existing = CompositionTemplate.objects.filter(kind=kind, province=province).first()
    if existing is not None:
        return existing
    default = CompositionTemplate.objects.filter(kind=kind, province=None).prefetch_related("slots").first()
    template = CompositionTemplate.objects.create(
        kind=kind,
        province=province,
        min_members=default.min_members if default else None,
        max_members=default.max_members if default else None,
        requires_chair=default.requires_chair if default else True,
        requires_secretary=default.requires_secretary if default else True,
    )
    if default is not None:
        TemplateSlot.objects.bulk_create(
            [
                TemplateSlot(
                    template=template,
                    position_id=slot.position_id,
                    ex_officio_post=slot.ex_officio_post,
                    required=slot.required,
                    sort_order=slot.sort_order,
                )
                for slot in default.slots.all()
            ]
        )
    return template


@transaction.atomic
def template_update(
    *,
    user,
    template: CompositionTemplate,
    min_members,
    max_members,
    requires_chair: bool,
    requires_secretary: bool,
) -> CompositionTemplate:
    if template.province is None:
        raise PermissionDenied
    require_manage_province(user, template.province)
    template.min_members, template.max_members = min_members, max_members
    template.requires_chair, template.requires_secretary = requires_chair, requires_secretary
    template.full_clean()
    template.save()
    return template


@transaction.atomic
def template_slot_add(
    *, user, template: CompositionTemplate, position: Position, ex_officio_post: str, required: bool
) -> TemplateSlot:
    if template.province is None:
        raise PermissionDenied
    require_manage_province(user, template.province)
    last = template.slots.order_by("-sort_order").values_list("sort_order", flat=True).first() or 0
    return TemplateSlot.objects.create(
        template=template,
        position=position,
        ex_officio_post=ex_officio_post.strip(),
        required=required,
        sort_order=last + 1,
    )


@transaction.atomic
def template_slot_delete(*, user, slot: TemplateSlot) -> None:
    if slot.template.province is None:
        raise PermissionDenied
    require_manage_province(user, slot.template.province)
    slot.delete()


@transaction.atomic
def order_wording_save(
    *,
    user,
    province,
    kind: CommitteeKind,
    version: int,
    regulation: str,
    clause: str,
    guideline: str,
    purpose: str,
    duties: str,
) -> OrderWording:
    """The province's wording of the kind's orders; the first save replaces the default (version 0)."""
    require_manage_province(user, province)
    wording = OrderWording.objects.select_for_update().filter(province=province, kind=kind).first()
    if wording is None:
        if version != 0:  # the province's wording was removed after the page was opened
            raise ConcurrentEditError
        wording = OrderWording(province=province, kind=kind, version=0)
    elif wording.version != version:
        raise ConcurrentEditError
    lines = duty_lines(duties)
    if not lines:
        raise ValidationError({"duties": _("กรุณาระบุอำนาจหน้าที่อย่างน้อย 1 ข้อ")})
    wording.regulation, wording.clause = regulation.strip(), clause.strip()
    wording.guideline, wording.purpose = guideline.strip(), purpose.strip()
    wording.duties = "\n".join(lines)
    wording.version += 1
    wording.full_clean()
    wording.save()
    return wording


@transaction.atomic
def order_wording_reset(*, user, province, kind: CommitteeKind) -> None:
    """Back to the default wording: the province's own is removed."""
    require_manage_province(user, province)
    OrderWording.objects.filter(province=province, kind=kind).delete()


# ---------------------------------------------------------------- members from a spreadsheet

MEMBER_COLUMNS = (
    Column("title", ("title", "คำนำหน้า")),
    Column("first_name", ("first_name", "ชื่อ"), required=True),
    Column("last_name", ("last_name", "นามสกุล")),
    Column("position", ("position", "ตำแหน่งในคณะกรรมการ"), required=True),
    Column("basis", ("basis", "ที่มา")),
    Column("ex_officio_post", ("ex_officio_post", "ตำแหน่งที่ดำรง (โดยตำแหน่ง)")),
    Column("affiliation", ("affiliation", "สังกัด/หน่วยงาน/องค์กร")),
    Column("phone", ("phone", "โทรศัพท์")),
)


def _basis_by_label() -> dict[str, str]:
    """Codes, Thai labels and the active language's labels all name a basis."""
    mapping = {}
    for value, label in Basis.choices:
        mapping[value] = value
        mapping[str(label)] = value
        with translation.override("th"):
            mapping[str(label)] = value
    return mapping


@import_service
@transaction.atomic
def members_import(*, user, order: AppointmentOrder, upload) -> dict[str, int]:
    """Add (or update, matched by name) the draft's members from a spreadsheet; all rows or none."""
    require_change(user, order)
    _require_draft(order)
    rows = read_table(upload, columns=MEMBER_COLUMNS, arabic_digits_for=("phone",))
    positions = {p.name_th: p for p in Position.objects.all()}
    bases = _basis_by_label()
    errors: list[RowError] = []
    parsed = []
    seen: dict[tuple[str, str], int] = {}
    for row in rows:
        values = row.values
        row_errors = []
        first_name = values.get("first_name", "")
        last_name = values.get("last_name", "")
        if not first_name:
            row_errors.append(row.error("first_name", _("ไม่ได้ระบุชื่อ")))
        position = positions.get(values.get("position", ""))
        if position is None:
            row_errors.append(
                row.error(
                    "position",
                    _("ไม่รู้จักตำแหน่ง '%(value)s' (ใช้ได้: %(choices)s)")
                    % {"value": values.get("position", ""), "choices": ", ".join(positions)},
                )
            )
        basis_text = values.get("basis", "")
        basis = bases.get(basis_text, Basis.APPOINTED if not basis_text else None)
        if basis is None:
            row_errors.append(
                row.error(
                    "basis",
                    _("ไม่รู้จักที่มา '%(value)s' (ใช้ได้: %(choices)s)")
                    % {"value": basis_text, "choices": ", ".join(str(label) for _v, label in Basis.choices)},
                )
            )
        if basis == Basis.EX_OFFICIO and not values.get("ex_officio_post"):
            row_errors.append(row.error("ex_officio_post", _("กรรมการโดยตำแหน่งต้องระบุตำแหน่งที่ดำรง")))
        for key, limit in (
            ("title", 50),
            ("first_name", 100),
            ("last_name", 100),
            ("ex_officio_post", 150),
            ("affiliation", 200),
            ("phone", 30),
        ):
            if len(values.get(key, "")) > limit:
                row_errors.append(row.error(key, _("ข้อความยาวเกิน %(limit)d ตัวอักษร") % {"limit": limit}))
        name_key = (first_name, last_name)
        if first_name and name_key in seen:
            row_errors.append(
                row.error(
                    "first_name",
                    _("ชื่อ %(name)s ซ้ำกับแถวที่ %(first)d")
                    % {"name": f"{first_name} {last_name}".strip(), "first": seen[name_key]},
                )
            )
        seen.setdefault(name_key, row.number)
        errors.extend(row_errors)
        if not row_errors:
            parsed.append((row.number, values, position, basis))
    if errors:
        raise TabularError(errors)

    existing = {(m.first_name, m.last_name): m for m in order.members.all()}
    created = updated = unchanged = 0
    next_order = max((m.sort_order for m in existing.values()), default=0)
    for _number, values, position, basis in parsed:
        fields = {
            "title": values.get("title", ""),
            "position": position,
            "basis": basis,
            "ex_officio_post": values.get("ex_officio_post", ""),
            "affiliation": values.get("affiliation", ""),
            "phone": values.get("phone", ""),
        }
        member = existing.get((values["first_name"], values.get("last_name", "")))
        if member is None:
            next_order += 1
            Member.objects.create(
                order=order,
                first_name=values["first_name"],
                last_name=values.get("last_name", ""),
                sort_order=next_order,
                **fields,
            )
            created += 1
        elif any(getattr(member, name) != value for name, value in fields.items()):
            for name, value in fields.items():
                setattr(member, name, value)
            member.save()
            updated += 1
        else:
            unchanged += 1
    return {"created": created, "updated": updated, "unchanged": unchanged}
