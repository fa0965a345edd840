"""On time is decided in one place (reports.timeliness): by the end of the due date in Thailand, and for a
district by its first submission — a report sent on time, returned and sent again late is on time on every
surface: the rates page, the consolidation on screen, in the PDF, DOCX and XLSX, and the API (issue 19)."""

import io
from datetime import UTC, date, datetime, timedelta

from django.urls import reverse
from openpyxl import load_workbook

from tambonplan.directives.models import Circular
from tambonplan.reports import services
from tambonplan.reports.documents import consolidation_docx, consolidation_pdf, consolidation_xlsx
from tambonplan.reports.selectors import consolidation_of
from tambonplan.reports.timeliness import is_on_time, is_overdue
from tambonplan.thai.dates import BANGKOK
from tests.api.conftest import ApiClient
from tests.document_text import docx_text, pdf_text
from tests.reports import factories as rf


def due_circular(due=date(2023, 5, 15)) -> Circular:
    return Circular(report_due=due)


def test_on_time_until_the_last_second_of_the_due_date_in_bangkok():
    assert is_on_time(due_circular(), datetime(2023, 5, 15, 23, 59, 59, tzinfo=BANGKOK))
    assert not is_on_time(due_circular(), datetime(2023, 5, 16, 0, 0, 0, tzinfo=BANGKOK))
    # 16:59:59 UTC is 23:59:59 in Bangkok; 17:00 UTC is already the next day there.
    assert is_on_time(due_circular(), datetime(2023, 5, 15, 16, 59, 59, tzinfo=UTC))
    assert not is_on_time(due_circular(), datetime(2023, 5, 15, 17, 0, 0, tzinfo=UTC))
    assert is_on_time(due_circular(None), datetime(2030, 1, 1, tzinfo=BANGKOK))


def test_overdue_from_the_day_after_the_due_date():
    assert not is_overdue(due_circular(), date(2023, 5, 15))
    assert is_overdue(due_circular(), date(2023, 5, 16))
    assert not is_overdue(due_circular(None), date(2030, 1, 1))


def test_on_time_then_returned_then_late_is_on_time_everywhere(personas):
    circular = rf.circular(districts=(rf.MUEANG,))
    officer, province = personas.district_officer, personas.province_officer
    first = rf.submitted(officer, circular, at=rf.bangkok(rf.DUE, 10))
    report = services.return_for_correction(user=province, report=first.report, comment="แก้ตัวเลข")
    again = services.submit(user=officer, report=report, now=rf.bangkok(rf.DUE + timedelta(days=3), 9))
    services.accept(user=province, report=again.report)
    assert (first.on_time, again.on_time) == (True, False)  # each submission's own stamp

    rates = personas.client_for(province).get(reverse("reports:rates", args=[circular.pk])).content.decode()
    assert 'data-figure="on_time">1<' in rates and 'data-figure="late">0<' in rates
    screen = personas.client_for(province).get(reverse("reports:consolidation", args=[circular.pk]))
    assert 'data-on-time="1">ทันกำหนด<' in screen.content.decode()
    consolidation = consolidation_of(circular)
    assert "ทันกำหนด" in pdf_text(consolidation_pdf(consolidation))
    assert "ล่าช้า" not in pdf_text(consolidation_pdf(consolidation)).split("ทันกำหนด/ล่าช้า")[-1]
    assert "ทันกำหนด" in docx_text(consolidation_docx(consolidation))
    workbook = load_workbook(io.BytesIO(consolidation_xlsx(consolidation)))
    district_rows = [
        row for sheet in workbook for row in sheet.iter_rows(values_only=True) if rf.MUEANG in row
    ]
    assert district_rows and all("ทันกำหนด" in row and "ล่าช้า" not in row for row in district_rows)
    api = ApiClient(province).get(f"circulars/{circular.pk}/rates").json()
    assert (api["on_time"], api["late"]) == (1, 0)
    assert api["districts"][0]["on_time"] is True
    version_page = personas.client_for(province).get(reverse("reports:version", args=[report.pk, 2]))
    assert 'data-on-time="0">ล่าช้า<' in version_page.content.decode()  # the second submission was late
