from datetime import date

import pytest

from tambonplan.directives.demo import seed_circulars
from tambonplan.directives.models import Circular


@pytest.mark.django_db
def test_demo_circular_is_entered_once():
    assert seed_circulars() == 1
    assert seed_circulars() == 0
    circular = Circular.objects.get()
    assert circular.province_id == "34"
    assert circular.number == "อบ ๐๐๑๙/ว ๕๓๑"
    assert circular.issued_on == date(2023, 2, 14)
    assert circular.fiscal_year == 2566
    assert circular.report_due == date(2023, 5, 15)
    assert circular.instructions.count() == 7
    assert circular.instructions.get(number=7).due_on == date(2023, 5, 15)
    assert circular.instructions.get(number=3).text.startswith("ทบทวนคำสั่งแต่งตั้งคณะกรรมการบริหารงานตำบล")
    assert circular.enclosures.count() == 3
    assert circular.districts.count() == 25
    kinds = [e.extension for e in circular.enclosures.all()]
    assert kinds == ["pdf", "pdf", "xlsx"]
    for enclosure in circular.enclosures.all():
        with enclosure.file.open("rb") as handle:
            assert handle.read(4) in (b"%PDF", b"PK\x03\x04")
