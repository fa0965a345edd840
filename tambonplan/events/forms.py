from datetime import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tambonplan.areas.models import Village
from tambonplan.core.fiscal_years import fiscal_year_choices
from tambonplan.core.forms import StyledForm
from tambonplan.events.models import (
    CHECKIN_CODE_ABOVE,
    MAX_HEAD_COUNT,
    NAME_MAX_LENGTH,
    AttendeeGroup,
    EventKind,
)
from tambonplan.thai.dates import fiscal_year_label
from tambonplan.thai.digits import to_arabic_digits
from tambonplan.thai.forms import (
    ModelIdMultipleChoiceField,
    ThaiDateField,
    ThaiDigitsCharField,
    ThaiIntegerField,
)


def facilitator_label(user) -> str:
    """A facilitator as a choice: the name, and the position that tells two people of the same name apart."""
    name = user.get_full_name() or user.username
    return f"{name} ({user.position})" if user.position else name


class TimeField(forms.TimeField):
    """A time typed the Thai way, "9.30", "09:30" or "๐๙.๓๐ น.", shown as "09.30" (never AM/PM)."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "placeholder": "09.00", "autocomplete": "off"})
    input_formats = ["%H.%M", "%H:%M", "%H:%M:%S", "%H"]
    default_error_messages = {"invalid": _("อ่านเวลาไม่ได้ (ใช้รูปแบบ ชั่วโมง.นาที เช่น 09.00 หรือ 13.30)")}

    def to_python(self, value):
        if isinstance(value, str):
            value = to_arabic_digits(value).replace("น.", "").strip()
        return super().to_python(value)

    def prepare_value(self, value):
        return value.strftime("%H.%M") if hasattr(value, "strftime") else value


def _grouped_tambons(tambons) -> list:
    """Tambon choices grouped by district (an <optgroup> per district)."""
    groups: dict[str, list] = {}
    for tambon in tambons:
        label = str(_("อำเภอ%(name)s") % {"name": tambon.district.display_name})
        groups.setdefault(label, []).append((tambon.code, tambon.display_name))
    return list(groups.items())


class EventForm(StyledForm):
    kind = forms.ChoiceField(label=_("ประเภทกิจกรรม"), choices=EventKind.choices)
    title = forms.CharField(label=_("ชื่อกิจกรรม"), max_length=300)
    fiscal_year = forms.TypedChoiceField(label=_("ปีงบประมาณ"), coerce=int)
    start_date = ThaiDateField(label=_("วันที่เริ่ม"))
    start_time = TimeField(label=_("เวลาเริ่ม"))
    end_date = ThaiDateField(label=_("วันที่สิ้นสุด"), required=False, help_text=_("เว้นว่างถ้าจบในวันเดียวกัน"))
    end_time = TimeField(label=_("เวลาสิ้นสุด"))
    venue = forms.CharField(label=_("สถานที่"), max_length=300, required=False)
    expected_attendance = ThaiIntegerField(
        label=_("จำนวนผู้เข้าร่วมที่คาดไว้ (คน)"),
        min_value=1,
        max_value=100_000,
        required=False,
        help_text=_("เกิน %(limit)d คน ระบบจะตั้งรหัสลงทะเบียนให้ผู้เข้าร่วมกรอกพร้อมสแกนคิวอาร์โค้ด (ปิดได้ที่หน้ากิจกรรม)")
        % {"limit": CHECKIN_CODE_ABOVE},
    )
    province = forms.ChoiceField(label=_("จังหวัด"))
    district = forms.ChoiceField(label=_("อำเภอ"), required=False)
    tambon = forms.ChoiceField(label=_("ตำบล"), required=False)
    moo = ThaiIntegerField(
        label=_("หมู่ที่"), min_value=1, max_value=99, required=False, help_text=_("สำหรับกิจกรรมระดับหมู่บ้าน")
    )
    facilitators = ModelIdMultipleChoiceField(
        label=_("วิทยากร/ผู้ดำเนินการ"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    agenda = forms.CharField(
        label=_("ระเบียบวาระ/กำหนดการ"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    minutes = forms.CharField(
        label=_("บันทึกการประชุม/ผลการดำเนินงาน"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    version = ThaiIntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, provinces, districts, tambons, facilitators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fiscal_year"].choices = [
            (year, fiscal_year_label(year)) for year in fiscal_year_choices()
        ]
        self._provinces = {p.code: p for p in provinces}
        self._districts = {d.code: d for d in districts}
        self._tambons = {t.code: t for t in tambons}
        self.fields["province"].choices = [(p.code, p.display_name) for p in provinces]
        if len(provinces) == 1:
            self.fields["province"].widget = forms.HiddenInput()
            self.fields["province"].initial = provinces[0].code
        self.fields["district"].choices = [("", _("ทั้งจังหวัด (ระดับจังหวัด)"))] + [
            (d.code, d.display_name) for d in districts
        ]
        self.fields["tambon"].choices = [("", _("ทั้งอำเภอ (ระดับอำเภอ)"))] + _grouped_tambons(tambons)
        self.fields["facilitators"].queryset = facilitators
        self.fields["facilitators"].label_from_instance = facilitator_label

    def clean(self):
        data = super().clean()
        start_date, start_time, end_time = (
            data.get("start_date"),
            data.get("start_time"),
            data.get("end_time"),
        )
        if start_date and start_time and end_time:
            end_date = data.get("end_date") or start_date
            data["starts_at"] = timezone.make_aware(datetime.combine(start_date, start_time))
            data["ends_at"] = timezone.make_aware(datetime.combine(end_date, end_time))
            if data["ends_at"] < data["starts_at"]:
                self.add_error("end_time", _("เวลาสิ้นสุดต้องไม่ก่อนเวลาเริ่ม"))
        data["area"] = self._area(data)
        return data

    def _area(self, data):
        province = self._provinces.get(data.get("province") or "")
        district = self._districts.get(data.get("district") or "")
        tambon = self._tambons.get(data.get("tambon") or "")
        moo = data.get("moo")
        if tambon is not None:
            if district is not None and tambon.district_id != district.code:
                self.add_error("tambon", _("ตำบลนี้ไม่อยู่ในอำเภอที่เลือก"))
                return None
            if moo:
                village = Village.objects.filter(tambon=tambon, moo=moo).first()
                if village is None:
                    self.add_error(
                        "moo",
                        _("ยังไม่มีหมู่ที่ %(moo)s ของตำบล%(tambon)s ในระบบ")
                        % {"moo": moo, "tambon": tambon.display_name},
                    )
                    return None
                return village
            return tambon
        if moo:
            self.add_error("tambon", _("กิจกรรมระดับหมู่บ้านต้องเลือกตำบล"))
            return None
        if district is not None:
            if province is not None and district.province_id != province.code:
                self.add_error("district", _("อำเภอนี้ไม่อยู่ในจังหวัดที่เลือก"))
                return None
            return district
        return province

    @staticmethod
    def initial_for(event) -> dict:
        starts, ends = timezone.localtime(event.starts_at), timezone.localtime(event.ends_at)
        return {
            "kind": event.kind,
            "title": event.title,
            "fiscal_year": event.fiscal_year,
            "start_date": starts.date(),
            "start_time": starts.time(),
            "end_date": ends.date() if ends.date() != starts.date() else None,
            "end_time": ends.time(),
            "venue": event.venue,
            "expected_attendance": event.expected_attendance,
            "province": event.province_id,
            "district": event.district_id or "",
            "tambon": event.tambon_id or "",
            "moo": event.village.moo if event.village_id else None,
            "facilitators": [user.pk for user in event.facilitators.all()],
            "agenda": event.agenda,
            "minutes": event.minutes,
            "version": event.version,
        }

    def service_fields(self) -> dict:
        """The cleaned data as the event services take it."""
        data = self.cleaned_data
        names = ("kind", "title", "fiscal_year", "venue", "expected_attendance", "agenda", "minutes")
        fields = {name: data[name] for name in names}
        fields.update(
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            area=data["area"],
            facilitators=list(data["facilitators"]),
        )
        return fields


class EventFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("ประเภท"), required=False)
    district = forms.ChoiceField(label=_("อำเภอ"), required=False)
    tambon = forms.ChoiceField(label=_("ตำบล"), required=False)

    def __init__(self, *args, districts, tambons, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("ทุกประเภท"))] + list(EventKind.choices)
        self.fields["district"].choices = [("", _("ทุกอำเภอ"))] + [(d.code, d.display_name) for d in districts]
        self.fields["tambon"].choices = [("", _("ทุกตำบล"))] + _grouped_tambons(tambons)
        for field in self.fields.values():
            field.widget.attrs.update({"class": "form-select", "data-autosubmit": ""})


class PersonFields(StyledForm):
    name = forms.CharField(
        label=_("ชื่อ-นามสกุล"),
        max_length=NAME_MAX_LENGTH,
        error_messages={
            "required": _("กรุณากรอกชื่อ-นามสกุล"),
            "max_length": _("ชื่อยาวเกิน %(limit_value)d ตัวอักษร"),
        },
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    group = forms.ChoiceField(
        label=_("กลุ่มผู้เข้าร่วม"),
        choices=[("", _("— เลือกกลุ่ม —"))] + list(AttendeeGroup.choices),
        error_messages={"required": _("กรุณาเลือกกลุ่มผู้เข้าร่วม")},
    )
    phone = ThaiDigitsCharField(
        label=_("โทรศัพท์ (ไม่บังคับ)"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )


class AttendeeForm(PersonFields):
    """An officer adds a participant by name."""


class CheckinForm(PersonFields):
    """A participant registers from their phone; with the event's check-in code when it asks for one (the
    service reads the code: any text is accepted here, so odd input is a wrong code, never an error page)."""

    code = forms.CharField(
        label=_("รหัสลงทะเบียน (ดูที่จอหรือป้ายในสถานที่จัดกิจกรรม)"),
        max_length=20,
        error_messages={
            "required": _("กรุณากรอกรหัสลงทะเบียนที่แสดงบนจอหรือป้ายในสถานที่จัดกิจกรรม"),
            "max_length": _("รหัสลงทะเบียนไม่ถูกต้อง ดูรหัสได้ที่จอหรือป้ายในสถานที่จัดกิจกรรม"),
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "maxlength": "20"}),
    )

    def __init__(self, *args, needs_code: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not needs_code:
            del self.fields["code"]
        for field in self.fields.values():
            css = field.widget.attrs["class"]
            field.widget.attrs["class"] = (
                f"{css} form-select-lg" if "form-select" in css else f"{css} form-control-lg"
            )


class MemberPickForm(StyledForm):
    member = forms.ChoiceField(label=_("กรรมการ"))
    group = forms.ChoiceField(label=_("นับเป็นกลุ่ม"), required=False)

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self._members = {str(m.pk): m for m in members}
        groups: dict[str, list] = {}
        for member in members:
            groups.setdefault(str(member.order.committee), []).append(
                (str(member.pk), f"{member.full_name} ({member.position})")
            )
        self.fields["member"].choices = [("", _("— เลือกกรรมการ —"))] + list(groups.items())
        self.fields["group"].choices = [("", _("ตามคณะกรรมการ (ศอช. หรือ ผู้นำชุมชน)"))] + list(
            AttendeeGroup.choices
        )

    def clean_member(self):
        return self._members[self.cleaned_data["member"]]


class CountsForm(StyledForm):
    """A head count for every group at once."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for value, label in AttendeeGroup.choices:
            self.fields[value] = ThaiIntegerField(
                label=label, min_value=0, max_value=MAX_HEAD_COUNT, required=False
            )
            self.fields[value].widget.attrs["class"] = "form-control text-end"

    def counts(self) -> dict[str, int]:
        return {value: self.cleaned_data.get(value) or 0 for value in AttendeeGroup.values}


class PhotoForm(StyledForm):
    image = forms.FileField(
        label=_("ภาพกิจกรรม (JPEG หรือ PNG ไม่เกิน 5 MB)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".jpg,.jpeg,.png,image/jpeg,image/png"}),
    )
    caption = forms.CharField(label=_("คำอธิบายภาพ"), max_length=300, required=False)
