"""The audit trail as users read it on a record's page."""

from tambonplan.core.audit import audit_trail
from tambonplan.planning import services
from tests.planning import factories as pf


def test_a_status_change_reads_in_thai_labels_not_codes(personas):
    plan = pf.make_plan()
    project = pf.add_project(plan)

    services.project_set_status(
        user=personas.district_officer, project=project, status="under_way", version=project.version
    )

    change = next(c for c in audit_trail(project)[0].changes if c.field == "สถานะ")
    assert (change.old, change.new) == ("เสนอ", "กำลังดำเนินการ")
