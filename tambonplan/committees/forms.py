from django import forms
from django.utils.translation import gettext_lazy as _

from tambonplan.committees.currency import state_labels
from tambonplan.committees.models import Basis, MemberStatus, Position, SeatCount
from tambonplan.core.forms import StyledForm
from tambonplan.thai.forms import ModelIdChoiceField, ThaiDateField, ThaiDigitsCharField, ThaiIntegerField


class OrderForm(StyledForm):
    number = ThaiDigitsCharField(
        label=_("เลขที่คำสั่ง"), max_length=30, required=False, help_text=_("เช่น ๑๒/๒๕๖๖ หรือ 12/2566")
    )
    signed_on = ThaiDateField(label=_("ลงวันที่"), required=False)
    effective_on = ThaiDateField(label=_("มีผลตั้งแต่วันที่"), required=False)
    issuing_office = forms.CharField(
        label=_("หน่วยงานที่ออกคำสั่ง"), max_length=200, required=False, help_text=_("เช่น อำเภอเมืองอุบลราชธานี")
    )
    subject = forms.CharField(
        label=_("เรื่อง"),
        max_length=300,
        required=False,
        help_text=_("เว้นว่างได้ ระบบจะใช้ 'แต่งตั้ง…' ตามประเภทคณะกรรมการ"),
    )
    signer_name = forms.CharField(label=_("ชื่อผู้ลงนาม"), max_length=150, required=False)
    signer_position = forms.CharField(label=_("ตำแหน่งผู้ลงนาม"), max_length=200, required=False)
    scan = forms.FileField(
        label=_("สำเนาคำสั่งที่ลงนามแล้ว (PDF/JPEG/PNG ไม่เกิน 10 MB)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )
    version = ThaiIntegerField(widget=forms.HiddenInput)


class MemberForm(StyledForm):
    title = forms.CharField(label=_("คำนำหน้า"), max_length=50, required=False)
    first_name = forms.CharField(label=_("ชื่อ"), max_length=100)
    last_name = forms.CharField(label=_("นามสกุล"), max_length=100, required=False)
    position = ModelIdChoiceField(label=_("ตำแหน่งในคณะกรรมการ"), queryset=Position.objects.all())
    basis = forms.ChoiceField(label=_("ที่มา"), choices=Basis.choices)
    ex_officio_post = forms.CharField(
        label=_("ตำแหน่งที่ดำรง (กรณีโดยตำแหน่ง)"),
        max_length=150,
        required=False,
        help_text=_("เช่น กำนัน, นายก อบต., ปลัดอำเภอผู้รับผิดชอบประจำตำบล"),
    )
    affiliation = forms.CharField(
        label=_("สังกัด/หน่วยงาน/องค์กร"),
        max_length=200,
        required=False,
        help_text=_(
            "คำสั่งพิมพ์ตำแหน่งพร้อมสังกัด เช่น หมู่ที่ 3 → ผู้ใหญ่บ้านหมู่ที่ ๓, "
            "องค์การบริหารส่วนตำบลหัวเรือ → นายกองค์การบริหารส่วนตำบลหัวเรือ"
        ),
    )
    phone = ThaiDigitsCharField(label=_("โทรศัพท์"), max_length=30, required=False)
    status = forms.ChoiceField(label=_("สถานะ"), choices=MemberStatus.choices, initial=MemberStatus.SERVING)
    status_on = ThaiDateField(label=_("ตั้งแต่วันที่ (กรณีพ้นจากตำแหน่ง)"), required=False)
    acting = forms.BooleanField(label=_("รักษาการ"), required=False)
    sort_order = ThaiIntegerField(label=_("ลำดับในตำแหน่งเดียวกัน"), min_value=0, required=False, initial=0)

    def clean_sort_order(self):
        return self.cleaned_data["sort_order"] or 0


class MemberStatusForm(StyledForm):
    """What may change for a member of an order in force."""

    status = forms.ChoiceField(label=_("สถานะ"), choices=MemberStatus.choices)
    status_on = ThaiDateField(label=_("ตั้งแต่วันที่ (กรณีพ้นจากตำแหน่ง)"), required=False)
    acting = forms.BooleanField(label=_("รักษาการ"), required=False)
    phone = ThaiDigitsCharField(label=_("โทรศัพท์"), max_length=30, required=False)


class SuccessorForm(StyledForm):
    """The new holder of a seat held by position (`services.member_succeed`)."""

    title = forms.CharField(label=_("คำนำหน้า"), max_length=50, required=False)
    first_name = forms.CharField(label=_("ชื่อ"), max_length=100)
    last_name = forms.CharField(label=_("นามสกุล"), max_length=100, required=False)
    on = ThaiDateField(label=_("รับตำแหน่งตั้งแต่วันที่"))
    affiliation = forms.CharField(
        label=_("สังกัด/หน่วยงาน/องค์กร"),
        max_length=200,
        required=False,
        help_text=_("ตามผู้ดำรงตำแหน่งคนเดิม แก้ได้ถ้าเปลี่ยน"),
    )
    phone = ThaiDigitsCharField(label=_("โทรศัพท์"), max_length=30, required=False)
    acting = forms.BooleanField(label=_("รักษาการ"), required=False)


class ReviewForm(StyledForm):
    note = forms.CharField(label=_("หมายเหตุการทบทวน"), max_length=300, required=False)


class MembersImportForm(StyledForm):
    file = forms.FileField(
        label=_("ไฟล์รายชื่อกรรมการ (XLSX หรือ CSV)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )


class ReviewDeadlineForm(StyledForm):
    review_date = ThaiDateField(label=_("วันที่กำหนดให้ทบทวนคำสั่ง"))


class OverviewFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("ประเภท"), required=False)
    state = forms.ChoiceField(label=_("สถานะ"), required=False)

    def __init__(self, *args, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("ทุกประเภท"))] + [(k.code, k.short_name) for k in kinds]
        self.fields["state"].choices = [("", _("ทุกสถานะ"))] + list(state_labels().items())


class TemplateForm(StyledForm):
    min_members = ThaiIntegerField(label=_("จำนวนกรรมการขั้นต่ำ"), min_value=1, required=False)
    max_members = ThaiIntegerField(label=_("จำนวนกรรมการสูงสุด"), min_value=1, required=False)
    requires_chair = forms.BooleanField(label=_("ต้องมีประธาน"), required=False)
    requires_secretary = forms.BooleanField(label=_("ต้องมีเลขานุการ"), required=False)
    term_years = ThaiIntegerField(
        label=_("วาระการดำรงตำแหน่ง (ปี)"),
        min_value=0,
        max_value=10,
        required=False,
        help_text=_("เว้นว่าง: ตามค่าเริ่มต้นของประเภทคณะกรรมการ · 0: คำสั่งไม่มีวาระ ใช้ได้จนกว่าจะออกคำสั่งใหม่"),
    )


class TemplateSlotForm(StyledForm):
    position = ModelIdChoiceField(label=_("ตำแหน่งในคณะกรรมการ"), queryset=Position.objects.all())
    ex_officio_post = forms.CharField(label=_("โดยตำแหน่ง (ถ้ามี)"), max_length=150, required=False)
    seats = forms.ChoiceField(
        label=_("จำนวนที่นั่ง"),
        choices=SeatCount.choices,
        initial=SeatCount.ONE,
        help_text=_("ก.บ.ต.: ผู้ใหญ่บ้านทุกหมู่บ้านและผู้บริหาร อปท. ทุกแห่งในตำบล นับจากทะเบียนหมู่บ้านและทะเบียน อปท."),
    )
    required = forms.BooleanField(label=_("ต้องมี"), required=False, initial=True)


class OrderWordingForm(StyledForm):
    """A province's wording of one kind's orders (`OrderWording`)."""

    purpose = forms.CharField(
        label=_("วัตถุประสงค์"), max_length=300, required=False, help_text=_('ขึ้นต้นด้วย "เพื่อให้"')
    )
    clause = forms.CharField(
        label=_("อาศัยอำนาจตามความในข้อหรือมาตรา"),
        max_length=100,
        required=False,
        help_text=_("เช่น ข้อ ๙ หรือ ข้อ ๑๒ (๑) เว้นว่างได้หากอ้างทั้งฉบับ"),
    )
    regulation = forms.CharField(
        label=_("แห่งระเบียบหรือกฎหมาย"),
        max_length=300,
        help_text=_("ชื่อเต็มพร้อมปี พ.ศ. ตามที่ประกาศในราชกิจจานุเบกษา"),
    )
    guideline = forms.CharField(
        label=_("ประกอบกับ (แนวทางหรือหนังสือสั่งการ)"),
        max_length=300,
        required=False,
        help_text=_("เช่น แนวทางปฏิบัติรองรับการดำเนินการตามระเบียบฯ เว้นว่างได้"),
    )
    duties = forms.CharField(
        label=_("อำนาจหน้าที่"),
        widget=forms.Textarea(attrs={"rows": 7}),
        max_length=4000,
        help_text=_("บรรทัดละหนึ่งข้อ ระบบใส่เลขข้อ ๑. ๒. ๓. ให้เอง"),
    )
    version = ThaiIntegerField(widget=forms.HiddenInput)
