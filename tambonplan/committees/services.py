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
    SeatCount,
    TemplateSlot,
    duty_lines,
)
from tambonplan.committees.selectors import wording_for
from tambonplan.core.concurrency import ConcurrentEditError
from tambonplan.core.history import import_service
from tambonplan.core.tabular import Column, RowError, TabularError, read_table
from tambonplan.core.uploads import checked_upload
from tambonplan.thai.dates import be_date_long

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
    successor = Member.objects.filter(predecessor=member).first()
    if successor is not None and fields.get("status", member.status) == MemberStatus.SERVING:
        raise ValidationError(
            {"status": _("ตำแหน่งนี้ส่งต่อให้ %(name)s แล้ว จึงกลับมาปฏิบัติหน้าที่ไม่ได้") % {"name": successor.full_name}}
        )
    for name in allowed:
        if name in fields:
            setattr(member, name, fields[name])
    if member.status == MemberStatus.SERVING:
        member.status_on = None
    _check_member(member)
    member.save()
    return member


@transaction.atomic
def member_succeed(
    *,
    user,
    member: Member,
    title: str,
    first_name: str,
    last_name: str,
    on,
    affiliation: str | None = None,
    phone: str = "",
    acting: bool = False,
) -> Member:
    """The seat a member holds by position (กำนัน, ผู้ใหญ่บ้าน, นายก อปท., a head of an agency) passes to the
    post's new holder without a new order: the member is marked as having left the post on `on` (unless their
    leaving is already recorded), and the new holder joins the same order in the same seat, linked to them
    and sitting from `on`. The order stays current (`currency.order_currency`); a member appointed by name
    who leaves still needs a new order."""
    require_change(user, member)
    member = Member.objects.select_for_update().select_related("order", "position").get(pk=member.pk)
    order = member.order
    if order.state != OrderState.IN_FORCE:
        raise ValidationError(_("บันทึกผู้ดำรงตำแหน่งคนใหม่ได้เฉพาะในคำสั่งที่มีผลใช้บังคับ ในร่างคำสั่งให้แก้ชื่อกรรมการได้โดยตรง"))
    if member.basis != Basis.EX_OFFICIO or not member.ex_officio_post.strip():
        raise ValidationError(
            _(
                "%(name)s ได้รับแต่งตั้งโดยชื่อ ไม่ใช่โดยตำแหน่ง ตำแหน่งในคณะกรรมการจึงไม่ส่งต่อให้ผู้อื่น "
                "เมื่อพ้นจากตำแหน่งให้บันทึกสถานะ แล้วออกคำสั่งใหม่"
            )
            % {"name": member.full_name}
        )
    successor = Member.objects.filter(predecessor=member).first()
    if successor is not None:
        raise ValidationError(
            _("ตำแหน่ง%(post)sของ %(name)s ส่งต่อให้ %(successor)s แล้ว")
            % {"post": member.ex_officio_post, "name": member.full_name, "successor": successor.full_name}
        )
    errors = {}
    if not (first_name or "").strip():
        errors["first_name"] = _("กรุณาระบุชื่อผู้ดำรงตำแหน่งคนใหม่")
    if on is None:
        errors["on"] = _("กรุณาระบุวันที่รับตำแหน่ง")
    else:
        start = member.holds_since or order.effective_on or order.signed_on
        if start is not None and on < start:
            errors["on"] = _("วันที่รับตำแหน่งต้องไม่ก่อน %(date)s") % {"date": be_date_long(start)}
    if errors:
        raise ValidationError(errors)
    if member.status == MemberStatus.SERVING:
        member.status, member.status_on = MemberStatus.LEFT_POST, on
        member.save()
    new = Member(
        order=order,
        title=title.strip(),
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        position=member.position,
        basis=Basis.EX_OFFICIO,
        ex_officio_post=member.ex_officio_post,
        affiliation=member.affiliation if affiliation is None else affiliation.strip(),
        phone=phone.strip(),
        acting=acting,
        sort_order=member.sort_order,
        predecessor=member,
        holds_since=on,
    )
    _check_member(new)
    new.save()
    return new


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
        term_years=default.term_years if default else None,
    )
    if default is not None:
        TemplateSlot.objects.bulk_create(
            [
                TemplateSlot(
                    template=template,
                    position_id=slot.position_id,
                    ex_officio_post=slot.ex_officio_post,
                    required=slot.required,
                    seats=slot.seats,
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
    term_years: int | None = None,
) -> CompositionTemplate:
    """The province's template: its composition rules and its term for the kind's orders (`term_years`:
    None follows the kind, 0 means orders without a term)."""
    if template.province is None:
        raise PermissionDenied
    require_manage_province(user, template.province)
    template.min_members, template.max_members = min_members, max_members
    template.requires_chair, template.requires_secretary = requires_chair, requires_secretary
    template.term_years = term_years
    template.full_clean()
    template.save()
    return template


@transaction.atomic
def template_slot_add(
    *,
    user,
    template: CompositionTemplate,
    position: Position,
    ex_officio_post: str,
    required: bool,
    seats: str = SeatCount.ONE,
) -> TemplateSlot:
    """A line of the province's template; a line of one seat per village or local government (`seats`) is a
    post held ex officio and only for a tambon's committee."""
    if template.province is None:
        raise PermissionDenied
    require_manage_province(user, template.province)
    if seats != SeatCount.ONE:
        if not ex_officio_post.strip():
            raise ValidationError(
                {"ex_officio_post": _("ตำแหน่งที่มีหนึ่งที่นั่งต่อหมู่บ้านหรือต่อ อปท. ต้องระบุตำแหน่งที่ดำรง (โดยตำแหน่ง)")}
            )
        if template.kind.level != Level.TAMBON:
            raise ValidationError({"seats": _("นับที่นั่งตามหมู่บ้านหรือ อปท. ได้เฉพาะคณะกรรมการระดับตำบล")})
    last = template.slots.order_by("-sort_order").values_list("sort_order", flat=True).first() or 0
    return TemplateSlot.objects.create(
        template=template,
        position=position,
        ex_officio_post=ex_officio_post.strip(),
        required=required,
        seats=seats,
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
