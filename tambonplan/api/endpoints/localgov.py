"""The register of local governments (อปท.) in the caller's scope: the bodies a tambon plan's projects are
forwarded to, each with the tambons it covers.

Read-only, as the partners' registry in the API. A body's phone, email and contact person are answered only to
those who see them on the register's page (``may_see_contacts``: editors within their area); else null."""

from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from tambonplan.api.contacts import CONTACT_NOTE, contact
from tambonplan.api.filters import AreaFilter
from tambonplan.api.pagination import Pages
from tambonplan.localgov import selectors
from tambonplan.localgov.models import LocalGovernmentKind

router = Router(tags=["องค์กรปกครองส่วนท้องถิ่น"])


class CoveredTambonOut(Schema):
    code: str
    name: str = Field(alias="name_th")


class LocalGovernmentOut(Schema):
    id: int
    code: str = Field(description="รหัส อปท. ของกรมส่งเสริมการปกครองท้องถิ่น")
    kind: LocalGovernmentKind
    kind_label: str = Field(alias="get_kind_display")
    name_th: str = Field(description="ชื่อไม่รวมประเภท เช่น หัวเรือ")
    name_en: str
    full_name: str = Field(description="ประเภทและชื่อ เช่น องค์การบริหารส่วนตำบลหัวเรือ")
    short_name: str = Field(description="ชื่อย่อ เช่น อบต.หัวเรือ")
    province_code: str = Field(alias="province_id", description="จังหวัดที่ตั้งสำนักงาน")
    district_code: str | None = Field(alias="district_id", description="อำเภอที่ตั้งสำนักงาน (อบจ.: null)")
    tambon_codes: list[str] = Field(
        description="ตำบลในเขต (ตำบลหนึ่งมีได้หลาย อปท.) อบจ. ไม่ระบุตำบล: ครอบคลุมทั้งจังหวัด"
    )
    is_active: bool = Field(description="false: ยกเลิกแล้ว (ยุบรวม/เปลี่ยนฐานะ) ยังอยู่ในทะเบียน")
    version: int

    @staticmethod
    def resolve_tambon_codes(obj) -> list[str]:
        return [tambon.code for tambon in obj.tambon_list]


class LocalGovernmentDetailOut(LocalGovernmentOut):
    tambons: list[CoveredTambonOut] = Field(description="ตำบลในเขตพร้อมชื่อ")
    budget_law: str = Field(description="ชื่อกฎหมายงบประมาณรายจ่ายประจำปีของ อปท. ประเภทนี้")
    address: str
    phone: str | None = Field(description=CONTACT_NOTE)
    email: str | None = Field(description=CONTACT_NOTE)
    contact_name: str | None = Field(description=CONTACT_NOTE)
    contact_position: str | None = Field(description=CONTACT_NOTE)

    @staticmethod
    def resolve_tambons(obj) -> list:
        return obj.tambon_list

    @staticmethod
    def resolve_phone(obj, context) -> str | None:
        return contact(obj.phone, context)

    @staticmethod
    def resolve_email(obj, context) -> str | None:
        return contact(obj.email, context)

    @staticmethod
    def resolve_contact_name(obj, context) -> str | None:
        return contact(obj.contact_name, context)

    @staticmethod
    def resolve_contact_position(obj, context) -> str | None:
        return contact(obj.contact_position, context)


class LocalGovernmentFilter(AreaFilter):
    kind: LocalGovernmentKind | None = None
    is_active: bool | None = Field(None, description="true: เฉพาะ อปท. ที่ยังมีอยู่, false: เฉพาะที่ยกเลิกแล้ว")


@router.get(
    "/local-governments",
    response=list[LocalGovernmentOut],
    url_name="local_governments",
    summary="ทะเบียน อปท.",
    description="กรองด้วย `area`: รหัสจังหวัด (อปท. ที่ตั้งสำนักงานในจังหวัด) รหัสอำเภอ (ที่ตั้งสำนักงานในอำเภอ "
    "หรือมีตำบลในเขตอยู่ในอำเภอ เหมือนหน้าทะเบียน) หรือรหัสตำบล (อปท. ที่มีตำบลนั้นในเขต; อบจ. หาได้ด้วยรหัสจังหวัด)",
)
@paginate(Pages)
def local_governments(request, filters: Query[LocalGovernmentFilter]):
    return selectors.local_governments_list(
        request.user, area=filters.area, kind=filters.kind, is_active=filters.is_active
    )


@router.get(
    "/local-governments/{local_government_id}",
    response=LocalGovernmentDetailOut,
    url_name="local_government",
    summary="อปท. หนึ่งแห่ง พร้อมตำบลในเขตและข้อมูลติดต่อ",
)
def local_government(request, local_government_id: int):
    return selectors.local_government_with_tambons(request.user, local_government_id)
