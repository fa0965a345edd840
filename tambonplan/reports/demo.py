"""Demo district reports to the FY2566 Ubon circular: accepted, returned and resubmitted, late, waiting, a
draft, and districts that have not reported, each filled from the demo data like a real district would."""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.db import transaction

from tambonplan.accounts.models import Role, User
from tambonplan.directives.demo import NUMBER, UBON_CODE
from tambonplan.directives.models import Circular, ReportTopic
from tambonplan.directives.services import acknowledge
from tambonplan.reports import services
from tambonplan.reports.content import computed_figures
from tambonplan.reports.models import DistrictReport, ResultStatus
from tambonplan.thai.dates import BANGKOK
from tambonplan.thai.digits import to_thai_digits

PROBLEMS = {
    "3401": [
        ("budget", "งบประมาณสนับสนุนการจัดเวทีประชาคมไม่เพียงพอ"),
        ("knowledge", "ผู้นำชุมชนบางส่วนยังไม่เข้าใจขั้นตอนการจัดทำแผนพัฒนาตำบล"),
        ("time", "ระยะเวลาจัดเวทีตรงกับฤดูทำนา ผู้เข้าร่วมน้อย"),
    ],
    "3402": [
        ("budget", "งบประมาณจัดเวทีล่าช้า ทำให้จัดประชุมไม่ทันกำหนด"),
        ("committee", "คำสั่งแต่งตั้ง ศอช.ต. หลายตำบลหมดวาระ ยังไม่ได้ทบทวน"),
    ],
    "3404": [
        ("knowledge", "เจ้าหน้าที่ขาดความรู้เรื่องการจัดทำแผนพัฒนาตำบลตามแนวทางใหม่"),
        ("partners", "ภาคีการพัฒนาในพื้นที่มีน้อย การบูรณาการงบประมาณทำได้ยาก"),
    ],
    "3405": [
        ("budget", "งบประมาณสนับสนุนโครงการตามแผนมีจำกัด"),
        ("data", "ข้อมูล จปฐ. และ กชช.2ค ไม่เป็นปัจจุบัน"),
    ],
    "3415": [("time", "ระยะเวลาในการจัดทำแผนสั้นเกินไป")],
    "3424": [("budget", "งบประมาณไม่เพียงพอ")],
}
SUGGESTIONS = {
    "3401": [
        ("knowledge", "ควรจัดอบรมผู้นำชุมชนเรื่องการจัดทำแผนพัฒนาตำบลก่อนจัดเวที", "province"),
        ("budget", "ควรจัดสรรงบประมาณจัดเวทีให้เร็วขึ้น", "department"),
    ],
    "3402": [("budget", "ควรจัดสรรงบประมาณเพิ่มเติมสำหรับการจัดเวทีประชาคม", "department")],
    "3404": [("knowledge", "ควรจัดทำคู่มือการจัดทำแผนพัฒนาตำบลฉบับย่อ", "department")],
    "3405": [("partners", "ควรให้จังหวัดประสานภาคีการพัฒนาระดับจังหวัดร่วมสนับสนุนโครงการ", "province")],
    "3415": [],
    "3424": [],
}


@dataclass(frozen=True)
class DemoReport:
    district: str
    submitted_days: int | None  # days after the due date (negative: before); None: not submitted
    outcome: str  # "accepted", "returned_then_accepted", "returned", "submitted", "draft"


DEMO_REPORTS = (
    DemoReport("3401", -3, "returned_then_accepted"),
    DemoReport("3402", -5, "accepted"),
    DemoReport("3404", -1, "accepted"),
    DemoReport("3405", 0, "accepted"),
    DemoReport("3415", 2, "submitted"),
    DemoReport("3424", -2, "returned"),
    DemoReport("3411", None, "draft"),
)


def _reporter(district_code: str) -> User:
    """The district's demo officer, or a reporting account that cannot log in."""
    officer = User.objects.filter(role=Role.DISTRICT, district_id=district_code, is_active=True).first()
    if officer is not None:
        return officer
    user, created = User.objects.get_or_create(
        username=f"demo_reporter_{district_code}",
        defaults={
            "role": Role.DISTRICT,
            "district_id": district_code,
            "province_id": district_code[:2],
            "first_name": "เจ้าหน้าที่",
            "last_name": "รายงานผล",
            "position": "นักวิชาการพัฒนาชุมชน",
        },
    )
    if created:
        user.set_unusable_password()
        user.save()
    return user


def _at(circular: Circular, days: int) -> datetime:
    return datetime.combine(circular.report_due + timedelta(days=days), time(10, 30), tzinfo=BANGKOK)


def _number(value) -> str:
    return f"{int(value):,}"


def _result(topic: str, f: dict) -> tuple[str, str]:
    """The district's result for an instruction of the topic, as its officer writes it from the report's own
    figures: a status that says what the figures show, and a narrative quoting them."""
    n = {key: _number(value) for key, value in f.items()}
    if topic == ReportTopic.TRAINING:
        if not f["orientation_events"]:
            return ResultStatus.NOT_STARTED, ""
        return ResultStatus.DONE, (
            "จัดอบรมสร้างความรู้ความเข้าใจกระบวนการจัดทำแผนพัฒนาตำบลแก่เจ้าหน้าที่พัฒนาชุมชน ผู้นำกลุ่มองค์กร "
            f"และเครือข่าย {n['orientation_events']} ครั้ง ผู้เข้าร่วม {n['orientation_participants']} คน"
        )
    if topic == ReportTopic.PLANS:
        if not f["plans"]:
            return ResultStatus.NOT_STARTED, ""
        approved = f["plans_approved_on_time"] + f["plans_approved_late"]
        text = (
            f"ก.บ.ต. ให้ความเห็นชอบแผนพัฒนาตำบลแล้ว {_number(approved)} จาก {n['tambons']} ตำบล "
            f"(ภายในกำหนด {n['plans_approved_on_time']} ตำบล) หมู่บ้าน/ชุมชนทบทวนแผนแล้ว "
            f"{n['villages_reviewed']} จาก {n['villages_total']} แห่ง "
            f"ดำเนินการครบทุกขั้นตอนที่ถึงกำหนดแล้ว {n['plans_complete']} ตำบล"
        )
        if f["overdue_tambons"]:
            text += f" มีขั้นตอนที่เลยกำหนด {n['overdue_tambons']} ตำบล อยู่ระหว่างติดตามเร่งรัด"
        done = f["plans_complete"] == f["tambons"]
        return (ResultStatus.DONE if done else ResultStatus.IN_PROGRESS), text
    if topic == ReportTopic.COMMITTEES:
        if not f["committees_expected"]:
            return ResultStatus.NOT_STARTED, ""
        text = (
            f"คำสั่งแต่งตั้ง ก.บ.ต. และ ศอช. เป็นปัจจุบัน {n['committees_current']} จาก {n['committees_expected']} คณะ"
        )
        if f["committees_needs_review"]:
            text += f" ต้องทบทวน {n['committees_needs_review']} คณะ"
        if f["committees_missing"]:
            text += f" ยังไม่มีคำสั่ง {n['committees_missing']} คณะ"
        done = f["committees_current"] == f["committees_expected"]
        return (ResultStatus.DONE if done else ResultStatus.IN_PROGRESS), text
    if topic == ReportTopic.SOCHO:
        if not (f["socho_steps"] or f["workshop_socho"]):
            return ResultStatus.NOT_STARTED, ""
        return ResultStatus.DONE, (
            f"ศอช. มีส่วนร่วมในขั้นตอนการจัดทำแผนพัฒนาตำบล {n['socho_steps']} ขั้นตอน "
            f"และเข้าร่วมเวทีจัดทำแผน {n['workshop_socho']} คน"
        )
    if topic == ReportTopic.WORKSHOPS:
        if not f["workshop_tambons"]:
            return ResultStatus.NOT_STARTED, ""
        text = (
            f"จัดประชุมเชิงปฏิบัติการจัดทำแผนพัฒนาตำบลแล้ว {n['workshop_tambons']} ตำบล "
            f"รวม {n['workshops']} ครั้ง ผู้เข้าร่วม {n['workshop_participants']} คน"
        )
        done = f["workshop_tambons"] >= f["plans"]
        return (ResultStatus.DONE if done else ResultStatus.IN_PROGRESS), text
    if topic == ReportTopic.PARTNERS:
        if not f["funded_projects"]:
            return ResultStatus.NOT_STARTED, ""
        return ResultStatus.DONE, (
            f"ภาคีการพัฒนา {n['partners']} ภาคี ร่วมสนับสนุนโครงการตามแผนพัฒนาตำบล {n['funded_projects']} โครงการ "
            f"งบประมาณที่ได้รับการสนับสนุนแล้ว {n['secured_amount']} บาท จากที่ต้องการ {n['need_amount']} บาท"
        )
    return ResultStatus.DONE, "รายงานผลการดำเนินงาน ปัญหาอุปสรรค และข้อเสนอแนะ ตามแบบรายงานฉบับนี้"


def _fill(user: User, report: DistrictReport) -> None:
    figures = computed_figures(user, report)[0]
    results = {i.pk: _result(i.topic, figures) for i in report.circular.instructions.all()}
    services.save_draft(
        user=user,
        report=report,
        revision=report.revision,
        results=results,
        figures={},
        reporter={
            "reporter_title": "นาย",
            "reporter_name": user.get_full_name(),
            "reporter_position": user.position or "พัฒนาการอำเภอ",
            "reporter_phone": "045-" + report.district_id + "00",
        },
    )
    for category, text in PROBLEMS.get(report.district_id, []):
        services.add_item(user=user, report=report, kind="problem", category=category, text=text)


def _suggest(user: User, report: DistrictReport) -> None:
    for category, text, addressed_to in SUGGESTIONS.get(report.district_id, []):
        services.add_item(
            user=user,
            report=report,
            kind="suggestion",
            category=category,
            text=text,
            addressed_to=addressed_to,
        )


def _cover_letter(user: User, report: DistrictReport, sent_on, serial: int) -> None:
    """The district's cover letter, numbered and dated the day it sent the report, signed by its CD officer
    for the district chief."""
    report.refresh_from_db()
    district = report.district.name_th
    services.report_letter_save(
        user=user,
        report=report,
        version=0,
        number=to_thai_digits(f"อบ 0023.{serial}/{410 + serial * 3}"),
        issued_on=sent_on,
        office_name=f"ที่ว่าการอำเภอ{district}",
        signer_name=f"นาย{user.get_full_name()}",
        signer_position=f"พัฒนาการอำเภอ{district} ปฏิบัติราชการแทน\nนายอำเภอ{district}",
        contact=f"สำนักงานพัฒนาชุมชนอำเภอ{district}",
        phone=report.reporter_phone,
    )


def _consolidation_record(province: User, circular: Circular) -> None:
    """The province's sign-off of its consolidated report and its cover letter to the Department."""
    services.consolidation_record_save(
        user=province,
        circular=circular,
        version=0,
        prepared_on=circular.report_due + timedelta(days=10),
        preparer_name=f"นางสาว{province.get_full_name()}",
        preparer_position=province.position or "นักวิชาการพัฒนาชุมชน",
        approver_name=circular.signer_name,
        approver_position="พัฒนาการจังหวัดอุบลราชธานี",
        number="อบ ๐๐๑๙/๒๑๔๕",
        issued_on=circular.report_due + timedelta(days=12),
        office_name=circular.office_name,
        office_address=circular.office_address,
        signer_name=circular.signer_name,
        signer_position=circular.signer_position,
        contact="สำนักงานพัฒนาชุมชนจังหวัด\nกลุ่มงานยุทธศาสตร์การพัฒนาชุมชน",
        phone="๐ ๔๕๓๔ ๕๖๒๘",
        fax="๐ ๔๕๓๔ ๕๖๒๘",
        reference_number="มท ๐๔๑๐.๒/ว ๓๒๑",
        reference_date=circular.issued_on - timedelta(days=30),
    )


@transaction.atomic
def seed_reports() -> int:
    """The district reports to the demo circular, once; how many were created."""
    circular = Circular.objects.filter(province_id=UBON_CODE, number=NUMBER).first()
    if circular is None or circular.reports.exists():
        return 0
    province = User.objects.filter(role=Role.PROVINCE, province_id=UBON_CODE, is_active=True).first()
    for demo in DEMO_REPORTS:
        user = _reporter(demo.district)
        acknowledge(user=user, circular=circular, now=_at(circular, -60))
        report = services.start_report(user=user, circular=circular, district_code=demo.district)
        _fill(user, report)
        if demo.outcome == "draft":
            continue
        if demo.outcome != "returned_then_accepted":
            _suggest(user, report)
        services.submit(user=user, report=report, now=_at(circular, demo.submitted_days))
        _cover_letter(user, report, _at(circular, demo.submitted_days).date(), DEMO_REPORTS.index(demo) + 1)
        if province is None or demo.outcome == "submitted":
            continue
        reviewed = _at(circular, demo.submitted_days + 1)
        if demo.outcome == "returned":
            services.return_for_correction(
                user=province, report=report, comment="กรุณาเพิ่มข้อเสนอแนะ และระบุปัญหาให้ชัดเจนขึ้น", now=reviewed
            )
        elif demo.outcome == "returned_then_accepted":
            services.return_for_correction(
                user=province,
                report=report,
                comment="กรุณาเพิ่มข้อเสนอแนะต่อจังหวัดและกรมการพัฒนาชุมชน",
                now=reviewed,
            )
            _suggest(user, report)
            services.submit(user=user, report=report, now=_at(circular, demo.submitted_days + 2))
            services.accept(user=province, report=report, now=_at(circular, demo.submitted_days + 3))
        else:
            services.accept(user=province, report=report, now=reviewed)
    if province is not None:
        _consolidation_record(province, circular)
    return len(DEMO_REPORTS)
