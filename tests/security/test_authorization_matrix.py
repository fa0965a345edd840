"""Issue 8: the authorization matrix. Every URL pattern × every persona × GET/POST against a declared policy.

The objects live in Ubon's Mueang district (tambon Hua Ruea 340104). The outsider (Si Sa Ket) and the Warin
Chamrap officer guess their ids and must get 404; read-only roles never change anything; anonymous users
are sent to the login page; nothing answers 500. A second world in Warin Chamrap (and one in Si Sa Ket)
checks the other direction: Mueang's officers and Ubon's province officer guessing those ids get 404.

A URL pattern missing from ``POLICY`` fails ``test_every_url_has_a_policy``: a new URL cannot escape.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from tambonplan.planning.models import Project
from tambonplan.reports.models import DistrictReport
from tests.security.matrix import (
    ADMIN_LOGIN,
    ANON,
    DEPARTMENT,
    DISTRICT,
    HIDDEN,
    INVALID,
    LOGIN,
    NOT_ALLOWED,
    OK,
    OTHER,
    OUTSIDER,
    PARTNER,
    PERSONAS,
    PROVINCE,
    READ_ONLY,
    REFUSED,
    TAMBON,
    UNAUTHORIZED,
    VIEWER,
    build_world,
    make_partner_user,
    make_personas,
    outcome_of,
    url_patterns,
)

# ---------------------------------------------------------------------------------------------------------
# The policy. Outcomes per persona, for GET and for POST (None: the method is not tested for this URL).


def who(base: dict, **overrides) -> dict:
    by_name = {
        "anon": ANON,
        "outsider": OUTSIDER,
        "other": OTHER,
        "tambon": TAMBON,
        "district": DISTRICT,
        "viewer": VIEWER,
        "province": PROVINCE,
        "department": DEPARTMENT,
        "partner": PARTNER,
    }
    return base | {by_name[key]: value for key, value in overrides.items()}


EVERYONE = dict.fromkeys(PERSONAS, OK)
SIGNED_IN = who(EVERYONE, anon=LOGIN)
# The objects of tambon Hua Ruea (and of the Mueang district): seen by the officers above them, hidden from
# other districts and provinces and from partner users.
SEE_MUEANG = who(SIGNED_IN, outsider=HIDDEN, other=HIDDEN, partner=HIDDEN)
CHANGE_HUA_RUEA = who(SEE_MUEANG, viewer=REFUSED, department=REFUSED)
CHANGE_MUEANG = who(CHANGE_HUA_RUEA, tambon=REFUSED)
# The province's own records (its circulars, partners, plan steps, committee templates).
SEE_UBON = who(SEE_MUEANG, other=OK)
MANAGE_UBON = who(
    SEE_UBON, other=REFUSED, tambon=REFUSED, district=REFUSED, viewer=REFUSED, department=REFUSED
)
ADMIN_ONLY = dict.fromkeys(PERSONAS, ADMIN_LOGIN)
# A circular is the province's, but only the districts it is addressed to (here Mueang) see it.
MANAGE_CIRCULAR = who(MANAGE_UBON, other=HIDDEN)
# Partners: province officers and the district officers of the province register and edit them.
MANAGE_PARTNERS = who(MANAGE_UBON, other=OK, district=OK)
# Province-only pages of a circular (response rates, consolidation, reminders): hidden from the districts.
PROVINCE_PAGES = who(SEE_UBON, other=HIDDEN, district=HIDDEN, tambon=HIDDEN)
# A district report: the district's officers write it, the province reviews it; tambon officers do not see it.
SEE_REPORT = who(SEE_MUEANG, tambon=HIDDEN)
WRITE_REPORT = who(CHANGE_MUEANG, tambon=HIDDEN, province=REFUSED)
REVIEW_REPORT = who(SEE_REPORT, district=REFUSED, viewer=REFUSED, department=REFUSED)
MANAGERS = who(SIGNED_IN, tambon=REFUSED, viewer=REFUSED, department=REFUSED, partner=REFUSED)


@dataclass(frozen=True)
class Rule:
    get: dict | None = None
    post: dict | None = None


def view(get: dict) -> Rule:
    return Rule(get=get)


def action(post: dict) -> Rule:
    """A POST-only URL."""
    return Rule(post=post)


def form(get: dict, post: dict | None = None) -> Rule:
    """A GET-and-POST form: the same policy for both unless said otherwise."""
    return Rule(get=get, post=post or get)


def api_view(get: dict) -> Rule:
    """An API read: without a token or a session 401 (not a login redirect); POST answers 405."""
    return Rule(get=who(get, anon=UNAUTHORIZED), post=dict.fromkeys(PERSONAS, NOT_ALLOWED))


POLICY: dict[str, Rule] = {
    # Public and account pages.
    "home": view(SIGNED_IN),
    "healthz": view(EVERYONE),
    "robots_txt": view(EVERYONE),
    "favicon": view(EVERYONE),
    "fiscal_year_select": action(EVERYONE),
    "set_language": action(EVERYONE),
    "checkin": form(EVERYONE, dict.fromkeys(PERSONAS, INVALID)),  # public; empty form: 400
    "accounts:login": form(EVERYONE),
    "accounts:logout": action(dict.fromkeys(PERSONAS, LOGIN)),  # LOGOUT_REDIRECT_URL
    # The second login step: only with a password just accepted; everyone else goes back to the login page.
    "accounts:login_code": form(dict.fromkeys(PERSONAS, LOGIN)),
    # Two-factor set-up: province officers, the Department and administrators only.
    "accounts:two_factor": form(
        who(SIGNED_IN, other=REFUSED, tambon=REFUSED, district=REFUSED, viewer=REFUSED, partner=REFUSED)
    ),
    "accounts:password_change": form(SIGNED_IN),
    "accounts:password_changed": view(SIGNED_IN),
    "accounts:preferences": form(SIGNED_IN),
    "accounts:security": view(SIGNED_IN),
    # A new set of backup codes: only for a user with two-factor login on (none of the personas has it).
    "accounts:backup_codes_new": action(who(dict.fromkeys(PERSONAS, REFUSED), anon=LOGIN)),
    "accounts:user_list": view(MANAGERS),
    "accounts:user_create": form(MANAGERS),
    "accounts:user_edit": form(
        who(CHANGE_MUEANG, viewer=REFUSED, department=REFUSED, tambon=REFUSED, partner=REFUSED)
    ),
    "accounts:user_password_link": action(
        who(CHANGE_MUEANG, viewer=REFUSED, department=REFUSED, tambon=REFUSED, partner=REFUSED)
    ),
    # Forgotten password: public; the link's token is the permission (here a wrong one: the Thai refusal).
    "accounts:password_reset": form(EVERYONE),
    "accounts:password_reset_done": view(EVERYONE),
    "accounts:password_reset_confirm": form(EVERYONE),
    "accounts:password_reset_complete": view(EVERYONE),
    # Areas.
    "areas:provinces": view(SIGNED_IN),
    "areas:province": view(SEE_UBON),
    "areas:district": view(SEE_MUEANG),
    "areas:tambon": view(SEE_MUEANG),
    "areas:village_create": form(CHANGE_HUA_RUEA),
    "areas:village": view(SEE_MUEANG),
    "areas:village_edit": form(CHANGE_HUA_RUEA),
    "areas:village_delete": action(CHANGE_HUA_RUEA),
    "areas:village_import": form(MANAGERS),
    "areas:village_import_template": view(SIGNED_IN),
    # Committees.
    "committees:index": view(who(SIGNED_IN, partner=HIDDEN)),
    "committees:province": view(SEE_UBON),
    "committees:province_export": view(SEE_UBON),
    "committees:review_deadline": action(MANAGE_UBON),
    "committees:templates": view(SEE_UBON),
    "committees:template_edit": Rule(get=SEE_UBON, post=MANAGE_UBON),
    "committees:template_slot_delete": action(MANAGE_UBON),
    "committees:order_wording": Rule(get=SEE_UBON, post=MANAGE_UBON),
    "committees:district": view(SEE_MUEANG),
    "committees:district_export": view(SEE_MUEANG),
    "committees:committee": view(SEE_MUEANG),
    "committees:committee_review": action(CHANGE_HUA_RUEA),
    "committees:order_start": action(CHANGE_HUA_RUEA),
    "committees:order": Rule(get=SEE_MUEANG, post=CHANGE_HUA_RUEA),
    "committees:order_issue": action(CHANGE_HUA_RUEA),
    "committees:order_discard": action(CHANGE_HUA_RUEA),
    "committees:order_pdf": view(SEE_MUEANG),
    "committees:order_docx": view(SEE_MUEANG),
    "committees:order_scan": view(SEE_MUEANG),
    "committees:member_add": form(CHANGE_HUA_RUEA),
    "committees:members_import": action(CHANGE_HUA_RUEA),
    "committees:members_template": view(SEE_MUEANG),
    "committees:member_edit": form(CHANGE_HUA_RUEA),
    "committees:member_delete": action(CHANGE_HUA_RUEA),
    "committees:member_succeed": form(CHANGE_HUA_RUEA),
    # Planning.
    "planning:index": view(who(SIGNED_IN, partner=HIDDEN)),
    "planning:province": view(SEE_UBON),
    "planning:step_settings": Rule(get=SEE_UBON, post=MANAGE_UBON),
    "planning:step_definition_edit": Rule(get=SEE_UBON, post=MANAGE_UBON),
    "planning:step_definition_delete": action(MANAGE_UBON),
    "planning:district": view(SEE_MUEANG),
    "planning:tambon": view(SEE_MUEANG),
    "planning:plan_open": action(CHANGE_HUA_RUEA),
    "planning:plan": view(SEE_MUEANG),
    "planning:plan_profile": form(CHANGE_HUA_RUEA),
    "planning:bulk_status": action(CHANGE_HUA_RUEA),
    "planning:carry_over": view(SEE_MUEANG),
    "planning:carry_over_decide": action(CHANGE_HUA_RUEA),
    "planning:carry_over_revise": form(CHANGE_HUA_RUEA),
    "planning:need_create": form(CHANGE_HUA_RUEA),
    "planning:need_edit": form(CHANGE_HUA_RUEA),
    "planning:need_delete": action(CHANGE_HUA_RUEA),
    "planning:project_create": form(CHANGE_HUA_RUEA),
    "planning:project_edit": form(CHANGE_HUA_RUEA),
    "planning:project_delete": action(CHANGE_HUA_RUEA),
    "planning:step": form(CHANGE_HUA_RUEA),
    "planning:evidence": view(SEE_MUEANG),
    "planning:evidence_delete": action(CHANGE_HUA_RUEA),
    "planning:project": view(SEE_MUEANG),
    "planning:forwarding_add": action(CHANGE_HUA_RUEA),
    "planning:forwarding_outcome": action(CHANGE_HUA_RUEA),
    "planning:province_projects_xlsx": view(SEE_UBON),
    "planning:plan_pdf": view(SEE_MUEANG),
    "planning:plan_docx": view(SEE_MUEANG),
    "planning:plan_xlsx": view(SEE_MUEANG),
    "planning:needs_template": view(SEE_MUEANG),  # empty templates
    "planning:projects_template": view(SEE_MUEANG),
    "planning:status_template": view(SEE_MUEANG),
    "planning:needs_import": form(CHANGE_HUA_RUEA),
    "planning:projects_import": form(CHANGE_HUA_RUEA),
    "planning:status_import": form(CHANGE_HUA_RUEA),
    "planning:exchange_xlsx": view(SEE_MUEANG),
    "planning:exchange_import": form(CHANGE_HUA_RUEA),
    "planning:local_governments": Rule(get=SEE_MUEANG, post=CHANGE_HUA_RUEA),
    "planning:local_government_xlsx": view(SEE_MUEANG),
    # The register of local governments: seen within the area, changed by province and district officers.
    "localgov:list": view(SIGNED_IN),
    "localgov:detail": view(SEE_MUEANG),
    "localgov:update": form(CHANGE_MUEANG),
    "localgov:deactivate": action(CHANGE_MUEANG),
    "localgov:create": form(MANAGERS),
    "localgov:import": form(MANAGERS),
    "localgov:import_template": view(SIGNED_IN),
    # Events.
    "events:list": view(SIGNED_IN),
    "events:create": form(who(SIGNED_IN, viewer=REFUSED, department=REFUSED, partner=REFUSED)),
    "events:detail": view(SEE_MUEANG),
    "events:edit": form(CHANGE_HUA_RUEA),
    "events:delete": action(CHANGE_HUA_RUEA),
    # The check-in link, its QR code and code: for the event's organisers only (whoever reads them can register).
    "events:qr": view(CHANGE_HUA_RUEA),
    "events:checkin_code": action(who(CHANGE_HUA_RUEA, tambon=INVALID, district=INVALID, province=INVALID)),
    "events:attendees_remove": action(CHANGE_HUA_RUEA),
    "events:attendee_add": action(CHANGE_HUA_RUEA),
    "events:attendee_pick": action(CHANGE_HUA_RUEA),
    "events:counts": action(CHANGE_HUA_RUEA),
    "events:photo_add": action(CHANGE_HUA_RUEA),
    "events:attendee_remove": action(CHANGE_HUA_RUEA),
    "events:photo": view(SEE_MUEANG),
    "events:photo_delete": action(CHANGE_HUA_RUEA),
    # Partners.
    "partners:partner_list": view(who(SIGNED_IN, partner=HIDDEN)),  # per province; national users: all
    "partners:partner_create": form(who(MANAGE_PARTNERS, outsider=OK, department=HIDDEN)),
    "partners:partner_detail": view(SEE_UBON),
    "partners:partner_edit": form(MANAGE_PARTNERS),
    "partners:coordination_create": form(MANAGE_PARTNERS),
    "partners:coordination_edit": form(MANAGE_PARTNERS),
    "partners:coordination_delete": action(MANAGE_PARTNERS),
    "partners:project_match": view(SEE_MUEANG),
    "partners:portal": view(who(dict.fromkeys(PERSONAS, REFUSED), anon=LOGIN, partner=OK)),
    # The abbreviations of partners' names: the province's users see its list (the outsider sees its own
    # province's), its province officers change it.
    "partners:abbreviation_list": Rule(
        get=who(SIGNED_IN, partner=HIDDEN, department=HIDDEN),
        post=who(MANAGE_UBON, outsider=OK, department=HIDDEN),
    ),
    "partners:abbreviation_edit": form(MANAGE_UBON),
    "partners:abbreviation_delete": action(MANAGE_UBON),
    "partners:commitment_create": form(CHANGE_HUA_RUEA),
    "partners:commitment": view(SEE_MUEANG),
    "partners:commitment_edit": form(CHANGE_HUA_RUEA),
    "partners:commitment_transition": action(CHANGE_HUA_RUEA),
    "partners:commitment_document": view(SEE_MUEANG),
    "partners:integration_tambon": view(SEE_MUEANG),
    "partners:integration_tambon_xlsx": view(SEE_MUEANG),
    "partners:integration_district": view(SEE_MUEANG),
    "partners:integration_district_xlsx": view(SEE_MUEANG),
    "partners:integration_province": view(SEE_UBON),
    "partners:integration_province_xlsx": view(SEE_UBON),
    # Answers to forwardings and the ledger (funding); the province's budget-year window.
    "funding:answer_create": form(CHANGE_HUA_RUEA),
    "funding:answer_edit": form(CHANGE_HUA_RUEA),
    "funding:answer_delete": action(CHANGE_HUA_RUEA),
    "funding:answer_scan": view(SEE_MUEANG),
    "funding:project_ledger": view(SEE_MUEANG),
    "funding:window": form(MANAGE_UBON),
    # Village plans (แผนพัฒนาหมู่บ้าน/แผนชุมชน) of Hua Ruea: seen like its tambon plan, changed by its editors.
    "villageplans:index": view(who(SIGNED_IN, partner=HIDDEN)),
    "villageplans:district": view(SEE_MUEANG),
    "villageplans:tambon": view(SEE_MUEANG),
    "villageplans:plan_create": form(CHANGE_HUA_RUEA),
    "villageplans:pull_tambon": action(CHANGE_HUA_RUEA),
    "villageplans:communities": Rule(get=SEE_MUEANG, post=CHANGE_HUA_RUEA),
    "villageplans:import": form(CHANGE_HUA_RUEA),
    "villageplans:import_template": view(SEE_MUEANG),
    "villageplans:community_edit": form(CHANGE_HUA_RUEA),
    "villageplans:plan": view(SEE_MUEANG),
    "villageplans:plan_edit": form(CHANGE_HUA_RUEA),
    "villageplans:plan_delete": action(CHANGE_HUA_RUEA),
    "villageplans:minutes": view(SEE_MUEANG),
    "villageplans:pull_plan": action(CHANGE_HUA_RUEA),
    "villageplans:item_create": form(CHANGE_HUA_RUEA),
    "villageplans:item_edit": form(CHANGE_HUA_RUEA),
    "villageplans:item_delete": action(CHANGE_HUA_RUEA),
    "villageplans:item_pull": action(CHANGE_HUA_RUEA),
    # Village data (จปฐ./กชช.2ค): the offices' own (a partner's users find nothing); editors import their area's.
    "villagedata:index": view(who(SIGNED_IN, partner=HIDDEN)),
    "villagedata:indicators": view(who(SIGNED_IN, partner=HIDDEN)),
    "villagedata:import": form(who(SIGNED_IN, viewer=REFUSED, department=REFUSED, partner=HIDDEN)),
    "villagedata:import_template": view(who(SIGNED_IN, viewer=REFUSED, department=REFUSED, partner=HIDDEN)),
    "villagedata:tambon": view(SEE_MUEANG),
    "villagedata:village": view(SEE_MUEANG),
    "partners:project_progress": form(SEE_MUEANG, CHANGE_HUA_RUEA),
    "partners:progress_evidence": view(SEE_MUEANG),
    "partners:progress_evidence_delete": action(CHANGE_HUA_RUEA),
    # Directives.
    "directives:list": view(SIGNED_IN),
    "directives:create": form(who(MANAGE_UBON, outsider=OK, partner=REFUSED)),
    "directives:detail": view(SEE_MUEANG),
    "directives:edit": form(MANAGE_CIRCULAR),
    "directives:issue": action(MANAGE_CIRCULAR),
    "directives:acknowledge": action(who(CHANGE_MUEANG, province=REFUSED)),
    "directives:pdf": view(SEE_MUEANG),
    "directives:docx": view(SEE_MUEANG),
    "directives:instruction_add": form(MANAGE_CIRCULAR),
    "directives:instruction_edit": form(MANAGE_CIRCULAR),
    "directives:instruction_delete": action(MANAGE_CIRCULAR),
    "directives:enclosure_add": form(MANAGE_CIRCULAR),
    "directives:enclosure_delete": action(MANAGE_CIRCULAR),
    "directives:enclosure": view(SEE_MUEANG),
    "directives:enclosure_file": view(SEE_MUEANG),
    "directives:enclosure_public_link_renew": action(MANAGE_CIRCULAR),
    "directives:enclosure_public": view(EVERYONE),  # public: the printed QR code's link is the permission
    # The API (below): reads; its writes are in API_WRITES.
    "api:api-root": view(dict.fromkeys(PERSONAS, HIDDEN)),  # no page of its own: see /api/v1/docs
    "api:openapi-json": view(EVERYONE),
    "api:openapi-view": view(EVERYONE),
    "api:provinces": api_view(EVERYONE),
    "api:province": api_view(SEE_UBON),
    "api:districts": api_view(EVERYONE),
    "api:district": api_view(SEE_MUEANG),
    "api:tambons": api_view(EVERYONE),
    "api:tambon": api_view(SEE_MUEANG),
    "api:villages": api_view(EVERYONE),
    "api:village": api_view(SEE_MUEANG),
    "api:plans": api_view(EVERYONE),
    "api:plan": api_view(SEE_MUEANG),
    "api:plan_steps": api_view(SEE_MUEANG),
    "api:needs": api_view(EVERYONE),
    "api:need": api_view(SEE_MUEANG),
    "api:projects": api_view(EVERYONE),
    "api:project": api_view(SEE_MUEANG),
    "api:project_progress": api_view(SEE_MUEANG),
    "api:project_milestone": Rule(),  # PATCH only
    "api:committees": api_view(EVERYONE),
    "api:committee": api_view(SEE_MUEANG),
    "api:orders": api_view(EVERYONE),
    "api:order": api_view(SEE_MUEANG),
    "api:events": api_view(EVERYONE),
    "api:event": api_view(SEE_MUEANG),
    "api:event_attendees": Rule(get=who(SEE_MUEANG, anon=UNAUTHORIZED)),  # and POST with a body
    "api:event_attendee": Rule(),  # DELETE only
    "api:event_counts": Rule(),  # PUT only
    "api:partners": api_view(EVERYONE),
    "api:partner": api_view(SEE_UBON),
    "api:commitments": api_view(EVERYONE),
    "api:commitment": api_view(SEE_MUEANG),
    "api:integration": api_view(who(EVERYONE, partner=HIDDEN)),  # the user's own area without ?area=
    "api:funding_entries": api_view(EVERYONE),
    "api:forwarding_answers": api_view(EVERYONE),
    "api:forwarding_answer": api_view(SEE_MUEANG),
    "api:forwarding_answer_create": Rule(),  # POST with a body (tests/funding/test_api.py)
    # The local-government register, village plans and village data: read-only, scoped as their pages.
    "api:local_governments": api_view(EVERYONE),
    "api:local_government": api_view(SEE_MUEANG),
    "api:village_plans": api_view(EVERYONE),
    "api:village_plan": api_view(SEE_MUEANG),
    "api:communities": api_view(EVERYONE),
    "api:indicators": api_view(EVERYONE),
    "api:indicator_results": api_view(EVERYONE),
    "api:indicator_result": api_view(SEE_MUEANG),
    "api:circulars": api_view(EVERYONE),
    "api:circular": api_view(SEE_MUEANG),
    "api:circular_rates": api_view(PROVINCE_PAGES),
    "api:report_start": Rule(post=who(CHANGE_MUEANG, anon=UNAUTHORIZED, province=REFUSED, other=HIDDEN)),
    "api:reports": api_view(EVERYONE),
    "api:report": api_view(SEE_REPORT),
    "api:report_version": api_view(SEE_REPORT),
    "api:report_items": Rule(),  # POST with a body
    "api:report_item": Rule(),  # DELETE only
    # The user's own API tokens; a partner's users have none. Revoking: the district officer's own token.
    "api_tokens:list": form(who(SIGNED_IN, partner=REFUSED)),
    "api_tokens:revoke": action(
        who(dict.fromkeys(PERSONAS, HIDDEN), anon=LOGIN, district=OK, partner=REFUSED)
    ),
    # Reports.
    "reports:index": view(SIGNED_IN),
    "reports:rates": view(PROVINCE_PAGES),
    "reports:remind": action(who(PROVINCE_PAGES, viewer=REFUSED, department=REFUSED)),
    "reports:consolidation": view(PROVINCE_PAGES),
    "reports:consolidation_pdf": view(PROVINCE_PAGES),
    "reports:consolidation_docx": view(PROVINCE_PAGES),
    "reports:consolidation_xlsx": view(PROVINCE_PAGES),
    "reports:district": form(SEE_REPORT, WRITE_REPORT),  # redirects to the report once started
    "reports:detail": view(SEE_REPORT),
    "reports:edit": form(WRITE_REPORT),
    # The world's report is sent: the district's autosave is refused (400) with the message, never saved.
    "reports:autosave": action(who(WRITE_REPORT, district=INVALID)),
    "reports:item_add": action(WRITE_REPORT),
    "reports:item_delete": action(WRITE_REPORT),
    "reports:submit": action(WRITE_REPORT),
    "reports:return": action(REVIEW_REPORT),
    "reports:accept": action(REVIEW_REPORT),
    "reports:reopen": action(REVIEW_REPORT),
    "reports:version": view(SEE_REPORT),
    "reports:pdf": view(SEE_REPORT),
    "reports:docx": view(SEE_REPORT),
    "reports:xlsx": view(SEE_REPORT),
    # The cover letters: the district's written by its officers, read like its report; the province's
    # (with the consolidation's date, preparer and approver) entered by those who may change the circular.
    "reports:letter_edit": form(WRITE_REPORT),
    "reports:letter_pdf": view(SEE_REPORT),
    "reports:letter_docx": view(SEE_REPORT),
    "reports:consolidation_record": form(who(PROVINCE_PAGES, viewer=REFUSED, department=REFUSED)),
    "reports:consolidation_letter_pdf": view(PROVINCE_PAGES),
    "reports:consolidation_letter_docx": view(PROVINCE_PAGES),
    # Notifications: one's own list, preferences and LINE link; an area's LINE group by its district or province
    # officers; the province's rule by its officers; failed deliveries for administrators; LINE's webhook is
    # public and refuses anything unsigned (400).
    "notifications:list": view(SIGNED_IN),
    "notifications:read": action(who(dict.fromkeys(PERSONAS, HIDDEN), anon=LOGIN, district=OK)),
    "notifications:read_all": action(SIGNED_IN),
    "notifications:preferences": form(SIGNED_IN),
    "notifications:province_policy": action(who(MANAGERS, other=REFUSED, district=REFUSED)),
    "notifications:line_link": action(SIGNED_IN),
    "notifications:line_unlink": action(SIGNED_IN),
    "notifications:line_group_link": action(MANAGERS),
    "notifications:line_group_unlink": action(MANAGERS),
    "notifications:failures": view(who(dict.fromkeys(PERSONAS, REFUSED), anon=LOGIN)),
    "notifications:line_webhook": Rule(
        get=dict.fromkeys(PERSONAS, NOT_ALLOWED), post=dict.fromkeys(PERSONAS, INVALID)
    ),
    # Open data.
    "opendata:index": view(EVERYONE),
    "opendata:provinces": view(EVERYONE),
    "opendata:districts": view(EVERYONE),
    "opendata:dictionary": view(EVERYONE),
}

# Every admin URL: staff and superusers only; none of the personas is staff, so all are sent to the admin's
# login page (Django's admin redirects logged-in non-staff users there too). The admin's login authenticates
# nobody (one front door): it sends the anonymous to the site's login and refuses the signed-in non-staff.
# The admin's logout is public.
ADMIN_RULE = view(ADMIN_ONLY)
ADMIN_LOGIN_DOOR = who(dict.fromkeys(PERSONAS, REFUSED), anon=LOGIN)
ADMIN_PUBLIC = {"admin:login": form(ADMIN_LOGIN_DOOR, ADMIN_LOGIN_DOOR), "admin:logout": action(EVERYONE)}

# Known authorization bugs: (url name, method, persona) -> reason, marked xfail(strict=True) below. The ones the
# matrix found when it was written (refusals after form validation, a 500 on deleting a village in use) are fixed.
KNOWN_BUGS: dict[tuple[str, str, str], str] = {}


def rule_for(name: str) -> Rule | None:
    if name in POLICY:
        return POLICY[name]
    if name in ADMIN_PUBLIC:
        return ADMIN_PUBLIC[name]
    if name.startswith("admin:"):
        return ADMIN_RULE
    return None


# ---------------------------------------------------------------------------------------------------------
# The cases.

PATTERNS = url_patterns()
# Admin URLs requested: the index, its login/logout, and the user model's list/add/change pages; every other
# admin URL (one wrapper, ``AdminSite.admin_view``, guards them all) is covered by the rule but not requested.
ADMIN_SAMPLE = {
    "admin:index": {},
    "admin:login": {},
    "admin:logout": {},
    "admin:accounts_user_changelist": {},
    "admin:accounts_user_add": {},
    "admin:accounts_user_change": {"object_id": "1"},
    "admin:app_list": {"app_label": "accounts"},
}


def _cases():
    for pattern in PATTERNS:
        rule = rule_for(pattern.name)
        if rule is None or (pattern.name.startswith("admin:") and pattern.name not in ADMIN_SAMPLE):
            continue
        for method, expected in (("GET", rule.get), ("POST", rule.post)):
            if expected is None:
                continue
            for persona in PERSONAS:
                case_id = f"{pattern.name}-{method}-{persona}"
                reason = KNOWN_BUGS.get((pattern.name, method, persona))
                marks = [pytest.mark.xfail(strict=True, reason=f"BUG: {reason}")] if reason else []
                yield pytest.param(pattern.name, method, persona, expected[persona], id=case_id, marks=marks)


CASES = list(_cases())


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """Personas and objects made once for the module, inside a transaction rolled back at its end.

    Each test runs in its own savepoint (pytest-django's ``db``), so a delete or an edit made by one request
    is undone before the next.
    """
    media = tmp_path_factory.mktemp("media")
    hashers = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media, PASSWORD_HASHERS=hashers):
        with transaction.atomic():
            users = make_personas()
            mueang = build_world("340104", users[DISTRICT])
            users[PARTNER] = make_partner_user(mueang.partner)
            from tests.conftest import make_user

            warin_officer = make_user("warin_writer", "district", district="3415")
            warin = build_world("341501", warin_officer, suffix="warin")
            sisaket_officer = make_user("sisaket_writer", "district", district="3301")
            sisaket = build_world("330101", sisaket_officer, suffix="sisaket")
            yield {"users": users, "mueang": mueang, "warin": warin, "sisaket": sisaket}
            transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def url_for(name: str, args: dict) -> str:
    if name in ADMIN_SAMPLE:
        return reverse(name, kwargs=ADMIN_SAMPLE[name])
    return reverse(name, kwargs=args.get(name, {}))


def request(world, persona: str, method: str, url: str):
    client = Client()
    user = world["users"][persona]
    if user is not None:
        client.force_login(user)
    return client.get(url) if method == "GET" else client.post(url, {})


# ---------------------------------------------------------------------------------------------------------
# The tests.


def test_every_url_has_a_policy():
    """A URL added anywhere in the URL configuration fails here until the policy says who may reach it."""
    missing = [f"{p.name} ({p.route})" for p in PATTERNS if rule_for(p.name) is None]
    assert not missing, "URL patterns without an authorization policy: " + ", ".join(missing)
    stale = sorted(set(POLICY) - {p.name for p in PATTERNS})
    assert not stale, f"policy entries for URLs that no longer exist: {stale}"


@pytest.mark.django_db
def test_every_object_url_names_built_objects(world):
    """Every URL with arguments gets them from the world, so each is requested with real ids."""
    for pattern in PATTERNS:
        if pattern.name.startswith("admin:") or "<" not in pattern.route:
            continue
        assert pattern.name in world["mueang"].args, pattern.name
        assert pattern.name in world["warin"].args, pattern.name


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "method", "persona", "expected"), CASES)
def test_matrix(world, name, method, persona, expected):
    url = url_for(name, world["mueang"].args)
    response = request(world, persona, method, url)
    actual = outcome_of(response)
    where = (
        f"{method} {name} ({url}) as {persona}: expected {expected}, got {actual} [{response.status_code}]"
    )
    assert response.status_code < 500, where
    # The invariants, whatever the table says.
    if persona == ANON and expected in (REFUSED, HIDDEN, LOGIN) and not name.startswith("api:"):
        assert actual == LOGIN, where
    if method == "POST" and persona in READ_ONLY and expected in (REFUSED, HIDDEN):
        assert actual in (REFUSED, HIDDEN, NOT_ALLOWED, LOGIN, ADMIN_LOGIN), where
    assert actual == expected, where


# Who guesses whose ids: Mueang's officers guess Warin Chamrap's, Ubon's province people guess Si Sa Ket's.
FOREIGN = ((TAMBON, "warin"), (DISTRICT, "warin"), (PROVINCE, "sisaket"), (VIEWER, "sisaket"))


def _foreign_cases():
    for pattern in PATTERNS:
        # The token is the permission: no area.
        public_links = ("checkin", "directives:enclosure_public", "accounts:password_reset_confirm")
        if pattern.name.startswith("admin:") or "<" not in pattern.route or pattern.name in public_links:
            continue
        rule = POLICY[pattern.name]
        for method, expected in (("GET", rule.get), ("POST", rule.post)):
            if expected is None or (method == "POST" and rule.get is not None):
                continue  # a form's GET already looks the object up
            # Province-level objects of Ubon are Warin's officers' too: only Si Sa Ket's are foreign to them.
            province_level = expected[OTHER] != HIDDEN
            for persona, area in FOREIGN:
                if province_level and area == "warin":
                    continue
                case_id = f"{pattern.name}-{method}-{persona}-{area}"
                reason = KNOWN_BUGS.get((pattern.name, method, f"{persona}@{area}"))
                marks = [pytest.mark.xfail(strict=True, reason=f"BUG: {reason}")] if reason else []
                yield pytest.param(pattern.name, method, persona, area, id=case_id, marks=marks)


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "method", "persona", "area"), list(_foreign_cases()))
def test_guessing_another_areas_ids_answers_404(world, name, method, persona, area):
    url = url_for(name, world[area].args)
    response = request(world, persona, method, url)
    own = getattr(POLICY[name], method.lower())[persona]
    # A role-based refusal (403 whatever the object, e.g. user management for a tambon officer) reveals nothing.
    allowed = (404, 403) if own == REFUSED else (404,)
    assert response.status_code in allowed, (
        f"{method} {name} ({url}) as {persona}: got {response.status_code}"
    )


# ---------------------------------------------------------------------------------------------------------
# The API's writes: each with a valid body (so that only who asks decides the answer), through the signed-in
# session as the docs page's "Try it out" does; tokens act as their user (tests/api/test_tokens.py).


@dataclass(frozen=True)
class ApiWrite:
    name: str
    method: str
    body: Callable[[dict], dict | None]  # from the URL's arguments
    expected: dict


API_CHANGE_HUA_RUEA = who(CHANGE_HUA_RUEA, anon=UNAUTHORIZED)
# The world's report is submitted: its district may write but is told the report is not editable (400).
API_WRITE_SUBMITTED = who(WRITE_REPORT, anon=UNAUTHORIZED, district=INVALID)


def _report_revision(args: dict) -> dict:
    return {"revision": DistrictReport.objects.get(pk=args["report_id"]).revision}


def _project_status(args: dict) -> dict:
    return {"status": "under_way", "version": Project.objects.get(pk=args["project_id"]).version}


API_WRITES = [
    ApiWrite("api:project", "PATCH", _project_status, API_CHANGE_HUA_RUEA),
    ApiWrite(
        "api:project_progress", "PUT", lambda a: {"percent": 10, "reason": "ทดสอบ"}, API_CHANGE_HUA_RUEA
    ),
    ApiWrite("api:project_progress", "DELETE", lambda a: None, API_CHANGE_HUA_RUEA),
    ApiWrite("api:project_milestone", "PATCH", lambda a: {"done_on": None}, API_CHANGE_HUA_RUEA),
    ApiWrite(
        "api:event_attendees", "POST", lambda a: {"name": "นายทดสอบ", "group": "leaders"}, API_CHANGE_HUA_RUEA
    ),
    ApiWrite("api:event_attendee", "DELETE", lambda a: None, API_CHANGE_HUA_RUEA),
    ApiWrite("api:event_counts", "PUT", lambda a: {"leaders": 3}, API_CHANGE_HUA_RUEA),
    ApiWrite("api:report", "PATCH", _report_revision, API_WRITE_SUBMITTED),
    ApiWrite(
        "api:report_items",
        "POST",
        lambda a: {"kind": "problem", "category": "time", "text": "ช้า"},
        API_WRITE_SUBMITTED,
    ),
    ApiWrite("api:report_item", "DELETE", lambda a: None, API_WRITE_SUBMITTED),
    ApiWrite(
        "api:forwarding_answer_create",
        "POST",
        lambda a: {"answered_on": timezone.localdate().isoformat(), "inclusion": "considering"},
        API_CHANGE_HUA_RUEA,
    ),
]


def api_send(world, persona: str, write: ApiWrite, area: str = "mueang"):
    args = world[area].args[write.name]
    client = Client()
    user = world["users"][persona]
    if user is not None:
        client.force_login(user)
    body = write.body(args)
    data = json.dumps(body) if body is not None else ""
    return getattr(client, write.method.lower())(
        reverse(write.name, kwargs=args), data, content_type="application/json"
    )


def test_every_api_write_is_in_the_matrix():
    """Every write operation of the API (any method but GET) has an entry in API_WRITES or a POST rule."""
    from tambonplan.api.api import api

    declared = {(w.name, w.method) for w in API_WRITES}
    missing = []
    for router_prefix, router in api._routers:
        for path, view in router.path_operations.items():
            for operation in view.operations:
                name = f"api:{view.url_name}"
                for method in operation.methods:
                    if method == "GET" or (method == "POST" and POLICY[name].post is not None):
                        continue
                    if (name, method) not in declared:
                        missing.append(f"{method} {router_prefix}{path}")
    assert not missing, f"API writes without a matrix entry: {missing}"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("write", "persona"),
    [pytest.param(w, p, id=f"{w.name}-{w.method}-{p}") for w in API_WRITES for p in PERSONAS],
)
def test_api_writes(world, write, persona):
    response = api_send(world, persona, write)
    actual = outcome_of(response)
    expected = write.expected[persona]
    assert response.status_code < 500
    assert actual == expected, f"{write.method} {write.name} as {persona}: expected {expected}, got {actual}"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("write", "persona", "area"),
    [pytest.param(w, p, a, id=f"{w.name}-{w.method}-{p}-{a}") for w in API_WRITES for p, a in FOREIGN],
)
def test_api_writes_to_another_areas_ids_answer_404(world, write, persona, area):
    assert api_send(world, persona, write, area).status_code == 404
