"""Data migrations of plans, run on today's models."""

import importlib

from django.apps import apps

from tambonplan.planning.models import Need, NeedCategory
from tests.planning import factories as pf


def test_existing_projects_take_the_category_their_needs_share(db):
    migration = importlib.import_module("tambonplan.planning.migrations.0006_project_category")
    plan = pf.make_plan()
    health, infra = (NeedCategory.objects.get(name_th=name) for name in ("ด้านสาธารณสุข", "ด้านโครงสร้างพื้นฐาน"))
    dengue = Need.objects.create(plan=plan, category=health, description="ยุงลายชุกชุม")
    elderly = Need.objects.create(plan=plan, category=health, description="ผู้สูงอายุขาดผู้ดูแล")
    road = Need.objects.create(plan=plan, category=infra, description="ถนนชำรุด")
    shared = pf.add_project(plan, "พ่นหมอกควัน")
    shared.needs.set([dengue, elderly])
    mixed = pf.add_project(plan, "หลายด้าน")
    mixed.needs.set([dengue, road])
    chosen = pf.add_project(plan, "เลือกแล้ว", category=infra)
    chosen.needs.set([dengue])
    alone = pf.add_project(plan, "ไม่มีปัญหา")

    migration.category_from_needs(apps, None)

    for project in (shared, mixed, chosen, alone):
        project.refresh_from_db()
    assert (shared.category, mixed.category, chosen.category, alone.category) == (health, None, infra, None)
