"""The FY2566 circular of Ubon Ratchathani (อบ ๐๐๑๙/ว ๕๓๑), entered verbatim from the original letter."""

from datetime import date

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from tambonplan.areas.models import District
from tambonplan.directives.models import DEFAULT_TOPICS, Circular, Enclosure, Instruction
from tambonplan.documents.pdf import render_pdf
from tambonplan.documents.xlsx import Sheet, build_xlsx

UBON_CODE = "34"
NUMBER = "อบ ๐๐๑๙/ว ๕๓๑"
BODY = (
    "ด้วยกระทรวงมหาดไทย ได้กำหนดแนวทางปฏิบัติรองรับการดำเนินการตามระเบียบกระทรวงมหาดไทย "
    "ว่าด้วยการจัดทำแผนและประสานแผนพัฒนาพื้นที่ในระดับอำเภอและตำบลพ.ศ.๒๕๖๒ (ฉบับปรับปรุงประจำปีงบประมาณพ.ศ.๒๕๖๕) "
    "เพื่อใช้เป็นแนวทางในการจัดทำแผนและประสานแผนพัฒนาพื้นที่ประจำปีงบประมาณพ.ศ.๒๕๖๖"
    "\n\n"
    "เพื่อให้การขับเคลื่อนการเชื่อมโยงและบูรณาการแผนพัฒนาในพื้นที่ตามระเบียบกระทรวงมหาดไทย "
    "ว่าด้วยการจัดทำแผนและประสานแผนพัฒนาพื้นที่ในระดับอำเภอและตำบลพ.ศ. ๒๕๖๒ "
    "และแนวทางปฏิบัติรองรับการดำเนินการตามระเบียบฯ เกิดความต่อเนื่องและเป็นไปอย่างมีประสิทธิภาพ "
    "ขอให้อำเภอมอบหมายสำนักงานพัฒนาชุมชนอำเภอดำเนินการ ดังนี้"
)
REPORT_DUE = date(2023, 5, 15)
# (text, due date, report section) — the text as printed, typing slips included ("เพื่อจกได้").
INSTRUCTIONS = [
    (
        "สร้างความรู้ความเข้าใจเกี่ยวกับกระบวนการจัดทำแผนพัฒนาตำบลและเน้นย้ำให้เจ้าหน้าที่พัฒนาชุมชน "
        "ผู้นำกลุ่มองค์กร และเครือข่ายที่เกี่ยวข้องถือปฏิบัติตามแนวทางปฏิบัติรองรับการดำเนินการตามระเบียบฯ "
        "อย่างเคร่งครัด ทั้งนี้ อำเภอสามารถดาวน์โหลดเอกสารตามสิ่งที่ส่งมาด้วย ๑ ทางคิวอาร์โค้ดท้ายหนังสือฉบับนี้",
        None,
        "การสร้างความรู้ความเข้าใจ",
    ),
    (
        "การดำเนินการขับเคลื่อนการจัดทำและประสานแผนพัฒนาตำบลตามแนวทางการขับเคลื่อนและประสานแผนพัฒนาตำบล "
        "ประจำปีงบประมาณ พ.ศ. ๒๕๖๖ ที่กรมการพัฒนาชุมชนกำหนดรายละเอียดตามสิ่งที่ส่งมาด้วย ๒",
        None,
        "การขับเคลื่อนการจัดทำแผนพัฒนาตำบล",
    ),
    (
        "ทบทวนคำสั่งแต่งตั้งคณะกรรมการบริหารงานตำบลแบบบูรณาการ (ก.บ.ต.) "
        "และคณะกรรมการศูนย์ประสานงานองค์การชุมชน (ศอช.) ในแต่ละระดับให้เป็นปัจจุบัน",
        None,
        "การทบทวนคำสั่ง ก.บ.ต. และ ศอช.",
    ),
    (
        "ส่งเสริมสนับสนุนให้คณะกรรมการศูนย์ประสานงานองค์การชุมชน (ศอช.) "
        "เป็นกลไกสำคัญในการจัดทำและประสานแผนพัฒนาตำบลในพื้นที่ "
        "และเข้ามามีส่วนร่วมในกระบวนการจัดทำแผนพัฒนาตำบลในทุกขั้นตอน",
        None,
        "การมีส่วนร่วมของ ศอช.",
    ),
    (
        "กำชับ ติดตามเจ้าหน้าที่พัฒนาชุมชนดำเนินกิจกรรมประชุมเชิงปฏิบัติการจัดทำแผนพัฒนาตำบล "
        "ตามแนวทางที่กรมการพัฒนาชุมชนกำหนด ให้บรรลุวัตถุประสงค์ของกิจกรรมอย่างมีประสิทธิภาพ"
        "และดำเนินการให้แล้วเสร็จตามห้วงระยะเวลาที่กำหนด",
        None,
        "การประชุมเชิงปฏิบัติการจัดทำแผนพัฒนาตำบล",
    ),
    (
        "ประสานภาคีเพื่อการพัฒนา หรือหน่วยงานที่เกี่ยวข้องในพื้นที่ในการบูรณาการงบประมาณ"
        "หรือการทำงานร่วมกันเพื่อนำโครงการ/กิจกรรม ที่บรรจุในแผนพัฒนาตำบลตามความต้องการของประชาชนในพื้นที่"
        "สู่การปฏิบัติอย่างเป็นรูปธรรม",
        None,
        "การบูรณาการกับภาคีการพัฒนา",
    ),
    (
        "รายงานผลการดำเนินงานปัญหาอุปสรรคและข้อเสนอแนะและการจัดทำประสานแผนพัฒนาตำบลประจำปีงบประมาณพ.ศ ๒๕๖๖ "
        "ให้จังหวัดทราบภายในวันจันทร์ที่ ๑๕ พฤษภาคม ๒๕๖๖ ตามแบบรายงานฯ รายละเอียดตามสิ่งที่ส่งมาด้วย ๓ "
        "เพื่อจกได้รายงานกรมฯ ต่อไป",
        REPORT_DUE,
        "รายงานผลการดำเนินงาน ปัญหา/อุปสรรค และข้อเสนอแนะ",
    ),
]
ENCLOSURES = [
    "แนวทางปฏิบัติรองรับการดำเนินการตามระเบียบฯ",
    "แนวทางการขับเคลื่อนการจัดทำและประสานแผนพัฒนาตำบล",
    "แบบรายงานผลการดำเนินงาน ปัญหา/อุปสรรค และข้อเสนอแนะฯ",
]


def _placeholder_pdf(title: str) -> bytes:
    return render_pdf("directives/placeholder_document.html", {"title": title})


def _report_form_xlsx() -> bytes:
    return build_xlsx(
        [
            Sheet(
                title="แบบรายงาน",
                headers=["อำเภอ", "ผลการดำเนินงาน", "ปัญหา/อุปสรรค", "ข้อเสนอแนะ"],
                rows=[],
                widths=[24, 40, 40, 40],
            )
        ]
    )


@transaction.atomic
def seed_circulars() -> int:
    """Enter the FY2566 circular for Ubon Ratchathani once; the number of circulars created (0 or 1)."""
    if Circular.objects.filter(province_id=UBON_CODE, number=NUMBER).exists():
        return 0
    circular = Circular.objects.create(
        issued_at=timezone.now(),
        province_id=UBON_CODE,
        office_name="ศาลากลางจังหวัดอุบลราชธานี",
        office_address="ถนนแจ้งสนิท อบ ๓๕๐๐๐",
        number=NUMBER,
        issued_on=date(2023, 2, 14),
        subject="แนวทางการขับเคลื่อนการจัดทำและประสานแผนพัฒนาตำบล ประจำปีงบประมาณ พ.ศ.๒๕๖๖",
        addressees="นายอำเภอ ทุกอำเภอ",
        fiscal_year=2566,
        body=BODY,
        closing="จึงเรียนมาเพื่อพิจารณาดำเนินการ",
        signer_name="นายพิสตา ประดา",
        signer_position="พัฒนาการจังหวัด ปฏิบัติราชการแทน\nผู้ว่าราชการจังหวัดอุบลราชธานี",
        contact="สำนักงานพัฒนาชุมชนจังหวัด\nกลุ่มงานยุทธศาสตร์การพัฒนาชุมชน\nโทร/โทรสาร ๐๔๕-๓๔๕๖๒๘",
        report_due=REPORT_DUE,
    )
    circular.districts.set(District.objects.filter(province_id=UBON_CODE, is_active=True))
    topics = [*DEFAULT_TOPICS, ""]
    for number, (text, due_on, section) in enumerate(INSTRUCTIONS, start=1):
        Instruction.objects.create(
            circular=circular,
            number=number,
            text=text,
            due_on=due_on,
            report_section=section,
            topic=topics[number - 1],
        )
    files = [
        ("guideline-regulation.pdf", _placeholder_pdf(ENCLOSURES[0])),
        ("guideline-tambon-plan.pdf", _placeholder_pdf(ENCLOSURES[1])),
        ("report-form.xlsx", _report_form_xlsx()),
    ]
    for number, (title, (name, content)) in enumerate(zip(ENCLOSURES, files, strict=True), start=1):
        enclosure = Enclosure(circular=circular, number=number, title=title, quantity="จำนวน ๑ ชุด",
                              original_name=name)  # fmt: skip
        enclosure.file.save(name, ContentFile(content), save=False)
        enclosure.save()
    return 1
