"""The committee pages: overview counts and filters, exports, who sees and changes what, the full flow."""

import io
import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from tambonplan.areas.models import Tambon
from tambonplan.committees.models import (
    AppointmentOrder,
    Committee,
    CompositionTemplate,
    Member,
    MemberStatus,
    OrderReview,
    OrderState,
    ReviewDeadline,
)
from tests.committees import factories as f

MUEANG_TAMBONS = 12
WARIN_TAMBONS = 16
UBON_TAMBONS = 219
UBON_DISTRICTS = 25


@pytest.fixture
def mueang(db):
    """Hua Ruea and Nong Khon with current ก.บ.ต. orders, Nai Mueang with an outdated one, one in Warin."""
    f.set_review_date()
    return {
        "hua_ruea": f.order("kbt", f.HUA_RUEA, number="12/2567", signed_on=f.AFTER),
        "nong_khon": f.order("kbt", f.NONG_KHON, number="13/2567", signed_on=f.AFTER),
        "nai_mueang": f.order("kbt", f.NAI_MUEANG, number="3/2560", signed_on=f.BEFORE),
        "warin": f.order("kbt", f.WARIN_TAMBON, number="7/2567", signed_on=f.AFTER),
    }


def counts(overview_counts) -> tuple[int, int, int]:
    return (overview_counts.current, overview_counts.needs_review, overview_counts.missing)


def kind_counts_in_html(response, kind_code: str) -> tuple[int, ...]:
    """The figures of the kind's line in the counts table: current, needs review, missing, total."""
    match = re.search(rf'<tr data-kind="{kind_code}">(.*?)</tr>', response.content.decode(), re.S)
    assert match, f"no line for {kind_code}"
    return tuple(int(n.replace(",", "")) for n in re.findall(r'<td class="num[^"]*">([\d,]+)</td>', match[1]))


def states_in_html(response) -> list[str]:
    return re.findall(r'<tr data-state="(\w+)">', response.content.decode())


def workbook(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    return load_workbook(io.BytesIO(response.content))


def data_rows(sheet) -> list[list]:
    return [list(row) for row in sheet.iter_rows(min_row=2, values_only=True)]


# ------------------------------------------------------------------ district overview


def test_district_overview_counts_by_kind_and_state(personas, mueang):
    response = personas.client_for(personas.district_officer).get("/committees/district/3401/")

    assert response.status_code == 200
    by_kind = response.context["overview"].by_kind
    assert counts(by_kind["kbt"]) == (2, 1, MUEANG_TAMBONS - 3)
    assert counts(by_kind["socho_t"]) == (0, 0, MUEANG_TAMBONS)
    assert counts(by_kind["socho_a"]) == (0, 0, 1)
    assert set(by_kind) == {"kbt", "socho_t", "socho_a"}  # no ศอช.จ., no kinds that are not reviewed
    assert kind_counts_in_html(response, "kbt") == (2, 1, 9, 12)
    assert kind_counts_in_html(response, "socho_t") == (0, 0, 12, 12)
    assert kind_counts_in_html(response, "socho_a") == (0, 0, 1, 1)
    states = states_in_html(response)
    assert len(states) == 2 * MUEANG_TAMBONS + 1
    assert states.count("current") == 2 and states.count("needs_review") == 1


def test_district_overview_lists_the_outdated_order_with_its_reason(personas, mueang):
    response = personas.client_for(personas.district_officer).get("/committees/district/3401/")

    rows = {(row.kind.code, row.area_code): row for row in response.context["rows"]}
    outdated = rows[("kbt", f.NAI_MUEANG)]
    assert outdated.currency.state == "needs_review"
    assert outdated.order.number == "3/2560"
    assert "ก่อนวันที่จังหวัดกำหนดให้ทบทวน" in outdated.currency.reasons[0]
    assert rows[("kbt", f.HUA_RUEA)].currency.state == "current"
    assert rows[("socho_a", f.MUEANG)].area_name == "อำเภอเมืองอุบลราชธานี"
    # inactive tambons of Mueang (e.g. 340102) are not expected to have committees
    assert ("kbt", "340102") not in rows
    assert all(code.startswith("3401") for _kind, code in rows)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind=kbt&state=needs_review", [("kbt", f.NAI_MUEANG)]),
        ("kind=kbt&state=current", [("kbt", f.HUA_RUEA), ("kbt", f.NONG_KHON)]),
        ("state=current", [("kbt", f.HUA_RUEA), ("kbt", f.NONG_KHON)]),
        ("kind=socho_a", [("socho_a", f.MUEANG)]),
    ],
)
def test_district_overview_filters(personas, mueang, query, expected):
    response = personas.client_for(personas.district_officer).get(f"/committees/district/3401/?{query}")

    assert response.status_code == 200
    assert sorted((row.kind.code, row.area_code) for row in response.context["rows"]) == sorted(expected)
    assert len(states_in_html(response)) == len(expected)
    # the counts stay those of the whole district
    assert counts(response.context["overview"].by_kind["kbt"]) == (2, 1, 9)


def test_district_overview_filter_by_state_missing_and_by_kind(personas, mueang):
    client = personas.client_for(personas.district_officer)

    missing = client.get("/committees/district/3401/?state=missing").context["rows"]
    socho_t = client.get("/committees/district/3401/?kind=socho_t").context["rows"]

    assert len(missing) == 9 + MUEANG_TAMBONS + 1
    assert {row.currency.state for row in missing} == {"missing"}
    assert len(socho_t) == MUEANG_TAMBONS and {row.kind.code for row in socho_t} == {"socho_t"}


def test_district_overview_ignores_an_unknown_filter(personas, mueang):
    response = personas.client_for(personas.district_officer).get("/committees/district/3401/?state=nonsense")

    assert response.status_code == 200
    assert len(response.context["rows"]) == 2 * MUEANG_TAMBONS + 1


@pytest.mark.parametrize("query", ["", "kind=kbt", "state=needs_review", "kind=socho_t&state=missing"])
def test_district_export_has_the_rows_of_the_page(personas, mueang, query):
    client = personas.client_for(personas.district_officer)
    page_rows = client.get(f"/committees/district/3401/?{query}").context["rows"]

    sheet = workbook(client.get(f"/committees/district/3401/export.xlsx?{query}")).worksheets[0]

    assert [cell.value for cell in sheet[1]][:5] == ["รหัสพื้นที่", "พื้นที่", "อำเภอ", "ประเภท", "สถานะ"]
    exported = data_rows(sheet)
    assert [(row[0], row[3], row[4]) for row in exported] == [
        (row.area_code, row.kind.short_name, row.currency.label) for row in page_rows
    ]


def test_district_export_details(personas, mueang):
    client = personas.client_for(personas.district_officer)

    sheet = workbook(
        client.get("/committees/district/3401/export.xlsx?kind=kbt&state=needs_review")
    ).worksheets[0]

    [row] = data_rows(sheet)
    assert row[:6] == [f.NAI_MUEANG, "ตำบลในเมือง", "เมืองอุบลราชธานี", "ก.บ.ต.", "ต้องทบทวน", "3/2560"]
    assert row[6].date() == f.BEFORE
    assert row[7] is None  # a ก.บ.ต. has no term
    assert "ก่อนวันที่จังหวัดกำหนดให้ทบทวน" in row[8]


# ------------------------------------------------------------------ province overview


def test_province_overview_counts_by_district(personas, mueang):
    response = personas.client_for(personas.province_officer).get("/committees/province/34/")

    assert response.status_code == 200
    overview = response.context["overview"]
    assert len(overview.by_district) == UBON_DISTRICTS
    assert counts(overview.by_district["3401"]["kbt"]) == (2, 1, MUEANG_TAMBONS - 3)
    assert counts(overview.by_district["3401"]["socho_t"]) == (0, 0, MUEANG_TAMBONS)
    assert counts(overview.by_district["3401"]["socho_a"]) == (0, 0, 1)
    assert counts(overview.by_district["3415"]["kbt"]) == (1, 0, WARIN_TAMBONS - 1)
    assert counts(overview.by_kind["kbt"]) == (3, 1, UBON_TAMBONS - 4)
    assert counts(overview.by_kind["socho_j"]) == (0, 0, 1)
    missing = (UBON_TAMBONS - 4) + UBON_TAMBONS + UBON_DISTRICTS + 1
    assert counts(overview.total) == (3, 1, missing)
    text = response.content.decode()
    assert 'data-figure="current">3<' in text
    assert 'data-figure="needs_review">1<' in text
    assert f'data-figure="missing">{missing}<' in text
    assert "จังหวัดกำหนดให้ทบทวนคำสั่งที่ออกก่อน" in text


def test_province_export_summary_matches_the_overview(personas, mueang):
    client = personas.client_for(personas.province_officer)
    overview = client.get("/committees/province/34/").context["overview"]

    book = workbook(client.get("/committees/province/34/export.xlsx"))
    summary, detail = book.worksheets

    headers = [cell.value for cell in summary[1]]
    assert headers[:5] == ["รหัส", "อำเภอ", "ก.บ.ต. เป็นปัจจุบัน", "ก.บ.ต. ต้องทบทวน", "ก.บ.ต. ไม่มีคำสั่ง"]
    lines = {row[0]: row for row in data_rows(summary)}
    assert len(lines) == UBON_DISTRICTS
    assert lines["3401"][:8] == ["3401", "เมืองอุบลราชธานี", 2, 1, 9, 0, 0, 12]
    assert lines["3415"][2:5] == [1, 0, 15]
    for code, per_kind in overview.by_district.items():
        expected = [n for kind in overview.kinds for n in counts(per_kind[kind.code])]
        assert lines[code][2:] == expected
    detail_rows = data_rows(detail)
    assert len(detail_rows) == 2 * UBON_TAMBONS + UBON_DISTRICTS + 1
    assert sum(1 for row in detail_rows if row[4] == "เป็นปัจจุบัน") == 3


def test_province_officer_sets_the_review_date_through_the_page(personas, mueang):
    client = personas.client_for(personas.province_officer)
    ReviewDeadline.objects.all().delete()

    response = client.post("/committees/province/34/review-date/", {"review_date": "๐๑/๑๐/๒๔๐๐"})
    assert response.status_code == 302

    response = client.post("/committees/province/34/review-date/", {"review_date": "01/01/2600"})
    assert response.status_code == 302
    deadline = ReviewDeadline.objects.get(province_id="34", fiscal_year=f.fiscal_year())
    assert deadline.review_date.year == 2600 - 543
    overview = client.get("/committees/province/34/").context["overview"]
    assert counts(overview.by_kind["kbt"]) == (0, 4, UBON_TAMBONS - 4)  # every order predates it


# ------------------------------------------------------------------ who sees what


def test_other_district_gets_404_on_mueangs_pages_and_urls(personas, mueang):
    draft = f.order("kbt", f.NAI_MUEANG, state=OrderState.DRAFT)
    order, member = mueang["hua_ruea"], mueang["hua_ruea"].members.first()
    client = personas.client_for(personas.other_district_officer)

    gets = [
        "/committees/district/3401/",
        "/committees/district/3401/export.xlsx",
        f"/committees/c/kbt/{f.HUA_RUEA}/",
        f"/committees/c/socho_a/{f.MUEANG}/",
        f"/committees/orders/{order.pk}/",
        f"/committees/orders/{order.pk}/order.pdf",
        f"/committees/orders/{order.pk}/order.docx",
        f"/committees/orders/{order.pk}/scan/",
        f"/committees/orders/{draft.pk}/members/new/",
        f"/committees/orders/{draft.pk}/members/template.xlsx",
        f"/committees/members/{member.pk}/edit/",
    ]
    for url in gets:
        assert client.get(url).status_code == 404, url
    posts = [
        f"/committees/c/kbt/{f.HUA_RUEA}/review/",
        f"/committees/c/kbt/{f.HUA_RUEA}/new-order/",
        f"/committees/orders/{draft.pk}/",
        f"/committees/orders/{draft.pk}/issue/",
        f"/committees/orders/{draft.pk}/discard/",
        f"/committees/members/{member.pk}/edit/",
        f"/committees/members/{draft.members.first().pk}/delete/",
    ]
    for url in posts:
        assert client.post(url, {"number": "666", "status": "died"}).status_code == 404, url
    assert AppointmentOrder.objects.filter(state=OrderState.DRAFT).count() == 1
    assert not OrderReview.objects.exists()
    assert Member.objects.filter(status=MemberStatus.SERVING).count() == Member.objects.count()
    # its own district is fine
    assert client.get("/committees/district/3415/").status_code == 200


def test_outsider_gets_404_on_ubons_province_pages(personas, mueang):
    client = personas.client_for(personas.outsider)

    for url in [
        "/committees/province/34/",
        "/committees/province/34/export.xlsx",
        "/committees/province/34/templates/",
        "/committees/province/34/templates/kbt/",
        "/committees/district/3401/",
        f"/committees/orders/{mueang['hua_ruea'].pk}/",
    ]:
        assert client.get(url).status_code == 404, url
    assert (
        client.post("/committees/province/34/review-date/", {"review_date": "01/01/2568"}).status_code == 404
    )
    assert client.get("/committees/province/33/").status_code == 200


def test_the_committee_index_sends_each_user_to_their_page(personas):
    assert (
        personas.client_for(personas.province_officer).get("/committees/").url == "/committees/province/34/"
    )
    assert (
        personas.client_for(personas.district_officer).get("/committees/").url == "/committees/district/3401/"
    )
    assert (
        personas.client_for(personas.tambon_officer).get("/committees/").url == "/committees/district/3401/"
    )


def test_viewer_sees_the_pages_but_cannot_act(personas, mueang):
    draft = f.order("kbt", f.NAI_MUEANG, state=OrderState.DRAFT, number="")
    order, member = mueang["hua_ruea"], mueang["hua_ruea"].members.first()
    client = personas.client_for(personas.viewer)

    for url in [
        "/committees/province/34/",
        "/committees/province/34/export.xlsx",
        "/committees/district/3401/",
        f"/committees/c/kbt/{f.HUA_RUEA}/",
        f"/committees/orders/{order.pk}/",
        f"/committees/orders/{draft.pk}/",
        "/committees/province/34/templates/kbt/",
    ]:
        assert client.get(url).status_code == 200, url
    page = client.get(f"/committees/c/kbt/{f.HUA_RUEA}/").content.decode()
    assert "ยืนยันว่าคำสั่งยังเป็นปัจจุบัน" not in page and "ออกคำสั่งใหม่" not in page
    assert 'name="number"' not in client.get(f"/committees/orders/{draft.pk}/").content.decode()

    posts = [
        (f"/committees/c/kbt/{f.HUA_RUEA}/review/", {"note": "x"}),
        (f"/committees/c/kbt/{f.NONG_KHON}/new-order/", {}),
        (f"/committees/c/socho_t/{f.HUA_RUEA}/new-order/", {}),
        (f"/committees/orders/{draft.pk}/", {"number": "1/2567", "version": draft.version}),
        (f"/committees/orders/{draft.pk}/issue/", {}),
        (f"/committees/orders/{draft.pk}/discard/", {}),
        (f"/committees/orders/{draft.pk}/members/new/", {"first_name": "x", "position": member.position_id}),
        (f"/committees/members/{member.pk}/edit/", {"status": "died", "status_on": "01/01/2567"}),
        (f"/committees/members/{draft.members.first().pk}/delete/", {}),
        ("/committees/province/34/review-date/", {"review_date": "01/01/2567"}),
        ("/committees/province/34/templates/kbt/", {"save_template": "1", "min_members": "3"}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code in (403, 404), url

    assert not OrderReview.objects.exists()
    assert not Committee.objects.filter(kind__code="socho_t").exists()
    assert not Committee.objects.filter(area_code=f.NONG_KHON, orders__state=OrderState.DRAFT).exists()
    draft.refresh_from_db()
    assert (draft.state, draft.number, draft.members.count()) == (OrderState.DRAFT, "", 5)
    member.refresh_from_db()
    assert member.status == MemberStatus.SERVING
    assert not CompositionTemplate.objects.exclude(province=None).exists()


def test_district_officer_cannot_change_the_province_settings(personas):
    client = personas.client_for(personas.district_officer)

    assert (
        client.post("/committees/province/34/review-date/", {"review_date": "01/01/2567"}).status_code == 403
    )
    response = client.post(
        "/committees/province/34/templates/socho_t/", {"save_template": "1", "min_members": "3"}
    )
    assert response.status_code == 403
    assert not ReviewDeadline.objects.exists()
    assert not CompositionTemplate.objects.exclude(province=None).exists()


def test_province_officer_customises_a_template_through_the_page(personas):
    client = personas.client_for(personas.province_officer)

    response = client.post(
        "/committees/province/34/templates/socho_t/",
        {
            "save_template": "1",
            "min_members": "๕",
            "max_members": "25",
            "requires_chair": "on",
            "requires_secretary": "on",
        },
    )

    assert response.status_code == 302
    template = CompositionTemplate.objects.get(province_id="34", kind__code="socho_t")
    assert (template.min_members, template.max_members) == (5, 25)
    assert CompositionTemplate.objects.get(province=None, kind__code="socho_t").min_members == 9


def test_tambon_officer_sees_only_its_two_tambons(personas, mueang):
    response = personas.client_for(personas.tambon_officer).get("/committees/district/3401/")

    assert response.status_code == 200
    rows = response.context["rows"]
    assert {row.area_code for row in rows if row.kind.level == "tambon"} == {f.HUA_RUEA, f.NONG_KHON}
    assert [(row.kind.code, row.area_code) for row in rows if row.kind.level != "tambon"] == [
        ("socho_a", "3401")
    ]
    by_kind = response.context["overview"].by_kind
    assert counts(by_kind["kbt"]) == (2, 0, 0)
    assert counts(by_kind["socho_t"]) == (0, 0, 2)
    assert "ตำบลในเมือง" not in response.content.decode()
    client = personas.client_for(personas.tambon_officer)
    assert client.get(f"/committees/c/kbt/{f.NAI_MUEANG}/").status_code == 404
    assert client.get(f"/committees/orders/{mueang['nai_mueang'].pk}/").status_code == 404


def test_tambon_officer_sees_the_districts_socho_as_it_is(personas, mueang):
    socho_a = f.order("socho_a", f.MUEANG, size=12)
    client = personas.client_for(personas.tambon_officer)

    rows = client.get("/committees/district/3401/").context["rows"]
    [row] = [row for row in rows if row.kind.code == "socho_a"]
    assert row.currency.state == "current"
    assert row.order == socho_a
    page = client.get(f"/committees/c/socho_a/{f.MUEANG}/")
    assert page.status_code == 200
    assert page.context["page"].in_force == socho_a
    # the link "รายละเอียดคำสั่ง" on that page works
    assert client.get(f"/committees/orders/{socho_a.pk}/").status_code == 200


def test_district_officer_sees_the_provinces_socho_on_the_province_page(personas):
    f.order("socho_j", f.UBON, size=15)

    response = personas.client_for(personas.district_officer).get("/committees/province/34/")

    assert response.status_code == 200
    [row] = response.context["province_rows"]
    assert (row.kind.code, row.currency.state) == ("socho_j", "current")


# ------------------------------------------------------------------ the full flow through the web


def test_district_officer_issues_a_new_order_from_the_existing_one(personas):
    f.set_review_date()
    old = f.order("kbt", f.HUA_RUEA, number="5/2565", signed_on=date(2022, 5, 1))
    client = personas.client_for(personas.district_officer)
    committee_url = f"/committees/c/kbt/{f.HUA_RUEA}/"

    page = client.get(committee_url)
    assert page.context["page"].currency.state == "needs_review"
    assert "ออกคำสั่งใหม่ (จากรายชื่อเดิม)" in page.content.decode()

    started = client.post(f"{committee_url}new-order/")
    assert started.status_code == 302
    draft = AppointmentOrder.objects.get(state=OrderState.DRAFT)
    assert started.url == f"/committees/orders/{draft.pk}/"
    form_page = client.get(started.url)
    assert form_page.status_code == 200
    assert form_page.context["form"] is not None
    assert len(form_page.context["members"]) == 5  # copied from the order in force

    saved = client.post(
        started.url,
        {
            "number": "๑๒/๒๕๖๖",
            "signed_on": "๑๔/๐๒/๒๕๖๖",
            "effective_on": "",
            "issuing_office": "อำเภอเมืองอุบลราชธานี",
            "subject": "",
            "signer_name": "นายวิชัย ปกครองดี",
            "signer_position": "นายอำเภอเมืองอุบลราชธานี",
            "version": draft.version,
        },
    )
    assert saved.status_code == 302, saved.context["form"].errors if saved.context else saved
    draft.refresh_from_db()
    assert draft.signed_on.isoformat() == "2023-02-14"
    assert draft.number == "12/2566"  # stored in Arabic digits, shown in each user's digit style

    added = client.post(
        f"/committees/orders/{draft.pk}/members/new/",
        {
            "title": "นาย",
            "first_name": "สุชาติ",
            "last_name": "คำดี",
            "position": f.position("กรรมการ").pk,
            "basis": "ex_officio",
            "ex_officio_post": "เกษตรตำบล",
            "affiliation": "สำนักงานเกษตรอำเภอ",
            "phone": "๐๘๑๒๓๔๕๖๗๘",
            "status": "serving",
            "status_on": "",
            "sort_order": "",
        },
    )
    assert added.status_code == 302
    assert draft.members.get(first_name="สุชาติ").phone == "0812345678"

    issued = client.post(f"/committees/orders/{draft.pk}/issue/")
    assert issued.status_code == 302
    assert issued.url == committee_url

    page = client.get(committee_url)
    text = page.content.decode()
    assert page.context["page"].in_force.pk == draft.pk
    assert [(o.pk, o.state) for o in page.context["page"].orders] == [
        (draft.pk, OrderState.IN_FORCE),
        (old.pk, OrderState.SUPERSEDED),
    ]
    timeline = text.split('id="order-timeline"', 1)[1]
    assert timeline.index("12/2566") < timeline.index("5/2565")
    assert "มีผลใช้บังคับ" in timeline and "ถูกแทนที่แล้ว" in timeline
    assert "คำสั่งที่มีผลใช้บังคับ: ที่ 12/2566 ลงวันที่ 14 กุมภาพันธ์ 2566" in text
    assert "นายสุชาติ คำดี" in text
    old.refresh_from_db()
    assert old.state == OrderState.SUPERSEDED


def test_a_user_of_the_thai_digit_style_sees_the_number_in_thai_digits(personas):
    f.order("kbt", f.HUA_RUEA, number="12/2566", signed_on=date(2023, 2, 14))
    officer = personas.district_officer
    officer.digit_style = "thai"
    officer.save()

    text = personas.client_for(officer).get(f"/committees/c/kbt/{f.HUA_RUEA}/").content.decode()

    assert "คำสั่งที่มีผลใช้บังคับ: ที่ ๑๒/๒๕๖๖ ลงวันที่ ๑๔ กุมภาพันธ์ ๒๕๖๖" in text


def test_issuing_an_incomplete_draft_through_the_web_shows_the_reasons(personas):
    draft = f.order("kbt", f.HUA_RUEA, state=OrderState.DRAFT, number="", signed_on=None, people=[])
    client = personas.client_for(personas.district_officer)

    response = client.post(f"/committees/orders/{draft.pk}/issue/", follow=True)

    text = response.content.decode()
    assert "กรุณาระบุเลขที่คำสั่ง" in text
    assert "กรุณาระบุวันที่ลงนาม" in text
    assert "คำสั่งต้องมีกรรมการอย่างน้อย 1 คน" in text
    draft.refresh_from_db()
    assert draft.state == OrderState.DRAFT


def test_a_stale_form_shows_the_concurrent_edit_message(personas):
    draft = f.order("kbt", f.HUA_RUEA, state=OrderState.DRAFT, number="")
    client = personas.client_for(personas.district_officer)
    stale = draft.version
    client.post(f"/committees/orders/{draft.pk}/", {"number": "1/2567", "version": stale})

    response = client.post(f"/committees/orders/{draft.pk}/", {"number": "2/2567", "version": stale})

    assert response.status_code == 200
    assert "ถูกแก้ไขโดยผู้อื่น" in response.content.decode()
    draft.refresh_from_db()
    assert draft.number == "1/2567"


def test_district_officer_confirms_an_order_through_the_page(personas):
    f.set_review_date()
    order = f.order("kbt", f.HUA_RUEA, signed_on=f.BEFORE)
    client = personas.client_for(personas.district_officer)

    response = client.post(f"/committees/c/kbt/{f.HUA_RUEA}/review/", {"note": "ตรวจแล้ว"}, follow=True)

    assert response.status_code == 200
    review = OrderReview.objects.get(order=order)
    assert review.reviewed_by == personas.district_officer
    assert response.context["page"].currency.state == "current"
    assert "ยืนยันว่ายังเป็นปัจจุบัน" in response.content.decode()
    assert "ตรวจแล้ว" in response.content.decode()


def test_marking_a_member_resigned_on_the_order_in_force(personas):
    order = f.order("kbt", f.HUA_RUEA)
    member = order.members.get(first_name="บุญมี")
    client = personas.client_for(personas.district_officer)

    response = client.post(
        f"/committees/members/{member.pk}/edit/",
        {"status": "resigned", "status_on": "๑/๓/๒๕๖๗", "phone": "", "first_name": "แอบแก้"},
    )

    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.status, member.status_on.isoformat(), member.first_name) == (
        "resigned",
        "2024-03-01",
        "บุญมี",
    )
    page = client.get(f"/committees/c/kbt/{f.HUA_RUEA}/")
    assert "นายบุญมี ศรีสุข (กรรมการ) ลาออก 1 มีนาคม 2567" in page.content.decode()


# ------------------------------------------------------------------ number of queries


def add_many(extra_district_tambons: int = 16) -> None:
    """Orders for every active tambon of Mueang (both kinds), its ศอช.อ., and ก.บ.ต. of Warin."""
    f.set_review_date()
    for index, tambon in enumerate(Tambon.objects.active().filter(district_id=f.MUEANG)):
        if not Committee.objects.filter(kind__code="kbt", area_code=tambon.code).exists():
            order = f.order("kbt", tambon.code, signed_on=f.BEFORE if index % 3 else f.AFTER)
            if index % 4 == 0:
                f.leave(order.members.first())
        f.order("socho_t", tambon.code, size=8 + index % 3)
    f.order("socho_a", f.MUEANG, size=10)
    f.order("socho_j", f.UBON, size=10)
    for tambon in Tambon.objects.active().filter(district_id=f.WARIN)[:extra_district_tambons]:
        if not Committee.objects.filter(kind__code="kbt", area_code=tambon.code).exists():
            f.order("kbt", tambon.code)


@pytest.mark.parametrize(
    ("persona", "url"),
    [
        ("district_officer", "/committees/district/3401/"),
        ("district_officer", "/committees/district/3401/export.xlsx"),
        ("tambon_officer", "/committees/district/3401/"),
        ("province_officer", "/committees/province/34/"),
        ("province_officer", "/committees/province/34/export.xlsx"),
    ],
)
def test_overview_queries_do_not_grow_with_the_number_of_committees(
    personas, mueang, django_assert_max_num_queries, persona, url
):
    client = personas.client_for(getattr(personas, persona))
    client.get(url)  # warm up (session, content types)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200

    add_many()
    assert Committee.objects.count() > 40

    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(url).status_code == 200
    with django_assert_max_num_queries(20):
        client.get(url)


def test_a_district_officer_cannot_start_an_order_for_the_provinces_socho(personas):
    client = personas.client_for(personas.district_officer)

    assert client.get("/committees/c/socho_j/34/").status_code == 200
    assert client.post("/committees/c/socho_j/34/new-order/").status_code == 403
    assert (
        personas.client_for(personas.province_officer).post("/committees/c/socho_j/34/new-order/").status_code
        == 302
    )
