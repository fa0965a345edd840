"""The seeded committee kinds, positions and default composition templates (domain.md §3), and the default
wording of each kind's appointment order (its legal basis and duties).

Committee composition is not confirmed from the regulation text: these are editable defaults. So are the
orders' legal basis and duties: the clause numbers below are the system's defaults, which a province checks
against the text of the regulation it applies and corrects on its settings page (`OrderWording`).
"""

from typing import NamedTuple

KINDS = (
    # code, short name, full name, level, is_socho, is_reviewed
    ("kbt", "ก.บ.ต.", "คณะกรรมการบริหารงานตำบลแบบบูรณาการ", "tambon", False, True),
    ("socho_t", "ศอช.ต.", "คณะกรรมการศูนย์ประสานงานองค์การชุมชนระดับตำบล", "tambon", True, True),
    ("socho_a", "ศอช.อ.", "คณะกรรมการศูนย์ประสานงานองค์การชุมชนระดับอำเภอ", "district", True, True),
    ("socho_j", "ศอช.จ.", "คณะกรรมการศูนย์ประสานงานองค์การชุมชนระดับจังหวัด", "province", True, True),
    ("kba", "ก.บ.อ.", "คณะกรรมการบริหารงานอำเภอแบบบูรณาการ", "district", False, False),
    ("village", "กม.", "คณะกรรมการหมู่บ้าน", "village", False, False),
)
# The kinds' English short and full names, shown in English mode (thai/language.py).
KINDS_EN = {
    "kbt": ("KBT", "Integrated Tambon Administration Committee"),
    "socho_t": ("CCCO-T", "Tambon Community Organisation Coordination Centre Committee"),
    "socho_a": ("CCCO-D", "District Community Organisation Coordination Centre Committee"),
    "socho_j": ("CCCO-P", "Provincial Community Organisation Coordination Centre Committee"),
    "kba": ("KBA", "Integrated District Administration Committee"),
    "village": ("VC", "Village Committee"),
}

POSITIONS = (
    # name, is_chair, is_secretary
    ("ที่ปรึกษา", False, False),
    ("ประธาน", True, False),
    ("รองประธาน", False, False),
    ("กรรมการ", False, False),
    ("เหรัญญิก", False, False),
    ("กรรมการและเลขานุการ", False, True),
    ("เลขานุการ", False, True),
    ("กรรมการและผู้ช่วยเลขานุการ", False, False),
    ("ผู้ช่วยเลขานุการ", False, False),
)
POSITIONS_EN = {
    "ที่ปรึกษา": "Adviser",
    "ประธาน": "Chair",
    "รองประธาน": "Vice-chair",
    "กรรมการ": "Member",
    "เหรัญญิก": "Treasurer",
    "กรรมการและเลขานุการ": "Member and secretary",
    "เลขานุการ": "Secretary",
    "กรรมการและผู้ช่วยเลขานุการ": "Member and assistant secretary",
    "ผู้ช่วยเลขานุการ": "Assistant secretary",
}

# The position of a member who holds no office in the committee (pads a template's example to its minimum).
MEMBER_POSITION = "กรรมการ"

SOCHO_SLOTS = (
    ("ประธาน", "", True),
    ("รองประธาน", "", False),
    ("เลขานุการ", "", True),
    ("เหรัญญิก", "", True),
)

TEMPLATES = {
    # kind code: (min members, max members, [(position, ex officio post, required)])
    "kbt": (
        None,
        None,
        (
            ("ประธาน", "ปลัดอำเภอผู้รับผิดชอบประจำตำบล", True),
            ("รองประธาน", "กำนัน", True),
            ("กรรมการ", "นายกองค์กรปกครองส่วนท้องถิ่น", True),
            ("กรรมการ", "ผู้ใหญ่บ้าน", False),
            ("กรรมการ", "ผู้อำนวยการโรงพยาบาลส่งเสริมสุขภาพตำบล", False),
            ("กรรมการ", "ผู้อำนวยการโรงเรียน", False),
            ("กรรมการ", "เกษตรตำบล", False),
            ("กรรมการ", "ประธาน ศอช.ต.", True),
            ("กรรมการและเลขานุการ", "พัฒนากรผู้รับผิดชอบตำบล", True),
        ),
    ),
    "socho_t": (9, 25, SOCHO_SLOTS),
    "socho_a": (9, 25, SOCHO_SLOTS),
    "socho_j": (9, 25, SOCHO_SLOTS),
    "kba": (
        None,
        None,
        (
            ("ประธาน", "นายอำเภอ", True),
            ("กรรมการ", "พัฒนาการอำเภอ", True),
            ("กรรมการและเลขานุการ", "ปลัดอำเภอหัวหน้าฝ่ายบริหารงานปกครอง", True),
        ),
    ),
    "village": (
        None,
        None,
        (
            ("ประธาน", "ผู้ใหญ่บ้าน", True),
            ("กรรมการและเลขานุการ", "", True),
        ),
    ),
}


# How long an order of a kind lasts, in years (the kinds not named have no term). ศอช. members serve a term;
# 2 years is the system's default, NOT confirmed from the regulation's text: a province sets its own on its
# template (`CompositionTemplate.term_years`), an administrator changes the kind's.
TERM_YEARS = {"socho_t": 2, "socho_a": 2, "socho_j": 2}

# Template lines that stand for one seat per village or per local government of the tambon (domain.md §3a:
# ก.บ.ต. has a seat for every village headman and every local government of the tambon): kind code → post →
# (seat count, required).
SIZED_SEATS = {
    "kbt": {
        "ผู้ใหญ่บ้าน": ("per_village", True),
        "นายกองค์กรปกครองส่วนท้องถิ่น": ("per_local_government", True),
    },
}


def apply_terms_and_sized_seats(kind_model, template_model, slot_model) -> None:
    """Give the seeded kinds their term (where none is set) and size the seats of `SIZED_SEATS` by the
    registers: in the default templates (made required), and in the provinces' own copies of them (their
    one "ผู้ใหญ่บ้าน" line stood for every headman; whether it is required stays the province's choice)."""
    for code, years in TERM_YEARS.items():
        kind_model.objects.filter(code=code, term_years=None).update(term_years=years)
    for code, posts in SIZED_SEATS.items():
        for post, (seats, required) in posts.items():
            slots = slot_model.objects.filter(template__kind__code=code, ex_officio_post=post, seats="one")
            slots.filter(template__province=None).update(seats=seats, required=required)
            slots.update(seats=seats)


def seed_defaults(kind_model, position_model, template_model, slot_model) -> None:
    """Create the defaults that are missing; never overwrites what an administrator has edited."""
    for order, (code, short, name, level, is_socho, is_reviewed) in enumerate(KINDS, start=1):
        kind_model.objects.get_or_create(
            code=code,
            defaults={
                "short_name": short,
                "name_th": name,
                "level": level,
                "is_socho": is_socho,
                "is_reviewed": is_reviewed,
                "sort_order": order,
            },
        )
    for order, (name, is_chair, is_secretary) in enumerate(POSITIONS, start=1):
        position_model.objects.get_or_create(
            name_th=name,
            defaults={"is_chair": is_chair, "is_secretary": is_secretary, "sort_order": order * 10},
        )
    positions = {p.name_th: p for p in position_model.objects.all()}
    for code, (min_members, max_members, slots) in TEMPLATES.items():
        kind = kind_model.objects.get(code=code)
        template, created = template_model.objects.get_or_create(
            kind=kind, province=None, defaults={"min_members": min_members, "max_members": max_members}
        )
        if created:
            for order, (position, post, required) in enumerate(slots, start=1):
                slot_model.objects.create(
                    template=template,
                    position=positions[position],
                    ex_officio_post=post,
                    required=required,
                    sort_order=order,
                )


def fill_english_names(kind_model, position_model) -> None:
    """Give the seeded kinds and positions their English names where they still carry the default Thai name
    and no English name (what an administrator entered or renamed is left as it is)."""
    for code, short, name, *_rest in KINDS:
        short_en, name_en = KINDS_EN[code]
        kind_model.objects.filter(code=code, short_name=short, short_name_en="").update(
            short_name_en=short_en
        )
        kind_model.objects.filter(code=code, name_th=name, name_en="").update(name_en=name_en)
    for name, name_en in POSITIONS_EN.items():
        position_model.objects.filter(name_th=name, name_en="").update(name_en=name_en)


class Wording(NamedTuple):
    """What an appointment order says besides its members: why the committee is appointed (`purpose`), the
    authority it is appointed under (the `clause` of the `regulation`, with the `guideline` that goes with
    it), and its numbered duties (อำนาจหน้าที่), one per item."""

    regulation: str  # "ระเบียบกระทรวงมหาดไทย ว่าด้วย... พ.ศ. ๒๕๖๒"
    clause: str  # "ข้อ ๑๒", "มาตรา ๒๘ ตรี"; empty: the regulation as a whole
    guideline: str  # "แนวทางปฏิบัติ..." cited with the regulation ("ประกอบกับ..."); may be empty
    purpose: str  # "เพื่อให้..."; may be empty
    duties: tuple[str, ...]


TAMBON_PLAN_REGULATION = "ระเบียบกระทรวงมหาดไทย ว่าด้วยการจัดทำแผนและประสานแผนพัฒนาพื้นที่ในระดับอำเภอและตำบล พ.ศ. ๒๕๖๒"
TAMBON_PLAN_GUIDELINE = "แนวทางปฏิบัติรองรับการดำเนินการตามระเบียบฯ (ฉบับปรับปรุงประจำปีงบประมาณ พ.ศ. ๒๕๖๕)"
SOCHO_REGULATION = "ระเบียบกระทรวงมหาดไทย ว่าด้วยการดำเนินงานศูนย์ประสานงานองค์การชุมชน พ.ศ. ๒๕๕๑"
SOCHO_CLAUSE = "ข้อ ๙"
SOCHO_PURPOSE = "เพื่อให้การดำเนินงานของศูนย์ประสานงานองค์การชุมชนเป็นไปอย่างต่อเนื่องและมีประสิทธิภาพ"
OTHER_DUTIES = "ปฏิบัติหน้าที่อื่นตามที่ได้รับมอบหมาย"

WORDINGS = {
    "kbt": Wording(
        regulation=TAMBON_PLAN_REGULATION,
        clause="ข้อ ๑๒",
        guideline=TAMBON_PLAN_GUIDELINE,
        purpose="",
        duties=(
            "บูรณาการแผนพัฒนาหมู่บ้านและแผนชุมชนเข้าสู่แผนพัฒนาตำบล",
            "ให้ความเห็นชอบแผนพัฒนาตำบล และเสนอโครงการต่อหน่วยงานที่เกี่ยวข้อง",
            "ประสานภาคีการพัฒนาเพื่อบูรณาการงบประมาณและนำโครงการสู่การปฏิบัติ",
            "ติดตามผลการดำเนินงานตามแผนพัฒนาตำบล และรายงานให้อำเภอทราบ",
            "ปฏิบัติหน้าที่อื่นตามที่อำเภอหรือ ก.บ.อ. มอบหมาย",
        ),
    ),
    "socho_t": Wording(
        regulation=SOCHO_REGULATION,
        clause=SOCHO_CLAUSE,
        guideline="",
        purpose=SOCHO_PURPOSE,
        duties=(
            "ประสานงานและเชื่อมโยงการดำเนินงานขององค์การชุมชนและเครือข่ายในตำบล",
            "สนับสนุนการจัดทำข้อมูลชุมชนและการบูรณาการแผนชุมชนเข้าสู่แผนพัฒนาตำบล",
            "ร่วมจัดทำและประสานแผนพัฒนาตำบลในทุกขั้นตอน",
            "ส่งเสริมการดำเนินงานตามหลักปรัชญาของเศรษฐกิจพอเพียงในชุมชน",
            OTHER_DUTIES,
        ),
    ),
    "socho_a": Wording(
        regulation=SOCHO_REGULATION,
        clause=SOCHO_CLAUSE,
        guideline="",
        purpose=SOCHO_PURPOSE,
        duties=(
            "ประสานงานและสนับสนุนการดำเนินงานของ ศอช. ระดับตำบลในอำเภอ",
            "เชื่อมโยงแผนชุมชนและแผนพัฒนาตำบลกับแผนพัฒนาอำเภอ",
            "ส่งเสริมให้องค์การชุมชนมีส่วนร่วมในการจัดทำและประสานแผนพัฒนาพื้นที่",
            "ติดตามและรายงานผลการดำเนินงานของศูนย์ประสานงานองค์การชุมชนในอำเภอ",
            OTHER_DUTIES,
        ),
    ),
    "socho_j": Wording(
        regulation=SOCHO_REGULATION,
        clause=SOCHO_CLAUSE,
        guideline="",
        purpose=SOCHO_PURPOSE,
        duties=(
            "ประสานงานและสนับสนุนการดำเนินงานของ ศอช. ระดับอำเภอในจังหวัด",
            "เสนอแนะแนวทางการพัฒนาองค์การชุมชนและการเชื่อมโยงกับแผนพัฒนาจังหวัด",
            "ส่งเสริมการแลกเปลี่ยนเรียนรู้และการสร้างเครือข่ายองค์การชุมชนในจังหวัด",
            "ติดตามและรายงานผลการดำเนินงานของศูนย์ประสานงานองค์การชุมชนในจังหวัด",
            OTHER_DUTIES,
        ),
    ),
    "kba": Wording(
        regulation=TAMBON_PLAN_REGULATION,
        clause="ข้อ ๑๐",
        guideline=TAMBON_PLAN_GUIDELINE,
        purpose="",
        duties=(
            "อำนวยการและประสานการจัดทำแผนพัฒนาอำเภอให้บูรณาการกับแผนพัฒนาตำบล",
            "พิจารณาให้ความเห็นชอบแผนพัฒนาอำเภอ และเสนอโครงการต่อจังหวัด",
            "กำกับ ติดตาม และสนับสนุนการดำเนินงานของ ก.บ.ต. ในอำเภอ",
            "ปฏิบัติหน้าที่อื่นตามที่จังหวัดมอบหมาย",
        ),
    ),
    "village": Wording(
        regulation="พระราชบัญญัติลักษณะปกครองท้องที่ พระพุทธศักราช ๒๔๕๗",
        clause="มาตรา ๒๘ ตรี",
        guideline="",
        purpose="เพื่อให้การบริหารงานและการพัฒนาหมู่บ้านเป็นไปอย่างมีประสิทธิภาพ",
        duties=(
            "จัดทำและทบทวนแผนพัฒนาหมู่บ้านร่วมกับประชาชนผ่านเวทีประชาคมหมู่บ้าน",
            "ประสานแผนพัฒนาหมู่บ้านกับแผนพัฒนาตำบลและแผนพัฒนาท้องถิ่น",
            "ช่วยเหลือผู้ใหญ่บ้านในการบริหารงานและการพัฒนาหมู่บ้าน",
            OTHER_DUTIES,
        ),
    ),
}
# A kind added by an administrator: the order cites no regulation until the province writes one.
NO_WORDING = Wording(regulation="", clause="", guideline="", purpose="", duties=(OTHER_DUTIES,))


def default_wording(kind_code: str) -> Wording:
    return WORDINGS.get(kind_code, NO_WORDING)
