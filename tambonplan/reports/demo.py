"""Demo district reports to the FY2566 Ubon circular: accepted, returned and resubmitted, late, waiting, a
draft, and districts that have not reported, each filled from the demo data like a real district would."""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.db import transaction

from tambonplan.accounts.models import Role, User
from tambonplan.directives.demo import NUMBER, UBON_CODE
from tambonplan.directives.models import Circular
from tambonplan.directives.services import acknowledge
from tambonplan.reports import services
from tambonplan.reports.models import DistrictReport, ResultStatus
from tambonplan.thai.dates import BANGKOK

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


def _fill(user: User, report: DistrictReport) -> None:
    results = {i.pk: (ResultStatus.DONE, "") for i in report.circular.instructions.all()}
    services.save_draft(
        user=user,
        report=report,
        revision=report.revision,
        results=results,
        figures={},
        reporter={
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
    return len(DEMO_REPORTS)
