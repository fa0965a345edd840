"""The demo shows a carry-over: Hua Ruea's plan of this year carried one FY2566 project over and dropped one."""

from io import StringIO

import pytest
from django.core.management import call_command

from tambonplan.funding.models import FundingEntry
from tambonplan.planning.models import CarryOver, Project
from tambonplan.thai.dates import current_fiscal_year


@pytest.mark.slow
def test_hua_ruea_carried_one_fy2566_project_over_and_dropped_one(db, settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=StringIO())

    reviews = CarryOver.objects.filter(plan__tambon_id="340104", plan__fiscal_year=current_fiscal_year())
    carried = Project.objects.get(plan__tambon_id="340104", carried_from__isnull=False)
    dropped = reviews.get(decision="drop")

    assert carried.carried_from.plan.fiscal_year == 2566
    assert reviews.filter(previous=carried.carried_from).exclude(decision="drop").exists()
    assert dropped.reason and dropped.previous.plan.fiscal_year == 2566
    for old in (carried.carried_from, dropped.previous):  # unfunded or unfinished: what the review offers
        funded = FundingEntry.objects.filter(project=old, status="secured").exists()
        assert not funded or old.status not in ("done", "not_done")
