"""Village plans (แผนพัฒนาหมู่บ้าน) and municipal community plans (แผนชุมชน) in the caller's scope, with their
items and the tambon plan's need each item beyond the village was pulled into; the communities register.

Read-only: plans are written on the pages (the forum, the village committee's approval with its minutes)."""

from datetime import date
from decimal import Decimal

from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from tambonplan.api.filters import AreaFilter, AreaYearFilter
from tambonplan.api.pagination import Pages
from tambonplan.villageplans import selectors
from tambonplan.villageplans.services import forum_day

router = Router(tags=["แผนพัฒนาหมู่บ้าน"])


class VillagePlanOut(Schema):
    id: int
    tambon_code: str = Field(alias="tambon_id")
    tambon_name: str = Field(alias="tambon.name_th")
    fiscal_year: int
    village_code: str | None = Field(description="หมู่บ้านของแผน (แผนชุมชน: null)")
    moo: int | None = Field(description="หมู่ที่ (แผนชุมชน: null)")
    community_id: int | None = Field(description="ชุมชนของแผนชุมชนในเขตเทศบาล (แผนพัฒนาหมู่บ้าน: null)")
    place: str = Field(description="หมู่บ้านหรือชุมชน เช่น หมู่ที่ 1 บ้านหัวเรือ")
    forum_id: int | None = Field(description="เวทีประชาคมหมู่บ้าน (กิจกรรม) ที่ทบทวนแผน")
    forum_on: date | None = Field(description="วันที่จัดเวทีประชาคม")
    approved_on: date | None = Field(description="วันที่คณะกรรมการหมู่บ้าน (กม.) ให้ความเห็นชอบ")
    approval_note: str
    is_reviewed: bool = Field(description="ผ่านการทบทวน: คณะกรรมการหมู่บ้านให้ความเห็นชอบแล้ว (เวทีอย่างเดียวยังไม่นับ)")
    has_minutes: bool = Field(description="มีรายงานการประชุมแนบไว้")
    item_total: int = Field(description="จำนวนรายการในแผน")
    item_beyond_village: int = Field(description="รายการที่ต้องอาศัยหน่วยงานอื่น (ทำร่วม/ขอรับการสนับสนุน)")
    item_pulled: int = Field(description="รายการที่ส่งเข้าแผนพัฒนาตำบลแล้ว")
    version: int

    @staticmethod
    def resolve_village_code(obj) -> str | None:
        return obj.village.code if obj.village_id else None

    @staticmethod
    def resolve_moo(obj) -> int | None:
        return obj.village.moo if obj.village_id else None

    @staticmethod
    def resolve_place(obj) -> str:
        return str(obj.village if obj.village_id else obj.community)

    @staticmethod
    def resolve_forum_on(obj) -> date | None:
        return forum_day(obj)

    @staticmethod
    def resolve_has_minutes(obj) -> bool:
        return bool(obj.minutes)

    @staticmethod
    def resolve_item_beyond_village(obj) -> int:
        return obj.item_total - obj.item_own


class VillagePlanItemOut(Schema):
    id: int
    priority: int | None = Field(description="ลำดับความสำคัญ")
    description: str = Field(description="ปัญหา/ความต้องการ/โครงการ")
    category_id: int
    category: str = Field(alias="category.name_th", description="ด้าน")
    item_class: str = Field(
        alias="item_class.code", description="community (ทำเอง), joint (ทำร่วม) หรือ support"
    )
    item_class_label: str = Field(alias="item_class.name_th")
    partner_name: str = Field(description="ดำเนินการร่วมกับ/ขอรับการสนับสนุนจาก")
    estimated_budget: Decimal | None = Field(description="งบประมาณโดยประมาณ (บาท)")
    votes: int = Field(description="คะแนนเสียงประชาคม")
    need_id: int | None = Field(description="ปัญหา/ความต้องการในแผนพัฒนาตำบลที่ส่งเข้าไปแล้ว (null: ยังไม่ส่ง)")
    tambon_plan_id: int | None = Field(description="แผนพัฒนาตำบลของ need_id")
    need_projects: int = Field(description="จำนวนโครงการในแผนพัฒนาตำบลที่ตอบปัญหา/ความต้องการนั้น")
    version: int

    @staticmethod
    def resolve_tambon_plan_id(obj) -> int | None:
        return obj.need.plan_id if obj.need_id else None


class VillagePlanDetailOut(VillagePlanOut):
    items: list[VillagePlanItemOut]

    @staticmethod
    def resolve_items(obj) -> list:
        return obj.page_items


class VillagePlanFilter(AreaYearFilter):
    reviewed: bool | None = Field(None, description="true: เฉพาะแผนที่ผ่านการทบทวน, false: ที่ยังไม่ผ่าน")


@router.get(
    "/village-plans",
    response=list[VillagePlanOut],
    url_name="village_plans",
    summary="แผนพัฒนาหมู่บ้านและแผนชุมชน",
)
@paginate(Pages)
def village_plans(request, filters: Query[VillagePlanFilter]):
    return selectors.plans_list(
        request.user, area=filters.area, fiscal_year=filters.fiscal_year, reviewed=filters.reviewed
    )


@router.get(
    "/village-plans/{village_plan_id}",
    response=VillagePlanDetailOut,
    url_name="village_plan",
    summary="แผนพัฒนาหมู่บ้าน/แผนชุมชนหนึ่งแผน พร้อมรายการ",
)
def village_plan(request, village_plan_id: int):
    plan = selectors.plan_with_counts(request.user, village_plan_id)
    plan.page_items = selectors.plan_page(request.user, plan).items
    return plan


class CommunityOut(Schema):
    id: int
    tambon_code: str = Field(alias="tambon_id")
    number: int | None = Field(description="ลำดับชุมชน")
    name_th: str
    is_active: bool


class CommunityFilter(AreaFilter):
    is_active: bool | None = Field(None, description="true: เฉพาะชุมชนที่ยังมีอยู่")


@router.get(
    "/communities", response=list[CommunityOut], url_name="communities", summary="ชุมชนในเขตเทศบาล (ทำแผนชุมชน)"
)
@paginate(Pages)
def communities(request, filters: Query[CommunityFilter]):
    return selectors.communities_list(request.user, area=filters.area, is_active=filters.is_active)
