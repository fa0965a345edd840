"""Demo users, one per persona, for Ubon Ratchathani."""

from dataclasses import dataclass

from django.db import transaction

from tambonplan.accounts.models import Role, User
from tambonplan.partners.models import Partner

DEMO_PASSWORD = "TambonPlan-2569"


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: str
    first_name: str
    last_name: str
    position: str
    province: str | None = None
    district: str | None = None
    tambons: tuple[str, ...] = ()
    partner_name: str = ""


DEMO_USERS = (
    DemoUser("admin", Role.ADMIN, "ผู้ดูแล", "ระบบ", "ผู้ดูแลระบบ"),
    DemoUser("cdd_department", Role.DEPARTMENT, "วิภาวดี", "ศรีสุข", "นักวิเคราะห์นโยบายและแผน กรมการพัฒนาชุมชน"),
    DemoUser("ubon_province", Role.PROVINCE, "สมศรี", "ใจดี", "นักวิชาการพัฒนาชุมชนชำนาญการ", province="34"),
    DemoUser(
        "mueang_district", Role.DISTRICT, "ประเสริฐ", "มั่นคง", "พัฒนาการอำเภอเมืองอุบลราชธานี", district="3401"
    ),
    DemoUser(
        "huaruea_tambon",
        Role.TAMBON,
        "กาญจนา",
        "บุญมา",
        "นักวิชาการพัฒนาชุมชน",
        district="3401",
        tambons=("340104", "340105"),
    ),
    DemoUser("warin_district", Role.DISTRICT, "สุริยา", "แสงทอง", "พัฒนาการอำเภอวารินชำราบ", district="3415"),
    DemoUser("ubon_viewer", Role.VIEWER, "อรุณี", "ทองดี", "ผู้ตรวจราชการ", province="34"),
    DemoUser(
        "huaruea_partner",
        Role.PARTNER,
        "บัวผัน",
        "พรมมา",
        "ประธานวิสาหกิจชุมชน",
        province="34",
        partner_name="วิสาหกิจชุมชนกลุ่มทอผ้าไหมบ้านหัวเรือ",
    ),
)


@transaction.atomic
def seed_users() -> list[DemoUser]:
    """One user per persona; the partner's user only once its partner exists (seed partners first)."""
    partners = {p.name: p for p in Partner.objects.filter(name__in=[d.partner_name for d in DEMO_USERS])}
    seeded = []
    for demo in DEMO_USERS:
        partner = partners.get(demo.partner_name)
        if demo.partner_name and partner is None:
            continue
        user, _ = User.objects.update_or_create(
            username=demo.username,
            defaults={
                "role": demo.role,
                "first_name": demo.first_name,
                "last_name": demo.last_name,
                "position": demo.position,
                "district_id": demo.district,
                "province_id": demo.province or (demo.district[:2] if demo.district else None),
                "is_staff": demo.role == Role.ADMIN,
                "is_superuser": demo.role == Role.ADMIN,
                "is_active": True,
                "partner": partner,
            },
        )
        user.set_password(DEMO_PASSWORD)
        user.save()
        user.tambons.set(demo.tambons)
        seeded.append(demo)
    return seeded
