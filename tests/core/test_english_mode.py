"""English mode: the main pages carry no Thai UI text, only data entered in Thai; names that have an English
twin (areas, need categories, project classes, committee kinds and positions, the default plan steps) show in
English; dates read "4 December 2026" with the Christian-era year; official documents stay Thai."""

import io
import re
from datetime import UTC, date, datetime
from html.parser import HTMLParser

import openpyxl
import pytest
from django.apps import apps
from django.conf import settings
from django.db import models
from django.test import Client
from django.utils import timezone, translation

from tambonplan.areas.models import Tambon
from tambonplan.committees.models import CommitteeKind, Position
from tambonplan.partners.models import PartnerArea
from tambonplan.planning.models import NeedCategory, ProjectClass, StepDefinition
from tambonplan.planning.services import step_definition_save
from tambonplan.reports import services as report_services
from tambonplan.reports.models import ReportState
from tambonplan.reports.selectors import consolidation_of
from tambonplan.thai.dates import BANGKOK, be_date_long, be_date_short, be_datetime, fiscal_year_label
from tambonplan.thai.digits import digit_style
from tambonplan.thai.forms import ThaiDateField
from tests.committees import factories as cf
from tests.document_text import docx_text
from tests.events import factories as ef
from tests.partners import funding_factories as ff
from tests.planning import factories as pf
from tests.reports import factories as rf

THAI = re.compile(r"[\u0E00-\u0E7F]")
# The language picker names each language in its own script.
ALLOWED = {"ไทย"}


class PageText(HTMLParser):
    """The text a reader meets on a page: text nodes (option labels included) and the attributes read out or
    shown (title, placeholder, aria-label, alt); scripts and styles left out."""

    ATTRIBUTES = ("title", "placeholder", "aria-label", "alt")

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        self.parts += [value for name, value in attrs if name in self.ATTRIBUTES and value]

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.parts.append(" ".join(data.split()))


def _leaves(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _leaves(item)
    elif isinstance(value, list):
        for item in value:
            yield from _leaves(item)


def entered_data() -> list[str]:
    """Every Thai text stored in the database (what users entered, and what the seeded data holds), longest
    first; the Thai name of a row that has an English name is left out: it must show in English."""
    values = set()
    for model in apps.get_models():
        if model.__name__.startswith("Historical"):
            continue
        fields = [
            field.attname
            for field in model._meta.concrete_fields
            if isinstance(field, models.CharField | models.TextField | models.JSONField) and not field.choices
        ]
        for row in model.objects.values(*fields):
            if row.get("name_en"):
                del row["name_th"]
            for value in (v for text in row.values() for v in _leaves(text)):
                if THAI.search(value):
                    values.add(" ".join(value.split()))
                    values.update(" ".join(line.split()) for line in value.splitlines() if line.strip())
    return sorted(values, key=len, reverse=True)


def thai_left(html: str, data: list[str]) -> list[str]:
    """The page's texts that still hold Thai once every entered value is taken out."""
    parser = PageText()
    parser.feed(html)
    left = []
    for part in parser.parts:
        if not THAI.search(part) or part in ALLOWED:
            continue
        for value in data:
            if value in part:
                part = part.replace(value, " ")
        if THAI.search(part):
            left.append(part)
    return list(dict.fromkeys(left))


def english_client(user) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def world(personas, ubon_villages):
    """A district's year in Ubon: a plan with a need and projects, committees, an event, partners with a
    commitment, a circular with Mueang's report accepted and Warin's in draft."""
    cf.set_review_date()
    kbt = cf.order("kbt", pf.HUA_RUEA)
    cf.order("socho_t", pf.HUA_RUEA)
    plan = pf.make_plan(pf.HUA_RUEA)
    pf.mark_done(plan, 2)
    need = pf.add_need(plan, "ถนนเข้าหมู่บ้านชำรุด", village=pf.village(pf.HUA_RUEA, 1))
    project = pf.add_project(plan, "ก่อสร้างถนนคอนกรีต", "support", budgets={plan.fiscal_year: "250000"})
    project.needs.set([need])
    pf.add_project(plan, "ฝึกอบรมอาชีพจักสาน", "community", budgets={plan.fiscal_year: "30000"})
    event = ef.event(pf.HUA_RUEA, title="เวทีประชาคมจัดทำแผนตำบลหัวเรือ")
    ef.attendee(event, "นายสมหมาย ใจงาม", member=kbt.members.first())
    partner = ff.partner("มูลนิธิรักษ์ลำโดม")
    partner.focus_categories.set(NeedCategory.objects.all()[:2])
    PartnerArea.objects.create(partner=partner, area_code=pf.MUEANG)
    ff.commitment(project, partner, status="approved", amount="100000")
    circular = rf.circular()
    report = rf.filled_report(personas.district_officer, circular)
    report_services.add_item(
        user=personas.district_officer, report=report, kind="problem", category="budget", text="งบไม่พอ"
    )
    rf.submitted(personas.district_officer, circular)
    report.refresh_from_db()
    report_services.accept(user=personas.province_officer, report=report)
    warin = rf.filled_report(personas.other_district_officer, circular, pf.WARIN)
    return {
        "plan": plan,
        "project": project,
        "order": kbt,
        "event": event,
        "partner": partner,
        "circular": circular,
        "report": report,
        "draft": warin,
    }


DISTRICT_PAGES = {
    "home": lambda w: "/",
    "plans of the district": lambda w: "/planning/district/3401/",
    "plan": lambda w: f"/planning/plan/{w['plan'].pk}/",
    "project": lambda w: f"/planning/projects/{w['project'].pk}/",
    "project form": lambda w: f"/planning/plan/{w['plan'].pk}/projects/{w['project'].pk}/edit/",
    "need form": lambda w: f"/planning/plan/{w['plan'].pk}/needs/new/",
    "needs import": lambda w: f"/planning/plan/{w['plan'].pk}/import/needs/",
    "committees of the district": lambda w: "/committees/district/3401/",
    "appointment order": lambda w: f"/committees/orders/{w['order'].pk}/",
    "events": lambda w: "/events/",
    "event": lambda w: f"/events/{w['event'].pk}/",
    "partners": lambda w: "/partners/",
    "partner": lambda w: f"/partners/{w['partner'].pk}/",
    "matching": lambda w: f"/partners/match/project/{w['project'].pk}/",
    "budget integration": lambda w: "/partners/integration/district/3401/",
    "circular": lambda w: f"/directives/{w['circular'].pk}/",
    "report": lambda w: f"/reports/{w['report'].pk}/",
    "villages import": lambda w: "/areas/villages/import/",
}
PROVINCE_PAGES = {
    "plans of the province": lambda w: "/planning/province/34/",
    "committees of the province": lambda w: "/committees/province/34/",
    "reporting rates": lambda w: f"/reports/circular/{w['circular'].pk}/",
    "consolidation": lambda w: f"/reports/circular/{w['circular'].pk}/consolidated/",
    "draft report": lambda w: f"/reports/{w['draft'].pk}/",
    "report form": lambda w: f"/reports/{w['draft'].pk}/edit/",
}


def theme_terms(circular) -> list[str]:
    """The consolidation's themes and key terms: words taken from the districts' problems and suggestions."""
    consolidation = consolidation_of(circular)
    themes = consolidation.problem_themes + consolidation.suggestion_themes
    return [term for theme in themes for term in (theme.label, *theme.key_terms)]


def assert_english(client: Client, path: str, *, derived: list[str] = ()) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    html = response.content.decode()
    assert '<html lang="en">' in html
    data = sorted([*entered_data(), *derived], key=len, reverse=True)
    left = thai_left(html, data)
    assert left == [], f"Thai UI text left on {path}: {left}"
    return html


@pytest.mark.parametrize("page", DISTRICT_PAGES)
def test_a_district_page_in_english_has_no_thai_but_data(personas, world, page):
    client = english_client(personas.district_officer)

    assert_english(client, DISTRICT_PAGES[page](world))


@pytest.mark.parametrize("page", PROVINCE_PAGES)
def test_a_province_page_in_english_has_no_thai_but_data(personas, world, page):
    # The draft report's page and form are the district's: the province reads them, Warin writes them.
    user = personas.other_district_officer if page == "report form" else personas.province_officer
    client = english_client(user)

    with translation.override("en"):
        derived = theme_terms(world["circular"]) if page == "consolidation" else []
    assert_english(client, PROVINCE_PAGES[page](world), derived=derived)


def test_the_check_finds_a_thai_label_left_untranslated(db):
    html = "<h1>Projects</h1><p title='สถานะ'>Status</p><th>ประเภทโครงการ</th><td>บ้านหัวเรือ</td>"

    assert thai_left(html, ["บ้านหัวเรือ"]) == ["สถานะ", "ประเภทโครงการ"]


# ------------------------------------------------------------------------------------------ names and dates


def test_seeded_names_show_in_english_and_a_provinces_own_stay_as_entered(db):
    own = NeedCategory.objects.create(name_th="ด้านการท่องเที่ยว", sort_order=99)
    with translation.override("en"):
        assert str(Tambon.objects.get(code=pf.HUA_RUEA)) == "Hua Ruea"
        assert str(NeedCategory.objects.get(name_th="ด้านเศรษฐกิจ")) == "Economy"
        assert str(ProjectClass.objects.get(code="support")) == "Support requested"
        assert str(CommitteeKind.objects.get(code="kbt")) == "KBT"
        assert (
            CommitteeKind.objects.get(code="kbt").display_name == "Integrated Tambon Administration Committee"
        )
        assert str(Position.objects.get(name_th="กรรมการและเลขานุการ")) == "Member and secretary"
        assert str(own) == "ด้านการท่องเที่ยว"
    with translation.override("th"):
        assert str(Tambon.objects.get(code=pf.HUA_RUEA)) == "หัวเรือ"
        assert str(CommitteeKind.objects.get(code="kbt")) == "ก.บ.ต."


def test_default_steps_are_english_until_the_province_renames_one(personas):
    pf.make_plan(pf.HUA_RUEA)
    first, second = pf.definitions()[:2]
    step_definition_save(
        user=personas.province_officer,
        province=first.province,
        fiscal_year=first.fiscal_year,
        definition=first,
        name_th="ประชุมชี้แจงกำนันผู้ใหญ่บ้าน",
        due_date=first.due_date,
        sort_order=1,
    )

    with translation.override("en"):
        assert str(StepDefinition.objects.get(pk=first.pk)) == "ประชุมชี้แจงกำนันผู้ใหญ่บ้าน"
        assert str(StepDefinition.objects.get(pk=second.pk)) == "Tambon plan workshop"


def test_dates_in_english_have_english_months_and_the_christian_era_year():
    moment = datetime(2026, 12, 4, 2, 5, tzinfo=UTC)  # 09:05 in Bangkok
    with translation.override("en"), digit_style("thai"):
        assert be_date_long(date(2026, 12, 4)) == "4 December 2026"
        assert be_date_short(date(2026, 12, 4)) == "4 Dec 2026"
        assert be_datetime(moment) == "4 Dec 2026 09:05"
        assert fiscal_year_label(2570) == "FY 2027 (B.E. 2570)"
    with translation.override("th"):
        assert be_date_long(date(2026, 12, 4)) == "4 ธันวาคม 2569"
        assert be_datetime(moment.astimezone(BANGKOK)) == "4 ธ.ค. 69 09:05 น."
        assert fiscal_year_label(2570) == "ปีงบประมาณ พ.ศ. 2570"


def test_a_date_field_shows_and_reads_christian_era_dates_in_english():
    field = ThaiDateField()
    with translation.override("en"):
        assert field.prepare_value(date(2026, 12, 4)) == "04/12/2026"
        assert field.clean("04/12/2026") == date(2026, 12, 4)
        assert 'placeholder="dd/mm/yyyy"' in field.widget.render("on", None)
    with translation.override("th"):
        assert field.prepare_value(date(2026, 12, 4)) == "04/12/2569"


def test_a_thai_digit_user_reads_arabic_digits_and_english_dates_in_english(personas, world):
    personas.district_officer.digit_style = "thai"
    personas.district_officer.save()
    client = english_client(personas.district_officer)

    html = client.get(f"/events/{world['event'].pk}/").content.decode()

    starts = timezone.localtime(world["event"].starts_at, BANGKOK)
    assert f"{starts.day} {starts:%b %Y}" in html
    assert re.search("[๐-๙]", html) is None
    fy = world["plan"].fiscal_year
    assert f"FY {fy - 543} (B.E. {fy})" in html


# ------------------------------------------------------------------------------- picker, imports, documents


def test_the_language_picker_names_each_language_in_its_own_script(personas):
    for language in ("th", "en"):
        client = english_client(personas.district_officer)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

        html = client.get("/").content.decode()

        assert '<option value="th" lang="th"' in html and ">ไทย</option>" in html
        assert '<option value="en" lang="en"' in html and ">English</option>" in html


def test_the_menu_uses_short_english_labels(personas):
    html = english_client(personas.district_officer).get("/").content.decode()

    assert ">Plans</a>" in html
    assert ">Partners</a>" in html


def test_the_villages_template_has_english_headers_in_english_and_thai_in_thai(personas):
    def headers(language):
        client = english_client(personas.district_officer)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        content = client.get("/areas/villages/import/template.xlsx").content
        sheet = openpyxl.load_workbook(io.BytesIO(content)).worksheets[0]
        return [cell.value for cell in sheet[1]]

    assert headers("en") == ["village_code", "tambon_code", "moo", "name_th", "name_en"]
    assert headers("th") == ["รหัสหมู่บ้าน", "รหัสตำบล", "หมู่ที่", "ชื่อหมู่บ้าน", "ชื่อภาษาอังกฤษ"]


def test_the_appointment_order_stays_thai_when_downloaded_in_english(personas, world):
    client = english_client(personas.district_officer)

    response = client.get(f"/committees/orders/{world['order'].pk}/order.docx")

    text = docx_text(response.content)
    assert response.status_code == 200
    assert "คณะกรรมการบริหารงานตำบลแบบบูรณาการ" in text
    assert "ตำบลหัวเรือ" in text
    assert "HuaRuea" not in text and "KBT" not in text


def test_a_report_submitted_in_english_is_frozen_in_thai(personas):
    circular = rf.circular()
    # An instruction without a topic: its figures go under "other figures", a title the system writes.
    circular.instructions.filter(topic="committees").update(topic="")
    report = rf.filled_report(personas.district_officer, circular)

    with translation.override("en"):
        version = report_services.submit(user=personas.district_officer, report=report)

    assert version.report.state == ReportState.SUBMITTED
    assert "ตัวเลขอื่นจากข้อมูลในระบบ" in [section["text"] for section in version.content["sections"]]
    assert version.content["district_name"] == "เมืองอุบลราชธานี"


def test_the_p02_form_for_the_local_government_stays_thai_when_downloaded_in_english(personas, world):
    client = english_client(personas.district_officer)

    response = client.get(f"/planning/plan/{world['plan'].pk}/exchange/p02.xlsx")

    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    text = " ".join(
        str(cell.value) for sheet in workbook for row in sheet.iter_rows() for cell in row if cell.value
    )
    assert response.status_code == 200
    assert "ข้อมูล ณ วันที่" in text
    assert not re.search(
        r"January|February|March|April|May|June|July|August|September|October|November|December", text
    )
