"""The authorization matrix: every URL pattern, the objects its arguments name, and who may do what.

``url_patterns()`` walks the resolver, so a URL added to any ``urls.py`` shows up here and the test fails
until the policy table (``POLICY``) says who may reach it. ``build_world()`` makes one set of objects in an
area (a plan, an event, a committee order, a partner's commitment, a circular with a district report...)
and answers the URL arguments that name them.
"""

from dataclasses import dataclass, field
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from tambonplan.accounts.models import Role, User
from tambonplan.api import services as api_services
from tambonplan.areas.models import District
from tambonplan.committees.models import CompositionTemplate, OrderState, Position, TemplateSlot
from tambonplan.directives.models import Circular, Enclosure, Instruction
from tambonplan.events import services as event_services
from tambonplan.events.models import EventPhoto
from tambonplan.funding.models import ForwardingAnswer
from tambonplan.localgov.models import LocalGovernment
from tambonplan.notifications.models import Notification
from tambonplan.partners.models import (
    CoordinationKind,
    CoordinationRecord,
    MilestoneEvidence,
    PartnerAbbreviation,
)
from tambonplan.planning.models import Forwarding, StepEvidence, TargetKind
from tambonplan.reports import services as report_services
from tambonplan.reports.models import ItemCategory, ItemKind, ReportItem
from tests.committees import factories as cf
from tests.conftest import make_user
from tests.events import factories as ef
from tests.partners import funding_factories as ff
from tests.planning import factories as pf

# ---------------------------------------------------------------------------------------------------------
# The URL configuration, walked.


@dataclass(frozen=True)
class Pattern:
    name: str  # "namespace:name"; "namespace:?<route>" for an unnamed pattern
    route: str
    view: object


def url_patterns() -> list[Pattern]:
    found: list[Pattern] = []

    def walk(resolver, prefix: str, namespace: str) -> None:
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                inner = namespace + (f"{entry.namespace}:" if entry.namespace else "")
                walk(entry, prefix + str(entry.pattern), inner)
            elif isinstance(entry, URLPattern):
                route = prefix + str(entry.pattern)
                name = namespace + (entry.name or f"?{route}")
                found.append(Pattern(name, route, entry.callback))

    walk(get_resolver(), "", "")
    return found


# ---------------------------------------------------------------------------------------------------------
# Personas and outcomes.

ANON = "anonymous"
OUTSIDER = "outsider"  # province officer of Si Sa Ket (33)
OTHER = "other_district_officer"  # district officer of Warin Chamrap (3415)
TAMBON = "tambon_officer"  # Hua Ruea and Nong Khon (340104, 340105)
DISTRICT = "district_officer"  # Mueang Ubon (3401)
VIEWER = "viewer"  # read-only, Ubon (34)
PROVINCE = "province_officer"  # Ubon (34)
DEPARTMENT = "department"  # read-only, the nation
PARTNER = "partner"  # a partner's own user (Ubon partner with a commitment to the Hua Ruea project)

PERSONAS = (ANON, OUTSIDER, OTHER, TAMBON, DISTRICT, VIEWER, PROVINCE, DEPARTMENT, PARTNER)
READ_ONLY = (VIEWER, DEPARTMENT, PARTNER)

OK = "ok"  # 2xx, or a redirect somewhere other than a login page
REFUSED = "refused"  # 403
HIDDEN = "hidden"  # 404
LOGIN = "login"  # 302 to the login page
ADMIN_LOGIN = "admin_login"  # 302 to the admin's login page
NOT_ALLOWED = "not_allowed"  # 405
INVALID = "invalid"  # 400: a public form posted empty
UNAUTHORIZED = "unauthorized"  # 401: the API without a token or session


def outcome_of(response) -> str:
    status = response.status_code
    if status in (301, 302, 303, 307, 308):
        target = response.headers.get("Location", "")
        if target.startswith("/admin/login/"):
            return ADMIN_LOGIN
        if target.startswith("/accounts/login/"):
            return LOGIN
        return OK
    if 200 <= status < 300:
        return OK
    return {400: INVALID, 401: UNAUTHORIZED, 403: REFUSED, 404: HIDDEN, 405: NOT_ALLOWED}.get(
        status, f"status {status}"
    )


# ---------------------------------------------------------------------------------------------------------
# The objects the URLs name.


@dataclass
class World:
    """The objects of one area and the URL arguments that name them."""

    tambon: str
    args: dict[str, dict] = field(default_factory=dict)
    partner: object = None


def _file(name: str, content: bytes = b"%PDF-1.4\n%%EOF", content_type: str = "application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def make_personas() -> dict[str, User | None]:
    """The personas of tests/conftest.py, plus the Department and a partner's user (made in build_world)."""
    return {
        ANON: None,
        OUTSIDER: make_user("sisaket_province", Role.PROVINCE, province="33"),
        OTHER: make_user("warin_district", Role.DISTRICT, district="3415"),
        TAMBON: make_user("huaruea_tambon", Role.TAMBON, district="3401", tambons=["340104", "340105"]),
        DISTRICT: make_user("mueang_district", Role.DISTRICT, district="3401"),
        VIEWER: make_user("ubon_viewer", Role.VIEWER, province="34"),
        PROVINCE: make_user("ubon_province", Role.PROVINCE, province="34"),
        DEPARTMENT: make_user("cdd", Role.DEPARTMENT),
    }


def build_world(tambon: str, officer: User, *, suffix: str = "") -> World:
    """One of everything in `tambon` (its district and province for the higher-level objects).

    `officer` is a district officer of the tambon's district (it starts and submits the district report).
    """
    district, province = tambon[:4], tambon[:2]
    world = World(tambon)
    a = world.args

    # Areas and accounts.
    village = pf.village(tambon, 1)
    a["areas:province"] = {"code": province}
    a["areas:district"] = {"code": district}
    a["areas:tambon"] = {"code": tambon}
    a["areas:village_create"] = {"code": tambon}
    for name in ("village", "village_edit", "village_delete"):
        a[f"areas:{name}"] = {"code": village.code}
    colleague = make_user(f"colleague{suffix}", Role.TAMBON, district=district, tambons=[tambon])
    a["accounts:user_edit"] = a["accounts:user_password_link"] = {"pk": colleague.pk}
    a["accounts:password_reset_confirm"] = {"uidb64": "MA", "token": "not-a-token"}

    # Planning: a plan with its steps, evidence, a need, a project and a forwarding.
    pf.set_due_dates(province=province)
    plan = pf.make_plan(tambon)
    step = pf.steps(plan)[0]
    evidence = StepEvidence.objects.create(step=step, file=_file("evidence.pdf"), caption="หลักฐาน")
    need = pf.add_need(plan, village=village)
    project = pf.add_project(plan, budgets={pf.fiscal_year(): "50000"})
    forwarding = Forwarding.objects.create(
        project=project, sent_on=pf.today(), target_kind=TargetKind.AGENCY, target_name="สำนักงานเกษตรอำเภอ"
    )
    # The tambon's local government with a support project forwarded to it (its own ผ.02 and answers).
    body = LocalGovernment.objects.create(
        code=f"9{tambon}", kind="sao", name_th=f"ทดสอบ{suffix}", province_id=province, district_id=district
    )
    body.tambons.set([tambon])
    supported = pf.add_project(plan, "โครงการขอรับการสนับสนุน", "support")
    Forwarding.objects.create(
        project=supported,
        sent_on=pf.today(),
        target_kind=TargetKind.LOCAL_GOVERNMENT,
        target_name=body.full_name,
        local_government=body,
    )
    a["localgov:detail"] = a["localgov:update"] = a["localgov:deactivate"] = {"pk": body.pk}
    a["planning:local_governments"] = {"pk": plan.pk}
    a["planning:local_government_xlsx"] = {"pk": plan.pk, "body_pk": body.pk}
    definition = pf.definitions(province)[-1]
    for name in ("province", "step_settings", "province_projects_xlsx"):
        a[f"planning:{name}"] = {"code": province}
    a["planning:step_definition_edit"] = {"code": province, "pk": definition.pk}
    a["planning:step_definition_delete"] = {"code": province, "pk": definition.pk}
    a["planning:district"] = {"code": district}
    a["planning:tambon"] = {"code": tambon}
    a["planning:plan_open"] = {"code": tambon}
    for name in (
        "plan",
        "plan_profile",
        "bulk_status",
        "plan_pdf",
        "plan_docx",
        "plan_xlsx",
        "needs_template",
        "projects_template",
        "status_template",
        "needs_import",
        "projects_import",
        "status_import",
        "exchange_xlsx",
        "exchange_import",
    ):
        a[f"planning:{name}"] = {"pk": plan.pk}
    a["planning:need_create"] = {"plan_pk": plan.pk}
    a["planning:need_edit"] = a["planning:need_delete"] = {"plan_pk": plan.pk, "pk": need.pk}
    a["planning:project_create"] = {"plan_pk": plan.pk}
    a["planning:project_edit"] = a["planning:project_delete"] = {"plan_pk": plan.pk, "pk": project.pk}
    a["planning:step"] = {"pk": step.pk}
    a["planning:evidence"] = a["planning:evidence_delete"] = {"pk": evidence.pk}
    a["planning:project"] = a["planning:forwarding_add"] = {"pk": project.pk}
    a["planning:forwarding_outcome"] = {"pk": forwarding.pk}
    # Carry-over: last year's plan with a project not funded, for this year's plan to review.
    earlier = pf.add_project(pf.make_plan(tambon, pf.fiscal_year() - 1), "โครงการปีก่อน")
    a["planning:carry_over"] = {"pk": plan.pk}
    a["planning:carry_over_decide"] = {"pk": plan.pk, "project_pk": earlier.pk}
    a["planning:carry_over_revise"] = {"pk": plan.pk, "project_pk": earlier.pk}
    answer = ForwardingAnswer.objects.create(
        forwarding=forwarding, answered_on=pf.today(), inclusion="considering", scan=_file("answer.pdf")
    )
    a["funding:answer_create"] = {"forwarding_pk": forwarding.pk}
    for name in ("answer_edit", "answer_delete", "answer_scan"):
        a[f"funding:{name}"] = {"pk": answer.pk}
    a["funding:project_ledger"] = {"project_pk": project.pk}
    a["funding:window"] = {"code": province}
    a["villagedata:tambon"] = {"code": tambon}
    a["villagedata:village"] = {"code": village.code}
    a["api:forwarding_answer"] = {"answer_id": answer.pk}
    a["api:forwarding_answer_create"] = {"forwarding_id": forwarding.pk}

    # Village plans: the village's plan (with its minutes) and an item beyond the village, a community.
    from tambonplan.planning.models import ProjectClass
    from tambonplan.villageplans.models import Community, VillagePlan, VillagePlanItem

    village_plan = VillagePlan.objects.create(
        tambon_id=tambon, fiscal_year=pf.fiscal_year(), village=village, minutes=_file("minutes.pdf")
    )
    village_item = VillagePlanItem.objects.create(
        plan=village_plan,
        description="ถนนเข้าหมู่บ้านชำรุด",
        category=need.category,
        item_class=ProjectClass.objects.get(code="support"),
    )
    community = Community.objects.create(tambon_id=tambon, name_th=f"ทดสอบ{suffix}")
    a["villageplans:district"] = {"code": district}
    for name in ("tambon", "plan_create", "pull_tambon", "communities", "import", "import_template"):
        a[f"villageplans:{name}"] = {"code": tambon}
    a["villageplans:community_edit"] = {"pk": community.pk}
    for name in ("plan", "plan_edit", "plan_delete", "minutes", "pull_plan", "item_create"):
        a[f"villageplans:{name}"] = {"pk": village_plan.pk}
    for name in ("item_edit", "item_delete", "item_pull"):
        a[f"villageplans:{name}"] = {"pk": village_item.pk}

    # Events: an event with an attendee and a photo.
    event = ef.event(tambon)
    attendee = ef.attendee(event, "นายสมชาย ใจดี", phone="0812345678")
    photo = EventPhoto.objects.create(event=event, image=ef.image_upload(), uploaded_by=officer)
    for name in (
        "detail",
        "edit",
        "delete",
        "qr",
        "checkin_code",
        "attendee_add",
        "attendee_pick",
        "attendees_remove",
        "counts",
        "photo_add",
    ):
        a[f"events:{name}"] = {"pk": event.pk}
    a["events:attendee_remove"] = {"pk": attendee.pk}
    a["events:photo"] = a["events:photo_delete"] = {"pk": photo.pk}
    a["checkin"] = {"token": event_services.checkin_link_token(event)}

    # Committees: the tambon's ก.บ.ต. with an order in force (with a scan) and a draft with members.
    cf.set_review_date(province=province)
    in_force = cf.order("kbt", tambon)
    in_force.scan = _file("scan.pdf")
    in_force.save()
    draft = cf.order("kbt", tambon, state=OrderState.DRAFT, number="")
    member = draft.members.first()
    template = CompositionTemplate.objects.get_or_create(kind=cf.kind("kbt"), province_id=province)[0]
    slot = TemplateSlot.objects.create(template=template, position=Position.objects.first())
    for name in ("province", "province_export", "review_deadline", "templates"):
        a[f"committees:{name}"] = {"code": province}
    a["committees:template_edit"] = a["committees:order_wording"] = {"code": province, "kind": "kbt"}
    a["committees:template_slot_delete"] = {"pk": slot.pk}
    a["committees:district"] = a["committees:district_export"] = {"code": district}
    for name in ("committee", "committee_review", "order_start"):
        a[f"committees:{name}"] = {"kind": "kbt", "area_code": tambon}
    for name in ("order", "order_issue", "order_discard", "member_add", "members_import", "members_template"):
        a[f"committees:{name}"] = {"pk": draft.pk}
    for name in ("order_pdf", "order_docx", "order_scan"):
        a[f"committees:{name}"] = {"pk": in_force.pk}
    a["committees:member_edit"] = a["committees:member_delete"] = {"pk": member.pk}
    a["committees:member_succeed"] = {"pk": in_force.members.get(ex_officio_post="กำนัน").pk}

    # Partners: a partner of the province with a commitment (and its MOU), coordination, progress evidence.
    partner = ff.partner(f"มูลนิธิทดสอบ{suffix}", province=province)
    commitment = ff.commitment(project, partner, document=_file("mou.pdf"))
    record = CoordinationRecord.objects.create(
        partner=partner, kind=CoordinationKind.MEETING, happened_on=pf.today(), subject="ประชุมประสานแผน"
    )
    milestone = ff.milestone(project)
    progress_evidence = MilestoneEvidence.objects.create(milestone=milestone, image=ff.image_upload())
    a["partners:partner_detail"] = a["partners:partner_edit"] = {"pk": partner.pk}
    a["partners:coordination_create"] = {"pk": partner.pk}
    a["partners:coordination_edit"] = a["partners:coordination_delete"] = {"pk": record.pk}
    a["partners:project_match"] = a["partners:commitment_create"] = {"project_pk": project.pk}
    for name in ("commitment", "commitment_edit", "commitment_transition", "commitment_document"):
        a[f"partners:{name}"] = {"pk": commitment.pk}
    a["partners:integration_tambon"] = a["partners:integration_tambon_xlsx"] = {"code": tambon}
    a["partners:integration_district"] = a["partners:integration_district_xlsx"] = {"code": district}
    a["partners:integration_province"] = a["partners:integration_province_xlsx"] = {"code": province}
    a["partners:project_progress"] = {"pk": project.pk}
    a["partners:progress_evidence"] = a["partners:progress_evidence_delete"] = {"pk": progress_evidence.pk}
    abbreviation = PartnerAbbreviation.objects.create(
        province_id=province, abbreviation=f"กฟภ{suffix}.", full_form=f"การไฟฟ้าส่วนภูมิภาค{suffix}"
    )
    a["partners:abbreviation_edit"] = a["partners:abbreviation_delete"] = {"pk": abbreviation.pk}
    world.partner = partner

    # Directives: the province's circular to the district, with instructions and an enclosure.
    circular = Circular.objects.create(
        issued_at=timezone.now(),
        province_id=province,
        office_name="ศาลากลางจังหวัด",
        number=f"ว {suffix or 1}",
        issued_on=date(2026, 11, 1),
        subject="แนวทางการขับเคลื่อนการจัดทำและประสานแผนพัฒนาตำบล",
        addressees="นายอำเภอ ทุกอำเภอ",
        fiscal_year=pf.fiscal_year(),
        report_due=date(2026, 12, 15),
    )
    circular.districts.set(District.objects.filter(code=district))
    instruction = Instruction.objects.create(circular=circular, number=1, text="ข้อสั่งการที่ 1", topic="")
    enclosure = Enclosure.objects.create(
        circular=circular, number=1, title="แบบรายงาน", file=_file("form.pdf")
    )
    for name in ("detail", "edit", "issue", "acknowledge", "pdf", "docx", "instruction_add", "enclosure_add"):
        a[f"directives:{name}"] = {"pk": circular.pk}
    a["directives:instruction_edit"] = {"pk": circular.pk, "instruction_pk": instruction.pk}
    a["directives:instruction_delete"] = {"pk": circular.pk, "instruction_pk": instruction.pk}
    # Deleting an enclosure removes its file from disk (not rolled back): the delete gets its own enclosure.
    doomed = Enclosure.objects.create(circular=circular, number=2, title="ลบได้", file=_file("doomed.pdf"))
    a["directives:enclosure_delete"] = {"pk": circular.pk, "enclosure_pk": doomed.pk}
    a["directives:enclosure"] = a["directives:enclosure_file"] = {"token": enclosure.token}
    a["directives:enclosure_public"] = {"token": enclosure.public_token}
    a["directives:enclosure_public_link_renew"] = {"pk": circular.pk, "enclosure_pk": enclosure.pk}

    # Reports: the district's report to that circular, submitted once (version 1), with an item.
    report = report_services.start_report(user=officer, circular=circular, district_code=district)
    report.reporter_name, report.reporter_position, report.reporter_phone = (
        "นางสาวสมศรี",
        "พัฒนาการอำเภอ",
        "045",
    )
    report.save()
    ReportItem.objects.create(report=report, kind=ItemKind.PROBLEM, category=ItemCategory.OTHER, text="ปัญหา")
    item = report.items.get()
    version = report_services.submit(user=officer, report=report)
    for name in ("rates", "remind", "consolidation", "consolidation_pdf", "consolidation_docx"):
        a[f"reports:{name}"] = {"pk": circular.pk}
    a["reports:consolidation_xlsx"] = {"pk": circular.pk}
    for name in ("consolidation_record", "consolidation_letter_pdf", "consolidation_letter_docx"):
        a[f"reports:{name}"] = {"pk": circular.pk}
    for name in ("letter_edit", "letter_pdf", "letter_docx"):
        a[f"reports:{name}"] = {"pk": report.pk}
    a["reports:district"] = {"pk": circular.pk, "district_code": district}
    for name in ("detail", "edit", "autosave", "submit", "return", "accept", "reopen", "pdf", "docx", "xlsx"):
        a[f"reports:{name}"] = {"pk": report.pk}
    a["reports:item_add"] = {"pk": report.pk, "kind": ItemKind.PROBLEM}
    a["reports:item_delete"] = {"pk": report.pk, "item_pk": item.pk}
    a["reports:version"] = {"pk": report.pk, "number": version.number}

    # The API names the same objects; a token of the district officer is revoked through its page.
    a["api:province"] = {"code": province}
    a["api:district"] = {"code": district}
    a["api:tambon"] = {"code": tambon}
    a["api:village"] = {"code": village.code}
    a["api:plan"] = a["api:plan_steps"] = {"plan_id": plan.pk}
    a["api:need"] = {"need_id": need.pk}
    a["api:project"] = a["api:project_progress"] = {"project_id": project.pk}
    a["api:project_milestone"] = {"project_id": project.pk, "milestone_id": milestone.pk}
    a["api:circular"] = a["api:circular_rates"] = a["api:report_start"] = {"circular_id": circular.pk}
    a["api:report"] = a["api:report_items"] = {"report_id": report.pk}
    a["api:report_item"] = {"report_id": report.pk, "item_id": item.pk}
    a["api:report_version"] = {"report_id": report.pk, "number": version.number}
    a["api:committee"] = {"committee_id": in_force.committee_id}
    a["api:order"] = {"order_id": draft.pk}
    a["api:event"] = a["api:event_attendees"] = a["api:event_counts"] = {"event_id": event.pk}
    a["api:event_attendee"] = {"event_id": event.pk, "attendee_id": attendee.pk}
    a["api:partner"] = {"partner_id": partner.pk}
    a["api:commitment"] = {"commitment_id": commitment.pk}
    from tambonplan.villagedata.models import Indicator, IndicatorResult

    result = IndicatorResult.objects.create(
        village=village, indicator=Indicator.objects.filter(survey="jpt").first(), year=2568, passed=True
    )
    a["api:local_government"] = {"local_government_id": body.pk}
    a["api:village_plan"] = {"village_plan_id": village_plan.pk}
    a["api:indicator_result"] = {"result_id": result.pk}
    # Notifications: one of the district officer's own.
    notification = Notification.objects.create(
        user=officer, kind="report_due", event_key=f"matrix{suffix}", title="แจ้งเตือน", path="/reports/"
    )
    a["notifications:read"] = {"pk": notification.pk}
    token, _secret = api_services.token_create(user=officer, name="matrix")
    a["api_tokens:revoke"] = {"pk": token.pk}
    return world


def make_partner_user(partner) -> User:
    return User.objects.create_user(
        username="partner_user",
        password="x",
        role=Role.PARTNER,
        partner=partner,
        province_id=partner.province_id,
    )
