"""Demo local governments of Ubon Ratchathani: every tambon of Mueang Ubon covered, Hua Ruea by two bodies
(an อบต. and a เทศบาลตำบล), one อบต. covering two tambons, and the province's อบจ.

The codes are invented 7-digit codes in the style of the Department of Local Administration's, not official
ones; the names follow the tambons. The อบจ. covers no tambon in the register: an อบจ. covers its whole
province, which ``selectors.for_tambon`` adds for every tambon (it is not one of a tambon's own bodies for
committee seats).
"""

from tambonplan.areas.models import Tambon
from tambonplan.localgov.models import LocalGovernment, LocalGovernmentKind

UBON = "34"
MUEANG = "3401"
HUA_RUEA = "340104"
# (code, kind, name, office district or None for the province, tambons covered)
BODIES = (
    ("5340101", LocalGovernmentKind.CITY, "อุบลราชธานี", MUEANG, ("340101",)),
    ("6340104", LocalGovernmentKind.SAO, "หัวเรือ", MUEANG, (HUA_RUEA,)),
    ("5340104", LocalGovernmentKind.SUBDISTRICT_MUNICIPALITY, "หัวเรือ", MUEANG, (HUA_RUEA,)),
    ("6340105", LocalGovernmentKind.SAO, "หนองขอน", MUEANG, ("340105",)),
    ("5340107", LocalGovernmentKind.SUBDISTRICT_MUNICIPALITY, "ปทุม", MUEANG, ("340107",)),
    ("5340108", LocalGovernmentKind.SUBDISTRICT_MUNICIPALITY, "ขามใหญ่", MUEANG, ("340108",)),
    ("5340109", LocalGovernmentKind.SUBDISTRICT_MUNICIPALITY, "แจระแม", MUEANG, ("340109",)),
    ("6340111", LocalGovernmentKind.SAO, "หนองบ่อ", MUEANG, ("340111",)),
    ("6340112", LocalGovernmentKind.SAO, "ไร่น้อย", MUEANG, ("340112", "340113")),
    ("6340116", LocalGovernmentKind.SAO, "กุดลาด", MUEANG, ("340116",)),
    ("6340119", LocalGovernmentKind.SAO, "ขี้เหล็ก", MUEANG, ("340119",)),
    ("6340120", LocalGovernmentKind.SAO, "ปะอาว", MUEANG, ("340120",)),
    ("3340000", LocalGovernmentKind.PAO, "อุบลราชธานี", None, ()),
)


def seed_local_governments() -> int:
    """Create the demo bodies that do not exist yet (by code); returns how many were created."""
    existing = set(
        LocalGovernment.objects.filter(code__in=[b[0] for b in BODIES]).values_list("code", flat=True)
    )
    tambons = Tambon.objects.in_bulk([code for body in BODIES for code in body[4]])
    created = 0
    for code, kind, name, district, covered in BODIES:
        if code in existing:
            continue
        body = LocalGovernment.objects.create(
            code=code,
            kind=kind,
            name_th=name,
            province_id=UBON,
            district_id=district,
            address=(
                f"สำนักงาน{LocalGovernmentKind(kind).label}{name} "
                + (
                    f"ตำบล{tambons[covered[0]].name_th} อำเภอเมืองอุบลราชธานี "
                    if covered and covered[0] in tambons
                    else ""
                )
                + "จังหวัดอุบลราชธานี"
            ),
            phone="045 000 000",
            contact_name="เจ้าหน้าที่วิเคราะห์นโยบายและแผน",
        )
        body.tambons.set([tambons[c] for c in covered if c in tambons])
        created += 1
    return created
