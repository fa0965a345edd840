from datetime import date, datetime, time, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from tambonplan.accounts.scope import TAMBONS, may_change, scope_of
from tambonplan.core.audit import audit_trail
from tambonplan.core.concurrency import ConcurrentEditError
from tambonplan.core.http import client_ip
from tambonplan.core.qr import qr_svg
from tambonplan.events import selectors, services
from tambonplan.events.forms import (
    AttendeeForm,
    CheckinForm,
    CountsForm,
    EventFilterForm,
    EventForm,
    MemberPickForm,
    PhotoForm,
)
from tambonplan.thai.dates import BANGKOK, bangkok_today
from tambonplan.thai.digits import parse_int


def _add_errors(form, error: ValidationError) -> None:
    """A service's ValidationError on the form: on the field it names when the form has it, else on top."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def checkin_url(request, event, day: date) -> str:
    """The public check-in link of the event for one day (what its QR code of that day holds)."""
    token = services.checkin_link_token(event, day)
    return request.build_absolute_uri(reverse("checkin", kwargs={"token": token}))


def _organiser_checkin(request, event, day: date | None = None) -> dict:
    """The check-in link, QR code and code of one day, for the organisers' pages only."""
    day = services.checkin_link_day(event, day)
    url = checkin_url(request, event, day)
    return {
        "checkin_day": day,
        "checkin_today": day == bangkok_today(),
        "checkin_url": url,
        "qr": qr_svg(url),
        "checkin_window": services.checkin_window_message(event),
    }


def _preselected(request, attendees) -> set[int]:
    """With ?select=checkin&first=N&last=M, the self-registered attendees numbered N to M in the list (all
    of them without numbers): ticked for the organiser to review before removing them in one go."""
    if request.GET.get("select") != "checkin":
        return set()
    first = parse_int(request.GET.get("first")) or 1
    last = parse_int(request.GET.get("last")) or len(attendees)
    return {
        attendee.pk
        for number, attendee in enumerate(attendees, start=1)
        if attendee.via_checkin and first <= number <= last
    }


# ------------------------------------------------------------------ list


@login_required
def event_list(request):
    district_code = request.GET.get("district", "")
    districts, tambons = selectors.filter_areas(request.user, district_code=district_code)
    form = EventFilterForm(request.GET or None, districts=districts, tambons=tambons)
    filters = {"kind": "", "district_code": "", "tambon_code": ""}
    if form.is_bound and form.is_valid():
        filters = {
            "kind": form.cleaned_data["kind"],
            "district_code": form.cleaned_data["district"],
            "tambon_code": form.cleaned_data["tambon"],
        }
    events = selectors.events_for(request.user, fiscal_year=request.fiscal_year, **filters)
    context = {
        "events": events,
        "filter_form": form,
        "can_create": request.user.can_edit,
        "total_participants": sum(event.participants for event in events),
    }
    return render(request, "events/event_list.html", context)


# ------------------------------------------------------------------ create / edit / delete


def _event_form(request, *, initial: dict, bound: bool) -> EventForm:
    provinces, districts, tambons = selectors.area_choices(request.user)
    return EventForm(
        request.POST if bound else None,
        initial=initial,
        provinces=provinces,
        districts=districts,
        tambons=tambons,
        facilitators=selectors.facilitator_choices(request.user),
    )


def _create_initial(request) -> dict:
    scope = scope_of(request.user)
    initial = {"fiscal_year": request.fiscal_year, "facilitators": [request.user.pk]}
    if scope.district_code:
        initial["district"] = scope.district_code
    if scope.level == TAMBONS and len(scope.tambon_codes) == 1:
        initial["tambon"] = next(iter(scope.tambon_codes))
    for key in ("kind", "district", "tambon"):
        if request.GET.get(key):
            initial[key] = request.GET[key]
    return initial


@login_required
@require_http_methods(["GET", "POST"])
def event_create(request):
    if not request.user.can_edit:
        raise PermissionDenied
    form = _event_form(request, initial=_create_initial(request), bound=request.method == "POST")
    if form.is_bound and form.is_valid():
        try:
            event = services.event_create(user=request.user, **form.service_fields())
        except ValidationError as error:
            _add_errors(form, error)
        except PermissionDenied:
            form.add_error(None, _("ท่านไม่มีสิทธิ์จัดกิจกรรมในพื้นที่นี้ กรุณาเลือกตำบลหรืออำเภอที่ท่านรับผิดชอบ"))
        else:
            messages.success(request, _("บันทึกกิจกรรมแล้ว"))
            return redirect("events:detail", pk=event.pk)
    return render(request, "events/event_form.html", {"form": form, "event": None})


@login_required
@require_http_methods(["GET", "POST"])
def event_edit(request, pk):
    event = selectors.event_for(request.user, pk)
    if not may_change(request.user, event):
        raise PermissionDenied
    form = _event_form(request, initial=EventForm.initial_for(event), bound=request.method == "POST")
    if form.is_bound and form.is_valid():
        try:
            services.event_update(
                user=request.user, event=event, version=form.cleaned_data["version"], **form.service_fields()
            )
        except ValidationError as error:
            _add_errors(form, error)
        except ConcurrentEditError as error:
            form.add_error(None, error.message)
        except PermissionDenied:
            form.add_error(None, _("ท่านไม่มีสิทธิ์จัดกิจกรรมในพื้นที่นี้ กรุณาเลือกตำบลหรืออำเภอที่ท่านรับผิดชอบ"))
        else:
            messages.success(request, _("บันทึกการแก้ไขกิจกรรมแล้ว"))
            return redirect("events:detail", pk=event.pk)
    return render(request, "events/event_form.html", {"form": form, "event": event})


@login_required
@require_POST
def event_delete(request, pk):
    event = selectors.event_for(request.user, pk)
    services.event_delete(user=request.user, event=event)
    messages.success(request, _("ลบกิจกรรมแล้ว"))
    return redirect("events:list")


# ------------------------------------------------------------------ the event page


def _detail(request, pk, *, status: int = 200, **forms):
    page = selectors.event_detail(request.user, pk)
    event = page.event
    can_change = may_change(request.user, event)
    context = {
        "page": page,
        "event": event,
        "can_change": can_change,
        "checkin_state": services.checkin_state(event),
        "checkin_window": services.checkin_window_message(event),
        "audit": audit_trail(event),
    }
    if can_change:
        members = selectors.member_choices(request.user, event)
        context.update(_organiser_checkin(request, event))
        context.update(
            selected=_preselected(request, page.attendees),
            select_first=request.GET.get("first", ""),
            select_last=request.GET.get("last", ""),
        )
        context.update(
            attendee_form=forms.get("attendee_form") or AttendeeForm(),
            pick_form=forms.get("pick_form") or MemberPickForm(members=members),
            has_members=bool(members),
            counts_form=forms.get("counts_form") or CountsForm(initial=page.counts),
            photo_form=forms.get("photo_form") or PhotoForm(),
        )
    return render(request, "events/event_detail.html", context, status=status)


@login_required
def event_detail(request, pk):
    return _detail(request, pk)


def _day_param(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value or "")
    except ValueError:
        return None


def _seconds_to_midnight() -> int:
    """Until a little after the next midnight in Bangkok, when the day's link changes."""
    now = timezone.localtime(timezone.now(), BANGKOK)
    midnight = datetime.combine(now.date() + timedelta(days=1), time(0, 0, 5), tzinfo=BANGKOK)
    return int((midnight - now).total_seconds()) + 1


@login_required
def event_qr(request, pk):
    """The page the organiser projects or prints: the QR code of one day (?day=YYYY-MM-DD, default today)
    and the check-in code. For organisers only: whoever reads the link can register. Today's page reloads
    itself after midnight, so a screen left on shows the new day's code."""
    event = selectors.event_for(request.user, pk)
    if not may_change(request.user, event):
        raise PermissionDenied
    context = {"event": event, "checkin_days": event.checkin_days}
    context.update(_organiser_checkin(request, event, _day_param(request.GET.get("day"))))
    if context["checkin_today"]:
        context["refresh_seconds"] = _seconds_to_midnight()
    return render(request, "events/event_qr.html", context)


@login_required
@require_POST
def checkin_code(request, pk):
    """Turn the check-in code on or give a new one (action=new), or turn it off (action=off)."""
    event = selectors.event_for(request.user, pk)
    if not may_change(request.user, event):
        raise PermissionDenied
    action = request.POST.get("action")
    if action == "new":
        services.checkin_code_new(user=request.user, event=event)
        messages.success(request, _("ตั้งรหัสลงทะเบียนใหม่แล้ว รหัสเดิม (ถ้ามี) ใช้ไม่ได้อีก"))
    elif action == "off":
        services.checkin_code_off(user=request.user, event=event)
        messages.success(request, _("ยกเลิกรหัสลงทะเบียนแล้ว ผู้เข้าร่วมสแกนคิวอาร์โค้ดแล้วลงทะเบียนได้โดยไม่ต้องกรอกรหัส"))
    else:
        return HttpResponseBadRequest(_("ไม่รู้จักคำสั่งนี้"))
    return redirect(reverse("events:detail", kwargs={"pk": event.pk}) + "#checkin")


# ------------------------------------------------------------------ attendance


@login_required
@require_POST
def attendee_add(request, pk):
    event = selectors.event_for(request.user, pk)
    form = AttendeeForm(request.POST)
    if form.is_valid():
        try:
            attendee = services.attendee_add(user=request.user, event=event, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("เพิ่ม %(name)s แล้ว") % {"name": attendee.name})
            return redirect(reverse("events:detail", kwargs={"pk": event.pk}) + "#attendees")
    if not may_change(request.user, event):
        raise PermissionDenied
    return _detail(request, pk, attendee_form=form)


@login_required
@require_POST
def attendee_pick(request, pk):
    event = selectors.event_for(request.user, pk)
    if not may_change(request.user, event):
        raise PermissionDenied
    form = MemberPickForm(request.POST, members=selectors.member_choices(request.user, event))
    if form.is_valid():
        try:
            attendee = services.attendee_add(
                user=request.user,
                event=event,
                member=form.cleaned_data["member"],
                group=form.cleaned_data["group"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("เพิ่ม %(name)s แล้ว") % {"name": attendee.name})
            return redirect(reverse("events:detail", kwargs={"pk": event.pk}) + "#attendees")
    return _detail(request, pk, pick_form=form)


@login_required
@require_POST
def attendee_remove(request, pk):
    attendee = selectors.attendee_for(request.user, pk)
    event_pk = attendee.event_id
    services.attendee_remove(user=request.user, attendee=attendee)
    messages.success(request, _("ลบ %(name)s ออกจากรายชื่อแล้ว") % {"name": attendee.name})
    return redirect(reverse("events:detail", kwargs={"pk": event_pk}) + "#attendees")


@login_required
@require_POST
def attendees_remove(request, pk):
    """Remove the ticked attendees in one go (a flood of fake self-registrations)."""
    event = selectors.event_for(request.user, pk)
    ids = [parse_int(value) for value in request.POST.getlist("attendee")]
    removed = services.attendees_remove(
        user=request.user, event=event, attendee_ids=[value for value in ids if value is not None]
    )
    if removed:
        messages.success(request, _("ลบรายชื่อผู้เข้าร่วม %(count)d คนแล้ว") % {"count": removed})
    else:
        messages.warning(request, _("ยังไม่ได้เลือกรายชื่อที่จะลบ"))
    return redirect(reverse("events:detail", kwargs={"pk": event.pk}) + "#attendees")


@login_required
@require_POST
def counts_set(request, pk):
    event = selectors.event_for(request.user, pk)
    if not may_change(request.user, event):
        raise PermissionDenied
    form = CountsForm(request.POST)
    if form.is_valid():
        try:
            services.attendance_counts_set(user=request.user, event=event, counts=form.counts())
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("บันทึกจำนวนผู้เข้าร่วมตามกลุ่มแล้ว"))
            return redirect(reverse("events:detail", kwargs={"pk": event.pk}) + "#counts")
    return _detail(request, pk, counts_form=form)


# ------------------------------------------------------------------ photos


@login_required
@require_POST
def photo_add(request, pk):
    event = selectors.event_for(request.user, pk)
    if not may_change(request.user, event):
        raise PermissionDenied
    form = PhotoForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.photo_add(
                user=request.user,
                event=event,
                image=form.cleaned_data["image"],
                caption=form.cleaned_data["caption"],
            )
        except ValidationError as error:
            form.add_error("image", error)
        else:
            messages.success(request, _("เพิ่มภาพกิจกรรมแล้ว"))
            return redirect(reverse("events:detail", kwargs={"pk": event.pk}) + "#photos")
    return _detail(request, pk, photo_form=form)


@login_required
def photo_file(request, pk):
    """The photo through the scope check (never a public media URL), inline or, with ?download=1, saved."""
    photo = selectors.photo_for(request.user, pk)
    try:
        handle = photo.image.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    extension = photo.image.name.rsplit(".", 1)[-1]
    response = FileResponse(
        handle,
        content_type=photo.content_type,
        as_attachment=request.GET.get("download") == "1",
        filename=f"event-{photo.event_id}-photo-{photo.pk}.{extension}",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, max-age=3600"
    return response


@login_required
@require_POST
def photo_delete(request, pk):
    photo = selectors.photo_for(request.user, pk)
    event_pk = photo.event_id
    services.photo_delete(user=request.user, photo=photo)
    messages.success(request, _("ลบภาพแล้ว"))
    return redirect(reverse("events:detail", kwargs={"pk": event_pk}) + "#photos")


# ------------------------------------------------------------------ public check-in (no account)


@never_cache
@require_http_methods(["GET", "POST"])
def checkin(request, token):
    """The page a participant's phone opens from the QR code: name, group, phone (and the check-in code
    when the event asks for one); no login. A link of another day says so and offers no form."""
    link = selectors.checkin_link(token)
    if link is None:
        raise Http404
    event = link.event
    refused = services.checkin_link_refusal(link)
    form = CheckinForm(request.POST or None, needs_code=bool(event.checkin_code))
    context = {"event": event, "form": form, "refused": refused, "usable": refused is None}
    status = 200
    if request.method == "POST":
        if refused is not None:
            status = refused.status
        elif form.is_valid():
            try:
                attendee = services.checkin_register(
                    token=token, client_ip=client_ip(request), **form.cleaned_data
                )
            except services.CheckinRefused as refusal:
                context["refused"] = refusal
                status = refusal.status
            except ValidationError as error:
                _add_errors(form, error)
                status = 400
            else:
                context["attendee"] = attendee
                return render(request, "events/checkin_done.html", context)
        else:
            status = 400
    return render(request, "events/checkin.html", context, status=status)
